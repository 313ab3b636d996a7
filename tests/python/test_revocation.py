"""Revocation through the official python3-indy, unchanged: registries and tails files,
revocable issuance, searching credentials for a proof request, revocation states, proofs
with non-revocation, revoke and verify again (now rejected), deltas, tag policies and
credential definition rotation, with libindy's error codes."""
import json
import time

import pytest

from indy import anoncreds, blob_storage, did, error

from test_anoncreds import GVT_VALUES

ISSUER = "V4SGRU86Z58d6TV7PBUe6f"


async def issuer_setup(h, tails_dir, issuance="ISSUANCE_ON_DEMAND", max_cred_num=5, tag="TAG1"):
    try:
        await did.create_and_store_my_did(h, json.dumps({"seed": "000000000000000000000000Trustee1"}))
    except error.DidAlreadyExistsError:
        pass
    schema_id, schema = await anoncreds.issuer_create_schema(ISSUER, "gvt", "1.0", json.dumps(list(GVT_VALUES)))
    cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
        h, ISSUER, schema, tag, None, json.dumps({"support_revocation": True}))
    writer = await blob_storage.open_writer("default", json.dumps({"base_dir": str(tails_dir), "uri_pattern": ""}))
    rev_reg_id, rev_reg_def, rev_reg_entry = await anoncreds.issuer_create_and_store_revoc_reg(
        h, ISSUER, None, "REG1", cred_def_id,
        json.dumps({"max_cred_num": max_cred_num, "issuance_type": issuance}), writer)
    reader = await blob_storage.open_reader("default", json.dumps({"base_dir": str(tails_dir)}))
    return dict(schema_id=schema_id, schema=schema, cred_def_id=cred_def_id, cred_def=cred_def,
                rev_reg_id=rev_reg_id, rev_reg_def=rev_reg_def, rev_reg_entry=rev_reg_entry, reader=reader)


async def issue(h, made, cred_name, master_secret="ms"):
    prover, _ = await did.create_and_store_my_did(h, "{}")
    try:
        await anoncreds.prover_create_master_secret(h, master_secret)
    except error.AnoncredsMasterSecretDuplicateNameError:
        pass
    offer = await anoncreds.issuer_create_credential_offer(h, made["cred_def_id"])
    request, metadata = await anoncreds.prover_create_credential_req(h, prover, offer, made["cred_def"], master_secret)
    credential, rev_id, delta = await anoncreds.issuer_create_credential(
        h, offer, request, json.dumps(GVT_VALUES), made["rev_reg_id"], made["reader"])
    cred_id = await anoncreds.prover_store_credential(h, cred_name, metadata, credential, made["cred_def"],
                                                      made["rev_reg_def"])
    return cred_id, rev_id, delta


def proof_request(nonce, to):
    return json.dumps({
        "nonce": nonce, "name": "proof_req_1", "version": "0.1",
        "requested_attributes": {"attr1_referent": {"name": "name"}},
        "requested_predicates": {"predicate1_referent": {"name": "age", "p_type": ">=", "p_value": 18}},
        "non_revoked": {"to": to},
    })


async def prove_and_verify(h, made, cred_id, rev_state, timestamp, delta):
    request = proof_request(await anoncreds.generate_nonce(), timestamp)
    requested = json.dumps({
        "self_attested_attributes": {},
        "requested_attributes": {"attr1_referent": {"cred_id": cred_id, "revealed": True, "timestamp": timestamp}},
        "requested_predicates": {"predicate1_referent": {"cred_id": cred_id, "timestamp": timestamp}},
    })
    schemas = json.dumps({made["schema_id"]: json.loads(made["schema"])})
    cred_defs = json.dumps({made["cred_def_id"]: json.loads(made["cred_def"])})
    rev_states = json.dumps({made["rev_reg_id"]: {str(timestamp): json.loads(rev_state)}})
    proof = await anoncreds.prover_create_proof(h, request, requested, "ms", schemas, cred_defs, rev_states)
    rev_reg_defs = json.dumps({made["rev_reg_id"]: json.loads(made["rev_reg_def"])})
    rev_regs = json.dumps({made["rev_reg_id"]: {str(timestamp): json.loads(delta)}})
    return await anoncreds.verifier_verify_proof(request, proof, schemas, cred_defs, rev_reg_defs, rev_regs)


async def test_issue_prove_revoke_and_verify_again(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails")
    definition = json.loads(made["rev_reg_def"])
    assert made["rev_reg_id"] == "%s:4:%s:CL_ACCUM:REG1" % (ISSUER, made["cred_def_id"])
    assert definition["value"]["maxCredNum"] == 5
    assert (tmp_path / "tails" / definition["value"]["tailsHash"]).exists()
    assert definition["value"]["tailsLocation"] == str(tmp_path / "tails" / definition["value"]["tailsHash"])

    cred_id, rev_id, delta = await issue(h, made, "cred-1")
    assert rev_id == "1" and delta is not None
    info = json.loads(await anoncreds.prover_get_credential(h, cred_id))
    assert info["rev_reg_id"] == made["rev_reg_id"] and info["cred_rev_id"] == "1"

    # The credential is found for the request, with the interval to cover.
    timestamp = int(time.time())
    found = json.loads(await anoncreds.prover_get_credentials_for_proof_req(h, proof_request("1", timestamp)))
    assert [c["cred_info"]["referent"] for c in found["attrs"]["attr1_referent"]] == ["cred-1"]
    assert found["attrs"]["attr1_referent"][0]["interval"] == {"from": None, "to": timestamp}

    rev_state = await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], delta, timestamp, rev_id)
    assert await prove_and_verify(h, made, cred_id, rev_state, timestamp, delta) is True

    revocation = await anoncreds.issuer_revoke_credential(h, made["reader"], made["rev_reg_id"], rev_id)
    merged = await anoncreds.issuer_merge_revocation_registry_deltas(delta, revocation)
    later = timestamp + 100
    updated = await anoncreds.update_revocation_state(made["reader"], rev_state, made["rev_reg_def"], revocation,
                                                      later, rev_id)
    assert await prove_and_verify(h, made, cred_id, updated, later, merged) is False

    # Revoking twice, or an index never issued, is libindy's 401.
    with pytest.raises(error.AnoncredsInvalidUserRevocId):
        await anoncreds.issuer_revoke_credential(h, made["reader"], made["rev_reg_id"], rev_id)
    with pytest.raises(error.AnoncredsInvalidUserRevocId):
        await anoncreds.issuer_revoke_credential(h, made["reader"], made["rev_reg_id"], "4")


async def test_a_full_registry_refuses_the_next_credential(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails", max_cred_num=2)
    ids = [(await issue(h, made, "cred-%d" % i))[1] for i in range(2)]
    assert ids == ["1", "2"]
    with pytest.raises(error.AnoncredsRevocationRegistryFullError):
        await issue(h, made, "cred-3")


async def test_issuance_by_default_gives_no_delta_and_revokes_any_index(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails", issuance="ISSUANCE_BY_DEFAULT")
    cred_id, rev_id, delta = await issue(h, made, "cred-1")
    assert rev_id == "1" and delta is None
    timestamp = int(time.time())
    initial = made["rev_reg_entry"]
    rev_state = await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], initial, timestamp, rev_id)
    assert await prove_and_verify(h, made, cred_id, rev_state, timestamp, initial) is True
    revocation = await anoncreds.issuer_revoke_credential(h, made["reader"], made["rev_reg_id"], "1")
    later = timestamp + 10
    updated = await anoncreds.update_revocation_state(made["reader"], rev_state, made["rev_reg_def"], revocation,
                                                      later, rev_id)
    assert await prove_and_verify(h, made, cred_id, updated, later, revocation) is False


async def test_concurrent_issuance_hands_out_distinct_indexes(raw_wallet, tmp_path):
    import asyncio
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails", max_cred_num=8)
    results = await asyncio.gather(*(issue(h, made, "cred-%d" % i) for i in range(6)))
    assert sorted(int(rev_id) for _, rev_id, _ in results) == [1, 2, 3, 4, 5, 6]


async def test_searching_credentials_for_a_proof_request(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails")
    for i in range(3):
        await issue(h, made, "cred-%d" % i)
    request = json.dumps({
        "nonce": "1", "name": "p", "version": "0.1",
        "requested_attributes": {"a": {"name": "Name", "restrictions": {"cred_def_id": made["cred_def_id"]}},
                                 "other": {"name": "name", "restrictions": {"issuer_did": "not-this-one"}}},
        "requested_predicates": {"old": {"name": "age", "p_type": ">=", "p_value": 60},
                                 "adult": {"name": "age", "p_type": ">=", "p_value": 18}},
    })
    search = await anoncreds.prover_search_credentials_for_proof_req(
        h, request, json.dumps({"a": {"attr::name::value": "Alex"}}))
    first = json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "a", 2))
    rest = json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "a", 2))
    assert len(first) == 2 and len(rest) == 1
    assert json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "other", 10)) == []
    assert json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "old", 10)) == []
    assert len(json.loads(await anoncreds.prover_fetch_credentials_for_proof_req(search, "adult", 10))) == 3
    with pytest.raises(error.WalletInvalidHandle):
        await anoncreds.prover_fetch_credentials_for_proof_req(search, "no-such-referent", 1)
    await anoncreds.prover_close_credentials_search_for_proof_req(search)
    with pytest.raises(error.WalletInvalidHandle):
        await anoncreds.prover_close_credentials_search_for_proof_req(search)


async def test_tag_policy_decides_which_values_are_searchable(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails")
    assert await anoncreds.prover_get_credential_attr_tag_policy(h, made["cred_def_id"]) == "null"
    await anoncreds.prover_set_credential_attr_tag_policy(h, made["cred_def_id"], json.dumps(["Name"]), False)
    assert json.loads(await anoncreds.prover_get_credential_attr_tag_policy(h, made["cred_def_id"])) == ["name"]
    await issue(h, made, "cred-1")

    async def count(query):
        search, total = await anoncreds.prover_search_credentials(h, json.dumps(query))
        await anoncreds.prover_close_credentials_search(search)
        return total

    assert await count({"attr::name::value": "Alex"}) == 1
    assert await count({"attr::age::value": "28"}) == 0
    assert await count({"attr::age::marker": "1"}) == 1
    # Removing the policy retroactively tags every value again.
    await anoncreds.prover_set_credential_attr_tag_policy(h, made["cred_def_id"], None, True)
    assert await anoncreds.prover_get_credential_attr_tag_policy(h, made["cred_def_id"]) == "null"
    assert await count({"attr::age::value": "28"}) == 1


async def test_rotating_a_credential_definition(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails")
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_rotate_credential_def_apply(h, made["cred_def_id"])
    rotated = await anoncreds.issuer_rotate_credential_def_start(h, made["cred_def_id"], None)
    assert json.loads(rotated)["id"] == made["cred_def_id"]
    assert json.loads(rotated)["value"] != json.loads(made["cred_def"])["value"]
    # Until applied, offers still use the old keys.
    offer = json.loads(await anoncreds.issuer_create_credential_offer(h, made["cred_def_id"]))
    assert offer["key_correctness_proof"]
    await anoncreds.issuer_rotate_credential_def_apply(h, made["cred_def_id"])
    prover, _ = await did.create_and_store_my_did(h, "{}")
    await anoncreds.prover_create_master_secret(h, "ms")
    offer = await anoncreds.issuer_create_credential_offer(h, made["cred_def_id"])
    request, metadata = await anoncreds.prover_create_credential_req(h, prover, offer, rotated, "ms")
    credential, _, _ = await anoncreds.issuer_create_credential(h, offer, request, json.dumps(GVT_VALUES), None, None)
    # Stored against the rotated public keys: the issuer signed with the new ones.
    await anoncreds.prover_store_credential(h, None, metadata, credential, rotated, None)


async def test_bad_revocation_input_gets_libindy_codes(raw_wallet, tmp_path):
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails")
    with pytest.raises(error.CommonInvalidStructure):
        await blob_storage.open_reader("s3", json.dumps({"base_dir": "x"}))
    with pytest.raises(error.CommonInvalidStructure):
        await blob_storage.open_writer("default", json.dumps({"base_dir": "x"}))  # no uri_pattern
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_revoke_credential(h, made["reader"], made["rev_reg_id"], "not-a-number")
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_revoke_credential(h, made["reader"], made["rev_reg_id"] + "x", "1")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.create_revocation_state(made["reader"], "{}", made["rev_reg_entry"], 1, "1")
    # A tails file that does not match the definition's hash is refused, not used.
    definition = json.loads(made["rev_reg_def"])
    tails = tmp_path / "tails" / definition["value"]["tailsHash"]
    tails.write_bytes(tails.read_bytes()[:-1] + b"\x00")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.create_revocation_state(made["reader"], made["rev_reg_def"], made["rev_reg_entry"], 1, "1")
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_create_and_store_revoc_reg(
            h, ISSUER, None, "R", made["cred_def_id"] + "x", "{}",
            await blob_storage.open_writer("default", json.dumps({"base_dir": str(tmp_path), "uri_pattern": ""})))


async def test_mismatched_objects_get_libindy_codes(raw_wallet, tmp_path):
    """An offer of one credential definition with a request for another, a request made for
    another offer's nonce, a proof request naming an attribute the credential lacks, and a
    reader whose directory has no tails file."""
    h = raw_wallet.handle
    made = await issuer_setup(h, tmp_path / "tails")
    other_id, other_def = await anoncreds.issuer_create_and_store_credential_def(
        h, ISSUER, made["schema"], "OTHER", None, json.dumps({"support_revocation": False}))
    prover, _ = await did.create_and_store_my_did(h, "{}")
    await anoncreds.prover_create_master_secret(h, "ms")
    offer = await anoncreds.issuer_create_credential_offer(h, made["cred_def_id"])
    other_offer = await anoncreds.issuer_create_credential_offer(h, other_id)
    request, _ = await anoncreds.prover_create_credential_req(h, prover, other_offer, other_def, "ms")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_create_credential(h, offer, request, json.dumps(GVT_VALUES), None, None)
    # A request answering another offer of the same definition: its nonce does not match.
    request, metadata = await anoncreds.prover_create_credential_req(h, prover, offer, made["cred_def"], "ms")
    second_offer = await anoncreds.issuer_create_credential_offer(h, made["cred_def_id"])
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_create_credential(
            h, second_offer, request, json.dumps(GVT_VALUES), made["rev_reg_id"], made["reader"])
    # A credential stored with another request's metadata does not match its blinding.
    credential, _, _ = await anoncreds.issuer_create_credential(
        h, offer, request, json.dumps(GVT_VALUES), made["rev_reg_id"], made["reader"])
    _, other_metadata = await anoncreds.prover_create_credential_req(h, prover, offer, made["cred_def"], "ms")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.prover_store_credential(h, None, other_metadata, credential, made["cred_def"],
                                                made["rev_reg_def"])
    await anoncreds.prover_store_credential(h, None, metadata, credential, made["cred_def"], made["rev_reg_def"])

    cred_id, rev_id, delta = await issue(h, made, "cred-1")
    request = json.dumps({
        "nonce": await anoncreds.generate_nonce(), "name": "p", "version": "0.1",
        "requested_attributes": {"a": {"name": "favourite colour"}}, "requested_predicates": {},
    })
    found = json.loads(await anoncreds.prover_get_credentials_for_proof_req(h, request))
    assert found["attrs"]["a"] == []
    requested = json.dumps({"requested_attributes": {"a": {"cred_id": cred_id, "revealed": True}}})
    schemas = json.dumps({made["schema_id"]: json.loads(made["schema"])})
    cred_defs = json.dumps({made["cred_def_id"]: json.loads(made["cred_def"])})
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.prover_create_proof(h, request, requested, "ms", schemas, cred_defs, "{}")

    empty = tmp_path / "empty"
    empty.mkdir()
    reader = await blob_storage.open_reader("default", json.dumps({"base_dir": str(empty)}))
    with pytest.raises(error.CommonIOError):
        await anoncreds.create_revocation_state(reader, made["rev_reg_def"], delta, 1, rev_id)
