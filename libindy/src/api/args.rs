//! Argument checks for the C surface. Each takes the parameter's 1-based position (the
//! command handle is 1) so a null becomes libindy's `CommonInvalidParamN` for it.

use std::ffi::CStr;
use std::os::raw::c_char;

use serde::de::DeserializeOwned;

use crate::errors::{ErrorCode, IndyError, IndyResult};

fn null(position: u32) -> IndyError {
    IndyError::new(ErrorCode::invalid_param(position), format!("Parameter {position} is a null pointer"))
}

fn c_str<'a>(ptr: *const c_char, position: u32) -> IndyResult<Option<&'a CStr>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // Safety: the caller passes a NUL-terminated string that outlives this call.
    let s = unsafe { CStr::from_ptr(ptr) };
    if s.is_empty() {
        return Err(IndyError::new(
            ErrorCode::invalid_param(position),
            format!("Parameter {position} is an empty string"),
        ));
    }
    Ok(Some(s))
}

fn utf8(s: &CStr, position: u32) -> IndyResult<String> {
    s.to_str()
        .map(str::to_owned)
        .map_err(|e| IndyError::invalid_structure(format!("Parameter {position} is not valid UTF-8: {e}")))
}

pub fn string(ptr: *const c_char, position: u32) -> IndyResult<String> {
    utf8(c_str(ptr, position)?.ok_or_else(|| null(position))?, position)
}

/// A string that may be empty (metadata), as libindy allows there.
pub fn text(ptr: *const c_char, position: u32) -> IndyResult<String> {
    if ptr.is_null() {
        return Err(null(position));
    }
    // Safety: the caller passes a NUL-terminated string that outlives this call.
    utf8(unsafe { CStr::from_ptr(ptr) }, position)
}

/// An optional string that may be empty.
pub fn opt_text(ptr: *const c_char, position: u32) -> IndyResult<Option<String>> {
    if ptr.is_null() {
        return Ok(None);
    }
    text(ptr, position).map(Some)
}

pub fn opt_string(ptr: *const c_char, position: u32) -> IndyResult<Option<String>> {
    c_str(ptr, position)?.map(|s| utf8(s, position)).transpose()
}

/// Parses straight from the caller's bytes, so secrets in the JSON leave no extra copy.
pub fn json<T: DeserializeOwned>(ptr: *const c_char, position: u32) -> IndyResult<T> {
    opt_json(ptr, position)?.ok_or_else(|| null(position))
}

pub fn opt_json<T: DeserializeOwned>(ptr: *const c_char, position: u32) -> IndyResult<Option<T>> {
    let Some(s) = c_str(ptr, position)? else {
        return Ok(None);
    };
    serde_json::from_slice(s.to_bytes()).map(Some).map_err(|e| {
        IndyError::invalid_structure(format!("Parameter {position} is not valid JSON of the expected shape: {e}"))
    })
}

/// A byte buffer: null is parameter `position`, an empty length the next one (libindy's
/// rule for `(ptr, len)` pairs).
pub fn bytes(ptr: *const u8, len: u32, position: u32) -> IndyResult<Vec<u8>> {
    if ptr.is_null() {
        return Err(null(position));
    }
    if len == 0 {
        return Err(IndyError::new(
            ErrorCode::invalid_param(position + 1),
            format!("Parameter {} (length of parameter {position}) is 0", position + 1),
        ));
    }
    // Safety: the caller passes `len` readable bytes at `ptr`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len as usize) }.to_vec())
}

pub fn callback<F>(cb: Option<F>, position: u32) -> IndyResult<F> {
    cb.ok_or_else(|| null(position))
}

/// A pointer the library writes a result through.
pub fn out_ptr<T>(ptr: *mut T, position: u32) -> IndyResult<*mut T> {
    if ptr.is_null() {
        Err(null(position))
    } else {
        Ok(ptr)
    }
}

/// Writes a result through a pointer `out_ptr` accepted.
pub fn write<T>(ptr: *mut T, value: T) {
    // Safety: `ptr` passed `out_ptr` (non-null); the caller passes a writable pointer.
    unsafe { ptr.write(value) }
}
