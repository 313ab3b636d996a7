"""Ledger requests (libindy's ``indy_ledger.h``): builders and parsers, signing with wallet
keys, and submission to an open pool (:mod:`indy.pool`)."""

from __future__ import annotations

import json
from typing import List, Optional, Tuple

from . import _ffi
from ._ffi import text as _text

__all__ = ["sign_and_submit_request", "submit_request", "submit_action", "sign_request", "multi_sign_request",
           "build_get_ddo_request", "build_nym_request", "build_attrib_request", "build_get_attrib_request",
           "build_get_nym_request", "parse_get_nym_response", "build_schema_request", "build_get_schema_request",
           "parse_get_schema_response", "build_cred_def_request", "build_get_cred_def_request",
           "parse_get_cred_def_response", "build_node_request", "build_get_validator_info_request",
           "build_get_txn_request", "build_pool_config_request", "build_pool_restart_request",
           "build_pool_upgrade_request", "build_revoc_reg_def_request", "build_get_revoc_reg_def_request",
           "parse_get_revoc_reg_def_response", "build_revoc_reg_entry_request", "build_get_revoc_reg_request",
           "parse_get_revoc_reg_response", "build_get_revoc_reg_delta_request", "parse_get_revoc_reg_delta_response",
           "get_response_metadata", "build_auth_rule_request", "build_auth_rules_request",
           "build_get_auth_rule_request", "build_txn_author_agreement_request",
           "build_disable_all_txn_author_agreements_request", "build_get_txn_author_agreement_request",
           "build_acceptance_mechanisms_request", "build_get_acceptance_mechanisms_request",
           "append_txn_author_agreement_acceptance_to_request", "append_request_endorser",
           "build_ledgers_freeze_request", "build_get_frozen_ledgers_request"]


async def sign_and_submit_request(pool_handle: int, wallet_handle: int, submitter_did: str,
                                  request_json: str) -> str:
    """Signs a request with the key of ``submitter_did`` (one of your DIDs) and sends it to the pool.

    :param pool_handle: pool handle.
    :param wallet_handle: wallet handle.
    :param submitter_did: submitter did.
    :param request_json: request json.
    :return: the nodes' reply (a REJECT or REQNACK too), as JSON.
    """
    res: str = await _ffi.call("indy_sign_and_submit_request", pool_handle, wallet_handle, _text(submitter_did),
                               _text(request_json))
    return res


async def submit_request(pool_handle: int, request_json: str) -> str:
    """Sends a request (signed or not) to the pool.

    :param pool_handle: pool handle.
    :param request_json: request json.
    :return: the nodes' reply, as JSON.
    """
    res: str = await _ffi.call("indy_submit_request", pool_handle, _text(request_json))
    return res


async def submit_action(pool_handle: int, request_json: str, nodes: Optional[str], timeout: Optional[int]) -> str:
    """Sends a POOL_RESTART or GET_VALIDATOR_INFO request to some nodes.

    ``nodes``: a JSON array of node names, None for all; ``timeout``: seconds, None for the pool's.

    :param pool_handle: pool handle.
    :param request_json: request json.
    :param nodes: nodes.
    :param timeout: timeout.
    :return: ``{node: reply}`` as JSON.
    """
    res: str = await _ffi.call("indy_submit_action", pool_handle, _text(request_json), _text(nodes),
                               -1 if timeout is None else timeout)
    return res


async def sign_request(wallet_handle: int, submitter_did: str, request_json: str) -> str:
    """Adds ``signature`` to a request, signed with the key of ``submitter_did``.

    :param wallet_handle: wallet handle.
    :param submitter_did: submitter did.
    :param request_json: request json.
    :return: the signed request JSON.
    """
    res: str = await _ffi.call("indy_sign_request", wallet_handle, _text(submitter_did), _text(request_json))
    return res


async def multi_sign_request(wallet_handle: int, submitter_did: str, request_json: str) -> str:
    """Adds the signature of ``submitter_did`` to the request's ``signatures``.

    :param wallet_handle: wallet handle.
    :param submitter_did: submitter did.
    :param request_json: request json.
    :return: the signed request JSON.
    """
    res: str = await _ffi.call("indy_multi_sign_request", wallet_handle, _text(submitter_did), _text(request_json))
    return res


async def build_get_ddo_request(submitter_did: Optional[str], target_did: str) -> str:
    """A GET_DDO request.

    :param submitter_did: submitter did.
    :param target_did: target did.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_ddo_request", _text(submitter_did), _text(target_did))
    return res


async def build_nym_request(submitter_did: str, target_did: str, ver_key: Optional[str],
                            alias: Optional[str], role: Optional[str]) -> str:
    """A NYM request; ``role`` TRUSTEE, STEWARD, TRUST_ANCHOR/ENDORSER, NETWORK_MONITOR, or "" to remove it.

    :param submitter_did: submitter did.
    :param target_did: target did.
    :param ver_key: ver key.
    :param alias: alias.
    :param role: role.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_nym_request", _text(submitter_did), _text(target_did), _text(ver_key),
                               _text(alias), _text(role))
    return res


async def build_attrib_request(submitter_did: str, target_did: str, xhash: Optional[str], raw: Optional[str],
                               enc: Optional[str]) -> str:
    """An ATTRIB request; one of ``xhash``, ``raw`` (JSON) or ``enc``.

    :param submitter_did: submitter did.
    :param target_did: target did.
    :param xhash: xhash.
    :param raw: raw.
    :param enc: enc.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_attrib_request", _text(submitter_did), _text(target_did), _text(xhash),
                               _text(raw), _text(enc))
    return res


async def build_get_attrib_request(submitter_did: Optional[str], target_did: str, raw: Optional[str],
                                   xhash: Optional[str], enc: Optional[str]) -> str:
    """A GET_ATTR request; one of ``raw`` (the attribute name), ``xhash`` or ``enc``.

    :param submitter_did: submitter did.
    :param target_did: target did.
    :param raw: raw.
    :param xhash: xhash.
    :param enc: enc.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_attrib_request", _text(submitter_did), _text(target_did), _text(raw),
                               _text(xhash), _text(enc))
    return res


async def build_get_nym_request(submitter_did: Optional[str], target_did: str) -> str:
    """A GET_NYM request.

    :param submitter_did: submitter did.
    :param target_did: target did.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_nym_request", _text(submitter_did), _text(target_did))
    return res


async def parse_get_nym_response(response: str) -> str:
    """The NYM data of a GET_NYM reply.

    :param response: response.
    :return: ``{"did", "verkey", "role"}`` as JSON.
    """
    res: str = await _ffi.call("indy_parse_get_nym_response", _text(response))
    return res


async def build_schema_request(submitter_did: str, data: str) -> str:
    """A SCHEMA request from a schema JSON.

    :param submitter_did: submitter did.
    :param data: data.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_schema_request", _text(submitter_did), _text(data))
    return res


async def build_get_schema_request(submitter_did: Optional[str], id_: str) -> str:
    """A GET_SCHEMA request for a schema id.

    :param submitter_did: submitter did.
    :param id_: id.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_schema_request", _text(submitter_did), _text(id_))
    return res


async def parse_get_schema_response(get_schema_response: str) -> Tuple[str, str]:
    """The schema of a GET_SCHEMA reply.

    :param get_schema_response: get schema response.
    :return: ``(schema_id, schema_json)``.
    """
    res: Tuple[str, str] = await _ffi.call("indy_parse_get_schema_response", _text(get_schema_response))
    return res


async def build_cred_def_request(submitter_did: str, data: str) -> str:
    """A CRED_DEF request from a credential definition JSON.

    :param submitter_did: submitter did.
    :param data: data.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_cred_def_request", _text(submitter_did), _text(data))
    return res


async def build_get_cred_def_request(submitter_did: Optional[str], id_: str) -> str:
    """A GET_CRED_DEF request for a credential definition id.

    :param submitter_did: submitter did.
    :param id_: id.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_cred_def_request", _text(submitter_did), _text(id_))
    return res


async def parse_get_cred_def_response(get_cred_def_response: str) -> Tuple[str, str]:
    """The credential definition of a GET_CRED_DEF reply.

    :param get_cred_def_response: get cred def response.
    :return: ``(cred_def_id, cred_def_json)``.
    """
    res: Tuple[str, str] = await _ffi.call("indy_parse_get_cred_def_response", _text(get_cred_def_response))
    return res


async def build_node_request(submitter_did: str, target_did: str, data: str) -> str:
    """A NODE request.

    :param submitter_did: submitter did.
    :param target_did: target did.
    :param data: data.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_node_request", _text(submitter_did), _text(target_did), _text(data))
    return res


async def build_get_validator_info_request(submitter_did: str) -> str:
    """A GET_VALIDATOR_INFO request.

    :param submitter_did: submitter did.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_validator_info_request", _text(submitter_did))
    return res


async def build_get_txn_request(submitter_did: Optional[str], ledger_type: Optional[str], seq_no: int) -> str:
    """A GET_TXN request; ``ledger_type`` DOMAIN (None), POOL, CONFIG or a ledger number.

    :param submitter_did: submitter did.
    :param ledger_type: ledger type.
    :param seq_no: seq no.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_txn_request", _text(submitter_did), _text(ledger_type), seq_no)
    return res


async def build_pool_config_request(submitter_did: str, writes: bool, force: bool) -> str:
    """A POOL_CONFIG request.

    :param submitter_did: submitter did.
    :param writes: writes.
    :param force: force.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_pool_config_request", _text(submitter_did), writes, force)
    return res


async def build_pool_restart_request(submitter_did: str, action: str, datetime: Optional[str]) -> str:
    """A POOL_RESTART request; ``action`` start or cancel.

    :param submitter_did: submitter did.
    :param action: action.
    :param datetime: datetime.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_pool_restart_request", _text(submitter_did), _text(action),
                               _text(datetime))
    return res


async def build_pool_upgrade_request(submitter_did: str, name: str, version: str, action: str, _sha256: str,
                                     _timeout: Optional[int], schedule: Optional[str],
                                     justification: Optional[str], reinstall: bool, force: bool,
                                     package: Optional[str]) -> str:
    """A POOL_UPGRADE request (``schedule`` required to start).

    :param submitter_did: submitter did.
    :param name: name.
    :param version: version.
    :param action: action.
    :param _sha256: sha256.
    :param _timeout: timeout.
    :param schedule: schedule.
    :param justification: justification.
    :param reinstall: reinstall.
    :param force: force.
    :param package: package.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_pool_upgrade_request", _text(submitter_did), _text(name), _text(version),
                               _text(action), _text(_sha256), -1 if _timeout is None else _timeout, _text(schedule),
                               _text(justification), reinstall, force, _text(package))
    return res


async def build_revoc_reg_def_request(submitter_did: str, data: str) -> str:
    """A REVOC_REG_DEF request from a revocation registry definition JSON.

    :param submitter_did: submitter did.
    :param data: data.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_revoc_reg_def_request", _text(submitter_did), _text(data))
    return res


async def build_get_revoc_reg_def_request(submitter_did: Optional[str], rev_reg_def_id: str) -> str:
    """A GET_REVOC_REG_DEF request.

    :param submitter_did: submitter did.
    :param rev_reg_def_id: rev reg def id.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_revoc_reg_def_request", _text(submitter_did), _text(rev_reg_def_id))
    return res


async def parse_get_revoc_reg_def_response(get_revoc_ref_def_response: str) -> Tuple[str, str]:
    """The definition of a GET_REVOC_REG_DEF reply.

    :param get_revoc_ref_def_response: get revoc ref def response.
    :return: ``(revoc_reg_def_id, revoc_reg_def_json)``.
    """
    res: Tuple[str, str] = await _ffi.call("indy_parse_get_revoc_reg_def_response", _text(get_revoc_ref_def_response))
    return res


async def build_revoc_reg_entry_request(submitter_did: str, revoc_reg_def_id: str, rev_def_type: str,
                                        value: str) -> str:
    """A REVOC_REG_ENTRY request from a registry delta JSON.

    :param submitter_did: submitter did.
    :param revoc_reg_def_id: revoc reg def id.
    :param rev_def_type: rev def type.
    :param value: value.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_revoc_reg_entry_request", _text(submitter_did), _text(revoc_reg_def_id),
                               _text(rev_def_type), _text(value))
    return res


async def build_get_revoc_reg_request(submitter_did: Optional[str], revoc_reg_def_id: str, timestamp: int) -> str:
    """A GET_REVOC_REG request: the registry at ``timestamp``.

    :param submitter_did: submitter did.
    :param revoc_reg_def_id: revoc reg def id.
    :param timestamp: timestamp.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_revoc_reg_request", _text(submitter_did), _text(revoc_reg_def_id),
                               timestamp)
    return res


async def parse_get_revoc_reg_response(get_revoc_reg_response: str) -> Tuple[str, str, int]:
    """The registry of a GET_REVOC_REG reply.

    :param get_revoc_reg_response: get revoc reg response.
    :return: ``(revoc_reg_def_id, revoc_reg_json, timestamp)``.
    """
    res: Tuple[str, str, int] = await _ffi.call("indy_parse_get_revoc_reg_response", _text(get_revoc_reg_response))
    return res


async def build_get_revoc_reg_delta_request(submitter_did: Optional[str], revoc_reg_def_id: str,
                                            from_: Optional[int], to: int) -> str:
    """A GET_REVOC_REG_DELTA request (``from_`` None: from the start).

    :param submitter_did: submitter did.
    :param revoc_reg_def_id: revoc reg def id.
    :param from_: from.
    :param to: to.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_revoc_reg_delta_request", _text(submitter_did),
                               _text(revoc_reg_def_id), -1 if from_ is None else from_, to)
    return res


async def parse_get_revoc_reg_delta_response(get_revoc_reg_delta_response: str) -> Tuple[str, str, int]:
    """The delta of a GET_REVOC_REG_DELTA reply.

    :param get_revoc_reg_delta_response: get revoc reg delta response.
    :return: ``(revoc_reg_def_id, revoc_reg_delta_json, timestamp)``.
    """
    res: Tuple[str, str, int] = await _ffi.call("indy_parse_get_revoc_reg_delta_response",
                                                _text(get_revoc_reg_delta_response))
    return res


async def get_response_metadata(response: str) -> str:
    """The metadata of a ledger reply.

    :param response: response.
    :return: ``{"seqNo", "txnTime", "lastTxnTime", "lastSeqNo"}`` (those present) as JSON.
    """
    res: str = await _ffi.call("indy_get_response_metadata", _text(response))
    return res


async def build_auth_rule_request(submitter_did: str, txn_type: str, action: str, field: str,
                                  old_value: Optional[str], new_value: Optional[str], constraint: str) -> str:
    """An AUTH_RULE request.

    :param submitter_did: submitter did.
    :param txn_type: txn type.
    :param action: action.
    :param field: field.
    :param old_value: old value.
    :param new_value: new value.
    :param constraint: constraint.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_auth_rule_request", _text(submitter_did), _text(txn_type), _text(action),
                               _text(field), _text(old_value), _text(new_value), _text(constraint))
    return res


async def build_auth_rules_request(submitter_did: str, data: str) -> str:
    """An AUTH_RULES request from a JSON array of rules.

    :param submitter_did: submitter did.
    :param data: data.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_auth_rules_request", _text(submitter_did), _text(data))
    return res


async def build_get_auth_rule_request(submitter_did: Optional[str], txn_type: Optional[str],
                                      action: Optional[str], field: Optional[str], old_value: Optional[str],
                                      new_value: Optional[str]) -> str:
    """A GET_AUTH_RULE request: one rule, or all when no rule field is given.

    :param submitter_did: submitter did.
    :param txn_type: txn type.
    :param action: action.
    :param field: field.
    :param old_value: old value.
    :param new_value: new value.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_auth_rule_request", _text(submitter_did), _text(txn_type),
                               _text(action), _text(field), _text(old_value), _text(new_value))
    return res


async def build_txn_author_agreement_request(submitter_did: str, text: Optional[str], version: str,
                                             ratification_ts: Optional[int] = None,
                                             retirement_ts: Optional[int] = None) -> str:
    """A TXN_AUTHR_AGRMT request (``text`` None to retire a version).

    :param submitter_did: submitter did.
    :param text: text.
    :param version: version.
    :param ratification_ts: ratification ts.
    :param retirement_ts: retirement ts.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_txn_author_agreement_request", _text(submitter_did), _text(text),
                               _text(version), -1 if ratification_ts is None else ratification_ts,
                               -1 if retirement_ts is None else retirement_ts)
    return res


async def build_disable_all_txn_author_agreements_request(submitter_did: str) -> str:
    """A DISABLE_ALL_TXN_AUTHR_AGRMTS request.

    :param submitter_did: submitter did.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_disable_all_txn_author_agreements_request", _text(submitter_did))
    return res


async def build_get_txn_author_agreement_request(submitter_did: Optional[str], data: Optional[str]) -> str:
    """A GET_TXN_AUTHR_AGRMT request; ``data`` ``{digest|version|timestamp}`` or None for the latest.

    :param submitter_did: submitter did.
    :param data: data.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_txn_author_agreement_request", _text(submitter_did), _text(data))
    return res


async def build_acceptance_mechanisms_request(submitter_did: str, aml: str, version: str,
                                              aml_context: Optional[str]) -> str:
    """A TXN_AUTHR_AGRMT_AML request.

    :param submitter_did: submitter did.
    :param aml: aml.
    :param version: version.
    :param aml_context: aml context.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_acceptance_mechanisms_request", _text(submitter_did), _text(aml),
                               _text(version), _text(aml_context))
    return res


async def build_get_acceptance_mechanisms_request(submitter_did: Optional[str], timestamp: Optional[int],
                                                  version: Optional[str]) -> str:
    """A GET_TXN_AUTHR_AGRMT_AML request.

    :param submitter_did: submitter did.
    :param timestamp: timestamp.
    :param version: version.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_acceptance_mechanisms_request", _text(submitter_did),
                               -1 if timestamp is None else timestamp, _text(version))
    return res


async def append_txn_author_agreement_acceptance_to_request(request_json: str, text: Optional[str],
                                                            version: Optional[str],
                                                            taa_digest: Optional[str], mechanism: str,
                                                            time: int) -> str:
    """Adds ``taaAcceptance`` (``text`` and ``version``, or ``taa_digest``; ``time`` rounded to the day).

    :param request_json: request json.
    :param text: text.
    :param version: version.
    :param taa_digest: taa digest.
    :param mechanism: mechanism.
    :param time: time.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_append_txn_author_agreement_acceptance_to_request", _text(request_json),
                               _text(text), _text(version), _text(taa_digest), _text(mechanism), time)
    return res


async def append_request_endorser(request_json: str, endorser_did: str) -> str:
    """Names ``endorser_did`` as the request's endorser.

    :param request_json: request json.
    :param endorser_did: endorser did.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_append_request_endorser", _text(request_json), _text(endorser_did))
    return res


async def build_ledgers_freeze_request(submitter_did: str, ledgers_ids: List[int]) -> str:
    """A LEDGERS_FREEZE request.

    :param submitter_did: submitter did.
    :param ledgers_ids: ledgers ids.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_ledgers_freeze_request", _text(submitter_did),
                               _text(json.dumps(ledgers_ids)))
    return res


async def build_get_frozen_ledgers_request(submitter_did: str) -> str:
    """A GET_FROZEN_LEDGERS request.

    :param submitter_did: submitter did.
    :return: the request JSON.
    """
    res: str = await _ffi.call("indy_build_get_frozen_ledgers_request", _text(submitter_did))
    return res
