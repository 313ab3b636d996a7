//! Commands as async functions. Each reads as its story: which tier runs each part, in
//! order; the executor thread only polls them.

pub mod anoncreds;
pub mod blob_storage;
pub mod cache;
pub mod crypto;
pub mod did;
pub mod executor;
pub mod ledger;
pub mod library;
pub mod non_secrets;
pub mod objects;
pub mod pairwise;
pub mod pool;
pub mod wallet;

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicI32, Ordering};

use futures::future::{FutureExt, LocalBoxFuture};

pub use executor::submit;

use crate::errors::{panic_error, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::chain::Chain;
use crate::runtime::{runtime, Runtime};
use wallet::WalletRegistry;

pub enum Command {
    Anoncreds(anoncreds::AnoncredsCommand),
    BlobStorage(blob_storage::BlobStorageCommand),
    Wallet(wallet::WalletCommand),
    Did(did::DidCommand),
    Crypto(crypto::CryptoCommand),
    Pairwise(pairwise::PairwiseCommand),
    NonSecrets(non_secrets::NonSecretsCommand),
    Library(library::LibraryCommand),
    Ledger(ledger::LedgerCommand),
    Pool(pool::PoolCommand),
    Cache(cache::CacheCommand),
}

/// Serializes the commands that change one revocation registry.
pub type RegistryLock = std::sync::Arc<futures::lock::Mutex<()>>;

/// What commands share; it lives on the executor thread only.
pub struct Ctx {
    pub rt: &'static Runtime,
    pub wallets: RefCell<WalletRegistry>,
    pub searches: RefCell<HashMap<i32, non_secrets::OpenSearch>>,
    pub pools: RefCell<pool::PoolRegistry>,
    pub proof_searches: RefCell<HashMap<i32, anoncreds::proof_request::ProofRequestSearch>>,
    pub blobs: RefCell<HashMap<i32, blob_storage::BlobStorage>>,
    /// Issuance and revocation read, change and write a registry's accumulator: one at a
    /// time per registry, so no update is lost.
    pub registry_locks: RefCell<HashMap<(i32, String), RegistryLock>>,
}

impl Ctx {
    fn new() -> Ctx {
        Ctx {
            rt: runtime(),
            wallets: RefCell::default(),
            searches: RefCell::default(),
            pools: RefCell::default(),
            proof_searches: RefCell::default(),
            blobs: RefCell::default(),
            registry_locks: RefCell::default(),
        }
    }
}

/// Every handle the library gives out (wallets, and later searches, pools…) comes from
/// this one counter, as in libindy.
pub fn next_handle() -> i32 {
    static NEXT: AtomicI32 = AtomicI32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

fn dispatch(ctx: Rc<Ctx>, command: Command) -> LocalBoxFuture<'static, ()> {
    match command {
        Command::Wallet(command) => wallet::execute(ctx.clone(), command),
        Command::Anoncreds(command) => anoncreds::execute(ctx.clone(), command),
        Command::BlobStorage(command) => blob_storage::execute(ctx.clone(), command),
        Command::Did(command) => did::execute(ctx.clone(), command),
        Command::Crypto(command) => crypto::execute(ctx.clone(), command),
        Command::Pairwise(command) => pairwise::execute(ctx.clone(), command),
        Command::NonSecrets(command) => non_secrets::execute(ctx.clone(), command),
        Command::Library(command) => library::execute(ctx.clone(), command),
        Command::Ledger(command) => ledger::execute(ctx.clone(), command),
        Command::Pool(command) => pool::execute(ctx.clone(), command),
        Command::Cache(command) => cache::execute(ctx.clone(), command),
    }
}

/// Runs a command body and answers its caller with the result; a panic in the body
/// answers `CommonInvalidState` with the panic's message.
fn answer<T, F>(responder: Responder<T>, body: F) -> LocalBoxFuture<'static, ()>
where
    T: Send + 'static,
    F: Future<Output = IndyResult<T>> + 'static,
{
    async move {
        let result = AssertUnwindSafe(body).catch_unwind().await.unwrap_or_else(|p| Err(panic_error(p, "command")));
        responder.respond(result);
    }
    .boxed_local()
}

/// Starts a command made of one chain of parts, built by `build`; the last part answers
/// the caller itself, so the executor is not woken again.
fn answer_chain<T, F>(responder: Responder<T>, build: F) -> LocalBoxFuture<'static, ()>
where
    T: Send + 'static,
    F: FnOnce() -> IndyResult<Chain<T>> + 'static,
{
    async move {
        match catch_unwind(AssertUnwindSafe(build)) {
            Ok(Ok(chain)) => chain.respond(responder),
            Ok(Err(e)) => responder.respond(Err(e)),
            Err(p) => responder.respond(Err(panic_error(p, "command"))),
        }
    }
    .boxed_local()
}
