//! Stockholm's e-services's identifiers of a child, kept in the child's [`ChildRefs`](crate::model::ChildRefs).

use serde::{Deserialize, Serialize};

use crate::model::PlatformRef;

/// Stockholm e-service identifiers of a child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StockholmChildRef {
    /// `Id`: GUID used by calendar, schedule, news, menu and `SelectChild`.
    pub id: String,
    /// `SDSId`: GUID used by notifications and contacts.
    pub sds_id: String,
    /// `SchoolId`: GUID, needed for school contacts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_id: Option<String>,
    /// `Status` as sent (`"F;GR"`).
    pub status: String,
}

impl PlatformRef for StockholmChildRef {
    const KEY: &'static str = "stockholm";
}
