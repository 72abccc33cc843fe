//! The core's integration tests, one binary: the cache, the sync engine, the client facade,
//! the parsers against recorded samples, and end-to-end runs against the HTTPS emulator
//! (Stockholm and InfoMentor side by side). Shared setup lives in [`support`].

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cache;
mod child_refs;
mod client_demo;
mod client_platforms;
mod client_refresh;
mod emulator;
mod home;
mod model_serde;
mod samples;
mod school_work;
mod support;
mod sync_engine;
mod sync_wrong_child;
mod week_overview;
