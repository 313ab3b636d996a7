//! The seven wallet keys, MessagePack-encoded (an array of seven 32-byte `bin`s, as
//! rmp_serde wrote libindy's `Keys`) and sealed under the master key, and the metadata
//! JSON that holds them.

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::encryption::{decrypt, encrypt_as_not_searchable};
use super::kdf::SALT_BYTES;
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::services::crypto::random_bytes;

const KEY_COUNT: u32 = 7;

#[derive(Zeroize, ZeroizeOnDrop)]
pub struct Keys {
    pub type_key: [u8; 32],
    pub name_key: [u8; 32],
    pub value_key: [u8; 32],
    pub item_hmac_key: [u8; 32],
    pub tag_name_key: [u8; 32],
    pub tag_value_key: [u8; 32],
    pub tags_hmac_key: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(***)")
    }
}

impl Keys {
    pub fn new_random() -> Keys {
        let key = || *random_bytes::<32>();
        Keys {
            type_key: key(),
            name_key: key(),
            value_key: key(),
            item_hmac_key: key(),
            tag_name_key: key(),
            tag_value_key: key(),
            tags_hmac_key: key(),
        }
    }

    fn all(&self) -> [&[u8; 32]; 7] {
        [
            &self.type_key,
            &self.name_key,
            &self.value_key,
            &self.item_hmac_key,
            &self.tag_name_key,
            &self.tag_value_key,
            &self.tags_hmac_key,
        ]
    }

    pub fn seal(&self, master_key: &[u8; 32]) -> Vec<u8> {
        let mut packed = Zeroizing::new(Vec::with_capacity(1 + 7 * 34));
        rmp::encode::write_array_len(&mut *packed, KEY_COUNT).expect("writing to a Vec");
        for key in self.all() {
            rmp::encode::write_bin(&mut *packed, key).expect("writing to a Vec");
        }
        encrypt_as_not_searchable(&packed, master_key)
    }

    /// A wrong master key fails here, as `WalletAccessFailed`.
    pub fn open(sealed: &[u8], master_key: &[u8; 32]) -> IndyResult<Keys> {
        let packed = Zeroizing::new(
            decrypt(sealed, master_key)
                .map_err(|_| IndyError::new(ErrorCode::WalletAccessFailed, "Invalid master key provided"))?,
        );
        let corrupt = || IndyError::new(ErrorCode::WalletDecodingError, "Wallet keys are not as libindy encodes them");
        let mut reader: &[u8] = &packed;
        if rmp::decode::read_array_len(&mut reader).map_err(|_| corrupt())? != KEY_COUNT {
            return Err(corrupt());
        }
        let mut next = || -> IndyResult<[u8; 32]> {
            if rmp::decode::read_bin_len(&mut reader).map_err(|_| corrupt())? != 32 || reader.len() < 32 {
                return Err(corrupt());
            }
            let (key, rest) = reader.split_at(32);
            reader = rest;
            Ok(key.try_into().expect("32 bytes"))
        };
        Ok(Keys {
            type_key: next()?,
            name_key: next()?,
            value_key: next()?,
            item_hmac_key: next()?,
            tag_name_key: next()?,
            tag_value_key: next()?,
            tags_hmac_key: next()?,
        })
    }
}

/// The `metadata` row: sealed keys, plus the Argon2 salt unless the key is RAW.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Metadata {
    Argon { keys: Vec<u8>, master_key_salt: Vec<u8> },
    Raw { keys: Vec<u8> },
}

impl Metadata {
    pub fn new_salt() -> Vec<u8> {
        random_bytes::<SALT_BYTES>().to_vec()
    }

    pub fn sealed_keys(&self) -> &[u8] {
        match self {
            Metadata::Argon { keys, .. } | Metadata::Raw { keys } => keys,
        }
    }

    pub fn salt(&self) -> Option<&[u8]> {
        match self {
            Metadata::Argon { master_key_salt, .. } => Some(master_key_salt),
            Metadata::Raw { .. } => None,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("metadata serializes")
    }

    pub fn from_bytes(bytes: &[u8]) -> IndyResult<Metadata> {
        serde_json::from_slice(bytes)
            .map_err(|e| IndyError::new(ErrorCode::WalletDecodingError, format!("Invalid wallet metadata: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_keys_open_with_the_master_key_only() {
        let keys = Keys::new_random();
        let master = [7u8; 32];
        let sealed = keys.seal(&master);
        assert_eq!(sealed.len(), 12 + 239 + 16, "libindy's size: nonce, msgpack, tag");
        assert_eq!(Keys::open(&sealed, &master).unwrap().tags_hmac_key, keys.tags_hmac_key);
        assert_eq!(Keys::open(&sealed, &[8u8; 32]).unwrap_err().kind, ErrorCode::WalletAccessFailed);
    }

    #[test]
    fn metadata_json_is_libindys() {
        let raw = Metadata::Raw { keys: vec![1, 2] };
        assert_eq!(String::from_utf8(raw.to_bytes()).unwrap(), r#"{"keys":[1,2]}"#);
        let argon = Metadata::from_bytes(br#"{"keys":[1],"master_key_salt":[3]}"#).unwrap();
        assert_eq!(argon.salt(), Some(&[3u8][..]));
    }
}
