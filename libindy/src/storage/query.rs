//! The query a storage backend runs: WQL with tag names and values as stored.

/// A tag name as stored: encrypted for the `tags_encrypted` table, or (a `~` tag, the
/// `~` dropped, then encrypted) for `tags_plaintext`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TagName {
    Encrypted(Vec<u8>),
    Plain(Vec<u8>),
}

/// A value to compare with: encrypted for an encrypted tag, in clear for a `~` tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TagValue {
    Encrypted(Vec<u8>),
    Plain(String),
}

/// A WQL query over stored tags (see `services::wallet::wql`). `encrypt_query` only builds range and `$like`
/// operators on plaintext names with plaintext values, and pairs every name with values
/// of its own kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EncryptedQuery {
    And(Vec<EncryptedQuery>),
    Or(Vec<EncryptedQuery>),
    Not(Box<EncryptedQuery>),
    Eq(TagName, TagValue),
    Neq(TagName, TagValue),
    Gt(TagName, TagValue),
    Gte(TagName, TagValue),
    Lt(TagName, TagValue),
    Lte(TagName, TagValue),
    Like(TagName, TagValue),
    In(TagName, Vec<TagValue>),
}
