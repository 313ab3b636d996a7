//! Ledger requests: built, parsed and signed on the cheap tier (keys read in the wallet's
//! order), sent through the pool's own network thread.

use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::rc::Rc;
use std::sync::{Mutex, OnceLock};

use futures::future::LocalBoxFuture;
use indy_vdr::pool::RequestMethod;
use indy_vdr::state_proof::{ParsedSP, StateProofParser};
use serde_json::Value;

use super::crypto::with_key;
use super::library::protocol_version;
use super::{answer, objects, Ctx};
use crate::domain::did::Did;
use crate::errors::{ErrorCode, IndyError, IndyResult};
use crate::runtime::callbacks::Responder;
use crate::runtime::storage::WalletHandle;
use crate::services::ledger::{self, BuildRequest, ParseRequest, Parsed};
use crate::services::wallet::record_types::DID;

pub enum LedgerCommand {
    Build { request: BuildRequest, cb: Responder<String> },
    Parse { kind: ParseRequest, response: String, cb: ParsedResponder },
    ResponseMetadata { response: String, cb: Responder<String> },
    AppendTaa { request: String, acceptance: TaaAcceptance, cb: Responder<String> },
    AppendEndorser { request: String, endorser: String, cb: Responder<String> },
    Sign { wallet: WalletHandle, submitter: String, request: String, multi: bool, cb: Responder<String> },
    SignAndSubmit { pool: i32, wallet: WalletHandle, submitter: String, request: String, cb: Responder<String> },
    Submit { pool: i32, request: String, cb: Responder<String> },
    SubmitAction { pool: i32, request: String, nodes: Option<String>, timeout: i32, cb: Responder<String> },
    RegisterSpParser { txn_type: String, parser: CustomSpParser, cb: Responder<()> },
}

/// A caller's state-proof parser for a transaction type of its own
/// (`indy_register_transaction_parser_for_sp`): it turns a node's reply into the
/// `[{proof_nodes, root_hash, kvs_to_verify, multi_signature}]` that the proof is checked
/// against, and frees what it returned.
#[derive(Clone, Copy)]
pub struct CustomSpParser {
    pub parse: extern "C" fn(reply_from_node: *const c_char, parsed_sp: *mut *const c_char) -> ErrorCode,
    pub free: extern "C" fn(data: *const c_char) -> ErrorCode,
}

impl StateProofParser for CustomSpParser {
    fn parse(&self, _txn_type: &str, raw_msg: &str) -> Option<Vec<ParsedSP>> {
        let reply = CString::new(raw_msg).ok()?;
        let mut parsed: *const c_char = std::ptr::null();
        if (self.parse)(reply.as_ptr(), &mut parsed) != ErrorCode::Success || parsed.is_null() {
            return None;
        }
        // Safety: the parser answered a NUL-terminated string, ours until we free it.
        let result = serde_json::from_slice(unsafe { CStr::from_ptr(parsed) }.to_bytes()).ok();
        (self.free)(parsed);
        result
    }
}

/// Registered parsers by transaction type, for every pool (as in libindy, process-wide).
fn sp_parsers() -> &'static Mutex<HashMap<String, CustomSpParser>> {
    static PARSERS: OnceLock<Mutex<HashMap<String, CustomSpParser>>> = OnceLock::new();
    PARSERS.get_or_init(Default::default)
}

/// The callback shapes of the parsers.
pub enum ParsedResponder {
    One(Responder<String>),
    Two(Responder<(String, String)>),
    TwoAndTime(Responder<(String, String, u64)>),
}

pub struct TaaAcceptance {
    pub text: Option<String>,
    pub version: Option<String>,
    pub digest: Option<String>,
    pub mechanism: String,
    pub time: u64,
}

pub fn execute(ctx: Rc<Ctx>, command: LedgerCommand) -> LocalBoxFuture<'static, ()> {
    use LedgerCommand::*;
    match command {
        Build { request, cb } => {
            answer(cb, async move { ctx.cheap(move || ledger::build(request, protocol_version())).await })
        }
        Parse { kind, response, cb } => parse(ctx, kind, response, cb),
        ResponseMetadata { response, cb } => {
            answer(cb, async move { ctx.cheap(move || ledger::response_metadata(&response)).await })
        }
        AppendTaa { request, acceptance: a, cb } => answer(cb, async move {
            ctx.cheap(move || {
                ledger::append_taa_acceptance(
                    &request,
                    a.text.as_deref(),
                    a.version.as_deref(),
                    a.digest.as_deref(),
                    &a.mechanism,
                    a.time,
                )
            })
            .await
        }),
        AppendEndorser { request, endorser, cb } => {
            answer(cb, async move { ctx.cheap(move || ledger::append_endorser(&request, &endorser)).await })
        }
        Sign { wallet, submitter, request, multi, cb } => {
            answer(cb, async move { Ok(sign(&ctx, wallet, submitter, request, multi).await?.to_string()) })
        }
        SignAndSubmit { pool, wallet, submitter, request, cb } => answer(cb, async move {
            ctx.check_pool(pool)?;
            let signed = sign(&ctx, wallet, submitter, request, false).await?;
            submit_value(&ctx, pool, signed).await
        }),
        Submit { pool, request, cb } => answer(cb, async move {
            ctx.check_pool(pool)?;
            let request = ctx.cheap(move || ledger::parse_request(&request)).await?;
            submit_value(&ctx, pool, request).await
        }),
        SubmitAction { pool, request, nodes, timeout, cb } => answer(cb, async move {
            ctx.check_pool(pool)?;
            let prepared = ctx
                .cheap(move || {
                    let nodes: Option<Vec<String>> = nodes
                        .map(|n| serde_json::from_str(&n))
                        .transpose()
                        .map_err(|e| IndyError::invalid_structure(format!("Invalid nodes JSON: {e}")))?;
                    let timeout = (timeout > 0).then_some(i64::from(timeout));
                    ledger::prepare_action(ledger::parse_request(&request)?, nodes, timeout, protocol_version())
                })
                .await?;
            ctx.send_to_pool(pool, prepared).await
        }),
        // A map insert: no I/O, so the executor may do it.
        RegisterSpParser { txn_type, parser, cb } => answer(cb, async move {
            sp_parsers().lock().unwrap_or_else(|e| e.into_inner()).insert(txn_type, parser);
            Ok(())
        }),
    }
}

fn parse(ctx: Rc<Ctx>, kind: ParseRequest, response: String, cb: ParsedResponder) -> LocalBoxFuture<'static, ()> {
    let parsed = async move { ctx.cheap(move || ledger::parse(kind, &response)).await };
    let mismatch = || IndyError::invalid_state("A parser answered in another shape");
    match cb {
        ParsedResponder::One(cb) => answer(cb, async move {
            match parsed.await? {
                Parsed::One(a) => Ok(a),
                _ => Err(mismatch()),
            }
        }),
        ParsedResponder::Two(cb) => answer(cb, async move {
            match parsed.await? {
                Parsed::Two(a, b) => Ok((a, b)),
                _ => Err(mismatch()),
            }
        }),
        ParsedResponder::TwoAndTime(cb) => answer(cb, async move {
            match parsed.await? {
                Parsed::TwoAndTime(a, b, t) => Ok((a, b, t)),
                _ => Err(mismatch()),
            }
        }),
    }
}

/// Signs with the key of `submitter`, one of my DIDs (libindy signs only with those).
async fn sign(ctx: &Ctx, wallet: WalletHandle, submitter: String, request: String, multi: bool) -> IndyResult<Value> {
    let (keys, slot) = ctx.reserve(wallet)?;
    let checked = submitter.clone();
    let (signer, request) = ctx.cheap(move || Ok((ledger::did(&checked)?, ledger::parse_request(&request)?))).await?;
    let mine: Did = objects::get(ctx, keys, slot, DID, submitter).await?;
    with_key(ctx, wallet, mine.verkey, move |key| {
        let mut request = request;
        let signature = key.sign(&ledger::signature_input(&request)?);
        if multi {
            ledger::add_multi_signature(&mut request, &signer, &signature);
        } else {
            ledger::set_signature(&mut request, &signature);
        }
        Ok(request)
    })
    .await
}

async fn submit_value(ctx: &Ctx, pool: i32, request: Value) -> IndyResult<String> {
    let prepared = ctx
        .cheap(move || {
            let mut prepared = ledger::prepare(request, protocol_version())?;
            let custom = sp_parsers().lock().unwrap_or_else(|e| e.into_inner()).get(&prepared.txn_type).copied();
            if let Some(parser) = custom {
                prepared.method =
                    RequestMethod::CustomStateProof { sp_parser: parser.boxed(), sp_timestamps: (None, None) };
            }
            Ok(prepared)
        })
        .await?;
    ctx.send_to_pool(pool, prepared).await
}

/// libindy's answer for a pool handle that is not open.
pub fn invalid_pool(pool: i32) -> IndyError {
    IndyError::new(ErrorCode::PoolLedgerInvalidPoolHandle, format!("Pool handle {pool} is not open"))
}
