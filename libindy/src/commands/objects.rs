//! libindy's own records (`Indy::*`) in a wallet: addresses and values are encrypted and
//! decrypted on the cheap tier; the storage work runs in the command's place.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Ctx;
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::chain::Chain;
use crate::runtime::storage::Slot;
use crate::services::wallet::{decrypt_value, encrypt_record, record_id, Keys};
use crate::storage::{RecordId, StorageError, StorageRecord, StoredValue, WalletStorage};

impl Ctx {
    pub fn cheap<T, F>(&self, job: F) -> impl Future<Output = IndyResult<T>>
    where
        T: Send + 'static,
        F: FnOnce() -> IndyResult<T> + Send + 'static,
    {
        self.rt.cheap.run(job)
    }
}

/// The addresses of several records, in order.
pub async fn ids(ctx: &Ctx, keys: &Arc<Keys>, wanted: Vec<(&'static str, String)>) -> IndyResult<Vec<RecordId>> {
    let keys = keys.clone();
    ctx.cheap(move || Ok(wanted.iter().map(|(type_, name)| record_id(&keys, type_, name)).collect())).await
}

/// The encrypted form of a record type, to list it.
pub async fn type_id(ctx: &Ctx, keys: &Arc<Keys>, type_: &'static str) -> IndyResult<Vec<u8>> {
    Ok(ids(ctx, keys, vec![(type_, String::new())]).await?.remove(0).type_)
}

pub fn decrypt_object<T: DeserializeOwned>(keys: &Keys, stored: &StoredValue, what: &str) -> IndyResult<T> {
    let value = decrypt_value(keys, &stored.value, &stored.key)?;
    serde_json::from_slice(&value)
        .map_err(|e| IndyError::new(ErrorCode::WalletDecodingError, format!("Stored {what} is not valid: {e}")))
}

/// A listed record's value, parsed.
pub fn decrypt_listed<T: DeserializeOwned>(keys: &Keys, record: &StorageRecord, what: &str) -> IndyResult<T> {
    decrypt_object(keys, &StoredValue { value: record.value.clone(), key: record.key.clone(), tags: None }, what)
}

/// A listed record's name, decrypted.
pub fn decrypt_name(keys: &Keys, record: &StorageRecord) -> IndyResult<String> {
    let name = crate::services::wallet::decrypt(&record.id.name, &keys.name_key)?;
    String::from_utf8(name).map_err(|_| IndyError::new(ErrorCode::WalletDecodingError, "A record name is not UTF-8"))
}

pub fn encrypt_object<T: Serialize>(keys: &Keys, type_: &str, name: &str, value: &T) -> StorageRecord {
    let json = serde_json::to_vec(value).expect("domain types serialize");
    encrypt_record(keys, type_, name, &json, &HashMap::new())
}

/// Reads one object; absent is `WalletItemNotFound`.
pub async fn get<T>(ctx: &Ctx, keys: Arc<Keys>, slot: Slot, type_: &'static str, name: String) -> IndyResult<T>
where
    T: DeserializeOwned + Send + 'static,
{
    get_optional(ctx, keys, slot, type_, name.clone()).await?.ok_or_else(|| {
        IndyError::new(ErrorCode::WalletItemNotFound, format!("No {type_} record named {name:?} in the wallet"))
    })
}

pub async fn get_optional<T>(
    ctx: &Ctx,
    keys: Arc<Keys>,
    slot: Slot,
    type_: &'static str,
    name: String,
) -> IndyResult<Option<T>>
where
    T: DeserializeOwned + Send + 'static,
{
    let id_keys = keys.clone();
    Chain::on(&ctx.rt.cheap, move || Ok(record_id(&id_keys, type_, &name)))
        .then_store(slot, |storage, id| read_optional(storage, &id))
        .then_on(&ctx.rt.cheap, move |stored| match stored {
            Some(stored) => decrypt_object(&keys, &stored, type_).map(Some),
            None => Ok(None),
        })
        .run()
        .await
}

/// Adds or replaces one object.
pub async fn put<T>(
    ctx: &Ctx,
    keys: Arc<Keys>,
    slot: Slot,
    type_: &'static str,
    name: String,
    value: T,
) -> IndyResult<()>
where
    T: Serialize + Send + 'static,
{
    Chain::on(&ctx.rt.cheap, move || Ok(encrypt_object(&keys, type_, &name, &value)))
        .then_store(slot, |storage, record| Ok(storage.upsert(&record)?))
        .run()
        .await
}

/// A lookup where absence is an answer, not an error.
pub fn read_optional(storage: &mut dyn WalletStorage, id: &RecordId) -> IndyResult<Option<StoredValue>> {
    match storage.get(id, false) {
        Ok(stored) => Ok(Some(stored)),
        Err(StorageError::ItemNotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}
