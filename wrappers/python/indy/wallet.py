"""Wallets: create, open, close, delete, export, import, keys (libindy's ``indy_wallet.h``).

Wallet ``config`` JSON: ``{"id": str, "storage_type"?: str, "storage_config"?: {"path"?: str}}``
(default storage: ``<path or ~/.indy_client/wallet>/<id>/sqlite.db``).
Wallet ``credentials`` JSON: ``{"key": str, "key_derivation_method"?: "ARGON2I_MOD" |
"ARGON2I_INT" | "RAW", "storage_credentials"?: {...}}``; ``open_wallet`` also takes
``"rekey"`` and ``"rekey_derivation_method"``.
"""

from __future__ import annotations

from typing import Optional

from . import _ffi
from ._ffi import text
from .storage import register_wallet_storage

__all__ = ["create_wallet", "open_wallet", "close_wallet", "delete_wallet", "export_wallet",
           "import_wallet", "generate_wallet_key", "register_wallet_storage"]


async def create_wallet(config: str, credentials: str) -> None:
    """Creates a wallet. Key derivation (Argon2 unless ``RAW``) runs off the caller's thread.

    :param config: wallet config JSON (see the module docstring).
    :param credentials: wallet credentials JSON.
    :return: None.
    :raises WalletAlreadyExistsError: a wallet with this id exists.
    :raises WalletUnknownTypeError: ``storage_type`` is not registered.
    """
    await _ffi.call("indy_create_wallet", text(config), text(credentials))


async def open_wallet(config: str, credentials: str) -> int:
    """Opens a wallet.

    :param config: wallet config JSON.
    :param credentials: wallet credentials JSON; ``"rekey"`` changes the key.
    :return: the wallet handle (``int``) for every call that needs the wallet.
    :raises WalletNotFoundError: no such wallet.
    :raises WalletAlreadyOpenedError: it is open already.
    :raises WalletAccessFailed: the key is wrong.
    """
    handle: int = await _ffi.call("indy_open_wallet", text(config), text(credentials))
    return handle


async def close_wallet(handle: int) -> None:
    """Closes a wallet after every command already submitted on it has taken effect.

    :param handle: wallet handle from :func:`open_wallet`.
    :return: None.
    :raises WalletInvalidHandle: the handle is not open.
    """
    await _ffi.call("indy_close_wallet", handle)


async def delete_wallet(config: str, credentials: str) -> None:
    """Deletes a closed wallet (its key must open it).

    :param config: wallet config JSON.
    :param credentials: wallet credentials JSON.
    :return: None.
    :raises WalletNotFoundError: no such wallet.
    :raises WalletAccessFailed: the key is wrong.
    :raises CommonInvalidState: the wallet is open.
    """
    await _ffi.call("indy_delete_wallet", text(config), text(credentials))


async def export_wallet(handle: int, export_config_json: str) -> None:
    """Exports every record of an open wallet to a file in libindy's export format.

    :param handle: wallet handle.
    :param export_config_json: ``{"path": str, "key": str, "key_derivation_method"?: str}``;
        the file must not exist.
    :return: None.
    :raises CommonIOError: the file exists or cannot be written.
    """
    await _ffi.call("indy_export_wallet", handle, text(export_config_json))


async def import_wallet(config: str, credentials: str, import_config_json: str) -> None:
    """Creates a wallet from an export file.

    :param config: config JSON of the wallet to create.
    :param credentials: credentials JSON of the wallet to create.
    :param import_config_json: ``{"path": str, "key": str}`` (the key the export used).
    :return: None.
    :raises WalletAlreadyExistsError: a wallet with this id exists.
    :raises WalletAccessFailed: the export key is wrong.
    """
    await _ffi.call("indy_import_wallet", text(config), text(credentials), text(import_config_json))


async def generate_wallet_key(config: Optional[str] = None) -> str:
    """Generates a key for the ``RAW`` key derivation method (no Argon2 on open).

    :param config: ``{"seed"?: str}`` for a deterministic key, or ``None`` for a random one.
    :return: the key, base58 of 32 bytes (``str``).
    """
    key: str = await _ffi.call("indy_generate_wallet_key", text(config))
    return key
