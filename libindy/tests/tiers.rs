//! The tiers at work: expensive key derivation does not hold up cheap commands, and the
//! executor never waits for user code.

mod common;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use common::*;
use indy::api::did::indy_create_and_store_my_did;
use indy::ErrorCode;

#[test]
fn did_creation_completes_while_argon2_opens_are_running() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "busy");
    let credentials = r#"{"key":"passphrase","key_derivation_method":"ARGON2I_MOD"}"#;
    let configs: Vec<String> = (0..3).map(|i| wallet_config(&format!("argon{i}"), dir.path())).collect();
    for config in &configs {
        unit(create_wallet(config, credentials));
    }

    let opens: Vec<Pending> = configs.iter().map(|config| open_wallet_async(config, credentials)).collect();
    let dids: Vec<Pending> = (0..100).map(|_| create_did_async(wallet, "{}")).collect();
    for did in dids {
        pair(did.wait());
        assert!(
            opens.iter().all(|open| open.try_wait().is_none()),
            "every DID is created before the first Argon2 open finishes"
        );
    }
    for open in opens {
        unit(close_wallet(handle(open.wait())));
    }
    unit(close_wallet(wallet));
}

static BLOCKING_CALLBACK_ENTERED: AtomicBool = AtomicBool::new(false);
static RELEASE_BLOCKING_CALLBACK: AtomicBool = AtomicBool::new(false);
static NESTED_ANSWERS: AtomicUsize = AtomicUsize::new(0);

extern "C" fn blocking_callback(
    _: i32,
    err: ErrorCode,
    _: *const std::os::raw::c_char,
    _: *const std::os::raw::c_char,
) {
    assert_eq!(err, ErrorCode::Success);
    BLOCKING_CALLBACK_ENTERED.store(true, Ordering::SeqCst);
    while !RELEASE_BLOCKING_CALLBACK.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

extern "C" fn nested_answer(_: i32, err: ErrorCode, _: *const std::os::raw::c_char, _: *const std::os::raw::c_char) {
    assert_eq!(err, ErrorCode::Success);
    NESTED_ANSWERS.fetch_add(1, Ordering::SeqCst);
}

static REENTRANT_WALLET: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// Calls into the library from inside a callback.
extern "C" fn reentrant_callback(
    _: i32,
    err: ErrorCode,
    _: *const std::os::raw::c_char,
    _: *const std::os::raw::c_char,
) {
    assert_eq!(err, ErrorCode::Success);
    let json = c("{}");
    let wallet = REENTRANT_WALLET.load(Ordering::SeqCst);
    let code = indy_create_and_store_my_did(9_999, wallet, json.as_ptr(), Some(nested_answer));
    assert_eq!(code, ErrorCode::Success);
}

#[test]
fn a_blocked_callback_holds_up_nothing_and_callbacks_may_call_back_in() {
    let dir = tempfile::tempdir().unwrap();
    let wallet = new_wallet(dir.path(), "callbacks");
    REENTRANT_WALLET.store(wallet, Ordering::SeqCst);
    let json = c("{}");

    assert_eq!(indy_create_and_store_my_did(1, wallet, json.as_ptr(), Some(blocking_callback)), ErrorCode::Success);
    while !BLOCKING_CALLBACK_ENTERED.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(1));
    }
    // With one callback parked, other commands still run to completion and answer.
    let (tx, rx) = mpsc::channel();
    let others: Vec<Pending> = (0..50).map(|_| create_did_async(wallet, "{}")).collect();
    std::thread::spawn(move || {
        for other in others {
            pair(other.wait());
        }
        tx.send(()).unwrap();
    });
    rx.recv_timeout(Duration::from_secs(60)).expect("50 commands answered while a callback blocks");
    assert!(!RELEASE_BLOCKING_CALLBACK.load(Ordering::SeqCst));

    assert_eq!(indy_create_and_store_my_did(2, wallet, json.as_ptr(), Some(reentrant_callback)), ErrorCode::Success);
    while NESTED_ANSWERS.load(Ordering::SeqCst) == 0 {
        std::thread::sleep(Duration::from_millis(1));
    }
    RELEASE_BLOCKING_CALLBACK.store(true, Ordering::SeqCst);
    unit(close_wallet(wallet));
}

#[test]
fn did_creation_goes_on_while_credential_definitions_are_generated() {
    use indy::api::anoncreds::*;
    let dir = tempfile::tempdir().unwrap();
    let issuer_wallet = new_wallet(dir.path(), "issuer");
    let other_wallet = new_wallet(dir.path(), "other");
    let (issuer, _) = pair(create_did_async(issuer_wallet, "{}").wait());
    let (did_, name, version, attrs) = (c(&issuer), c("gvt"), c("1.0"), c(r#"["name","age"]"#));
    let (_, schema) = pair(run(|h| {
        indy_issuer_create_schema(h, did_.as_ptr(), name.as_ptr(), version.as_ptr(), attrs.as_ptr(), Some(on_str2))
    }));
    let schema = c(&schema);
    let cred_defs: Vec<Pending> = ["A", "B"]
        .iter()
        .map(|tag| {
            let tag = c(tag);
            submit(|h| {
                indy_issuer_create_and_store_credential_def(
                    h,
                    issuer_wallet,
                    did_.as_ptr(),
                    schema.as_ptr(),
                    tag.as_ptr(),
                    std::ptr::null(),
                    std::ptr::null(),
                    Some(on_str2),
                )
            })
            .unwrap()
        })
        .collect();
    for _ in 0..100 {
        pair(create_did_async(other_wallet, "{}").wait());
        assert!(
            cred_defs.iter().all(|cred_def| cred_def.try_wait().is_none()),
            "100 DIDs are created, one after another, before either credential definition is done"
        );
    }
    for cred_def in cred_defs {
        pair(cred_def.wait());
    }
    unit(close_wallet(issuer_wallet));
    unit(close_wallet(other_wallet));
}

#[test]
fn did_creation_goes_on_while_a_revocation_registry_of_5000_credentials_is_built() {
    use indy::api::anoncreds::*;
    use indy::api::blob_storage::indy_open_blob_storage_writer;
    let dir = tempfile::tempdir().unwrap();
    let issuer_wallet = new_wallet(dir.path(), "issuer");
    let other_wallet = new_wallet(dir.path(), "other");
    let (issuer, _) = pair(create_did_async(issuer_wallet, "{}").wait());
    let (did_, name, version, attrs) = (c(&issuer), c("gvt"), c("1.0"), c(r#"["name","age"]"#));
    let (_, schema) = pair(run(|h| {
        indy_issuer_create_schema(h, did_.as_ptr(), name.as_ptr(), version.as_ptr(), attrs.as_ptr(), Some(on_str2))
    }));
    let (schema, tag, config) = (c(&schema), c("R"), c(r#"{"support_revocation": true}"#));
    let (cred_def_id, _) = pair(run(|h| {
        indy_issuer_create_and_store_credential_def(
            h,
            issuer_wallet,
            did_.as_ptr(),
            schema.as_ptr(),
            tag.as_ptr(),
            std::ptr::null(),
            config.as_ptr(),
            Some(on_str2),
        )
    }));
    let (kind, tails) = (c("default"), c(&format!(r#"{{"base_dir":"{}","uri_pattern":""}}"#, dir.path().display())));
    let writer = handle(run(|h| indy_open_blob_storage_writer(h, kind.as_ptr(), tails.as_ptr(), Some(on_handle))));
    let (cred_def_id, registry_config) = (c(&cred_def_id), c(r#"{"max_cred_num": 5000}"#));
    let registry = submit(|h| {
        indy_issuer_create_and_store_revoc_reg(
            h,
            issuer_wallet,
            did_.as_ptr(),
            std::ptr::null(),
            tag.as_ptr(),
            cred_def_id.as_ptr(),
            registry_config.as_ptr(),
            writer,
            Some(on_str3),
        )
    })
    .unwrap();
    for i in 0..100 {
        // Half on the issuer's own wallet: building the registry holds no place in its order.
        let wallet = if i % 2 == 0 { other_wallet } else { issuer_wallet };
        pair(create_did_async(wallet, "{}").wait());
        assert!(
            registry.try_wait().is_none(),
            "100 DIDs are created, one after another, before the revocation registry is built"
        );
    }
    let (id, definition, _) = triple(registry.wait());
    assert!(id.ends_with(":CL_ACCUM:R"));
    assert!(definition.contains(r#""maxCredNum":5000"#));
    unit(close_wallet(issuer_wallet));
    unit(close_wallet(other_wallet));
}
