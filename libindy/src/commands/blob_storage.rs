//! `indy_blob_storage.h`: handles naming where tails files are written and read. Type
//! `default` only, as libindy shipped: files named by their hash under `base_dir`.

use std::path::PathBuf;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use serde::Deserialize;

use super::{answer, Ctx};
use crate::errors::{IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::services::anoncreds::parse;

pub enum BlobStorageCommand {
    OpenReader { type_: String, config: String, cb: Responder<i32> },
    OpenWriter { type_: String, config: String, cb: Responder<i32> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// An open blob storage: the directory its tails files live in.
pub struct BlobStorage {
    pub access: Access,
    pub base_dir: PathBuf,
}

#[derive(Deserialize)]
struct ReaderConfig {
    base_dir: String,
}

#[derive(Deserialize)]
struct WriterConfig {
    base_dir: String,
    // libindy required it; its default writer never used it.
    #[allow(dead_code)]
    uri_pattern: String,
}

pub fn execute(ctx: Rc<Ctx>, command: BlobStorageCommand) -> LocalBoxFuture<'static, ()> {
    match command {
        BlobStorageCommand::OpenReader { type_, config, cb } => answer(cb, open(ctx, type_, config, Access::Read)),
        BlobStorageCommand::OpenWriter { type_, config, cb } => answer(cb, open(ctx, type_, config, Access::Write)),
    }
}

async fn open(ctx: Rc<Ctx>, type_: String, config: String, access: Access) -> IndyResult<i32> {
    if type_ != "default" {
        return Err(IndyError::invalid_structure(format!(
            "Unknown blob storage type {type_:?}: only \"default\" is available"
        )));
    }
    let base_dir = ctx
        .cheap(move || {
            Ok(match access {
                Access::Read => parse::<ReaderConfig>(&config, "blob storage reader config")?.base_dir,
                Access::Write => parse::<WriterConfig>(&config, "blob storage writer config")?.base_dir,
            })
        })
        .await?;
    let handle = super::next_handle();
    ctx.blobs.borrow_mut().insert(handle, BlobStorage { access, base_dir: PathBuf::from(base_dir) });
    Ok(handle)
}

impl Ctx {
    /// The directory of an open blob storage of the given kind.
    pub fn blob_dir(&self, handle: i32, access: Access) -> IndyResult<PathBuf> {
        match self.blobs.borrow().get(&handle) {
            Some(blob) if blob.access == access => Ok(blob.base_dir.clone()),
            _ => Err(IndyError::invalid_structure(format!(
                "{handle} is not an open blob storage {} handle",
                if access == Access::Read { "reader" } else { "writer" }
            ))),
        }
    }
}
