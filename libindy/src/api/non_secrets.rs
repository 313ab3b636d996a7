//! `indy_non_secrets.h`: the caller's own records, with tags and WQL searches.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::non_secrets::NonSecretsCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Adds a record. `tags_json` (may be NULL): `{"name": "value", "~plain": "value"}`; names
/// starting with `~` are stored in clear and can be ranged in searches. Types starting with
/// `Indy` are reserved (`WalletAccessFailed`).
#[no_mangle]
pub extern "C" fn indy_add_wallet_record(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    value: *const c_char,
    tags_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_add_wallet_record", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let value = args::string(value, 5)?;
        let tags = args::opt_json(tags_json, 6)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 7)?);
        submit(Command::NonSecrets(NonSecretsCommand::Add { wallet: wallet_handle, type_, id, value, tags, cb }))
    })
}

/// Replaces a record's value.
#[no_mangle]
pub extern "C" fn indy_update_wallet_record_value(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    value: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_update_wallet_record_value", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let value = args::string(value, 5)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit(Command::NonSecrets(NonSecretsCommand::UpdateValue { wallet: wallet_handle, type_, id, value, cb }))
    })
}

/// Replaces all of a record's tags.
#[no_mangle]
pub extern "C" fn indy_update_wallet_record_tags(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    tags_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_update_wallet_record_tags", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let tags = args::json(tags_json, 5)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit(Command::NonSecrets(NonSecretsCommand::UpdateTags { wallet: wallet_handle, type_, id, tags, cb }))
    })
}

/// Adds tags to a record, replacing those with the same names.
#[no_mangle]
pub extern "C" fn indy_add_wallet_record_tags(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    tags_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_add_wallet_record_tags", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let tags = args::json(tags_json, 5)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit(Command::NonSecrets(NonSecretsCommand::AddTags { wallet: wallet_handle, type_, id, tags, cb }))
    })
}

/// Deletes tags by name. `tag_names_json`: `["name", "~plain"]`.
#[no_mangle]
pub extern "C" fn indy_delete_wallet_record_tags(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    tag_names_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_delete_wallet_record_tags", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let names = args::json(tag_names_json, 5)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit(Command::NonSecrets(NonSecretsCommand::DeleteTags { wallet: wallet_handle, type_, id, names, cb }))
    })
}

/// Deletes a record and its tags.
#[no_mangle]
pub extern "C" fn indy_delete_wallet_record(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_delete_wallet_record", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 5)?);
        submit(Command::NonSecrets(NonSecretsCommand::Delete { wallet: wallet_handle, type_, id, cb }))
    })
}

/// A record as `{"type", "id", "value", "tags"}`; `options_json`: `{"retrieveType": false,
/// "retrieveValue": true, "retrieveTags": false}` (what is not retrieved is null).
#[no_mangle]
pub extern "C" fn indy_get_wallet_record(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    id: *const c_char,
    options_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, record_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_wallet_record", || {
        let type_ = args::string(type_, 3)?;
        let id = args::string(id, 4)?;
        let options = args::json(options_json, 5)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 6)?);
        submit(Command::NonSecrets(NonSecretsCommand::Get { wallet: wallet_handle, type_, id, options, cb }))
    })
}

/// Opens a WQL search over one record type. `options_json`: `{"retrieveRecords": true,
/// "retrieveTotalCount": false, "retrieveType": false, "retrieveValue": true,
/// "retrieveTags": false}`. Records stream page by page; nothing is held in memory.
#[no_mangle]
pub extern "C" fn indy_open_wallet_search(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    type_: *const c_char,
    query_json: *const c_char,
    options_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, search_handle: IndyHandle)>,
) -> ErrorCode {
    boundary("indy_open_wallet_search", || {
        let type_ = args::string(type_, 3)?;
        let query = args::string(query_json, 4)?;
        let options = args::json(options_json, 5)?;
        let cb = callbacks::handle(command_handle, args::callback(cb, 6)?);
        submit(Command::NonSecrets(NonSecretsCommand::OpenSearch { wallet: wallet_handle, type_, query, options, cb }))
    })
}

/// The next `count` records of a search: `{"totalCount": n|null, "records": [...]|null}`.
#[no_mangle]
pub extern "C" fn indy_fetch_wallet_search_next_records(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    wallet_search_handle: IndyHandle,
    count: u32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, records_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_fetch_wallet_search_next_records", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        submit(Command::NonSecrets(NonSecretsCommand::FetchNext {
            wallet: wallet_handle,
            search: wallet_search_handle,
            count,
            cb,
        }))
    })
}

/// Closes a search.
#[no_mangle]
pub extern "C" fn indy_close_wallet_search(
    command_handle: CommandHandle,
    wallet_search_handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_close_wallet_search", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::NonSecrets(NonSecretsCommand::CloseSearch { search: wallet_search_handle, cb }))
    })
}
