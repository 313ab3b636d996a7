//! Pools: configs on disk as libindy keeps them (`~/.indy_client/pool/<name>/<name>.txn`,
//! file work on the files thread), each open pool on its own network thread.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use indy_vdr::common::error::VdrErrorKind;
use indy_vdr::config::PoolConfig as VdrPoolConfig;
use indy_vdr::pool::{PoolTransactions, PreparedRequest, ProtocolVersion};
use serde::Deserialize;

use super::ledger::invalid_pool;
use super::library::protocol_version;
use super::{answer, next_handle, Ctx};
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::current_config;
use crate::runtime::network::{PoolConnection, PoolSettings};
use crate::services::ledger::{incompatible_genesis, pool_error, submit_result};
use crate::storage::sqlite::default_wallet_dir;

pub enum PoolCommand {
    CreateConfig { name: String, config: Option<String>, cb: Responder<()> },
    Open { name: String, config: Option<String>, cb: Responder<i32> },
    Refresh { pool: i32, cb: Responder<()> },
    List { cb: Responder<String> },
    Close { pool: i32, cb: Responder<()> },
    DeleteConfig { name: String, cb: Responder<()> },
}

pub fn execute(ctx: Rc<Ctx>, command: PoolCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        PoolCommand::CreateConfig { name, config, cb } => answer(cb, create_config(ctx, name, config)),
        PoolCommand::Open { name, config, cb } => answer(cb, open(ctx, name, config)),
        PoolCommand::Refresh { pool, cb } => answer(cb, refresh(ctx, pool)),
        PoolCommand::List { cb } => answer(cb, async move { ctx.rt.storage.run_file_job(list).await }),
        PoolCommand::Close { pool, cb } => answer(cb, close(ctx, pool)),
        PoolCommand::DeleteConfig { name, cb } => answer(cb, delete_config(ctx, name)),
    }
}

/// Open pools and pools being opened; executor thread only.
#[derive(Default)]
pub struct PoolRegistry {
    open: HashMap<i32, OpenPool>,
    opening: HashSet<String>,
}

struct OpenPool {
    name: String,
    connection: PoolConnection,
}

impl PoolRegistry {
    fn in_use(&self, name: &str) -> bool {
        self.opening.contains(name) || self.open.values().any(|p| p.name == name)
    }
}

impl Ctx {
    pub fn check_pool(&self, pool: i32) -> IndyResult<()> {
        match self.pools.borrow().open.contains_key(&pool) {
            true => Ok(()),
            false => Err(invalid_pool(pool)),
        }
    }

    /// Sends a prepared request through the pool's thread and answers as libindy does.
    pub async fn send_to_pool(&self, pool: i32, request: PreparedRequest) -> IndyResult<String> {
        let reply = match self.pools.borrow().open.get(&pool) {
            Some(open) => open.connection.submit(request),
            None => return Err(invalid_pool(pool)),
        };
        match reply.await {
            Some(Ok(result)) => submit_result(result),
            Some(Err(e)) => Err(pool_error(e)),
            None => Err(IndyError::new(ErrorCode::PoolLedgerTerminated, format!("Pool handle {pool} was closed"))),
        }
    }
}

/// `~/.indy_client/pool`, beside the wallets' directory.
fn pools_dir() -> PathBuf {
    default_wallet_dir().with_file_name("pool")
}

fn genesis_file(name: &str) -> PathBuf {
    pools_dir().join(name).join(format!("{name}.txn"))
}

fn check_name(name: &str) -> IndyResult<()> {
    if name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(IndyError::invalid_structure(format!("Invalid pool name {name:?}")));
    }
    Ok(())
}

#[derive(Deserialize)]
struct CreateConfig {
    genesis_txn: String,
}

/// libindy's open config; its defaults are libindy's. Unknown keys are ignored, as there.
#[derive(Deserialize)]
struct OpenConfig {
    #[serde(default = "default_timeout")]
    timeout: i64,
    #[serde(default = "default_extended_timeout")]
    extended_timeout: i64,
    #[serde(default = "default_conn_limit")]
    conn_limit: usize,
    #[serde(default = "default_conn_active_timeout")]
    conn_active_timeout: i64,
    #[serde(default)]
    preordered_nodes: Vec<String>,
    #[serde(default = "default_number_read_nodes")]
    number_read_nodes: usize,
    #[serde(default)]
    socks_proxy: Option<String>,
}

fn default_timeout() -> i64 {
    20
}
fn default_extended_timeout() -> i64 {
    60
}
fn default_conn_limit() -> usize {
    5
}
fn default_conn_active_timeout() -> i64 {
    5
}
fn default_number_read_nodes() -> usize {
    2
}

async fn create_config(ctx: Rc<Ctx>, name: String, config: Option<String>) -> IndyResult<()> {
    check_name(&name)?;
    let genesis = match config {
        Some(config) => {
            serde_json::from_str::<CreateConfig>(&config)
                .map_err(|e| IndyError::invalid_structure(format!("Invalid pool config: {e}")))?
                .genesis_txn
        }
        None => format!("{name}.txn"),
    };
    if ctx.pools.borrow().in_use(&name) {
        return Err(IndyError::new(ErrorCode::CommonInvalidState, format!("Pool {name} is open")));
    }
    ctx.rt
        .storage
        .run_file_job(move || {
            let target = genesis_file(&name);
            let dir = target.parent().expect("a pool file has a directory").to_path_buf();
            if dir.exists() {
                return Err(IndyError::new(
                    ErrorCode::PoolLedgerConfigAlreadyExistsError,
                    format!("Pool ledger config {name} already exists"),
                ));
            }
            let text = std::fs::read_to_string(&genesis).map_err(|e| {
                IndyError::new(ErrorCode::CommonIOError, format!("Cannot read genesis transactions {genesis}: {e}"))
            })?;
            let transactions = PoolTransactions::from_json(&text).map_err(pool_error)?;
            if transactions.len() == 0 {
                return Err(IndyError::invalid_structure("Empty genesis transaction file"));
            }
            let io =
                |e: std::io::Error| IndyError::new(ErrorCode::CommonIOError, format!("Cannot write pool {name}: {e}"));
            std::fs::create_dir_all(&dir).map_err(io)?;
            let written = std::fs::write(&target, text.as_bytes()).and_then(|()| {
                std::fs::write(dir.join("config.json"), serde_json::json!({"genesis_txn": genesis}).to_string())
            });
            if let Err(e) = written {
                let _ = std::fs::remove_dir_all(&dir);
                return Err(io(e));
            }
            Ok(())
        })
        .await
}

/// Releases a name being opened, whatever happens to the open.
struct Opening {
    ctx: Rc<Ctx>,
    name: String,
}

impl Drop for Opening {
    fn drop(&mut self) {
        self.ctx.pools.borrow_mut().opening.remove(&self.name);
    }
}

async fn open(ctx: Rc<Ctx>, name: String, config: Option<String>) -> IndyResult<i32> {
    check_name(&name)?;
    let config: OpenConfig = serde_json::from_str(config.as_deref().unwrap_or("{}"))
        .map_err(|e| IndyError::invalid_structure(format!("Invalid pool open config: {e}")))?;
    {
        let mut pools = ctx.pools.borrow_mut();
        if pools.in_use(&name) {
            return Err(IndyError::new(
                ErrorCode::PoolLedgerInvalidPoolHandle,
                format!("Pool {name} is already opened"),
            ));
        }
        pools.opening.insert(name.clone());
    }
    let _opening = Opening { ctx: ctx.clone(), name: name.clone() };
    let file_name = name.clone();
    let transactions = ctx
        .rt
        .storage
        .run_file_job(move || {
            let file = genesis_file(&file_name);
            if !file.exists() {
                return Err(IndyError::new(
                    ErrorCode::PoolLedgerNotCreatedError,
                    format!("Pool ledger config {file_name} was not created"),
                ));
            }
            PoolTransactions::from_json_file(&file).map_err(pool_error)
        })
        .await?;
    let version = protocol_version();
    let settings = PoolSettings {
        name: name.clone(),
        config: vdr_config(&config, version),
        transactions,
        node_weights: node_weights(&config.preordered_nodes),
    };
    let connection = match PoolConnection::open(settings).await {
        Some(Ok(connection)) => connection,
        Some(Err(e)) if matches!(e.kind(), VdrErrorKind::Incompatible) => return Err(incompatible_genesis(version)),
        Some(Err(e)) => return Err(pool_error(e)),
        None => return Err(IndyError::invalid_state("The pool's thread did not start")),
    };
    let handle = next_handle();
    ctx.pools.borrow_mut().open.insert(handle, OpenPool { name, connection });
    Ok(handle)
}

fn vdr_config(config: &OpenConfig, protocol_version: u64) -> VdrPoolConfig {
    VdrPoolConfig {
        protocol_version: if protocol_version == 1 { ProtocolVersion::Node1_3 } else { ProtocolVersion::Node1_4 },
        freshness_threshold: current_config().freshness_threshold,
        ack_timeout: config.timeout,
        reply_timeout: config.extended_timeout,
        conn_request_limit: config.conn_limit,
        conn_active_timeout: config.conn_active_timeout,
        request_read_nodes: config.number_read_nodes,
        socks_proxy: config.socks_proxy.clone(),
    }
}

/// libindy asks the preordered nodes first, in order; weights this steep make indy-vdr's
/// weighted shuffle do the same.
fn node_weights(preordered: &[String]) -> Option<HashMap<String, f32>> {
    if preordered.is_empty() {
        return None;
    }
    let n = preordered.len();
    Some(
        preordered.iter().enumerate().map(|(i, node)| (node.clone(), 1000f32.powi(((n - i).min(12)) as i32))).collect(),
    )
}

async fn refresh(ctx: Rc<Ctx>, pool: i32) -> IndyResult<()> {
    let refreshed = match ctx.pools.borrow().open.get(&pool) {
        Some(open) => open.connection.refresh(),
        None => return Err(invalid_pool(pool)),
    };
    match refreshed.await {
        Some(result) => result.map_err(pool_error),
        None => Err(IndyError::new(ErrorCode::PoolLedgerTerminated, format!("Pool handle {pool} was closed"))),
    }
}

async fn close(ctx: Rc<Ctx>, pool: i32) -> IndyResult<()> {
    let open = ctx.pools.borrow_mut().open.remove(&pool).ok_or_else(|| invalid_pool(pool))?;
    open.connection.close().await;
    Ok(())
}

fn list() -> IndyResult<String> {
    let mut pools = Vec::new();
    if let Ok(entries) = std::fs::read_dir(pools_dir()) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if genesis_file(&name).exists() {
                pools.push(serde_json::json!({ "pool": name }));
            }
        }
    }
    Ok(serde_json::Value::Array(pools).to_string())
}

async fn delete_config(ctx: Rc<Ctx>, name: String) -> IndyResult<()> {
    check_name(&name)?;
    if ctx.pools.borrow().in_use(&name) {
        return Err(IndyError::new(ErrorCode::CommonInvalidState, format!("Pool {name} is opened")));
    }
    ctx.rt
        .storage
        .run_file_job(move || {
            let dir = pools_dir().join(&name);
            std::fs::remove_dir_all(&dir).map_err(|e| {
                IndyError::new(ErrorCode::CommonIOError, format!("Cannot delete pool ledger config {name}: {e}"))
            })
        })
        .await
}
