//! Node faults against a real local pool: it stops and restarts nodes, so it is a test
//! binary of its own (cargo runs test binaries one after another). Needs the pool that
//! `ci/indy-pool/start.sh` started (`INDY_POOL_GENESIS`, `INDY_POOL_DIR`); skipped, loudly,
//! without one.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::ptr::null;
use std::time::{Duration, Instant};

use common::{c, code, handle, new_wallet, on_handle, on_str, on_str2, on_unit, pair, run, string, submit, unit};
use indy::api::did::*;
use indy::api::ledger::*;
use indy::api::pool::*;
use indy::ErrorCode;
use serde_json::{json, Value};

struct Pool {
    genesis: String,
    dir: String,
    script: PathBuf,
    /// node.sh finds the pool's build under HOME, which this test changes.
    cache: String,
}

impl Pool {
    fn get() -> Option<Pool> {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ci/indy-pool/node.sh");
        match (std::env::var("INDY_POOL_GENESIS"), std::env::var("INDY_POOL_DIR")) {
            (Ok(genesis), Ok(dir)) if script.exists() => {
                let home = std::env::var("HOME").unwrap_or_default();
                let cache = std::env::var("INDY_POOL_CACHE").unwrap_or(format!("{home}/.cache/indyrs-pool"));
                Some(Pool { genesis, dir, script, cache })
            }
            _ => {
                eprintln!(
                    "\n*** SKIPPED: no local pool (INDY_POOL_GENESIS / INDY_POOL_DIR, ci/indy-pool/node.sh) ***\n"
                );
                None
            }
        }
    }

    fn node(&self, action: &str, node: &str) {
        let status = Command::new("bash")
            .arg(&self.script)
            .args([action, &self.dir, node])
            .env("INDY_POOL_CACHE", &self.cache)
            .status()
            .unwrap();
        assert!(status.success(), "node.sh {action} {node}");
    }
}

/// Restarts the stopped nodes even when an assertion fails, so later runs find a pool.
struct Restart<'a>(&'a Pool, Vec<&'static str>);

impl Drop for Restart<'_> {
    fn drop(&mut self) {
        for node in &self.1 {
            self.0.node("start", node);
        }
    }
}

fn write_nym(pool: i32, wallet: i32, trustee: &str) -> Result<Value, ErrorCode> {
    let info = c("{}");
    let (did, verkey) = pair(run(|h| indy_create_and_store_my_did(h, wallet, info.as_ptr(), Some(on_str2))));
    let (submitter, target, verkey) = (c(trustee), c(&did), c(&verkey));
    let request = string(run(|h| {
        indy_build_nym_request(h, submitter.as_ptr(), target.as_ptr(), verkey.as_ptr(), null(), null(), Some(on_str))
    }));
    let request = c(&request);
    match run(|h| indy_sign_and_submit_request(h, pool, wallet, submitter.as_ptr(), request.as_ptr(), Some(on_str))) {
        Ok(common::Value::Str(reply)) => Ok(serde_json::from_str(&reply).unwrap()),
        Ok(_) => panic!("unexpected value"),
        Err(f) => Err(f.code),
    }
}

fn read_genesis_txn(pool: i32) -> Result<Value, ErrorCode> {
    let ledger = c("POOL");
    let request = string(run(|h| indy_build_get_txn_request(h, null(), ledger.as_ptr(), 1, Some(on_str))));
    let request = c(&request);
    match run(|h| indy_submit_request(h, pool, request.as_ptr(), Some(on_str))) {
        Ok(common::Value::Str(reply)) => Ok(serde_json::from_str(&reply).unwrap()),
        Ok(_) => panic!("unexpected value"),
        Err(f) => Err(f.code),
    }
}

#[test]
fn one_node_down_is_tolerated_two_fail_in_time_and_the_handle_recovers() {
    let Some(nodes) = Pool::get() else { return };
    let home = tempfile::tempdir().unwrap();
    std::env::set_var("HOME", home.path());
    let (name, config) = (c("faults"), c(&json!({ "genesis_txn": nodes.genesis }).to_string()));
    unit(run(|h| indy_create_pool_ledger_config(h, name.as_ptr(), config.as_ptr(), Some(on_unit))));
    let open = c(r#"{"timeout": 5, "extended_timeout": 8}"#);
    let pool = handle(run(|h| indy_open_pool_ledger(h, name.as_ptr(), open.as_ptr(), Some(on_handle))));
    let wallet = new_wallet(home.path(), "faults");
    let seed = c(r#"{"seed": "000000000000000000000000Trustee1"}"#);
    let (trustee, _) = pair(run(|h| indy_create_and_store_my_did(h, wallet, seed.as_ptr(), Some(on_str2))));

    nodes.node("stop", "Node4");
    let mut restart = Restart(&nodes, vec!["Node4"]);
    assert_eq!(write_nym(pool, wallet, &trustee).unwrap()["op"], "REPLY");
    assert_eq!(read_genesis_txn(pool).unwrap()["op"], "REPLY");

    nodes.node("stop", "Node3");
    restart.1.push("Node3");
    let started = Instant::now();
    let failed = write_nym(pool, wallet, &trustee);
    assert!(matches!(failed, Err(ErrorCode::LedgerNoConsensusError | ErrorCode::PoolLedgerTimeout)), "{failed:?}");
    assert!(started.elapsed() < Duration::from_secs(40), "answered after {:?}", started.elapsed());

    // While a write waits for a consensus it cannot get and reads are outstanding, DIDs
    // are created at their usual pace: the ledger work never holds the executor.
    let write = {
        let info = c("{}");
        let (did, _) = pair(run(|h| indy_create_and_store_my_did(h, wallet, info.as_ptr(), Some(on_str2))));
        let (submitter, target) = (c(&trustee), c(&did));
        let request = string(run(|h| {
            indy_build_nym_request(h, submitter.as_ptr(), target.as_ptr(), null(), null(), null(), Some(on_str))
        }));
        let request = c(&request);
        submit(|h| indy_sign_and_submit_request(h, pool, wallet, submitter.as_ptr(), request.as_ptr(), Some(on_str)))
            .unwrap()
    };
    let ledger = c("DOMAIN");
    let read_request = c(&string(run(|h| indy_build_get_txn_request(h, null(), ledger.as_ptr(), 1, Some(on_str)))));
    let reads: Vec<_> = (0..64)
        .map(|_| submit(|h| indy_submit_request(h, pool, read_request.as_ptr(), Some(on_str))).unwrap())
        .collect();
    let dids_started = Instant::now();
    for _ in 0..100 {
        let info = c("{}");
        pair(run(|h| indy_create_and_store_my_did(h, wallet, info.as_ptr(), Some(on_str2))));
    }
    let dids_took = dids_started.elapsed();
    assert!(write.try_wait().is_none(), "the write answered before 100 DIDs were created ({dids_took:?})");
    assert!(dids_took < Duration::from_secs(3), "100 DIDs took {dids_took:?}");
    let written = write.wait();
    assert!(written.is_err(), "a write without consensus succeeded");
    for read in reads {
        // Reads are answered (a state proof from one node is enough) or fail in time.
        let _ = read.wait();
    }

    drop(restart);
    // The same handle works again once the nodes are back and have caught up.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match write_nym(pool, wallet, &trustee) {
            Ok(reply) if reply["op"] == "REPLY" => break,
            other => assert!(Instant::now() < deadline, "the pool did not recover: {other:?}"),
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    unit(run(|h| indy_close_pool_ledger(h, pool, Some(on_unit))));
    assert_eq!(code(run(|h| indy_refresh_pool_ledger(h, pool, Some(on_unit)))), ErrorCode::PoolLedgerInvalidPoolHandle);
}
