//! Pure, synchronous logic: no threads, no callbacks, no C.

pub mod crypto;
pub mod did;
pub mod wallet;
