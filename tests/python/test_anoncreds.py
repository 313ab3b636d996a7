"""Anoncreds (without revocation) through the official python3-indy, unchanged: the whole
issue-prove-verify flow, libindy's error codes, and credentials stored by libindy 1.16."""
import json

import pytest

from indy import anoncreds, did, error, wallet

from conftest import wallet_config, wallet_credentials

GVT_VALUES = {
    "name": {"raw": "Alex", "encoded": "1139481716457488690172217916278103335"},
    "sex": {"raw": "male", "encoded": "5944657099558967239210949258394887428692050081607692519917050011144233115103"},
    "height": {"raw": "175", "encoded": "175"},
    "age": {"raw": "28", "encoded": "28"},
}


async def issue(raw_wallet, tag="TAG1"):
    """Issuer and prover in one wallet: returns everything the flow made."""
    h = raw_wallet.handle
    issuer = "V4SGRU86Z58d6TV7PBUe6f"
    try:
        await did.create_and_store_my_did(h, json.dumps({"seed": "000000000000000000000000Trustee1"}))
    except error.DidAlreadyExistsError:
        pass  # a second issuance in the same wallet
    prover, _ = await did.create_and_store_my_did(h, "{}")
    schema_id, schema = await anoncreds.issuer_create_schema(issuer, "gvt", "1.0", json.dumps(list(GVT_VALUES)))
    cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
        h, issuer, schema, tag, "CL", json.dumps({"support_revocation": False}))
    offer = await anoncreds.issuer_create_credential_offer(h, cred_def_id)
    master_secret = await anoncreds.prover_create_master_secret(h, "ms-" + tag)
    request, metadata = await anoncreds.prover_create_credential_req(h, prover, offer, cred_def, master_secret)
    credential, rev_id, delta = await anoncreds.issuer_create_credential(h, offer, request, json.dumps(GVT_VALUES), None, None)
    assert rev_id is None and delta is None
    cred_id = await anoncreds.prover_store_credential(h, "cred-" + tag, metadata, credential, cred_def, None)
    return dict(issuer=issuer, schema_id=schema_id, schema=schema, cred_def_id=cred_def_id, cred_def=cred_def,
                offer=offer, master_secret=master_secret, request=request, cred_id=cred_id)


def proof_request(nonce, predicate_value=18):
    return json.dumps({
        "nonce": nonce, "name": "proof_req_1", "version": "0.1",
        "requested_attributes": {"attr1_referent": {"name": "name"}},
        "requested_predicates": {"predicate1_referent": {"name": "age", "p_type": ">=", "p_value": predicate_value}},
    })


async def test_issue_store_prove_verify(raw_wallet):
    made = await issue(raw_wallet)
    assert made["schema_id"] == "V4SGRU86Z58d6TV7PBUe6f:2:gvt:1.0"
    assert made["cred_def_id"] == "V4SGRU86Z58d6TV7PBUe6f:3:CL:V4SGRU86Z58d6TV7PBUe6f:2:gvt:1.0:TAG1"
    info = json.loads(await anoncreds.prover_get_credential(raw_wallet.handle, made["cred_id"]))
    assert info == {"referent": "cred-TAG1", "attrs": {k: v["raw"] for k, v in GVT_VALUES.items()},
                    "schema_id": made["schema_id"], "cred_def_id": made["cred_def_id"],
                    "rev_reg_id": None, "cred_rev_id": None}

    nonce = await anoncreds.generate_nonce()
    assert nonce.isdigit()
    request = proof_request(nonce)
    requested = json.dumps({"self_attested_attributes": {},
                            "requested_attributes": {"attr1_referent": {"cred_id": made["cred_id"], "revealed": True}},
                            "requested_predicates": {"predicate1_referent": {"cred_id": made["cred_id"]}}})
    schemas = json.dumps({made["schema_id"]: json.loads(made["schema"])})
    cred_defs = json.dumps({made["cred_def_id"]: json.loads(made["cred_def"])})
    proof = await anoncreds.prover_create_proof(raw_wallet.handle, request, requested, made["master_secret"],
                                                schemas, cred_defs, "{}")
    revealed = json.loads(proof)["requested_proof"]["revealed_attrs"]["attr1_referent"]
    assert revealed["raw"] == "Alex"
    assert await anoncreds.verifier_verify_proof(request, proof, schemas, cred_defs, "{}", "{}") is True

    # The same proof against another request (another nonce) does not verify.
    other = proof_request(await anoncreds.generate_nonce())
    assert await anoncreds.verifier_verify_proof(other, proof, schemas, cred_defs, "{}", "{}") is False


async def test_a_predicate_the_credential_does_not_meet_cannot_be_proved(raw_wallet):
    made = await issue(raw_wallet)
    request = proof_request(await anoncreds.generate_nonce(), predicate_value=60)
    requested = json.dumps({"requested_attributes": {"attr1_referent": {"cred_id": made["cred_id"], "revealed": True}},
                            "requested_predicates": {"predicate1_referent": {"cred_id": made["cred_id"]}}})
    with pytest.raises(error.IndyError):
        await anoncreds.prover_create_proof(raw_wallet.handle, request, requested, made["master_secret"],
                                            json.dumps({made["schema_id"]: json.loads(made["schema"])}),
                                            json.dumps({made["cred_def_id"]: json.loads(made["cred_def"])}), "{}")


async def test_libindy_error_codes(raw_wallet):
    made = await issue(raw_wallet)
    h = raw_wallet.handle
    with pytest.raises(error.AnoncredsCredDefAlreadyExistsError):
        await anoncreds.issuer_create_and_store_credential_def(h, made["issuer"], made["schema"], "TAG1", "CL", "{}")
    with pytest.raises(error.AnoncredsMasterSecretDuplicateNameError):
        await anoncreds.prover_create_master_secret(h, made["master_secret"])
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.issuer_create_credential_offer(h, made["issuer"] + ":3:CL:1:unknown")
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.prover_get_credential(h, "no-such-credential")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_create_schema(made["issuer"], "s", "1.0", "not json")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.issuer_create_credential(h, "{}", made["request"], json.dumps(GVT_VALUES), None, None)
    # A credential for another credential definition does not store against this one.
    other = await issue(raw_wallet, tag="TAG2")
    offer = await anoncreds.issuer_create_credential_offer(h, other["cred_def_id"])
    request, metadata = await anoncreds.prover_create_credential_req(h, made["issuer"], offer, other["cred_def"],
                                                                     made["master_secret"])
    credential, _, _ = await anoncreds.issuer_create_credential(h, offer, request, json.dumps(GVT_VALUES), None, None)
    with pytest.raises(error.IndyError):
        await anoncreds.prover_store_credential(h, None, metadata, credential, made["cred_def"], None)


async def test_libindy_stored_credential_definition_and_credential_are_usable(copy_fixture_wallet, manifest):
    entry = next(w for w in manifest["wallets"] if w["config"]["id"] == "wallet1_raw")
    path = copy_fixture_wallet("wallet1_raw")
    config = wallet_config("wallet1_raw", path)
    creds = json.dumps(entry["credentials"])
    h = await wallet.open_wallet(config, creds)
    try:
        content = entry["content"]["anoncreds"]
        # libindy 1.16 stored this credential definition's keys: offer with them.
        offer = json.loads(await anoncreds.issuer_create_credential_offer(h, content["cred_def_id"]))
        assert offer["cred_def_id"] == content["cred_def_id"]
        assert offer["schema_id"] == content["schema_id"]
        # ... and this credential, bound to its master secret: read it and prove with it.
        info = json.loads(await anoncreds.prover_get_credential(h, content["credential_id"]))
        assert info["cred_def_id"] == content["cred_def_id"]
        expected = {name: value["raw"] if isinstance(value, dict) else value
                    for name, value in content["credential_values"].items()}
        assert info["attrs"] == expected
        attr = sorted(expected)[0]
        request = json.dumps({"nonce": await anoncreds.generate_nonce(), "name": "p", "version": "1.0",
                              "requested_attributes": {"a": {"name": attr}}, "requested_predicates": {}})
        requested = json.dumps({"requested_attributes": {"a": {"cred_id": content["credential_id"], "revealed": True}},
                                "requested_predicates": {}})
        schemas = json.dumps({content["schema_id"]: content["schema"]})
        cred_defs = json.dumps({content["cred_def_id"]: content["cred_def"]})
        proof = await anoncreds.prover_create_proof(h, request, requested, content["master_secret_id"],
                                                    schemas, cred_defs, "{}")
        assert await anoncreds.verifier_verify_proof(request, proof, schemas, cred_defs, "{}", "{}") is True
    finally:
        await wallet.close_wallet(h)


async def test_a_deleted_credential_is_gone(raw_wallet):
    made = await issue(raw_wallet)
    h = raw_wallet.handle
    await anoncreds.prover_delete_credential(h, made["cred_id"])
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.prover_get_credential(h, made["cred_id"])
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.prover_delete_credential(h, made["cred_id"])
    assert json.loads(await anoncreds.prover_get_credentials(h, "{}")) == []


async def test_to_unqualified_removes_prefixes():
    assert await anoncreds.to_unqualified("did:sov:NcYxiDXkpYi6ov5FcYDi1e") == "NcYxiDXkpYi6ov5FcYDi1e"
    assert await anoncreds.to_unqualified("creddef:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:3:CL:1:tag") == \
        "NcYxiDXkpYi6ov5FcYDi1e:3:CL:1:tag"
    offer = json.dumps({"schema_id": "schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0",
                        "cred_def_id": "creddef:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:3:CL:schema:sov:did:sov:NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0:tag",
                        "key_correctness_proof": {"c": "1", "xz_cap": "1", "xr_cap": [["name", "1"]]},
                        "nonce": "123", "method_name": "sov"})
    unqualified = json.loads(await anoncreds.to_unqualified(offer))
    assert unqualified["schema_id"] == "NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0"
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.to_unqualified('{"unknown": 1}')
