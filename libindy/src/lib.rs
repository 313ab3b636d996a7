//! A libindy 1.16 compatible library whose commands never queue behind one thread.
//!
//! Layers, each depending only on those below it:
//! `api` (the C surface) → `commands` (async command logic, the executor) → `runtime`
//! (the tiers) → `services` + `storage` (pure logic) → `domain` (formats).

pub mod api;
pub mod commands;
pub mod domain;
pub mod errors;
pub mod runtime;
pub mod services;
pub mod storage;

pub use errors::ErrorCode;
