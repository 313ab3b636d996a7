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
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
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
    wallets: Mutex<HashMap<WalletHandle, Route>>,
    shared: Arc<SharedThreads>,
    next_slot: AtomicU64,
    metrics: Arc<TierMetrics>,
}

/// Which threads run a wallet's storage work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// A thread of its own: an SQLite file (one writer per file) or a registered plugin.
    Dedicated,
    /// Any thread of the shared storage pool: a database server gains from concurrent
    /// connections, and thousands of open wallets need no thread each.
    Shared,
}

impl StorageTier {
    /// `shared_threads`: the most threads the shared pool starts (they start on demand).
    pub fn start(shared_threads: usize) -> StorageTier {
        let (files, jobs) = unbounded::<Box<dyn FnOnce() + Send>>();
        std::thread::Builder::new()
            .name("indy-files".into())
            .spawn(move || jobs.iter().for_each(|job| job()))
            .expect("the files thread starts");
        StorageTier {
            files,
            wallets: Mutex::new(HashMap::new()),
            shared: SharedThreads::new(shared_threads),
            next_slot: AtomicU64::new(1),
            metrics: Arc::new(TierMetrics::default()),
        }
    }

    pub fn metrics(&self) -> &TierMetrics {
        &self.metrics
    }

    /// Resizes the shared pool: more threads start when needed; beyond a smaller size,
    /// threads end once idle.
    pub fn set_shared_threads(&self, threads: usize) {
        self.shared.max.store(threads.max(1), Ordering::Relaxed);
    }

    /// Threads of the shared pool now running.
    pub fn shared_threads(&self) -> usize {
        self.shared.threads.load(Ordering::Relaxed)
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

    /// Opens `wallet`'s storage with `opener` on its lane's thread and keeps it there.
    pub fn open<T, F>(&self, wallet: WalletHandle, lane: Lane, opener: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce() -> IndyResult<(Box<dyn WalletStorage>, T)> + Send + 'static,
    {
        let (sender, receiver) = unbounded();
        let (tx, rx) = oneshot::channel();
        let metrics = self.metrics.clone();
        let started = match lane {
            Lane::Dedicated => {
                let spawned = std::thread::Builder::new().name(format!("indy-wallet-{wallet}")).spawn(move || {
                    if let Some(storage) = open_with(opener, tx) {
                        let mut queue = WalletQueue { storage: Some(storage), places: VecDeque::new(), metrics };
                        queue.run_dedicated(receiver);
                    }
                });
                spawned
                    .map(|_| Route { sender, shared: None })
                    .map_err(|e| IndyError::invalid_state(format!("Cannot start a storage thread: {e}")))
            }
            Lane::Shared => {
                let shared = Arc::new(SharedWallet {
                    receiver,
                    scheduled: AtomicBool::new(true), // until the opener has run
                    queue: Mutex::new(WalletQueue { storage: None, places: VecDeque::new(), metrics }),
                });
                let opening = shared.clone();
                self.shared.submit(Task::Open(Box::new(move |threads| {
                    lock(&opening.queue).storage = open_with(opener, tx);
                    // Messages sent while opening wait for this; after a failed open they
                    // find no storage and are dropped, which answers them.
                    opening.release(threads);
                })));
                Ok(Route { sender, shared: Some((shared, self.shared.clone())) })
            }
        };
        let registered = started.map(|route| {
            lock(&self.wallets).insert(wallet, route);
        });
        async move {
            registered?;
            rx.await.unwrap_or_else(|_| Err(IndyError::invalid_state("The wallet's storage thread stopped")))
        }
    }

    /// Forgets a wallet whose storage has ended (after `Slot::close` or a failed open).
    pub fn forget(&self, wallet: WalletHandle) {
        lock(&self.wallets).remove(&wallet);
    }

    /// Takes the next place in `wallet`'s order. Call it when the command is accepted.
    pub fn reserve(&self, wallet: WalletHandle) -> Slot {
        let slot = self.next_slot.fetch_add(1, Ordering::Relaxed);
        let route = lock(&self.wallets).get(&wallet).cloned();
        if let Some(route) = &route {
            route.send(Message::Reserve(slot));
        }
        Slot { route, metrics: self.metrics.clone(), wallet, slot: Some(slot) }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs the opener, answers the open, and gives the storage back if there is one.
fn open_with<T, F>(opener: F, answer: oneshot::Sender<IndyResult<T>>) -> Option<Box<dyn WalletStorage>>
where
    F: FnOnce() -> IndyResult<(Box<dyn WalletStorage>, T)>,
{
    match catch_unwind(AssertUnwindSafe(opener)).unwrap_or_else(|p| Err(panic_error(p, "wallet open"))) {
        Ok((storage, value)) => {
            let _ = answer.send(Ok(value));
            Some(storage)
        }
        Err(e) => {
            let _ = answer.send(Err(e));
            None
        }
    }
}

/// How messages reach a wallet's queue.
#[derive(Clone)]
struct Route {
    sender: Sender<Message>,
    /// For a shared lane: the wallet, to schedule it on the pool when a message arrives.
    shared: Option<(Arc<SharedWallet>, Arc<SharedThreads>)>,
}

impl Route {
    fn send(&self, message: Message) -> bool {
        if self.sender.send(message).is_err() {
            return false;
        }
        if let Some((wallet, threads)) = &self.shared {
            wallet.schedule(threads);
        }
        true
    }
}

/// A reserved place in one wallet's order; dropping it unused gives the place up.
pub struct Slot {
    route: Option<Route>,
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
        if self.route.is_none() {
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
        let (Some(route), Some(slot)) = (&self.route, self.slot.take()) else {
            return Err(closed(self.wallet));
        };
        self.metrics.submitted();
        match route.send(Message::Fill(slot, Some(work), Instant::now())) {
            true => Ok(()),
            false => Err(closed(self.wallet)),
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let (Some(route), Some(slot)) = (&self.route, self.slot.take()) {
            route.send(Message::Fill(slot, None, Instant::now()));
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

/// One wallet's places and its storage; run by its own thread or a shared one.
struct WalletQueue {
    /// `None` once closed, or when the open failed: what still arrives is dropped unrun,
    /// which answers it.
    storage: Option<Box<dyn WalletStorage>>,
    places: VecDeque<Place>,
    metrics: Arc<TierMetrics>,
}

impl WalletQueue {
    fn run_dedicated(&mut self, receiver: Receiver<Message>) {
        while let Ok(message) = receiver.recv() {
            self.take(message);
            if self.run_ready(&receiver, || false) == Ran::Closed {
                return;
            }
        }
    }

    /// Takes what was sent, then runs the ready places group by group, until none is
    /// ready, the storage closes, or `yield_now` asks to let other wallets run.
    fn run_ready(&mut self, receiver: &Receiver<Message>, yield_now: impl Fn() -> bool) -> Ran {
        // Everything already sent joins this round.
        while let Ok(message) = receiver.try_recv() {
            self.take(message);
        }
        if self.storage.is_none() {
            self.places.clear();
            return Ran::Closed;
        }
        self.gather(receiver);
        while let Some(ready) = self.ready_front() {
            if let Some(done) = self.execute(ready) {
                self.storage = None;
                self.places.clear();
                let _ = done.send(Ok(()));
                return Ran::Closed;
            }
            if yield_now() {
                return Ran::Yielded;
            }
            self.gather(receiver);
        }
        Ran::Idle
    }

    /// Group commit: when places are ready but others behind them are still being filled
    /// (their commands are on the cheap tier), wait briefly for those to join the same
    /// transaction. One command alone never waits.
    fn gather(&mut self, receiver: &Receiver<Message>) {
        let deadline = Instant::now() + GATHER_WINDOW;
        while self.places.front().is_some_and(|p| p.work.is_some())
            && self.places.iter().take(GROUP_LIMIT).any(|p| p.work.is_none())
        {
            match receiver.recv_deadline(deadline) {
                Ok(message) => self.take(message),
                Err(_) => break,
            }
        }
    }

    fn take(&mut self, message: Message) {
        match message {
            Message::Reserve(slot) => self.places.push_back(Place { slot, work: None }),
            Message::Fill(slot, Some(work), at) => {
                if let Some(place) = self.places.iter_mut().find(|p| p.slot == slot) {
                    place.work = Some((work, at));
                }
            }
            Message::Fill(slot, None, _) => self.places.retain(|p| p.slot != slot),
        }
    }

    /// The filled places at the front of the queue, up to a close or the group limit.
    fn ready_front(&mut self) -> Option<Vec<(Work, Instant)>> {
        let mut ready = Vec::new();
        while ready.len() < GROUP_LIMIT && self.places.front().is_some_and(|p| p.work.is_some()) {
            let place = self.places.pop_front().and_then(|p| p.work).expect("checked filled");
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
        let storage = self.storage.as_mut().expect("checked open");
        // Without a group transaction each change still commits durably on its own.
        let grouped = match storage.begin() {
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
                    answers.push((job(storage.as_mut()), submitted));
                }
                Work::Close(done) => close = Some(done),
            }
        }
        let committed = if grouped { storage.commit().map_err(IndyError::from) } else { Ok(()) };
        self.metrics.group_committed();
        for (answer, submitted) in answers {
            // Counted before answering, so whoever sees the answer sees the count.
            self.metrics.completed(submitted.elapsed());
            answer(committed.clone());
        }
        close
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Ran {
    Idle,
    Yielded,
    Closed,
}

/// A wallet on the shared pool. `scheduled` is true while it is queued or being run, so
/// exactly one thread runs it at a time and a message never goes unnoticed.
struct SharedWallet {
    receiver: Receiver<Message>,
    scheduled: AtomicBool,
    queue: Mutex<WalletQueue>,
}

impl SharedWallet {
    /// After a message was sent: queue the wallet unless it is queued or running.
    fn schedule(self: &Arc<Self>, threads: &Arc<SharedThreads>) {
        if !self.scheduled.swap(true, Ordering::AcqRel) {
            threads.submit(Task::Run(self.clone()));
        }
    }

    /// Runs what is ready; yields to other wallets after a group when some are waiting.
    fn run(self: &Arc<Self>, threads: &Arc<SharedThreads>) {
        let ran = {
            let mut queue = lock(&self.queue);
            catch_unwind(AssertUnwindSafe(|| queue.run_ready(&self.receiver, || threads.has_waiting()))).unwrap_or_else(
                |p| {
                    // A backend that panics outside a job (begin, commit) loses its storage;
                    // the places left are dropped, which answers them with an error.
                    log::error!("{}", panic_error(p, "wallet storage"));
                    queue.storage = None;
                    queue.places.clear();
                    Ran::Closed
                },
            )
        };
        match ran {
            Ran::Yielded => threads.submit(Task::Run(self.clone())),
            Ran::Idle | Ran::Closed => self.release(threads),
        }
    }

    /// Stops being scheduled, unless a message arrived meanwhile (its sender saw the flag
    /// set and left the scheduling to us).
    fn release(self: &Arc<Self>, threads: &Arc<SharedThreads>) {
        self.scheduled.store(false, Ordering::Release);
        if !self.receiver.is_empty() && !self.scheduled.swap(true, Ordering::AcqRel) {
            threads.submit(Task::Run(self.clone()));
        }
    }
}

/// Opens a wallet's storage, on a thread of the pool it is given.
type Opening = Box<dyn FnOnce(&Arc<SharedThreads>) + Send>;

enum Task {
    Run(Arc<SharedWallet>),
    Open(Opening),
}

/// The shared storage pool: threads start on demand, up to `max`.
struct SharedThreads {
    sender: Sender<Task>,
    receiver: Receiver<Task>,
    max: AtomicUsize,
    threads: AtomicUsize,
    idle: AtomicUsize,
}

impl SharedThreads {
    fn new(max: usize) -> Arc<SharedThreads> {
        let (sender, receiver) = unbounded();
        Arc::new(SharedThreads {
            sender,
            receiver,
            max: AtomicUsize::new(max.max(1)),
            threads: AtomicUsize::new(0),
            idle: AtomicUsize::new(0),
        })
    }

    fn has_waiting(&self) -> bool {
        !self.receiver.is_empty()
    }

    fn submit(self: &Arc<Self>, task: Task) {
        let _ = self.sender.send(task);
        if self.idle.load(Ordering::Acquire) == 0 {
            self.grow();
        }
    }

    fn grow(self: &Arc<Self>) {
        let max = self.max.load(Ordering::Relaxed);
        let started = self.threads.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < max).then_some(n + 1));
        let Ok(n) = started else { return };
        let threads = self.clone();
        let spawned = std::thread::Builder::new().name(format!("indy-storage-{n}")).spawn(move || threads.work());
        if let Err(e) = spawned {
            self.threads.fetch_sub(1, Ordering::AcqRel);
            log::error!("cannot start a shared storage thread: {e}");
        }
    }

    fn work(self: Arc<Self>) {
        loop {
            self.idle.fetch_add(1, Ordering::AcqRel);
            let task = self.receiver.recv_timeout(IDLE_EXIT);
            self.idle.fetch_sub(1, Ordering::AcqRel);
            // An idle thread counted when more work was queued may have taken other work
            // since: what is still queued gets a thread.
            if !self.receiver.is_empty() && self.idle.load(Ordering::Acquire) == 0 {
                self.grow();
            }
            match task {
                Ok(Task::Run(wallet)) => wallet.run(&self),
                Ok(Task::Open(open)) => open(&self),
                // Idle for long, or more threads than the pool's size now: end this one.
                Err(_) if self.end_one() => return,
                Err(_) => continue,
            }
            if self.threads.load(Ordering::Acquire) > self.max.load(Ordering::Relaxed) && self.end_one() {
                return;
            }
        }
    }

    /// Ends the calling thread's count unless it is the last one with work queued.
    fn end_one(self: &Arc<Self>) -> bool {
        let ended = self
            .threads
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n > 1 || self.receiver.is_empty()).then(|| n - 1));
        // Work that came in meanwhile while the others are busy gets a thread.
        if ended.is_ok() && !self.receiver.is_empty() && self.idle.load(Ordering::Acquire) == 0 {
            self.grow();
        }
        ended.is_ok()
    }
}

/// How long a shared storage thread waits for work before it ends.
const IDLE_EXIT: std::time::Duration = std::time::Duration::from_secs(30);

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
        open_on(tier, wallet, dir, Lane::Dedicated);
    }

    fn open_on(tier: &StorageTier, wallet: WalletHandle, dir: &std::path::Path, lane: Lane) {
        let file = sqlite::wallet_file(&format!("w{wallet}"), dir.to_str());
        sqlite::create(&file, b"meta").unwrap();
        futures::executor::block_on(
            tier.open(wallet, lane, move || Ok((Box::new(SqliteStorage::open(&file)?) as Box<dyn WalletStorage>, ()))),
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
        let tier = StorageTier::start(2);
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
        let tier = StorageTier::start(2);
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
        let tier = StorageTier::start(2);
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
        let tier = StorageTier::start(2);
        open(&tier, 1, dir.path());
        let err = futures::executor::block_on(tier.reserve(1).run::<(), _>(|_| panic!("disk on fire"))).unwrap_err();
        assert!(err.message.contains("disk on fire"));
        futures::executor::block_on(tier.reserve(1).run(|s| Ok(s.add(&record("after"))?))).unwrap();
    }

    #[test]
    fn shared_lanes_keep_each_wallets_order_on_a_few_threads() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start(2);
        let wallets: Vec<WalletHandle> = (1..=12).collect();
        for &wallet in &wallets {
            open_on(&tier, wallet, dir.path(), Lane::Shared);
        }
        // Per wallet: a write then a read reserved after it, filled in the opposite order.
        let mut reads = Vec::new();
        let mut writes = Vec::new();
        for round in 0..20 {
            for &wallet in &wallets {
                let write = tier.reserve(wallet);
                let read = tier.reserve(wallet);
                reads.push((wallet, round, read.run(|s| Ok(names(s).len()))));
                writes.push(write.run(move |s| Ok(s.add(&record(&format!("{wallet}-{round}")))?)));
            }
        }
        futures::executor::block_on(futures::future::try_join_all(writes)).unwrap();
        for (wallet, round, read) in reads {
            assert_eq!(futures::executor::block_on(read).unwrap(), round + 1, "wallet {wallet} saw its own writes");
        }
        assert!(tier.shared_threads() <= 2, "{} threads", tier.shared_threads());
        for &wallet in &wallets {
            futures::executor::block_on(tier.reserve(wallet).close()).unwrap();
            let closed = futures::executor::block_on(tier.reserve(wallet).run(|_| Ok(()))).unwrap_err();
            assert_eq!(closed.kind, ErrorCode::WalletInvalidHandle);
            tier.forget(wallet);
        }
    }

    #[test]
    fn a_busy_shared_wallet_leaves_the_other_threads_to_other_wallets() {
        let dir = tempfile::tempdir().unwrap();
        let tier = StorageTier::start(2);
        open_on(&tier, 1, dir.path(), Lane::Shared);
        open_on(&tier, 2, dir.path(), Lane::Shared);
        let (release, held) = std::sync::mpsc::channel::<()>();
        let stuck = tier.reserve(1).run(move |_| {
            held.recv().unwrap();
            Ok(())
        });
        let behind = tier.reserve(1).run(|s| Ok(s.add(&record("after"))?));
        for i in 0..10 {
            futures::executor::block_on(tier.reserve(2).run(move |s| Ok(s.add(&record(&format!("x{i}")))?))).unwrap();
        }
        release.send(()).unwrap();
        futures::executor::block_on(stuck).unwrap();
        futures::executor::block_on(behind).unwrap();
    }

    #[test]
    fn a_failed_shared_open_answers_and_leaves_nothing_running() {
        let tier = StorageTier::start(2);
        let failed = tier.open(7, Lane::Shared, || -> IndyResult<(Box<dyn WalletStorage>, ())> {
            Err(IndyError::new(ErrorCode::WalletNotFoundError, "no such wallet"))
        });
        assert_eq!(futures::executor::block_on(failed).unwrap_err().kind, ErrorCode::WalletNotFoundError);
        let late = futures::executor::block_on(tier.reserve(7).run(|_| Ok(()))).unwrap_err();
        assert_eq!(late.kind, ErrorCode::WalletInvalidHandle);
        tier.forget(7);
    }
}
