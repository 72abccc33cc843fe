//! Stockholm's login flows through its SiteMinder login servers: Mobile BankID (this or another
//! device) and Freja eID+, both ending in the same platform session set-up ([`phase`]).

mod bankid;
mod freja;
mod phase;

pub(crate) use bankid::BankIdFlow;
pub(crate) use freja::FrejaFlow;
