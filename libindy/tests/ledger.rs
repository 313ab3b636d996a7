//! Pools and the ledger through the C ABI. The flows run against a real local pool
//! (`ci/indy-pool/start.sh`, which exports `INDY_POOL_GENESIS`) and are skipped, loudly,
//! without one; the faults that need no running pool always run.

mod common;

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::ptr::null;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{c, code, handle, new_wallet, on_handle, on_str, on_str2, on_unit, pair, run, string, unit, Answer};
use indy::api::anoncreds::*;
use indy::api::did::*;
use indy::api::ledger::*;
use indy::api::pool::*;
use indy::ErrorCode;
use serde_json::{json, Value};

const TRUSTEE_SEED: &str = "000000000000000000000000Trustee1";
const TRUSTEE_DID: &str = "V4SGRU86Z58d6TV7PBUe6f";

/// Pool configs go under `$HOME/.indy_client/pool`: a temporary HOME for this process.
fn home() -> &'static Path {
    static HOME: OnceLock<PathBuf> = OnceLock::new();
    HOME.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        std::env::set_var("HOME", &dir);
        dir
    })
}

fn genesis() -> Option<String> {
    home();
    match std::env::var("INDY_POOL_GENESIS") {
        Ok(path) if Path::new(&path).exists() => Some(path),
        _ => {
            eprintln!(
                "\n*** SKIPPED: INDY_POOL_GENESIS is not set (start a pool with `export \"$(bash ci/indy-pool/start.sh)\"`) ***\n"
            );
            None
        }
    }
}

fn create_config(name: &str, genesis: &Path) -> Answer {
    let (name, config) = (c(name), c(&json!({ "genesis_txn": genesis }).to_string()));
    run(|h| indy_create_pool_ledger_config(h, name.as_ptr(), config.as_ptr(), Some(on_unit)))
}

fn open_pool(name: &str, config: Option<&str>) -> Answer {
    let name = c(name);
    let config = config.map(c);
    run(|h| indy_open_pool_ledger(h, name.as_ptr(), config.as_ref().map_or(null(), |c| c.as_ptr()), Some(on_handle)))
}

fn close_pool(pool: i32) -> Answer {
    run(|h| indy_close_pool_ledger(h, pool, Some(on_unit)))
}

/// A pool config named `name` over the running pool, opened.
fn pool(name: &str, genesis_path: &str) -> i32 {
    unit(create_config(name, Path::new(genesis_path)));
    handle(open_pool(name, None))
}

fn did_from_seed(wallet: i32, seed: &str) -> (String, String) {
    let info = c(&json!({ "seed": seed }).to_string());
    pair(run(|h| indy_create_and_store_my_did(h, wallet, info.as_ptr(), Some(on_str2))))
}

fn new_did(wallet: i32) -> (String, String) {
    let info = c("{}");
    pair(run(|h| indy_create_and_store_my_did(h, wallet, info.as_ptr(), Some(on_str2))))
}

fn sign_and_submit(pool: i32, wallet: i32, submitter: &str, request: &str) -> Value {
    let (submitter, request) = (c(submitter), c(request));
    let reply = string(run(|h| {
        indy_sign_and_submit_request(h, pool, wallet, submitter.as_ptr(), request.as_ptr(), Some(on_str))
    }));
    serde_json::from_str(&reply).unwrap()
}

fn submit(pool: i32, request: &str) -> String {
    let request = c(request);
    string(run(|h| indy_submit_request(h, pool, request.as_ptr(), Some(on_str))))
}

fn opt(s: Option<&CString>) -> *const std::os::raw::c_char {
    s.map_or(null(), |s| s.as_ptr())
}

fn nym_request(submitter: &str, target: &str, verkey: Option<&str>, role: Option<&str>) -> String {
    let (submitter, target) = (c(submitter), c(target));
    let (verkey, role) = (verkey.map(c), role.map(c));
    string(run(|h| {
        indy_build_nym_request(
            h,
            submitter.as_ptr(),
            target.as_ptr(),
            opt(verkey.as_ref()),
            null(),
            opt(role.as_ref()),
            Some(on_str),
        )
    }))
}

fn get_nym(pool: i32, target: &str) -> String {
    let target = c(target);
    let request = string(run(|h| indy_build_get_nym_request(h, null(), target.as_ptr(), Some(on_str))));
    submit(pool, &request)
}

/// Reads until the ledger has it (a write is ordered before every node serves it).
fn read_until(mut read: impl FnMut() -> Option<Value>) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(found) = read() {
            return found;
        }
        assert!(Instant::now() < deadline, "the ledger never served the written data");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_nym_written_by_the_trustee_is_read_back_and_found_by_key_for_did() {
    let Some(genesis) = genesis() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pool = pool("nym", &genesis);
    let wallet = new_wallet(dir.path(), "nym");
    let (trustee, _) = did_from_seed(wallet, TRUSTEE_SEED);
    assert_eq!(trustee, TRUSTEE_DID);
    let (did, verkey) = new_did(wallet);

    let request = nym_request(&trustee, &did, Some(&verkey), Some("TRUST_ANCHOR"));
    let reply = sign_and_submit(pool, wallet, &trustee, &request);
    assert_eq!(reply["op"], "REPLY", "{reply}");

    let nym = read_until(|| {
        let reply = get_nym(pool, &did);
        let parsed = c(&reply);
        match run(|h| indy_parse_get_nym_response(h, parsed.as_ptr(), Some(on_str))) {
            Ok(common::Value::Str(nym)) => Some(serde_json::from_str(&nym).unwrap()),
            _ => None,
        }
    });
    assert_eq!(nym, json!({"did": did, "verkey": verkey, "role": "101"}));

    // Another wallet does not know the DID: key_for_did asks the ledger.
    let other = new_wallet(dir.path(), "other");
    let target = c(&did);
    assert_eq!(string(run(|h| indy_key_for_did(h, pool, other, target.as_ptr(), Some(on_str)))), verkey);

    // Writing the same NYM as its own non-privileged owner with a role is rejected by the
    // nodes: libindy answers the REJECT as the reply.
    let request = nym_request(&did, &new_did(wallet).0, None, Some("TRUSTEE"));
    let reply = sign_and_submit(pool, wallet, &did, &request);
    assert!(reply["op"] == "REJECT" || reply["op"] == "REQNACK", "{reply}");

    unit(close_pool(pool));
    assert_eq!(code(close_pool(pool)), ErrorCode::PoolLedgerInvalidPoolHandle);
    let request = c(&request);
    assert_eq!(
        code(run(|h| indy_submit_request(h, pool, request.as_ptr(), Some(on_str)))),
        ErrorCode::PoolLedgerInvalidPoolHandle
    );
}

#[test]
fn a_schema_and_a_credential_definition_are_written_and_read_back() {
    let Some(genesis) = genesis() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pool = pool("schema", &genesis);
    let wallet = new_wallet(dir.path(), "schema");
    let (trustee, _) = did_from_seed(wallet, TRUSTEE_SEED);

    // A schema is written once per ledger: a new version each run.
    let version =
        format!("1.{}", std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis());
    let (issuer, name, version, attrs) = (c(&trustee), c("gvt"), c(&version), c(r#"["name","age"]"#));
    let (schema_id, schema) = pair(run(|h| {
        indy_issuer_create_schema(h, issuer.as_ptr(), name.as_ptr(), version.as_ptr(), attrs.as_ptr(), Some(on_str2))
    }));
    let data = c(&schema);
    let request = string(run(|h| indy_build_schema_request(h, issuer.as_ptr(), data.as_ptr(), Some(on_str))));
    let reply = sign_and_submit(pool, wallet, &trustee, &request);
    assert_eq!(reply["op"], "REPLY", "{reply}");

    let id = c(&schema_id);
    let get = string(run(|h| indy_build_get_schema_request(h, null(), id.as_ptr(), Some(on_str))));
    let (read_id, ledger_schema) = read_until(|| {
        let reply = c(&submit(pool, &get));
        match run(|h| indy_parse_get_schema_response(h, reply.as_ptr(), Some(on_str2))) {
            Ok(common::Value::Str2(id, json)) => Some(json!([id, json])),
            _ => None,
        }
    })
    .as_array()
    .map(|a| (a[0].as_str().unwrap().to_string(), a[1].as_str().unwrap().to_string()))
    .unwrap();
    assert_eq!(read_id, schema_id);
    let ledger_schema_value: Value = serde_json::from_str(&ledger_schema).unwrap();
    assert!(ledger_schema_value["seqNo"].as_u64().is_some(), "{ledger_schema}");

    let (schema_json, tag, kind, config) = (c(&ledger_schema), c("TAG"), c("CL"), c(r#"{"support_revocation":false}"#));
    let (cred_def_id, cred_def) = pair(run(|h| {
        indy_issuer_create_and_store_credential_def(
            h,
            wallet,
            issuer.as_ptr(),
            schema_json.as_ptr(),
            tag.as_ptr(),
            kind.as_ptr(),
            config.as_ptr(),
            Some(on_str2),
        )
    }));
    let data = c(&cred_def);
    let request = string(run(|h| indy_build_cred_def_request(h, issuer.as_ptr(), data.as_ptr(), Some(on_str))));
    let reply = sign_and_submit(pool, wallet, &trustee, &request);
    assert_eq!(reply["op"], "REPLY", "{reply}");

    let id = c(&cred_def_id);
    let get = string(run(|h| indy_build_get_cred_def_request(h, null(), id.as_ptr(), Some(on_str))));
    let read = read_until(|| {
        let reply = c(&submit(pool, &get));
        match run(|h| indy_parse_get_cred_def_response(h, reply.as_ptr(), Some(on_str2))) {
            Ok(common::Value::Str2(id, json)) => Some(json!([id, serde_json::from_str::<Value>(&json).unwrap()])),
            _ => None,
        }
    });
    assert_eq!(read[0], cred_def_id);
    let written: Value = serde_json::from_str(&cred_def).unwrap();
    assert_eq!(read[1]["value"], written["value"]);

    // The cache reads it from the ledger once, then from the wallet.
    let (options, submitter) = (c("{}"), c(&trustee));
    let cached = string(run(|h| {
        indy::api::cache::indy_get_cred_def(
            h,
            pool,
            wallet,
            submitter.as_ptr(),
            id.as_ptr(),
            options.as_ptr(),
            Some(on_str),
        )
    }));
    unit(close_pool(pool));
    let no_update = c(r#"{"noUpdate": true}"#);
    let again = string(run(|h| {
        indy::api::cache::indy_get_cred_def(
            h,
            pool,
            wallet,
            submitter.as_ptr(),
            id.as_ptr(),
            no_update.as_ptr(),
            Some(on_str),
        )
    }));
    assert_eq!(cached, again);
}

#[test]
fn an_action_goes_to_the_named_nodes_only() {
    let Some(genesis) = genesis() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pool = pool("action", &genesis);
    let wallet = new_wallet(dir.path(), "action");
    let (trustee, _) = did_from_seed(wallet, TRUSTEE_SEED);
    let submitter = c(&trustee);
    let request = string(run(|h| indy_build_get_validator_info_request(h, submitter.as_ptr(), Some(on_str))));
    let request = c(&request);
    let signed = string(run(|h| indy_sign_request(h, wallet, submitter.as_ptr(), request.as_ptr(), Some(on_str))));
    let (signed, nodes) = (c(&signed), c(r#"["Node1","Node2"]"#));
    let replies = string(run(|h| indy_submit_action(h, pool, signed.as_ptr(), nodes.as_ptr(), 20, Some(on_str))));
    let replies: Value = serde_json::from_str(&replies).unwrap();
    let mut names: Vec<_> = replies.as_object().unwrap().keys().cloned().collect();
    names.sort();
    assert_eq!(names, ["Node1", "Node2"]);
    let nym = c(&nym_request(&trustee, &trustee, None, None));
    assert_eq!(
        code(run(|h| indy_submit_action(h, pool, nym.as_ptr(), null(), -1, Some(on_str)))),
        ErrorCode::CommonInvalidStructure
    );
    unit(close_pool(pool));
}

#[test]
fn a_pool_opens_once_and_its_config_is_refused_while_open() {
    let Some(genesis) = genesis() else { return };
    let pool = pool("twice", &genesis);
    assert_eq!(code(open_pool("twice", None)), ErrorCode::PoolLedgerInvalidPoolHandle);
    let name = c("twice");
    assert_eq!(
        code(run(|h| indy_delete_pool_ledger_config(h, name.as_ptr(), Some(on_unit)))),
        ErrorCode::CommonInvalidState
    );
    unit(run(|h| indy_refresh_pool_ledger(h, pool, Some(on_unit))));
    unit(close_pool(pool));
    unit(run(|h| indy_delete_pool_ledger_config(h, name.as_ptr(), Some(on_unit))));
}

#[test]
fn unknown_malformed_and_unreachable_pools_fail_with_libindy_codes() {
    home();
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(open_pool("never-created", None)), ErrorCode::PoolLedgerNotCreatedError);

    let malformed = dir.path().join("malformed.txn");
    std::fs::write(&malformed, "{not json\n").unwrap();
    assert_eq!(code(create_config("malformed", &malformed)), ErrorCode::CommonInvalidStructure);
    assert_eq!(code(create_config("missing", &dir.path().join("none.txn"))), ErrorCode::CommonIOError);

    // A genesis whose nodes listen nowhere: the open fails within its configured timeout.
    let unreachable = dir.path().join("unreachable.txn");
    std::fs::write(&unreachable, unreachable_genesis()).unwrap();
    unit(create_config("unreachable", &unreachable));
    assert_eq!(code(create_config("unreachable", &unreachable)), ErrorCode::PoolLedgerConfigAlreadyExistsError);
    let started = Instant::now();
    let opened = open_pool("unreachable", Some(r#"{"timeout": 3, "extended_timeout": 3}"#));
    assert_eq!(code(opened), ErrorCode::PoolLedgerTimeout);
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());

    let pools = string(run(|h| indy_list_pools(h, Some(on_str))));
    assert!(serde_json::from_str::<Value>(&pools)
        .unwrap()
        .as_array()
        .unwrap()
        .contains(&json!({"pool": "unreachable"})));
    let name = c("unreachable");
    unit(run(|h| indy_delete_pool_ledger_config(h, name.as_ptr(), Some(on_unit))));
}

/// libindy's 4-node test genesis, moved to ports nothing listens on.
fn unreachable_genesis() -> String {
    let nodes = [
        ("Node1", "Gw6pDLhcBcoQesN72qfotTgFa7cbuqZpkX3Xo6pLhPhv", "4N8aUNHSgjQVgkpm8nhNEfDf6txHznoYREg9kirmJrkivgL4oSEimFF6nsQ6M41QvhM2Z33nves5vfSn9n1UwNFJBYtWVnHYMATn76vLuL3zU88KyeAYcHfsih3He6UHcXDxcaecHVz6jhCYz1P2UZn2bDVruL5wXpehgBfBaLKm3Ba", "RahHYiCvoNCtPTrVtP7nMC5eTYrsUA8WjXbdhNc8debh1agE9bGiJxWBXYNFbnJXoXhWFMvyqhqhRoq737YQemH5ik9oL7R4NTTCz2LEZhkgLJzB3QRQqJyBNyv7acbdHrAT8nQ9UkLbaVL9NBpnWXBTw4LEMePaSHEw66RzPNdAX1", "Th7MpTaRZVRYnPiabds81Y"),
        ("Node2", "8ECVSk179mjsjKRLWiQtssMLgp6EPhWXtaYyStWPSGAb", "37rAPpXVoxzKhz7d9gkUe52XuXryuLXoM6P6LbWDB7LSbG62Lsb33sfG7zqS8TK1MXwuCHj1FKNzVpsnafmqLG1vXN88rt38mNFs9TENzm4QHdBzsvCuoBnPH7rpYYDo9DZNJePaDvRvqJKByCabubJz3XXKbEeshzpz4Ma5QYpJqjk", "Qr658mWZ2YC8JXGXwMDQTzuZCWF7NK9EwxphGmcBvCh6ybUuLxbG65nsX4JvD4SPNtkJ2w9ug1yLTj6fgmuDg41TgECXjLCij3RMsV8CwewBVgVN67wsA45DFWvqvLtu4rjNnE9JbdFTc1Z4WCPA3Xan44K1HoHAq9EVeaRYs8zoF5", "EbP4aYNeTHL6q385GuVpRV"),
        ("Node3", "DKVxG2fXXTU8yT5N7hGEbXB3dfdAnYv1JczDUHpmDxya", "3WFpdbg7C5cnLYZwFZevJqhubkFALBfCBBok15GdrKMUhUjGsk3jV6QKj6MZgEubF7oqCafxNdkm7eswgA4sdKTRc82tLGzZBd6vNqU8dupzup6uYUf32KTHTPQbuUM8Yk4QFXjEf2Usu2TJcNkdgpyeUSX42u5LqdDDpNSWUK5deC5", "QwDeb2CkNSx6r8QC8vGQK3GRv7Yndn84TGNijX8YXHPiagXajyfTjoR87rXUu4G4QLk2cF8NNyqWiYMus1623dELWwx57rLCFqGh7N4ZRbGDRP4fnVcaKg1BcUxQ866Ven4gw8y4N56S5HzxXNBZtLYmhGHvDtk6PFkFwCvxYrNYjh", "4cU41vWW82ArfxJxHkzXPG"),
        ("Node4", "4PS3EDQ3dW1tci1Bp6543CfuuebjFrg36kLAUcskGfaA", "2zN3bHM1m4rLz54MJHYSwvqzPchYp8jkHswveCLAEJVcX6Mm1wHQD1SkPYMzUDTZvWvhuE6VNAkK3KxVeEmsanSmvjVkReDeBEMxeDaayjcZjFGPydyey1qxBHmTvAnBKoPydvuTAqx5f7YNNRAdeLmUi99gERUU7TD8KfAa6MpQ9bw", "RPLagxaR5xdimFzwmzYnz4ZhWtYQEj8iR5ZU53T2gitPCyCHQneUn2Huc4oeLd2B2HzkGnjAff4hWTJT6C7qHYB1Mv2wU5iHHGFWkhnTX9WsEAbunJCV2qcaXScKj4tTfvdDKfLiVuU2av6hbsMztirRze7LvYBkRHV3tGwyCptsrP", "TWwCRQRZ2ZHMJFn9TzLp7W"),
    ];
    let mut lines = Vec::new();
    for (i, (alias, dest, blskey, pop, from)) in nodes.iter().enumerate() {
        let port = 9790 + 2 * i as u16;
        lines.push(
            json!({
                "reqSignature": {}, "ver": "1",
                "txn": {
                    "data": {
                        "data": {
                            "alias": alias, "blskey": blskey, "blskey_pop": pop,
                            "client_ip": "127.0.0.1", "client_port": port + 1,
                            "node_ip": "127.0.0.1", "node_port": port, "services": ["VALIDATOR"]
                        },
                        "dest": dest
                    },
                    "metadata": {"from": from}, "type": "0"
                },
                "txnMetadata": {"seqNo": i + 1}
            })
            .to_string(),
        );
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_same_request_twice_at_once_is_refused_once_and_the_pool_keeps_working() {
    let Some(genesis) = genesis() else { return };
    let pool = pool("duplicate", &genesis);
    let target = c(TRUSTEE_DID);
    let request = c(&string(run(|h| indy_build_get_nym_request(h, null(), target.as_ptr(), Some(on_str)))));
    let first = common::submit(|h| indy_submit_request(h, pool, request.as_ptr(), Some(on_str))).unwrap();
    let second = common::submit(|h| indy_submit_request(h, pool, request.as_ptr(), Some(on_str))).unwrap();
    let codes = [code(first.wait()), code(second.wait())];
    assert!(codes.contains(&ErrorCode::Success), "{codes:?}");
    // indy-vdr tracks requests by reqId: the second is refused while the first is out (or
    // answered after it), and the pool's network thread lives on.
    assert!(codes.iter().all(|c| matches!(c, ErrorCode::Success | ErrorCode::CommonInvalidStructure)), "{codes:?}");
    let reply: Value = serde_json::from_str(&get_nym(pool, TRUSTEE_DID)).unwrap();
    assert_eq!(reply["op"], "REPLY");
    unit(close_pool(pool));
}
