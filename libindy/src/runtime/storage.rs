//! The wallet storage thread: it owns every open wallet's storage and runs each wallet's
//! operations in the order their commands were accepted.
//!
//! A command reserves its place in its wallet's queue when the executor accepts it, does
//! its crypto elsewhere, then fills the place with the storage work. The thread runs a
//! wallet's filled places front to back and waits at an unfilled one; other wallets go on.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crossbeam_channel::{unbounded, Receiver, Sender};
use futures::channel::oneshot;

use super::metrics::TierMetrics;
use crate::errors::{panic_error, ErrorCode, IndyError, IndyResult};
use crate::storage::WalletStorage;

pub type WalletHandle = i32;

/// What the storage thread owns: the storage of every open wallet.
#[derive(Default)]
pub struct OpenStorages {
    wallets: HashMap<WalletHandle, Box<dyn WalletStorage>>,
}

impl OpenStorages {
    pub fn attach(&mut self, wallet: WalletHandle, storage: Box<dyn WalletStorage>) {
        self.wallets.insert(wallet, storage);
    }

    pub fn detach(&mut self, wallet: WalletHandle) -> Option<Box<dyn WalletStorage>> {
        self.wallets.remove(&wallet)
    }

    pub fn get(&mut self, wallet: WalletHandle) -> IndyResult<&mut dyn WalletStorage> {
        match self.wallets.get_mut(&wallet) {
            Some(storage) => Ok(storage.as_mut()),
            None => Err(IndyError::new(
                ErrorCode::WalletInvalidHandle,
                format!("No open storage for wallet handle {wallet}"),
            )),
        }
    }

    pub fn len(&self) -> usize {
        self.wallets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.wallets.is_empty()
    }
}

type StorageJob = Box<dyn FnOnce(&mut OpenStorages) + Send>;
type SlotId = u64;

enum Message {
    Reserve {
        wallet: WalletHandle,
        slot: SlotId,
    },
    /// `None` gives the place up: the command failed before reaching storage.
    Fill {
        slot: SlotId,
        job: Option<StorageJob>,
        submitted: Instant,
    },
    Run {
        job: StorageJob,
        submitted: Instant,
    },
}

pub struct StorageTier {
    sender: Sender<Message>,
    next_slot: AtomicU64,
    metrics: Arc<TierMetrics>,
}

impl StorageTier {
    pub fn start() -> StorageTier {
        let (sender, receiver) = unbounded();
        let metrics = Arc::new(TierMetrics::default());
        let thread_metrics = metrics.clone();
        std::thread::Builder::new()
            .name("indy-storage".into())
            .spawn(move || StorageThread::new(thread_metrics).run(receiver))
            .expect("the storage thread starts");
        StorageTier { sender, next_slot: AtomicU64::new(1), metrics }
    }

    pub fn metrics(&self) -> &TierMetrics {
        &self.metrics
    }

    /// Runs `job` on the storage thread outside any wallet's order (create, open, delete).
    pub fn run<T, F>(&self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce(&mut OpenStorages) -> IndyResult<T> + Send + 'static,
    {
        let (job, answer) = answered(job);
        self.metrics.submitted();
        let _ = self.sender.send(Message::Run { job, submitted: Instant::now() });
        answer
    }

    /// Takes the next place in `wallet`'s order. Call it when the command is accepted.
    pub fn reserve(&self, wallet: WalletHandle) -> Slot {
        let slot = self.next_slot.fetch_add(1, Ordering::Relaxed);
        let _ = self.sender.send(Message::Reserve { wallet, slot });
        Slot { sender: self.sender.clone(), metrics: self.metrics.clone(), wallet, slot: Some(slot) }
    }
}

/// A reserved place in one wallet's order; dropping it unused gives the place up.
pub struct Slot {
    sender: Sender<Message>,
    metrics: Arc<TierMetrics>,
    wallet: WalletHandle,
    slot: Option<SlotId>,
}

impl Slot {
    /// Runs `job` on this wallet's storage once every earlier place has run.
    pub fn run<T, F>(self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn WalletStorage) -> IndyResult<T> + Send + 'static,
    {
        let wallet = self.wallet;
        self.run_with_all(move |storages| job(storages.get(wallet)?))
    }

    /// Like `run`, with every open storage at hand (closing detaches one).
    pub fn run_with_all<T, F>(mut self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce(&mut OpenStorages) -> IndyResult<T> + Send + 'static,
    {
        let (job, answer) = answered(job);
        self.metrics.submitted();
        if let Some(slot) = self.slot.take() {
            let _ = self.sender.send(Message::Fill { slot, job: Some(job), submitted: Instant::now() });
        }
        answer
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(slot) = self.slot.take() {
            let _ = self.sender.send(Message::Fill { slot, job: None, submitted: Instant::now() });
        }
    }
}

/// Wraps `job` so that its result, or its panic as an error, answers a future.
fn answered<T, F>(job: F) -> (StorageJob, impl Future<Output = IndyResult<T>>)
where
    T: Send + 'static,
    F: FnOnce(&mut OpenStorages) -> IndyResult<T> + Send + 'static,
{
    let (tx, rx) = oneshot::channel();
    let job: StorageJob = Box::new(move |storages| {
        let result =
            catch_unwind(AssertUnwindSafe(|| job(storages))).unwrap_or_else(|p| Err(panic_error(p, "storage job")));
        let _ = tx.send(result);
    });
    let answer = async move {
        rx.await.unwrap_or_else(|_| Err(IndyError::invalid_state("The storage thread stopped before answering")))
    };
    (job, answer)
}

struct Place {
    slot: SlotId,
    job: Option<(StorageJob, Instant)>,
}

struct StorageThread {
    storages: OpenStorages,
    queues: HashMap<WalletHandle, VecDeque<Place>>,
    owners: HashMap<SlotId, WalletHandle>,
    metrics: Arc<TierMetrics>,
}

impl StorageThread {
    fn new(metrics: Arc<TierMetrics>) -> StorageThread {
        StorageThread { storages: OpenStorages::default(), queues: HashMap::new(), owners: HashMap::new(), metrics }
    }

    fn run(mut self, receiver: Receiver<Message>) {
        for message in receiver.iter() {
            match message {
                Message::Reserve { wallet, slot } => {
                    self.owners.insert(slot, wallet);
                    self.queues.entry(wallet).or_default().push_back(Place { slot, job: None });
                }
                Message::Fill { slot, job, submitted } => self.fill(slot, job.map(|job| (job, submitted))),
                Message::Run { job, submitted } => self.execute(job, submitted),
            }
        }
    }

    fn fill(&mut self, slot: SlotId, job: Option<(StorageJob, Instant)>) {
        let Some(wallet) = self.owners.remove(&slot) else {
            return;
        };
        let Some(queue) = self.queues.get_mut(&wallet) else {
            return;
        };
        match job {
            Some(job) => {
                if let Some(place) = queue.iter_mut().find(|p| p.slot == slot) {
                    place.job = Some(job);
                }
            }
            None => queue.retain(|p| p.slot != slot),
        }
        while let Some(Place { job: Some(_), .. }) = self.queues.get(&wallet).and_then(|q| q.front()) {
            let place = self.queues.get_mut(&wallet).and_then(|q| q.pop_front());
            if let Some(Place { job: Some((job, submitted)), .. }) = place {
                self.execute(job, submitted);
            }
        }
        if self.queues.get(&wallet).is_some_and(|q| q.is_empty()) {
            self.queues.remove(&wallet);
        }
    }

    fn execute(&mut self, job: StorageJob, submitted: Instant) {
        self.metrics.started();
        job(&mut self.storages); // panics are caught inside `answered`
        self.metrics.completed(submitted.elapsed());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::{RecordId, StorageError, StorageRecord, StorageResult, StoredValue};
    use std::sync::Mutex;

    /// Records the order of operations it sees.
    struct Log(Arc<Mutex<Vec<String>>>);

    impl WalletStorage for Log {
        fn get(&mut self, _: &RecordId, _: bool) -> StorageResult<StoredValue> {
            Err(StorageError::ItemNotFound)
        }
        fn add(&mut self, record: &StorageRecord) -> StorageResult<()> {
            self.0.lock().unwrap().push(String::from_utf8(record.value.clone()).unwrap());
            Ok(())
        }
        fn upsert(&mut self, record: &StorageRecord) -> StorageResult<()> {
            self.add(record)
        }
        fn delete(&mut self, _: &RecordId) -> StorageResult<()> {
            Ok(())
        }
        fn list(&mut self, _: &[u8]) -> StorageResult<Vec<StorageRecord>> {
            Ok(vec![])
        }
        fn metadata(&mut self) -> StorageResult<Vec<u8>> {
            Ok(vec![])
        }
        fn set_metadata(&mut self, _: &[u8]) -> StorageResult<()> {
            Ok(())
        }
    }

    fn record(value: &str) -> StorageRecord {
        StorageRecord {
            id: RecordId { type_: vec![], name: vec![] },
            value: value.as_bytes().to_vec(),
            key: vec![],
            tags: vec![],
        }
    }

    #[test]
    fn places_run_in_reservation_order_whatever_the_fill_order() {
        let tier = StorageTier::start();
        let log = Arc::new(Mutex::new(Vec::new()));
        let storage = Log(log.clone());
        futures::executor::block_on(tier.run(move |s| {
            s.attach(1, Box::new(storage));
            Ok(())
        }))
        .unwrap();

        let first = tier.reserve(1);
        let given_up = tier.reserve(1);
        let second = tier.reserve(1);
        let other_wallet = tier.reserve(2);
        let b = second.run(|s| s.add(&record("second")).map_err(Into::into));
        let missing = other_wallet.run(|_| Ok(()));
        drop(given_up);
        assert!(log.lock().unwrap().is_empty(), "the second waits for the first");
        let a = first.run(|s| s.add(&record("first")).map_err(Into::into));
        futures::executor::block_on(async { (a.await.unwrap(), b.await.unwrap()) });
        assert_eq!(*log.lock().unwrap(), ["first", "second"]);
        let err = futures::executor::block_on(missing).unwrap_err();
        assert_eq!(err.kind, ErrorCode::WalletInvalidHandle);
    }

    #[test]
    fn a_panicking_job_answers_with_an_error() {
        let tier = StorageTier::start();
        let err = futures::executor::block_on(tier.run::<(), _>(|_| panic!("disk on fire"))).unwrap_err();
        assert!(err.message.contains("disk on fire"));
        assert_eq!(futures::executor::block_on(tier.run(|s| Ok(s.len()))).unwrap(), 0);
    }
}
