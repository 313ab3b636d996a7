//! `indy_crypto.h`: keys, signatures.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::crypto::CryptoCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Creates a key pair in the wallet and answers its verkey. `key_json`:
/// `{"seed"?, "crypto_type"?}`.
#[no_mangle]
pub extern "C" fn indy_create_key(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    key_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, vk: *const c_char)>,
) -> ErrorCode {
    boundary("indy_create_key", || {
        let info = args::json(key_json, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Crypto(CryptoCommand::CreateKey {
            wallet: wallet_handle,
            info,
            cb,
        }))
    })
}

/// Signs a message with a key in the wallet (Ed25519, 64-byte detached signature).
#[no_mangle]
pub extern "C" fn indy_crypto_sign(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    signer_vk: *const c_char,
    message_raw: *const u8,
    message_len: u32,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            signature_raw: *const u8,
            signature_len: u32,
        ),
    >,
) -> ErrorCode {
    boundary("indy_crypto_sign", || {
        let signer_vk = args::string(signer_vk, 3)?;
        let message = args::bytes(message_raw, message_len, 4)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 6)?);
        submit(Command::Crypto(CryptoCommand::Sign {
            wallet: wallet_handle,
            signer_vk,
            message,
            cb,
        }))
    })
}

/// Verifies a signature; answers whether it is valid.
#[no_mangle]
pub extern "C" fn indy_crypto_verify(
    command_handle: CommandHandle,
    signer_vk: *const c_char,
    message_raw: *const u8,
    message_len: u32,
    signature_raw: *const u8,
    signature_len: u32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, valid: bool)>,
) -> ErrorCode {
    boundary("indy_crypto_verify", || {
        let signer_vk = args::string(signer_vk, 2)?;
        let message = args::bytes(message_raw, message_len, 3)?;
        let signature = args::bytes(signature_raw, signature_len, 5)?;
        let cb = callbacks::boolean(command_handle, args::callback(cb, 7)?);
        submit(Command::Crypto(CryptoCommand::Verify {
            signer_vk,
            message,
            signature,
            cb,
        }))
    })
}
