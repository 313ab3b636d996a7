"""Wallet storage types written in Python (``indy_register_wallet_storage``).

A registered storage type keeps the wallets whose config says ``"storage_type": <name>``.
The library still encrypts everything: a storage sees what libindy 1.16 gave plugins,
record types and ids as base64 of encrypted bytes, values as encrypted bytes, tag names
(and values, except for ``~`` tags) as base64, metadata as base64, and searches as WQL
over those encoded names and values, so equality, ``$in`` and, on ``~`` tags, ordering
and ``$like`` work on what is stored.

Implement :class:`WalletStorage` (create, open, delete) and :class:`OpenedStorage` (what
``open`` returns), then ``await register_wallet_storage("name", MyStorage())``. The
methods are called synchronously on the library's storage threads (one thread per open
wallet, one call at a time per wallet), never on an event loop: they may block, must not
``await``, and must be thread-safe across wallets. Raise an :class:`~indy.error.IndyError`
subclass to report a specific code (``WalletItemNotFound()``, ``WalletItemAlreadyExists()``,
``WalletNotFoundError()``, ...); any other exception becomes ``WalletStorageError`` and is
logged.
"""

from __future__ import annotations

import ctypes
import itertools
import json
import logging
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional

from . import _ffi
from .error import ErrorCode, IndyError

__all__ = ["StorageRecord", "WalletStorage", "OpenedStorage", "register_wallet_storage"]

_log = logging.getLogger(__name__)


@dataclass
class StorageRecord:
    """One stored record, as the library encoded it."""

    type_: str
    id: str
    value: bytes
    tags: Dict[str, str] = field(default_factory=dict)


class OpenedStorage(ABC):
    """One open wallet of a storage type."""

    @abstractmethod
    def close(self) -> None:
        """Closes the wallet."""

    @abstractmethod
    def add_record(self, type_: str, id: str, value: bytes, tags: Dict[str, str]) -> None:
        """Adds a record; raise ``WalletItemAlreadyExists()`` when (type_, id) exists."""

    @abstractmethod
    def update_record_value(self, type_: str, id: str, value: bytes) -> None:
        """Replaces a record's value; raise ``WalletItemNotFound()`` when there is none."""

    @abstractmethod
    def update_record_tags(self, type_: str, id: str, tags: Dict[str, str]) -> None:
        """Replaces all of a record's tags."""

    @abstractmethod
    def add_record_tags(self, type_: str, id: str, tags: Dict[str, str]) -> None:
        """Adds or overwrites some of a record's tags."""

    @abstractmethod
    def delete_record_tags(self, type_: str, id: str, tag_names: List[str]) -> None:
        """Removes the named tags (names not present are ignored)."""

    @abstractmethod
    def delete_record(self, type_: str, id: str) -> None:
        """Deletes a record; raise ``WalletItemNotFound()`` when there is none."""

    @abstractmethod
    def get_record(self, type_: str, id: str, options: Dict[str, Any]) -> StorageRecord:
        """The record (``options``: ``retrieveType``/``retrieveValue``/``retrieveTags``, which
        may be ignored); raise ``WalletItemNotFound()`` when there is none."""

    @abstractmethod
    def get_metadata(self) -> str:
        """The metadata given to :meth:`WalletStorage.create` or last :meth:`set_metadata`."""

    @abstractmethod
    def set_metadata(self, metadata: str) -> None:
        """Replaces the metadata."""

    @abstractmethod
    def search_records(self, type_: str, query: Dict[str, Any], options: Dict[str, Any]) -> Iterable[StorageRecord]:
        """The records of ``type_`` matching the WQL ``query`` (``{}``: all)."""

    @abstractmethod
    def search_all_records(self) -> Iterable[StorageRecord]:
        """Every record of the wallet (for export)."""


class WalletStorage(ABC):
    """A storage type: makes, opens and deletes wallets by name (the wallet id)."""

    @abstractmethod
    def create(self, name: str, config: Optional[str], credentials: Optional[str], metadata: str) -> None:
        """Creates a wallet; raise ``WalletAlreadyExistsError()`` when it exists.

        ``config`` and ``credentials`` are the wallet's ``storage_config`` and
        ``storage_credentials`` as JSON text, or ``None``."""

    @abstractmethod
    def open(self, name: str, config: Optional[str], credentials: Optional[str]) -> OpenedStorage:
        """Opens a wallet; raise ``WalletNotFoundError()`` when there is none."""

    @abstractmethod
    def delete(self, name: str, config: Optional[str], credentials: Optional[str]) -> None:
        """Deletes a wallet; raise ``WalletNotFoundError()`` when there is none."""


class _Record:
    """A record handed to the library: its fields in C buffers that live until ``free_record``."""

    __slots__ = ("id", "type", "value", "value_len", "tags")

    def __init__(self, record: StorageRecord) -> None:
        self.id = ctypes.create_string_buffer(record.id.encode("utf-8"))
        self.type = ctypes.create_string_buffer(record.type_.encode("utf-8"))
        self.value_len = len(record.value)
        self.value = ctypes.create_string_buffer(bytes(record.value), self.value_len or 1)
        self.tags = ctypes.create_string_buffer(json.dumps(record.tags or {}).encode("utf-8"))


class _Search:
    __slots__ = ("storage", "records", "next")

    def __init__(self, storage: int, records: List[StorageRecord]) -> None:
        self.storage = storage
        self.records = records
        self.next = 0


def _s(raw: Optional[bytes]) -> Optional[str]:
    return None if raw is None else raw.decode("utf-8")


def _req(raw: Optional[bytes]) -> str:
    if raw is None:
        raise IndyError(ErrorCode.CommonInvalidStructure, {"message": "NULL where a string was expected"})
    return raw.decode("utf-8")


class _Adapter:
    """The 24 C callbacks of one registered storage type, over a :class:`WalletStorage`."""

    def __init__(self, storage: WalletStorage) -> None:
        self.storage = storage
        self.lock = threading.Lock()
        self.handles = itertools.count(1)
        self.opened: Dict[int, OpenedStorage] = {}
        self.records: Dict[int, _Record] = {}
        self.metadata: Dict[int, Any] = {}
        self.searches: Dict[int, _Search] = {}
        # The C function objects: kept as long as this adapter, which is kept forever.
        self.callbacks = [ctype(self._wrap(getattr(self, name))) for name, ctype in _ffi.STORAGE_CALLBACKS]

    @staticmethod
    def _wrap(method: Callable[..., None]) -> Callable[..., int]:
        def callback(*args: Any) -> int:
            try:
                method(*args)
                return 0
            except IndyError as e:
                return int(e.error_code)
            except BaseException:
                _log.exception("wallet storage callback %s failed", method.__name__)
                return int(ErrorCode.WalletStorageError)

        return callback

    def _new(self, table: Dict[int, Any], value: Any) -> int:
        with self.lock:
            handle = next(self.handles)
            table[handle] = value
            return handle

    def _get(self, table: Dict[int, Any], handle: int) -> Any:
        with self.lock:
            value = table.get(handle)
        if value is None:
            raise IndyError(ErrorCode.CommonInvalidState, {"message": "unknown storage handle %d" % handle})
        return value

    def _pop(self, table: Dict[int, Any], handle: int) -> Any:
        with self.lock:
            value = table.pop(handle, None)
        if value is None:
            raise IndyError(ErrorCode.CommonInvalidState, {"message": "unknown storage handle %d" % handle})
        return value

    def _storage(self, handle: int) -> OpenedStorage:
        opened: OpenedStorage = self._get(self.opened, handle)
        return opened

    # -- the callbacks, in indy_register_wallet_storage's order

    def create(self, name: bytes, config: Optional[bytes], credentials: Optional[bytes],
               metadata: Optional[bytes]) -> None:
        self.storage.create(_req(name), _s(config), _s(credentials), _req(metadata))

    def open(self, name: bytes, config: Optional[bytes], credentials: Optional[bytes], handle_p: Any) -> None:
        opened = self.storage.open(_req(name), _s(config), _s(credentials))
        handle_p[0] = self._new(self.opened, opened)

    def close(self, handle: int) -> None:
        self._pop(self.opened, handle).close()

    def delete(self, name: bytes, config: Optional[bytes], credentials: Optional[bytes]) -> None:
        self.storage.delete(_req(name), _s(config), _s(credentials))

    def add_record(self, handle: int, type_: bytes, id: bytes, value: Optional[int], value_len: int,
                   tags_json: Optional[bytes]) -> None:
        tags = json.loads(tags_json) if tags_json else {}
        self._storage(handle).add_record(_req(type_), _req(id), _ffi._bytes(value, value_len), tags)

    def update_record_value(self, handle: int, type_: bytes, id: bytes, value: Optional[int], value_len: int) -> None:
        self._storage(handle).update_record_value(_req(type_), _req(id), _ffi._bytes(value, value_len))

    def update_record_tags(self, handle: int, type_: bytes, id: bytes, tags_json: Optional[bytes]) -> None:
        self._storage(handle).update_record_tags(_req(type_), _req(id), json.loads(tags_json) if tags_json else {})

    def add_record_tags(self, handle: int, type_: bytes, id: bytes, tags_json: Optional[bytes]) -> None:
        self._storage(handle).add_record_tags(_req(type_), _req(id), json.loads(tags_json) if tags_json else {})

    def delete_record_tags(self, handle: int, type_: bytes, id: bytes, names_json: Optional[bytes]) -> None:
        self._storage(handle).delete_record_tags(_req(type_), _req(id), json.loads(names_json) if names_json else [])

    def delete_record(self, handle: int, type_: bytes, id: bytes) -> None:
        self._storage(handle).delete_record(_req(type_), _req(id))

    def get_record(self, handle: int, type_: bytes, id: bytes, options_json: Optional[bytes], record_p: Any) -> None:
        options = json.loads(options_json) if options_json else {}
        record = self._storage(handle).get_record(_req(type_), _req(id), options)
        record_p[0] = self._new(self.records, _Record(record))

    def get_record_id(self, handle: int, record: int, out: Any) -> None:
        out[0] = ctypes.addressof(self._get(self.records, record).id)

    def get_record_type(self, handle: int, record: int, out: Any) -> None:
        out[0] = ctypes.addressof(self._get(self.records, record).type)

    def get_record_value(self, handle: int, record: int, out: Any, len_out: Any) -> None:
        rec: _Record = self._get(self.records, record)
        out[0] = ctypes.addressof(rec.value)
        len_out[0] = rec.value_len

    def get_record_tags(self, handle: int, record: int, out: Any) -> None:
        out[0] = ctypes.addressof(self._get(self.records, record).tags)

    def free_record(self, handle: int, record: int) -> None:
        self._pop(self.records, record)

    def get_storage_metadata(self, handle: int, out: Any, metadata_handle_p: Any) -> None:
        buffer = ctypes.create_string_buffer(self._storage(handle).get_metadata().encode("utf-8"))
        metadata_handle_p[0] = self._new(self.metadata, buffer)
        out[0] = ctypes.addressof(buffer)

    def set_storage_metadata(self, handle: int, metadata: Optional[bytes]) -> None:
        self._storage(handle).set_metadata(_req(metadata))

    def free_storage_metadata(self, handle: int, metadata_handle: int) -> None:
        self._pop(self.metadata, metadata_handle)

    def search_records(self, handle: int, type_: bytes, query_json: Optional[bytes], options_json: Optional[bytes],
                       search_p: Any) -> None:
        query = json.loads(query_json) if query_json else {}
        options = json.loads(options_json) if options_json else {}
        found = list(self._storage(handle).search_records(_req(type_), query, options))
        search_p[0] = self._new(self.searches, _Search(handle, found))

    def search_all_records(self, handle: int, search_p: Any) -> None:
        found = list(self._storage(handle).search_all_records())
        search_p[0] = self._new(self.searches, _Search(handle, found))

    def get_search_total_count(self, handle: int, search: int, out: Any) -> None:
        out[0] = len(self._get(self.searches, search).records)

    def fetch_search_next_record(self, handle: int, search: int, record_p: Any) -> None:
        s: _Search = self._get(self.searches, search)
        if s.next >= len(s.records):
            raise IndyError(ErrorCode.WalletItemNotFound)  # the end of the search
        record = s.records[s.next]
        s.next += 1
        record_p[0] = self._new(self.records, _Record(record))

    def free_search(self, handle: int, search: int) -> None:
        self._pop(self.searches, search)


_adapters: List[_Adapter] = []  # registered storage types are never unregistered


async def register_wallet_storage(type_: str, storage: WalletStorage) -> None:
    """Registers a wallet storage type implemented in Python.

    :param type_: the name wallets give as ``"storage_type"`` in their config.
    :param storage: the implementation (see the module docstring).
    :return: None.
    :raises WalletTypeAlreadyRegisteredError: a type with this name is registered.
    """
    adapter = _Adapter(storage)
    _adapters.append(adapter)  # before the call: the library may use it as soon as it answers
    await _ffi.call("indy_register_wallet_storage", _ffi.text(type_), *adapter.callbacks)
