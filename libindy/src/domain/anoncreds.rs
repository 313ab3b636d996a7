//! Anoncreds records libindy kept in the wallet beside the objects `indy-credx` defines.

use std::collections::BTreeSet;

use indy_credx::types::{
    CredentialDefinition, CredentialDefinitionPrivate, CredentialKeyCorrectnessProof, IssuanceType,
    RevocationRegistryId,
};
use serde::{Deserialize, Serialize};

/// `Indy::RevocationRegistryInfo`: the last index issued, and the indexes that differ from
/// the issuance type's default (issued ones for on-demand registries, revoked ones for
/// registries issued by default).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevocationRegistryInfo {
    pub id: RevocationRegistryId,
    pub curr_id: u32,
    pub used_ids: BTreeSet<u32>,
}

/// `indy_issuer_create_and_store_revoc_reg`'s `config_json`.
#[derive(Debug, Default, Deserialize)]
pub struct RevocationRegistryConfig {
    pub issuance_type: Option<IssuanceType>,
    pub max_cred_num: Option<u32>,
}

/// libindy kept the key correctness proof wrapped: `{"value": proof}`.
#[derive(Serialize, Deserialize)]
pub struct StoredProof {
    pub value: CredentialKeyCorrectnessProof,
}

/// `Indy::TemporaryCredentialDefinition`: new keys waiting for
/// `indy_issuer_rotate_credential_def_apply`.
#[derive(Serialize, Deserialize)]
pub struct TemporaryCredentialDefinition {
    pub cred_def: CredentialDefinition,
    pub cred_def_priv_key: CredentialDefinitionPrivate,
    pub cred_def_correctness_proof: StoredProof,
}
