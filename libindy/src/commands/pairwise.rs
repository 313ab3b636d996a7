//! Pairwise relationships between one of my DIDs and a stored "their" DID.

use std::rc::Rc;

use futures::future::LocalBoxFuture;

use super::objects::{self, decrypt_listed, encrypt_object, ids, read_optional};
use super::{answer, Ctx};
use crate::domain::pairwise::{Pairwise, PairwiseInfo};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::did as dids;
use crate::services::wallet::record_id;
use crate::services::wallet::record_types::{DID, PAIRWISE, THEIR_DID};
use crate::storage::{StorageError, WalletStorage};

pub enum PairwiseCommand {
    Exists { wallet: WalletHandle, their_did: String, cb: Responder<bool> },
    Create { wallet: WalletHandle, their_did: String, my_did: String, metadata: Option<String>, cb: Responder<()> },
    List { wallet: WalletHandle, cb: Responder<String> },
    Get { wallet: WalletHandle, their_did: String, cb: Responder<String> },
    SetMetadata { wallet: WalletHandle, their_did: String, metadata: Option<String>, cb: Responder<()> },
}

pub fn execute(ctx: Rc<Ctx>, command: PairwiseCommand) -> LocalBoxFuture<'static, ()> {
    use PairwiseCommand::*;
    match command {
        Exists { wallet, their_did, cb } => answer(cb, exists(ctx, wallet, their_did)),
        Create { wallet, their_did, my_did, metadata, cb } => {
            answer(cb, create(ctx, wallet, their_did, my_did, metadata))
        }
        List { wallet, cb } => answer(cb, list(ctx, wallet)),
        Get { wallet, their_did, cb } => answer(cb, get(ctx, wallet, their_did)),
        SetMetadata { wallet, their_did, metadata, cb } => answer(cb, set_metadata(ctx, wallet, their_did, metadata)),
    }
}

async fn exists(ctx: Rc<Ctx>, wallet: WalletHandle, their_did: String) -> IndyResult<bool> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = their_did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let id = ids(&ctx, &keys, vec![(PAIRWISE, their_did)]).await?.remove(0);
    slot.run(move |storage: &mut dyn WalletStorage| Ok(read_optional(storage, &id)?.is_some())).await
}

/// Both DIDs must be in the wallet: mine, and theirs stored with `store_their_did`.
async fn create(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    their_did: String,
    my_did: String,
    metadata: Option<String>,
) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (mine, theirs, record) = ctx
        .cheap(move || {
            dids::validate_did(&their_did)?;
            dids::validate_did(&my_did)?;
            let record = encrypt_object(
                &keys,
                PAIRWISE,
                &their_did,
                &Pairwise { my_did: my_did.clone(), their_did: their_did.clone(), metadata },
            );
            let mine = record_id(&keys, DID, &my_did);
            let theirs = record_id(&keys, THEIR_DID, &their_did);
            Ok(((mine, my_did), (theirs, their_did), record))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| {
        for ((id, did), what) in [(mine, "DID of mine"), (theirs, "their DID")] {
            if read_optional(storage, &id)?.is_none() {
                return Err(IndyError::new(ErrorCode::WalletItemNotFound, format!("No {what} {did} in the wallet")));
            }
        }
        storage.add(&record).map_err(|e| match e {
            StorageError::ItemAlreadyExists => {
                IndyError::new(ErrorCode::WalletItemAlreadyExists, "A pairwise with this DID already exists")
            }
            other => other.into(),
        })
    })
    .await
}

/// A JSON array of the stored pairwise JSON strings, as libindy answers.
async fn list(ctx: Rc<Ctx>, wallet: WalletHandle) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let type_ = objects::type_id(&ctx, &keys, PAIRWISE).await?;
    let records = slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.list(&type_)?)).await?;
    ctx.cheap(move || {
        let list = records
            .iter()
            .map(|record| {
                let pairwise: Pairwise = decrypt_listed(&keys, record, PAIRWISE)?;
                Ok(serde_json::to_string(&pairwise).expect("pairwise serializes"))
            })
            .collect::<IndyResult<Vec<String>>>()?;
        Ok(serde_json::to_string(&list).expect("a list of strings serializes"))
    })
    .await
}

async fn get(ctx: Rc<Ctx>, wallet: WalletHandle, their_did: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = their_did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let pairwise: Pairwise = objects::get(&ctx, keys, slot, PAIRWISE, their_did).await?;
    Ok(serde_json::to_string(&PairwiseInfo::from(pairwise)).expect("pairwise info serializes"))
}

async fn set_metadata(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    their_did: String,
    metadata: Option<String>,
) -> IndyResult<()> {
    let (keys, read, write) = ctx.reserve_two(wallet)?;
    let checked = their_did.clone();
    ctx.cheap(move || dids::validate_did(&checked)).await?;
    let mut pairwise: Pairwise = objects::get(&ctx, keys.clone(), read, PAIRWISE, their_did.clone()).await?;
    pairwise.metadata = metadata;
    objects::put(&ctx, keys, write, PAIRWISE, their_did, pairwise).await
}
