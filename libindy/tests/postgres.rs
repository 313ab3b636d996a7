//! PostgreSQL wallets through the C API against a real server: databases written by
//! libindy 1.16 + its postgres plugin, every scheme, bad input, many processes, and a
//! server killed in a storm of writes.
//!
//! The server is `INDY_TEST_POSTGRES_URL` (a superuser's `postgres://` URL; `ci/test.sh`
//! starts one with `ci/postgres.sh`). Without it every test here is skipped, loudly.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::str::FromStr;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use common::*;
use indy::api::crypto::indy_get_key_metadata;
use indy::api::did::indy_get_did_metadata;
use indy::api::non_secrets::*;
use indy::api::pairwise::indy_get_pairwise;
use indy::ErrorCode;
use serde_json::{json, Value as Json};

const KEY: &str = "8dvfYSt5d1taSd6yJdpjq4emkwsPDDLYxkNFysFD2cZY"; // a fixed RAW key

/// Tests share the server; the one that kills it has it alone.
static SERVER: RwLock<()> = RwLock::new(());

#[allow(dead_code)]
enum Guard {
    Shared(RwLockReadGuard<'static, ()>),
    Alone(RwLockWriteGuard<'static, ()>),
}

struct Server {
    _guard: Guard,
    url: String,
    host_port: String,
    user: String,
    password: String,
}

fn server() -> Option<Server> {
    server_with(|| Guard::Shared(SERVER.read().unwrap_or_else(|e| e.into_inner())))
}

fn server_with(guard: impl FnOnce() -> Guard) -> Option<Server> {
    let Ok(url) = std::env::var("INDY_TEST_POSTGRES_URL") else {
        eprintln!(
            "\n!!!!!! SKIPPED: no PostgreSQL server. Set INDY_TEST_POSTGRES_URL \
             (`bash ci/postgres.sh start` prints one) to run the PostgreSQL tests. !!!!!!\n"
        );
        return None;
    };
    let config = postgres::Config::from_str(&url).expect("INDY_TEST_POSTGRES_URL is a postgres:// URL");
    let host = match &config.get_hosts()[0] {
        postgres::config::Host::Tcp(host) => host.clone(),
        #[allow(unreachable_patterns)]
        _ => panic!("a TCP server"),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    Some(Server {
        _guard: guard(),
        url,
        host_port: format!("{host}:{port}"),
        user: config.get_user().unwrap_or("postgres").to_string(),
        password: String::from_utf8(config.get_password().unwrap_or_default().to_vec()).unwrap(),
    })
}

impl Server {
    fn client(&self, db: &str) -> postgres::Client {
        let mut config = postgres::Config::from_str(&self.url).unwrap();
        config.dbname(db).application_name("indy-test");
        config.connect(postgres::NoTls).unwrap()
    }

    fn url_of(&self, db: &str) -> String {
        let mut parts = self.url.rsplitn(2, '/');
        let _ = parts.next();
        format!("{}/{db}", parts.next().unwrap())
    }

    fn recreate_db(&self, db: &str) {
        let mut admin = self.client("postgres");
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).unwrap();
        admin.batch_execute(&format!("CREATE DATABASE \"{db}\"")).unwrap();
    }

    fn drop_db(&self, db: &str) {
        let mut admin = self.client("postgres");
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)")).unwrap();
    }

    fn restore(&self, db: &str, dump: &Path) {
        self.recreate_db(db);
        let status = Command::new("psql")
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &self.url_of(db), "-f"])
            .arg(dump)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("psql runs");
        assert!(status.success(), "restoring {}", dump.display());
    }

    fn storage_config(&self, scheme: &str, db: Option<&str>) -> Json {
        let mut config = json!({"url": self.host_port, "wallet_scheme": scheme});
        if let Some(db) = db {
            config["database_name"] = json!(db);
        }
        config
    }

    fn config(&self, id: &str, scheme: &str, db: Option<&str>) -> String {
        json!({"id": id, "storage_type": "postgres_storage", "storage_config": self.storage_config(scheme, db)})
            .to_string()
    }

    fn credentials(&self) -> String {
        json!({"key": KEY, "key_derivation_method": "RAW", "storage_credentials": {
            "account": self.user, "password": self.password,
            "admin_account": self.user, "admin_password": self.password}})
        .to_string()
    }
}

fn pg_fixtures() -> PathBuf {
    fixtures_dir().parent().unwrap().join("libindy-1.16-postgres")
}

fn search(wallet: i32, type_: &str, query: &Json, options: &Json) -> i32 {
    let (type_, query, options) = (c(type_), c(&query.to_string()), c(&options.to_string()));
    handle(run(|h| {
        indy_open_wallet_search(h, wallet, type_.as_ptr(), query.as_ptr(), options.as_ptr(), Some(on_handle))
    }))
}

fn fetch(wallet: i32, search: i32, count: u32) -> Json {
    let text = string(run(|h| indy_fetch_wallet_search_next_records(h, wallet, search, count, Some(on_str))));
    serde_json::from_str(&text).unwrap()
}

fn close_search(search: i32) {
    unit(run(|h| indy_close_wallet_search(h, search, Some(on_unit))));
}

/// Every id a search yields, fetched `page` at a time, and its total count.
fn search_ids(wallet: i32, type_: &str, query: Json, page: u32) -> (Vec<String>, u64) {
    let handle = search(wallet, type_, &query, &json!({"retrieveTotalCount": true, "retrieveTags": true}));
    let mut ids = Vec::new();
    let mut total = None;
    loop {
        let batch = fetch(wallet, handle, page);
        total = total.or(batch["totalCount"].as_u64());
        let records = batch["records"].as_array().cloned().unwrap_or_default();
        ids.extend(records.iter().map(|r| r["id"].as_str().unwrap().to_string()));
        if records.len() < page as usize {
            break;
        }
    }
    close_search(handle);
    ids.sort();
    (ids, total.unwrap())
}

fn add_record(wallet: i32, type_: &str, id: &str, value: &str, tags: &Json) -> Answer {
    add_record_async(wallet, type_, id, value, Some(&tags.to_string())).wait()
}

fn record(wallet: i32, type_: &str, id: &str) -> Json {
    let got = string(get_record(wallet, type_, id, r#"{"retrieveTags": true, "retrieveValue": true}"#));
    serde_json::from_str(&got).unwrap()
}

fn did_metadata(wallet: i32, did: &str) -> String {
    let did = c(did);
    string(run(|h| indy_get_did_metadata(h, wallet, did.as_ptr(), Some(on_str))))
}

fn key_metadata(wallet: i32, verkey: &str) -> String {
    let verkey = c(verkey);
    string(run(|h| indy_get_key_metadata(h, wallet, verkey.as_ptr(), Some(on_str))))
}

#[test]
fn databases_written_by_libindy_and_its_plugin_open_with_everything_in_them() {
    let Some(server) = server() else { return };
    let fixtures = pg_fixtures();
    let manifest: Json = serde_json::from_slice(&std::fs::read(fixtures.join("manifest.json")).unwrap()).unwrap();
    // The multi-wallet dump goes into a database of our naming; the other must be named
    // like its wallet.
    server.restore("dbpw_wallet1", &fixtures.join("DatabasePerWallet-dbpw_wallet1.sql"));
    server.restore("fixture_wallets", &fixtures.join("MultiWalletSingleTable-wallets.sql"));

    for wallet in manifest["wallets"].as_array().unwrap() {
        let id = wallet["config"]["id"].as_str().unwrap();
        let mut config = wallet["config"].clone();
        config["storage_config"]["url"] = json!(server.host_port);
        if wallet["scheme"] != "DatabasePerWallet" {
            config["storage_config"]["database_name"] = json!("fixture_wallets");
        }
        let mut credentials = wallet["credentials"].clone();
        credentials["storage_credentials"] = json!({"account": server.user, "password": server.password});
        let (config, credentials) = (config.to_string(), credentials.to_string());
        let handle = common::handle(open_wallet(&config, &credentials));
        let content = &wallet["content"];

        for did in content["dids"].as_array().unwrap() {
            let name = did["did"].as_str().unwrap();
            assert_eq!(string(key_for_local_did_async(handle, name).wait()), did["verkey"].as_str().unwrap(), "{id}");
            assert_eq!(did_metadata(handle, name), did["metadata"].as_str().unwrap(), "{id}");
        }
        for key in content["keys"].as_array().unwrap() {
            let verkey = key["verkey"].as_str().unwrap();
            assert_eq!(key_metadata(handle, verkey), key["metadata"].as_str().unwrap());
            let message = key["signature"]["message"].as_str().unwrap();
            let signature = bytes(sign_async(handle, verkey, message.as_bytes()).wait());
            assert_eq!(hex::encode(signature), key["signature"]["sig_hex"].as_str().unwrap(), "{id}");
        }
        for their in content["their_dids"].as_array().unwrap() {
            let verkey = string(key_for_local_did_async(handle, their["did"].as_str().unwrap()).wait());
            assert_eq!(verkey, their["verkey"].as_str().unwrap(), "{id}");
        }
        for pairwise in content["pairwise"].as_array().unwrap() {
            let their = c(pairwise["their_did"].as_str().unwrap());
            let got = string(run(|h| indy_get_pairwise(h, handle, their.as_ptr(), Some(on_str))));
            let got: Json = serde_json::from_str(&got).unwrap();
            assert_eq!((&got["my_did"], &got["metadata"]), (&pairwise["my_did"], &pairwise["metadata"]), "{id}");
        }
        let records = content["records"].as_array().unwrap();
        for expected in records {
            let got = record(handle, expected["type"].as_str().unwrap(), expected["id"].as_str().unwrap());
            assert_eq!((&got["value"], &got["tags"]), (&expected["value"], &expected["tags"]), "{id}");
        }
        // Searches over libindy's tags, a page at a time.
        let expect = |keep: &dyn Fn(&Json) -> bool| -> Vec<String> {
            let mut ids: Vec<String> = records
                .iter()
                .filter(|r| r["type"] == "FixtureRecord" && keep(&r["tags"]))
                .map(|r| r["id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        };
        let (red, total) = search_ids(handle, "FixtureRecord", json!({"color": "red"}), 2);
        assert_eq!((red.clone(), total), (expect(&|t| t["color"] == "red"), red.len() as u64), "{id}");
        let (big, _) =
            search_ids(handle, "FixtureRecord", json!({"~num": {"$gte": "3"}, "color": {"$neq": "blue"}}), 3);
        assert_eq!(big, expect(&|t| t["~num"].as_str().unwrap() >= "3" && t["color"] != "blue"), "{id}");
        let (all, total) = search_ids(handle, "FixtureRecord", json!({}), 4);
        assert_eq!((all.len(), total), (7, 7), "{id}");

        // What is written here reads back after reopening.
        let (did, verkey) = pair(create_did_async(handle, "{}").wait());
        unit(add_record(handle, "FixtureRecord", "new", "v", &json!({"color": "red", "~num": "42"})));
        unit(close_wallet(handle));
        let handle = common::handle(open_wallet(&config, &credentials));
        assert_eq!(string(key_for_local_did_async(handle, &did).wait()), verkey);
        assert_eq!(search_ids(handle, "FixtureRecord", json!({"~num": "42"}), 10).0, vec!["new".to_string()]);
        unit(close_wallet(handle));
    }

    // Rows written here have the plugin's encodings: base64 text in `type` and `name`.
    let mut db = server.client("fixture_wallets");
    for row in db.query("SELECT type, name FROM items WHERE wallet_id = 'mwst_wallet1'", &[]).unwrap() {
        for column in 0..2 {
            let text: Vec<u8> = row.get(column);
            assert!(base64_like(&text), "{:?}", String::from_utf8_lossy(&text));
        }
    }
    server.drop_db("dbpw_wallet1");
    server.drop_db("fixture_wallets");
}

fn base64_like(text: &[u8]) -> bool {
    !text.is_empty() && text.iter().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
}

/// The tables and columns of `db`, for comparing layouts.
fn layout(server: &Server, db: &str) -> Vec<(String, String, String)> {
    let mut client = server.client(db);
    client
        .query(
            "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = 'public' ORDER BY 1, 2",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2)))
        .collect()
}

/// The wallet API on one scheme: create, records, tags, searches, DIDs, delete.
fn wallet_flow(server: &Server, scheme: &str, id: &str, db: Option<&str>) {
    let config = server.config(id, scheme, db);
    let credentials = server.credentials();
    unit(create_wallet(&config, &credentials));
    assert_eq!(code(create_wallet(&config, &credentials)), ErrorCode::WalletAlreadyExistsError);
    let wallet = handle(open_wallet(&config, &credentials));
    assert_eq!(code(open_wallet(&config, &credentials)), ErrorCode::WalletAlreadyOpenedError);

    let pending: Vec<_> = (0..60)
        .map(|i| {
            let tags = json!({"parity": (i % 2).to_string(), "~n": format!("{i:03}")}).to_string();
            add_record_async(wallet, "T", &format!("r{i:03}"), &format!("value {i}"), Some(&tags))
        })
        .collect();
    pending.into_iter().for_each(|p| unit(p.wait()));
    assert_eq!(code(add_record(wallet, "T", "r000", "again", &json!({}))), ErrorCode::WalletItemAlreadyExists);

    let (even, total) = search_ids(wallet, "T", json!({"parity": "0"}), 7);
    assert_eq!((even.len(), total), (30, 30));
    let (range, _) = search_ids(wallet, "T", json!({"$and": [{"~n": {"$gte": "010"}}, {"~n": {"$lt": "020"}}]}), 3);
    assert_eq!(range, (10..20).map(|i| format!("r{i:03}")).collect::<Vec<_>>());
    let (like, _) = search_ids(wallet, "T", json!({"~n": {"$like": "05%"}}), 100);
    assert_eq!(like.len(), 10);
    let (either, _) = search_ids(wallet, "T", json!({"$or": [{"~n": "001"}, {"parity": {"$in": ["x", "0"]}}]}), 50);
    assert_eq!(either.len(), 31);
    let (none, _) = search_ids(wallet, "T", json!({"$not": {}}), 5);
    assert!(none.is_empty());

    let (type_, id0) = (c("T"), c("r000"));
    let (value, tags) = (c("changed"), c(r#"{"parity": "9", "~big": "x"}"#));
    unit(run(|h| {
        indy_update_wallet_record_value(h, wallet, type_.as_ptr(), id0.as_ptr(), value.as_ptr(), Some(on_unit))
    }));
    unit(run(|h| {
        indy_update_wallet_record_tags(h, wallet, type_.as_ptr(), id0.as_ptr(), tags.as_ptr(), Some(on_unit))
    }));
    assert_eq!(record(wallet, "T", "r000")["tags"], json!({"parity": "9", "~big": "x"}));
    let more = c(r#"{"extra": "1"}"#);
    unit(run(|h| indy_add_wallet_record_tags(h, wallet, type_.as_ptr(), id0.as_ptr(), more.as_ptr(), Some(on_unit))));
    let names = c(r#"["parity", "~big"]"#);
    unit(run(|h| {
        indy_delete_wallet_record_tags(h, wallet, type_.as_ptr(), id0.as_ptr(), names.as_ptr(), Some(on_unit))
    }));
    let got = record(wallet, "T", "r000");
    assert_eq!((&got["value"], &got["tags"]), (&json!("changed"), &json!({"extra": "1"})));
    unit(run(|h| indy_delete_wallet_record(h, wallet, type_.as_ptr(), id0.as_ptr(), Some(on_unit))));
    assert_eq!(code(get_record(wallet, "T", "r000", "{}")), ErrorCode::WalletItemNotFound);
    let missing = c("nope");
    let deleted = run(|h| indy_delete_wallet_record(h, wallet, type_.as_ptr(), missing.as_ptr(), Some(on_unit)));
    assert_eq!(code(deleted), ErrorCode::WalletItemNotFound);

    // A large plaintext tag: the plugin's raw index refused these.
    let large = "x".repeat(100_000);
    unit(add_record(wallet, "T", "large", "v", &json!({"~big": large, "big": large})));
    assert_eq!(search_ids(wallet, "T", json!({"~big": large}), 5).0, vec!["large".to_string()]);
    assert_eq!(search_ids(wallet, "T", json!({"big": large}), 5).0, vec!["large".to_string()]);

    let (did, verkey) = pair(create_did_async(wallet, r#"{"seed": "00000000000000000000000000000My1"}"#).wait());
    let signature = bytes(sign_async(wallet, &verkey, b"hello").wait());
    assert!(matches!(verify(&verkey, b"hello", &signature), Ok(Value::Bool(true))));
    unit(close_wallet(wallet));

    let wallet = handle(open_wallet(&config, &credentials));
    assert_eq!(string(key_for_local_did_async(wallet, &did).wait()), verkey);
    assert_eq!(search_ids(wallet, "T", json!({}), 1000).0.len(), 60);
    unit(close_wallet(wallet));
    unit(delete_wallet(&config, &credentials));
    assert_eq!(code(open_wallet(&config, &credentials)), ErrorCode::WalletNotFoundError);
    assert_eq!(code(delete_wallet(&config, &credentials)), ErrorCode::WalletNotFoundError);
}

#[test]
fn every_scheme_keeps_and_finds_records_dids_and_tags() {
    let Some(server) = server() else { return };
    server.drop_db("flow_dbpw");
    wallet_flow(&server, "DatabasePerWallet", "flow_dbpw", None);
    server.drop_db("flow_multi");
    wallet_flow(&server, "MultiWalletSingleTable", "flow_a", Some("flow_multi"));
    // Another scheme's wallet in the same database, beside a wallet of the first scheme.
    let config = server.config("flow_keep", "MultiWalletSingleTable", Some("flow_multi"));
    unit(create_wallet(&config, &server.credentials()));
    wallet_flow(&server, "MultiWalletSingleTableSharedPool", "flow_b", Some("flow_multi"));
    let wallet = handle(open_wallet(&config, &server.credentials()));
    unit(close_wallet(wallet));
    server.drop_db("flow_multi");
}

#[test]
fn wallets_created_here_have_the_plugins_layout() {
    let Some(server) = server() else { return };
    server.restore("layout_plugin", &pg_fixtures().join("MultiWalletSingleTable-wallets.sql"));
    server.drop_db("layout_ours");
    unit(create_wallet(&server.config("w", "MultiWalletSingleTable", Some("layout_ours")), &server.credentials()));
    assert_eq!(layout(&server, "layout_ours"), layout(&server, "layout_plugin"));
    server.restore("layout_w", &pg_fixtures().join("DatabasePerWallet-dbpw_wallet1.sql"));
    server.drop_db("layout_w2");
    unit(create_wallet(&server.config("layout_w2", "DatabasePerWallet", None), &server.credentials()));
    assert_eq!(layout(&server, "layout_w2"), layout(&server, "layout_w"));
    for db in ["layout_plugin", "layout_ours", "layout_w", "layout_w2"] {
        server.drop_db(db);
    }
}

fn failure(answer: Answer) -> Failure {
    match answer {
        Err(failure) => failure,
        Ok(_) => panic!("expected a failure"),
    }
}

#[test]
fn bad_servers_credentials_and_config_get_precise_codes() {
    let Some(server) = server() else { return };
    let credentials = server.credentials();
    let with = |storage_config: Json, credentials: &Json| {
        let config = json!({"id": "bad", "storage_type": "postgres_storage", "storage_config": storage_config});
        failure(open_wallet(&config.to_string(), &credentials.to_string()))
    };
    let ours: Json = serde_json::from_str(&credentials).unwrap();

    // Nothing listens on port 1.
    let unreachable = with(json!({"url": "127.0.0.1:1", "connection_timeout": 2}), &ours);
    assert_eq!(unreachable.code, ErrorCode::CommonIOError, "{}", unreachable.message);
    assert!(unreachable.message.contains("127.0.0.1"), "{}", unreachable.message);
    eprintln!("unreachable: {}", unreachable.message);

    let mut wrong = ours.clone();
    wrong["storage_credentials"]["password"] = json!("not the password");
    let denied = with(server.storage_config("MultiWalletSingleTable", Some("postgres")), &wrong);
    assert_eq!(denied.code, ErrorCode::WalletAccessFailed, "{}", denied.message);
    assert!(!denied.message.contains("not the password"));

    let missing = with(server.storage_config("DatabasePerWallet", None), &ours);
    assert_eq!(missing.code, ErrorCode::WalletNotFoundError, "{}", missing.message);
    assert!(missing.message.contains("does not exist"), "{}", missing.message);

    let unknown = with(server.storage_config("MultiWalletMultiTable", None), &ours);
    assert_eq!(unknown.code, ErrorCode::CommonInvalidStructure);
    assert!(unknown.message.contains("wallet_scheme"), "{}", unknown.message);

    // An empty multi-wallet database: no tables yet.
    server.recreate_db("bad_empty");
    let empty = with(server.storage_config("MultiWalletSingleTable", Some("bad_empty")), &ours);
    assert_eq!(empty.code, ErrorCode::WalletNotFoundError, "{}", empty.message);
    server.drop_db("bad_empty");
}

#[test]
fn an_oversized_tag_in_a_plugin_database_fails_alone() {
    let Some(server) = server() else { return };
    // The plugin's multi-wallet layout indexes tag values raw: a large value cannot be indexed.
    server.restore("oversized", &pg_fixtures().join("MultiWalletSingleTable-wallets.sql"));
    let manifest: Json = serde_json::from_slice(&std::fs::read(pg_fixtures().join("manifest.json")).unwrap()).unwrap();
    let wallet = &manifest["wallets"][1];
    let mut config = wallet["config"].clone();
    config["storage_config"]["url"] = json!(server.host_port);
    config["storage_config"]["database_name"] = json!("oversized");
    let mut credentials = wallet["credentials"].clone();
    credentials["storage_credentials"] = json!({"account": server.user, "password": server.password});
    let handle = handle(open_wallet(&config.to_string(), &credentials.to_string()));

    // Submitted together, so they share a group transaction: the big one fails alone.
    // Incompressible, so PostgreSQL cannot squeeze it under the index's limit.
    let big: String = (0..20_000).map(|_| char::from(b'a' + rand::random::<u8>() % 26)).collect();
    let pending: Vec<_> = (0..20)
        .map(|i| {
            let tags = if i == 10 { json!({"~big": big}) } else { json!({"~n": i.to_string()}) };
            add_record_async(handle, "Big", &format!("b{i}"), "v", Some(&tags.to_string()))
        })
        .collect();
    let answers: Vec<Answer> = pending.into_iter().map(Pending::wait).collect();
    for (i, answer) in answers.into_iter().enumerate() {
        if i == 10 {
            let failure = failure(answer);
            assert_eq!(failure.code, ErrorCode::WalletInputError, "{}", failure.message);
        } else {
            unit(answer);
        }
    }
    assert_eq!(search_ids(handle, "Big", json!({}), 100).0.len(), 19, "nothing else lost");
    assert_eq!(code(get_record(handle, "Big", "b10", "{}")), ErrorCode::WalletItemNotFound);
    unit(close_wallet(handle));
    server.drop_db("oversized");
}

#[test]
fn tls_is_verified_against_the_ca_given() {
    let Some(server) = server() else { return };
    let Ok(ca) = std::env::var("INDY_TEST_POSTGRES_CA") else {
        eprintln!("\n!!!!!! SKIPPED: no TLS server (INDY_TEST_POSTGRES_CA, set by ci/test.sh from ci/postgres.sh ca) !!!!!!\n");
        return;
    };
    server.drop_db("tls_wallets");
    let mut storage_config = server.storage_config("MultiWalletSingleTable", Some("tls_wallets"));
    storage_config["tls"] = json!("Require");
    storage_config["ca_file"] = json!(ca);
    let config = json!({"id": "tls", "storage_type": "postgres_storage", "storage_config": storage_config});
    let credentials = server.credentials();
    unit(create_wallet(&config.to_string(), &credentials));
    let wallet = handle(open_wallet(&config.to_string(), &credentials));
    unit(add_record(wallet, "T", "a", "v", &json!({})));
    let mut watcher = server.client("postgres");
    let row = watcher
        .query_one(
            "SELECT count(*), bool_and(s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) \
             WHERE a.datname = 'tls_wallets' AND a.application_name = 'libindy'",
            &[],
        )
        .unwrap();
    let (connections, all_tls): (i64, Option<bool>) = (row.get(0), row.get(1));
    assert!(connections > 0 && all_tls == Some(true), "{connections} connections, TLS: {all_tls:?}");
    unit(close_wallet(wallet));

    // The system's roots do not know the test server's certificate: refused, not downgraded,
    // whether TLS is required or only preferred.
    for mode in ["Require", "Prefer"] {
        let mut unverified = config.clone();
        unverified["storage_config"].as_object_mut().unwrap().remove("ca_file");
        unverified["storage_config"]["tls"] = json!(mode);
        let refused = failure(open_wallet(&unverified.to_string(), &credentials));
        assert_eq!(refused.code, ErrorCode::CommonIOError, "{mode}: {}", refused.message);
        assert!(refused.message.contains("certificate"), "{mode}: {}", refused.message);
    }

    // Preferred, with the CA: the server offers TLS, so it is used.
    let mut preferred = config.clone();
    preferred["storage_config"]["tls"] = json!("Prefer");
    let wallet = handle(open_wallet(&preferred.to_string(), &credentials));
    assert_eq!(record(wallet, "T", "a")["value"], "v");
    let ssl: Option<bool> = watcher
        .query_one(
            "SELECT bool_and(s.ssl) FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) \
             WHERE a.datname = 'tls_wallets' AND a.application_name = 'libindy'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(ssl, Some(true));
    unit(close_wallet(wallet));

    tls_client_certificate_logs_in(&server, &config);
    server.drop_db("tls_wallets");
}

/// The role `indy_cert` may log in only with its client certificate (ci/postgres.sh sets
/// `hostssl … cert` for it): the certificate and key files of the storage config are sent.
fn tls_client_certificate_logs_in(server: &Server, config: &Json) {
    let Ok(cert) = std::env::var("INDY_TEST_POSTGRES_CLIENT_CERT") else {
        eprintln!("\n!!!!!! SKIPPED: no client certificate (INDY_TEST_POSTGRES_CLIENT_CERT, from ci/postgres.sh client-cert) !!!!!!\n");
        return;
    };
    let key = Path::new(&cert).with_file_name("client.key");
    let mut admin = server.client("tls_wallets");
    admin
        .batch_execute(
            "DO $$ BEGIN CREATE ROLE indy_cert LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; \
             GRANT ALL ON ALL TABLES IN SCHEMA public TO indy_cert; \
             GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO indy_cert;",
        )
        .unwrap();
    let credentials =
        json!({"key": KEY, "key_derivation_method": "RAW", "storage_credentials": {"account": "indy_cert"}})
            .to_string();
    let mut with_cert = config.clone();
    with_cert["storage_config"]["certificate_chain_file"] = json!(cert);
    with_cert["storage_config"]["private_key_file"] = json!(key);
    let wallet = handle(open_wallet(&with_cert.to_string(), &credentials));
    assert_eq!(record(wallet, "T", "a")["value"], "v");
    unit(add_record(wallet, "T", "by-cert", "w", &json!({})));
    unit(close_wallet(wallet));

    // Without it, the server turns the role away.
    let refused = failure(open_wallet(&config.to_string(), &credentials));
    assert_eq!(refused.code, ErrorCode::WalletAccessFailed, "{}", refused.message);
    assert!(refused.message.contains("certificate"), "{}", refused.message);
}

// ---- Many processes on one database --------------------------------------------------

const PROCESSES: usize = 4;
const WALLETS: usize = 50;
const POOL: usize = 4;
const RECORDS: usize = 10;

fn spawn_child(role: &str, index: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([role, "--exact", "--nocapture", "--test-threads=1"])
        .env("INDY_CHILD", role)
        .env("INDY_CHILD_INDEX", index.to_string())
        .spawn()
        .expect("the child process starts")
}

fn child_index(role: &str) -> Option<usize> {
    match std::env::var("INDY_CHILD") {
        Ok(child) if child == role => std::env::var("INDY_CHILD_INDEX").ok()?.parse().ok(),
        _ => None,
    }
}

fn is_child() -> bool {
    std::env::var_os("INDY_CHILD").is_some()
}

/// Child: 50 wallets, all open, written to at once, with a pool of `POOL` connections.
#[test]
fn child_writes_to_many_wallets() {
    let Some(index) = child_index("child_writes_to_many_wallets") else { return };
    let server = server().unwrap();
    let update = c(&json!({"postgres_pool_size": POOL}).to_string());
    assert_eq!(indy::api::config::indy_set_runtime_config(update.as_ptr()), ErrorCode::Success);
    let credentials = server.credentials();
    let configs: Vec<String> = (0..WALLETS)
        .map(|w| server.config(&format!("scale_{index}_{w}"), "MultiWalletSingleTableSharedPool", Some("scale")))
        .collect();
    let created: Vec<Pending> = configs
        .iter()
        .map(|config| {
            let (config, credentials) = (c(config), c(&credentials));
            submit(|h| indy::api::wallet::indy_create_wallet(h, config.as_ptr(), credentials.as_ptr(), Some(on_unit)))
                .unwrap()
        })
        .collect();
    created.into_iter().for_each(|p| unit(p.wait()));
    let opened: Vec<Pending> = configs.iter().map(|config| open_wallet_async(config, &credentials)).collect();
    let wallets: Vec<i32> = opened.into_iter().map(|p| handle(p.wait())).collect();
    let writes: Vec<Pending> = (0..RECORDS)
        .flat_map(|r| {
            wallets.iter().map(move |&w| add_record_async(w, "Scale", &format!("r{r}"), "v", Some(r#"{"~k": "1"}"#)))
        })
        .collect();
    writes.into_iter().for_each(|p| unit(p.wait()));
    // 50 open wallets share the storage pool: no thread of their own.
    let (shared, own) = storage_threads();
    assert!(shared <= POOL && own == 0, "{shared} shared storage threads, {own} wallet threads");
    for &wallet in &wallets {
        assert_eq!(search_ids(wallet, "Scale", json!({"~k": "1"}), 100).1, RECORDS as u64);
        unit(close_wallet(wallet));
    }
    assert!(indy::storage::postgres_pool::open_connections() <= POOL);
}

/// This process's threads of the shared storage pool, and wallets' own storage threads.
fn storage_threads() -> (usize, usize) {
    let names: Vec<String> = std::fs::read_dir("/proc/self/task")
        .unwrap()
        .filter_map(|task| std::fs::read_to_string(task.ok()?.path().join("comm")).ok())
        .collect();
    let count = |prefix: &str| names.iter().filter(|name| name.starts_with(prefix)).count();
    (count("indy-storage-"), count("indy-wallet-"))
}

#[test]
fn four_processes_with_fifty_wallets_each_stay_within_their_pools() {
    if is_child() {
        return;
    }
    let Some(server) = server() else { return };
    server.drop_db("scale");
    // The first wallet creates the database and tables; the children then race on nothing.
    let first = server.config("scale_setup", "MultiWalletSingleTableSharedPool", Some("scale"));
    unit(create_wallet(&first, &server.credentials()));
    let mut children: Vec<Child> = (0..PROCESSES).map(|i| spawn_child("child_writes_to_many_wallets", i)).collect();

    // Watch the server's connections from the library until every child is done.
    let mut watcher = server.client("postgres");
    let mut most = 0i64;
    let mut statuses = Vec::new();
    while statuses.len() < PROCESSES {
        let row = watcher
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'libindy' AND datname = 'scale'",
                &[],
            )
            .unwrap();
        most = most.max(row.get(0));
        statuses.clear();
        for child in children.iter_mut() {
            if let Some(status) = child.try_wait().unwrap() {
                statuses.push(status);
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(statuses.iter().all(|s| s.success()), "{statuses:?}");
    // Plus the one connection this process keeps from creating the first wallet.
    let bound = (PROCESSES * POOL + 1) as i64;
    assert!(most <= bound, "{most} connections seen, more than {bound}");
    eprintln!("scale: at most {most} server connections seen for {PROCESSES} processes x pool {POOL}");
    let mut db = server.client("scale");
    let wallets: i64 = db.query_one("SELECT count(*) FROM metadata", &[]).unwrap().get(0);
    let items: i64 = db.query_one("SELECT count(*) FROM items", &[]).unwrap().get(0);
    assert_eq!((wallets, items), ((PROCESSES * WALLETS + 1) as i64, (PROCESSES * WALLETS * RECORDS) as i64));
    drop(db);
    server.drop_db("scale");
}

// ---- A full pool -----------------------------------------------------------------------

/// Child: a budget of one connection, held elsewhere: a wallet command waits
/// `connection_timeout`, fails with a message, and works once the connection is back.
#[test]
fn child_full_pool() {
    if child_index("child_full_pool").is_none() {
        return;
    }
    let server = server().unwrap();
    let update = c(r#"{"postgres_pool_size": 1}"#);
    assert_eq!(indy::api::config::indy_set_runtime_config(update.as_ptr()), ErrorCode::Success);
    let mut storage_config = server.storage_config("MultiWalletSingleTable", Some("fullpool"));
    storage_config["connection_timeout"] = json!(1);
    let config =
        json!({"id": "full", "storage_type": "postgres_storage", "storage_config": storage_config}).to_string();
    let credentials = server.credentials();
    let wallet = handle(open_wallet(&config, &credentials));

    // Another database's connection, checked out and held: nothing idle to take over.
    let other =
        json!({"url": server.host_port, "wallet_scheme": "MultiWalletSingleTable", "database_name": "postgres"});
    let creds: Json = serde_json::from_str(&credentials).unwrap();
    let location =
        indy::storage::postgres::PostgresLocation::parse("x", Some(&other), Some(&creds["storage_credentials"]))
            .unwrap();
    let held = indy::storage::postgres_pool::checkout(&location.target, Duration::from_secs(5)).unwrap();
    let full = failure(add_record(wallet, "T", "a", "v", &json!({})));
    assert_eq!(full.code, ErrorCode::WalletStorageError, "{}", full.message);
    assert!(full.message.contains("postgres_pool_size"), "{}", full.message);
    drop(held);
    unit(add_record(wallet, "T", "a", "v", &json!({})));
    assert_eq!(search_ids(wallet, "T", json!({}), 10).0, vec!["a".to_string()]);
    unit(close_wallet(wallet));
}

#[test]
fn a_full_pool_fails_with_a_message_and_recovers() {
    if is_child() {
        return;
    }
    let Some(server) = server() else { return };
    server.drop_db("fullpool");
    let config = server.config("full", "MultiWalletSingleTable", Some("fullpool"));
    unit(create_wallet(&config, &server.credentials()));
    let status = spawn_child("child_full_pool", 0).wait().unwrap();
    assert!(status.success());
    server.drop_db("fullpool");
}

// ---- A server killed during a write storm ----------------------------------------------

fn postgres_ctl(command: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ci/postgres.sh");
    let status = Command::new("bash").arg(script).arg(command).status().unwrap();
    assert!(status.success(), "ci/postgres.sh {command}");
}

#[test]
fn a_server_killed_in_a_write_storm_keeps_every_acknowledged_write() {
    let Some(server) = server_with(|| Guard::Alone(SERVER.write().unwrap_or_else(|e| e.into_inner()))) else {
        return;
    };
    if std::env::var_os("INDY_TEST_POSTGRES_CRASHABLE").is_none() {
        eprintln!("\n!!!!!! SKIPPED: the server is not ours to kill (set INDY_TEST_POSTGRES_CRASHABLE with ci/postgres.sh) !!!!!!\n");
        return;
    }
    server.drop_db("storm");
    let config = server.config("storm", "MultiWalletSingleTable", Some("storm"));
    let credentials = server.credentials();
    unit(create_wallet(&config, &credentials));
    let wallet = handle(open_wallet(&config, &credentials));

    // Keep 32 writes in flight; after 300 are acknowledged another thread kills the server
    // (writes keep going meanwhile) and restarts it; go on until 300 more succeed after the
    // restart, on the same wallet handle.
    let (crash, crashes) = std::sync::mpsc::channel::<()>();
    let (restarted, restarts) = std::sync::mpsc::channel::<()>();
    let killer = std::thread::spawn(move || {
        if crashes.recv().is_ok() {
            postgres_ctl("crash");
            postgres_ctl("start");
            let _ = restarted.send(());
        }
    });
    let mut acknowledged = Vec::new();
    let mut failed = 0;
    let mut next = 0;
    let mut in_flight = std::collections::VecDeque::new();
    let (mut crashed, mut back) = (false, false);
    let mut after_restart = 0;
    while after_restart < 300 {
        while in_flight.len() < 32 {
            let id = format!("s{next}");
            next += 1;
            in_flight.push_back((id.clone(), add_record_async(wallet, "Storm", &id, "v", Some(r#"{"k": "v"}"#))));
        }
        let (id, pending) = in_flight.pop_front().unwrap();
        match pending.wait() {
            Ok(_) => {
                acknowledged.push(id);
                if back {
                    after_restart += 1;
                }
            }
            Err(failure) => {
                assert!(
                    [ErrorCode::CommonIOError, ErrorCode::WalletStorageError].contains(&failure.code),
                    "{failure:?}"
                );
                failed += 1;
            }
        }
        if !crashed && acknowledged.len() >= 300 {
            crash.send(()).unwrap();
            crashed = true;
        }
        back = back || restarts.try_recv().is_ok();
    }
    drop(crash);
    killer.join().unwrap();
    for (_, pending) in in_flight {
        let _ = pending.wait();
    }
    for id in &acknowledged {
        unit(get_record(wallet, "Storm", id, "{}").map(|_| Value::Unit));
    }
    eprintln!("storm: {} acknowledged, {failed} failed around the crash", acknowledged.len());
    unit(close_wallet(wallet));
    server.drop_db("storm");
}
