//! An encrypted WQL query as SQL over libindy's schema: every condition on a tag is a
//! sub-select of the items having that tag (`tags_encrypted` or `tags_plaintext`), so
//! AND, OR and NOT compose as plain boolean SQL over `items i`.
//!
//! As in libindy, a condition holds only for items that have the tag: `$neq` means "has
//! the tag, with another value", while `$not` of an equality also takes items without
//! it. Plaintext values are bound as text and compared as text (`"10" < "9"`), and
//! `$like` is SQLite's `LIKE` (`%`, `_`, ASCII case-insensitive).

use rusqlite::types::Value;

use super::query::{EncryptedQuery, TagName, TagValue};

/// The WHERE-clause fragment over `items i` for `query`, and the values for its `?`s
/// in order.
pub fn to_sql(query: &EncryptedQuery) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    write_query(query, &mut sql, &mut args);
    (sql, args)
}

/// The records of one (encrypted) type that match: `id, name, value, key, type`.
pub fn search_sql(type_: &[u8], query: &EncryptedQuery) -> (String, Vec<Value>) {
    with_type("SELECT i.id, i.name, i.value, i.key, i.type FROM items i", type_, query)
}

/// How many records of one (encrypted) type match: one row, one integer.
pub fn count_sql(type_: &[u8], query: &EncryptedQuery) -> (String, Vec<Value>) {
    with_type("SELECT count(*) FROM items i", type_, query)
}

fn with_type(select: &str, type_: &[u8], query: &EncryptedQuery) -> (String, Vec<Value>) {
    let (clause, query_args) = to_sql(query);
    let mut args = Vec::with_capacity(query_args.len() + 1);
    args.push(Value::Blob(type_.to_vec()));
    args.extend(query_args);
    (format!("{select} WHERE i.type = ? AND ({clause})"), args)
}

fn write_query(query: &EncryptedQuery, sql: &mut String, args: &mut Vec<Value>) {
    match query {
        EncryptedQuery::And(operands) => write_list(operands, " AND ", "1=1", sql, args),
        EncryptedQuery::Or(operands) => write_list(operands, " OR ", "0=1", sql, args),
        EncryptedQuery::Not(operand) => {
            sql.push_str("NOT (");
            write_query(operand, sql, args);
            sql.push(')');
        }
        EncryptedQuery::Eq(name, value) => write_leaf(name, "=", value, sql, args),
        EncryptedQuery::Neq(name, value) => write_leaf(name, "!=", value, sql, args),
        EncryptedQuery::Gt(name, value) => write_leaf(name, ">", value, sql, args),
        EncryptedQuery::Gte(name, value) => write_leaf(name, ">=", value, sql, args),
        EncryptedQuery::Lt(name, value) => write_leaf(name, "<", value, sql, args),
        EncryptedQuery::Lte(name, value) => write_leaf(name, "<=", value, sql, args),
        EncryptedQuery::Like(name, value) => write_leaf(name, "LIKE", value, sql, args),
        // No value to be in: nothing matches (libindy's `IN ()`).
        EncryptedQuery::In(_, values) if values.is_empty() => sql.push_str("0=1"),
        EncryptedQuery::In(name, values) => {
            open_leaf(name, sql, args);
            sql.push_str(" AND value IN (");
            for (index, value) in values.iter().enumerate() {
                if index > 0 {
                    sql.push_str(", ");
                }
                sql.push('?');
                args.push(bind(value));
            }
            sql.push_str(")))");
        }
    }
}

fn write_list(operands: &[EncryptedQuery], joiner: &str, empty: &str, sql: &mut String, args: &mut Vec<Value>) {
    if operands.is_empty() {
        sql.push_str(empty);
        return;
    }
    sql.push('(');
    for (index, operand) in operands.iter().enumerate() {
        if index > 0 {
            sql.push_str(joiner);
        }
        write_query(operand, sql, args);
    }
    sql.push(')');
}

/// `(i.id IN (SELECT item_id FROM <table> WHERE name = ?`, to be closed with `))`.
fn open_leaf(name: &TagName, sql: &mut String, args: &mut Vec<Value>) {
    let (table, name) = match name {
        TagName::Encrypted(name) => ("tags_encrypted", name),
        TagName::Plain(name) => ("tags_plaintext", name),
    };
    sql.push_str("(i.id IN (SELECT item_id FROM ");
    sql.push_str(table);
    sql.push_str(" WHERE name = ?");
    args.push(Value::Blob(name.clone()));
}

fn write_leaf(name: &TagName, operator: &str, value: &TagValue, sql: &mut String, args: &mut Vec<Value>) {
    open_leaf(name, sql, args);
    sql.push_str(" AND value ");
    sql.push_str(operator);
    sql.push_str(" ?))");
    args.push(bind(value));
}

/// Encrypted values are stored as blobs, plaintext ones as text.
fn bind(value: &TagValue) -> Value {
    match value {
        TagValue::Encrypted(bytes) => Value::Blob(bytes.clone()),
        TagValue::Plain(text) => Value::Text(text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap};
    use std::path::{Path, PathBuf};

    use rusqlite::Connection;
    use serde_json::{json, Value as Json};

    use super::*;
    use crate::domain::wallet::KeyDerivationMethod;
    use crate::services::wallet::wql::{encrypt_query, Query};
    use crate::services::wallet::{decrypt, derive_master_key, encrypt_as_searchable, encrypt_record, Keys, Metadata};
    use crate::storage::sqlite::{self, SqliteStorage};
    use crate::storage::WalletStorage;

    fn text(v: &str) -> Value {
        Value::Text(v.to_string())
    }

    fn blob(v: &[u8]) -> Value {
        Value::Blob(v.to_vec())
    }

    #[test]
    fn leaves_are_sub_selects_of_the_right_table() {
        let enc = |n: &[u8]| TagName::Encrypted(n.to_vec());
        let plain = |n: &[u8]| TagName::Plain(n.to_vec());
        let cases = [
            (
                EncryptedQuery::Eq(enc(b"n"), TagValue::Encrypted(b"v".to_vec())),
                "(i.id IN (SELECT item_id FROM tags_encrypted WHERE name = ? AND value = ?))",
                vec![blob(b"n"), blob(b"v")],
            ),
            (
                EncryptedQuery::Neq(plain(b"n"), TagValue::Plain("v".into())),
                "(i.id IN (SELECT item_id FROM tags_plaintext WHERE name = ? AND value != ?))",
                vec![blob(b"n"), text("v")],
            ),
            (
                EncryptedQuery::Gt(plain(b"n"), TagValue::Plain("1".into())),
                "(i.id IN (SELECT item_id FROM tags_plaintext WHERE name = ? AND value > ?))",
                vec![blob(b"n"), text("1")],
            ),
            (
                EncryptedQuery::Like(plain(b"n"), TagValue::Plain("a%".into())),
                "(i.id IN (SELECT item_id FROM tags_plaintext WHERE name = ? AND value LIKE ?))",
                vec![blob(b"n"), text("a%")],
            ),
            (
                EncryptedQuery::In(
                    enc(b"n"),
                    vec![TagValue::Encrypted(b"a".to_vec()), TagValue::Encrypted(b"b".to_vec())],
                ),
                "(i.id IN (SELECT item_id FROM tags_encrypted WHERE name = ? AND value IN (?, ?)))",
                vec![blob(b"n"), blob(b"a"), blob(b"b")],
            ),
            (EncryptedQuery::In(enc(b"n"), vec![]), "0=1", vec![]),
        ];
        for (query, sql, args) in cases {
            assert_eq!(to_sql(&query), (sql.to_string(), args), "{query:?}");
        }
    }

    #[test]
    fn combinators_nest_in_parentheses() {
        let leaf = |v: &str| EncryptedQuery::Eq(TagName::Plain(b"n".to_vec()), TagValue::Plain(v.into()));
        let l = |v: &str| to_sql(&leaf(v)).0;
        let query = EncryptedQuery::Or(vec![
            EncryptedQuery::And(vec![leaf("1"), leaf("2")]),
            EncryptedQuery::Not(Box::new(leaf("3"))),
            EncryptedQuery::And(vec![]),
            EncryptedQuery::Or(vec![]),
        ]);
        let (sql, args) = to_sql(&query);
        assert_eq!(sql, format!("(({} AND {}) OR NOT ({}) OR 1=1 OR 0=1)", l("1"), l("2"), l("3")));
        let values: Vec<Value> = args.into_iter().filter(|a| matches!(a, Value::Text(_))).collect();
        assert_eq!(values, vec![text("1"), text("2"), text("3")], "in order");

        let (sql, args) = search_sql(b"T", &EncryptedQuery::And(vec![]));
        assert_eq!(sql, "SELECT i.id, i.name, i.value, i.key, i.type FROM items i WHERE i.type = ? AND (1=1)");
        assert_eq!(args, vec![blob(b"T")]);
        let (sql, args) = count_sql(b"T", &leaf("x"));
        assert_eq!(sql, format!("SELECT count(*) FROM items i WHERE i.type = ? AND ({})", l("x")));
        assert_eq!(args, vec![blob(b"T"), blob(b"n"), text("x")]);
    }

    /// Runs a WQL query on `conn` and returns the matching record names, checking that
    /// the count query agrees.
    fn run(conn: &Connection, keys: &Keys, type_: &str, wql: Json) -> BTreeSet<String> {
        let query = encrypt_query(&Query::from_json(wql.clone()).unwrap(), keys).unwrap();
        let etype = encrypt_as_searchable(type_.as_bytes(), &keys.type_key, &keys.item_hmac_key);
        let (sql, args) = search_sql(&etype, &query);
        let mut statement = conn.prepare(&sql).unwrap();
        let names: Vec<String> = statement
            .query_map(rusqlite::params_from_iter(args), |row| row.get::<_, Vec<u8>>(1))
            .unwrap()
            .map(|name| String::from_utf8(decrypt(&name.unwrap(), &keys.name_key).unwrap()).unwrap())
            .collect();
        let (sql, args) = count_sql(&etype, &query);
        let count: i64 = conn.query_row(&sql, rusqlite::params_from_iter(args), |row| row.get(0)).unwrap();
        assert_eq!(count as usize, names.len(), "count of {wql}");
        let unique: BTreeSet<String> = names.into_iter().collect();
        assert_eq!(unique.len(), count as usize, "no duplicates for {wql}");
        unique
    }

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn queries_a_wallet_end_to_end() {
        let dir = tempfile::tempdir().unwrap();
        let file = sqlite::wallet_file("wql", dir.path().to_str());
        let keys = Keys::new_random();
        sqlite::create(&file, &Metadata::Raw { keys: keys.seal(&[1; 32]) }.to_bytes()).unwrap();
        let mut storage = SqliteStorage::open(&file).unwrap();
        type Fixture<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let records: &[Fixture] = &[
            ("T", "a", &[("color", "red"), ("~num", "1"), ("~text", "apple")]),
            ("T", "b", &[("color", "blue"), ("~num", "2"), ("~text", "banana")]),
            ("T", "c", &[("color", "red"), ("~num", "10"), ("~text", "cherry")]),
            ("T", "d", &[("color", "grün"), ("~num", "20"), ("~text", "Apricot")]),
            ("T", "e", &[]),
            ("Other", "x", &[("color", "red"), ("~num", "1"), ("~text", "apple")]),
        ];
        for (type_, name, tags) in records {
            let tags: HashMap<String, String> = tags.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
            storage.add(&encrypt_record(&keys, type_, name, b"value", &tags)).unwrap();
        }
        let conn = Connection::open(&file).unwrap();
        let cases: Vec<(Json, &[&str])> = vec![
            (json!({"color": "red"}), &["a", "c"]),
            (json!({"color": "grün"}), &["d"]),
            (json!({"color": "RED"}), &[]),
            // A plaintext tag is another tag than the encrypted one of the same name.
            (json!({"~color": "red"}), &[]),
            (json!({"~num": "1"}), &["a"]),
            // $neq needs the tag: "e" has none.
            (json!({"color": {"$neq": "red"}}), &["b", "d"]),
            (json!({"~num": {"$neq": "1"}}), &["b", "c", "d"]),
            // Plaintext values compare as text.
            (json!({"~num": {"$gt": "10"}}), &["b", "d"]),
            (json!({"~num": {"$gte": "10"}}), &["b", "c", "d"]),
            (json!({"~num": {"$lt": "10"}}), &["a"]),
            (json!({"~num": {"$lte": "10"}}), &["a", "c"]),
            (json!({"~num": {"$lt": "9"}}), &["a", "b", "c", "d"]),
            // LIKE is ASCII case-insensitive.
            (json!({"~text": {"$like": "ap%"}}), &["a", "d"]),
            (json!({"~text": {"$like": "_an%"}}), &["b"]),
            (json!({"color": {"$in": ["blue", "grün"]}}), &["b", "d"]),
            (json!({"color": {"$in": ["blue"]}}), &["b"]),
            (json!({"color": {"$in": []}}), &[]),
            (json!({"~num": {"$in": ["1", "20", "99"]}}), &["a", "d"]),
            (json!({"$and": [{"color": "red"}, {"~num": {"$gt": "1"}}]}), &["c"]),
            (json!({"$or": [{"color": "blue"}, {"~text": "cherry"}]}), &["b", "c"]),
            (json!({"$not": {"color": "red"}}), &["b", "d", "e"]),
            (json!({"$not": {"$not": {"color": "blue"}}}), &["b"]),
            (json!({"$not": {"color": {"$in": []}}}), &["a", "b", "c", "d", "e"]),
            (json!({"color": "red", "~text": "apple"}), &["a"]),
            (json!({"color": "red", "~text": "banana"}), &[]),
            (
                json!({"$or": [
                    {"$and": [{"color": "red"}, {"$not": {"~num": "1"}}]},
                    {"~num": {"$like": "2%"}}
                ]}),
                &["b", "c", "d"],
            ),
            (json!({}), &["a", "b", "c", "d", "e"]),
            (json!({"$or": []}), &["a", "b", "c", "d", "e"]),
            (json!({"$not": {}}), &[]),
            (json!([{"color": "blue"}, {"~num": "10", "x": null}]), &["b", "c"]),
        ];
        for (wql, expected) in cases {
            assert_eq!(run(&conn, &keys, "T", wql.clone()), set(expected), "{wql}");
        }
        assert_eq!(run(&conn, &keys, "Other", json!({})), set(&["x"]));
        assert_eq!(run(&conn, &keys, "None", json!({})), set(&[]));
    }

    fn fixtures_dir() -> PathBuf {
        match std::env::var_os("INDY_FIXTURES") {
            Some(dir) => PathBuf::from(dir).join("libindy-1.16"),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/libindy-1.16"),
        }
    }

    #[test]
    fn queries_libindys_own_wallet() {
        let fixtures = fixtures_dir();
        let manifest: Json =
            serde_json::from_slice(&std::fs::read(fixtures.join("manifest.json")).expect("libindy 1.16 fixtures"))
                .unwrap();
        let wallet =
            manifest["wallets"].as_array().unwrap().iter().find(|w| w["config"]["id"] == "wallet1_raw").unwrap();
        assert_eq!(wallet["credentials"]["key_derivation_method"], "RAW");
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("sqlite.db");
        std::fs::copy(fixtures.join(wallet["file"].as_str().unwrap()), &copy).unwrap();
        let conn = Connection::open(&copy).unwrap();

        let metadata: Vec<u8> = conn.query_row("SELECT value FROM metadata", [], |row| row.get(0)).unwrap();
        let metadata = Metadata::from_bytes(&metadata).unwrap();
        let master = derive_master_key(
            KeyDerivationMethod::Raw,
            wallet["credentials"]["key"].as_str().unwrap(),
            metadata.salt(),
        )
        .unwrap();
        let keys = Keys::open(metadata.sealed_keys(), &master).unwrap();

        let records: Vec<(String, HashMap<String, String>)> = wallet["content"]["records"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["type"] == "FixtureRecord")
            .map(|r| (r["id"].as_str().unwrap().to_string(), serde_json::from_value(r["tags"].clone()).unwrap()))
            .collect();
        assert_eq!(records.len(), 25);
        let expect = |keep: &dyn Fn(&HashMap<String, String>) -> bool| -> BTreeSet<String> {
            records.iter().filter(|(_, tags)| keep(tags)).map(|(id, _)| id.clone()).collect()
        };
        let tag = |tags: &HashMap<String, String>, n: &str| tags[n].clone();

        let found = run(&conn, &keys, "FixtureRecord", json!({"name": "n1"}));
        assert_eq!(found, expect(&|t| tag(t, "name") == "n1"));
        assert_eq!(found, set(&["wallet1-1", "wallet1-5", "wallet1-9", "wallet1-13", "wallet1-17", "wallet1-21"]));

        let found = run(&conn, &keys, "FixtureRecord", json!({"~num": {"$gt": "20"}}));
        assert_eq!(found, expect(&|t| tag(t, "~num").as_str() > "20"));
        assert_eq!(found.len(), 11, "21..24 and 3..9, as text: {found:?}");
        assert!(found.contains("wallet1-3") && !found.contains("wallet1-20"));

        let found = run(&conn, &keys, "FixtureRecord", json!({"~text": {"$like": "twallet12%"}}));
        assert_eq!(found, expect(&|t| tag(t, "~text").starts_with("twallet12")));
        assert_eq!(found.len(), 6);

        let found = run(&conn, &keys, "FixtureRecord", json!({"name": {"$in": ["n0", "n3"]}, "~num": {"$lt": "2"}}));
        assert_eq!(
            found,
            expect(&|t| ["n0", "n3"].contains(&tag(t, "name").as_str()) && tag(t, "~num").as_str() < "2")
        );
        assert_eq!(found, set(&["wallet1-0", "wallet1-11", "wallet1-12", "wallet1-15", "wallet1-16", "wallet1-19"]));

        let found = run(
            &conn,
            &keys,
            "FixtureRecord",
            json!({"$not": {"$or": [{"name": {"$neq": "n2"}}, {"~num": {"$gte": "2"}}]}}),
        );
        assert_eq!(found, expect(&|t| tag(t, "name") == "n2" && tag(t, "~num").as_str() < "2"));
        assert_eq!(found, set(&["wallet1-10", "wallet1-14", "wallet1-18"]));

        assert_eq!(run(&conn, &keys, "FixtureRecord", json!({})).len(), 25);
        let ranged = Query::from_json(json!({"name": {"$gt": "n1"}})).unwrap();
        assert_eq!(encrypt_query(&ranged, &keys).unwrap_err().kind, crate::errors::ErrorCode::WalletQueryError);
    }
}
