//! `indy_pool.h`: pool ledger configs, open pools and the protocol version.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::library::LibraryCommand;
use crate::commands::pool::PoolCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Stores a pool ledger config under the client directory (`pool/<name>/<name>.txn`).
/// `config`: `{"genesis_txn": path}` or NULL for `<name>.txn` in the working directory.
#[no_mangle]
pub extern "C" fn indy_create_pool_ledger_config(
    command_handle: CommandHandle,
    config_name: *const c_char,
    config: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_create_pool_ledger_config", || {
        let name = args::string(config_name, 2)?;
        let config = args::opt_string(config, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Pool(PoolCommand::CreateConfig { name, config, cb }))
    })
}

/// Opens a pool: connects to its nodes and catches up with the pool ledger. `config`:
/// `{"timeout", "extended_timeout", "conn_limit", "conn_active_timeout",
/// "preordered_nodes", "number_read_nodes"}`, all optional. Answers the pool handle.
#[no_mangle]
pub extern "C" fn indy_open_pool_ledger(
    command_handle: CommandHandle,
    config_name: *const c_char,
    config: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, pool_handle: IndyHandle)>,
) -> ErrorCode {
    boundary("indy_open_pool_ledger", || {
        let name = args::string(config_name, 2)?;
        let config = args::opt_string(config, 3)?;
        let cb = callbacks::handle(command_handle, args::callback(cb, 4)?);
        submit(Command::Pool(PoolCommand::Open { name, config, cb }))
    })
}

/// Catches an open pool up with the pool ledger and uses its current nodes.
#[no_mangle]
pub extern "C" fn indy_refresh_pool_ledger(
    command_handle: CommandHandle,
    handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_refresh_pool_ledger", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::Pool(PoolCommand::Refresh { pool: handle, cb }))
    })
}

/// The stored pool configs: `[{"pool": name}, …]`.
#[no_mangle]
pub extern "C" fn indy_list_pools(
    command_handle: CommandHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, pools: *const c_char)>,
) -> ErrorCode {
    boundary("indy_list_pools", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 2)?);
        submit(Command::Pool(PoolCommand::List { cb }))
    })
}

/// Closes a pool; its requests still waiting answer `PoolLedgerTerminated`.
#[no_mangle]
pub extern "C" fn indy_close_pool_ledger(
    command_handle: CommandHandle,
    handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_close_pool_ledger", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::Pool(PoolCommand::Close { pool: handle, cb }))
    })
}

/// Deletes a stored pool config (not while the pool is open).
#[no_mangle]
pub extern "C" fn indy_delete_pool_ledger_config(
    command_handle: CommandHandle,
    config_name: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_delete_pool_ledger_config", || {
        let name = args::string(config_name, 2)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::Pool(PoolCommand::DeleteConfig { name, cb }))
    })
}

/// Sets the ledger protocol version (1 or 2) that request builders use; others give
/// `PoolIncompatibleProtocolVersion`.
#[no_mangle]
pub extern "C" fn indy_set_protocol_version(
    command_handle: CommandHandle,
    protocol_version: u64,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_set_protocol_version", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::Library(LibraryCommand::SetProtocolVersion { version: protocol_version, cb }))
    })
}
