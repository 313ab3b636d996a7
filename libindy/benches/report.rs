//! The performance report in one run, through the C ABI (the path users take):
//!
//! 1. the HIPE 0012 scenario: `create_and_store_my_did` latency p50/p99 idle, while N
//!    credential definitions are generated (N = 1, 2, cores) and while a revocation registry
//!    of 5,000 credentials is built, with the ratios to idle;
//! 2. the same scenario with every tier at one thread and the expensive tier at normal
//!    priority (the closest this library gets to libindy's one command thread);
//! 3. sign, verify, add, get and search with 1, 16 and 256 in flight, each next to the raw
//!    crate doing the same work on as many threads as could run it (in flight, at most the
//!    cores);
//! 4. the round trip of one cheap command (submit to callback), p50 and p99;
//! 5. sign throughput with the cheap pool at 1, 2, 4 … threads up to the cores;
//!
//! and the credential definition and revocation registry times next to `indy-credx` called
//! directly.
//!
//! `cargo bench -p libindy --bench report` (`-- --seconds N` per throughput figure,
//! `--json PATH`, default `target/bench/report.json`); `python3 ci/plot_bench.py` draws it.

mod common;

use std::ffi::CString;
use std::os::raw::c_char;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use common::records::*;
use common::*;
use ed25519_dalek::{Signer, SigningKey};
use indy::api::{anoncreds::*, blob_storage::*, config::*, crypto::*, did::*};
use indy::ErrorCode;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

const IN_FLIGHT: [usize; 3] = [1, 16, 256];
const REGISTRY_SIZE: u32 = 5000;
const SEEDED_RECORDS: u64 = 2000;

fn main() {
    let seconds: f64 = flag("--seconds").map_or(1.0, |s| s.parse().unwrap());
    let json_path =
        flag("--json").unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../target/bench/report.json").into());
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let dir = tempfile::tempdir().unwrap();
    let wallet = open_raw_wallet(dir.path(), "report");

    println!("\nPerformance report: {cores} cores, {seconds} s per throughput figure\n");
    let round_trip = round_trip(wallet);
    println!(
        "Round trip of one cheap command (indy_abbreviate_verkey, submit -> callback): p50 {:.1} us, p99 {:.1} us\n",
        round_trip["p50_us"].as_f64().unwrap(),
        round_trip["p99_us"].as_f64().unwrap()
    );

    let issuer = Issuer::new(dir.path(), wallet);
    let tiered = hipe_scenario(&issuer, wallet, cores, "tiered (default config)");
    set_config(&json!({
        "crypto_thread_pool_size": 1, "cheap_thread_pool_size": 1, "callback_thread_pool_size": 1,
        "expensive_thread_priority": 0
    }));
    let serial = hipe_scenario(&issuer, wallet, cores, "serial baseline (every tier one thread, normal priority)");
    set_config(&default_config(cores));

    let expensive = expensive_vs_credx(&issuer, dir.path());
    let costs = anoncreds_costs();
    let throughput = throughput(dir.path(), wallet, cores, seconds);
    let scaling = scaling(wallet, cores, seconds);

    let report = json!({
        "machine": machine(cores),
        "seconds_per_figure": seconds,
        "round_trip": round_trip,
        "hipe": {"tiered": tiered, "serial": serial},
        "expensive_vs_credx": expensive,
        "anoncreds_costs": costs,
        "throughput": throughput,
        "scaling": scaling,
    });
    if let Some(parent) = std::path::Path::new(&json_path).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&json_path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    println!("\nJSON: {json_path}");
}

fn default_config(cores: usize) -> Value {
    json!({
        "crypto_thread_pool_size": cores.saturating_sub(1).max(1), "cheap_thread_pool_size": cores,
        "callback_thread_pool_size": 4, "expensive_thread_priority": 10
    })
}

fn set_config(config: &Value) {
    let config = CString::new(config.to_string()).unwrap();
    assert_eq!(indy_set_runtime_config(config.as_ptr()), ErrorCode::Success);
}

fn machine(cores: usize) -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap().trim().to_string())
        })
        .unwrap_or_default();
    json!({"cores": cores, "cpu": cpu, "os": std::env::consts::OS})
}

/// Nearest-rank percentile of seconds, in ms.
fn percentile_ms(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * samples.len() as f64).ceil().max(1.0) as usize;
    samples[rank.min(samples.len()) - 1] * 1e3
}

fn round_trip(wallet: i32) -> Value {
    let (did, verkey) = {
        let (_, did) = setup(|| indy_create_and_store_my_did(0, wallet, c("{}").as_ptr(), Some(setup_str2)));
        let (_, verkey) = setup(|| indy_key_for_local_did(0, wallet, c(&did).as_ptr(), Some(setup_str)));
        (c(&did), c(&verkey))
    };
    let mut samples: Vec<f64> = (0..5000)
        .map(|_| {
            let start = Instant::now();
            call(0, |h| indy_abbreviate_verkey(h, did.as_ptr(), verkey.as_ptr(), Some(client_str)));
            start.elapsed().as_secs_f64()
        })
        .collect();
    json!({
        "command": "indy_abbreviate_verkey",
        "calls": samples.len(),
        "p50_us": percentile_ms(&mut samples, 50.0) * 1e3,
        "p99_us": percentile_ms(&mut samples, 99.0) * 1e3,
    })
}

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

pub extern "C" fn setup_str2(h: i32, err: ErrorCode, s: *const c_char, _: *const c_char) {
    setup_str(h, err, s)
}

/// An issuer wallet with a schema and a credential definition that supports revocation.
struct Issuer {
    wallet: i32,
    did: CString,
    schema: CString,
    revocable_cred_def: CString,
    tails_writer: i32,
}

impl Issuer {
    fn new(dir: &std::path::Path, _main: i32) -> Issuer {
        let wallet = open_raw_wallet(dir, "report-issuer");
        let (_, did) = setup(|| indy_create_and_store_my_did(0, wallet, c("{}").as_ptr(), Some(setup_str2)));
        let did = c(&did);
        let schema = wait_two(|h, cb| {
            indy_issuer_create_schema(
                h,
                did.as_ptr(),
                c("gvt").as_ptr(),
                c("1.0").as_ptr(),
                c(r#"["name","age","sex","height"]"#).as_ptr(),
                cb,
            )
        });
        let schema = c(&schema.1);
        let cred_def = wait_two(|h, cb| {
            indy_issuer_create_and_store_credential_def(
                h,
                wallet,
                did.as_ptr(),
                schema.as_ptr(),
                c("revocable").as_ptr(),
                std::ptr::null(),
                c(r#"{"support_revocation": true}"#).as_ptr(),
                cb,
            )
        });
        let tails = json!({"base_dir": dir.join("tails"), "uri_pattern": ""}).to_string();
        let (tails_writer, _) =
            setup(|| indy_open_blob_storage_writer(0, c("default").as_ptr(), c(&tails).as_ptr(), Some(setup_handle)));
        Issuer { wallet, did, schema, revocable_cred_def: c(&cred_def.0), tails_writer }
    }
}

/// Expensive commands in the background: how many have answered, and their answers' codes.
static EXPENSIVE_DONE: AtomicUsize = AtomicUsize::new(0);
static EXPENSIVE_FAILED: AtomicUsize = AtomicUsize::new(0);
static TWO: Mutex<Option<std::sync::mpsc::Sender<(String, String)>>> = Mutex::new(None);

fn expensive_finished(err: ErrorCode) {
    if err != ErrorCode::Success {
        EXPENSIVE_FAILED.fetch_add(1, Ordering::SeqCst);
    }
    EXPENSIVE_DONE.fetch_add(1, Ordering::SeqCst);
}

extern "C" fn on_expensive2(_: i32, err: ErrorCode, _: *const c_char, _: *const c_char) {
    expensive_finished(err)
}

extern "C" fn on_expensive3(_: i32, err: ErrorCode, _: *const c_char, _: *const c_char, _: *const c_char) {
    expensive_finished(err)
}

extern "C" fn on_two(_: i32, err: ErrorCode, a: *const c_char, b: *const c_char) {
    assert_eq!(err, ErrorCode::Success);
    let text = |p: *const c_char| unsafe { std::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned();
    TWO.lock().unwrap().take().unwrap().send((text(a), text(b))).unwrap();
}

type TwoStrings = extern "C" fn(i32, ErrorCode, *const c_char, *const c_char);

fn wait_two(submit: impl FnOnce(i32, Option<TwoStrings>) -> ErrorCode) -> (String, String) {
    let (tx, rx) = std::sync::mpsc::channel();
    *TWO.lock().unwrap() = Some(tx);
    assert_eq!(submit(0, Some(on_two)), ErrorCode::Success);
    rx.recv().unwrap()
}

/// DID latencies, one at a time, until `until` says stop (or `count` when there is none).
fn did_latencies(wallet: i32, mut more: impl FnMut(usize) -> bool) -> Vec<f64> {
    let mut samples = Vec::new();
    while more(samples.len()) {
        let start = Instant::now();
        call(0, |h| indy_create_and_store_my_did(h, wallet, c("{}").as_ptr(), Some(client_str2)));
        samples.push(start.elapsed().as_secs_f64());
    }
    samples
}

fn latency_row(label: &str, mut samples: Vec<f64>, idle: Option<(f64, f64)>, wall: f64) -> Value {
    let (p50, p99) = (percentile_ms(&mut samples, 50.0), percentile_ms(&mut samples, 99.0));
    let (r50, r99) = idle.map_or((1.0, 1.0), |(i50, i99)| (p50 / i50, p99 / i99));
    println!("  {label:<46} {:>7} {:>9.3} {:>9.3} {:>8.2}x {:>8.2}x {:>8.2}", samples.len(), p50, p99, r50, r99, wall);
    json!({"phase": label, "dids": samples.len(), "p50_ms": p50, "p99_ms": p99, "p50_ratio": r50, "p99_ratio": r99, "background_s": wall})
}

/// DIDs one after another while `start` puts expensive work in the background.
fn during(wallet: i32, expected: usize, start: impl FnOnce()) -> (Vec<f64>, f64) {
    EXPENSIVE_DONE.store(0, Ordering::SeqCst);
    let began = Instant::now();
    start();
    let samples = did_latencies(wallet, |_| EXPENSIVE_DONE.load(Ordering::SeqCst) < expected);
    while EXPENSIVE_DONE.load(Ordering::SeqCst) < expected {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert_eq!(EXPENSIVE_FAILED.load(Ordering::SeqCst), 0, "an expensive command failed");
    (samples, began.elapsed().as_secs_f64())
}

fn hipe_scenario(issuer: &Issuer, wallet: i32, cores: usize, label: &str) -> Value {
    static RUN: AtomicUsize = AtomicUsize::new(0);
    let run = RUN.fetch_add(1, Ordering::SeqCst);
    println!("HIPE 0012, {label}: create_and_store_my_did latency (ms), one at a time\n");
    println!(
        "  {:<46} {:>7} {:>9} {:>9} {:>9} {:>9} {:>8}",
        "phase", "DIDs", "p50", "p99", "p50/idle", "p99/idle", "bg s"
    );
    let _ = did_latencies(wallet, |n| n < 50); // warm-up
    let mut idle_samples = did_latencies(wallet, |n| n < 300);
    let idle = (percentile_ms(&mut idle_samples, 50.0), percentile_ms(&mut idle_samples, 99.0));
    let mut rows = vec![latency_row("idle", idle_samples, None, 0.0)];
    let mut counts = vec![1, 2, cores];
    counts.dedup();
    for n in counts {
        let (samples, wall) = during(wallet, n, || {
            for i in 0..n {
                let tag = c(&format!("r{run}-n{n}-{i}"));
                let code = indy_issuer_create_and_store_credential_def(
                    0,
                    issuer.wallet,
                    issuer.did.as_ptr(),
                    issuer.schema.as_ptr(),
                    tag.as_ptr(),
                    std::ptr::null(),
                    std::ptr::null(),
                    Some(on_expensive2),
                );
                assert_eq!(code, ErrorCode::Success);
            }
        });
        rows.push(latency_row(&format!("during {n} credential definition(s)"), samples, Some(idle), wall));
    }
    let (samples, wall) = during(wallet, 1, || {
        let (tag, config) = (c(&format!("reg{run}")), c(&json!({"max_cred_num": REGISTRY_SIZE}).to_string()));
        let code = indy_issuer_create_and_store_revoc_reg(
            0,
            issuer.wallet,
            issuer.did.as_ptr(),
            std::ptr::null(),
            tag.as_ptr(),
            issuer.revocable_cred_def.as_ptr(),
            config.as_ptr(),
            issuer.tails_writer,
            Some(on_expensive3),
        );
        assert_eq!(code, ErrorCode::Success);
    });
    rows.push(latency_row(
        &format!("during a {REGISTRY_SIZE}-credential revocation registry"),
        samples,
        Some(idle),
        wall,
    ));
    println!();
    json!({"label": label, "rows": rows})
}

struct Figure {
    op: &'static str,
    in_flight: usize,
    abi: f64,
    raw: f64,
    raw_threads: usize,
}

fn throughput(dir: &std::path::Path, wallet: i32, cores: usize, seconds: f64) -> Value {
    let key_seed = "000000000000000000000000Report01";
    let (_, verkey) =
        setup(|| indy_create_key(0, wallet, c(&json!({"seed": key_seed}).to_string()).as_ptr(), Some(setup_str)));
    let vk = c(&verkey);
    let message = b"{\"@type\":\"https://didcomm.org/basicmessage/1.0/message\",\"content\":\"hello\"}".to_vec();
    let signing = SigningKey::from_bytes(key_seed.as_bytes().try_into().unwrap());
    let signature = signing.sign(&message).to_bytes();
    let verifying = signing.verifying_key();

    // Records for gets and searches, through the ABI and in the raw database alike.
    seed(wallet, SEEDED_RECORDS);
    let raw_file = dir.join("raw.db");
    indy::storage::sqlite::create(&raw_file, b"{}").unwrap();
    raw_adds(&mut raw_connection(&raw_file), 256, SEEDED_RECORDS, "seed");
    // Adds go to a wallet and a file of their own, so gets and searches always see the
    // same 2,000 records.
    let add_wallet = open_raw_wallet(dir, "report-adds");
    let raw_add_file = dir.join("raw-adds.db");
    indy::storage::sqlite::create(&raw_add_file, b"{}").unwrap();
    let mut conn = raw_connection(&raw_add_file);

    let mut figures = Vec::new();
    for k in IN_FLIGHT {
        let threads = k.min(cores);
        let (m, s) = (message.clone(), signing.clone());
        let raw_sign = raw(threads, seconds, move || {
            std::hint::black_box(s.sign(&m));
        });
        let abi_sign = through_abi(k, seconds, |h| {
            indy_crypto_sign(h, wallet, vk.as_ptr(), message.as_ptr(), message.len() as u32, Some(on_bytes))
        });
        figures.push(Figure { op: "crypto_sign", in_flight: k, abi: abi_sign, raw: raw_sign, raw_threads: threads });

        let m = message.clone();
        let raw_verify = raw(threads, seconds, move || {
            assert!(verifying.verify_strict(&m, &ed25519_dalek::Signature::from_bytes(&signature)).is_ok())
        });
        let abi_verify = through_abi(k, seconds, |h| {
            indy_crypto_verify(
                h,
                vk.as_ptr(),
                message.as_ptr(),
                message.len() as u32,
                signature.as_ptr(),
                64,
                Some(on_bool),
            )
        });
        figures.push(Figure {
            op: "crypto_verify",
            in_flight: k,
            abi: abi_verify,
            raw: raw_verify,
            raw_threads: threads,
        });

        // One SQLite file has one writer: the raw crate's best with k writes waiting is k per commit.
        let abi_add = abi_adds(add_wallet, k, seconds, &format!("add{k}"));
        let start = Instant::now();
        let mut raw_added = 0;
        while start.elapsed().as_secs_f64() < seconds {
            raw_added += raw_adds(&mut conn, k, k as u64, &format!("add{k}-{raw_added}"));
        }
        let raw_add = raw_added as f64 / start.elapsed().as_secs_f64();
        figures.push(Figure { op: "add_wallet_record", in_flight: k, abi: abi_add, raw: raw_add, raw_threads: 1 });

        let abi_get = abi_gets(wallet, k, seconds, SEEDED_RECORDS);
        let file = raw_file.clone();
        let raw_get = raw_per_thread(threads, seconds, move || raw_connection(&file), raw_get);
        figures.push(Figure {
            op: "get_wallet_record",
            in_flight: k,
            abi: abi_get,
            raw: raw_get,
            raw_threads: threads,
        });

        let abi_search = abi_searches(wallet, k, seconds);
        let file = raw_file.clone();
        let raw_search = raw_per_thread(threads, seconds, move || raw_connection(&file), raw_search);
        figures.push(Figure {
            op: "search (open, fetch 10, close)",
            in_flight: k,
            abi: abi_search,
            raw: raw_search,
            raw_threads: threads,
        });
    }

    println!("Throughput (ops/s) through the C ABI vs the raw crates (rusqlite: same SQL, schema, durability)\n");
    println!("  {:<32} {:>9} {:>12} {:>12} {:>8} {:>8}", "operation", "in flight", "C ABI", "raw", "threads", "ratio");
    for f in &figures {
        println!(
            "  {:<32} {:>9} {:>12.0} {:>12.0} {:>8} {:>7.0}%",
            f.op,
            f.in_flight,
            f.abi,
            f.raw,
            f.raw_threads,
            100.0 * f.abi / f.raw
        );
    }
    let add_64 = abi_adds(add_wallet, 64, seconds, "add64");
    let add = |k: usize| figures.iter().find(|f| f.op == "add_wallet_record" && f.in_flight == k).unwrap().abi;
    println!(
        "\n  durable adds vs one at a time: 16 in flight {:.1}x, 64 in flight {:.1}x ({add_64:.0}/s), 256 in flight {:.1}x\n",
        add(16) / add(1),
        add_64 / add(1),
        add(256) / add(1)
    );
    let mut rows: Vec<Value> = figures
        .iter()
        .map(|f| json!({"op": f.op, "in_flight": f.in_flight, "abi_ops_per_s": f.abi, "raw_ops_per_s": f.raw, "raw_threads": f.raw_threads, "ratio": f.abi / f.raw}))
        .collect();
    rows.push(json!({"op": "add_wallet_record", "in_flight": 64, "abi_ops_per_s": add_64, "gain_over_one_at_a_time": add_64 / add(1)}));
    json!(rows)
}

fn raw_connection(file: &std::path::Path) -> Connection {
    let conn = Connection::open(file).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;").unwrap();
    conn
}

/// The inserts of `count` adds (item, an encrypted and a plaintext tag, ciphertext-sized
/// bytes), `per_commit` to a transaction; how many were added.
fn raw_adds(conn: &mut Connection, per_commit: usize, count: u64, prefix: &str) -> u64 {
    let mut n = 0;
    while n < count {
        let tx = conn.transaction().unwrap();
        for _ in 0..per_commit.min((count - n) as usize) {
            insert_raw_add(&tx, &format!("{prefix}-{n}"), n);
            n += 1;
        }
        tx.commit().unwrap();
    }
    n
}

fn raw_get(conn: &Connection, n: u64) {
    let name = format!("seed-{}", (n * 7919) % SEEDED_RECORDS);
    let item: i64 = conn
        .prepare_cached("SELECT id FROM items WHERE type = ?1 AND name = ?2")
        .unwrap()
        .query_row(params![vec![1u8; 39], name.as_bytes()], |row| row.get(0))
        .unwrap();
    let mut tags = conn.prepare_cached("SELECT name, value FROM tags_plaintext WHERE item_id = ?1").unwrap();
    let _: Vec<(Vec<u8>, String)> =
        tags.query_map([item], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
}

/// A search's SQL: the count, then the first page with values and tags.
fn raw_search(conn: &Connection, n: u64) {
    let group = format!("g{}", n % 100).into_bytes();
    let _: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM items i WHERE i.type = ?1 AND i.id IN \
             (SELECT item_id FROM tags_encrypted WHERE name = ?2 AND value = ?3)",
        )
        .unwrap()
        .query_row(params![vec![1u8; 39], vec![4u8; 33], group], |row| row.get(0))
        .unwrap();
    let mut page = conn
        .prepare_cached(
            "SELECT i.id, i.name, i.value, i.key FROM items i WHERE i.type = ?1 AND i.id IN \
             (SELECT item_id FROM tags_encrypted WHERE name = ?2 AND value = ?3) ORDER BY i.id LIMIT 10",
        )
        .unwrap();
    let items: Vec<i64> = page
        .query_map(params![vec![1u8; 39], vec![4u8; 33], group], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut tags = conn.prepare_cached("SELECT name, value FROM tags_plaintext WHERE item_id = ?1").unwrap();
    for item in items {
        let _: Vec<(Vec<u8>, String)> =
            tags.query_map([item], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    }
}

/// `threads` threads, each with its own state (a connection), running `op` for `seconds`.
fn raw_per_thread<S: 'static>(
    threads: usize,
    seconds: f64,
    state: impl Fn() -> S + Send + Sync + 'static,
    op: fn(&S, u64),
) -> f64 {
    let state = std::sync::Arc::new(state);
    let start = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|t| {
            let state = state.clone();
            std::thread::spawn(move || {
                let own = state();
                let mut n = t as u64 * 1_000_003;
                let mut done = 0u64;
                while start.elapsed().as_secs_f64() < seconds {
                    op(&own, n);
                    n += 1;
                    done += 1;
                }
                done
            })
        })
        .collect();
    workers.into_iter().map(|w| w.join().unwrap()).sum::<u64>() as f64 / start.elapsed().as_secs_f64()
}

fn scaling(wallet: i32, cores: usize, seconds: f64) -> Value {
    let seed = "000000000000000000000000Report02";
    let (_, verkey) =
        setup(|| indy_create_key(0, wallet, c(&json!({"seed": seed}).to_string()).as_ptr(), Some(setup_str)));
    let vk = c(&verkey);
    let message = b"scaling".to_vec();
    let signing = SigningKey::from_bytes(seed.as_bytes().try_into().unwrap());
    let mut threads = vec![];
    let mut t = 1;
    while t < cores {
        threads.push(t);
        t *= 2;
    }
    threads.push(cores);
    println!("Scaling: crypto_sign with 256 in flight, cheap pool at N threads, vs ed25519-dalek on N threads\n");
    println!("  {:>8} {:>12} {:>12} {:>8} {:>10}", "threads", "C ABI", "raw", "ratio", "vs 1");
    let mut rows = Vec::new();
    let mut first = None;
    for n in threads {
        set_config(&json!({"cheap_thread_pool_size": n}));
        let (m, s) = (message.clone(), signing.clone());
        let raw_rate = raw(n, seconds, move || {
            std::hint::black_box(s.sign(&m));
        });
        let abi = through_abi(256, seconds, |h| {
            indy_crypto_sign(h, wallet, vk.as_ptr(), message.as_ptr(), message.len() as u32, Some(on_bytes))
        });
        let base = *first.get_or_insert(abi);
        println!("  {n:>8} {abi:>12.0} {raw_rate:>12.0} {:>7.0}% {:>9.2}x", 100.0 * abi / raw_rate, abi / base);
        rows.push(json!({"threads": n, "abi_ops_per_s": abi, "raw_ops_per_s": raw_rate, "ratio": abi / raw_rate, "speedup": abi / base}));
    }
    set_config(&json!({"cheap_thread_pool_size": cores}));
    json!(rows)
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// A credential definition (with revocation support) and a 5,000-credential registry,
/// through the C ABI and with `indy-credx` called directly, three times each (safe-prime
/// search time varies from run to run).
fn expensive_vs_credx(issuer: &Issuer, dir: &std::path::Path) -> Value {
    use indy_credx::tails::TailsFileWriter;
    use indy_credx::types::{CredentialDefinitionConfig, DidValue, IssuanceType, RegistryType, Schema, SignatureType};
    let schema: Schema = serde_json::from_str(issuer.schema.to_str().unwrap()).unwrap();
    let did = DidValue(issuer.did.to_str().unwrap().to_string());
    let mut rows = Vec::new();
    let (mut abi_cred_def, mut raw_cred_def, mut abi_registry, mut raw_registry) = (vec![], vec![], vec![], vec![]);
    for i in 0..3 {
        let started = Instant::now();
        let (id, _) = wait_two(|h, cb| {
            indy_issuer_create_and_store_credential_def(
                h,
                issuer.wallet,
                issuer.did.as_ptr(),
                issuer.schema.as_ptr(),
                c(&format!("vs-credx-{i}")).as_ptr(),
                std::ptr::null(),
                c(r#"{"support_revocation": true}"#).as_ptr(),
                cb,
            )
        });
        abi_cred_def.push(started.elapsed().as_secs_f64());
        let started = Instant::now();
        let (cred_def, _, _) = indy_credx::issuer::create_credential_definition(
            &did,
            &schema,
            &format!("direct-{i}"),
            SignatureType::CL,
            CredentialDefinitionConfig::new(true),
        )
        .unwrap();
        raw_cred_def.push(started.elapsed().as_secs_f64());

        EXPENSIVE_DONE.store(0, Ordering::SeqCst);
        let started = Instant::now();
        let (tag, config) = (c(&format!("vs-credx-{i}")), c(&json!({"max_cred_num": REGISTRY_SIZE}).to_string()));
        let id = c(&id);
        let code = indy_issuer_create_and_store_revoc_reg(
            0,
            issuer.wallet,
            issuer.did.as_ptr(),
            std::ptr::null(),
            tag.as_ptr(),
            id.as_ptr(),
            config.as_ptr(),
            issuer.tails_writer,
            Some(on_expensive3),
        );
        assert_eq!(code, ErrorCode::Success);
        while EXPENSIVE_DONE.load(Ordering::SeqCst) == 0 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        abi_registry.push(started.elapsed().as_secs_f64());
        let tails = dir.join("direct-tails");
        std::fs::create_dir_all(&tails).unwrap();
        let started = Instant::now();
        let mut writer = TailsFileWriter::new(Some(tails.to_string_lossy().into_owned()));
        indy_credx::issuer::create_revocation_registry(
            &did,
            &cred_def,
            &format!("direct-{i}"),
            RegistryType::CL_ACCUM,
            IssuanceType::ISSUANCE_ON_DEMAND,
            REGISTRY_SIZE,
            &mut writer,
        )
        .unwrap();
        raw_registry.push(started.elapsed().as_secs_f64());
    }
    println!("Expensive operations, median of 3 (s): through the C ABI vs indy-credx called directly\n");
    println!("  {:<52} {:>9} {:>9} {:>8}", "operation", "C ABI", "credx", "ratio");
    for (op, abi, raw) in [
        ("create_and_store_credential_def (revocation support)", median(abi_cred_def), median(raw_cred_def)),
        ("create_and_store_revoc_reg (5000 credentials)", median(abi_registry), median(raw_registry)),
    ] {
        println!("  {op:<52} {abi:>9.3} {raw:>9.3} {:>7.2}x", abi / raw);
        rows.push(json!({"op": op, "abi_s": abi, "credx_s": raw, "ratio": abi / raw}));
    }
    println!();
    json!(rows)
}

/// What each anoncreds step costs with `indy-credx` called directly (median of 20, ms): the
/// measurement behind routing them to the expensive tier, where anything over a fraction of
/// a millisecond would hold up cheap work.
fn anoncreds_costs() -> Value {
    use indy_credx::types::{
        AttributeNames, CredentialDefinitionConfig, DidValue, MakeCredentialValues, PresentCredentials,
        PresentationRequest, SignatureType,
    };
    use indy_credx::{issuer, prover, verifier};
    let did = DidValue("NcYxiDXkpYi6ov5FcYDi1e".into());
    let names = AttributeNames::from(vec!["name".to_string(), "age".to_string()]);
    let schema = issuer::create_schema(&did, "costs", "1.0", names, None).unwrap();
    let (cred_def, private, proof) = issuer::create_credential_definition(
        &did,
        &schema,
        "t",
        SignatureType::CL,
        CredentialDefinitionConfig::new(false),
    )
    .unwrap();
    let indy_credx::types::Schema::SchemaV1(v1) = &schema;
    let offer = issuer::create_credential_offer(&v1.id, &cred_def, &proof).unwrap();
    let secret = prover::create_link_secret().unwrap();
    let mut values = MakeCredentialValues::default();
    values.add_raw("name", "Alex").unwrap();
    values.add_raw("age", "28").unwrap();
    let values: indy_credx::types::CredentialValues = values.into();
    let (request, metadata) = prover::create_credential_request(&did, &cred_def, &secret, "ms", &offer).unwrap();
    let (mut credential, _, _) =
        issuer::create_credential(&cred_def, &private, &offer, &request, values.clone(), None).unwrap();
    prover::process_credential(&mut credential, &metadata, &secret, &cred_def, None).unwrap();
    let nonce = verifier::generate_nonce().unwrap();
    let presentation_request: PresentationRequest = serde_json::from_value(json!({
        "nonce": nonce, "name": "p", "version": "0.1",
        "requested_attributes": {"a": {"name": "name"}},
        "requested_predicates": {"p": {"name": "age", "p_type": ">=", "p_value": 18}}
    }))
    .unwrap();
    let schemas = std::collections::HashMap::from([(v1.id.clone(), &schema)]);
    let cred_defs = std::collections::HashMap::from([(credential.cred_def_id.clone(), &cred_def)]);
    let present = || {
        let mut present = PresentCredentials::new();
        let mut add = present.add_credential(&credential, None, None);
        add.add_requested_attribute("a", true);
        add.add_requested_predicate("p");
        prover::create_presentation(&presentation_request, present, None, &secret, &schemas, &cred_defs).unwrap()
    };
    let presentation = present();
    let time = |op: &mut dyn FnMut()| {
        median(
            (0..20)
                .map(|_| {
                    let started = Instant::now();
                    op();
                    started.elapsed().as_secs_f64() * 1e3
                })
                .collect(),
        )
    };
    let rows = [
        (
            "prover_create_credential_req",
            time(&mut || drop(prover::create_credential_request(&did, &cred_def, &secret, "ms", &offer).unwrap())),
        ),
        (
            "issuer_create_credential",
            time(&mut || {
                drop(issuer::create_credential(&cred_def, &private, &offer, &request, values.clone(), None).unwrap())
            }),
        ),
        (
            "prover_store_credential (check)",
            time(&mut || {
                let mut fresh = credential.try_clone().unwrap();
                fresh.signature_correctness_proof = credential.signature_correctness_proof.try_clone().unwrap();
                let _ = prover::process_credential(&mut fresh, &metadata, &secret, &cred_def, None);
            }),
        ),
        ("prover_create_proof (1 attribute, 1 predicate)", time(&mut || drop(present()))),
        (
            "verifier_verify_proof",
            time(&mut || {
                assert!(verifier::verify_presentation(
                    &presentation,
                    &presentation_request,
                    &schemas,
                    &cred_defs,
                    None,
                    None
                )
                .unwrap())
            }),
        ),
        (
            "issuer_create_credential_offer",
            time(&mut || drop(issuer::create_credential_offer(&v1.id, &cred_def, &proof).unwrap())),
        ),
    ];
    println!("Anoncreds steps with indy-credx called directly, median of 20 (ms)\n");
    for (op, ms) in &rows {
        println!("  {op:<52} {ms:>9.3}");
    }
    println!();
    json!(rows.iter().map(|(op, ms)| json!({"op": op, "credx_ms": ms})).collect::<Vec<_>>())
}
