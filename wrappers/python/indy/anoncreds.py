"""Anonymous credentials (libindy's ``indy_anoncreds.h``): schemas, credential definitions,
offers, requests, issuance, revocation (registries, tails files through
:mod:`indy.blob_storage`, revocation states, deltas), credential definition rotation, the
prover's wallet (tag policies, searches, searches for proof requests), proofs and their
verification.

Everything of python3-indy 1.16's ``indy.anoncreds`` is here, with its names and
parameters, plus one function python3-indy leaves out although libindy exports it:
:func:`issuer_recover_credential` (undoes a revocation).

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
           "generate_nonce", "issuer_rotate_credential_def_start", "issuer_rotate_credential_def_apply",
           "issuer_create_and_store_revoc_reg", "issuer_revoke_credential", "issuer_recover_credential",
           "issuer_merge_revocation_registry_deltas", "prover_set_credential_attr_tag_policy",
           "prover_get_credential_attr_tag_policy", "prover_get_credentials_for_proof_req",
           "prover_search_credentials_for_proof_req", "prover_fetch_credentials_for_proof_req",
           "prover_close_credentials_search_for_proof_req", "create_revocation_state", "update_revocation_state"]


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
    :param config_json: ``{"support_revocation": true | false}`` or ``None`` (no revocation).
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
    :param rev_reg_id: the revocation registry to issue in (of this credential definition),
        or ``None`` for a credential that cannot be revoked.
    :param blob_storage_reader_handle: a reader of the registry's tails file (from
        :func:`indy.blob_storage.open_reader`), with ``rev_reg_id``; else ``None``.
    :return: ``(cred_json, cred_revoc_id, revoc_reg_delta_json)``. With a registry the
        credential takes its next index (``cred_revoc_id``) and, for an
        ``ISSUANCE_ON_DEMAND`` registry, the delta to publish comes too; ``None`` otherwise.
    :raises AnoncredsRevocationRegistryFullError: the registry has no index left.
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
    :param rev_reg_def_json: the revocation registry definition of a revocable credential,
        else ``None``.
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
    :param rev_states_json: ``{rev_reg_id: {"<timestamp>": rev_state}}`` for revocable
        credentials (the timestamps of ``requested_credentials_json``), else ``"{}"``.
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
    :param rev_reg_defs_json: ``{rev_reg_id: rev_reg_def}`` for every registry in the proof,
        else ``"{}"``.
    :param rev_regs_json: ``{rev_reg_id: {"<timestamp>": rev_reg_delta_or_entry}}``, else ``"{}"``.
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


async def issuer_rotate_credential_def_start(wallet_handle: int, cred_def_id: str, config_json: Optional[str]) -> str:
    """Generates new keys for a stored credential definition and keeps them aside until
    :func:`issuer_rotate_credential_def_apply`. Takes seconds.

    :param wallet_handle: wallet handle.
    :param cred_def_id: the credential definition's id.
    :param config_json: ``{"support_revocation": bool}`` or ``None``.
    :return: the new public credential definition JSON (``str``).
    :raises WalletItemNotFound: the definition is not in the wallet.
    """
    res: str = await _ffi.call("indy_issuer_rotate_credential_def_start", wallet_handle, text(cred_def_id),
                               text(config_json))
    return res


async def issuer_rotate_credential_def_apply(wallet_handle: int, cred_def_id: str) -> None:
    """Replaces a credential definition's keys with those of
    :func:`issuer_rotate_credential_def_start`.

    :param wallet_handle: wallet handle.
    :param cred_def_id: the credential definition's id.
    :return: ``None``.
    :raises WalletItemNotFound: no rotation was started for it.
    """
    await _ffi.call("indy_issuer_rotate_credential_def_apply", wallet_handle, text(cred_def_id))


async def issuer_create_and_store_revoc_reg(wallet_handle: int, issuer_did: str, revoc_def_type: Optional[str],
                                            tag: str, cred_def_id: str, config_json: str,
                                            tails_writer_handle: int) -> Tuple[str, str, str]:
    """Creates a revocation registry for a credential definition, writes its tails file
    through a blob storage writer and stores it in the wallet. Takes seconds.

    :param wallet_handle: wallet handle.
    :param issuer_did: the issuer's DID.
    :param revoc_def_type: ``"CL_ACCUM"`` or ``None`` (CL_ACCUM).
    :param tag: distinguishes registries of one credential definition.
    :param cred_def_id: a credential definition made with ``{"support_revocation": true}``.
    :param config_json: ``{"issuance_type": "ISSUANCE_ON_DEMAND" | "ISSUANCE_BY_DEFAULT",
        "max_cred_num": int}``.
    :param tails_writer_handle: from :func:`indy.blob_storage.open_writer`.
    :return: ``(revoc_reg_id, revoc_reg_def_json, revoc_reg_entry_json)``.
    :raises WalletItemNotFound: the credential definition is not in the wallet.
    """
    res: Tuple[str, str, str] = await _ffi.call(
        "indy_issuer_create_and_store_revoc_reg", wallet_handle, text(issuer_did), text(revoc_def_type), text(tag),
        text(cred_def_id), text(config_json), tails_writer_handle)
    return res


async def issuer_revoke_credential(wallet_handle: int, blob_storage_reader_handle: int, rev_reg_id: str,
                                   cred_revoc_id: str) -> str:
    """Revokes a credential issued in a revocation registry of the wallet.

    :param wallet_handle: wallet handle.
    :param blob_storage_reader_handle: a reader of the registry's tails file.
    :param rev_reg_id: the registry's id.
    :param cred_revoc_id: the credential's index in it (from :func:`issuer_create_credential`).
    :return: the revocation registry delta to publish (``str``).
    :raises AnoncredsInvalidUserRevocId: the index is revoked already or was never issued.
    :raises WalletItemNotFound: the registry is not in the wallet.
    """
    res: str = await _ffi.call("indy_issuer_revoke_credential", wallet_handle, blob_storage_reader_handle,
                               text(rev_reg_id), text(cred_revoc_id))
    return res


async def issuer_recover_credential(wallet_handle: int, blob_storage_reader_handle: int, rev_reg_id: str,
                                    cred_revoc_id: str) -> str:
    """Undoes the revocation of a credential. libindy exports it; python3-indy 1.16 does not
    wrap it (an extension of this package).

    :param wallet_handle: wallet handle.
    :param blob_storage_reader_handle: a reader of the registry's tails file.
    :param rev_reg_id: the registry's id.
    :param cred_revoc_id: the revoked credential's index.
    :return: the revocation registry delta to publish (``str``).
    :raises AnoncredsInvalidUserRevocId: the index is not revoked.
    :raises WalletItemNotFound: the registry is not in the wallet.
    """
    res: str = await _ffi.call("indy_issuer_recover_credential", wallet_handle, blob_storage_reader_handle,
                               text(rev_reg_id), text(cred_revoc_id))
    return res


async def issuer_merge_revocation_registry_deltas(rev_reg_delta_json: str, other_rev_reg_delta_json: str) -> str:
    """Merges two consecutive deltas of one revocation registry into one.

    :param rev_reg_delta_json: the earlier delta.
    :param other_rev_reg_delta_json: the later delta (its previous accumulator is the
        earlier one's accumulator).
    :return: the merged delta (``str``).
    :raises CommonInvalidStructure: the deltas are not JSON deltas.
    """
    res: str = await _ffi.call("indy_issuer_merge_revocation_registry_deltas", text(rev_reg_delta_json),
                               text(other_rev_reg_delta_json))
    return res


async def prover_set_credential_attr_tag_policy(wallet_handle: int, cred_def_id: str, tag_attrs_json: Optional[str],
                                                retroactive: bool) -> None:
    """Which attributes of a credential definition's credentials get value tags
    (``attr::<name>::value``) in the wallet; the others are marked only.

    :param wallet_handle: wallet handle.
    :param cred_def_id: the credential definition's id.
    :param tag_attrs_json: a JSON array of attribute names, or ``None`` for all (no policy).
    :param retroactive: also re-tag the credentials already stored.
    :return: ``None``.
    """
    await _ffi.call("indy_prover_set_credential_attr_tag_policy", wallet_handle, text(cred_def_id),
                    text(tag_attrs_json), bool(retroactive))


async def prover_get_credential_attr_tag_policy(wallet_handle: int, cred_def_id: str) -> str:
    """The tag policy of a credential definition.

    :param wallet_handle: wallet handle.
    :param cred_def_id: the credential definition's id.
    :return: a JSON array of (canonical) attribute names, or ``"null"`` when none is set (``str``).
    """
    res: str = await _ffi.call("indy_prover_get_credential_attr_tag_policy", wallet_handle, text(cred_def_id))
    return res


async def prover_get_credentials_for_proof_req(wallet_handle: int, proof_request_json: str) -> str:
    """Every stored credential that can answer each item of a proof request (deprecated in
    libindy for :func:`prover_search_credentials_for_proof_req`).

    :param wallet_handle: wallet handle.
    :param proof_request_json: the proof request.
    :return: ``{"attrs": {referent: [{"cred_info", "interval"}]}, "predicates": {referent: [...]}}``
        (``str``).
    :raises CommonInvalidStructure: the proof request is malformed.
    """
    res: str = await _ffi.call("indy_prover_get_credentials_for_proof_req", wallet_handle, text(proof_request_json))
    return res


async def prover_search_credentials_for_proof_req(wallet_handle: int, proof_request_json: str,
                                                  extra_query_json: Optional[str]) -> int:
    """Opens one search per item of a proof request.

    :param wallet_handle: wallet handle.
    :param proof_request_json: the proof request.
    :param extra_query_json: ``{referent: <WQL>}`` narrowing items further, or ``None``.
    :return: the search handle (``int``), for :func:`prover_fetch_credentials_for_proof_req`.
    :raises CommonInvalidStructure: the proof request is malformed.
    """
    res: int = await _ffi.call("indy_prover_search_credentials_for_proof_req", wallet_handle,
                               text(proof_request_json), text(extra_query_json))
    return res


async def prover_fetch_credentials_for_proof_req(search_handle: int, item_referent: str, count: int) -> str:
    """The next credentials for one item of a proof request search.

    :param search_handle: from :func:`prover_search_credentials_for_proof_req`.
    :param item_referent: the referent of an attribute or predicate of the request.
    :param count: how many at most.
    :return: a JSON array of ``{"cred_info", "interval"}`` (``str``).
    :raises WalletInvalidHandle: no such search, or no such referent in it.
    """
    res: str = await _ffi.call("indy_prover_fetch_credentials_for_proof_req", search_handle, text(item_referent),
                               count)
    return res


async def prover_close_credentials_search_for_proof_req(search_handle: int) -> None:
    """Closes a proof request search.

    :param search_handle: from :func:`prover_search_credentials_for_proof_req`.
    :return: ``None``.
    :raises WalletInvalidHandle: no such search (or closed already).
    """
    await _ffi.call("indy_prover_close_credentials_search_for_proof_req", search_handle)


async def create_revocation_state(blob_storage_reader_handle: int, rev_reg_def_json: str, rev_reg_delta_json: str,
                                  timestamp: int, cred_rev_id: str) -> str:
    """A prover's revocation state for a credential at a time, from a registry delta and the
    tails file. Takes a while for large registries.

    :param blob_storage_reader_handle: a reader of the registry's tails file.
    :param rev_reg_def_json: the revocation registry definition.
    :param rev_reg_delta_json: the registry's delta (or entry) valid at ``timestamp``.
    :param timestamp: the time the delta is valid at (seconds since the epoch).
    :param cred_rev_id: the credential's index in the registry.
    :return: the revocation state JSON (``str``).
    :raises CommonInvalidStructure: malformed input, or a tails file not matching the definition.
    """
    res: str = await _ffi.call("indy_create_revocation_state", blob_storage_reader_handle, text(rev_reg_def_json),
                               text(rev_reg_delta_json), timestamp, text(cred_rev_id))
    return res


async def update_revocation_state(blob_storage_reader_handle: int, rev_state_json: str, rev_reg_def_json: str,
                                  rev_reg_delta_json: str, timestamp: int, cred_rev_id: str) -> str:
    """A revocation state brought up to date with a newer registry delta.

    :param blob_storage_reader_handle: a reader of the registry's tails file.
    :param rev_state_json: the state to update (from :func:`create_revocation_state`).
    :param rev_reg_def_json: the revocation registry definition.
    :param rev_reg_delta_json: the delta since the state's time.
    :param timestamp: the time the new state is valid at.
    :param cred_rev_id: the credential's index in the registry.
    :return: the updated revocation state JSON (``str``).
    :raises CommonInvalidStructure: malformed input.
    """
    res: str = await _ffi.call("indy_update_revocation_state", blob_storage_reader_handle, text(rev_state_json),
                               text(rev_reg_def_json), text(rev_reg_delta_json), timestamp, text(cred_rev_id))
    return res
