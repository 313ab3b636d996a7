//! ChaCha20-Poly1305-IETF as libindy used it: `nonce ‖ ciphertext ‖ tag`.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::services::crypto::random_bytes;

const NONCE_BYTES: usize = 12;
const TAG_BYTES: usize = 16;

/// Deterministic: the nonce is the HMAC-SHA256 of the plaintext, so equal inputs give
/// equal ciphertexts and can be looked up.
pub fn encrypt_as_searchable(data: &[u8], key: &[u8; 32], hmac_key: &[u8; 32]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(hmac_key).expect("HMAC takes any key length");
    mac.update(data);
    let tag = mac.finalize().into_bytes();
    seal(data, key, tag[..NONCE_BYTES].try_into().expect("12 of 32 bytes"))
}

pub fn encrypt_as_not_searchable(data: &[u8], key: &[u8; 32]) -> Vec<u8> {
    seal(data, key, *random_bytes::<NONCE_BYTES>())
}

pub fn decrypt(data: &[u8], key: &[u8; 32]) -> IndyResult<Vec<u8>> {
    if data.len() < NONCE_BYTES + TAG_BYTES {
        return Err(IndyError::new(ErrorCode::WalletEncryptionError, "Encrypted data is too short"));
    }
    let (nonce, ciphertext) = data.split_at(NONCE_BYTES);
    ChaCha20Poly1305::new(key.into())
        .decrypt(Nonce::from_slice(nonce), ciphertext)
        .map_err(|_| IndyError::new(ErrorCode::WalletEncryptionError, "Invalid data or key: decryption failed"))
}

fn seal(data: &[u8], key: &[u8; 32], nonce: [u8; NONCE_BYTES]) -> Vec<u8> {
    let ciphertext = ChaCha20Poly1305::new(key.into())
        .encrypt(Nonce::from_slice(&nonce), data)
        .expect("ChaCha20-Poly1305 encrypts any in-memory length");
    let mut out = Vec::with_capacity(NONCE_BYTES + ciphertext.len());
    out.extend_from_slice(&nonce);
    out.extend(ciphertext);
    out
}
