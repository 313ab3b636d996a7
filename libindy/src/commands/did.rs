//! DIDs: keys made and records encrypted on the cheap tier, stored in the wallet's order.

use std::collections::HashMap;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

use super::wallet::decrypt_object;
use super::{answer, Ctx};
use crate::domain::did::{Did, MyDidInfo, TheirDid, TheirDidInfo};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::did as dids;
use crate::services::wallet::{encrypt_record, record_id, record_types};
use crate::storage::{StorageError, WalletStorage};

pub enum DidCommand {
    CreateAndStoreMyDid {
        wallet: WalletHandle,
        info: MyDidInfo,
        cb: Responder<(String, String)>,
    },
    KeyForLocalDid {
        wallet: WalletHandle,
        did: String,
        cb: Responder<String>,
    },
    StoreTheirDid {
        wallet: WalletHandle,
        info: TheirDidInfo,
        cb: Responder<()>,
    },
}

pub fn execute(ctx: Rc<Ctx>, command: DidCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        DidCommand::CreateAndStoreMyDid { wallet, info, cb } => {
            answer(cb, create_and_store_my_did(ctx, wallet, info))
        }
        DidCommand::KeyForLocalDid { wallet, did, cb } => {
            answer(cb, key_for_local_did(ctx, wallet, did))
        }
        DidCommand::StoreTheirDid { wallet, info, cb } => {
            answer(cb, store_their_did(ctx, wallet, info))
        }
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("domain types serialize")
}

async fn create_and_store_my_did(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    info: MyDidInfo,
) -> IndyResult<(String, String)> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (did, did_record, key_record) = ctx
        .rt
        .cheap
        .run(move || {
            let (did, key) = dids::create_my_did(&info)?;
            let did_record = encrypt_record(
                &keys,
                record_types::DID,
                &did.did,
                &to_json(&did),
                &HashMap::new(),
            );
            let key_record = encrypt_record(
                &keys,
                record_types::KEY,
                &key.verkey,
                &to_json(&key),
                &HashMap::new(),
            );
            Ok((did, did_record, key_record))
        })
        .await?;
    let did_name = did.did.clone();
    slot.run(move |storage: &mut dyn WalletStorage| {
        storage.add(&did_record).map_err(|e| match e {
            StorageError::ItemAlreadyExists => IndyError::new(
                ErrorCode::DidAlreadyExistsError,
                format!("DID {did_name} already exists"),
            ),
            other => other.into(),
        })?;
        // As libindy: one key may back several DIDs (an explicit DID with a reused seed).
        match storage.add(&key_record) {
            Ok(()) | Err(StorageError::ItemAlreadyExists) => Ok(()),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    Ok((did.did, did.verkey))
}

/// The verkey of one of my DIDs, or else of a stored "their" DID.
async fn key_for_local_did(ctx: Rc<Ctx>, wallet: WalletHandle, did: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let id_keys = keys.clone();
    let (mine, theirs) = ctx
        .rt
        .cheap
        .run(move || {
            dids::validate_did(&did)?;
            Ok((
                record_id(&id_keys, record_types::DID, &did),
                record_id(&id_keys, record_types::THEIR_DID, &did),
            ))
        })
        .await?;
    let stored = slot
        .run(
            move |storage: &mut dyn WalletStorage| match storage.get(&mine, false) {
                Err(StorageError::ItemNotFound) => Ok(storage.get(&theirs, false)?),
                other => Ok(other?),
            },
        )
        .await?;
    // `Indy::Did` and `Indy::TheirDid` share the shape `{did, verkey}`.
    let did: Did = ctx
        .rt
        .cheap
        .run(move || decrypt_object(&keys, &stored, "DID"))
        .await?;
    Ok(did.verkey)
}

async fn store_their_did(ctx: Rc<Ctx>, wallet: WalletHandle, info: TheirDidInfo) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let record = ctx
        .rt
        .cheap
        .run(move || {
            let their: TheirDid = dids::create_their_did(&info)?;
            Ok(encrypt_record(
                &keys,
                record_types::THEIR_DID,
                &their.did,
                &to_json(&their),
                &HashMap::new(),
            ))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.upsert(&record)?))
        .await
}
