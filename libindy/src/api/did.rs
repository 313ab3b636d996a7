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
        extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, did: *const c_char, verkey: *const c_char),
    >,
) -> ErrorCode {
    boundary("indy_create_and_store_my_did", || {
        let info = args::json(did_json, 3)?;
        let cb = callbacks::string2(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::CreateAndStoreMyDid { wallet: wallet_handle, info, cb }))
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
        submit(Command::Did(DidCommand::KeyForLocalDid { wallet: wallet_handle, did, cb }))
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
        submit(Command::Did(DidCommand::StoreTheirDid { wallet: wallet_handle, info, cb }))
    })
}

/// Makes a new key for one of my DIDs and keeps it aside until `indy_replace_keys_apply`.
/// `identity_json`: `{"seed"?, "crypto_type"?}`. Answers the new verkey.
#[no_mangle]
pub extern "C" fn indy_replace_keys_start(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    identity_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, verkey: *const c_char)>,
) -> ErrorCode {
    boundary("indy_replace_keys_start", || {
        let did = args::string(did, 3)?;
        let info = args::json(identity_json, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        submit(Command::Did(DidCommand::ReplaceKeysStart { wallet: wallet_handle, did, info, cb }))
    })
}

/// Makes the key from `indy_replace_keys_start` the DID's key.
#[no_mangle]
pub extern "C" fn indy_replace_keys_apply(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_replace_keys_apply", || {
        let did = args::string(did, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::ReplaceKeysApply { wallet: wallet_handle, did, cb }))
    })
}

/// The verkey of a DID from the wallet, else from the ledger through `pool_handle` (then
/// stored as a "their" DID).
#[no_mangle]
pub extern "C" fn indy_key_for_did(
    command_handle: CommandHandle,
    pool_handle: IndyHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, key: *const c_char)>,
) -> ErrorCode {
    boundary("indy_key_for_did", || {
        let did = args::string(did, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        submit(Command::Did(DidCommand::KeyForDid { pool: pool_handle, wallet: wallet_handle, did, cb }))
    })
}

/// Stores a DID's endpoint address and transport key in the wallet.
#[no_mangle]
pub extern "C" fn indy_set_endpoint_for_did(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    address: *const c_char,
    transport_key: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_set_endpoint_for_did", || {
        let did = args::string(did, 3)?;
        let address = args::string(address, 4)?;
        let transport_key = args::string(transport_key, 5)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit(Command::Did(DidCommand::SetEndpoint { wallet: wallet_handle, did, address, transport_key, cb }))
    })
}

/// A DID's endpoint (address, transport key or NULL) from the wallet, else from its
/// `endpoint` ATTRIB on the ledger through `pool_handle` (then stored in the wallet).
#[no_mangle]
pub extern "C" fn indy_get_endpoint_for_did(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    pool_handle: IndyHandle,
    did: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            address: *const c_char,
            transport_vk: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_get_endpoint_for_did", || {
        let did = args::string(did, 4)?;
        let cb = callbacks::string_and_optional(command_handle, args::callback(cb, 5)?);
        submit(Command::Did(DidCommand::GetEndpoint { wallet: wallet_handle, pool: pool_handle, did, cb }))
    })
}

/// Stores metadata (any string, may be empty) for a DID.
#[no_mangle]
pub extern "C" fn indy_set_did_metadata(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    metadata: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_set_did_metadata", || {
        let did = args::string(did, 3)?;
        let metadata = args::text(metadata, 4)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 5)?);
        submit(Command::Did(DidCommand::SetMetadata { wallet: wallet_handle, did, metadata, cb }))
    })
}

/// A DID's metadata; `WalletItemNotFound` when none was set.
#[no_mangle]
pub extern "C" fn indy_get_did_metadata(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, metadata: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_did_metadata", || {
        let did = args::string(did, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::GetMetadata { wallet: wallet_handle, did, cb }))
    })
}

/// `{"did", "verkey", "tempVerkey", "metadata"}` of one of my DIDs.
#[no_mangle]
pub extern "C" fn indy_get_my_did_with_meta(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    my_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, did_with_meta: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_my_did_with_meta", || {
        let did = args::string(my_did, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::GetMyDidWithMeta { wallet: wallet_handle, did, cb }))
    })
}

/// A JSON array of all my DIDs with their metadata.
#[no_mangle]
pub extern "C" fn indy_list_my_dids_with_meta(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, dids: *const c_char)>,
) -> ErrorCode {
    boundary("indy_list_my_dids_with_meta", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 3)?);
        submit(Command::Did(DidCommand::ListMyDidsWithMeta { wallet: wallet_handle, cb }))
    })
}

/// The verkey abbreviated (`~…`) when the DID is its first 16 bytes, else the full verkey.
#[no_mangle]
pub extern "C" fn indy_abbreviate_verkey(
    command_handle: CommandHandle,
    did: *const c_char,
    full_verkey: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, verkey: *const c_char)>,
) -> ErrorCode {
    boundary("indy_abbreviate_verkey", || {
        let did = args::string(did, 2)?;
        let verkey = args::string(full_verkey, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Did(DidCommand::AbbreviateVerkey { did, verkey, cb }))
    })
}

/// Renames one of my DIDs to `did:<method>:<did>` and answers the new name.
#[no_mangle]
pub extern "C" fn indy_qualify_did(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    did: *const c_char,
    method: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, full_qualified_did: *const c_char)>,
) -> ErrorCode {
    boundary("indy_qualify_did", || {
        let did = args::string(did, 3)?;
        let method = args::string(method, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        submit(Command::Did(DidCommand::QualifyDid { wallet: wallet_handle, did, method, cb }))
    })
}
