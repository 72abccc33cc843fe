//! The platform calls of [`Client`]: what each platform offers, each platform's session,
//! resuming with every outcome reported, and refreshing a date range in one call.

use crate::listener_error::tolerate;
use std::sync::Arc;

use skolbryggan::provider::DateRange;
use skolbryggan::sync::Progress;

use crate::client::Client;
use crate::error::FfiResult;
use crate::records::{PlatformInfo, ResumeOutcome, SessionInfo, parse_date};
use crate::refresh::{RefreshListener, RefreshProgress, RefreshReport};

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Every platform the library knows, with its login methods (Freja eID+ included), the
    /// data it serves, its write actions and whether it has lunch menus: gate tabs and
    /// buttons on these.
    pub fn platforms(&self) -> FfiResult<Vec<PlatformInfo>> {
        Ok(self
            .inner
            .platforms()?
            .iter()
            .map(PlatformInfo::from)
            .collect())
    }

    /// Each platform's session: logged in (as whom, since when), expired (log in again),
    /// stored but not resumed yet, or not logged in.
    pub fn session_states(&self) -> FfiResult<Vec<SessionInfo>> {
        Ok(self
            .inner
            .session_states()
            .iter()
            .map(SessionInfo::from)
            .collect())
    }

    /// Signs out of one platform (`SessionInfo.provider`, e.g. `vklass`): its session is
    /// forgotten, the family's other platforms stay logged in and the cached data stays
    /// readable. `logout` signs out of all of them; `forget` deletes the family.
    pub async fn logout_platform(&self, provider: String) -> FfiResult<()> {
        Ok(self.inner.logout_platform(&provider).await?)
    }

    /// Resumes every stored session and reports each platform's outcome (resumed, expired,
    /// or failed with its kind); unlike `resumeSessions`, no failure is hidden.
    pub async fn resume_sessions_detailed(&self) -> FfiResult<Vec<ResumeOutcome>> {
        Ok(self
            .inner
            .resume_sessions_detailed()
            .await?
            .iter()
            .map(ResumeOutcome::from)
            .collect())
    }

    /// Fetches the calendar and the timetable of every week of `from`..=`to` (`YYYY-MM-DD`; at
    /// most 60 weeks, a whole term) on every logged-in platform in one call; `listener` sees
    /// one progress over all of it.
    pub async fn refresh_range(
        &self,
        from: String,
        to: String,
        listener: Option<Arc<dyn RefreshListener>>,
    ) -> FfiResult<RefreshReport> {
        let range = DateRange::new(parse_date(&from)?, parse_date(&to)?);
        let progress = move |p: &Progress| {
            if let Some(l) = &listener {
                tolerate("RefreshListener", l.on_progress(RefreshProgress::from(p)));
            }
        };
        let report = self.inner.refresh_range(range, Some(&progress)).await?;
        Ok(RefreshReport::from(&report))
    }
}
