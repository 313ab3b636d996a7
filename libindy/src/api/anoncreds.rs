//! `indy_anoncreds.h`: schemas, credential definitions, revocation registries, offers,
//! requests, credentials, proofs, verification and revocation states.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::anoncreds::AnoncredsCommand;
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

fn submit_anoncreds(command: AnoncredsCommand) -> crate::errors::IndyResult<()> {
    submit(Command::Anoncreds(command))
}

/// A schema: answers its id (`<did>:2:<name>:<version>`) and JSON. `attr_names`: a JSON array.
#[no_mangle]
pub extern "C" fn indy_issuer_create_schema(
    command_handle: CommandHandle,
    issuer_did: *const c_char,
    name: *const c_char,
    version: *const c_char,
    attr_names: *const c_char,
    cb: Option<
        extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, id: *const c_char, schema_json: *const c_char),
    >,
) -> ErrorCode {
    boundary("indy_issuer_create_schema", || {
        let issuer_did = args::string(issuer_did, 2)?;
        let name = args::string(name, 3)?;
        let version = args::string(version, 4)?;
        let attrs = args::string(attr_names, 5)?;
        let cb = callbacks::string2(command_handle, args::callback(cb, 6)?);
        submit_anoncreds(AnoncredsCommand::CreateSchema { issuer_did, name, version, attrs, cb })
    })
}

/// Generates a credential definition's keys on the expensive tier (seconds) and stores them;
/// answers its id and public JSON. `config_json`: `{"support_revocation": false}`.
#[no_mangle]
pub extern "C" fn indy_issuer_create_and_store_credential_def(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    issuer_did: *const c_char,
    schema_json: *const c_char,
    tag: *const c_char,
    signature_type: *const c_char,
    config_json: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            cred_def_id: *const c_char,
            cred_def_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_issuer_create_and_store_credential_def", || {
        let issuer_did = args::string(issuer_did, 3)?;
        let schema = args::string(schema_json, 4)?;
        let tag = args::text(tag, 5)?;
        let signature_type = args::opt_string(signature_type, 6)?;
        let config = args::opt_string(config_json, 7)?;
        let cb = callbacks::string2(command_handle, args::callback(cb, 8)?);
        submit_anoncreds(AnoncredsCommand::CreateAndStoreCredentialDef {
            wallet: wallet_handle,
            issuer_did,
            schema,
            tag,
            signature_type,
            config,
            cb,
        })
    })
}

/// An offer of a credential of a stored credential definition.
#[no_mangle]
pub extern "C" fn indy_issuer_create_credential_offer(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_def_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, cred_offer_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_issuer_create_credential_offer", || {
        let cred_def_id = args::string(cred_def_id, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::CreateCredentialOffer { wallet: wallet_handle, cred_def_id, cb })
    })
}

/// Creates and stores a master secret (a random id when NULL); answers its id.
#[no_mangle]
pub extern "C" fn indy_prover_create_master_secret(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    master_secret_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, out_master_secret_id: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_create_master_secret", || {
        let id = args::opt_string(master_secret_id, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::CreateMasterSecret { wallet: wallet_handle, id, cb })
    })
}

/// A credential request for an offer, bound to a stored master secret; answers the request
/// and its metadata (kept by the prover for `indy_prover_store_credential`).
#[no_mangle]
pub extern "C" fn indy_prover_create_credential_req(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    prover_did: *const c_char,
    cred_offer_json: *const c_char,
    cred_def_json: *const c_char,
    master_secret_id: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            cred_req_json: *const c_char,
            cred_req_metadata_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_prover_create_credential_req", || {
        let prover_did = args::string(prover_did, 3)?;
        let offer = args::string(cred_offer_json, 4)?;
        let cred_def = args::string(cred_def_json, 5)?;
        let master_secret_id = args::string(master_secret_id, 6)?;
        let cb = callbacks::string2(command_handle, args::callback(cb, 7)?);
        submit_anoncreds(AnoncredsCommand::CreateCredentialRequest {
            wallet: wallet_handle,
            prover_did,
            offer,
            cred_def,
            master_secret_id,
            cb,
        })
    })
}

/// Issues a credential (CL signature, on the expensive tier). `cred_values_json`:
/// `{"attr": {"raw": "...", "encoded": "..."}}`. With `rev_reg_id`, the credential takes the
/// registry's next index (answered as `cred_revoc_id`) and, for on-demand registries, the
/// answer carries the registry delta; without, the last two answers are NULL.
#[no_mangle]
pub extern "C" fn indy_issuer_create_credential(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_offer_json: *const c_char,
    cred_req_json: *const c_char,
    cred_values_json: *const c_char,
    rev_reg_id: *const c_char,
    blob_storage_reader_handle: IndyHandle,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            cred_json: *const c_char,
            cred_revoc_id: *const c_char,
            revoc_reg_delta_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_issuer_create_credential", || {
        let offer = args::string(cred_offer_json, 3)?;
        let request = args::string(cred_req_json, 4)?;
        let values = args::string(cred_values_json, 5)?;
        let rev_reg_id = args::opt_string(rev_reg_id, 6)?;
        let cb = callbacks::string_and_two_optional(command_handle, args::callback(cb, 8)?);
        submit_anoncreds(AnoncredsCommand::CreateCredential {
            wallet: wallet_handle,
            offer,
            request,
            values,
            rev_reg_id,
            tails_reader: blob_storage_reader_handle,
            cb,
        })
    })
}

/// Checks and stores a credential with libindy's tags; answers its id (random when NULL).
#[no_mangle]
pub extern "C" fn indy_prover_store_credential(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_id: *const c_char,
    cred_req_metadata_json: *const c_char,
    cred_json: *const c_char,
    cred_def_json: *const c_char,
    rev_reg_def_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, out_cred_id: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_store_credential", || {
        let cred_id = args::opt_string(cred_id, 3)?;
        let request_metadata = args::string(cred_req_metadata_json, 4)?;
        let credential = args::string(cred_json, 5)?;
        let cred_def = args::string(cred_def_json, 6)?;
        let rev_reg_def = args::opt_string(rev_reg_def_json, 7)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 8)?);
        submit_anoncreds(AnoncredsCommand::StoreCredential {
            wallet: wallet_handle,
            cred_id,
            request_metadata,
            credential,
            cred_def,
            rev_reg_def,
            cb,
        })
    })
}

/// A stored credential: `{"referent", "attrs", "schema_id", "cred_def_id", "rev_reg_id",
/// "cred_rev_id"}`.
#[no_mangle]
pub extern "C" fn indy_prover_get_credential(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, credential_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_get_credential", || {
        let cred_id = args::string(cred_id, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::GetCredential { wallet: wallet_handle, cred_id, cb })
    })
}

/// A proof for a proof request from stored credentials (on the expensive tier).
/// `requested_credentials_json`: `{"self_attested_attributes", "requested_attributes":
/// {referent: {"cred_id", "revealed"}}, "requested_predicates": {referent: {"cred_id"}}}`.
#[no_mangle]
#[allow(clippy::too_many_arguments)] // libindy's signature
pub extern "C" fn indy_prover_create_proof(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    proof_req_json: *const c_char,
    requested_credentials_json: *const c_char,
    master_secret_name: *const c_char,
    schemas_json: *const c_char,
    credential_defs_json: *const c_char,
    rev_states_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, proof_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_create_proof", || {
        let proof_request = args::string(proof_req_json, 3)?;
        let requested = args::string(requested_credentials_json, 4)?;
        let master_secret_id = args::string(master_secret_name, 5)?;
        let schemas = args::string(schemas_json, 6)?;
        let cred_defs = args::string(credential_defs_json, 7)?;
        let rev_states = args::string(rev_states_json, 8)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 9)?);
        submit_anoncreds(AnoncredsCommand::CreateProof {
            wallet: wallet_handle,
            proof_request,
            requested,
            master_secret_id,
            schemas,
            cred_defs,
            rev_states,
            cb,
        })
    })
}

/// Verifies a proof against its request (on the expensive tier); answers whether it holds.
#[no_mangle]
pub extern "C" fn indy_verifier_verify_proof(
    command_handle: CommandHandle,
    proof_request_json: *const c_char,
    proof_json: *const c_char,
    schemas_json: *const c_char,
    credential_defs_jsons: *const c_char,
    rev_reg_defs_json: *const c_char,
    rev_regs_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, valid: bool)>,
) -> ErrorCode {
    boundary("indy_verifier_verify_proof", || {
        let proof_request = args::string(proof_request_json, 2)?;
        let proof = args::string(proof_json, 3)?;
        let schemas = args::string(schemas_json, 4)?;
        let cred_defs = args::string(credential_defs_jsons, 5)?;
        let rev_reg_defs = args::string(rev_reg_defs_json, 6)?;
        let rev_regs = args::string(rev_regs_json, 7)?;
        let cb = callbacks::boolean(command_handle, args::callback(cb, 8)?);
        submit_anoncreds(AnoncredsCommand::VerifyProof {
            proof_request,
            proof,
            schemas,
            cred_defs,
            rev_reg_defs,
            rev_regs,
            cb,
        })
    })
}

/// A fresh 80-bit nonce for proof requests, as a decimal string.
#[no_mangle]
pub extern "C" fn indy_generate_nonce(
    command_handle: CommandHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, nonce: *const c_char)>,
) -> ErrorCode {
    boundary("indy_generate_nonce", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 2)?);
        submit_anoncreds(AnoncredsCommand::GenerateNonce { cb })
    })
}

/// Opens a WQL search over stored credentials (tags `schema_id`, `schema_issuer_did`,
/// `schema_name`, `schema_version`, `issuer_did`, `cred_def_id`, `attr::<name>::value`,
/// `attr::<name>::marker`); answers the handle and how many match.
#[no_mangle]
pub extern "C" fn indy_prover_search_credentials(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    query_json: *const c_char,
    cb: Option<
        extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, search_handle: IndyHandle, total_count: u32),
    >,
) -> ErrorCode {
    boundary("indy_prover_search_credentials", || {
        let query = args::opt_string(query_json, 3)?.unwrap_or_else(|| "{}".into());
        let cb = callbacks::handle_and_count(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::SearchCredentials { wallet: wallet_handle, query, cb })
    })
}

/// The next `count` credentials of a search: a JSON array of credential infos.
#[no_mangle]
pub extern "C" fn indy_prover_fetch_credentials(
    command_handle: CommandHandle,
    search_handle: IndyHandle,
    count: u32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, credentials_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_fetch_credentials", || {
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::FetchCredentials { search: search_handle, count, cb })
    })
}

/// Closes a credential search.
#[no_mangle]
pub extern "C" fn indy_prover_close_credentials_search(
    command_handle: CommandHandle,
    search_handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_prover_close_credentials_search", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit_anoncreds(AnoncredsCommand::CloseCredentialsSearch { search: search_handle, cb })
    })
}

/// Deprecated in libindy for `indy_prover_search_credentials`: every credential matching a
/// filter `{"schema_id"?, "schema_issuer_did"?, "schema_name"?, "schema_version"?,
/// "issuer_did"?, "cred_def_id"?}`.
#[no_mangle]
pub extern "C" fn indy_prover_get_credentials(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    filter_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, credentials_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_get_credentials", || {
        let filter = args::opt_string(filter_json, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::GetCredentials { wallet: wallet_handle, filter, cb })
    })
}

/// Deletes a stored credential.
#[no_mangle]
pub extern "C" fn indy_prover_delete_credential(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_prover_delete_credential", || {
        let cred_id = args::string(cred_id, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::DeleteCredential { wallet: wallet_handle, cred_id, cb })
    })
}

/// `entity` (a DID, schema / credential definition / revocation registry id, or a schema,
/// credential definition, revocation registry definition, offer, request or proof request)
/// with its fully-qualified prefixes removed.
#[no_mangle]
pub extern "C" fn indy_to_unqualified(
    command_handle: CommandHandle,
    entity: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, res: *const c_char)>,
) -> ErrorCode {
    boundary("indy_to_unqualified", || {
        let entity = args::string(entity, 2)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 3)?);
        submit_anoncreds(AnoncredsCommand::ToUnqualified { entity, cb })
    })
}

/// Builds a revocation registry (keys, and its tails file through the blob storage writer) on
/// the expensive tier and stores it; answers its id, definition and initial entry.
/// `config_json`: `{"issuance_type": "ISSUANCE_ON_DEMAND" | "ISSUANCE_BY_DEFAULT",
/// "max_cred_num": 100000}`.
#[no_mangle]
pub extern "C" fn indy_issuer_create_and_store_revoc_reg(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    issuer_did: *const c_char,
    revoc_def_type: *const c_char,
    tag: *const c_char,
    cred_def_id: *const c_char,
    config_json: *const c_char,
    tails_writer_handle: IndyHandle,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            revoc_reg_id: *const c_char,
            revoc_reg_def_json: *const c_char,
            revoc_reg_entry_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_issuer_create_and_store_revoc_reg", || {
        let issuer_did = args::string(issuer_did, 3)?;
        let type_ = args::opt_string(revoc_def_type, 4)?;
        let tag = args::text(tag, 5)?;
        let cred_def_id = args::string(cred_def_id, 6)?;
        let config = args::string(config_json, 7)?;
        let cb = callbacks::string3(command_handle, args::callback(cb, 9)?);
        submit_anoncreds(AnoncredsCommand::CreateAndStoreRevocationRegistry {
            wallet: wallet_handle,
            issuer_did,
            type_,
            tag,
            cred_def_id,
            config,
            tails_writer: tails_writer_handle,
            cb,
        })
    })
}

/// Revokes an issued credential; answers the registry delta to publish.
#[no_mangle]
pub extern "C" fn indy_issuer_revoke_credential(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    blob_storage_reader_handle: IndyHandle,
    rev_reg_id: *const c_char,
    cred_revoc_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, revoc_reg_delta_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_issuer_revoke_credential", || {
        let rev_reg_id = args::string(rev_reg_id, 4)?;
        let cred_revoc_id = args::string(cred_revoc_id, 5)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 6)?);
        submit_anoncreds(AnoncredsCommand::RevokeCredential {
            wallet: wallet_handle,
            tails_reader: blob_storage_reader_handle,
            rev_reg_id,
            cred_revoc_id,
            cb,
        })
    })
}

/// Undoes a revocation; answers the registry delta to publish.
#[no_mangle]
pub extern "C" fn indy_issuer_recover_credential(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    blob_storage_reader_cfg_handle: IndyHandle,
    rev_reg_id: *const c_char,
    cred_revoc_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, revoc_reg_delta_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_issuer_recover_credential", || {
        let rev_reg_id = args::string(rev_reg_id, 4)?;
        let cred_revoc_id = args::string(cred_revoc_id, 5)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 6)?);
        submit_anoncreds(AnoncredsCommand::RecoverCredential {
            wallet: wallet_handle,
            tails_reader: blob_storage_reader_cfg_handle,
            rev_reg_id,
            cred_revoc_id,
            cb,
        })
    })
}

/// Two deltas of one registry merged into one.
#[no_mangle]
pub extern "C" fn indy_issuer_merge_revocation_registry_deltas(
    command_handle: CommandHandle,
    rev_reg_delta_json: *const c_char,
    other_rev_reg_delta_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, merged_rev_reg_delta: *const c_char)>,
) -> ErrorCode {
    boundary("indy_issuer_merge_revocation_registry_deltas", || {
        let delta = args::string(rev_reg_delta_json, 2)?;
        let other = args::string(other_rev_reg_delta_json, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::MergeRevocationRegistryDeltas { delta, other, cb })
    })
}

/// A prover's revocation state for a credential at `timestamp`, built from a registry delta
/// and the tails file (expensive tier).
#[no_mangle]
pub extern "C" fn indy_create_revocation_state(
    command_handle: CommandHandle,
    blob_storage_reader_handle: IndyHandle,
    rev_reg_def_json: *const c_char,
    rev_reg_delta_json: *const c_char,
    timestamp: u64,
    cred_rev_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, rev_state_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_create_revocation_state", || {
        let rev_reg_def = args::string(rev_reg_def_json, 3)?;
        let delta = args::string(rev_reg_delta_json, 4)?;
        let cred_rev_id = args::string(cred_rev_id, 6)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 7)?);
        submit_anoncreds(AnoncredsCommand::CreateRevocationState {
            tails_reader: blob_storage_reader_handle,
            previous: None,
            rev_reg_def,
            delta,
            timestamp,
            cred_rev_id,
            cb,
        })
    })
}

/// A revocation state brought up to date with a newer delta.
#[no_mangle]
pub extern "C" fn indy_update_revocation_state(
    command_handle: CommandHandle,
    blob_storage_reader_handle: IndyHandle,
    rev_state_json: *const c_char,
    rev_reg_def_json: *const c_char,
    rev_reg_delta_json: *const c_char,
    timestamp: u64,
    cred_rev_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, updated_rev_state_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_update_revocation_state", || {
        let previous = args::string(rev_state_json, 3)?;
        let rev_reg_def = args::string(rev_reg_def_json, 4)?;
        let delta = args::string(rev_reg_delta_json, 5)?;
        let cred_rev_id = args::string(cred_rev_id, 7)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 8)?);
        submit_anoncreds(AnoncredsCommand::CreateRevocationState {
            tails_reader: blob_storage_reader_handle,
            previous: Some(previous),
            rev_reg_def,
            delta,
            timestamp,
            cred_rev_id,
            cb,
        })
    })
}

/// New keys for a stored credential definition (expensive tier), kept aside until
/// `indy_issuer_rotate_credential_def_apply`; answers the new public definition.
#[no_mangle]
pub extern "C" fn indy_issuer_rotate_credential_def_start(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_def_id: *const c_char,
    config_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, cred_def_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_issuer_rotate_credential_def_start", || {
        let cred_def_id = args::string(cred_def_id, 3)?;
        let config = args::opt_string(config_json, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        submit_anoncreds(AnoncredsCommand::RotateCredentialDefStart { wallet: wallet_handle, cred_def_id, config, cb })
    })
}

/// Replaces a credential definition's keys with those made by `…_rotate_credential_def_start`.
#[no_mangle]
pub extern "C" fn indy_issuer_rotate_credential_def_apply(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_def_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_issuer_rotate_credential_def_apply", || {
        let cred_def_id = args::string(cred_def_id, 3)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::RotateCredentialDefApply { wallet: wallet_handle, cred_def_id, cb })
    })
}

/// Which attributes of a credential definition's credentials get value tags (a JSON array;
/// NULL or `null`: all). `retroactive` re-tags the credentials already stored.
#[no_mangle]
pub extern "C" fn indy_prover_set_credential_attr_tag_policy(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_def_id: *const c_char,
    tag_attrs_json: *const c_char,
    retroactive: bool,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_prover_set_credential_attr_tag_policy", || {
        let cred_def_id = args::string(cred_def_id, 3)?;
        let tag_attrs = args::opt_string(tag_attrs_json, 4)?;
        let cb = callbacks::unit(command_handle, args::callback(cb, 6)?);
        submit_anoncreds(AnoncredsCommand::SetCredentialAttrTagPolicy {
            wallet: wallet_handle,
            cred_def_id,
            tag_attrs,
            retroactive,
            cb,
        })
    })
}

/// The tag policy of a credential definition: a JSON array, or `null` when none is set.
#[no_mangle]
pub extern "C" fn indy_prover_get_credential_attr_tag_policy(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    cred_def_id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, catpol_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_get_credential_attr_tag_policy", || {
        let cred_def_id = args::string(cred_def_id, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::GetCredentialAttrTagPolicy { wallet: wallet_handle, cred_def_id, cb })
    })
}

/// Every stored credential that can answer each item of a proof request:
/// `{"attrs": {referent: [{"cred_info": …, "interval": …}]}, "predicates": {…}}`.
#[no_mangle]
pub extern "C" fn indy_prover_get_credentials_for_proof_req(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    proof_request_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, credentials_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_get_credentials_for_proof_req", || {
        let proof_request = args::string(proof_request_json, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit_anoncreds(AnoncredsCommand::GetCredentialsForProofReq { wallet: wallet_handle, proof_request, cb })
    })
}

/// Opens a search per item of a proof request; `extra_query_json` maps referents to more WQL.
#[no_mangle]
pub extern "C" fn indy_prover_search_credentials_for_proof_req(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    proof_request_json: *const c_char,
    extra_query_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, search_handle: IndyHandle)>,
) -> ErrorCode {
    boundary("indy_prover_search_credentials_for_proof_req", || {
        let proof_request = args::string(proof_request_json, 3)?;
        let extra_queries = args::opt_string(extra_query_json, 4)?;
        let cb = callbacks::handle(command_handle, args::callback(cb, 5)?);
        submit_anoncreds(AnoncredsCommand::SearchCredentialsForProofReq {
            wallet: wallet_handle,
            proof_request,
            extra_queries,
            cb,
        })
    })
}

/// The next `count` credentials for one item of a proof request search.
#[no_mangle]
pub extern "C" fn indy_prover_fetch_credentials_for_proof_req(
    command_handle: CommandHandle,
    search_handle: IndyHandle,
    item_referent: *const c_char,
    count: u32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, credentials_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_prover_fetch_credentials_for_proof_req", || {
        let referent = args::string(item_referent, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        submit_anoncreds(AnoncredsCommand::FetchCredentialsForProofReq { search: search_handle, referent, count, cb })
    })
}

/// Closes a proof request search.
#[no_mangle]
pub extern "C" fn indy_prover_close_credentials_search_for_proof_req(
    command_handle: CommandHandle,
    search_handle: IndyHandle,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_prover_close_credentials_search_for_proof_req", || {
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit_anoncreds(AnoncredsCommand::CloseCredentialsSearchForProofReq { search: search_handle, cb })
    })
}
