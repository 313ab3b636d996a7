//! The C logger: records reach the caller's callback, never with a secret in them, and the
//! level can be changed or turned off.

mod common;

use std::ffi::{c_void, CStr};
use std::os::raw::c_char;
use std::sync::Mutex;

use common::*;
use indy::api::logger::*;
use indy::ErrorCode;

static RECORDS: Mutex<Vec<(u32, String, String)>> = Mutex::new(Vec::new());

extern "C" fn record(
    _context: *const c_void,
    level: u32,
    target: *const c_char,
    message: *const c_char,
    _module_path: *const c_char,
    _file: *const c_char,
    _line: u32,
) {
    let text = |p: *const c_char| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    RECORDS.lock().unwrap().push((level, text(target), text(message)));
}

#[test]
fn records_reach_the_c_logger_without_secrets_and_levels_apply() {
    let context = 0x5eed as *const c_void;
    assert_eq!(indy_set_logger(context, None, Some(record), None), ErrorCode::Success);
    assert_eq!(indy_set_logger(context, None, None, None), ErrorCode::CommonInvalidParam3);

    let (mut got_context, mut enabled, mut log, mut flush) = (std::ptr::null(), None, None, None);
    assert_eq!(indy_get_logger(&mut got_context, &mut enabled, &mut log, &mut flush), ErrorCode::Success);
    assert_eq!(got_context, context);
    assert!(log.is_some() && enabled.is_none() && flush.is_none());

    let dir = tempfile::tempdir().unwrap();
    let config = wallet_config("logged", dir.path());
    let passphrase = "correct horse battery staple";
    let credentials = serde_json::json!({"key": passphrase, "key_derivation_method": "ARGON2I_INT"}).to_string();
    unit(create_wallet(&config, &credentials));
    let wallet = handle(open_wallet(&config, &credentials));
    unit(close_wallet(wallet));
    // Records reach the C logger from its own thread, soon after.
    wait_until(|| RECORDS.lock().unwrap().iter().any(|(_, _, m)| m.contains("closed wallet")));
    {
        let records = RECORDS.lock().unwrap();
        assert!(records.iter().any(|(level, _, message)| *level == 3 && message.contains("opened wallet")));
        assert!(records.iter().all(|(_, target, _)| target.starts_with("indy")));
        assert!(records.iter().all(|(_, _, message)| !message.contains(passphrase)), "no secret is logged");
    }

    assert_eq!(indy_set_log_max_lvl(0), ErrorCode::Success);
    let wallet = handle(open_wallet(&config, &credentials));
    unit(close_wallet(wallet));
    assert_eq!(indy_set_log_max_lvl(3), ErrorCode::Success);
    let wallet = handle(open_wallet(&config, &credentials));
    unit(close_wallet(wallet));
    wait_until(|| RECORDS.lock().unwrap().iter().filter(|(_, _, m)| m.contains("closed wallet")).count() >= 2);
    let closes = RECORDS.lock().unwrap().iter().filter(|(_, _, m)| m.contains("closed wallet")).count();
    assert_eq!(closes, 2, "the close made at level 0 was not logged");
    assert_eq!(indy_set_log_max_lvl(6), ErrorCode::CommonInvalidParam1);
}

fn wait_until(done: impl Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the log record never arrived");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
