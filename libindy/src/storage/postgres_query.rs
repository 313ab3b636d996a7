//! An encrypted WQL query as PostgreSQL over the plugin's schema, the same shape as
//! `sqlite_query`: each condition on a tag is a sub-select of the items having it.
//!
//! Written to mean what libindy's default (SQLite) wallet means, so a wallet behaves the
//! same on either backend: plaintext values compare byte-wise (`COLLATE "C"`, whatever the
//! database's collation), and `$like` is SQLite's `LIKE`: ASCII case-insensitive, no
//! escape character (`ILIKE … ESCAPE ''` under "C"; the plugin's `LIKE` was
//! case-sensitive). Equality also compares `md5(value)`, so the bounded index is used.

use postgres::types::ToSql;

use super::query::{EncryptedQuery, TagName, TagValue};

/// An owned statement parameter (a search keeps its own between pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Bytes(Vec<u8>),
    Text(String),
    Int(i64),
}

impl Arg {
    pub fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Arg::Bytes(b) => b,
            Arg::Text(t) => t,
            Arg::Int(i) => i,
        }
    }
}

pub fn refs(args: &[Arg]) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(Arg::as_sql).collect()
}

/// Builds SQL with numbered parameters.
pub struct Builder {
    pub sql: String,
    pub args: Vec<Arg>,
    /// The wallet id's parameter, in the multi-wallet schemes.
    wallet: Option<String>,
}

impl Builder {
    /// With `wallet`, its id is `$1` and every sub-select is confined to it.
    pub fn new(wallet: Option<&str>) -> Builder {
        let mut builder = Builder { sql: String::new(), args: Vec::new(), wallet: None };
        if let Some(wallet) = wallet {
            builder.wallet = Some(builder.arg(Arg::Text(wallet.to_string())));
        }
        builder
    }

    /// Adds a parameter; gives its placeholder.
    pub fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    pub fn push(&mut self, sql: &str) {
        self.sql.push_str(sql);
    }

    /// `AND <alias>wallet_id = $1` in the multi-wallet schemes, nothing otherwise.
    pub fn wallet_filter(&self, alias: &str) -> String {
        match &self.wallet {
            Some(p) => format!(" AND {alias}wallet_id = {p}::varchar"),
            None => String::new(),
        }
    }

    /// The WHERE-clause fragment over `items i` for `query`.
    pub fn query(&mut self, query: &EncryptedQuery) {
        match query {
            EncryptedQuery::And(operands) => self.list(operands, " AND ", "TRUE"),
            EncryptedQuery::Or(operands) => self.list(operands, " OR ", "FALSE"),
            EncryptedQuery::Not(operand) => {
                self.push("NOT (");
                self.query(operand);
                self.push(")");
            }
            EncryptedQuery::Eq(name, value) => self.equal(name, std::slice::from_ref(value)),
            EncryptedQuery::In(_, values) if values.is_empty() => self.push("FALSE"),
            EncryptedQuery::In(name, values) => self.equal(name, values),
            EncryptedQuery::Neq(name, value) => self.compare(name, "<>", value),
            EncryptedQuery::Gt(name, value) => self.compare(name, ">", value),
            EncryptedQuery::Gte(name, value) => self.compare(name, ">=", value),
            EncryptedQuery::Lt(name, value) => self.compare(name, "<", value),
            EncryptedQuery::Lte(name, value) => self.compare(name, "<=", value),
            EncryptedQuery::Like(name, value) => self.compare(name, "ILIKE", value),
        }
    }

    fn list(&mut self, operands: &[EncryptedQuery], joiner: &str, empty: &str) {
        if operands.is_empty() {
            return self.push(empty);
        }
        self.push("(");
        for (index, operand) in operands.iter().enumerate() {
            if index > 0 {
                self.push(joiner);
            }
            self.query(operand);
        }
        self.push(")");
    }

    /// `(i.id IN (SELECT item_id FROM <table> WHERE name = $n [AND wallet_id = $1]`, closed by `))`.
    fn open(&mut self, name: &TagName) -> &'static str {
        let (table, name, cast) = match name {
            TagName::Encrypted(name) => ("tags_encrypted", name, "bytea"),
            TagName::Plain(name) => ("tags_plaintext", name, "text"),
        };
        let p = self.arg(Arg::Bytes(name.clone()));
        let filter = self.wallet_filter("");
        self.push(&format!("(i.id IN (SELECT item_id FROM {table} WHERE name = {p}{filter}"));
        cast
    }

    fn equal(&mut self, name: &TagName, values: &[TagValue]) {
        let cast = self.open(name);
        let placeholders: Vec<String> = values.iter().map(|v| self.arg(bind(v))).collect();
        let hashes: Vec<String> = placeholders.iter().map(|p| format!("md5({p}::{cast})")).collect();
        self.push(&format!(
            " AND md5(value) IN ({}) AND value IN ({})))",
            hashes.join(", "),
            placeholders.iter().map(|p| format!("{p}::{cast}")).collect::<Vec<_>>().join(", ")
        ));
    }

    fn compare(&mut self, name: &TagName, operator: &str, value: &TagValue) {
        let cast = self.open(name);
        let p = self.arg(bind(value));
        let collate = if cast == "text" { " COLLATE \"C\"" } else { "" };
        let escape = if operator == "ILIKE" { " ESCAPE ''" } else { "" };
        self.push(&format!(" AND value{collate} {operator} {p}::{cast}{escape}))"));
    }
}

fn bind(value: &TagValue) -> Arg {
    match value {
        TagValue::Encrypted(bytes) => Arg::Bytes(bytes.clone()),
        TagValue::Plain(text) => Arg::Text(text.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_are_sub_selects_confined_to_the_wallet() {
        let mut b = Builder::new(Some("w"));
        b.query(&EncryptedQuery::And(vec![
            EncryptedQuery::Eq(TagName::Encrypted(b"n".to_vec()), TagValue::Encrypted(b"v".to_vec())),
            EncryptedQuery::Not(Box::new(EncryptedQuery::Gt(
                TagName::Plain(b"p".to_vec()),
                TagValue::Plain("5".into()),
            ))),
            EncryptedQuery::In(TagName::Encrypted(b"n".to_vec()), vec![]),
            EncryptedQuery::Or(vec![]),
        ]));
        assert_eq!(
            b.sql,
            "((i.id IN (SELECT item_id FROM tags_encrypted WHERE name = $2 AND wallet_id = $1::varchar \
             AND md5(value) IN (md5($3::bytea)) AND value IN ($3::bytea))) \
             AND NOT ((i.id IN (SELECT item_id FROM tags_plaintext WHERE name = $4 AND wallet_id = $1::varchar \
             AND value COLLATE \"C\" > $5::text))) AND FALSE AND FALSE)"
        );
        assert_eq!(b.args.len(), 5);
        let mut single = Builder::new(None);
        single.query(&EncryptedQuery::In(
            TagName::Encrypted(b"n".to_vec()),
            vec![TagValue::Encrypted(b"a".to_vec()), TagValue::Encrypted(b"b".to_vec())],
        ));
        assert_eq!(
            single.sql,
            "(i.id IN (SELECT item_id FROM tags_encrypted WHERE name = $1 \
             AND md5(value) IN (md5($2::bytea), md5($3::bytea)) AND value IN ($2::bytea, $3::bytea)))"
        );
    }
}
