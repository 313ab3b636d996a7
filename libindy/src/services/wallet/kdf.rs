//! The master key: libsodium's `crypto_pwhash` Argon2i (v1.3) with its MODERATE or
//! INTERACTIVE limits, or a RAW base58 key.

use zeroize::Zeroizing;

use crate::domain::wallet::KeyDerivationMethod;
use crate::errors::{ErrorCode, IndyError, IndyResult};

/// Metadata keeps 32 random bytes; libsodium's Argon2i uses the first 16.
pub const SALT_BYTES: usize = 32;
const PWHASH_SALT_BYTES: usize = 16;

pub type MasterKey = Zeroizing<[u8; 32]>;

pub fn derive_master_key(method: KeyDerivationMethod, key: &str, salt: Option<&[u8]>) -> IndyResult<MasterKey> {
    let (passes, memory_kib) = match method {
        KeyDerivationMethod::Raw => return raw_key(key),
        KeyDerivationMethod::Argon2iMod => (6, 128 * 1024),
        KeyDerivationMethod::Argon2iInt => (4, 32 * 1024),
    };
    let salt = salt
        .and_then(|s| s.get(..PWHASH_SALT_BYTES))
        .ok_or_else(|| IndyError::new(ErrorCode::WalletAccessFailed, "Wallet metadata has no key derivation salt"))?;
    let params = argon2::Params::new(memory_kib, passes, 1, Some(32))
        .map_err(|e| IndyError::invalid_state(format!("Argon2 parameters: {e}")))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2i, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(key.as_bytes(), salt, out.as_mut())
        .map_err(|e| IndyError::invalid_state(format!("Argon2 derivation failed: {e}")))?;
    Ok(out)
}

fn raw_key(key: &str) -> IndyResult<MasterKey> {
    let bytes = Zeroizing::new(
        bs58::decode(key).into_vec().map_err(|_| IndyError::invalid_structure("RAW wallet key is not base58"))?,
    );
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() != 32 {
        return Err(IndyError::invalid_structure(format!("RAW wallet key must be 32 bytes, got {}", bytes.len())));
    }
    out.copy_from_slice(&bytes);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2i_interactive_matches_libsodium() {
        // nacl.pwhash.argon2i.kdf(32, b"passphrase", bytes(range(16)), opslimit=4, memlimit=32 MiB)
        let salt: Vec<u8> = (0..32).collect();
        let key = derive_master_key(KeyDerivationMethod::Argon2iInt, "passphrase", Some(&salt)).unwrap();
        assert_eq!(hex::encode(key.as_ref()), "0b645b0af72e6251ca483605af0dda5b0168654b1ac785d5a2cdbab41979f98f");
    }

    #[test]
    fn raw_keys_must_be_32_base58_bytes() {
        assert!(
            derive_master_key(KeyDerivationMethod::Raw, "EZVzwYqtoTkrnryhA2JbKp9nsvSKx3NZpwt4EW9n1Cya", None).is_ok()
        );
        let err = derive_master_key(KeyDerivationMethod::Raw, "abc", None).unwrap_err();
        assert_eq!(err.kind, ErrorCode::CommonInvalidStructure);
    }
}
