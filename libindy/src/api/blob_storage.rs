//! `indy_blob_storage.h`: where tails files are written and read.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::blob_storage::BlobStorageCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// A handle to read tails files from. `type_`: `default`; `config_json`: `{"base_dir": …}`.
#[no_mangle]
pub extern "C" fn indy_open_blob_storage_reader(
    command_handle: CommandHandle,
    type_: *const c_char,
    config_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, handle: IndyHandle)>,
) -> ErrorCode {
    boundary("indy_open_blob_storage_reader", || {
        let type_ = args::string(type_, 2)?;
        let config = args::string(config_json, 3)?;
        let cb = callbacks::handle(command_handle, args::callback(cb, 4)?);
        submit(Command::BlobStorage(BlobStorageCommand::OpenReader { type_, config, cb }))
    })
}

/// A handle to write tails files with. `type_`: `default`; `config_json`:
/// `{"base_dir": …, "uri_pattern": ""}`.
#[no_mangle]
pub extern "C" fn indy_open_blob_storage_writer(
    command_handle: CommandHandle,
    type_: *const c_char,
    config_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, handle: IndyHandle)>,
) -> ErrorCode {
    boundary("indy_open_blob_storage_writer", || {
        let type_ = args::string(type_, 2)?;
        let config = args::string(config_json, 3)?;
        let cb = callbacks::handle(command_handle, args::callback(cb, 4)?);
        submit(Command::BlobStorage(BlobStorageCommand::OpenWriter { type_, config, cb }))
    })
}
