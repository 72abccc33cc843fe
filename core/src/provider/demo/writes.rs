//! The demo's write actions, kept in memory: absence reports and care times a guardian set,
//! shown by the following reads. Each action is checked against the offer of the day first
//! and does nothing when its effect is already there (a retry is harmless).

use std::collections::BTreeMap;

use jiff::civil::{Date, Time};

use crate::error::{Error, Result, WriteRefusal};
use crate::model::{AbsenceReportAction, CareTime, EntityId};
use crate::provider::WriteOutcome;

/// What the demo guardian changed.
#[derive(Debug, Default)]
pub struct DemoWrites {
    /// Days reported absent (`true`) or withdrawn (`false`), per child.
    absences: BTreeMap<(EntityId, Date), bool>,
    /// Planned care times set, per child and day.
    care: BTreeMap<(EntityId, Date), (Time, Time)>,
    /// Writes that changed something (for tests: a retry adds none).
    sent: u32,
}

impl DemoWrites {
    /// True when `day` is reported absent for `child`.
    pub fn is_reported(&self, child: &EntityId, day: Date) -> bool {
        self.absences
            .get(&(child.clone(), day))
            .copied()
            .unwrap_or(false)
    }

    /// The days reported absent for `child`.
    pub fn reported_days(&self, child: &EntityId) -> Vec<Date> {
        self.absences
            .iter()
            .filter(|((c, _), absent)| c == child && **absent)
            .map(|((_, d), _)| *d)
            .collect()
    }

    /// Applies an absence report (or its withdrawal) allowed by `offers`.
    pub fn report_absence(
        &mut self,
        offers: &[AbsenceReportAction],
        child: &EntityId,
        day: Date,
        absent: bool,
    ) -> Result<WriteOutcome> {
        let offer = offers
            .iter()
            .find(|a| a.day == day)
            .ok_or(Error::WriteRefused(WriteRefusal::NotOffered))?;
        if !offer.allowed {
            return Err(Error::WriteRefused(WriteRefusal::NotAllowed));
        }
        if offer.already_reported == absent {
            return Ok(WriteOutcome::AlreadyDone);
        }
        if offer.locked {
            return Err(Error::WriteRefused(WriteRefusal::Locked));
        }
        self.absences.insert((child.clone(), day), absent);
        self.sent += 1;
        Ok(WriteOutcome::Done)
    }

    /// Sets the planned times of a care day `current` (as it looks today).
    pub fn set_care_times(
        &mut self,
        current: Option<&CareTime>,
        child: &EntityId,
        date: Date,
        start: Time,
        end: Time,
    ) -> Result<WriteOutcome> {
        crate::model::check_care_times(start, end)?;
        let day = current.ok_or(Error::WriteRefused(WriteRefusal::NotOffered))?;
        let time_of = |z: &Option<jiff::ZonedDateTime>| {
            z.as_ref().map(|z| crate::time::in_stockholm(z).time())
        };
        if time_of(&day.start) == Some(start) && time_of(&day.end) == Some(end) {
            return Ok(WriteOutcome::AlreadyDone);
        }
        if day.closed {
            return Err(Error::WriteRefused(WriteRefusal::Closed));
        }
        if day.locked {
            return Err(Error::WriteRefused(WriteRefusal::Locked));
        }
        self.care.insert((child.clone(), date), (start, end));
        self.sent += 1;
        Ok(WriteOutcome::Done)
    }

    /// The times set for `child` on `date`, if any.
    pub fn care_times_of(&self, child: &EntityId, date: Date) -> Option<(Time, Time)> {
        self.care.get(&(child.clone(), date)).copied()
    }

    /// How many writes changed something.
    pub fn sent(&self) -> u32 {
        self.sent
    }
}
