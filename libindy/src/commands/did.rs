//! DIDs: keys made and records encrypted on the cheap tier, stored in the wallet's order.

use std::collections::HashMap;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

use serde_json::Value;

use super::library::protocol_version;
use super::objects::{self, decrypt_listed, decrypt_name, decrypt_object, encrypt_object, ids, read_optional};
use super::{answer, answer_chain, Ctx};
use crate::domain::did::{
    Did, DidWithMeta, Endpoint, KeyInfo, Metadata, MyDidInfo, TemporaryDid, TheirDid, TheirDidInfo,
};
use crate::domain::pairwise::Pairwise;
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::chain::Chain;
use crate::runtime::storage::WalletHandle;
use crate::services::ledger::{self, BuildRequest, ParseRequest, Parsed};
use crate::services::wallet::record_id;
use crate::services::wallet::record_types::*;
use crate::services::{crypto, did as dids};
use crate::storage::{StorageError, StorageRecord, WalletStorage};

pub enum DidCommand {
    CreateAndStoreMyDid { wallet: WalletHandle, info: MyDidInfo, cb: Responder<(String, String)> },
    ReplaceKeysStart { wallet: WalletHandle, did: String, info: KeyInfo, cb: Responder<String> },
    ReplaceKeysApply { wallet: WalletHandle, did: String, cb: Responder<()> },
    StoreTheirDid { wallet: WalletHandle, info: TheirDidInfo, cb: Responder<()> },
    KeyForDid { pool: i32, wallet: WalletHandle, did: String, cb: Responder<String> },
    KeyForLocalDid { wallet: WalletHandle, did: String, cb: Responder<String> },
    SetEndpoint { wallet: WalletHandle, did: String, address: String, transport_key: String, cb: Responder<()> },
    GetEndpoint { wallet: WalletHandle, pool: i32, did: String, cb: Responder<(String, Option<String>)> },
    SetMetadata { wallet: WalletHandle, did: String, metadata: String, cb: Responder<()> },
    GetMetadata { wallet: WalletHandle, did: String, cb: Responder<String> },
    GetMyDidWithMeta { wallet: WalletHandle, did: String, cb: Responder<String> },
    ListMyDidsWithMeta { wallet: WalletHandle, cb: Responder<String> },
    AbbreviateVerkey { did: String, verkey: String, cb: Responder<String> },
    QualifyDid { wallet: WalletHandle, did: String, method: String, cb: Responder<String> },
}

pub fn execute(ctx: Rc<Ctx>, command: DidCommand) -> LocalBoxFuture<'static, ()> {
    use DidCommand::*;
    match command {
        CreateAndStoreMyDid { wallet, info, cb } => {
            answer_chain(cb, move || create_and_store_my_did(&ctx, wallet, info))
        }
        ReplaceKeysStart { wallet, did, info, cb } => answer(cb, replace_keys_start(ctx, wallet, did, info)),
        ReplaceKeysApply { wallet, did, cb } => answer(cb, replace_keys_apply(ctx, wallet, did)),
        StoreTheirDid { wallet, info, cb } => answer(cb, store_their_did(ctx, wallet, info)),
        KeyForDid { pool, wallet, did, cb } => answer(cb, key_for_did(ctx, pool, wallet, did)),
        KeyForLocalDid { wallet, did, cb } => answer_chain(cb, move || key_for_local_did(&ctx, wallet, did)),
        SetEndpoint { wallet, did, address, transport_key, cb } => {
            answer(cb, set_endpoint(ctx, wallet, did, address, transport_key))
        }
        GetEndpoint { wallet, pool, did, cb } => answer(cb, get_endpoint(ctx, wallet, pool, did)),
        SetMetadata { wallet, did, metadata, cb } => answer(cb, set_metadata(ctx, wallet, did, metadata)),
        GetMetadata { wallet, did, cb } => answer(cb, get_metadata(ctx, wallet, did)),
        GetMyDidWithMeta { wallet, did, cb } => answer(cb, get_my_did_with_meta(ctx, wallet, did)),
        ListMyDidsWithMeta { wallet, cb } => answer(cb, list_my_dids_with_meta(ctx, wallet)),
        AbbreviateVerkey { did, verkey, cb } => {
            answer(cb, async move { ctx.cheap(move || dids::abbreviate_verkey(&did, &verkey)).await })
        }
        QualifyDid { wallet, did, method, cb } => answer(cb, qualify_did(ctx, wallet, did, method)),
    }
}

fn did_exists_error(did: &str) -> IndyError {
    IndyError::new(ErrorCode::DidAlreadyExistsError, format!("DID {did} already exists"))
}

fn not_found(what: &str, did: &str) -> IndyError {
    IndyError::new(ErrorCode::WalletItemNotFound, format!("No {what} for DID {did} in the wallet"))
}

fn no_ledger(did: &str, pool: i32) -> IndyError {
    IndyError::new(
        ErrorCode::PoolLedgerInvalidPoolHandle,
        format!("DID {did} is not in the wallet, and pool handle {pool} is not open to ask the ledger"),
    )
}

/// Reads `request` from the ledger; `None` when the ledger has no such data.
async fn ledger_read(ctx: &Ctx, pool: i32, request: BuildRequest, kind: Option<ParseRequest>) -> IndyResult<Value> {
    let prepared = ctx.cheap(move || ledger::build_prepared(request, protocol_version())).await?;
    let reply = ctx.send_to_pool(pool, prepared).await?;
    ctx.cheap(move || match kind {
        Some(kind) => match ledger::parse(kind, &reply) {
            Ok(Parsed::One(data)) => Ok(serde_json::from_str(&data).unwrap_or(Value::Null)),
            Ok(_) => Err(IndyError::invalid_state("A parser answered in another shape")),
            Err(e) if e.kind == ErrorCode::LedgerNotFound => Ok(Value::Null),
            Err(e) => Err(e),
        },
        None => {
            let reply: Value = serde_json::from_str(&reply)
                .map_err(|e| IndyError::new(ErrorCode::LedgerInvalidTransaction, format!("Invalid reply: {e}")))?;
            if reply["op"] != "REPLY" {
                return Err(IndyError::new(
                    ErrorCode::LedgerInvalidTransaction,
                    format!("The ledger refused the request: {}", reply["reason"]),
                ));
            }
            Ok(reply["result"]["data"].as_str().and_then(|d| serde_json::from_str(d).ok()).unwrap_or(Value::Null))
        }
    })
    .await
}

fn not_on_ledger(what: &str, did: &str) -> IndyError {
    IndyError::new(ErrorCode::WalletItemNotFound, format!("No {what} for DID {did} in the wallet or on the ledger"))
}

fn create_and_store_my_did(ctx: &Ctx, wallet: WalletHandle, info: MyDidInfo) -> IndyResult<Chain<(String, String)>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    Ok(Chain::on(&ctx.rt.cheap, move || {
        let (did, key) = dids::create_my_did(&info)?;
        let did_record = encrypt_object(&keys, DID, &did.did, &did);
        let key_record = encrypt_object(&keys, KEY, &key.verkey, &key);
        Ok((did, did_record, key_record))
    })
    .then_store(slot, |storage, (did, did_record, key_record)| {
        storage.add(&did_record).map_err(|e| match e {
            StorageError::ItemAlreadyExists => did_exists_error(&did.did),
            other => other.into(),
        })?;
        // As libindy: one key may back several DIDs (an explicit DID with a reused seed).
        match storage.add(&key_record) {
            Ok(()) | Err(StorageError::ItemAlreadyExists) => Ok((did.did, did.verkey)),
            Err(e) => Err(e.into()),
        }
    }))
}

/// A new key for one of my DIDs, kept aside until `replace_keys_apply`.
async fn replace_keys_start(ctx: Rc<Ctx>, wallet: WalletHandle, did: String, info: KeyInfo) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (did_id, key_record, temporary, verkey) = ctx
        .cheap(move || {
            dids::validate_did(&did)?;
            crypto::check_crypto_type(info.crypto_type.as_deref())?;
            let seed = info.seed.as_deref().map(|seed| crypto::convert_seed(seed)).transpose()?;
            let key = crypto::create_key(seed.as_deref());
            let temporary = TemporaryDid { did: did.clone(), verkey: key.verkey.clone() };
            Ok((
                record_id(&keys, DID, &did),
                encrypt_object(&keys, KEY, &key.verkey, &key),
                encrypt_object(&keys, TEMPORARY_DID, &did, &temporary),
                key.verkey.clone(),
            ))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| {
        storage.get(&did_id, false).map_err(|e| match e {
            StorageError::ItemNotFound => IndyError::new(ErrorCode::WalletItemNotFound, "No such DID of mine"),
            other => other.into(),
        })?;
        storage.add(&key_record)?;
        Ok(storage.upsert(&temporary)?)
    })
    .await?;
    Ok(verkey)
}

async fn replace_keys_apply(ctx: Rc<Ctx>, wallet: WalletHandle, did: String) -> IndyResult<()> {
    let (keys, read, write) = ctx.reserve_two(wallet)?;
    let checked = did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let ids = ids(&ctx, &keys, vec![(DID, did.clone()), (TEMPORARY_DID, did.clone())]).await?;
    let (did_id, temp_id) = (ids[0].clone(), ids[1].clone());
    let temporary = read
        .run(move |storage: &mut dyn WalletStorage| {
            storage.get(&did_id, false).map_err(|e| match e {
                StorageError::ItemNotFound => not_found("DID of mine", "given"),
                other => other.into(),
            })?;
            Ok(storage.get(&temp_id, false)?)
        })
        .await?;
    let temp_id = ids[1].clone();
    let replaced = ctx
        .cheap(move || {
            let temporary: TemporaryDid = decrypt_object(&keys, &temporary, TEMPORARY_DID)?;
            Ok(encrypt_object(&keys, DID, &did, &Did { did: temporary.did.clone(), verkey: temporary.verkey }))
        })
        .await?;
    write
        .run(move |storage: &mut dyn WalletStorage| {
            storage.upsert(&replaced)?;
            Ok(storage.delete(&temp_id)?)
        })
        .await
}

async fn store_their_did(ctx: Rc<Ctx>, wallet: WalletHandle, info: TheirDidInfo) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let record = ctx
        .cheap(move || {
            let their: TheirDid = dids::create_their_did(&info)?;
            Ok(encrypt_object(&keys, THEIR_DID, &their.did, &their))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.upsert(&record)?)).await
}

/// The verkey of one of my DIDs, or else of a stored "their" DID; `None` when neither.
fn local_verkey(ctx: &Ctx, wallet: WalletHandle, did: String) -> IndyResult<Chain<Option<String>>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let id_keys = keys.clone();
    Ok(Chain::on(&ctx.rt.cheap, move || {
        dids::validate_did(&did)?;
        Ok([record_id(&id_keys, DID, &did), record_id(&id_keys, THEIR_DID, &did)])
    })
    .then_store(slot, |storage, [mine, theirs]| match read_optional(storage, &mine)? {
        Some(mine) => Ok(Some(mine)),
        None => read_optional(storage, &theirs),
    })
    .then_on(&ctx.rt.cheap, move |stored| {
        // `Indy::Did` and `Indy::TheirDid` share the shape `{did, verkey}`.
        let did: Option<Did> = stored.map(|stored| decrypt_object(&keys, &stored, "DID")).transpose()?;
        Ok(did.map(|did| did.verkey))
    }))
}

fn key_for_local_did(ctx: &Ctx, wallet: WalletHandle, did: String) -> IndyResult<Chain<String>> {
    Ok(local_verkey(ctx, wallet, did.clone())?.map(move |verkey| verkey.ok_or_else(|| not_found("DID", &did))))
}

/// From the wallet, else from the ledger's NYM (then stored as a "their" DID, as libindy).
async fn key_for_did(ctx: Rc<Ctx>, pool: i32, wallet: WalletHandle, did: String) -> IndyResult<String> {
    if let Some(verkey) = local_verkey(&ctx, wallet, did.clone())?.run().await? {
        return Ok(verkey);
    }
    ctx.check_pool(pool).map_err(|_| no_ledger(&did, pool))?;
    let request = BuildRequest::GetNym { submitter: None, target: did.clone() };
    let nym = ledger_read(&ctx, pool, request, Some(ParseRequest::Nym)).await?;
    if nym.is_null() {
        return Err(not_on_ledger("NYM", &did));
    }
    let verkey = nym["verkey"].as_str().map(str::to_owned);
    let (keys, slot) = ctx.reserve(wallet)?;
    let (record, verkey) = ctx
        .cheap(move || {
            let their = dids::create_their_did(&TheirDidInfo { did, verkey })?;
            Ok((encrypt_object(&keys, THEIR_DID, &their.did, &their), their.verkey))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.upsert(&record)?)).await?;
    Ok(verkey)
}

async fn set_endpoint(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    did: String,
    address: String,
    transport_key: String,
) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let record = ctx
        .cheap(move || {
            dids::validate_did(&did)?;
            crypto::validate_verkey(&transport_key)?;
            Ok(encrypt_object(&keys, ENDPOINT, &did, &Endpoint { ep: address, verkey: Some(transport_key) }))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.upsert(&record)?)).await
}

async fn get_endpoint(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    pool: i32,
    did: String,
) -> IndyResult<(String, Option<String>)> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let endpoint: Option<Endpoint> = objects::get_optional(&ctx, keys, slot, ENDPOINT, did.clone()).await?;
    if let Some(endpoint) = endpoint {
        return Ok((endpoint.ep, endpoint.verkey));
    }
    // libindy then reads the DID's `endpoint` ATTRIB and keeps it in the wallet.
    ctx.check_pool(pool).map_err(|_| no_ledger(&did, pool))?;
    let request = BuildRequest::GetAttrib {
        submitter: None,
        target: did.clone(),
        raw: Some("endpoint".into()),
        hash: None,
        enc: None,
    };
    let attrib = ledger_read(&ctx, pool, request, None).await?;
    let Some(address) = attrib["endpoint"]["ha"].as_str() else {
        return Err(not_on_ledger("endpoint", &did));
    };
    let endpoint =
        Endpoint { ep: address.to_string(), verkey: attrib["endpoint"]["verkey"].as_str().map(str::to_owned) };
    let (keys, slot) = ctx.reserve(wallet)?;
    let stored = endpoint.clone();
    objects::put(&ctx, keys, slot, ENDPOINT, did, stored).await?;
    Ok((endpoint.ep, endpoint.verkey))
}

async fn set_metadata(ctx: Rc<Ctx>, wallet: WalletHandle, did: String, metadata: String) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    objects::put(&ctx, keys, slot, DID_METADATA, did, Metadata { value: metadata }).await
}

async fn get_metadata(ctx: Rc<Ctx>, wallet: WalletHandle, did: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let metadata: Metadata = objects::get(&ctx, keys, slot, DID_METADATA, did).await?;
    Ok(metadata.value)
}

async fn get_my_did_with_meta(ctx: Rc<Ctx>, wallet: WalletHandle, did: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let ids =
        ids(&ctx, &keys, vec![(DID, did.clone()), (DID_METADATA, did.clone()), (TEMPORARY_DID, did.clone())]).await?;
    let (mine, metadata, temporary) = slot
        .run(move |storage: &mut dyn WalletStorage| {
            let mine = read_optional(storage, &ids[0])?;
            Ok((mine, read_optional(storage, &ids[1])?, read_optional(storage, &ids[2])?))
        })
        .await?;
    let mine = mine.ok_or_else(|| not_found("DID of mine", &did))?;
    ctx.cheap(move || {
        let mine: Did = decrypt_object(&keys, &mine, DID)?;
        let metadata: Option<Metadata> = metadata.map(|m| decrypt_object(&keys, &m, DID_METADATA)).transpose()?;
        let temporary: Option<TemporaryDid> =
            temporary.map(|t| decrypt_object(&keys, &t, TEMPORARY_DID)).transpose()?;
        let with_meta = DidWithMeta {
            did: mine.did,
            verkey: mine.verkey,
            temp_verkey: temporary.map(|t| t.verkey),
            metadata: metadata.map(|m| m.value),
        };
        Ok(serde_json::to_string(&with_meta).expect("DidWithMeta serializes"))
    })
    .await
}

async fn list_my_dids_with_meta(ctx: Rc<Ctx>, wallet: WalletHandle) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let types =
        ids(&ctx, &keys, vec![(DID, String::new()), (DID_METADATA, String::new()), (TEMPORARY_DID, String::new())])
            .await?;
    let (mine, metadata, temporary) = slot
        .run(move |storage: &mut dyn WalletStorage| {
            Ok((storage.list(&types[0].type_)?, storage.list(&types[1].type_)?, storage.list(&types[2].type_)?))
        })
        .await?;
    ctx.cheap(move || {
        let by_name = |records: Vec<StorageRecord>| -> IndyResult<HashMap<String, StorageRecord>> {
            records.into_iter().map(|r| Ok((decrypt_name(&keys, &r)?, r))).collect()
        };
        let metadata = by_name(metadata)?;
        let temporary = by_name(temporary)?;
        let mut list = Vec::with_capacity(mine.len());
        for record in &mine {
            let did: Did = decrypt_listed(&keys, record, DID)?;
            let meta: Option<Metadata> =
                metadata.get(&did.did).map(|m| decrypt_listed(&keys, m, DID_METADATA)).transpose()?;
            let temp: Option<TemporaryDid> =
                temporary.get(&did.did).map(|t| decrypt_listed(&keys, t, TEMPORARY_DID)).transpose()?;
            list.push(DidWithMeta {
                did: did.did,
                verkey: did.verkey,
                temp_verkey: temp.map(|t| t.verkey),
                metadata: meta.map(|m| m.value),
            });
        }
        Ok(serde_json::to_string(&list).expect("DIDs serialize"))
    })
    .await
}

/// Renames one of my DIDs to `did:<method>:<id>`, moving its metadata, pending key,
/// endpoint and pairwise relationships with it.
async fn qualify_did(ctx: Rc<Ctx>, wallet: WalletHandle, did: String, method: String) -> IndyResult<String> {
    let (keys, read, write) = ctx.reserve_two(wallet)?;
    let (checked, checked_method) = (did.clone(), method.clone());
    ctx.cheap(move || {
        dids::validate_did(&checked)?;
        dids::validate_method(&checked_method)
    })
    .await?;
    let ids = ids(
        &ctx,
        &keys,
        vec![
            (DID, did.clone()),
            (DID_METADATA, did.clone()),
            (TEMPORARY_DID, did.clone()),
            (ENDPOINT, did.clone()),
            (PAIRWISE, String::new()),
        ],
    )
    .await?;
    let read_ids = ids.clone();
    let (mine, metadata, temporary, endpoint, pairwise) = read
        .run(move |storage: &mut dyn WalletStorage| {
            let mine = read_optional(storage, &read_ids[0])?;
            let metadata = read_optional(storage, &read_ids[1])?;
            let temporary = read_optional(storage, &read_ids[2])?;
            let endpoint = read_optional(storage, &read_ids[3])?;
            Ok((mine, metadata, temporary, endpoint, storage.list(&read_ids[4].type_)?))
        })
        .await?;
    let mine = mine.ok_or_else(|| not_found("DID of mine", &did))?;
    let qualified = dids::qualify(&did, Some(&method));
    let new_name = qualified.clone();
    let (writes, deletes) = ctx
        .cheap(move || {
            let mut writes = Vec::new();
            let mine: Did = decrypt_object(&keys, &mine, DID)?;
            writes.push(encrypt_object(&keys, DID, &new_name, &Did { did: new_name.clone(), verkey: mine.verkey }));
            let mut deletes = vec![ids[0].clone()];
            if let Some(metadata) = metadata {
                let metadata: Metadata = decrypt_object(&keys, &metadata, DID_METADATA)?;
                writes.push(encrypt_object(&keys, DID_METADATA, &new_name, &metadata));
                deletes.push(ids[1].clone());
            }
            if let Some(temporary) = temporary {
                let temporary: TemporaryDid = decrypt_object(&keys, &temporary, TEMPORARY_DID)?;
                let moved = TemporaryDid { did: new_name.clone(), verkey: temporary.verkey };
                writes.push(encrypt_object(&keys, TEMPORARY_DID, &new_name, &moved));
                deletes.push(ids[2].clone());
            }
            if let Some(endpoint) = endpoint {
                let endpoint: Endpoint = decrypt_object(&keys, &endpoint, ENDPOINT)?;
                writes.push(encrypt_object(&keys, ENDPOINT, &new_name, &endpoint));
                deletes.push(ids[3].clone());
            }
            for record in &pairwise {
                let mut pair: Pairwise = decrypt_listed(&keys, record, PAIRWISE)?;
                if pair.my_did == did {
                    pair.my_did = new_name.clone();
                    writes.push(encrypt_object(&keys, PAIRWISE, &pair.their_did, &pair));
                }
            }
            Ok((writes, deletes))
        })
        .await?;
    write
        .run(move |storage: &mut dyn WalletStorage| {
            for id in &deletes {
                storage.delete(id)?;
            }
            for record in &writes {
                storage.upsert(record)?;
            }
            Ok(())
        })
        .await?;
    Ok(qualified)
}
