//! Ledger requests as libindy 1.16 makes them: builders over indy-vdr's `RequestBuilder`
//! (corrected where libindy differs), the replies' parsers, and what is added to a request
//! before it is sent (signatures, TAA acceptance, endorser).

mod builders;
mod parsers;

pub use builders::{build, build_prepared, AuthRule, BuildRequest, GetAuthRule, PoolUpgrade};
pub use parsers::{parse, response_metadata, ParseRequest, Parsed};

use indy_vdr::common::error::{VdrError, VdrErrorKind};
use indy_vdr::pool::{PreparedRequest, RequestMethod, RequestResult};
use indy_vdr::utils::did::{DidValue, DEFAULT_LIBINDY_DID};
use indy_vdr::utils::txn_signature::serialize_signature;
use indy_vdr::utils::Validatable;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::errors::{ErrorCode, IndyError, IndyResult};

/// A DID as libindy takes it for the ledger: validated, qualified or not.
pub fn did(value: &str) -> IndyResult<DidValue> {
    let did = DidValue(value.to_string());
    did.validate().map_err(|e| IndyError::invalid_structure(format!("Invalid DID {value:?}: {e}")))?;
    Ok(did)
}

/// A request given by the caller: a JSON object.
pub fn parse_request(request_json: &str) -> IndyResult<Value> {
    let request: Value = serde_json::from_str(request_json)
        .map_err(|e| IndyError::invalid_structure(format!("Request is not valid JSON: {e}")))?;
    if !request.is_object() {
        return Err(IndyError::invalid_structure("Request is not a JSON object"));
    }
    Ok(request)
}

/// The bytes a request's signature covers (libindy's serialization: sorted `key:value`
/// pairs joined by `|`, without `signature`/`signatures`/`fees`, ATTRIB values hashed).
pub fn signature_input(request: &Value) -> IndyResult<Vec<u8>> {
    serialize_signature(request)
        .map(String::into_bytes)
        .map_err(|e| IndyError::invalid_structure(format!("Request cannot be serialized for signing: {e}")))
}

/// Sets the single signature.
pub fn set_signature(request: &mut Value, signature: &[u8]) {
    request["signature"] = Value::String(bs58::encode(signature).into_string());
}

/// Adds `signer`'s signature to `signatures`, moving a single signature there too.
pub fn add_multi_signature(request: &mut Value, signer: &DidValue, signature: &[u8]) {
    let Some(object) = request.as_object_mut() else { return };
    let mut signatures = match object.remove("signatures") {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    signatures.insert(signer.to_short().0, Value::String(bs58::encode(signature).into_string()));
    if let (Some(identifier), Some(single)) =
        (object.get("identifier").and_then(Value::as_str).map(str::to_owned), object.remove("signature"))
    {
        signatures.insert(identifier, single);
    }
    object.insert("signatures".into(), Value::Object(signatures));
}

/// `taaAcceptance` for a request: the digest from `text`+`version` or given, the time
/// rounded down to the day (libindy's rules).
pub fn append_taa_acceptance(
    request_json: &str,
    text: Option<&str>,
    version: Option<&str>,
    digest: Option<&str>,
    mechanism: &str,
    time: u64,
) -> IndyResult<String> {
    let mut request = parse_request(request_json)?;
    let digest =
        match (text, version, digest) {
            (None, None, None) => return Err(IndyError::invalid_structure(
                "Invalid combination of params: Either combination `text` + `version` or `taa_digest` must be passed.",
            )),
            (None, None, Some(digest)) => digest.to_string(),
            (Some(_), None, _) | (None, Some(_), _) => {
                return Err(IndyError::invalid_structure(
                    "Invalid combination of params: `text` and `version` should be passed or skipped together.",
                ))
            }
            (Some(text), Some(version), None) => taa_digest(text, version),
            (Some(text), Some(version), Some(digest)) => {
                let calculated = taa_digest(text, version);
                if !calculated.eq_ignore_ascii_case(digest) {
                    return Err(IndyError::invalid_structure(format!(
                        "The digest of `version` and `text` ({calculated}) is not the `taa_digest` passed ({digest})"
                    )));
                }
                digest.to_string()
            }
        };
    const DAY: u64 = 86_400;
    request["taaAcceptance"] = serde_json::json!({
        "mechanism": mechanism,
        "taaDigest": digest,
        "time": time / DAY * DAY,
    });
    Ok(request.to_string())
}

fn taa_digest(text: &str, version: &str) -> String {
    hex::encode(Sha256::digest(format!("{version}{text}").as_bytes()))
}

/// Names the endorser of a request (its unqualified DID).
pub fn append_endorser(request_json: &str, endorser: &str) -> IndyResult<String> {
    let endorser = did(endorser)?;
    let mut request = parse_request(request_json)?;
    request["endorser"] = Value::String(endorser.to_short().0);
    Ok(request.to_string())
}

/// `submit_action` takes only the actions libindy allows.
pub fn check_action(request: &Value) -> IndyResult<()> {
    match request["operation"]["type"].as_str() {
        Some(indy_vdr::ledger::constants::POOL_RESTART | indy_vdr::ledger::constants::GET_VALIDATOR_INFO) => Ok(()),
        Some(_) => Err(IndyError::invalid_structure(
            "Request does not match any type of Actions: POOL_RESTART, GET_VALIDATOR_INFO",
        )),
        None => Err(IndyError::invalid_structure("No valid type field in request")),
    }
}

fn ledger_error(kind: ErrorCode, message: impl Into<String>) -> IndyError {
    IndyError::new(kind, message)
}

/// An indy-vdr error as libindy's code, its message kept.
pub fn pool_error(error: VdrError) -> IndyError {
    let kind = match error.kind() {
        VdrErrorKind::Config | VdrErrorKind::Input => ErrorCode::CommonInvalidStructure,
        VdrErrorKind::FileSystem => ErrorCode::CommonIOError,
        VdrErrorKind::Incompatible => ErrorCode::PoolIncompatibleProtocolVersion,
        VdrErrorKind::PoolNoConsensus => ErrorCode::LedgerNoConsensusError,
        VdrErrorKind::PoolTimeout | VdrErrorKind::Connection => ErrorCode::PoolLedgerTimeout,
        VdrErrorKind::PoolRequestFailed(_) => ErrorCode::LedgerInvalidTransaction,
        _ => ErrorCode::CommonInvalidState,
    };
    IndyError::new(kind, error.to_string())
}

/// The genesis transactions are of the other protocol version: libindy's open failed with
/// this code and advice (indy-vdr's text would name versions "1.3"/"1.4", not 1/2).
pub fn incompatible_genesis(protocol_version: u64) -> IndyError {
    let (genesis, needed) = if protocol_version == 1 { ("1.4", 2) } else { ("1.3", 1) };
    IndyError::new(
        ErrorCode::PoolIncompatibleProtocolVersion,
        format!(
            "Libindy PROTOCOL_VERSION is {protocol_version} but Pool Genesis Transactions are of version {genesis}. \
             Call indy_set_protocol_version({needed}) to set correct PROTOCOL_VERSION"
        ),
    )
}

/// A submitted request's outcome as libindy answers it: a reply, and also a REJECT or
/// REQNACK agreed by the nodes, is the answer; no consensus or a timeout is an error.
pub fn submit_result(result: RequestResult<String>) -> IndyResult<String> {
    match result {
        RequestResult::Reply(reply) => Ok(reply),
        RequestResult::Failed(error) => match error.kind() {
            VdrErrorKind::PoolRequestFailed(reply) => Ok(reply.clone()),
            _ => Err(pool_error(error)),
        },
    }
}

/// The request a caller gave, ready for the pool: its JSON sent as it is (a signature
/// covers it), its handling (state proof, consensus) chosen by its type.
pub fn prepare(request: Value, protocol_version: u64) -> IndyResult<PreparedRequest> {
    let req_id = match &request["reqId"] {
        Value::Number(n) if n.is_u64() || n.is_i64() => n.to_string(),
        _ => return Err(IndyError::invalid_structure("The request has no numeric reqId")),
    };
    // indy-vdr needs these to choose the handling; what is sent stays as given.
    let mut probe = request.clone();
    if probe["protocolVersion"].as_i64().is_none() {
        probe["protocolVersion"] = protocol_version.into();
    }
    if probe["identifier"].as_str().is_none() {
        probe["identifier"] = DEFAULT_LIBINDY_DID.0.clone().into();
    }
    probe["reqId"] = Value::from(0);
    let mut prepared = PreparedRequest::from_request_json_ext(probe, false, None).map_err(pool_error)?;
    prepared.req_id = req_id;
    prepared.req_json = request;
    Ok(prepared)
}

/// `submit_action`: sent to the named nodes (or all), each reply kept.
pub fn prepare_action(
    request: Value,
    nodes: Option<Vec<String>>,
    timeout: Option<i64>,
    protocol_version: u64,
) -> IndyResult<PreparedRequest> {
    check_action(&request)?;
    let mut prepared = prepare(request, protocol_version)?;
    prepared.method = RequestMethod::Full { node_aliases: nodes, timeout };
    Ok(prepared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::crypto;
    use serde_json::json;

    // libindy's own test vectors (tests/utils/constants.rs, tests/ledger.rs).
    const REQUEST: &str = r#"{"reqId":1496822211362017764,"identifier":"GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL","operation":{"type":"1","dest":"VsKV7grR1BUE29mG2Fm2kX","verkey":"GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"}}"#;
    const REQUEST_FROM_TRUSTEE: &str = r#"{"reqId":1496822211362017764,"identifier":"V4SGRU86Z58d6TV7PBUe6f","operation":{"type":"1","dest":"VsKV7grR1BUE29mG2Fm2kX","verkey":"GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"}}"#;

    fn sign_with(seed: &str, request: &Value) -> Vec<u8> {
        let key = crypto::create_key(Some(&crypto::convert_seed(seed).unwrap()));
        let pair = crypto::KeyPair::from_key(&key).unwrap();
        pair.sign(&signature_input(request).unwrap()).to_vec()
    }

    #[test]
    fn single_signature_matches_libindy() {
        let mut request = parse_request(REQUEST).unwrap();
        let signature = sign_with("000000000000000000000000Trustee1", &request);
        set_signature(&mut request, &signature);
        assert_eq!(
            request["signature"],
            "65hzs4nsdQsTUqLCLy2qisbKLfwYKZSWoyh1C6CU59p5pfG3EHQXGAsjW4Qw4QdwkrvjSgQuyv8qyABcXRBznFKW"
        );
    }

    #[test]
    fn multi_signature_matches_libindy_and_moves_the_single_one() {
        let mut request = parse_request(REQUEST_FROM_TRUSTEE).unwrap();
        let first = sign_with("000000000000000000000000Trustee1", &request);
        set_signature(&mut request, &first);
        let second = sign_with("00000000000000000000000000000My1", &request);
        add_multi_signature(&mut request, &did("VsKV7grR1BUE29mG2Fm2kX").unwrap(), &second);
        assert!(request.get("signature").is_none());
        assert_eq!(
            request["signatures"],
            json!({
                "V4SGRU86Z58d6TV7PBUe6f": "3YnLxoUd4utFLzeXUkeGefAqAdHUD7rBprpSx2CJeH7gRYnyjkgJi7tCnFgUiMo62k6M2AyUDtJrkUSgHfcq3vua",
                "VsKV7grR1BUE29mG2Fm2kX": "4EyvSFPoeQCJLziGVqjuMxrbuoWjAWUGPd6LdxeZuG9w3Bcbt7cSvhjrv8SX5e8mGf8jrf3K6xd9kEhXsQLqUg45",
            })
        );
    }

    #[test]
    fn taa_acceptance_rounds_time_to_the_day_and_hashes_version_then_text() {
        // sha256("1.0.0" + "some TAA text"), version first as in libindy.
        let request =
            append_taa_acceptance(REQUEST, Some("some TAA text"), Some("1.0.0"), None, "on_click", 123456789).unwrap();
        let request: Value = serde_json::from_str(&request).unwrap();
        assert_eq!(
            request["taaAcceptance"],
            json!({
                "mechanism": "on_click",
                "taaDigest": "d1406f26bd4ab9c1a0b07a77865105df05f9943557700834db29eb7e3a68735e",
                "time": 123379200,
            })
        );
        let digest = "d1406f26bd4ab9c1a0b07a77865105df05f9943557700834db29eb7e3a68735e";
        assert!(append_taa_acceptance(REQUEST, None, None, Some(digest), "on_click", 1).is_ok());
        assert!(append_taa_acceptance(REQUEST, Some("other"), Some("1.0"), Some(digest), "m", 1).is_err());
        assert!(append_taa_acceptance(REQUEST, Some("t"), None, None, "m", 1).is_err());
        assert!(append_taa_acceptance(REQUEST, None, None, None, "m", 1).is_err());
    }

    #[test]
    fn endorser_is_the_unqualified_did() {
        let request = append_endorser(REQUEST, "did:sov:VsKV7grR1BUE29mG2Fm2kX").unwrap();
        let request: Value = serde_json::from_str(&request).unwrap();
        assert_eq!(request["endorser"], "VsKV7grR1BUE29mG2Fm2kX");
        assert!(append_endorser(REQUEST, "not a did").is_err());
        assert!(append_endorser("[]", "VsKV7grR1BUE29mG2Fm2kX").is_err());
    }
}
