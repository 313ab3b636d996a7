//! Non-secret wallet records: options and the JSON answered, as libindy.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// `indy_get_wallet_record`'s `options_json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecordOptions {
    pub retrieve_type: bool,
    pub retrieve_value: bool,
    pub retrieve_tags: bool,
}

impl Default for RecordOptions {
    fn default() -> Self {
        RecordOptions { retrieve_type: false, retrieve_value: true, retrieve_tags: false }
    }
}

/// `indy_open_wallet_search`'s `options_json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SearchOptions {
    pub retrieve_records: bool,
    pub retrieve_total_count: bool,
    pub retrieve_type: bool,
    pub retrieve_value: bool,
    pub retrieve_tags: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            retrieve_records: true,
            retrieve_total_count: false,
            retrieve_type: false,
            retrieve_value: true,
            retrieve_tags: false,
        }
    }
}

impl SearchOptions {
    pub fn record_options(&self) -> RecordOptions {
        RecordOptions {
            retrieve_type: self.retrieve_type,
            retrieve_value: self.retrieve_value,
            retrieve_tags: self.retrieve_tags,
        }
    }
}

/// A record as answered; what was not asked for is `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WalletRecord {
    #[serde(rename = "type")]
    pub type_: Option<String>,
    pub id: String,
    pub value: Option<String>,
    pub tags: Option<HashMap<String, String>>,
}

/// A page of a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchRecords {
    pub total_count: Option<usize>,
    pub records: Option<Vec<WalletRecord>>,
}
