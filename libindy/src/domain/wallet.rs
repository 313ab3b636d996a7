//! Wallet `config` and `credentials` JSON, as libindy takes them.

use std::fmt;

use serde::Deserialize;
use zeroize::Zeroizing;

#[derive(Debug, Clone, Deserialize)]
pub struct WalletConfig {
    pub id: String,
    pub storage_type: Option<String>,
    /// `{"path"}` for the default storage; a registered storage type's own JSON otherwise.
    pub storage_config: Option<serde_json::Value>,
}

impl WalletConfig {
    pub fn path(&self) -> Option<&str> {
        self.storage_config.as_ref().and_then(|c| c.get("path")).and_then(|p| p.as_str())
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum KeyDerivationMethod {
    #[default]
    #[serde(rename = "ARGON2I_MOD")]
    Argon2iMod,
    #[serde(rename = "ARGON2I_INT")]
    Argon2iInt,
    #[serde(rename = "RAW")]
    Raw,
}

#[derive(Clone, Deserialize)]
pub struct Credentials {
    pub key: Zeroizing<String>,
    pub rekey: Option<Zeroizing<String>>,
    pub storage_credentials: Option<serde_json::Value>,
    #[serde(default)]
    pub key_derivation_method: KeyDerivationMethod,
    #[serde(default)]
    pub rekey_derivation_method: KeyDerivationMethod,
}

// Never print a key.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("key", &"***")
            .field("rekey", &self.rekey.as_ref().map(|_| "***"))
            .field("key_derivation_method", &self.key_derivation_method)
            .field("rekey_derivation_method", &self.rekey_derivation_method)
            .finish()
    }
}

/// `indy_generate_wallet_key`'s optional config.
#[derive(Clone, Default, Deserialize)]
pub struct KeyConfig {
    pub seed: Option<Zeroizing<String>>,
}

impl fmt::Debug for KeyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyConfig").finish_non_exhaustive()
    }
}

/// `indy_export_wallet`'s `export_config_json`.
#[derive(Clone, Deserialize)]
pub struct ExportConfig {
    pub path: String,
    pub key: Zeroizing<String>,
    #[serde(default)]
    pub key_derivation_method: KeyDerivationMethod,
}

/// `indy_import_wallet`'s `import_config_json`; the key derivation method is in the file.
#[derive(Clone, Deserialize)]
pub struct ImportConfig {
    pub path: String,
    pub key: Zeroizing<String>,
}

impl fmt::Debug for ExportConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExportConfig").field("path", &self.path).finish_non_exhaustive()
    }
}

impl fmt::Debug for ImportConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportConfig").field("path", &self.path).finish_non_exhaustive()
    }
}
