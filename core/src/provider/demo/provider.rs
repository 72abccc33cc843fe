//! [`DemoProvider`]: the demo family behind the [`Provider`] trait, with no network.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_trait::async_trait;

use super::{DemoConfig, DemoFamily};
use crate::error::{Error, Result};
use crate::model::{
    CalendarEvent, Child, Classmate, EntityKind, IsoWeek, MenuDay, NewsItem, Notification,
    Platform, SchoolContact, Teacher, TimetableLesson, User,
};
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginProgress, LoginPrompt, LoginRequest,
    LoginState, Provider, SavedSession,
};
use crate::time;

/// The name of the demo provider.
pub const DEMO_PROVIDER: &str = "demo";

/// Serves a [`DemoFamily`]. Logging in succeeds after two polls (pending, user sign) without any
/// network; every fetch filters the generated family.
#[derive(Debug, Clone)]
pub struct DemoProvider {
    family: Arc<DemoFamily>,
    logged_in: Arc<AtomicBool>,
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
        }
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
        vec![Platform::Stockholm, Platform::Skola24, Platform::InfoMentor]
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
            ],
            bankid_without_personal_number: true,
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
        assert_eq!(kids.len(), 3);
        let week = IsoWeek::containing(date(2026, 11, 25));
        assert!(!p.timetable(&kids[1], week).await.unwrap().is_empty());
        assert_eq!(p.menu(&kids[0], week).await.unwrap().len(), 5);
        assert!(p.saved_session().is_some());
    }
}
