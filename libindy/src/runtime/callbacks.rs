//! Answers to the caller. Every accepted command holds one `Responder`; it answers
//! exactly once, on a callback thread (never the executor), with the command's error
//! detail set for `indy_get_current_error` on that thread.

use std::sync::atomic::{AtomicU64, Ordering};

use super::runtime;
use crate::errors::{set_current_error, IndyError, IndyResult};

static IN_FLIGHT: AtomicU64 = AtomicU64::new(0);
static ANSWERED: AtomicU64 = AtomicU64::new(0);

/// Commands accepted and not answered yet, and commands answered, since the library loaded.
pub fn command_counts() -> (u64, u64) {
    (IN_FLIGHT.load(Ordering::Relaxed), ANSWERED.load(Ordering::Relaxed))
}

type Deliver<T> = Box<dyn FnOnce(IndyResult<T>) + Send>;

pub struct Responder<T: Send + 'static> {
    deliver: Option<Deliver<T>>,
}

impl<T: Send + 'static> Responder<T> {
    /// `deliver` converts the result to C and calls the user's callback.
    pub fn new(deliver: impl FnOnce(IndyResult<T>) + Send + 'static) -> Self {
        IN_FLIGHT.fetch_add(1, Ordering::Relaxed);
        Responder { deliver: Some(Box::new(deliver)) }
    }

    pub fn respond(mut self, result: IndyResult<T>) {
        if let Some(deliver) = self.deliver.take() {
            dispatch(deliver, result);
        }
    }
}

impl<T: Send + 'static> Drop for Responder<T> {
    // A command that ends without answering (its task died) still answers.
    fn drop(&mut self) {
        if let Some(deliver) = self.deliver.take() {
            dispatch(deliver, Err(IndyError::invalid_state("The command ended without an answer")));
        }
    }
}

fn dispatch<T: Send + 'static>(deliver: Deliver<T>, result: IndyResult<T>) {
    // Counted before answering, so whoever sees the answer sees the count.
    IN_FLIGHT.fetch_sub(1, Ordering::Relaxed);
    ANSWERED.fetch_add(1, Ordering::Relaxed);
    runtime().callbacks.execute(move || {
        if let Err(error) = &result {
            set_current_error(error);
        }
        // Not inside `catch_unwind`: the conversions to C cannot panic, and the caller's
        // code may end this thread with a forced unwind that must not be caught.
        deliver(result);
    });
}
