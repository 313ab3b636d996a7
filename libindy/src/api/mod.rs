//! The C surface: one file per libindy header. Each function checks its arguments with
//! the helpers in `args`, builds a typed command, submits it and returns; all inside the
//! one panic boundary, `boundary`.

pub mod anoncreds;
mod args;
pub mod blob_storage;
pub mod cache;
mod callbacks;
pub mod config;
pub mod crypto;
pub mod did;
pub mod ledger;
pub mod logger;
pub mod metrics;
pub mod non_secrets;
pub mod pairwise;
pub mod pool;
pub mod testing;
pub mod wallet;

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::errors::{panic_error, set_current_error, ErrorCode, IndyResult};

/// The caller's id for one call, handed back verbatim to its callback.
pub type CommandHandle = i32;

/// A handle the library gives out (wallet, search, pool…).
pub type IndyHandle = i32;

/// Runs an entry point's body: its error, or its panic as `CommonInvalidState`, becomes the
/// returned code and this thread's current error.
fn boundary(entry_point: &str, body: impl FnOnce() -> IndyResult<()>) -> ErrorCode {
    let result = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|p| Err(panic_error(p, entry_point)));
    match result {
        Ok(()) => ErrorCode::Success,
        Err(error) => {
            log::debug!("{entry_point} refused: {}", error.message);
            set_current_error(&error);
            error.kind
        }
    }
}
