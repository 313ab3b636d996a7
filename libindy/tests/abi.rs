//! Behaviour through the C ABI: lifecycle, DIDs, signing, ordering, errors, panics.

mod common;

use std::ptr;

use common::*;
use indy::api::{config::*, did::*, testing::*, wallet::*};
use indy::ErrorCode;

const TRUSTEE_SEED: &str = "000000000000000000000000Trustee1";
const TRUSTEE_DID: &str = "V4SGRU86Z58d6TV7PBUe6f";
const TRUSTEE_VERKEY: &str = "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL";

#[test]
fn wallet_lifecycle_dids_and_signatures() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "lifecycle");

    let (did, verkey) = pair(create_did_async(wallet, &format!(r#"{{"seed":"{TRUSTEE_SEED}"}}"#)).wait());
    assert_eq!((did.as_str(), verkey.as_str()), (TRUSTEE_DID, TRUSTEE_VERKEY));
    assert_eq!(string(key_for_local_did_async(wallet, &did).wait()), verkey);
    let again = create_did_async(wallet, &format!(r#"{{"seed":"{TRUSTEE_SEED}"}}"#)).wait();
    assert_eq!(code(again), ErrorCode::DidAlreadyExistsError);

    let signature = bytes(sign_async(wallet, &verkey, b"hello").wait());
    assert_eq!(signature.len(), 64);
    assert!(matches!(verify(&verkey, b"hello", &signature), Ok(Value::Bool(true))));
    assert!(matches!(verify(&verkey, b"hellO", &signature), Ok(Value::Bool(false))));

    let their = "8wZcEriaNLNKtteJvx7f8i";
    unit(store_their_did(wallet, &format!(r#"{{"did":"{their}","verkey":"{verkey}"}}"#)));
    assert_eq!(string(key_for_local_did_async(wallet, their).wait()), verkey);
    let missing = key_for_local_did_async(wallet, "CnEDk9HrMnmiHXEV1WFgbVCRteYnPqsJwrTdcZaNhFVW").wait();
    assert_eq!(code(missing), ErrorCode::WalletItemNotFound);

    unit(close_wallet(wallet));
    assert_eq!(code(close_wallet(wallet)), ErrorCode::WalletInvalidHandle);
    let after_close = create_did_async(wallet, "{}").wait();
    let Err(failure) = after_close else { panic!("a closed handle must fail") };
    assert_eq!(failure.code, ErrorCode::WalletInvalidHandle);
    assert!(failure.message.contains("not open"), "detail read inside the callback: {}", failure.message);
}

#[test]
fn commands_on_one_wallet_take_effect_in_submission_order() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "ordering");
    let mut checks = Vec::new();
    for i in 0..100 {
        let seed = format!("{i:0>32}");
        // Neither waits for the other: the read must still see the write.
        let created = create_did_async(wallet, &format!(r#"{{"seed":"{seed}"}}"#));
        let key = create_key_async(wallet, &format!(r#"{{"seed":"{:0>31}k"}}"#, i));
        checks.push((created, key, seed));
    }
    for (created, key, _seed) in checks {
        let (did, verkey) = pair(created.wait());
        let key = string(key.wait());
        let read = key_for_local_did_async(wallet, &did);
        let signed = sign_async(wallet, &key, b"m");
        assert_eq!(string(read.wait()), verkey);
        assert_eq!(bytes(signed.wait()).len(), 64);
    }
    // Write then read, submitted back to back.
    let seed = "1".repeat(32);
    let created = create_did_async(wallet, &format!(r#"{{"seed":"{seed}"}}"#));
    let expected_did = pair_did_for_seed(&seed);
    let read = key_for_local_did_async(wallet, &expected_did);
    let (did, verkey) = pair(created.wait());
    assert_eq!(did, expected_did);
    assert_eq!(string(read.wait()), verkey);
    unit(close_wallet(wallet));
}

fn pair_did_for_seed(seed: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "scratch");
    let (did, _) = pair(create_did_async(wallet, &format!(r#"{{"seed":"{seed}"}}"#)).wait());
    unit(close_wallet(wallet));
    did
}

#[test]
fn close_waits_for_commands_submitted_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "close-order");
    let created: Vec<_> = (0..50).map(|_| create_did_async(wallet, "{}")).collect();
    let closed = submit(|h| indy_close_wallet(h, wallet, Some(on_unit))).unwrap();
    for c in created {
        pair(c.wait());
    }
    unit(closed.wait());
}

#[test]
fn null_arguments_are_refused_synchronously_with_their_position() {
    let config = c(r#"{"id":"x"}"#);
    let credentials = c(r#"{"key":"k"}"#);
    let refused = |r: Result<Pending, Failure>| r.err().expect("refused synchronously").code;
    assert_eq!(
        refused(submit(|h| indy_create_wallet(h, ptr::null(), config.as_ptr(), Some(on_unit)))),
        ErrorCode::CommonInvalidParam2
    );
    assert_eq!(
        refused(submit(|h| indy_create_wallet(h, config.as_ptr(), ptr::null(), Some(on_unit)))),
        ErrorCode::CommonInvalidParam3
    );
    assert_eq!(
        refused(submit(|h| indy_create_wallet(h, config.as_ptr(), credentials.as_ptr(), None))),
        ErrorCode::CommonInvalidParam4
    );
    assert_eq!(
        refused(submit(|h| indy_create_and_store_my_did(h, 1, ptr::null(), Some(on_str2)))),
        ErrorCode::CommonInvalidParam3
    );
    let vk = c(TRUSTEE_VERKEY);
    assert_eq!(
        refused(submit(|h| indy::api::crypto::indy_crypto_verify(
            h,
            vk.as_ptr(),
            b"m".as_ptr(),
            0,
            b"s".as_ptr(),
            1,
            Some(on_bool)
        ))),
        ErrorCode::CommonInvalidParam4,
        "an empty message is its length parameter"
    );
    assert_eq!(
        refused(submit(|h| indy::api::crypto::indy_crypto_verify(
            h,
            vk.as_ptr(),
            b"m".as_ptr(),
            1,
            ptr::null(),
            1,
            Some(on_bool)
        ))),
        ErrorCode::CommonInvalidParam5
    );
}

#[test]
fn bad_json_and_utf8_are_invalid_structure_with_a_message() {
    let bad = c("{not json");
    let creds = c(r#"{"key":"k"}"#);
    let failure = submit(|h| indy_create_wallet(h, bad.as_ptr(), creds.as_ptr(), Some(on_unit))).err().unwrap();
    assert_eq!(failure.code, ErrorCode::CommonInvalidStructure);
    assert!(failure.message.contains("Parameter 2"), "{}", failure.message);

    let not_utf8 = std::ffi::CString::new(vec![0xff, 0xfe]).unwrap();
    let failure = submit(|h| indy_key_for_local_did(h, 1, not_utf8.as_ptr(), Some(on_str))).err().unwrap();
    assert_eq!(failure.code, ErrorCode::CommonInvalidStructure);

    let wrong_shape = c(r#"{"id": 5}"#);
    let failure = submit(|h| indy_create_wallet(h, wrong_shape.as_ptr(), creds.as_ptr(), Some(on_unit))).err().unwrap();
    assert_eq!(failure.code, ErrorCode::CommonInvalidStructure);

    let config = c(r#"{"crypto_thread_pool_size": 0}"#);
    assert_eq!(indy_set_runtime_config(config.as_ptr()), ErrorCode::CommonInvalidStructure);
    let unknown = c(r#"{"no_such_key": 1}"#);
    assert_eq!(indy_set_runtime_config(unknown.as_ptr()), ErrorCode::CommonInvalidStructure);
}

#[test]
fn wrong_key_is_access_failed_and_changes_nothing_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let config = wallet_config("locked", dir.path());
    let credentials = r#"{"key":"right","key_derivation_method":"ARGON2I_INT"}"#;
    unit(create_wallet(&config, credentials));
    let file = dir.path().join("locked").join("sqlite.db");
    let before = std::fs::read(&file).unwrap();
    let wrong = r#"{"key":"wrong","key_derivation_method":"ARGON2I_INT"}"#;
    assert_eq!(code(open_wallet(&config, wrong)), ErrorCode::WalletAccessFailed);
    assert_eq!(code(delete_wallet(&config, wrong)), ErrorCode::WalletAccessFailed);
    assert_eq!(std::fs::read(&file).unwrap(), before);

    let wallet = handle(open_wallet(&config, credentials));
    assert_eq!(
        code(delete_wallet(&config, credentials)),
        ErrorCode::CommonInvalidState,
        "open wallets are not deleted"
    );
    unit(close_wallet(wallet));
    unit(delete_wallet(&config, credentials));
    assert_eq!(code(open_wallet(&config, credentials)), ErrorCode::WalletNotFoundError);
    assert_eq!(code(delete_wallet(&config, credentials)), ErrorCode::WalletNotFoundError);
}

#[test]
fn opening_twice_even_concurrently_is_already_opened() {
    let dir = tempfile::tempdir().unwrap();
    let config = wallet_config("twice", dir.path());
    let credentials = r#"{"key":"k","key_derivation_method":"ARGON2I_INT"}"#;
    unit(create_wallet(&config, credentials));
    assert_eq!(code(create_wallet(&config, credentials)), ErrorCode::WalletAlreadyExistsError);
    let first = open_wallet_async(&config, credentials);
    let second = open_wallet_async(&config, credentials);
    let (first, second) = (first.wait(), second.wait());
    let opened: Vec<i32> = [first, second]
        .into_iter()
        .filter_map(|a| match a {
            Ok(Value::Handle(h)) => Some(h),
            Err(f) => {
                assert_eq!(f.code, ErrorCode::WalletAlreadyOpenedError);
                None
            }
            Ok(_) => panic!("unexpected value"),
        })
        .collect();
    assert_eq!(opened.len(), 1);
    assert_eq!(code(open_wallet(&config, credentials)), ErrorCode::WalletAlreadyOpenedError);
    unit(close_wallet(opened[0]));
    let reopened = handle(open_wallet(&config, credentials));
    unit(close_wallet(reopened));
}

#[test]
fn rekey_changes_the_key_and_keeps_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let config = wallet_config("rekey", dir.path());
    let old = raw_credentials();
    unit(create_wallet(&config, &old));
    let wallet = handle(open_wallet(&config, &old));
    let (did, verkey) = pair(create_did_async(wallet, "{}").wait());
    unit(close_wallet(wallet));

    let new_key: serde_json::Value = serde_json::from_str(&raw_credentials()).unwrap();
    let mut rekey: serde_json::Value = serde_json::from_str(&old).unwrap();
    rekey["rekey"] = new_key["key"].clone();
    rekey["rekey_derivation_method"] = "RAW".into();
    let wallet = handle(open_wallet(&config, &rekey.to_string()));
    unit(close_wallet(wallet));
    assert_eq!(code(open_wallet(&config, &old)), ErrorCode::WalletAccessFailed);
    let wallet = handle(open_wallet(&config, &new_key.to_string()));
    assert_eq!(string(key_for_local_did_async(wallet, &did).wait()), verkey);
    unit(close_wallet(wallet));
}

#[test]
fn a_panic_anywhere_is_invalid_state_and_the_library_keeps_working() {
    let failure = submit(|h| indyrs_test_panic(h, 0, Some(on_unit))).err().expect("refused synchronously");
    assert_eq!(failure.code, ErrorCode::CommonInvalidState);
    assert!(failure.message.contains("panic"), "{}", failure.message);
    for place in [1, 2] {
        let Err(failure) = run(|h| indyrs_test_panic(h, place, Some(on_unit))) else { panic!("must fail") };
        assert_eq!(failure.code, ErrorCode::CommonInvalidState);
        assert!(failure.message.contains("panic"), "{}", failure.message);
    }
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "after-panic");
    pair(create_did_async(wallet, "{}").wait());
    unit(close_wallet(wallet));
}

#[test]
fn generate_wallet_key_is_deterministic_with_a_seed() {
    let config = c(r#"{"seed":"000000000000000000000000Trustee1"}"#);
    let a = string(run(|h| indy_generate_wallet_key(h, config.as_ptr(), Some(on_str))));
    let b = string(run(|h| indy_generate_wallet_key(h, config.as_ptr(), Some(on_str))));
    assert_eq!(a, b);
    assert_eq!(bs58::decode(&a).into_vec().unwrap().len(), 32);
    let random = string(run(|h| indy_generate_wallet_key(h, ptr::null(), Some(on_str))));
    assert_ne!(a, random);
}

#[test]
fn metrics_report_libindy_counters_and_every_tier() {
    let json = string(run(|h| indy::api::metrics::indy_collect_metrics(h, Some(on_str))));
    let metrics: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in ["threadpool_active_count", "threadpool_queued_count", "threadpool_max_count", "opened_wallets_count"] {
        assert!(metrics[key].is_u64(), "{key} in {json}");
    }
    for tier in ["cheap", "expensive", "storage", "callback"] {
        assert!(metrics["tiers"][tier]["latency_p99_us"].is_u64(), "{tier} in {json}");
    }
}

#[test]
fn protocol_version_accepts_1_and_2_only() {
    unit(run(|h| indy::api::pool::indy_set_protocol_version(h, 1, Some(on_unit))));
    unit(run(|h| indy::api::pool::indy_set_protocol_version(h, 2, Some(on_unit))));
    let failed = run(|h| indy::api::pool::indy_set_protocol_version(h, 3, Some(on_unit)));
    assert_eq!(code(failed), ErrorCode::PoolIncompatibleProtocolVersion);
}
