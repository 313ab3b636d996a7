//! `indy_cache.h`: schemas and credential definitions from the wallet's cache, or from
//! the ledger (then cached).

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::cache::CacheCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// A schema by id. `options_json`: `{"noCache", "noUpdate", "noStore", "minFresh"}`
/// (booleans, and the oldest cached age in seconds that is still used; -1 any).
#[no_mangle]
pub extern "C" fn indy_get_schema(
    command_handle: CommandHandle,
    pool_handle: IndyHandle,
    wallet_handle: IndyHandle,
    submitter_did: *const c_char,
    id: *const c_char,
    options_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, schema_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_schema", || {
        let submitter = args::string(submitter_did, 4)?;
        let id = args::string(id, 5)?;
        let options = args::string(options_json, 6)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 7)?);
        let command = CacheCommand::GetSchema { pool: pool_handle, wallet: wallet_handle, submitter, id, options, cb };
        submit(Command::Cache(command))
    })
}

/// A credential definition by id; options as `indy_get_schema`.
#[no_mangle]
pub extern "C" fn indy_get_cred_def(
    command_handle: CommandHandle,
    pool_handle: IndyHandle,
    wallet_handle: IndyHandle,
    submitter_did: *const c_char,
    id: *const c_char,
    options_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, cred_def_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_cred_def", || {
        let submitter = args::string(submitter_did, 4)?;
        let id = args::string(id, 5)?;
        let options = args::string(options_json, 6)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 7)?);
        let command = CacheCommand::GetCredDef { pool: pool_handle, wallet: wallet_handle, submitter, id, options, cb };
        submit(Command::Cache(command))
    })
}

/// Deletes cached schemas older than `maxAge` seconds (`{"maxAge": -1}`: all).
#[no_mangle]
pub extern "C" fn indy_purge_schema_cache(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    options_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_purge_schema_cache", || {
        let options = args::string(options_json, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Cache(CacheCommand::PurgeSchemas { wallet: wallet_handle, options, cb }))
    })
}

/// Deletes cached credential definitions older than `maxAge` seconds (-1: all).
#[no_mangle]
pub extern "C" fn indy_purge_cred_def_cache(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    options_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_purge_cred_def_cache", || {
        let options = args::string(options_json, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Cache(CacheCommand::PurgeCredDefs { wallet: wallet_handle, options, cb }))
    })
}
