//! `GET /Account/Scoreboard`: the guardian's unread counts. Vklass offers no notification list;
//! the model has no unread-count entity, so these counts are available through the parser
//! (and `parse --endpoint account-scoreboard`) only.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Unread counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scoreboard {
    /// Unread notifications.
    pub notifications: u32,
    /// Unread messages.
    pub messages: u32,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    notifications: Option<u32>,
    #[serde(default)]
    unread: Option<u32>,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    messages: Option<u32>,
}

/// Parses the counts (`notifications`, falling back to `unread` / `count`).
pub fn parse_scoreboard(body: &str) -> Result<Scoreboard> {
    let raw: Raw = serde_json::from_str(body).map_err(|e| Error::parse("Scoreboard", e))?;
    Ok(Scoreboard {
        notifications: raw.notifications.or(raw.unread).or(raw.count).unwrap_or(0),
        messages: raw.messages.unwrap_or(0),
    })
}
