//! Lunch menus.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{EntityId, IsoWeek};

/// The lunch of one school day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuDay {
    /// Stable id, namespaced by the child (`…:menu:<child>/<date>`).
    pub id: EntityId,
    /// The child whose school serves it.
    pub child_id: EntityId,
    /// The day.
    pub date: Date,
    /// Upstream title ("Tisdag - Vecka 7").
    pub title: String,
    /// The dishes, one per entry, plain text.
    pub dishes: Vec<String>,
}

impl MenuDay {
    /// The dishes as Markdown (one per line), the form the upstream apps show.
    pub fn description_markdown(&self) -> String {
        self.dishes.join("\n")
    }
}

/// A week of lunch menus for one child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuWeek {
    /// The child.
    pub child_id: EntityId,
    /// The ISO week.
    pub week: IsoWeek,
    /// The days that have a menu, Monday first.
    pub days: Vec<MenuDay>,
}
