//! The home cards and the year wheel on [`Client`]: thin calls over
//! `skolbryggan::client::Client::{family_home, year_wheel}`.

use crate::listener_error::tolerate;
use std::sync::Arc;

use skolbryggan::model::DateRange;
use skolbryggan::sync::Progress;

use crate::client::{Client, freshness};
use crate::error::FfiResult;
use crate::records::{FamilyHome, YearWheel, parse_date};
use crate::refresh::{RefreshListener, RefreshProgress, RefreshReport};

fn optional_date(date: Option<String>) -> FfiResult<Option<jiff::civil::Date>> {
    date.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_date)
        .transpose()
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// The home cards of `date` (`YYYY-MM-DD`; none: today), from the cache: per child the
    /// school or care hours, the day off, what to bring, lunch, unread counts, the absence
    /// state, the next event, freshness and the platform's session.
    #[uniffi::method(default(date = None))]
    pub async fn family_home(&self, date: Option<String>) -> FfiResult<FamilyHome> {
        let cached = self.inner.family_home(optional_date(date)?).await?;
        Ok(FamilyHome::new(&cached.value, freshness(&cached)))
    }

    /// Refreshes what the home cards of `date` (none: today) show, including the calendars of
    /// the weeks ahead (the next event).
    #[uniffi::method(default(date = None, listener = None))]
    pub async fn refresh_home(
        &self,
        date: Option<String>,
        listener: Option<Arc<dyn RefreshListener>>,
    ) -> FfiResult<RefreshReport> {
        let date = optional_date(date)?.unwrap_or_else(|| self.inner.today());
        let progress = move |p: &Progress| {
            if let Some(l) = &listener {
                tolerate("RefreshListener", l.on_progress(RefreshProgress::from(p)));
            }
        };
        let report = self.inner.refresh_home(date, Some(&progress)).await?;
        Ok(RefreshReport::from(&report))
    }

    /// The year wheel of the school year (1 August – 31 July) containing `date` (none: today),
    /// from the cached calendars. Fill it with `refreshYearWheel`.
    #[uniffi::method(default(date = None))]
    pub async fn year_wheel(&self, date: Option<String>) -> FfiResult<YearWheel> {
        let range = self.inner.school_year(optional_date(date)?);
        let cached = self.inner.year_wheel(range).await?;
        Ok(YearWheel::new(&cached.value, freshness(&cached)))
    }

    /// The year wheel of the dates `from` to `to` (`YYYY-MM-DD`, both inclusive).
    pub async fn year_wheel_range(&self, from: String, to: String) -> FfiResult<YearWheel> {
        let range = DateRange::new(parse_date(&from)?, parse_date(&to)?);
        let cached = self.inner.year_wheel(range).await?;
        Ok(YearWheel::new(&cached.value, freshness(&cached)))
    }

    /// Refreshes the calendars of the school year containing `date` (none: today), what the
    /// year wheel shows.
    #[uniffi::method(default(date = None, listener = None))]
    pub async fn refresh_year_wheel(
        &self,
        date: Option<String>,
        listener: Option<Arc<dyn RefreshListener>>,
    ) -> FfiResult<RefreshReport> {
        let range = self.inner.school_year(optional_date(date)?);
        let progress = move |p: &Progress| {
            if let Some(l) = &listener {
                tolerate("RefreshListener", l.on_progress(RefreshProgress::from(p)));
            }
        };
        let report = self
            .inner
            .refresh_year_wheel(range, Some(&progress))
            .await?;
        Ok(RefreshReport::from(&report))
    }
}
