//! `indy_ledger.h`: request builders and parsers (cheap tier), signing with wallet keys,
//! and submission to an open pool.

use std::os::raw::c_char;

use super::{args, boundary, callbacks, CommandHandle, IndyHandle};
use crate::commands::ledger::{CustomSpParser, LedgerCommand, ParsedResponder, TaaAcceptance};
use crate::commands::{submit, Command};
use crate::errors::{ErrorCode, IndyResult};
use crate::services::ledger::{AuthRule, BuildRequest, GetAuthRule, ParseRequest, PoolUpgrade};

type RequestCallback = extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char);

fn build(command_handle: CommandHandle, cb: RequestCallback, request: BuildRequest) -> IndyResult<()> {
    let cb = callbacks::string(command_handle, cb);
    submit(Command::Ledger(LedgerCommand::Build { request, cb }))
}

/// Signs a request with `submitter_did`'s key (one of my DIDs) and sends it to the pool.
/// Answers the reply, also a REJECT or REQNACK, as the nodes sent it.
#[no_mangle]
pub extern "C" fn indy_sign_and_submit_request(
    command_handle: CommandHandle,
    pool_handle: IndyHandle,
    wallet_handle: IndyHandle,
    submitter_did: *const c_char,
    request_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_result_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_sign_and_submit_request", || {
        let submitter = args::string(submitter_did, 4)?;
        let request = args::string(request_json, 5)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 6)?);
        let command = LedgerCommand::SignAndSubmit { pool: pool_handle, wallet: wallet_handle, submitter, request, cb };
        submit(Command::Ledger(command))
    })
}

/// Sends a request (signed or not) to the pool; answers the nodes' reply.
#[no_mangle]
pub extern "C" fn indy_submit_request(
    command_handle: CommandHandle,
    pool_handle: IndyHandle,
    request_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_result_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_submit_request", || {
        let request = args::string(request_json, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Ledger(LedgerCommand::Submit { pool: pool_handle, request, cb }))
    })
}

/// Sends a POOL_RESTART or GET_VALIDATOR_INFO request to `nodes` (a JSON array of node
/// names, NULL for all), waiting `timeout` seconds (-1 for the pool's); answers
/// `{node: reply}`.
#[no_mangle]
pub extern "C" fn indy_submit_action(
    command_handle: CommandHandle,
    pool_handle: IndyHandle,
    request_json: *const c_char,
    nodes: *const c_char,
    timeout: i32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_result_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_submit_action", || {
        let request = args::string(request_json, 3)?;
        let nodes = args::opt_string(nodes, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 6)?);
        submit(Command::Ledger(LedgerCommand::SubmitAction { pool: pool_handle, request, nodes, timeout, cb }))
    })
}

/// Adds `signature` to a request, signed with `submitter_did`'s key.
#[no_mangle]
pub extern "C" fn indy_sign_request(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    submitter_did: *const c_char,
    request_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, signed_request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_sign_request", || {
        let submitter = args::string(submitter_did, 3)?;
        let request = args::string(request_json, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        let command = LedgerCommand::Sign { wallet: wallet_handle, submitter, request, multi: false, cb };
        submit(Command::Ledger(command))
    })
}

/// Adds `submitter_did`'s signature to the request's `signatures` (a single `signature`
/// moves there too).
#[no_mangle]
pub extern "C" fn indy_multi_sign_request(
    command_handle: CommandHandle,
    wallet_handle: IndyHandle,
    submitter_did: *const c_char,
    request_json: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, signed_request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_multi_sign_request", || {
        let submitter = args::string(submitter_did, 3)?;
        let request = args::string(request_json, 4)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 5)?);
        let command = LedgerCommand::Sign { wallet: wallet_handle, submitter, request, multi: true, cb };
        submit(Command::Ledger(command))
    })
}

/// A POOL_UPGRADE request; `timeout` -1 for none, `schedule` required to start.
#[no_mangle]
pub extern "C" fn indy_build_pool_upgrade_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    name: *const c_char,
    version: *const c_char,
    action: *const c_char,
    sha256: *const c_char,
    timeout: i32,
    schedule: *const c_char,
    justification: *const c_char,
    reinstall: bool,
    force: bool,
    package_: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_pool_upgrade_request", || {
        let upgrade = PoolUpgrade {
            submitter: args::string(submitter_did, 2)?,
            name: args::string(name, 3)?,
            version: args::string(version, 4)?,
            action: args::string(action, 5)?,
            sha256: args::string(sha256, 6)?,
            timeout,
            schedule: args::opt_text(schedule, 8)?,
            justification: args::opt_text(justification, 9)?,
            reinstall,
            force,
            package: args::opt_text(package_, 12)?,
        };
        build(command_handle, args::callback(cb, 13)?, BuildRequest::PoolUpgrade(Box::new(upgrade)))
    })
}

/// An AUTH_RULE request; `constraint` a constraint JSON.
#[no_mangle]
pub extern "C" fn indy_build_auth_rule_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    txn_type: *const c_char,
    action: *const c_char,
    field: *const c_char,
    old_value: *const c_char,
    new_value: *const c_char,
    constraint: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_auth_rule_request", || {
        let rule = AuthRule {
            submitter: args::string(submitter_did, 2)?,
            txn_type: args::string(txn_type, 3)?,
            action: args::string(action, 4)?,
            field: args::string(field, 5)?,
            old_value: args::opt_text(old_value, 6)?,
            new_value: args::opt_text(new_value, 7)?,
            constraint: args::string(constraint, 8)?,
        };
        build(command_handle, args::callback(cb, 9)?, BuildRequest::AuthRule(Box::new(rule)))
    })
}

/// A GET_AUTH_RULE request: one rule (type, action and field given) or all (none given).
#[no_mangle]
pub extern "C" fn indy_build_get_auth_rule_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    txn_type: *const c_char,
    action: *const c_char,
    field: *const c_char,
    old_value: *const c_char,
    new_value: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_auth_rule_request", || {
        let rule = GetAuthRule {
            submitter: args::opt_text(submitter_did, 2)?,
            txn_type: args::opt_text(txn_type, 3)?,
            action: args::opt_text(action, 4)?,
            field: args::opt_text(field, 5)?,
            old_value: args::opt_text(old_value, 6)?,
            new_value: args::opt_text(new_value, 7)?,
        };
        build(command_handle, args::callback(cb, 8)?, BuildRequest::GetAuthRule(Box::new(rule)))
    })
}

/// The NYM data of a GET_NYM reply: `{"did", "verkey", "role"}`.
#[no_mangle]
pub extern "C" fn indy_parse_get_nym_response(
    command_handle: CommandHandle,
    get_nym_response: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, nym_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_parse_get_nym_response", || {
        let response = args::string(get_nym_response, 2)?;
        let cb = ParsedResponder::One(callbacks::string(command_handle, args::callback(cb, 3)?));
        submit(Command::Ledger(LedgerCommand::Parse { kind: ParseRequest::Nym, response, cb }))
    })
}

/// The schema id and schema JSON of a GET_SCHEMA reply.
#[no_mangle]
pub extern "C" fn indy_parse_get_schema_response(
    command_handle: CommandHandle,
    get_schema_response: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            schema_id: *const c_char,
            schema_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_parse_get_schema_response", || {
        let response = args::string(get_schema_response, 2)?;
        let cb = ParsedResponder::Two(callbacks::string2(command_handle, args::callback(cb, 3)?));
        submit(Command::Ledger(LedgerCommand::Parse { kind: ParseRequest::Schema, response, cb }))
    })
}

/// The credential definition id and JSON of a GET_CRED_DEF reply.
#[no_mangle]
pub extern "C" fn indy_parse_get_cred_def_response(
    command_handle: CommandHandle,
    get_cred_def_response: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            cred_def_id: *const c_char,
            cred_def_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_parse_get_cred_def_response", || {
        let response = args::string(get_cred_def_response, 2)?;
        let cb = ParsedResponder::Two(callbacks::string2(command_handle, args::callback(cb, 3)?));
        submit(Command::Ledger(LedgerCommand::Parse { kind: ParseRequest::CredDef, response, cb }))
    })
}

/// The revocation registry definition id and JSON of a GET_REVOC_REG_DEF reply.
#[no_mangle]
pub extern "C" fn indy_parse_get_revoc_reg_def_response(
    command_handle: CommandHandle,
    get_revoc_ref_def_response: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            revoc_reg_def_id: *const c_char,
            revoc_reg_def_json: *const c_char,
        ),
    >,
) -> ErrorCode {
    boundary("indy_parse_get_revoc_reg_def_response", || {
        let response = args::string(get_revoc_ref_def_response, 2)?;
        let cb = ParsedResponder::Two(callbacks::string2(command_handle, args::callback(cb, 3)?));
        submit(Command::Ledger(LedgerCommand::Parse { kind: ParseRequest::RevocRegDef, response, cb }))
    })
}

/// The registry definition id, the registry JSON and its time of a GET_REVOC_REG reply.
#[no_mangle]
pub extern "C" fn indy_parse_get_revoc_reg_response(
    command_handle: CommandHandle,
    get_revoc_reg_response: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            revoc_reg_def_id: *const c_char,
            revoc_reg_json: *const c_char,
            timestamp: u64,
        ),
    >,
) -> ErrorCode {
    boundary("indy_parse_get_revoc_reg_response", || {
        let response = args::string(get_revoc_reg_response, 2)?;
        let cb = ParsedResponder::TwoAndTime(callbacks::string2_and_u64(command_handle, args::callback(cb, 3)?));
        submit(Command::Ledger(LedgerCommand::Parse { kind: ParseRequest::RevocReg, response, cb }))
    })
}

/// The registry definition id, the delta JSON and its time of a GET_REVOC_REG_DELTA reply.
#[no_mangle]
pub extern "C" fn indy_parse_get_revoc_reg_delta_response(
    command_handle: CommandHandle,
    get_revoc_reg_delta_response: *const c_char,
    cb: Option<
        extern "C" fn(
            command_handle_: CommandHandle,
            err: ErrorCode,
            revoc_reg_def_id: *const c_char,
            revoc_reg_delta_json: *const c_char,
            timestamp: u64,
        ),
    >,
) -> ErrorCode {
    boundary("indy_parse_get_revoc_reg_delta_response", || {
        let response = args::string(get_revoc_reg_delta_response, 2)?;
        let cb = ParsedResponder::TwoAndTime(callbacks::string2_and_u64(command_handle, args::callback(cb, 3)?));
        submit(Command::Ledger(LedgerCommand::Parse { kind: ParseRequest::RevocRegDelta, response, cb }))
    })
}

/// `{"seqNo", "txnTime", "lastTxnTime", "lastSeqNo"}` (those present) of a reply.
#[no_mangle]
pub extern "C" fn indy_get_response_metadata(
    command_handle: CommandHandle,
    response: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, response_metadata: *const c_char)>,
) -> ErrorCode {
    boundary("indy_get_response_metadata", || {
        let response = args::string(response, 2)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 3)?);
        submit(Command::Ledger(LedgerCommand::ResponseMetadata { response, cb }))
    })
}

/// Adds `taaAcceptance` to a request: `text` and `version`, or `taa_digest`, the
/// acceptance `mechanism` and the acceptance `time` (rounded down to the day).
#[no_mangle]
pub extern "C" fn indy_append_txn_author_agreement_acceptance_to_request(
    command_handle: CommandHandle,
    request_json: *const c_char,
    text: *const c_char,
    version: *const c_char,
    taa_digest: *const c_char,
    mechanism: *const c_char,
    time: u64,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_with_meta_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_append_txn_author_agreement_acceptance_to_request", || {
        let request = args::string(request_json, 2)?;
        let acceptance = TaaAcceptance {
            text: args::opt_text(text, 3)?,
            version: args::opt_text(version, 4)?,
            digest: args::opt_text(taa_digest, 5)?,
            mechanism: args::string(mechanism, 6)?,
            time,
        };
        let cb = callbacks::string(command_handle, args::callback(cb, 8)?);
        submit(Command::Ledger(LedgerCommand::AppendTaa { request, acceptance, cb }))
    })
}

/// Names `endorser_did` as the request's endorser.
#[no_mangle]
pub extern "C" fn indy_append_request_endorser(
    command_handle: CommandHandle,
    request_json: *const c_char,
    endorser_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, out_request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_append_request_endorser", || {
        let request = args::string(request_json, 2)?;
        let endorser = args::string(endorser_did, 3)?;
        let cb = callbacks::string(command_handle, args::callback(cb, 4)?);
        submit(Command::Ledger(LedgerCommand::AppendEndorser { request, endorser, cb }))
    })
}

/// Registers a state-proof parser for a custom transaction type (libindy exports it without
/// a header): replies to requests of that type are checked against the proofs it extracts.
/// `parser` answers a JSON array of `{proof_nodes, root_hash, kvs_to_verify,
/// multi_signature}`, which is then given back to `free`. Called on a pool's thread.
#[no_mangle]
pub extern "C" fn indy_register_transaction_parser_for_sp(
    command_handle: CommandHandle,
    txn_type: *const c_char,
    parser: Option<extern "C" fn(reply_from_node: *const c_char, parsed_sp: *mut *const c_char) -> ErrorCode>,
    free: Option<extern "C" fn(data: *const c_char) -> ErrorCode>,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indy_register_transaction_parser_for_sp", || {
        let txn_type = args::string(txn_type, 2)?;
        let parser = CustomSpParser { parse: args::callback(parser, 3)?, free: args::callback(free, 4)? };
        let cb = callbacks::unit(command_handle, args::callback(cb, 5)?);
        submit(Command::Ledger(LedgerCommand::RegisterSpParser { txn_type, parser, cb }))
    })
}

/// A GET_DDO request.
#[no_mangle]
pub extern "C" fn indy_build_get_ddo_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    target_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_ddo_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let target_did = args::string(target_did, 3)?;
        build(
            command_handle,
            args::callback(cb, 4)?,
            BuildRequest::GetDdo { submitter: submitter_did, target: target_did },
        )
    })
}

/// A NYM request. `role`: TRUSTEE, STEWARD, TRUST_ANCHOR/ENDORSER, NETWORK_MONITOR, a role code, or "" to remove the role.
#[no_mangle]
pub extern "C" fn indy_build_nym_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    target_did: *const c_char,
    verkey: *const c_char,
    alias: *const c_char,
    role: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_nym_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let target_did = args::string(target_did, 3)?;
        let verkey = args::opt_text(verkey, 4)?;
        let alias = args::opt_text(alias, 5)?;
        let role = args::opt_text(role, 6)?;
        build(
            command_handle,
            args::callback(cb, 7)?,
            BuildRequest::Nym { submitter: submitter_did, target: target_did, verkey, alias, role },
        )
    })
}

/// An ATTRIB request; one of `hash`, `raw` (JSON) or `enc`.
#[no_mangle]
pub extern "C" fn indy_build_attrib_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    target_did: *const c_char,
    hash: *const c_char,
    raw: *const c_char,
    enc: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_attrib_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let target_did = args::string(target_did, 3)?;
        let hash = args::opt_text(hash, 4)?;
        let raw = args::opt_text(raw, 5)?;
        let enc = args::opt_text(enc, 6)?;
        build(
            command_handle,
            args::callback(cb, 7)?,
            BuildRequest::Attrib { submitter: submitter_did, target: target_did, hash, raw, enc },
        )
    })
}

/// A GET_ATTR request; one of `raw` (the name), `hash` or `enc`.
#[no_mangle]
pub extern "C" fn indy_build_get_attrib_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    target_did: *const c_char,
    raw: *const c_char,
    hash: *const c_char,
    enc: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_attrib_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let target_did = args::string(target_did, 3)?;
        let raw = args::opt_text(raw, 4)?;
        let hash = args::opt_text(hash, 5)?;
        let enc = args::opt_text(enc, 6)?;
        build(
            command_handle,
            args::callback(cb, 7)?,
            BuildRequest::GetAttrib { submitter: submitter_did, target: target_did, raw, hash, enc },
        )
    })
}

/// A GET_NYM request.
#[no_mangle]
pub extern "C" fn indy_build_get_nym_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    target_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_nym_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let target_did = args::string(target_did, 3)?;
        build(
            command_handle,
            args::callback(cb, 4)?,
            BuildRequest::GetNym { submitter: submitter_did, target: target_did },
        )
    })
}

/// A SCHEMA request from a schema JSON.
#[no_mangle]
pub extern "C" fn indy_build_schema_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    data: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_schema_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let data = args::string(data, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::Schema { submitter: submitter_did, data })
    })
}

/// A GET_SCHEMA request for a schema id.
#[no_mangle]
pub extern "C" fn indy_build_get_schema_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_schema_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let id = args::string(id, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::GetSchema { submitter: submitter_did, id })
    })
}

/// A CRED_DEF request from a credential definition JSON.
#[no_mangle]
pub extern "C" fn indy_build_cred_def_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    data: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_cred_def_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let data = args::string(data, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::CredDef { submitter: submitter_did, data })
    })
}

/// A GET_CRED_DEF request for a credential definition id.
#[no_mangle]
pub extern "C" fn indy_build_get_cred_def_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_cred_def_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let id = args::string(id, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::GetCredDef { submitter: submitter_did, id })
    })
}

/// A NODE request.
#[no_mangle]
pub extern "C" fn indy_build_node_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    target_did: *const c_char,
    data: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_node_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let target_did = args::string(target_did, 3)?;
        let data = args::string(data, 4)?;
        build(
            command_handle,
            args::callback(cb, 5)?,
            BuildRequest::Node { submitter: submitter_did, target: target_did, data },
        )
    })
}

/// A GET_VALIDATOR_INFO request.
#[no_mangle]
pub extern "C" fn indy_build_get_validator_info_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_validator_info_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        build(command_handle, args::callback(cb, 3)?, BuildRequest::GetValidatorInfo { submitter: submitter_did })
    })
}

/// A GET_TXN request; `ledger_type` DOMAIN (default), POOL, CONFIG or a ledger number.
#[no_mangle]
pub extern "C" fn indy_build_get_txn_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    ledger_type: *const c_char,
    seq_no: i32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_txn_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let ledger_type = args::opt_text(ledger_type, 3)?;
        build(
            command_handle,
            args::callback(cb, 5)?,
            BuildRequest::GetTxn { submitter: submitter_did, ledger_type, seq_no },
        )
    })
}

/// A POOL_CONFIG request.
#[no_mangle]
pub extern "C" fn indy_build_pool_config_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    writes: bool,
    force: bool,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_pool_config_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        build(
            command_handle,
            args::callback(cb, 5)?,
            BuildRequest::PoolConfig { submitter: submitter_did, writes, force },
        )
    })
}

/// A POOL_RESTART request; `action` start or cancel.
#[no_mangle]
pub extern "C" fn indy_build_pool_restart_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    action: *const c_char,
    datetime: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_pool_restart_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let action = args::string(action, 3)?;
        let datetime = args::opt_text(datetime, 4)?;
        build(
            command_handle,
            args::callback(cb, 5)?,
            BuildRequest::PoolRestart { submitter: submitter_did, action, datetime },
        )
    })
}

/// A REVOC_REG_DEF request from a revocation registry definition JSON.
#[no_mangle]
pub extern "C" fn indy_build_revoc_reg_def_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    data: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_revoc_reg_def_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let data = args::string(data, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::RevocRegDef { submitter: submitter_did, data })
    })
}

/// A GET_REVOC_REG_DEF request.
#[no_mangle]
pub extern "C" fn indy_build_get_revoc_reg_def_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    id: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_revoc_reg_def_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let id = args::string(id, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::GetRevocRegDef { submitter: submitter_did, id })
    })
}

/// A REVOC_REG_ENTRY request from a revocation registry delta JSON.
#[no_mangle]
pub extern "C" fn indy_build_revoc_reg_entry_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    revoc_reg_def_id: *const c_char,
    rev_def_type: *const c_char,
    value: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_revoc_reg_entry_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let revoc_reg_def_id = args::string(revoc_reg_def_id, 3)?;
        let rev_def_type = args::string(rev_def_type, 4)?;
        let value = args::string(value, 5)?;
        build(
            command_handle,
            args::callback(cb, 6)?,
            BuildRequest::RevocRegEntry { submitter: submitter_did, revoc_reg_def_id, rev_def_type, value },
        )
    })
}

/// A GET_REVOC_REG request: the registry at `timestamp`.
#[no_mangle]
pub extern "C" fn indy_build_get_revoc_reg_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    revoc_reg_def_id: *const c_char,
    timestamp: i64,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_revoc_reg_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let revoc_reg_def_id = args::string(revoc_reg_def_id, 3)?;
        build(
            command_handle,
            args::callback(cb, 5)?,
            BuildRequest::GetRevocReg { submitter: submitter_did, revoc_reg_def_id, timestamp },
        )
    })
}

/// A GET_REVOC_REG_DELTA request; `from` -1 for none.
#[no_mangle]
pub extern "C" fn indy_build_get_revoc_reg_delta_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    revoc_reg_def_id: *const c_char,
    from: i64,
    to: i64,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_revoc_reg_delta_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let revoc_reg_def_id = args::string(revoc_reg_def_id, 3)?;
        build(
            command_handle,
            args::callback(cb, 6)?,
            BuildRequest::GetRevocRegDelta { submitter: submitter_did, revoc_reg_def_id, from, to },
        )
    })
}

/// An AUTH_RULES request from a JSON array of rules.
#[no_mangle]
pub extern "C" fn indy_build_auth_rules_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    data: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_auth_rules_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let data = args::string(data, 3)?;
        build(command_handle, args::callback(cb, 4)?, BuildRequest::AuthRules { submitter: submitter_did, data })
    })
}

/// A DISABLE_ALL_TXN_AUTHR_AGRMTS request.
#[no_mangle]
pub extern "C" fn indy_build_disable_all_txn_author_agreements_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_disable_all_txn_author_agreements_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        build(
            command_handle,
            args::callback(cb, 3)?,
            BuildRequest::DisableAllTxnAuthorAgreements { submitter: submitter_did },
        )
    })
}

/// A GET_TXN_AUTHR_AGRMT request; `data` `{digest|version|timestamp}` or NULL for the latest.
#[no_mangle]
pub extern "C" fn indy_build_get_txn_author_agreement_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    data: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_txn_author_agreement_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let data = args::opt_text(data, 3)?;
        build(
            command_handle,
            args::callback(cb, 4)?,
            BuildRequest::GetTxnAuthorAgreement { submitter: submitter_did, data },
        )
    })
}

/// A TXN_AUTHR_AGRMT_AML request.
#[no_mangle]
pub extern "C" fn indy_build_acceptance_mechanisms_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    aml: *const c_char,
    version: *const c_char,
    aml_context: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_acceptance_mechanisms_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let aml = args::string(aml, 3)?;
        let version = args::string(version, 4)?;
        let aml_context = args::opt_text(aml_context, 5)?;
        build(
            command_handle,
            args::callback(cb, 6)?,
            BuildRequest::AcceptanceMechanisms { submitter: submitter_did, aml, version, aml_context },
        )
    })
}

/// A GET_TXN_AUTHR_AGRMT_AML request; `timestamp` -1 for none.
#[no_mangle]
pub extern "C" fn indy_build_get_acceptance_mechanisms_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    timestamp: i64,
    version: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_acceptance_mechanisms_request", || {
        let submitter_did = args::opt_text(submitter_did, 2)?;
        let version = args::opt_text(version, 4)?;
        build(
            command_handle,
            args::callback(cb, 5)?,
            BuildRequest::GetAcceptanceMechanisms { submitter: submitter_did, timestamp, version },
        )
    })
}

/// A LEDGERS_FREEZE request; `ledgers_ids` a JSON array of ledger numbers.
#[no_mangle]
pub extern "C" fn indy_build_ledgers_freeze_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    ledgers_ids: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_ledgers_freeze_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let ledgers_ids = args::string(ledgers_ids, 3)?;
        build(
            command_handle,
            args::callback(cb, 4)?,
            BuildRequest::LedgersFreeze { submitter: submitter_did, ledgers_ids },
        )
    })
}

/// A GET_FROZEN_LEDGERS request.
#[no_mangle]
pub extern "C" fn indy_build_get_frozen_ledgers_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_get_frozen_ledgers_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        build(command_handle, args::callback(cb, 3)?, BuildRequest::GetFrozenLedgers { submitter: submitter_did })
    })
}

/// A TXN_AUTHR_AGRMT request; `text` NULL to retire, timestamps -1 for none.
#[no_mangle]
pub extern "C" fn indy_build_txn_author_agreement_request(
    command_handle: CommandHandle,
    submitter_did: *const c_char,
    text: *const c_char,
    version: *const c_char,
    ratification_ts: i64,
    retirement_ts: i64,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode, request_json: *const c_char)>,
) -> ErrorCode {
    boundary("indy_build_txn_author_agreement_request", || {
        let submitter_did = args::string(submitter_did, 2)?;
        let text = args::opt_text(text, 3)?;
        let version = args::string(version, 4)?;
        build(
            command_handle,
            args::callback(cb, 7)?,
            BuildRequest::TxnAuthorAgreement {
                submitter: submitter_did,
                text,
                version,
                ratification_ts,
                retirement_ts,
            },
        )
    })
}
