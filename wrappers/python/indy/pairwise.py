"""Pairwise relationships between your DIDs and theirs (libindy's ``indy_pairwise.h``)."""

from __future__ import annotations

from typing import Optional

from . import _ffi
from ._ffi import text

__all__ = ["is_pairwise_exists", "create_pairwise", "list_pairwise", "get_pairwise", "set_pairwise_metadata"]


async def is_pairwise_exists(wallet_handle: int, their_did: str) -> bool:
    """Whether a pairwise exists for their DID.

    :param wallet_handle: wallet handle.
    :param their_did: their DID.
    :return: ``True`` when it exists, else ``False``.
    """
    res: bool = await _ffi.call("indy_is_pairwise_exists", wallet_handle, text(their_did))
    return res


async def create_pairwise(wallet_handle: int, their_did: str, my_did: str, metadata: Optional[str]) -> None:
    """Creates a pairwise between their DID (stored with ``did.store_their_did``) and yours.

    :param wallet_handle: wallet handle.
    :param their_did: their DID.
    :param my_did: your DID.
    :param metadata: any string, or ``None``.
    :return: None.
    :raises WalletItemNotFound: either DID is not in the wallet.
    :raises WalletItemAlreadyExists: a pairwise for their DID exists.
    """
    await _ffi.call("indy_create_pairwise", wallet_handle, text(their_did), text(my_did), text(metadata))


async def list_pairwise(wallet_handle: int) -> str:
    """All pairwises in the wallet.

    :param wallet_handle: wallet handle.
    :return: JSON array of strings, each a JSON ``{"my_did", "their_did", "metadata"?}`` (``str``).
    """
    res: str = await _ffi.call("indy_list_pairwise", wallet_handle)
    return res


async def get_pairwise(wallet_handle: int, their_did: str) -> str:
    """The pairwise for their DID.

    :param wallet_handle: wallet handle.
    :param their_did: their DID.
    :return: JSON ``{"my_did": str, "metadata"?: str}`` (``str``).
    :raises WalletItemNotFound: no pairwise for their DID.
    """
    res: str = await _ffi.call("indy_get_pairwise", wallet_handle, text(their_did))
    return res


async def set_pairwise_metadata(wallet_handle: int, their_did: str, metadata: Optional[str]) -> None:
    """Replaces a pairwise's metadata.

    :param wallet_handle: wallet handle.
    :param their_did: their DID.
    :param metadata: the new metadata, or ``None`` to remove it.
    :return: None.
    :raises WalletItemNotFound: no pairwise for their DID.
    """
    await _ffi.call("indy_set_pairwise_metadata", wallet_handle, text(their_did), text(metadata))
