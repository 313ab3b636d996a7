"""Interoperability with the indy-credx Python package (Hyperledger's independent binding of
the same formats): objects made here are accepted there, and the other way round."""
import json

import indy_credx as credx

from indy import anoncreds, did

VALUES = {"name": "Alex", "age": "28", "sex": "male", "height": "175"}


def encoded(values):
    return {name: {"raw": raw, "encoded": credx.encode_credential_attributes({name: raw})[name]}
            for name, raw in values.items()}


def proof_request(nonce):
    return {"nonce": nonce, "name": "interop", "version": "1.0",
            "requested_attributes": {"attr1": {"name": "name"}},
            "requested_predicates": {"pred1": {"name": "age", "p_type": ">=", "p_value": 18}}}


async def test_issued_here_proved_with_indy_credx(raw_wallet):
    h = raw_wallet.handle
    issuer, _ = await did.create_and_store_my_did(h, json.dumps({"seed": "000000000000000000000000Trustee1"}))
    schema_id, schema = await anoncreds.issuer_create_schema(issuer, "interop", "1.0", json.dumps(list(VALUES)))
    cred_def_id, cred_def = await anoncreds.issuer_create_and_store_credential_def(h, issuer, schema, "here", "CL", "{}")
    offer = await anoncreds.issuer_create_credential_offer(h, cred_def_id)

    link_secret = credx.LinkSecret.create()
    request, metadata = credx.CredentialRequest.create(issuer, cred_def, link_secret, "ls", offer)
    credential, _, _ = await anoncreds.issuer_create_credential(h, offer, request.to_json(), json.dumps(encoded(VALUES)),
                                                                None, None)
    credential = credx.Credential.load(credential).process(metadata, link_secret, cred_def)

    present = credx.PresentCredentials()
    present.add_attributes(credential, "attr1", reveal=True)
    present.add_predicates(credential, "pred1")
    request_json = proof_request(await anoncreds.generate_nonce())
    presentation = credx.Presentation.create(request_json, present, {}, link_secret, [schema], [cred_def])
    assert await anoncreds.verifier_verify_proof(json.dumps(request_json), presentation.to_json(),
                                                 json.dumps({schema_id: json.loads(schema)}),
                                                 json.dumps({cred_def_id: json.loads(cred_def)}), "{}", "{}") is True


async def test_issued_by_indy_credx_proved_here(raw_wallet):
    h = raw_wallet.handle
    issuer = "V4SGRU86Z58d6TV7PBUe6f"
    schema = credx.Schema.create(issuer, "interop", "2.0", list(VALUES))
    cred_def, cred_def_private, key_proof = credx.CredentialDefinition.create(issuer, schema, "CL", "credx")
    offer = credx.CredentialOffer.create(schema.id, cred_def, key_proof)

    prover, _ = await did.create_and_store_my_did(h, "{}")
    master_secret = await anoncreds.prover_create_master_secret(h, "ms")
    request, metadata = await anoncreds.prover_create_credential_req(h, prover, offer.to_json(), cred_def.to_json(),
                                                                     master_secret)
    credential, _, _ = credx.Credential.create(cred_def, cred_def_private, offer, request, VALUES)
    cred_id = await anoncreds.prover_store_credential(h, None, metadata, credential.to_json(), cred_def.to_json(), None)
    info = json.loads(await anoncreds.prover_get_credential(h, cred_id))
    assert info["attrs"] == VALUES

    request_json = proof_request(credx.generate_nonce())
    requested = {"requested_attributes": {"attr1": {"cred_id": cred_id, "revealed": True}},
                 "requested_predicates": {"pred1": {"cred_id": cred_id}}}
    proof = await anoncreds.prover_create_proof(h, json.dumps(request_json), json.dumps(requested), master_secret,
                                                json.dumps({schema.id: schema.to_dict()}),
                                                json.dumps({cred_def.id: cred_def.to_dict()}), "{}")
    assert credx.Presentation.load(proof).verify(request_json, [schema], [cred_def]) is True
