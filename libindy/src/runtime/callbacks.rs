//! Answers to the caller. Every accepted command holds one `Responder`; it answers exactly
//! once, on a callback thread (never the executor or a tier), with the command's error
//! detail set for `indy_get_current_error` on that thread.
//!
//! Callback threads call into the caller's code, which may end them (see `foreign`): they
//! are foreign-style threads, and a call is prepared as a closure owning its C values, made
//! by reference from a frame holding only plain values.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use crossbeam_channel::{unbounded, Receiver, Sender};

use super::metrics::TierMetrics;
use super::{foreign, runtime};
use crate::errors::{IndyError, IndyResult};

static IN_FLIGHT: AtomicU64 = AtomicU64::new(0);
static ANSWERED: AtomicU64 = AtomicU64::new(0);

/// Commands accepted and not answered yet, and commands answered, since the library loaded.
pub fn command_counts() -> (u64, u64) {
    (IN_FLIGHT.load(Ordering::Relaxed), ANSWERED.load(Ordering::Relaxed))
}

/// One call of the caller's callback, with the C values it passes owned inside. It is made
/// by reference, so nothing of it is dropped while the caller's code runs.
pub type CallerCall = Box<dyn Fn() + Send>;

type Prepare<T> = Box<dyn FnOnce(IndyResult<T>) -> CallerCall + Send>;

pub struct Responder<T: Send + 'static> {
    prepare: Option<Prepare<T>>,
}

impl<T: Send + 'static> Responder<T> {
    /// `prepare` converts the result to C and gives back the call of the user's callback.
    pub fn new(prepare: impl FnOnce(IndyResult<T>) -> CallerCall + Send + 'static) -> Self {
        IN_FLIGHT.fetch_add(1, Ordering::Relaxed);
        Responder { prepare: Some(Box::new(prepare)) }
    }

    pub fn respond(mut self, result: IndyResult<T>) {
        if let Some(prepare) = self.prepare.take() {
            dispatch(prepare, result);
        }
    }
}

impl<T: Send + 'static> Drop for Responder<T> {
    // A command that ends without answering (its task died) still answers.
    fn drop(&mut self) {
        if let Some(prepare) = self.prepare.take() {
            dispatch(prepare, Err(IndyError::invalid_state("The command ended without an answer")));
        }
    }
}

fn dispatch<T: Send + 'static>(prepare: Prepare<T>, result: IndyResult<T>) {
    // Counted before answering, so whoever sees the answer sees the count.
    IN_FLIGHT.fetch_sub(1, Ordering::Relaxed);
    ANSWERED.fetch_add(1, Ordering::Relaxed);
    // The conversions to C run here, on the answering thread; the callback thread only calls.
    runtime().callbacks.call(prepare(result));
}

#[derive(Clone, Copy)]
enum Message {
    /// From `Box::into_raw`: made once by a callback thread, then freed.
    Call(*mut (dyn Fn() + Send), Instant),
    Exit,
}

// SAFETY: the pointer is a `Box<dyn Fn() + Send>` handed from one thread to one other.
unsafe impl Send for Message {}

/// The callback threads: as many as the runtime config's `callback_thread_pool_size`.
pub struct CallbackThreads {
    sender: Sender<Message>,
    receiver: Receiver<Message>,
    threads: Mutex<usize>,
    wanted: Mutex<usize>,
    metrics: TierMetrics,
}

impl CallbackThreads {
    /// Threads start with the first call.
    pub fn new(threads: usize) -> CallbackThreads {
        let (sender, receiver) = unbounded();
        CallbackThreads {
            sender,
            receiver,
            threads: Mutex::new(0),
            wanted: Mutex::new(threads.max(1)),
            metrics: TierMetrics::default(),
        }
    }

    pub fn metrics(&self) -> &TierMetrics {
        &self.metrics
    }

    /// More threads start at once; fewer end after the calls queued before this.
    pub fn resize(&'static self, threads: usize) {
        *lock(&self.wanted) = threads.max(1);
        if *lock(&self.threads) > 0 {
            self.start_or_stop();
        }
    }

    fn call(&'static self, call: CallerCall) {
        if *lock(&self.threads) == 0 {
            self.start_or_stop();
        }
        self.metrics.submitted();
        let _ = self.sender.send(Message::Call(Box::into_raw(call), Instant::now()));
    }

    fn start_or_stop(&'static self) {
        let wanted = *lock(&self.wanted);
        let mut threads = lock(&self.threads);
        while *threads > wanted {
            let _ = self.sender.send(Message::Exit);
            *threads -= 1;
        }
        while *threads < wanted {
            match foreign::spawn(&format!("indy-callback-{}", *threads), run_callbacks) {
                Ok(()) => *threads += 1,
                Err(e) => {
                    log::error!("cannot start a callback thread: {e}");
                    break;
                }
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A callback thread: only plain values live in this frame while a call runs.
extern "C-unwind" fn run_callbacks() {
    let threads = &runtime().callbacks;
    while let Ok(Message::Call(call, submitted)) = threads.receiver.recv() {
        threads.metrics.started();
        // SAFETY: from `Box::into_raw` in `call`, received by this thread only.
        unsafe { (*call)() };
        // SAFETY: as above; made, now freed once.
        drop(unsafe { Box::from_raw(call) });
        threads.metrics.completed(submitted.elapsed());
    }
}
