//! `indy_pool.h` (so far, the protocol version setting).

use super::{args, boundary, callbacks, CommandHandle};
use crate::commands::library::LibraryCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

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
