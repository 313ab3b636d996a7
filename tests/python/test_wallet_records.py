"""Non-secrets (wallet records, WQL searches) and wallet export/import through the official
python3-indy 1.16 wrapper (unchanged).

Search results are checked against a small independent WQL evaluator written from libindy's
semantics (``~`` tags are plaintext and compared as text; ``$neq`` needs the tag to exist;
``$like`` is SQLite LIKE, case-insensitive for ASCII). Export files are read back by an
independent decoder of libindy's format (PyNaCl + msgpack), validated first on the export
files written by the real libindy 1.16.
"""
import asyncio
import hashlib
import json
import re
import struct
import time

import base58
import msgpack
import nacl.bindings as sodium
import pytest

from indy import crypto, did, error, non_secrets, pairwise, wallet
from indy.error import ErrorCode

from conftest import fixtures_root, wallet_config, wallet_credentials

TYPE = "TestType"
OTHER = "OtherType"
COLORS = ["red", "green", "blue"]
WORDS = ["Apple", "banana", "APRICOT", "cherry", "grape"]
N = 30

THEIR_DID = "8wZcEriaNLNKtteJvx7f8i"
THEIR_VERKEY = "5L2HBnzbu6Auh2pkDRbFt5f4prvgE2LzknkuYLsKkacp"
MESSAGE = b"fixture message"


def assert_has_message(exc):
    assert getattr(exc, "message", None), "no error detail for %r" % (exc.error_code,)


async def expect(exc_class, coro):
    """Awaits ``coro`` and checks it raised ``exc_class`` with an error detail."""
    with pytest.raises(exc_class) as e:
        await coro
    assert_has_message(e.value)
    return e.value


# ---------------------------------------------------------------- helpers

async def get(h, type_, id_, options="{}"):
    return json.loads(await non_secrets.get_wallet_record(h, type_, id_, options))


async def get_full(h, type_, id_):
    return await get(h, type_, id_, json.dumps({"retrieveType": True, "retrieveValue": True, "retrieveTags": True}))


async def search(h, type_, query, options=None, batch=1000):
    """Opens a search, fetches pages of ``batch`` until records is null; (records, pages)."""
    q = query if isinstance(query, str) else json.dumps(query)
    sh = await non_secrets.open_wallet_search(h, type_, q, json.dumps(options or {}))
    records, pages = [], []
    try:
        for _ in range(100000):
            page = json.loads(await non_secrets.fetch_wallet_search_next_records(h, sh, batch))
            assert set(page) == {"totalCount", "records"}, page
            pages.append(page)
            if page["records"] is None:
                break
            assert 0 < len(page["records"]) <= batch
            records.extend(page["records"])
    finally:
        await non_secrets.close_wallet_search(sh)
    return records, pages


async def search_ids(h, query, type_=TYPE):
    records, _ = await search(h, type_, query)
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "a record came twice: %r" % ids
    return set(ids)


def rid(i):
    return "rec-%02d" % i


def value_of(i):
    return "value %d \u2713 \u00fcn\u00efc\u00f6d\u00e9" % i


def tags_of(i):
    tags = {"color": COLORS[i % 3], "parity": "even" if i % 2 == 0 else "odd",
            "~num": str(i), "~word": WORDS[i % 5]}
    if i % 4 == 0:
        tags["flag"] = "yes"
    if i % 6 == 0:
        tags["~opt"] = "o%d" % (i // 6)  # 0, 6, 12, 18, 24 only
    return tags


def like_to_regex(pattern):
    out = []
    for ch in pattern:
        out.append(".*" if ch == "%" else "." if ch == "_" else re.escape(ch))
    return re.compile("^" + "".join(out) + "$", re.IGNORECASE | re.DOTALL)


def wql_match(tags, query):
    """libindy 1.16 WQL semantics over a record's tags (reference model for the tests)."""
    for key, cond in query.items():
        if key == "$and":
            ok = all(wql_match(tags, q) for q in cond)
        elif key == "$or":
            ok = any(wql_match(tags, q) for q in cond)
        elif key == "$not":
            ok = not wql_match(tags, cond)
        elif isinstance(cond, str):
            ok = tags.get(key) == cond
        else:
            (op, arg), = cond.items()
            if key not in tags:
                ok = False
            else:
                v = tags[key]
                ok = {"$neq": lambda: v != arg, "$gt": lambda: v > arg, "$gte": lambda: v >= arg,
                      "$lt": lambda: v < arg, "$lte": lambda: v <= arg, "$in": lambda: v in arg,
                      "$like": lambda: bool(like_to_regex(arg).match(v))}[op]()
        if not ok:
            return False
    return True


def expected_ids(query):
    return {rid(i) for i in range(N) if wql_match(tags_of(i), query)}


def idx(*indices):
    return {rid(i) for i in indices}


async def assert_usable(h):
    """The wallet still answers reads and takes writes after an error."""
    probe = "probe-%d" % time.monotonic_ns()
    await non_secrets.add_wallet_record(h, "Probe", probe, "v", json.dumps({"~p": "1"}))
    assert (await get_full(h, "Probe", probe)) == {"type": "Probe", "id": probe, "value": "v", "tags": {"~p": "1"}}
    await non_secrets.delete_wallet_record(h, "Probe", probe)


@pytest.fixture
async def filled(raw_wallet):
    """raw_wallet with N records of TYPE (encrypted and ~plaintext tags) and 5 of OTHER."""
    h = raw_wallet.handle
    for i in range(N):
        await non_secrets.add_wallet_record(h, TYPE, rid(i), value_of(i), json.dumps(tags_of(i)))
    for i in range(5):  # same ids and tags under another type: must never show up in TYPE searches
        await non_secrets.add_wallet_record(h, OTHER, rid(i), "other %d" % i, json.dumps(tags_of(i)))
    return h


# ================================================================ record CRUD

async def test_add_and_get_exact_json(raw_wallet):
    h = raw_wallet.handle
    tags = {"tag1": "v1", "~tag2": "v2 \u00e9", "empty": ""}
    await non_secrets.add_wallet_record(h, TYPE, "id1", "value \u2603", json.dumps(tags))

    raw = await non_secrets.get_wallet_record(h, TYPE, "id1", "{}")
    assert json.loads(raw) == {"type": None, "id": "id1", "value": "value \u2603", "tags": None}
    assert await get_full(h, TYPE, "id1") == {"type": TYPE, "id": "id1", "value": "value \u2603", "tags": tags}

    # no tags (NULL) and an empty tag object both read back as {}
    await non_secrets.add_wallet_record(h, TYPE, "id2", "v2", None)
    await non_secrets.add_wallet_record(h, TYPE, "id3", "v3", "{}")
    assert await get_full(h, TYPE, "id2") == {"type": TYPE, "id": "id2", "value": "v2", "tags": {}}
    assert await get_full(h, TYPE, "id3") == {"type": TYPE, "id": "id3", "value": "v3", "tags": {}}

    # same id under another type is another record
    await non_secrets.add_wallet_record(h, OTHER, "id1", "other", None)
    assert (await get(h, OTHER, "id1"))["value"] == "other"
    assert (await get(h, TYPE, "id1"))["value"] == "value \u2603"

    # unicode ids and types, big values
    big = "\u00e9x" * 50000
    await non_secrets.add_wallet_record(h, "T\u00ffpe \U0001F600", "id \u2603 with spaces", big, None)
    assert await get_full(h, "T\u00ffpe \U0001F600", "id \u2603 with spaces") == \
        {"type": "T\u00ffpe \U0001F600", "id": "id \u2603 with spaces", "value": big, "tags": {}}


@pytest.mark.parametrize("rt", [False, True])
@pytest.mark.parametrize("rv", [False, True])
@pytest.mark.parametrize("rtags", [False, True])
async def test_get_record_options(raw_wallet, rt, rv, rtags):
    h = raw_wallet.handle
    tags = {"a": "1", "~b": "2"}
    await non_secrets.add_wallet_record(h, TYPE, "x", "val", json.dumps(tags))
    opts = {"retrieveType": rt, "retrieveValue": rv, "retrieveTags": rtags}
    assert await get(h, TYPE, "x", json.dumps(opts)) == {
        "type": TYPE if rt else None, "id": "x", "value": "val" if rv else None, "tags": tags if rtags else None}
    # omitted options take the defaults: type false, value true, tags false
    assert await get(h, TYPE, "x", json.dumps({"retrieveTags": rtags})) == {
        "type": None, "id": "x", "value": "val", "tags": tags if rtags else None}


async def test_update_value(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v1", json.dumps({"t": "1"}))
    await non_secrets.update_wallet_record_value(h, TYPE, "x", "v2 \u00e9")
    assert await get_full(h, TYPE, "x") == {"type": TYPE, "id": "x", "value": "v2 \u00e9", "tags": {"t": "1"}}
    await non_secrets.update_wallet_record_value(h, TYPE, "x", "v2 \u00e9")  # same value again
    assert (await get(h, TYPE, "x"))["value"] == "v2 \u00e9"


async def test_update_tags_replaces_all(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", json.dumps({"a": "1", "~b": "2", "c": "3"}))
    await non_secrets.update_wallet_record_tags(h, TYPE, "x", json.dumps({"a": "new", "~d": "4"}))
    assert (await get_full(h, TYPE, "x"))["tags"] == {"a": "new", "~d": "4"}
    assert await search_ids(h, {"c": "3"}) == set()
    assert await search_ids(h, {"~b": "2"}) == set()
    assert await search_ids(h, {"a": "new", "~d": {"$gt": "3"}}) == {"x"}
    await non_secrets.update_wallet_record_tags(h, TYPE, "x", "{}")
    assert (await get_full(h, TYPE, "x"))["tags"] == {}
    assert (await get(h, TYPE, "x"))["value"] == "v"


async def test_add_tags_adds_and_overwrites(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", json.dumps({"a": "1", "~b": "2"}))
    await non_secrets.add_wallet_record_tags(h, TYPE, "x", json.dumps({"a": "9", "c": "3", "~e": "5"}))
    assert (await get_full(h, TYPE, "x"))["tags"] == {"a": "9", "~b": "2", "c": "3", "~e": "5"}
    assert await search_ids(h, {"a": "1"}) == set()
    assert await search_ids(h, {"a": "9", "c": "3", "~b": "2", "~e": "5"}) == {"x"}
    await non_secrets.add_wallet_record_tags(h, TYPE, "x", "{}")  # nothing to add
    assert (await get_full(h, TYPE, "x"))["tags"] == {"a": "9", "~b": "2", "c": "3", "~e": "5"}
    # a record added without tags takes tags later
    await non_secrets.add_wallet_record(h, TYPE, "y", "v", None)
    await non_secrets.add_wallet_record_tags(h, TYPE, "y", json.dumps({"~n": "1"}))
    assert (await get_full(h, TYPE, "y"))["tags"] == {"~n": "1"}


async def test_delete_tags_encrypted_and_plaintext(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v",
                                        json.dumps({"name": "enc", "~name": "plain", "other": "o", "~k": "k"}))
    await non_secrets.delete_wallet_record_tags(h, TYPE, "x", json.dumps(["name"]))  # the encrypted one only
    assert (await get_full(h, TYPE, "x"))["tags"] == {"~name": "plain", "other": "o", "~k": "k"}
    await non_secrets.delete_wallet_record_tags(h, TYPE, "x", json.dumps(["~name", "missing", "~missing"]))
    assert (await get_full(h, TYPE, "x"))["tags"] == {"other": "o", "~k": "k"}
    await non_secrets.delete_wallet_record_tags(h, TYPE, "x", "[]")
    await non_secrets.delete_wallet_record_tags(h, TYPE, "x", json.dumps(["other", "~k"]))
    assert (await get_full(h, TYPE, "x"))["tags"] == {}
    assert await search_ids(h, {"other": "o"}) == set()
    assert (await get(h, TYPE, "x"))["value"] == "v"


async def test_delete_record(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", json.dumps({"a": "1", "~b": "2"}))
    await non_secrets.add_wallet_record(h, OTHER, "x", "w", None)
    await non_secrets.delete_wallet_record(h, TYPE, "x")
    await expect(error.WalletItemNotFound, non_secrets.get_wallet_record(h, TYPE, "x", "{}"))
    assert (await get(h, OTHER, "x"))["value"] == "w"  # only that type's record
    assert await search_ids(h, {"a": "1"}) == set()
    # the id is free again, with no stale tags
    await non_secrets.add_wallet_record(h, TYPE, "x", "again", None)
    assert await get_full(h, TYPE, "x") == {"type": TYPE, "id": "x", "value": "again", "tags": {}}
    assert await search_ids(h, {"~b": "2"}) == set()


# ================================================================ record errors

async def test_missing_record_errors(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", None)
    calls = [
        lambda: non_secrets.get_wallet_record(h, TYPE, "nope", "{}"),
        lambda: non_secrets.get_wallet_record(h, OTHER, "x", "{}"),  # right id, wrong type
        lambda: non_secrets.update_wallet_record_value(h, TYPE, "nope", "v"),
        lambda: non_secrets.update_wallet_record_tags(h, TYPE, "nope", "{}"),
        lambda: non_secrets.add_wallet_record_tags(h, TYPE, "nope", json.dumps({"a": "b"})),
        lambda: non_secrets.delete_wallet_record_tags(h, TYPE, "nope", json.dumps(["a"])),
        lambda: non_secrets.delete_wallet_record(h, TYPE, "nope"),
    ]
    for call in calls:
        e = await expect(error.WalletItemNotFound, call())
        assert e.error_code == ErrorCode.WalletItemNotFound == 212
        await assert_usable(h)
    await non_secrets.delete_wallet_record(h, TYPE, "x")
    await expect(error.WalletItemNotFound, non_secrets.delete_wallet_record(h, TYPE, "x"))
    await assert_usable(h)


async def test_duplicate_record(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v1", json.dumps({"a": "1"}))
    e = await expect(error.WalletItemAlreadyExists,
                     non_secrets.add_wallet_record(h, TYPE, "x", "v2", json.dumps({"a": "2", "b": "3"})))
    assert e.error_code == 213
    assert await get_full(h, TYPE, "x") == {"type": TYPE, "id": "x", "value": "v1", "tags": {"a": "1"}}
    await assert_usable(h)


@pytest.mark.parametrize("bad", ["not json", '{"a": 1}', '{"a": null}', '["a"]', '"a"', '{"a": {"b": "c"}}'])
async def test_bad_tags_json(raw_wallet, bad):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", json.dumps({"a": "1"}))
    e = await expect(error.CommonInvalidStructure, non_secrets.add_wallet_record(h, TYPE, "y", "v", bad))
    assert e.error_code == 113
    await expect(error.WalletItemNotFound, non_secrets.get_wallet_record(h, TYPE, "y", "{}"))  # nothing added
    await expect(error.CommonInvalidStructure, non_secrets.update_wallet_record_tags(h, TYPE, "x", bad))
    await expect(error.CommonInvalidStructure, non_secrets.add_wallet_record_tags(h, TYPE, "x", bad))
    assert (await get_full(h, TYPE, "x"))["tags"] == {"a": "1"}
    await assert_usable(h)


@pytest.mark.parametrize("bad", ["not json", '{"a": "b"}', '"a"', "[1]"])
async def test_bad_tag_names_json(raw_wallet, bad):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", json.dumps({"a": "1"}))
    await expect(error.CommonInvalidStructure, non_secrets.delete_wallet_record_tags(h, TYPE, "x", bad))
    assert (await get_full(h, TYPE, "x"))["tags"] == {"a": "1"}
    await assert_usable(h)


async def test_bad_options_json(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", None)
    for bad in ["not json", '{"retrieveTags": "yes"}', '"str"', "7"]:
        await expect(error.CommonInvalidStructure, non_secrets.get_wallet_record(h, TYPE, "x", bad))
        await expect(error.CommonInvalidStructure, non_secrets.open_wallet_search(h, TYPE, "{}", bad))
        await assert_usable(h)


async def test_empty_strings_are_invalid_params(raw_wallet):
    """libindy's check_useful_c_str: an empty type / id / value is CommonInvalidParamN."""
    h = raw_wallet.handle
    await expect(error.CommonInvalidParam3, non_secrets.add_wallet_record(h, "", "x", "v", None))
    await expect(error.CommonInvalidParam4, non_secrets.add_wallet_record(h, TYPE, "", "v", None))
    await expect(error.CommonInvalidParam5, non_secrets.add_wallet_record(h, TYPE, "x", "", None))
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", None)
    await expect(error.CommonInvalidParam5, non_secrets.update_wallet_record_value(h, TYPE, "x", ""))
    await expect(error.CommonInvalidParam3, non_secrets.get_wallet_record(h, "", "x", "{}"))
    await expect(error.CommonInvalidParam4, non_secrets.get_wallet_record(h, TYPE, "", "{}"))
    assert (await get(h, TYPE, "x"))["value"] == "v"
    await assert_usable(h)


@pytest.mark.parametrize("type_", ["Indy::Did", "Indy::Key", "IndyCustom", "Indy"])
async def test_indy_types_are_refused(raw_wallet, type_):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, "{}")
    ids = {"Indy::Did": d, "Indy::Key": vk}
    id_ = ids.get(type_, "x")
    calls = [
        lambda: non_secrets.add_wallet_record(h, type_, "new-id", "v", None),
        lambda: non_secrets.get_wallet_record(h, type_, id_, "{}"),
        lambda: non_secrets.update_wallet_record_value(h, type_, id_, "v"),
        lambda: non_secrets.update_wallet_record_tags(h, type_, id_, "{}"),
        lambda: non_secrets.add_wallet_record_tags(h, type_, id_, json.dumps({"a": "b"})),
        lambda: non_secrets.delete_wallet_record_tags(h, type_, id_, json.dumps(["a"])),
        lambda: non_secrets.delete_wallet_record(h, type_, id_),
        lambda: non_secrets.open_wallet_search(h, type_, "{}", "{}"),
    ]
    for call in calls:
        e = await expect(error.WalletAccessFailed, call())
        assert e.error_code == 207
    # the DID is untouched and the wallet works
    assert await did.key_for_local_did(h, d) == vk
    await assert_usable(h)


async def test_invalid_wallet_handle(raw_wallet):
    h = raw_wallet.handle
    bad = h + 1000
    calls = [
        non_secrets.add_wallet_record(bad, TYPE, "x", "v", None),
        non_secrets.get_wallet_record(bad, TYPE, "x", "{}"),
        non_secrets.update_wallet_record_value(bad, TYPE, "x", "v"),
        non_secrets.update_wallet_record_tags(bad, TYPE, "x", "{}"),
        non_secrets.add_wallet_record_tags(bad, TYPE, "x", "{}"),
        non_secrets.delete_wallet_record_tags(bad, TYPE, "x", "[]"),
        non_secrets.delete_wallet_record(bad, TYPE, "x"),
        non_secrets.open_wallet_search(bad, TYPE, "{}", "{}"),
    ]
    for call in calls:
        await expect(error.WalletInvalidHandle, call)
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", None)
    await wallet.close_wallet(h)
    await expect(error.WalletInvalidHandle, non_secrets.get_wallet_record(h, TYPE, "x", "{}"))
    await expect(error.WalletInvalidHandle, non_secrets.add_wallet_record(h, TYPE, "y", "v", None))
    # reopened, the record is there
    raw_wallet.handle = await wallet.open_wallet(raw_wallet.config, raw_wallet.credentials)
    assert (await get(raw_wallet.handle, TYPE, "x"))["value"] == "v"


async def test_records_persist_across_reopen(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, TYPE, "x", "v", json.dumps({"a": "1", "~n": "5"}))
    await non_secrets.add_wallet_record_tags(h, TYPE, "x", json.dumps({"b": "2"}))
    await non_secrets.update_wallet_record_value(h, TYPE, "x", "v2")
    await wallet.close_wallet(h)
    h = raw_wallet.handle = await wallet.open_wallet(raw_wallet.config, raw_wallet.credentials)
    assert await get_full(h, TYPE, "x") == {"type": TYPE, "id": "x", "value": "v2",
                                            "tags": {"a": "1", "~n": "5", "b": "2"}}
    assert await search_ids(h, {"a": "1", "b": "2", "~n": {"$lte": "5"}}) == {"x"}


# ================================================================ WQL

async def test_wql_model_spot_checks(filled):
    """Hand-written expectations (also pin down the reference model used below)."""
    h = filled
    cases = [
        ({}, set(map(rid, range(N)))),
        ({"color": "red"}, idx(*range(0, N, 3))),
        ({"~num": "7"}, idx(7)),
        ({"~num": {"$gt": "5"}}, idx(6, 7, 8, 9)),                     # text: "10".."29" < "5"
        ({"~num": {"$gte": "5"}}, idx(5, 6, 7, 8, 9)),
        ({"~num": {"$lt": "11"}}, idx(0, 1, 10)),
        ({"~num": {"$lte": "2"}}, idx(0, 1, 2, *range(10, 20))),
        ({"~num": {"$gte": "20"}}, idx(*range(20, 30), *range(3, 10))),
        ({"~word": {"$like": "ap%"}}, idx(*[i for i in range(N) if i % 5 in (0, 2)])),   # Apple, APRICOT
        ({"~word": {"$like": "%AN%"}}, idx(*[i for i in range(N) if i % 5 == 1])),       # banana
        ({"~word": {"$like": "_rape"}}, idx(*[i for i in range(N) if i % 5 == 4])),      # grape
        ({"flag": {"$neq": "no"}}, idx(*range(0, N, 4))),              # the tag must exist
        ({"$not": {"flag": "yes"}}, set(map(rid, range(N))) - idx(*range(0, N, 4))),
        ({"~opt": {"$neq": "o1"}}, idx(0, 12, 18, 24)),
        ({"color": {"$in": ["red", "blue", "purple"]}}, idx(*[i for i in range(N) if i % 3 != 1])),
        ({"~num": {"$in": ["1", "2", "33"]}}, idx(1, 2)),
        ({"color": "red", "parity": "odd"}, idx(3, 9, 15, 21, 27)),
        ({"$or": [{"color": "green"}, {"~opt": {"$in": ["o0", "o2"]}}]},
         idx(*[i for i in range(N) if i % 3 == 1], 0, 12)),
        ({"color": "purple"}, set()),
        ({"~missing": "x"}, set()),
        ({"missing": {"$neq": "x"}}, set()),
        ({"~num": "07"}, set()),
    ]
    for query, expected in cases:
        assert expected_ids(query) == expected, query  # the model agrees
        assert await search_ids(h, query) == expected, query


WQL_QUERIES = [
    {"parity": "even"},
    {"~word": "banana"},
    {"~word": "BANANA"},  # equality is exact
    {"color": {"$neq": "red"}},
    {"~num": {"$neq": "3"}},
    {"~word": {"$neq": "Apple"}},
    {"~num": {"$gt": "1"}},
    {"~num": {"$gt": "19"}},
    {"~num": {"$gte": "19"}},
    {"~num": {"$lt": "2"}},
    {"~num": {"$lte": "10"}},
    {"~num": {"$gt": ""}},
    {"~word": {"$gt": "B"}},  # upper case sorts before lower case
    {"~word": {"$lt": "a"}},
    {"~word": {"$like": "%"}},
    {"~word": {"$like": "a%"}},
    {"~word": {"$like": "%e"}},
    {"~word": {"$like": "%RR%"}},
    {"~word": {"$like": "______"}},
    {"~word": {"$like": "apple"}},
    {"~num": {"$like": "1_"}},
    {"~num": {"$like": "%5"}},
    {"~opt": {"$like": "o%"}},
    {"flag": {"$in": ["yes"]}},
    {"parity": {"$in": ["even", "odd"]}},
    {"~word": {"$in": ["Apple", "apple", "grape"]}},
    {"$and": [{"color": "red"}, {"parity": "even"}]},
    {"$and": [{"color": "red"}, {"~num": {"$gt": "2"}}, {"~num": {"$lt": "3"}}]},
    {"$and": [{"color": "red"}]},
    {"$and": []},
    {"$or": [{"color": "red"}, {"color": "blue"}]},
    {"$or": [{"~num": "1"}, {"~num": "2"}, {"~missing": "3"}]},
    {"$or": [{"color": "red"}]},
    {"$or": [{"color": "red", "parity": "odd"}, {"~num": {"$lt": "1"}}]},
    {"$not": {"color": "red"}},
    {"$not": {"~opt": {"$like": "o%"}}},
    {"$not": {"$not": {"flag": "yes"}}},
    {"$not": {"$or": [{"color": "red"}, {"parity": "odd"}]}},
    {"$not": {"$and": [{"color": "red"}, {"parity": "odd"}]}},
    {"$not": {"color": {"$in": ["red", "green"]}}},
    {"$not": {"~num": {"$gte": "2"}}},
    {"color": "green", "~num": {"$gt": "2"}, "flag": "yes"},
    {"color": "blue", "$or": [{"~word": "Apple"}, {"~word": {"$like": "c%"}}]},
    {"$and": [{"$or": [{"color": "red"}, {"color": "blue"}]},
              {"$not": {"~num": {"$like": "1%"}}},
              {"parity": "even"}]},
    {"$or": [{"$and": [{"flag": "yes"}, {"~opt": {"$neq": "o0"}}]},
             {"$and": [{"$not": {"parity": "even"}}, {"~word": {"$like": "%a%"}}]}]},
    {"$and": [{"$not": {"color": "blue"}}, {"$not": {"flag": {"$neq": "x"}}}, {"~num": {"$lt": "3"}}]},
]


async def test_wql_legacy_array_form(filled):
    """libindy's WQL parser reads a top-level array as {"$or": [...]} (the old restrictions
    format); an empty $or, like an empty $and, puts no condition."""
    h = filled
    assert await search_ids(h, [{"color": "red"}, {"~num": "1"}]) == expected_ids(
        {"$or": [{"color": "red"}, {"~num": "1"}]})
    assert await search_ids(h, [{"color": "red", "parity": "odd"}]) == idx(3, 9, 15, 21, 27)
    assert await search_ids(h, []) == expected_ids({})
    assert await search_ids(h, {"$or": []}) == expected_ids({})


@pytest.mark.parametrize("query", WQL_QUERIES, ids=[json.dumps(q) for q in WQL_QUERIES])
async def test_wql_against_model(filled, query):
    assert await search_ids(filled, query) == expected_ids(query)


async def test_wql_type_isolation(filled):
    h = filled
    assert await search_ids(h, {}, type_=OTHER) == idx(0, 1, 2, 3, 4)
    assert await search_ids(h, {"color": "red"}, type_=OTHER) == idx(0, 3)
    assert await search_ids(h, {}, type_="NoSuchType") == set()
    records, pages = await search(h, "NoSuchType", {}, {"retrieveTotalCount": True})
    assert records == [] and pages == [{"totalCount": 0, "records": None}]


BAD_QUERIES = [
    {"color": {"$gt": "a"}},
    {"color": {"$gte": "a"}},
    {"color": {"$lt": "a"}},
    {"color": {"$lte": "a"}},
    {"color": {"$like": "r%"}},
    {"$or": [{"~num": "1"}, {"color": {"$like": "%"}}]},
    {"$not": {"parity": {"$gt": "a"}}},
    {"~num": {"$foo": "1"}},
    {"$foo": [{"a": "b"}]},
    {"color": 1},
    {"color": None},
    {"color": ["red"]},
    {"color": {"$in": "red"}},
    {"color": {"$in": ["red", 1]}},
    {"~num": {"$gt": 5}},
    {"$and": {"color": "red"}},
    {"$or": {"color": "red"}},
    {"$not": [{"color": "red"}]},
    {"$and": ["color"]},
    ["color"],
    [{"color": "red"}, 1],
    "color",
    7,
]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=[json.dumps(q) for q in BAD_QUERIES])
async def test_wql_errors(filled, query):
    e = await expect(error.WalletQueryError,
                     non_secrets.open_wallet_search(filled, TYPE, json.dumps(query), "{}"))
    assert e.error_code == 214
    assert await search_ids(filled, {"color": "red"}) == expected_ids({"color": "red"})


@pytest.mark.parametrize("bad", ["not json", "{", '{"color": "red"'])
async def test_wql_malformed_json(filled, bad):
    await expect(error.WalletQueryError, non_secrets.open_wallet_search(filled, TYPE, bad, "{}"))
    await assert_usable(filled)


# ================================================================ search options and paging

@pytest.mark.parametrize("rt", [False, True])
@pytest.mark.parametrize("rv", [False, True])
@pytest.mark.parametrize("rtags", [False, True])
async def test_search_retrieve_options(filled, rt, rv, rtags):
    opts = {"retrieveType": rt, "retrieveValue": rv, "retrieveTags": rtags}
    query = {"~num": {"$like": "1%"}}
    records, pages = await search(filled, TYPE, query, opts)
    want = {i for i in range(N) if str(i).startswith("1")}
    assert sorted(records, key=lambda r: r["id"]) == [
        {"type": TYPE if rt else None, "id": rid(i), "value": value_of(i) if rv else None,
         "tags": tags_of(i) if rtags else None} for i in sorted(want)]
    assert all(p["totalCount"] is None for p in pages)


async def test_search_default_options(filled):
    records, pages = await search(filled, TYPE, {"~num": "3"}, None)
    assert records == [{"type": None, "id": rid(3), "value": value_of(3), "tags": None}]
    assert pages == [{"totalCount": None, "records": records}, {"totalCount": None, "records": None}]


async def test_search_paging_and_total_count(filled):
    h = filled
    opts = {"retrieveTotalCount": True, "retrieveTags": True}
    sh = await non_secrets.open_wallet_search(h, TYPE, "{}", json.dumps(opts))
    seen = []
    sizes = []
    for _ in range(5):
        page = json.loads(await non_secrets.fetch_wallet_search_next_records(h, sh, 7))
        assert page["totalCount"] == N
        sizes.append(len(page["records"]))
        seen.extend(page["records"])
    assert sizes == [7, 7, 7, 7, 2]
    for _ in range(2):  # exhausted: records null, totalCount still given
        assert json.loads(await non_secrets.fetch_wallet_search_next_records(h, sh, 7)) == \
            {"totalCount": N, "records": None}
    await non_secrets.close_wallet_search(sh)
    assert sorted(r["id"] for r in seen) == [rid(i) for i in range(N)]
    assert {r["id"]: r["tags"] for r in seen} == {rid(i): tags_of(i) for i in range(N)}

    # one fetch larger than the result; totalCount of a filtered search
    query = {"color": "blue"}
    records, pages = await search(h, TYPE, query, {"retrieveTotalCount": True}, batch=100)
    assert {r["id"] for r in records} == expected_ids(query)
    assert [p["totalCount"] for p in pages] == [10, 10]
    assert pages[1]["records"] is None

    # page size 1
    records, pages = await search(h, TYPE, {"flag": "yes"}, {"retrieveTotalCount": True}, batch=1)
    assert {r["id"] for r in records} == expected_ids({"flag": "yes"})
    assert len(pages) == 9 and all(p["totalCount"] == 8 for p in pages)


async def test_search_count_only(filled):
    h = filled
    records, pages = await search(h, TYPE, {"parity": "odd"}, {"retrieveRecords": False, "retrieveTotalCount": True})
    assert records == [] and pages == [{"totalCount": 15, "records": None}]
    records, pages = await search(h, TYPE, {}, {"retrieveRecords": False})
    assert pages == [{"totalCount": None, "records": None}]


async def test_search_handle_errors(filled):
    h = filled
    sh = await non_secrets.open_wallet_search(h, TYPE, "{}", "{}")
    e = await expect(error.CommonInvalidStructure, non_secrets.fetch_wallet_search_next_records(h, sh, 0))
    assert e.error_code == 113
    page = json.loads(await non_secrets.fetch_wallet_search_next_records(h, sh, 4))  # still usable
    assert len(page["records"]) == 4
    await non_secrets.close_wallet_search(sh)
    e = await expect(error.WalletInvalidHandle, non_secrets.fetch_wallet_search_next_records(h, sh, 4))
    assert e.error_code == 200
    await expect(error.WalletInvalidHandle, non_secrets.close_wallet_search(sh))
    await expect(error.WalletInvalidHandle, non_secrets.fetch_wallet_search_next_records(h, 987654, 1))
    await expect(error.WalletInvalidHandle, non_secrets.close_wallet_search(987654))
    await assert_usable(h)


async def test_concurrent_searches_are_independent(filled):
    h = filled
    handles = [await non_secrets.open_wallet_search(h, TYPE, json.dumps(q), "{}")
               for q in ({}, {"color": "red"}, {"~num": {"$gte": "2"}})]
    got = [[], [], []]
    for _ in range(40):
        for k, sh in enumerate(handles):
            page = json.loads(await non_secrets.fetch_wallet_search_next_records(h, sh, 3))
            if page["records"]:
                got[k].extend(r["id"] for r in page["records"])
    for sh in handles:
        await non_secrets.close_wallet_search(sh)
    assert set(got[0]) == expected_ids({}) and len(got[0]) == N
    assert set(got[1]) == expected_ids({"color": "red"})
    assert set(got[2]) == expected_ids({"~num": {"$gte": "2"}})


# ================================================================ concurrency and ordering

async def test_500_concurrent_adds(raw_wallet):
    h = raw_wallet.handle
    await asyncio.gather(*(
        non_secrets.add_wallet_record(h, TYPE, "c%03d" % i, "v%d" % i,
                                      json.dumps({"g": str(i % 10), "~i": "%03d" % i}))
        for i in range(500)))
    records, pages = await search(h, TYPE, {}, {"retrieveTotalCount": True, "retrieveTags": True}, batch=128)
    assert pages[0]["totalCount"] == 500
    assert {r["id"]: (r["value"], r["tags"]) for r in records} == {
        "c%03d" % i: ("v%d" % i, {"g": str(i % 10), "~i": "%03d" % i}) for i in range(500)}
    assert len(records) == 500
    assert len(await search_ids(h, {"g": "3"})) == 50
    assert len(await search_ids(h, {"~i": {"$lt": "100"}})) == 100
    # concurrent reads and a concurrent duplicate: one of each pair fails
    results = await asyncio.gather(*(non_secrets.add_wallet_record(h, TYPE, "dup", "v", None) for _ in range(20)),
                                   return_exceptions=True)
    assert sum(r is None for r in results) == 1
    assert all(isinstance(r, error.WalletItemAlreadyExists) for r in results if r is not None)
    values = await asyncio.gather(*(non_secrets.get_wallet_record(h, TYPE, "c%03d" % i, "{}") for i in range(500)))
    assert [json.loads(v)["value"] for v in values] == ["v%d" % i for i in range(500)]


async def test_write_then_read_not_awaited(raw_wallet):
    """Each pair is submitted write first, read second, without awaiting the write: the read
    sees it (commands on one wallet run in order)."""
    h = raw_wallet.handle
    for i in range(50):
        id_ = "o%d" % i
        _, got = await asyncio.gather(
            non_secrets.add_wallet_record(h, TYPE, id_, "v%d" % i, json.dumps({"k": "x"})),
            non_secrets.get_wallet_record(h, TYPE, id_, json.dumps({"retrieveTags": True})))
        assert json.loads(got) == {"type": None, "id": id_, "value": "v%d" % i, "tags": {"k": "x"}}
        _, got = await asyncio.gather(
            non_secrets.update_wallet_record_value(h, TYPE, id_, "new"),
            non_secrets.get_wallet_record(h, TYPE, id_, "{}"))
        assert json.loads(got)["value"] == "new"
        _, _, got = await asyncio.gather(
            non_secrets.add_wallet_record_tags(h, TYPE, id_, json.dumps({"~t": "1"})),
            non_secrets.delete_wallet_record_tags(h, TYPE, id_, json.dumps(["k"])),
            non_secrets.get_wallet_record(h, TYPE, id_, json.dumps({"retrieveTags": True})))
        assert json.loads(got)["tags"] == {"~t": "1"}
        _, got = await asyncio.gather(
            non_secrets.delete_wallet_record(h, TYPE, id_),
            non_secrets.get_wallet_record(h, TYPE, id_, "{}"), return_exceptions=True)
        assert isinstance(got, error.WalletItemNotFound), got
    # add then a search opened before the add was awaited
    _, sh = await asyncio.gather(non_secrets.add_wallet_record(h, TYPE, "late", "v", json.dumps({"z": "1"})),
                                 non_secrets.open_wallet_search(h, TYPE, json.dumps({"z": "1"}), "{}"))
    page = json.loads(await non_secrets.fetch_wallet_search_next_records(h, sh, 10))
    await non_secrets.close_wallet_search(sh)
    assert [r["id"] for r in page["records"]] == ["late"]


# ================================================================ libindy 1.16 fixture wallets

def wallet_entry(manifest, wallet_id):
    return next(w for w in manifest["wallets"] if w["config"]["id"] == wallet_id)


@pytest.mark.parametrize("wallet_id", ["wallet1_raw", "wallet1_argon2i_int", "wallet1_argon2i_mod"])
async def test_fixture_wallet_records(manifest, copy_fixture_wallet, wallet_id):
    entry = wallet_entry(manifest, wallet_id)
    path = copy_fixture_wallet(wallet_id)
    config = wallet_config(wallet_id, path)
    creds = json.dumps(entry["credentials"])
    expected = {r["id"]: r for r in entry["content"]["records"]}
    assert len(expected) == 25
    full = {"retrieveType": True, "retrieveValue": True, "retrieveTags": True, "retrieveTotalCount": True}

    h = await wallet.open_wallet(config, creds)
    try:
        records, pages = await search(h, "FixtureRecord", {}, full, batch=10)
        assert pages[0]["totalCount"] == 25
        assert {r["id"]: r for r in records} == expected

        records, _ = await search(h, "FixtureRecord", {"name": "n1"}, full)
        assert {r["id"]: r for r in records} == {k: r for k, r in expected.items() if r["tags"]["name"] == "n1"}
        assert len(records) == 6

        records, _ = await search(h, "FixtureRecord", {"~num": {"$gte": "20"}}, full)  # text comparison
        want = {k: r for k, r in expected.items() if r["tags"]["~num"] >= "20"}
        assert {r["id"]: r for r in records} == want
        assert set(want) == {"wallet1-%d" % i for i in [*range(20, 25), *range(3, 10)]}

        assert await search_ids(h, {"~text": {"$like": "TWALLET11_"}}, "FixtureRecord") == \
            {"wallet1-%d" % i for i in range(10, 20)}
        assert await search_ids(h, {"$not": {"name": {"$in": ["n0", "n1", "n2"]}}}, "FixtureRecord") == \
            {"wallet1-%d" % i for i in range(3, 25, 4)}
        assert await get_full(h, "FixtureRecord", "wallet1-7") == expected["wallet1-7"]

        # change it in place, then reopen
        await non_secrets.update_wallet_record_value(h, "FixtureRecord", "wallet1-0", "changed")
        await non_secrets.add_wallet_record_tags(h, "FixtureRecord", "wallet1-0", json.dumps({"~num": "99"}))
        await non_secrets.add_wallet_record(h, "FixtureRecord", "new", "n", json.dumps({"name": "n1"}))
        await expect(error.WalletAccessFailed, non_secrets.open_wallet_search(h, "Indy::Did", "{}", "{}"))
    finally:
        await wallet.close_wallet(h)

    h = await wallet.open_wallet(config, creds)
    try:
        assert await get_full(h, "FixtureRecord", "wallet1-0") == {
            "type": "FixtureRecord", "id": "wallet1-0", "value": "changed",
            "tags": {"name": "n0", "~num": "99", "~text": "twallet10"}}
        assert await search_ids(h, {"name": "n1"}, "FixtureRecord") == \
            {k for k, r in expected.items() if r["tags"]["name"] == "n1"} | {"new"}
        assert "wallet1-0" in await search_ids(h, {"~num": {"$gte": "20"}}, "FixtureRecord")
    finally:
        await wallet.close_wallet(h)


# ================================================================ export / import

EXPORT_METHODS = {0: "ARGON2I_MOD", 1: "ARGON2I_INT", 2: "RAW"}
KDF_LIMITS = {
    0: (sodium.crypto_pwhash_argon2i_OPSLIMIT_MODERATE, sodium.crypto_pwhash_argon2i_MEMLIMIT_MODERATE),
    1: (sodium.crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE, sodium.crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE),
}


def read_export(path, key):
    """Independent reader of libindy's export file: (method, time, version, [(type, id, value, tags)])."""
    data = path.read_bytes()
    (header_len,) = struct.unpack("<I", data[:4])
    header = data[4:4 + header_len]
    (variant, fields), timestamp, version = msgpack.unpackb(header)
    if variant == 2:
        nonce, chunk = fields
        k = base58.b58decode(key)
    else:
        salt, nonce, chunk = fields
        ops, mem = KDF_LIMITS[variant]
        k = sodium.crypto_pwhash_alg(32, key.encode(), bytes(salt)[:16], ops, mem,
                                     sodium.crypto_pwhash_ALG_ARGON2I13)
    body = data[4 + header_len:]
    n = int.from_bytes(bytes(nonce), "little")
    plain = bytearray()
    for off in range(0, len(body), chunk + 16):
        plain += sodium.crypto_aead_chacha20poly1305_ietf_decrypt(
            body[off:off + chunk + 16], None, (n % (1 << 96)).to_bytes(12, "little"), k)
        n += 1
    assert plain[:32] == hashlib.sha256(header).digest()
    records, p = [], 32
    while True:
        (length,) = struct.unpack("<I", plain[p:p + 4])
        p += 4
        if length == 0:
            break
        type_, id_, value, tags = msgpack.unpackb(bytes(plain[p:p + length]), raw=False)
        records.append((type_, id_, value, tags))
        p += length
    assert p == len(plain), "bytes after the terminator"
    return EXPORT_METHODS[variant], timestamp, version, records


def test_reader_reads_libindy_exports(manifest):
    root = fixtures_root() / "libindy-1.16"
    for exp in manifest["exports"]:
        method, _, version, records = read_export(root / exp["file"], exp["key"])
        assert method == exp["key_derivation_method"] and version == 0
        content = wallet_entry(manifest, exp["content_of_wallet"])["content"]
        fixture = {(t, i): (v, tg) for t, i, v, tg in records if t == "FixtureRecord"}
        assert fixture == {("FixtureRecord", r["id"]): (r["value"], r["tags"]) for r in content["records"]}


async def check_content(h, content):
    """Everything a manifest 'content' lists, read through the API."""
    for item in content["dids"] + content["their_dids"]:
        assert await did.key_for_local_did(h, item["did"]) == item["verkey"]
    for d, meta in content["did_metadata"].items():
        assert await did.get_did_metadata(h, d) == meta
    for vk, meta in content["key_metadata"].items():
        assert await crypto.get_key_metadata(h, vk) == meta
    for pw in content["pairwise"]:
        assert json.loads(await pairwise.get_pairwise(h, pw["their_did"])) == \
            {"my_did": pw["my_did"], "metadata": pw["metadata"]}
    sig = content["signature_hex"]
    assert (await crypto.crypto_sign(h, sig["verkey"], sig["message"].encode())).hex() == sig["sig"]
    full = {"retrieveType": True, "retrieveTags": True, "retrieveTotalCount": True}
    records, pages = await search(h, "FixtureRecord", {}, full, batch=7)
    assert pages[0]["totalCount"] == len(content["records"])
    assert {r["id"]: r for r in records} == {r["id"]: r for r in content["records"]}
    # plaintext tags are still rangeable and encrypted ones still matchable under the new wallet keys
    assert await search_ids(h, {"~num": {"$gte": "20"}}, "FixtureRecord") == \
        {r["id"] for r in content["records"] if r["tags"]["~num"] >= "20"}
    assert await search_ids(h, {"name": "n2"}, "FixtureRecord") == \
        {r["id"] for r in content["records"] if r["tags"]["name"] == "n2"}


def assert_no_wallet(path, wallet_id):
    assert not (path / wallet_id).exists(), "a failed import left %s" % (path / wallet_id)


@pytest.mark.parametrize("export_index", [0, 1], ids=["raw", "argon2i_int"])
async def test_import_libindy_exports(manifest, tmp_path, export_index):
    exp = manifest["exports"][export_index]
    content = wallet_entry(manifest, exp["content_of_wallet"])["content"]
    src = fixtures_root() / "libindy-1.16" / exp["file"]
    config = wallet_config("imported", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")

    await wallet.import_wallet(config, creds, json.dumps({"path": str(src), "key": exp["key"]}))
    h = await wallet.open_wallet(config, creds)
    try:
        await check_content(h, content)
    finally:
        await wallet.close_wallet(h)
    await wallet.delete_wallet(config, creds)


@pytest.fixture
async def rich_wallet(raw_wallet):
    """raw_wallet with DIDs, metadata, a key, a their DID, pairwise and records; returns the
    handle and a manifest-style content description of it."""
    h = raw_wallet.handle
    dids = []
    for i in range(3):
        seed = "%032d" % (i + 77)
        d, vk = await did.create_and_store_my_did(h, json.dumps({"seed": seed}))
        dids.append({"did": d, "verkey": vk, "seed": seed})
        await did.set_did_metadata(h, d, "meta-%d \u00e9" % i)
    key = await crypto.create_key(h, json.dumps({"seed": "0000000000000000000000000KeySeed"}))
    await crypto.set_key_metadata(h, key, "kmeta")
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))
    await pairwise.create_pairwise(h, THEIR_DID, dids[0]["did"], "pw meta")
    records = []
    for i in range(25):
        r = {"type": "FixtureRecord", "id": "r%d" % i, "value": "value %d \u00fc" % i,
             "tags": {"name": "n%d" % (i % 4), "~num": str(i), "~text": "t%d" % i}}
        await non_secrets.add_wallet_record(h, r["type"], r["id"], r["value"], json.dumps(r["tags"]))
        records.append(r)
    big = "x\u00e9" * 40000  # spans many 1024-byte chunks
    await non_secrets.add_wallet_record(h, "Big", "big", big, None)
    await non_secrets.add_wallet_record(h, "NoTags", "nt", "v", None)
    sig = await crypto.crypto_sign(h, key, MESSAGE)
    content = {
        "dids": dids, "their_dids": [{"did": THEIR_DID, "verkey": THEIR_VERKEY}],
        "did_metadata": {d["did"]: "meta-%d \u00e9" % i for i, d in enumerate(dids)},
        "key_metadata": {key: "kmeta"},
        "pairwise": [{"their_did": THEIR_DID, "my_did": dids[0]["did"], "metadata": "pw meta"}],
        "signature_hex": {"verkey": key, "message": MESSAGE.decode(), "sig": sig.hex()},
        "records": records, "big": big,
    }
    return raw_wallet, content


@pytest.mark.parametrize("method", ["RAW", "ARGON2I_INT", "ARGON2I_MOD", None])
async def test_export_import_round_trip(rich_wallet, tmp_path, method):
    w, content = rich_wallet
    h = w.handle
    key = await wallet.generate_wallet_key(None) if method == "RAW" else "export passphrase \u00e9"
    export_path = tmp_path / "exports" / "wallet.dat"
    export_config = {"path": str(export_path), "key": key}
    if method:
        export_config["key_derivation_method"] = method
    started = int(time.time())
    await wallet.export_wallet(h, json.dumps(export_config))
    assert export_path.exists()

    # the file, read independently
    file_method, timestamp, version, records = read_export(export_path, key)
    assert file_method == (method or "ARGON2I_MOD") and version == 0
    assert started - 5 <= timestamp <= time.time() + 5
    by_key = {(t, i): (v, tg) for t, i, v, tg in records}
    assert len(by_key) == len(records)
    for r in content["records"]:
        assert by_key[("FixtureRecord", r["id"])] == (r["value"], r["tags"])
    assert by_key[("Big", "big")] == (content["big"], {})
    assert by_key[("NoTags", "nt")] == ("v", {})
    for d in content["dids"]:
        assert ("Indy::Did", d["did"]) in by_key
    assert ("Indy::Pairwise", THEIR_DID) in by_key
    assert ("Indy::TheirDid", THEIR_DID) in by_key
    assert not any(t.startswith("Probe") for t, _ in by_key)

    # the source wallet is unchanged and still usable
    assert await did.key_for_local_did(h, content["dids"][1]["did"]) == content["dids"][1]["verkey"]
    await assert_usable(h)

    # import with other credentials (argon2i: re-encrypted under new keys)
    config = wallet_config("imported", tmp_path)
    creds = wallet_credentials("import passphrase", "ARGON2I_INT")
    await wallet.import_wallet(config, creds, json.dumps({"path": str(export_path), "key": key}))
    h2 = await wallet.open_wallet(config, creds)
    try:
        await check_content(h2, content)
        assert await get_full(h2, "Big", "big") == {"type": "Big", "id": "big", "value": content["big"], "tags": {}}
        assert await get_full(h2, "NoTags", "nt") == {"type": "NoTags", "id": "nt", "value": "v", "tags": {}}
        listed = [json.loads(s) for s in json.loads(await pairwise.list_pairwise(h2))]
        assert listed == [{"my_did": content["dids"][0]["did"], "their_did": THEIR_DID, "metadata": "pw meta"}]
        # the seeds' DIDs are there: creating one again is a duplicate
        await expect(error.DidAlreadyExistsError,
                     did.create_and_store_my_did(h2, json.dumps({"seed": content["dids"][2]["seed"]})))
        # and it works as a wallet
        await assert_usable(h2)
        # the same records as the source, whole
        full = {"retrieveType": True, "retrieveTags": True}
        for t in ("FixtureRecord", "Big", "NoTags"):
            a, _ = await search(h, t, {}, full)
            b, _ = await search(h2, t, {}, full)
            assert sorted(a, key=lambda r: r["id"]) == sorted(b, key=lambda r: r["id"])
    finally:
        await wallet.close_wallet(h2)
    await wallet.delete_wallet(config, creds)


async def test_export_existing_path(rich_wallet, tmp_path):
    w, _ = rich_wallet
    target = tmp_path / "exists.dat"
    target.write_bytes(b"keep me")
    key = await wallet.generate_wallet_key(None)
    e = await expect(error.CommonIOError, wallet.export_wallet(
        w.handle, json.dumps({"path": str(target), "key": key, "key_derivation_method": "RAW"})))
    assert e.error_code == 114
    assert target.read_bytes() == b"keep me"
    await assert_usable(w.handle)


async def test_export_errors(rich_wallet, tmp_path):
    w, _ = rich_wallet
    key = await wallet.generate_wallet_key(None)
    cfg = json.dumps({"path": str(tmp_path / "a.dat"), "key": key, "key_derivation_method": "RAW"})
    await expect(error.WalletInvalidHandle, wallet.export_wallet(w.handle + 1000, cfg))
    assert not (tmp_path / "a.dat").exists()
    for bad in ["not json", json.dumps({"path": str(tmp_path / "b.dat")}),
                json.dumps({"key": key})]:
        await expect(error.CommonInvalidStructure, wallet.export_wallet(w.handle, bad))
    assert not (tmp_path / "b.dat").exists()
    await assert_usable(w.handle)


async def raw_export(rich_wallet, tmp_path):
    w, content = rich_wallet
    key = await wallet.generate_wallet_key(None)
    path = tmp_path / "export.dat"
    await wallet.export_wallet(w.handle, json.dumps({"path": str(path), "key": key, "key_derivation_method": "RAW"}))
    return path, key, content


async def assert_import_leaves_nothing(tmp_path, wallet_id, creds):
    assert_no_wallet(tmp_path, wallet_id)
    await expect(error.WalletNotFoundError, wallet.open_wallet(wallet_config(wallet_id, tmp_path), creds))


async def test_import_wrong_key(rich_wallet, tmp_path):
    path, key, content = await raw_export(rich_wallet, tmp_path)
    config = wallet_config("imp", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")
    wrong = await wallet.generate_wallet_key(None)
    e = await expect(error.CommonInvalidStructure,
                     wallet.import_wallet(config, creds, json.dumps({"path": str(path), "key": wrong})))
    assert e.error_code == 113
    await assert_import_leaves_nothing(tmp_path, "imp", creds)
    # the right key then works into the same config
    await wallet.import_wallet(config, creds, json.dumps({"path": str(path), "key": key}))
    h = await wallet.open_wallet(config, creds)
    try:
        await check_content(h, content)
    finally:
        await wallet.close_wallet(h)


async def test_import_wrong_passphrase_of_libindy_export(manifest, tmp_path):
    exp = manifest["exports"][1]
    src = fixtures_root() / "libindy-1.16" / exp["file"]
    config = wallet_config("imp", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")
    await expect(error.CommonInvalidStructure,
                 wallet.import_wallet(config, creds, json.dumps({"path": str(src), "key": exp["key"] + "x"})))
    await assert_import_leaves_nothing(tmp_path, "imp", creds)


async def test_import_missing_file(tmp_path):
    config = wallet_config("imp", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")
    e = await expect(error.CommonIOError, wallet.import_wallet(
        config, creds, json.dumps({"path": str(tmp_path / "no-such.dat"), "key": "k"})))
    assert e.error_code == 114
    await assert_import_leaves_nothing(tmp_path, "imp", creds)


async def test_import_into_existing_wallet(rich_wallet, tmp_path):
    path, key, _ = await raw_export(rich_wallet, tmp_path)
    w, _ = rich_wallet
    # the source wallet itself is the existing one (open)
    e = await expect(error.WalletAlreadyExistsError,
                     wallet.import_wallet(w.config, w.credentials, json.dumps({"path": str(path), "key": key})))
    assert e.error_code == 203
    await assert_usable(w.handle)

    # a closed existing wallet with its own content survives the refused import
    config = wallet_config("other", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")
    await wallet.create_wallet(config, creds)
    h = await wallet.open_wallet(config, creds)
    await non_secrets.add_wallet_record(h, TYPE, "mine", "v", json.dumps({"~a": "1"}))
    await wallet.close_wallet(h)
    await expect(error.WalletAlreadyExistsError,
                 wallet.import_wallet(config, creds, json.dumps({"path": str(path), "key": key})))
    h = await wallet.open_wallet(config, creds)
    try:
        assert await get_full(h, TYPE, "mine") == {"type": TYPE, "id": "mine", "value": "v", "tags": {"~a": "1"}}
        assert await search_ids(h, {}, "FixtureRecord") == set()  # nothing imported into it
    finally:
        await wallet.close_wallet(h)


async def test_import_truncated_file(rich_wallet, tmp_path):
    path, key, _ = await raw_export(rich_wallet, tmp_path)
    data = path.read_bytes()
    config = wallet_config("imp", tmp_path)
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")
    for n, cut in enumerate([len(data) - 100, len(data) // 2, 10]):
        bad = tmp_path / ("cut%d.dat" % n)
        bad.write_bytes(data[:cut])
        with pytest.raises(error.IndyError) as e:
            await wallet.import_wallet(config, creds, json.dumps({"path": str(bad), "key": key}))
        assert e.value.error_code in (ErrorCode.CommonInvalidStructure, ErrorCode.CommonIOError), e.value.error_code
        await assert_import_leaves_nothing(tmp_path, "imp", creds)
