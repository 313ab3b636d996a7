//! The public JSON formats, as serde types.

pub mod anoncreds;
pub mod did;
pub mod non_secrets;
pub mod pairwise;
pub mod wallet;
