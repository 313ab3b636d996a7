"""Non-secret wallet records and WQL searches (libindy's ``indy_non_secrets.h``).

Tags JSON: ``{"name": "value", "~plain": "value"}``: names starting with ``~`` are stored
unencrypted and can be compared with ``$gt``/``$lt``/``$like`` in searches. Record types
starting with ``Indy`` are reserved for the library.
"""

from __future__ import annotations

from typing import Optional

from . import _ffi
from ._ffi import text

__all__ = ["add_wallet_record", "update_wallet_record_value", "update_wallet_record_tags",
           "add_wallet_record_tags", "delete_wallet_record_tags", "delete_wallet_record",
           "get_wallet_record", "open_wallet_search", "fetch_wallet_search_next_records",
           "close_wallet_search"]


async def add_wallet_record(wallet_handle: int, type_: str, id_: str, value: str, tags_json: Optional[str]) -> None:
    """Adds a record.

    :param wallet_handle: wallet handle.
    :param type_: the record type (a collection of records).
    :param id_: the record id, unique within its type.
    :param value: the record value.
    :param tags_json: tags JSON, or ``None``.
    :return: None.
    :raises WalletItemAlreadyExists: a record with this type and id exists.
    """
    await _ffi.call("indy_add_wallet_record", wallet_handle, text(type_), text(id_), text(value), text(tags_json))


async def update_wallet_record_value(wallet_handle: int, type_: str, id_: str, value: str) -> None:
    """Replaces a record's value.

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param id_: the record id.
    :param value: the new value.
    :return: None.
    :raises WalletItemNotFound: no such record.
    """
    await _ffi.call("indy_update_wallet_record_value", wallet_handle, text(type_), text(id_), text(value))


async def update_wallet_record_tags(wallet_handle: int, type_: str, id_: str, tags_json: str) -> None:
    """Replaces all of a record's tags.

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param id_: the record id.
    :param tags_json: the new tags JSON.
    :return: None.
    :raises WalletItemNotFound: no such record.
    """
    await _ffi.call("indy_update_wallet_record_tags", wallet_handle, text(type_), text(id_), text(tags_json))


async def add_wallet_record_tags(wallet_handle: int, type_: str, id_: str, tags_json: str) -> None:
    """Adds tags to a record (a tag that exists gets the new value).

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param id_: the record id.
    :param tags_json: tags JSON.
    :return: None.
    :raises WalletItemNotFound: no such record.
    """
    await _ffi.call("indy_add_wallet_record_tags", wallet_handle, text(type_), text(id_), text(tags_json))


async def delete_wallet_record_tags(wallet_handle: int, type_: str, id_: str, tag_names_json: str) -> None:
    """Deletes tags from a record.

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param id_: the record id.
    :param tag_names_json: JSON array of tag names, e.g. ``'["name", "~plain"]'``.
    :return: None.
    :raises WalletItemNotFound: no such record.
    """
    await _ffi.call("indy_delete_wallet_record_tags", wallet_handle, text(type_), text(id_), text(tag_names_json))


async def delete_wallet_record(wallet_handle: int, type_: str, id_: str) -> None:
    """Deletes a record.

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param id_: the record id.
    :return: None.
    :raises WalletItemNotFound: no such record.
    """
    await _ffi.call("indy_delete_wallet_record", wallet_handle, text(type_), text(id_))


async def get_wallet_record(wallet_handle: int, type_: str, id: str, options_json: str) -> str:
    """Reads a record.

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param id: the record id.
    :param options_json: ``{"retrieveType"?: bool (false), "retrieveValue"?: bool (true),
        "retrieveTags"?: bool (false)}``.
    :return: JSON ``{"id", "type", "value", "tags"}`` (``str``; what was not retrieved is null).
    :raises WalletItemNotFound: no such record.
    """
    res: str = await _ffi.call("indy_get_wallet_record", wallet_handle, text(type_), text(id), text(options_json))
    return res


async def open_wallet_search(wallet_handle: int, type_: str, query_json: str, options_json: str) -> int:
    """Starts a search over the records of a type.

    :param wallet_handle: wallet handle.
    :param type_: the record type.
    :param query_json: a WQL query, e.g. ``'{"name": "x", "~n": {"$gt": "5"}}'``; ``"{}"``
        for all records.
    :param options_json: ``{"retrieveRecords"?: bool (true), "retrieveTotalCount"?: bool
        (false), "retrieveType"?, "retrieveValue"? (true), "retrieveTags"?}``.
    :return: the search handle (``int``) for :func:`fetch_wallet_search_next_records`.
    :raises WalletQueryError: the query is not valid WQL.
    """
    res: int = await _ffi.call("indy_open_wallet_search", wallet_handle, text(type_), text(query_json),
                               text(options_json))
    return res


async def fetch_wallet_search_next_records(wallet_handle: int, wallet_search_handle: int, count: int) -> str:
    """Fetches the next records of a search.

    :param wallet_handle: wallet handle.
    :param wallet_search_handle: search handle from :func:`open_wallet_search`.
    :param count: how many records at most.
    :return: JSON ``{"totalCount": int | null, "records": [{"id", "type", "value", "tags"}] | null}``
        (``str``; ``records`` is null when the search is exhausted).
    :raises WalletInvalidHandle: the search handle is not open.
    """
    res: str = await _ffi.call("indy_fetch_wallet_search_next_records", wallet_handle, wallet_search_handle, count)
    return res


async def close_wallet_search(wallet_search_handle: int) -> None:
    """Closes a search and frees its resources.

    :param wallet_search_handle: search handle.
    :return: None.
    :raises WalletInvalidHandle: the search handle is not open.
    """
    await _ffi.call("indy_close_wallet_search", wallet_search_handle)
