//! [`Scope`]: the two accounts a platform session's refresh runs under.

use crate::model::AccountId;

/// Where a refresh of one platform session stores its data and which ids it accepts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scope<'a> {
    /// The cache's account: the family the data is stored under.
    pub(super) family: &'a AccountId,
    /// The platform session's own id namespace: its list of children must be of it.
    pub(super) namespace: &'a AccountId,
}
