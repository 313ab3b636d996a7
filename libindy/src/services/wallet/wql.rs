//! libindy's wallet query language (WQL): the JSON a search is asked with, parsed into a
//! [`Query`], and that query with its tag names and values encrypted as the wallet stores
//! them ([`EncryptedQuery`]), ready for a storage backend to translate.
//!
//! ```text
//! {"tag": "v"}                                     equality
//! {"tag": {"$neq"|"$gt"|"$gte"|"$lt"|"$lte"|"$like": "v"}}
//! {"tag": {"$in": ["a", "b"]}}
//! {"$and": [..]}  {"$or": [..]}  {"$not": {..}}    combinators
//! {"a": .., "b": ..}                               several keys: all must hold
//! {}                                               everything
//! ```
//!
//! Tags whose name starts with `~` are kept in clear (the `~` dropped from the stored
//! name), so only they can be ranged or `$like`d; the others are compared by ciphertext.

use serde_json::{Map, Value};

use super::encryption::encrypt_as_searchable;
use super::keys::Keys;
use crate::errors::{ErrorCode, IndyError, IndyResult};
pub use crate::storage::query::{EncryptedQuery, TagName, TagValue};

/// A parsed WQL query, as libindy's `indy_utils::wql::Query`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Query {
    And(Vec<Query>),
    Or(Vec<Query>),
    Not(Box<Query>),
    Eq(String, String),
    Neq(String, String),
    Gt(String, String),
    Gte(String, String),
    Lt(String, String),
    Lte(String, String),
    Like(String, String),
    In(String, Vec<String>),
}

/// Everything: an empty `$and`, which is what `{}` parses to.
impl Default for Query {
    fn default() -> Query {
        Query::And(Vec::new())
    }
}

fn query_error(message: impl Into<String>) -> IndyError {
    IndyError::new(ErrorCode::WalletQueryError, message)
}

impl Query {
    /// Parses WQL text. Anything that is not WQL is a `WalletQueryError`.
    pub fn parse(json: &str) -> IndyResult<Query> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| query_error(format!("Search query is not valid JSON: {e}")))?;
        Query::from_json(value)
    }

    /// Parses a WQL JSON value. An object is a query; an array is the older
    /// restrictions format libindy still takes, a `$or` of its objects (keys whose value
    /// is `null` dropped, objects left empty skipped).
    pub fn from_json(value: Value) -> IndyResult<Query> {
        match value {
            Value::Object(map) => parse_object(map),
            Value::Array(items) => {
                let mut alternatives = Vec::with_capacity(items.len());
                for item in items {
                    let Value::Object(map) = item else {
                        return Err(query_error(format!(
                            "Each restriction in a query array must be a JSON object, got {}",
                            kind_of(&item)
                        )));
                    };
                    let map: Map<String, Value> = map.into_iter().filter(|(_, v)| !v.is_null()).collect();
                    if !map.is_empty() {
                        alternatives.push(Value::Object(map));
                    }
                }
                let mut top = Map::new();
                top.insert("$or".to_string(), Value::Array(alternatives));
                parse_object(top)
            }
            other => Err(query_error(format!(
                "Search query must be a JSON object (or an array of restrictions), got {}",
                kind_of(&other)
            ))),
        }
    }

    /// libindy's simplification, applied before a search: a single-element `$and`/`$or`
    /// becomes its element, empty `$and`/`$or` operands disappear, `$not $not` cancels,
    /// a one-value `$in` becomes an equality, and a query left empty matches everything.
    /// Like libindy, it does not look inside a `$not`.
    pub fn optimise(self) -> Query {
        self.optimised().unwrap_or_default()
    }

    fn optimised(self) -> Option<Query> {
        match self {
            Query::Not(inner) => match *inner {
                Query::Not(twice) => Some(*twice),
                inner => Some(Query::Not(Box::new(inner))),
            },
            Query::And(operands) => Self::optimised_list(operands).map(|mut v| match v.len() {
                1 => v.remove(0),
                _ => Query::And(v),
            }),
            Query::Or(operands) => Self::optimised_list(operands).map(|mut v| match v.len() {
                1 => v.remove(0),
                _ => Query::Or(v),
            }),
            Query::In(name, mut values) if values.len() == 1 => Some(Query::Eq(name, values.remove(0))),
            leaf => Some(leaf),
        }
    }

    /// The operands that survive, or `None` when none does.
    fn optimised_list(mut operands: Vec<Query>) -> Option<Vec<Query>> {
        if operands.len() == 1 {
            return operands.remove(0).optimised().map(|q| vec![q]);
        }
        let kept: Vec<Query> = operands.into_iter().filter_map(Query::optimised).collect();
        (!kept.is_empty()).then_some(kept)
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One object: each key an operand, several keys an AND; a lone operand is itself.
fn parse_object(map: Map<String, Value>) -> IndyResult<Query> {
    let mut operands = Vec::with_capacity(map.len());
    for (key, value) in map {
        if let Some(operand) = parse_entry(key, value)? {
            operands.push(operand);
        }
    }
    Ok(if operands.len() == 1 { operands.remove(0) } else { Query::And(operands) })
}

/// `None` for an empty `$and`/`$or`, which libindy drops.
fn parse_entry(key: String, value: Value) -> IndyResult<Option<Query>> {
    match (key.as_str(), value) {
        ("$and" | "$or", Value::Array(items)) if items.is_empty() => Ok(None),
        ("$and", Value::Array(items)) => Ok(Some(Query::And(parse_list("$and", items)?))),
        ("$or", Value::Array(items)) => Ok(Some(Query::Or(parse_list("$or", items)?))),
        ("$and" | "$or", other) => {
            Err(query_error(format!("`{key}` must be an array of JSON objects, got {}", kind_of(&other))))
        }
        ("$not", Value::Object(map)) => Ok(Some(Query::Not(Box::new(parse_object(map)?)))),
        ("$not", other) => Err(query_error(format!("`$not` must be a JSON object, got {}", kind_of(&other)))),
        (_, Value::String(target)) => Ok(Some(Query::Eq(key, target))),
        (_, Value::Object(map)) => {
            if map.len() != 1 {
                return Err(query_error(format!(
                    "The value of tag `{key}` must be a string or an object with exactly one \
                     operator, got an object with {} keys",
                    map.len()
                )));
            }
            let (operator, target) = map.into_iter().next().expect("one entry");
            parse_operator(&operator, key, target).map(Some)
        }
        (_, other) => Err(query_error(format!(
            "The value of tag `{key}` must be a string or an operator object, got {}",
            kind_of(&other)
        ))),
    }
}

fn parse_list(operator: &str, items: Vec<Value>) -> IndyResult<Vec<Query>> {
    items
        .into_iter()
        .map(|item| match item {
            Value::Object(map) => parse_object(map),
            other => Err(query_error(format!(
                "`{operator}` must be an array of JSON objects, but holds {}",
                kind_of(&other)
            ))),
        })
        .collect()
}

fn parse_operator(operator: &str, name: String, target: Value) -> IndyResult<Query> {
    let build: fn(String, String) -> Query = match operator {
        "$neq" => Query::Neq,
        "$gt" => Query::Gt,
        "$gte" => Query::Gte,
        "$lt" => Query::Lt,
        "$lte" => Query::Lte,
        "$like" => Query::Like,
        "$in" => {
            let Value::Array(items) = target else {
                return Err(query_error(format!(
                    "`$in` of tag `{name}` must be an array of strings, got {}",
                    kind_of(&target)
                )));
            };
            let values = items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s),
                    other => Err(query_error(format!(
                        "`$in` of tag `{name}` must be an array of strings, but holds {}",
                        kind_of(&other)
                    ))),
                })
                .collect::<IndyResult<Vec<String>>>()?;
            return Ok(Query::In(name, values));
        }
        unknown => return Err(query_error(format!("Unknown operator `{unknown}` for tag `{name}`"))),
    };
    match target {
        Value::String(s) => Ok(build(name, s)),
        other => Err(query_error(format!(
            "`{operator}` of tag `{name}` must be used with a string, got {}",
            kind_of(&other)
        ))),
    }
}

/// Encrypts a query's tag names and values as the wallet stores them, after libindy's
/// [`Query::optimise`] (which a search applies first). Range and `$like` operators on
/// encrypted (non-`~`) tags, and empty tag names, are a `WalletQueryError`.
pub fn encrypt_query(query: &Query, keys: &Keys) -> IndyResult<EncryptedQuery> {
    encrypt(&query.clone().optimise(), keys)
}

fn encrypt(query: &Query, keys: &Keys) -> IndyResult<EncryptedQuery> {
    let list =
        |operands: &[Query]| -> IndyResult<Vec<EncryptedQuery>> { operands.iter().map(|q| encrypt(q, keys)).collect() };
    let pair = |name: &str, value: &str| -> IndyResult<(TagName, TagValue)> {
        let name = tag_name(name, keys)?;
        let value = tag_value(&name, value, keys);
        Ok((name, value))
    };
    let plain_pair = |operator: &str, name: &str, value: &str| -> IndyResult<(TagName, TagValue)> {
        if !name.starts_with('~') {
            return Err(query_error(format!(
                "`{operator}` works only on plaintext tags (names starting with `~`), \
                 not on encrypted tag `{name}`"
            )));
        }
        pair(name, value)
    };
    Ok(match query {
        Query::And(operands) => EncryptedQuery::And(list(operands)?),
        Query::Or(operands) => EncryptedQuery::Or(list(operands)?),
        Query::Not(operand) => EncryptedQuery::Not(Box::new(encrypt(operand, keys)?)),
        Query::Eq(n, v) => pair(n, v).map(|(n, v)| EncryptedQuery::Eq(n, v))?,
        Query::Neq(n, v) => pair(n, v).map(|(n, v)| EncryptedQuery::Neq(n, v))?,
        Query::Gt(n, v) => plain_pair("$gt", n, v).map(|(n, v)| EncryptedQuery::Gt(n, v))?,
        Query::Gte(n, v) => plain_pair("$gte", n, v).map(|(n, v)| EncryptedQuery::Gte(n, v))?,
        Query::Lt(n, v) => plain_pair("$lt", n, v).map(|(n, v)| EncryptedQuery::Lt(n, v))?,
        Query::Lte(n, v) => plain_pair("$lte", n, v).map(|(n, v)| EncryptedQuery::Lte(n, v))?,
        Query::Like(n, v) => plain_pair("$like", n, v).map(|(n, v)| EncryptedQuery::Like(n, v))?,
        Query::In(n, values) => {
            let name = tag_name(n, keys)?;
            let values = values.iter().map(|v| tag_value(&name, v, keys)).collect();
            EncryptedQuery::In(name, values)
        }
    })
}

fn tag_name(name: &str, keys: &Keys) -> IndyResult<TagName> {
    if name.is_empty() || name == "~" {
        return Err(query_error("Tag name in a search query must not be empty"));
    }
    Ok(match name.strip_prefix('~') {
        Some(plain) => TagName::Plain(encrypt_as_searchable(plain.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key)),
        None => TagName::Encrypted(encrypt_as_searchable(name.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key)),
    })
}

fn tag_value(name: &TagName, value: &str, keys: &Keys) -> TagValue {
    match name {
        TagName::Plain(_) => TagValue::Plain(value.to_string()),
        TagName::Encrypted(_) => {
            TagValue::Encrypted(encrypt_as_searchable(value.as_bytes(), &keys.tag_value_key, &keys.tags_hmac_key))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use serde_json::json;

    use super::*;
    use crate::services::wallet::encrypt_tags;
    use crate::storage::StorageTag;

    fn s(v: &str) -> String {
        v.to_string()
    }

    fn eq(n: &str, v: &str) -> Query {
        Query::Eq(s(n), s(v))
    }

    fn parse(json: Value) -> Query {
        Query::from_json(json).unwrap()
    }

    fn parse_err(json: &str) -> String {
        let err = Query::parse(json).unwrap_err();
        assert_eq!(err.kind, ErrorCode::WalletQueryError, "{json}");
        err.message
    }

    #[test]
    fn parses_every_leaf_operator() {
        assert_eq!(parse(json!({"a": "1"})), eq("a", "1"));
        assert_eq!(parse(json!({"~a": "1"})), eq("~a", "1"));
        assert_eq!(parse(json!({"a": {"$neq": "1"}})), Query::Neq(s("a"), s("1")));
        assert_eq!(parse(json!({"a": {"$gt": "1"}})), Query::Gt(s("a"), s("1")));
        assert_eq!(parse(json!({"a": {"$gte": "1"}})), Query::Gte(s("a"), s("1")));
        assert_eq!(parse(json!({"a": {"$lt": "1"}})), Query::Lt(s("a"), s("1")));
        assert_eq!(parse(json!({"a": {"$lte": "1"}})), Query::Lte(s("a"), s("1")));
        assert_eq!(parse(json!({"a": {"$like": "1%"}})), Query::Like(s("a"), s("1%")));
        assert_eq!(parse(json!({"a": {"$in": ["1", "2", "3"]}})), Query::In(s("a"), vec![s("1"), s("2"), s("3")]));
        assert_eq!(parse(json!({"a": {"$in": []}})), Query::In(s("a"), vec![]));
        // Any other key is a tag name, even one starting with `$`, as in libindy.
        assert_eq!(parse(json!({"$x": "1"})), eq("$x", "1"));
        assert_eq!(Query::parse(r#"{"ünï": "cödé"}"#).unwrap(), eq("ünï", "cödé"));
    }

    #[test]
    fn parses_combinators_and_nesting() {
        assert_eq!(parse(json!({"$and": [{"a": "1"}, {"b": "2"}]})), Query::And(vec![eq("a", "1"), eq("b", "2")]));
        assert_eq!(
            parse(json!({"$and": [{"a": "1"}]})),
            Query::And(vec![eq("a", "1")]),
            "parsing keeps a one-element $and"
        );
        assert_eq!(
            parse(json!({"$or": [{"a": "1"}, {"b": {"$neq": "2"}}]})),
            Query::Or(vec![eq("a", "1"), Query::Neq(s("b"), s("2"))])
        );
        assert_eq!(parse(json!({"$not": {"a": "1"}})), Query::Not(Box::new(eq("a", "1"))));
        assert_eq!(
            parse(json!({"$or": [{"$and": [{"a": "1"}, {"$not": {"~n": {"$gt": "5"}}}]}, {"c": {"$in": ["x", "y"]}}]})),
            Query::Or(vec![
                Query::And(vec![eq("a", "1"), Query::Not(Box::new(Query::Gt(s("~n"), s("5"))))]),
                Query::In(s("c"), vec![s("x"), s("y")]),
            ])
        );
    }

    #[test]
    fn several_keys_are_an_and_and_empty_matches_all() {
        // serde_json keeps keys sorted, as it did in libindy.
        assert_eq!(
            parse(json!({"b": "2", "a": "1", "$not": {"c": "3"}})),
            Query::And(vec![Query::Not(Box::new(eq("c", "3"))), eq("a", "1"), eq("b", "2")])
        );
        assert_eq!(parse(json!({})), Query::And(vec![]));
        assert_eq!(Query::default(), Query::And(vec![]));
        // Empty $and / $or are dropped, leaving an empty object: everything.
        assert_eq!(parse(json!({"$and": []})), Query::And(vec![]));
        assert_eq!(parse(json!({"$or": []})), Query::And(vec![]));
        assert_eq!(parse(json!({"$or": [], "a": "1"})), eq("a", "1"));
        assert_eq!(parse(json!({"$not": {}})), Query::Not(Box::new(Query::And(vec![]))));
    }

    #[test]
    fn parses_the_old_restrictions_array_as_an_or() {
        assert_eq!(
            parse(json!([{"a": "1", "b": null}, {"c": "2"}, {"d": null}, {}])),
            Query::Or(vec![eq("a", "1"), eq("c", "2")])
        );
        assert_eq!(parse(json!([])), Query::And(vec![]));
        assert_eq!(parse(json!([{"x": null}])), Query::And(vec![]));
    }

    #[test]
    fn rejects_malformed_queries_with_a_reason() {
        let cases: &[(&str, &str)] = &[
            ("", "not valid JSON"),
            ("{\"a\": ", "not valid JSON"),
            ("\"a\"", "must be a JSON object"),
            ("5", "must be a JSON object"),
            ("null", "must be a JSON object"),
            ("[1]", "restriction"),
            ("[{\"a\": 1}]", "tag `a`"),
            (r#"{"$and": {"a": "1"}}"#, "`$and` must be an array"),
            (r#"{"$and": "x"}"#, "`$and` must be an array"),
            (r#"{"$and": [{"a": "1"}, "b"]}"#, "`$and` must be an array"),
            (r#"{"$or": {"a": "1"}}"#, "`$or` must be an array"),
            (r#"{"$or": [[{"a": "1"}]]}"#, "`$or` must be an array"),
            (r#"{"$not": [{"a": "1"}]}"#, "`$not` must be a JSON object"),
            (r#"{"$not": "a"}"#, "`$not` must be a JSON object"),
            (r#"{"a": 1}"#, "got a number"),
            (r#"{"a": null}"#, "got null"),
            (r#"{"a": true}"#, "got a boolean"),
            (r#"{"a": ["1"]}"#, "got an array"),
            (r#"{"a": {}}"#, "exactly one operator"),
            (r#"{"a": {"$gt": "1", "$lt": "5"}}"#, "exactly one operator"),
            (r#"{"a": {"$eq": "1"}}"#, "Unknown operator `$eq`"),
            (r#"{"a": {"b": "1"}}"#, "Unknown operator `b`"),
            (r#"{"a": {"$neq": 1}}"#, "`$neq` of tag `a` must be used with a string"),
            (r#"{"a": {"$gt": 1}}"#, "`$gt` of tag `a` must be used with a string"),
            (r#"{"a": {"$gte": null}}"#, "`$gte`"),
            (r#"{"a": {"$lt": ["1"]}}"#, "`$lt`"),
            (r#"{"a": {"$lte": {"x": "1"}}}"#, "`$lte`"),
            (r#"{"a": {"$like": false}}"#, "`$like`"),
            (r#"{"a": {"$in": "1"}}"#, "`$in` of tag `a` must be an array of strings"),
            (r#"{"a": {"$in": ["1", 2]}}"#, "but holds a number"),
            (r#"{"$and": [{"$not": {"a": {"$in": [null]}}}]}"#, "`$in`"),
        ];
        for (json, expected) in cases {
            let message = parse_err(json);
            assert!(message.contains(expected), "{json}: {message:?} should mention {expected:?}");
        }
    }

    #[test]
    fn optimise_as_libindy() {
        let opt = |v: Value| parse(v).optimise();
        assert_eq!(opt(json!({})), Query::And(vec![]));
        assert_eq!(opt(json!({"$and": [{"a": "1"}]})), eq("a", "1"));
        assert_eq!(opt(json!({"$or": [{"a": "1"}]})), eq("a", "1"));
        assert_eq!(opt(json!({"a": {"$in": ["1"]}})), eq("a", "1"));
        assert_eq!(opt(json!({"a": {"$in": ["1", "2"]}})), Query::In(s("a"), vec![s("1"), s("2")]));
        assert_eq!(opt(json!({"$not": {"$not": {"a": "1"}}})), eq("a", "1"));
        assert_eq!(
            opt(json!({"$and": [{}, {"a": "1"}, {"$or": [{"b": "2"}]}]})),
            Query::And(vec![eq("a", "1"), eq("b", "2")])
        );
        // libindy drops an empty operand of an OR too, so this is just a = 1.
        assert_eq!(opt(json!({"$or": [{}, {"a": "1"}]})), eq("a", "1"));
        assert_eq!(opt(json!({"$or": [{}, {}]})), Query::And(vec![]));
        // ...and does not look inside a $not.
        assert_eq!(opt(json!({"$not": {"$and": [{"a": "1"}]}})), Query::Not(Box::new(Query::And(vec![eq("a", "1")]))));
    }

    fn enc_name(keys: &Keys, name: &str) -> Vec<u8> {
        encrypt_as_searchable(name.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key)
    }

    fn enc_value(keys: &Keys, value: &str) -> Vec<u8> {
        encrypt_as_searchable(value.as_bytes(), &keys.tag_value_key, &keys.tags_hmac_key)
    }

    #[test]
    fn encrypts_names_and_values_as_stored_tags() {
        let keys = Keys::new_random();
        let stored = encrypt_tags(&keys, &HashMap::from([(s("color"), s("red")), (s("~num"), s("7"))]));
        let query = encrypt_query(&parse(json!({"color": "red", "~num": "7"})), &keys).unwrap();
        let EncryptedQuery::And(leaves) = &query else { panic!("{query:?}") };
        for leaf in leaves {
            let EncryptedQuery::Eq(name, value) = leaf else { panic!("{leaf:?}") };
            let found = stored.iter().any(|tag| match (tag, name, value) {
                (StorageTag::Encrypted { name: sn, value: sv }, TagName::Encrypted(qn), TagValue::Encrypted(qv)) => {
                    sn == qn && sv == qv
                }
                (StorageTag::Plain { name: sn, value: sv }, TagName::Plain(qn), TagValue::Plain(qv)) => {
                    sn == qn && sv == qv
                }
                _ => false,
            });
            assert!(found, "{leaf:?} matches a stored tag");
        }
        assert_eq!(
            query,
            EncryptedQuery::And(vec![
                EncryptedQuery::Eq(
                    TagName::Encrypted(enc_name(&keys, "color")),
                    TagValue::Encrypted(enc_value(&keys, "red"))
                ),
                EncryptedQuery::Eq(TagName::Plain(enc_name(&keys, "num")), TagValue::Plain(s("7"))),
            ])
        );
    }

    #[test]
    fn encrypts_every_operator_and_keeps_the_structure() {
        let keys = Keys::new_random();
        let q = parse(json!({"$or": [
            {"$not": {"c": {"$neq": "x"}}},
            {"~n": {"$gt": "1"}}, {"~n": {"$gte": "2"}}, {"~n": {"$lt": "3"}},
            {"~n": {"$lte": "4"}}, {"~t": {"$like": "a%"}},
            {"c": {"$in": ["x", "y"]}}, {"~n": {"$in": ["5", "6"]}},
        ]}));
        let c = || TagName::Encrypted(enc_name(&keys, "c"));
        let n = || TagName::Plain(enc_name(&keys, "n"));
        let p = |v: &str| TagValue::Plain(s(v));
        assert_eq!(
            encrypt_query(&q, &keys).unwrap(),
            EncryptedQuery::Or(vec![
                EncryptedQuery::Not(Box::new(EncryptedQuery::Neq(c(), TagValue::Encrypted(enc_value(&keys, "x"))))),
                EncryptedQuery::Gt(n(), p("1")),
                EncryptedQuery::Gte(n(), p("2")),
                EncryptedQuery::Lt(n(), p("3")),
                EncryptedQuery::Lte(n(), p("4")),
                EncryptedQuery::Like(TagName::Plain(enc_name(&keys, "t")), p("a%")),
                EncryptedQuery::In(
                    c(),
                    vec![TagValue::Encrypted(enc_value(&keys, "x")), TagValue::Encrypted(enc_value(&keys, "y"))]
                ),
                EncryptedQuery::In(n(), vec![p("5"), p("6")]),
            ])
        );
        assert_eq!(encrypt_query(&Query::default(), &keys).unwrap(), EncryptedQuery::And(vec![]));
        assert_eq!(encrypt_query(&parse(json!({"c": {"$in": []}})), &keys).unwrap(), EncryptedQuery::In(c(), vec![]));
    }

    #[test]
    fn ranges_and_like_on_encrypted_tags_are_query_errors() {
        let keys = Keys::new_random();
        for op in ["$gt", "$gte", "$lt", "$lte", "$like"] {
            let q = parse(json!({"$and": [{"~ok": "1"}, {"secret": {op: "1"}}]}));
            let err = encrypt_query(&q, &keys).unwrap_err();
            assert_eq!(err.kind, ErrorCode::WalletQueryError);
            assert!(err.message.contains(op) && err.message.contains("`secret`"));
            let nested = parse(json!({"$not": {"$or": [{"a": "1"}, {"secret": {op: "1"}}]}}));
            assert_eq!(encrypt_query(&nested, &keys).unwrap_err().kind, ErrorCode::WalletQueryError);
        }
    }

    #[test]
    fn empty_tag_names_are_query_errors() {
        let keys = Keys::new_random();
        for q in [
            json!({"": "1"}),
            json!({"~": "1"}),
            json!({"~": {"$gt": "1"}}),
            json!({"": {"$in": ["1", "2"]}}),
            json!({"$not": {"": {"$neq": "1"}}}),
        ] {
            let err = encrypt_query(&parse(q.clone()), &keys).unwrap_err();
            assert_eq!(err.kind, ErrorCode::WalletQueryError, "{q}");
            assert!(err.message.contains("must not be empty"), "{q}");
        }
    }
}
