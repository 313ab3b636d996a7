//! A named pool of worker threads over a crossbeam channel. Work comes back as a future;
//! a panicking job becomes an error, never a dead thread.

use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use crossbeam_channel::{unbounded, Sender};
use futures::channel::oneshot;

use super::metrics::TierMetrics;
use crate::errors::{panic_error, IndyError, IndyResult};

type Job = Box<dyn FnOnce() + Send>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSettings {
    pub threads: usize,
    /// Unix nice value for the pool's threads (0 = the process's priority).
    pub nice: i32,
    pub stack_size: Option<usize>,
}

pub struct WorkerPool {
    name: &'static str,
    sender: RwLock<Sender<(Job, Instant)>>,
    settings: RwLock<PoolSettings>,
    metrics: Arc<TierMetrics>,
}

impl WorkerPool {
    pub fn new(name: &'static str, settings: PoolSettings) -> WorkerPool {
        let metrics = Arc::new(TierMetrics::default());
        let sender = spawn_workers(name, &settings, &metrics);
        WorkerPool { name, sender: RwLock::new(sender), settings: RwLock::new(settings), metrics }
    }

    pub fn metrics(&self) -> &TierMetrics {
        &self.metrics
    }

    pub fn settings(&self) -> PoolSettings {
        self.settings.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Runs `job` on the pool; its result (or its panic, as an error) comes back.
    pub fn run<T, F>(&self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce() -> IndyResult<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        let name = self.name;
        self.run_then(job, move |result| {
            let _ = tx.send(result); // the command may be gone; nothing else to do
        });
        async move {
            rx.await
                .unwrap_or_else(|_| Err(IndyError::invalid_state(format!("{name} worker stopped before answering"))))
        }
    }

    /// Runs `job` on the pool and hands its result (or its panic, as an error) to `next` on
    /// the same thread. `next` must not panic: it passes the result on.
    pub fn run_then<T, F, N>(&self, job: F, next: N)
    where
        T: Send + 'static,
        F: FnOnce() -> IndyResult<T> + Send + 'static,
        N: FnOnce(IndyResult<T>) + Send + 'static,
    {
        let name = self.name;
        let metrics = self.metrics.clone();
        self.execute(move || {
            let result = catch_unwind(AssertUnwindSafe(job)).unwrap_or_else(|p| {
                metrics.panicked();
                Err(panic_error(p, name))
            });
            next(result);
        });
    }

    /// Runs `job` on the pool and forgets it. A panic in it ends its thread: only jobs that
    /// cannot panic (calls into the caller's code) come here directly.
    pub fn execute(&self, job: impl FnOnce() + Send + 'static) {
        self.metrics.submitted();
        let sender = self.sender.read().unwrap_or_else(|e| e.into_inner());
        // Workers live as long as the sender; a send cannot fail while we hold it.
        let _ = sender.send((Box::new(job), Instant::now()));
    }

    /// New settings start a new generation of threads at once; the old threads finish
    /// the work already queued to them, then exit.
    pub fn reconfigure(&self, settings: PoolSettings) {
        let mut current = self.settings.write().unwrap_or_else(|e| e.into_inner());
        if *current == settings {
            return;
        }
        let sender = spawn_workers(self.name, &settings, &self.metrics);
        *self.sender.write().unwrap_or_else(|e| e.into_inner()) = sender;
        *current = settings;
    }
}

fn spawn_workers(name: &'static str, settings: &PoolSettings, metrics: &Arc<TierMetrics>) -> Sender<(Job, Instant)> {
    let (tx, rx) = unbounded::<(Job, Instant)>();
    for i in 0..settings.threads.max(1) {
        let rx = rx.clone();
        let metrics = metrics.clone();
        let nice = settings.nice;
        let mut builder = std::thread::Builder::new().name(format!("indy-{name}-{i}"));
        if let Some(size) = settings.stack_size {
            builder = builder.stack_size(size);
        }
        let spawned = builder.spawn(move || {
            lower_priority(nice);
            // No `catch_unwind` here: jobs from `run` catch their own panics, and a callback
            // job calls foreign code that may end the thread with a forced unwind
            // (`pthread_exit`, as Python does at exit), which must pass, not be caught.
            for (job, submitted) in rx.iter() {
                metrics.started();
                job();
                metrics.completed(submitted.elapsed());
            }
        });
        if let Err(e) = spawned {
            log::error!("cannot start {name} worker {i}: {e}");
        }
    }
    tx
}

/// Sets this thread's nice value; Linux applies it per thread.
fn lower_priority(nice: i32) {
    if nice == 0 {
        return;
    }
    #[cfg(target_os = "linux")]
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        if libc::setpriority(libc::PRIO_PROCESS, tid, nice) != 0 {
            log::warn!("setpriority({nice}) failed: {}", std::io::Error::last_os_error());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;

    fn pool(threads: usize) -> WorkerPool {
        WorkerPool::new("test", PoolSettings { threads, nice: 0, stack_size: None })
    }

    #[test]
    fn runs_jobs_and_returns_results() {
        let pool = pool(2);
        let results: Vec<_> = (0..10).map(|i| pool.run(move || Ok(i * 2))).collect();
        let results: Vec<i32> = futures::executor::block_on(futures::future::try_join_all(results)).unwrap();
        assert_eq!(results, (0..10).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(pool.metrics().snapshot().completed, 10);
    }

    #[test]
    fn a_panic_becomes_an_error_and_the_pool_keeps_working() {
        let pool = pool(1);
        let err = futures::executor::block_on(pool.run::<(), _>(|| panic!("boom"))).unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonInvalidState);
        assert!(err.message.contains("boom"));
        assert_eq!(futures::executor::block_on(pool.run(|| Ok(5))).unwrap(), 5);
    }

    #[test]
    fn reconfigure_swaps_threads_without_losing_work() {
        let pool = pool(1);
        let before = pool.run(|| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            Ok(std::thread::current().name().map(String::from))
        });
        pool.reconfigure(PoolSettings { threads: 3, nice: 5, stack_size: Some(1 << 20) });
        let after = pool.run(|| Ok(unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }));
        assert!(futures::executor::block_on(before).unwrap().is_some());
        assert_eq!(futures::executor::block_on(after).unwrap(), 5);
    }
}
