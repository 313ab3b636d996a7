//! `indy_mod.h`: runtime configuration and error details (both synchronous).

use std::os::raw::c_char;

use super::{args, boundary, CommandHandle};
use crate::errors::{command_error_ptr, current_error_ptr, ErrorCode};
use crate::runtime::config::RuntimeConfig;

/// Sets runtime options; takes effect at once. Keys: libindy's `crypto_thread_pool_size`
/// (the expensive tier), `collect_backtrace`, `freshness_threshold`, and this library's
/// `cheap_thread_pool_size`, `callback_thread_pool_size`, `expensive_thread_priority`
/// (nice 0–19), `expensive_thread_stack_size` (bytes). Unknown keys or bad values give
/// `CommonInvalidStructure` and change nothing.
#[no_mangle]
pub extern "C" fn indy_set_runtime_config(config: *const c_char) -> ErrorCode {
    boundary("indy_set_runtime_config", || {
        let json = args::string(config, 1)?;
        let update = RuntimeConfig::parse_update(&json)?;
        crate::runtime::configure(&update)
    })
}

/// Writes a pointer to `{"message", "backtrace"}` of the last error on this thread (inside a
/// callback: that command's error), or NULL. Valid until the next error on this thread.
#[no_mangle]
pub extern "C" fn indy_get_current_error(error_json_p: *mut *const c_char) {
    if let Ok(out) = args::out_ptr(error_json_p, 1) {
        let json = std::panic::catch_unwind(current_error_ptr).unwrap_or(std::ptr::null());
        args::write(out, json);
    }
}

/// Writes `{"message", "backtrace"}` of the failed command `command_handle` whose callback is
/// running now, from any thread, or NULL; valid until that callback returns. For callers
/// whose callback code runs on another thread while the library's thread waits in the
/// callback (Node through koffi). Not part of libindy.
#[no_mangle]
pub extern "C" fn indyrs_get_command_error(command_handle: CommandHandle, error_json_p: *mut *const c_char) {
    if let Ok(out) = args::out_ptr(error_json_p, 2) {
        let json = std::panic::catch_unwind(|| command_error_ptr(command_handle)).unwrap_or(std::ptr::null());
        args::write(out, json);
    }
}
