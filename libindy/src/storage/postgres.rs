//! Wallets in PostgreSQL, in the layout of libindy 1.16's `postgres_storage` plugin, so
//! databases move between it and this library both ways: tables `metadata`, `items`,
//! `tags_encrypted`, `tags_plaintext` (with `wallet_id` in the multi-wallet schemes);
//! `items.type`, `items.name` and `metadata.value` hold base64 text, the value's key and
//! data are in `key` and `value`, tag names and encrypted values are raw bytes.
//!
//! Connections come from one budget per process (`postgres_pool`) and are held only for
//! one group of calls (`begin` … `commit`), so thousands of open wallets share a few
//! connections. Every write is one statement that never fails for an expected reason
//! (`ON CONFLICT DO NOTHING`, row counts), so a group needs no savepoints; when one does
//! fail (the server, bad input) the group's transaction is rolled back and its earlier
//! writes replayed, so each call still succeeds or fails alone.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use postgres::error::SqlState;
use postgres::types::ToSql;
use postgres::Row;

pub use super::postgres_config::{PostgresLocation, Scheme, STORAGE_TYPE};
use super::postgres_pool::{self, Conn, Pooled, Target};
use super::postgres_query::{refs, Arg, Builder};
use super::{
    EncryptedQuery, RecordId, StorageError, StorageRecord, StorageResult, StorageSearchId, StorageTag, StoredValue,
    TagName, WalletStorage,
};

// The plugin's schema for one wallet per database, with bounded indexes on tag values
// (a B-tree entry over ~2.7 kB fails, so the plugin refused large plaintext tags).
const SCHEMA_SINGLE: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS metadata (id BIGSERIAL PRIMARY KEY, value BYTEA NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS ux_metadata_values ON metadata(value)",
    "CREATE TABLE IF NOT EXISTS items(id BIGSERIAL PRIMARY KEY, type BYTEA NOT NULL, name BYTEA NOT NULL, \
     value BYTEA NOT NULL, key BYTEA NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS ux_items_type_name ON items(type, name)",
    "CREATE TABLE IF NOT EXISTS tags_encrypted(name BYTEA NOT NULL, value BYTEA NOT NULL, item_id BIGINT NOT NULL, \
     PRIMARY KEY(name, item_id), FOREIGN KEY(item_id) REFERENCES items(id) ON DELETE CASCADE ON UPDATE CASCADE)",
    "CREATE INDEX IF NOT EXISTS ix_tags_encrypted_name ON tags_encrypted(name)",
    "CREATE INDEX IF NOT EXISTS ix_tags_encrypted_value ON tags_encrypted(md5(value))",
    "CREATE INDEX IF NOT EXISTS ix_tags_encrypted_item_id ON tags_encrypted(item_id)",
    "CREATE TABLE IF NOT EXISTS tags_plaintext(name BYTEA NOT NULL, value TEXT NOT NULL, item_id BIGINT NOT NULL, \
     PRIMARY KEY(name, item_id), FOREIGN KEY(item_id) REFERENCES items(id) ON DELETE CASCADE ON UPDATE CASCADE)",
    "CREATE INDEX IF NOT EXISTS ix_tags_plaintext_name ON tags_plaintext(name)",
    "CREATE INDEX IF NOT EXISTS ix_tags_plaintext_value ON tags_plaintext(md5(value))",
    "CREATE INDEX IF NOT EXISTS ix_tags_plaintext_item_id ON tags_plaintext(item_id)",
];

// The plugin's multi-wallet schema, bounded likewise.
const SCHEMA_MULTI: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS metadata (wallet_id VARCHAR(64) NOT NULL, value BYTEA NOT NULL, PRIMARY KEY(wallet_id))",
    "CREATE TABLE IF NOT EXISTS items(wallet_id VARCHAR(64) NOT NULL, id BIGSERIAL NOT NULL, type BYTEA NOT NULL, \
     name BYTEA NOT NULL, value BYTEA NOT NULL, key BYTEA NOT NULL, PRIMARY KEY(wallet_id, id))",
    "CREATE UNIQUE INDEX IF NOT EXISTS ux_items_type_name ON items(wallet_id, type, name)",
    "CREATE TABLE IF NOT EXISTS tags_encrypted(wallet_id VARCHAR(64) NOT NULL, name BYTEA NOT NULL, \
     value BYTEA NOT NULL, item_id BIGINT NOT NULL, PRIMARY KEY(wallet_id, name, item_id), \
     FOREIGN KEY(wallet_id, item_id) REFERENCES items(wallet_id, id) ON DELETE CASCADE ON UPDATE CASCADE)",
    "CREATE INDEX IF NOT EXISTS ix_tags_encrypted_name ON tags_encrypted(wallet_id, name)",
    "CREATE INDEX IF NOT EXISTS ix_tags_encrypted_value ON tags_encrypted(wallet_id, md5(value))",
    "CREATE INDEX IF NOT EXISTS ix_tags_encrypted_wallet_id_item_id ON tags_encrypted(wallet_id, item_id)",
    "CREATE TABLE IF NOT EXISTS tags_plaintext(wallet_id VARCHAR(64) NOT NULL, name BYTEA NOT NULL, \
     value TEXT NOT NULL, item_id BIGINT NOT NULL, PRIMARY KEY(wallet_id, name, item_id), \
     FOREIGN KEY(wallet_id, item_id) REFERENCES items(wallet_id, id) ON DELETE CASCADE ON UPDATE CASCADE)",
    "CREATE INDEX IF NOT EXISTS ix_tags_plaintext_name ON tags_plaintext(wallet_id, name)",
    "CREATE INDEX IF NOT EXISTS ix_tags_plaintext_value ON tags_plaintext(wallet_id, md5(value))",
    "CREATE INDEX IF NOT EXISTS ix_tags_plaintext_wallet_id_item_id ON tags_plaintext(wallet_id, item_id)",
];

/// A PostgreSQL error in libindy's terms, with what was being done.
pub fn pg_error(e: postgres::Error, what: &str) -> StorageError {
    let Some(db) = e.as_db_error() else {
        // No answer from the server: unreachable, connection lost, TLS refused. The causes
        // say which ("Connection refused", "certificate verify failed").
        let mut message = format!("{what}: {e}");
        let mut cause = std::error::Error::source(&e);
        while let Some(inner) = cause {
            let text = inner.to_string();
            if !message.contains(&text) {
                message.push_str(&format!(": {text}"));
            }
            cause = inner.source();
        }
        return StorageError::Io(message);
    };
    let message = format!("{what}: {} ({})", db.message(), db.code().code());
    let code = db.code();
    if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
        StorageError::AccessDenied(message)
    } else if *code == SqlState::INVALID_CATALOG_NAME || *code == SqlState::UNDEFINED_TABLE {
        StorageError::WalletNotFound(message)
    } else if *code == SqlState::DUPLICATE_DATABASE {
        StorageError::WalletAlreadyExists(message)
    } else if *code == SqlState::UNIQUE_VIOLATION {
        StorageError::ItemAlreadyExists
    } else if *code == SqlState::PROGRAM_LIMIT_EXCEEDED
        || *code == SqlState::CHARACTER_NOT_IN_REPERTOIRE
        || *code == SqlState::UNTRANSLATABLE_CHARACTER
        || *code == SqlState::STRING_DATA_RIGHT_TRUNCATION
    {
        StorageError::InvalidInput(message)
    } else if code.code().starts_with("08") || code.code().starts_with("57P") {
        StorageError::Io(message) // connection exceptions, server shutting down or starting
    } else {
        StorageError::Backend(message)
    }
}

fn b64(bytes: &[u8]) -> Vec<u8> {
    B64.encode(bytes).into_bytes()
}

fn unb64(text: &[u8], what: &str) -> Result<Vec<u8>, StorageError> {
    B64.decode(text).map_err(|e| StorageError::Backend(format!("stored {what} is not base64: {e}")))
}

/// `"name"` as an SQL identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statements of one scheme. In the multi-wallet schemes the wallet id is the last
/// parameter; `[[…]]` marks what only they have, `$W` the wallet id's parameter.
struct Statements {
    wallet: Option<String>,
    get: String,
    get_tags: String,
    add: String,
    upsert: String,
    update_value: String,
    replace_tags: String,
    add_tags: String,
    delete_tags: String,
    delete: String,
    list: String,
    metadata: String,
    set_metadata: String,
    tag_columns: &'static str,
    tag_joins: String,
}

const TAG_COLUMNS: &str = ", e.n, e.v, p.n, p.v";

impl Statements {
    fn new(wallet: Option<&str>) -> Statements {
        let multi = wallet.is_some();
        let x = |template: &str, params: usize| expand(template, multi, params + 1);
        let item = "WITH i AS (SELECT id FROM items WHERE type = $1 AND name = $2[[ AND wallet_id = $W]])";
        let tags = |enc_names: usize, plain_names: usize, replace: bool| {
            let (en, ev, pn, pv) = (enc_names, enc_names + 1, plain_names, plain_names + 1);
            let mut sql = String::new();
            if replace {
                sql += &format!(
                    ", de AS (DELETE FROM tags_encrypted t USING i WHERE t.item_id = i.id[[ AND t.wallet_id = $W]] \
                     AND NOT (t.name = ANY(${en}::bytea[]))), \
                     dp AS (DELETE FROM tags_plaintext t USING i WHERE t.item_id = i.id[[ AND t.wallet_id = $W]] \
                     AND NOT (t.name = ANY(${pn}::bytea[])))"
                );
            }
            sql += &format!(
                ", e AS (INSERT INTO tags_encrypted ([[wallet_id, ]]item_id, name, value) \
                 SELECT [[$W, ]]i.id, t.n, t.v FROM i, unnest(${en}::bytea[], ${ev}::bytea[]) AS t(n, v) \
                 ON CONFLICT ([[wallet_id, ]]name, item_id) DO UPDATE SET value = excluded.value), \
                 p AS (INSERT INTO tags_plaintext ([[wallet_id, ]]item_id, name, value) \
                 SELECT [[$W, ]]i.id, t.n, t.v FROM i, unnest(${pn}::bytea[], ${pv}::text[]) AS t(n, v) \
                 ON CONFLICT ([[wallet_id, ]]name, item_id) DO UPDATE SET value = excluded.value) \
                 SELECT id FROM i"
            );
            sql
        };
        let tag_joins = expand(
            " LEFT JOIN LATERAL (SELECT array_agg(t.name) AS n, array_agg(t.value) AS v FROM tags_encrypted t \
             WHERE t.item_id = i.id[[ AND t.wallet_id = i.wallet_id]]) e ON TRUE \
             LEFT JOIN LATERAL (SELECT array_agg(t.name) AS n, array_agg(t.value) AS v FROM tags_plaintext t \
             WHERE t.item_id = i.id[[ AND t.wallet_id = i.wallet_id]]) p ON TRUE",
            multi,
            0,
        );
        let insert_item = "WITH i AS (INSERT INTO items ([[wallet_id, ]]type, name, value, key) \
                           VALUES ([[$W, ]]$1, $2, $3, $4) ON CONFLICT ";
        Statements {
            wallet: wallet.map(str::to_string),
            get: x("SELECT i.value, i.key FROM items i WHERE i.type = $1 AND i.name = $2[[ AND i.wallet_id = $W]]", 2),
            get_tags: x(
                &format!(
                    "SELECT i.value, i.key{TAG_COLUMNS} FROM items i{tag_joins} \
                     WHERE i.type = $1 AND i.name = $2[[ AND i.wallet_id = $W]]"
                ),
                2,
            ),
            add: x(&format!("{insert_item}DO NOTHING RETURNING id){}", tags(5, 7, false)), 8),
            upsert: x(
                &format!(
                    "{insert_item}([[wallet_id, ]]type, name) DO UPDATE SET value = excluded.value, key = excluded.key \
                     RETURNING id){}",
                    tags(5, 7, true)
                ),
                8,
            ),
            update_value: x("UPDATE items SET value = $3, key = $4 WHERE type = $1 AND name = $2[[ AND wallet_id = $W]]", 4),
            replace_tags: x(&format!("{item}{}", tags(3, 5, true)), 6),
            add_tags: x(&format!("{item}{}", tags(3, 5, false)), 6),
            delete_tags: x(
                &format!(
                    "{item}, de AS (DELETE FROM tags_encrypted t USING i WHERE t.item_id = i.id[[ AND t.wallet_id = $W]] \
                     AND t.name = ANY($3::bytea[])), \
                     dp AS (DELETE FROM tags_plaintext t USING i WHERE t.item_id = i.id[[ AND t.wallet_id = $W]] \
                     AND t.name = ANY($4::bytea[])) SELECT id FROM i"
                ),
                4,
            ),
            delete: x("DELETE FROM items WHERE type = $1 AND name = $2[[ AND wallet_id = $W]] RETURNING id", 2),
            list: x("SELECT name, value, key FROM items WHERE type = $1[[ AND wallet_id = $W]] ORDER BY id", 1),
            metadata: match multi {
                true => "SELECT value FROM metadata WHERE wallet_id = $1".to_string(),
                false => "SELECT value FROM metadata ORDER BY id LIMIT 1".to_string(),
            },
            set_metadata: x("UPDATE metadata SET value = $1[[ WHERE wallet_id = $W]]", 1),
            tag_columns: TAG_COLUMNS,
            tag_joins,
        }
    }

    /// The statement's parameters followed, in the multi-wallet schemes, by the wallet id.
    fn params<'a>(&'a self, params: &[&'a (dyn ToSql + Sync)]) -> Vec<&'a (dyn ToSql + Sync)> {
        let mut all = params.to_vec();
        if let Some(wallet) = &self.wallet {
            all.push(wallet);
        }
        all
    }
}

fn expand(template: &str, multi: bool, wallet_param: usize) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("[[") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("]]").map(|e| start + e).expect("closed [[");
        if multi {
            out.push_str(&rest[start + 2..end]);
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out.replace("$W", &format!("${wallet_param}::varchar"))
}

/// A change, kept while its group's transaction is open so it can be replayed.
enum Write {
    Add(StorageRecord),
    Upsert(StorageRecord),
    UpdateValue(RecordId, Vec<u8>, Vec<u8>),
    ReplaceTags(RecordId, Vec<StorageTag>),
    AddTags(RecordId, Vec<StorageTag>),
    DeleteTags(RecordId, Vec<TagName>),
    Delete(RecordId),
    SetMetadata(Vec<u8>),
}

type Tags = (Vec<Vec<u8>>, Vec<Vec<u8>>, Vec<Vec<u8>>, Vec<String>);

fn split_tags(tags: &[StorageTag]) -> Tags {
    let mut split: Tags = Default::default();
    for tag in tags {
        match tag {
            StorageTag::Encrypted { name, value } => {
                split.0.push(name.clone());
                split.1.push(value.clone());
            }
            StorageTag::Plain { name, value } => {
                split.2.push(name.clone());
                split.3.push(value.clone());
            }
        }
    }
    split
}

/// Runs one write: the outer error is PostgreSQL's (the transaction is then aborted), the
/// inner result the call's own outcome.
fn apply(conn: &mut Conn, s: &Statements, write: &Write) -> Result<StorageResult<()>, postgres::Error> {
    let found = |rows: usize, missing: StorageError| if rows == 0 { Err(missing) } else { Ok(()) };
    Ok(match write {
        Write::Add(r) | Write::Upsert(r) => {
            let (t, n) = (b64(&r.id.type_), b64(&r.id.name));
            let (en, ev, pn, pv) = split_tags(&r.tags);
            let sql = if matches!(write, Write::Add(_)) { &s.add } else { &s.upsert };
            let statement = conn.prepare(sql)?;
            let rows = conn.client.query(&statement, &s.params(&[&t, &n, &r.value, &r.key, &en, &ev, &pn, &pv]))?;
            found(rows.len(), StorageError::ItemAlreadyExists)
        }
        Write::UpdateValue(id, value, key) => {
            let (t, n) = (b64(&id.type_), b64(&id.name));
            let statement = conn.prepare(&s.update_value)?;
            let rows = conn.client.execute(&statement, &s.params(&[&t, &n, value, key]))?;
            found(rows as usize, StorageError::ItemNotFound)
        }
        Write::ReplaceTags(id, tags) | Write::AddTags(id, tags) => {
            let (t, n) = (b64(&id.type_), b64(&id.name));
            let (en, ev, pn, pv) = split_tags(tags);
            let sql = if matches!(write, Write::ReplaceTags(..)) { &s.replace_tags } else { &s.add_tags };
            let statement = conn.prepare(sql)?;
            let rows = conn.client.query(&statement, &s.params(&[&t, &n, &en, &ev, &pn, &pv]))?;
            found(rows.len(), StorageError::ItemNotFound)
        }
        Write::DeleteTags(id, names) => {
            let (t, n) = (b64(&id.type_), b64(&id.name));
            let (mut encrypted, mut plain) = (Vec::new(), Vec::new());
            for name in names {
                match name {
                    TagName::Encrypted(name) => encrypted.push(name.clone()),
                    TagName::Plain(name) => plain.push(name.clone()),
                }
            }
            let statement = conn.prepare(&s.delete_tags)?;
            let rows = conn.client.query(&statement, &s.params(&[&t, &n, &encrypted, &plain]))?;
            found(rows.len(), StorageError::ItemNotFound)
        }
        Write::Delete(id) => {
            let (t, n) = (b64(&id.type_), b64(&id.name));
            let statement = conn.prepare(&s.delete)?;
            let rows = conn.client.query(&statement, &s.params(&[&t, &n]))?;
            found(rows.len(), StorageError::ItemNotFound)
        }
        Write::SetMetadata(metadata) => {
            let value = b64(metadata);
            let statement = conn.prepare(&s.set_metadata)?;
            let rows = conn.client.execute(&statement, &s.params(&[&value]))?;
            found(rows as usize, StorageError::Backend("the wallet's metadata row is missing".into()))
        }
    })
}

/// Tags from the four arrays of the tag joins, at `first`.
fn row_tags(row: &Row, first: usize) -> Result<Vec<StorageTag>, postgres::Error> {
    let en: Option<Vec<Vec<u8>>> = row.try_get(first)?;
    let ev: Option<Vec<Vec<u8>>> = row.try_get(first + 1)?;
    let pn: Option<Vec<Vec<u8>>> = row.try_get(first + 2)?;
    let pv: Option<Vec<String>> = row.try_get(first + 3)?;
    let mut tags: Vec<StorageTag> = en
        .unwrap_or_default()
        .into_iter()
        .zip(ev.unwrap_or_default())
        .map(|(name, value)| StorageTag::Encrypted { name, value })
        .collect();
    tags.extend(
        pn.unwrap_or_default()
            .into_iter()
            .zip(pv.unwrap_or_default())
            .map(|(name, value)| StorageTag::Plain { name, value }),
    );
    Ok(tags)
}

/// A bytes column, or why not (never a panic on a schema that is not the plugin's).
fn column(row: &Row, index: usize) -> StorageResult<Vec<u8>> {
    row.try_get(index).map_err(|e| pg_error(e, "cannot read a record"))
}

/// A search in progress: its query and where its last page ended (keyset paging: no
/// cursor stays open on the server between pages, nothing is held beyond a page).
struct Cursor {
    sql: String,
    args: Vec<Arg>,
    after: i64,
    with_tags: bool,
}

pub struct PostgresStorage {
    target: Arc<Target>,
    timeout: Duration,
    sql: Arc<Statements>,
    /// Held from the first call of a group to its commit; otherwise per call.
    conn: Option<Pooled>,
    grouped: bool,
    in_tx: bool,
    /// The writes of the open transaction, replayed if a later one aborts it.
    log: Vec<Write>,
    /// Why the group's transaction could not be kept: its commit fails with it.
    lost: Option<StorageError>,
    searches: HashMap<StorageSearchId, Cursor>,
    next_search: StorageSearchId,
}

fn again(e: &StorageError) -> StorageError {
    match e {
        StorageError::Io(m) => StorageError::Io(m.clone()),
        other => StorageError::Backend(other.to_string()),
    }
}

impl PostgresStorage {
    /// Runs `f` on this storage's connection, taking one from the pool when needed. A
    /// connection found dead (the server restarted since it was last used) is replaced
    /// and `f` retried once when `retry` says nothing can have happened yet.
    fn run<T>(
        &mut self,
        what: &str,
        retry: bool,
        mut f: impl FnMut(&mut Conn) -> Result<T, postgres::Error>,
    ) -> StorageResult<T> {
        let mut retried = false;
        loop {
            let conn = match &mut self.conn {
                Some(conn) => conn,
                None => self.conn.insert(postgres_pool::checkout(&self.target, self.timeout)?),
            };
            let result = f(conn);
            let closed = conn.client.is_closed();
            if closed {
                self.conn = None;
            }
            match result {
                Ok(value) => {
                    self.release_unless_grouped();
                    return Ok(value);
                }
                Err(e) if closed && retry && !self.in_tx && !retried => {
                    log::debug!("PostgreSQL connection lost ({e}); retrying on a new one");
                    retried = true;
                }
                Err(e) => {
                    self.release_unless_grouped();
                    return Err(pg_error(e, what));
                }
            }
        }
    }

    fn release_unless_grouped(&mut self) {
        if !self.grouped && !self.in_tx {
            self.conn = None;
        }
    }

    fn write(&mut self, write: Write) -> StorageResult<()> {
        if let Some(lost) = &self.lost {
            return Err(again(lost));
        }
        if self.grouped && !self.in_tx {
            self.run("cannot begin a transaction", true, |c| c.client.batch_execute("BEGIN"))?;
            self.in_tx = true;
        }
        let sql = self.sql.clone();
        match self.run("cannot write to the wallet", false, |c| apply(c, &sql, &write)) {
            Ok(outcome) => {
                if outcome.is_ok() && self.in_tx {
                    self.log.push(write);
                }
                outcome
            }
            Err(e) => {
                if self.in_tx {
                    self.recover();
                }
                Err(e)
            }
        }
    }

    /// After a failed statement aborted the group's transaction: roll back, and replay the
    /// writes before it (on a new connection if the old one died).
    fn recover(&mut self) {
        self.in_tx = false;
        if let Some(mut conn) = self.conn.take() {
            match conn.client.batch_execute("ROLLBACK") {
                Ok(()) => self.conn = Some(conn),
                Err(_) => conn.discard(),
            }
        }
        if self.log.is_empty() {
            return;
        }
        let log = std::mem::take(&mut self.log);
        let sql = self.sql.clone();
        let replayed =
            self.run("cannot begin a transaction", true, |c| c.client.batch_execute("BEGIN")).and_then(|()| {
                self.in_tx = true;
                for write in &log {
                    self.run("cannot replay a write", false, |c| apply(c, &sql, write))?
                        .map_err(|e| StorageError::Backend(format!("a replayed write now fails: {e}")))?;
                }
                Ok(())
            });
        match replayed {
            Ok(()) => self.log = log,
            Err(e) => {
                log::warn!("PostgreSQL group transaction lost: {e}");
                self.lost = Some(e);
            }
        }
    }

    fn tags_of(&self, row: &Row, first: usize) -> StorageResult<Vec<StorageTag>> {
        row_tags(row, first).map_err(|e| pg_error(e, "cannot read tags"))
    }
}

impl WalletStorage for PostgresStorage {
    fn get(&mut self, id: &RecordId, with_tags: bool) -> StorageResult<StoredValue> {
        let (t, n) = (b64(&id.type_), b64(&id.name));
        let sql = self.sql.clone();
        let query = if with_tags { &sql.get_tags } else { &sql.get };
        let row = self.run("cannot read the wallet", true, |c| {
            let statement = c.prepare(query)?;
            c.client.query_opt(&statement, &sql.params(&[&t, &n]))
        })?;
        let row = row.ok_or(StorageError::ItemNotFound)?;
        let tags = if with_tags { Some(self.tags_of(&row, 2)?) } else { None };
        Ok(StoredValue { value: column(&row, 0)?, key: column(&row, 1)?, tags })
    }

    fn add(&mut self, record: &StorageRecord) -> StorageResult<()> {
        self.write(Write::Add(record.clone()))
    }

    fn upsert(&mut self, record: &StorageRecord) -> StorageResult<()> {
        self.write(Write::Upsert(record.clone()))
    }

    fn update_value(&mut self, id: &RecordId, value: &[u8], key: &[u8]) -> StorageResult<()> {
        self.write(Write::UpdateValue(id.clone(), value.to_vec(), key.to_vec()))
    }

    fn replace_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()> {
        self.write(Write::ReplaceTags(id.clone(), tags.to_vec()))
    }

    fn add_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()> {
        self.write(Write::AddTags(id.clone(), tags.to_vec()))
    }

    fn delete_tags(&mut self, id: &RecordId, names: &[TagName]) -> StorageResult<()> {
        self.write(Write::DeleteTags(id.clone(), names.to_vec()))
    }

    fn delete(&mut self, id: &RecordId) -> StorageResult<()> {
        self.write(Write::Delete(id.clone()))
    }

    fn list(&mut self, type_: &[u8]) -> StorageResult<Vec<StorageRecord>> {
        let t = b64(type_);
        let sql = self.sql.clone();
        let rows = self.run("cannot list records", true, |c| {
            let statement = c.prepare(&sql.list)?;
            c.client.query(&statement, &sql.params(&[&t]))
        })?;
        rows.iter()
            .map(|row| {
                Ok(StorageRecord {
                    id: RecordId { type_: type_.to_vec(), name: unb64(&column(row, 0)?, "name")? },
                    value: column(row, 1)?,
                    key: column(row, 2)?,
                    tags: Vec::new(),
                })
            })
            .collect()
    }

    fn search_open(
        &mut self,
        type_: Option<&[u8]>,
        query: &EncryptedQuery,
        with_tags: bool,
        with_count: bool,
    ) -> StorageResult<(StorageSearchId, Option<usize>)> {
        let mut filter = Builder::new(self.sql.wallet.as_deref());
        let mut clause = filter.wallet_filter("i.");
        if let Some(type_) = type_ {
            clause += &format!(" AND i.type = {}", filter.arg(Arg::Bytes(b64(type_))));
        }
        filter.push("TRUE");
        filter.push(&clause);
        filter.push(" AND ");
        filter.query(query);
        let Builder { sql: condition, args, .. } = filter;
        let total = match with_count {
            true => {
                let sql = format!("SELECT count(*) FROM items i WHERE {condition}");
                let count: i64 =
                    self.run("cannot count records", true, |c| c.client.query_one(&sql, &refs(&args))?.try_get(0))?;
                Some(count as usize)
            }
            false => None,
        };
        let (columns, joins) = match with_tags {
            true => (self.sql.tag_columns, self.sql.tag_joins.as_str()),
            false => ("", ""),
        };
        let (after, limit) = (args.len() + 1, args.len() + 2);
        let sql = format!(
            "SELECT i.id, i.type, i.name, i.value, i.key{columns} FROM items i{joins} \
             WHERE {condition} AND i.id > ${after} ORDER BY i.id LIMIT ${limit}"
        );
        let search = self.next_search;
        self.next_search += 1;
        self.searches.insert(search, Cursor { sql, args, after: 0, with_tags });
        Ok((search, total))
    }

    fn search_next(&mut self, search: StorageSearchId, count: usize) -> StorageResult<Vec<StorageRecord>> {
        let cursor = self.searches.get(&search).ok_or(StorageError::ItemNotFound)?;
        let mut args = cursor.args.clone();
        args.push(Arg::Int(cursor.after));
        args.push(Arg::Int(count.min(i64::MAX as usize) as i64));
        let (sql, with_tags) = (cursor.sql.clone(), cursor.with_tags);
        let rows = self.run("cannot search the wallet", true, |c| {
            let statement = c.prepare(&sql)?;
            c.client.query(&statement, &refs(&args))
        })?;
        let mut records = Vec::with_capacity(rows.len());
        let mut last = None;
        for row in &rows {
            let item: i64 = row.try_get(0).map_err(|e| pg_error(e, "cannot read a record"))?;
            let tags = if with_tags { self.tags_of(row, 5)? } else { Vec::new() };
            records.push(StorageRecord {
                id: RecordId { type_: unb64(&column(row, 1)?, "type")?, name: unb64(&column(row, 2)?, "name")? },
                value: column(row, 3)?,
                key: column(row, 4)?,
                tags,
            });
            last = Some(item);
        }
        if let (Some(last), Some(cursor)) = (last, self.searches.get_mut(&search)) {
            cursor.after = last;
        }
        Ok(records)
    }

    fn search_close(&mut self, search: StorageSearchId) -> StorageResult<()> {
        self.searches.remove(&search).map(drop).ok_or(StorageError::ItemNotFound)
    }

    fn metadata(&mut self) -> StorageResult<Vec<u8>> {
        let sql = self.sql.clone();
        let row = self.run("cannot read the wallet's metadata", true, |c| {
            let statement = c.prepare(&sql.metadata)?;
            let params: Vec<&(dyn ToSql + Sync)> = match &sql.wallet {
                Some(wallet) => vec![wallet],
                None => vec![],
            };
            c.client.query_opt(&statement, &params)
        })?;
        let row = row.ok_or_else(|| StorageError::WalletNotFound("the wallet has no metadata".into()))?;
        let value: Vec<u8> = row.try_get(0).map_err(|e| pg_error(e, "cannot read the wallet's metadata"))?;
        unb64(&value, "metadata")
    }

    fn set_metadata(&mut self, metadata: &[u8]) -> StorageResult<()> {
        self.write(Write::SetMetadata(metadata.to_vec()))
    }

    /// The transaction itself starts at the group's first write: reads alone need none.
    fn begin(&mut self) -> StorageResult<()> {
        self.grouped = true;
        Ok(())
    }

    fn commit(&mut self) -> StorageResult<()> {
        self.grouped = false;
        self.log.clear();
        let result = match self.lost.take() {
            Some(lost) => {
                if let Some(mut conn) = self.conn.take() {
                    if conn.client.batch_execute("ROLLBACK").is_err() {
                        conn.discard();
                    }
                }
                Err(lost)
            }
            None if self.in_tx => {
                let committed = self.run("cannot commit", false, |c| c.client.batch_execute("COMMIT"));
                if committed.is_err() {
                    // Outcome unknown: never hand this connection out again.
                    if let Some(conn) = self.conn.take() {
                        conn.discard();
                    }
                }
                committed
            }
            None => Ok(()),
        };
        self.in_tx = false;
        self.conn = None;
        result
    }
}

impl Drop for PostgresStorage {
    fn drop(&mut self) {
        if let Some(mut conn) = self.conn.take() {
            if self.in_tx && conn.client.batch_execute("ROLLBACK").is_err() {
                conn.discard();
            }
        }
    }
}

/// One statement batch on a pooled connection to `target`, retried once on a fresh
/// connection if the pooled one had died.
fn session<T>(
    target: &Target,
    timeout: Duration,
    what: &str,
    mut f: impl FnMut(&mut Conn) -> Result<T, postgres::Error>,
) -> StorageResult<T> {
    for attempt in 0..2 {
        let mut conn = postgres_pool::checkout(target, timeout)?;
        match f(&mut conn) {
            Ok(value) => return Ok(value),
            Err(e) if conn.client.is_closed() && attempt == 0 => drop(e),
            Err(e) => {
                if !conn.client.is_closed() {
                    let _ = conn.client.batch_execute("ROLLBACK");
                }
                return Err(pg_error(e, what));
            }
        }
    }
    unreachable!("the second attempt returns")
}

/// Creates the tables if missing, under an advisory lock (two processes creating the
/// first wallets at once would otherwise collide on `CREATE TABLE IF NOT EXISTS`).
fn ensure_schema(location: &PostgresLocation, target: &Target) -> StorageResult<()> {
    let schema = if location.scheme.is_multi() { SCHEMA_MULTI } else { SCHEMA_SINGLE };
    session(target, location.timeout, "cannot create the wallet tables", |c| {
        let mut tx = c.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock(7301160001)", &[])?;
        let exists: bool = tx.query_one("SELECT to_regclass('metadata') IS NOT NULL", &[])?.try_get(0)?;
        if !exists {
            for statement in schema {
                tx.batch_execute(statement)?;
            }
        }
        tx.commit()
    })
}

/// Lets the account create its tables in a database the admin made (PostgreSQL 15 no
/// longer lets every account create in `public`).
fn grant(location: &PostgresLocation, admin_db: &Target) -> StorageResult<()> {
    if admin_db.config.get_user() == Some(location.account.as_str()) {
        return Ok(());
    }
    let account = ident(&location.account);
    session(admin_db, location.timeout, "cannot grant the account its tables", |c| {
        c.client.batch_execute(&format!(
            "GRANT ALL ON SCHEMA public TO {account}; GRANT ALL ON ALL TABLES IN SCHEMA public TO {account}; \
             GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {account}"
        ))
    })
}

/// Creates wallet `location.id` holding `metadata`: its database (with admin credentials,
/// for one database per wallet or a first multi-wallet database), tables, metadata row.
pub fn create(location: &PostgresLocation, metadata: &[u8]) -> StorageResult<()> {
    let database = ident(&location.database);
    let mut created_db = false;
    if let Some((admin, admin_db)) = &location.admin {
        match session(admin, location.timeout, "cannot create the wallet's database", |c| {
            c.client.batch_execute(&format!("CREATE DATABASE {database}"))
        }) {
            Ok(()) => created_db = true,
            Err(StorageError::WalletAlreadyExists(_)) => {} // made earlier, by a DBA or another wallet
            Err(e) => return Err(e),
        }
        if created_db {
            if let Err(e) = grant(location, admin_db) {
                let _ = drop_database(location);
                return Err(e);
            }
        }
    }
    let result = ensure_schema(location, &location.target).and_then(|()| {
        let value = b64(metadata);
        let inserted = match location.scheme.is_multi() {
            true => session(&location.target, location.timeout, "cannot create the wallet", |c| {
                c.client.execute(
                    "INSERT INTO metadata (wallet_id, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    &[&location.id, &value],
                )
            })?,
            false => session(&location.target, location.timeout, "cannot create the wallet", |c| {
                c.client.execute(
                    "INSERT INTO metadata (value) SELECT $1::bytea WHERE NOT EXISTS (SELECT 1 FROM metadata)",
                    &[&value],
                )
            })?,
        };
        match inserted {
            0 => Err(StorageError::WalletAlreadyExists(format!(
                "wallet {} exists in {}",
                location.id, location.database
            ))),
            _ => Ok(()),
        }
    });
    if result.is_err() && created_db {
        let _ = drop_database(location); // a half-made wallet would block a retry
    }
    result
}

pub fn open(location: &PostgresLocation) -> StorageResult<PostgresStorage> {
    let wallet = location.scheme.is_multi().then_some(location.id.as_str());
    let mut storage = PostgresStorage {
        target: location.target.clone(),
        timeout: location.timeout,
        sql: Arc::new(Statements::new(wallet)),
        conn: None,
        grouped: false,
        in_tx: false,
        log: Vec::new(),
        lost: None,
        searches: HashMap::new(),
        next_search: 1,
    };
    // Proves the database, the account and the wallet exist, with the precise error if not.
    storage.metadata().map_err(|e| match e {
        StorageError::WalletNotFound(why) => {
            StorageError::WalletNotFound(format!("wallet {} in database {}: {why}", location.id, location.database))
        }
        other => other,
    })?;
    Ok(storage)
}

fn drop_database(location: &PostgresLocation) -> StorageResult<()> {
    let Some((admin, _)) = &location.admin else {
        return Err(StorageError::Backend("dropping a wallet's database needs admin_account".into()));
    };
    postgres_pool::close_idle(&location.target);
    if let Some((_, admin_db)) = &location.admin {
        postgres_pool::close_idle(admin_db);
    }
    let database = ident(&location.database);
    session(admin, location.timeout, "cannot drop the wallet's database", |c| {
        c.client.batch_execute(&format!("DROP DATABASE {database}"))
    })
}

pub fn delete(location: &PostgresLocation) -> StorageResult<()> {
    if location.scheme.is_multi() {
        let deleted = session(&location.target, location.timeout, "cannot delete the wallet", |c| {
            let mut tx = c.client.transaction()?;
            for table in ["tags_plaintext", "tags_encrypted", "items"] {
                tx.execute(&format!("DELETE FROM {table} WHERE wallet_id = $1"), &[&location.id])?;
            }
            let deleted = tx.execute("DELETE FROM metadata WHERE wallet_id = $1", &[&location.id])?;
            tx.commit()?;
            Ok(deleted)
        })?;
        return match deleted {
            0 => Err(StorageError::WalletNotFound(format!("wallet {} in {}", location.id, location.database))),
            _ => Ok(()),
        };
    }
    if location.admin.is_some() {
        return drop_database(location);
    }
    // Without admin rights the database stays; the wallet's tables go.
    session(&location.target, location.timeout, "cannot delete the wallet", |c| {
        c.client.batch_execute(
            "BEGIN; DROP TABLE tags_plaintext; DROP TABLE tags_encrypted; DROP TABLE items; DROP TABLE metadata; COMMIT",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_differ_only_by_the_wallet_id() {
        let single = Statements::new(None);
        let multi = Statements::new(Some("w"));
        assert_eq!(single.get, "SELECT i.value, i.key FROM items i WHERE i.type = $1 AND i.name = $2");
        assert_eq!(
            multi.get,
            "SELECT i.value, i.key FROM items i WHERE i.type = $1 AND i.name = $2 AND i.wallet_id = $3::varchar"
        );
        assert!(multi.add.contains("VALUES ($9::varchar, $1, $2, $3, $4) ON CONFLICT DO NOTHING"), "{}", multi.add);
        assert!(!single.upsert.contains("wallet_id") && !single.upsert.contains("$9"));
        assert_eq!(multi.set_metadata, "UPDATE metadata SET value = $1 WHERE wallet_id = $2::varchar");
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident("my \"wallet\""), "\"my \"\"wallet\"\"\"");
    }
}
