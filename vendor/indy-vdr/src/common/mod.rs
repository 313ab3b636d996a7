/// Library error types and traits
pub mod error;

/// Patricia Merkle tree support
pub use indy_data_types::merkle_tree;

/// Resource handle support
#[macro_use]
pub mod handle;
