'use strict'
// libindy's error codes (`indy_error_t` in include/indy.h, same numbers) and the error
// every failed call rejects with.

const ErrorCode = Object.freeze({
  Success: 0,
  CommonInvalidParam1: 100,
  CommonInvalidParam2: 101,
  CommonInvalidParam3: 102,
  CommonInvalidParam4: 103,
  CommonInvalidParam5: 104,
  CommonInvalidParam6: 105,
  CommonInvalidParam7: 106,
  CommonInvalidParam8: 107,
  CommonInvalidParam9: 108,
  CommonInvalidParam10: 109,
  CommonInvalidParam11: 110,
  CommonInvalidParam12: 111,
  CommonInvalidState: 112,
  CommonInvalidStructure: 113,
  CommonIOError: 114,
  CommonInvalidParam13: 115,
  CommonInvalidParam14: 116,
  CommonInvalidParam15: 117,
  CommonInvalidParam16: 118,
  CommonInvalidParam17: 119,
  CommonInvalidParam18: 120,
  CommonInvalidParam19: 121,
  CommonInvalidParam20: 122,
  CommonInvalidParam21: 123,
  CommonInvalidParam22: 124,
  CommonInvalidParam23: 125,
  CommonInvalidParam24: 126,
  CommonInvalidParam25: 127,
  CommonInvalidParam26: 128,
  CommonInvalidParam27: 129,
  WalletInvalidHandle: 200,
  WalletUnknownTypeError: 201,
  WalletTypeAlreadyRegisteredError: 202,
  WalletAlreadyExistsError: 203,
  WalletNotFoundError: 204,
  WalletIncompatiblePoolError: 205,
  WalletAlreadyOpenedError: 206,
  WalletAccessFailed: 207,
  WalletInputError: 208,
  WalletDecodingError: 209,
  WalletStorageError: 210,
  WalletEncryptionError: 211,
  WalletItemNotFound: 212,
  WalletItemAlreadyExists: 213,
  WalletQueryError: 214,
  PoolLedgerNotCreatedError: 300,
  PoolLedgerInvalidPoolHandle: 301,
  PoolLedgerTerminated: 302,
  LedgerNoConsensusError: 303,
  LedgerInvalidTransaction: 304,
  LedgerSecurityError: 305,
  PoolLedgerConfigAlreadyExistsError: 306,
  PoolLedgerTimeout: 307,
  PoolIncompatibleProtocolVersion: 308,
  LedgerNotFound: 309,
  AnoncredsRevocationRegistryFullError: 400,
  AnoncredsInvalidUserRevocId: 401,
  AnoncredsMasterSecretDuplicateNameError: 404,
  AnoncredsProofRejected: 405,
  AnoncredsCredentialRevoked: 406,
  AnoncredsCredDefAlreadyExistsError: 407,
  UnknownCryptoTypeError: 500,
  DidAlreadyExistsError: 600,
  PaymentUnknownMethodError: 700,
  PaymentIncompatibleMethodsError: 701,
  PaymentInsufficientFundsError: 702,
  PaymentSourceDoesNotExistError: 703,
  PaymentOperationNotSupportedError: 704,
  PaymentExtraFundsError: 705,
  TransactionNotAllowedError: 706
})

const NAMES = new Map(Object.entries(ErrorCode).map(([name, code]) => [code, name]))

/**
 * A libindy error. `message` is the code's name, as in indy-sdk's `IndyError`, so code
 * comparing `err.message` keeps working; the library's explanation is `indyMessage`.
 */
class IndyError extends Error {
  /**
   * @param {number} code an `indy_error_t`
   * @param {string | null} [detailJson] `{"message", "backtrace"}` from the library, if any
   */
  constructor (code, detailJson = null) {
    const name = NAMES.get(code) ?? `UnknownIndyError${code}`
    super(name)
    this.name = 'IndyError'
    this.indyCode = code
    this.indyName = name
    this.indyCurrentErrorJson = detailJson
    const detail = parseDetail(detailJson)
    this.indyMessage = detail.message
    this.indyBacktrace = detail.backtrace
  }
}

function parseDetail (json) {
  if (typeof json !== 'string') return { message: undefined, backtrace: undefined }
  try {
    const { message, backtrace } = JSON.parse(json)
    return {
      message: typeof message === 'string' ? message : undefined,
      backtrace: typeof backtrace === 'string' ? backtrace : undefined
    }
  } catch {
    return { message: json, backtrace: undefined }
  }
}

module.exports = { ErrorCode, IndyError }
