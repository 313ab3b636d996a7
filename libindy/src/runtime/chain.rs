//! A command's parts on several tiers, each handing its result straight to the next part's
//! tier: the command's future wakes once, when the last part is done, instead of after
//! every part. A thread woken from idle costs tens of µs on a small machine, and a wallet
//! read (address on the cheap tier → storage → decryption on the cheap tier) through the
//! executor took eight such hops.

use std::future::Future;

use std::panic::{catch_unwind, AssertUnwindSafe};

use futures::channel::oneshot;

use super::callbacks::Responder;
use super::pool::WorkerPool;
use super::storage::Slot;
use crate::errors::{panic_error, IndyError, IndyResult};
use crate::storage::WalletStorage;

type Next<T> = Box<dyn FnOnce(IndyResult<T>) + Send>;

/// Parts not started yet; `run` starts them. A failed part skips the rest (a skipped
/// storage part gives its place in the wallet's order up).
#[must_use = "a chain does nothing until it is run"]
pub struct Chain<T> {
    start: Box<dyn FnOnce(Next<T>) + Send>,
}

impl<T: Send + 'static> Chain<T> {
    /// A first part on `pool`.
    pub fn on(pool: &'static WorkerPool, part: impl FnOnce() -> IndyResult<T> + Send + 'static) -> Chain<T> {
        Chain { start: Box::new(move |next| pool.run_then(part, next)) }
    }

    /// A part on `pool` taking the previous part's result.
    pub fn then_on<U: Send + 'static>(
        self,
        pool: &'static WorkerPool,
        part: impl FnOnce(T) -> IndyResult<U> + Send + 'static,
    ) -> Chain<U> {
        self.then(move |value, next| pool.run_then(move || part(value), next))
    }

    /// A part in the wallet's order, at `slot`, taking the previous part's result; it
    /// passes on once its transaction is durable.
    pub fn then_store<U: Send + 'static>(
        self,
        slot: Slot,
        part: impl FnOnce(&mut dyn WalletStorage, T) -> IndyResult<U> + Send + 'static,
    ) -> Chain<U> {
        self.then(move |value, next| slot.run_then(move |storage| part(storage, value), next))
    }

    /// A small step on whichever thread ran the previous part (no hop of its own).
    pub fn map<U: Send + 'static>(self, step: impl FnOnce(T) -> IndyResult<U> + Send + 'static) -> Chain<U> {
        self.then(move |value, next| {
            next(catch_unwind(AssertUnwindSafe(|| step(value))).unwrap_or_else(|p| Err(panic_error(p, "command"))))
        })
    }

    fn then<U: Send + 'static>(self, submit: impl FnOnce(T, Next<U>) + Send + 'static) -> Chain<U> {
        Chain {
            start: Box::new(move |next: Next<U>| {
                (self.start)(Box::new(move |result| match result {
                    Ok(value) => submit(value, next),
                    Err(e) => next(Err(e)),
                }))
            }),
        }
    }

    /// Starts the parts; the last one answers the caller.
    pub fn respond(self, responder: Responder<T>) {
        (self.start)(Box::new(move |result| responder.respond(result)));
    }

    /// Starts the parts; the result of the last comes back.
    pub fn run(self) -> impl Future<Output = IndyResult<T>> {
        let (tx, rx) = oneshot::channel();
        (self.start)(Box::new(move |result| {
            let _ = tx.send(result); // the command may be gone; nothing else to do
        }));
        async move {
            rx.await.unwrap_or_else(|_| Err(IndyError::invalid_state("A part of the command ended without answering")))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::errors::ErrorCode;
    use crate::runtime::pool::PoolSettings;
    use crate::runtime::storage::StorageTier;
    use crate::storage::sqlite::{self, SqliteStorage};
    use crate::storage::{RecordId, StorageRecord};

    fn pool() -> &'static WorkerPool {
        static POOL: OnceLock<WorkerPool> = OnceLock::new();
        POOL.get_or_init(|| WorkerPool::new("chain-test", PoolSettings { threads: 2, nice: 0, stack_size: None }))
    }

    fn open_wallet(tier: &StorageTier, dir: &std::path::Path) {
        let file = sqlite::wallet_file("chain", dir.to_str());
        sqlite::create(&file, b"meta").unwrap();
        let opened = tier.open(1, move || Ok((Box::new(SqliteStorage::open(&file)?) as Box<dyn WalletStorage>, ())));
        futures::executor::block_on(opened).unwrap();
    }

    fn record(name: &str) -> StorageRecord {
        StorageRecord {
            id: RecordId { type_: b"t".to_vec(), name: name.as_bytes().to_vec() },
            value: b"v".to_vec(),
            key: b"k".to_vec(),
            tags: vec![],
        }
    }

    #[test]
    fn parts_pass_results_along_the_tiers() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start();
        open_wallet(&tier, dir.path());
        let stored = Chain::on(pool(), || Ok(record("a")))
            .then_store(tier.reserve(1), |storage, record| {
                storage.add(&record)?;
                Ok(storage.get(&record.id, false)?.value)
            })
            .then_on(pool(), |value| Ok(String::from_utf8(value).unwrap() + "!"));
        assert_eq!(futures::executor::block_on(stored.run()).unwrap(), "v!");
    }

    #[test]
    fn a_failed_part_skips_the_rest_and_gives_its_place_up() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start();
        open_wallet(&tier, dir.path());
        let failed = Chain::on(pool(), || Err::<StorageRecord, _>(IndyError::invalid_structure("bad input")))
            .then_store(tier.reserve(1), |storage, record| Ok(storage.add(&record)?))
            .then_on(pool(), |()| -> IndyResult<()> { panic!("skipped") });
        // Reserved after the failing chain: it runs only if the failed part gave its place up.
        let later = tier.reserve(1).run(|storage| Ok(storage.add(&record("b"))?));
        let error = futures::executor::block_on(failed.run()).unwrap_err();
        assert_eq!(error.kind, ErrorCode::CommonInvalidStructure);
        futures::executor::block_on(later).unwrap();

        let panicked = Chain::on(pool(), || Ok(1)).then_on(pool(), |_| -> IndyResult<()> { panic!("boom") });
        let error = futures::executor::block_on(panicked.run()).unwrap_err();
        assert!(error.message.contains("boom"), "{error:?}");
    }
}
