//! Test support: a scripted provider with fault injection and call counting, a hand-built
//! family, and the crate-private scanners the fuzz targets call ([`scanners`]). Used by the sync
//! engine's soak, politeness and crash tests and by `fuzz/`; not meant for production use.

mod family;
pub mod scanners;
mod scripted;

pub use family::{TestFamily, test_family};
pub use scripted::{Fault, ScriptedProvider};
