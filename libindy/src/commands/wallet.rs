//! Wallet lifecycle: key derivation on the expensive tier (or the cheap one for RAW
//! keys), files and connections on the storage thread.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;

use futures::future::LocalBoxFuture;

use super::{answer, next_handle, Ctx};
use crate::domain::wallet::{Credentials, ExportConfig, ImportConfig, KeyConfig, KeyDerivationMethod, WalletConfig};
use crate::errors::{ErrorCode, IndyError, IndyResult, ToIndy};
use crate::runtime::callbacks::Responder;
use crate::runtime::pool::WorkerPool;
use crate::runtime::storage::{Lane, Slot, WalletHandle};
use crate::services::crypto::{self, KeyPair};
use crate::services::wallet::export::{export_with_key, ExportKey, ExportRecord, PendingImport};
use crate::services::wallet::{
    decrypt, decrypt_name, decrypt_tags, decrypt_value, derive_master_key, encrypt_record, Keys, Metadata,
};
use crate::storage::location::{unknown_type, WalletLocation};
use crate::storage::postgres::{self, PostgresLocation};
use crate::storage::{plugged, sqlite};
use crate::storage::{EncryptedQuery, StorageRecord, WalletStorage};

pub enum WalletCommand {
    Create { config: WalletConfig, credentials: Credentials, cb: Responder<()> },
    Open { config: WalletConfig, credentials: Credentials, cb: Responder<WalletHandle> },
    Close { wallet: WalletHandle, cb: Responder<()> },
    Delete { config: WalletConfig, credentials: Credentials, cb: Responder<()> },
    GenerateKey { config: Option<KeyConfig>, cb: Responder<String> },
    Export { wallet: WalletHandle, config: ExportConfig, cb: Responder<()> },
    Import { config: WalletConfig, credentials: Credentials, import: ImportConfig, cb: Responder<()> },
    RegisterStorage { type_name: String, callbacks: plugged::StorageCallbacks, cb: Responder<()> },
}

pub fn execute(ctx: Rc<Ctx>, command: WalletCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        WalletCommand::Create { config, credentials, cb } => answer(cb, create(ctx, config, credentials)),
        WalletCommand::Open { config, credentials, cb } => answer(cb, open(ctx, config, credentials)),
        WalletCommand::Close { wallet, cb } => answer(cb, close(ctx, wallet)),
        WalletCommand::Delete { config, credentials, cb } => answer(cb, delete(ctx, config, credentials)),
        WalletCommand::GenerateKey { config, cb } => answer(cb, generate_key(ctx, config)),
        WalletCommand::Export { wallet, config, cb } => answer(cb, export_wallet(ctx, wallet, config)),
        // A registry insert: no I/O, so the executor may do it.
        WalletCommand::RegisterStorage { type_name, callbacks, cb } => {
            answer(cb, async move { plugged::register(&type_name, callbacks) })
        }
        WalletCommand::Import { config, credentials, import, cb } => {
            answer(cb, import_wallet(ctx, config, credentials, import))
        }
    }
}

struct OpenWallet {
    identity: String,
    keys: Arc<Keys>,
    closing: bool,
    /// Decrypted `Indy::Key`s. A stored key never changes or goes away, so a key read once
    /// can sign without another read and decryption.
    key_cache: HashMap<String, Arc<KeyPair>>,
}

/// Enough for an agent's working set; beyond it the cache starts over.
const KEY_CACHE_LIMIT: usize = 4096;

/// Open wallets, and wallets being opened or deleted; executor thread only.
#[derive(Default)]
pub struct WalletRegistry {
    open: HashMap<WalletHandle, OpenWallet>,
    busy: HashSet<String>,
}

impl WalletRegistry {
    pub fn open_count(&self) -> usize {
        self.open.len()
    }

    /// Whether commands may still use this handle.
    pub fn is_usable(&self, wallet: WalletHandle) -> bool {
        self.open.get(&wallet).is_some_and(|open| !open.closing)
    }

    pub fn pending_count(&self) -> usize {
        self.busy.len()
    }

    fn in_use(&self, identity: &str) -> bool {
        self.busy.contains(identity) || self.open.values().any(|w| w.identity == identity)
    }
}

impl Ctx {
    /// The wallet's keys and the command's place in its storage order. Call it before the
    /// command's first `.await`, so the place follows submission order.
    pub fn reserve(&self, wallet: WalletHandle) -> IndyResult<(Arc<Keys>, Slot)> {
        match self.wallets.borrow().open.get(&wallet) {
            Some(open) if !open.closing => Ok((open.keys.clone(), self.rt.storage.reserve(wallet))),
            _ => Err(IndyError::new(ErrorCode::WalletInvalidHandle, format!("Wallet handle {wallet} is not open"))),
        }
    }

    /// A key of this wallet already read and decrypted, if any.
    pub fn cached_key(&self, wallet: WalletHandle, verkey: &str) -> IndyResult<Option<Arc<KeyPair>>> {
        match self.wallets.borrow().open.get(&wallet) {
            Some(open) if !open.closing => Ok(open.key_cache.get(verkey).cloned()),
            _ => Err(IndyError::new(ErrorCode::WalletInvalidHandle, format!("Wallet handle {wallet} is not open"))),
        }
    }

    pub fn cache_key(&self, wallet: WalletHandle, key: Arc<KeyPair>) {
        if let Some(open) = self.wallets.borrow_mut().open.get_mut(&wallet) {
            if open.key_cache.len() >= KEY_CACHE_LIMIT {
                open.key_cache.clear();
            }
            open.key_cache.insert(key.verkey.clone(), key);
        }
    }

    /// Two consecutive places: a read, then a write that nothing submitted later can precede.
    pub fn reserve_two(&self, wallet: WalletHandle) -> IndyResult<(Arc<Keys>, Slot, Slot)> {
        let (keys, first) = self.reserve(wallet)?;
        Ok((keys, first, self.rt.storage.reserve(wallet)))
    }

    /// Marks a wallet identity busy until the guard drops; refused while open or busy.
    fn claim(self: &Rc<Self>, identity: &str, refusal: impl FnOnce() -> IndyError) -> IndyResult<Claim> {
        let mut wallets = self.wallets.borrow_mut();
        if wallets.in_use(identity) {
            return Err(refusal());
        }
        wallets.busy.insert(identity.to_string());
        Ok(Claim { ctx: self.clone(), identity: identity.to_string() })
    }
}

struct Claim {
    ctx: Rc<Ctx>,
    identity: String,
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.ctx.wallets.borrow_mut().busy.remove(&self.identity);
    }
}

/// Where the wallet lives, after checking what libindy checks of the config.
fn location(config: &WalletConfig, credentials: Option<&Credentials>) -> IndyResult<WalletLocation> {
    if config.id.is_empty() || config.id.contains('/') || config.id.contains('\0') {
        return Err(IndyError::invalid_structure(format!("Wallet id {:?} is not a valid file name", config.id)));
    }
    match config.storage_type.as_deref() {
        None | Some(plugged::DEFAULT_TYPE) => {
            Ok(WalletLocation::Sqlite(sqlite::wallet_file(&config.id, config.path())))
        }
        Some(type_name) if plugged::lookup(type_name).is_some() => Ok(WalletLocation::Plugged {
            type_name: type_name.to_string(),
            id: config.id.clone(),
            config: config.storage_config.as_ref().map(|c| c.to_string()),
            credentials: credentials.and_then(|c| c.storage_credentials.as_ref()).map(|c| c.to_string()),
        }),
        // The built-in backend answers to the plugin's name unless the plugin was registered.
        Some(postgres::STORAGE_TYPE) => Ok(WalletLocation::Postgres(PostgresLocation::parse(
            &config.id,
            config.storage_config.as_ref(),
            credentials.and_then(|c| c.storage_credentials.as_ref()),
        )?)),
        Some(type_name) => Err(unknown_type(type_name).into()),
    }
}

/// A database server gains from concurrent connections, so its wallets share the storage
/// pool; a file has one writer, so it keeps a thread of its own.
fn lane(location: &WalletLocation) -> Lane {
    match location {
        WalletLocation::Postgres(_) => Lane::Shared,
        WalletLocation::Sqlite(_) | WalletLocation::Plugged { .. } => Lane::Dedicated,
    }
}

/// Argon2 belongs on the expensive tier; a RAW key costs nothing.
fn kdf_pool(ctx: &Ctx, method: KeyDerivationMethod) -> &'static WorkerPool {
    match method {
        KeyDerivationMethod::Raw => &ctx.rt.cheap,
        _ => &ctx.rt.expensive,
    }
}

/// New metadata: `keys` sealed under a master key derived from `key`.
fn seal_keys(keys: &Keys, method: KeyDerivationMethod, key: &str) -> IndyResult<Vec<u8>> {
    let metadata = match method {
        KeyDerivationMethod::Raw => Metadata::Raw { keys: keys.seal(&*derive_master_key(method, key, None)?) },
        _ => {
            let salt = Metadata::new_salt();
            let master = derive_master_key(method, key, Some(&salt))?;
            Metadata::Argon { keys: keys.seal(&master), master_key_salt: salt }
        }
    };
    Ok(metadata.to_bytes())
}

fn unseal_keys(metadata: &[u8], method: KeyDerivationMethod, key: &str) -> IndyResult<Keys> {
    let metadata = Metadata::from_bytes(metadata)?;
    let master = derive_master_key(method, key, metadata.salt())?;
    Keys::open(metadata.sealed_keys(), &master)
}

async fn create(ctx: Rc<Ctx>, config: WalletConfig, credentials: Credentials) -> IndyResult<()> {
    let location = location(&config, Some(&credentials))?;
    let _claim = ctx.claim(&location.identity(), || {
        IndyError::new(ErrorCode::WalletAlreadyExistsError, format!("Wallet {} is open or being changed", config.id))
    })?;
    let checked = location.clone();
    ctx.rt
        .storage
        .run_file_job(move || match checked.exists() {
            true => Err(IndyError::new(ErrorCode::WalletAlreadyExistsError, format!("{} exists", checked.identity()))),
            false => Ok(()),
        })
        .await?;
    let method = credentials.key_derivation_method;
    let metadata = kdf_pool(&ctx, method).run(move || seal_keys(&Keys::new_random(), method, &credentials.key)).await?;
    ctx.rt.storage.run_file_job(move || Ok(location.create(&metadata)?)).await?;
    log::info!("created wallet {:?}", config.id);
    Ok(())
}

async fn open(ctx: Rc<Ctx>, config: WalletConfig, credentials: Credentials) -> IndyResult<WalletHandle> {
    let location = location(&config, Some(&credentials))?;
    let identity = location.identity();
    let _claim = ctx.claim(&identity, || {
        IndyError::new(ErrorCode::WalletAlreadyOpenedError, format!("Wallet {} is already open", config.id))
    })?;
    let wallet = next_handle();
    let opened = ctx
        .rt
        .storage
        .open(wallet, lane(&location), move || {
            let mut storage = location.open()?;
            let metadata = storage.metadata()?;
            Ok((storage, metadata))
        })
        .await;
    let metadata = match opened {
        Ok(metadata) => metadata,
        Err(e) => {
            ctx.rt.storage.forget(wallet);
            return Err(e);
        }
    };
    match unlock(&ctx, wallet, metadata, credentials).await {
        Ok(keys) => {
            ctx.wallets.borrow_mut().open.insert(
                wallet,
                OpenWallet { identity, keys: Arc::new(keys), closing: false, key_cache: HashMap::new() },
            );
            log::info!("opened wallet {:?} as handle {wallet}", config.id);
            Ok(wallet)
        }
        Err(e) => {
            let _ = ctx.rt.storage.reserve(wallet).close().await;
            ctx.rt.storage.forget(wallet);
            Err(e)
        }
    }
}

/// The wallet's keys from its metadata; with `rekey`, sealed anew under the new key.
async fn unlock(ctx: &Ctx, wallet: WalletHandle, metadata: Vec<u8>, credentials: Credentials) -> IndyResult<Keys> {
    let method = credentials.key_derivation_method;
    let key = credentials.key.clone();
    let keys = kdf_pool(ctx, method).run(move || unseal_keys(&metadata, method, &key)).await?;
    let Some(rekey) = credentials.rekey else {
        return Ok(keys);
    };
    let method = credentials.rekey_derivation_method;
    let (keys, metadata) = kdf_pool(ctx, method)
        .run(move || {
            let metadata = seal_keys(&keys, method, &rekey)?;
            Ok((keys, metadata))
        })
        .await?;
    ctx.rt
        .storage
        .reserve(wallet)
        .run(move |storage: &mut dyn WalletStorage| Ok(storage.set_metadata(&metadata)?))
        .await?;
    Ok(keys)
}

async fn close(ctx: Rc<Ctx>, wallet: WalletHandle) -> IndyResult<()> {
    let (_, slot) = ctx.reserve(wallet)?;
    if let Some(open) = ctx.wallets.borrow_mut().open.get_mut(&wallet) {
        open.closing = true; // later commands on this handle are refused from now on
    }
    super::non_secrets::forget_searches(&ctx, wallet);
    super::anoncreds::forget_wallet(&ctx, wallet);
    let closed = slot.close().await;
    ctx.rt.storage.forget(wallet);
    ctx.wallets.borrow_mut().open.remove(&wallet);
    log::info!("closed wallet handle {wallet}");
    closed
}

async fn delete(ctx: Rc<Ctx>, config: WalletConfig, credentials: Credentials) -> IndyResult<()> {
    let location = location(&config, Some(&credentials))?;
    let _claim = ctx.claim(&location.identity(), || {
        IndyError::invalid_state(format!("Wallet {} has to be closed before deleting", config.id))
    })?;
    let opened = location.clone();
    let metadata = ctx.rt.storage.run_file_job(move || Ok(opened.open()?.metadata()?)).await?;
    let method = credentials.key_derivation_method;
    // The key must open the wallet before the wallet may be deleted.
    kdf_pool(&ctx, method).run(move || unseal_keys(&metadata, method, &credentials.key).map(drop)).await?;
    ctx.rt.storage.run_file_job(move || Ok(location.delete()?)).await?;
    log::info!("deleted wallet {:?}", config.id);
    Ok(())
}

/// Writes every record, decrypted, to a libindy export file: the key is derived on the
/// expensive tier, the records streamed on the wallet's storage thread in the command's place.
async fn export_wallet(ctx: Rc<Ctx>, wallet: WalletHandle, config: ExportConfig) -> IndyResult<()> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let method = config.key_derivation_method;
    let export_key = kdf_pool(&ctx, method).run(move || ExportKey::derive(method, &config.key)).await?;
    let path = PathBuf::from(config.path);
    slot.run(move |storage: &mut dyn WalletStorage| {
        let file = create_export_file(&path)?;
        let time = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let written = export_records(storage, &keys, |records| {
            export_with_key(std::io::BufWriter::new(file), records, &export_key, time)
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&path); // no half-written export is left behind
        }
        written
    })
    .await
}

fn create_export_file(path: &std::path::Path) -> IndyResult<std::fs::File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).to_indy(ErrorCode::CommonIOError, "Cannot create the export directory")?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .to_indy(ErrorCode::CommonIOError, &format!("Cannot create the export file {}", path.display()))
}

/// Streams every record of the wallet, decrypted, page by page.
fn export_records<T>(
    storage: &mut dyn WalletStorage,
    keys: &Keys,
    write: impl FnOnce(&mut dyn Iterator<Item = IndyResult<ExportRecord>>) -> IndyResult<T>,
) -> IndyResult<T> {
    const PAGE: usize = 256;
    let (search, _) = storage.search_open(None, &EncryptedQuery::And(vec![]), true, false)?;
    let result = {
        let mut page = std::collections::VecDeque::new();
        let mut finished = false;
        let mut records = std::iter::from_fn(|| {
            if page.is_empty() && !finished {
                match storage.search_next(search, PAGE) {
                    Ok(next) => {
                        finished = next.len() < PAGE;
                        page.extend(next);
                    }
                    Err(e) => {
                        finished = true;
                        return Some(Err(IndyError::from(e)));
                    }
                }
            }
            page.pop_front().map(|record| decrypt_export_record(keys, &record))
        });
        write(&mut records)
    };
    let _ = storage.search_close(search);
    result
}

fn decrypt_export_record(keys: &Keys, record: &StorageRecord) -> IndyResult<ExportRecord> {
    let type_ = String::from_utf8(decrypt(&record.id.type_, &keys.type_key)?)
        .map_err(|_| IndyError::new(ErrorCode::WalletDecodingError, "A record type is not UTF-8"))?;
    let value = String::from_utf8(decrypt_value(keys, &record.value, &record.key)?.to_vec())
        .map_err(|_| IndyError::new(ErrorCode::WalletDecodingError, "A record value is not UTF-8"))?;
    Ok(ExportRecord { type_, id: decrypt_name(keys, &record.id.name)?, value, tags: decrypt_tags(keys, &record.tags)? })
}

/// Creates a wallet from a libindy export file: both keys derived on the expensive tier,
/// the records streamed into the new wallet in one transaction on its storage thread. A
/// failed import leaves no wallet behind.
async fn import_wallet(
    ctx: Rc<Ctx>,
    config: WalletConfig,
    credentials: Credentials,
    import: ImportConfig,
) -> IndyResult<()> {
    let location = location(&config, Some(&credentials))?;
    let _claim = ctx.claim(&location.identity(), || {
        IndyError::new(ErrorCode::WalletAlreadyExistsError, format!("Wallet {} is open or being changed", config.id))
    })?;
    let source = PathBuf::from(&import.path);
    let pending = ctx
        .rt
        .storage
        .run_file_job(move || {
            let reader = std::fs::File::open(&source)
                .to_indy(ErrorCode::CommonIOError, &format!("Cannot open the import file {}", source.display()))?;
            PendingImport::read_header(std::io::BufReader::new(reader))
        })
        .await?;
    let import_key = kdf_pool(&ctx, pending.key_derivation_method())
        .run(move || {
            let key = pending.derive_key(&import.key)?;
            Ok((pending, key))
        })
        .await?;
    let method = credentials.key_derivation_method;
    let (keys, metadata) = kdf_pool(&ctx, method)
        .run(move || {
            let keys = Keys::new_random();
            let metadata = seal_keys(&keys, method, &credentials.key)?;
            Ok((keys, metadata))
        })
        .await?;
    let created = location.clone();
    ctx.rt.storage.run_file_job(move || Ok(created.create(&metadata)?)).await?;

    let staging = next_handle();
    let opened = location.clone();
    let streamed = match ctx.rt.storage.open(staging, lane(&location), move || Ok((opened.open()?, ()))).await {
        Ok(()) => {
            let (pending, key) = import_key;
            let streamed = ctx
                .rt
                .storage
                .reserve(staging)
                .run(move |storage: &mut dyn WalletStorage| {
                    for record in pending.open(&key)? {
                        let record = record?;
                        let stored =
                            encrypt_record(&keys, &record.type_, &record.id, record.value.as_bytes(), &record.tags);
                        storage.add(&stored)?;
                    }
                    Ok(())
                })
                .await;
            let _ = ctx.rt.storage.reserve(staging).close().await;
            streamed
        }
        Err(e) => Err(e),
    };
    ctx.rt.storage.forget(staging);
    if streamed.is_err() {
        let _ = ctx.rt.storage.run_file_job(move || Ok(location.delete()?)).await;
    }
    streamed
}

async fn generate_key(ctx: Rc<Ctx>, config: Option<KeyConfig>) -> IndyResult<String> {
    ctx.rt
        .cheap
        .run(move || {
            let key = match config.and_then(|c| c.seed) {
                Some(seed) => crypto::deterministic_bytes::<32>(&*crypto::convert_seed(&seed)?),
                None => crypto::random_bytes::<32>(),
            };
            Ok(bs58::encode(key.as_ref()).into_string())
        })
        .await
}
