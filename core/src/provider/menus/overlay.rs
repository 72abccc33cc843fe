//! [`WithPublicMenus`]: a platform's provider with the children's attached public menus.
//!
//! The sync engine plans, fetches, caches and refreshes a provider's menu like any other
//! kind. Wrapping the platform's provider keeps that machinery as it is: the wrapper forwards
//! every call, and answers `menu` from the child's attached [`MenuSource`] when the child's
//! platform publishes no menu of its own (a platform with a menu keeps its own; a provider
//! serving several platforms, the demo, keeps its own for those platforms only). A source the
//! provider brings along ([`Provider::offline_menus`], the demo's) is answered from there
//! without the network, the same way as one read from the service. The menu days are
//! stored under the platform's provider name and the child's ids, so the week overview and
//! the `menu` read show them with no change.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use jiff::civil::Date;

use super::{MenuClient, MenuSource, OfflineMenus};
use crate::error::Result;
use crate::model::{
    AbsenceReportAction, AccountId, Assignment, AttendanceRecord, CalendarEvent, CareTime,
    CareTimeEditAction, Child, Classmate, EntityId, EntityKind, IsoWeek, MenuDay, NewsItem,
    Notification, Platform, SchoolContact, Teacher, TimetableLesson, User,
};
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginRequest, Provider, SavedSession, SsoCookie,
    WriteOutcome,
};

/// The attached menu sources, by child id.
pub type MenuSources = BTreeMap<EntityId, MenuSource>;

/// A provider whose children may have public menus attached (see the module docs).
pub struct WithPublicMenus {
    inner: Arc<dyn Provider>,
    sources: MenuSources,
    menus: MenuClient,
    /// The platforms of `inner` that publish no menu of their own.
    without_menu: Vec<Platform>,
}

/// True when `platform`'s own provider (the registry's) publishes a menu.
fn has_own_menu(platform: Platform) -> bool {
    crate::provider::registry::for_platform(platform)
        .and_then(|e| e.capabilities().ok())
        .is_some_and(|c| c.offers(EntityKind::MenuDay))
}

impl WithPublicMenus {
    /// `inner` with `sources`; returns `inner` itself when no source belongs to its children's
    /// platforms' menu gap (no source, or every platform it serves has a menu of its own).
    pub fn wrap(
        inner: Arc<dyn Provider>,
        sources: MenuSources,
        menus: MenuClient,
    ) -> Arc<dyn Provider> {
        if sources.is_empty() {
            return inner;
        }
        let without_menu: Vec<Platform> = if inner.capabilities().offers(EntityKind::MenuDay) {
            inner
                .platforms()
                .into_iter()
                .filter(|p| !has_own_menu(*p))
                .collect()
        } else {
            inner.platforms()
        };
        if without_menu.is_empty() {
            return inner;
        }
        Arc::new(WithPublicMenus {
            inner,
            sources,
            menus,
            without_menu,
        })
    }
}

#[async_trait]
impl Provider for WithPublicMenus {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn platforms(&self) -> Vec<Platform> {
        self.inner.platforms()
    }

    fn capabilities(&self) -> Capabilities {
        let mut caps = self.inner.capabilities();
        if !caps.offers(EntityKind::MenuDay) {
            caps.entities.push(EntityKind::MenuDay);
        }
        caps
    }

    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        self.inner.start_login(request).await
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        self.inner.resume(saved).await
    }

    fn saved_session(&self) -> Option<SavedSession> {
        self.inner.saved_session()
    }

    fn session_headers(&self, url: &str) -> Vec<(String, String)> {
        self.inner.session_headers(url)
    }

    fn content_http(&self) -> Option<crate::http::HttpClient> {
        self.inner.content_http()
    }

    fn offline_menus(&self) -> Option<Arc<OfflineMenus>> {
        self.inner.offline_menus()
    }

    fn sso_cookies(&self) -> Vec<SsoCookie> {
        self.inner.sso_cookies()
    }

    fn adopt_sso_cookies(&self, cookies: &[SsoCookie], account: &AccountId) {
        self.inner.adopt_sso_cookies(cookies, account);
    }

    async fn logout(&self) -> Result<()> {
        self.inner.logout().await
    }

    async fn user(&self) -> Result<User> {
        self.inner.user().await
    }

    async fn children(&self) -> Result<Vec<Child>> {
        self.inner.children().await
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        self.inner.news(child).await
    }

    async fn news_article(&self, child: &Child, item: &NewsItem) -> Result<NewsItem> {
        self.inner.news_article(child, item).await
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        self.inner.calendar(child, range).await
    }

    async fn notifications(&self, child: &Child) -> Result<Vec<Notification>> {
        self.inner.notifications(child).await
    }

    /// The platform's own menu where it has one; else the attached source's week (from the
    /// provider's offline menus when it brings this source along, else from the service); a
    /// child without a source has no menu (an empty week).
    async fn menu(&self, child: &Child, week: IsoWeek) -> Result<Vec<MenuDay>> {
        if !self.without_menu.contains(&child.platform) {
            return self.inner.menu(child, week).await;
        }
        let Some(source) = self.sources.get(&child.id) else {
            return Ok(Vec::new());
        };
        let offline = self
            .inner
            .offline_menus()
            .and_then(|book| book.week(source, &child.id, week));
        match offline {
            Some(days) => Ok(days),
            None => self.menus.week(source, &child.id, week).await,
        }
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        self.inner.timetable(child, week).await
    }

    async fn classmates(&self, child: &Child) -> Result<Vec<Classmate>> {
        self.inner.classmates(child).await
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        self.inner.teachers(child).await
    }

    async fn contacts(&self, child: &Child) -> Result<Vec<SchoolContact>> {
        self.inner.contacts(child).await
    }

    async fn assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        self.inner.assignments(child).await
    }

    async fn attendance(&self, child: &Child) -> Result<Vec<AttendanceRecord>> {
        self.inner.attendance(child).await
    }

    async fn care_times(&self, child: &Child, range: DateRange) -> Result<Vec<CareTime>> {
        self.inner.care_times(child, range).await
    }

    async fn absence_report_actions(&self, child: &Child) -> Result<Vec<AbsenceReportAction>> {
        self.inner.absence_report_actions(child).await
    }

    async fn care_time_edit_actions(
        &self,
        child: &Child,
        range: DateRange,
    ) -> Result<Vec<CareTimeEditAction>> {
        self.inner.care_time_edit_actions(child, range).await
    }

    async fn report_absence(&self, child: &Child, day: Date, absent: bool) -> Result<WriteOutcome> {
        self.inner.report_absence(child, day, absent).await
    }

    async fn set_care_times(
        &self,
        child: &Child,
        date: Date,
        start: jiff::civil::Time,
        end: jiff::civil::Time,
    ) -> Result<WriteOutcome> {
        self.inner.set_care_times(child, date, start, end).await
    }
}
