//! Where a wallet lives: an SQLite file (the default), a PostgreSQL database, or a storage
//! type registered by the caller with `indy_register_wallet_storage`.

use std::path::PathBuf;

use super::postgres::{self, PostgresLocation};
use super::{plugged, sqlite, StorageError, StorageResult, WalletStorage};

#[derive(Debug, Clone)]
pub enum WalletLocation {
    Sqlite(PathBuf),
    Postgres(PostgresLocation),
    Plugged { type_name: String, id: String, config: Option<String>, credentials: Option<String> },
}

impl WalletLocation {
    /// What tells one wallet from another (open twice is refused on it).
    pub fn identity(&self) -> String {
        match self {
            WalletLocation::Sqlite(file) => file.display().to_string(),
            WalletLocation::Postgres(location) => location.identity(),
            WalletLocation::Plugged { type_name, id, config, .. } => {
                format!("{type_name}:{id}:{}", config.as_deref().unwrap_or(""))
            }
        }
    }

    /// Creating over an existing wallet fails; this finds out early when it can.
    pub fn exists(&self) -> bool {
        match self {
            WalletLocation::Sqlite(file) => file.exists(),
            WalletLocation::Postgres(_) | WalletLocation::Plugged { .. } => false, // create says so
        }
    }

    pub fn create(&self, metadata: &[u8]) -> StorageResult<()> {
        match self {
            WalletLocation::Sqlite(file) => sqlite::create(file, metadata),
            WalletLocation::Postgres(location) => postgres::create(location, metadata),
            WalletLocation::Plugged { type_name, id, config, credentials } => {
                plugged::create(type_name, id, config.as_deref(), credentials.as_deref(), metadata)
            }
        }
    }

    pub fn open(&self) -> StorageResult<Box<dyn WalletStorage>> {
        match self {
            WalletLocation::Sqlite(file) => Ok(Box::new(sqlite::SqliteStorage::open(file)?)),
            WalletLocation::Postgres(location) => Ok(Box::new(postgres::open(location)?)),
            WalletLocation::Plugged { type_name, id, config, credentials } => {
                Ok(Box::new(plugged::open(type_name, id, config.as_deref(), credentials.as_deref())?))
            }
        }
    }

    pub fn delete(&self) -> StorageResult<()> {
        match self {
            WalletLocation::Sqlite(file) => sqlite::delete(file),
            WalletLocation::Postgres(location) => postgres::delete(location),
            WalletLocation::Plugged { type_name, id, config, credentials } => {
                plugged::delete(type_name, id, config.as_deref(), credentials.as_deref())
            }
        }
    }
}

/// An unknown storage type, in the words the caller sees.
pub fn unknown_type(type_name: &str) -> StorageError {
    StorageError::UnknownType(type_name.to_string())
}
