//! Wallet throughput on PostgreSQL next to SQLite, through the C ABI with 1 and 64
//! commands in flight, and next to the raw `postgres` crate running the same statements
//! (the backend's add and get, with ciphertext-sized random bytes) on one connection and
//! on as many connections as the library's pool, in one run.
//!
//! `INDY_TEST_POSTGRES_URL=$(bash ci/postgres.sh start) cargo bench -p libindy --bench postgres`
//! (`-- --seconds N`, `--json PATH`).

mod common;

use std::ffi::CString;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::records::*;
use common::*;
use indy::api::wallet::*;

const POOL: usize = 8;
const SEEDED: u64 = 2000;

fn open_wallet(config: &serde_json::Value) -> i32 {
    let config = CString::new(config.to_string()).unwrap();
    let (_, key) = setup(|| indy_generate_wallet_key(0, std::ptr::null(), Some(setup_str)));
    let mut credentials = serde_json::json!({"key": key, "key_derivation_method": "RAW"});
    if let Ok(url) = std::env::var("INDY_TEST_POSTGRES_URL") {
        let pg = postgres::Config::from_str(&url).unwrap();
        let (user, password) = (pg.get_user().unwrap(), String::from_utf8_lossy(pg.get_password().unwrap()));
        credentials["storage_credentials"] = serde_json::json!({
            "account": user, "password": password, "admin_account": user, "admin_password": password});
    }
    let credentials = CString::new(credentials.to_string()).unwrap();
    setup(|| indy_create_wallet(0, config.as_ptr(), credentials.as_ptr(), Some(setup_unit)));
    setup(|| indy_open_wallet(0, config.as_ptr(), credentials.as_ptr(), Some(setup_handle))).0
}

// The backend's statements for one wallet per database (see storage/postgres.rs).
const ADD: &str = "WITH i AS (INSERT INTO items (type, name, value, key) VALUES ($1, $2, $3, $4) \
    ON CONFLICT DO NOTHING RETURNING id), \
    e AS (INSERT INTO tags_encrypted (item_id, name, value) SELECT i.id, t.n, t.v FROM i, \
    unnest($5::bytea[], $6::bytea[]) AS t(n, v) ON CONFLICT (name, item_id) DO UPDATE SET value = excluded.value), \
    p AS (INSERT INTO tags_plaintext (item_id, name, value) SELECT i.id, t.n, t.v FROM i, \
    unnest($7::bytea[], $8::text[]) AS t(n, v) ON CONFLICT (name, item_id) DO UPDATE SET value = excluded.value) \
    SELECT id FROM i";
const GET: &str = "SELECT i.value, i.key, e.n, e.v, p.n, p.v FROM items i \
    LEFT JOIN LATERAL (SELECT array_agg(t.name) AS n, array_agg(t.value) AS v FROM tags_encrypted t \
    WHERE t.item_id = i.id) e ON TRUE \
    LEFT JOIN LATERAL (SELECT array_agg(t.name) AS n, array_agg(t.value) AS v FROM tags_plaintext t \
    WHERE t.item_id = i.id) p ON TRUE WHERE i.type = $1 AND i.name = $2";

fn raw_connections(url: &str, db: &str, n: usize) -> Vec<postgres::Client> {
    let mut config = postgres::Config::from_str(url).unwrap();
    config.dbname(db);
    (0..n).map(|_| config.connect(postgres::NoTls).unwrap()).collect()
}

const RAW_TYPE: &[u8] = b"cmF3LWJlbmNoLXR5cGUtYmFzZTY0LWxpa2U=";

fn b64(bytes: &[u8]) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes).into_bytes()
}

fn raw_add(client: &mut postgres::Client, statement: &postgres::Statement, n: u64) {
    let name = b64(format!("raw-{n}").as_bytes());
    let (value, key) = (vec![2u8; 36], vec![3u8; 60]);
    let (en, ev) = (vec![vec![4u8; 33]], vec![format!("g{}", n % 100).into_bytes()]);
    let (pn, pv) = (vec![vec![5u8; 29]], vec![n.to_string()]);
    let rows = client.query(statement, &[&RAW_TYPE, &name, &value, &key, &en, &ev, &pn, &pv]).unwrap();
    assert_eq!(rows.len(), 1);
}

/// The same add statements, autocommit, on `clients.len()` connections at once.
fn raw_adds(clients: Vec<postgres::Client>, seconds: f64, next: Arc<Mutex<u64>>) -> f64 {
    let start = Instant::now();
    let threads: Vec<_> = clients
        .into_iter()
        .map(|mut client| {
            let next = next.clone();
            std::thread::spawn(move || {
                let statement = client.prepare(ADD).unwrap();
                let mut done = 0u64;
                while start.elapsed().as_secs_f64() < seconds {
                    let n = {
                        let mut next = next.lock().unwrap();
                        *next += 1;
                        *next
                    };
                    raw_add(&mut client, &statement, n);
                    done += 1;
                }
                done
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).sum::<u64>() as f64 / start.elapsed().as_secs_f64()
}

fn raw_gets(clients: Vec<postgres::Client>, seconds: f64, ids: u64) -> f64 {
    let start = Instant::now();
    let threads: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(t, mut client)| {
            std::thread::spawn(move || {
                let statement = client.prepare(GET).unwrap();
                let mut done = 0u64;
                while start.elapsed().as_secs_f64() < seconds {
                    let name = b64(format!("raw-{}", 1 + (done * 7919 + t as u64) % ids).as_bytes());
                    let row = client.query_one(&statement, &[&RAW_TYPE, &name]).unwrap();
                    let _: (Vec<u8>, Option<Vec<String>>) = (row.get(0), row.get(5));
                    done += 1;
                }
                done
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).sum::<u64>() as f64 / start.elapsed().as_secs_f64()
}

/// The backend alone (no runtime, no crypto): the same gets, one at a time, each in a group
/// as the storage thread runs it.
fn storage_gets(storage_config: serde_json::Value, credentials: serde_json::Value, seconds: f64, ids: u64) -> f64 {
    use indy::storage::postgres::{open, PostgresLocation};
    use indy::storage::{RecordId, WalletStorage};
    let location = PostgresLocation::parse("bench_pg", Some(&storage_config), Some(&credentials)).unwrap();
    let mut storage = open(&location).unwrap();
    let type_ = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.decode(RAW_TYPE).unwrap()
    };
    let start = Instant::now();
    let mut done = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        let id = RecordId { type_: type_.clone(), name: format!("raw-{}", 1 + (done * 7919) % ids).into_bytes() };
        storage.begin().unwrap();
        storage.get(&id, true).unwrap();
        storage.commit().unwrap();
        done += 1;
    }
    done as f64 / start.elapsed().as_secs_f64()
}

struct Measured {
    add: (f64, f64),
    get: (f64, f64),
    search: (f64, f64),
}

fn measure(wallet: i32, seconds: f64) -> Measured {
    seed(wallet, SEEDED);
    Measured {
        add: (abi_adds(wallet, 1, seconds, "one"), abi_adds(wallet, 64, seconds, "many")),
        get: (abi_gets(wallet, 1, seconds, SEEDED), abi_gets(wallet, 64, seconds, SEEDED)),
        search: (abi_searches(wallet, 1, seconds), abi_searches(wallet, 64, seconds)),
    }
}

fn main() {
    let seconds: f64 = flag("--seconds").map_or(3.0, |s| s.parse().unwrap());
    let Ok(url) = std::env::var("INDY_TEST_POSTGRES_URL") else {
        eprintln!("set INDY_TEST_POSTGRES_URL (`bash ci/postgres.sh start` prints one) to run this benchmark");
        return;
    };
    let pool = CString::new(serde_json::json!({"postgres_pool_size": POOL}).to_string()).unwrap();
    assert_eq!(indy::api::config::indy_set_runtime_config(pool.as_ptr()), indy::ErrorCode::Success);
    let pg = postgres::Config::from_str(&url).unwrap();
    let host = match &pg.get_hosts()[0] {
        postgres::config::Host::Tcp(host) => host.clone(),
        #[allow(unreachable_patterns)]
        _ => panic!("a TCP server"),
    };
    let host_port = format!("{host}:{}", pg.get_ports().first().copied().unwrap_or(5432));
    let db = "bench_pg";
    let mut admin = raw_connections(&url, "postgres", 1).pop().unwrap();
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)")).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let sqlite =
        measure(open_wallet(&serde_json::json!({"id": "bench", "storage_config": {"path": dir.path()}})), seconds);
    let postgres = measure(
        open_wallet(&serde_json::json!({"id": db, "storage_type": "postgres_storage",
            "storage_config": {"url": host_port, "wallet_scheme": "DatabasePerWallet"}})),
        seconds,
    );

    let next = Arc::new(Mutex::new(0u64));
    let raw_add_1 = raw_adds(raw_connections(&url, db, 1), seconds, next.clone());
    let raw_add_pool = raw_adds(raw_connections(&url, db, POOL), seconds, next.clone());
    let ids = *next.lock().unwrap();
    let raw_get_1 = raw_gets(raw_connections(&url, db, 1), seconds, ids);
    let raw_get_pool = raw_gets(raw_connections(&url, db, POOL), seconds, ids);
    let (user, password) = (pg.get_user().unwrap(), String::from_utf8_lossy(pg.get_password().unwrap()));
    let backend_get = storage_gets(
        serde_json::json!({"url": host_port}),
        serde_json::json!({"account": user, "password": password}),
        seconds,
        ids,
    );

    println!("\nWallet throughput through the C ABI (ops/s), 1 and 64 commands in flight ({seconds} s each)\n");
    println!(
        "  {:<30} {:>10} {:>10} {:>7} | {:>10} {:>10} {:>7} | {:>10} {:>10}",
        "operation", "SQLite 1", "SQLite 64", "gain", "PG 1", "PG 64", "gain", "raw pg 1", "raw pg x8"
    );
    let rows = [
        ("add_wallet_record (durable)", sqlite.add, postgres.add, Some((raw_add_1, raw_add_pool))),
        ("get_wallet_record (tags)", sqlite.get, postgres.get, Some((raw_get_1, raw_get_pool))),
        ("search: open + fetch 10 + close", sqlite.search, postgres.search, None),
    ];
    for (op, s, p, raw) in &rows {
        let raw = raw.map_or(("-".to_string(), "-".to_string()), |(a, b)| (format!("{a:.0}"), format!("{b:.0}")));
        println!(
            "  {op:<30} {:>10.0} {:>10.0} {:>6.1}x | {:>10.0} {:>10.0} {:>6.1}x | {:>10} {:>10}",
            s.0,
            s.1,
            s.1 / s.0,
            p.0,
            p.1,
            p.1 / p.0,
            raw.0,
            raw.1
        );
    }
    println!(
        "\n  PostgreSQL adds, 64 in flight vs one at a time: {:.1}x (target: at least 5x)",
        postgres.add.1 / postgres.add.0
    );
    println!(
        "  PostgreSQL point read, one at a time: {:.0} us through the library, {:.0} us raw: {:.2}x (target: within 1.5x)",
        1e6 / postgres.get.0,
        1e6 / raw_get_1,
        raw_get_1 / postgres.get.0
    );
    println!("  PostgreSQL point read through the backend alone: {:.0} us", 1e6 / backend_get);
    if let Some(path) = flag("--json") {
        let json = serde_json::json!({
            "seconds": seconds, "pool": POOL,
            "sqlite": {"add": sqlite.add, "get": sqlite.get, "search": sqlite.search},
            "postgres": {"add": postgres.add, "get": postgres.get, "search": postgres.search},
            "raw_postgres": {"add": [raw_add_1, raw_add_pool], "get": [raw_get_1, raw_get_pool]},
            "backend_get_1": backend_get,
        });
        std::fs::write(path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    }
    drop(admin);
}
