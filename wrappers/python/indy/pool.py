"""Pool settings. Only ``set_protocol_version`` exists so far: the library does not
implement pool ledgers yet, so the other functions of python3-indy's ``indy.pool`` are
absent."""

from __future__ import annotations

from . import _ffi

__all__ = ["set_protocol_version"]


async def set_protocol_version(protocol_version: int) -> None:
    """Sets the ledger protocol version the library's request builders use (global).

    :param protocol_version: 1 (Indy Node 1.3) or 2 (Indy Node 1.4 and later, the default).
    :return: None.
    :raises PoolIncompatibleProtocolVersion: any other version.
    """
    await _ffi.call("indy_set_protocol_version", protocol_version)
