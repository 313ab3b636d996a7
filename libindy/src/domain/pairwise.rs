//! Pairwise relationships: stored as `Indy::Pairwise` under their DID.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairwise {
    pub my_did: String,
    pub their_did: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}

/// `indy_get_pairwise`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairwiseInfo {
    pub my_did: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<String>,
}

impl From<Pairwise> for PairwiseInfo {
    fn from(pairwise: Pairwise) -> Self {
        PairwiseInfo { my_did: pairwise.my_did, metadata: pairwise.metadata }
    }
}
