//! Stockholm's login flows through its SiteMinder login servers: Mobile BankID (this or another
//! device) and Freja eID+, both ending in the same platform session set-up ([`phase`]).

mod bankid;
mod freja;
mod phase;

pub(crate) use bankid::BankIdFlow;
pub(crate) use freja::FrejaFlow;

/// The answer scanners of both flows, for the fuzz targets (`testing` only).
#[cfg(feature = "testing")]
pub(crate) use bankid::map_state;
#[cfg(feature = "testing")]
pub(crate) use freja::{app_link, map_status};
