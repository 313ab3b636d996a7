//! libindy's default storage: one SQLite file per wallet, with its exact schema, at
//! `<path>/<id>/sqlite.db` (path defaults to `~/.indy_client/wallet`).

use std::path::{Path, PathBuf};

use std::collections::HashMap;
use std::fs::File;

use rusqlite::types::Value;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use super::{
    sqlite_query, EncryptedQuery, RecordId, StorageError, StorageRecord, StorageResult, StorageSearchId, StorageTag,
    StoredValue, TagName, WalletStorage,
};

const FILE_NAME: &str = "sqlite.db";

// libindy 1.16's schema, statement for statement.
const SCHEMA: &[&str] = &[
    "CREATE TABLE metadata (\n        id INTEGER NOT NULL,\n        value NOT NULL,\n        PRIMARY KEY(id)\n    )",
    "CREATE TABLE items(\n        id INTEGER NOT NULL,\n        type NOT NULL,\n        name NOT NULL,\n        value NOT NULL,\n        key NOT NULL,\n        PRIMARY KEY(id)\n    )",
    "CREATE UNIQUE INDEX ux_items_type_name ON items(type, name)",
    "CREATE TABLE tags_encrypted(\n        name NOT NULL,\n        value NOT NULL,\n        item_id INTEGER NOT NULL,\n        PRIMARY KEY(name, item_id),\n        FOREIGN KEY(item_id)\n            REFERENCES items(id)\n            ON DELETE CASCADE\n            ON UPDATE CASCADE\n    )",
    "CREATE INDEX ix_tags_encrypted_name ON tags_encrypted(name)",
    "CREATE INDEX ix_tags_encrypted_value ON tags_encrypted(value)",
    "CREATE INDEX ix_tags_encrypted_item_id ON tags_encrypted(item_id)",
    "CREATE TABLE tags_plaintext(\n        name NOT NULL,\n        value NOT NULL,\n        item_id INTEGER NOT NULL,\n        PRIMARY KEY(name, item_id),\n        FOREIGN KEY(item_id)\n            REFERENCES items(id)\n            ON DELETE CASCADE\n            ON UPDATE CASCADE\n    )",
    "CREATE INDEX ix_tags_plaintext_name ON tags_plaintext(name)",
    "CREATE INDEX ix_tags_plaintext_value ON tags_plaintext(value)",
    "CREATE INDEX ix_tags_plaintext_item_id ON tags_plaintext(item_id)",
];

/// Where wallets live when the config names no path.
pub fn default_wallet_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/home/indy"));
    home.join(".indy_client").join("wallet")
}

pub fn wallet_file(id: &str, path: Option<&str>) -> PathBuf {
    let base = path.map(PathBuf::from).unwrap_or_else(default_wallet_dir);
    base.join(id).join(FILE_NAME)
}

fn backend(e: rusqlite::Error) -> StorageError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StorageError::ItemAlreadyExists,
        Some(rusqlite::ErrorCode::SystemIoFailure) => StorageError::Io(e.to_string()),
        _ => StorageError::Backend(e.to_string()),
    }
}

fn io(e: std::io::Error) -> StorageError {
    StorageError::Io(e.to_string())
}

/// Opens a connection, configuring this library's SQLite once before its first use.
fn connect(file: &Path, flags: OpenFlags) -> StorageResult<Connection> {
    static CONFIGURED: std::sync::Once = std::sync::Once::new();
    CONFIGURED.call_once(|| {
        // Memory statistics take a global mutex on every allocation, which the storage
        // threads of many wallets would all contend for. Only possible before SQLite's
        // initialisation; if something initialised it earlier, the statistics stay on.
        // SAFETY: sqlite3_config with SQLITE_CONFIG_MEMSTATUS takes one int argument.
        let rc = unsafe { rusqlite::ffi::sqlite3_config(rusqlite::ffi::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int) };
        if rc != rusqlite::ffi::SQLITE_OK {
            log::debug!("SQLite memory statistics stay on (sqlite3_config: {rc})");
        }
    });
    Connection::open_with_flags(file, flags).map_err(backend)
}

/// Creates the wallet file with libindy's schema and `metadata`.
pub fn create(file: &Path, metadata: &[u8]) -> StorageResult<()> {
    if file.exists() {
        return Err(StorageError::WalletAlreadyExists(file.display().to_string()));
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let result = (|| {
        let mut conn = connect(file, OpenFlags::default())?;
        conn.execute_batch("PRAGMA locking_mode=EXCLUSIVE; PRAGMA foreign_keys=ON;").map_err(backend)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive).map_err(backend)?;
        for statement in SCHEMA {
            tx.execute(statement, []).map_err(backend)?;
        }
        tx.execute("INSERT OR REPLACE INTO metadata(value) VALUES(?1)", [metadata]).map_err(backend)?;
        tx.commit().map_err(backend)?;
        // libindy's files are in WAL mode from the start; opening then writes nothing.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).map_err(backend)
    })();
    if result.is_err() {
        // A half-made wallet would block a retry with "already exists".
        let _ = remove_files(file);
    }
    result
}

pub fn delete(file: &Path) -> StorageResult<()> {
    if !file.exists() {
        return Err(StorageError::WalletNotFound(file.display().to_string()));
    }
    let _lock = lock_exclusive(file)?;
    remove_files(file)
}

/// Takes the wallet file's advisory lock, or says another process holds it. SQLite's own
/// locks are `fcntl` locks, independent of this `flock`.
fn lock_exclusive(file: &Path) -> StorageResult<File> {
    let lock = File::open(file).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        // Safety: a valid descriptor owned by `lock` for the duration of the call.
        if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            return Err(StorageError::Locked(file.display().to_string()));
        }
    }
    Ok(lock)
}

fn remove_files(file: &Path) -> StorageResult<()> {
    std::fs::remove_file(file).map_err(io)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = file.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    if let Some(dir) = file.parent() {
        let _ = std::fs::remove_dir(dir); // only when empty
    }
    Ok(())
}

pub struct SqliteStorage {
    conn: Connection,
    /// An exclusive `flock` on the file while open: a second process gets
    /// `WalletAlreadyOpenedError` instead of writing beside us.
    _lock: File,
    searches: HashMap<StorageSearchId, Cursor>,
    next_search: StorageSearchId,
    /// Changes since the planner's statistics were last refreshed: without them SQLite scans
    /// a whole record type instead of following a tag index.
    changes: usize,
}

/// Refresh the planner's statistics after this many changes (cheap: SQLite samples).
const OPTIMIZE_EVERY: usize = 2000;

/// A search in progress: its query, and where the last page ended (keyset paging, so no
/// statement stays open between pages and nothing is held in memory).
struct Cursor {
    sql: String,
    args: Vec<Value>,
    after: i64,
    with_tags: bool,
}

impl SqliteStorage {
    pub fn open(file: &Path) -> StorageResult<SqliteStorage> {
        if !file.exists() {
            return Err(StorageError::WalletNotFound(file.display().to_string()));
        }
        let lock = lock_exclusive(file)?;
        let conn = connect(file, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0)).map_err(backend)?;
        if mode.eq_ignore_ascii_case("wal") {
            conn.execute_batch("PRAGMA synchronous = FULL").map_err(backend)?;
        }
        // A larger cache and rarer checkpoints: a page rewritten by many group commits is
        // copied into the database once per checkpoint, not once per commit. Each change of
        // a group runs in a savepoint, whose page copies stay in memory instead of a temp file.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 8000; \
             PRAGMA temp_store = MEMORY;",
        )
        .map_err(backend)?;
        Ok(SqliteStorage { conn, _lock: lock, searches: HashMap::new(), next_search: 1, changes: 0 })
    }

    fn item_id(conn: &Connection, id: &RecordId) -> StorageResult<i64> {
        conn.prepare_cached("SELECT id FROM items WHERE type = ?1 AND name = ?2")
            .and_then(|mut s| s.query_row(params![id.type_, id.name], |row| row.get(0)).optional())
            .map_err(backend)?
            .ok_or(StorageError::ItemNotFound)
    }

    /// Adds tags, replacing any with the same name.
    fn insert_tags(conn: &Connection, item: i64, tags: &[StorageTag]) -> StorageResult<()> {
        for tag in tags {
            match tag {
                StorageTag::Encrypted { name, value } => conn
                    .prepare_cached("INSERT OR REPLACE INTO tags_encrypted (item_id, name, value) VALUES (?1, ?2, ?3)")
                    .and_then(|mut s| s.execute(params![item, name, value])),
                StorageTag::Plain { name, value } => conn
                    .prepare_cached("INSERT OR REPLACE INTO tags_plaintext (item_id, name, value) VALUES (?1, ?2, ?3)")
                    .and_then(|mut s| s.execute(params![item, name, value])),
            }
            .map_err(backend)?;
        }
        Ok(())
    }

    fn clear_tags(conn: &Connection, item: i64) -> StorageResult<()> {
        conn.execute("DELETE FROM tags_encrypted WHERE item_id = ?1", [item]).map_err(backend)?;
        conn.execute("DELETE FROM tags_plaintext WHERE item_id = ?1", [item]).map_err(backend)?;
        Ok(())
    }

    fn tags(conn: &Connection, item: i64) -> StorageResult<Vec<StorageTag>> {
        let mut tags = Vec::new();
        let mut encrypted =
            conn.prepare_cached("SELECT name, value FROM tags_encrypted WHERE item_id = ?1").map_err(backend)?;
        let rows = encrypted
            .query_map([item], |row| Ok(StorageTag::Encrypted { name: row.get(0)?, value: row.get(1)? }))
            .map_err(backend)?;
        for tag in rows {
            tags.push(tag.map_err(backend)?);
        }
        let mut plain =
            conn.prepare_cached("SELECT name, value FROM tags_plaintext WHERE item_id = ?1").map_err(backend)?;
        let rows = plain
            .query_map([item], |row| Ok(StorageTag::Plain { name: row.get(0)?, value: row.get(1)? }))
            .map_err(backend)?;
        for tag in rows {
            tags.push(tag.map_err(backend)?);
        }
        Ok(tags)
    }

    /// Runs `change` in a savepoint: it takes effect whole or not at all, inside a group
    /// transaction or on its own. (Cached statements: parsing `SAVEPOINT` every time costs
    /// more than the insert.)
    fn change<T>(&mut self, change: impl FnOnce(&Connection) -> StorageResult<T>) -> StorageResult<T> {
        let run = |sql: &str| self.conn.prepare_cached(sql).and_then(|mut s| s.execute([])).map_err(backend);
        run("SAVEPOINT change")?;
        match change(&self.conn) {
            Ok(result) => {
                run("RELEASE change")?;
                self.changes += 1;
                if self.changes >= OPTIMIZE_EVERY && self.conn.is_autocommit() {
                    self.optimize();
                }
                Ok(result)
            }
            Err(e) => {
                let _ = run("ROLLBACK TO change").and_then(|_| run("RELEASE change"));
                Err(e)
            }
        }
    }
}

impl WalletStorage for SqliteStorage {
    fn get(&mut self, id: &RecordId, with_tags: bool) -> StorageResult<StoredValue> {
        let (item, value, key): (i64, Vec<u8>, Vec<u8>) = self
            .conn
            .prepare_cached("SELECT id, value, key FROM items WHERE type = ?1 AND name = ?2")
            .and_then(|mut s| {
                s.query_row(params![id.type_, id.name], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).optional()
            })
            .map_err(backend)?
            .ok_or(StorageError::ItemNotFound)?;
        let tags = if with_tags { Some(Self::tags(&self.conn, item)?) } else { None };
        Ok(StoredValue { value, key, tags })
    }

    fn add(&mut self, record: &StorageRecord) -> StorageResult<()> {
        self.change(|conn| {
            conn.prepare_cached("INSERT INTO items (type, name, value, key) VALUES (?1, ?2, ?3, ?4)")
                .and_then(|mut s| s.execute(params![record.id.type_, record.id.name, record.value, record.key]))
                .map_err(backend)?;
            Self::insert_tags(conn, conn.last_insert_rowid(), &record.tags)
        })
    }

    fn upsert(&mut self, record: &StorageRecord) -> StorageResult<()> {
        self.change(|conn| {
            let item: i64 = conn
                .prepare_cached(
                    "INSERT INTO items (type, name, value, key) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT(type, name) DO UPDATE SET value = excluded.value, key = excluded.key \
                     RETURNING id",
                )
                .and_then(|mut s| {
                    s.query_row(params![record.id.type_, record.id.name, record.value, record.key], |row| row.get(0))
                })
                .map_err(backend)?;
            Self::clear_tags(conn, item)?;
            Self::insert_tags(conn, item, &record.tags)
        })
    }

    fn update_value(&mut self, id: &RecordId, value: &[u8], key: &[u8]) -> StorageResult<()> {
        let changed = self
            .conn
            .prepare_cached("UPDATE items SET value = ?1, key = ?2 WHERE type = ?3 AND name = ?4")
            .and_then(|mut s| s.execute(params![value, key, id.type_, id.name]))
            .map_err(backend)?;
        if changed == 0 {
            return Err(StorageError::ItemNotFound);
        }
        Ok(())
    }

    fn replace_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()> {
        self.change(|conn| {
            let item = Self::item_id(conn, id)?;
            Self::clear_tags(conn, item)?;
            Self::insert_tags(conn, item, tags)
        })
    }

    fn add_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()> {
        self.change(|conn| {
            let item = Self::item_id(conn, id)?;
            Self::insert_tags(conn, item, tags)
        })
    }

    fn delete_tags(&mut self, id: &RecordId, names: &[TagName]) -> StorageResult<()> {
        self.change(|conn| {
            let item = Self::item_id(conn, id)?;
            for name in names {
                let (sql, name) = match name {
                    TagName::Encrypted(name) => ("DELETE FROM tags_encrypted WHERE item_id = ?1 AND name = ?2", name),
                    TagName::Plain(name) => ("DELETE FROM tags_plaintext WHERE item_id = ?1 AND name = ?2", name),
                };
                conn.prepare_cached(sql).and_then(|mut s| s.execute(params![item, name])).map_err(backend)?;
            }
            Ok(())
        })
    }

    fn delete(&mut self, id: &RecordId) -> StorageResult<()> {
        self.change(|conn| {
            let item = Self::item_id(conn, id)?;
            conn.execute("DELETE FROM items WHERE id = ?1", [item]).map_err(backend)?;
            Ok(())
        })
    }

    fn list(&mut self, type_: &[u8]) -> StorageResult<Vec<StorageRecord>> {
        let mut statement =
            self.conn.prepare_cached("SELECT name, value, key FROM items WHERE type = ?1").map_err(backend)?;
        let rows = statement
            .query_map([type_], |row| {
                Ok(StorageRecord {
                    id: RecordId { type_: type_.to_vec(), name: row.get(0)? },
                    value: row.get(1)?,
                    key: row.get(2)?,
                    tags: Vec::new(),
                })
            })
            .map_err(backend)?;
        rows.collect::<Result<_, _>>().map_err(backend)
    }

    fn search_open(
        &mut self,
        type_: Option<&[u8]>,
        query: &EncryptedQuery,
        with_tags: bool,
        with_count: bool,
    ) -> StorageResult<(StorageSearchId, Option<usize>)> {
        let (clause, mut args) = sqlite_query::to_sql(query);
        let mut filter = format!("({clause})");
        if let Some(type_) = type_ {
            filter.push_str(" AND i.type = ?");
            args.push(Value::Blob(type_.to_vec()));
        }
        let total = match with_count {
            true => {
                let sql = format!("SELECT count(*) FROM items i WHERE {filter}");
                let count: i64 = self
                    .conn
                    .query_row(&sql, rusqlite::params_from_iter(args.iter()), |row| row.get(0))
                    .map_err(backend)?;
                Some(count as usize)
            }
            false => None,
        };
        let sql = format!(
            "SELECT i.id, i.type, i.name, i.value, i.key FROM items i WHERE {filter} AND i.id > ? ORDER BY i.id LIMIT ?"
        );
        let search = self.next_search;
        self.next_search += 1;
        self.searches.insert(search, Cursor { sql, args, after: 0, with_tags });
        Ok((search, total))
    }

    fn search_next(&mut self, search: StorageSearchId, count: usize) -> StorageResult<Vec<StorageRecord>> {
        let cursor = self.searches.get_mut(&search).ok_or(StorageError::ItemNotFound)?;
        let mut args = cursor.args.clone();
        args.push(Value::Integer(cursor.after));
        args.push(Value::Integer(count.min(i64::MAX as usize) as i64));
        let mut statement = self.conn.prepare_cached(&cursor.sql).map_err(backend)?;
        let rows = statement
            .query_map(rusqlite::params_from_iter(args.iter()), |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    StorageRecord {
                        id: RecordId { type_: row.get(1)?, name: row.get(2)? },
                        value: row.get(3)?,
                        key: row.get(4)?,
                        tags: Vec::new(),
                    },
                ))
            })
            .map_err(backend)?;
        let mut records = Vec::new();
        for row in rows {
            let (item, mut record) = row.map_err(backend)?;
            if cursor.with_tags {
                record.tags = Self::tags(&self.conn, item)?;
            }
            cursor.after = item;
            records.push(record);
        }
        Ok(records)
    }

    fn search_close(&mut self, search: StorageSearchId) -> StorageResult<()> {
        self.searches.remove(&search).map(drop).ok_or(StorageError::ItemNotFound)
    }

    fn metadata(&mut self) -> StorageResult<Vec<u8>> {
        self.conn.query_row("SELECT value FROM metadata", [], |row| row.get(0)).map_err(backend)
    }

    fn set_metadata(&mut self, metadata: &[u8]) -> StorageResult<()> {
        self.change(|conn| conn.execute("UPDATE metadata SET value = ?1", [metadata]).map_err(backend).map(drop))
    }

    fn begin(&mut self) -> StorageResult<()> {
        self.conn.prepare_cached("BEGIN IMMEDIATE").and_then(|mut s| s.execute([])).map(drop).map_err(backend)
    }

    fn commit(&mut self) -> StorageResult<()> {
        self.conn.prepare_cached("COMMIT").and_then(|mut s| s.execute([])).map_err(|e| {
            let _ = self.conn.execute_batch("ROLLBACK");
            backend(e)
        })?;
        if self.changes >= OPTIMIZE_EVERY {
            self.optimize();
        }
        Ok(())
    }
}

impl SqliteStorage {
    fn optimize(&mut self) {
        if let Err(e) = self.conn.execute_batch("PRAGMA optimize=0x10002") {
            log::warn!("PRAGMA optimize failed: {e}");
        }
        self.changes = 0;
    }
}

impl Drop for SqliteStorage {
    // Leaves fresh statistics for the next open, if this one wrote anything.
    fn drop(&mut self) {
        if self.changes > 0 {
            self.optimize();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &[u8], value: &[u8]) -> StorageRecord {
        StorageRecord {
            id: RecordId { type_: b"type".to_vec(), name: name.to_vec() },
            value: value.to_vec(),
            key: b"key".to_vec(),
            tags: vec![
                StorageTag::Encrypted { name: b"tn".to_vec(), value: b"tv".to_vec() },
                StorageTag::Plain { name: b"pn".to_vec(), value: "5".into() },
            ],
        }
    }

    #[test]
    fn create_open_add_get_upsert_delete() {
        let dir = tempfile::tempdir().unwrap();
        let file = wallet_file("w", dir.path().to_str());
        create(&file, b"meta").unwrap();
        assert!(matches!(create(&file, b"meta"), Err(StorageError::WalletAlreadyExists(_))));
        let mut storage = SqliteStorage::open(&file).unwrap();
        assert_eq!(storage.metadata().unwrap(), b"meta");

        let rec = record(b"n1", b"v1");
        storage.add(&rec).unwrap();
        assert!(matches!(storage.add(&rec), Err(StorageError::ItemAlreadyExists)));
        let got = storage.get(&rec.id, true).unwrap();
        assert_eq!((got.value.as_slice(), got.tags.unwrap().len()), (&b"v1"[..], 2));

        let mut changed = record(b"n1", b"v2");
        changed.tags.truncate(1);
        storage.upsert(&changed).unwrap();
        let got = storage.get(&rec.id, true).unwrap();
        assert_eq!((got.value.as_slice(), got.tags.unwrap().len()), (&b"v2"[..], 1));

        storage.delete(&rec.id).unwrap();
        assert!(matches!(storage.get(&rec.id, false), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.delete(&rec.id), Err(StorageError::ItemNotFound)));
        let orphans: i64 = storage.conn.query_row("SELECT count(*) FROM tags_plaintext", [], |r| r.get(0)).unwrap();
        assert_eq!(orphans, 0, "tags go with their item");
    }

    #[test]
    fn open_and_delete_missing_wallet_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let file = wallet_file("absent", dir.path().to_str());
        assert!(matches!(SqliteStorage::open(&file), Err(StorageError::WalletNotFound(_))));
        assert!(matches!(delete(&file), Err(StorageError::WalletNotFound(_))));
    }

    #[test]
    fn delete_removes_the_wallet_directory() {
        let dir = tempfile::tempdir().unwrap();
        let file = wallet_file("w", dir.path().to_str());
        create(&file, b"m").unwrap();
        drop(SqliteStorage::open(&file).unwrap());
        delete(&file).unwrap();
        assert!(!file.parent().unwrap().exists());
    }
}
