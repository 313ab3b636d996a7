//! The tiers that do the work: a cheap-crypto pool, an expensive-crypto pool at a lower
//! OS priority, the wallet storage thread, and the callback threads that answer callers.

pub mod callbacks;
pub mod chain;
pub mod config;
pub mod metrics;
pub mod network;
pub mod pool;
pub mod storage;

use std::sync::{Mutex, OnceLock};

use config::{RuntimeConfig, RuntimeConfigUpdate};
use pool::WorkerPool;
use storage::StorageTier;

use crate::errors::{set_collect_backtrace, IndyResult};

pub struct Runtime {
    pub cheap: WorkerPool,
    pub expensive: WorkerPool,
    pub callbacks: WorkerPool,
    pub storage: StorageTier,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();
static CONFIG: Mutex<Option<RuntimeConfig>> = Mutex::new(None);

/// The tiers, started on first use with the configuration set so far.
pub fn runtime() -> &'static Runtime {
    RUNTIME.get_or_init(|| {
        let config = current_config();
        Runtime {
            cheap: WorkerPool::new("cheap", config.cheap()),
            expensive: WorkerPool::new("expensive", config.expensive()),
            callbacks: WorkerPool::new("callback", config.callbacks()),
            storage: StorageTier::start(),
        }
    })
}

pub fn current_config() -> RuntimeConfig {
    CONFIG.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(RuntimeConfig::default).clone()
}

/// Applies a config update at once: pools already running start new threads with the new
/// settings, and their old threads finish what was queued to them.
pub fn configure(update: &RuntimeConfigUpdate) -> IndyResult<()> {
    let mut guard = CONFIG.lock().unwrap_or_else(|e| e.into_inner());
    let config = guard.get_or_insert_with(RuntimeConfig::default).updated(update)?;
    set_collect_backtrace(config.collect_backtrace);
    crate::storage::postgres_pool::set_max_connections(config.postgres_pool_size);
    if let Some(runtime) = RUNTIME.get() {
        runtime.cheap.reconfigure(config.cheap());
        runtime.expensive.reconfigure(config.expensive());
        runtime.callbacks.reconfigure(config.callbacks());
    }
    *guard = Some(config);
    Ok(())
}
