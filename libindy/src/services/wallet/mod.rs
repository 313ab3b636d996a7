//! The wallet's cryptography, byte for byte libindy's: the seven wallet keys under a
//! master key, deterministic ("searchable") encryption of types, names and tags, and
//! per-record value keys.

mod encryption;
pub mod export;
mod kdf;
mod keys;
pub mod wql;

pub use encryption::{decrypt, encrypt_as_not_searchable, encrypt_as_searchable};
pub use kdf::{derive_master_key, MasterKey, SALT_BYTES};
pub use keys::{Keys, Metadata};

use std::collections::HashMap;

use zeroize::Zeroizing;

use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::storage::{RecordId, StorageRecord, StorageTag, TagName};

/// Types of the records libindy keeps for itself.
pub mod record_types {
    pub const DID: &str = "Indy::Did";
    pub const KEY: &str = "Indy::Key";
    pub const THEIR_DID: &str = "Indy::TheirDid";
    pub const TEMPORARY_DID: &str = "Indy::TemporaryDid";
    pub const DID_METADATA: &str = "Indy::DidMetadata";
    pub const KEY_METADATA: &str = "Indy::KeyMetadata";
    pub const ENDPOINT: &str = "Indy::Endpoint";
    pub const PAIRWISE: &str = "Indy::Pairwise";

    /// Callers' own record types may not start with this (libindy's rule).
    pub const RESERVED_PREFIX: &str = "Indy";
}

/// Tag names starting with `~` are stored in clear (the `~` dropped) so they can be ranged.
pub fn encrypt_tags(keys: &Keys, tags: &HashMap<String, String>) -> Vec<StorageTag> {
    tags.iter()
        .map(|(name, value)| match name.strip_prefix('~') {
            Some(plain) => StorageTag::Plain {
                name: encrypt_as_searchable(plain.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key),
                value: value.clone(),
            },
            None => StorageTag::Encrypted {
                name: encrypt_as_searchable(name.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key),
                value: encrypt_as_searchable(value.as_bytes(), &keys.tag_value_key, &keys.tags_hmac_key),
            },
        })
        .collect()
}

pub fn decrypt_tags(keys: &Keys, tags: &[StorageTag]) -> IndyResult<HashMap<String, String>> {
    tags.iter()
        .map(|tag| match tag {
            StorageTag::Plain { name, value } => {
                Ok((format!("~{}", decrypt_utf8(name, &keys.tag_name_key)?), value.clone()))
            }
            StorageTag::Encrypted { name, value } => {
                Ok((decrypt_utf8(name, &keys.tag_name_key)?, decrypt_utf8(value, &keys.tag_value_key)?))
            }
        })
        .collect()
}

/// Where a record lives: its type and name, encrypted deterministically.
pub fn record_id(keys: &Keys, type_: &str, name: &str) -> RecordId {
    RecordId {
        type_: encrypt_as_searchable(type_.as_bytes(), &keys.type_key, &keys.item_hmac_key),
        name: encrypt_as_searchable(name.as_bytes(), &keys.name_key, &keys.item_hmac_key),
    }
}

/// A value under a fresh key, and that key under the wallet's: `(value, key)` as stored.
pub fn encrypt_value(keys: &Keys, value: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let value_key = crate::services::crypto::random_bytes::<32>();
    (encrypt_as_not_searchable(value, &value_key), encrypt_as_not_searchable(value_key.as_ref(), &keys.value_key))
}

/// A tag name as stored: `~name` is a plaintext tag, the `~` dropped.
pub fn encrypt_tag_name(keys: &Keys, name: &str) -> TagName {
    match name.strip_prefix('~') {
        Some(plain) => TagName::Plain(encrypt_as_searchable(plain.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key)),
        None => TagName::Encrypted(encrypt_as_searchable(name.as_bytes(), &keys.tag_name_key, &keys.tags_hmac_key)),
    }
}

/// A stored record's name (its id), decrypted.
pub fn decrypt_name(keys: &Keys, name: &[u8]) -> IndyResult<String> {
    decrypt_utf8(name, &keys.name_key)
}

/// A record ready to store: the value under a fresh key, that key under the wallet's.
pub fn encrypt_record(
    keys: &Keys,
    type_: &str,
    name: &str,
    value: &[u8],
    tags: &HashMap<String, String>,
) -> StorageRecord {
    let (value, key) = encrypt_value(keys, value);
    StorageRecord { id: record_id(keys, type_, name), value, key, tags: encrypt_tags(keys, tags) }
}

/// A stored record's plaintext value.
pub fn decrypt_value(keys: &Keys, value: &[u8], key: &[u8]) -> IndyResult<Zeroizing<Vec<u8>>> {
    let value_key = Zeroizing::new(decrypt(key, &keys.value_key)?);
    let value_key: &[u8; 32] = value_key
        .as_slice()
        .try_into()
        .map_err(|_| IndyError::new(ErrorCode::WalletEncryptionError, "Stored value key has a wrong length"))?;
    Ok(Zeroizing::new(decrypt(value, value_key)?))
}

fn decrypt_utf8(data: &[u8], key: &[u8; 32]) -> IndyResult<String> {
    String::from_utf8(decrypt(data, key)?)
        .map_err(|_| IndyError::new(ErrorCode::WalletEncryptionError, "Decrypted tag is not UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trip_with_both_tag_kinds() {
        let keys = Keys::new_random();
        let tags = HashMap::from([("name".to_string(), "n0".to_string()), ("~num".to_string(), "7".to_string())]);
        let record = encrypt_record(&keys, "FixtureRecord", "id-1", b"value", &tags);
        assert_eq!(record.id, record_id(&keys, "FixtureRecord", "id-1"), "type and name are deterministic");
        assert_eq!(*decrypt_value(&keys, &record.value, &record.key).unwrap(), b"value");
        assert_eq!(decrypt_tags(&keys, &record.tags).unwrap(), tags);
        assert!(record.tags.iter().any(|t| matches!(t, StorageTag::Plain { value, .. } if value == "7")));
    }

    #[test]
    fn values_under_other_keys_do_not_decrypt() {
        let record = encrypt_record(&Keys::new_random(), "t", "n", b"v", &HashMap::new());
        let err = decrypt_value(&Keys::new_random(), &record.value, &record.key).unwrap_err();
        assert_eq!(err.kind, ErrorCode::WalletEncryptionError);
    }
}
