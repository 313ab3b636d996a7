//! Wallet storage backends behind one trait. Storage sees only encrypted bytes; it knows
//! nothing of keys, threads or C.

pub mod location;
pub mod plugged;
pub mod postgres;
pub mod postgres_config;
pub mod postgres_pool;
pub mod postgres_query;
pub mod query;
pub mod sqlite;
pub mod sqlite_query;

pub use query::{EncryptedQuery, TagName, TagValue};

use crate::errors::{ErrorCode, IndyError};

/// A record's address: its type and name, both encrypted deterministically.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordId {
    pub type_: Vec<u8>,
    pub name: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageTag {
    /// Name and value encrypted deterministically: equality queries only.
    Encrypted { name: Vec<u8>, value: Vec<u8> },
    /// Name encrypted, value in clear: range and `$like` queries too.
    Plain { name: Vec<u8>, value: String },
}

/// A record as stored: the value encrypted under its own key, that key encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageRecord {
    pub id: RecordId,
    pub value: Vec<u8>,
    pub key: Vec<u8>,
    pub tags: Vec<StorageTag>,
}

/// What a lookup returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredValue {
    pub value: Vec<u8>,
    pub key: Vec<u8>,
    pub tags: Option<Vec<StorageTag>>,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("wallet not found: {0}")]
    WalletNotFound(String),
    #[error("wallet already exists: {0}")]
    WalletAlreadyExists(String),
    #[error("unknown wallet storage type: {0}")]
    UnknownType(String),
    #[error("wallet is open in another process: {0}")]
    Locked(String),
    #[error("item not found")]
    ItemNotFound,
    #[error("item already exists")]
    ItemAlreadyExists,
    #[error("I/O error: {0}")]
    Io(String),
    #[error("storage error: {0}")]
    Backend(String),
    /// The storage refused the credentials (not the wallet key's check).
    #[error("access denied: {0}")]
    AccessDenied(String),
    #[error("invalid storage config: {0}")]
    InvalidConfig(String),
    /// A value the storage cannot hold.
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

pub type StorageResult<T> = Result<T, StorageError>;

impl From<StorageError> for IndyError {
    fn from(e: StorageError) -> IndyError {
        let kind = match &e {
            StorageError::WalletNotFound(_) => ErrorCode::WalletNotFoundError,
            StorageError::WalletAlreadyExists(_) => ErrorCode::WalletAlreadyExistsError,
            StorageError::Locked(_) => ErrorCode::WalletAlreadyOpenedError,
            StorageError::UnknownType(_) => ErrorCode::WalletUnknownTypeError,
            StorageError::ItemNotFound => ErrorCode::WalletItemNotFound,
            StorageError::ItemAlreadyExists => ErrorCode::WalletItemAlreadyExists,
            StorageError::Io(_) => ErrorCode::CommonIOError,
            StorageError::Backend(_) => ErrorCode::WalletStorageError,
            StorageError::AccessDenied(_) => ErrorCode::WalletAccessFailed,
            StorageError::InvalidConfig(_) => ErrorCode::CommonInvalidStructure,
            StorageError::InvalidInput(_) => ErrorCode::WalletInputError,
        };
        IndyError::new(kind, e.to_string())
    }
}

/// A search opened on a storage, valid until closed or the storage is dropped.
pub type StorageSearchId = u64;

/// One open wallet's storage. Calls block; the runtime runs them on the wallet's storage
/// thread, one at a time.
pub trait WalletStorage: Send {
    fn get(&mut self, id: &RecordId, with_tags: bool) -> StorageResult<StoredValue>;
    fn add(&mut self, record: &StorageRecord) -> StorageResult<()>;
    /// Adds, or replaces the value and tags of the record with the same id.
    fn upsert(&mut self, record: &StorageRecord) -> StorageResult<()>;
    fn update_value(&mut self, id: &RecordId, value: &[u8], key: &[u8]) -> StorageResult<()>;
    /// Replaces all of a record's tags.
    fn replace_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()>;
    /// Adds tags, replacing those with the same names.
    fn add_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()>;
    fn delete_tags(&mut self, id: &RecordId, names: &[TagName]) -> StorageResult<()>;
    fn delete(&mut self, id: &RecordId) -> StorageResult<()>;
    /// Every record of one (encrypted) type, without tags.
    fn list(&mut self, type_: &[u8]) -> StorageResult<Vec<StorageRecord>>;
    /// Starts a search over one type (or every record with `None`); the total count when asked.
    fn search_open(
        &mut self,
        type_: Option<&[u8]>,
        query: &EncryptedQuery,
        with_tags: bool,
        with_count: bool,
    ) -> StorageResult<(StorageSearchId, Option<usize>)>;
    /// The next records of a search, at most `count`; fewer only at its end.
    fn search_next(&mut self, search: StorageSearchId, count: usize) -> StorageResult<Vec<StorageRecord>>;
    fn search_close(&mut self, search: StorageSearchId) -> StorageResult<()>;
    fn metadata(&mut self) -> StorageResult<Vec<u8>>;
    fn set_metadata(&mut self, metadata: &[u8]) -> StorageResult<()>;
    /// Groups the calls until `commit` into one durable transaction (group commit); each
    /// call still succeeds or fails on its own.
    fn begin(&mut self) -> StorageResult<()> {
        Ok(())
    }
    fn commit(&mut self) -> StorageResult<()> {
        Ok(())
    }
}
