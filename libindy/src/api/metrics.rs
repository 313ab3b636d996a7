//! `indy_metrics.h`.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle};
use crate::commands::library::LibraryCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Answers a JSON object: libindy 1.16's counters (`threadpool_*` for the expensive tier,
/// `opened_wallets_count`, …) and, per tier, `queued`, `running`, `completed`, `panicked`
/// and latency percentiles in microseconds.
#[no_mangle]
pub extern "C" fn indy_collect_metrics(
    command_handle: CommandHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, metrics_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_collect_metrics", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 2)?);
        submit(Command::Library(LibraryCommand::CollectMetrics { cb }))
    })
}
