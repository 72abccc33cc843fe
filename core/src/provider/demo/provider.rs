//! [`DemoProvider`]: the demo family behind the [`Provider`] trait, with no network.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use jiff::civil::{Date, Time};

use super::writes::DemoWrites;
use super::{DemoConfig, DemoFamily, actions, assignment, attendance, care_time};
use crate::error::{Error, Result};
use crate::model::{
    AbsenceReportAction, Assignment, AttendanceRecord, CalendarEvent, CareTime, Child, Classmate,
    EntityKind, IsoWeek, MenuDay, NewsItem, Notification, Platform, SchoolContact, Teacher,
    TimetableLesson, User,
};
use crate::provider::menus::OfflineMenus;
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginProgress, LoginPrompt, LoginRequest,
    LoginState, Provider, SavedSession, WriteOutcome,
};
use crate::time;

/// The name of the demo provider.
pub const DEMO_PROVIDER: &str = "demo";

/// Serves a [`DemoFamily`]. Logging in succeeds after two polls (pending, user sign) without any
/// network; every fetch filters the generated family. Assignments, attendance, care times and
/// absence offers are shown as of the provider's day ([`DemoProvider::with_today`]); absence
/// reports and care times written are kept in memory (shared by clones) and shown by later reads.
#[derive(Debug, Clone)]
pub struct DemoProvider {
    family: Arc<DemoFamily>,
    logged_in: Arc<AtomicBool>,
    today: Date,
    writes: Arc<Mutex<DemoWrites>>,
}

impl DemoProvider {
    /// A provider over the family generated from `config` (not logged in yet).
    pub fn new(config: &DemoConfig) -> Self {
        DemoProvider::from_family(DemoFamily::generate(config))
    }

    /// A provider over an already generated family.
    pub fn from_family(family: DemoFamily) -> Self {
        DemoProvider {
            family: Arc::new(family),
            logged_in: Arc::new(AtomicBool::new(false)),
            today: time::today(),
            writes: Arc::new(Mutex::new(DemoWrites::default())),
        }
    }

    /// This provider with `today` as its day (default: today in Sweden).
    pub fn with_today(mut self, today: Date) -> Self {
        self.today = today;
        self
    }

    /// How many demo writes changed something so far (a retried write adds none).
    pub fn writes_sent(&self) -> u32 {
        self.writes().sent()
    }

    fn writes(&self) -> MutexGuard<'_, DemoWrites> {
        match self.writes.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn offers(&self, child: &Child) -> Vec<AbsenceReportAction> {
        let writes = self.writes();
        actions::absence_offers(child, &self.family.school_years, self.today, |d| {
            writes.is_reported(&child.id, d)
        })
    }

    /// A child's care days of `range` as of today, with the times written in the demo.
    fn care_days(&self, child: &Child, range: DateRange) -> Vec<CareTime> {
        let writes = self.writes();
        self.family
            .school_work
            .care_times
            .iter()
            .filter(|c| c.child_id == child.id && range.contains(c.date))
            .map(|c| {
                let mut day = care_time::as_of(c.clone(), self.today);
                if let Some((start, end)) = writes.care_times_of(&child.id, day.date) {
                    day.start = Some(time::local(day.date.to_datetime(start)));
                    day.end = Some(time::local(day.date.to_datetime(end)));
                    day.times_missing = false;
                }
                day
            })
            .collect()
    }

    /// A provider that is already logged in.
    pub fn logged_in(config: &DemoConfig) -> Self {
        let p = DemoProvider::new(config);
        p.logged_in.store(true, Ordering::SeqCst);
        p
    }

    /// The family served.
    pub fn family(&self) -> &DemoFamily {
        &self.family
    }

    fn check(&self) -> Result<()> {
        if self.logged_in.load(Ordering::SeqCst) {
            Ok(())
        } else {
            Err(Error::NotLoggedIn)
        }
    }

    fn user_value(&self) -> Result<User> {
        self.family
            .snapshot
            .users
            .first()
            .cloned()
            .ok_or(Error::NotLoggedIn)
    }

    fn for_child<T: Clone>(
        &self,
        items: &[T],
        child: &Child,
        child_of: impl Fn(&T) -> &crate::model::EntityId,
    ) -> Result<Vec<T>> {
        self.check()?;
        Ok(items
            .iter()
            .filter(|x| child_of(x) == &child.id)
            .cloned()
            .collect())
    }
}

struct DemoLogin {
    polls: u32,
    user: User,
    logged_in: Arc<AtomicBool>,
}

#[async_trait]
impl LoginFlow for DemoLogin {
    fn prompt(&self) -> LoginPrompt {
        LoginPrompt::bankid("demo-autostart-token")
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        self.polls += 1;
        match self.polls {
            1 => Ok(LoginProgress::Waiting {
                state: LoginState::UserSign,
                qr: None,
            }),
            _ => {
                self.logged_in.store(true, Ordering::SeqCst);
                Ok(LoginProgress::Complete(self.user.clone()))
            }
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        Ok(())
    }
}

#[async_trait]
impl Provider for DemoProvider {
    fn name(&self) -> &'static str {
        DEMO_PROVIDER
    }

    fn platforms(&self) -> Vec<Platform> {
        vec![
            Platform::Stockholm,
            Platform::Skola24,
            Platform::InfoMentor,
            Platform::SchoolSoft,
            Platform::Vklass,
        ]
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            login_methods: vec![
                LoginMethod::Demo,
                LoginMethod::BankIdSameDevice,
                LoginMethod::SavedSession,
            ],
            entities: vec![
                EntityKind::User,
                EntityKind::Child,
                EntityKind::News,
                EntityKind::CalendarEvent,
                EntityKind::Notification,
                EntityKind::MenuDay,
                EntityKind::Lesson,
                EntityKind::Classmate,
                EntityKind::Teacher,
                EntityKind::Contact,
                EntityKind::Assignment,
                EntityKind::Attendance,
                EntityKind::CareTime,
                EntityKind::AbsenceReportAction,
            ],
            bankid_without_personal_number: true,
            organisation_required: false,
        }
    }

    async fn start_login(&self, _request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        Ok(Box::new(DemoLogin {
            polls: 0,
            user: self.user_value()?,
            logged_in: self.logged_in.clone(),
        }))
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        if saved.provider != DEMO_PROVIDER {
            return Err(Error::SessionExpired {
                endpoint: "demo".to_owned(),
            });
        }
        self.logged_in.store(true, Ordering::SeqCst);
        self.user_value()
    }

    fn saved_session(&self) -> Option<SavedSession> {
        self.logged_in.load(Ordering::SeqCst).then(|| SavedSession {
            provider: DEMO_PROVIDER.to_owned(),
            account: self.family.config.account.clone(),
            secret: "demo".to_owned(),
        })
    }

    fn offline_menus(&self) -> Option<Arc<OfflineMenus>> {
        Some(Arc::clone(&self.family.public_menus))
    }

    async fn logout(&self) -> Result<()> {
        self.logged_in.store(false, Ordering::SeqCst);
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        self.check()?;
        self.user_value()
    }

    async fn children(&self) -> Result<Vec<Child>> {
        self.check()?;
        Ok(self.family.snapshot.children.clone())
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        self.for_child(&self.family.snapshot.news, child, |x| &x.child_id)
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        Ok(self
            .for_child(&self.family.snapshot.calendar, child, |x| &x.child_id)?
            .into_iter()
            .filter(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start)
            .collect())
    }

    async fn notifications(&self, child: &Child) -> Result<Vec<Notification>> {
        self.for_child(&self.family.snapshot.notifications, child, |x| &x.child_id)
    }

    async fn menu(&self, child: &Child, week: IsoWeek) -> Result<Vec<MenuDay>> {
        Ok(self
            .for_child(&self.family.snapshot.menus, child, |x| &x.child_id)?
            .into_iter()
            .filter(|m| IsoWeek::containing(m.date) == week)
            .collect())
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        Ok(self
            .for_child(&self.family.snapshot.lessons, child, |x| &x.child_id)?
            .into_iter()
            .filter(|l| IsoWeek::containing(time::local_date(&l.start)) == week)
            .collect())
    }

    async fn classmates(&self, child: &Child) -> Result<Vec<Classmate>> {
        self.for_child(&self.family.snapshot.classmates, child, |x| &x.child_id)
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        self.for_child(&self.family.snapshot.teachers, child, |x| &x.child_id)
    }

    async fn contacts(&self, child: &Child) -> Result<Vec<SchoolContact>> {
        self.for_child(&self.family.snapshot.contacts, child, |x| &x.child_id)
    }

    async fn assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        Ok(self
            .for_child(&self.family.school_work.assignments, child, |x| &x.child_id)?
            .into_iter()
            .map(|a| assignment::as_of(a, self.today))
            .collect())
    }

    async fn attendance(&self, child: &Child) -> Result<Vec<AttendanceRecord>> {
        let mut records: Vec<AttendanceRecord> = self
            .for_child(&self.family.school_work.attendance, child, |x| &x.child_id)?
            .into_iter()
            .filter(|r| r.date < self.today)
            .collect();
        let reported = self.writes().reported_days(&child.id);
        let attends_today = self
            .family
            .school_years
            .iter()
            .any(|y| actions::attends(child, y, self.today));
        if child.platform == Platform::Vklass && attends_today && !reported.contains(&self.today) {
            records.push(attendance::presence(child, self.today));
        }
        records.retain(|r| !(reported.contains(&r.date) && r.is_whole_day()));
        records.extend(reported.into_iter().map(|d| attendance::reported(child, d)));
        records.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        Ok(records)
    }

    async fn care_times(&self, child: &Child, range: DateRange) -> Result<Vec<CareTime>> {
        self.check()?;
        Ok(self.care_days(child, range))
    }

    async fn absence_report_actions(&self, child: &Child) -> Result<Vec<AbsenceReportAction>> {
        self.check()?;
        Ok(self.offers(child))
    }

    async fn report_absence(&self, child: &Child, day: Date, absent: bool) -> Result<WriteOutcome> {
        self.check()?;
        let offers = self.offers(child);
        self.writes()
            .report_absence(&offers, &child.id, day, absent)
    }

    async fn set_care_times(
        &self,
        child: &Child,
        date: Date,
        start: Time,
        end: Time,
    ) -> Result<WriteOutcome> {
        self.check()?;
        if matches!(child.platform, Platform::SchoolSoft | Platform::Vklass) {
            // Neither platform's provider sets care times (SchoolSoft and Vklass show them).
            return Err(Error::Unsupported {
                platform: child.platform.as_str().to_owned(),
                what: "care times".to_owned(),
            });
        }
        let current = self
            .care_days(child, DateRange::new(date, date))
            .into_iter()
            .next();
        self.writes()
            .set_care_times(current.as_ref(), &child.id, date, start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provider::{DriveOptions, drive_login};
    use jiff::civil::date;

    #[tokio::test(start_paused = true)]
    async fn demo_login_then_reads() {
        let p = DemoProvider::new(&DemoConfig::for_date(date(2026, 11, 25)));
        assert!(matches!(p.children().await, Err(Error::NotLoggedIn)));
        let flow = p
            .start_login(LoginRequest::BankId {
                personal_number: None,
                other_device: false,
            })
            .await
            .unwrap();
        let mut states = Vec::new();
        let user = drive_login(
            flow,
            DriveOptions::default(),
            |u| states.push(u.state.clone()),
            std::future::pending(),
        )
        .await
        .unwrap();
        assert_eq!(
            states,
            vec![
                LoginState::Pending,
                LoginState::UserSign,
                LoginState::Complete
            ]
        );
        assert!(!user.first_name.is_empty());
        let kids = p.children().await.unwrap();
        assert_eq!(kids.len(), 5);
        let week = IsoWeek::containing(date(2026, 11, 25));
        assert!(!p.timetable(&kids[1], week).await.unwrap().is_empty());
        assert_eq!(p.menu(&kids[0], week).await.unwrap().len(), 5);
        assert!(p.saved_session().is_some());
        for kid in &kids[3..] {
            assert!(p.platforms().contains(&kid.platform));
            assert!(!p.timetable(kid, week).await.unwrap().is_empty());
            assert_eq!(p.menu(kid, week).await.unwrap().len(), 5);
        }
        // The InfoMentor child's menu is the public one the provider brings along.
        assert!(p.menu(&kids[2], week).await.unwrap().is_empty());
        let book = p.offline_menus().unwrap();
        let source = book.sources.get(&kids[2].id).unwrap();
        assert_eq!(book.week(source, &kids[2].id, week).unwrap().len(), 5);
    }

    /// A Wednesday of a school week, as the provider's day.
    fn school_day() -> Date {
        IsoWeek {
            year: 2026,
            week: 48,
        }
        .monday()
        .and_then(|m| m.checked_add(jiff::Span::new().days(2)).ok())
        .unwrap()
    }

    #[tokio::test]
    async fn schoolsoft_and_vklass_children_get_what_their_platforms_offer() {
        let today = school_day();
        let p = DemoProvider::logged_in(&DemoConfig::for_date(today)).with_today(today);
        let kids = p.children().await.unwrap();
        let (ss, vk) = (&kids[3], &kids[4]);
        assert_eq!(ss.platform, Platform::SchoolSoft);
        assert_eq!(vk.platform, Platform::Vklass);
        // Absence reports: offered on both; neither form marks the fritids time.
        for kid in [ss, vk] {
            let offers = p.absence_report_actions(kid).await.unwrap();
            assert_eq!(offers.first().map(|o| o.day), Some(today));
            assert!(offers.iter().all(|o| !o.can_mark_care_time));
        }
        // Care times: the Vklass fritids child has them, the year-5 SchoolSoft pupil none;
        // neither platform sets them.
        let week = DateRange::of_week(IsoWeek::containing(today));
        assert!(p.care_times(ss, week).await.unwrap().is_empty());
        assert_eq!(p.care_times(vk, week).await.unwrap().len(), 5);
        let refused = p
            .set_care_times(
                vk,
                today,
                Time::constant(8, 0, 0, 0),
                Time::constant(15, 0, 0, 0),
            )
            .await;
        assert!(
            matches!(refused, Err(Error::Unsupported { .. })),
            "{refused:?}"
        );
        // Attendance: SchoolSoft lists the history; Vklass today's presence only.
        let presence = p.attendance(vk).await.unwrap();
        assert_eq!(presence.len(), 1);
        assert_eq!(presence[0].date, today);
        assert!(
            p.attendance(ss)
                .await
                .unwrap()
                .iter()
                .all(|r| r.date < today)
        );
        // A reported absence replaces today's presence on Vklass.
        p.report_absence(vk, today, true).await.unwrap();
        let after = p.attendance(vk).await.unwrap();
        assert_eq!(after.len(), 1);
        assert_eq!(
            after[0].registration_type.as_deref(),
            Some("Anmäld frånvaro")
        );
        // No contacts on either; classmates on Vklass only; notifications on SchoolSoft only.
        assert!(p.contacts(ss).await.unwrap().is_empty());
        assert!(p.contacts(vk).await.unwrap().is_empty());
        assert!(p.classmates(ss).await.unwrap().is_empty());
        assert!(!p.classmates(vk).await.unwrap().is_empty());
        assert!(!p.notifications(ss).await.unwrap().is_empty());
        assert!(p.notifications(vk).await.unwrap().is_empty());
        assert!(!p.assignments(ss).await.unwrap().is_empty());
        assert!(!p.assignments(vk).await.unwrap().is_empty());
    }
}
