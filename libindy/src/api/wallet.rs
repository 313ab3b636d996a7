//! `indy_wallet.h`: wallet lifecycle.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::wallet::WalletCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;
use crate::storage::plugged;

/// Creates a wallet. `config`: `{"id", "storage_type"?, "storage_config"?: {"path"?}}`;
/// `credentials`: `{"key", "key_derivation_method"?: "ARGON2I_MOD"|"ARGON2I_INT"|"RAW"}`.
/// Key derivation runs on the expensive tier.
#[no_mangle]
pub extern "C" fn indy_create_wallet(
    command_handle: CommandHandle,
    config: *const c_char,
    credentials: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_create_wallet", || {
        let config = args::json(config, 2)?;
        let credentials = args::json(credentials, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Wallet(WalletCommand::Create { config, credentials, cb }))
    })
}

/// Opens a wallet and answers its handle. `credentials` may add `"rekey"` and
/// `"rekey_derivation_method"` to change the key. Opening an open wallet fails with
/// `WalletAlreadyOpenedError`; a wrong key with `WalletAccessFailed`.
#[no_mangle]
pub extern "C" fn indy_open_wallet(
    command_handle: CommandHandle,
    config: *const c_char,
    credentials: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, handle: IndyHandle)>,
) -> ErrorCode {
    boundary("indy_open_wallet", || {
        let config = args::json(config, 2)?;
        let credentials = args::json(credentials, 3)?;
        let cb = callbacks::handle(command_handle, args::callback(cb, 4)?);
        submit(Command::Wallet(WalletCommand::Open { config, credentials, cb }))
    })
}

/// Closes a wallet after every command already submitted on it has taken effect.
#[no_mangle]
pub extern "C" fn indy_close_wallet(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_close_wallet", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::Wallet(WalletCommand::Close { wallet: wallet_handle, cb }))
    })
}

/// Deletes a closed wallet; its key must open it.
#[no_mangle]
pub extern "C" fn indy_delete_wallet(
    command_handle: CommandHandle,
    config: *const c_char,
    credentials: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_delete_wallet", || {
        let config = args::json(config, 2)?;
        let credentials = args::json(credentials, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Wallet(WalletCommand::Delete { config, credentials, cb }))
    })
}

/// A RAW wallet key (base58 of 32 bytes), random or from `config`'s `"seed"`.
#[no_mangle]
pub extern "C" fn indy_generate_wallet_key(
    command_handle: CommandHandle,
    config: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, key: *const c_char)>,
) -> ErrorCode {
    boundary("indy_generate_wallet_key", || {
        let config = args::opt_json(config, 2)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 3)?);
        submit(Command::Wallet(WalletCommand::GenerateKey { config, cb }))
    })
}

/// Exports every record of an open wallet to a libindy export file. `export_config_json`:
/// `{"path", "key", "key_derivation_method"?}`. The file must not exist.
#[no_mangle]
pub extern "C" fn indy_export_wallet(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    export_config_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_export_wallet", || {
        let config = args::json(export_config_json, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit(Command::Wallet(WalletCommand::Export { wallet: wallet_handle, config, cb }))
    })
}

/// Creates a wallet (`config`, `credentials` as for `indy_create_wallet`) from a libindy
/// export file. `import_config_json`: `{"path", "key"}`.
#[no_mangle]
pub extern "C" fn indy_import_wallet(
    command_handle: CommandHandle,
    config: *const c_char,
    credentials: *const c_char,
    import_config_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_import_wallet", || {
        let config = args::json(config, 2)?;
        let credentials = args::json(credentials, 3)?;
        let import = args::json(import_config_json, 4)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 5)?);
        submit(Command::Wallet(WalletCommand::Import { config, credentials, import, cb }))
    })
}

/// Registers a wallet storage type: wallets whose config names it in `storage_type` are
/// kept by these 24 callbacks (libindy still encrypts everything they receive). The
/// callbacks are called on that wallet's storage thread only, one call at a time.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // libindy's signature
pub extern "C" fn indy_register_wallet_storage(
    command_handle: CommandHandle,
    type_: *const c_char,
    create: plugged::WalletCreate,
    open: plugged::WalletOpen,
    close: plugged::WalletClose,
    delete: plugged::WalletDelete,
    add_record: plugged::WalletAddRecord,
    update_record_value: plugged::WalletUpdateRecordValue,
    update_record_tags: plugged::WalletUpdateRecordTags,
    add_record_tags: plugged::WalletAddRecordTags,
    delete_record_tags: plugged::WalletDeleteRecordTags,
    delete_record: plugged::WalletDeleteRecord,
    get_record: plugged::WalletGetRecord,
    get_record_id: plugged::WalletGetRecordId,
    get_record_type: plugged::WalletGetRecordType,
    get_record_value: plugged::WalletGetRecordValue,
    get_record_tags: plugged::WalletGetRecordTags,
    free_record: plugged::WalletFreeRecord,
    get_storage_metadata: plugged::WalletGetStorageMetadata,
    set_storage_metadata: plugged::WalletSetStorageMetadata,
    free_storage_metadata: plugged::WalletFreeStorageMetadata,
    search_records: plugged::WalletSearchRecords,
    search_all_records: plugged::WalletSearchAllRecords,
    get_search_total_count: plugged::WalletGetSearchTotalCount,
    fetch_search_next_record: plugged::WalletFetchSearchNextRecord,
    free_search: plugged::WalletFreeSearch,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_register_wallet_storage", || {
        let type_name = args::string(type_, 2)?;
        let callbacks = plugged::StorageCallbacks {
            create,
            open,
            close,
            delete,
            add_record,
            update_record_value,
            update_record_tags,
            add_record_tags,
            delete_record_tags,
            delete_record,
            get_record,
            get_record_id,
            get_record_type,
            get_record_value,
            get_record_tags,
            free_record,
            get_storage_metadata,
            set_storage_metadata,
            free_storage_metadata,
            search_records,
            search_all_records,
            get_search_total_count,
            fetch_search_next_record,
            free_search,
        };
        if let Some(missing) = callbacks.first_missing() {
            let position = missing as u32 + 3;
            return Err(crate::errors::IndyError::new(
                ErrorCode::invalid_param(position),
                format!("Parameter {position} (a storage callback) is a null pointer"),
            ));
        }
        let cb = callbacks::unit(command_handle, args::callback(cb, 27)?);
        submit(Command::Wallet(WalletCommand::RegisterStorage { type_name, callbacks, cb }))
    })
}
