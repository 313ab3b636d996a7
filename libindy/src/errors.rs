//! libindy's error codes, the one error type, and the per-thread error detail that
//! `indy_get_current_error` returns.

use std::cell::RefCell;
use std::ffi::CString;
use std::fmt;

/// libindy 1.16's `indy_error_t`, with the same numbers.
#[repr(i32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ErrorCode {
    #[error("Success")]
    Success = 0,
    #[error("Invalid parameter 1")]
    CommonInvalidParam1 = 100,
    #[error("Invalid parameter 2")]
    CommonInvalidParam2 = 101,
    #[error("Invalid parameter 3")]
    CommonInvalidParam3 = 102,
    #[error("Invalid parameter 4")]
    CommonInvalidParam4 = 103,
    #[error("Invalid parameter 5")]
    CommonInvalidParam5 = 104,
    #[error("Invalid parameter 6")]
    CommonInvalidParam6 = 105,
    #[error("Invalid parameter 7")]
    CommonInvalidParam7 = 106,
    #[error("Invalid parameter 8")]
    CommonInvalidParam8 = 107,
    #[error("Invalid parameter 9")]
    CommonInvalidParam9 = 108,
    #[error("Invalid parameter 10")]
    CommonInvalidParam10 = 109,
    #[error("Invalid parameter 11")]
    CommonInvalidParam11 = 110,
    #[error("Invalid parameter 12")]
    CommonInvalidParam12 = 111,
    #[error("Invalid library state")]
    CommonInvalidState = 112,
    #[error("Invalid structure")]
    CommonInvalidStructure = 113,
    #[error("IO error")]
    CommonIOError = 114,
    #[error("Invalid parameter 13")]
    CommonInvalidParam13 = 115,
    #[error("Invalid parameter 14")]
    CommonInvalidParam14 = 116,
    #[error("Invalid parameter 15")]
    CommonInvalidParam15 = 117,
    #[error("Invalid parameter 16")]
    CommonInvalidParam16 = 118,
    #[error("Invalid parameter 17")]
    CommonInvalidParam17 = 119,
    #[error("Invalid parameter 18")]
    CommonInvalidParam18 = 120,
    #[error("Invalid parameter 19")]
    CommonInvalidParam19 = 121,
    #[error("Invalid parameter 20")]
    CommonInvalidParam20 = 122,
    #[error("Invalid parameter 21")]
    CommonInvalidParam21 = 123,
    #[error("Invalid parameter 22")]
    CommonInvalidParam22 = 124,
    #[error("Invalid parameter 23")]
    CommonInvalidParam23 = 125,
    #[error("Invalid parameter 24")]
    CommonInvalidParam24 = 126,
    #[error("Invalid parameter 25")]
    CommonInvalidParam25 = 127,
    #[error("Invalid parameter 26")]
    CommonInvalidParam26 = 128,
    #[error("Invalid parameter 27")]
    CommonInvalidParam27 = 129,
    #[error("Invalid wallet handle")]
    WalletInvalidHandle = 200,
    #[error("Unknown wallet storage type")]
    WalletUnknownTypeError = 201,
    #[error("Wallet storage type already registered")]
    WalletTypeAlreadyRegisteredError = 202,
    #[error("Wallet already exists")]
    WalletAlreadyExistsError = 203,
    #[error("Wallet not found")]
    WalletNotFoundError = 204,
    #[error("Wallet incompatible with pool")]
    WalletIncompatiblePoolError = 205,
    #[error("Wallet already opened")]
    WalletAlreadyOpenedError = 206,
    #[error("Wallet security error")]
    WalletAccessFailed = 207,
    #[error("Wallet input error")]
    WalletInputError = 208,
    #[error("Wallet decoding error")]
    WalletDecodingError = 209,
    #[error("Wallet storage error")]
    WalletStorageError = 210,
    #[error("Wallet encryption error")]
    WalletEncryptionError = 211,
    #[error("Wallet item not found")]
    WalletItemNotFound = 212,
    #[error("Wallet item already exists")]
    WalletItemAlreadyExists = 213,
    #[error("Wallet query error")]
    WalletQueryError = 214,
    #[error("Pool ledger not created")]
    PoolLedgerNotCreatedError = 300,
    #[error("Invalid pool handle")]
    PoolLedgerInvalidPoolHandle = 301,
    #[error("Pool ledger terminated")]
    PoolLedgerTerminated = 302,
    #[error("No consensus")]
    LedgerNoConsensusError = 303,
    #[error("Invalid ledger transaction")]
    LedgerInvalidTransaction = 304,
    #[error("Ledger security error")]
    LedgerSecurityError = 305,
    #[error("Pool ledger config already exists")]
    PoolLedgerConfigAlreadyExistsError = 306,
    #[error("Pool ledger timeout")]
    PoolLedgerTimeout = 307,
    #[error("Incompatible pool protocol version")]
    PoolIncompatibleProtocolVersion = 308,
    #[error("Item not found on ledger")]
    LedgerNotFound = 309,
    #[error("Revocation registry is full")]
    AnoncredsRevocationRegistryFullError = 400,
    #[error("Invalid revocation id")]
    AnoncredsInvalidUserRevocId = 401,
    #[error("Duplicated master secret")]
    AnoncredsMasterSecretDuplicateNameError = 404,
    #[error("Proof rejected")]
    AnoncredsProofRejected = 405,
    #[error("Credential revoked")]
    AnoncredsCredentialRevoked = 406,
    #[error("Credential definition already exists")]
    AnoncredsCredDefAlreadyExistsError = 407,
    #[error("Unknown crypto type")]
    UnknownCryptoTypeError = 500,
    #[error("DID already exists")]
    DidAlreadyExistsError = 600,
    #[error("Unknown payment method")]
    PaymentUnknownMethodError = 700,
    #[error("Incompatible payment methods")]
    PaymentIncompatibleMethodsError = 701,
    #[error("Insufficient funds")]
    PaymentInsufficientFundsError = 702,
    #[error("Payment source does not exist")]
    PaymentSourceDoesNotExistError = 703,
    #[error("Payment operation not supported")]
    PaymentOperationNotSupportedError = 704,
    #[error("Extra funds")]
    PaymentExtraFundsError = 705,
    #[error("Transaction not allowed")]
    TransactionNotAllowedError = 706,
}

impl ErrorCode {
    /// `CommonInvalidParamN` for the 1-based parameter position `n` (the command handle is 1).
    pub fn invalid_param(n: u32) -> ErrorCode {
        use ErrorCode::*;
        const CODES: [ErrorCode; 27] = [
            CommonInvalidParam1,
            CommonInvalidParam2,
            CommonInvalidParam3,
            CommonInvalidParam4,
            CommonInvalidParam5,
            CommonInvalidParam6,
            CommonInvalidParam7,
            CommonInvalidParam8,
            CommonInvalidParam9,
            CommonInvalidParam10,
            CommonInvalidParam11,
            CommonInvalidParam12,
            CommonInvalidParam13,
            CommonInvalidParam14,
            CommonInvalidParam15,
            CommonInvalidParam16,
            CommonInvalidParam17,
            CommonInvalidParam18,
            CommonInvalidParam19,
            CommonInvalidParam20,
            CommonInvalidParam21,
            CommonInvalidParam22,
            CommonInvalidParam23,
            CommonInvalidParam24,
            CommonInvalidParam25,
            CommonInvalidParam26,
            CommonInvalidParam27,
        ];
        CODES.get((n as usize).wrapping_sub(1)).copied().unwrap_or(CommonInvalidState)
    }
}

/// The library's one error type: a libindy code and what was wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndyError {
    pub kind: ErrorCode,
    pub message: String,
    pub backtrace: Option<String>,
}

pub type IndyResult<T> = Result<T, IndyError>;

impl IndyError {
    pub fn new(kind: ErrorCode, message: impl Into<String>) -> Self {
        IndyError { kind, message: message.into(), backtrace: capture_backtrace() }
    }

    pub fn invalid_structure(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::CommonInvalidStructure, message)
    }

    pub fn invalid_state(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::CommonInvalidState, message)
    }

    /// The JSON that `indy_get_current_error` hands out.
    pub fn to_json(&self) -> String {
        serde_json::json!({ "message": self.to_string(), "backtrace": self.backtrace }).to_string()
    }
}

impl fmt::Display for IndyError {
    // libindy's layout: the kind, then the cause.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error: {}\n  Caused by: {}\n", self.kind, self.message)
    }
}

impl std::error::Error for IndyError {}

/// Adds what failed to a lower-level error, with the libindy kind it maps to.
pub trait ToIndy<T> {
    fn to_indy(self, kind: ErrorCode, what: &str) -> IndyResult<T>;
}

impl<T, E: fmt::Display> ToIndy<T> for Result<T, E> {
    fn to_indy(self, kind: ErrorCode, what: &str) -> IndyResult<T> {
        self.map_err(|e| IndyError::new(kind, format!("{what}: {e}")))
    }
}

static COLLECT_BACKTRACE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_collect_backtrace(on: bool) {
    COLLECT_BACKTRACE.store(on, std::sync::atomic::Ordering::Relaxed);
}

fn capture_backtrace() -> Option<String> {
    if COLLECT_BACKTRACE.load(std::sync::atomic::Ordering::Relaxed) {
        Some(std::backtrace::Backtrace::force_capture().to_string())
    } else {
        None
    }
}

thread_local! {
    static CURRENT_ERROR: RefCell<Option<CString>> = const { RefCell::new(None) };
}

/// Records `error` as this thread's current error (what `indy_get_current_error` reads).
pub fn set_current_error(error: &IndyError) {
    let json = CString::new(error.to_json().replace('\0', "\\u0000")).ok();
    CURRENT_ERROR.with(|slot| *slot.borrow_mut() = json);
}

/// A pointer to this thread's current error JSON, valid until the next error on this thread.
pub fn current_error_ptr() -> *const std::os::raw::c_char {
    CURRENT_ERROR.with(|slot| slot.borrow().as_ref().map_or(std::ptr::null(), |json| json.as_ptr()))
}

static COMMAND_ERRORS: std::sync::Mutex<Vec<(i32, CString)>> = std::sync::Mutex::new(Vec::new());

/// Command `handle`'s error JSON, readable from any thread (`indyrs_get_command_error`)
/// while this guard lives: for the duration of the failed command's callback.
pub struct CommandError {
    ptr: *const std::os::raw::c_char,
}

fn command_errors() -> std::sync::MutexGuard<'static, Vec<(i32, CString)>> {
    COMMAND_ERRORS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl CommandError {
    pub fn enter(handle: i32, error: &IndyError) -> Self {
        let json = CString::new(error.to_json().replace('\0', "\\u0000")).unwrap_or_default();
        let ptr = json.as_ptr(); // the CString's buffer does not move with the Vec
        command_errors().push((handle, json));
        CommandError { ptr }
    }
}

impl Drop for CommandError {
    fn drop(&mut self) {
        command_errors().retain(|(_, json)| json.as_ptr() != self.ptr);
    }
}

/// The error JSON of command `handle` whose callback is running now, or NULL.
pub fn command_error_ptr(handle: i32) -> *const std::os::raw::c_char {
    command_errors().iter().rev().find(|(h, _)| *h == handle).map_or(std::ptr::null(), |(_, json)| json.as_ptr())
}

/// Turns a caught panic payload into the error every boundary reports.
pub fn panic_error(payload: Box<dyn std::any::Any + Send>, place: &str) -> IndyError {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_string());
    IndyError::invalid_state(format!("panic in {place}: {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_param_maps_positions_to_libindy_numbers() {
        assert_eq!(ErrorCode::invalid_param(1) as i32, 100);
        assert_eq!(ErrorCode::invalid_param(12) as i32, 111);
        assert_eq!(ErrorCode::invalid_param(13) as i32, 115);
        assert_eq!(ErrorCode::invalid_param(27) as i32, 129);
        assert_eq!(ErrorCode::invalid_param(0), ErrorCode::CommonInvalidState);
        assert_eq!(ErrorCode::invalid_param(28), ErrorCode::CommonInvalidState);
    }

    #[test]
    fn current_error_is_json_with_message_and_backtrace() {
        set_current_error(&IndyError::new(ErrorCode::WalletAccessFailed, "wrong key"));
        let json = unsafe { std::ffi::CStr::from_ptr(current_error_ptr()) };
        let v: serde_json::Value = serde_json::from_str(json.to_str().unwrap()).unwrap();
        assert!(v["message"].as_str().unwrap().contains("wrong key"));
        assert!(v.get("backtrace").is_some());
    }
}
