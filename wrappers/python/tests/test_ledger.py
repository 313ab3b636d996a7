"""indy.ledger, indy.pool and indy.cache through the real library, without a ledger:
requests as libindy builds and signs them, pool configs on disk, and libindy's errors.
(The flows against a running pool are in libindy/tests/ledger.rs.)"""

import json

import pytest

from indy import cache, did, error, ledger, pool

from conftest import MY1_DID, TRUSTEE1_DID, TRUSTEE1_SEED, assert_detailed

# libindy's own test request and its trustee signature (libindy tests/ledger.rs).
REQUEST = json.dumps({"reqId": 1496822211362017764, "identifier": "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL",
                      "operation": {"type": "1", "dest": "VsKV7grR1BUE29mG2Fm2kX",
                                    "verkey": "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"}})
SIGNATURE = "65hzs4nsdQsTUqLCLy2qisbKLfwYKZSWoyh1C6CU59p5pfG3EHQXGAsjW4Qw4QdwkrvjSgQuyv8qyABcXRBznFKW"

GENESIS = json.dumps({
    "reqSignature": {}, "ver": "1",
    "txn": {"data": {"data": {"alias": "Node1", "blskey": "4N8aUNHSgjQVgkpm8nhNEfDf6txHznoYREg9kirmJrkivgL4oSEimFF6nsQ6M41QvhM2Z33nves5vfSn9n1UwNFJBYtWVnHYMATn76vLuL3zU88KyeAYcHfsih3He6UHcXDxcaecHVz6jhCYz1P2UZn2bDVruL5wXpehgBfBaLKm3Ba",
                              "blskey_pop": "RahHYiCvoNCtPTrVtP7nMC5eTYrsUA8WjXbdhNc8debh1agE9bGiJxWBXYNFbnJXoXhWFMvyqhqhRoq737YQemH5ik9oL7R4NTTCz2LEZhkgLJzB3QRQqJyBNyv7acbdHrAT8nQ9UkLbaVL9NBpnWXBTw4LEMePaSHEw66RzPNdAX1",
                              "client_ip": "127.0.0.1", "client_port": 9702, "node_ip": "127.0.0.1", "node_port": 9701,
                              "services": ["VALIDATOR"]},
                     "dest": "Gw6pDLhcBcoQesN72qfotTgFa7cbuqZpkX3Xo6pLhPhv"},
            "metadata": {"from": "Th7MpTaRZVRYnPiabds81Y"}, "type": "0"},
    "txnMetadata": {"seqNo": 1, "txnId": "fea82e10e894419fe2bea7d96296a6d46f50f93f9eeda954ec461b2ed2950b62"}})


async def test_builders_give_libindy_requests():
    nym = json.loads(await ledger.build_nym_request(TRUSTEE1_DID, MY1_DID, None, "alias", "TRUST_ANCHOR"))
    assert nym["identifier"] == TRUSTEE1_DID and nym["protocolVersion"] == 2 and nym["reqId"] > 0
    assert nym["operation"] == {"type": "1", "dest": MY1_DID, "alias": "alias", "role": "101"}
    get_nym = json.loads(await ledger.build_get_nym_request(None, MY1_DID))
    assert get_nym["identifier"] == "LibindyDid111111111111"
    txn = json.loads(await ledger.build_get_txn_request(None, "POOL", 3))
    assert txn["operation"] == {"type": "3", "data": 3, "ledgerId": 0}
    delta = json.loads(await ledger.build_get_revoc_reg_delta_request(
        None, "V4SGRU86Z58d6TV7PBUe6f:4:V4SGRU86Z58d6TV7PBUe6f:3:CL:1:tag:CL_ACCUM:r", None, 100))
    assert "from" not in delta["operation"] and delta["operation"]["to"] == 100
    taa = json.loads(await ledger.build_txn_author_agreement_request(TRUSTEE1_DID, "text", "1.0"))
    assert taa["operation"] == {"type": "4", "text": "text", "version": "1.0"}
    frozen = json.loads(await ledger.build_ledgers_freeze_request(TRUSTEE1_DID, [0, 1, 10]))
    assert frozen["operation"] == {"type": "9", "ledgers_ids": [0, 1, 10]}
    with pytest.raises(error.CommonInvalidStructure) as e:
        await ledger.build_nym_request(TRUSTEE1_DID, MY1_DID, None, None, "KING")
    assert_detailed(e.value)
    with pytest.raises(error.CommonInvalidStructure):
        await ledger.build_attrib_request(TRUSTEE1_DID, MY1_DID, None, None, None)


async def test_sign_multi_sign_taa_endorser(raw_wallet):
    h = raw_wallet.handle
    await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
    signed = json.loads(await ledger.sign_request(h, TRUSTEE1_DID, REQUEST))
    assert signed["signature"] == SIGNATURE
    multi = json.loads(await ledger.multi_sign_request(h, TRUSTEE1_DID, REQUEST))
    assert multi["signatures"] == {TRUSTEE1_DID: SIGNATURE}
    with pytest.raises(error.WalletItemNotFound):
        await ledger.sign_request(h, MY1_DID, REQUEST)
    with_taa = json.loads(await ledger.append_txn_author_agreement_acceptance_to_request(
        REQUEST, "some TAA text", "1.0.0", None, "on_click", 123456789))
    assert with_taa["taaAcceptance"] == {
        "mechanism": "on_click", "time": 123379200,
        "taaDigest": "d1406f26bd4ab9c1a0b07a77865105df05f9943557700834db29eb7e3a68735e"}
    endorsed = json.loads(await ledger.append_request_endorser(REQUEST, "did:sov:" + MY1_DID))
    assert endorsed["endorser"] == MY1_DID


async def test_parsers_and_metadata():
    reply = json.dumps({"op": "REPLY", "result": {
        "type": "107", "dest": TRUSTEE1_DID, "seqNo": 14, "txnTime": 1,
        "data": {"name": "gvt", "version": "1.0", "attr_names": ["name"]}}})
    schema_id, schema = await ledger.parse_get_schema_response(reply)
    assert schema_id == TRUSTEE1_DID + ":2:gvt:1.0" and json.loads(schema)["seqNo"] == 14
    assert json.loads(await ledger.get_response_metadata(reply)) == {"seqNo": 14, "txnTime": 1}
    with pytest.raises(error.LedgerInvalidTransaction):
        await ledger.get_response_metadata("{}")


async def test_pool_configs_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    genesis = tmp_path / "genesis.txn"
    genesis.write_text(GENESIS + "\n")
    await pool.create_pool_ledger_config("p1", json.dumps({"genesis_txn": str(genesis)}))
    assert (tmp_path / ".indy_client" / "pool" / "p1" / "p1.txn").read_text() == GENESIS + "\n"
    assert await pool.list_pools() == [{"pool": "p1"}]
    with pytest.raises(error.PoolLedgerConfigAlreadyExistsError):
        await pool.create_pool_ledger_config("p1", json.dumps({"genesis_txn": str(genesis)}))
    with pytest.raises(error.CommonIOError):
        await pool.create_pool_ledger_config("p2", json.dumps({"genesis_txn": str(tmp_path / "missing")}))
    bad = tmp_path / "bad.txn"
    bad.write_text("not json\n")
    with pytest.raises(error.CommonInvalidStructure):
        await pool.create_pool_ledger_config("p3", json.dumps({"genesis_txn": str(bad)}))
    with pytest.raises(error.PoolLedgerNotCreatedError):
        await pool.open_pool_ledger("unknown", None)
    await pool.delete_pool_ledger_config("p1")
    assert await pool.list_pools() == []


async def test_closed_or_unknown_pool_handles(raw_wallet):
    request = await ledger.build_get_nym_request(None, MY1_DID)
    with pytest.raises(error.PoolLedgerInvalidPoolHandle) as e:
        await ledger.submit_request(12345, request)
    assert_detailed(e.value)
    with pytest.raises(error.PoolLedgerInvalidPoolHandle):
        await pool.close_pool_ledger(12345)
    with pytest.raises(error.PoolLedgerInvalidPoolHandle):
        await pool.refresh_pool_ledger(12345)
    with pytest.raises(error.LedgerNotFound):
        await cache.get_schema(12345, raw_wallet.handle, TRUSTEE1_DID, TRUSTEE1_DID + ":2:gvt:1.0",
                               json.dumps({"noUpdate": True}))
    await cache.purge_schema_cache(raw_wallet.handle, json.dumps({"maxAge": -1}))
    await cache.purge_cred_def_cache(raw_wallet.handle, "{}")
