//! The stored credentials that can answer a proof request: all at once
//! (`indy_prover_get_credentials_for_proof_req`) or streamed per requested item through a
//! search handle. Queries are built and encrypted on the cheap tier, run on the wallet's
//! storage thread (keyset pages: nothing beyond a page held), and predicates are checked on
//! the decrypted values on the cheap tier.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use indy_credx::types::{Credential, PresentationRequest};
use indy_data_types::anoncreds::pres_request::{NonRevocedInterval, PredicateInfo};
use serde_json::Value;

use super::types::CREDENTIAL;
use crate::commands::non_secrets::unknown_search;
use crate::commands::objects::{decrypt_listed, decrypt_name};
use crate::commands::Ctx;
use crate::errors::{IndyError, IndyResult};
use crate::runtime::storage::WalletHandle;
use crate::services::anoncreds::{parse, to_json, CredentialInfo};
use crate::services::proof_request::{item_queries, satisfies, CredentialsForProofRequest, RequestedCredential};
use crate::services::wallet::wql::encrypt_query;
use crate::services::wallet::wql::EncryptedQuery;
use crate::services::wallet::{record_id, Keys};
use crate::storage::{StorageRecord, StorageSearchId, WalletStorage};

const PAGE: usize = 256;

/// An open search for a proof request: one storage search per requested item.
pub struct ProofRequestSearch {
    wallet: WalletHandle,
    items: HashMap<String, ItemSearch>,
}

struct ItemSearch {
    storage_search: StorageSearchId,
    interval: Option<NonRevocedInterval>,
    predicate: Option<PredicateInfo>,
}

struct PreparedItem {
    referent: String,
    query: EncryptedQuery,
    interval: Option<NonRevocedInterval>,
    predicate: Option<PredicateInfo>,
}

/// Parses the request and encrypts one query per requested item.
fn prepare(keys: &Keys, request: &str, extra_queries: Option<&str>) -> IndyResult<(Vec<u8>, Vec<PreparedItem>)> {
    let request: PresentationRequest = parse(request, "proof request")?;
    let extra: Option<HashMap<String, Value>> = extra_queries.map(|e| parse(e, "extra query")).transpose()?;
    let items = item_queries(&request, extra.as_ref())?
        .into_iter()
        .map(|item| {
            Ok(PreparedItem {
                referent: item.referent,
                query: encrypt_query(&item.query.optimise(), keys)?,
                interval: item.interval,
                predicate: item.predicate,
            })
        })
        .collect::<IndyResult<Vec<_>>>()?;
    Ok((record_id(keys, CREDENTIAL, "").type_, items))
}

/// The listed credentials that satisfy the item's predicate (all, for an attribute).
fn requested(
    keys: &Keys,
    records: &[StorageRecord],
    predicate: Option<&PredicateInfo>,
    interval: &Option<NonRevocedInterval>,
) -> IndyResult<Vec<RequestedCredential>> {
    let mut answers = Vec::new();
    for record in records {
        let credential: Credential = decrypt_listed(keys, record, CREDENTIAL)?;
        if let Some(predicate) = predicate {
            if !satisfies(predicate, &credential)? {
                continue;
            }
        }
        let cred_info = CredentialInfo::new(decrypt_name(keys, record)?, &credential);
        answers.push(RequestedCredential { cred_info, interval: interval.clone() });
    }
    Ok(answers)
}

pub(super) async fn get_for_proof_request(ctx: Rc<Ctx>, wallet: WalletHandle, request: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let prepare_keys = keys.clone();
    let (type_id, items) = ctx.cheap(move || prepare(&prepare_keys, &request, None)).await?;
    let found = slot
        .run(move |storage: &mut dyn WalletStorage| {
            let mut found = Vec::with_capacity(items.len());
            for item in items {
                let (search, _) = storage.search_open(Some(&type_id), &item.query, false, false)?;
                let mut records = Vec::new();
                loop {
                    let page = storage.search_next(search, PAGE)?;
                    let done = page.len() < PAGE;
                    records.extend(page);
                    if done {
                        break;
                    }
                }
                storage.search_close(search)?;
                found.push((item, records));
            }
            Ok(found)
        })
        .await?;
    ctx.cheap(move || {
        let mut answer = CredentialsForProofRequest::default();
        for (item, records) in found {
            let credentials = requested(&keys, &records, item.predicate.as_ref(), &item.interval)?;
            match item.predicate {
                Some(_) => answer.predicates.insert(item.referent, credentials),
                None => answer.attrs.insert(item.referent, credentials),
            };
        }
        Ok(to_json(&answer))
    })
    .await
}

pub(super) async fn search_for_proof_request(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    request: String,
    extra_queries: Option<String>,
) -> IndyResult<i32> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (type_id, items) = ctx.cheap(move || prepare(&keys, &request, extra_queries.as_deref())).await?;
    let items = slot
        .run(move |storage: &mut dyn WalletStorage| {
            let mut opened = HashMap::with_capacity(items.len());
            for item in items {
                let (storage_search, _) = storage.search_open(Some(&type_id), &item.query, false, false)?;
                let search = ItemSearch { storage_search, interval: item.interval, predicate: item.predicate };
                opened.insert(item.referent, search);
            }
            Ok(opened)
        })
        .await?;
    let handle = crate::commands::next_handle();
    ctx.proof_searches.borrow_mut().insert(handle, ProofRequestSearch { wallet, items });
    Ok(handle)
}

/// Up to `count` more credentials for one requested item; credentials failing a predicate
/// are skipped, so it reads pages until it has `count` or the search ends.
pub(super) async fn fetch_for_proof_request(
    ctx: Rc<Ctx>,
    search: i32,
    referent: String,
    count: u32,
) -> IndyResult<String> {
    let (wallet, storage_search, interval, predicate) = {
        let searches = ctx.proof_searches.borrow();
        let open = searches.get(&search).ok_or_else(|| unknown_search(search))?;
        let item = open.items.get(&referent).ok_or_else(|| {
            IndyError::new(
                crate::errors::ErrorCode::WalletInvalidHandle,
                format!("Proof request search {search} has no item {referent:?}"),
            )
        })?;
        (open.wallet, item.storage_search, item.interval.clone(), item.predicate.clone())
    };
    let wanted = count as usize;
    let mut answers: Vec<RequestedCredential> = Vec::new();
    let predicate = Arc::new(predicate);
    while answers.len() < wanted {
        let (keys, slot) = ctx.reserve(wallet)?;
        let page_size = (wanted - answers.len()).min(PAGE);
        let records = slot
            .run(move |storage: &mut dyn WalletStorage| Ok(storage.search_next(storage_search, page_size)?))
            .await?;
        let exhausted = records.len() < page_size;
        let (predicate, interval) = (predicate.clone(), interval.clone());
        answers.extend(ctx.cheap(move || requested(&keys, &records, predicate.as_ref().as_ref(), &interval)).await?);
        if exhausted {
            break;
        }
    }
    Ok(to_json(&answers))
}

pub(super) async fn close_proof_request_search(ctx: Rc<Ctx>, search: i32) -> IndyResult<()> {
    let open = ctx.proof_searches.borrow_mut().remove(&search).ok_or_else(|| unknown_search(search))?;
    // A closed wallet took its searches with it.
    if let Ok((_, slot)) = ctx.reserve(open.wallet) {
        let searches: Vec<StorageSearchId> = open.items.values().map(|item| item.storage_search).collect();
        slot.run(move |storage: &mut dyn WalletStorage| {
            for search in searches {
                storage.search_close(search)?;
            }
            Ok(())
        })
        .await?;
    }
    Ok(())
}

/// Drops the proof request searches of a wallet being closed.
pub(super) fn forget_searches(ctx: &Ctx, wallet: WalletHandle) {
    ctx.proof_searches.borrow_mut().retain(|_, search| search.wallet != wallet);
}
