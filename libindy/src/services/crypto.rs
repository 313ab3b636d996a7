//! Ed25519 keys as libindy made them: seeds, verkeys, libsodium-format signing keys,
//! detached signatures.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::domain::did::Key;
use crate::errors::{ErrorCode, IndyError, IndyResult};

pub const DEFAULT_CRYPTO_TYPE: &str = "ed25519";
pub const SEED_BYTES: usize = 32;
pub const SIGNATURE_BYTES: usize = 64;

/// A seed as libindy accepts it: 32 bytes of UTF-8, base64 ending in `=`, or 64 hex digits.
pub fn convert_seed(seed: &str) -> IndyResult<Zeroizing<[u8; SEED_BYTES]>> {
    let bytes: Zeroizing<Vec<u8>> = if seed.len() == SEED_BYTES {
        Zeroizing::new(seed.as_bytes().to_vec())
    } else if seed.ends_with('=') {
        use base64::Engine;
        Zeroizing::new(
            base64::engine::general_purpose::STANDARD
                .decode(seed)
                .map_err(|_| IndyError::invalid_structure("Can't deserialize seed from base64"))?,
        )
    } else if seed.len() == SEED_BYTES * 2 {
        Zeroizing::new(hex::decode(seed).map_err(|_| IndyError::invalid_structure("Can't deserialize seed from hex"))?)
    } else {
        return Err(IndyError::invalid_structure(
            "Trying to use invalid seed. Accepted only 32 bytes string, hex encoded string or base64 encoded string",
        ));
    };
    let mut out = Zeroizing::new([0u8; SEED_BYTES]);
    if bytes.len() != SEED_BYTES {
        return Err(IndyError::invalid_structure(format!(
            "Invalid seed length: {} bytes, expected {SEED_BYTES}",
            bytes.len()
        )));
    }
    out.copy_from_slice(&bytes);
    Ok(out)
}

/// Checks a crypto type: libindy knows only Ed25519.
pub fn check_crypto_type(crypto_type: Option<&str>) -> IndyResult<()> {
    match crypto_type {
        None | Some(DEFAULT_CRYPTO_TYPE) => Ok(()),
        Some(other) => Err(IndyError::new(ErrorCode::UnknownCryptoTypeError, format!("Unknown crypto type: {other}"))),
    }
}

/// A new Ed25519 key, from a seed or from the OS's randomness.
pub fn create_key(seed: Option<&[u8; SEED_BYTES]>) -> Key {
    let seed = match seed {
        Some(seed) => Zeroizing::new(*seed),
        None => {
            let mut random = Zeroizing::new([0u8; SEED_BYTES]);
            OsRng.fill_bytes(random.as_mut());
            random
        }
    };
    let signing = SigningKey::from_bytes(&seed);
    let verkey = signing.verifying_key().to_bytes();
    // libsodium's secret key layout: seed ‖ public key.
    let mut secret = Zeroizing::new([0u8; 64]);
    secret[..32].copy_from_slice(seed.as_ref());
    secret[32..].copy_from_slice(&verkey);
    Key {
        verkey: bs58::encode(verkey).into_string(),
        signkey: Zeroizing::new(bs58::encode(secret.as_ref()).into_string()),
    }
}

/// The 32 key bytes of a verkey (`<base58>` or `<base58>:ed25519`).
pub fn decode_verkey(verkey: &str) -> IndyResult<[u8; 32]> {
    let (key, crypto_type) = match verkey.split_once(':') {
        Some((key, crypto_type)) => (key, Some(crypto_type)),
        None => (verkey, None),
    };
    check_crypto_type(crypto_type)?;
    let bytes = bs58::decode(key)
        .into_vec()
        .map_err(|e| IndyError::invalid_structure(format!("Invalid verkey {verkey:?}: not base58: {e}")))?;
    bytes.try_into().map_err(|b: Vec<u8>| {
        IndyError::invalid_structure(format!("Invalid verkey {verkey:?}: {} bytes, expected 32", b.len()))
    })
}

pub fn validate_verkey(verkey: &str) -> IndyResult<()> {
    decode_verkey(verkey).map(|_| ())
}

/// A stored key, parsed once: the signing key is expanded and its public half checked,
/// so each use does only its own work.
pub struct KeyPair {
    pub verkey: String,
    signing: SigningKey,
}

impl KeyPair {
    pub fn from_key(key: &Key) -> IndyResult<KeyPair> {
        let secret = Zeroizing::new(
            bs58::decode(key.signkey.as_str())
                .into_vec()
                .map_err(|_| IndyError::invalid_state("Stored signing key is not base58"))?,
        );
        let seed: &[u8; 32] = secret
            .get(..32)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| IndyError::invalid_state("Stored signing key has a wrong length"))?;
        Ok(KeyPair { verkey: key.verkey.clone(), signing: SigningKey::from_bytes(seed) })
    }

    /// A detached Ed25519 signature.
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_BYTES] {
        self.signing.sign(message).to_bytes()
    }

    /// The X25519 secret key (libsodium's `crypto_sign_ed25519_sk_to_curve25519`).
    pub fn x25519_secret(&self) -> crypto_box::SecretKey {
        crypto_box::SecretKey::from(self.signing.to_scalar_bytes())
    }
}

/// Verifies a detached Ed25519 signature; `Ok(false)` when it does not match.
pub fn verify(verkey: &str, message: &[u8], signature: &[u8]) -> IndyResult<bool> {
    let key = decode_verkey(verkey)?;
    let signature: [u8; SIGNATURE_BYTES] = signature.try_into().map_err(|_| {
        IndyError::invalid_structure(format!(
            "Invalid signature length: {} bytes, expected {SIGNATURE_BYTES}",
            signature.len()
        ))
    })?;
    let Ok(key) = VerifyingKey::from_bytes(&key) else {
        return Ok(false);
    };
    let signature = ed25519_dalek::Signature::from_bytes(&signature);
    Ok(key.verify_strict(message, &signature).is_ok())
}

/// libsodium's `randombytes_buf_deterministic`: the ChaCha20-IETF keystream under `seed`
/// with the nonce "LibsodiumDRG".
pub fn deterministic_bytes<const N: usize>(seed: &[u8; 32]) -> Zeroizing<[u8; N]> {
    use chacha20::cipher::{KeyIvInit, StreamCipher};
    let mut out = Zeroizing::new([0u8; N]);
    let mut stream = chacha20::ChaCha20::new(seed.into(), b"LibsodiumDRG".into());
    stream.apply_keystream(out.as_mut());
    out
}

/// From the thread's CSPRNG (ChaCha, seeded and reseeded from the OS): no system call per
/// nonce or record key.
pub fn random_bytes<const N: usize>() -> Zeroizing<[u8; N]> {
    let mut out = Zeroizing::new([0u8; N]);
    rand::thread_rng().fill_bytes(out.as_mut());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUSTEE_SEED: &str = "000000000000000000000000Trustee1";
    const TRUSTEE_VERKEY: &str = "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL";

    #[test]
    fn seeded_key_matches_libindy() {
        let seed = convert_seed(TRUSTEE_SEED).unwrap();
        let key = create_key(Some(&seed));
        assert_eq!(key.verkey, TRUSTEE_VERKEY);
        // The libindy 1.16 fixture's stored signkeys start like this for its seeds.
        let fixture = create_key(Some(&convert_seed("000000000000000000000RAWwallet10").unwrap()));
        assert_eq!(fixture.verkey, "EMyEyuwtJQrWREGAJ3MX5Kz9fbEy8ds5G7rym8YaFdPX");
        assert!(fixture
            .signkey
            .starts_with("xt19s1sp2UZCGhy9rNyb1FtxdKiDK57NphmCjcMR3dzHZGGtczkGu7gwanpPJtpwVZ1RnUDRjTBFRiJrmF"));
    }

    #[test]
    fn seeds_in_hex_and_base64_are_the_same_bytes() {
        let raw = convert_seed(TRUSTEE_SEED).unwrap();
        let hex_seed = hex::encode(raw.as_ref());
        assert_eq!(*convert_seed(&hex_seed).unwrap(), *raw);
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(raw.as_ref());
        assert_eq!(*convert_seed(&b64).unwrap(), *raw);
        assert_eq!(convert_seed("short").unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }

    #[test]
    fn sign_then_verify_and_tamper() {
        let key = create_key(None);
        let sig = KeyPair::from_key(&key).unwrap().sign(b"message");
        assert!(verify(&key.verkey, b"message", &sig).unwrap());
        assert!(!verify(&key.verkey, b"messagf", &sig).unwrap());
        assert!(verify(&format!("{}:ed25519", key.verkey), b"message", &sig).unwrap());
        assert_eq!(
            verify(&format!("{}:secp", key.verkey), b"message", &sig).unwrap_err().kind,
            ErrorCode::UnknownCryptoTypeError
        );
        assert_eq!(verify(&key.verkey, b"message", &sig[..10]).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
        assert_eq!(verify("not-base58-0OIl", b"m", &sig).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }

    #[test]
    fn deterministic_bytes_match_libsodium() {
        // libsodium: randombytes_buf_deterministic(buf, 32, seed = 32 zero bytes).
        let out = deterministic_bytes::<32>(&[0u8; 32]);
        assert_eq!(hex::encode(out.as_ref()), "a11f8f12d0876f736d2d8fd26e14c2de88f163e3271710c676c7384cb3621279");
    }
}
