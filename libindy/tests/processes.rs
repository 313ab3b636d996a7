//! Several processes and crashes: a second process cannot open a wallet in use, and a
//! process killed in a storm of writes leaves a sound wallet holding every acknowledged
//! record. The children are this test binary run again with `INDY_CHILD` set.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use common::*;
use indy::ErrorCode;

const KEY: &str = "8dvfYSt5d1taSd6yJdpjq4emkwsPDDLYxkNFysFD2cZY"; // a fixed RAW key

fn credentials() -> String {
    serde_json::json!({"key": KEY, "key_derivation_method": "RAW"}).to_string()
}

fn spawn_child(role: &str, dir: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([role, "--exact", "--nocapture", "--test-threads=1"])
        .env("INDY_CHILD", role)
        .env("INDY_CHILD_DIR", dir)
        .spawn()
        .expect("the child process starts")
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(child: &mut Child) {
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    child.wait().unwrap();
}

fn child_dir() -> Option<PathBuf> {
    std::env::var_os("INDY_CHILD_DIR").map(PathBuf::from)
}

/// Child: opens the wallet, says so, and holds it until killed.
#[test]
fn child_holds_wallet_open() {
    let Some(dir) = child_dir() else { return };
    handle(open_wallet(&wallet_config("shared", &dir), &credentials()));
    std::fs::write(dir.join("opened"), b"").unwrap();
    std::thread::sleep(Duration::from_secs(600));
}

#[test]
fn a_second_process_gets_wallet_already_opened() {
    if child_dir().is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = wallet_config("shared", dir.path());
    unit(create_wallet(&config, &credentials()));
    let mut child = spawn_child("child_holds_wallet_open", dir.path());
    wait_for("the child to open the wallet", || dir.path().join("opened").exists());

    assert_eq!(code(open_wallet(&config, &credentials())), ErrorCode::WalletAlreadyOpenedError);
    assert_eq!(code(delete_wallet(&config, &credentials())), ErrorCode::WalletAlreadyOpenedError);

    kill(&mut child);
    let wallet = handle(open_wallet(&config, &credentials()));
    unit(close_wallet(wallet));
}

/// Child: writes records as fast as it can, logging each one acknowledged.
#[test]
fn child_writes_until_killed() {
    let Some(dir) = child_dir() else { return };
    let wallet = handle(open_wallet(&wallet_config("storm", &dir), &credentials()));
    let mut log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("acknowledged")).unwrap();
    let mut next = 0u64;
    loop {
        let batch: Vec<(u64, Pending)> = (0..64)
            .map(|_| {
                next += 1;
                let tags = format!(r#"{{"batch":"{}","~n":"{next}"}}"#, next / 64);
                (next, add_record_async(wallet, "Storm", &format!("r{next}"), &format!("value {next}"), Some(&tags)))
            })
            .collect();
        for (n, pending) in batch {
            unit(pending.wait());
            writeln!(log, "{n}").unwrap(); // only after the callback said it is durable
        }
    }
}

#[test]
fn a_process_killed_mid_storm_leaves_a_sound_wallet_with_every_acknowledged_record() {
    if child_dir().is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = wallet_config("storm", dir.path());
    unit(create_wallet(&config, &credentials()));
    let mut child = spawn_child("child_writes_until_killed", dir.path());
    let log = dir.path().join("acknowledged");
    wait_for("500 acknowledged writes", || std::fs::read_to_string(&log).map_or(0, |s| s.lines().count()) >= 500);
    kill(&mut child);

    let db = dir.path().join("storm").join("sqlite.db");
    let check: String = rusqlite_integrity(&db);
    assert_eq!(check, "ok");

    let wallet = handle(open_wallet(&config, &credentials()));
    let acknowledged: Vec<u64> =
        std::fs::read_to_string(&log).unwrap().lines().filter_map(|l| l.parse().ok()).collect();
    assert!(acknowledged.len() >= 500);
    for n in acknowledged {
        let json = string(get_record(wallet, "Storm", &format!("r{n}"), r#"{"retrieveTags": true}"#));
        let record: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(record["value"], format!("value {n}"));
        assert_eq!(record["tags"]["~n"], n.to_string());
        assert_eq!(record["tags"]["batch"], (n / 64).to_string());
    }
    unit(close_wallet(wallet));
}

fn rusqlite_integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap()
}
