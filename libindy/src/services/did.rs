//! DIDs as libindy derives and checks them.

use crate::domain::did::{Did, Key, MyDidInfo, TheirDid, TheirDidInfo};
use crate::errors::{IndyError, IndyResult};
use crate::services::crypto;

/// The method-specific part of a DID: `did:sov:abc` → `abc`, `abc` → `abc`.
pub fn unqualified(did: &str) -> &str {
    match did.strip_prefix("did:").and_then(|rest| rest.split_once(':')) {
        Some((_method, id)) => id,
        None => did,
    }
}

/// A DID method name: lowercase letters and digits, as libindy requires.
pub fn validate_method(method: &str) -> IndyResult<()> {
    if !method.is_empty() && method.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(IndyError::invalid_structure(format!("DID method {method:?} must be lowercase letters and digits")))
    }
}

/// `did:<method>:<did>`, or the DID itself when no method is given.
pub fn qualify(did: &str, method: Option<&str>) -> String {
    match method {
        Some(method) => format!("did:{method}:{}", unqualified(did)),
        None => did.to_string(),
    }
}

/// A DID is base58 of 16 bytes (a NYM) or 32 bytes (a cryptonym).
pub fn validate_did(did: &str) -> IndyResult<()> {
    let id = unqualified(did);
    let bytes = bs58::decode(id)
        .into_vec()
        .map_err(|e| IndyError::invalid_structure(format!("Invalid DID {did:?}: not base58: {e}")))?;
    match bytes.len() {
        16 | 32 => Ok(()),
        n => Err(IndyError::invalid_structure(format!("Invalid DID {did:?}: {n} bytes, expected 16 or 32"))),
    }
}

/// A new DID and its key: from the seed if given, the DID from the first 16 bytes of the
/// verkey (all 32 with `cid`) unless one is given, qualified with `method_name` if any.
pub fn create_my_did(info: &MyDidInfo) -> IndyResult<(Did, Key)> {
    crypto::check_crypto_type(info.crypto_type.as_deref())?;
    if let Some(did) = &info.did {
        validate_did(did)?;
    }
    let seed = info.seed.as_deref().map(|seed| crypto::convert_seed(seed)).transpose()?;
    let key = crypto::create_key(seed.as_deref());
    let did = match &info.did {
        Some(did) => did.clone(),
        None => {
            let verkey = crypto::decode_verkey(&key.verkey)?;
            let id_bytes = if info.cid == Some(true) { &verkey[..] } else { &verkey[..16] };
            bs58::encode(id_bytes).into_string()
        }
    };
    let did = qualify(&did, info.method_name.as_deref());
    Ok((Did { did, verkey: key.verkey.clone() }, key))
}

/// A full verkey from a DID and an optional full or `~abbreviated` verkey; without one,
/// the DID is its own verkey (a cryptonym).
pub fn build_full_verkey(did: &str, verkey: Option<&str>) -> IndyResult<String> {
    let Some(verkey) = verkey else {
        return Ok(unqualified(did).to_string());
    };
    let (key, crypto_type) = match verkey.split_once(':') {
        Some((key, crypto_type)) => (key, Some(crypto_type)),
        None => (verkey, None),
    };
    let full = match key.strip_prefix('~') {
        Some(abbreviated) => {
            let mut bytes = bs58::decode(unqualified(did))
                .into_vec()
                .map_err(|e| IndyError::invalid_structure(format!("Invalid DID {did:?}: not base58: {e}")))?;
            let end = bs58::decode(abbreviated)
                .into_vec()
                .map_err(|e| IndyError::invalid_structure(format!("Invalid abbreviated verkey {verkey:?}: {e}")))?;
            bytes.extend(end);
            bs58::encode(bytes).into_string()
        }
        None => key.to_string(),
    };
    Ok(match crypto_type {
        Some(crypto_type) => format!("{full}:{crypto_type}"),
        None => full,
    })
}

pub fn create_their_did(info: &TheirDidInfo) -> IndyResult<TheirDid> {
    validate_did(&info.did)?;
    let verkey = build_full_verkey(&info.did, info.verkey.as_deref())?;
    // libindy checks the length only: a key need not be a valid point until it is used.
    crypto::validate_verkey(&verkey)?;
    Ok(TheirDid { did: info.did.clone(), verkey })
}

/// `~<last 16 bytes>` when the DID is the verkey's first 16 bytes (unqualified or `did:sov`
/// DIDs only), else the full verkey, as libindy.
pub fn abbreviate_verkey(did: &str, verkey: &str) -> IndyResult<String> {
    validate_did(did)?;
    let key = crypto::decode_verkey(verkey)?;
    let abbreviatable = !did.starts_with("did:") || did.starts_with("did:sov:");
    let id = bs58::decode(unqualified(did)).into_vec().unwrap_or_default();
    if abbreviatable && key[..16] == id[..] {
        Ok(format!("~{}", bs58::encode(&key[16..]).into_string()))
    } else {
        Ok(verkey.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;
    use zeroize::Zeroizing;

    fn seeded(seed: &str) -> MyDidInfo {
        MyDidInfo { seed: Some(Zeroizing::new(seed.into())), ..Default::default() }
    }

    #[test]
    fn seed_gives_libindys_did_and_verkey() {
        let (did, key) = create_my_did(&seeded("000000000000000000000000Trustee1")).unwrap();
        assert_eq!(did.did, "V4SGRU86Z58d6TV7PBUe6f");
        assert_eq!(did.verkey, "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL");
        assert_eq!(key.verkey, did.verkey);
    }

    #[test]
    fn cid_method_and_explicit_did() {
        let info = MyDidInfo { cid: Some(true), ..seeded("000000000000000000000000Trustee1") };
        let (did, _) = create_my_did(&info).unwrap();
        assert_eq!(did.did, did.verkey);

        let info = MyDidInfo { method_name: Some("sov".into()), ..seeded("000000000000000000000000Trustee1") };
        assert_eq!(create_my_did(&info).unwrap().0.did, "did:sov:V4SGRU86Z58d6TV7PBUe6f");

        let info = MyDidInfo { did: Some("8wZcEriaNLNKtteJvx7f8i".into()), ..Default::default() };
        assert_eq!(create_my_did(&info).unwrap().0.did, "8wZcEriaNLNKtteJvx7f8i");

        let info = MyDidInfo { did: Some("not a did".into()), ..Default::default() };
        assert_eq!(create_my_did(&info).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
        let info = MyDidInfo { crypto_type: Some("secp256k1".into()), ..Default::default() };
        assert_eq!(create_my_did(&info).unwrap_err().kind, ErrorCode::UnknownCryptoTypeError);
    }

    #[test]
    fn abbreviated_verkey_expands_to_the_full_one() {
        let (did, _) = create_my_did(&seeded("000000000000000000000000Trustee1")).unwrap();
        let vk = bs58::decode(&did.verkey).into_vec().unwrap();
        let abbreviated = format!("~{}", bs58::encode(&vk[16..]).into_string());
        let their = create_their_did(&TheirDidInfo { did: did.did.clone(), verkey: Some(abbreviated) }).unwrap();
        assert_eq!(their.verkey, did.verkey);
        let qualified = create_their_did(&TheirDidInfo {
            did: format!("did:sov:{}", did.did),
            verkey: Some(format!("~{}", bs58::encode(&vk[16..]).into_string())),
        })
        .unwrap();
        assert_eq!(qualified.verkey, did.verkey);
    }

    #[test]
    fn abbreviation_round_trips_and_skips_cryptonyms() {
        let (did, _) = create_my_did(&seeded("000000000000000000000000Trustee1")).unwrap();
        let short = abbreviate_verkey(&did.did, &did.verkey).unwrap();
        assert!(short.starts_with('~'));
        assert_eq!(build_full_verkey(&did.did, Some(&short)).unwrap(), did.verkey);
        let (cid, _) = create_my_did(&MyDidInfo { cid: Some(true), ..Default::default() }).unwrap();
        assert_eq!(abbreviate_verkey(&cid.did, &cid.verkey).unwrap(), cid.verkey);
        assert_eq!(abbreviate_verkey(&did.did, "bad").unwrap_err().kind, ErrorCode::CommonInvalidStructure);
        let too_long = TheirDidInfo { did: cid.did.clone(), verkey: Some(short) };
        assert_eq!(create_their_did(&too_long).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }

    #[test]
    fn their_did_without_verkey_is_a_cryptonym() {
        let (did, _) = create_my_did(&MyDidInfo { cid: Some(true), ..Default::default() }).unwrap();
        let their = create_their_did(&TheirDidInfo { did: did.did.clone(), verkey: None }).unwrap();
        assert_eq!(their.verkey, did.verkey);
        let short = create_their_did(&TheirDidInfo { did: "8wZcEriaNLNKtteJvx7f8i".into(), verkey: None });
        assert_eq!(short.unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }
}
