"""indy.anoncreds through the real library: issue, store, prove, verify (without revocation: test_revocation.py)."""

import asyncio
import json
import uuid

import pytest

from indy import anoncreds, did, error, wallet

from conftest import TRUSTEE1_SEED, assert_detailed

ATTRS = ["name", "age", "sex", "height"]
VALUES = {"name": {"raw": "Alex", "encoded": "1139481716457488690172217916278103335"},
          "age": {"raw": "28", "encoded": "28"},
          "sex": {"raw": "male", "encoded": "5944657099558967239210949258394887428692050081607692519917050011144233115103"},
          "height": {"raw": "175", "encoded": "175"}}


@pytest.fixture(scope="module")
def issuer(tmp_path_factory):
    """One wallet with an issuer DID, a schema and a credential definition (seconds to make)."""
    path = tmp_path_factory.mktemp("issuer")

    async def setup():
        key = await wallet.generate_wallet_key()
        config = json.dumps({"id": "issuer", "storage_config": {"path": str(path)}})
        creds = json.dumps({"key": key, "key_derivation_method": "RAW"})
        await wallet.create_wallet(config, creds)
        h = await wallet.open_wallet(config, creds)
        issuer_did, _ = await did.create_and_store_my_did(h, json.dumps({"seed": TRUSTEE1_SEED}))
        schema_id, schema = await anoncreds.issuer_create_schema(issuer_did, "gvt", "1.0", json.dumps(ATTRS))
        cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(
            h, issuer_did, schema, "TAG1", "CL", json.dumps({"support_revocation": False}))
        await wallet.close_wallet(h)
        return dict(config=config, creds=creds, did=issuer_did, schema_id=schema_id, schema=schema,
                    cred_def_id=cred_def_id, cred_def=cred_def)

    return asyncio.run(setup())


@pytest.fixture
async def issuer_wallet(issuer):
    h = await wallet.open_wallet(issuer["config"], issuer["creds"])
    yield h
    await wallet.close_wallet(h)


async def test_schema():
    schema_id, schema = await anoncreds.issuer_create_schema("NcYxiDXkpYi6ov5FcYDi1e", "gvt", "1.0",
                                                             json.dumps(ATTRS))
    assert schema_id == "NcYxiDXkpYi6ov5FcYDi1e:2:gvt:1.0"
    parsed = json.loads(schema)
    assert parsed["id"] == schema_id and sorted(parsed["attrNames"]) == sorted(ATTRS)
    with pytest.raises(error.CommonInvalidStructure) as e:
        await anoncreds.issuer_create_schema("NcYxiDXkpYi6ov5FcYDi1e", "gvt", "1.0", '"not an array"')
    assert_detailed(e.value)


async def test_nonce():
    nonces = await asyncio.gather(*(anoncreds.generate_nonce() for _ in range(20)))
    assert len(set(nonces)) == 20 and all(n.isdigit() for n in nonces)


async def test_issue_store_prove_verify(issuer, issuer_wallet, raw_wallet):
    prover = raw_wallet.handle
    prover_did, _ = await did.create_and_store_my_did(prover, "{}")
    secret = await anoncreds.prover_create_master_secret(prover, "secret-" + uuid.uuid4().hex)
    with pytest.raises(error.AnoncredsMasterSecretDuplicateNameError):
        await anoncreds.prover_create_master_secret(prover, secret)
    assert await anoncreds.prover_create_master_secret(prover, None) != secret

    offer = await anoncreds.issuer_create_credential_offer(issuer_wallet, issuer["cred_def_id"])
    assert json.loads(offer)["cred_def_id"] == issuer["cred_def_id"]
    request, metadata = await anoncreds.prover_create_credential_req(prover, prover_did, offer, issuer["cred_def"],
                                                                     secret)
    cred, revoc_id, delta = await anoncreds.issuer_create_credential(issuer_wallet, offer, request,
                                                                     json.dumps(VALUES), None, None)
    assert revoc_id is None and delta is None
    cred_id = await anoncreds.prover_store_credential(prover, "cred1", metadata, cred, issuer["cred_def"], None)
    assert cred_id == "cred1"
    stored = json.loads(await anoncreds.prover_get_credential(prover, cred_id))
    assert stored["referent"] == "cred1" and stored["attrs"]["name"] == "Alex"
    assert stored["schema_id"] == issuer["schema_id"] and stored["cred_def_id"] == issuer["cred_def_id"]

    proof_request = {
        "nonce": await anoncreds.generate_nonce(), "name": "proof", "version": "0.1",
        "requested_attributes": {"attr1": {"name": "name"}},
        "requested_predicates": {"pred1": {"name": "age", "p_type": ">=", "p_value": 18}},
    }
    requested = {"self_attested_attributes": {},
                 "requested_attributes": {"attr1": {"cred_id": cred_id, "revealed": True}},
                 "requested_predicates": {"pred1": {"cred_id": cred_id}}}
    schemas = json.dumps({issuer["schema_id"]: json.loads(issuer["schema"])})
    cred_defs = json.dumps({issuer["cred_def_id"]: json.loads(issuer["cred_def"])})
    proof = await anoncreds.prover_create_proof(prover, json.dumps(proof_request), json.dumps(requested), secret,
                                                schemas, cred_defs, "{}")
    assert json.loads(proof)["requested_proof"]["revealed_attrs"]["attr1"]["raw"] == "Alex"
    assert await anoncreds.verifier_verify_proof(json.dumps(proof_request), proof, schemas, cred_defs, "{}",
                                                 "{}") is True

    # The same proof against another request's nonce does not hold.
    other = dict(proof_request, nonce=await anoncreds.generate_nonce())
    try:
        assert await anoncreds.verifier_verify_proof(json.dumps(other), proof, schemas, cred_defs, "{}",
                                                     "{}") is False
    except error.CommonInvalidStructure:
        pass

    # A predicate the credential cannot satisfy.
    impossible = dict(proof_request, requested_predicates={"pred1": {"name": "age", "p_type": ">=",
                                                                     "p_value": 99}})
    with pytest.raises(error.IndyError):
        await anoncreds.prover_create_proof(prover, json.dumps(impossible), json.dumps(requested), secret,
                                            schemas, cred_defs, "{}")


async def test_anoncreds_errors(issuer, issuer_wallet, raw_wallet):
    with pytest.raises(error.AnoncredsCredDefAlreadyExistsError):
        await anoncreds.issuer_create_and_store_credential_def(issuer_wallet, issuer["did"], issuer["schema"], "TAG1",
                                                               None, None)
    with pytest.raises(error.WalletItemNotFound):  # not this wallet's definition
        await anoncreds.issuer_create_credential_offer(raw_wallet.handle, issuer["cred_def_id"])
    with pytest.raises(error.WalletItemNotFound):
        await anoncreds.prover_get_credential(raw_wallet.handle, "missing")
    offer = await anoncreds.issuer_create_credential_offer(issuer_wallet, issuer["cred_def_id"])
    prover_did, _ = await did.create_and_store_my_did(raw_wallet.handle, "{}")
    with pytest.raises(error.WalletItemNotFound):  # no such master secret
        await anoncreds.prover_create_credential_req(raw_wallet.handle, prover_did, offer, issuer["cred_def"],
                                                     "missing")
    with pytest.raises(error.CommonInvalidStructure):
        await anoncreds.verifier_verify_proof("{}", "{}", "{}", "{}", "{}", "{}")
