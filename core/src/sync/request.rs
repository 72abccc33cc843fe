//! What a refresh asks for: which weeks and kinds, and whether fresh data is fetched again.

use jiff::civil::Date;

use crate::cache::ResourceKind;
use crate::model::IsoWeek;

/// What to refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRequest {
    /// Weeks for the per-week kinds (calendar, menu, timetable).
    pub weeks: Vec<IsoWeek>,
    /// Kinds to refresh (the children list is always refreshed first when stale). Kinds the
    /// provider does not offer are left out.
    pub kinds: Vec<ResourceKind>,
    /// Ignore freshness and fetch everything.
    pub force: bool,
}

impl RefreshRequest {
    /// What the week view of `date` shows: news, notifications, and the week's calendar, menu
    /// and timetable.
    pub fn week_view(date: Date) -> Self {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: vec![
                ResourceKind::News,
                ResourceKind::Notifications,
                ResourceKind::Calendar,
                ResourceKind::Menu,
                ResourceKind::Timetable,
            ],
            force: false,
        }
    }

    /// Every kind, for the week of `date`.
    pub fn everything(date: Date) -> Self {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: ResourceKind::ALL.to_vec(),
            force: false,
        }
    }
}
