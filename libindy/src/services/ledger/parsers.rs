//! `indy_parse_get_*_response` and `indy_get_response_metadata`: ledger replies (both the
//! old flat and the `ver: 1` transaction formats) into libindy's JSON.

use indy_data_types::anoncreds::cred_def::{
    CredentialDefinition, CredentialDefinitionData, CredentialDefinitionV1, SignatureType,
};
use indy_data_types::anoncreds::rev_reg_def::{RevocationRegistryDefinition, RevocationRegistryDefinitionV1};
use indy_data_types::anoncreds::schema::{AttributeNames, Schema, SchemaV1};
use indy_data_types::{CredentialDefinitionId, SchemaId};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use super::ledger_error;
use crate::errors::{ErrorCode, IndyError, IndyResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseRequest {
    Nym,
    Schema,
    CredDef,
    RevocRegDef,
    RevocReg,
    RevocRegDelta,
}

/// A parsed reply in the shape its callback takes.
#[derive(Debug, PartialEq)]
pub enum Parsed {
    One(String),
    Two(String, String),
    TwoAndTime(String, String, u64),
}

pub fn parse(kind: ParseRequest, response: &str) -> IndyResult<Parsed> {
    match kind {
        ParseRequest::Nym => nym(response).map(Parsed::One),
        ParseRequest::Schema => schema(response).map(|(a, b)| Parsed::Two(a, b)),
        ParseRequest::CredDef => cred_def(response).map(|(a, b)| Parsed::Two(a, b)),
        ParseRequest::RevocRegDef => revoc_reg_def(response).map(|(a, b)| Parsed::Two(a, b)),
        ParseRequest::RevocReg => revoc_reg(response).map(|(a, b, t)| Parsed::TwoAndTime(a, b, t)),
        ParseRequest::RevocRegDelta => revoc_reg_delta(response).map(|(a, b, t)| Parsed::TwoAndTime(a, b, t)),
    }
}

/// The reply's `result` (either format), checked to be a reply of `txn_type`.
fn reply_result(response: &str, txn_type: &str) -> IndyResult<Value> {
    let message: Value = serde_json::from_str(response)
        .map_err(|e| ledger_error(ErrorCode::LedgerInvalidTransaction, format!("Response is invalid json: {e}")))?;
    match message["op"].as_str() {
        Some("REPLY") => {}
        Some("REJECT") | Some("REQNACK") => {
            return Err(ledger_error(
                ErrorCode::LedgerInvalidTransaction,
                format!("Transaction has been failed: {:?}", message["reason"].as_str().unwrap_or_default()),
            ))
        }
        _ => {
            return Err(ledger_error(
                ErrorCode::LedgerNotFound,
                "Structure doesn't correspond to type. Most probably not found",
            ))
        }
    }
    let result = if message["result"].is_object() {
        message["result"].clone()
    } else {
        message["data"]["result"][0]["result"].clone()
    };
    if result["type"] != json!(txn_type) {
        return Err(ledger_error(ErrorCode::LedgerInvalidTransaction, "Invalid response type"));
    }
    Ok(result)
}

/// A part of a reply; a mismatch is libindy's "most probably not found".
fn part<T: DeserializeOwned>(value: Value) -> IndyResult<T> {
    serde_json::from_value(value).map_err(|e| {
        ledger_error(
            ErrorCode::LedgerNotFound,
            format!("Structure doesn't correspond to type. Most probably not found: {e}"),
        )
    })
}

fn serialize<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("ledger objects serialize")
}

/// `result.data` of the `ver: 1` format, or `None` for the flat one.
fn txn_data(result: &Value) -> Option<&Value> {
    result.get("txn").map(|txn| &txn["data"])
}

fn nym(response: &str) -> IndyResult<String> {
    let result = reply_result(response, "105")?;
    let data: Value = match txn_data(&result) {
        Some(data) => json!({"did": data["did"], "verkey": data["verkey"], "role": data["role"]}),
        None => {
            let data =
                result["data"].as_str().ok_or_else(|| ledger_error(ErrorCode::LedgerNotFound, "Nym not found"))?;
            let data: Value = serde_json::from_str(data)
                .map_err(|e| IndyError::invalid_state(format!("Cannot parse GET_NYM response: {e}")))?;
            json!({"did": data["dest"], "verkey": data["verkey"], "role": data["role"]})
        }
    };
    if !data["did"].is_string() {
        return Err(ledger_error(ErrorCode::LedgerNotFound, "Nym not found"));
    }
    Ok(data.to_string())
}

fn schema(response: &str) -> IndyResult<(String, String)> {
    #[derive(Deserialize)]
    struct FlatData {
        name: String,
        version: String,
        attr_names: AttributeNames,
    }
    #[derive(Deserialize)]
    struct Flat {
        dest: String,
        #[serde(rename = "seqNo")]
        seq_no: u32,
        data: FlatData,
    }
    let result = reply_result(response, "107")?;
    let schema = match txn_data(&result) {
        Some(data) => SchemaV1 {
            id: SchemaId(part(data["id"].clone())?),
            name: part(data["schemaName"].clone())?,
            version: part(data["schemaVersion"].clone())?,
            attr_names: part(data["value"]["attr_names"].clone())?,
            seq_no: Some(part(result["txnMetadata"]["seqNo"].clone())?),
        },
        None => {
            let flat: Flat = part(result)?;
            SchemaV1 {
                id: SchemaId::new(&indy_data_types::did::DidValue(flat.dest), &flat.data.name, &flat.data.version),
                name: flat.data.name,
                version: flat.data.version,
                attr_names: flat.data.attr_names,
                seq_no: Some(flat.seq_no),
            }
        }
    };
    Ok((schema.id.0.clone(), serialize(&Schema::SchemaV1(schema))))
}

fn cred_def(response: &str) -> IndyResult<(String, String)> {
    #[derive(Deserialize)]
    struct Flat {
        #[serde(rename = "ref")]
        ref_: u64,
        signature_type: SignatureType,
        origin: String,
        tag: Option<String>,
        data: CredentialDefinitionData,
    }
    let result = reply_result(response, "108")?;
    let cred_def = match txn_data(&result) {
        Some(data) => CredentialDefinitionV1 {
            id: CredentialDefinitionId(part(data["id"].clone())?),
            schema_id: SchemaId(part::<Value>(data["schemaRef"].clone()).map(|v| match v {
                Value::String(s) => s,
                other => other.to_string(),
            })?),
            signature_type: part(data["type"].clone())?,
            tag: part(data["tag"].clone())?,
            value: part(data["publicKeys"].clone())?,
        },
        None => {
            let flat: Flat = part(result)?;
            let schema_id = SchemaId(flat.ref_.to_string());
            let tag = flat.tag.unwrap_or_default();
            CredentialDefinitionV1 {
                id: CredentialDefinitionId::new(
                    &indy_data_types::did::DidValue(flat.origin),
                    &schema_id,
                    flat.signature_type.to_str(),
                    &tag,
                ),
                schema_id,
                signature_type: flat.signature_type,
                tag,
                value: flat.data,
            }
        }
    };
    Ok((cred_def.id.0.clone(), serialize(&CredentialDefinition::CredentialDefinitionV1(cred_def))))
}

fn revoc_reg_def(response: &str) -> IndyResult<(String, String)> {
    let result = reply_result(response, "115")?;
    let data = txn_data(&result).cloned().unwrap_or_else(|| result["data"].clone());
    let def: RevocationRegistryDefinitionV1 = part(data)?;
    Ok((def.id.0.clone(), serialize(&RevocationRegistryDefinition::RevocationRegistryDefinitionV1(def))))
}

fn revoc_reg(response: &str) -> IndyResult<(String, String, u64)> {
    let result = reply_result(response, "116")?;
    let (id, value, time) = match txn_data(&result) {
        Some(data) => {
            (data["revocRegDefId"].clone(), data["value"].clone(), result["txnMetadata"]["creationTime"].clone())
        }
        // indy-node's flat reply: `data` is the whole entry, its accumulator under `value`.
        None => (result["revocRegDefId"].clone(), result["data"]["value"].clone(), result["txnTime"].clone()),
    };
    let id: String = part(id)?;
    let accum: String = part(value["accum"].clone())?;
    let time: u64 = part(time)?;
    Ok((id, json!({"ver": "1.0", "value": {"accum": accum}}).to_string(), time))
}

fn revoc_reg_delta(response: &str) -> IndyResult<(String, String, u64)> {
    #[derive(Deserialize)]
    struct Accum {
        value: Value,
        #[serde(rename = "txnTime")]
        txn_time: u64,
    }
    #[derive(Deserialize)]
    struct DeltaValue {
        accum_from: Option<Accum>,
        accum_to: Accum,
        #[serde(default)]
        issued: Vec<u32>,
        #[serde(default)]
        revoked: Vec<u32>,
    }
    let result = reply_result(response, "117")?;
    let (id, value) = match txn_data(&result) {
        Some(data) => (data["revocRegDefId"].clone(), data["value"].clone()),
        None => (result["revocRegDefId"].clone(), result["data"]["value"].clone()),
    };
    let id: String = part(id)?;
    let delta: DeltaValue = part(value)?;
    let mut value = json!({"accum": delta.accum_to.value["accum"]});
    if let Some(from) = &delta.accum_from {
        value["prevAccum"] = from.value["accum"].clone();
    }
    // As ursa's delta: empty sets are left out.
    if !delta.issued.is_empty() {
        value["issued"] = json!(delta.issued);
    }
    if !delta.revoked.is_empty() {
        value["revoked"] = json!(delta.revoked);
    }
    Ok((id, json!({"ver": "1.0", "value": value}).to_string(), delta.accum_to.txn_time))
}

/// `{"seqNo", "txnTime", "lastTxnTime", "lastSeqNo"}` of any reply, those it has.
pub fn response_metadata(response: &str) -> IndyResult<String> {
    let message: Value = serde_json::from_str(response).map_err(|e| {
        ledger_error(ErrorCode::LedgerInvalidTransaction, format!("Cannot deserialize transaction Response: {e}"))
    })?;
    let result = match message["op"].as_str() {
        Some("REPLY") if message["result"].is_object() => message["result"].clone(),
        Some("REPLY") => message["data"]["result"][0]["result"].clone(),
        Some("REJECT") | Some("REQNACK") => {
            return Err(ledger_error(
                ErrorCode::LedgerInvalidTransaction,
                format!("Transaction has been rejected: {}", message["reason"].as_str().unwrap_or_default()),
            ))
        }
        _ => return Err(ledger_error(ErrorCode::LedgerInvalidTransaction, "Cannot deserialize transaction Response")),
    };
    let (seq_no, txn_time, last_txn_time) = match result["ver"].as_str() {
        None => (&result["seqNo"], &result["txnTime"], &result["state_proof"]["multi_signature"]["value"]["timestamp"]),
        Some("1") => (
            &result["txnMetadata"]["seqNo"],
            &result["txnMetadata"]["txnTime"],
            &result["multiSignature"]["signedState"]["stateMetadata"]["timestamp"],
        ),
        Some(other) => {
            return Err(ledger_error(
                ErrorCode::LedgerInvalidTransaction,
                format!("Unsupported transaction response version: {other}"),
            ))
        }
    };
    let mut metadata = serde_json::Map::new();
    for (name, value) in [("seqNo", seq_no), ("txnTime", txn_time), ("lastTxnTime", last_txn_time)] {
        if let Some(n) = value.as_u64() {
            metadata.insert(name.into(), n.into());
        }
    }
    Ok(Value::Object(metadata).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(result: Value) -> String {
        json!({"op": "REPLY", "result": result}).to_string()
    }

    #[test]
    fn get_nym_in_both_formats() {
        let flat = reply(json!({
            "type": "105", "identifier": "V4SGRU86Z58d6TV7PBUe6f", "reqId": 1, "seqNo": 3, "txnTime": 5,
            "dest": "Th7MpTaRZVRYnPiabds81Y",
            "data": r#"{"dest":"Th7MpTaRZVRYnPiabds81Y","identifier":"V4SGRU86Z58d6TV7PBUe6f","role":"2","verkey":"~7TYfekw4GUagBnBVCqPjiC"}"#
        }));
        let parsed = parse(ParseRequest::Nym, &flat).unwrap();
        assert_eq!(
            parsed,
            Parsed::One(
                json!({"did": "Th7MpTaRZVRYnPiabds81Y", "verkey": "~7TYfekw4GUagBnBVCqPjiC", "role": "2"}).to_string()
            )
        );
        let not_found = reply(json!({"type": "105", "dest": "Th7MpTaRZVRYnPiabds81Y", "data": null, "seqNo": null}));
        assert_eq!(parse(ParseRequest::Nym, &not_found).unwrap_err().kind, ErrorCode::LedgerNotFound);
        let v1 = reply(
            json!({"type": "105", "ver": "1", "txn": {"data": {"did": "Th7MpTaRZVRYnPiabds81Y", "verkey": null, "role": null, "ver": "1", "id": "x"}}, "txnMetadata": {"seqNo": 1}}),
        );
        assert_eq!(
            parse(ParseRequest::Nym, &v1).unwrap(),
            Parsed::One(json!({"did": "Th7MpTaRZVRYnPiabds81Y", "verkey": null, "role": null}).to_string())
        );
    }

    #[test]
    fn failures_have_libindy_codes() {
        assert_eq!(parse(ParseRequest::Schema, "not json").unwrap_err().kind, ErrorCode::LedgerInvalidTransaction);
        let reject = json!({"op": "REJECT", "reason": "no"}).to_string();
        assert_eq!(parse(ParseRequest::Schema, &reject).unwrap_err().kind, ErrorCode::LedgerInvalidTransaction);
        let wrong_type = reply(json!({"type": "105"}));
        assert_eq!(parse(ParseRequest::Schema, &wrong_type).unwrap_err().kind, ErrorCode::LedgerInvalidTransaction);
        let not_found = reply(
            json!({"type": "107", "dest": "V4SGRU86Z58d6TV7PBUe6f", "seqNo": null, "data": {"name": "gvt", "version": "1.0"}}),
        );
        assert_eq!(parse(ParseRequest::Schema, &not_found).unwrap_err().kind, ErrorCode::LedgerNotFound);
    }

    #[test]
    fn get_schema_flat_reply() {
        let response = reply(json!({
            "type": "107", "dest": "V4SGRU86Z58d6TV7PBUe6f", "seqNo": 14, "txnTime": 1,
            "data": {"name": "gvt", "version": "1.0", "attr_names": ["name"]}
        }));
        let Parsed::Two(id, schema) = parse(ParseRequest::Schema, &response).unwrap() else { panic!() };
        assert_eq!(id, "V4SGRU86Z58d6TV7PBUe6f:2:gvt:1.0");
        let schema: Value = serde_json::from_str(&schema).unwrap();
        assert_eq!(
            schema,
            json!({"ver": "1.0", "id": id, "name": "gvt", "version": "1.0", "attrNames": ["name"], "seqNo": 14})
        );
    }

    #[test]
    fn get_cred_def_flat_reply() {
        let primary = json!({"n": "1", "s": "2", "r": {"name": "1", "master_secret": "3"}, "rctxt": "1", "z": "1"});
        let response = reply(json!({
            "type": "108", "identifier": "V4SGRU86Z58d6TV7PBUe6f", "ref": 14, "seqNo": 15, "signature_type": "CL",
            "origin": "V4SGRU86Z58d6TV7PBUe6f", "tag": "TAG_1", "data": {"primary": primary}
        }));
        let Parsed::Two(id, cred_def) = parse(ParseRequest::CredDef, &response).unwrap() else { panic!() };
        assert_eq!(id, "V4SGRU86Z58d6TV7PBUe6f:3:CL:14:TAG_1");
        let cred_def: Value = serde_json::from_str(&cred_def).unwrap();
        assert_eq!(
            cred_def,
            json!({"ver": "1.0", "id": id, "schemaId": "14", "type": "CL", "tag": "TAG_1", "value": {"primary": primary}})
        );
    }

    #[test]
    fn get_revoc_reg_and_delta_flat_replies() {
        let id = "V4SGRU86Z58d6TV7PBUe6f:4:V4SGRU86Z58d6TV7PBUe6f:3:CL:14:TAG_1:CL_ACCUM:R1";
        // As indy-node 1.13 answers (seen on the test pool).
        let response = reply(json!({
            "type": "116", "revocRegDefId": id, "timestamp": 80, "txnTime": 77, "seqNo": 3,
            "data": {"revocDefType": "CL_ACCUM", "revocRegDefId": id, "seqNo": 3, "txnTime": 77, "value": {"accum": "A"}}
        }));
        assert_eq!(
            parse(ParseRequest::RevocReg, &response).unwrap(),
            Parsed::TwoAndTime(id.into(), json!({"ver": "1.0", "value": {"accum": "A"}}).to_string(), 77)
        );
        let response = reply(
            json!({"type": "117", "revocRegDefId": id, "data": {"revocDefType": "CL_ACCUM", "revocRegDefId": id, "value": {
                "accum_from": {"value": {"accum": "A0"}, "txnTime": 10, "seqNo": 1},
                "accum_to": {"value": {"accum": "A1"}, "txnTime": 20, "seqNo": 2},
                "issued": [], "revoked": [1, 2]
            }}}),
        );
        assert_eq!(
            parse(ParseRequest::RevocRegDelta, &response).unwrap(),
            Parsed::TwoAndTime(
                id.into(),
                json!({"ver": "1.0", "value": {"prevAccum": "A0", "accum": "A1", "revoked": [1, 2]}}).to_string(),
                20
            )
        );
    }

    #[test]
    fn metadata_of_both_formats() {
        let flat = reply(
            json!({"type": "105", "seqNo": 3, "txnTime": 5, "state_proof": {"multi_signature": {"value": {"timestamp": 7}}}}),
        );
        assert_eq!(
            serde_json::from_str::<Value>(&response_metadata(&flat).unwrap()).unwrap(),
            json!({"seqNo": 3, "txnTime": 5, "lastTxnTime": 7})
        );
        let v1 = reply(json!({"ver": "1", "txnMetadata": {"seqNo": 9, "txnTime": 10}}));
        assert_eq!(
            serde_json::from_str::<Value>(&response_metadata(&v1).unwrap()).unwrap(),
            json!({"seqNo": 9, "txnTime": 10})
        );
        assert_eq!(response_metadata("{}").unwrap_err().kind, ErrorCode::LedgerInvalidTransaction);
    }
}
