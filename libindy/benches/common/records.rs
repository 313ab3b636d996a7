//! Wallet records for the benchmarks: the same records (type, ids, tags) through the C ABI
//! in every benchmark, and the rows one add writes, for the raw rusqlite loops.

use std::ffi::CString;

use indy::api::non_secrets::*;

use super::*;

pub const RECORD_TYPE: &str = "BenchRecord";

/// Two tags: `group` (encrypted, 100 values) for searches, `~n` (plaintext).
pub fn tags(n: u64) -> String {
    format!(r#"{{"group":"g{}","~n":"{n}"}}"#, n % 100)
}

/// Records `seed-0` … `seed-{count-1}`, one at a time, for gets and searches.
pub fn seed(wallet: i32, count: u64) {
    let type_ = CString::new(RECORD_TYPE).unwrap();
    for i in 0..count {
        let id = CString::new(format!("seed-{i}")).unwrap();
        let value = CString::new(format!("value {i}")).unwrap();
        let tags = CString::new(tags(i)).unwrap();
        setup(|| {
            indy_add_wallet_record(
                0,
                wallet,
                type_.as_ptr(),
                id.as_ptr(),
                value.as_ptr(),
                tags.as_ptr(),
                Some(setup_unit),
            )
        });
    }
}

/// Adds records through the ABI keeping `in_flight` commands in flight; ops/s. Ids are
/// `{prefix}-{command handle}`, so give each call its own prefix.
pub fn abi_adds(wallet: i32, in_flight: usize, seconds: f64, prefix: &str) -> f64 {
    let type_ = CString::new(RECORD_TYPE).unwrap();
    through_abi(in_flight, seconds, |h| {
        let n = h as u64;
        let id = CString::new(format!("{prefix}-{n}")).unwrap();
        let value = CString::new(format!("value {n}")).unwrap();
        let tags = CString::new(tags(n)).unwrap();
        indy_add_wallet_record(h, wallet, type_.as_ptr(), id.as_ptr(), value.as_ptr(), tags.as_ptr(), Some(on_unit))
    })
}

/// Gets of seeded records, with their tags; ops/s.
pub fn abi_gets(wallet: i32, in_flight: usize, seconds: f64, seeded: u64) -> f64 {
    let type_ = CString::new(RECORD_TYPE).unwrap();
    let options = CString::new(r#"{"retrieveTags": true}"#).unwrap();
    through_abi(in_flight, seconds, |h| {
        let id = CString::new(format!("seed-{}", (h as u64 * 7919) % seeded)).unwrap();
        indy_get_wallet_record(h, wallet, type_.as_ptr(), id.as_ptr(), options.as_ptr(), Some(on_str))
    })
}

/// Open, fetch the first page (10 records of one group) and close: one search, by client
/// threads making blocking calls, as each is three calls; searches/s.
pub fn abi_searches(wallet: i32, clients: usize, seconds: f64) -> f64 {
    let type_ = CString::new(RECORD_TYPE).unwrap();
    let options = CString::new(r#"{"retrieveTotalCount": true, "retrieveTags": true}"#).unwrap();
    with_clients(clients, seconds, move |client, i| {
        let query = CString::new(format!(r#"{{"group": "g{}"}}"#, i % 100)).unwrap();
        let search: i32 = call(client, |h| {
            indy_open_wallet_search(h, wallet, type_.as_ptr(), query.as_ptr(), options.as_ptr(), Some(client_handle))
        })
        .parse()
        .unwrap();
        call(client, |h| indy_fetch_wallet_search_next_records(h, wallet, search, 10, Some(client_str)));
        call(client, |h| indy_close_wallet_search(h, search, Some(client_unit)));
    })
}

/// The rows one add writes (item, an encrypted and a plaintext tag), with bytes of the
/// ciphertexts' sizes, for raw rusqlite on libindy's schema.
pub fn insert_raw_add(tx: &rusqlite::Transaction, name: &str, n: u64) {
    use rusqlite::params;
    tx.prepare_cached("INSERT INTO items (type, name, value, key) VALUES (?1, ?2, ?3, ?4)")
        .unwrap()
        .execute(params![vec![1u8; 39], name.as_bytes(), vec![2u8; 36], vec![3u8; 60]])
        .unwrap();
    let item = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO tags_encrypted (item_id, name, value) VALUES (?1, ?2, ?3)")
        .unwrap()
        .execute(params![item, vec![4u8; 33], format!("g{}", n % 100).into_bytes()])
        .unwrap();
    tx.prepare_cached("INSERT INTO tags_plaintext (item_id, name, value) VALUES (?1, ?2, ?3)")
        .unwrap()
        .execute(params![item, vec![5u8; 29], n.to_string()])
        .unwrap();
}
