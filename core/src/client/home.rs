//! The home cards and the year wheel, read from the cache: the client gathers what
//! [`crate::home`] needs (the cached entities, the unread change feed, the resources' ages and
//! the sessions) and lets it build the view.

use std::collections::{BTreeSet, HashSet};

use jiff::civil::Date;

use super::{Cached, Client, blocking, lock};
use crate::cache::{ChangeKind, ResourceId, ResourceKind};
use crate::error::Result;
use crate::home::{
    FamilyHome, HomeInputs, PlatformSession, ResourceAge, SessionState, Unread, UnreadKind,
    YearWheel, school_year_of, school_year_range,
};
use crate::model::{DateRange, IsoWeek, Platform};
use crate::provider::registry;
use crate::sync::{Progress, RefreshReport, RefreshRequest};

/// How many weeks after the card's week the next event is looked for in (the calendars of
/// later weeks are not decrypted for the home screen).
pub const NEXT_EVENT_WEEKS: i64 = 8;

/// Kinds the cards never show (their data is not decrypted, their age not judged).
fn unused_by_home(kind: ResourceKind) -> bool {
    matches!(
        kind,
        ResourceKind::User
            | ResourceKind::Classmates
            | ResourceKind::Teachers
            | ResourceKind::Contacts
            | ResourceKind::Assignments
    )
}

fn weeks_after(week: IsoWeek, n: i64) -> IsoWeek {
    (0..n).fold(week, |w, _| w.next())
}

impl Client {
    /// The home cards of `date` (today when none): per child, the day at a glance, from the
    /// cache (never upstream). Refresh with [`Client::refresh_home`].
    pub async fn family_home(&self, date: Option<Date>) -> Result<Cached<FamilyHome>> {
        let account = self.require_account()?;
        let date = date.unwrap_or_else(|| self.today());
        let week = IsoWeek::containing(date);
        let horizon = weeks_after(week, NEXT_EVENT_WEEKS);
        // Decrypt what the cards show: this week's per-week data, the calendars up to the
        // horizon (the next event), and every per-child kind the cards read. News and
        // notifications are counted from the change feed, so their (large) data stays sealed.
        // A kind added later is loaded by default (the seam for cached absence offers).
        let load = move |id: &ResourceId| {
            !unused_by_home(id.kind)
                && !matches!(id.kind, ResourceKind::News | ResourceKind::Notifications)
                && match (id.kind, id.week) {
                    (ResourceKind::Calendar, Some(w)) => week <= w && w <= horizon,
                    (_, Some(w)) => w == week,
                    (_, None) => true,
                }
        };
        let judge =
            move |id: &ResourceId| !unused_by_home(id.kind) && id.week.is_none_or(|w| w == week);
        let view = self.inner.engine.read_where(&account, load, judge).await?;
        let cache = self.inner.engine.cache().clone();
        let acc = account.clone();
        let unread = blocking(move || cache.changes(&acc, true)).await?;
        let unread = unread
            .into_iter()
            .filter_map(|c| {
                let kind = match c.kind {
                    ChangeKind::NewsAdded | ChangeKind::NewsUpdated => UnreadKind::News,
                    ChangeKind::NotificationAdded => UnreadKind::Notification,
                    _ => return None,
                };
                Some(Unread {
                    child_id: c.child_id,
                    kind,
                    entity_id: c.entity_id,
                })
            })
            .collect();
        let resources: Vec<ResourceAge> = view
            .resources
            .iter()
            .map(|r| ResourceAge {
                provider: r.resource.provider.clone(),
                child: r.resource.child.clone(),
                fetched_at: r.fetched_at,
                stale: r.stale,
                last_error: r.last_error,
            })
            .collect();
        let sessions = self.sessions(&resources);
        let inputs = HomeInputs {
            date,
            now: self.inner.clock.now(),
            unread,
            resources,
            sessions,
        };
        Ok(Cached::from_view(view).map(|s| FamilyHome::build(&s, &inputs)))
    }

    /// The session state of every provider the account has a stored or live session with, or
    /// cached data from.
    pub(crate) fn sessions(&self, resources: &[ResourceAge]) -> Vec<PlatformSession> {
        let account = self.account();
        let stored: Vec<String> = self
            .inner
            .state
            .current()
            .filter(|(a, _)| Some(a) == account.as_ref())
            .map(|(_, p)| p)
            .unwrap_or_default();
        let active = lock(&self.inner.active).clone();
        let names: BTreeSet<String> = stored
            .iter()
            .cloned()
            .chain(active.iter().map(|p| p.name().to_owned()))
            .chain(resources.iter().map(|r| r.provider.clone()))
            .collect();
        names
            .into_iter()
            .map(|name| {
                let live = active.iter().find(|p| p.name() == name);
                let state = match live {
                    Some(_) if self.inner.sessions.is_expired(&name) => SessionState::Expired,
                    Some(_) => SessionState::LoggedIn,
                    None if stored.contains(&name) => SessionState::Expired,
                    None => SessionState::NotLoggedIn,
                };
                let platforms: Vec<Platform> = match live {
                    Some(p) => p.platforms(),
                    None => registry::entry(&name)
                        .map(|e| e.platforms.iter().map(|p| p.platform).collect())
                        .unwrap_or_default(),
                };
                PlatformSession {
                    provider: name,
                    platforms,
                    state,
                }
            })
            .collect()
    }

    /// Refreshes what the home cards of `date` show: the week view and the care times and
    /// attendance of its week, and the calendars of the [`NEXT_EVENT_WEEKS`] weeks after it
    /// (for the next event). One report for both.
    pub async fn refresh_home(
        &self,
        date: Date,
        progress: Option<&(dyn Fn(&Progress) + Send + Sync)>,
    ) -> Result<RefreshReport> {
        let mut report = self.refresh(&RefreshRequest::home(date), progress).await?;
        let week = IsoWeek::containing(date);
        let ahead = DateRange::of_week(weeks_after(week, 1)).start.max(date);
        let horizon = DateRange::of_week(weeks_after(week, NEXT_EVENT_WEEKS)).end;
        let calendars = self
            .refresh(
                &RefreshRequest::calendar_weeks(DateRange::new(ahead, horizon)),
                progress,
            )
            .await?;
        report.session_expired |= calendars.session_expired;
        report.resources.extend(calendars.resources);
        report.changes.extend(calendars.changes);
        Ok(report)
    }

    /// The school year (1 August to 31 July) containing `date` (today when none).
    pub fn school_year(&self, date: Option<Date>) -> DateRange {
        school_year_range(school_year_of(date.unwrap_or_else(|| self.today())))
    }

    /// The year wheel of `range` (e.g. [`Client::school_year`]) from the cached calendars
    /// (never upstream); weeks whose calendar is not cached are counted in
    /// [`YearWheel::cached_weeks`]. Fill them with [`Client::refresh_year_wheel`].
    pub async fn year_wheel(&self, range: DateRange) -> Result<Cached<YearWheel>> {
        let account = self.require_account()?;
        let (first, last) = (
            IsoWeek::containing(range.start),
            IsoWeek::containing(range.end),
        );
        let in_range = move |id: &ResourceId| match (id.kind, id.week) {
            (ResourceKind::Children, _) => true,
            (ResourceKind::Calendar, Some(w)) => first <= w && w <= last,
            _ => false,
        };
        let view = self
            .inner
            .engine
            .read_where(&account, in_range, in_range)
            .await?;
        let cached: HashSet<IsoWeek> = view
            .resources
            .iter()
            .filter(|r| r.resource.kind == ResourceKind::Calendar && r.fetched_at.is_some())
            .filter_map(|r| r.resource.week)
            .collect();
        Ok(Cached::from_view(view)
            .map(|s| YearWheel::build(&s.children, &s.calendar, range, &cached)))
    }

    /// Refreshes the calendars of every week of `range` (politely, as any refresh: what is
    /// fresh is not fetched again).
    pub async fn refresh_year_wheel(
        &self,
        range: DateRange,
        progress: Option<&(dyn Fn(&Progress) + Send + Sync)>,
    ) -> Result<RefreshReport> {
        self.refresh(&RefreshRequest::calendar_weeks(range), progress)
            .await
    }
}
