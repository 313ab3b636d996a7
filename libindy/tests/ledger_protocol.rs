//! `indy_set_protocol_version(1)` against the real pool (indy-node 1.13, genesis of protocol
//! 2). The version is process-wide, so this test has a process (a test binary) of its own:
//! in `ledger` it would change the requests of the tests running beside it.

mod common;

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::ptr::null;

use common::{c, handle, on_handle, on_str, on_unit, run, string, unit, Answer};
use indy::api::ledger::*;
use indy::api::pool::*;
use indy::ErrorCode;
use serde_json::{json, Value};

const TRUSTEE_DID: &str = "V4SGRU86Z58d6TV7PBUe6f";

fn genesis() -> Option<PathBuf> {
    match std::env::var("INDY_POOL_GENESIS") {
        Ok(path) if Path::new(&path).exists() => Some(PathBuf::from(path)),
        _ => {
            eprintln!(
                "\n*** SKIPPED: INDY_POOL_GENESIS is not set (start a pool with `export \"$(bash ci/indy-pool/start.sh)\"`) ***\n"
            );
            None
        }
    }
}

fn set_protocol_version(version: u64) {
    unit(run(|h| indy_set_protocol_version(h, version, Some(on_unit))));
}

fn open_pool(name: &CString) -> Answer {
    run(|h| indy_open_pool_ledger(h, name.as_ptr(), null(), Some(on_handle)))
}

fn nym_request() -> Value {
    let did = c(TRUSTEE_DID);
    let request =
        string(run(|h| indy_build_nym_request(h, did.as_ptr(), did.as_ptr(), null(), null(), null(), Some(on_str))));
    serde_json::from_str(&request).unwrap()
}

fn get_nym_request() -> Value {
    let did = c(TRUSTEE_DID);
    let request = string(run(|h| indy_build_get_nym_request(h, null(), did.as_ptr(), Some(on_str))));
    serde_json::from_str(&request).unwrap()
}

#[test]
fn protocol_version_1_builds_version_1_requests_and_cannot_open_a_protocol_2_pool() {
    let home = tempfile::tempdir().unwrap();
    std::env::set_var("HOME", home.path()); // pool configs under a temporary ~/.indy_client
    assert_eq!(nym_request()["protocolVersion"], 2, "libindy's default is 2");

    set_protocol_version(1);
    let checked = std::panic::catch_unwind(|| {
        assert_eq!(nym_request()["protocolVersion"], 1);
        assert_eq!(get_nym_request()["protocolVersion"], 1);
        let Some(genesis) = genesis() else { return };
        let (name, config) = (c("protocol-1"), c(&json!({ "genesis_txn": genesis }).to_string()));
        unit(run(|h| indy_create_pool_ledger_config(h, name.as_ptr(), config.as_ptr(), Some(on_unit))));
        // As libindy 1.16: the genesis (node 1.4 transactions) does not match protocol 1.
        let failure = open_pool(&name).err().expect("the open fails");
        assert_eq!(failure.code, ErrorCode::PoolIncompatibleProtocolVersion, "{}", failure.message);
        assert!(
            failure.message.contains(
                "Libindy PROTOCOL_VERSION is 1 but Pool Genesis Transactions are of version 1.4. \
                 Call indy_set_protocol_version(2) to set correct PROTOCOL_VERSION"
            ),
            "{}",
            failure.message
        );
    });
    set_protocol_version(2);
    if let Err(panic) = checked {
        std::panic::resume_unwind(panic);
    }

    // Back on 2, the same config opens and reads.
    assert_eq!(nym_request()["protocolVersion"], 2);
    let Some(_) = genesis() else { return };
    let name = c("protocol-1");
    let pool = handle(open_pool(&name));
    let request = c(&get_nym_request().to_string());
    let reply = string(run(|h| indy_submit_request(h, pool, request.as_ptr(), Some(on_str))));
    let reply: Value = serde_json::from_str(&reply).unwrap();
    assert_eq!(reply["op"], "REPLY", "{reply}");
    unit(run(|h| indy_close_pool_ledger(h, pool, Some(on_unit))));
    unit(run(|h| indy_delete_pool_ledger_config(h, name.as_ptr(), Some(on_unit))));
}
