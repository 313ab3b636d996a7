"""indy.pairwise through the real library."""

import json

import pytest

from indy import did, error, pairwise

from conftest import MY1_SEED, THEIR_DID, THEIR_VERKEY, TRUSTEE1_DID


async def test_pairwise_life(raw_wallet):
    h = raw_wallet.handle
    my_did, _ = await did.create_and_store_my_did(h, json.dumps({"seed": MY1_SEED}))
    await did.store_their_did(h, json.dumps({"did": THEIR_DID, "verkey": THEIR_VERKEY}))

    assert await pairwise.is_pairwise_exists(h, THEIR_DID) is False
    assert await pairwise.create_pairwise(h, THEIR_DID, my_did, "meta") is None
    assert await pairwise.is_pairwise_exists(h, THEIR_DID) is True
    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID)) == {"my_did": my_did, "metadata": "meta"}
    listed = [json.loads(p) for p in json.loads(await pairwise.list_pairwise(h))]
    assert listed == [{"my_did": my_did, "their_did": THEIR_DID, "metadata": "meta"}]

    assert await pairwise.set_pairwise_metadata(h, THEIR_DID, "new") is None
    assert json.loads(await pairwise.get_pairwise(h, THEIR_DID))["metadata"] == "new"
    await pairwise.set_pairwise_metadata(h, THEIR_DID, None)
    assert "metadata" not in json.loads(await pairwise.get_pairwise(h, THEIR_DID))

    with pytest.raises(error.WalletItemAlreadyExists):
        await pairwise.create_pairwise(h, THEIR_DID, my_did, None)


async def test_pairwise_errors(raw_wallet):
    h = raw_wallet.handle
    my_did, _ = await did.create_and_store_my_did(h, "{}")
    with pytest.raises(error.WalletItemNotFound):  # their DID was never stored
        await pairwise.create_pairwise(h, TRUSTEE1_DID, my_did, None)
    with pytest.raises(error.WalletItemNotFound):
        await pairwise.get_pairwise(h, TRUSTEE1_DID)
    with pytest.raises(error.WalletItemNotFound):
        await pairwise.set_pairwise_metadata(h, TRUSTEE1_DID, "x")
    with pytest.raises(error.WalletInvalidHandle):
        await pairwise.list_pairwise(h + 1000)
