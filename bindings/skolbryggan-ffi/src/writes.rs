//! The school-work reads (assignments, attendance, care times, absence offers) and the write
//! actions (absence reports, care times) of [`Client`]. Thin: the core reads fresh, refuses
//! with a typed reason, writes, reads back, stores and notifies.

use skolbryggan::client::PageRequest;
use skolbryggan::model::{EntityId, IsoWeek};

use crate::client::{Client, freshness};
use crate::error::{FfiResult, SkolbrygganError};
use crate::records::{
    AbsenceOption, AbsenceOptions, Assignment, AssignmentPage, AttendancePage, AttendanceRecord,
    CareTime, CareTimeWeek, Week, WriteOutcome, parse_date,
};

fn page_request(offset: u32, limit: u32) -> PageRequest {
    PageRequest {
        offset: offset as usize,
        limit: limit as usize,
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Parses `HH:MM`.
fn parse_time(s: &str) -> FfiResult<jiff::civil::Time> {
    s.trim()
        .parse::<jiff::civil::Time>()
        .map_err(|_| SkolbrygganError::invalid("a time is written HH:MM"))
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// A page of assignments (one child's, or everyone's): open ones first, each by due date
    /// (`limit` 0 means 50).
    pub async fn assignments(
        &self,
        child_id: Option<String>,
        offset: u32,
        limit: u32,
    ) -> FfiResult<AssignmentPage> {
        let child = child_id.map(EntityId::from_raw);
        let cached = self
            .inner
            .assignments(child.as_ref(), page_request(offset, limit))
            .await?;
        let fresh = freshness(&cached);
        let p = cached.value;
        Ok(AssignmentPage {
            items: p.items.iter().map(Assignment::from).collect(),
            total: count(p.total),
            next_offset: p.next_offset.map(count),
            freshness: fresh,
        })
    }

    /// A page of the attendance history (one child's, or everyone's), newest day first
    /// (`limit` 0 means 50).
    pub async fn attendance(
        &self,
        child_id: Option<String>,
        offset: u32,
        limit: u32,
    ) -> FfiResult<AttendancePage> {
        let child = child_id.map(EntityId::from_raw);
        let cached = self
            .inner
            .attendance(child.as_ref(), page_request(offset, limit))
            .await?;
        let fresh = freshness(&cached);
        let p = cached.value;
        Ok(AttendancePage {
            items: p.items.iter().map(AttendanceRecord::from).collect(),
            total: count(p.total),
            next_offset: p.next_offset.map(count),
            freshness: fresh,
        })
    }

    /// The care times of a week (one child's, or everyone's), by date.
    pub async fn care_times(
        &self,
        week: Week,
        child_id: Option<String>,
    ) -> FfiResult<CareTimeWeek> {
        let week = IsoWeek::try_from(week)?;
        let child = child_id.map(EntityId::from_raw);
        let cached = self.inner.care_times(child.as_ref(), week).await?;
        Ok(CareTimeWeek {
            days: cached.value.iter().map(CareTime::from).collect(),
            freshness: freshness(&cached),
        })
    }

    /// The absence reports the child's platform offered at the last read, by day.
    pub async fn absence_options(&self, child_id: String) -> FfiResult<AbsenceOptions> {
        let cached = self
            .inner
            .absence_options(&EntityId::from_raw(child_id))
            .await?;
        Ok(AbsenceOptions {
            options: cached.value.iter().map(AbsenceOption::from).collect(),
            freshness: freshness(&cached),
        })
    }

    /// Reports the child absent (sick) on `day` (`YYYY-MM-DD`), or withdraws the report
    /// (`absent = false`). Refused with `WriteRefused` (and its reason) when the platform does
    /// not offer, allow or still accept it; a retry of a done report sends nothing
    /// (`AlreadyDone`). On success the cache holds the read-back and listeners are told.
    pub async fn report_absence(
        &self,
        child_id: String,
        day: String,
        absent: bool,
    ) -> FfiResult<WriteOutcome> {
        let day = parse_date(&day)?;
        let outcome = self
            .inner
            .report_absence(&EntityId::from_raw(child_id), day, absent)
            .await?;
        Ok(outcome.into())
    }

    /// Sets the child's planned care times on `date` (`YYYY-MM-DD`): arrival `start` and
    /// pick-up `end` (`HH:MM`). Refused with `WriteRefused` for a locked, closed or care-less
    /// day; times already set send nothing (`AlreadyDone`).
    pub async fn set_care_times(
        &self,
        child_id: String,
        date: String,
        start: String,
        end: String,
    ) -> FfiResult<WriteOutcome> {
        let date = parse_date(&date)?;
        let (start, end) = (parse_time(&start)?, parse_time(&end)?);
        let outcome = self
            .inner
            .set_care_times(&EntityId::from_raw(child_id), date, start, end)
            .await?;
        Ok(outcome.into())
    }
}
