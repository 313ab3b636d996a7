//! The public JSON formats, as serde types.

pub mod did;
pub mod wallet;
