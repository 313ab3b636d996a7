//! What the benchmarks share: a window of commands in flight through the C ABI, client
//! threads making blocking calls, raw-crate loops, and one-at-a-time setup calls.

#![allow(dead_code)] // each benchmark uses part of this

pub mod records;

use std::os::raw::c_char;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use indy::ErrorCode;

/// Commands in flight, bounded; the submitter refills the window in batches of an eighth.
struct Window {
    in_flight: Mutex<usize>,
    low_water: std::sync::atomic::AtomicUsize,
    freed: Condvar,
    completed: AtomicU64,
    failed: AtomicU64,
}

static WINDOW: Window = Window {
    in_flight: Mutex::new(0),
    low_water: std::sync::atomic::AtomicUsize::new(0),
    freed: Condvar::new(),
    completed: AtomicU64::new(0),
    failed: AtomicU64::new(0),
};

pub fn finished(err: ErrorCode) {
    if err != ErrorCode::Success {
        WINDOW.failed.fetch_add(1, Ordering::Relaxed);
    }
    WINDOW.completed.fetch_add(1, Ordering::Relaxed);
    let mut in_flight = WINDOW.in_flight.lock().unwrap();
    *in_flight -= 1;
    // The submitter refills in batches: wake it only when an eighth of the window is free.
    if *in_flight == WINDOW.low_water.load(Ordering::Relaxed) {
        WINDOW.freed.notify_one();
    }
}

pub extern "C" fn on_bytes(_: i32, err: ErrorCode, _: *const u8, _: u32) {
    finished(err)
}
pub extern "C" fn on_bool(_: i32, err: ErrorCode, _: bool) {
    finished(err)
}

/// Keeps `limit` commands in flight for `seconds`, then waits for all; commands per second.
pub fn through_abi(limit: usize, seconds: f64, mut submit: impl FnMut(i32) -> ErrorCode) -> f64 {
    WINDOW.completed.store(0, Ordering::Relaxed);
    // Between 7/8 of `limit` and `limit` in flight; refilled by the eighth, so the submitter
    // wakes once per limit/8 answers, not once per answer.
    let low_water = limit - (limit / 8).max(1);
    WINDOW.low_water.store(low_water, Ordering::Relaxed);
    let start = Instant::now();
    let mut handle = 0;
    while start.elapsed().as_secs_f64() < seconds {
        let free = {
            let mut in_flight = WINDOW.in_flight.lock().unwrap();
            while *in_flight > low_water {
                in_flight = WINDOW.freed.wait(in_flight).unwrap();
            }
            let free = limit - *in_flight;
            *in_flight = limit;
            free
        };
        for _ in 0..free {
            handle += 1;
            assert_eq!(submit(handle), ErrorCode::Success);
        }
    }
    WINDOW.low_water.store(0, Ordering::Relaxed);
    let mut in_flight = WINDOW.in_flight.lock().unwrap();
    while *in_flight > 0 {
        in_flight = WINDOW.freed.wait(in_flight).unwrap();
    }
    assert_eq!(WINDOW.failed.load(Ordering::Relaxed), 0, "a benchmarked command failed");
    WINDOW.completed.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64()
}

/// `threads` threads doing `op` for `seconds`; operations per second.
pub fn raw(threads: usize, seconds: f64, op: impl Fn() + Send + Sync + 'static) -> f64 {
    let op = Arc::new(op);
    let start = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let op = op.clone();
            std::thread::spawn(move || {
                let mut count = 0u64;
                while start.elapsed().as_secs_f64() < seconds {
                    for _ in 0..64 {
                        op();
                    }
                    count += 64;
                }
                count
            })
        })
        .collect();
    let total: u64 = workers.into_iter().map(|w| w.join().unwrap()).sum();
    total as f64 / start.elapsed().as_secs_f64()
}

fn wait_for<T: Send + 'static>(call: impl FnOnce(Box<dyn FnOnce(T) + Send>)) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    call(Box::new(move |v| tx.send(v).unwrap()));
    rx.recv_timeout(Duration::from_secs(60)).unwrap()
}

type SetupAnswer = Box<dyn FnOnce(ErrorCode, i32, String) + Send>;

static SETUP: Mutex<Option<SetupAnswer>> = Mutex::new(None);

pub extern "C" fn setup_unit(_: i32, err: ErrorCode) {
    (SETUP.lock().unwrap().take().unwrap())(err, 0, String::new())
}
pub extern "C" fn setup_handle(_: i32, err: ErrorCode, h: i32) {
    (SETUP.lock().unwrap().take().unwrap())(err, h, String::new())
}
pub extern "C" fn setup_str(_: i32, err: ErrorCode, s: *const c_char) {
    let s = if s.is_null() { String::new() } else { unsafe { std::ffi::CStr::from_ptr(s) }.to_string_lossy().into() };
    (SETUP.lock().unwrap().take().unwrap())(err, 0, s)
}

/// One setup call at a time through the ABI.
pub fn setup(call: impl FnOnce() -> ErrorCode) -> (i32, String) {
    wait_for(|done: Box<dyn FnOnce((i32, String)) + Send>| {
        *SETUP.lock().unwrap() = Some(Box::new(move |err, h, s| {
            assert_eq!(err, ErrorCode::Success);
            done((h, s))
        }));
        assert_eq!(call(), ErrorCode::Success);
    })
}

pub extern "C" fn on_unit(_: i32, err: ErrorCode) {
    finished(err)
}

pub extern "C" fn on_str(_: i32, err: ErrorCode, _: *const c_char) {
    finished(err)
}

/// Command-line flags: `--name value`.
pub fn flag(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

/// A fresh wallet with a RAW key (no Argon2 in the way), open.
pub fn open_raw_wallet(dir: &std::path::Path, id: &str) -> i32 {
    use indy::api::wallet::*;
    use std::ffi::CString;
    let config = CString::new(serde_json::json!({"id": id, "storage_config": {"path": dir}}).to_string()).unwrap();
    let (_, key) = setup(|| indy_generate_wallet_key(0, std::ptr::null(), Some(setup_str)));
    let credentials =
        CString::new(serde_json::json!({"key": key, "key_derivation_method": "RAW"}).to_string()).unwrap();
    setup(|| indy_create_wallet(0, config.as_ptr(), credentials.as_ptr(), Some(setup_unit)));
    setup(|| indy_open_wallet(0, config.as_ptr(), credentials.as_ptr(), Some(setup_handle))).0
}

/// One blocking call per client: the command handle names the client's slot.
pub struct Clients {
    slots: Vec<(Mutex<Option<Answer>>, Condvar)>,
}

/// A command's code and its text result (a string, or a handle as text).
type Answer = (ErrorCode, String);

pub static CLIENTS: std::sync::OnceLock<Clients> = std::sync::OnceLock::new();

fn clients() -> &'static Clients {
    CLIENTS.get_or_init(|| Clients { slots: (0..1024).map(|_| (Mutex::new(None), Condvar::new())).collect() })
}

fn answered(client: i32, err: ErrorCode, text: String) {
    let (slot, ready) = &clients().slots[client as usize];
    *slot.lock().unwrap() = Some((err, text));
    ready.notify_one();
}

pub extern "C" fn client_unit(client: i32, err: ErrorCode) {
    answered(client, err, String::new())
}

pub extern "C" fn client_str(client: i32, err: ErrorCode, s: *const c_char) {
    let text =
        if s.is_null() { String::new() } else { unsafe { std::ffi::CStr::from_ptr(s) }.to_string_lossy().into() };
    answered(client, err, text)
}

/// Two-string answers (a DID and its verkey…) keep the first.
pub extern "C" fn client_str2(client: i32, err: ErrorCode, s: *const c_char, _: *const c_char) {
    client_str(client, err, s)
}

pub extern "C" fn client_handle(client: i32, err: ErrorCode, h: i32) {
    answered(client, err, h.to_string())
}

/// Submits with the client's handle and waits for its answer.
pub fn call(client: i32, submit: impl FnOnce(i32) -> ErrorCode) -> String {
    let (slot, ready) = &clients().slots[client as usize];
    assert_eq!(submit(client), ErrorCode::Success);
    let mut answer = slot.lock().unwrap();
    while answer.is_none() {
        answer = ready.wait(answer).unwrap();
    }
    let (err, text) = answer.take().unwrap();
    assert_eq!(err, ErrorCode::Success, "a benchmarked command failed");
    text
}

/// `clients` threads each running `op(client, i)` in a loop for `seconds`; ops per second.
pub fn with_clients(clients: usize, seconds: f64, op: impl Fn(i32, u64) + Send + Sync + 'static) -> f64 {
    let op = Arc::new(op);
    let start = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|client| {
            let op = op.clone();
            std::thread::spawn(move || {
                let mut done = 0u64;
                while start.elapsed().as_secs_f64() < seconds {
                    op(client as i32, done);
                    done += 1;
                }
                done
            })
        })
        .collect();
    let total: u64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    total as f64 / start.elapsed().as_secs_f64()
}
