//! Non-secret records and WQL searches: encryption and decryption on the cheap tier,
//! storage work in the wallet's order, searches streamed page by page.

use std::collections::HashMap;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

use super::{answer, answer_chain, next_handle, Ctx};
use crate::domain::non_secrets::{RecordOptions, SearchOptions, SearchRecords, WalletRecord};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::chain::Chain;
use crate::runtime::storage::WalletHandle;
use crate::services::wallet::record_types::RESERVED_PREFIX;
use crate::services::wallet::wql::{encrypt_query, Query};
use crate::services::wallet::{
    decrypt_name, decrypt_tags, decrypt_value, encrypt_tag_name, encrypt_tags, encrypt_value, record_id, Keys,
};
use crate::storage::{StorageRecord, StorageSearchId, StoredValue, WalletStorage};

pub type Tags = HashMap<String, String>;

pub enum NonSecretsCommand {
    Add { wallet: WalletHandle, type_: String, id: String, value: String, tags: Option<Tags>, cb: Responder<()> },
    UpdateValue { wallet: WalletHandle, type_: String, id: String, value: String, cb: Responder<()> },
    UpdateTags { wallet: WalletHandle, type_: String, id: String, tags: Tags, cb: Responder<()> },
    AddTags { wallet: WalletHandle, type_: String, id: String, tags: Tags, cb: Responder<()> },
    DeleteTags { wallet: WalletHandle, type_: String, id: String, names: Vec<String>, cb: Responder<()> },
    Delete { wallet: WalletHandle, type_: String, id: String, cb: Responder<()> },
    Get { wallet: WalletHandle, type_: String, id: String, options: RecordOptions, cb: Responder<String> },
    OpenSearch { wallet: WalletHandle, type_: String, query: String, options: SearchOptions, cb: Responder<i32> },
    FetchNext { wallet: WalletHandle, search: i32, count: u32, cb: Responder<String> },
    CloseSearch { search: i32, cb: Responder<()> },
}

pub fn execute(ctx: Rc<Ctx>, command: NonSecretsCommand) -> LocalBoxFuture<'static, ()> {
    use NonSecretsCommand::*;
    match command {
        Add { wallet, type_, id, value, tags, cb } => {
            answer_chain(cb, move || add(&ctx, wallet, type_, id, value, tags))
        }
        UpdateValue { wallet, type_, id, value, cb } => {
            answer_chain(cb, move || update_value(&ctx, wallet, type_, id, value))
        }
        UpdateTags { wallet, type_, id, tags, cb } => {
            answer_chain(cb, move || change_tags(&ctx, wallet, type_, id, tags, true))
        }
        AddTags { wallet, type_, id, tags, cb } => {
            answer_chain(cb, move || change_tags(&ctx, wallet, type_, id, tags, false))
        }
        DeleteTags { wallet, type_, id, names, cb } => {
            answer_chain(cb, move || delete_tags(&ctx, wallet, type_, id, names))
        }
        Delete { wallet, type_, id, cb } => answer_chain(cb, move || delete(&ctx, wallet, type_, id)),
        Get { wallet, type_, id, options, cb } => answer_chain(cb, move || get(&ctx, wallet, type_, id, options)),
        OpenSearch { wallet, type_, query, options, cb } => answer(cb, open_search(ctx, wallet, type_, query, options)),
        FetchNext { wallet, search, count, cb } => answer(cb, fetch_next(ctx, wallet, search, count)),
        CloseSearch { search, cb } => answer(cb, close_search(ctx, search)),
    }
}

/// A search in progress; it lives on the executor thread, its cursor in the storage.
pub struct OpenSearch {
    pub(super) wallet: WalletHandle,
    pub(super) storage_search: StorageSearchId,
    pub(super) type_: String,
    pub(super) options: SearchOptions,
    pub(super) total_count: Option<usize>,
}

/// libindy keeps its own records (`Indy::…`) out of reach of this API.
fn check_type(type_: &str) -> IndyResult<()> {
    match type_.starts_with(RESERVED_PREFIX) {
        true => Err(IndyError::new(
            ErrorCode::WalletAccessFailed,
            format!("Record type {type_:?} is reserved: types starting with {RESERVED_PREFIX:?} are libindy's"),
        )),
        false => Ok(()),
    }
}

fn add(
    ctx: &Ctx,
    wallet: WalletHandle,
    type_: String,
    id: String,
    value: String,
    tags: Option<Tags>,
) -> IndyResult<Chain<()>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        check_type(&type_)?;
        Ok(crate::services::wallet::encrypt_record(&keys, &type_, &id, value.as_bytes(), &tags.unwrap_or_default()))
    })
    .then_store(slot, |storage, record| Ok(storage.add(&record)?)))
}

fn update_value(ctx: &Ctx, wallet: WalletHandle, type_: String, id: String, value: String) -> IndyResult<Chain<()>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        check_type(&type_)?;
        Ok((record_id(&keys, &type_, &id), encrypt_value(&keys, value.as_bytes())))
    })
    .then_store(slot, |storage, (record, (value, key))| Ok(storage.update_value(&record, &value, &key)?)))
}

/// Replaces all tags (`replace`) or adds and overwrites the given ones.
fn change_tags(
    ctx: &Ctx,
    wallet: WalletHandle,
    type_: String,
    id: String,
    tags: Tags,
    replace: bool,
) -> IndyResult<Chain<()>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        check_type(&type_)?;
        Ok((record_id(&keys, &type_, &id), encrypt_tags(&keys, &tags)))
    })
    .then_store(slot, move |storage, (record, tags)| match replace {
        true => Ok(storage.replace_tags(&record, &tags)?),
        false => Ok(storage.add_tags(&record, &tags)?),
    }))
}

fn delete_tags(
    ctx: &Ctx,
    wallet: WalletHandle,
    type_: String,
    id: String,
    names: Vec<String>,
) -> IndyResult<Chain<()>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        check_type(&type_)?;
        let names: Vec<_> = names.iter().map(|name| encrypt_tag_name(&keys, name)).collect();
        Ok((record_id(&keys, &type_, &id), names))
    })
    .then_store(slot, |storage, (record, names)| Ok(storage.delete_tags(&record, &names)?)))
}

fn delete(ctx: &Ctx, wallet: WalletHandle, type_: String, id: String) -> IndyResult<Chain<()>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        check_type(&type_)?;
        Ok(record_id(&keys, &type_, &id))
    })
    .then_store(slot, |storage, record| Ok(storage.delete(&record)?)))
}

/// A stored record as answered, with what the options ask for.
fn wallet_record(
    keys: &Keys,
    type_: &str,
    id: String,
    stored: &StoredValue,
    options: &RecordOptions,
) -> IndyResult<WalletRecord> {
    let value = match options.retrieve_value {
        true => Some(
            String::from_utf8(decrypt_value(keys, &stored.value, &stored.key)?.to_vec())
                .map_err(|_| IndyError::new(ErrorCode::WalletDecodingError, "A record value is not UTF-8"))?,
        ),
        false => None,
    };
    let tags = match options.retrieve_tags {
        true => Some(decrypt_tags(keys, stored.tags.as_deref().unwrap_or_default())?),
        false => None,
    };
    Ok(WalletRecord { type_: options.retrieve_type.then(|| type_.to_string()), id, value, tags })
}

fn get(
    ctx: &Ctx,
    wallet: WalletHandle,
    type_: String,
    id: String,
    options: RecordOptions,
) -> IndyResult<Chain<String>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let with_tags = options.retrieve_tags;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        check_type(&type_)?;
        let record = record_id(&keys, &type_, &id);
        Ok((record, (keys, type_, id)))
    })
    .then_store(slot, move |storage, (record, named)| Ok((storage.get(&record, with_tags)?, named)))
    .then_on(&ctx.rt.cheap, move |(stored, (keys, type_, id))| {
        let record = wallet_record(&keys, &type_, id, &stored, &options)?;
        Ok(serde_json::to_string(&record).expect("records serialize"))
    }))
}

async fn open_search(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    type_: String,
    query: String,
    options: SearchOptions,
) -> IndyResult<i32> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked_type = type_.clone();
    let (type_id, query) = ctx
        .cheap(move || {
            check_type(&checked_type)?;
            let query = encrypt_query(&Query::parse(&query)?, &keys)?;
            Ok((record_id(&keys, &checked_type, "").type_, query))
        })
        .await?;
    let (with_tags, with_count) = (options.retrieve_tags, options.retrieve_total_count);
    let (storage_search, total_count) = slot
        .run(move |storage: &mut dyn WalletStorage| {
            Ok(storage.search_open(Some(&type_id), &query, with_tags, with_count)?)
        })
        .await?;
    let search = next_handle();
    ctx.searches.borrow_mut().insert(search, OpenSearch { wallet, storage_search, type_, options, total_count });
    Ok(search)
}

async fn fetch_next(ctx: Rc<Ctx>, wallet: WalletHandle, search: i32, count: u32) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (storage_search, type_, options, total_count) = {
        let searches = ctx.searches.borrow();
        let open = searches.get(&search).filter(|s| s.wallet == wallet).ok_or_else(|| unknown_search(search))?;
        (open.storage_search, open.type_.clone(), open.options.clone(), open.total_count)
    };
    if count == 0 {
        return Err(IndyError::invalid_structure("Fetch at least one record: count is 0"));
    }
    let records: Vec<StorageRecord> = match options.retrieve_records {
        true => {
            slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.search_next(storage_search, count as usize)?))
                .await?
        }
        false => Vec::new(),
    };
    ctx.cheap(move || {
        let record_options = options.record_options();
        let records = records
            .into_iter()
            .map(|record| {
                let id = decrypt_name(&keys, &record.id.name)?;
                let stored = StoredValue { value: record.value, key: record.key, tags: Some(record.tags) };
                wallet_record(&keys, &type_, id, &stored, &record_options)
            })
            .collect::<IndyResult<Vec<_>>>()?;
        let page = SearchRecords { total_count, records: (!records.is_empty()).then_some(records) };
        Ok(serde_json::to_string(&page).expect("search pages serialize"))
    })
    .await
}

pub(super) fn unknown_search(search: i32) -> IndyError {
    IndyError::new(ErrorCode::WalletInvalidHandle, format!("Wallet search handle {search} is not open"))
}

pub(super) async fn close_search(ctx: Rc<Ctx>, search: i32) -> IndyResult<()> {
    let open = ctx.searches.borrow_mut().remove(&search).ok_or_else(|| unknown_search(search))?;
    // A closed wallet took its searches with it.
    if let Ok((_, slot)) = ctx.reserve(open.wallet) {
        let storage_search = open.storage_search;
        slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.search_close(storage_search)?)).await?;
    }
    Ok(())
}

/// Drops the searches of a wallet being closed.
pub fn forget_searches(ctx: &Ctx, wallet: WalletHandle) {
    ctx.searches.borrow_mut().retain(|_, search| search.wallet != wallet);
}
