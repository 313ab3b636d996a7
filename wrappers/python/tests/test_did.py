"""indy.did through the real library."""

import json

import pytest

from indy import crypto, did, error
from indy.error import ErrorCode

from conftest import (MY1_DID, MY1_SEED, MY1_VERKEY, THEIR_DID, THEIR_VERKEY, TRUSTEE1_DID, TRUSTEE1_SEED,
                      TRUSTEE1_VERKEY, assert_detailed)


async def test_create_and_store_my_did(raw_wallet):
    h = raw_wallet.handle
    res = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    assert res == (TRUSTEE1_DID, TRUSTEE1_VERKEY) and isinstance(res, tuple)
    d1, v1 = await did.create_and_store_my_did(h, "{}")
    d2, v2 = await did.create_and_store_my_did(h, "{}")
    assert d1 != d2 and v1 != v2
    assert await did.create_and_store_my_did(h, json.dumps({"did": MY1_DID, "seed": MY1_SEED})) == \
        (MY1_DID, MY1_VERKEY)
    cid, vk = await did.create_and_store_my_did(h, json.dumps({"seed": "0" * 32, "cid": True}))
    assert cid == vk

    with pytest.raises(error.DidAlreadyExistsError) as e:
        await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    assert e.value.error_code == ErrorCode.DidAlreadyExistsError
    assert_detailed(e.value)
    with pytest.raises(error.CommonInvalidStructure):
        await did.create_and_store_my_did(h, json.dumps({"seed": "too short"}))
    with pytest.raises(error.WalletInvalidHandle):
        await did.create_and_store_my_did(h + 1000, "{}")


async def test_key_for_did_and_their_dids(raw_wallet):
    h = raw_wallet.handle
    await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    assert await did.key_for_local_did(h, TRUSTEE1_DID) == TRUSTEE1_VERKEY
    assert await did.key_for_did(-1, h, TRUSTEE1_DID) == TRUSTEE1_VERKEY

    assert await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY})) is None
    assert await did.key_for_local_did(h, THEIR_DID) == THEIR_VERKEY
    abbreviated = await did.abbreviate_verkey(MY1_DID, MY1_VERKEY)
    await did.store_their_did(h, json.dumps({"did": MY1_DID, "verkey": abbreviated}))
    assert await did.key_for_local_did(h, MY1_DID) == MY1_VERKEY

    with pytest.raises(error.WalletItemNotFound) as e:
        await did.key_for_local_did(h, "LjJFznsZnEWvFKuxzK9XSs")
    assert_detailed(e.value)
    with pytest.raises(error.PoolLedgerInvalidPoolHandle):  # would ask the ledger; no pools yet
        await did.key_for_did(-1, h, "LjJFznsZnEWvFKuxzK9XSs")
    with pytest.raises(error.CommonInvalidStructure):
        await did.store_their_did(h, "[")


async def test_abbreviate_verkey():
    abbreviated = await did.abbreviate_verkey(TRUSTEE1_DID, TRUSTEE1_VERKEY)
    assert abbreviated.startswith("~") and len(abbreviated) < len(TRUSTEE1_VERKEY)
    # a DID not derived from the key: the full key comes back
    assert await did.abbreviate_verkey(MY1_DID, TRUSTEE1_VERKEY) == TRUSTEE1_VERKEY
    with pytest.raises(error.IndyError) as e:
        await did.abbreviate_verkey("not a did", "not a key")
    assert e.value.error_code in (ErrorCode.CommonInvalidStructure, ErrorCode.CommonInvalidParam2)


async def test_replace_keys(raw_wallet):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, "{}")
    with pytest.raises(error.WalletItemNotFound):
        await did.replace_keys_apply(h, d)
    new_vk = await did.replace_keys_start(h, d, json.dumps({"seed": MY1_SEED}))
    assert new_vk == MY1_VERKEY
    assert await did.key_for_local_did(h, d) == vk  # not applied yet
    meta = json.loads(await did.get_my_did_with_meta(h, d))
    assert meta["tempVerkey"] == MY1_VERKEY
    assert await did.replace_keys_apply(h, d) is None
    assert await did.key_for_local_did(h, d) == MY1_VERKEY
    with pytest.raises(error.WalletItemNotFound):
        await did.replace_keys_start(h, TRUSTEE1_DID, "{}")


async def test_did_metadata_and_listing(raw_wallet):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    with pytest.raises(error.WalletItemNotFound):
        await did.get_did_metadata(h, d)
    assert await did.set_did_metadata(h, d, "some metadata") is None
    assert await did.get_did_metadata(h, d) == "some metadata"
    await did.set_did_metadata(h, d, "")
    assert await did.get_did_metadata(h, d) == ""

    await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    one = json.loads(await did.get_my_did_with_meta(h, d))
    assert one["did"] == d and one["verkey"] == vk and one["metadata"] == ""
    listed = json.loads(await did.list_my_dids_with_meta(h))
    assert sorted(x["did"] for x in listed) == sorted([TRUSTEE1_DID, MY1_DID])
    with pytest.raises(error.WalletItemNotFound):
        await did.get_my_did_with_meta(h, THEIR_DID)


async def test_endpoints(raw_wallet):
    h = raw_wallet.handle
    assert await did.set_endpoint_for_did(h, THEIR_DID, "127.0.0.1:9700", THEIR_VERKEY) is None
    assert await did.get_endpoint_for_did(h, -1, THEIR_DID) == ("127.0.0.1:9700", THEIR_VERKEY)
    with pytest.raises(error.PoolLedgerInvalidPoolHandle):  # not stored: would ask the ledger
        await did.get_endpoint_for_did(h, -1, MY1_DID)
    with pytest.raises(error.CommonInvalidStructure):
        await did.set_endpoint_for_did(h, THEIR_DID, "127.0.0.1:9700", "not a key")


async def test_qualify_did(raw_wallet):
    h = raw_wallet.handle
    d, vk = await did.create_and_store_my_did(h, "{}")
    full = await did.qualify_did(h, d, "peer")
    assert full == "did:peer:" + d
    assert await did.key_for_local_did(h, full) == vk


async def test_key_functions_are_also_in_did(raw_wallet):
    assert did.create_key is crypto.create_key
    vk = await did.create_key(raw_wallet.handle, json.dumps({"seed": MY1_SEED}))
    assert vk == MY1_VERKEY
    await did.set_key_metadata(raw_wallet.handle, vk, "m")
    assert await did.get_key_metadata(raw_wallet.handle, vk) == "m"
