//! Test support: a scripted provider with fault injection and call counting, and a
//! hand-built family. Used by the sync engine's soak, politeness and crash tests; not meant for
//! production use.

mod family;
mod scripted;

pub use family::{TestFamily, test_family};
pub use scripted::{Fault, ScriptedProvider};
