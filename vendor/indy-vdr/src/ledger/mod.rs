/// Ledger transaction type identifiers
pub mod constants;

/// Identifiers for stored objects on the ledger
pub mod identifiers {
    pub use indy_data_types::CredentialDefinitionId;
    pub use indy_data_types::RevocationRegistryId;
    pub use indy_data_types::SchemaId;

    #[cfg(any(feature = "rich_schema", test))]
    /// Rich schema identifiers
    pub use indy_data_types::RichSchemaId;

    /// The standard delimiter used in identifier strings
    pub use indy_data_types::IDENT_DELIMITER;
}

/// Types for constructing ledger transactions
#[macro_use]
pub mod requests;

/// Types for data of ledger responses
pub mod responses;

/// Helpers for constructing ledger requests
mod request_builder;

pub use request_builder::RequestBuilder;
pub(crate) use requests::author_agreement::TxnAuthrAgrmtAcceptanceData;
