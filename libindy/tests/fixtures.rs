//! Wallets written by a real libindy 1.16 open here, with everything in them.

mod common;

use std::path::Path;

use common::*;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn libindy_wallets_open_with_their_dids_keys_and_signature() {
    let fixtures = fixtures_dir();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(fixtures.join("manifest.json")).expect("fixtures beside the repository"))
            .unwrap();
    for wallet in manifest["wallets"].as_array().unwrap() {
        let id = wallet["config"]["id"].as_str().unwrap();
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixtures.join(id), &dir.path().join(id));
        let config = wallet_config(id, dir.path());
        let handle = handle(open_wallet(&config, &wallet["credentials"].to_string()));
        let content = &wallet["content"];

        for did in content["dids"].as_array().unwrap() {
            let verkey = string(key_for_local_did_async(handle, did["did"].as_str().unwrap()).wait());
            assert_eq!(verkey, did["verkey"].as_str().unwrap(), "{id}");
        }
        for their in content["their_dids"].as_array().unwrap() {
            let verkey = string(key_for_local_did_async(handle, their["did"].as_str().unwrap()).wait());
            assert_eq!(verkey, their["verkey"].as_str().unwrap(), "{id}");
        }
        let signed = &content["signature_hex"];
        let signature = bytes(
            sign_async(handle, signed["verkey"].as_str().unwrap(), signed["message"].as_str().unwrap().as_bytes())
                .wait(),
        );
        assert_eq!(hex::encode(signature), signed["sig"].as_str().unwrap(), "{id}: libindy's signature");

        // New content written here reads back after reopening.
        let (did, verkey) = pair(create_did_async(handle, "{}").wait());
        unit(close_wallet(handle));
        let handle = common::handle(open_wallet(&config, &wallet["credentials"].to_string()));
        assert_eq!(string(key_for_local_did_async(handle, &did).wait()), verkey);
        unit(close_wallet(handle));
    }
}
