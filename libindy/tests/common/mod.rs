//! Calls into the C ABI from Rust tests, as a C caller would: a command handle per call,
//! `extern "C"` callbacks, and a wait for the answer.

#![allow(dead_code)]

use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use indy::api::{crypto::*, did::*, wallet::*};
use indy::ErrorCode;

pub enum Value {
    Unit,
    Handle(i32),
    Bool(bool),
    Str(String),
    Str2(String, String),
    Str3(String, String, String),
    Bytes(Vec<u8>),
}

#[derive(Debug)]
pub struct Failure {
    pub code: ErrorCode,
    pub message: String,
}

pub type Answer = Result<Value, Failure>;

fn waiters() -> &'static Mutex<HashMap<i32, Sender<Answer>>> {
    static WAITERS: OnceLock<Mutex<HashMap<i32, Sender<Answer>>>> = OnceLock::new();
    WAITERS.get_or_init(Default::default)
}

fn current_error() -> String {
    let mut ptr: *const c_char = std::ptr::null();
    indy::api::config::indy_get_current_error(&mut ptr);
    if ptr.is_null() {
        return String::new();
    }
    unsafe { CStr::from_ptr(ptr) }.to_string_lossy().into_owned()
}

fn finish(handle: i32, err: ErrorCode, value: impl FnOnce() -> Value) {
    let answer = match err {
        ErrorCode::Success => Ok(value()),
        code => Err(Failure { code, message: current_error() }), // read inside the callback
    };
    let waiter = waiters().lock().unwrap().remove(&handle);
    waiter.expect("exactly one callback per command").send(answer).unwrap();
}

fn text(p: *const c_char) -> String {
    unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
}

pub extern "C" fn on_unit(h: i32, err: ErrorCode) {
    finish(h, err, || Value::Unit)
}
pub extern "C" fn on_handle(h: i32, err: ErrorCode, handle: i32) {
    finish(h, err, || Value::Handle(handle))
}
pub extern "C" fn on_bool(h: i32, err: ErrorCode, b: bool) {
    finish(h, err, || Value::Bool(b))
}
pub extern "C" fn on_str(h: i32, err: ErrorCode, s: *const c_char) {
    finish(h, err, || Value::Str(text(s)))
}
pub extern "C" fn on_str2(h: i32, err: ErrorCode, a: *const c_char, b: *const c_char) {
    finish(h, err, || Value::Str2(text(a), text(b)))
}
pub extern "C" fn on_str3(h: i32, err: ErrorCode, a: *const c_char, b: *const c_char, c: *const c_char) {
    finish(h, err, || Value::Str3(text(a), text(b), text(c)))
}
pub extern "C" fn on_bytes(h: i32, err: ErrorCode, p: *const u8, len: u32) {
    finish(h, err, || Value::Bytes(unsafe { std::slice::from_raw_parts(p, len as usize) }.to_vec()))
}

/// A submitted command's answer, to wait for later.
pub struct Pending(Receiver<Answer>);

impl Pending {
    pub fn wait(self) -> Answer {
        self.0.recv_timeout(Duration::from_secs(120)).expect("the callback fires")
    }

    pub fn try_wait(&self) -> Option<Answer> {
        self.0.try_recv().ok()
    }
}

/// Submits one call; a synchronous refusal is returned at once (no callback may follow).
pub fn submit(call: impl FnOnce(i32) -> ErrorCode) -> Result<Pending, Failure> {
    static NEXT: AtomicI32 = AtomicI32::new(1);
    let handle = NEXT.fetch_add(1, Ordering::Relaxed);
    let (tx, rx) = channel();
    waiters().lock().unwrap().insert(handle, tx);
    match call(handle) {
        ErrorCode::Success => Ok(Pending(rx)),
        code => {
            waiters().lock().unwrap().remove(&handle);
            Err(Failure { code, message: current_error() })
        }
    }
}

pub fn run(call: impl FnOnce(i32) -> ErrorCode) -> Answer {
    submit(call)?.wait()
}

pub fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

pub fn code(answer: Answer) -> ErrorCode {
    match answer {
        Ok(_) => ErrorCode::Success,
        Err(f) => f.code,
    }
}

pub fn unit(answer: Answer) {
    match answer {
        Ok(Value::Unit) => {}
        Ok(_) => panic!("unexpected value"),
        Err(f) => panic!("{:?}: {}", f.code, f.message),
    }
}

pub fn string(answer: Answer) -> String {
    match answer {
        Ok(Value::Str(s)) => s,
        Ok(_) => panic!("unexpected value"),
        Err(f) => panic!("{:?}: {}", f.code, f.message),
    }
}

pub fn handle(answer: Answer) -> i32 {
    match answer {
        Ok(Value::Handle(h)) => h,
        Ok(_) => panic!("unexpected value"),
        Err(f) => panic!("{:?}: {}", f.code, f.message),
    }
}

pub fn pair(answer: Answer) -> (String, String) {
    match answer {
        Ok(Value::Str2(a, b)) => (a, b),
        Ok(_) => panic!("unexpected value"),
        Err(f) => panic!("{:?}: {}", f.code, f.message),
    }
}

pub fn triple(answer: Answer) -> (String, String, String) {
    match answer {
        Ok(Value::Str3(a, b, c)) => (a, b, c),
        Ok(_) => panic!("unexpected value"),
        Err(f) => panic!("{:?}: {}", f.code, f.message),
    }
}

pub fn bytes(answer: Answer) -> Vec<u8> {
    match answer {
        Ok(Value::Bytes(b)) => b,
        Ok(_) => panic!("unexpected value"),
        Err(f) => panic!("{:?}: {}", f.code, f.message),
    }
}

// Thin wrappers over the C calls used by several tests.

pub fn wallet_config(id: &str, dir: &std::path::Path) -> String {
    serde_json::json!({"id": id, "storage_config": {"path": dir}}).to_string()
}

pub fn raw_credentials() -> String {
    let key = string(run(|h| indy_generate_wallet_key(h, std::ptr::null(), Some(on_str))));
    serde_json::json!({"key": key, "key_derivation_method": "RAW"}).to_string()
}

pub fn create_wallet(config: &str, credentials: &str) -> Answer {
    let (config, credentials) = (c(config), c(credentials));
    run(|h| indy_create_wallet(h, config.as_ptr(), credentials.as_ptr(), Some(on_unit)))
}

pub fn open_wallet_async(config: &str, credentials: &str) -> Pending {
    let (config, credentials) = (c(config), c(credentials));
    submit(|h| indy_open_wallet(h, config.as_ptr(), credentials.as_ptr(), Some(on_handle))).unwrap()
}

pub fn open_wallet(config: &str, credentials: &str) -> Answer {
    open_wallet_async(config, credentials).wait()
}

pub fn close_wallet(wallet: i32) -> Answer {
    run(|h| indy_close_wallet(h, wallet, Some(on_unit)))
}

pub fn delete_wallet(config: &str, credentials: &str) -> Answer {
    let (config, credentials) = (c(config), c(credentials));
    run(|h| indy_delete_wallet(h, config.as_ptr(), credentials.as_ptr(), Some(on_unit)))
}

/// A fresh RAW-key wallet, open: an SQLite file in `dir`, or with
/// `INDY_TEST_WALLET_STORAGE=postgres` a PostgreSQL wallet on `INDY_TEST_POSTGRES_URL` (so
/// the same tests run on both backends).
pub fn new_wallet(dir: &std::path::Path, id: &str) -> i32 {
    let (config, credentials) = match std::env::var("INDY_TEST_WALLET_STORAGE").as_deref() {
        Ok("postgres") => postgres_wallet(id),
        _ => (wallet_config(id, dir), raw_credentials()),
    };
    unit(create_wallet(&config, &credentials));
    handle(open_wallet(&config, &credentials))
}

/// Config and credentials of a new PostgreSQL wallet (a unique id in one shared database).
fn postgres_wallet(id: &str) -> (String, String) {
    use std::str::FromStr;
    static NEXT: AtomicI32 = AtomicI32::new(0);
    let url = std::env::var("INDY_TEST_POSTGRES_URL").expect("INDY_TEST_POSTGRES_URL for postgres wallets");
    let pg = postgres::Config::from_str(&url).unwrap();
    let host = match &pg.get_hosts()[0] {
        postgres::config::Host::Tcp(host) => host.clone(),
        #[allow(unreachable_patterns)]
        _ => panic!("a TCP server"),
    };
    let port = pg.get_ports().first().copied().unwrap_or(5432);
    let unique = format!("{id}-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let (user, password) = (pg.get_user().unwrap(), String::from_utf8_lossy(pg.get_password().unwrap()).into_owned());
    let config = serde_json::json!({"id": unique, "storage_type": "postgres_storage", "storage_config": {
        "url": format!("{host}:{port}"), "wallet_scheme": "MultiWalletSingleTable", "database_name": "rust_wallets"}});
    let mut credentials: serde_json::Value = serde_json::from_str(&raw_credentials()).unwrap();
    credentials["storage_credentials"] =
        serde_json::json!({"account": user, "password": password, "admin_account": user, "admin_password": password});
    (config.to_string(), credentials.to_string())
}

pub fn create_did_async(wallet: i32, did_json: &str) -> Pending {
    let did_json = c(did_json);
    submit(|h| indy_create_and_store_my_did(h, wallet, did_json.as_ptr(), Some(on_str2))).unwrap()
}

pub fn key_for_local_did_async(wallet: i32, did: &str) -> Pending {
    let did = c(did);
    submit(|h| indy_key_for_local_did(h, wallet, did.as_ptr(), Some(on_str))).unwrap()
}

pub fn create_key_async(wallet: i32, key_json: &str) -> Pending {
    let key_json = c(key_json);
    submit(|h| indy_create_key(h, wallet, key_json.as_ptr(), Some(on_str))).unwrap()
}

pub fn sign_async(wallet: i32, verkey: &str, message: &[u8]) -> Pending {
    let verkey = c(verkey);
    submit(|h| indy_crypto_sign(h, wallet, verkey.as_ptr(), message.as_ptr(), message.len() as u32, Some(on_bytes)))
        .unwrap()
}

pub fn verify(verkey: &str, message: &[u8], signature: &[u8]) -> Answer {
    let verkey = c(verkey);
    run(|h| {
        indy_crypto_verify(
            h,
            verkey.as_ptr(),
            message.as_ptr(),
            message.len() as u32,
            signature.as_ptr(),
            signature.len() as u32,
            Some(on_bool),
        )
    })
}

pub fn store_their_did(wallet: i32, identity: &str) -> Answer {
    let identity = c(identity);
    run(|h| indy_store_their_did(h, wallet, identity.as_ptr(), Some(on_unit)))
}

/// The libindy 1.16 fixtures (`../shared/fixtures/libindy-1.16` beside the repository).
pub fn fixtures_dir() -> std::path::PathBuf {
    match std::env::var_os("INDY_FIXTURES") {
        Some(dir) => std::path::PathBuf::from(dir).join("libindy-1.16"),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/libindy-1.16"),
    }
}

pub fn add_record_async(wallet: i32, type_: &str, id: &str, value: &str, tags: Option<&str>) -> Pending {
    use indy::api::non_secrets::indy_add_wallet_record;
    let (type_, id, value) = (c(type_), c(id), c(value));
    let tags = tags.map(c);
    submit(|h| {
        indy_add_wallet_record(
            h,
            wallet,
            type_.as_ptr(),
            id.as_ptr(),
            value.as_ptr(),
            tags.as_ref().map_or(std::ptr::null(), |t| t.as_ptr()),
            Some(on_unit),
        )
    })
    .unwrap()
}

pub fn get_record(wallet: i32, type_: &str, id: &str, options: &str) -> Answer {
    use indy::api::non_secrets::indy_get_wallet_record;
    let (type_, id, options) = (c(type_), c(id), c(options));
    run(|h| indy_get_wallet_record(h, wallet, type_.as_ptr(), id.as_ptr(), options.as_ptr(), Some(on_str)))
}
