//! Public lunch menus: menu-only sources a parent attaches to a child.
//!
//! A school whose platform publishes no menu (InfoMentor) often has its lunch on a public menu
//! service. This folder reads two of them without any login: [`skolmaten`] (skolmaten.se) and
//! [`matilda`] (Matilda Menu, `menu.matildaplatform.com`). A parent searches a school by name
//! ([`MenuClient::search`]), picks one ([`MenuSource::from_school`]) and the client stores the
//! [`MenuSource`] for the child; a refresh then fetches the week through [`WithPublicMenus`]
//! (a provider wrapper that answers `menu` from the attached source when the platform itself
//! has no menu), so the menu is cached, refreshed and read like any other kind.
//!
//! Layout: `service.rs` (the services and their names), `school.rs` (a search hit and the
//! attached source), `skolmaten.rs` / `matilda.rs` (routes and pure parsers per service),
//! `day.rs` (building a [`crate::model::MenuDay`]), `client.rs` (the HTTP calls),
//! `overlay.rs` (the provider wrapper), `offline.rs` (menus a provider brings along offline: the
//! demo family's), `endpoints.rs` (the `parse --platform` entries).

mod client;
mod day;
pub mod endpoints;
pub mod matilda;
mod offline;
mod overlay;
mod school;
mod service;
pub mod skolmaten;

pub use client::MenuClient;
pub use offline::OfflineMenus;
pub use overlay::{MenuSources, WithPublicMenus};
pub use school::{MenuSchool, MenuSource};
pub use service::MenuService;

/// Every host the menu services are read from (the emulator serves each).
pub const HOSTS: &[&str] = &[skolmaten::HOST, matilda::HOST];
