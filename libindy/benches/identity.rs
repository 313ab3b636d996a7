//! Throughput of sign, verify, anon_crypt and pack_message through the C ABI with many
//! commands in flight, next to the raw crates doing the same crypto on the same number of
//! threads, measured in one run. `cargo bench -p libindy --bench identity`
//! (`-- --seconds N --in-flight K` to change the defaults, `--only OP` to run one,
//! `--json PATH` to write the figures).

mod common;

use std::ffi::CString;
use std::sync::Arc;

use common::*;

use ed25519_dalek::{Signer, SigningKey};
use indy::api::{crypto::*, wallet::*};

struct Row {
    op: &'static str,
    abi: f64,
    raw: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let seconds: f64 = flag("--seconds").map_or(2.0, |s| s.parse().unwrap());
    let limit: usize = flag("--in-flight").map_or(256, |s| s.parse().unwrap());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let only = flag("--only");
    let wanted = |op: &str| only.as_deref().is_none_or(|o| op.starts_with(o));

    let dir = tempfile::tempdir().unwrap();
    let config =
        CString::new(serde_json::json!({"id": "bench", "storage_config": {"path": dir.path()}}).to_string()).unwrap();
    let (_, key) = setup(|| indy_generate_wallet_key(0, std::ptr::null(), Some(setup_str)));
    let credentials =
        CString::new(serde_json::json!({"key": key, "key_derivation_method": "RAW"}).to_string()).unwrap();
    setup(|| indy_create_wallet(0, config.as_ptr(), credentials.as_ptr(), Some(setup_unit)));
    let (wallet, _) = setup(|| indy_open_wallet(0, config.as_ptr(), credentials.as_ptr(), Some(setup_handle)));
    let seed = "000000000000000000000000Bench001";
    let key_json = CString::new(format!(r#"{{"seed":"{seed}"}}"#)).unwrap();
    let (_, verkey) = setup(|| indy_create_key(0, wallet, key_json.as_ptr(), Some(setup_str)));
    let vk = CString::new(verkey.clone()).unwrap();
    let receivers = CString::new(serde_json::to_string(&[&verkey]).unwrap()).unwrap();
    let message = b"{\"@type\":\"https://didcomm.org/basicmessage/1.0/message\",\"content\":\"hello\"}".to_vec();

    let signing = SigningKey::from_bytes(seed.as_bytes().try_into().unwrap());
    let signature = signing.sign(&message).to_bytes();
    let verifying = signing.verifying_key();
    let x25519 = crypto_box::PublicKey::from(verifying.to_montgomery().to_bytes());
    let stored_key = indy::services::crypto::create_key(Some(seed.as_bytes().try_into().unwrap()));
    let key_pair = Arc::new(indy::services::crypto::KeyPair::from_key(&stored_key).unwrap());

    let mut rows = Vec::new();
    if wanted("crypto_sign") {
        let (m, s) = (message.clone(), signing.clone());
        let raw = raw(threads, seconds, move || {
            let _ = s.sign(&m);
        });
        let abi = through_abi(limit, seconds, |h| {
            indy_crypto_sign(h, wallet, vk.as_ptr(), message.as_ptr(), message.len() as u32, Some(on_bytes))
        });
        rows.push(Row { op: "crypto_sign", abi, raw });
    }
    if wanted("crypto_verify") {
        let m = message.clone();
        let raw = raw(threads, seconds, move || {
            assert!(verifying.verify_strict(&m, &ed25519_dalek::Signature::from_bytes(&signature)).is_ok())
        });
        let abi = through_abi(limit, seconds, |h| {
            indy_crypto_verify(
                h,
                vk.as_ptr(),
                message.as_ptr(),
                message.len() as u32,
                signature.as_ptr(),
                signature.len() as u32,
                Some(on_bool),
            )
        });
        rows.push(Row { op: "crypto_verify", abi, raw });
    }
    if wanted("crypto_anon_crypt") {
        let (m, pk) = (message.clone(), x25519.clone());
        let raw = raw(threads, seconds, move || drop(pk.seal(&mut rand::rngs::OsRng, &m).unwrap()));
        let abi = through_abi(limit, seconds, |h| {
            indy_crypto_anon_crypt(h, vk.as_ptr(), message.as_ptr(), message.len() as u32, Some(on_bytes))
        });
        rows.push(Row { op: "crypto_anon_crypt", abi, raw });
    }
    if wanted("pack_message") {
        let (m, k, to) = (message.clone(), key_pair.clone(), vec![verkey.clone()]);
        let raw = raw(threads, seconds, move || drop(indy::services::pack::pack(&m, &to, Some(&k)).unwrap()));
        let abi = through_abi(limit, seconds, |h| {
            indy::api::crypto::indy_pack_message(
                h,
                wallet,
                message.as_ptr(),
                message.len() as u32,
                receivers.as_ptr(),
                vk.as_ptr(),
                Some(on_bytes),
            )
        });
        rows.push(Row { op: "pack_message (authcrypt, 1 recipient)", abi, raw });
    }
    setup(|| indy_close_wallet(0, wallet, Some(setup_unit)));

    println!("\nThroughput, {limit} commands in flight through the C ABI vs the raw crates on {threads} threads ({seconds} s each)\n");
    println!("  {:<40} {:>14} {:>14} {:>8}", "operation", "C ABI ops/s", "raw ops/s", "ratio");
    for row in &rows {
        println!("  {:<40} {:>14.0} {:>14.0} {:>7.0}%", row.op, row.abi, row.raw, 100.0 * row.abi / row.raw);
    }
    if let Some(path) = flag("--json") {
        let json = serde_json::json!({
            "threads": threads,
            "in_flight": limit,
            "seconds": seconds,
            "rows": rows.iter().map(|r| serde_json::json!({"op": r.op, "abi_ops_per_s": r.abi, "raw_ops_per_s": r.raw, "ratio": r.abi / r.raw})).collect::<Vec<_>>(),
        });
        std::fs::write(path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    }
}
