"""The official python3-indy's ledger, pool and cache modules, unchanged, against a real
local pool (``ci/indy-pool/start.sh`` exports INDY_POOL_GENESIS); skipped without one."""
import asyncio
import hashlib
import json
import os
import time

import pytest

from indy import anoncreds, blob_storage, cache, did, error, ledger, pool, wallet

from conftest import TRUSTEE1_DID, TRUSTEE1_SEED, wallet_config, wallet_credentials
from test_anoncreds import GVT_VALUES

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


async def read_until(request, parse, pool_handle, ready=lambda parsed: True):
    """Reads until the ledger has it and `ready` accepts it: a write is ordered before every
    node serves it, and a node behind the others answers with an older state."""
    deadline = time.monotonic() + 20
    while True:
        try:
            parsed = await parse(await ledger.submit_request(pool_handle, request))
            if ready(parsed):
                return parsed
            if time.monotonic() > deadline:
                raise AssertionError("the ledger still answers %r" % (parsed,))
        except error.IndyError:
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.2)


async def write(pool_handle, wh, submitter, request):
    reply = json.loads(await ledger.sign_and_submit_request(pool_handle, wh, submitter, request))
    assert reply["op"] == "REPLY", reply
    return reply


@pytest.fixture
async def prover_wallet(tmp_path):
    """A second wallet (SQLite): the prover's, apart from the issuer's."""
    config = wallet_config("prover", tmp_path / "prover")
    creds = wallet_credentials(await wallet.generate_wallet_key(None), "RAW")
    await wallet.create_wallet(config, creds)
    handle = await wallet.open_wallet(config, creds)
    yield handle
    await wallet.close_wallet(handle)
    await wallet.delete_wallet(config, creds)


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


async def prove(ph, cred_id, to, timestamp, schema, cred_def, rev_reg_id, rev_state):
    """A proof of name and age >= 18 not revoked at `to`, with the revocation state of `timestamp`."""
    request = json.dumps({
        "nonce": await anoncreds.generate_nonce(), "name": "proof", "version": "0.1",
        "requested_attributes": {"attr1_referent": {"name": "name"}},
        "requested_predicates": {"predicate1_referent": {"name": "age", "p_type": ">=", "p_value": 18}},
        "non_revoked": {"to": to},
    })
    requested = json.dumps({
        "self_attested_attributes": {},
        "requested_attributes": {"attr1_referent": {"cred_id": cred_id, "revealed": True, "timestamp": timestamp}},
        "requested_predicates": {"predicate1_referent": {"cred_id": cred_id, "timestamp": timestamp}},
    })
    schema, cred_def = json.loads(schema), json.loads(cred_def)
    schemas = json.dumps({schema["id"]: schema})
    cred_defs = json.dumps({cred_def["id"]: cred_def})
    rev_states = json.dumps({rev_reg_id: {str(timestamp): json.loads(rev_state)}})
    proof = await anoncreds.prover_create_proof(ph, request, requested, "ms", schemas, cred_defs, rev_states)
    identifiers = json.loads(proof)["identifiers"]
    assert [(i["rev_reg_id"], i["timestamp"]) for i in identifiers] == [(rev_reg_id, timestamp)]
    return request, proof, schemas, cred_defs


async def verify_from_ledger(pool_handle, request, proof, schemas, cred_defs, rev_reg_id, to):
    """The verifier's side: the registry's definition and its state at `to`, both read from the ledger."""
    _, rev_reg_def = await read_until(await ledger.build_get_revoc_reg_def_request(None, rev_reg_id),
                                      ledger.parse_get_revoc_reg_def_response, pool_handle)
    _, rev_reg, timestamp = await read_until(await ledger.build_get_revoc_reg_request(None, rev_reg_id, to),
                                             ledger.parse_get_revoc_reg_response, pool_handle)
    assert [i["timestamp"] for i in json.loads(proof)["identifiers"]] == [timestamp]
    rev_reg_defs = json.dumps({rev_reg_id: json.loads(rev_reg_def)})
    rev_regs = json.dumps({rev_reg_id: {str(timestamp): json.loads(rev_reg)}})
    return await anoncreds.verifier_verify_proof(request, proof, schemas, cred_defs, rev_reg_defs, rev_regs)


async def test_python3_indy_revocation_through_the_ledger(pool_handle, raw_wallet, prover_wallet, tmp_path):
    """libindy's revocation interaction test (issuance on demand), through python3-indy: the
    registry's definition and entries written to the ledger, the prover's revocation state
    built from the ledger's delta, the verifier's registry read from the ledger."""
    wh, ph = raw_wallet.handle, prover_wallet
    issuer, _ = await did.create_and_store_my_did(wh, json.dumps({"seed": TRUSTEE1_SEED}))

    # Schema and a revocable credential definition, written and read back.
    version = "1.%d" % int(time.time() * 1000)
    schema_id, schema = await anoncreds.issuer_create_schema(issuer, "gvt", version, json.dumps(list(GVT_VALUES)))
    await write(pool_handle, wh, issuer, await ledger.build_schema_request(issuer, schema))
    _, schema = await read_until(await ledger.build_get_schema_request(None, schema_id),
                                 ledger.parse_get_schema_response, pool_handle)
    cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
        wh, issuer, schema, "TAG", "CL", json.dumps({"support_revocation": True}))
    await write(pool_handle, wh, issuer, await ledger.build_cred_def_request(issuer, cred_def))

    # The registry: its definition, then its initial accumulator.
    tails = tmp_path / "tails"
    writer = await blob_storage.open_writer("default", json.dumps({"base_dir": str(tails), "uri_pattern": ""}))
    rev_reg_id, rev_reg_def, initial = await anoncreds.issuer_create_and_store_revoc_reg(
        wh, issuer, None, "REG", cred_def_id,
        json.dumps({"max_cred_num": 5, "issuance_type": "ISSUANCE_ON_DEMAND"}), writer)
    request = json.loads(await ledger.build_revoc_reg_def_request(issuer, rev_reg_def))
    assert request["operation"]["type"] == "113" and request["operation"]["id"] == rev_reg_id
    await write(pool_handle, wh, issuer, json.dumps(request))
    request = json.loads(await ledger.build_revoc_reg_entry_request(issuer, rev_reg_id, "CL_ACCUM", initial))
    assert request["operation"] == {"type": "114", "revocRegDefId": rev_reg_id, "revocDefType": "CL_ACCUM",
                                    "value": json.loads(initial)["value"]}
    await write(pool_handle, wh, issuer, json.dumps(request))
    reader = await blob_storage.open_reader("default", json.dumps({"base_dir": str(tails)}))

    # The definition as the ledger gives it is the issuer's.
    read_id, ledger_rev_reg_def = await read_until(await ledger.build_get_revoc_reg_def_request(None, rev_reg_id),
                                                   ledger.parse_get_revoc_reg_def_response, pool_handle)
    assert read_id == rev_reg_id
    assert json.loads(ledger_rev_reg_def) == json.loads(rev_reg_def)

    # Issuance, with the prover's wallet and the ledger's credential definition.
    prover, _ = await did.create_and_store_my_did(ph, "{}")
    await anoncreds.prover_create_master_secret(ph, "ms")
    offer = await anoncreds.issuer_create_credential_offer(wh, cred_def_id)
    _, ledger_cred_def = await read_until(await ledger.build_get_cred_def_request(prover, cred_def_id),
                                          ledger.parse_get_cred_def_response, pool_handle)
    cred_request, metadata = await anoncreds.prover_create_credential_req(ph, prover, offer, ledger_cred_def, "ms")
    credential, rev_id, delta = await anoncreds.issuer_create_credential(
        wh, offer, cred_request, json.dumps(GVT_VALUES), rev_reg_id, reader)
    assert rev_id == "1"
    issued = await write(pool_handle, wh, issuer,
                         await ledger.build_revoc_reg_entry_request(issuer, rev_reg_id, "CL_ACCUM", delta))
    issued_at = issued["result"]["txnMetadata"]["txnTime"]
    cred_id = await anoncreds.prover_store_credential(ph, None, metadata, credential, ledger_cred_def,
                                                      ledger_rev_reg_def)

    # The delta from the registry's start to now: the accumulator after issuance, index 1 issued.
    to = max(int(time.time()), issued_at)
    read_id, ledger_delta, delta_at = await read_until(
        await ledger.build_get_revoc_reg_delta_request(None, rev_reg_id, 0, to),
        ledger.parse_get_revoc_reg_delta_response, pool_handle, ready=lambda parsed: parsed[2] >= issued_at)
    assert (read_id, delta_at) == (rev_reg_id, issued_at)
    accum = json.loads(delta)["value"]["accum"]
    assert json.loads(ledger_delta) == {"ver": "1.0", "value": {"accum": accum, "issued": [1]}}
    read_id, ledger_rev_reg, rev_reg_at = await read_until(
        await ledger.build_get_revoc_reg_request(None, rev_reg_id, to),
        ledger.parse_get_revoc_reg_response, pool_handle, ready=lambda parsed: parsed[2] >= issued_at)
    assert (read_id, rev_reg_at) == (rev_reg_id, issued_at)
    assert json.loads(ledger_rev_reg) == {"ver": "1.0", "value": {"accum": accum}}

    # Prove non-revocation at `to` from the ledger's delta; the verifier reads the ledger.
    rev_state = await anoncreds.create_revocation_state(reader, ledger_rev_reg_def, ledger_delta, delta_at, rev_id)
    assert json.loads(rev_state)["timestamp"] == delta_at
    proof_request, proof, schemas, cred_defs = await prove(ph, cred_id, to, delta_at, schema, ledger_cred_def,
                                                           rev_reg_id, rev_state)
    assert await verify_from_ledger(pool_handle, proof_request, proof, schemas, cred_defs, rev_reg_id, to) is True

    # Revoked in a later second (an entry per timestamp), written, read as the delta since then.
    while int(time.time()) <= issued_at:
        await asyncio.sleep(0.1)
    revocation = await anoncreds.issuer_revoke_credential(wh, reader, rev_reg_id, rev_id)
    revoked = await write(pool_handle, wh, issuer,
                          await ledger.build_revoc_reg_entry_request(issuer, rev_reg_id, "CL_ACCUM", revocation))
    revoked_at = revoked["result"]["txnMetadata"]["txnTime"]
    assert revoked_at > issued_at
    later = max(int(time.time()), revoked_at)
    _, ledger_delta, delta_at = await read_until(
        await ledger.build_get_revoc_reg_delta_request(None, rev_reg_id, issued_at, later),
        ledger.parse_get_revoc_reg_delta_response, pool_handle, ready=lambda parsed: parsed[2] >= revoked_at)
    assert delta_at == revoked_at
    assert json.loads(ledger_delta) == {"ver": "1.0", "value": {
        "prevAccum": accum, "accum": json.loads(revocation)["value"]["accum"], "revoked": [1]}}

    # The prover's state moved on with that delta; its proof no longer verifies.
    updated = await anoncreds.update_revocation_state(reader, rev_state, ledger_rev_reg_def, ledger_delta,
                                                      delta_at, rev_id)
    assert json.loads(updated)["timestamp"] == delta_at
    proof_request, proof, schemas, cred_defs = await prove(ph, cred_id, later, delta_at, schema, ledger_cred_def,
                                                           rev_reg_id, updated)
    assert await verify_from_ledger(pool_handle, proof_request, proof, schemas, cred_defs, rev_reg_id,
                                    later) is False


async def test_python3_indy_protocol_version_1(tmp_path, monkeypatch):
    """libindy 1.16 with protocol 1: requests say so, and a pool of node 1.4 genesis
    transactions does not open (PoolIncompatibleProtocolVersion, 308). The version is
    process-wide: it is set back to 2 whatever happens."""
    monkeypatch.setenv("HOME", str(tmp_path))
    await pool.create_pool_ledger_config("v1", json.dumps({"genesis_txn": GENESIS}))
    try:
        await pool.set_protocol_version(1)
        nym = json.loads(await ledger.build_nym_request(TRUSTEE1_DID, TRUSTEE1_DID, None, None, None))
        assert nym["protocolVersion"] == 1
        get = json.loads(await ledger.build_get_schema_request(None, "%s:2:gvt:1.0" % TRUSTEE1_DID))
        assert get["protocolVersion"] == 1
        with pytest.raises(error.IndyError) as e:
            await pool.open_pool_ledger("v1", None)
        assert e.value.error_code == error.ErrorCode.PoolIncompatibleProtocolVersion
        assert "Libindy PROTOCOL_VERSION is 1 but Pool Genesis Transactions are of version 1.4" in e.value.message
        assert "indy_set_protocol_version(2)" in e.value.message
    finally:
        await pool.set_protocol_version(2)
    assert json.loads(await ledger.build_nym_request(TRUSTEE1_DID, TRUSTEE1_DID, None, None, None))[
        "protocolVersion"] == 2
    handle = await pool.open_pool_ledger("v1", None)
    await pool.close_pool_ledger(handle)
    await pool.delete_pool_ledger_config("v1")


async def reply_data(reply):
    """`result.data` of a GET reply (python3-indy has no parser for TAA and AML)."""
    return json.loads(reply)["result"]["data"]


async def test_python3_indy_transaction_author_agreement(pool_handle, raw_wallet):
    """indy-node 1.13 with a TAA: an acceptance mechanisms list first, then the agreement
    (written without acceptance); a domain write without acceptance is rejected, one with
    it (text and version, or the digest) is ordered. All TAAs are disabled at the end,
    whatever happens, so later writes on the pool need none."""
    wh = raw_wallet.handle
    trustee, _ = await did.create_and_store_my_did(wh, json.dumps({"seed": TRUSTEE1_SEED}))
    stamp = int(time.time() * 1000)
    aml_version, taa_version = "aml-%d" % stamp, "taa-%d" % stamp
    text = "The test pool's terms, written at %d." % stamp
    digest = hashlib.sha256((taa_version + text).encode()).hexdigest()
    aml = {"on_click": "Agreed by clicking", "for_session": "Agreed for the session"}

    async def submit_as_trustee(request):
        return json.loads(await ledger.sign_and_submit_request(pool_handle, wh, trustee, request))

    async def nym_of_a_new_did():
        target, verkey = await did.create_and_store_my_did(wh, "{}")
        return await ledger.build_nym_request(trustee, target, verkey, None, None)

    # A pool that never had an AML takes no TAA (checkable on a fresh pool only).
    current = await reply_data(await ledger.submit_request(
        pool_handle, await ledger.build_get_acceptance_mechanisms_request(None, None, None)))
    async def taa():
        return await ledger.build_txn_author_agreement_request(trustee, text, taa_version, int(time.time()), None)

    if current is None:
        refused = await submit_as_trustee(await taa())
        assert refused["op"] in ("REJECT", "REQNACK") and "AML" in refused["reason"], refused

    request = json.loads(await ledger.build_acceptance_mechanisms_request(trustee, json.dumps(aml), aml_version,
                                                                          "the test pool"))
    assert request["operation"] == {"type": "5", "aml": aml, "version": aml_version, "amlContext": "the test pool"}
    assert (await submit_as_trustee(json.dumps(request)))["op"] == "REPLY"
    completed = False
    try:
        written = await submit_as_trustee(await taa())  # a TAA needs no acceptance itself
        assert written["op"] == "REPLY", written

        # Read back: the latest, and by version.
        expected = {"text": text, "version": taa_version, "digest": digest}
        latest = await read_until(await ledger.build_get_txn_author_agreement_request(None, None), reply_data,
                                  pool_handle, ready=lambda data: data and data["version"] == taa_version)
        assert {k: latest[k] for k in expected} == expected
        by_version = await read_until(
            await ledger.build_get_txn_author_agreement_request(None, json.dumps({"version": taa_version})),
            reply_data, pool_handle, ready=lambda data: data is not None)
        assert {k: by_version[k] for k in expected} == expected
        mechanisms = await read_until(await ledger.build_get_acceptance_mechanisms_request(None, None, aml_version),
                                      reply_data, pool_handle, ready=lambda data: data is not None)
        assert (mechanisms["aml"], mechanisms["version"], mechanisms["amlContext"]) == (aml, aml_version,
                                                                                        "the test pool")

        # A domain write without acceptance is rejected; with a wrong one too.
        now = int(time.time())
        refused = await submit_as_trustee(await nym_of_a_new_did())
        assert refused["op"] == "REJECT" and "Txn Author Agreement acceptance is required" in refused["reason"], refused
        wrong_mechanism = await ledger.append_txn_author_agreement_acceptance_to_request(
            await nym_of_a_new_did(), text, taa_version, None, "not_in_the_list", now)
        refused = await submit_as_trustee(wrong_mechanism)
        assert refused["op"] == "REJECT" and "mechanism" in refused["reason"], refused
        wrong_text = await ledger.append_txn_author_agreement_acceptance_to_request(
            await nym_of_a_new_did(), text + " (changed)", taa_version, None, "on_click", now)
        refused = await submit_as_trustee(wrong_text)
        assert refused["op"] == "REJECT" and "digest" in refused["reason"], refused

        # Accepted by text and version, and by digest alone.
        accepted = await ledger.append_txn_author_agreement_acceptance_to_request(
            await nym_of_a_new_did(), text, taa_version, None, "on_click", now)
        assert json.loads(accepted)["taaAcceptance"] == {"mechanism": "on_click", "taaDigest": digest,
                                                         "time": now // 86400 * 86400}
        assert (await submit_as_trustee(accepted))["op"] == "REPLY"
        accepted = await ledger.append_txn_author_agreement_acceptance_to_request(
            await nym_of_a_new_did(), None, None, digest, "for_session", now)
        reply = await submit_as_trustee(accepted)
        assert reply["op"] == "REPLY", reply
        assert reply["result"]["txn"]["metadata"]["taaAcceptance"]["taaDigest"] == digest
        completed = True
    finally:
        disabled = await submit_as_trustee(await ledger.build_disable_all_txn_author_agreements_request(trustee))
    if completed:
        assert disabled["op"] == "REPLY", disabled
        # No TAA in force: writes need no acceptance again.
        assert (await submit_as_trustee(await nym_of_a_new_did()))["op"] == "REPLY"
