"""Pool ledgers (libindy's ``indy_pool.h``): configs stored under the client directory,
open pools (each served by its own network thread in the library), and the protocol
version of the request builders."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

from . import _ffi
from ._ffi import text

__all__ = ["create_pool_ledger_config", "open_pool_ledger", "refresh_pool_ledger", "list_pools",
           "close_pool_ledger", "delete_pool_ledger_config", "set_protocol_version"]


async def create_pool_ledger_config(config_name: str, config: Optional[str]) -> None:
    """Stores a pool ledger config (``~/.indy_client/pool/<name>/<name>.txn``).

    :param config_name: the pool's name.
    :param config: ``{"genesis_txn": path}``, or None for ``<name>.txn`` in the working directory.
    :return: None.
    :raises PoolLedgerConfigAlreadyExistsError: the name is taken.
    :raises CommonIOError: the genesis file cannot be read.
    :raises CommonInvalidStructure: the genesis transactions are invalid.
    """
    await _ffi.call("indy_create_pool_ledger_config", text(config_name), text(config))


async def open_pool_ledger(config_name: str, config: Optional[str]) -> int:
    """Opens a pool: connects to its nodes and catches up with the pool ledger.

    :param config_name: the pool's name.
    :param config: ``{"timeout", "extended_timeout", "conn_limit", "conn_active_timeout",
        "preordered_nodes", "number_read_nodes"}`` (all optional), or None.
    :return: the pool handle.
    :raises PoolLedgerNotCreatedError: no config of that name.
    :raises PoolLedgerInvalidPoolHandle: the pool is open already.
    :raises PoolLedgerTimeout: the nodes did not answer.
    """
    res: int = await _ffi.call("indy_open_pool_ledger", text(config_name), text(config))
    return res


async def refresh_pool_ledger(handle: int) -> None:
    """Catches an open pool up with the pool ledger and uses its current nodes.

    :param handle: pool handle.
    :return: None.
    """
    await _ffi.call("indy_refresh_pool_ledger", handle)


async def list_pools() -> List[Dict[str, Any]]:
    """The stored pool configs.

    :return: ``[{"pool": name}, ...]``.
    """
    res: str = await _ffi.call("indy_list_pools")
    pools: List[Dict[str, Any]] = json.loads(res)
    return pools


async def close_pool_ledger(handle: int) -> None:
    """Closes a pool; its requests still waiting raise ``PoolLedgerTerminated``.

    :param handle: pool handle.
    :return: None.
    :raises PoolLedgerInvalidPoolHandle: the handle is not open.
    """
    await _ffi.call("indy_close_pool_ledger", handle)


async def delete_pool_ledger_config(config_name: str) -> None:
    """Deletes a stored pool config (not while the pool is open).

    :param config_name: the pool's name.
    :return: None.
    """
    await _ffi.call("indy_delete_pool_ledger_config", text(config_name))


async def set_protocol_version(protocol_version: int) -> None:
    """Sets the ledger protocol version the library's request builders use (global).

    :param protocol_version: 1 (Indy Node 1.3) or 2 (Indy Node 1.4 and later, the default).
    :return: None.
    :raises PoolIncompatibleProtocolVersion: any other version.
    """
    await _ffi.call("indy_set_protocol_version", protocol_version)
