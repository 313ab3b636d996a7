"""Schemas and credential definitions from the ledger, cached in the wallet (libindy's
``indy_cache.h``)."""

from __future__ import annotations

from . import _ffi
from ._ffi import text

__all__ = ["get_schema", "get_cred_def", "purge_schema_cache", "purge_cred_def_cache"]


async def get_schema(pool_handle: int, wallet_handle: int, submitter_did: str, id: str, options_json: str) -> str:
    """A schema by id, from the wallet's cache or the ledger (then cached).

    :param pool_handle: pool handle.
    :param wallet_handle: wallet handle.
    :param submitter_did: the DID the GET_SCHEMA request is sent as.
    :param id: the schema id.
    :param options_json: ``{"noCache", "noUpdate", "noStore": bool, "minFresh": seconds}``.
    :return: the schema JSON.
    :raises LedgerNotFound: not cached and ``noUpdate``, or not on the ledger.
    """
    res: str = await _ffi.call("indy_get_schema", pool_handle, wallet_handle, text(submitter_did), text(id),
                               text(options_json))
    return res


async def get_cred_def(pool_handle: int, wallet_handle: int, submitter_did: str, id: str, options_json: str) -> str:
    """A credential definition by id, from the wallet's cache or the ledger (then cached).

    :param pool_handle: pool handle.
    :param wallet_handle: wallet handle.
    :param submitter_did: the DID the GET_CRED_DEF request is sent as.
    :param id: the credential definition id.
    :param options_json: as :func:`get_schema`.
    :return: the credential definition JSON.
    """
    res: str = await _ffi.call("indy_get_cred_def", pool_handle, wallet_handle, text(submitter_did), text(id),
                               text(options_json))
    return res


async def purge_schema_cache(wallet_handle: int, options_json: str) -> None:
    """Deletes cached schemas older than ``maxAge`` seconds.

    :param wallet_handle: wallet handle.
    :param options_json: ``{"maxAge": seconds}`` (-1 or absent: all).
    :return: None.
    """
    await _ffi.call("indy_purge_schema_cache", wallet_handle, text(options_json))


async def purge_cred_def_cache(wallet_handle: int, options_json: str) -> None:
    """Deletes cached credential definitions older than ``maxAge`` seconds.

    :param wallet_handle: wallet handle.
    :param options_json: ``{"maxAge": seconds}`` (-1 or absent: all).
    :return: None.
    """
    await _ffi.call("indy_purge_cred_def_cache", wallet_handle, text(options_json))
