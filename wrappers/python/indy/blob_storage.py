"""Blob storage (libindy's ``indy_blob_storage.h``): handles to write and read the tails
files of revocation registries.

The library has one type, ``"default"``: files in a directory on disk. Its config is
``{"base_dir": "<dir>", "uri_pattern": ""}`` for a writer and ``{"base_dir": "<dir>"}`` for
a reader. Handles live until the process ends (libindy has no close).
"""

from __future__ import annotations

from . import _ffi
from ._ffi import text

__all__ = ["open_reader", "open_writer"]


async def open_reader(type_: str, config: str) -> int:
    """A handle to read tails files with, for issuance, revocation and revocation states.

    :param type_: the blob storage type, ``"default"``.
    :param config: ``{"base_dir": "<dir>"}`` (JSON).
    :return: the reader handle (``int``).
    :raises CommonInvalidStructure: an unknown type or a malformed config.
    """
    res: int = await _ffi.call("indy_open_blob_storage_reader", text(type_), text(config))
    return res


async def open_writer(type_: str, config: str) -> int:
    """A handle to write tails files with, for
    :func:`indy.anoncreds.issuer_create_and_store_revoc_reg`.

    :param type_: the blob storage type, ``"default"``.
    :param config: ``{"base_dir": "<dir>", "uri_pattern": ""}`` (JSON).
    :return: the writer handle (``int``).
    :raises CommonInvalidStructure: an unknown type or a malformed config.
    """
    res: int = await _ffi.call("indy_open_blob_storage_writer", text(type_), text(config))
    return res
