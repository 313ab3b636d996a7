//! Finding the stored credentials that can answer a proof request, as libindy did: one WQL
//! query per requested attribute or predicate over the credential tags, predicates checked
//! on the credential's values, and the non-revocation interval each answer must cover.

use std::collections::HashMap;

use indy_credx::types::{Credential, PresentationRequest};
use indy_data_types::anoncreds::pres_request::{
    NonRevocedInterval, PredicateInfo, PredicateTypes, PresentationRequestVersion,
};
use serde::Serialize;
use serde_json::Value;

use super::anoncreds::{attr_common_view, CredentialInfo, QUALIFIABLE_TAGS};
use super::wallet::wql::Query;
use crate::errors::{IndyError, IndyResult};

/// One requested item (attribute group or predicate) of a proof request, ready to search.
pub struct ItemQuery {
    pub referent: String,
    pub query: Query,
    pub interval: Option<NonRevocedInterval>,
    pub predicate: Option<PredicateInfo>,
}

/// What `indy_prover_get_credentials_for_proof_req` and the search's fetch answer per credential.
#[derive(Debug, Serialize)]
pub struct RequestedCredential {
    pub cred_info: CredentialInfo,
    pub interval: Option<NonRevocedInterval>,
}

#[derive(Debug, Default, Serialize)]
pub struct CredentialsForProofRequest {
    pub attrs: HashMap<String, Vec<RequestedCredential>>,
    pub predicates: HashMap<String, Vec<RequestedCredential>>,
}

/// The queries of every requested attribute and predicate. `extra_queries` maps referents to
/// more WQL that their credentials must also match.
pub fn item_queries(
    request: &PresentationRequest,
    extra_queries: Option<&HashMap<String, Value>>,
) -> IndyResult<Vec<ItemQuery>> {
    let version = request.version();
    let payload = request.value();
    let extra = |referent: &str| extra_queries.and_then(|queries| queries.get(referent));
    let mut items = Vec::new();
    for (referent, attribute) in &payload.requested_attributes {
        let names = match (&attribute.names, &attribute.name) {
            (Some(names), _) => names.clone(),
            (None, Some(name)) => vec![name.clone()],
            (None, None) => {
                return Err(IndyError::invalid_structure(format!(
                    "Requested attribute {referent:?} has neither \"name\" nor \"names\""
                )))
            }
        };
        let restrictions = attribute.restrictions.as_ref().map(to_value).transpose()?;
        items.push(ItemQuery {
            referent: referent.clone(),
            query: referent_query(&version, &names, restrictions, extra(referent))?,
            interval: attribute.non_revoked.clone().or_else(|| payload.non_revoked.clone()),
            predicate: None,
        });
    }
    for (referent, predicate) in &payload.requested_predicates {
        let restrictions = predicate.restrictions.as_ref().map(to_value).transpose()?;
        items.push(ItemQuery {
            referent: referent.clone(),
            query: referent_query(&version, std::slice::from_ref(&predicate.name), restrictions, extra(referent))?,
            interval: predicate.non_revoked.clone().or_else(|| payload.non_revoked.clone()),
            predicate: Some(predicate.clone()),
        });
    }
    Ok(items)
}

fn to_value<T: Serialize>(value: &T) -> IndyResult<Value> {
    serde_json::to_value(value).map_err(|e| IndyError::invalid_structure(format!("Invalid restrictions: {e}")))
}

/// The restrictions (attribute tag names put in their common view; in version 1 requests an id
/// also matches its `_short` twin), then the extra query, then one marker per attribute name
/// (last: libindy found that order faster on large wallets).
fn referent_query(
    version: &PresentationRequestVersion,
    names: &[String],
    restrictions: Option<Value>,
    extra: Option<&Value>,
) -> IndyResult<Query> {
    let mut queries = Vec::new();
    if let Some(restrictions) = restrictions {
        let restrictions = common_view_tags(Query::from_json(restrictions)?)?;
        queries.push(match version {
            PresentationRequestVersion::V1 => with_short_ids(restrictions),
            PresentationRequestVersion::V2 => restrictions,
        });
    }
    if let Some(extra) = extra {
        queries.push(Query::from_json(extra.clone())?);
    }
    queries.extend(names.iter().map(|name| Query::Eq(marker_tag(name), "1".into())));
    Ok(Query::And(queries))
}

fn marker_tag(name: &str) -> String {
    format!("attr::{}::marker", attr_common_view(name))
}

/// `attr::<Name>::value` / `::marker` restrictions name attributes as the request wrote them.
fn common_view_tag(tag: String) -> String {
    for suffix in ["value", "marker"] {
        if let Some(name) = tag.strip_prefix("attr::").and_then(|t| t.strip_suffix(&format!("::{suffix}"))) {
            return format!("attr::{}::{suffix}", attr_common_view(name));
        }
    }
    tag
}

fn common_view_tags(query: Query) -> IndyResult<Query> {
    Ok(match query {
        Query::Eq(tag, value) => Query::Eq(common_view_tag(tag), value),
        Query::Neq(tag, value) => Query::Neq(common_view_tag(tag), value),
        Query::In(tag, values) => Query::In(common_view_tag(tag), values),
        Query::And(queries) => Query::And(queries.into_iter().map(common_view_tags).collect::<IndyResult<_>>()?),
        Query::Or(queries) => Query::Or(queries.into_iter().map(common_view_tags).collect::<IndyResult<_>>()?),
        Query::Not(query) => Query::Not(Box::new(common_view_tags(*query)?)),
        other => {
            return Err(IndyError::invalid_structure(format!(
                "Proof request restrictions allow only $eq, $neq, $in, $and, $or and $not, got {other:?}"
            )))
        }
    })
}

fn with_short_ids(query: Query) -> Query {
    let qualifiable = |tag: &str| QUALIFIABLE_TAGS.contains(&tag);
    match query {
        Query::Eq(tag, value) if qualifiable(&tag) => {
            Query::Or(vec![Query::Eq(format!("{tag}_short"), value.clone()), Query::Eq(tag, value)])
        }
        Query::Neq(tag, value) if qualifiable(&tag) => {
            Query::And(vec![Query::Neq(format!("{tag}_short"), value.clone()), Query::Neq(tag, value)])
        }
        Query::In(tag, values) if qualifiable(&tag) => {
            Query::Or(vec![Query::In(format!("{tag}_short"), values.clone()), Query::In(tag, values)])
        }
        Query::And(queries) => Query::And(queries.into_iter().map(with_short_ids).collect()),
        Query::Or(queries) => Query::Or(queries.into_iter().map(with_short_ids).collect()),
        Query::Not(query) => Query::Not(Box::new(with_short_ids(*query))),
        other => other,
    }
}

/// Whether the credential's value of the predicate's attribute satisfies it.
pub fn satisfies(predicate: &PredicateInfo, credential: &Credential) -> IndyResult<bool> {
    let wanted = attr_common_view(&predicate.name);
    let value = credential
        .values
        .0
        .iter()
        .find(|(name, _)| attr_common_view(name) == wanted)
        .map(|(_, value)| &value.encoded)
        .ok_or_else(|| IndyError::invalid_state(format!("The credential has no attribute {:?}", predicate.name)))?;
    let value: i32 = value.parse().map_err(|_| {
        IndyError::invalid_structure(format!("Attribute {:?} is not a 32-bit integer: {value}", predicate.name))
    })?;
    Ok(match predicate.p_type {
        PredicateTypes::GE => value >= predicate.p_value,
        PredicateTypes::GT => value > predicate.p_value,
        PredicateTypes::LE => value <= predicate.p_value,
        PredicateTypes::LT => value < predicate.p_value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(json: Value) -> PresentationRequest {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn v1_restrictions_also_match_short_ids_and_attribute_names_are_normalised() {
        let request = request(serde_json::json!({
            "nonce": "123432421212", "name": "proof_req", "version": "0.1",
            "requested_attributes": {"attr1_referent": {"name": "First Name",
                "restrictions": {"cred_def_id": "X:3:CL:1:tag", "attr::First Name::value": "Alex"}}},
            "requested_predicates": {}
        }));
        let items = item_queries(&request, None).unwrap();
        let Query::And(parts) = &items[0].query else { panic!("not an $and: {:?}", items[0].query) };
        assert_eq!(parts.last().unwrap(), &Query::Eq("attr::firstname::marker".into(), "1".into()));
        let text = format!("{:?}", parts[0]);
        assert!(text.contains("cred_def_id_short") && text.contains("attr::firstname::value"), "{text}");
    }

    #[test]
    fn v2_restrictions_stay_as_written_and_extra_queries_join() {
        let request = request(serde_json::json!({
            "nonce": "123432421212", "name": "proof_req", "version": "0.1", "ver": "2.0",
            "requested_attributes": {},
            "requested_predicates": {"p": {"name": "age", "p_type": ">=", "p_value": 18,
                "restrictions": {"issuer_did": "NcYxiDXkpYi6ov5FcYDi1e"}}}
        }));
        let extra = HashMap::from([("p".to_string(), serde_json::json!({"schema_name": "gvt"}))]);
        let items = item_queries(&request, Some(&extra)).unwrap();
        let text = format!("{:?}", items[0].query);
        assert!(!text.contains("_short") && text.contains("schema_name"), "{text}");
        assert!(items[0].predicate.is_some());
    }

    #[test]
    fn range_operators_are_refused_in_restrictions() {
        let request = request(serde_json::json!({
            "nonce": "1", "name": "p", "version": "0.1",
            "requested_attributes": {"a": {"name": "age", "restrictions": {"attr::age::value": {"$gt": "3"}}}},
            "requested_predicates": {}
        }));
        assert!(item_queries(&request, None).is_err());
    }
}
