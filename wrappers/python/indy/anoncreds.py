"""Anonymous credentials (libindy's ``indy_anoncreds.h``): schemas, credential definitions,
offers, requests, issuance, the prover's wallet, proofs and their verification.

Only what the library implements is here. Revocation (revocation registries, tails files,
revocation states), credential searches and the deprecated listing functions are not
implemented yet, so they are absent; ``issuer_create_credential`` takes no revocation
registry (``rev_reg_id`` must be ``None``).

The expensive steps (credential definition keys, issuance, proofs, verification) run on
the library's expensive tier, off the caller's thread and without holding up cheap calls.
"""

from __future__ import annotations

from typing import Optional, Tuple

from . import _ffi
from ._ffi import text

__all__ = ["to_unqualified", "prover_delete_credential", "prover_get_credentials", "prover_search_credentials", "prover_fetch_credentials",
           "prover_close_credentials_search", "issuer_create_schema", "issuer_create_and_store_credential_def", "issuer_create_credential_offer",
           "issuer_create_credential", "prover_create_master_secret", "prover_create_credential_req",
           "prover_store_credential", "prover_get_credential", "prover_create_proof", "verifier_verify_proof",
           "generate_nonce"]


async def issuer_create_schema(issuer_did: str, name: str, version: str, attrs: str) -> Tuple[str, str]:
    """Builds a schema (nothing is stored).

    :param issuer_did: the issuer's DID.
    :param name: the schema's name.
    :param version: its version, e.g. ``"1.0"``.
    :param attrs: JSON array of attribute names, e.g. ``'["name", "age"]'``.
    :return: ``(schema_id, schema_json)``; the id is ``<did>:2:<name>:<version>``.
    :raises CommonInvalidStructure: ``attrs`` is not a JSON array of names.
    """
    res: Tuple[str, str] = await _ffi.call("indy_issuer_create_schema", text(issuer_did), text(name), text(version),
                                           text(attrs))
    return res


async def issuer_create_and_store_credential_def(wallet_handle: int, issuer_did: str, schema_json: str, tag: str,
                                                 signature_type: Optional[str],
                                                 config_json: Optional[str]) -> Tuple[str, str]:
    """Generates a credential definition for a schema and stores its keys in the wallet.
    Takes seconds (CL key generation).

    :param wallet_handle: wallet handle.
    :param issuer_did: the issuer's DID.
    :param schema_json: the schema JSON (from :func:`issuer_create_schema` or a ledger).
    :param tag: distinguishes definitions of one schema by one issuer.
    :param signature_type: ``"CL"`` or ``None`` (CL).
    :param config_json: ``{"support_revocation": false}`` or ``None``.
    :return: ``(cred_def_id, cred_def_json)``.
    :raises AnoncredsCredDefAlreadyExistsError: this issuer has a definition with this id.
    """
    res: Tuple[str, str] = await _ffi.call("indy_issuer_create_and_store_credential_def", wallet_handle,
                                           text(issuer_did), text(schema_json), text(tag), text(signature_type),
                                           text(config_json))
    return res


async def issuer_create_credential_offer(wallet_handle: int, cred_def_id: str) -> str:
    """An offer of a credential of a credential definition in the wallet.

    :param wallet_handle: wallet handle.
    :param cred_def_id: the credential definition's id.
    :return: the offer JSON (``str``).
    :raises WalletItemNotFound: the definition is not in the wallet.
    """
    res: str = await _ffi.call("indy_issuer_create_credential_offer", wallet_handle, text(cred_def_id))
    return res


async def issuer_create_credential(wallet_handle: int, cred_offer_json: str, cred_req_json: str,
                                   cred_values_json: str, rev_reg_id: Optional[str],
                                   blob_storage_reader_handle: Optional[int]
                                   ) -> Tuple[str, Optional[str], Optional[str]]:
    """Issues a credential for a request made for one of your offers.

    :param wallet_handle: wallet handle.
    :param cred_offer_json: the offer.
    :param cred_req_json: the prover's request.
    :param cred_values_json: ``{"attr": {"raw": "Alex", "encoded": "<decimal>"}, ...}``.
    :param rev_reg_id: ``None`` (revocation is not implemented yet).
    :param blob_storage_reader_handle: ``None`` (revocation is not implemented yet).
    :return: ``(cred_json, cred_revoc_id, revoc_reg_delta_json)``; the last two are ``None``
        without revocation.
    """
    cred, revoc_id, delta = await _ffi.call(
        "indy_issuer_create_credential", wallet_handle, text(cred_offer_json), text(cred_req_json),
        text(cred_values_json), text(rev_reg_id),
        blob_storage_reader_handle if blob_storage_reader_handle else -1)
    return cred, revoc_id or None, delta or None


async def prover_create_master_secret(wallet_handle: int, master_secret_name: Optional[str]) -> str:
    """Creates a master secret and stores it in the wallet.

    :param wallet_handle: wallet handle.
    :param master_secret_name: its id, or ``None`` for a random one.
    :return: the master secret's id (``str``).
    :raises AnoncredsMasterSecretDuplicateNameError: the id is taken.
    """
    res: str = await _ffi.call("indy_prover_create_master_secret", wallet_handle,
                               text(master_secret_name) if master_secret_name else None)
    return res


async def prover_create_credential_req(wallet_handle: int, prover_did: str, cred_offer_json: str,
                                       cred_def_json: str, master_secret_id: str) -> Tuple[str, str]:
    """A credential request for an offer, bound to a master secret in the wallet.

    :param wallet_handle: wallet handle.
    :param prover_did: the prover's DID.
    :param cred_offer_json: the issuer's offer.
    :param cred_def_json: the offer's credential definition.
    :param master_secret_id: a master secret in the wallet.
    :return: ``(cred_req_json, cred_req_metadata_json)``; keep the metadata for
        :func:`prover_store_credential`.
    :raises WalletItemNotFound: the master secret is not in the wallet.
    """
    res: Tuple[str, str] = await _ffi.call("indy_prover_create_credential_req", wallet_handle, text(prover_did),
                                           text(cred_offer_json), text(cred_def_json), text(master_secret_id))
    return res


async def prover_store_credential(wallet_handle: int, cred_id: Optional[str], cred_req_metadata_json: str,
                                  cred_json: str, cred_def_json: str, rev_reg_def_json: Optional[str]) -> str:
    """Checks an issued credential and stores it in the wallet (with libindy's tags).

    :param wallet_handle: wallet handle.
    :param cred_id: the id to store it under, or ``None`` for a random one.
    :param cred_req_metadata_json: the metadata from :func:`prover_create_credential_req`.
    :param cred_json: the credential.
    :param cred_def_json: its credential definition.
    :param rev_reg_def_json: ``None`` (revocation is not implemented yet).
    :return: the credential's id (``str``).
    """
    res: str = await _ffi.call("indy_prover_store_credential", wallet_handle, text(cred_id) if cred_id else None,
                               text(cred_req_metadata_json), text(cred_json), text(cred_def_json),
                               text(rev_reg_def_json))
    return res


async def prover_get_credential(wallet_handle: int, cred_id: str) -> str:
    """A credential in the wallet.

    :param wallet_handle: wallet handle.
    :param cred_id: its id.
    :return: JSON ``{"referent", "attrs", "schema_id", "cred_def_id", "rev_reg_id", "cred_rev_id"}``
        (``str``).
    :raises WalletItemNotFound: no such credential.
    """
    res: str = await _ffi.call("indy_prover_get_credential", wallet_handle, text(cred_id))
    return res


async def prover_delete_credential(wallet_handle: int, cred_id: str) -> None:
    """Deletes a credential from the wallet.

    :param wallet_handle: wallet handle.
    :param cred_id: its id.
    :return: ``None``.
    :raises WalletItemNotFound: no such credential.
    """
    await _ffi.call("indy_prover_delete_credential", wallet_handle, text(cred_id))


async def prover_get_credentials(wallet_handle: int, filter_json: str) -> str:
    """Every credential matching a filter (deprecated in libindy for ``prover_search_credentials``).

    :param wallet_handle: wallet handle.
    :param filter_json: ``{"schema_id"?, "schema_issuer_did"?, "schema_name"?, "schema_version"?,
        "issuer_did"?, "cred_def_id"?}``.
    :return: a JSON array of credential infos (``str``).
    """
    res: str = await _ffi.call("indy_prover_get_credentials", wallet_handle, text(filter_json))
    return res


async def prover_search_credentials(wallet_handle: int, query_json: str) -> Tuple[int, int]:
    """Opens a WQL search over the wallet's credentials.

    :param wallet_handle: wallet handle.
    :param query_json: WQL over the credential tags (``schema_id``, ``issuer_did``,
        ``attr::<name>::value`` …).
    :return: ``(search_handle, total_count)``.
    """
    handle, count = await _ffi.call("indy_prover_search_credentials", wallet_handle, text(query_json))
    return int(handle), int(count)


async def prover_fetch_credentials(search_handle: int, count: int) -> str:
    """The next credentials of a search.

    :param search_handle: from ``prover_search_credentials``.
    :param count: how many at most.
    :return: a JSON array of credential infos (``str``).
    """
    res: str = await _ffi.call("indy_prover_fetch_credentials", search_handle, count)
    return res


async def prover_close_credentials_search(search_handle: int) -> None:
    """Closes a credential search.

    :param search_handle: from ``prover_search_credentials``.
    :return: ``None``.
    """
    await _ffi.call("indy_prover_close_credentials_search", search_handle)


async def prover_create_proof(wallet_handle: int, proof_req_json: str, requested_credentials_json: str,
                              master_secret_name: str, schemas_json: str, credential_defs_json: str,
                              rev_states_json: str) -> str:
    """A proof for a proof request from credentials in the wallet.

    :param wallet_handle: wallet handle.
    :param proof_req_json: the verifier's proof request.
    :param requested_credentials_json: ``{"self_attested_attributes": {..}, "requested_attributes":
        {referent: {"cred_id", "revealed"}}, "requested_predicates": {referent: {"cred_id"}}}``.
    :param master_secret_name: the master secret the credentials were issued to.
    :param schemas_json: ``{schema_id: schema}`` for every credential used.
    :param credential_defs_json: ``{cred_def_id: cred_def}`` for every credential used.
    :param rev_states_json: ``"{}"`` (revocation is not implemented yet).
    :return: the proof JSON (``str``).
    """
    res: str = await _ffi.call("indy_prover_create_proof", wallet_handle, text(proof_req_json),
                               text(requested_credentials_json), text(master_secret_name), text(schemas_json),
                               text(credential_defs_json), text(rev_states_json))
    return res


async def verifier_verify_proof(proof_request_json: str, proof_json: str, schemas_json: str,
                                credential_defs_json: str, rev_reg_defs_json: str, rev_regs_json: str) -> bool:
    """Verifies a proof against its request. Needs no wallet.

    :param proof_request_json: the proof request.
    :param proof_json: the proof.
    :param schemas_json: ``{schema_id: schema}`` for every identifier in the proof.
    :param credential_defs_json: ``{cred_def_id: cred_def}`` likewise.
    :param rev_reg_defs_json: ``"{}"`` (revocation is not implemented yet).
    :param rev_regs_json: ``"{}"``.
    :return: ``True`` when the proof holds, else ``False``.
    :raises CommonInvalidStructure: the proof does not match its request.
    """
    res: bool = await _ffi.call("indy_verifier_verify_proof", text(proof_request_json), text(proof_json),
                                text(schemas_json), text(credential_defs_json), text(rev_reg_defs_json),
                                text(rev_regs_json))
    return res


async def generate_nonce() -> str:
    """A fresh nonce for a proof request.

    :return: an 80-bit random number in decimal (``str``).
    """
    res: str = await _ffi.call("indy_generate_nonce")
    return res


async def to_unqualified(entity: str) -> str:
    """Removes fully-qualified prefixes (``did:sov:``, ``schema:sov:`` …).

    :param entity: a DID, a schema / credential definition / revocation registry id, or a
        schema, credential definition, revocation registry definition, offer, request or
        proof request as JSON.
    :return: the same entity, unqualified (``str``).
    """
    res: str = await _ffi.call("indy_to_unqualified", text(entity))
    return res
