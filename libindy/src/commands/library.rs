//! Library-wide commands: metrics, the protocol version, and the panic test hook.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures::future::LocalBoxFuture;
use serde_json::json;

use super::{answer, Ctx};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::{command_counts, Responder};
use crate::runtime::current_config;

pub enum LibraryCommand {
    CollectMetrics { cb: Responder<String> },
    SetProtocolVersion { version: u64, cb: Responder<()> },
    TestPanic { place: PanicPlace, cb: Responder<()> },
}

/// Where the test hook panics.
#[derive(Debug, Clone, Copy)]
pub enum PanicPlace {
    CommandBody,
    CheapWorker,
}

pub fn execute(ctx: Rc<Ctx>, command: LibraryCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        LibraryCommand::CollectMetrics { cb } => answer(cb, async move { Ok(metrics(&ctx)) }),
        LibraryCommand::SetProtocolVersion { version, cb } => answer(cb, async move { set_protocol_version(version) }),
        LibraryCommand::TestPanic { place, cb } => answer(cb, test_panic(ctx, place)),
    }
}

static PROTOCOL_VERSION: AtomicU64 = AtomicU64::new(2);

/// The ledger protocol version for request builders (1 or 2, libindy's default 2).
pub fn protocol_version() -> u64 {
    PROTOCOL_VERSION.load(Ordering::Relaxed)
}

fn set_protocol_version(version: u64) -> IndyResult<()> {
    if !(1..=2).contains(&version) {
        return Err(IndyError::new(
            ErrorCode::PoolIncompatibleProtocolVersion,
            format!("Unsupported protocol version {version}: use 1 or 2"),
        ));
    }
    PROTOCOL_VERSION.store(version, Ordering::Relaxed);
    Ok(())
}

/// libindy 1.16's flat counters, then every tier's.
fn metrics(ctx: &Ctx) -> String {
    let wallets = ctx.wallets.borrow();
    let (in_flight, answered) = command_counts();
    let expensive = ctx.rt.expensive.metrics().snapshot();
    let config = current_config();
    json!({
        "threadpool_active_count": expensive.running,
        "threadpool_queued_count": expensive.queued,
        "threadpool_max_count": config.crypto_thread_pool_size,
        "threadpool_panic_count": expensive.panicked,
        "opened_wallets_count": wallets.open_count(),
        "opened_wallet_ids_count": wallets.open_count(),
        "pending_for_import_wallets_count": 0,
        "pending_for_open_wallets_count": wallets.pending_count(),
        "executor": {
            "commands_in_flight": in_flight,
            "commands_completed": answered,
        },
        "tiers": {
            "cheap": ctx.rt.cheap.metrics().snapshot(),
            "expensive": expensive,
            "storage": ctx.rt.storage.metrics().snapshot(),
            "callback": ctx.rt.callbacks.metrics().snapshot(),
        },
        "config": config,
    })
    .to_string()
}

async fn test_panic(ctx: Rc<Ctx>, place: PanicPlace) -> IndyResult<()> {
    match place {
        PanicPlace::CommandBody => panic!("test panic in a command body"),
        PanicPlace::CheapWorker => {
            ctx.rt.cheap.run(|| -> IndyResult<()> { panic!("test panic in a cheap worker") }).await
        }
    }
}
