//! `indy_did.h`: DIDs in the wallet.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::did::DidCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Creates a DID and its key and stores both. `did_json`: `{"did"?, "seed"?, "crypto_type"?,
/// "cid"?, "method_name"?}`. Answers the DID and its verkey.
#[no_mangle]
pub extern "C" fn indy_create_and_store_my_did(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did_json: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            did: *const c_char,
            verkey: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_create_and_store_my_did", || {
        let info = args::json(did_json, 3)?;
        let cb = callbacks::string2(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::CreateAndStoreMyDid {
            wallet: wallet_handle,
            info,
            cb,
        }))
    })
}

/// The verkey of a DID of mine or of a stored "their" DID (no ledger lookup).
#[no_mangle]
pub extern "C" fn indy_key_for_local_did(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, key: *const c_char)>,
) -> ErrorCode {
    boundary("indy_key_for_local_did", || {
        let did = args::string(did, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::KeyForLocalDid {
            wallet: wallet_handle,
            did,
            cb,
        }))
    })
}

/// Stores (or replaces) a "their" DID. `identity_json`: `{"did", "verkey"?}`, the verkey full
/// or abbreviated (`~…`); without one the DID is its own verkey.
#[no_mangle]
pub extern "C" fn indy_store_their_did(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    identity_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_store_their_did", || {
        let info = args::json(identity_json, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::StoreTheirDid {
            wallet: wallet_handle,
            info,
            cb,
        }))
    })
}
