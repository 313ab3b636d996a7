//! Wallet storage threads: each open wallet has its own thread owning its storage, so one
//! wallet's slow commit never delays another's reads; wallet files are created and
//! deleted on one more thread.
//!
//! A command reserves its place in its wallet's order when the executor accepts it, does
//! its crypto elsewhere, then fills the place with its storage work. The wallet's thread
//! runs the filled places front to back, and waits at one not yet filled. All the places
//! ready at once run in one transaction (group commit), and they are answered only after
//! it is durable.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crossbeam_channel::{unbounded, Receiver, Sender};
use futures::channel::oneshot;

use super::metrics::TierMetrics;
use crate::errors::{panic_error, ErrorCode, IndyError, IndyResult};
use crate::storage::WalletStorage;

pub type WalletHandle = i32;

/// The most places one group transaction takes: bounds the wait of the first of them.
const GROUP_LIMIT: usize = 512;

/// How long ready places wait for the places behind them to fill, at most.
const GATHER_WINDOW: std::time::Duration = std::time::Duration::from_micros(1000);

/// Storage work; it returns how to answer once the outcome of its group's commit is known.
type Job = Box<dyn FnOnce(&mut dyn WalletStorage) -> Answer + Send>;
type Answer = Box<dyn FnOnce(IndyResult<()>) + Send>;
type SlotId = u64;

enum Work {
    Job(Job),
    /// Commit what came before, drop the storage, end the thread.
    Close(oneshot::Sender<IndyResult<()>>),
}

enum Message {
    Reserve(SlotId),
    /// `None` gives the place up: the command failed before reaching storage.
    Fill(SlotId, Option<Work>, Instant),
}

pub struct StorageTier {
    files: Sender<Box<dyn FnOnce() + Send>>,
    wallets: Mutex<HashMap<WalletHandle, Sender<Message>>>,
    next_slot: AtomicU64,
    metrics: Arc<TierMetrics>,
}

impl StorageTier {
    pub fn start() -> StorageTier {
        let (files, jobs) = unbounded::<Box<dyn FnOnce() + Send>>();
        std::thread::Builder::new()
            .name("indy-files".into())
            .spawn(move || jobs.iter().for_each(|job| job()))
            .expect("the files thread starts");
        StorageTier {
            files,
            wallets: Mutex::new(HashMap::new()),
            next_slot: AtomicU64::new(1),
            metrics: Arc::new(TierMetrics::default()),
        }
    }

    pub fn metrics(&self) -> &TierMetrics {
        &self.metrics
    }

    /// Runs file work (create, delete, checks) on the files thread, outside any wallet.
    pub fn run_file_job<T, F>(&self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce() -> IndyResult<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let metrics = self.metrics.clone();
        let submitted = Instant::now();
        metrics.submitted();
        let _ = self.files.send(Box::new(move || {
            metrics.started();
            let result = catch_unwind(AssertUnwindSafe(job)).unwrap_or_else(|p| Err(panic_error(p, "file job")));
            metrics.completed(submitted.elapsed());
            let _ = tx.send(result);
        }));
        async move { rx.await.unwrap_or_else(|_| Err(IndyError::invalid_state("The files thread stopped"))) }
    }

    /// Starts `wallet`'s storage thread, which opens the storage with `opener` and keeps it.
    pub fn open<T, F>(&self, wallet: WalletHandle, opener: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce() -> IndyResult<(Box<dyn WalletStorage>, T)> + Send + 'static,
    {
        let (sender, receiver) = unbounded();
        let (tx, rx) = oneshot::channel();
        let metrics = self.metrics.clone();
        let spawned = std::thread::Builder::new().name(format!("indy-wallet-{wallet}")).spawn(move || {
            let opened = catch_unwind(AssertUnwindSafe(opener)).unwrap_or_else(|p| Err(panic_error(p, "wallet open")));
            match opened {
                Ok((storage, value)) => {
                    let _ = tx.send(Ok(value));
                    WalletThread { storage, queue: VecDeque::new(), metrics }.run(receiver);
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                }
            }
        });
        let registered = match spawned {
            Ok(_) => {
                self.wallets.lock().unwrap_or_else(|e| e.into_inner()).insert(wallet, sender);
                Ok(())
            }
            Err(e) => Err(IndyError::invalid_state(format!("Cannot start a storage thread: {e}"))),
        };
        async move {
            registered?;
            rx.await.unwrap_or_else(|_| Err(IndyError::invalid_state("The wallet's storage thread stopped")))
        }
    }

    /// Forgets a wallet whose thread has ended (after `Slot::close` or a failed open).
    pub fn forget(&self, wallet: WalletHandle) {
        self.wallets.lock().unwrap_or_else(|e| e.into_inner()).remove(&wallet);
    }

    /// Takes the next place in `wallet`'s order. Call it when the command is accepted.
    pub fn reserve(&self, wallet: WalletHandle) -> Slot {
        let slot = self.next_slot.fetch_add(1, Ordering::Relaxed);
        let sender = self.wallets.lock().unwrap_or_else(|e| e.into_inner()).get(&wallet).cloned();
        if let Some(sender) = &sender {
            let _ = sender.send(Message::Reserve(slot));
        }
        Slot { sender, metrics: self.metrics.clone(), wallet, slot: Some(slot) }
    }
}

/// A reserved place in one wallet's order; dropping it unused gives the place up.
pub struct Slot {
    sender: Option<Sender<Message>>,
    metrics: Arc<TierMetrics>,
    wallet: WalletHandle,
    slot: Option<SlotId>,
}

impl Slot {
    /// Runs `job` on the wallet's storage once every earlier place has run; answers after
    /// its transaction is durable.
    pub fn run<T, F>(self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn WalletStorage) -> IndyResult<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let wallet = self.wallet;
        self.run_then(job, move |result| {
            let _ = tx.send(result);
        });
        async move { rx.await.unwrap_or_else(|_| Err(closed(wallet))) }
    }

    /// Like `run`, but hands the outcome to `next` on the storage thread once its
    /// transaction is durable (or at once, here, when the wallet has no storage). `next`
    /// must not panic: it passes the outcome on.
    pub fn run_then<T, F, N>(mut self, job: F, next: N)
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn WalletStorage) -> IndyResult<T> + Send + 'static,
        N: FnOnce(IndyResult<T>) + Send + 'static,
    {
        if self.sender.is_none() {
            return next(Err(closed(self.wallet)));
        }
        let job: Job = Box::new(move |storage| {
            let result =
                catch_unwind(AssertUnwindSafe(|| job(storage))).unwrap_or_else(|p| Err(panic_error(p, "storage job")));
            Box::new(move |committed: IndyResult<()>| next(result.and_then(|value| committed.map(|()| value))))
        });
        // A failed send means the thread ended: dropping `next` unanswered says so.
        let _ = self.fill(Work::Job(job));
    }

    /// Closes the storage after every earlier place has run.
    pub fn close(mut self) -> impl Future<Output = IndyResult<()>> {
        let (tx, rx) = oneshot::channel();
        let sent = self.fill(Work::Close(tx));
        let wallet = self.wallet;
        async move {
            sent?;
            rx.await.unwrap_or_else(|_| Err(closed(wallet)))
        }
    }

    fn fill(&mut self, work: Work) -> IndyResult<()> {
        let (Some(sender), Some(slot)) = (&self.sender, self.slot.take()) else {
            return Err(closed(self.wallet));
        };
        self.metrics.submitted();
        sender.send(Message::Fill(slot, Some(work), Instant::now())).map_err(|_| closed(self.wallet))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let (Some(sender), Some(slot)) = (&self.sender, self.slot.take()) {
            let _ = sender.send(Message::Fill(slot, None, Instant::now()));
        }
    }
}

fn closed(wallet: WalletHandle) -> IndyError {
    IndyError::new(ErrorCode::WalletInvalidHandle, format!("Wallet handle {wallet} has no open storage"))
}

struct Place {
    slot: SlotId,
    work: Option<(Work, Instant)>,
}

struct WalletThread {
    storage: Box<dyn WalletStorage>,
    queue: VecDeque<Place>,
    metrics: Arc<TierMetrics>,
}

impl WalletThread {
    fn run(mut self, receiver: Receiver<Message>) {
        while let Ok(message) = receiver.recv() {
            self.take(message);
            // Everything already sent joins this round.
            while let Ok(message) = receiver.try_recv() {
                self.take(message);
            }
            self.gather(&receiver);
            while let Some(ready) = self.ready_front() {
                let closing = self.execute(ready);
                if let Some(done) = closing {
                    drop(self.storage);
                    let _ = done.send(Ok(()));
                    return;
                }
                self.gather(&receiver);
            }
        }
    }

    /// Group commit: when places are ready but others behind them are still being filled
    /// (their commands are on the cheap tier), wait briefly for those to join the same
    /// transaction. One command alone never waits.
    fn gather(&mut self, receiver: &Receiver<Message>) {
        let deadline = Instant::now() + GATHER_WINDOW;
        while self.queue.front().is_some_and(|p| p.work.is_some())
            && self.queue.iter().take(GROUP_LIMIT).any(|p| p.work.is_none())
        {
            match receiver.recv_deadline(deadline) {
                Ok(message) => self.take(message),
                Err(_) => break,
            }
        }
    }

    fn take(&mut self, message: Message) {
        match message {
            Message::Reserve(slot) => self.queue.push_back(Place { slot, work: None }),
            Message::Fill(slot, Some(work), at) => {
                if let Some(place) = self.queue.iter_mut().find(|p| p.slot == slot) {
                    place.work = Some((work, at));
                }
            }
            Message::Fill(slot, None, _) => self.queue.retain(|p| p.slot != slot),
        }
    }

    /// The filled places at the front of the queue, up to a close or the group limit.
    fn ready_front(&mut self) -> Option<Vec<(Work, Instant)>> {
        let mut ready = Vec::new();
        while ready.len() < GROUP_LIMIT && self.queue.front().is_some_and(|p| p.work.is_some()) {
            let place = self.queue.pop_front().and_then(|p| p.work).expect("checked filled");
            let is_close = matches!(place.0, Work::Close(_));
            ready.push(place);
            if is_close {
                break;
            }
        }
        (!ready.is_empty()).then_some(ready)
    }

    /// Runs one group in one transaction and answers it; gives back a close request.
    fn execute(&mut self, group: Vec<(Work, Instant)>) -> Option<oneshot::Sender<IndyResult<()>>> {
        // Without a group transaction each change still commits durably on its own.
        let grouped = match self.storage.begin() {
            Ok(()) => true,
            Err(e) => {
                log::warn!("group commit unavailable, committing one by one: {e}");
                false
            }
        };
        let mut answers = Vec::with_capacity(group.len());
        let mut close = None;
        for (work, submitted) in group {
            match work {
                Work::Job(job) => {
                    self.metrics.started();
                    answers.push((job(self.storage.as_mut()), submitted));
                }
                Work::Close(done) => close = Some(done),
            }
        }
        let committed = if grouped { self.storage.commit().map_err(IndyError::from) } else { Ok(()) };
        self.metrics.group_committed();
        for (answer, submitted) in answers {
            // Counted before answering, so whoever sees the answer sees the count.
            self.metrics.completed(submitted.elapsed());
            answer(committed.clone());
        }
        close
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::sqlite::{self, SqliteStorage};
    use crate::storage::{RecordId, StorageRecord};

    fn record(name: &str) -> StorageRecord {
        StorageRecord {
            id: RecordId { type_: b"t".to_vec(), name: name.as_bytes().to_vec() },
            value: b"v".to_vec(),
            key: b"k".to_vec(),
            tags: vec![],
        }
    }

    fn open(tier: &StorageTier, wallet: WalletHandle, dir: &std::path::Path) {
        let file = sqlite::wallet_file(&format!("w{wallet}"), dir.to_str());
        sqlite::create(&file, b"meta").unwrap();
        futures::executor::block_on(
            tier.open(wallet, move || Ok((Box::new(SqliteStorage::open(&file)?) as Box<dyn WalletStorage>, ()))),
        )
        .unwrap();
    }

    fn names(storage: &mut dyn WalletStorage) -> Vec<String> {
        let mut names: Vec<String> =
            storage.list(b"t").unwrap().into_iter().map(|r| String::from_utf8(r.id.name).unwrap()).collect();
        names.sort();
        names
    }

    #[test]
    fn places_run_in_reservation_order_whatever_the_fill_order() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start();
        open(&tier, 1, dir.path());

        let first = tier.reserve(1);
        let given_up = tier.reserve(1);
        let second = tier.reserve(1);
        // The read is filled first but must see the write reserved before it.
        let seen = second.run(|s| Ok(names(s)));
        drop(given_up);
        let wrote = first.run(|s| Ok(s.add(&record("a"))?));
        futures::executor::block_on(wrote).unwrap();
        assert_eq!(futures::executor::block_on(seen).unwrap(), ["a"]);

        let unknown = futures::executor::block_on(tier.reserve(9).run(|_| Ok(()))).unwrap_err();
        assert_eq!(unknown.kind, ErrorCode::WalletInvalidHandle);
    }

    #[test]
    fn writes_ready_together_share_a_transaction_and_fail_alone() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start();
        open(&tier, 1, dir.path());
        let blocker = tier.reserve(1);
        let writes: Vec<_> =
            (0..50).map(|i| tier.reserve(1).run(move |s| Ok(s.add(&record(&format!("r{}", i % 49)))?))).collect();
        let committed_before = tier.metrics().snapshot().completed;
        futures::executor::block_on(blocker.run(|_| Ok(()))).unwrap();
        let results = futures::executor::block_on(futures::future::join_all(writes));
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 49);
        let duplicate = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert_eq!(duplicate.kind, ErrorCode::WalletItemAlreadyExists, "the duplicate fails alone");
        assert_eq!(tier.metrics().snapshot().completed - committed_before, 51);
        let all = futures::executor::block_on(tier.reserve(1).run(|s| Ok(names(s)))).unwrap();
        assert_eq!(all.len(), 49);
    }

    #[test]
    fn wallets_do_not_wait_for_each_other_and_close_ends_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start();
        open(&tier, 1, dir.path());
        open(&tier, 2, dir.path());
        let (release, held) = std::sync::mpsc::channel::<()>();
        let stuck = tier.reserve(1).run(move |_| {
            held.recv().unwrap();
            Ok(())
        });
        // Wallet 2 answers while wallet 1's thread is busy.
        futures::executor::block_on(tier.reserve(2).run(|s| Ok(s.add(&record("x"))?))).unwrap();
        release.send(()).unwrap();
        futures::executor::block_on(stuck).unwrap();
        futures::executor::block_on(tier.reserve(1).close()).unwrap();
        tier.forget(1);
        let gone = futures::executor::block_on(tier.reserve(1).run(|_| Ok(()))).unwrap_err();
        assert_eq!(gone.kind, ErrorCode::WalletInvalidHandle);
    }

    #[test]
    fn a_panicking_job_answers_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start();
        open(&tier, 1, dir.path());
        let err = futures::executor::block_on(tier.reserve(1).run::<(), _>(|_| panic!("disk on fire"))).unwrap_err();
        assert!(err.message.contains("disk on fire"));
        futures::executor::block_on(tier.reserve(1).run(|s| Ok(s.add(&record("after"))?))).unwrap();
    }
}
