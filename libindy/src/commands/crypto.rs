//! Keys, signing and verification: all crypto on the cheap tier.

use std::collections::HashMap;
use std::rc::Rc;

use futures::future::LocalBoxFuture;

use super::wallet::decrypt_object;
use super::{answer, Ctx};
use crate::domain::did::{Key, KeyInfo};
use crate::errors::IndyResult;
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::crypto;
use crate::services::wallet::{encrypt_record, record_id, record_types};
use crate::storage::WalletStorage;

pub enum CryptoCommand {
    CreateKey {
        wallet: WalletHandle,
        info: KeyInfo,
        cb: Responder<String>,
    },
    Sign {
        wallet: WalletHandle,
        signer_vk: String,
        message: Vec<u8>,
        cb: Responder<Vec<u8>>,
    },
    Verify {
        signer_vk: String,
        message: Vec<u8>,
        signature: Vec<u8>,
        cb: Responder<bool>,
    },
}

pub fn execute(ctx: Rc<Ctx>, command: CryptoCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        CryptoCommand::CreateKey { wallet, info, cb } => answer(cb, create_key(ctx, wallet, info)),
        CryptoCommand::Sign {
            wallet,
            signer_vk,
            message,
            cb,
        } => answer(cb, sign(ctx, wallet, signer_vk, message)),
        CryptoCommand::Verify {
            signer_vk,
            message,
            signature,
            cb,
        } => answer(cb, verify(ctx, signer_vk, message, signature)),
    }
}

async fn create_key(ctx: Rc<Ctx>, wallet: WalletHandle, info: KeyInfo) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (verkey, record) = ctx
        .rt
        .cheap
        .run(move || {
            crypto::check_crypto_type(info.crypto_type.as_deref())?;
            let seed = info
                .seed
                .as_deref()
                .map(|seed| crypto::convert_seed(seed))
                .transpose()?;
            let key = crypto::create_key(seed.as_deref());
            let json = serde_json::to_vec(&key).expect("keys serialize");
            let record = encrypt_record(
                &keys,
                record_types::KEY,
                &key.verkey,
                &json,
                &HashMap::new(),
            );
            Ok((key.verkey.clone(), record))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.add(&record)?))
        .await?;
    Ok(verkey)
}

async fn sign(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    signer_vk: String,
    message: Vec<u8>,
) -> IndyResult<Vec<u8>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let id_keys = keys.clone();
    let id = ctx
        .rt
        .cheap
        .run(move || {
            crypto::validate_verkey(&signer_vk)?;
            Ok(record_id(&id_keys, record_types::KEY, &signer_vk))
        })
        .await?;
    let stored = slot
        .run(move |storage: &mut dyn WalletStorage| Ok(storage.get(&id, false)?))
        .await?;
    ctx.rt
        .cheap
        .run(move || {
            let key: Key = decrypt_object(&keys, &stored, "key")?;
            Ok(crypto::sign(&key, &message)?.to_vec())
        })
        .await
}

async fn verify(
    ctx: Rc<Ctx>,
    signer_vk: String,
    message: Vec<u8>,
    signature: Vec<u8>,
) -> IndyResult<bool> {
    ctx.rt
        .cheap
        .run(move || crypto::verify(&signer_vk, &message, &signature))
        .await
}
