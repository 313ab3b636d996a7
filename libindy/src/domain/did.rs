//! DID and key JSON: what callers pass in and what the wallet stores (`Indy::Did`,
//! `Indy::Key`, `Indy::TheirDid` records hold these exact JSON shapes).

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// `indy_create_and_store_my_did`'s `did_json`.
#[derive(Clone, Default, Deserialize)]
pub struct MyDidInfo {
    pub did: Option<String>,
    pub seed: Option<Zeroizing<String>>,
    pub crypto_type: Option<String>,
    pub cid: Option<bool>,
    pub method_name: Option<String>,
}

impl fmt::Debug for MyDidInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MyDidInfo")
            .field("did", &self.did)
            .field("crypto_type", &self.crypto_type)
            .field("cid", &self.cid)
            .field("method_name", &self.method_name)
            .finish_non_exhaustive()
    }
}

/// `indy_create_key`'s `key_json`.
#[derive(Clone, Default, Deserialize)]
pub struct KeyInfo {
    pub seed: Option<Zeroizing<String>>,
    pub crypto_type: Option<String>,
}

impl fmt::Debug for KeyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyInfo").field("crypto_type", &self.crypto_type).finish_non_exhaustive()
    }
}

/// `indy_store_their_did`'s `identity_json`.
#[derive(Debug, Clone, Deserialize)]
pub struct TheirDidInfo {
    pub did: String,
    pub verkey: Option<String>,
}

/// Stored as `Indy::Did`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Did {
    pub did: String,
    pub verkey: String,
}

/// Stored as `Indy::TheirDid`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TheirDid {
    pub did: String,
    pub verkey: String,
}

/// Stored as `Indy::Key`: the signing key is libsodium's 64-byte secret key in base58.
#[derive(Clone, Serialize, Deserialize)]
pub struct Key {
    pub verkey: String,
    pub signkey: Zeroizing<String>,
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key").field("verkey", &self.verkey).finish_non_exhaustive()
    }
}

/// Stored as `Indy::TemporaryDid` between `replace_keys_start` and `_apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryDid {
    pub did: String,
    pub verkey: String,
}

/// Stored as `Indy::DidMetadata` and `Indy::KeyMetadata`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub value: String,
}

/// Stored as `Indy::Endpoint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub ep: String,
    pub verkey: Option<String>,
}

/// `indy_get_my_did_with_meta` and `indy_list_my_dids_with_meta` answer these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DidWithMeta {
    pub did: String,
    pub verkey: String,
    pub temp_verkey: Option<String>,
    pub metadata: Option<String>,
}
