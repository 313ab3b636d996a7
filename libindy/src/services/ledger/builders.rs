//! `indy_build_*_request`: indy-vdr's builders where they give what libindy 1.16 gives,
//! with libindy's checks and values where they do not (NYM roles, the CRED_DEF tag per
//! protocol version, GET_TXN ledger names, GET_DDO, the pool actions).

use std::collections::HashMap;

use indy_vdr::ledger::identifiers::{CredentialDefinitionId, RevocationRegistryId, SchemaId};
use indy_vdr::ledger::requests::auth_rule::{AuthRules as Rules, Constraint};
use indy_vdr::ledger::requests::author_agreement::{AcceptanceMechanisms as Aml, GetTxnAuthorAgreementData};
use indy_vdr::ledger::requests::cred_def::CredentialDefinition;
use indy_vdr::ledger::requests::node::NodeOperationData;
use indy_vdr::ledger::requests::rev_reg::RevocationRegistryDelta;
use indy_vdr::ledger::requests::rev_reg_def::{RegistryType, RevocationRegistryDefinition};
use indy_vdr::ledger::requests::schema::Schema as SchemaData;
use indy_vdr::ledger::requests::txn::GetTxnOperation;
use indy_vdr::ledger::requests::RequestType;
use indy_vdr::ledger::RequestBuilder;
use indy_vdr::pool::{PreparedRequest, ProtocolVersion};
use indy_vdr::utils::did::DidValue;
use indy_vdr::utils::Validatable;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::did;
use crate::errors::{IndyError, IndyResult};

/// One builder call with the caller's arguments as given (JSON still text).
#[derive(Debug, Clone)]
pub enum BuildRequest {
    GetDdo {
        submitter: Option<String>,
        target: String,
    },
    Nym {
        submitter: String,
        target: String,
        verkey: Option<String>,
        alias: Option<String>,
        role: Option<String>,
    },
    Attrib {
        submitter: String,
        target: String,
        hash: Option<String>,
        raw: Option<String>,
        enc: Option<String>,
    },
    GetAttrib {
        submitter: Option<String>,
        target: String,
        raw: Option<String>,
        hash: Option<String>,
        enc: Option<String>,
    },
    GetNym {
        submitter: Option<String>,
        target: String,
    },
    Schema {
        submitter: String,
        data: String,
    },
    GetSchema {
        submitter: Option<String>,
        id: String,
    },
    CredDef {
        submitter: String,
        data: String,
    },
    GetCredDef {
        submitter: Option<String>,
        id: String,
    },
    Node {
        submitter: String,
        target: String,
        data: String,
    },
    GetValidatorInfo {
        submitter: String,
    },
    GetTxn {
        submitter: Option<String>,
        ledger_type: Option<String>,
        seq_no: i32,
    },
    PoolConfig {
        submitter: String,
        writes: bool,
        force: bool,
    },
    PoolRestart {
        submitter: String,
        action: String,
        datetime: Option<String>,
    },
    PoolUpgrade(Box<PoolUpgrade>),
    RevocRegDef {
        submitter: String,
        data: String,
    },
    GetRevocRegDef {
        submitter: Option<String>,
        id: String,
    },
    RevocRegEntry {
        submitter: String,
        revoc_reg_def_id: String,
        rev_def_type: String,
        value: String,
    },
    GetRevocReg {
        submitter: Option<String>,
        revoc_reg_def_id: String,
        timestamp: i64,
    },
    GetRevocRegDelta {
        submitter: Option<String>,
        revoc_reg_def_id: String,
        from: i64,
        to: i64,
    },
    AuthRule(Box<AuthRule>),
    AuthRules {
        submitter: String,
        data: String,
    },
    GetAuthRule(Box<GetAuthRule>),
    TxnAuthorAgreement {
        submitter: String,
        text: Option<String>,
        version: String,
        ratification_ts: i64,
        retirement_ts: i64,
    },
    DisableAllTxnAuthorAgreements {
        submitter: String,
    },
    GetTxnAuthorAgreement {
        submitter: Option<String>,
        data: Option<String>,
    },
    AcceptanceMechanisms {
        submitter: String,
        aml: String,
        version: String,
        aml_context: Option<String>,
    },
    GetAcceptanceMechanisms {
        submitter: Option<String>,
        timestamp: i64,
        version: Option<String>,
    },
    LedgersFreeze {
        submitter: String,
        ledgers_ids: String,
    },
    GetFrozenLedgers {
        submitter: String,
    },
}

#[derive(Debug, Clone)]
pub struct PoolUpgrade {
    pub submitter: String,
    pub name: String,
    pub version: String,
    pub action: String,
    pub sha256: String,
    pub timeout: i32,
    pub schedule: Option<String>,
    pub justification: Option<String>,
    pub reinstall: bool,
    pub force: bool,
    pub package: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AuthRule {
    pub submitter: String,
    pub txn_type: String,
    pub action: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub constraint: String,
}

#[derive(Debug, Clone)]
pub struct GetAuthRule {
    pub submitter: Option<String>,
    pub txn_type: Option<String>,
    pub action: Option<String>,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// The request JSON for `request`, for ledger protocol `protocol_version` (1 or 2).
pub fn build(request: BuildRequest, protocol_version: u64) -> IndyResult<String> {
    Ok(build_prepared(request, protocol_version)?.req_json.to_string())
}

/// The request ready for the pool (as `build`, with its handling chosen).
pub fn build_prepared(request: BuildRequest, protocol_version: u64) -> IndyResult<PreparedRequest> {
    let pv = if protocol_version == 1 { ProtocolVersion::Node1_3 } else { ProtocolVersion::Node1_4 };
    let b = RequestBuilder::new(pv);
    use BuildRequest::*;
    let prepared = match request {
        GetDdo { submitter, target } => b.build(
            GetDdoOperation { type_: "120".into(), dest: did(&target)?.to_short().0 },
            opt_did(&submitter)?.as_ref(),
        ),
        Nym { submitter, target, verkey, alias, role } => {
            let role = role.map(|r| nym_role(&r)).transpose()?;
            let mut built = b.build_nym_request(&did(&submitter)?, &did(&target)?, verkey, alias, None, None, None);
            if let (Ok(built), Some(role)) = (&mut built, role) {
                built.req_json["operation"]["role"] = role;
            }
            built
        }
        Attrib { submitter, target, hash, raw, enc } => {
            one_of_attrib(&hash, &raw, &enc)?;
            let raw = raw.map(|raw| json::<Value>(&raw, "raw attribute")).transpose()?;
            b.build_attrib_request(&did(&submitter)?, &did(&target)?, hash, raw.as_ref(), enc)
        }
        GetAttrib { submitter, target, raw, hash, enc } => {
            one_of_attrib(&hash, &raw, &enc)?;
            b.build_get_attrib_request(opt_did(&submitter)?.as_ref(), &did(&target)?, raw, hash, enc, None, None)
        }
        GetNym { submitter, target } => {
            b.build_get_nym_request(opt_did(&submitter)?.as_ref(), &did(&target)?, None, None)
        }
        Schema { submitter, data } => {
            let schema: SchemaData = validated(&data, "schema")?;
            b.build_schema_request(&did(&submitter)?, schema)
        }
        GetSchema { submitter, id } => {
            let id = SchemaId(id);
            id.validate().map_err(|e| IndyError::invalid_structure(format!("Invalid schema id: {e}")))?;
            b.build_get_schema_request(opt_did(&submitter)?.as_ref(), &id)
        }
        CredDef { submitter, data } => {
            let cred_def: CredentialDefinition = validated(&data, "credential definition")?;
            let CredentialDefinition::CredentialDefinitionV1(ref v1) = cred_def;
            let tag = v1.tag.clone();
            let mut built = b.build_cred_def_request(&did(&submitter)?, cred_def);
            if let Ok(built) = &mut built {
                // libindy: no tag for protocol 1, always one (even empty) for protocol 2.
                let operation = built.req_json["operation"].as_object_mut().expect("an operation object");
                if pv == ProtocolVersion::Node1_3 {
                    operation.remove("tag");
                } else {
                    operation.insert("tag".into(), Value::String(tag));
                }
            }
            built
        }
        GetCredDef { submitter, id } => {
            let id = CredentialDefinitionId(id);
            id.validate()
                .map_err(|e| IndyError::invalid_structure(format!("Invalid credential definition id: {e}")))?;
            b.build_get_cred_def_request(opt_did(&submitter)?.as_ref(), &id)
        }
        Node { submitter, target, data } => {
            let data: NodeOperationData = validated(&data, "node data")?;
            b.build_node_request(&did(&submitter)?, &did(&target)?, data)
        }
        GetValidatorInfo { submitter } => b.build_get_validator_info_request(&did(&submitter)?),
        GetTxn { submitter, ledger_type, seq_no } => {
            let ledger_id = ledger_id(ledger_type.as_deref())?;
            b.build(GetTxnOperation::new(seq_no, ledger_id), opt_did(&submitter)?.as_ref())
        }
        PoolConfig { submitter, writes, force } => b.build_pool_config_request(&did(&submitter)?, writes, force),
        PoolRestart { submitter, action, datetime } => {
            check_pool_action(&action)?;
            b.build_pool_restart_request(&did(&submitter)?, &action, datetime.as_deref())
        }
        PoolUpgrade(upgrade) => {
            let schedule: Option<HashMap<String, String>> =
                upgrade.schedule.as_deref().map(|s| json(s, "schedule")).transpose()?;
            check_pool_action(&upgrade.action)?;
            if upgrade.action == "start" && schedule.is_none() {
                return Err(IndyError::invalid_structure("Schedule is required for `start` action"));
            }
            b.build_pool_upgrade_request(
                &did(&upgrade.submitter)?,
                &upgrade.name,
                &upgrade.version,
                &upgrade.action,
                &upgrade.sha256,
                u32::try_from(upgrade.timeout).ok(),
                schedule,
                upgrade.justification.as_deref(),
                upgrade.reinstall,
                upgrade.force,
                upgrade.package.as_deref(),
            )
        }
        RevocRegDef { submitter, data } => {
            let def: RevocationRegistryDefinition = validated(&data, "revocation registry definition")?;
            b.build_revoc_reg_def_request(&did(&submitter)?, def)
        }
        GetRevocRegDef { submitter, id } => {
            b.build_get_revoc_reg_def_request(opt_did(&submitter)?.as_ref(), &rev_reg_id(id)?)
        }
        RevocRegEntry { submitter, revoc_reg_def_id, rev_def_type, value } => {
            let delta: RevocationRegistryDelta = json(&value, "revocation registry delta")?;
            let registry_type: RegistryType = json(&Value::String(rev_def_type).to_string(), "revocation type")?;
            b.build_revoc_reg_entry_request(&did(&submitter)?, &rev_reg_id(revoc_reg_def_id)?, &registry_type, delta)
        }
        GetRevocReg { submitter, revoc_reg_def_id, timestamp } => {
            b.build_get_revoc_reg_request(opt_did(&submitter)?.as_ref(), &rev_reg_id(revoc_reg_def_id)?, timestamp)
        }
        GetRevocRegDelta { submitter, revoc_reg_def_id, from, to } => b.build_get_revoc_reg_delta_request(
            opt_did(&submitter)?.as_ref(),
            &rev_reg_id(revoc_reg_def_id)?,
            (from != -1).then_some(from),
            to,
        ),
        AuthRule(rule) => {
            let constraint: Constraint = json(&rule.constraint, "constraint")?;
            b.build_auth_rule_request(
                &did(&rule.submitter)?,
                rule.txn_type,
                rule.action,
                rule.field,
                rule.old_value,
                rule.new_value,
                constraint,
            )
        }
        AuthRules { submitter, data } => {
            let rules: Rules = json(&data, "auth rules")?;
            b.build_auth_rules_request(&did(&submitter)?, rules)
        }
        GetAuthRule(rule) => b.build_get_auth_rule_request(
            opt_did(&rule.submitter)?.as_ref(),
            rule.txn_type,
            rule.action,
            rule.field,
            rule.old_value,
            rule.new_value,
        ),
        TxnAuthorAgreement { submitter, text, version, ratification_ts, retirement_ts } => b
            .build_txn_author_agreement_request(
                &did(&submitter)?,
                text,
                version,
                u64::try_from(ratification_ts).ok(),
                u64::try_from(retirement_ts).ok(),
            ),
        DisableAllTxnAuthorAgreements { submitter } => {
            b.build_disable_all_txn_author_agreements_request(&did(&submitter)?)
        }
        GetTxnAuthorAgreement { submitter, data } => {
            let data: Option<GetTxnAuthorAgreementData> = data.map(|d| validated(&d, "TAA query")).transpose()?;
            b.build_get_txn_author_agreement_request(opt_did(&submitter)?.as_ref(), data.as_ref())
        }
        AcceptanceMechanisms { submitter, aml, version, aml_context } => {
            let aml: Aml = validated(&aml, "acceptance mechanisms")?;
            b.build_acceptance_mechanisms_request(&did(&submitter)?, aml, version, aml_context)
        }
        GetAcceptanceMechanisms { submitter, timestamp, version } => b.build_get_acceptance_mechanisms_request(
            opt_did(&submitter)?.as_ref(),
            u64::try_from(timestamp).ok(),
            version,
        ),
        LedgersFreeze { submitter, ledgers_ids } => {
            let ids: Vec<u64> = json(&ledgers_ids, "ledger ids")?;
            b.build_ledgers_freeze_request(&did(&submitter)?, &ids)
        }
        GetFrozenLedgers { submitter } => b.build_get_frozen_ledgers_request(&did(&submitter)?),
    };
    prepared.map_err(|e| IndyError::invalid_structure(e.to_string()))
}

/// GET_DDO: libindy still builds it; indy-vdr has no builder for it.
#[derive(Serialize)]
struct GetDdoOperation {
    #[serde(rename = "type")]
    type_: String,
    dest: String,
}

impl RequestType for GetDdoOperation {
    fn get_txn_type<'a>() -> &'a str {
        "120"
    }
}

fn opt_did(value: &Option<String>) -> IndyResult<Option<DidValue>> {
    value.as_deref().map(did).transpose()
}

fn json<T: DeserializeOwned>(text: &str, what: &str) -> IndyResult<T> {
    serde_json::from_str(text).map_err(|e| IndyError::invalid_structure(format!("Invalid {what} JSON: {e}")))
}

fn validated<T: DeserializeOwned + Validatable>(text: &str, what: &str) -> IndyResult<T> {
    let value: T = json(text, what)?;
    value.validate().map_err(|e| IndyError::invalid_structure(format!("Invalid {what}: {e}")))?;
    Ok(value)
}

fn rev_reg_id(id: String) -> IndyResult<RevocationRegistryId> {
    let id = RevocationRegistryId(id);
    id.validate().map_err(|e| IndyError::invalid_structure(format!("Invalid revocation registry id: {e}")))?;
    Ok(id)
}

/// libindy: a role name or code; an empty one removes the role (null).
fn nym_role(role: &str) -> IndyResult<Value> {
    Ok(match role {
        "" => Value::Null,
        "TRUSTEE" | "0" => "0".into(),
        "STEWARD" | "2" => "2".into(),
        "TRUST_ANCHOR" | "ENDORSER" | "101" => "101".into(),
        "NETWORK_MONITOR" | "201" => "201".into(),
        other => return Err(IndyError::invalid_structure(format!("Invalid role: {other}"))),
    })
}

fn one_of_attrib(hash: &Option<String>, raw: &Option<String>, enc: &Option<String>) -> IndyResult<()> {
    if hash.is_none() && raw.is_none() && enc.is_none() {
        return Err(IndyError::invalid_structure("Either raw or hash or enc must be specified"));
    }
    Ok(())
}

/// `DOMAIN`, `POOL`, `CONFIG` or a ledger number; DOMAIN when absent.
fn ledger_id(ledger_type: Option<&str>) -> IndyResult<i32> {
    match ledger_type {
        None | Some("DOMAIN") => Ok(1),
        Some("POOL") => Ok(0),
        Some("CONFIG") => Ok(2),
        Some(other) => other.parse().map_err(|_| IndyError::invalid_structure(format!("Invalid Ledger type: {other}"))),
    }
}

fn check_pool_action(action: &str) -> IndyResult<()> {
    if action != "start" && action != "cancel" {
        return Err(IndyError::invalid_structure(format!("Invalid action: {action}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const IDENTIFIER: &str = "NcYxiDXkpYi6ov5FcYDi1e";
    const DEST: &str = "VsKV7grR1BUE29mG2Fm2kX";
    const VERKEY: &str = "CnEDk9HrMnmiHXEV1WFgbVCRteYnPqsJwrTdcZaNhFVW";
    const SCHEMA_ID: &str = "NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0";
    const CRED_DEF_ID: &str = "NcYxiDXkpYi6ov5FcYDi1e:3:CL:1:tag";
    const REV_REG_ID: &str = "NcYxiDXkpYi6ov5FcYDi1e:4:NcYxiDXkpYi6ov5FcYDi1e:3:CL:1:tag:CL_ACCUM:TAG_1";

    fn s(v: &str) -> String {
        v.to_string()
    }

    /// Builds with protocol 2 and checks the whole request but its reqId.
    fn check(request: BuildRequest, identifier: &str, operation: Value) {
        check_v(request, 2, identifier, operation);
    }

    fn check_v(request: BuildRequest, version: u64, identifier: &str, operation: Value) {
        let built: Value = serde_json::from_str(&build(request, version).unwrap()).unwrap();
        assert!(built["reqId"].as_u64().unwrap() > 1_500_000_000_000_000_000, "reqId in nanoseconds");
        let mut without_id = built.clone();
        without_id.as_object_mut().unwrap().remove("reqId");
        assert_eq!(without_id, json!({"identifier": identifier, "operation": operation, "protocolVersion": version}),);
    }

    fn fails(request: BuildRequest) {
        assert!(build(request, 2).is_err());
    }

    #[test]
    fn nym() {
        check(
            BuildRequest::Nym { submitter: s(IDENTIFIER), target: s(DEST), verkey: None, alias: None, role: None },
            IDENTIFIER,
            json!({"type": "1", "dest": DEST}),
        );
        check(
            BuildRequest::Nym {
                submitter: s(IDENTIFIER),
                target: s(DEST),
                verkey: Some(s(VERKEY)),
                alias: Some(s("some_alias")),
                role: Some(s("STEWARD")),
            },
            IDENTIFIER,
            json!({"type": "1", "dest": DEST, "verkey": VERKEY, "alias": "some_alias", "role": "2"}),
        );
        check(
            BuildRequest::Nym {
                submitter: s(IDENTIFIER),
                target: s(DEST),
                verkey: None,
                alias: None,
                role: Some(s("")),
            },
            IDENTIFIER,
            json!({"type": "1", "dest": DEST, "role": null}),
        );
        check(
            BuildRequest::Nym {
                submitter: format!("did:sov:{IDENTIFIER}"),
                target: format!("did:sov:{DEST}"),
                verkey: None,
                alias: None,
                role: Some(s("TRUST_ANCHOR")),
            },
            IDENTIFIER,
            json!({"type": "1", "dest": DEST, "role": "101"}),
        );
        fails(BuildRequest::Nym {
            submitter: s(IDENTIFIER),
            target: s(DEST),
            verkey: None,
            alias: None,
            role: Some(s("WRONG")),
        });
        fails(BuildRequest::Nym {
            submitter: s("invalid_base58"),
            target: s(DEST),
            verkey: None,
            alias: None,
            role: None,
        });
    }

    #[test]
    fn get_nym_and_the_default_submitter() {
        check(
            BuildRequest::GetNym { submitter: Some(s(IDENTIFIER)), target: s(DEST) },
            IDENTIFIER,
            json!({"type": "105", "dest": DEST}),
        );
        check(
            BuildRequest::GetNym { submitter: None, target: s(DEST) },
            "LibindyDid111111111111",
            json!({"type": "105", "dest": DEST}),
        );
        check(
            BuildRequest::GetDdo { submitter: Some(s(IDENTIFIER)), target: s(DEST) },
            IDENTIFIER,
            json!({"type": "120", "dest": DEST}),
        );
    }

    #[test]
    fn attrib_and_get_attrib() {
        check(
            BuildRequest::Attrib {
                submitter: s(IDENTIFIER),
                target: s(DEST),
                hash: Some(s("hash")),
                raw: None,
                enc: None,
            },
            IDENTIFIER,
            json!({"type": "100", "dest": DEST, "hash": "hash"}),
        );
        check(
            BuildRequest::Attrib {
                submitter: s(IDENTIFIER),
                target: s(DEST),
                hash: None,
                raw: Some(s(r#"{"endpoint": {"ha": "127.0.0.1:5555"}}"#)),
                enc: None,
            },
            IDENTIFIER,
            json!({"type": "100", "dest": DEST, "raw": r#"{"endpoint":{"ha":"127.0.0.1:5555"}}"#}),
        );
        fails(BuildRequest::Attrib { submitter: s(IDENTIFIER), target: s(DEST), hash: None, raw: None, enc: None });
        fails(BuildRequest::Attrib {
            submitter: s(IDENTIFIER),
            target: s(DEST),
            hash: None,
            raw: Some(s("{not json")),
            enc: None,
        });
        for (raw, hash, enc, field, value) in [
            (Some(s("endpoint")), None, None, "raw", "endpoint"),
            (None, Some(s("hash")), None, "hash", "hash"),
            (None, None, Some(s("enc")), "enc", "enc"),
        ] {
            let mut operation = json!({"type": "104", "dest": DEST});
            operation[field] = value.into();
            check(
                BuildRequest::GetAttrib { submitter: Some(s(IDENTIFIER)), target: s(DEST), raw, hash, enc },
                IDENTIFIER,
                operation,
            );
        }
    }

    #[test]
    fn schema_and_get_schema() {
        let data =
            json!({"id": SCHEMA_ID, "name": "gvt", "version": "1.0", "attrNames": ["name"], "ver": "1.0"}).to_string();
        check(
            BuildRequest::Schema { submitter: s(IDENTIFIER), data },
            IDENTIFIER,
            json!({"type": "101", "data": {"name": "gvt", "version": "1.0", "attr_names": ["name"]}}),
        );
        fails(BuildRequest::Schema { submitter: s(IDENTIFIER), data: s(r#"{"name":"gvt"}"#) });
        check(
            BuildRequest::GetSchema { submitter: Some(s(IDENTIFIER)), id: s(SCHEMA_ID) },
            IDENTIFIER,
            json!({"type": "107", "dest": IDENTIFIER, "data": {"name": "gvt", "version": "1.0"}}),
        );
        check(
            BuildRequest::GetSchema {
                submitter: Some(s(IDENTIFIER)),
                id: format!("schema:sov:did:sov:{IDENTIFIER}:2:gvt:1.0"),
            },
            IDENTIFIER,
            json!({"type": "107", "dest": IDENTIFIER, "data": {"name": "gvt", "version": "1.0"}}),
        );
        fails(BuildRequest::GetSchema { submitter: Some(s(IDENTIFIER)), id: s("wrong") });
    }

    fn cred_def_data(tag: &str) -> String {
        json!({
            "ver": "1.0",
            "id": format!("{IDENTIFIER}:3:CL:1:{tag}"),
            "schemaId": "1",
            "type": "CL",
            "tag": tag,
            "value": {"primary": {"n": "1", "s": "2", "r": {"name": "1", "master_secret": "3"}, "rctxt": "1", "z": "1"}}
        })
        .to_string()
    }

    #[test]
    fn cred_def_tag_follows_the_protocol_version() {
        let primary = json!({"n": "1", "s": "2", "r": {"name": "1", "master_secret": "3"}, "rctxt": "1", "z": "1"});
        check(
            BuildRequest::CredDef { submitter: s(IDENTIFIER), data: cred_def_data("tag") },
            IDENTIFIER,
            json!({"type": "102", "ref": 1, "signature_type": "CL", "tag": "tag", "data": {"primary": primary}}),
        );
        check(
            BuildRequest::CredDef { submitter: s(IDENTIFIER), data: cred_def_data("") },
            IDENTIFIER,
            json!({"type": "102", "ref": 1, "signature_type": "CL", "tag": "", "data": {"primary": primary}}),
        );
        check_v(
            BuildRequest::CredDef { submitter: s(IDENTIFIER), data: cred_def_data("tag") },
            1,
            IDENTIFIER,
            json!({"type": "102", "ref": 1, "signature_type": "CL", "data": {"primary": primary}}),
        );
        check(
            BuildRequest::GetCredDef { submitter: Some(s(IDENTIFIER)), id: s(CRED_DEF_ID) },
            IDENTIFIER,
            json!({"type": "108", "ref": 1, "signature_type": "CL", "origin": IDENTIFIER, "tag": "tag"}),
        );
    }

    #[test]
    fn node() {
        let data = json!({
            "node_ip": "10.0.0.100", "node_port": 1, "client_ip": "10.0.0.100", "client_port": 2,
            "alias": "Node5", "services": ["VALIDATOR"], "blskey": "CnEDk", "blskey_pop": "pop"
        });
        check(
            BuildRequest::Node { submitter: s(IDENTIFIER), target: s(DEST), data: data.to_string() },
            IDENTIFIER,
            json!({"type": "0", "dest": DEST, "data": data}),
        );
        fails(BuildRequest::Node { submitter: s(IDENTIFIER), target: s(DEST), data: s(r#"{"alias":"Node5"}"#) });
        fails(BuildRequest::Node {
            submitter: s(IDENTIFIER),
            target: s(DEST),
            data: s(r#"{"alias":"Node5","node_ip":"1.1.1.1"}"#),
        });
    }

    #[test]
    fn txn_and_validator_info() {
        check(BuildRequest::GetValidatorInfo { submitter: s(IDENTIFIER) }, IDENTIFIER, json!({"type": "119"}));
        check(
            BuildRequest::GetTxn { submitter: Some(s(IDENTIFIER)), ledger_type: None, seq_no: 1 },
            IDENTIFIER,
            json!({"type": "3", "data": 1, "ledgerId": 1}),
        );
        check(
            BuildRequest::GetTxn { submitter: Some(s(IDENTIFIER)), ledger_type: Some(s("POOL")), seq_no: 1 },
            IDENTIFIER,
            json!({"type": "3", "data": 1, "ledgerId": 0}),
        );
        check(
            BuildRequest::GetTxn { submitter: Some(s(IDENTIFIER)), ledger_type: Some(s("1001")), seq_no: 2 },
            IDENTIFIER,
            json!({"type": "3", "data": 2, "ledgerId": 1001}),
        );
        fails(BuildRequest::GetTxn { submitter: None, ledger_type: Some(s("WRONG")), seq_no: 1 });
    }

    #[test]
    fn pool_config_restart_upgrade() {
        check(
            BuildRequest::PoolConfig { submitter: s(IDENTIFIER), writes: true, force: false },
            IDENTIFIER,
            json!({"type": "111", "writes": true, "force": false}),
        );
        check(
            BuildRequest::PoolRestart { submitter: s(IDENTIFIER), action: s("start"), datetime: Some(s("0")) },
            IDENTIFIER,
            json!({"type": "118", "action": "start", "datetime": "0"}),
        );
        fails(BuildRequest::PoolRestart { submitter: s(IDENTIFIER), action: s("wrong"), datetime: None });
        let upgrade = |action: &str, schedule: Option<String>, package: Option<String>| {
            BuildRequest::PoolUpgrade(Box::new(PoolUpgrade {
                submitter: s(IDENTIFIER),
                name: s("upgrade-libindy"),
                version: s("2.0.0"),
                action: s(action),
                sha256: s("f284b"),
                timeout: -1,
                schedule,
                justification: None,
                reinstall: false,
                force: false,
                package,
            }))
        };
        check(
            upgrade("cancel", None, None),
            IDENTIFIER,
            json!({"type": "109", "name": "upgrade-libindy", "version": "2.0.0", "action": "cancel",
                   "sha256": "f284b", "reinstall": false, "force": false}),
        );
        check(
            upgrade(
                "start",
                Some(s(r#"{"Gw6pDLhcBcoQesN72qfotTgFa7cbuqZpkX3Xo6pLhPhv":"2020-01-25T12:49:05.258870+00:00"}"#)),
                Some(s("some_package")),
            ),
            IDENTIFIER,
            json!({"type": "109", "name": "upgrade-libindy", "version": "2.0.0", "action": "start",
                   "sha256": "f284b", "reinstall": false, "force": false, "package": "some_package",
                   "schedule": {"Gw6pDLhcBcoQesN72qfotTgFa7cbuqZpkX3Xo6pLhPhv": "2020-01-25T12:49:05.258870+00:00"}}),
        );
        fails(upgrade("start", None, None));
    }

    #[test]
    fn revocation_requests() {
        check(
            BuildRequest::GetRevocRegDef { submitter: Some(s(IDENTIFIER)), id: s(REV_REG_ID) },
            IDENTIFIER,
            json!({"type": "115", "id": REV_REG_ID}),
        );
        check(
            BuildRequest::GetRevocReg {
                submitter: Some(s(IDENTIFIER)),
                revoc_reg_def_id: s(REV_REG_ID),
                timestamp: 100,
            },
            IDENTIFIER,
            json!({"type": "116", "revocRegDefId": REV_REG_ID, "timestamp": 100}),
        );
        check(
            BuildRequest::GetRevocRegDelta {
                submitter: Some(s(IDENTIFIER)),
                revoc_reg_def_id: s(REV_REG_ID),
                from: -1,
                to: 100,
            },
            IDENTIFIER,
            json!({"type": "117", "revocRegDefId": REV_REG_ID, "to": 100}),
        );
        check(
            BuildRequest::GetRevocRegDelta {
                submitter: Some(s(IDENTIFIER)),
                revoc_reg_def_id: s(REV_REG_ID),
                from: 50,
                to: 100,
            },
            IDENTIFIER,
            json!({"type": "117", "revocRegDefId": REV_REG_ID, "from": 50, "to": 100}),
        );
        let accum = "1 0000000000000000000000000000000000000000000000000000000000000000 1 0000000000000000000000000000000000000000000000000000000000000000 2 095E45DDF417D05FB10933FFC63D474548B7FFFF7888802F07FFFFFF7D07A8A8 1 0000000000000000000000000000000000000000000000000000000000000000 1 0000000000000000000000000000000000000000000000000000000000000000 1 0000000000000000000000000000000000000000000000000000000000000000";
        check(
            BuildRequest::RevocRegEntry {
                submitter: s(IDENTIFIER),
                revoc_reg_def_id: s(REV_REG_ID),
                rev_def_type: s("CL_ACCUM"),
                value: json!({"ver": "1.0", "value": {"accum": accum}}).to_string(),
            },
            IDENTIFIER,
            json!({"type": "114", "revocRegDefId": REV_REG_ID, "revocDefType": "CL_ACCUM", "value": {"accum": accum}}),
        );
    }

    #[test]
    fn auth_rules() {
        let constraint =
            json!({"constraint_id": "ROLE", "role": "0", "sig_count": 1, "need_to_be_owner": false, "metadata": {}});
        check(
            BuildRequest::AuthRule(Box::new(AuthRule {
                submitter: s(IDENTIFIER),
                txn_type: s("NYM"),
                action: s("ADD"),
                field: s("role"),
                old_value: None,
                new_value: Some(s("101")),
                constraint: constraint.to_string(),
            })),
            IDENTIFIER,
            json!({"type": "120", "auth_type": "1", "auth_action": "ADD", "field": "role", "new_value": "101", "constraint": constraint}),
        );
        check(
            BuildRequest::GetAuthRule(Box::new(GetAuthRule {
                submitter: Some(s(IDENTIFIER)),
                txn_type: Some(s("NYM")),
                action: Some(s("EDIT")),
                field: Some(s("role")),
                old_value: Some(s("0")),
                new_value: Some(s("101")),
            })),
            IDENTIFIER,
            json!({"type": "121", "auth_type": "1", "auth_action": "EDIT", "field": "role", "old_value": "0", "new_value": "101"}),
        );
        check(
            BuildRequest::GetAuthRule(Box::new(GetAuthRule {
                submitter: Some(s(IDENTIFIER)),
                txn_type: None,
                action: None,
                field: None,
                old_value: None,
                new_value: None,
            })),
            IDENTIFIER,
            json!({"type": "121"}),
        );
        fails(BuildRequest::GetAuthRule(Box::new(GetAuthRule {
            submitter: None,
            txn_type: Some(s("NYM")),
            action: None,
            field: None,
            old_value: None,
            new_value: None,
        })));
        let rules = json!([{"auth_type": "1", "auth_action": "ADD", "field": "role", "new_value": "101", "constraint": constraint}]);
        check(
            BuildRequest::AuthRules { submitter: s(IDENTIFIER), data: rules.to_string() },
            IDENTIFIER,
            json!({"type": "122", "rules": rules}),
        );
    }

    #[test]
    fn author_agreements() {
        check(
            BuildRequest::TxnAuthorAgreement {
                submitter: s(IDENTIFIER),
                text: Some(s("some TAA text")),
                version: s("1.0.0"),
                ratification_ts: 12345,
                retirement_ts: -1,
            },
            IDENTIFIER,
            json!({"type": "4", "text": "some TAA text", "version": "1.0.0", "ratification_ts": 12345}),
        );
        check(
            BuildRequest::TxnAuthorAgreement {
                submitter: s(IDENTIFIER),
                text: None,
                version: s("1.0.0"),
                ratification_ts: -1,
                retirement_ts: 54321,
            },
            IDENTIFIER,
            json!({"type": "4", "version": "1.0.0", "retirement_ts": 54321}),
        );
        check(
            BuildRequest::DisableAllTxnAuthorAgreements { submitter: s(IDENTIFIER) },
            IDENTIFIER,
            json!({"type": "8"}),
        );
        check(
            BuildRequest::GetTxnAuthorAgreement { submitter: None, data: None },
            "LibindyDid111111111111",
            json!({"type": "6"}),
        );
        check(
            BuildRequest::GetTxnAuthorAgreement {
                submitter: Some(s(IDENTIFIER)),
                data: Some(s(r#"{"version":"1.0.0"}"#)),
            },
            IDENTIFIER,
            json!({"type": "6", "version": "1.0.0"}),
        );
        fails(BuildRequest::GetTxnAuthorAgreement {
            submitter: None,
            data: Some(s(r#"{"version":"1.0.0","digest":"aa"}"#)),
        });
        let aml = json!({"acceptance mechanism label 1": "some acceptance mechanism description 1"});
        check(
            BuildRequest::AcceptanceMechanisms {
                submitter: s(IDENTIFIER),
                aml: aml.to_string(),
                version: s("1.0.0"),
                aml_context: Some(s("some context")),
            },
            IDENTIFIER,
            json!({"type": "5", "aml": aml, "version": "1.0.0", "amlContext": "some context"}),
        );
        check(
            BuildRequest::GetAcceptanceMechanisms { submitter: None, timestamp: 123456789, version: None },
            "LibindyDid111111111111",
            json!({"type": "7", "timestamp": 123456789}),
        );
        check(
            BuildRequest::GetAcceptanceMechanisms { submitter: None, timestamp: -1, version: Some(s("1.0.0")) },
            "LibindyDid111111111111",
            json!({"type": "7", "version": "1.0.0"}),
        );
        fails(BuildRequest::GetAcceptanceMechanisms { submitter: None, timestamp: 1, version: Some(s("1.0.0")) });
    }

    #[test]
    fn ledgers_freeze() {
        check(
            BuildRequest::LedgersFreeze { submitter: s(IDENTIFIER), ledgers_ids: s("[0, 1, 10, 23]") },
            IDENTIFIER,
            json!({"type": "9", "ledgers_ids": [0, 1, 10, 23]}),
        );
        check(BuildRequest::GetFrozenLedgers { submitter: s(IDENTIFIER) }, IDENTIFIER, json!({"type": "10"}));
    }
}
