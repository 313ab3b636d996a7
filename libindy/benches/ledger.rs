//! Ledger reads through the C ABI against a local pool: latency one at a time and
//! throughput with 64 in flight, next to the `indy-vdr` Python package against the same
//! pool in the same run. Needs `INDY_POOL_GENESIS` (`ci/indy-pool/start.sh`); without it
//! says so and does nothing. `cargo bench -p libindy --bench ledger` (`-- --seconds N`,
//! `--in-flight K`, `--json PATH`).

mod common;

use std::ffi::CString;
use std::process::Command;
use std::time::Instant;

use common::*;
use indy::api::ledger::*;
use indy::api::pool::*;

fn main() {
    let Ok(genesis) = std::env::var("INDY_POOL_GENESIS") else {
        println!(
            "ledger bench: INDY_POOL_GENESIS is not set (start a pool with ci/indy-pool/start.sh); nothing measured"
        );
        return;
    };
    let seconds: f64 = flag("--seconds").map_or(5.0, |s| s.parse().unwrap());
    let in_flight: usize = flag("--in-flight").map_or(64, |s| s.parse().unwrap());
    let python = vdr_python(); // found under the real HOME, before it changes
    let home = tempfile::tempdir().unwrap();
    std::env::set_var("HOME", home.path());

    let name = CString::new("bench").unwrap();
    let config = CString::new(serde_json::json!({ "genesis_txn": genesis }).to_string()).unwrap();
    setup(|| indy_create_pool_ledger_config(0, name.as_ptr(), config.as_ptr(), Some(setup_unit)));
    let opened = Instant::now();
    let (pool, _) = setup(|| indy_open_pool_ledger(0, name.as_ptr(), std::ptr::null(), Some(setup_handle)));
    let open_s = opened.elapsed().as_secs_f64();
    // GET_NYM of the trustee, built for each read (a new reqId), as the Python side does:
    // a read answered with a state proof by one node.
    let target = CString::new("V4SGRU86Z58d6TV7PBUe6f").unwrap();
    let read = move |client: i32| {
        let request =
            call(client, |h| indy_build_get_nym_request(h, std::ptr::null(), target.as_ptr(), Some(client_str)));
        let request = CString::new(request).unwrap();
        call(client, |h| indy_submit_request(h, pool, request.as_ptr(), Some(client_str)));
    };

    // One at a time: each read's latency.
    let mut latencies = Vec::new();
    let start = Instant::now();
    while start.elapsed().as_secs_f64() < seconds {
        let t = Instant::now();
        read(0);
        latencies.push(t.elapsed().as_secs_f64() * 1e3);
    }
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p) as usize];
    let one = latencies.len() as f64 / start.elapsed().as_secs_f64();
    let many = with_clients(in_flight, seconds, move |client, _| read(client));
    setup(|| indy_close_pool_ledger(0, pool, Some(setup_unit)));

    println!("ledger reads (GET_NYM, state proof) against {genesis}; pool opened in {open_s:.2} s");
    println!("{:<34} {:>10} {:>10} {:>10}", "", "p50 ms", "p99 ms", "reads/s");
    println!("{:<34} {:>10.2} {:>10.2} {:>10.0}", "libindy-rs, 1 in flight", pct(0.5), pct(0.99), one);
    println!("{:<34} {:>10} {:>10} {:>10.0}", format!("libindy-rs, {in_flight} in flight"), "", "", many);

    let vdr = python.and_then(|python| python_indy_vdr(&python, &genesis, seconds, in_flight));
    if let Some(vdr) = &vdr {
        println!(
            "{:<34} {:>10.2} {:>10.2} {:>10.0}",
            "indy-vdr (Python), 1 in flight",
            vdr["p50_ms"].as_f64().unwrap_or(0.0),
            vdr["p99_ms"].as_f64().unwrap_or(0.0),
            vdr["one_per_s"].as_f64().unwrap_or(0.0)
        );
        println!(
            "{:<34} {:>10} {:>10} {:>10.0}",
            format!("indy-vdr (Python), {in_flight} in flight"),
            "",
            "",
            vdr["many_per_s"].as_f64().unwrap_or(0.0)
        );
    }
    if let Some(path) = flag("--json") {
        let report = serde_json::json!({
            "open_s": open_s,
            "libindy_rs": {"p50_ms": pct(0.5), "p99_ms": pct(0.99), "one_per_s": one, "many_per_s": many, "in_flight": in_flight},
            "indy_vdr_python": vdr,
        });
        if let Some(dir) = std::path::Path::new(&path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    }
}

/// A Python with the `indy-vdr` package: `INDY_VDR_PYTHON`, or the pool build's client venv.
fn vdr_python() -> Option<String> {
    std::env::var("INDY_VDR_PYTHON").ok().or_else(|| {
        let cache = std::env::var("INDY_POOL_CACHE")
            .unwrap_or_else(|_| format!("{}/.cache/indyrs-pool", std::env::var("HOME").unwrap_or_default()));
        let python = format!("{cache}/client-venv/bin/python");
        std::path::Path::new(&python).exists().then_some(python)
    })
}

/// The same reads with the `indy-vdr` Python package; `None` when it fails.
fn python_indy_vdr(python: &str, genesis: &str, seconds: f64, in_flight: usize) -> Option<serde_json::Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/ledger_vdr.py");
    let out =
        Command::new(python).args([script, genesis, &seconds.to_string(), &in_flight.to_string()]).output().ok()?;
    if !out.status.success() {
        eprintln!("indy-vdr (Python) failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}
