//! DIDComm v1 envelopes (Aries RFC 0019) exactly as libindy packed them, quirks included:
//! the `enc` label says `xchacha20poly1305_ietf` while the payload is ChaCha20-Poly1305-IETF
//! with a 12-byte nonce, and base64url is padded.

use base64::Engine;
use chacha20poly1305::aead::{AeadInPlace, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Nonce, Tag};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::errors::{IndyError, IndyResult};
use crate::services::crypto::{random_bytes, KeyPair};
use crate::services::sealing::{anon_crypt, anon_decrypt, box_decrypt, box_encrypt};

const ENC_LABEL: &str = "xchacha20poly1305_ietf";
const TYP: &str = "JWM/1.0";
const AUTHCRYPT: &str = "Authcrypt";
const ANONCRYPT: &str = "Anoncrypt";

#[derive(Debug, Serialize, Deserialize)]
pub struct Jwe {
    pub protected: String,
    pub iv: String,
    pub ciphertext: String,
    pub tag: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recipient {
    pub encrypted_key: String,
    pub header: Header,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub kid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iv: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Protected {
    pub enc: String,
    pub typ: String,
    pub alg: String,
    pub recipients: Vec<Recipient>,
}

/// `indy_unpack_message`'s answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct Unpacked {
    pub message: String,
    pub recipient_verkey: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_verkey: Option<String>,
}

fn b64url() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE
}

/// Padded or not: libindy writes padding, other DIDComm agents often do not.
fn decode_b64url(s: &str, what: &str) -> IndyResult<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .map_err(|e| IndyError::invalid_structure(format!("{what} is not base64url: {e}")))
}

/// Packs `message` for `receivers`: Authcrypt when the sender's key is given, else
/// Anoncrypt. Answers the JWE JSON bytes.
pub fn pack(message: &[u8], receivers: &[String], sender: Option<&KeyPair>) -> IndyResult<Vec<u8>> {
    if receivers.is_empty() {
        return Err(IndyError::invalid_structure("No receiver keys found"));
    }
    let cek = random_bytes::<32>();
    let recipients = receivers
        .iter()
        .map(|receiver| -> IndyResult<Recipient> {
            match sender {
                Some(sender) => {
                    let (encrypted_key, nonce) = box_encrypt(sender, receiver, cek.as_ref())?;
                    let sealed_sender = anon_crypt(receiver, sender.verkey.as_bytes())?;
                    Ok(Recipient {
                        encrypted_key: b64url().encode(encrypted_key),
                        header: Header {
                            kid: receiver.clone(),
                            sender: Some(b64url().encode(sealed_sender)),
                            iv: Some(b64url().encode(nonce)),
                        },
                    })
                }
                None => Ok(Recipient {
                    encrypted_key: b64url().encode(anon_crypt(receiver, cek.as_ref())?),
                    header: Header { kid: receiver.clone(), sender: None, iv: None },
                }),
            }
        })
        .collect::<IndyResult<Vec<_>>>()?;
    let protected = Protected {
        enc: ENC_LABEL.into(),
        typ: TYP.into(),
        alg: if sender.is_some() { AUTHCRYPT } else { ANONCRYPT }.into(),
        recipients,
    };
    let protected = b64url().encode(serde_json::to_vec(&protected).expect("protected header serializes"));

    let nonce = random_bytes::<12>();
    let mut ciphertext = message.to_vec();
    let tag = ChaCha20Poly1305::new(cek.as_ref().into())
        .encrypt_in_place_detached(Nonce::from_slice(nonce.as_ref()), protected.as_bytes(), &mut ciphertext)
        .map_err(|_| IndyError::invalid_state("Payload encryption failed"))?;
    let jwe = Jwe {
        protected,
        iv: b64url().encode(nonce.as_ref()),
        ciphertext: b64url().encode(ciphertext),
        tag: b64url().encode(tag),
    };
    Ok(serde_json::to_vec(&jwe).expect("JWE serializes"))
}

/// A JWE read far enough to know its recipients.
pub struct ParsedJwe {
    pub jwe: Jwe,
    pub protected: Protected,
}

impl ParsedJwe {
    pub fn parse(bytes: &[u8]) -> IndyResult<ParsedJwe> {
        let jwe: Jwe =
            serde_json::from_slice(bytes).map_err(|e| IndyError::invalid_structure(format!("Invalid JWE: {e}")))?;
        let protected = decode_b64url(&jwe.protected, "JWE protected header")?;
        let protected: Protected = serde_json::from_slice(&protected)
            .map_err(|e| IndyError::invalid_structure(format!("Invalid JWE protected header: {e}")))?;
        Ok(ParsedJwe { jwe, protected })
    }

    pub fn recipient_keys(&self) -> Vec<String> {
        self.protected.recipients.iter().map(|r| r.header.kid.clone()).collect()
    }

    /// Opens the envelope with the key of recipient `index`.
    pub fn unpack(&self, index: usize, my_key: &KeyPair) -> IndyResult<Unpacked> {
        let recipient = self
            .protected
            .recipients
            .get(index)
            .ok_or_else(|| IndyError::invalid_state("Recipient index out of range"))?;
        let encrypted_key = decode_b64url(&recipient.encrypted_key, "encrypted_key")?;
        let (sender_verkey, cek) = match (&recipient.header.sender, &recipient.header.iv) {
            (Some(sender), Some(iv)) => {
                let sender = anon_decrypt(my_key, &decode_b64url(sender, "sender")?)?;
                let sender = String::from_utf8(sender)
                    .map_err(|_| IndyError::invalid_structure("The sealed sender verkey is not UTF-8"))?;
                let cek = box_decrypt(my_key, &sender, &encrypted_key, &decode_b64url(iv, "iv")?)?;
                (Some(sender), Zeroizing::new(cek))
            }
            (None, None) => (None, Zeroizing::new(anon_decrypt(my_key, &encrypted_key)?)),
            _ => return Err(IndyError::invalid_structure("A recipient header has only one of sender and iv")),
        };
        let cek: &[u8; 32] =
            cek.as_slice().try_into().map_err(|_| IndyError::invalid_structure("The content key is not 32 bytes"))?;
        let nonce = decode_b64url(&self.jwe.iv, "iv")?;
        let tag = decode_b64url(&self.jwe.tag, "tag")?;
        if nonce.len() != 12 || tag.len() != 16 {
            return Err(IndyError::invalid_structure("JWE iv must be 12 bytes and tag 16"));
        }
        let mut message = decode_b64url(&self.jwe.ciphertext, "ciphertext")?;
        ChaCha20Poly1305::new(cek.into())
            .decrypt_in_place_detached(
                Nonce::from_slice(&nonce),
                self.jwe.protected.as_bytes(),
                &mut message,
                Tag::from_slice(&tag),
            )
            .map_err(|_| IndyError::invalid_structure("The JWE payload does not decrypt: tampered or wrong key"))?;
        let message = String::from_utf8(message)
            .map_err(|_| IndyError::invalid_structure("The unpacked message is not UTF-8"))?;
        Ok(Unpacked { message, recipient_verkey: recipient.header.kid.clone(), sender_verkey })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ErrorCode;
    use crate::services::crypto::create_key;

    #[test]
    fn authcrypt_to_several_recipients() {
        let pair = |k| KeyPair::from_key(&k).unwrap();
        let (alice, bob, carol) = (pair(create_key(None)), pair(create_key(None)), pair(create_key(None)));
        let packed = pack(b"{\"@type\":\"hello\"}", &[bob.verkey.clone(), carol.verkey.clone()], Some(&alice)).unwrap();
        let parsed = ParsedJwe::parse(&packed).unwrap();
        assert_eq!(parsed.protected.enc, "xchacha20poly1305_ietf");
        assert_eq!(parsed.protected.alg, "Authcrypt");
        let unpacked = parsed.unpack(1, &carol).unwrap();
        assert_eq!(unpacked.message, "{\"@type\":\"hello\"}");
        assert_eq!(unpacked.sender_verkey.as_deref(), Some(alice.verkey.as_str()));
        assert_eq!(unpacked.recipient_verkey, carol.verkey);
        assert_eq!(parsed.unpack(0, &carol).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
    }

    #[test]
    fn anoncrypt_has_no_sender_and_tampering_is_caught() {
        let bob = KeyPair::from_key(&create_key(None)).unwrap();
        let packed = pack(b"hi", std::slice::from_ref(&bob.verkey), None).unwrap();
        let parsed = ParsedJwe::parse(&packed).unwrap();
        assert_eq!(parsed.protected.alg, "Anoncrypt");
        let header = serde_json::to_value(&parsed.protected.recipients[0].header).unwrap();
        assert_eq!(header, serde_json::json!({"kid": bob.verkey}), "only kid, as libindy");
        assert_eq!(parsed.unpack(0, &bob).unwrap().sender_verkey, None);

        let mut jwe: serde_json::Value = serde_json::from_slice(&packed).unwrap();
        jwe["ciphertext"] = b64url().encode(b"ho").into();
        let tampered = ParsedJwe::parse(jwe.to_string().as_bytes()).unwrap();
        assert_eq!(tampered.unpack(0, &bob).unwrap_err().kind, ErrorCode::CommonInvalidStructure);
        assert!(ParsedJwe::parse(b"{\"protected\": 1}").is_err());
        assert!(pack(b"x", &[], None).is_err());
    }
}
