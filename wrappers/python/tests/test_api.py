"""The package's surface: python3-indy's names and signatures for everything the library
implements, nothing for what it does not, every C function of include/indy.h declared once,
every error code of the header mapped, type hints and return docs everywhere."""

import importlib
import inspect
import re
import typing

import pytest

import indy
from indy import (_ffi, anoncreds, blob_storage, cache, crypto, did, error, ledger, libindy, logger, metrics, non_secrets,
                  pairwise, pool, storage, wallet)

from conftest import REPO_ROOT

# python3-indy 1.16.0.post286: module.function -> parameter names, for what the library implements.
PYTHON3_INDY = {
    "ledger.sign_and_submit_request": ["pool_handle", "wallet_handle", "submitter_did", "request_json"],
    "ledger.submit_request": ["pool_handle", "request_json"],
    "ledger.submit_action": ["pool_handle", "request_json", "nodes", "timeout"],
    "ledger.sign_request": ["wallet_handle", "submitter_did", "request_json"],
    "ledger.multi_sign_request": ["wallet_handle", "submitter_did", "request_json"],
    "ledger.build_get_ddo_request": ["submitter_did", "target_did"],
    "ledger.build_nym_request": ["submitter_did", "target_did", "ver_key", "alias", "role"],
    "ledger.build_attrib_request": ["submitter_did", "target_did", "xhash", "raw", "enc"],
    "ledger.build_get_attrib_request": ["submitter_did", "target_did", "raw", "xhash", "enc"],
    "ledger.build_get_nym_request": ["submitter_did", "target_did"],
    "ledger.parse_get_nym_response": ["response"],
    "ledger.build_schema_request": ["submitter_did", "data"],
    "ledger.build_get_schema_request": ["submitter_did", "id_"],
    "ledger.parse_get_schema_response": ["get_schema_response"],
    "ledger.build_cred_def_request": ["submitter_did", "data"],
    "ledger.build_get_cred_def_request": ["submitter_did", "id_"],
    "ledger.parse_get_cred_def_response": ["get_cred_def_response"],
    "ledger.build_node_request": ["submitter_did", "target_did", "data"],
    "ledger.build_get_validator_info_request": ["submitter_did"],
    "ledger.build_get_txn_request": ["submitter_did", "ledger_type", "seq_no"],
    "ledger.build_pool_config_request": ["submitter_did", "writes", "force"],
    "ledger.build_pool_restart_request": ["submitter_did", "action", "datetime"],
    "ledger.build_pool_upgrade_request": ["submitter_did", "name", "version", "action", "_sha256", "_timeout", "schedule",
                                          "justification", "reinstall", "force", "package"],
    "ledger.build_revoc_reg_def_request": ["submitter_did", "data"],
    "ledger.build_get_revoc_reg_def_request": ["submitter_did", "rev_reg_def_id"],
    "ledger.parse_get_revoc_reg_def_response": ["get_revoc_ref_def_response"],
    "ledger.build_revoc_reg_entry_request": ["submitter_did", "revoc_reg_def_id", "rev_def_type", "value"],
    "ledger.build_get_revoc_reg_request": ["submitter_did", "revoc_reg_def_id", "timestamp"],
    "ledger.parse_get_revoc_reg_response": ["get_revoc_reg_response"],
    "ledger.build_get_revoc_reg_delta_request": ["submitter_did", "revoc_reg_def_id", "from_", "to"],
    "ledger.parse_get_revoc_reg_delta_response": ["get_revoc_reg_delta_response"],
    "ledger.get_response_metadata": ["response"],
    "ledger.build_auth_rule_request": ["submitter_did", "txn_type", "action", "field", "old_value", "new_value",
                                       "constraint"],
    "ledger.build_auth_rules_request": ["submitter_did", "data"],
    "ledger.build_get_auth_rule_request": ["submitter_did", "txn_type", "action", "field", "old_value", "new_value"],
    "ledger.build_txn_author_agreement_request": ["submitter_did", "text", "version", "ratification_ts",
                                                  "retirement_ts"],
    "ledger.build_disable_all_txn_author_agreements_request": ["submitter_did"],
    "ledger.build_get_txn_author_agreement_request": ["submitter_did", "data"],
    "ledger.build_acceptance_mechanisms_request": ["submitter_did", "aml", "version", "aml_context"],
    "ledger.build_get_acceptance_mechanisms_request": ["submitter_did", "timestamp", "version"],
    "ledger.append_txn_author_agreement_acceptance_to_request": ["request_json", "text", "version", "taa_digest",
                                                                 "mechanism", "time"],
    "ledger.append_request_endorser": ["request_json", "endorser_did"],
    "ledger.build_ledgers_freeze_request": ["submitter_did", "ledgers_ids"],
    "ledger.build_get_frozen_ledgers_request": ["submitter_did"],
    "pool.create_pool_ledger_config": ["config_name", "config"],
    "pool.open_pool_ledger": ["config_name", "config"],
    "pool.refresh_pool_ledger": ["handle"],
    "pool.list_pools": [],
    "pool.close_pool_ledger": ["handle"],
    "pool.delete_pool_ledger_config": ["config_name"],
    "cache.get_schema": ["pool_handle", "wallet_handle", "submitter_did", "id", "options_json"],
    "cache.get_cred_def": ["pool_handle", "wallet_handle", "submitter_did", "id", "options_json"],
    "cache.purge_schema_cache": ["wallet_handle", "options_json"],
    "cache.purge_cred_def_cache": ["wallet_handle", "options_json"],
    "anoncreds.issuer_create_schema": ["issuer_did", "name", "version", "attrs"],
    "anoncreds.issuer_create_and_store_credential_def": ["wallet_handle", "issuer_did", "schema_json", "tag",
                                                         "signature_type", "config_json"],
    "anoncreds.issuer_create_credential_offer": ["wallet_handle", "cred_def_id"],
    "anoncreds.issuer_create_credential": ["wallet_handle", "cred_offer_json", "cred_req_json", "cred_values_json",
                                           "rev_reg_id", "blob_storage_reader_handle"],
    "anoncreds.prover_create_master_secret": ["wallet_handle", "master_secret_name"],
    "anoncreds.prover_create_credential_req": ["wallet_handle", "prover_did", "cred_offer_json", "cred_def_json",
                                               "master_secret_id"],
    "anoncreds.prover_store_credential": ["wallet_handle", "cred_id", "cred_req_metadata_json", "cred_json",
                                          "cred_def_json", "rev_reg_def_json"],
    "anoncreds.prover_get_credential": ["wallet_handle", "cred_id"],
    "anoncreds.prover_get_credentials": ["wallet_handle", "filter_json"],
    "anoncreds.prover_delete_credential": ["wallet_handle", "cred_id"],
    "anoncreds.to_unqualified": ["entity"],
    "anoncreds.prover_search_credentials": ["wallet_handle", "query_json"],
    "anoncreds.prover_fetch_credentials": ["search_handle", "count"],
    "anoncreds.prover_close_credentials_search": ["search_handle"],
    "anoncreds.prover_create_proof": ["wallet_handle", "proof_req_json", "requested_credentials_json",
                                      "master_secret_name", "schemas_json", "credential_defs_json", "rev_states_json"],
    "anoncreds.verifier_verify_proof": ["proof_request_json", "proof_json", "schemas_json", "credential_defs_json",
                                        "rev_reg_defs_json", "rev_regs_json"],
    "anoncreds.generate_nonce": [],
    "anoncreds.issuer_create_and_store_revoc_reg": ["wallet_handle", "issuer_did", "revoc_def_type", "tag",
                                                    "cred_def_id", "config_json", "tails_writer_handle"],
    "anoncreds.issuer_revoke_credential": ["wallet_handle", "blob_storage_reader_handle", "rev_reg_id",
                                           "cred_revoc_id"],
    "anoncreds.issuer_merge_revocation_registry_deltas": ["rev_reg_delta_json", "other_rev_reg_delta_json"],
    "anoncreds.create_revocation_state": ["blob_storage_reader_handle", "rev_reg_def_json", "rev_reg_delta_json",
                                          "timestamp", "cred_rev_id"],
    "anoncreds.update_revocation_state": ["blob_storage_reader_handle", "rev_state_json", "rev_reg_def_json",
                                          "rev_reg_delta_json", "timestamp", "cred_rev_id"],
    "anoncreds.issuer_rotate_credential_def_start": ["wallet_handle", "cred_def_id", "config_json"],
    "anoncreds.issuer_rotate_credential_def_apply": ["wallet_handle", "cred_def_id"],
    "anoncreds.prover_set_credential_attr_tag_policy": ["wallet_handle", "cred_def_id", "tag_attrs_json",
                                                        "retroactive"],
    "anoncreds.prover_get_credential_attr_tag_policy": ["wallet_handle", "cred_def_id"],
    "anoncreds.prover_get_credentials_for_proof_req": ["wallet_handle", "proof_request_json"],
    "anoncreds.prover_search_credentials_for_proof_req": ["wallet_handle", "proof_request_json", "extra_query_json"],
    "anoncreds.prover_fetch_credentials_for_proof_req": ["search_handle", "item_referent", "count"],
    "anoncreds.prover_close_credentials_search_for_proof_req": ["search_handle"],
    "blob_storage.open_reader": ["type_", "config"],
    "blob_storage.open_writer": ["type_", "config"],
    "crypto.anon_crypt": ["recipient_vk", "msg"],
    "crypto.anon_decrypt": ["wallet_handle", "recipient_vk", "encrypted_msg"],
    "crypto.auth_crypt": ["wallet_handle", "sender_vk", "recipient_vk", "msg"],
    "crypto.auth_decrypt": ["wallet_handle", "recipient_vk", "encrypted_msg"],
    "crypto.create_key": ["wallet_handle", "key_json"],
    "crypto.crypto_sign": ["wallet_handle", "signer_vk", "msg"],
    "crypto.crypto_verify": ["signer_vk", "msg", "signature"],
    "crypto.get_key_metadata": ["wallet_handle", "verkey"],
    "crypto.pack_message": ["wallet_handle", "message", "recipient_verkeys", "sender_verkey"],
    "crypto.set_key_metadata": ["wallet_handle", "verkey", "metadata"],
    "crypto.unpack_message": ["wallet_handle", "jwe"],
    "did.abbreviate_verkey": ["did", "full_verkey"],
    "did.create_and_store_my_did": ["wallet_handle", "did_json"],
    "did.create_key": ["wallet_handle", "key_json"],
    "did.get_did_metadata": ["wallet_handle", "did"],
    "did.get_endpoint_for_did": ["wallet_handle", "pool_handle", "did"],
    "did.get_key_metadata": ["wallet_handle", "verkey"],
    "did.get_my_did_with_meta": ["wallet_handle", "did"],
    "did.key_for_did": ["pool_handle", "wallet_handle", "did"],
    "did.key_for_local_did": ["wallet_handle", "did"],
    "did.list_my_dids_with_meta": ["wallet_handle"],
    "did.qualify_did": ["wallet_handle", "did", "method"],
    "did.replace_keys_apply": ["wallet_handle", "did"],
    "did.replace_keys_start": ["wallet_handle", "did", "identity_json"],
    "did.set_did_metadata": ["wallet_handle", "did", "metadata"],
    "did.set_endpoint_for_did": ["wallet_handle", "did", "address", "transport_key"],
    "did.set_key_metadata": ["wallet_handle", "verkey", "metadata"],
    "did.store_their_did": ["wallet_handle", "identity_json"],
    "non_secrets.add_wallet_record": ["wallet_handle", "type_", "id_", "value", "tags_json"],
    "non_secrets.add_wallet_record_tags": ["wallet_handle", "type_", "id_", "tags_json"],
    "non_secrets.close_wallet_search": ["wallet_search_handle"],
    "non_secrets.delete_wallet_record": ["wallet_handle", "type_", "id_"],
    "non_secrets.delete_wallet_record_tags": ["wallet_handle", "type_", "id_", "tag_names_json"],
    "non_secrets.fetch_wallet_search_next_records": ["wallet_handle", "wallet_search_handle", "count"],
    "non_secrets.get_wallet_record": ["wallet_handle", "type_", "id", "options_json"],
    "non_secrets.open_wallet_search": ["wallet_handle", "type_", "query_json", "options_json"],
    "non_secrets.update_wallet_record_tags": ["wallet_handle", "type_", "id_", "tags_json"],
    "non_secrets.update_wallet_record_value": ["wallet_handle", "type_", "id_", "value"],
    "pairwise.create_pairwise": ["wallet_handle", "their_did", "my_did", "metadata"],
    "pairwise.get_pairwise": ["wallet_handle", "their_did"],
    "pairwise.is_pairwise_exists": ["wallet_handle", "their_did"],
    "pairwise.list_pairwise": ["wallet_handle"],
    "pairwise.set_pairwise_metadata": ["wallet_handle", "their_did", "metadata"],
    "pool.set_protocol_version": ["protocol_version"],
    "wallet.close_wallet": ["handle"],
    "wallet.create_wallet": ["config", "credentials"],
    "wallet.delete_wallet": ["config", "credentials"],
    "wallet.export_wallet": ["handle", "export_config_json"],
    "wallet.generate_wallet_key": ["config"],
    "wallet.import_wallet": ["config", "credentials", "import_config_json"],
    "wallet.open_wallet": ["config", "credentials"],
}

# Beyond python3-indy 1.16: functions libindy exports that python3-indy does not wrap (its
# issuer_recover_credential is commented out), in python3-indy's style: module.function ->
# parameter names.
EXTENSIONS = {
    "anoncreds.issuer_recover_credential": ["wallet_handle", "blob_storage_reader_handle", "rev_reg_id",
                                            "cred_revoc_id"],
}

MODULES = [anoncreds, blob_storage, cache, crypto, did, ledger, libindy, logger, metrics, non_secrets, pairwise, pool, storage,
           wallet]


@pytest.mark.parametrize("name", sorted(PYTHON3_INDY) + sorted(EXTENSIONS))
def test_python3_indy_signature(name):
    module, function = name.split(".")
    fn = getattr(importlib.import_module("indy." + module), function)
    assert inspect.iscoroutinefunction(fn)
    assert list(inspect.signature(fn).parameters) == {**PYTHON3_INDY, **EXTENSIONS}[name]


def test_extensions_are_not_python3_indy():
    assert set(EXTENSIONS).isdisjoint(PYTHON3_INDY)


def test_set_runtime_config_is_synchronous():
    assert not inspect.iscoroutinefunction(libindy.set_runtime_config)
    assert list(inspect.signature(libindy.set_runtime_config).parameters) == ["config"]


def test_agents_probe_with_private_cdll(library):
    from indy.libindy import _cdll  # ACA-Py's require_indy()
    assert _cdll() is library.cdll
    assert issubclass(error.LibraryNotFoundError, OSError)


@pytest.mark.parametrize("module", ["payment"])
def test_unimplemented_areas_are_absent(module):
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("indy." + module)
    assert not hasattr(indy, module)


@pytest.mark.parametrize("module", [anoncreds, blob_storage])
def test_modules_have_python3_indy_names_and_the_extensions(module):
    short = module.__name__.split(".")[1]
    listed = {n.split(".")[1] for n in list(PYTHON3_INDY) + list(EXTENSIONS) if n.startswith(short + ".")}
    assert set(module.__all__) == listed
    assert len(module.__all__) == len(listed)  # no duplicates


def test_pool_ledger_and_cache_are_complete():
    for module in ("pool", "ledger", "cache"):
        assert set(importlib.import_module("indy." + module).__all__) == {
            n.split(".")[1] for n in PYTHON3_INDY if n.startswith(module + ".")}


def public_functions():
    for module in MODULES:
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                yield module.__name__ + "." + name, obj


@pytest.mark.parametrize("name,fn", list(public_functions()))
def test_typed_and_documented(name, fn):
    hints = typing.get_type_hints(fn)
    assert "return" in hints and set(inspect.signature(fn).parameters) <= set(hints), name
    assert fn.__doc__ and ":return:" in fn.__doc__, name


def header():
    path = REPO_ROOT / "include" / "indy.h"
    if not path.exists():
        pytest.skip("include/indy.h not found (tests run outside the repository)")
    return path.read_text()


# Exported and deliberately not wrapped, with the reason.
NOT_WRAPPED = {
    "indy_set_logger": "the Python bridge uses indy_set_logger_with_max_lvl",
    "indy_get_logger": "returns C function pointers; nothing a Python caller can use",
    "indyrs_get_command_error": "Python reads indy_get_current_error inside the callback, on the library's thread",
    "indy_register_transaction_parser_for_sp": "takes C parser callbacks; python3-indy does not wrap it either",
}


def test_every_header_function_is_declared():
    names = set(re.findall(r"^indy_error_t (indy\w+)\(", header(), re.M))
    names |= set(re.findall(r"^void (indy\w+)\(", header(), re.M))
    declared = set(_ffi.SIGNATURES) | set(_ffi.SYNC_SIGNATURES) | set(NOT_WRAPPED)
    assert names - declared == set()
    assert declared - names == set()


def test_every_declared_function_is_exported(library):
    for name in list(_ffi.SIGNATURES) + list(_ffi.SYNC_SIGNATURES):
        assert hasattr(library.cdll, name), name
    assert set(library.commands) == set(_ffi.SIGNATURES)


def test_every_async_function_is_wrapped():
    source = "".join(inspect.getsource(m) for m in MODULES)
    for name in _ffi.SIGNATURES:
        if name == "indyrs_test_panic":
            assert name not in source  # the test hook is not public
        else:
            assert '"%s"' % name in source, name


def test_error_codes_match_the_header():
    enum = re.search(r"enum indy_error_t[^{]*\{(.*?)\};", header(), re.S).group(1)
    codes = {name: int(value) for name, value in re.findall(r"(\w+) = (\d+)", enum)}
    assert codes == {code.name: int(code) for code in error.ErrorCode}
