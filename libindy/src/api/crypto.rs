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
        submit(Command::Crypto(CryptoCommand::CreateKey { wallet: wallet_handle, info, cb }))
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
        extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, signature_raw: *const u8, signature_len: u32),
    >,
) -> ErrorCode {
    boundary("indy_crypto_sign", || {
        let signer_vk = args::string(signer_vk, 3)?;
        let message = args::bytes(message_raw, message_len, 4)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 6)?);
        submit(Command::Crypto(CryptoCommand::Sign { wallet: wallet_handle, signer_vk, message, cb }))
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
        submit(Command::Crypto(CryptoCommand::Verify { signer_vk, message, signature, cb }))
    })
}

/// Stores metadata (any string, may be empty) for a verkey.
#[no_mangle]
pub extern "C" fn indy_set_key_metadata(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    verkey: *const c_char,
    metadata: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_set_key_metadata", || {
        let verkey = args::string(verkey, 3)?;
        let metadata = args::text(metadata, 4)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 5)?);
        submit(Command::Crypto(CryptoCommand::SetKeyMetadata { wallet: wallet_handle, verkey, metadata, cb }))
    })
}

/// A verkey's metadata; `WalletItemNotFound` when none was set.
#[no_mangle]
pub extern "C" fn indy_get_key_metadata(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    verkey: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, metadata: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_key_metadata", || {
        let verkey = args::string(verkey, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Crypto(CryptoCommand::GetKeyMetadata { wallet: wallet_handle, verkey, cb }))
    })
}

/// libindy's legacy authenticated encryption: a box from `sender_vk` (in the wallet) to
/// `recipient_vk`, wrapped with the sender's verkey and sealed to the recipient.
#[no_mangle]
pub extern "C" fn indy_crypto_auth_crypt(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    sender_vk: *const c_char,
    recipient_vk: *const c_char,
    message_raw: *const u8,
    message_len: u32,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            encrypted_msg_raw: *const u8,
            encrypted_msg_len: u32,
        ),
    >,
) -> ErrorCode {
    boundary("indy_crypto_auth_crypt", || {
        let sender_vk = args::string(sender_vk, 3)?;
        let recipient_vk = args::string(recipient_vk, 4)?;
        let message = args::bytes(message_raw, message_len, 5)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 7)?);
        submit(Command::Crypto(CryptoCommand::AuthCrypt {
            wallet: wallet_handle,
            sender_vk,
            recipient_vk,
            message,
            cb,
        }))
    })
}

/// Opens `indy_crypto_auth_crypt`'s output; answers the sender's verkey and the message.
#[no_mangle]
pub extern "C" fn indy_crypto_auth_decrypt(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    recipient_vk: *const c_char,
    encrypted_msg_raw: *const u8,
    encrypted_msg_len: u32,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            sender_vk: *const c_char,
            decrypted_msg_raw: *const u8,
            decrypted_msg_len: u32,
        ),
    >,
) -> ErrorCode {
    boundary("indy_crypto_auth_decrypt", || {
        let recipient_vk = args::string(recipient_vk, 3)?;
        let encrypted = args::bytes(encrypted_msg_raw, encrypted_msg_len, 4)?;
        let cb = callbacks::string_and_bytes(command_handle, args::callback(cb, 6)?);
        submit(Command::Crypto(CryptoCommand::AuthDecrypt { wallet: wallet_handle, recipient_vk, encrypted, cb }))
    })
}

/// libsodium's sealed box to `recipient_vk`: anonymous sender.
#[no_mangle]
pub extern "C" fn indy_crypto_anon_crypt(
    command_handle: CommandHandle,
    recipient_vk: *const c_char,
    message_raw: *const u8,
    message_len: u32,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            encrypted_msg_raw: *const u8,
            encrypted_msg_len: u32,
        ),
    >,
) -> ErrorCode {
    boundary("indy_crypto_anon_crypt", || {
        let recipient_vk = args::string(recipient_vk, 2)?;
        let message = args::bytes(message_raw, message_len, 3)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 5)?);
        submit(Command::Crypto(CryptoCommand::AnonCrypt { recipient_vk, message, cb }))
    })
}

/// Opens a sealed box with a key in the wallet.
#[no_mangle]
pub extern "C" fn indy_crypto_anon_decrypt(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    recipient_vk: *const c_char,
    encrypted_msg: *const u8,
    encrypted_len: u32,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            decrypted_msg_raw: *const u8,
            decrypted_msg_len: u32,
        ),
    >,
) -> ErrorCode {
    boundary("indy_crypto_anon_decrypt", || {
        let recipient_vk = args::string(recipient_vk, 3)?;
        let encrypted = args::bytes(encrypted_msg, encrypted_len, 4)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 6)?);
        submit(Command::Crypto(CryptoCommand::AnonDecrypt { wallet: wallet_handle, recipient_vk, encrypted, cb }))
    })
}

/// Packs a DIDComm v1 message (Aries RFC 0019) for `receiver_keys` (a JSON array of
/// verkeys): Authcrypt from `sender` (a verkey in the wallet), or Anoncrypt when it is NULL.
#[no_mangle]
pub extern "C" fn indy_pack_message(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    message: *const u8,
    message_len: u32,
    receiver_keys: *const c_char,
    sender: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, jwe_msg_raw: *const u8, jwe_msg_len: u32)>,
) -> ErrorCode {
    boundary("indy_pack_message", || {
        let message = args::bytes(message, message_len, 3)?;
        let receivers = args::json(receiver_keys, 5)?;
        let sender = args::opt_string(sender, 6)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 7)?);
        submit(Command::Crypto(CryptoCommand::Pack { wallet: wallet_handle, message, receivers, sender, cb }))
    })
}

/// Unpacks a DIDComm v1 message with the first recipient key the wallet holds; answers
/// `{"message", "recipient_verkey", "sender_verkey"?}`.
#[no_mangle]
pub extern "C" fn indy_unpack_message(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    jwe_msg: *const u8,
    jwe_len: u32,
    cb: Option<
        extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, res_json_raw: *const u8, res_json_len: u32),
    >,
) -> ErrorCode {
    boundary("indy_unpack_message", || {
        let jwe = args::bytes(jwe_msg, jwe_len, 3)?;
        let cb = callbacks::bytes(command_handle, args::callback(cb, 5)?);
        submit(Command::Crypto(CryptoCommand::Unpack { wallet: wallet_handle, jwe, cb }))
    })
}
