//! The write actions (absence reports, care times). Each is: a fresh read of what the platform
//! offers → a typed refusal ([`Error::WriteRefused`]) or the write → a read-back that verifies
//! it → the read-back stored in the cache → a [`DataChanged::Written`] to subscribers.
//! A retried write whose effect is already upstream sends nothing ([`WriteOutcome::AlreadyDone`]).

use std::sync::Arc;

use jiff::civil::{Date, Time};

use super::{Client, DataChanged, WriteAction, lock};
use crate::cache::{ResourceData, ResourceId, ResourceKind};
use crate::error::{Error, Result, WriteRefusal};
use crate::model::{
    AbsenceReportAction, AccountId, CareTime, Child, EntityId, EntityKind, IsoWeek,
};
use crate::provider::{DateRange, Provider, WriteOutcome};

fn refused(reason: WriteRefusal) -> Error {
    Error::WriteRefused(reason)
}

fn planned(z: &Option<jiff::ZonedDateTime>) -> Option<Time> {
    z.as_ref().map(|z| crate::time::in_stockholm(z).time())
}

impl Client {
    /// The live provider that serves `child_id`'s platform, with the cached child.
    pub(super) async fn provider_for_child(
        &self,
        child_id: &EntityId,
    ) -> Result<(Arc<dyn Provider>, Child)> {
        let child = self
            .read(&[ResourceKind::Children])
            .await?
            .value
            .children
            .into_iter()
            .find(|c| &c.id == child_id)
            .ok_or_else(|| Error::InvalidInput("no such child".to_owned()))?;
        let provider = lock(&self.inner.active)
            .iter()
            .find(|p| p.platforms().contains(&child.platform))
            .cloned()
            .ok_or(Error::NotLoggedIn)?;
        Ok((provider, child))
    }

    /// Reads the absence offers from upstream and stores them.
    async fn fresh_absence_options(
        &self,
        account: &AccountId,
        provider: &Arc<dyn Provider>,
        child: &Child,
    ) -> Result<Vec<AbsenceReportAction>> {
        let offers = provider.absence_report_actions(child).await?;
        let id = ResourceId::child(
            provider.name(),
            &child.id,
            ResourceKind::AbsenceOptions,
            IsoWeek::containing(self.today()),
        );
        self.inner
            .engine
            .store_fresh(account, id, ResourceData::AbsenceOptions(offers.clone()))
            .await?;
        Ok(offers)
    }

    /// Reads the care times of `week` from upstream and stores them.
    async fn fresh_care_week(
        &self,
        account: &AccountId,
        provider: &Arc<dyn Provider>,
        child: &Child,
        week: IsoWeek,
    ) -> Result<Vec<CareTime>> {
        let days = provider.care_times(child, DateRange::of_week(week)).await?;
        let id = ResourceId::child(provider.name(), &child.id, ResourceKind::CareTimes, week);
        self.inner
            .engine
            .store_fresh(account, id, ResourceData::CareTimes(days.clone()))
            .await?;
        Ok(days)
    }

    /// Reads the attendance history again and stores it, where the platform has one. It only
    /// completes the picture (the absence offers already verified the write), so a failure is
    /// logged, not returned.
    async fn store_attendance(
        &self,
        account: &AccountId,
        provider: &Arc<dyn Provider>,
        child: &Child,
    ) {
        if !provider.capabilities().offers(EntityKind::Attendance) {
            return;
        }
        let result = match provider.attendance(child).await {
            Ok(records) => {
                let id = ResourceId::child(
                    provider.name(),
                    &child.id,
                    ResourceKind::Attendance,
                    IsoWeek::containing(self.today()),
                );
                self.inner
                    .engine
                    .store_fresh(account, id, ResourceData::Attendance(records))
                    .await
                    .map(|_| ())
            }
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            tracing::warn!(error = %e, "could not read the attendance back after a write");
        }
    }

    /// Reports a child absent (sick) for `day`, or withdraws the report (`absent: false`).
    ///
    /// The offers are read fresh first: a day the platform does not offer, does not allow or
    /// has locked is refused ([`Error::WriteRefused`]) before anything is sent. The offers and
    /// the attendance are read back and stored; subscribers get [`DataChanged::Written`].
    /// Idempotent: a report already in place is not sent again.
    pub async fn report_absence(
        &self,
        child_id: &EntityId,
        day: Date,
        absent: bool,
    ) -> Result<WriteOutcome> {
        let account = self.require_account()?;
        let (provider, child) = self.provider_for_child(child_id).await?;
        let offers = self
            .fresh_absence_options(&account, &provider, &child)
            .await?;
        let offer = offers
            .iter()
            .find(|a| a.day == day)
            .ok_or(refused(WriteRefusal::NotOffered))?;
        if !offer.allowed {
            return Err(refused(WriteRefusal::NotAllowed));
        }
        let outcome = if offer.already_reported == absent {
            WriteOutcome::AlreadyDone
        } else if offer.locked {
            return Err(refused(WriteRefusal::Locked));
        } else {
            provider.report_absence(&child, day, absent).await?
        };
        let after = self
            .fresh_absence_options(&account, &provider, &child)
            .await?;
        if !after
            .iter()
            .any(|a| a.day == day && a.already_reported == absent)
        {
            return Err(Error::upstream(
                "absence report",
                None,
                "the absence report does not show after saving",
            ));
        }
        self.store_attendance(&account, &provider, &child).await;
        self.notify(DataChanged::Written {
            child: child.id.clone(),
            action: WriteAction::AbsenceReport,
            outcome,
        });
        Ok(outcome)
    }

    /// Sets a child's planned care times (arrival `start`, pick-up `end`) for `date`.
    ///
    /// The week is read fresh first: a day without care, a closed or a locked day is refused
    /// ([`Error::WriteRefused`]) before anything is sent. The week is read back, verified and
    /// stored; subscribers get [`DataChanged::Written`]. Idempotent: times already set are not
    /// sent again.
    pub async fn set_care_times(
        &self,
        child_id: &EntityId,
        date: Date,
        start: Time,
        end: Time,
    ) -> Result<WriteOutcome> {
        crate::model::check_care_times(start, end)?;
        let account = self.require_account()?;
        let (provider, child) = self.provider_for_child(child_id).await?;
        let week = IsoWeek::containing(date);
        let days = self
            .fresh_care_week(&account, &provider, &child, week)
            .await?;
        let day = days
            .iter()
            .find(|d| d.date == date)
            .ok_or(refused(WriteRefusal::NotOffered))?;
        let same = planned(&day.start) == Some(start) && planned(&day.end) == Some(end);
        let outcome = if same && !day.on_leave {
            WriteOutcome::AlreadyDone
        } else if day.closed {
            return Err(refused(WriteRefusal::Closed));
        } else if day.locked {
            return Err(refused(WriteRefusal::Locked));
        } else {
            provider.set_care_times(&child, date, start, end).await?
        };
        let after = self
            .fresh_care_week(&account, &provider, &child, week)
            .await?;
        if !after.iter().any(|d| {
            d.date == date && planned(&d.start) == Some(start) && planned(&d.end) == Some(end)
        }) {
            return Err(Error::upstream(
                "care times",
                None,
                "the care times do not show after saving",
            ));
        }
        self.notify(DataChanged::Written {
            child: child.id.clone(),
            action: WriteAction::CareTimes,
            outcome,
        });
        Ok(outcome)
    }
}
