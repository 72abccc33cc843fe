//! A school found by a search, and the menu source attached to a child.

use serde::{Deserialize, Serialize};

use super::MenuService;
use crate::error::Result;

/// A school (or kitchen) a menu service publishes a menu for: one search hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuSchool {
    /// The service.
    pub service: MenuService,
    /// The service's own id of the school (skolmaten's URL name `skutehagens-skolan`,
    /// Matilda's `<distributor id>_<slug>`): what the week call takes.
    pub id: String,
    /// The school's name as the service writes it.
    pub name: String,
    /// Where it is (municipality or organisation), as the service writes it, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
}

/// The menu source attached to a child: which service and which school. Stored sealed in the
/// cache per account and child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuSource {
    /// The service.
    pub service: MenuService,
    /// The service's id of the school (see [`MenuSchool::id`]).
    pub school_id: String,
    /// The school's name, for showing what is attached.
    pub school_name: String,
}

impl MenuSource {
    /// A source for `school_id` on `service` (a pure constructor: the demo family or a test
    /// can build one without a search).
    pub fn new(service: MenuService, school_id: &str, school_name: &str) -> Self {
        MenuSource {
            service,
            school_id: school_id.to_owned(),
            school_name: school_name.to_owned(),
        }
    }

    /// Checks the school id (it goes into a URL path): letters, digits, `-` and `_`, else
    /// [`crate::Error::InvalidInput`].
    pub fn validate(&self) -> Result<()> {
        super::day::check_school_id(&self.school_id)
    }

    /// The source of a search hit.
    pub fn from_school(school: &MenuSchool) -> Self {
        MenuSource::new(school.service, &school.id, &school.name)
    }
}
