//! Terminal rendering.

pub mod week;
