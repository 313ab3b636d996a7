//! Pure, synchronous logic: no threads, no callbacks, no C.

pub mod anoncreds;
pub mod crypto;
pub mod did;
pub mod ledger;
pub mod pack;
pub mod proof_request;
pub mod sealing;
pub mod wallet;
