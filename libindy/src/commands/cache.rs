//! `indy_cache.h`: schemas and credential definitions read from the ledger, kept in the
//! wallet as libindy keeps them (records `schema_cache` / `cred_def_cache` named by id,
//! with a `timestamp` tag in seconds).

use std::collections::HashMap;
use std::rc::Rc;
use std::time::{SystemTime, UNIX_EPOCH};

use futures::future::LocalBoxFuture;
use serde::Deserialize;

use super::library::protocol_version;
use super::objects::read_optional;
use super::{answer, Ctx};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::ledger::{self, BuildRequest, ParseRequest, Parsed};
use crate::services::wallet::{decrypt_tags, decrypt_value, encrypt_record, record_id};
use crate::storage::{StorageError, WalletStorage};

const SCHEMA_CACHE: &str = "schema_cache";
const CRED_DEF_CACHE: &str = "cred_def_cache";

pub enum CacheCommand {
    GetSchema {
        pool: i32,
        wallet: WalletHandle,
        submitter: String,
        id: String,
        options: String,
        cb: Responder<String>,
    },
    GetCredDef {
        pool: i32,
        wallet: WalletHandle,
        submitter: String,
        id: String,
        options: String,
        cb: Responder<String>,
    },
    PurgeSchemas {
        wallet: WalletHandle,
        options: String,
        cb: Responder<()>,
    },
    PurgeCredDefs {
        wallet: WalletHandle,
        options: String,
        cb: Responder<()>,
    },
}

pub fn execute(ctx: Rc<Ctx>, command: CacheCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        CacheCommand::GetSchema { pool, wallet, submitter, id, options, cb } => {
            answer(cb, get(ctx, Cached::Schema, pool, wallet, submitter, id, options))
        }
        CacheCommand::GetCredDef { pool, wallet, submitter, id, options, cb } => {
            answer(cb, get(ctx, Cached::CredDef, pool, wallet, submitter, id, options))
        }
        CacheCommand::PurgeSchemas { wallet, options, cb } => answer(cb, purge(ctx, SCHEMA_CACHE, wallet, options)),
        CacheCommand::PurgeCredDefs { wallet, options, cb } => answer(cb, purge(ctx, CRED_DEF_CACHE, wallet, options)),
    }
}

#[derive(Clone, Copy)]
enum Cached {
    Schema,
    CredDef,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct GetOptions {
    no_cache: Option<bool>,
    no_update: Option<bool>,
    no_store: Option<bool>,
    min_fresh: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PurgeOptions {
    max_age: Option<i64>,
}

fn options<T: for<'de> Deserialize<'de>>(json: &str) -> IndyResult<T> {
    serde_json::from_str(json).map_err(|e| IndyError::invalid_structure(format!("Invalid cache options: {e}")))
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

async fn get(
    ctx: Rc<Ctx>,
    what: Cached,
    pool: i32,
    wallet: WalletHandle,
    submitter: String,
    id: String,
    options: String,
) -> IndyResult<String> {
    let type_ = match what {
        Cached::Schema => SCHEMA_CACHE,
        Cached::CredDef => CRED_DEF_CACHE,
    };
    let (keys, slot) = ctx.reserve(wallet)?;
    let options: GetOptions = self::options(&options)?;
    if !options.no_cache.unwrap_or(false) {
        let (id_keys, name) = (keys.clone(), id.clone());
        let address = ctx.cheap(move || Ok(record_id(&id_keys, type_, &name))).await?;
        let stored = slot.run(move |storage: &mut dyn WalletStorage| read_optional(storage, &address)).await?;
        if let Some(stored) = stored {
            let keys = keys.clone();
            let (value, timestamp) = ctx
                .cheap(move || {
                    let value = decrypt_value(&keys, &stored.value, &stored.key)?;
                    let tags = decrypt_tags(&keys, stored.tags.as_deref().unwrap_or_default())?;
                    let timestamp = tags.get("timestamp").and_then(|t| t.parse::<i64>().ok()).unwrap_or(-1);
                    Ok((String::from_utf8_lossy(&value).into_owned(), timestamp))
                })
                .await?;
            let min_fresh = options.min_fresh.unwrap_or(-1);
            if min_fresh < 0 || now() - min_fresh <= timestamp {
                return Ok(value);
            }
        }
    } else {
        drop(slot);
    }
    if options.no_update.unwrap_or(false) {
        return Err(IndyError::new(ErrorCode::LedgerNotFound, format!("{id} is not cached and noUpdate is set")));
    }
    ctx.check_pool(pool)?;
    let request = match what {
        Cached::Schema => BuildRequest::GetSchema { submitter: Some(submitter), id },
        Cached::CredDef => BuildRequest::GetCredDef { submitter: Some(submitter), id },
    };
    let prepared = ctx.cheap(move || ledger::build_prepared(request, protocol_version())).await?;
    let response = ctx.send_to_pool(pool, prepared).await?;
    let kind = match what {
        Cached::Schema => ParseRequest::Schema,
        Cached::CredDef => ParseRequest::CredDef,
    };
    let (id, json) = match ctx.cheap(move || ledger::parse(kind, &response)).await? {
        Parsed::Two(id, json) => (id, json),
        _ => return Err(IndyError::invalid_state("A parser answered in another shape")),
    };
    if !options.no_store.unwrap_or(false) {
        let (keys, slot) = ctx.reserve(wallet)?;
        let value = json.clone();
        let record = ctx
            .cheap(move || {
                let tags = HashMap::from([("timestamp".to_string(), now().to_string())]);
                Ok(encrypt_record(&keys, type_, &id, value.as_bytes(), &tags))
            })
            .await?;
        slot.run(move |storage: &mut dyn WalletStorage| {
            match storage.delete(&record.id) {
                Ok(()) | Err(StorageError::ItemNotFound) => {}
                Err(e) => return Err(e.into()),
            }
            Ok(storage.add(&record)?)
        })
        .await?;
    }
    Ok(json)
}

/// Deletes the cached records older than `maxAge` seconds (all without it).
async fn purge(ctx: Rc<Ctx>, type_: &'static str, wallet: WalletHandle, options: String) -> IndyResult<()> {
    let (keys, read, write) = ctx.reserve_two(wallet)?;
    let options: PurgeOptions = self::options(&options)?;
    let type_keys = keys.clone();
    let type_id = ctx.cheap(move || Ok(record_id(&type_keys, type_, "").type_)).await?;
    let records = read.run(move |storage: &mut dyn WalletStorage| Ok(storage.list(&type_id)?)).await?;
    let max_age = options.max_age.unwrap_or(-1);
    let expired = ctx
        .cheap(move || {
            let mut expired = Vec::new();
            for record in records {
                let old = match max_age {
                    age if age < 0 => true,
                    age => {
                        let tags = decrypt_tags(&keys, &record.tags)?;
                        let timestamp = tags.get("timestamp").and_then(|t| t.parse::<i64>().ok()).unwrap_or(-1);
                        timestamp < now() - age
                    }
                };
                if old {
                    expired.push(record.id);
                }
            }
            Ok(expired)
        })
        .await?;
    write
        .run(move |storage: &mut dyn WalletStorage| {
            for id in &expired {
                match storage.delete(id) {
                    Ok(()) | Err(StorageError::ItemNotFound) => {}
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(())
        })
        .await
}
