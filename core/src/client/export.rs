//! The calendar export of the cached family: [`Client::export_ics`].

use super::Client;
use crate::error::Result;
use crate::ics::{ExportOptions, export};
use crate::model::{DateRange, EntityId};

impl Client {
    /// The cached events (and, with `lessons`, the timetable) that touch `range` as an
    /// iCalendar (RFC 5545) text; only `children`'s when the list is not empty. Refresh the
    /// range first ([`Client::refresh_range`]) for a whole term.
    pub async fn export_ics(
        &self,
        range: DateRange,
        children: &[EntityId],
        lessons: bool,
    ) -> Result<String> {
        let family = self.snapshot().await?.value;
        let options = ExportOptions {
            children: children.to_vec(),
            range: Some(range),
            lessons,
            ..ExportOptions::default()
        };
        Ok(export(&family, &options))
    }
}
