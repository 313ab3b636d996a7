mod builder;
/// A trait for managing a transaction cache
pub mod cache;
mod genesis;
/// Transaction request handlers
pub(crate) mod handlers;
/// Methods for performing requests against the verifier pool
pub mod helpers;
/// General verifier pool management
mod manager;
/// Pool networker traits and implementations
pub mod networker;
/// Data types and traits for handling pending verifier pool requests
mod requests;
/// A pool executor that processes events in its own thread
mod runner;
mod types;

pub use {
    self::builder::PoolBuilder,
    self::genesis::{FilesystemCache, InMemoryCache, PoolTransactions, PoolTransactionsCache},
    self::manager::{LocalPool, Pool, PoolImpl, SharedPool},
    self::requests::{
        new_request_id, PoolRequest, PoolRequestImpl, PreparedRequest, RequestMethod,
    },
    self::runner::{PoolRunner, PoolRunnerStatus},
    self::types::{
        LedgerType, NodeReplies, PoolSetup, ProtocolVersion, RequestHandle, RequestResult,
        RequestResultMeta, SingleReply, StateProofAssertions, StateProofResult, TimingResult,
        VerifierInfo, VerifierKey, VerifierKeys, Verifiers,
    },
};
