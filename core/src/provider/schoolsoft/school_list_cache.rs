//! SchoolSoft's public school list, kept in memory for a day.
//!
//! The list (`rest-api/login/schoollist`, no login) names every school of every tenant — about
//! 3,400 rows, some hundred kilobytes — and the sign-in screen searches it as the parent types.
//! One download serves every search for [`SCHOOL_LIST_LIFETIME`]; searches that arrive while it is
//! being fetched wait for that one download instead of starting their own. When a refetch fails,
//! the list already held is used (schools rarely come and go); with none held, the error is the
//! caller's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::parse::{self, ListedSchool};
use super::routes;
use crate::error::Result;
use crate::http::{HttpClient, HttpRequest};

/// How long one download of the list serves searches.
pub const SCHOOL_LIST_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The list as last downloaded, and when.
struct Held {
    fetched: Instant,
    schools: Arc<Vec<ListedSchool>>,
}

/// The in-memory school list of one provider.
#[derive(Default)]
pub(crate) struct SchoolListCache {
    held: Mutex<Option<Held>>,
}

impl SchoolListCache {
    /// The school list: the held copy while it is younger than [`SCHOOL_LIST_LIFETIME`], else a
    /// new download (the held copy when that fails).
    pub(crate) async fn schools(&self, http: &HttpClient) -> Result<Arc<Vec<ListedSchool>>> {
        // Held across the download: concurrent searches share one request.
        let mut held = self.held.lock().await;
        if let Some(h) = held.as_ref()
            && h.fetched.elapsed() < SCHOOL_LIST_LIFETIME
        {
            return Ok(Arc::clone(&h.schools));
        }
        match download(http).await {
            Ok(schools) => {
                let schools = Arc::new(schools);
                *held = Some(Held {
                    fetched: Instant::now(),
                    schools: Arc::clone(&schools),
                });
                Ok(schools)
            }
            Err(error) => match held.as_ref() {
                Some(h) => {
                    tracing::debug!(%error, "school list refetch failed; the held list is used");
                    Ok(Arc::clone(&h.schools))
                }
                None => Err(error),
            },
        }
    }
}

async fn download(http: &HttpClient) -> Result<Vec<ListedSchool>> {
    let request = HttpRequest::get("schoollist", routes::SCHOOL_LIST)?.login_flow();
    let response = http.send(&request).await?;
    parse::parse_school_list(&response.json_text()?)
}
