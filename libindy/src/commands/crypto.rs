//! Keys, signatures and encryption: all crypto on the cheap tier, keys read in the
//! wallet's order.

use std::rc::Rc;
use std::sync::Arc;

use futures::future::LocalBoxFuture;

use super::objects::{self, decrypt_object, encrypt_object, ids, read_optional};
use super::{answer, Ctx};
use crate::domain::did::{Key, KeyInfo, Metadata};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::crypto::{self, KeyPair};
use crate::services::pack::ParsedJwe;
use crate::services::sealing;
use crate::services::wallet::record_types::{KEY, KEY_METADATA};
use crate::storage::WalletStorage;

pub enum CryptoCommand {
    CreateKey {
        wallet: WalletHandle,
        info: KeyInfo,
        cb: Responder<String>,
    },
    SetKeyMetadata {
        wallet: WalletHandle,
        verkey: String,
        metadata: String,
        cb: Responder<()>,
    },
    GetKeyMetadata {
        wallet: WalletHandle,
        verkey: String,
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
    AuthCrypt {
        wallet: WalletHandle,
        sender_vk: String,
        recipient_vk: String,
        message: Vec<u8>,
        cb: Responder<Vec<u8>>,
    },
    AuthDecrypt {
        wallet: WalletHandle,
        recipient_vk: String,
        encrypted: Vec<u8>,
        cb: Responder<(String, Vec<u8>)>,
    },
    AnonCrypt {
        recipient_vk: String,
        message: Vec<u8>,
        cb: Responder<Vec<u8>>,
    },
    AnonDecrypt {
        wallet: WalletHandle,
        recipient_vk: String,
        encrypted: Vec<u8>,
        cb: Responder<Vec<u8>>,
    },
    Pack {
        wallet: WalletHandle,
        message: Vec<u8>,
        receivers: Vec<String>,
        sender: Option<String>,
        cb: Responder<Vec<u8>>,
    },
    Unpack {
        wallet: WalletHandle,
        jwe: Vec<u8>,
        cb: Responder<Vec<u8>>,
    },
}

pub fn execute(ctx: Rc<Ctx>, command: CryptoCommand) -> LocalBoxFuture<'static, ()> {
    use CryptoCommand::*;
    match command {
        CreateKey { wallet, info, cb } => answer(cb, create_key(ctx, wallet, info)),
        SetKeyMetadata { wallet, verkey, metadata, cb } => answer(cb, set_key_metadata(ctx, wallet, verkey, metadata)),
        GetKeyMetadata { wallet, verkey, cb } => answer(cb, get_key_metadata(ctx, wallet, verkey)),
        Sign { wallet, signer_vk, message, cb } => answer(cb, sign(ctx, wallet, signer_vk, message)),
        Verify { signer_vk, message, signature, cb } => {
            answer(cb, async move { ctx.cheap(move || crypto::verify(&signer_vk, &message, &signature)).await })
        }
        AuthCrypt { wallet, sender_vk, recipient_vk, message, cb } => {
            answer(cb, auth_crypt(ctx, wallet, sender_vk, recipient_vk, message))
        }
        AuthDecrypt { wallet, recipient_vk, encrypted, cb } => {
            answer(cb, auth_decrypt(ctx, wallet, recipient_vk, encrypted))
        }
        AnonCrypt { recipient_vk, message, cb } => {
            answer(cb, async move { ctx.cheap(move || sealing::anon_crypt(&recipient_vk, &message)).await })
        }
        AnonDecrypt { wallet, recipient_vk, encrypted, cb } => {
            answer(cb, anon_decrypt(ctx, wallet, recipient_vk, encrypted))
        }
        Pack { wallet, message, receivers, sender, cb } => answer(cb, pack(ctx, wallet, message, receivers, sender)),
        Unpack { wallet, jwe, cb } => answer(cb, unpack(ctx, wallet, jwe)),
    }
}

async fn create_key(ctx: Rc<Ctx>, wallet: WalletHandle, info: KeyInfo) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let (verkey, record) = ctx
        .cheap(move || {
            crypto::check_crypto_type(info.crypto_type.as_deref())?;
            let seed = info.seed.as_deref().map(|seed| crypto::convert_seed(seed)).transpose()?;
            let key = crypto::create_key(seed.as_deref());
            Ok((key.verkey.clone(), encrypt_object(&keys, KEY, &key.verkey, &key)))
        })
        .await?;
    slot.run(move |storage: &mut dyn WalletStorage| Ok(storage.add(&record)?)).await?;
    Ok(verkey)
}

async fn set_key_metadata(ctx: Rc<Ctx>, wallet: WalletHandle, verkey: String, metadata: String) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = verkey.clone();
    ctx.cheap(move || crypto::validate_verkey(&checked)).await?;
    objects::put(&ctx, keys, slot, KEY_METADATA, verkey, Metadata { value: metadata }).await
}

async fn get_key_metadata(ctx: Rc<Ctx>, wallet: WalletHandle, verkey: String) -> IndyResult<String> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = verkey.clone();
    ctx.cheap(move || crypto::validate_verkey(&checked)).await?;
    let metadata: Metadata = objects::get(&ctx, keys, slot, KEY_METADATA, verkey).await?;
    Ok(metadata.value)
}

/// Runs `use_key` with one of my keys on the cheap tier. The first use reads and decrypts
/// the key in the command's place in the wallet's order; later uses find it in the cache.
pub(super) async fn with_key<T, F>(ctx: &Ctx, wallet: WalletHandle, verkey: String, use_key: F) -> IndyResult<T>
where
    T: Send + 'static,
    F: FnOnce(&KeyPair) -> IndyResult<T> + Send + 'static,
{
    if let Some(key) = ctx.cached_key(wallet, &verkey)? {
        return ctx.cheap(move || use_key(&key)).await;
    }
    let (keys, slot) = ctx.reserve(wallet)?;
    let id_keys = keys.clone();
    let id = ctx
        .cheap(move || {
            crypto::validate_verkey(&verkey)?;
            Ok(crate::services::wallet::record_id(&id_keys, KEY, &verkey))
        })
        .await?;
    let stored = slot
        .run(move |storage: &mut dyn WalletStorage| {
            read_optional(storage, &id)?
                .ok_or_else(|| IndyError::new(ErrorCode::WalletItemNotFound, "The key is not in the wallet"))
        })
        .await?;
    let (key, result) = ctx
        .cheap(move || {
            let key: Key = decrypt_object(&keys, &stored, KEY)?;
            let key = Arc::new(KeyPair::from_key(&key)?);
            let result = use_key(&key);
            Ok((key, result))
        })
        .await?;
    ctx.cache_key(wallet, key);
    result
}

async fn sign(ctx: Rc<Ctx>, wallet: WalletHandle, signer_vk: String, message: Vec<u8>) -> IndyResult<Vec<u8>> {
    with_key(&ctx, wallet, signer_vk, move |key| Ok(key.sign(&message).to_vec())).await
}

async fn auth_crypt(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    sender_vk: String,
    recipient_vk: String,
    message: Vec<u8>,
) -> IndyResult<Vec<u8>> {
    with_key(&ctx, wallet, sender_vk, move |key| {
        crypto::validate_verkey(&recipient_vk)?;
        sealing::auth_crypt(key, &recipient_vk, &message)
    })
    .await
}

async fn auth_decrypt(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    recipient_vk: String,
    encrypted: Vec<u8>,
) -> IndyResult<(String, Vec<u8>)> {
    with_key(&ctx, wallet, recipient_vk, move |key| sealing::auth_decrypt(key, &encrypted)).await
}

async fn anon_decrypt(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    recipient_vk: String,
    encrypted: Vec<u8>,
) -> IndyResult<Vec<u8>> {
    with_key(&ctx, wallet, recipient_vk, move |key| sealing::anon_decrypt(key, &encrypted)).await
}

/// Anoncrypt needs no wallet read; Authcrypt reads the sender's key first.
async fn pack(
    ctx: Rc<Ctx>,
    wallet: WalletHandle,
    message: Vec<u8>,
    receivers: Vec<String>,
    sender: Option<String>,
) -> IndyResult<Vec<u8>> {
    let check = move |receivers: &[String]| -> IndyResult<()> {
        receivers.iter().try_for_each(|receiver| crypto::validate_verkey(receiver))
    };
    match sender {
        Some(sender) => {
            with_key(&ctx, wallet, sender, move |key| {
                check(&receivers)?;
                crate::services::pack::pack(&message, &receivers, Some(key))
            })
            .await
        }
        None => {
            ctx.cheap(move || {
                check(&receivers)?;
                crate::services::pack::pack(&message, &receivers, None)
            })
            .await
        }
    }
}

/// Opens the envelope with the first recipient key this wallet holds.
async fn unpack(ctx: Rc<Ctx>, wallet: WalletHandle, jwe: Vec<u8>) -> IndyResult<Vec<u8>> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let parsed = ctx.cheap(move || ParsedJwe::parse(&jwe)).await?;
    let kids = parsed.recipient_keys();
    for (index, kid) in kids.iter().enumerate() {
        if let Some(key) = ctx.cached_key(wallet, kid)? {
            drop(slot); // no read needed: give the place up
            return ctx.cheap(move || unpacked_json(&parsed, index, &key)).await;
        }
    }
    let wanted = kids.iter().map(|kid| (KEY, kid.clone())).collect();
    let candidates = ids(&ctx, &keys, wanted).await?;
    let found = slot
        .run(move |storage: &mut dyn WalletStorage| {
            for (index, id) in candidates.iter().enumerate() {
                if let Some(stored) = read_optional(storage, id)? {
                    return Ok((index, stored));
                }
            }
            Err(IndyError::new(ErrorCode::WalletItemNotFound, "None of the recipient keys is in this wallet"))
        })
        .await?;
    ctx.cheap(move || {
        let (index, stored) = found;
        let key: Key = decrypt_object(&keys, &stored, KEY)?;
        unpacked_json(&parsed, index, &KeyPair::from_key(&key)?)
    })
    .await
}

fn unpacked_json(parsed: &ParsedJwe, index: usize, key: &KeyPair) -> IndyResult<Vec<u8>> {
    let unpacked = parsed.unpack(index, key)?;
    Ok(serde_json::to_vec(&unpacked).expect("unpacked message serializes"))
}
