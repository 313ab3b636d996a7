"""indy.anoncreds revocation and indy.blob_storage through the real library: registries and
tails files, revocable issuance, revocation states, proofs with non-revocation, revoke (the
proof no longer verifies), recover (it verifies again), deltas, searches for proof requests,
tag policies, credential definition rotation and libindy's error codes."""

import asyncio
import json
import time
import uuid

import pytest

from indy import anoncreds, blob_storage, did, error, wallet

from conftest import TRUSTEE1_SEED, assert_detailed
from test_anoncreds import ATTRS, VALUES


@pytest.fixture(scope="module")
def issuer(tmp_path_factory):
    """An issuer wallet with a DID, a schema and a revocable credential definition (seconds)."""
    path = tmp_path_factory.mktemp("revocation-issuer")

    async def setup():
        key = await wallet.generate_wallet_key()
        config = json.dumps({"id": "revocation-issuer", "storage_config": {"path": str(path)}})
        creds = json.dumps({"key": key, "key_derivation_method": "RAW"})
        await wallet.create_wallet(config, creds)
        h = await wallet.open_wallet(config, creds)
        issuer_did, _ = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
        schema_id, schema = await anoncreds.issuer_create_schema(issuer_did, "gvt", "1.0", json.dumps(ATTRS))
        cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
            h, issuer_did, schema, "TAG1", None, json.dumps({"support_revocation": True}))
        await wallet.close_wallet(h)
        return dict(config=config, creds=creds, did=issuer_did, schema_id=schema_id, schema=schema,
                    cred_def_id=cred_def_id, cred_def=cred_def)

    return asyncio.run(setup())


@pytest.fixture
async def issuer_wallet(issuer):
    h = await wallet.open_wallet(issuer["config"], issuer["creds"])
    yield h
    await wallet.close_wallet(h)


async def new_registry(issuer, issuer_wallet, tails_dir, issuance="ISSUANCE_ON_DEMAND", max_cred_num=5):
    """A fresh revocation registry (its own tag) of the issuer's definition and a reader of its tails."""
    writer = await blob_storage.open_writer("default", json.dumps({"base_dir": str(tails_dir), "uri_pattern": ""}))
    assert isinstance(writer, int)
    rev_reg_id, rev_reg_def, rev_reg_entry = await anoncreds.issuer_create_and_store_revoc_reg(
        issuer_wallet, issuer["did"], None, "R" + uuid.uuid4().hex[:8], issuer["cred_def_id"],
        json.dumps({"max_cred_num": max_cred_num, "issuance_type": issuance}), writer)
    reader = await blob_storage.open_reader("default", json.dumps({"base_dir": str(tails_dir)}))
    assert isinstance(reader, int)
    return dict(issuer, rev_reg_id=rev_reg_id, rev_reg_def=rev_reg_def, rev_reg_entry=rev_reg_entry, reader=reader)


async def issue(issuer_wallet, prover, made, cred_id, secret="ms"):
    """Issues a revocable credential to ``prover`` and stores it; answers (cred_id, rev_id, delta)."""
    prover_did, _ = await did.create_and_store_my_did(prover, "{}")
    try:
        await anoncreds.prover_create_master_secret(prover, secret)
    except error.AnoncredsMasterSecretDuplicateNameError:
        pass
    offer = await anoncreds.issuer_create_credential_offer(issuer_wallet, made["cred_def_id"])
    request, metadata = await anoncreds.prover_create_credential_req(prover, prover_did, offer, made["cred_def"],
                                                                     secret)
    credential, rev_id, delta = await anoncreds.issuer_create_credential(
        issuer_wallet, offer, request, json.dumps(VALUES), made["rev_reg_id"], made["reader"])
    stored = await anoncreds.prover_store_credential(prover, cred_id, metadata, credential, made["cred_def"],
                                                     made["rev_reg_def"])
    return stored, rev_id, delta


def proof_request(nonce, to):
    return json.dumps({
        "nonce": nonce, "name": "proof_req_1", "version": "0.1",
        "requested_attributes": {"attr1_referent": {"name": "name"}},
        "requested_predicates": {"predicate1_referent": {"name": "age", "p_type": ">=", "p_value": 18}},
        "non_revoked": {"to": to},
    })


async def prove_and_verify(prover, made, cred_id, rev_state, timestamp, rev_reg):
    request = proof_request(await anoncreds.generate_nonce(), timestamp)
    requested = json.dumps({
        "self_attested_attributes": {},
        "requested_attributes": {"attr1_referent": {"cred_id": cred_id, "revealed": True, "timestamp": timestamp}},
        "requested_predicates": {"predicate1_referent": {"cred_id": cred_id, "timestamp": timestamp}},
    })
    schemas = json.dumps({made["schema_id"]: json.loads(made["schema"])})
    cred_defs = json.dumps({made["cred_def_id"]: json.loads(made["cred_def"])})
    rev_states = json.dumps({made["rev_reg_id"]: {str(timestamp): json.loads(rev_state)}})
    proof = await anoncreds.prover_create_proof(prover, request, requested, "ms", schemas, cred_defs, rev_states)
    assert json.loads(proof)["identifiers"][0]["rev_reg_id"] == made["rev_reg_id"]
    assert json.loads(proof)["identifiers"][0]["timestamp"] == timestamp
    rev_reg_defs = json.dumps({made["rev_reg_id"]: json.loads(made["rev_reg_def"])})
    rev_regs = json.dumps({made["rev_reg_id"]: {str(timestamp): json.loads(rev_reg)}})
    return await anoncreds.verifier_verify_proof(request, proof, schemas, cred_defs, rev_reg_defs, rev_regs)


async def test_issue_prove_revoke_recover(issuer, issuer_wallet, raw_wallet, tmp_path):
    prover = raw_wallet.handle
    tails = tmp_path / "tails"
    made = await new_registry(issuer, issuer_wallet, tails)
    definition = json.loads(made["rev_reg_def"])
    assert made["rev_reg_id"].startswith("%s:4:%s:CL_ACCUM:" % (issuer["did"], issuer["cred_def_id"]))
    assert definition["value"]["maxCredNum"] == 5
    assert definition["value"]["issuanceType"] == "ISSUANCE_ON_DEMAND"
    assert (tails / definition["value"]["tailsHash"]).exists()

    cred_id, rev_id, delta = await issue(issuer_wallet, prover, made, "cred-1")
    assert cred_id == "cred-1" and rev_id == "1" and delta is not None
    info = json.loads(await anoncreds.prover_get_credential(prover, cred_id))
    assert info["rev_reg_id"] == made["rev_reg_id"] and info["cred_rev_id"] == "1"

    # The credential is found for the request, with the interval to cover.
    timestamp = int(time.time())
    found = json.loads(await anoncreds.prover_get_credentials_for_proof_req(prover, proof_request("1", timestamp)))
    assert [c["cred_info"]["referent"] for c in found["attrs"]["attr1_referent"]] == ["cred-1"]
    assert found["attrs"]["attr1_referent"][0]["interval"] == {"from": None, "to": timestamp}
    assert [c["cred_info"]["referent"] for c in found["predicates"]["predicate1_referent"]] == ["cred-1"]

    rev_state = await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], delta, timestamp, rev_id)
    assert json.loads(rev_state)["timestamp"] == timestamp
    assert await prove_and_verify(prover, made, cred_id, rev_state, timestamp, delta) is True

    # Revoked: a proof can still be made, but it no longer verifies.
    revocation = await anoncreds.issuer_revoke_credential(issuer_wallet, made["reader"], made["rev_reg_id"], rev_id)
    assert json.loads(revocation)["value"]["revoked"] == [1]
    merged = await anoncreds.issuer_merge_revocation_registry_deltas(delta, revocation)
    assert json.loads(merged)["value"]["accum"] == json.loads(revocation)["value"]["accum"]
    later = timestamp + 100
    revoked_state = await anoncreds.update_revocation_state(made["reader"], rev_state, made["rev_reg_def"],
                                                            revocation, later, rev_id)
    assert json.loads(revoked_state)["timestamp"] == later
    assert await prove_and_verify(prover, made, cred_id, revoked_state, later, merged) is False

    # Revoking twice, or an index never issued, is libindy's 401.
    with pytest.raises(error.AnoncredsInvalidUserRevocId) as e:
        await anoncreds.issuer_revoke_credential(issuer_wallet, made["reader"], made["rev_reg_id"], rev_id)
    assert_detailed(e.value)
    with pytest.raises(error.AnoncredsInvalidUserRevocId):
        await anoncreds.issuer_revoke_credential(issuer_wallet, made["reader"], made["rev_reg_id"], "4")

    # Recovered (this wrapper's extension): verifies again.
    recovery = await anoncreds.issuer_recover_credential(issuer_wallet, made["reader"], made["rev_reg_id"], rev_id)
    assert json.loads(recovery)["value"]["issued"] == [1]
    merged_again = await anoncreds.issuer_merge_revocation_registry_deltas(merged, recovery)
    latest = later + 100
    recovered_state = await anoncreds.update_revocation_state(made["reader"], revoked_state, made["rev_reg_def"],
                                                              recovery, latest, rev_id)
    assert await prove_and_verify(prover, made, cred_id, recovered_state, latest, merged_again) is True
    # A state built from scratch on the merged delta agrees.
    fresh = await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], merged_again, latest, rev_id)
    assert await prove_and_verify(prover, made, cred_id, fresh, latest, merged_again) is True
    # Recovering what is not revoked is libindy's 401 too.
    with pytest.raises(error.AnoncredsInvalidUserRevocId):
        await anoncreds.issuer_recover_credential(issuer_wallet, made["reader"], made["rev_reg_id"], rev_id)


async def test_issuance_by_default_gives_no_delta(issuer, issuer_wallet, raw_wallet, tmp_path):
    prover = raw_wallet.handle
    made = await new_registry(issuer, issuer_wallet, tmp_path / "tails", issuance="ISSUANCE_BY_DEFAULT")
    cred_id, rev_id, delta = await issue(issuer_wallet, prover, made, "cred-1")
    assert rev_id == "1" and delta is None
    timestamp = int(time.time())
    initial = made["rev_reg_entry"]
    rev_state = await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], initial, timestamp, rev_id)
    assert await prove_and_verify(prover, made, cred_id, rev_state, timestamp, initial) is True
    revocation = await anoncreds.issuer_revoke_credential(issuer_wallet, made["reader"], made["rev_reg_id"], rev_id)
    later = timestamp + 10
    updated = await anoncreds.update_revocation_state(made["reader"], rev_state, made["rev_reg_def"], revocation,
                                                      later, rev_id)
    assert await prove_and_verify(prover, made, cred_id, updated, later, revocation) is False


async def test_a_full_registry_refuses_the_next_credential(issuer, issuer_wallet, raw_wallet, tmp_path):
    made = await new_registry(issuer, issuer_wallet, tmp_path / "tails", max_cred_num=2)
    ids = [(await issue(issuer_wallet, raw_wallet.handle, made, "cred-%d" % i))[1] for i in range(2)]
    assert ids == ["1", "2"]
    with pytest.raises(error.AnoncredsRevocationRegistryFullError):
        await issue(issuer_wallet, raw_wallet.handle, made, "cred-3")


async def test_searching_credentials_for_a_proof_request(issuer, issuer_wallet, raw_wallet, tmp_path):
    prover = raw_wallet.handle
    made = await new_registry(issuer, issuer_wallet, tmp_path / "tails")
    for i in range(3):
        await issue(issuer_wallet, prover, made, "cred-%d" % i)
    request = json.dumps({
        "nonce": "1", "name": "p", "version": "0.1",
        "requested_attributes": {"a": {"name": "Name", "restrictions": {"cred_def_id": made["cred_def_id"]}},
                                 "other": {"name": "name", "restrictions": {"issuer_did": "not-this-one"}}},
        "requested_predicates": {"old": {"name": "age", "p_type": ">=", "p_value": 60},
                                 "adult": {"name": "age", "p_type": ">=", "p_value": 18}},
    })
    search = await anoncreds.prover_search_credentials_for_proof_req(
        prover, request, json.dumps({"a": {"attr::name::value": "Alex"}}))
    assert isinstance(search, int)
    first = json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "a", 2))
    rest = json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "a", 2))
    assert len(first) == 2 and len(rest) == 1
    assert {c["cred_info"]["referent"] for c in first + rest} == {"cred-0", "cred-1", "cred-2"}
    assert json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "a", 2)) == []
    assert json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "other", 10)) == []
    assert json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "old", 10)) == []
    assert len(json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "adult", 10))) == 3
    with pytest.raises(error.WalletInvalidHandle):
        await anoncreds.prover_fetch_credentials_for_proof_req(search, "no-such-referent", 1)
    await anoncreds.prover_close_credentials_search_for_proof_req(search)
    with pytest.raises(error.WalletInvalidHandle):
        await anoncreds.prover_close_credentials_search_for_proof_req(search)

    # Without an extra query, and the deprecated all-at-once form.
    search = await anoncreds.prover_search_credentials_for_proof_req(prover, request, None)
    assert len(json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "a", 10))) == 3
    await anoncreds.prover_close_credentials_search_for_proof_req(search)
    found = json.loads(await anoncreds.prover_get_credentials_for_proof_req(prover, request))
    assert len(found["attrs"]["a"]) == 3 and found["attrs"]["other"] == []
    assert found["predicates"]["old"] == [] and len(found["predicates"]["adult"]) == 3


async def test_tag_policy_decides_which_values_are_searchable(issuer, issuer_wallet, raw_wallet, tmp_path):
    prover = raw_wallet.handle
    made = await new_registry(issuer, issuer_wallet, tmp_path / "tails")
    assert await anoncreds.prover_get_credential_attr_tag_policy(prover, made["cred_def_id"]) == "null"
    await anoncreds.prover_set_credential_attr_tag_policy(prover, made["cred_def_id"], json.dumps(["Name"]), False)
    assert json.loads(await anoncreds.prover_get_credential_attr_tag_policy(prover, made["cred_def_id"])) == ["name"]
    await issue(issuer_wallet, prover, made, "cred-1")

    async def count(query):
        search, total = await anoncreds.prover_search_credentials(prover, json.dumps(query))
        await anoncreds.prover_close_credentials_search(search)
        return total

    assert await count({"attr::name::value": "Alex"}) == 1
    assert await count({"attr::age::value": "28"}) == 0
    assert await count({"attr::age::marker": "1"}) == 1
    # Removing the policy retroactively tags every value again.
    await anoncreds.prover_set_credential_attr_tag_policy(prover, made["cred_def_id"], None, True)
    assert await anoncreds.prover_get_credential_attr_tag_policy(prover, made["cred_def_id"]) == "null"
    assert await count({"attr::age::value": "28"}) == 1


async def test_rotating_a_credential_definition(issuer, issuer_wallet, raw_wallet):
    # Its own (non-revocable) definition: the shared one stays as the other tests know it.
    cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
        issuer_wallet, issuer["did"], issuer["schema"], "ROTATE-" + uuid.uuid4().hex[:8], None,
        json.dumps({"support_revocation": False}))
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_rotate_credential_def_apply(issuer_wallet, cred_def_id)
    rotated = await anoncreds.issuer_rotate_credential_def_start(issuer_wallet, cred_def_id, None)
    assert json.loads(rotated)["id"] == cred_def_id
    assert json.loads(rotated)["value"] != json.loads(cred_def)["value"]
    await anoncreds.issuer_rotate_credential_def_apply(issuer_wallet, cred_def_id)
    with pytest.raises(error.WalletItemNotFound):  # applied: nothing pending any more
        await anoncreds.issuer_rotate_credential_def_apply(issuer_wallet, cred_def_id)

    prover = raw_wallet.handle
    prover_did, _ = await did.create_and_store_my_did(prover, "{}")
    await anoncreds.prover_create_master_secret(prover, "ms")
    offer = await anoncreds.issuer_create_credential_offer(issuer_wallet, cred_def_id)
    request, metadata = await anoncreds.prover_create_credential_req(prover, prover_did, offer, rotated, "ms")
    credential, rev_id, delta = await anoncreds.issuer_create_credential(issuer_wallet, offer, request,
                                                                         json.dumps(VALUES), None, None)
    assert rev_id is None and delta is None
    # Stored against the rotated public keys: the issuer signed with the new ones.
    assert await anoncreds.prover_store_credential(prover, "rotated", metadata, credential, rotated, None) == "rotated"


async def test_bad_revocation_input_gets_libindy_codes(issuer, issuer_wallet, tmp_path):
    with pytest.raises(error.CommonInvalidStructure) as e:
        await blob_storage.open_reader("no-such-type", json.dumps({"base_dir": str(tmp_path)}))
    assert_detailed(e.value)
    with pytest.raises(error.CommonInvalidStructure):
        await blob_storage.open_writer("no-such-type", json.dumps({"base_dir": str(tmp_path), "uri_pattern": ""}))
    with pytest.raises(error.CommonInvalidStructure):
        await blob_storage.open_writer("default", json.dumps({"base_dir": str(tmp_path)}))  # no uri_pattern

    made = await new_registry(issuer, issuer_wallet, tmp_path / "tails")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_revoke_credential(issuer_wallet, made["reader"], made["rev_reg_id"], "not-a-number")
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_revoke_credential(issuer_wallet, made["reader"], made["rev_reg_id"] + "x", "1")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.create_revocation_state(made["reader"], "{}", made["rev_reg_entry"], 1, "1")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_merge_revocation_registry_deltas("{}", made["rev_reg_entry"])
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_create_and_store_revoc_reg(
            issuer_wallet, issuer["did"], None, "R", made["cred_def_id"] + "x", "{}",
            await blob_storage.open_writer("default", json.dumps({"base_dir": str(tmp_path), "uri_pattern": ""})))
    # The full 64-bit timestamp range reaches the library.
    state = await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], made["rev_reg_entry"],
                                                    2 ** 40, "1")
    assert json.loads(state)["timestamp"] == 2 ** 40
