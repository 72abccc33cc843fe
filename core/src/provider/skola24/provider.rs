//! The Skola24 reads Stockholm's provider makes: the children Skola24 knows and a week of a
//! child's timetable. Skola24 has no `Provider` of its own: it is reached behind Stockholm's
//! login, and [`crate::provider::stockholm::StockholmProvider`] serves its timetables.

use super::context::{Skola24Context, is_auth_error};
use super::parse;
use super::routes;
use crate::error::Result;
use crate::model::{Child, IsoWeek, Teacher, TimetableLesson};
use crate::provider::skola24::Skola24ChildRef;

impl Skola24Context {
    /// The guardian's children as Skola24 knows them.
    pub async fn children(&self) -> Result<Vec<Skola24ChildRef>> {
        let body = serde_json::json!({
            "getPersonalTimetablesRequest": { "hostName": routes::HOST_NAME }
        });
        let request = Self::api_request("timetables", &routes::personal_timetables(), Some(body))?;
        self.call(request, parse::children).await
    }

    /// One week of a child's timetable; empty without Skola24 ids or a `timetableID` (then no
    /// request is made). `teachers` turn initials into names.
    pub async fn timetable(
        &self,
        child: &Child,
        week: IsoWeek,
        language: &str,
        teachers: &[Teacher],
    ) -> Result<Vec<TimetableLesson>> {
        let Some(refs) = child.refs.get::<Skola24ChildRef>() else {
            return Ok(Vec::new());
        };
        if refs
            .timetable_id
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
        {
            return Ok(Vec::new());
        }
        self.ensure_signed_on(false).await?;
        match self
            .timetable_once(&refs, child, week, language, teachers)
            .await
        {
            Err(e) if is_auth_error(&e) => {
                tracing::debug!("Skola24 session gone; signing on again");
                self.ensure_signed_on(true).await?;
                self.timetable_once(&refs, child, week, language, teachers)
                    .await
            }
            other => other,
        }
    }

    async fn timetable_once(
        &self,
        refs: &Skola24ChildRef,
        child: &Child,
        week: IsoWeek,
        language: &str,
        teachers: &[Teacher],
    ) -> Result<Vec<TimetableLesson>> {
        // A render key is good for one render call: fetch a fresh one every time.
        let key_request = Self::api_request("key", &routes::render_key(), None)?;
        let key = parse::render_key(&self.call_once(&key_request).await?.text())?;
        let body = serde_json::json!({
            "renderKey": key,
            "host": routes::HOST_NAME,
            "unitGuid": refs.unit_guid,
            "startDate": null,
            "endDate": null,
            "scheduleDay": 0,
            "blackAndWhite": false,
            "width": 1227,
            "height": 1063,
            "selectionType": 5,
            "selection": refs.person_guid,
            "showHeader": false,
            "periodText": "",
            "week": week.week,
            "year": week.year,
            "privateFreeTextMode": null,
            "privateSelectionMode": true,
            "customerKey": "",
            "schoolYear": routes::SCHOOL_YEAR,
        });
        let request = Self::api_request("timetable", &routes::render_timetable(), Some(body))?;
        let response = self.call_once(&request).await?;
        parse::timetable(&response.text(), child, week, language, teachers)
    }
}
