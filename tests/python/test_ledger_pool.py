"""The official python3-indy's ledger, pool and cache modules, unchanged, against a real
local pool (``ci/indy-pool/start.sh`` exports INDY_POOL_GENESIS); skipped without one."""
import json
import os
import time

import pytest

from indy import anoncreds, cache, did, error, ledger, pool

from conftest import TRUSTEE1_DID, TRUSTEE1_SEED

GENESIS = os.environ.get("INDY_POOL_GENESIS")
pytestmark = pytest.mark.skipif(not GENESIS, reason="no local pool: INDY_POOL_GENESIS is not set")


@pytest.fixture
async def pool_handle(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # pool configs under a temporary ~/.indy_client
    await pool.set_protocol_version(2)
    await pool.create_pool_ledger_config("py", json.dumps({"genesis_txn": GENESIS}))
    handle = await pool.open_pool_ledger("py", None)
    yield handle
    await pool.close_pool_ledger(handle)
    await pool.delete_pool_ledger_config("py")


async def read_until(request, parse, pool_handle):
    deadline = time.monotonic() + 20
    while True:
        try:
            return await parse(await ledger.submit_request(pool_handle, request))
        except error.IndyError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


async def test_python3_indy_writes_and_reads_the_ledger(pool_handle, raw_wallet):
    wh = raw_wallet.handle
    trustee, _ = await did.create_and_store_my_did(wh, json.dumps({"seed": TRUSTEE1_SEED}))
    assert trustee == TRUSTEE1_DID
    endorser, endorser_vk = await did.create_and_store_my_did(wh, "{}")

    nym = await ledger.build_nym_request(trustee, endorser, endorser_vk, None, "ENDORSER")
    reply = json.loads(await ledger.sign_and_submit_request(pool_handle, wh, trustee, nym))
    assert reply["op"] == "REPLY", reply
    read = await read_until(await ledger.build_get_nym_request(None, endorser), ledger.parse_get_nym_response,
                            pool_handle)
    assert json.loads(read) == {"did": endorser, "verkey": endorser_vk, "role": "101"}
    metadata = json.loads(await ledger.get_response_metadata(json.dumps(reply)))
    assert metadata["seqNo"] > 0

    # A schema written by an author with the endorser's signature too.
    author, author_vk = await did.create_and_store_my_did(wh, "{}")
    nym = await ledger.build_nym_request(trustee, author, author_vk, None, None)
    assert json.loads(await ledger.sign_and_submit_request(pool_handle, wh, trustee, nym))["op"] == "REPLY"
    version = "1.%d" % int(time.time() * 1000)
    schema_id, schema = await anoncreds.issuer_create_schema(author, "gvt", version, '["name", "age"]')
    request = await ledger.build_schema_request(author, schema)
    request = await ledger.append_request_endorser(request, endorser)
    request = await ledger.multi_sign_request(wh, author, request)
    request = await ledger.multi_sign_request(wh, endorser, request)
    assert set(json.loads(request)["signatures"]) == {author, endorser}
    reply = json.loads(await ledger.submit_request(pool_handle, request))
    assert reply["op"] == "REPLY", reply
    read_id, read_schema = await read_until(await ledger.build_get_schema_request(None, schema_id),
                                            ledger.parse_get_schema_response, pool_handle)
    assert read_id == schema_id and json.loads(read_schema)["seqNo"] > 0

    # A credential definition from the ledger's schema, then through the cache.
    cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
        wh, trustee, read_schema, "TAG", "CL", '{"support_revocation": false}')
    request = await ledger.build_cred_def_request(trustee, cred_def)
    assert json.loads(await ledger.sign_and_submit_request(pool_handle, wh, trustee, request))["op"] == "REPLY"
    read_id, _ = await read_until(await ledger.build_get_cred_def_request(None, cred_def_id),
                                  ledger.parse_get_cred_def_response, pool_handle)
    assert read_id == cred_def_id
    cached = json.loads(await cache.get_cred_def(pool_handle, wh, trustee, cred_def_id, "{}"))
    assert cached["id"] == cred_def_id
    assert json.loads(await cache.get_schema(pool_handle, wh, trustee, schema_id, "{}"))["id"] == schema_id
    await cache.purge_schema_cache(wh, json.dumps({"maxAge": -1}))
    with pytest.raises(error.IndyError) as e:
        await cache.get_schema(pool_handle, wh, trustee, schema_id, json.dumps({"noUpdate": True}))
    assert e.value.error_code == error.ErrorCode.LedgerNotFound

    # TAA acceptance is appended as libindy does (the pool has no TAA: the request passes).
    request = await ledger.build_get_txn_author_agreement_request(None, None)
    reply = json.loads(await ledger.submit_request(pool_handle, request))
    assert reply["op"] == "REPLY"
    with_taa = json.loads(await ledger.append_txn_author_agreement_acceptance_to_request(
        nym, "text", "1.0", None, "on_click", int(time.time())))
    assert with_taa["taaAcceptance"]["time"] % 86400 == 0

    # An action to one node.
    request = await ledger.sign_request(wh, trustee, await ledger.build_get_validator_info_request(trustee))
    replies = json.loads(await ledger.submit_action(pool_handle, request, '["Node1"]', None))
    assert list(replies) == ["Node1"]


async def test_python3_indy_pool_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(error.IndyError) as e:
        await pool.open_pool_ledger("nothing-here", None)
    assert e.value.error_code == error.ErrorCode.PoolLedgerNotCreatedError
    await pool.create_pool_ledger_config("twice", json.dumps({"genesis_txn": GENESIS}))
    with pytest.raises(error.IndyError) as e:
        await pool.create_pool_ledger_config("twice", json.dumps({"genesis_txn": GENESIS}))
    assert e.value.error_code == error.ErrorCode.PoolLedgerConfigAlreadyExistsError
    assert {"pool": "twice"} in await pool.list_pools()
    await pool.delete_pool_ledger_config("twice")
