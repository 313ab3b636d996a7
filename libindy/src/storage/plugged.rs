//! Wallet storage in a plugin registered with `indy_register_wallet_storage`: 24 C
//! callbacks under a type name, used like libindy 1.16's `PluggedStorage`
//! (`indy-wallet/src/storage/plugged/mod.rs`).
//!
//! The plugin sees only what libindy gave it, encoded the same way:
//! * record type and id: standard base64 (with padding) of the encrypted bytes;
//! * value: `EncryptedValue::to_bytes()`, the encrypted value key (60 bytes: nonce,
//!   ciphertext, tag) followed by the encrypted value; read back by splitting at 60;
//! * tags: a JSON object `{"<b64 name>": "<b64 value>", "~<b64 name>": "<clear value>"}`;
//!   tag names to delete: a JSON array of the same names;
//! * metadata: base64 of the metadata bytes, both ways;
//! * a search: the encrypted WQL, written as libindy's `Operator::to_string` writes it
//!   (`{"<b64>":"<b64>"}`, `{"~<b64>":{"$gt":"5"}}`, `{"$and":[..]}`, `{}` for all), and
//!   options `{"retrieveRecords","retrieveTotalCount","retrieveType","retrieveValue","retrieveTags"}`;
//! * `get_record` options `{"retrieveType","retrieveValue","retrieveTags"}`;
//! * create/open/delete get the wallet id, `storage_config` and `storage_credentials`
//!   as JSON text (or NULL) — the caller passes those, not the whole wallet config.
//!
//! Results come back through handles: a record handle read with the `get_record_*`
//! getters then given back with `free_record` (likewise metadata and searches);
//! `fetch_search_next_record` answering `WalletItemNotFound` ends a search.

use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::sync::Mutex;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

use super::{
    EncryptedQuery, RecordId, StorageError, StorageRecord, StorageResult, StorageSearchId, StorageTag, StoredValue,
    TagName, TagValue, WalletStorage,
};
use crate::errors::{ErrorCode, IndyError, IndyResult};

// The plugin's callbacks, as libindy declares them. They return `indy_error_t` as a plain
// `i32`: a plugin may return any number, and an enum would make an unknown one undefined
// behaviour. Handles are `indy_handle_t` / `indy_i32_t`, both `int32_t`.

pub type WalletCreate = Option<
    extern "C" fn(
        name: *const c_char,
        config: *const c_char,
        credentials_json: *const c_char,
        metadata: *const c_char,
    ) -> i32,
>;
pub type WalletOpen = Option<
    extern "C" fn(
        name: *const c_char,
        config: *const c_char,
        credentials_json: *const c_char,
        storage_handle_p: *mut i32,
    ) -> i32,
>;
pub type WalletClose = Option<extern "C" fn(storage_handle: i32) -> i32>;
pub type WalletDelete =
    Option<extern "C" fn(name: *const c_char, config: *const c_char, credentials_json: *const c_char) -> i32>;
pub type WalletAddRecord = Option<
    extern "C" fn(
        storage_handle: i32,
        type_: *const c_char,
        id: *const c_char,
        value: *const u8,
        value_len: usize,
        tags_json: *const c_char,
    ) -> i32,
>;
pub type WalletUpdateRecordValue = Option<
    extern "C" fn(
        storage_handle: i32,
        type_: *const c_char,
        id: *const c_char,
        value: *const u8,
        value_len: usize,
    ) -> i32,
>;
pub type WalletUpdateRecordTags = Option<
    extern "C" fn(storage_handle: i32, type_: *const c_char, id: *const c_char, tags_json: *const c_char) -> i32,
>;
pub type WalletAddRecordTags = Option<
    extern "C" fn(storage_handle: i32, type_: *const c_char, id: *const c_char, tags_json: *const c_char) -> i32,
>;
pub type WalletDeleteRecordTags = Option<
    extern "C" fn(storage_handle: i32, type_: *const c_char, id: *const c_char, tag_names_json: *const c_char) -> i32,
>;
pub type WalletDeleteRecord =
    Option<extern "C" fn(storage_handle: i32, type_: *const c_char, id: *const c_char) -> i32>;
pub type WalletGetRecord = Option<
    extern "C" fn(
        storage_handle: i32,
        type_: *const c_char,
        id: *const c_char,
        options_json: *const c_char,
        record_handle_p: *mut i32,
    ) -> i32,
>;
pub type WalletGetRecordId =
    Option<extern "C" fn(storage_handle: i32, record_handle: i32, record_id_p: *mut *const c_char) -> i32>;
pub type WalletGetRecordType =
    Option<extern "C" fn(storage_handle: i32, record_handle: i32, record_type_p: *mut *const c_char) -> i32>;
pub type WalletGetRecordValue = Option<
    extern "C" fn(
        storage_handle: i32,
        record_handle: i32,
        record_value_p: *mut *const u8,
        record_value_len_p: *mut usize,
    ) -> i32,
>;
pub type WalletGetRecordTags =
    Option<extern "C" fn(storage_handle: i32, record_handle: i32, record_tags_p: *mut *const c_char) -> i32>;
pub type WalletFreeRecord = Option<extern "C" fn(storage_handle: i32, record_handle: i32) -> i32>;
pub type WalletGetStorageMetadata =
    Option<extern "C" fn(storage_handle: i32, metadata_p: *mut *const c_char, metadata_handle: *mut i32) -> i32>;
pub type WalletSetStorageMetadata = Option<extern "C" fn(storage_handle: i32, metadata_p: *const c_char) -> i32>;
pub type WalletFreeStorageMetadata = Option<extern "C" fn(storage_handle: i32, metadata_handle: i32) -> i32>;
pub type WalletSearchRecords = Option<
    extern "C" fn(
        storage_handle: i32,
        type_: *const c_char,
        query_json: *const c_char,
        options_json: *const c_char,
        search_handle_p: *mut i32,
    ) -> i32,
>;
pub type WalletSearchAllRecords = Option<extern "C" fn(storage_handle: i32, search_handle_p: *mut i32) -> i32>;
pub type WalletGetSearchTotalCount =
    Option<extern "C" fn(storage_handle: i32, search_handle: i32, total_count_p: *mut usize) -> i32>;
pub type WalletFetchSearchNextRecord =
    Option<extern "C" fn(storage_handle: i32, search_handle: i32, record_handle_p: *mut i32) -> i32>;
pub type WalletFreeSearch = Option<extern "C" fn(storage_handle: i32, search_handle: i32) -> i32>;

/// The 24 callbacks of one storage type, in `indy_register_wallet_storage`'s order.
#[derive(Debug, Clone, Copy, Default)]
pub struct StorageCallbacks {
    pub create: WalletCreate,
    pub open: WalletOpen,
    pub close: WalletClose,
    pub delete: WalletDelete,
    pub add_record: WalletAddRecord,
    pub update_record_value: WalletUpdateRecordValue,
    pub update_record_tags: WalletUpdateRecordTags,
    pub add_record_tags: WalletAddRecordTags,
    pub delete_record_tags: WalletDeleteRecordTags,
    pub delete_record: WalletDeleteRecord,
    pub get_record: WalletGetRecord,
    pub get_record_id: WalletGetRecordId,
    pub get_record_type: WalletGetRecordType,
    pub get_record_value: WalletGetRecordValue,
    pub get_record_tags: WalletGetRecordTags,
    pub free_record: WalletFreeRecord,
    pub get_storage_metadata: WalletGetStorageMetadata,
    pub set_storage_metadata: WalletSetStorageMetadata,
    pub free_storage_metadata: WalletFreeStorageMetadata,
    pub search_records: WalletSearchRecords,
    pub search_all_records: WalletSearchAllRecords,
    pub get_search_total_count: WalletGetSearchTotalCount,
    pub fetch_search_next_record: WalletFetchSearchNextRecord,
    pub free_search: WalletFreeSearch,
}

impl StorageCallbacks {
    /// The 0-based position (create = 0 … free_search = 23) of the first NULL callback.
    /// In `indy_register_wallet_storage` that is parameter `position + 3`
    /// (`CommonInvalidParam3` … `CommonInvalidParam26`), as libindy reports it.
    pub fn first_missing(&self) -> Option<usize> {
        [
            self.create.is_none(),
            self.open.is_none(),
            self.close.is_none(),
            self.delete.is_none(),
            self.add_record.is_none(),
            self.update_record_value.is_none(),
            self.update_record_tags.is_none(),
            self.add_record_tags.is_none(),
            self.delete_record_tags.is_none(),
            self.delete_record.is_none(),
            self.get_record.is_none(),
            self.get_record_id.is_none(),
            self.get_record_type.is_none(),
            self.get_record_value.is_none(),
            self.get_record_tags.is_none(),
            self.free_record.is_none(),
            self.get_storage_metadata.is_none(),
            self.set_storage_metadata.is_none(),
            self.free_storage_metadata.is_none(),
            self.search_records.is_none(),
            self.search_all_records.is_none(),
            self.get_search_total_count.is_none(),
            self.fetch_search_next_record.is_none(),
            self.free_search.is_none(),
        ]
        .iter()
        .position(|&missing| missing)
    }
}

/// The storage type the library itself provides (SQLite); no plugin may take its name.
pub const DEFAULT_TYPE: &str = "default";

static REGISTRY: Mutex<Vec<(String, StorageCallbacks)>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<(String, StorageCallbacks)>> {
    // The registry is a plain list: a panic elsewhere cannot leave it half-changed.
    REGISTRY.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Registers a storage type for the process' lifetime. A name already registered, or
/// `default`, gives `WalletTypeAlreadyRegisteredError`; an empty name
/// `CommonInvalidParam2`; a NULL callback `CommonInvalidParam3..26` (see
/// [`StorageCallbacks::first_missing`]).
pub fn register(type_name: &str, callbacks: StorageCallbacks) -> IndyResult<()> {
    if type_name.is_empty() {
        return Err(IndyError::new(ErrorCode::CommonInvalidParam2, "Wallet storage type name is empty"));
    }
    if let Some(position) = callbacks.first_missing() {
        return Err(IndyError::new(
            ErrorCode::invalid_param(position as u32 + 3),
            format!("Wallet storage callback {} is NULL", position + 1),
        ));
    }
    let mut types = registry();
    if type_name == DEFAULT_TYPE || types.iter().any(|(name, _)| name == type_name) {
        return Err(IndyError::new(
            ErrorCode::WalletTypeAlreadyRegisteredError,
            format!("Wallet storage is already registered for type: {type_name}"),
        ));
    }
    types.push((type_name.to_string(), callbacks));
    Ok(())
}

/// The callbacks registered under `type_name` (never for `default`).
pub fn lookup(type_name: &str) -> Option<StorageCallbacks> {
    registry().iter().find(|(name, _)| name == type_name).map(|(_, callbacks)| *callbacks)
}

fn callbacks_of(type_name: &str) -> StorageResult<StorageCallbacks> {
    lookup(type_name).ok_or_else(|| StorageError::Backend(format!("Unknown wallet storage type: {type_name}")))
}

const SUCCESS: i32 = ErrorCode::Success as i32;
const ITEM_NOT_FOUND: i32 = ErrorCode::WalletItemNotFound as i32;
const ITEM_ALREADY_EXISTS: i32 = ErrorCode::WalletItemAlreadyExists as i32;
const WALLET_ALREADY_EXISTS: i32 = ErrorCode::WalletAlreadyExistsError as i32;
const WALLET_NOT_FOUND: i32 = ErrorCode::WalletNotFoundError as i32;

/// The length of an encrypted value key: ChaCha20-Poly1305 nonce (12), key (32), tag (16).
/// libindy's `EncryptedValue::from_bytes` splits the plugin's value bytes here.
pub const ENCRYPTED_KEY_LEN: usize = 12 + 32 + 16;

/// A plugin's answer as ours: item errors and wallet existence keep their meaning, any
/// other code is a storage error naming it.
fn check(code: i32, what: &str) -> StorageResult<()> {
    match code {
        SUCCESS => Ok(()),
        ITEM_NOT_FOUND => Err(StorageError::ItemNotFound),
        ITEM_ALREADY_EXISTS => Err(StorageError::ItemAlreadyExists),
        WALLET_ALREADY_EXISTS => Err(StorageError::WalletAlreadyExists(format!("plugin {what}"))),
        WALLET_NOT_FOUND => Err(StorageError::WalletNotFound(format!("plugin {what}"))),
        code => Err(StorageError::Backend(format!("wallet storage plugin {what} returned error {code}"))),
    }
}

fn missing(what: &str) -> StorageError {
    StorageError::Backend(format!("wallet storage plugin has no {what} callback"))
}

/// Calls callback `$name` of `$callbacks` and checks its answer.
macro_rules! call {
    ($callbacks:expr, $name:ident ( $($arg:expr),* $(,)? )) => {
        match $callbacks.$name {
            Some(callback) => check(callback($($arg),*), stringify!($name)),
            None => Err(missing(stringify!($name))),
        }
    };
}

fn c_string(text: String, what: &str) -> StorageResult<CString> {
    CString::new(text).map_err(|_| StorageError::Backend(format!("{what} contains a NUL byte")))
}

fn c_opt(text: Option<&str>, what: &str) -> StorageResult<Option<CString>> {
    text.map(|text| c_string(text.to_string(), what)).transpose()
}

fn opt_ptr(text: &Option<CString>) -> *const c_char {
    text.as_ref().map_or(std::ptr::null(), |text| text.as_ptr())
}

fn b64(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

fn unb64(text: &str, what: &str) -> StorageResult<Vec<u8>> {
    B64.decode(text).map_err(|e| StorageError::Backend(format!("plugin's {what} is not base64: {e}")))
}

/// A string the plugin handed out, copied; NULL and non-UTF-8 are errors.
fn plugin_str(ptr: *const c_char, what: &str) -> StorageResult<String> {
    if ptr.is_null() {
        return Err(StorageError::Backend(format!("wallet storage plugin returned NULL {what}")));
    }
    // Safety: the plugin promises a NUL-terminated string valid until the matching free.
    let text = unsafe { CStr::from_ptr(ptr) };
    text.to_str()
        .map(str::to_string)
        .map_err(|_| StorageError::Backend(format!("wallet storage plugin returned non-UTF-8 {what}")))
}

fn json_string(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn tag_name_text(name: &TagName) -> String {
    match name {
        TagName::Encrypted(name) => b64(name),
        TagName::Plain(name) => format!("~{}", b64(name)),
    }
}

/// Tags as libindy's `_tags_to_json`.
fn tags_json(tags: &[StorageTag]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = tags
        .iter()
        .map(|tag| match tag {
            StorageTag::Encrypted { name, value } => (b64(name), b64(value).into()),
            StorageTag::Plain { name, value } => (format!("~{}", b64(name)), value.clone().into()),
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// Tags as libindy's `_tags_from_json`.
fn tags_from_json(json: &str) -> StorageResult<Vec<StorageTag>> {
    let map: HashMap<String, String> = serde_json::from_str(json)
        .map_err(|e| StorageError::Backend(format!("plugin's tags are not a JSON object of strings: {e}")))?;
    map.into_iter()
        .map(|(name, value)| match name.strip_prefix('~') {
            Some(plain) => Ok(StorageTag::Plain { name: unb64(plain, "tag name")?, value }),
            None => Ok(StorageTag::Encrypted { name: unb64(&name, "tag name")?, value: unb64(&value, "tag value")? }),
        })
        .collect()
}

/// Tag names as libindy's `_tags_names_to_json`.
fn tag_names_json(names: &[TagName]) -> String {
    serde_json::Value::from(names.iter().map(tag_name_text).collect::<Vec<_>>()).to_string()
}

/// The encrypted WQL as libindy's `Operator::to_string` writes it (strings JSON-escaped,
/// which changes nothing for base64 and only fixes what libindy would have broken).
pub fn query_json(query: &EncryptedQuery) -> String {
    fn value(value: &TagValue) -> String {
        match value {
            TagValue::Encrypted(value) => json_string(&b64(value)),
            TagValue::Plain(value) => json_string(value),
        }
    }
    fn leaf(name: &TagName, op: &str, target: String) -> String {
        let name = json_string(&tag_name_text(name));
        if op.is_empty() {
            format!("{{{name}:{target}}}")
        } else {
            format!("{{{name}:{{\"{op}\":{target}}}}}")
        }
    }
    fn list(op: &str, operands: &[EncryptedQuery]) -> String {
        if operands.is_empty() {
            return "{}".to_string();
        }
        let operands: Vec<String> = operands.iter().map(query_json).collect();
        format!("{{\"{op}\":[{}]}}", operands.join(","))
    }
    match query {
        EncryptedQuery::And(operands) => list("$and", operands),
        EncryptedQuery::Or(operands) => list("$or", operands),
        EncryptedQuery::Not(operand) => format!("{{\"$not\":{}}}", query_json(operand)),
        EncryptedQuery::Eq(name, target) => leaf(name, "", value(target)),
        EncryptedQuery::Neq(name, target) => leaf(name, "$neq", value(target)),
        EncryptedQuery::Gt(name, target) => leaf(name, "$gt", value(target)),
        EncryptedQuery::Gte(name, target) => leaf(name, "$gte", value(target)),
        EncryptedQuery::Lt(name, target) => leaf(name, "$lt", value(target)),
        EncryptedQuery::Lte(name, target) => leaf(name, "$lte", value(target)),
        EncryptedQuery::Like(name, target) => leaf(name, "$like", value(target)),
        EncryptedQuery::In(name, targets) => {
            let targets: Vec<String> = targets.iter().map(value).collect();
            leaf(name, "$in", format!("[{}]", targets.join(",")))
        }
    }
}

fn matches_all(query: &EncryptedQuery) -> bool {
    matches!(query, EncryptedQuery::And(operands) if operands.is_empty())
}

/// Evaluates a query on a record's tags, with `sqlite_query`'s semantics: a condition on
/// a tag holds only for records that have it; plaintext values compare as text; `$like`
/// is SQLite's `LIKE`. Used where the plugin cannot filter: `search_all_records`.
fn query_matches(query: &EncryptedQuery, tags: &[StorageTag]) -> bool {
    use std::cmp::Ordering;
    fn compare(tags: &[StorageTag], name: &TagName, test: &dyn Fn(&TagValue) -> bool) -> bool {
        tags.iter().any(|tag| match (tag, name) {
            (StorageTag::Encrypted { name: have, value }, TagName::Encrypted(want)) if have == want => {
                test(&TagValue::Encrypted(value.clone()))
            }
            (StorageTag::Plain { name: have, value }, TagName::Plain(want)) if have == want => {
                test(&TagValue::Plain(value.clone()))
            }
            _ => false,
        })
    }
    fn order(have: &TagValue, want: &TagValue) -> Option<Ordering> {
        match (have, want) {
            (TagValue::Plain(have), TagValue::Plain(want)) => Some(have.as_bytes().cmp(want.as_bytes())),
            (TagValue::Encrypted(have), TagValue::Encrypted(want)) => Some(have.cmp(want)),
            _ => None,
        }
    }
    let ordered = |name: &TagName, want: &TagValue, ok: &dyn Fn(Ordering) -> bool| {
        compare(tags, name, &|have| order(have, want).is_some_and(ok))
    };
    match query {
        EncryptedQuery::And(operands) => operands.iter().all(|q| query_matches(q, tags)),
        EncryptedQuery::Or(operands) => operands.iter().any(|q| query_matches(q, tags)),
        EncryptedQuery::Not(operand) => !query_matches(operand, tags),
        EncryptedQuery::Eq(name, want) => ordered(name, want, &|o| o == Ordering::Equal),
        EncryptedQuery::Neq(name, want) => ordered(name, want, &|o| o != Ordering::Equal),
        EncryptedQuery::Gt(name, want) => ordered(name, want, &|o| o == Ordering::Greater),
        EncryptedQuery::Gte(name, want) => ordered(name, want, &|o| o != Ordering::Less),
        EncryptedQuery::Lt(name, want) => ordered(name, want, &|o| o == Ordering::Less),
        EncryptedQuery::Lte(name, want) => ordered(name, want, &|o| o != Ordering::Greater),
        EncryptedQuery::Like(name, want) => compare(tags, name, &|have| match (have, want) {
            (TagValue::Plain(have), TagValue::Plain(pattern)) => like(have.as_bytes(), pattern.as_bytes()),
            _ => false,
        }),
        EncryptedQuery::In(name, wants) => {
            compare(tags, name, &|have| wants.iter().any(|want| order(have, want) == Some(Ordering::Equal)))
        }
    }
}

/// SQLite's `LIKE` without `ESCAPE`: `%` any run, `_` one character, ASCII case-insensitive.
fn like(text: &[u8], pattern: &[u8]) -> bool {
    fn char_len(byte: u8) -> usize {
        match byte {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        }
    }
    match pattern.first() {
        None => text.is_empty(),
        Some(b'%') => (0..=text.len())
            .any(|skip| (skip == text.len() || text[skip] & 0xC0 != 0x80) && like(&text[skip..], &pattern[1..])),
        Some(b'_') => !text.is_empty() && like(&text[char_len(text[0]).min(text.len())..], &pattern[1..]),
        Some(&p) => !text.is_empty() && text[0].eq_ignore_ascii_case(&p) && like(&text[1..], &pattern[1..]),
    }
}

/// What a plugin's record handle holds, copied out before the handle is freed.
struct PluginRecord {
    type_: Option<Vec<u8>>,
    name: Option<Vec<u8>>,
    value: Vec<u8>,
    key: Vec<u8>,
    tags: Option<Vec<StorageTag>>,
}

/// The plugin's handle of one open storage. Only ever used by one thread at a time: the
/// wallet's storage thread owns the `PluggedStorage` (`&mut self` on every call), so the
/// plugin is never called concurrently on one handle, as in libindy, where the single
/// command thread made every plugin call.
#[derive(Debug, Clone, Copy)]
struct StorageHandle(i32);

/// A search the plugin keeps; `filter` when the plugin cannot apply the query itself.
struct Search {
    handle: i32,
    type_: Option<Vec<u8>>,
    with_tags: bool,
    filter: Option<EncryptedQuery>,
    done: bool,
}

/// One open wallet in a plugin.
///
/// `Send` because it holds only the plugin's integer handle and function pointers; the
/// plugin itself is called by one thread at a time (see `StorageHandle`), which is what
/// libindy's plugin contract assumes.
pub struct PluggedStorage {
    handle: StorageHandle,
    callbacks: StorageCallbacks,
    searches: HashMap<StorageSearchId, Search>,
    next_search: StorageSearchId,
    closed: bool,
}

/// Frees a plugin's record or metadata handle when dropped, on success and error alike.
struct Release {
    storage: i32,
    handle: i32,
    free: Option<extern "C" fn(storage_handle: i32, handle: i32) -> i32>,
    what: &'static str,
}

impl Drop for Release {
    fn drop(&mut self) {
        if let Some(free) = self.free {
            let code = free(self.storage, self.handle);
            if code != SUCCESS {
                log::warn!("wallet storage plugin {} returned error {code}", self.what);
            }
        }
    }
}

impl PluggedStorage {
    fn id_strings(id: &RecordId) -> StorageResult<(CString, CString)> {
        Ok((c_string(b64(&id.type_), "record type")?, c_string(b64(&id.name), "record id")?))
    }

    /// Copies what is asked for out of record handle `record`, then frees it.
    fn read_record(
        &self,
        record: i32,
        with_name: bool,
        with_type: bool,
        with_tags: bool,
    ) -> StorageResult<PluginRecord> {
        let storage = self.handle.0;
        let _release = Release { storage, handle: record, free: self.callbacks.free_record, what: "free_record" };
        let callbacks = &self.callbacks;
        let type_ = if with_type {
            let mut ptr: *const c_char = std::ptr::null();
            call!(callbacks, get_record_type(storage, record, &mut ptr))?;
            Some(unb64(&plugin_str(ptr, "record type")?, "record type")?)
        } else {
            None
        };
        let name = if with_name {
            let mut ptr: *const c_char = std::ptr::null();
            call!(callbacks, get_record_id(storage, record, &mut ptr))?;
            Some(unb64(&plugin_str(ptr, "record id")?, "record id")?)
        } else {
            None
        };
        let (value, key) = {
            let mut ptr: *const u8 = std::ptr::null();
            let mut len: usize = 0;
            call!(callbacks, get_record_value(storage, record, &mut ptr, &mut len))?;
            if ptr.is_null() {
                return Err(StorageError::Backend("wallet storage plugin returned a NULL record value".into()));
            }
            if len < ENCRYPTED_KEY_LEN {
                return Err(StorageError::Backend(format!(
                    "wallet storage plugin returned a {len}-byte record value, shorter than its key"
                )));
            }
            // Safety: the plugin promises `len` readable bytes until `free_record`.
            let joined = unsafe { std::slice::from_raw_parts(ptr, len) };
            (joined[ENCRYPTED_KEY_LEN..].to_vec(), joined[..ENCRYPTED_KEY_LEN].to_vec())
        };
        let tags = if with_tags {
            let mut ptr: *const c_char = std::ptr::null();
            call!(callbacks, get_record_tags(storage, record, &mut ptr))?;
            Some(tags_from_json(&plugin_str(ptr, "record tags")?)?)
        } else {
            None
        };
        Ok(PluginRecord { type_, name, value, key, tags })
    }

    fn joined_value(value: &[u8], key: &[u8]) -> StorageResult<Vec<u8>> {
        if key.len() != ENCRYPTED_KEY_LEN {
            return Err(StorageError::Backend(format!(
                "an encrypted value key has {} bytes, not {ENCRYPTED_KEY_LEN}",
                key.len()
            )));
        }
        let mut joined = Vec::with_capacity(key.len() + value.len());
        joined.extend_from_slice(key);
        joined.extend_from_slice(value);
        Ok(joined)
    }

    fn free_search(&self, search: &Search) -> StorageResult<()> {
        call!(self.callbacks, free_search(self.handle.0, search.handle))
    }

    /// Frees the open searches and closes the plugin's storage, reporting its answer.
    pub fn close(mut self) -> StorageResult<()> {
        self.close_now()
    }

    fn close_now(&mut self) -> StorageResult<()> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        for (_, search) in std::mem::take(&mut self.searches) {
            if let Err(e) = self.free_search(&search) {
                log::warn!("closing a plugged wallet storage: {e}");
            }
        }
        call!(self.callbacks, close(self.handle.0))
    }
}

impl Drop for PluggedStorage {
    fn drop(&mut self) {
        if let Err(e) = self.close_now() {
            log::warn!("closing a plugged wallet storage: {e}");
        }
    }
}

impl WalletStorage for PluggedStorage {
    fn get(&mut self, id: &RecordId, with_tags: bool) -> StorageResult<StoredValue> {
        let (type_, name) = Self::id_strings(id)?;
        let options = c_string(
            serde_json::json!({"retrieveType": false, "retrieveValue": true, "retrieveTags": with_tags}).to_string(),
            "options",
        )?;
        let mut record: i32 = -1;
        call!(self.callbacks, get_record(self.handle.0, type_.as_ptr(), name.as_ptr(), options.as_ptr(), &mut record))?;
        let record = self.read_record(record, false, false, with_tags)?;
        Ok(StoredValue { value: record.value, key: record.key, tags: record.tags })
    }

    fn add(&mut self, record: &StorageRecord) -> StorageResult<()> {
        let (type_, name) = Self::id_strings(&record.id)?;
        let value = Self::joined_value(&record.value, &record.key)?;
        let tags = c_string(tags_json(&record.tags), "tags")?;
        call!(
            self.callbacks,
            add_record(self.handle.0, type_.as_ptr(), name.as_ptr(), value.as_ptr(), value.len(), tags.as_ptr())
        )
    }

    fn upsert(&mut self, record: &StorageRecord) -> StorageResult<()> {
        match self.add(record) {
            Err(StorageError::ItemAlreadyExists) => {
                self.update_value(&record.id, &record.value, &record.key)?;
                self.replace_tags(&record.id, &record.tags)
            }
            result => result,
        }
    }

    fn update_value(&mut self, id: &RecordId, value: &[u8], key: &[u8]) -> StorageResult<()> {
        let (type_, name) = Self::id_strings(id)?;
        let value = Self::joined_value(value, key)?;
        call!(
            self.callbacks,
            update_record_value(self.handle.0, type_.as_ptr(), name.as_ptr(), value.as_ptr(), value.len())
        )
    }

    fn replace_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()> {
        let (type_, name) = Self::id_strings(id)?;
        let tags = c_string(tags_json(tags), "tags")?;
        call!(self.callbacks, update_record_tags(self.handle.0, type_.as_ptr(), name.as_ptr(), tags.as_ptr()))
    }

    fn add_tags(&mut self, id: &RecordId, tags: &[StorageTag]) -> StorageResult<()> {
        let (type_, name) = Self::id_strings(id)?;
        let tags = c_string(tags_json(tags), "tags")?;
        call!(self.callbacks, add_record_tags(self.handle.0, type_.as_ptr(), name.as_ptr(), tags.as_ptr()))
    }

    fn delete_tags(&mut self, id: &RecordId, names: &[TagName]) -> StorageResult<()> {
        let (type_, name) = Self::id_strings(id)?;
        let names = c_string(tag_names_json(names), "tag names")?;
        call!(self.callbacks, delete_record_tags(self.handle.0, type_.as_ptr(), name.as_ptr(), names.as_ptr()))
    }

    fn delete(&mut self, id: &RecordId) -> StorageResult<()> {
        let (type_, name) = Self::id_strings(id)?;
        call!(self.callbacks, delete_record(self.handle.0, type_.as_ptr(), name.as_ptr()))
    }

    fn list(&mut self, type_: &[u8]) -> StorageResult<Vec<StorageRecord>> {
        let (search, _) = self.search_open(Some(type_), &EncryptedQuery::And(Vec::new()), false, false)?;
        let records = self.search_next(search, usize::MAX);
        let closed = self.search_close(search);
        let records = records?;
        closed?;
        Ok(records)
    }

    fn search_open(
        &mut self,
        type_: Option<&[u8]>,
        query: &EncryptedQuery,
        with_tags: bool,
        with_count: bool,
    ) -> StorageResult<(StorageSearchId, Option<usize>)> {
        let storage = self.handle.0;
        let mut handle: i32 = -1;
        let search = match type_ {
            Some(type_) => {
                let type_c = c_string(b64(type_), "record type")?;
                let query_c = c_string(query_json(query), "query")?;
                let options = serde_json::json!({
                    "retrieveRecords": true,
                    "retrieveTotalCount": with_count,
                    "retrieveType": false,
                    "retrieveValue": true,
                    "retrieveTags": with_tags,
                });
                let options = c_string(options.to_string(), "options")?;
                call!(
                    self.callbacks,
                    search_records(storage, type_c.as_ptr(), query_c.as_ptr(), options.as_ptr(), &mut handle)
                )?;
                Search { handle, type_: Some(type_.to_vec()), with_tags, filter: None, done: false }
            }
            None => {
                // libindy only ever asked for everything here (export); a query is applied
                // to each record as it comes.
                call!(self.callbacks, search_all_records(storage, &mut handle))?;
                let filter = (!matches_all(query)).then(|| query.clone());
                Search { handle, type_: None, with_tags, filter, done: false }
            }
        };
        let total = match (with_count, &search.filter) {
            (false, _) => Ok(None),
            (true, None) => {
                let mut total: usize = 0;
                call!(self.callbacks, get_search_total_count(storage, search.handle, &mut total)).map(|()| Some(total))
            }
            (true, Some(filter)) => self.count_matching(filter).map(Some),
        };
        let total = match total {
            Ok(total) => total,
            Err(e) => {
                let _ = self.free_search(&search);
                return Err(e);
            }
        };
        let id = self.next_search;
        self.next_search += 1;
        self.searches.insert(id, search);
        Ok((id, total))
    }

    fn search_next(&mut self, search: StorageSearchId, count: usize) -> StorageResult<Vec<StorageRecord>> {
        let mut state = self.searches.remove(&search).ok_or(StorageError::ItemNotFound)?;
        let result = self.fetch(&mut state, count);
        self.searches.insert(search, state);
        result
    }

    fn search_close(&mut self, search: StorageSearchId) -> StorageResult<()> {
        let search = self.searches.remove(&search).ok_or(StorageError::ItemNotFound)?;
        self.free_search(&search)
    }

    fn metadata(&mut self) -> StorageResult<Vec<u8>> {
        let storage = self.handle.0;
        let mut ptr: *const c_char = std::ptr::null();
        let mut handle: i32 = -1;
        call!(self.callbacks, get_storage_metadata(storage, &mut ptr, &mut handle))?;
        let _release =
            Release { storage, handle, free: self.callbacks.free_storage_metadata, what: "free_storage_metadata" };
        unb64(&plugin_str(ptr, "metadata")?, "metadata")
    }

    fn set_metadata(&mut self, metadata: &[u8]) -> StorageResult<()> {
        let metadata = c_string(b64(metadata), "metadata")?;
        call!(self.callbacks, set_storage_metadata(self.handle.0, metadata.as_ptr()))
    }
}

impl PluggedStorage {
    /// How many records of the whole storage `filter` matches, read on a search of its own.
    fn count_matching(&self, filter: &EncryptedQuery) -> StorageResult<usize> {
        let mut counter =
            Search { handle: -1, type_: None, with_tags: false, filter: Some(filter.clone()), done: false };
        call!(self.callbacks, search_all_records(self.handle.0, &mut counter.handle))?;
        let mut count = 0;
        let mut result = Ok(());
        while !counter.done {
            match self.fetch(&mut counter, 256) {
                Ok(records) => count += records.len(),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        let freed = self.free_search(&counter);
        result.and(freed).map(|()| count)
    }

    /// Up to `count` records of a search; marks it done when the plugin says it ended.
    fn fetch(&self, search: &mut Search, count: usize) -> StorageResult<Vec<StorageRecord>> {
        let mut records = Vec::new();
        while records.len() < count && !search.done {
            let mut record: i32 = -1;
            match call!(self.callbacks, fetch_search_next_record(self.handle.0, search.handle, &mut record)) {
                Ok(()) => {}
                Err(StorageError::ItemNotFound) => {
                    search.done = true;
                    break;
                }
                Err(e) => return Err(e),
            }
            let with_tags = search.with_tags || search.filter.is_some();
            let read = self.read_record(record, true, search.type_.is_none(), with_tags)?;
            let tags = read.tags.unwrap_or_default();
            if let Some(filter) = &search.filter {
                if !query_matches(filter, &tags) {
                    continue;
                }
            }
            let type_ = match (&search.type_, read.type_) {
                (Some(type_), _) => type_.clone(),
                (None, Some(type_)) => type_,
                (None, None) => Vec::new(),
            };
            records.push(StorageRecord {
                id: RecordId { type_, name: read.name.unwrap_or_default() },
                value: read.value,
                key: read.key,
                tags: if search.with_tags { tags } else { Vec::new() },
            });
        }
        Ok(records)
    }
}

/// Creates wallet `id` in the plugin of `type_name` with its first `metadata`.
/// `config_json` / `credentials_json` are the wallet's `storage_config` /
/// `storage_credentials` as JSON text. An unregistered type is a `Backend` error: check
/// [`lookup`] first to answer `WalletUnknownTypeError`.
pub fn create(
    type_name: &str,
    id: &str,
    config_json: Option<&str>,
    credentials_json: Option<&str>,
    metadata: &[u8],
) -> StorageResult<()> {
    let callbacks = callbacks_of(type_name)?;
    let name = c_string(id.to_string(), "wallet id")?;
    let config = c_opt(config_json, "storage config")?;
    let credentials = c_opt(credentials_json, "storage credentials")?;
    let metadata = c_string(b64(metadata), "metadata")?;
    call!(callbacks, create(name.as_ptr(), opt_ptr(&config), opt_ptr(&credentials), metadata.as_ptr()))
        .map_err(|e| named(e, id))
}

/// Opens wallet `id` in the plugin of `type_name` (arguments as for [`create`]).
pub fn open(
    type_name: &str,
    id: &str,
    config_json: Option<&str>,
    credentials_json: Option<&str>,
) -> StorageResult<PluggedStorage> {
    let callbacks = callbacks_of(type_name)?;
    let name = c_string(id.to_string(), "wallet id")?;
    let config = c_opt(config_json, "storage config")?;
    let credentials = c_opt(credentials_json, "storage credentials")?;
    let mut handle: i32 = -1;
    call!(callbacks, open(name.as_ptr(), opt_ptr(&config), opt_ptr(&credentials), &mut handle))
        .map_err(|e| named(e, id))?;
    Ok(PluggedStorage {
        handle: StorageHandle(handle),
        callbacks,
        searches: HashMap::new(),
        next_search: 1,
        closed: false,
    })
}

/// Deletes wallet `id` from the plugin of `type_name` (arguments as for [`create`]).
pub fn delete(
    type_name: &str,
    id: &str,
    config_json: Option<&str>,
    credentials_json: Option<&str>,
) -> StorageResult<()> {
    let callbacks = callbacks_of(type_name)?;
    let name = c_string(id.to_string(), "wallet id")?;
    let config = c_opt(config_json, "storage config")?;
    let credentials = c_opt(credentials_json, "storage credentials")?;
    call!(callbacks, delete(name.as_ptr(), opt_ptr(&config), opt_ptr(&credentials))).map_err(|e| named(e, id))
}

fn named(error: StorageError, id: &str) -> StorageError {
    match error {
        StorageError::WalletAlreadyExists(_) => StorageError::WalletAlreadyExists(id.to_string()),
        StorageError::WalletNotFound(_) => StorageError::WalletNotFound(id.to_string()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, VecDeque};
    use std::sync::Once;

    // ---------------------------------------------------------------- the plugin

    /// An in-memory plugin, in Rust but through the C callbacks, keeping records as the
    /// plugin sees them and logging what it was asked, to check the encodings.
    mod inmem {
        use super::*;
        use serde_json::Value;

        pub struct Rec {
            pub value: Vec<u8>,
            pub tags: BTreeMap<String, String>,
        }

        #[derive(Default)]
        pub struct Wallet {
            pub metadata: String,
            pub config: Option<String>,
            pub credentials: Option<String>,
            pub records: BTreeMap<(String, String), Rec>,
            pub log: Vec<String>,
        }

        pub struct Snapshot {
            type_: CString,
            id: CString,
            value: Vec<u8>,
            tags: CString,
        }

        #[derive(Default)]
        pub struct State {
            pub wallets: HashMap<String, Wallet>,
            open: HashMap<i32, String>,
            records: HashMap<i32, (i32, Snapshot)>,
            metadata: HashMap<i32, (i32, CString)>,
            searches: HashMap<i32, (i32, VecDeque<Snapshot>, usize)>,
            next: i32,
        }

        static STATE: Mutex<Option<State>> = Mutex::new(None);

        pub fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
            let mut state = STATE.lock().unwrap_or_else(|p| p.into_inner());
            f(state.get_or_insert_with(State::default))
        }

        /// Record, metadata and search handles still held for storage `h`, and whether it is open.
        pub fn live(h: i32) -> (usize, bool) {
            with(|s| {
                let n = s.records.values().filter(|(o, _)| *o == h).count()
                    + s.metadata.values().filter(|(o, _)| *o == h).count()
                    + s.searches.values().filter(|(o, _, _)| *o == h).count();
                (n, s.open.contains_key(&h))
            })
        }

        pub fn wallet<R>(id: &str, f: impl FnOnce(&mut Wallet) -> R) -> R {
            with(|s| f(s.wallets.get_mut(id).expect("wallet exists")))
        }

        fn text(p: *const c_char) -> Option<String> {
            (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string())
        }

        fn bytes(p: *const u8, len: usize) -> Vec<u8> {
            unsafe { std::slice::from_raw_parts(p, len) }.to_vec()
        }

        fn next(s: &mut State) -> i32 {
            s.next += 1;
            s.next
        }

        /// The wallet behind storage handle `h`, or `CommonInvalidState`.
        fn on<R>(h: i32, f: impl FnOnce(&mut State, String) -> Result<R, i32>) -> Result<R, i32> {
            with(|s| {
                let id = s.open.get(&h).cloned().ok_or(112)?;
                f(s, id)
            })
        }

        fn code(r: Result<(), i32>) -> i32 {
            r.err().unwrap_or(0)
        }

        fn snapshot(type_: &str, id: &str, rec: &Rec) -> Snapshot {
            Snapshot {
                type_: CString::new(type_).unwrap(),
                id: CString::new(id).unwrap(),
                value: rec.value.clone(),
                tags: CString::new(serde_json::to_string(&rec.tags).unwrap()).unwrap(),
            }
        }

        fn wql(q: &Value, tags: &BTreeMap<String, String>) -> bool {
            q.as_object().unwrap().iter().all(|(k, v)| match k.as_str() {
                "$and" => v.as_array().unwrap().iter().all(|q| wql(q, tags)),
                "$or" => v.as_array().unwrap().iter().any(|q| wql(q, tags)),
                "$not" => !wql(v, tags),
                name => {
                    let Some(have) = tags.get(name) else { return false };
                    match v {
                        Value::String(want) => have == want,
                        Value::Object(op) => {
                            let (op, want) = op.iter().next().unwrap();
                            match op.as_str() {
                                "$neq" => have != want.as_str().unwrap(),
                                "$gt" => have.as_str() > want.as_str().unwrap(),
                                "$gte" => have.as_str() >= want.as_str().unwrap(),
                                "$lt" => have.as_str() < want.as_str().unwrap(),
                                "$lte" => have.as_str() <= want.as_str().unwrap(),
                                "$in" => want.as_array().unwrap().iter().any(|w| w.as_str() == Some(have)),
                                _ => false,
                            }
                        }
                        _ => false,
                    }
                }
            })
        }

        pub extern "C" fn create(
            name: *const c_char,
            config: *const c_char,
            creds: *const c_char,
            md: *const c_char,
        ) -> i32 {
            let name = text(name).unwrap();
            with(|s| {
                if s.wallets.contains_key(&name) {
                    return 203;
                }
                let wallet = Wallet {
                    metadata: text(md).unwrap(),
                    config: text(config),
                    credentials: text(creds),
                    ..Default::default()
                };
                s.wallets.insert(name, wallet);
                0
            })
        }

        pub extern "C" fn open(name: *const c_char, _: *const c_char, _: *const c_char, h_p: *mut i32) -> i32 {
            let name = text(name).unwrap();
            with(|s| {
                if !s.wallets.contains_key(&name) {
                    return 204;
                }
                let h = next(s);
                s.open.insert(h, name);
                unsafe { *h_p = h };
                0
            })
        }

        pub extern "C" fn close(h: i32) -> i32 {
            with(|s| if s.open.remove(&h).is_some() { 0 } else { 112 })
        }

        pub extern "C" fn delete(name: *const c_char, _: *const c_char, _: *const c_char) -> i32 {
            let name = text(name).unwrap();
            with(|s| if s.wallets.remove(&name).is_some() { 0 } else { 204 })
        }

        pub extern "C" fn add_record(
            h: i32,
            type_: *const c_char,
            id: *const c_char,
            value: *const u8,
            len: usize,
            tags: *const c_char,
        ) -> i32 {
            let key = (text(type_).unwrap(), text(id).unwrap());
            let tags: BTreeMap<String, String> = serde_json::from_str(&text(tags).unwrap()).unwrap();
            code(on(h, |s, w| {
                let records = &mut s.wallets.get_mut(&w).unwrap().records;
                if records.contains_key(&key) {
                    return Err(213);
                }
                records.insert(key, Rec { value: bytes(value, len), tags });
                Ok(())
            }))
        }

        fn change(h: i32, type_: *const c_char, id: *const c_char, f: impl FnOnce(&mut Rec, &mut Vec<String>)) -> i32 {
            let key = (text(type_).unwrap(), text(id).unwrap());
            code(on(h, |s, w| {
                let wallet = s.wallets.get_mut(&w).unwrap();
                let rec = wallet.records.get_mut(&key).ok_or(212)?;
                f(rec, &mut wallet.log);
                Ok(())
            }))
        }

        pub extern "C" fn update_record_value(
            h: i32,
            type_: *const c_char,
            id: *const c_char,
            value: *const u8,
            len: usize,
        ) -> i32 {
            change(h, type_, id, |rec, _| rec.value = bytes(value, len))
        }

        pub extern "C" fn update_record_tags(
            h: i32,
            type_: *const c_char,
            id: *const c_char,
            tags: *const c_char,
        ) -> i32 {
            let tags: BTreeMap<String, String> = serde_json::from_str(&text(tags).unwrap()).unwrap();
            change(h, type_, id, |rec, _| rec.tags = tags)
        }

        pub extern "C" fn add_record_tags(h: i32, type_: *const c_char, id: *const c_char, tags: *const c_char) -> i32 {
            let tags: BTreeMap<String, String> = serde_json::from_str(&text(tags).unwrap()).unwrap();
            change(h, type_, id, |rec, _| rec.tags.extend(tags))
        }

        pub extern "C" fn delete_record_tags(
            h: i32,
            type_: *const c_char,
            id: *const c_char,
            names: *const c_char,
        ) -> i32 {
            let json = text(names).unwrap();
            let names: Vec<String> = serde_json::from_str(&json).unwrap();
            change(h, type_, id, |rec, log| {
                log.push(format!("delete_record_tags {json}"));
                for name in names {
                    rec.tags.remove(&name);
                }
            })
        }

        pub extern "C" fn delete_record(h: i32, type_: *const c_char, id: *const c_char) -> i32 {
            let key = (text(type_).unwrap(), text(id).unwrap());
            code(on(h, |s, w| s.wallets.get_mut(&w).unwrap().records.remove(&key).map(drop).ok_or(212)))
        }

        pub extern "C" fn get_record(
            h: i32,
            type_: *const c_char,
            id: *const c_char,
            options: *const c_char,
            rh_p: *mut i32,
        ) -> i32 {
            let key = (text(type_).unwrap(), text(id).unwrap());
            let options = text(options).unwrap();
            code(on(h, |s, w| {
                let wallet = s.wallets.get_mut(&w).unwrap();
                wallet.log.push(format!("get_record {options}"));
                let snap = snapshot(&key.0, &key.1, wallet.records.get(&key).ok_or(212)?);
                let rh = next(s);
                s.records.insert(rh, (h, snap));
                unsafe { *rh_p = rh };
                Ok(())
            }))
        }

        fn read<R>(h: i32, rh: i32, f: impl FnOnce(&Snapshot) -> R) -> Result<R, i32> {
            with(|s| s.records.get(&rh).filter(|(o, _)| *o == h).map(|(_, snap)| f(snap)).ok_or(112))
        }

        pub extern "C" fn get_record_id(h: i32, rh: i32, p: *mut *const c_char) -> i32 {
            code(read(h, rh, |snap| unsafe { *p = snap.id.as_ptr() }))
        }

        pub extern "C" fn get_record_type(h: i32, rh: i32, p: *mut *const c_char) -> i32 {
            code(read(h, rh, |snap| unsafe { *p = snap.type_.as_ptr() }))
        }

        pub extern "C" fn get_record_value(h: i32, rh: i32, p: *mut *const u8, len: *mut usize) -> i32 {
            code(read(h, rh, |snap| unsafe {
                *p = snap.value.as_ptr();
                *len = snap.value.len();
            }))
        }

        pub extern "C" fn get_record_tags(h: i32, rh: i32, p: *mut *const c_char) -> i32 {
            code(read(h, rh, |snap| unsafe { *p = snap.tags.as_ptr() }))
        }

        pub extern "C" fn free_record(_h: i32, rh: i32) -> i32 {
            with(|s| if s.records.remove(&rh).is_some() { 0 } else { 112 })
        }

        pub extern "C" fn get_storage_metadata(h: i32, p: *mut *const c_char, mh_p: *mut i32) -> i32 {
            code(on(h, |s, w| {
                let metadata = CString::new(s.wallets[&w].metadata.clone()).unwrap();
                let mh = next(s);
                unsafe {
                    *p = metadata.as_ptr();
                    *mh_p = mh;
                }
                s.metadata.insert(mh, (h, metadata));
                Ok(())
            }))
        }

        pub extern "C" fn set_storage_metadata(h: i32, p: *const c_char) -> i32 {
            let metadata = text(p).unwrap();
            code(on(h, |s, w| {
                s.wallets.get_mut(&w).unwrap().metadata = metadata;
                Ok(())
            }))
        }

        pub extern "C" fn free_storage_metadata(_h: i32, mh: i32) -> i32 {
            with(|s| if s.metadata.remove(&mh).is_some() { 0 } else { 112 })
        }

        fn start_search(h: i32, sh_p: *mut i32, log: String, keep: impl Fn(&(String, String), &Rec) -> bool) -> i32 {
            code(on(h, |s, w| {
                let wallet = s.wallets.get_mut(&w).unwrap();
                wallet.log.push(log);
                let found: VecDeque<Snapshot> =
                    wallet.records.iter().filter(|(k, r)| keep(k, r)).map(|(k, r)| snapshot(&k.0, &k.1, r)).collect();
                let sh = next(s);
                let total = found.len();
                s.searches.insert(sh, (h, found, total));
                unsafe { *sh_p = sh };
                Ok(())
            }))
        }

        pub extern "C" fn search_records(
            h: i32,
            type_: *const c_char,
            query: *const c_char,
            options: *const c_char,
            sh_p: *mut i32,
        ) -> i32 {
            let (type_, query, options) = (text(type_).unwrap(), text(query).unwrap(), text(options).unwrap());
            let wql_query: Value = serde_json::from_str(&query).unwrap();
            let log = format!("search_records {query} {options}");
            start_search(h, sh_p, log, |k, r| k.0 == type_ && wql(&wql_query, &r.tags))
        }

        pub extern "C" fn search_all_records(h: i32, sh_p: *mut i32) -> i32 {
            start_search(h, sh_p, "search_all_records".into(), |_, _| true)
        }

        pub extern "C" fn get_search_total_count(_h: i32, sh: i32, p: *mut usize) -> i32 {
            with(|s| match s.searches.get(&sh) {
                Some((_, _, total)) => {
                    unsafe { *p = *total };
                    0
                }
                None => 112,
            })
        }

        pub extern "C" fn fetch_search_next_record(h: i32, sh: i32, rh_p: *mut i32) -> i32 {
            with(|s| {
                let Some((_, found, _)) = s.searches.get_mut(&sh) else { return 112 };
                let Some(snap) = found.pop_front() else { return 212 };
                let rh = next(s);
                s.records.insert(rh, (h, snap));
                unsafe { *rh_p = rh };
                0
            })
        }

        pub extern "C" fn free_search(_h: i32, sh: i32) -> i32 {
            with(|s| if s.searches.remove(&sh).is_some() { 0 } else { 112 })
        }

        pub fn callbacks() -> StorageCallbacks {
            StorageCallbacks {
                create: Some(create),
                open: Some(open),
                close: Some(close),
                delete: Some(delete),
                add_record: Some(add_record),
                update_record_value: Some(update_record_value),
                update_record_tags: Some(update_record_tags),
                add_record_tags: Some(add_record_tags),
                delete_record_tags: Some(delete_record_tags),
                delete_record: Some(delete_record),
                get_record: Some(get_record),
                get_record_id: Some(get_record_id),
                get_record_type: Some(get_record_type),
                get_record_value: Some(get_record_value),
                get_record_tags: Some(get_record_tags),
                free_record: Some(free_record),
                get_storage_metadata: Some(get_storage_metadata),
                set_storage_metadata: Some(set_storage_metadata),
                free_storage_metadata: Some(free_storage_metadata),
                search_records: Some(search_records),
                search_all_records: Some(search_all_records),
                get_search_total_count: Some(get_search_total_count),
                fetch_search_next_record: Some(fetch_search_next_record),
                free_search: Some(free_search),
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    const PLUGIN: &str = "plugged_test_inmem";

    fn setup() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| register(PLUGIN, inmem::callbacks()).unwrap());
    }

    fn new_storage(id: &str) -> PluggedStorage {
        setup();
        create(PLUGIN, id, None, None, b"meta").unwrap();
        open(PLUGIN, id, None, None).unwrap()
    }

    fn key(n: u8) -> Vec<u8> {
        vec![n; ENCRYPTED_KEY_LEN]
    }

    fn enc(name: &str, value: &str) -> StorageTag {
        StorageTag::Encrypted { name: name.into(), value: value.into() }
    }

    fn plain(name: &str, value: &str) -> StorageTag {
        StorageTag::Plain { name: name.into(), value: value.into() }
    }

    fn rid(type_: &str, name: &str) -> RecordId {
        RecordId { type_: type_.into(), name: name.into() }
    }

    fn rec(type_: &str, name: &str, value: &str, tags: Vec<StorageTag>) -> StorageRecord {
        StorageRecord { id: rid(type_, name), value: value.into(), key: key(name.len() as u8), tags }
    }

    fn sorted(mut tags: Vec<StorageTag>) -> Vec<StorageTag> {
        tags.sort_by_key(|t| format!("{t:?}"));
        tags
    }

    fn names(records: &[StorageRecord]) -> Vec<String> {
        let mut names: Vec<String> = records.iter().map(|r| String::from_utf8(r.id.name.clone()).unwrap()).collect();
        names.sort();
        names
    }

    fn last_log(id: &str) -> String {
        inmem::wallet(id, |w| w.log.last().cloned().unwrap_or_default())
    }

    fn all(storage: &mut PluggedStorage, search: StorageSearchId) -> Vec<StorageRecord> {
        storage.search_next(search, usize::MAX).unwrap()
    }

    fn find(storage: &mut PluggedStorage, type_: &str, query: EncryptedQuery) -> Vec<String> {
        let (id, total) = storage.search_open(Some(type_.as_bytes()), &query, false, true).unwrap();
        let found = all(storage, id);
        storage.search_close(id).unwrap();
        assert_eq!(total, Some(found.len()));
        names(&found)
    }

    fn eq_enc(name: &str, value: &str) -> EncryptedQuery {
        EncryptedQuery::Eq(TagName::Encrypted(name.into()), TagValue::Encrypted(value.into()))
    }

    fn plain_q(op: fn(TagName, TagValue) -> EncryptedQuery, name: &str, value: &str) -> EncryptedQuery {
        op(TagName::Plain(name.into()), TagValue::Plain(value.into()))
    }

    // ---------------------------------------------------------------- tests

    #[test]
    fn registry_refuses_duplicates_default_and_null_callbacks() {
        setup();
        assert!(lookup(PLUGIN).is_some());
        assert!(lookup("plugged_test_absent").is_none());
        assert!(lookup(DEFAULT_TYPE).is_none());
        let err = register(PLUGIN, inmem::callbacks()).unwrap_err();
        assert_eq!(err.kind, ErrorCode::WalletTypeAlreadyRegisteredError);
        let err = register(DEFAULT_TYPE, inmem::callbacks()).unwrap_err();
        assert_eq!(err.kind, ErrorCode::WalletTypeAlreadyRegisteredError);
        assert_eq!(register("", inmem::callbacks()).unwrap_err().kind, ErrorCode::CommonInvalidParam2);
        let mut partial = inmem::callbacks();
        partial.create = None;
        assert_eq!(register("plugged_test_partial", partial).unwrap_err().kind, ErrorCode::CommonInvalidParam3);
        partial = inmem::callbacks();
        partial.free_search = None;
        assert_eq!(partial.first_missing(), Some(23));
        assert_eq!(register("plugged_test_partial", partial).unwrap_err().kind, ErrorCode::CommonInvalidParam26);
        assert!(lookup("plugged_test_partial").is_none());
        assert_eq!(StorageCallbacks::default().first_missing(), Some(0));
        assert!(matches!(create("plugged_test_absent", "x", None, None, b""), Err(StorageError::Backend(_))));
    }

    #[test]
    fn create_open_delete_and_metadata_as_base64() {
        setup();
        let id = "plugged_lifecycle";
        create(PLUGIN, id, Some(r#"{"path":"/x"}"#), Some(r#"{"user":"u"}"#), b"\x00meta\xff").unwrap();
        inmem::wallet(id, |w| {
            assert_eq!(w.metadata, B64.encode(b"\x00meta\xff"));
            assert_eq!(w.config.as_deref(), Some(r#"{"path":"/x"}"#));
            assert_eq!(w.credentials.as_deref(), Some(r#"{"user":"u"}"#));
        });
        let again = create(PLUGIN, id, None, None, b"m");
        assert!(matches!(again, Err(StorageError::WalletAlreadyExists(ref w)) if w == id), "{again:?}");

        let mut storage = open(PLUGIN, id, None, None).unwrap();
        let handle = storage.handle.0;
        assert_eq!(storage.metadata().unwrap(), b"\x00meta\xff");
        storage.set_metadata(b"new metadata").unwrap();
        inmem::wallet(id, |w| assert_eq!(w.metadata, "bmV3IG1ldGFkYXRh"));
        assert_eq!(storage.metadata().unwrap(), b"new metadata");
        assert_eq!(inmem::live(handle), (0, true), "metadata handles are freed");
        storage.close().unwrap();
        assert_eq!(inmem::live(handle), (0, false), "closed");

        delete(PLUGIN, id, None, None).unwrap();
        assert!(matches!(open(PLUGIN, id, None, None), Err(StorageError::WalletNotFound(_))));
        assert!(matches!(delete(PLUGIN, id, None, None), Err(StorageError::WalletNotFound(_))));
    }

    #[test]
    fn records_and_tags_in_libindy_encoding() {
        let id = "plugged_records";
        let mut storage = new_storage(id);
        let handle = storage.handle.0;
        let r1 = rec("type", "name1", "value1", vec![enc("tn", "tv"), plain("pn", "5")]);
        storage.add(&r1).unwrap();
        assert!(matches!(storage.add(&r1), Err(StorageError::ItemAlreadyExists)));

        // What the plugin holds: base64 type and id, key ‖ value, libindy's tag JSON.
        inmem::wallet(id, |w| {
            let stored = &w.records[&(B64.encode("type"), B64.encode("name1"))];
            assert_eq!(stored.value, [key(5), b"value1".to_vec()].concat());
            let expected: BTreeMap<String, String> =
                [(B64.encode("tn"), B64.encode("tv")), (format!("~{}", B64.encode("pn")), "5".to_string())].into();
            assert_eq!(stored.tags, expected);
        });

        let got = storage.get(&r1.id, true).unwrap();
        assert_eq!((got.value.as_slice(), got.key.clone()), (&b"value1"[..], key(5)));
        assert_eq!(sorted(got.tags.unwrap()), sorted(r1.tags.clone()));
        let options: serde_json::Value =
            serde_json::from_str(last_log(id).strip_prefix("get_record ").unwrap()).unwrap();
        assert_eq!(options, serde_json::json!({"retrieveType": false, "retrieveValue": true, "retrieveTags": true}));
        assert_eq!(storage.get(&r1.id, false).unwrap().tags, None);
        assert!(matches!(storage.get(&rid("type", "nope"), true), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.get(&rid("other", "name1"), true), Err(StorageError::ItemNotFound)));

        storage.update_value(&r1.id, b"value2", &key(9)).unwrap();
        let got = storage.get(&r1.id, false).unwrap();
        assert_eq!((got.value.as_slice(), got.key), (&b"value2"[..], key(9)));
        assert!(matches!(storage.update_value(&rid("type", "nope"), b"v", &key(1)), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.update_value(&r1.id, b"v", b"short key"), Err(StorageError::Backend(_))));

        storage.add_tags(&r1.id, &[plain("pn", "6"), enc("tn2", "tv2")]).unwrap();
        let tags = sorted(storage.get(&r1.id, true).unwrap().tags.unwrap());
        assert_eq!(tags, sorted(vec![enc("tn", "tv"), plain("pn", "6"), enc("tn2", "tv2")]));

        storage.delete_tags(&r1.id, &[TagName::Encrypted(b"tn".to_vec()), TagName::Plain(b"pn".to_vec())]).unwrap();
        assert_eq!(last_log(id), format!(r#"delete_record_tags ["{}","~{}"]"#, B64.encode("tn"), B64.encode("pn")));
        assert_eq!(storage.get(&r1.id, true).unwrap().tags.unwrap(), vec![enc("tn2", "tv2")]);

        storage.replace_tags(&r1.id, &[plain("only", "1")]).unwrap();
        assert_eq!(storage.get(&r1.id, true).unwrap().tags.unwrap(), vec![plain("only", "1")]);
        storage.replace_tags(&r1.id, &[]).unwrap();
        assert_eq!(storage.get(&r1.id, true).unwrap().tags.unwrap(), vec![]);
        assert!(matches!(storage.replace_tags(&rid("type", "nope"), &[]), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.add_tags(&rid("type", "nope"), &[]), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.delete_tags(&rid("type", "nope"), &[]), Err(StorageError::ItemNotFound)));

        // Upsert: adds when new, replaces value and tags when not.
        let r2 = rec("type", "name2", "v", vec![enc("a", "b")]);
        storage.upsert(&r2).unwrap();
        assert_eq!(storage.get(&r2.id, true).unwrap().tags.unwrap(), vec![enc("a", "b")]);
        let r2b = rec("type", "name2", "v2", vec![plain("c", "d")]);
        storage.upsert(&r2b).unwrap();
        let got = storage.get(&r2.id, true).unwrap();
        assert_eq!((got.value.as_slice(), got.tags.unwrap()), (&b"v2"[..], vec![plain("c", "d")]));

        storage.delete(&r1.id).unwrap();
        assert!(matches!(storage.delete(&r1.id), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.get(&r1.id, false), Err(StorageError::ItemNotFound)));
        assert_eq!(inmem::live(handle), (0, true), "every record handle was freed");
    }

    #[test]
    fn list_and_search_paging_with_queries() {
        let id = "plugged_search";
        let mut storage = new_storage(id);
        let handle = storage.handle.0;
        for n in 0..5 {
            let tags = vec![enc("color", if n % 2 == 0 { "red" } else { "blue" }), plain("n", &n.to_string())];
            storage.add(&rec("A", &format!("a{n}"), &format!("value{n}"), tags)).unwrap();
        }
        storage.add(&rec("B", "b0", "x", vec![enc("color", "red")])).unwrap();

        let listed = storage.list(b"A").unwrap();
        assert_eq!(names(&listed), ["a0", "a1", "a2", "a3", "a4"]);
        assert!(listed.iter().all(|r| r.id.type_ == b"A" && r.tags.is_empty() && r.key.len() == ENCRYPTED_KEY_LEN));
        assert_eq!(listed.iter().find(|r| r.id.name == b"a3").unwrap().value, b"value3");
        assert!(storage.list(b"none").unwrap().is_empty());

        // Paging, total count, options and the `{}` query as sent.
        let (search, total) = storage.search_open(Some(b"A"), &EncryptedQuery::And(vec![]), true, true).unwrap();
        assert_eq!(total, Some(5));
        let log = last_log(id);
        let (query, options) = log.strip_prefix("search_records ").unwrap().split_once(' ').unwrap();
        assert_eq!(query, "{}");
        let options: serde_json::Value = serde_json::from_str(options).unwrap();
        let expected = serde_json::json!({"retrieveRecords": true, "retrieveTotalCount": true, "retrieveType": false,
            "retrieveValue": true, "retrieveTags": true});
        assert_eq!(options, expected);
        let mut seen = Vec::new();
        for expected in [2, 2, 1, 0, 0] {
            let page = storage.search_next(search, 2).unwrap();
            assert_eq!(page.len(), expected);
            assert!(page.iter().all(|r| r.id.type_ == b"A" && r.tags.len() == 2));
            seen.extend(page);
        }
        assert_eq!(names(&seen), ["a0", "a1", "a2", "a3", "a4"]);
        assert_eq!(storage.search_next(search, 0).unwrap().len(), 0);
        storage.search_close(search).unwrap();
        assert!(matches!(storage.search_close(search), Err(StorageError::ItemNotFound)));
        assert!(matches!(storage.search_next(search, 1), Err(StorageError::ItemNotFound)));

        // Queries, encoded as libindy encodes them.
        let both = EncryptedQuery::And(vec![eq_enc("color", "red"), plain_q(EncryptedQuery::Eq, "n", "2")]);
        assert_eq!(find(&mut storage, "A", both), ["a2"]);
        let expected = format!(
            r#"{{"$and":[{{"{}":"{}"}},{{"~{}":"2"}}]}}"#,
            B64.encode("color"),
            B64.encode("red"),
            B64.encode("n")
        );
        assert!(last_log(id).starts_with(&format!("search_records {expected} ")), "{}", last_log(id));
        assert_eq!(find(&mut storage, "A", eq_enc("color", "red")), ["a0", "a2", "a4"]);
        assert_eq!(find(&mut storage, "B", eq_enc("color", "red")), ["b0"]);
        assert_eq!(find(&mut storage, "A", plain_q(EncryptedQuery::Gte, "n", "3")), ["a3", "a4"]);
        assert_eq!(find(&mut storage, "A", plain_q(EncryptedQuery::Neq, "n", "3")), ["a0", "a1", "a2", "a4"]);
        let either =
            EncryptedQuery::Or(vec![plain_q(EncryptedQuery::Eq, "n", "1"), plain_q(EncryptedQuery::Eq, "n", "4")]);
        assert_eq!(find(&mut storage, "A", either), ["a1", "a4"]);
        let not_red = EncryptedQuery::Not(Box::new(eq_enc("color", "red")));
        assert_eq!(find(&mut storage, "A", not_red), ["a1", "a3"]);
        let any = EncryptedQuery::In(
            TagName::Plain(b"n".to_vec()),
            vec![TagValue::Plain("0".into()), TagValue::Plain("3".into())],
        );
        assert_eq!(find(&mut storage, "A", any), ["a0", "a3"]);
        assert!(find(&mut storage, "A", eq_enc("color", "green")).is_empty());

        // Without tags or count.
        let (search, total) = storage.search_open(Some(b"A"), &eq_enc("color", "blue"), false, false).unwrap();
        assert_eq!(total, None);
        let found = all(&mut storage, search);
        assert_eq!(names(&found), ["a1", "a3"]);
        assert!(found.iter().all(|r| r.tags.is_empty()));
        storage.search_close(search).unwrap();
        assert_eq!(inmem::live(handle), (0, true), "every record and search handle was freed");
    }

    #[test]
    fn search_of_all_records_fills_types_and_applies_the_query() {
        let id = "plugged_search_all";
        let mut storage = new_storage(id);
        storage.add(&rec("A", "a0", "va", vec![plain("k", "1")])).unwrap();
        storage.add(&rec("A", "a1", "va", vec![plain("k", "2")])).unwrap();
        storage.add(&rec("B", "b0", "vb", vec![plain("k", "1"), enc("e", "x")])).unwrap();

        let (search, total) = storage.search_open(None, &EncryptedQuery::And(vec![]), true, true).unwrap();
        assert_eq!(last_log(id), "search_all_records");
        assert_eq!(total, Some(3));
        let found = all(&mut storage, search);
        assert_eq!(names(&found), ["a0", "a1", "b0"]);
        let b0 = found.iter().find(|r| r.id.name == b"b0").unwrap();
        assert_eq!((b0.id.type_.as_slice(), b0.value.as_slice()), (&b"B"[..], &b"vb"[..]));
        assert_eq!(sorted(b0.tags.clone()), sorted(vec![plain("k", "1"), enc("e", "x")]));
        storage.search_close(search).unwrap();

        let query = plain_q(EncryptedQuery::Eq, "k", "1");
        let (search, total) = storage.search_open(None, &query, false, true).unwrap();
        assert_eq!(total, Some(2));
        let first = storage.search_next(search, 1).unwrap();
        let rest = storage.search_next(search, 10).unwrap();
        assert_eq!((first.len(), rest.len()), (1, 1));
        let found = [first, rest].concat();
        assert_eq!(names(&found), ["a0", "b0"]);
        assert!(found.iter().all(|r| r.tags.is_empty()), "tags read for the filter are not returned");
        storage.search_close(search).unwrap();
        assert_eq!(inmem::live(storage.handle.0), (0, true));
    }

    #[test]
    fn dropping_the_storage_frees_searches_and_closes_it() {
        let id = "plugged_drop";
        let mut storage = new_storage(id);
        storage.add(&rec("A", "a0", "v", vec![])).unwrap();
        let handle = storage.handle.0;
        storage.search_open(Some(b"A"), &EncryptedQuery::And(vec![]), false, false).unwrap();
        storage.search_open(None, &EncryptedQuery::And(vec![]), false, false).unwrap();
        assert_eq!(inmem::live(handle), (2, true));
        drop(storage);
        assert_eq!(inmem::live(handle), (0, false));
        // Reopened, the record is there.
        let mut storage = open(PLUGIN, id, None, None).unwrap();
        assert_eq!(storage.get(&rid("A", "a0"), false).unwrap().value, b"v");
    }

    extern "C" fn add_fails(
        _: i32,
        _: *const c_char,
        _: *const c_char,
        _: *const u8,
        _: usize,
        _: *const c_char,
    ) -> i32 {
        999
    }

    extern "C" fn tags_null(_: i32, _: i32, p: *mut *const c_char) -> i32 {
        unsafe { *p = std::ptr::null() };
        0
    }

    extern "C" fn metadata_null(h: i32, p: *mut *const c_char, mh: *mut i32) -> i32 {
        let code = inmem::get_storage_metadata(h, p, mh);
        unsafe { *p = std::ptr::null() };
        code
    }

    extern "C" fn open_fails(_: *const c_char, _: *const c_char, _: *const c_char, _: *mut i32) -> i32 {
        207
    }

    #[test]
    fn plugin_errors_and_null_results_become_storage_errors() {
        setup();
        let faulty = "plugged_test_faulty";
        let mut callbacks = inmem::callbacks();
        callbacks.add_record = Some(add_fails);
        callbacks.get_record_tags = Some(tags_null);
        callbacks.get_storage_metadata = Some(metadata_null);
        register(faulty, callbacks).unwrap();
        create(faulty, "plugged_faulty", None, None, b"m").unwrap();
        let mut storage = open(faulty, "plugged_faulty", None, None).unwrap();
        let handle = storage.handle.0;

        let err = storage.add(&rec("A", "a", "v", vec![])).unwrap_err();
        assert!(matches!(&err, StorageError::Backend(m) if m.contains("add_record") && m.contains("999")), "{err:?}");
        assert_eq!(IndyError::from(err).kind, ErrorCode::WalletStorageError);
        let err = storage.upsert(&rec("A", "a", "v", vec![])).unwrap_err();
        assert!(matches!(&err, StorageError::Backend(m) if m.contains("999")), "{err:?}");

        // A record put there by the sound plugin, read through the faulty one.
        let mut sound = open(PLUGIN, "plugged_faulty", None, None).unwrap();
        sound.add(&rec("A", "a", "v", vec![enc("t", "v")])).unwrap();
        assert_eq!(storage.get(&rid("A", "a"), false).unwrap().value, b"v");
        let err = storage.get(&rid("A", "a"), true).unwrap_err();
        assert!(matches!(&err, StorageError::Backend(m) if m.contains("NULL")), "{err:?}");
        let err = storage.metadata().unwrap_err();
        assert!(matches!(&err, StorageError::Backend(m) if m.contains("NULL")), "{err:?}");
        let (search, _) = storage.search_open(Some(b"A"), &EncryptedQuery::And(vec![]), true, false).unwrap();
        assert!(matches!(storage.search_next(search, 5), Err(StorageError::Backend(_))));
        storage.search_close(search).unwrap();
        assert_eq!(inmem::live(handle), (0, true), "handles are freed on errors too");

        // A too-short value is refused, not split.
        inmem::wallet("plugged_faulty", |w| {
            w.records.get_mut(&(B64.encode("A"), B64.encode("a"))).unwrap().value = b"short".to_vec()
        });
        assert!(matches!(storage.get(&rid("A", "a"), false), Err(StorageError::Backend(_))));

        let mut callbacks = inmem::callbacks();
        callbacks.open = Some(open_fails);
        register("plugged_test_open_fails", callbacks).unwrap();
        let err = open("plugged_test_open_fails", "plugged_faulty", None, None).err().unwrap();
        assert!(matches!(&err, StorageError::Backend(m) if m.contains("207")), "{err:?}");
    }

    #[test]
    fn query_json_is_libindys_operator_to_string() {
        let e = |s: &str| B64.encode(s);
        let name = TagName::Encrypted(b"n".to_vec());
        let plain_name = TagName::Plain(b"p".to_vec());
        let value = TagValue::Encrypted(b"v".to_vec());
        let cases = [
            (EncryptedQuery::And(vec![]), "{}".to_string()),
            (EncryptedQuery::Or(vec![]), "{}".to_string()),
            (EncryptedQuery::Eq(name.clone(), value.clone()), format!(r#"{{"{}":"{}"}}"#, e("n"), e("v"))),
            (EncryptedQuery::Neq(name.clone(), value.clone()), format!(r#"{{"{}":{{"$neq":"{}"}}}}"#, e("n"), e("v"))),
            (
                EncryptedQuery::Gt(plain_name.clone(), TagValue::Plain("1".into())),
                format!(r#"{{"~{}":{{"$gt":"1"}}}}"#, e("p")),
            ),
            (
                EncryptedQuery::Gte(plain_name.clone(), TagValue::Plain("1".into())),
                format!(r#"{{"~{}":{{"$gte":"1"}}}}"#, e("p")),
            ),
            (
                EncryptedQuery::Lt(plain_name.clone(), TagValue::Plain("1".into())),
                format!(r#"{{"~{}":{{"$lt":"1"}}}}"#, e("p")),
            ),
            (
                EncryptedQuery::Lte(plain_name.clone(), TagValue::Plain("1".into())),
                format!(r#"{{"~{}":{{"$lte":"1"}}}}"#, e("p")),
            ),
            (
                EncryptedQuery::Like(plain_name.clone(), TagValue::Plain("a\"%".into())),
                format!(r#"{{"~{}":{{"$like":"a\"%"}}}}"#, e("p")),
            ),
            (
                EncryptedQuery::In(name.clone(), vec![value.clone(), TagValue::Encrypted(b"w".to_vec())]),
                format!(r#"{{"{}":{{"$in":["{}","{}"]}}}}"#, e("n"), e("v"), e("w")),
            ),
            (
                EncryptedQuery::Or(vec![
                    EncryptedQuery::Not(Box::new(EncryptedQuery::Eq(name.clone(), value.clone()))),
                    EncryptedQuery::And(vec![EncryptedQuery::Eq(plain_name.clone(), TagValue::Plain("x".into()))]),
                ]),
                format!(r#"{{"$or":[{{"$not":{{"{}":"{}"}}}},{{"$and":[{{"~{}":"x"}}]}}]}}"#, e("n"), e("v"), e("p")),
            ),
        ];
        for (query, expected) in cases {
            let json = query_json(&query);
            assert_eq!(json, expected);
            serde_json::from_str::<serde_json::Value>(&json).unwrap();
        }
    }

    #[test]
    fn client_side_matching_follows_sqlite() {
        let tags = vec![plain("p", "Hello wörld"), enc("e", "x")];
        let yes = |q: EncryptedQuery| assert!(query_matches(&q, &tags), "{q:?}");
        let no = |q: EncryptedQuery| assert!(!query_matches(&q, &tags), "{q:?}");
        yes(plain_q(EncryptedQuery::Like, "p", "hello%"));
        yes(plain_q(EncryptedQuery::Like, "p", "%W_RLD"));
        yes(plain_q(EncryptedQuery::Like, "p", "%"));
        no(plain_q(EncryptedQuery::Like, "p", "hello"));
        no(plain_q(EncryptedQuery::Like, "p", "%w__rld"));
        yes(plain_q(EncryptedQuery::Gt, "p", "Hello"));
        no(plain_q(EncryptedQuery::Lt, "p", "Hello"));
        no(plain_q(EncryptedQuery::Eq, "e", "x")); // a plaintext name is another tag
        yes(eq_enc("e", "x"));
        no(EncryptedQuery::Neq(TagName::Encrypted(b"missing".to_vec()), TagValue::Encrypted(b"x".to_vec())));
        yes(EncryptedQuery::Not(Box::new(eq_enc("missing", "x"))));
        no(EncryptedQuery::In(TagName::Encrypted(b"e".to_vec()), vec![]));
        yes(EncryptedQuery::And(vec![]));
        no(EncryptedQuery::Or(vec![]));
    }

    #[test]
    fn plugged_storage_is_send() {
        fn send<T: Send>() {}
        send::<PluggedStorage>();
    }
}
