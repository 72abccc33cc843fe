//! The HTTP calls of the menu services: search and one week.

use super::day::check_school_id;
use super::{HOSTS, MenuSchool, MenuService, MenuSource, matilda, skolmaten};
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpConfig, HttpRequest};
use crate::model::{EntityId, IsoWeek, MenuDay};

/// Reads the public menu services (no session: every call stands alone).
#[derive(Clone)]
pub struct MenuClient {
    http: HttpClient,
}

impl std::fmt::Debug for MenuClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MenuClient").finish_non_exhaustive()
    }
}

impl MenuClient {
    /// A client with `config`'s settings (an emulator override, timeouts) for the menu hosts.
    pub fn new(config: &HttpConfig) -> Result<Self> {
        Ok(MenuClient {
            http: HttpClient::new(&config.clone().for_provider(HOSTS, &[]))?,
        })
    }

    /// The schools whose name matches `query` (every word, case-insensitive) on `service`, or
    /// on every service when `None` (a service that fails is skipped while another answers;
    /// when all fail, the first error). An empty query is [`Error::InvalidInput`].
    pub async fn search(
        &self,
        service: Option<MenuService>,
        query: &str,
    ) -> Result<Vec<MenuSchool>> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Error::InvalidInput("an empty school search".to_owned()));
        }
        let services: Vec<MenuService> = match service {
            Some(s) => vec![s],
            None => MenuService::ALL.to_vec(),
        };
        let mut hits = Vec::new();
        let mut first_error = None;
        let mut answered = false;
        for s in services {
            match self.search_one(s, query).await {
                Ok(found) => {
                    answered = true;
                    hits.extend(found);
                }
                Err(e) => {
                    tracing::warn!(service = s.as_str(), error = %e, "menu search failed");
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) if !answered => Err(e),
            _ => Ok(hits),
        }
    }

    async fn search_one(&self, service: MenuService, query: &str) -> Result<Vec<MenuSchool>> {
        match service {
            MenuService::Skolmaten => {
                let request =
                    skolmaten_request(skolmaten::STATIONS_ENDPOINT, &skolmaten::stations_url())?;
                let response = self.http.follow(request).await?;
                skolmaten::parse_stations(&response.json_text()?, query)
            }
            MenuService::Matilda => {
                let url = matilda::search_url(query)?;
                let request =
                    HttpRequest::get(matilda::SEARCH_ENDPOINT, url.as_str())?.login_flow();
                let response = self.http.follow(request).await?;
                matilda::parse_search(&response.json_text()?)
            }
        }
    }

    /// The menu of `week` at `source`'s school, as `child`'s menu days.
    pub async fn week(
        &self,
        source: &MenuSource,
        child: &EntityId,
        week: IsoWeek,
    ) -> Result<Vec<MenuDay>> {
        check_school_id(&source.school_id)?;
        match source.service {
            MenuService::Skolmaten => {
                let request = skolmaten_request(
                    skolmaten::WEEK_ENDPOINT,
                    &skolmaten::week_url(&source.school_id, week),
                )?;
                let response = self.http.follow(request).await?;
                skolmaten::parse_week(&response.json_text()?, child, week)
            }
            MenuService::Matilda => {
                let url = matilda::week_url(&source.school_id, week)
                    .ok_or_else(|| Error::InvalidInput(format!("no such week: {week}")))?;
                let request = HttpRequest::get(matilda::WEEK_ENDPOINT, &url)?
                    .header("Accept", "text/html")
                    .login_flow();
                let response = self.http.follow(request).await?;
                matilda::parse_week(&response.html_text()?, child, week)
            }
        }
    }
}

/// A skolmaten.se API request with the headers its web client sends.
fn skolmaten_request(endpoint: &str, url: &str) -> Result<HttpRequest> {
    Ok(HttpRequest::get(endpoint, url)?
        .header("Accept", "application/json")
        .header("Referer", "https://skolmaten.se/")
        .header("client-token", skolmaten::CLIENT_TOKEN)
        .login_flow())
}
