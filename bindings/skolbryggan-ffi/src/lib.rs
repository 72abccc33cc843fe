//! # Skolbryggan for Kotlin, Swift and Python
//!
//! UniFFI bindings of the `skolbryggan` core: thin wrappers, no domain logic, no FFI types in
//! the core. Start with [`ClientBuilder`]:
//!
//! ```kotlin
//! val client = ClientBuilder(dataDir).secretStore(store).build()
//! val login = client.startLogin(SchoolPlatform.STOCKHOLM, LoginMethod.BankIdSameDevice(null))
//! openBankId(login.prompt().bankidAppLink)
//! val user = login.complete(listener, null)
//! client.refresh(RefreshOptions(), null)
//! val week = client.weekOverview("2026-11-25")
//! ```
//!
//! * Every call that does I/O is async; cheap getters are synchronous.
//! * Every call that can fail returns a [`SkolbrygganError`] (in Swift: `throws`), so no Rust
//!   panic reaches the app as a crash.
//! * The app implements [`SecretStore`] (Keystore / Keychain) and optionally [`LogSink`].
//! * Long lists (news, calendar, notifications) are paged.

mod background;
mod builder;
mod changes;
mod client;
mod content;
mod demo;
mod error;
mod feed;
mod home;
mod listener_error;
mod logging;
mod login;
mod menus;
mod organisations;
mod platforms;
mod records;
mod refresh;
mod runtime;
mod secrets;
mod task_handle;
mod writes;

pub use background::{BackgroundOutcome, BackgroundRefresh, BackgroundReport, ChildChanges};
pub use builder::{ClientBuilder, HostPlatform};
pub use changes::{Change, ChangeKind, DataChange, DataChangedListener};
pub use client::{Client, Freshness};
pub use content::{Content, WebCookie};
pub use demo::DemoFamily;
pub use error::{LoginFailureReason, SkolbrygganError, WriteRefusalReason};
pub use listener_error::ListenerError;
pub use logging::{LogLevel, LogRecord, LogSink};
pub use login::{
    LoginListener, LoginMethod, LoginOptions, LoginPrompt, LoginState, LoginUpdate, PendingLogin,
};
pub use menus::{AttachedMenu, MenuSchool, MenuService, MenuSource};
pub use records::*;
pub use refresh::{
    FailureKind, RefreshFailure, RefreshListener, RefreshOptions, RefreshProgress, RefreshReport,
};
pub use secrets::{SecretStore, SecretStoreError};
pub use task_handle::TaskHandle;

uniffi::setup_scaffolding!();
