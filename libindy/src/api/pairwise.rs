//! `indy_pairwise.h`.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::pairwise::PairwiseCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Whether a pairwise with `their_did` exists.
#[no_mangle]
pub extern "C" fn indy_is_pairwise_exists(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    their_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, exists: bool)>,
) -> ErrorCode {
    boundary("indy_is_pairwise_exists", || {
        let their_did = args::string(their_did, 3)?;
        let cb = callbacks::boolean(command_handle, args::callback(cb, 4)?);
        submit(Command::Pairwise(PairwiseCommand::Exists { wallet: wallet_handle, their_did, cb }))
    })
}

/// Links one of my DIDs to a stored "their" DID, with optional metadata.
#[no_mangle]
pub extern "C" fn indy_create_pairwise(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    their_did: *const c_char,
    my_did: *const c_char,
    metadata: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_create_pairwise", || {
        let their_did = args::string(their_did, 3)?;
        let my_did = args::string(my_did, 4)?;
        let metadata = args::opt_text(metadata, 5)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit(Command::Pairwise(PairwiseCommand::Create { wallet: wallet_handle, their_did, my_did, metadata, cb }))
    })
}

/// A JSON array of pairwise JSON strings `{"my_did", "their_did", "metadata"?}`.
#[no_mangle]
pub extern "C" fn indy_list_pairwise(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, list_pairwise: *const c_char)>,
) -> ErrorCode {
    boundary("indy_list_pairwise", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 3)?);
        submit(Command::Pairwise(PairwiseCommand::List { wallet: wallet_handle, cb }))
    })
}

/// `{"my_did", "metadata"?}` of the pairwise with `their_did`.
#[no_mangle]
pub extern "C" fn indy_get_pairwise(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    their_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, pairwise_info_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_pairwise", || {
        let their_did = args::string(their_did, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Pairwise(PairwiseCommand::Get { wallet: wallet_handle, their_did, cb }))
    })
}

/// Replaces a pairwise's metadata (NULL removes it).
#[no_mangle]
pub extern "C" fn indy_set_pairwise_metadata(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    their_did: *const c_char,
    metadata: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_set_pairwise_metadata", || {
        let their_did = args::string(their_did, 3)?;
        let metadata = args::opt_text(metadata, 4)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 5)?);
        submit(Command::Pairwise(PairwiseCommand::SetMetadata { wallet: wallet_handle, their_did, metadata, cb }))
    })
}
