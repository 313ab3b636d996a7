"""DIDs in a wallet: yours and theirs, keys, metadata, endpoints (libindy's ``indy_did.h``).

``create_key``, ``set_key_metadata`` and ``get_key_metadata`` are here too, as in
python3-indy (the same functions as in :mod:`indy.crypto`).
"""

from __future__ import annotations

from typing import Optional, Tuple

from . import _ffi
from ._ffi import text
from .crypto import create_key, get_key_metadata, set_key_metadata

__all__ = ["create_and_store_my_did", "replace_keys_start", "replace_keys_apply", "store_their_did",
           "create_key", "set_key_metadata", "get_key_metadata", "key_for_did", "key_for_local_did",
           "set_endpoint_for_did", "get_endpoint_for_did", "set_did_metadata", "get_did_metadata",
           "get_my_did_with_meta", "list_my_dids_with_meta", "abbreviate_verkey", "qualify_did"]


async def create_and_store_my_did(wallet_handle: int, did_json: str) -> Tuple[str, str]:
    """Creates a DID and its key pair and stores them in the wallet.

    :param wallet_handle: wallet handle.
    :param did_json: ``{"did"?: str, "seed"?: str, "crypto_type"?: "ed25519", "cid"?: bool,
        "method_name"?: str}``; ``"{}"`` for a random DID.
    :return: ``(did, verkey)``, both ``str``.
    :raises DidAlreadyExistsError: the DID is in the wallet already.
    :raises CommonInvalidStructure: the JSON or the seed is invalid.
    """
    res: Tuple[str, str] = await _ffi.call("indy_create_and_store_my_did", wallet_handle, text(did_json))
    return res


async def replace_keys_start(wallet_handle: int, did: str, identity_json: str) -> str:
    """Creates a new key pair for one of your DIDs, to apply with :func:`replace_keys_apply`.

    :param wallet_handle: wallet handle.
    :param did: your DID.
    :param identity_json: ``{"seed"?: str, "crypto_type"?: str}``.
    :return: the new verkey (``str``).
    :raises WalletItemNotFound: the DID is not yours in this wallet.
    """
    res: str = await _ffi.call("indy_replace_keys_start", wallet_handle, text(did), text(identity_json))
    return res


async def replace_keys_apply(wallet_handle: int, did: str) -> None:
    """Makes the key from :func:`replace_keys_start` the DID's key.

    :param wallet_handle: wallet handle.
    :param did: your DID.
    :return: None.
    :raises WalletItemNotFound: no replacement was started for the DID.
    """
    await _ffi.call("indy_replace_keys_apply", wallet_handle, text(did))


async def store_their_did(wallet_handle: int, identity_json: str) -> None:
    """Stores someone else's DID (and verkey) in the wallet.

    :param wallet_handle: wallet handle.
    :param identity_json: ``{"did": str, "verkey"?: str}`` (verkey full, abbreviated with
        ``~``, or absent for a cryptonym DID).
    :return: None.
    """
    await _ffi.call("indy_store_their_did", wallet_handle, text(identity_json))


async def key_for_did(pool_handle: int, wallet_handle: int, did: str) -> str:
    """The verkey of a DID from the wallet (yours or theirs), else from the ledger's NYM
    (then stored in the wallet as a "their" DID).

    :param pool_handle: pool handle, used when the DID is not in the wallet.
    :param wallet_handle: wallet handle.
    :param did: the DID.
    :return: the verkey (``str``).
    """
    res: str = await _ffi.call("indy_key_for_did", pool_handle, wallet_handle, text(did))
    return res


async def key_for_local_did(wallet_handle: int, did: str) -> str:
    """The verkey of a DID in the wallet (yours or theirs), without any ledger look-up.

    :param wallet_handle: wallet handle.
    :param did: the DID.
    :return: the verkey (``str``).
    :raises WalletItemNotFound: the DID is not in the wallet.
    """
    res: str = await _ffi.call("indy_key_for_local_did", wallet_handle, text(did))
    return res


async def set_endpoint_for_did(wallet_handle: int, did: str, address: str, transport_key: str) -> None:
    """Stores an endpoint (address and transport key) for a DID in the wallet.

    :param wallet_handle: wallet handle.
    :param did: the DID.
    :param address: e.g. ``"127.0.0.1:5555"``.
    :param transport_key: the endpoint's verkey.
    :return: None.
    """
    await _ffi.call("indy_set_endpoint_for_did", wallet_handle, text(did), text(address), text(transport_key))


async def get_endpoint_for_did(wallet_handle: int, pool_handle: int, did: str) -> Tuple[str, Optional[str]]:
    """The endpoint of a DID from the wallet, else from its ``endpoint`` ATTRIB on the
    ledger (then stored in the wallet).

    :param wallet_handle: wallet handle.
    :param pool_handle: pool handle, used when no endpoint is stored for the DID.
    :param did: the DID.
    :return: ``(address, transport_vk)``; ``transport_vk`` may be ``None``.
    :raises PoolLedgerInvalidPoolHandle: not stored, and the pool handle is not open.
    """
    res: Tuple[str, Optional[str]] = await _ffi.call("indy_get_endpoint_for_did", wallet_handle, pool_handle,
                                                     text(did))
    return res


async def set_did_metadata(wallet_handle: int, did: str, metadata: str) -> None:
    """Stores metadata (any string) for a DID, replacing what was there.

    :param wallet_handle: wallet handle.
    :param did: the DID.
    :param metadata: the metadata.
    :return: None.
    """
    await _ffi.call("indy_set_did_metadata", wallet_handle, text(did), text(metadata))


async def get_did_metadata(wallet_handle: int, did: str) -> str:
    """The metadata stored for a DID.

    :param wallet_handle: wallet handle.
    :param did: the DID.
    :return: the metadata (``str``).
    :raises WalletItemNotFound: the DID has no metadata.
    """
    res: str = await _ffi.call("indy_get_did_metadata", wallet_handle, text(did))
    return res


async def get_my_did_with_meta(wallet_handle: int, did: str) -> str:
    """One of your DIDs with its key, metadata and temporary key.

    :param wallet_handle: wallet handle.
    :param did: your DID.
    :return: JSON ``{"did", "verkey", "tempVerkey", "metadata"}`` (``str``).
    :raises WalletItemNotFound: the DID is not yours in this wallet.
    """
    res: str = await _ffi.call("indy_get_my_did_with_meta", wallet_handle, text(did))
    return res


async def list_my_dids_with_meta(wallet_handle: int) -> str:
    """All your DIDs in the wallet.

    :param wallet_handle: wallet handle.
    :return: JSON array of ``{"did", "verkey", "tempVerkey", "metadata"}`` (``str``).
    """
    res: str = await _ffi.call("indy_list_my_dids_with_meta", wallet_handle)
    return res


async def abbreviate_verkey(did: str, full_verkey: str) -> str:
    """Abbreviates a verkey relative to its DID when it can (``~`` form).

    :param did: the DID.
    :param full_verkey: the full verkey.
    :return: the abbreviated verkey, or the full one when the DID is not derived from it.
    """
    res: str = await _ffi.call("indy_abbreviate_verkey", text(did), text(full_verkey))
    return res


async def qualify_did(wallet_handle: int, did: str, method: str) -> str:
    """Makes one of your DIDs fully qualified (``did:<method>:<did>``) and updates the wallet.

    :param wallet_handle: wallet handle.
    :param did: your DID.
    :param method: the DID method, e.g. ``"peer"``.
    :return: the fully qualified DID (``str``).
    """
    res: str = await _ffi.call("indy_qualify_did", wallet_handle, text(did), text(method))
    return res
