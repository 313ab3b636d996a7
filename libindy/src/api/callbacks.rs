//! Responders for each callback shape: they turn a command's result into C values, owned by
//! the prepared call and alive for the duration of the call, as in libindy.
//!
//! The callback is called through its `"C-unwind"` twin (`runtime::foreign`): the caller's
//! code may end the callback thread, and the call is made from frames with nothing to drop.

use std::ffi::CString;
use std::mem::ManuallyDrop;
use std::os::raw::c_char;
use std::ptr;

use super::{CommandHandle, IndyHandle};
use crate::errors::{set_current_error, CommandError, ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::{CallerCall, Responder};
use crate::runtime::foreign;

fn c_string(s: String) -> IndyResult<CString> {
    CString::new(s).map_err(|_| IndyError::invalid_state("A result string contains a NUL byte"))
}

/// `cb` as `"C-unwind"`: the same signature with `extern "C-unwind"`.
macro_rules! unwinding {
    ($cb:expr, fn($($arg:ty),*)) => {{
        // SAFETY: the same function pointer type but for "C" → "C-unwind".
        let cb: extern "C-unwind" fn($($arg),*) = unsafe { foreign::c_unwind($cb) };
        cb
    }};
}

/// A failure's call: `error` becomes the callback thread's current error and, while `call`
/// runs, command `handle`'s error for `indyrs_get_command_error` on any thread.
fn failed(handle: CommandHandle, error: IndyError, call: impl Fn(ErrorCode) + Send + 'static) -> CallerCall {
    Box::new(move || {
        set_current_error(&error);
        // Not a guard across the call (nothing may be left to drop there): ended after it.
        let delivering = ManuallyDrop::new(CommandError::enter(handle, &error));
        call(error.kind);
        drop(ManuallyDrop::into_inner(delivering));
    })
}

pub fn unit(handle: CommandHandle, cb: extern "C" fn(CommandHandle, ErrorCode)) -> Responder<()> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode));
    Responder::new(move |result| match result {
        Ok(()) => Box::new(move || cb(handle, ErrorCode::Success)),
        Err(e) => failed(handle, e, move |code| cb(handle, code)),
    })
}

pub fn handle(handle: CommandHandle, cb: extern "C" fn(CommandHandle, ErrorCode, IndyHandle)) -> Responder<IndyHandle> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, IndyHandle));
    Responder::new(move |result| match result {
        Ok(h) => Box::new(move || cb(handle, ErrorCode::Success, h)),
        Err(e) => failed(handle, e, move |code| cb(handle, code, 0)),
    })
}

pub fn boolean(handle: CommandHandle, cb: extern "C" fn(CommandHandle, ErrorCode, bool)) -> Responder<bool> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, bool));
    Responder::new(move |result| match result {
        Ok(b) => Box::new(move || cb(handle, ErrorCode::Success, b)),
        Err(e) => failed(handle, e, move |code| cb(handle, code, false)),
    })
}

pub fn string(handle: CommandHandle, cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char)) -> Responder<String> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char));
    Responder::new(move |result: IndyResult<String>| match result.and_then(c_string) {
        Ok(s) => Box::new(move || cb(handle, ErrorCode::Success, s.as_ptr())),
        Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null())),
    })
}

pub fn string2(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char, *const c_char),
) -> Responder<(String, String)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char, *const c_char));
    Responder::new(move |result: IndyResult<(String, String)>| {
        match result.and_then(|(a, b)| Ok((c_string(a)?, c_string(b)?))) {
            Ok((a, b)) => Box::new(move || cb(handle, ErrorCode::Success, a.as_ptr(), b.as_ptr())),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), ptr::null())),
        }
    })
}

pub fn string3(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char, *const c_char, *const c_char),
) -> Responder<(String, String, String)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char, *const c_char, *const c_char));
    Responder::new(move |result: IndyResult<(String, String, String)>| {
        match result.and_then(|(a, b, c)| Ok((c_string(a)?, c_string(b)?, c_string(c)?))) {
            Ok((a, b, c)) => Box::new(move || cb(handle, ErrorCode::Success, a.as_ptr(), b.as_ptr(), c.as_ptr())),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), ptr::null(), ptr::null())),
        }
    })
}

pub fn bytes(handle: CommandHandle, cb: extern "C" fn(CommandHandle, ErrorCode, *const u8, u32)) -> Responder<Vec<u8>> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const u8, u32));
    Responder::new(move |result: IndyResult<Vec<u8>>| {
        let sized = result.and_then(|b| match u32::try_from(b.len()) {
            Ok(len) => Ok((b, len)),
            Err(_) => Err(IndyError::invalid_state("Result is larger than 4 GiB")),
        });
        match sized {
            Ok((b, len)) => Box::new(move || cb(handle, ErrorCode::Success, b.as_ptr(), len)),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), 0)),
        }
    })
}

pub fn string_and_optional(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char, *const c_char),
) -> Responder<(String, Option<String>)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char, *const c_char));
    Responder::new(move |result: IndyResult<(String, Option<String>)>| {
        match result.and_then(|(a, b)| Ok((c_string(a)?, b.map(c_string).transpose()?))) {
            Ok((a, b)) => Box::new(move || {
                cb(handle, ErrorCode::Success, a.as_ptr(), b.as_ref().map_or(ptr::null(), |b| b.as_ptr()))
            }),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), ptr::null())),
        }
    })
}

pub fn string_and_bytes(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char, *const u8, u32),
) -> Responder<(String, Vec<u8>)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char, *const u8, u32));
    Responder::new(move |result: IndyResult<(String, Vec<u8>)>| {
        let converted = result.and_then(|(s, b)| {
            let len = u32::try_from(b.len()).map_err(|_| IndyError::invalid_state("Result is larger than 4 GiB"))?;
            Ok((c_string(s)?, b, len))
        });
        match converted {
            Ok((s, b, len)) => Box::new(move || cb(handle, ErrorCode::Success, s.as_ptr(), b.as_ptr(), len)),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), ptr::null(), 0)),
        }
    })
}

pub fn string_and_two_optional(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char, *const c_char, *const c_char),
) -> Responder<(String, Option<String>, Option<String>)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char, *const c_char, *const c_char));
    Responder::new(move |result: IndyResult<(String, Option<String>, Option<String>)>| {
        let converted =
            result.and_then(|(a, b, c)| Ok((c_string(a)?, b.map(c_string).transpose()?, c.map(c_string).transpose()?)));
        match converted {
            Ok((a, b, c)) => Box::new(move || {
                let ptr = |s: &Option<CString>| s.as_ref().map_or(ptr::null(), |s| s.as_ptr());
                cb(handle, ErrorCode::Success, a.as_ptr(), ptr(&b), ptr(&c))
            }),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), ptr::null(), ptr::null())),
        }
    })
}

pub fn handle_and_count(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, IndyHandle, u32),
) -> Responder<(IndyHandle, u32)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, IndyHandle, u32));
    Responder::new(move |result| match result {
        Ok((h, count)) => Box::new(move || cb(handle, ErrorCode::Success, h, count)),
        Err(e) => failed(handle, e, move |code| cb(handle, code, 0, 0)),
    })
}

pub fn string2_and_u64(
    handle: CommandHandle,
    cb: extern "C" fn(CommandHandle, ErrorCode, *const c_char, *const c_char, u64),
) -> Responder<(String, String, u64)> {
    let cb = unwinding!(cb, fn(CommandHandle, ErrorCode, *const c_char, *const c_char, u64));
    Responder::new(move |result: IndyResult<(String, String, u64)>| {
        match result.and_then(|(a, b, n)| Ok((c_string(a)?, c_string(b)?, n))) {
            Ok((a, b, n)) => Box::new(move || cb(handle, ErrorCode::Success, a.as_ptr(), b.as_ptr(), n)),
            Err(e) => failed(handle, e, move |code| cb(handle, code, ptr::null(), ptr::null(), 0)),
        }
    })
}
