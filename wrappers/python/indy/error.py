"""libindy's error codes and one exception class per code.

Names follow python3-indy's ``indy/error.py`` (``ErrorCode``, ``IndyError`` and its
subclasses, ``errorcode_to_exception``), so ``except error.WalletItemNotFound`` keeps
working. Unlike python3-indy, every code has a class (also ``CommonInvalidParam13`` to
``CommonInvalidParam27`` and ``TransactionNotAllowedError``), ``message`` and
``indy_backtrace`` are always set (``None`` when the library gave no detail), ``str()``
says what failed, and a subclass may be raised without arguments (its code is known).

Generated once from libindy 1.16's ``ErrorCode`` enum; ``tests/test_header.py`` checks it
against ``include/indy.h``.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Dict, Mapping, Optional, Type, Union


class ErrorCode(IntEnum):
    """libindy's ``indy_error_t``, with the same numbers."""

    Success = 0
    CommonInvalidParam1 = 100
    CommonInvalidParam2 = 101
    CommonInvalidParam3 = 102
    CommonInvalidParam4 = 103
    CommonInvalidParam5 = 104
    CommonInvalidParam6 = 105
    CommonInvalidParam7 = 106
    CommonInvalidParam8 = 107
    CommonInvalidParam9 = 108
    CommonInvalidParam10 = 109
    CommonInvalidParam11 = 110
    CommonInvalidParam12 = 111
    CommonInvalidState = 112
    CommonInvalidStructure = 113
    CommonIOError = 114
    CommonInvalidParam13 = 115
    CommonInvalidParam14 = 116
    CommonInvalidParam15 = 117
    CommonInvalidParam16 = 118
    CommonInvalidParam17 = 119
    CommonInvalidParam18 = 120
    CommonInvalidParam19 = 121
    CommonInvalidParam20 = 122
    CommonInvalidParam21 = 123
    CommonInvalidParam22 = 124
    CommonInvalidParam23 = 125
    CommonInvalidParam24 = 126
    CommonInvalidParam25 = 127
    CommonInvalidParam26 = 128
    CommonInvalidParam27 = 129
    WalletInvalidHandle = 200
    WalletUnknownTypeError = 201
    WalletTypeAlreadyRegisteredError = 202
    WalletAlreadyExistsError = 203
    WalletNotFoundError = 204
    WalletIncompatiblePoolError = 205
    WalletAlreadyOpenedError = 206
    WalletAccessFailed = 207
    WalletInputError = 208
    WalletDecodingError = 209
    WalletStorageError = 210
    WalletEncryptionError = 211
    WalletItemNotFound = 212
    WalletItemAlreadyExists = 213
    WalletQueryError = 214
    PoolLedgerNotCreatedError = 300
    PoolLedgerInvalidPoolHandle = 301
    PoolLedgerTerminated = 302
    LedgerNoConsensusError = 303
    LedgerInvalidTransaction = 304
    LedgerSecurityError = 305
    PoolLedgerConfigAlreadyExistsError = 306
    PoolLedgerTimeout = 307
    PoolIncompatibleProtocolVersion = 308
    LedgerNotFound = 309
    AnoncredsRevocationRegistryFullError = 400
    AnoncredsInvalidUserRevocId = 401
    AnoncredsMasterSecretDuplicateNameError = 404
    AnoncredsProofRejected = 405
    AnoncredsCredentialRevoked = 406
    AnoncredsCredDefAlreadyExistsError = 407
    UnknownCryptoTypeError = 500
    DidAlreadyExistsError = 600
    PaymentUnknownMethodError = 700
    PaymentIncompatibleMethodsError = 701
    PaymentInsufficientFundsError = 702
    PaymentSourceDoesNotExistError = 703
    PaymentOperationNotSupportedError = 704
    PaymentExtraFundsError = 705
    TransactionNotAllowedError = 706


class IndyError(Exception):
    """Base class of every error the library reports.

    Attributes:
        error_code: the :class:`ErrorCode` (a plain ``int`` for a code this package
            does not know).
        message: the library's description of what failed (``indy_get_current_error``,
            read for this very call), or ``None``.
        indy_backtrace: the library's backtrace, or ``None``. Collected only when
            ``RUST_BACKTRACE=1`` or after ``set_runtime_config('{"collect_backtrace": true}')``.
    """

    code: Optional[ErrorCode] = None  # set on each subclass

    def __init__(self, error_code: Union[ErrorCode, int, None] = None,
                 error_details: Optional[Mapping[str, Any]] = None) -> None:
        if error_code is None:
            if self.code is None:
                raise TypeError("IndyError needs an error_code")
            error_code = self.code
        super().__init__(error_code, error_details)
        self.error_code: Union[ErrorCode, int] = error_code
        details = error_details or {}
        self.message: Optional[str] = details.get("message")
        self.indy_backtrace: Optional[str] = details.get("backtrace")

    def __str__(self) -> str:
        code = self.error_code
        name = code.name if isinstance(code, ErrorCode) else "unknown error code"
        text = "%s (%d)" % (name, int(code))
        return "%s: %s" % (text, self.message.strip()) if self.message else text

    def __repr__(self) -> str:
        return "%s(%r, message=%r)" % (type(self).__name__, self.error_code, self.message)


class CommonInvalidParam1(IndyError):
    """Caller passed an invalid value as parameter 1 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam1


class CommonInvalidParam2(IndyError):
    """Caller passed an invalid value as parameter 2 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam2


class CommonInvalidParam3(IndyError):
    """Caller passed an invalid value as parameter 3 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam3


class CommonInvalidParam4(IndyError):
    """Caller passed an invalid value as parameter 4 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam4


class CommonInvalidParam5(IndyError):
    """Caller passed an invalid value as parameter 5 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam5


class CommonInvalidParam6(IndyError):
    """Caller passed an invalid value as parameter 6 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam6


class CommonInvalidParam7(IndyError):
    """Caller passed an invalid value as parameter 7 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam7


class CommonInvalidParam8(IndyError):
    """Caller passed an invalid value as parameter 8 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam8


class CommonInvalidParam9(IndyError):
    """Caller passed an invalid value as parameter 9 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam9


class CommonInvalidParam10(IndyError):
    """Caller passed an invalid value as parameter 10 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam10


class CommonInvalidParam11(IndyError):
    """Caller passed an invalid value as parameter 11 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam11


class CommonInvalidParam12(IndyError):
    """Caller passed an invalid value as parameter 12 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam12


class CommonInvalidState(IndyError):
    """Invalid library state was detected at run time (a library bug, or a panic caught at its boundary)."""

    code = ErrorCode.CommonInvalidState


class CommonInvalidStructure(IndyError):
    """An object passed by the caller (JSON, config, key, ...) has an invalid structure."""

    code = ErrorCode.CommonInvalidStructure


class CommonIOError(IndyError):
    """Input/output error."""

    code = ErrorCode.CommonIOError


class CommonInvalidParam13(IndyError):
    """Caller passed an invalid value as parameter 13 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam13


class CommonInvalidParam14(IndyError):
    """Caller passed an invalid value as parameter 14 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam14


class CommonInvalidParam15(IndyError):
    """Caller passed an invalid value as parameter 15 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam15


class CommonInvalidParam16(IndyError):
    """Caller passed an invalid value as parameter 16 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam16


class CommonInvalidParam17(IndyError):
    """Caller passed an invalid value as parameter 17 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam17


class CommonInvalidParam18(IndyError):
    """Caller passed an invalid value as parameter 18 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam18


class CommonInvalidParam19(IndyError):
    """Caller passed an invalid value as parameter 19 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam19


class CommonInvalidParam20(IndyError):
    """Caller passed an invalid value as parameter 20 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam20


class CommonInvalidParam21(IndyError):
    """Caller passed an invalid value as parameter 21 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam21


class CommonInvalidParam22(IndyError):
    """Caller passed an invalid value as parameter 22 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam22


class CommonInvalidParam23(IndyError):
    """Caller passed an invalid value as parameter 23 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam23


class CommonInvalidParam24(IndyError):
    """Caller passed an invalid value as parameter 24 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam24


class CommonInvalidParam25(IndyError):
    """Caller passed an invalid value as parameter 25 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam25


class CommonInvalidParam26(IndyError):
    """Caller passed an invalid value as parameter 26 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam26


class CommonInvalidParam27(IndyError):
    """Caller passed an invalid value as parameter 27 (null, invalid JSON, ...)."""

    code = ErrorCode.CommonInvalidParam27


class WalletInvalidHandle(IndyError):
    """Caller passed an invalid wallet handle."""

    code = ErrorCode.WalletInvalidHandle


class WalletUnknownTypeError(IndyError):
    """Unknown wallet storage type."""

    code = ErrorCode.WalletUnknownTypeError


class WalletTypeAlreadyRegisteredError(IndyError):
    """A wallet storage type with this name is already registered."""

    code = ErrorCode.WalletTypeAlreadyRegisteredError


class WalletAlreadyExistsError(IndyError):
    """A wallet with this id already exists."""

    code = ErrorCode.WalletAlreadyExistsError


class WalletNotFoundError(IndyError):
    """No wallet with this id exists."""

    code = ErrorCode.WalletNotFoundError


class WalletIncompatiblePoolError(IndyError):
    """The wallet was used with a pool of another name."""

    code = ErrorCode.WalletIncompatiblePoolError


class WalletAlreadyOpenedError(IndyError):
    """The wallet is already open."""

    code = ErrorCode.WalletAlreadyOpenedError


class WalletAccessFailed(IndyError):
    """The wallet credentials are wrong, or the operation is not allowed."""

    code = ErrorCode.WalletAccessFailed


class WalletInputError(IndyError):
    """Input to a wallet operation is not valid."""

    code = ErrorCode.WalletInputError


class WalletDecodingError(IndyError):
    """Decoding wallet data failed."""

    code = ErrorCode.WalletDecodingError


class WalletStorageError(IndyError):
    """The wallet storage failed."""

    code = ErrorCode.WalletStorageError


class WalletEncryptionError(IndyError):
    """A wallet encryption operation failed."""

    code = ErrorCode.WalletEncryptionError


class WalletItemNotFound(IndyError):
    """The requested wallet item was not found."""

    code = ErrorCode.WalletItemNotFound


class WalletItemAlreadyExists(IndyError):
    """A wallet item with this type and id already exists."""

    code = ErrorCode.WalletItemAlreadyExists


class WalletQueryError(IndyError):
    """The wallet query is not valid."""

    code = ErrorCode.WalletQueryError


class PoolLedgerNotCreatedError(IndyError):
    """The pool ledger config was not created."""

    code = ErrorCode.PoolLedgerNotCreatedError


class PoolLedgerInvalidPoolHandle(IndyError):
    """Caller passed an invalid pool handle."""

    code = ErrorCode.PoolLedgerInvalidPoolHandle


class PoolLedgerTerminated(IndyError):
    """The pool ledger was terminated."""

    code = ErrorCode.PoolLedgerTerminated


class LedgerNoConsensusError(IndyError):
    """No consensus during a ledger operation."""

    code = ErrorCode.LedgerNoConsensusError


class LedgerInvalidTransaction(IndyError):
    """The ledger transaction or response is not valid."""

    code = ErrorCode.LedgerInvalidTransaction


class LedgerSecurityError(IndyError):
    """The transaction was sent without the necessary privileges."""

    code = ErrorCode.LedgerSecurityError


class PoolLedgerConfigAlreadyExistsError(IndyError):
    """A pool ledger config with this name already exists."""

    code = ErrorCode.PoolLedgerConfigAlreadyExistsError


class PoolLedgerTimeout(IndyError):
    """A pool operation timed out."""

    code = ErrorCode.PoolLedgerTimeout


class PoolIncompatibleProtocolVersion(IndyError):
    """The protocol version is not supported (use 1 or 2)."""

    code = ErrorCode.PoolIncompatibleProtocolVersion


class LedgerNotFound(IndyError):
    """The item was not found on the ledger."""

    code = ErrorCode.LedgerNotFound


class AnoncredsRevocationRegistryFullError(IndyError):
    """The revocation registry is full."""

    code = ErrorCode.AnoncredsRevocationRegistryFullError


class AnoncredsInvalidUserRevocId(IndyError):
    """The user revocation id is not valid."""

    code = ErrorCode.AnoncredsInvalidUserRevocId


class AnoncredsMasterSecretDuplicateNameError(IndyError):
    """A master secret with this name already exists."""

    code = ErrorCode.AnoncredsMasterSecretDuplicateNameError


class AnoncredsProofRejected(IndyError):
    """The proof was rejected."""

    code = ErrorCode.AnoncredsProofRejected


class AnoncredsCredentialRevoked(IndyError):
    """The credential was revoked."""

    code = ErrorCode.AnoncredsCredentialRevoked


class AnoncredsCredDefAlreadyExistsError(IndyError):
    """A credential definition with this id already exists."""

    code = ErrorCode.AnoncredsCredDefAlreadyExistsError


class UnknownCryptoTypeError(IndyError):
    """Unknown crypto type (key format)."""

    code = ErrorCode.UnknownCryptoTypeError


class DidAlreadyExistsError(IndyError):
    """The DID already exists in the wallet."""

    code = ErrorCode.DidAlreadyExistsError


class PaymentUnknownMethodError(IndyError):
    """Unknown payment method."""

    code = ErrorCode.PaymentUnknownMethodError


class PaymentIncompatibleMethodsError(IndyError):
    """No payment method, or several, found in inputs and outputs."""

    code = ErrorCode.PaymentIncompatibleMethodsError


class PaymentInsufficientFundsError(IndyError):
    """Insufficient funds on inputs."""

    code = ErrorCode.PaymentInsufficientFundsError


class PaymentSourceDoesNotExistError(IndyError):
    """No such payment source on the ledger."""

    code = ErrorCode.PaymentSourceDoesNotExistError


class PaymentOperationNotSupportedError(IndyError):
    """The payment method does not support this operation."""

    code = ErrorCode.PaymentOperationNotSupportedError


class PaymentExtraFundsError(IndyError):
    """Extra funds on inputs."""

    code = ErrorCode.PaymentExtraFundsError


class TransactionNotAllowedError(IndyError):
    """The transaction is not allowed to the requester."""

    code = ErrorCode.TransactionNotAllowedError


_EXCEPTIONS: Dict[int, Type[IndyError]] = {
    cls.code: cls for cls in IndyError.__subclasses__() if cls.code is not None
}


def errorcode_to_exception(errorcode: Union[ErrorCode, int]) -> Optional[Type[IndyError]]:
    """The exception class for ``errorcode``, or ``None`` for ``Success`` and unknown codes."""
    return _EXCEPTIONS.get(int(errorcode))


def error_for(code: int, error_details: Optional[Mapping[str, Any]] = None) -> IndyError:
    """An instance of the class for ``code`` (plain :class:`IndyError` for an unknown one)."""
    try:
        error_code: Union[ErrorCode, int] = ErrorCode(code)
    except ValueError:
        error_code = code
    cls = _EXCEPTIONS.get(code, IndyError)
    return cls(error_code, error_details)


class LibraryNotFoundError(OSError):
    """``libindy`` could not be loaded; the message lists every place that was tried."""
