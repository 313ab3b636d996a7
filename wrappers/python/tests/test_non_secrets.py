"""indy.non_secrets through the real library."""

import json

import pytest

from indy import error, non_secrets

from conftest import assert_detailed

ALL = json.dumps({"retrieveType": True, "retrieveValue": True, "retrieveTags": True})


async def get(h, id_):
    return json.loads(await non_secrets.get_wallet_record(h, "note", id_, ALL))


async def test_record_life(raw_wallet):
    h = raw_wallet.handle
    assert await non_secrets.add_wallet_record(h, "note", "a", "value a", json.dumps({"t1": "x", "~n": "5"})) is None
    assert await get(h, "a") == {"type": "note", "id": "a", "value": "value a", "tags": {"t1": "x", "~n": "5"}}
    default = json.loads(await non_secrets.get_wallet_record(h, "note", "a", "{}"))
    assert default["value"] == "value a" and default["tags"] is None

    await non_secrets.update_wallet_record_value(h, "note", "a", "new value")
    await non_secrets.add_wallet_record_tags(h, "note", "a", json.dumps({"t2": "y", "t1": "z"}))
    assert await get(h, "a") == {"type": "note", "id": "a", "value": "new value",
                                 "tags": {"t1": "z", "t2": "y", "~n": "5"}}
    await non_secrets.delete_wallet_record_tags(h, "note", "a", json.dumps(["t1", "missing"]))
    assert (await get(h, "a"))["tags"] == {"t2": "y", "~n": "5"}
    await non_secrets.update_wallet_record_tags(h, "note", "a", json.dumps({"only": "this"}))
    assert (await get(h, "a"))["tags"] == {"only": "this"}

    assert await non_secrets.delete_wallet_record(h, "note", "a") is None
    with pytest.raises(error.WalletItemNotFound) as e:
        await non_secrets.get_wallet_record(h, "note", "a", "{}")
    assert_detailed(e.value)


async def test_record_errors(raw_wallet):
    h = raw_wallet.handle
    await non_secrets.add_wallet_record(h, "note", "a", "v", None)
    with pytest.raises(error.WalletItemAlreadyExists):
        await non_secrets.add_wallet_record(h, "note", "a", "v", None)
    for call in (lambda: non_secrets.update_wallet_record_value(h, "note", "b", "v"),
                 lambda: non_secrets.update_wallet_record_tags(h, "note", "b", "{}"),
                 lambda: non_secrets.add_wallet_record_tags(h, "note", "b", "{}"),
                 lambda: non_secrets.delete_wallet_record_tags(h, "note", "b", "[]"),
                 lambda: non_secrets.delete_wallet_record(h, "note", "b")):
        with pytest.raises(error.WalletItemNotFound):
            await call()
    with pytest.raises(error.CommonInvalidStructure):
        await non_secrets.add_wallet_record(h, "note", "c", "v", "not json")
    with pytest.raises(error.WalletAccessFailed):  # types starting with Indy are the library's
        await non_secrets.add_wallet_record(h, "Indy::Did", "x", "v", None)


async def test_search(raw_wallet):
    h = raw_wallet.handle
    for i in range(10):
        await non_secrets.add_wallet_record(h, "note", "r%d" % i, "value %d" % i,
                                            json.dumps({"parity": "even" if i % 2 == 0 else "odd", "~n": str(i)}))
    await non_secrets.add_wallet_record(h, "other", "x", "v", json.dumps({"parity": "even"}))

    options = json.dumps({"retrieveRecords": True, "retrieveTotalCount": True, "retrieveTags": True})
    search = await non_secrets.open_wallet_search(
        h, "note", json.dumps({"parity": "even", "~n": {"$gt": "3"}}), options)
    assert isinstance(search, int)
    page = json.loads(await non_secrets.fetch_wallet_search_next_records(h, search, 2))
    assert page["totalCount"] == 3 and len(page["records"]) == 2
    rest = json.loads(await non_secrets.fetch_wallet_search_next_records(h, search, 10))
    ids = {r["id"] for r in page["records"] + rest["records"]}
    assert ids == {"r4", "r6", "r8"}
    end = json.loads(await non_secrets.fetch_wallet_search_next_records(h, search, 10))
    assert not end["records"]
    assert await non_secrets.close_wallet_search(search) is None

    with pytest.raises(error.WalletInvalidHandle):
        await non_secrets.fetch_wallet_search_next_records(h, search, 1)
    with pytest.raises(error.WalletInvalidHandle):
        await non_secrets.close_wallet_search(search)

    search = await non_secrets.open_wallet_search(
        h, "note", json.dumps({"$or": [{"~n": "1"}, {"$not": {"parity": {"$in": ["even", "odd"]}}}]}), "{}")
    found = json.loads(await non_secrets.fetch_wallet_search_next_records(h, search, 10))
    assert [r["id"] for r in found["records"]] == ["r1"] and found["totalCount"] is None
    await non_secrets.close_wallet_search(search)

    with pytest.raises(error.WalletQueryError) as e:
        await non_secrets.open_wallet_search(h, "note", json.dumps({"$bogus": 1}), "{}")
    assert_detailed(e.value)
