//! Anoncreds glue over `indy-credx` (Hyperledger's implementation of exactly these Indy
//! formats): its errors as libindy's codes, and what libindy stored beside a credential
//! (the tags credential searches and proof requests use).

use std::collections::HashMap;
use std::path::Path;

use indy_credx::tails::TailsFileReader;
use indy_credx::types::{Credential, RevocationRegistryDefinition, SchemaId};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::errors::{ErrorCode, IndyError};

/// An `indy-credx` error as libindy reported the same failure.
pub fn credx_error(e: indy_credx::Error) -> IndyError {
    use indy_credx::ErrorKind::*;
    let kind = match e.kind() {
        Input => ErrorCode::CommonInvalidStructure,
        IOError => ErrorCode::CommonIOError,
        CredentialRevoked => ErrorCode::AnoncredsCredentialRevoked,
        InvalidUserRevocId => ErrorCode::AnoncredsInvalidUserRevocId,
        ProofRejected => ErrorCode::AnoncredsProofRejected,
        RevocationRegistryFull => ErrorCode::AnoncredsRevocationRegistryFullError,
        InvalidState | Unexpected => ErrorCode::CommonInvalidState,
    };
    IndyError::new(kind, e.to_string())
}

/// An `indy-credx` error from checking the caller's objects against each other (a request
/// for another offer, a credential for another request): libindy reported these, which CL
/// code sees as an invalid state, as `CommonInvalidStructure`.
pub fn credx_input_error(e: indy_credx::Error) -> IndyError {
    match e.kind() {
        indy_credx::ErrorKind::InvalidState => IndyError::invalid_structure(e.to_string()),
        _ => credx_error(e),
    }
}

/// Parses one of libindy's JSON arguments, naming it when it is wrong.
pub fn parse<T: serde::de::DeserializeOwned>(json: &str, what: &str) -> Result<T, IndyError> {
    serde_json::from_str(json).map_err(|e| IndyError::invalid_structure(format!("Invalid {what}: {e}")))
}

pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("anoncreds objects serialize")
}

/// The issuer DID, name and version of a schema id, qualified or not.
fn schema_parts(schema_id: &SchemaId) -> Option<(String, String, String)> {
    schema_id.parts().map(|(_, did, name, version)| (did.0, name, version))
}

/// libindy's attribute name for tags and proof requests: lowercase, no spaces.
pub fn attr_common_view(name: &str) -> String {
    name.replace(' ', "").to_lowercase()
}

/// The tags that hold an id or DID; for fully qualified credentials libindy added a
/// `<tag>_short` twin with the unqualified value, which version 1 proof requests match.
pub const QUALIFIABLE_TAGS: [&str; 5] = ["issuer_did", "cred_def_id", "schema_id", "schema_issuer_did", "rev_reg_id"];

/// `indy_prover_set_credential_attr_tag_policy`'s list: the attributes whose raw values are
/// tagged (all when there is no policy), stored as libindy stored it, a JSON array of
/// names in their common view.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TagPolicy(pub Vec<String>);

impl TagPolicy {
    pub fn new(attributes: Vec<String>) -> TagPolicy {
        let mut names: Vec<String> = attributes.iter().map(|a| attr_common_view(a)).collect();
        names.sort();
        names.dedup();
        TagPolicy(names)
    }

    fn is_taggable(&self, name: &str) -> bool {
        self.0.iter().any(|a| a == name)
    }
}

/// The tags libindy put on a stored credential: schema and issuer parts, and per
/// attribute a marker and (unless the tag policy leaves it out) the raw value.
pub fn credential_tags(credential: &Credential, policy: Option<&TagPolicy>) -> HashMap<String, String> {
    let mut tags = HashMap::new();
    let (schema_issuer, schema_name, schema_version) = schema_parts(&credential.schema_id).unwrap_or_default();
    let issuer_did = match credential.cred_def_id.parts() {
        Some((_, did, ..)) => did.0,
        None => credential.cred_def_id.0.split(':').next().unwrap_or_default().to_string(),
    };
    tags.insert("schema_id".into(), credential.schema_id.0.clone());
    tags.insert("schema_issuer_did".into(), schema_issuer);
    tags.insert("schema_name".into(), schema_name);
    tags.insert("schema_version".into(), schema_version);
    tags.insert("issuer_did".into(), issuer_did);
    tags.insert("cred_def_id".into(), credential.cred_def_id.0.clone());
    tags.insert("rev_reg_id".into(), credential.rev_reg_id.as_ref().map_or("None".into(), |id| id.0.clone()));
    for name in QUALIFIABLE_TAGS {
        let value = &tags[name];
        if let Ok(short) = to_unqualified(value) {
            if &short != value {
                tags.insert(format!("{name}_short"), short);
            }
        }
    }
    for (name, value) in &credential.values.0 {
        let name = attr_common_view(name);
        tags.insert(format!("attr::{name}::marker"), "1".into());
        if policy.is_none_or(|policy| policy.is_taggable(&name)) {
            tags.insert(format!("attr::{name}::value"), value.raw.clone());
        }
    }
    tags
}

/// The tails file of a revocation registry in a blob storage directory (named by its hash,
/// as libindy's default blob storage named it), checked against that hash: a wrong file
/// would only show later, as proofs that never verify.
pub fn open_tails(base_dir: &Path, definition: &RevocationRegistryDefinition) -> Result<TailsFileReader, IndyError> {
    let RevocationRegistryDefinition::RevocationRegistryDefinitionV1(v1) = definition;
    let hash = &v1.value.tails_hash;
    let expected = bs58::decode(hash)
        .into_vec()
        .map_err(|_| IndyError::invalid_structure(format!("Tails hash {hash:?} is not base58")))?;
    let path = base_dir.join(hash);
    let io_error = |e: std::io::Error| {
        IndyError::new(ErrorCode::CommonIOError, format!("Cannot read tails file {}: {e}", path.display()))
    };
    let mut file = std::fs::File::open(&path).map_err(io_error)?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io_error)?;
    if hasher.finalize().as_slice() != expected.as_slice() {
        return Err(IndyError::invalid_structure(format!(
            "Tails file {} does not match the registry's tails hash",
            path.display()
        )));
    }
    Ok(TailsFileReader::new(path))
}

/// An id, DID or anoncreds object with its `did:<method>:` / `schema:<method>:` … qualifiers
/// removed, as `indy_to_unqualified`; anything already unqualified comes back unchanged.
pub fn to_unqualified(entity: &str) -> Result<String, IndyError> {
    use indy_credx::types::{
        CredentialDefinition, CredentialDefinitionId, CredentialOffer, CredentialRequest, DidValue,
        PresentationRequest, RevocationRegistryDefinition, RevocationRegistryId, Schema, SchemaId,
    };
    use indy_data_types::Qualifiable;

    if entity.starts_with("did:") {
        return Ok(DidValue(entity.to_string()).to_unqualified().0);
    }
    if entity.starts_with("schema:") {
        return Ok(SchemaId(entity.to_string()).to_unqualified().0);
    }
    if entity.starts_with("creddef:") {
        return Ok(CredentialDefinitionId(entity.to_string()).to_unqualified().0);
    }
    if entity.starts_with("revreg:") {
        return Ok(RevocationRegistryId(entity.to_string()).to_unqualified().0);
    }
    if !entity.trim_start().starts_with('{') {
        return Ok(entity.to_string());
    }
    // The object kinds libindy accepted, told apart by their fields.
    let value: serde_json::Value = parse(entity, "entity")?;
    let has = |field: &str| value.get(field).is_some();
    Ok(if has("attrNames") {
        to_json(&parse::<Schema>(entity, "schema")?.to_unqualified())
    } else if has("revocDefType") {
        to_json(&parse::<RevocationRegistryDefinition>(entity, "revocation registry definition")?.to_unqualified())
    } else if has("schemaId") {
        to_json(&parse::<CredentialDefinition>(entity, "credential definition")?.to_unqualified())
    } else if has("key_correctness_proof") {
        to_json(&parse::<CredentialOffer>(entity, "credential offer")?.to_unqualified())
    } else if has("blinded_ms") {
        to_json(&parse::<CredentialRequest>(entity, "credential request")?.to_unqualified())
    } else if has("requested_attributes") || has("requested_predicates") {
        to_json(&parse::<PresentationRequest>(entity, "proof request")?.to_unqualified())
    } else {
        return Err(IndyError::invalid_structure("Not a DID, an anoncreds id or an anoncreds object"));
    })
}

/// `indy_prover_get_credential`'s answer.
#[derive(Debug, Serialize)]
pub struct CredentialInfo {
    pub referent: String,
    pub attrs: HashMap<String, String>,
    pub schema_id: String,
    pub cred_def_id: String,
    pub rev_reg_id: Option<String>,
    pub cred_rev_id: Option<String>,
}

impl CredentialInfo {
    pub fn new(referent: String, credential: &Credential) -> CredentialInfo {
        CredentialInfo {
            referent,
            attrs: credential.values.0.iter().map(|(name, value)| (name.clone(), value.raw.clone())).collect(),
            schema_id: credential.schema_id.0.clone(),
            cred_def_id: credential.cred_def_id.0.clone(),
            rev_reg_id: credential.rev_reg_id.as_ref().map(|id| id.0.clone()),
            cred_rev_id: credential.signature.extract_index().map(|i| i.to_string()),
        }
    }
}

/// `indy_prover_create_proof`'s `requested_credentials_json`.
#[derive(Debug, Deserialize)]
pub struct RequestedCredentials {
    #[serde(default)]
    pub self_attested_attributes: HashMap<String, String>,
    #[serde(default)]
    pub requested_attributes: HashMap<String, RequestedAttribute>,
    #[serde(default)]
    pub requested_predicates: HashMap<String, ProvingCredential>,
}

#[derive(Debug, Deserialize)]
pub struct RequestedAttribute {
    pub cred_id: String,
    pub timestamp: Option<u64>,
    #[serde(default = "yes")]
    pub revealed: bool,
}

#[derive(Debug, Deserialize)]
pub struct ProvingCredential {
    pub cred_id: String,
    pub timestamp: Option<u64>,
}

fn yes() -> bool {
    true
}

impl RequestedCredentials {
    /// Every credential the proof uses, once each.
    pub fn credential_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.credential_uses().into_iter().map(|(id, _)| id).collect();
        ids.dedup(); // sorted by id first
        ids
    }

    /// Every (credential, timestamp) pair the proof uses, once each: a credential proved at
    /// two timestamps counts twice.
    pub fn credential_uses(&self) -> Vec<(String, Option<u64>)> {
        let mut uses: Vec<(String, Option<u64>)> = self
            .requested_attributes
            .values()
            .map(|a| (a.cred_id.clone(), a.timestamp))
            .chain(self.requested_predicates.values().map(|p| (p.cred_id.clone(), p.timestamp)))
            .collect();
        uses.sort();
        uses.dedup();
        uses
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifiers_come_off_ids_and_objects() {
        assert_eq!(to_unqualified("did:sov:NcYxiDXkpYi6ov5FcYDi1e").unwrap(), "NcYxiDXkpYi6ov5FcYDi1e");
        assert_eq!(
            to_unqualified("schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0").unwrap(),
            "NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0"
        );
        assert_eq!(to_unqualified("NcYxiDXkpYi6ov5FcYDi1e").unwrap(), "NcYxiDXkpYi6ov5FcYDi1e");
        let schema = r#"{"ver":"1.0","id":"schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0","name":"gvt","version":"1.0","attrNames":["name"],"seqNo":null}"#;
        let unqualified: serde_json::Value = serde_json::from_str(&to_unqualified(schema).unwrap()).unwrap();
        assert_eq!(unqualified["id"], "NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0");
        assert!(to_unqualified(r#"{"something": 1}"#).is_err());
    }

    fn credential(schema_id: &str, cred_def_id: &str, rev_reg_id: Option<&str>) -> Credential {
        serde_json::from_value(serde_json::json!({
            "schema_id": schema_id, "cred_def_id": cred_def_id, "rev_reg_id": rev_reg_id,
            "values": {"First Name": {"raw": "Alex", "encoded": "12345"}, "age": {"raw": "25", "encoded": "25"}},
            "signature": {"p_credential": {"m_2": "0", "a": "0", "e": "0", "v": "0"}},
            "signature_correctness_proof": {"se": "0", "c": "0"}
        }))
        .unwrap()
    }

    #[test]
    fn credential_tags_are_libindys_with_short_ids_and_the_tag_policy() {
        let tags = credential_tags(
            &credential("NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0", "NcYxiDXkpYi6ov5FcYDi1e:3:CL:1:tag", None),
            None,
        );
        assert_eq!(tags["schema_issuer_did"], "NcYxiDXkpYi6ov5FcYDi1e");
        assert_eq!(tags["issuer_did"], "NcYxiDXkpYi6ov5FcYDi1e");
        assert_eq!(tags["rev_reg_id"], "None");
        assert_eq!(tags["attr::firstname::value"], "Alex");
        assert_eq!(tags["attr::age::marker"], "1");
        assert!(!tags.keys().any(|k| k.ends_with("_short")));

        let qualified = credential(
            "schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0",
            "creddef:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:3:CL:schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0:tag",
            None,
        );
        let policy = TagPolicy::new(vec!["First Name".into()]);
        let tags = credential_tags(&qualified, Some(&policy));
        assert_eq!(tags["issuer_did"], "did:sov:NcYxiDXkpYi6ov5FcYDi1e");
        assert_eq!(tags["issuer_did_short"], "NcYxiDXkpYi6ov5FcYDi1e");
        assert_eq!(tags["schema_id_short"], "NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0");
        assert_eq!(tags["attr::firstname::value"], "Alex");
        assert!(!tags.contains_key("attr::age::value"), "the policy leaves age untagged");
        assert_eq!(tags["attr::age::marker"], "1");
    }

    #[test]
    fn attribute_names_are_compared_lowercase_without_spaces() {
        assert_eq!(attr_common_view("First Name"), "firstname");
    }

    #[test]
    fn schema_ids_split_into_issuer_name_and_version() {
        let id = SchemaId("M6Wfpr7w7ZteZXhA8j5oPB:2:fixture-wallet1:1.0".into());
        assert_eq!(schema_parts(&id), Some(("M6Wfpr7w7ZteZXhA8j5oPB".into(), "fixture-wallet1".into(), "1.0".into())));
        let id = SchemaId("schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0".into());
        assert_eq!(schema_parts(&id), Some(("did:sov:NcYxiDXkpYi6ov5FcYDi1e".into(), "gvt".into(), "1.0".into())));
    }
}
