//! libsodium's boxes over Ed25519 keys converted to X25519, as libindy used them:
//! sealed boxes (`anon_crypt`), authenticated boxes, and the legacy `auth_crypt` envelope.

use crypto_box::aead::{Aead, AeadCore};
use crypto_box::{PublicKey, SalsaBox};
use ed25519_dalek::VerifyingKey;
use rand::rngs::OsRng;
use serde::{Deserialize, Serialize};

use crate::errors::{IndyError, IndyResult};
use crate::services::crypto::{decode_verkey, KeyPair};

pub const BOX_NONCE_BYTES: usize = 24;

fn decryption_failed(what: &str) -> IndyError {
    IndyError::invalid_structure(format!("{what}: the message is corrupt or not for this key"))
}

/// The X25519 public key of an Ed25519 verkey.
pub fn x25519_public(verkey: &str) -> IndyResult<PublicKey> {
    let point = VerifyingKey::from_bytes(&decode_verkey(verkey)?)
        .map_err(|_| IndyError::invalid_structure(format!("Verkey {verkey:?} is not a point on Ed25519")))?;
    Ok(PublicKey::from(point.to_montgomery().to_bytes()))
}

/// `crypto_box_seal`: only the holder of `verkey`'s key can open it; the sender is anonymous.
pub fn anon_crypt(verkey: &str, message: &[u8]) -> IndyResult<Vec<u8>> {
    x25519_public(verkey)?
        .seal(&mut OsRng, message)
        .map_err(|_| IndyError::invalid_state("Sealed box encryption failed"))
}

pub fn anon_decrypt(key: &KeyPair, sealed: &[u8]) -> IndyResult<Vec<u8>> {
    key.x25519_secret().unseal(sealed).map_err(|_| decryption_failed("Cannot open the sealed box"))
}

/// `crypto_box_easy` from `key` to `their_verkey` under a random nonce.
pub fn box_encrypt(key: &KeyPair, their_verkey: &str, message: &[u8]) -> IndyResult<(Vec<u8>, [u8; BOX_NONCE_BYTES])> {
    let salsa = SalsaBox::new(&x25519_public(their_verkey)?, &key.x25519_secret());
    let nonce = SalsaBox::generate_nonce(&mut OsRng);
    let ciphertext = salsa.encrypt(&nonce, message).map_err(|_| IndyError::invalid_state("Box encryption failed"))?;
    Ok((ciphertext, nonce.into()))
}

pub fn box_decrypt(key: &KeyPair, their_verkey: &str, ciphertext: &[u8], nonce: &[u8]) -> IndyResult<Vec<u8>> {
    let nonce: [u8; BOX_NONCE_BYTES] = nonce
        .try_into()
        .map_err(|_| IndyError::invalid_structure(format!("Box nonce is {} bytes, expected 24", nonce.len())))?;
    SalsaBox::new(&x25519_public(their_verkey)?, &key.x25519_secret())
        .decrypt(&nonce.into(), ciphertext)
        .map_err(|_| decryption_failed("Cannot open the box"))
}

/// libindy's `auth_crypt` inner message, MessagePack-encoded with field names.
#[derive(Serialize, Deserialize)]
struct ComboBox {
    msg: String,
    sender: String,
    nonce: String,
}

/// `indy_crypto_auth_crypt`: a box from `key` to `their_verkey`, wrapped with the sender's
/// verkey and the nonce, all sealed to the recipient.
pub fn auth_crypt(key: &KeyPair, their_verkey: &str, message: &[u8]) -> IndyResult<Vec<u8>> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let (ciphertext, nonce) = box_encrypt(key, their_verkey, message)?;
    let combo = ComboBox { msg: b64.encode(ciphertext), sender: key.verkey.clone(), nonce: b64.encode(nonce) };
    let packed = rmp_serde::to_vec_named(&combo)
        .map_err(|e| IndyError::invalid_state(format!("Cannot encode ComboBox: {e}")))?;
    anon_crypt(their_verkey, &packed)
}

/// `indy_crypto_auth_decrypt`: the sender's verkey and the message.
pub fn auth_decrypt(key: &KeyPair, encrypted: &[u8]) -> IndyResult<(String, Vec<u8>)> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let packed = anon_decrypt(key, encrypted)?;
    let combo: ComboBox = rmp_serde::from_slice(&packed)
        .map_err(|e| IndyError::invalid_structure(format!("Cannot decode the ComboBox: {e}")))?;
    let ciphertext =
        b64.decode(&combo.msg).map_err(|e| IndyError::invalid_structure(format!("ComboBox msg is not base64: {e}")))?;
    let nonce = b64
        .decode(&combo.nonce)
        .map_err(|e| IndyError::invalid_structure(format!("ComboBox nonce is not base64: {e}")))?;
    let message = box_decrypt(key, &combo.sender, &ciphertext, &nonce)?;
    Ok((combo.sender, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;
    use crate::services::crypto::create_key;

    #[test]
    fn sealed_boxes_open_with_the_recipient_key_only() {
        let pair = |k| KeyPair::from_key(&k).unwrap();
        let (alice, mallory) = (pair(create_key(None)), pair(create_key(None)));
        let sealed = anon_crypt(&alice.verkey, b"secret").unwrap();
        assert_eq!(sealed.len(), 32 + 16 + 6, "libsodium's sealed box layout");
        assert_eq!(anon_decrypt(&alice, &sealed).unwrap(), b"secret");
        assert_eq!(anon_decrypt(&mallory, &sealed).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
        assert_eq!(anon_decrypt(&alice, &sealed[..20]).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }

    #[test]
    fn auth_crypt_names_the_sender() {
        let pair = |k| KeyPair::from_key(&k).unwrap();
        let (alice, bob) = (pair(create_key(None)), pair(create_key(None)));
        let encrypted = auth_crypt(&alice, &bob.verkey, b"hi bob").unwrap();
        let (sender, message) = auth_decrypt(&bob, &encrypted).unwrap();
        assert_eq!((sender.as_str(), message.as_slice()), (alice.verkey.as_str(), &b"hi bob"[..]));
        let mut tampered = encrypted.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(auth_decrypt(&bob, &tampered).is_err());
    }
}
