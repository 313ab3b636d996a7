//! `indy_set_runtime_config`: libindy's keys plus the tiers' own.

use serde::{Deserialize, Serialize};

use super::pool::PoolSettings;
use crate::errors::{IndyError, IndyResult};

/// Changes named by one `indy_set_runtime_config` call; absent keys keep their value.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeConfigUpdate {
    /// libindy's name for the expensive pool's size.
    pub crypto_thread_pool_size: Option<usize>,
    pub collect_backtrace: Option<bool>,
    /// Seconds; kept for the ledger (at least 300, as libindy).
    pub freshness_threshold: Option<u64>,
    pub cheap_thread_pool_size: Option<usize>,
    pub callback_thread_pool_size: Option<usize>,
    /// Unix nice value of the expensive pool's threads, 0 (normal) to 19 (lowest).
    pub expensive_thread_priority: Option<i32>,
    /// Stack size of the expensive pool's threads, in bytes.
    pub expensive_thread_stack_size: Option<usize>,
    /// Most PostgreSQL connections this process opens, over all wallets and servers.
    pub postgres_pool_size: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuntimeConfig {
    pub crypto_thread_pool_size: usize,
    pub collect_backtrace: bool,
    pub freshness_threshold: u64,
    pub cheap_thread_pool_size: usize,
    pub callback_thread_pool_size: usize,
    pub expensive_thread_priority: i32,
    pub expensive_thread_stack_size: usize,
    pub postgres_pool_size: usize,
}

const MAX_THREADS: usize = 1024;
const MIN_STACK: usize = 64 * 1024;

impl Default for RuntimeConfig {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        RuntimeConfig {
            crypto_thread_pool_size: cores.saturating_sub(1).max(1),
            collect_backtrace: false,
            freshness_threshold: 600,
            cheap_thread_pool_size: cores,
            callback_thread_pool_size: 4,
            expensive_thread_priority: 10,
            expensive_thread_stack_size: 8 * 1024 * 1024,
            postgres_pool_size: crate::storage::postgres_pool::DEFAULT_MAX_CONNECTIONS,
        }
    }
}

impl RuntimeConfig {
    pub fn parse_update(json: &str) -> IndyResult<RuntimeConfigUpdate> {
        serde_json::from_str(json).map_err(|e| IndyError::invalid_structure(format!("Invalid runtime config: {e}")))
    }

    /// The config with `update` applied, or what is wrong with it (nothing changes then).
    pub fn updated(&self, update: &RuntimeConfigUpdate) -> IndyResult<RuntimeConfig> {
        let threads = |name: &str, value: Option<usize>, current: usize| match value {
            Some(n) if n == 0 || n > MAX_THREADS => {
                Err(IndyError::invalid_structure(format!("{name} must be between 1 and {MAX_THREADS}, got {n}")))
            }
            Some(n) => Ok(n),
            None => Ok(current),
        };
        let priority = match update.expensive_thread_priority {
            Some(p) if !(0..=19).contains(&p) => {
                return Err(IndyError::invalid_structure(format!(
                    "expensive_thread_priority is a nice value from 0 to 19, got {p}"
                )))
            }
            Some(p) => p,
            None => self.expensive_thread_priority,
        };
        let stack = match update.expensive_thread_stack_size {
            Some(s) if s < MIN_STACK => {
                return Err(IndyError::invalid_structure(format!(
                    "expensive_thread_stack_size must be at least {MIN_STACK} bytes, got {s}"
                )))
            }
            Some(s) => s,
            None => self.expensive_thread_stack_size,
        };
        Ok(RuntimeConfig {
            crypto_thread_pool_size: threads(
                "crypto_thread_pool_size",
                update.crypto_thread_pool_size,
                self.crypto_thread_pool_size,
            )?,
            collect_backtrace: update.collect_backtrace.unwrap_or(self.collect_backtrace),
            freshness_threshold: update.freshness_threshold.map_or(self.freshness_threshold, |t| t.max(300)),
            cheap_thread_pool_size: threads(
                "cheap_thread_pool_size",
                update.cheap_thread_pool_size,
                self.cheap_thread_pool_size,
            )?,
            callback_thread_pool_size: threads(
                "callback_thread_pool_size",
                update.callback_thread_pool_size,
                self.callback_thread_pool_size,
            )?,
            expensive_thread_priority: priority,
            expensive_thread_stack_size: stack,
            postgres_pool_size: threads("postgres_pool_size", update.postgres_pool_size, self.postgres_pool_size)?,
        })
    }

    pub fn cheap(&self) -> PoolSettings {
        PoolSettings { threads: self.cheap_thread_pool_size, nice: 0, stack_size: None }
    }

    pub fn expensive(&self) -> PoolSettings {
        PoolSettings {
            threads: self.crypto_thread_pool_size,
            nice: self.expensive_thread_priority,
            stack_size: Some(self.expensive_thread_stack_size),
        }
    }

    pub fn callbacks(&self) -> PoolSettings {
        PoolSettings { threads: self.callback_thread_pool_size, nice: 0, stack_size: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libindy_keys_and_ours_apply() {
        let update = RuntimeConfig::parse_update(
            r#"{"crypto_thread_pool_size": 3, "collect_backtrace": true, "freshness_threshold": 10,
                "cheap_thread_pool_size": 5, "expensive_thread_priority": 19}"#,
        )
        .unwrap();
        let config = RuntimeConfig::default().updated(&update).unwrap();
        assert_eq!(config.crypto_thread_pool_size, 3);
        assert_eq!(config.cheap_thread_pool_size, 5);
        assert_eq!(config.freshness_threshold, 300, "libindy's floor");
        assert!(config.collect_backtrace);
        assert_eq!(config.expensive().nice, 19);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused() {
        assert!(RuntimeConfig::parse_update(r#"{"threads": 3}"#).is_err());
        assert!(RuntimeConfig::parse_update(r#"{"crypto_thread_pool_size": "3"}"#).is_err());
        for bad in [
            r#"{"crypto_thread_pool_size": 0}"#,
            r#"{"expensive_thread_priority": 20}"#,
            r#"{"expensive_thread_priority": -1}"#,
            r#"{"expensive_thread_stack_size": 1}"#,
            r#"{"postgres_pool_size": 0}"#,
        ] {
            let update = RuntimeConfig::parse_update(bad).unwrap();
            assert!(RuntimeConfig::default().updated(&update).is_err(), "{bad}");
        }
    }
}
