//! Wallet throughput through the C ABI with 1 and 64 commands in flight (searches: client
//! threads making blocking calls, as each is three calls), next to raw rusqlite doing the same SQL on the same schema with
//! the same durability (WAL, `synchronous=FULL`), in one run.
//! `cargo bench -p libindy --bench wallet` (`-- --seconds N`, `--json PATH`; `--only add|get
//! --in-flight K` runs one of them alone and prints the storage tier's metrics).

mod common;

use std::time::Instant;

use common::records::*;
use common::*;
use rusqlite::{params, Connection};

fn raw_db(dir: &std::path::Path) -> Connection {
    let file = dir.join("raw.db");
    indy::storage::sqlite::create(&file, b"{}").unwrap();
    let conn = Connection::open(&file).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;").unwrap();
    conn
}

/// The same inserts as an add (item, an encrypted tag, a plaintext tag), `per_commit` to a
/// transaction, with random bytes standing in for ciphertexts of the same sizes.
fn raw_adds(conn: &mut Connection, seconds: f64, per_commit: usize, prefix: &str) -> (f64, u64) {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        let tx = conn.transaction().unwrap();
        for _ in 0..per_commit {
            n += 1;
            insert_raw_add(&tx, &format!("{prefix}-{n}"), n);
        }
        tx.commit().unwrap();
    }
    (n as f64 / start.elapsed().as_secs_f64(), n)
}

fn raw_gets(conn: &Connection, seconds: f64, ids: u64) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        n += 1;
        let name = format!("raw-{}", 1 + (n * 7919) % ids);
        let item: i64 = conn
            .prepare_cached("SELECT id FROM items WHERE type = ?1 AND name = ?2")
            .unwrap()
            .query_row(params![vec![1u8; 39], name.as_bytes()], |row| row.get(0))
            .unwrap();
        let mut tags = conn.prepare_cached("SELECT name, value FROM tags_plaintext WHERE item_id = ?1").unwrap();
        let _: Vec<(Vec<u8>, String)> =
            tags.query_map([item], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    }
    n as f64 / start.elapsed().as_secs_f64()
}

struct Row {
    op: String,
    one: f64,
    many: f64,
    raw_one: Option<f64>,
}

fn main() {
    let seconds: f64 = flag("--seconds").map_or(3.0, |s| s.parse().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let wallet = open_raw_wallet(dir.path(), "bench");
    let seeded = 2000;
    seed(wallet, seeded);
    let mut conn = raw_db(dir.path());

    if let Some(only) = flag("--only") {
        let in_flight = flag("--in-flight").map_or(64, |s| s.parse().unwrap());
        let rate = match only.as_str() {
            "add" => abi_adds(wallet, in_flight, seconds, "many"),
            "get" => abi_gets(wallet, in_flight, seconds, seeded),
            other => panic!("--only {other}: expected add or get"),
        };
        println!("{only}, {in_flight} in flight: {rate:.0}/s");
        let (_, metrics) = setup(|| indy::api::metrics::indy_collect_metrics(0, Some(setup_str)));
        let metrics: serde_json::Value = serde_json::from_str(&metrics).unwrap();
        println!("storage: {}", metrics["tiers"]["storage"]);
        return;
    }
    let add_one = abi_adds(wallet, 1, seconds, "one");
    let add_many = abi_adds(wallet, 64, seconds, "many");
    let (raw_add_one, raw_added) = raw_adds(&mut conn, seconds, 1, "raw");
    let (raw_add_64, _) = raw_adds(&mut conn, seconds, 64, "raw64");
    let get_one = abi_gets(wallet, 1, seconds, seeded);
    let get_many = abi_gets(wallet, 64, seconds, seeded);
    let raw_get = raw_gets(&conn, seconds, raw_added);
    let search_one = abi_searches(wallet, 1, seconds);
    let search_many = abi_searches(wallet, 64, seconds);

    let rows = vec![
        Row { op: "add_wallet_record (durable)".into(), one: add_one, many: add_many, raw_one: Some(raw_add_one) },
        Row { op: "get_wallet_record".into(), one: get_one, many: get_many, raw_one: Some(raw_get) },
        Row { op: "search: open + fetch 10 + close".into(), one: search_one, many: search_many, raw_one: None },
    ];
    println!("\nWallet throughput through the C ABI (ops/s), 1 and 64 commands in flight ({seconds} s each)\n");
    println!(
        "  {:<34} {:>12} {:>12} {:>8} {:>16}",
        "operation", "1 in flight", "64 in flight", "gain", "raw rusqlite, 1"
    );
    for row in &rows {
        println!(
            "  {:<34} {:>12.0} {:>12.0} {:>7.1}x {:>16}",
            row.op,
            row.one,
            row.many,
            row.many / row.one,
            row.raw_one.map_or("-".into(), |r| format!("{r:.0}"))
        );
    }
    println!("\n  raw rusqlite inserts, 64 per transaction: {raw_add_64:.0}/s");
    println!("  adds with 64 in flight vs one at a time: {:.1}x (target: at least 10x)", add_many / add_one);
    if let Some(path) = flag("--json") {
        let json = serde_json::json!({
            "seconds": seconds,
            "rows": rows.iter().map(|r| serde_json::json!({"op": r.op, "in_flight_1": r.one, "in_flight_64": r.many, "raw_rusqlite_1": r.raw_one})).collect::<Vec<_>>(),
            "raw_rusqlite_inserts_64_per_commit": raw_add_64,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    }
}
