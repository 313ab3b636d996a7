//! Commands as async functions. Each reads as its story: which tier runs each part, in
//! order; the executor thread only polls them.

pub mod anoncreds;
pub mod cache;
pub mod crypto;
pub mod did;
pub mod executor;
pub mod ledger;
pub mod library;
pub mod non_secrets;
pub mod objects;
pub mod pairwise;
pub mod pool;
pub mod wallet;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering};

use futures::future::{FutureExt, LocalBoxFuture};

pub use executor::submit;

use crate::errors::{panic_error, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::{runtime, Runtime};
use wallet::WalletRegistry;

pub enum Command {
    Anoncreds(anoncreds::AnoncredsCommand),
    Wallet(wallet::WalletCommand),
    Did(did::DidCommand),
    Crypto(crypto::CryptoCommand),
    Pairwise(pairwise::PairwiseCommand),
    NonSecrets(non_secrets::NonSecretsCommand),
    Library(library::LibraryCommand),
    Ledger(ledger::LedgerCommand),
    Pool(pool::PoolCommand),
    Cache(cache::CacheCommand),
}

/// What commands share; it lives on the executor thread only.
pub struct Ctx {
    pub rt: &'static Runtime,
    pub wallets: RefCell<WalletRegistry>,
    pub searches: RefCell<std::collections::HashMap<i32, non_secrets::OpenSearch>>,
    pub pools: RefCell<pool::PoolRegistry>,
    in_flight: Cell<u64>,
    completed: Cell<u64>,
}

impl Ctx {
    fn new() -> Ctx {
        Ctx {
            rt: runtime(),
            wallets: RefCell::default(),
            searches: RefCell::default(),
            pools: RefCell::default(),
            in_flight: Cell::new(0),
            completed: Cell::new(0),
        }
    }
}

/// Every handle the library gives out (wallets, and later searches, pools…) comes from
/// this one counter, as in libindy.
pub fn next_handle() -> i32 {
    static NEXT: AtomicI32 = AtomicI32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn dispatch(ctx: Rc<Ctx>, command: Command) -> LocalBoxFuture<'static, ()> {
    ctx.in_flight.set(ctx.in_flight.get() + 1);
    let work = match command {
        Command::Wallet(command) => wallet::execute(ctx.clone(), command),
        Command::Anoncreds(command) => anoncreds::execute(ctx.clone(), command),
        Command::Did(command) => did::execute(ctx.clone(), command),
        Command::Crypto(command) => crypto::execute(ctx.clone(), command),
        Command::Pairwise(command) => pairwise::execute(ctx.clone(), command),
        Command::NonSecrets(command) => non_secrets::execute(ctx.clone(), command),
        Command::Library(command) => library::execute(ctx.clone(), command),
        Command::Ledger(command) => ledger::execute(ctx.clone(), command),
        Command::Pool(command) => pool::execute(ctx.clone(), command),
        Command::Cache(command) => cache::execute(ctx.clone(), command),
    };
    async move {
        work.await;
        ctx.in_flight.set(ctx.in_flight.get() - 1);
        ctx.completed.set(ctx.completed.get() + 1);
    }
    .boxed_local()
}

/// Runs a command body and answers its caller with the result; a panic in the body
/// answers `CommonInvalidState` with the panic's message.
fn answer<T, F>(responder: Responder<T>, body: F) -> LocalBoxFuture<'static, ()>
where
    T: Send + 'static,
    F: Future<Output = IndyResult<T>> + 'static,
{
    async move {
        let result = AssertUnwindSafe(body).catch_unwind().await.unwrap_or_else(|p| Err(panic_error(p, "command")));
        responder.respond(result);
    }
    .boxed_local()
}
