//! The Hub start page (`GET /`): the guardian, the pupils with their switch URLs, the selected
//! pupil and the apps it has.
//!
//! The data sits in a `<script>` block, either as `IMHome.home.homeData = { … };` (strict JSON)
//! or in the older `IMHome = { init: { selectedPupilName: '…', pupils: [ … ] } }` form. Neither
//! is evaluated: the JSON parts are cut out by bracket counting and parsed as JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::util::{self, de_bool, de_text};
use crate::error::{Error, Result};
use crate::model::{AccountId, Child, ChildRefs, EntityId, EntityKind, Platform, User};
use crate::provider::infomentor::InfoMentorPupilRef;

const ENDPOINT: &str = "hub root";

/// The path every pupil-switch URL has, followed by the switch id.
const SWITCH_PREFIX: &str = "/Account/PupilSwitcher/SwitchPupil/";

/// One pupil as the start page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubPupil {
    /// The pupil's Hub id (also in notifications' `pupilSourceId`).
    pub pupil_id: String,
    /// "Förnamn Efternamn".
    pub name: String,
    /// The switch id (the number at the end of the switch URL); a different scheme than
    /// `pupil_id`. `None` when the page's switch URL failed validation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switch_id: Option<String>,
    /// The validated switch path (`/Account/PupilSwitcher/SwitchPupil/<switch id>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub switch_path: Option<String>,
    /// True for the pupil the session currently answers for.
    pub selected: bool,
}

/// What the start page says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HubRoot {
    /// The account the ids are namespaced by.
    pub account: AccountId,
    /// The guardian's Hub id (`currentUser.id`), when the page has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guardian_id: Option<String>,
    /// The guardian (no personal number: the Hub does not hand it out).
    pub user: User,
    /// The pupils, in page order.
    pub pupils: Vec<HubPupil>,
    /// The pupils as normalized children (`refs.infomentor` filled in).
    pub children: Vec<Child>,
    /// The Hub id of the pupil the session currently answers for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_pupil_id: Option<String>,
    /// `selectedPupilName` as "Förnamn Efternamn", when the page has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_pupil_name: Option<String>,
    /// The apps (`codeName`) the selected pupil has, e.g. `timetable`, `timeregistration`.
    pub apps: Vec<String>,
}

impl HubRoot {
    /// True when the selected pupil has the app `code_name` (case-insensitive). When the page
    /// lists no apps at all, every app counts as present (the page form without `apps`).
    pub fn has_app(&self, code_name: &str) -> bool {
        self.apps.is_empty() || self.apps.iter().any(|a| a.eq_ignore_ascii_case(code_name))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPupil {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    selected: bool,
    #[serde(default, deserialize_with = "de_text")]
    switch_pupil_url: Option<String>,
}

/// The account id of a Hub guardian: 16 hex characters of a hash of `currentUser.id`, so it is
/// stable across logins without knowing the personal number.
pub fn account_for_guardian(guardian_id: &str) -> AccountId {
    AccountId::from_raw(util::stable_hash(&[
        "skolbryggan-infomentor-account-v1",
        guardian_id,
    ]))
}

/// Validates a pupil-switch URL: only `https://hub.infomentor.se/Account/PupilSwitcher/SwitchPupil/<digits>`
/// or the same path alone is accepted (case-insensitive, an optional trailing `/`). Returns the
/// canonical path; anything else (another host, a query, other characters) is `None` and must not
/// be followed.
pub fn switch_path(url: &str) -> Option<String> {
    let u = url.trim();
    let path = if u.starts_with('/') {
        u
    } else {
        let origin = util::HUB_ORIGIN;
        let head = u.get(..origin.len())?;
        if !head.eq_ignore_ascii_case(origin) {
            return None;
        }
        u.get(origin.len()..)?
    };
    let prefix = path.get(..SWITCH_PREFIX.len())?;
    if !prefix.eq_ignore_ascii_case(SWITCH_PREFIX) {
        return None;
    }
    let id = path.get(SWITCH_PREFIX.len()..)?;
    let id = id.strip_suffix('/').unwrap_or(id);
    if id.is_empty() || id.len() > 20 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{SWITCH_PREFIX}{id}"))
}

/// The switch id at the end of a validated switch path.
pub fn switch_id(path: &str) -> Option<String> {
    switch_path(path).and_then(|p| p.get(SWITCH_PREFIX.len()..).map(str::to_owned))
}

/// True when the page is a logged-in Hub page (it carries the bootstrap data).
pub fn is_logged_in_page(html: &str) -> bool {
    html.contains("selectedPupilName") || html.contains("homeData")
}

/// Parses the start page. `account` namespaces the ids; `None` derives it from the guardian id
/// ([`account_for_guardian`]), or from the pupil ids when the page has no guardian id.
///
/// A login page → [`Error::SessionExpired`]; a page without any pupil data → [`Error::Parse`].
pub fn parse_hub_root(html: &str, account: Option<&AccountId>) -> Result<HubRoot> {
    let home = find_value_after(html, "homeData", '{');
    let home_account = home.as_ref().and_then(|h| h.get("account"));
    let guardian_id = home_account
        .and_then(|a| a.get("currentUser"))
        .and_then(|u| u.get("id"))
        .and_then(util::value_text);
    let guardian_name = home_account
        .and_then(|a| a.get("currentUser"))
        .and_then(|u| u.get("firstName"))
        .and_then(util::value_text)
        .or_else(|| js_string_after(html, "firstName"));
    let pupils_value = home_account
        .and_then(|a| a.get("pupils"))
        .filter(|p| p.is_array())
        .cloned()
        .or_else(|| find_value_after(html, "pupils", '['));
    let Some(pupils_value) = pupils_value else {
        // No bootstrap data: a login page, or something else entirely.
        return match util::classify_non_json::<()>(ENDPOINT, html) {
            Err(e @ Error::SessionExpired { .. }) | Err(e @ Error::Upstream { .. }) => Err(e),
            _ => Err(Error::parse(ENDPOINT, "no pupil data on the start page")),
        };
    };
    let raw: Vec<RawPupil> = serde_json::from_value::<Vec<Value>>(pupils_value)
        .map(|items| util::decode_items(ENDPOINT, items))
        .map_err(|e| Error::parse(ENDPOINT, format!("pupils: {e}")))?;
    let selected_raw_name = js_string_after(html, "selectedPupilName");

    let mut pupils: Vec<HubPupil> = raw
        .iter()
        .filter_map(|p| {
            let pupil_id = p.id.clone()?;
            let switch_path = p.switch_pupil_url.as_deref().and_then(switch_path);
            if p.switch_pupil_url.is_some() && switch_path.is_none() {
                tracing::warn!(
                    endpoint = ENDPOINT,
                    "a pupil's switch URL has an unexpected form"
                );
            }
            Some(HubPupil {
                switch_id: switch_path.as_deref().and_then(switch_id),
                switch_path,
                name: util::display_name(p.name.as_deref().unwrap_or("")),
                selected: p.selected,
                pupil_id,
            })
        })
        .collect();
    if !pupils.iter().any(|p| p.selected)
        && let Some(sel) = selected_raw_name.as_deref().map(util::display_name)
        && let Some(p) = pupils.iter_mut().find(|p| p.name == sel)
    {
        p.selected = true;
    }

    let account = match account {
        Some(a) => a.clone(),
        None => match guardian_id.as_deref() {
            Some(id) => account_for_guardian(id),
            None => {
                let mut ids: Vec<&str> = pupils.iter().map(|p| p.pupil_id.as_str()).collect();
                ids.sort_unstable();
                account_for_guardian(&format!("pupils:{}", ids.join(",")))
            }
        },
    };
    let (first_name, last_name) = util::split_name(guardian_name.as_deref().unwrap_or(""));
    let user = User {
        id: EntityId::new(
            Platform::InfoMentor,
            &account,
            EntityKind::User,
            guardian_id.as_deref().unwrap_or(account.as_str()),
        ),
        personal_number: None,
        first_name,
        last_name,
        email: None,
        notification_id: None,
    };
    let children = pupils
        .iter()
        .zip(raw.iter().filter(|p| p.id.is_some()))
        .map(|(p, r)| {
            let (first_name, last_name) = util::split_name(r.name.as_deref().unwrap_or(""));
            Child {
                id: EntityId::new(
                    Platform::InfoMentor,
                    &account,
                    EntityKind::Child,
                    &p.pupil_id,
                ),
                platform: Platform::InfoMentor,
                first_name,
                last_name,
                school_forms: Vec::new(),
                school: None,
                class_name: None,
                school_year: None,
                refs: ChildRefs::with(&InfoMentorPupilRef {
                    pupil_id: p.pupil_id.clone(),
                    switch_url: p.switch_path.clone(),
                }),
            }
        })
        .collect();
    let apps = home
        .as_ref()
        .and_then(|h| h.get("apps"))
        .and_then(Value::as_array)
        .map(|apps| {
            apps.iter()
                .filter_map(|a| a.get("codeName").and_then(util::value_text))
                .collect()
        })
        .unwrap_or_default();
    let selected_pupil_id = pupils
        .iter()
        .find(|p| p.selected)
        .map(|p| p.pupil_id.clone());
    Ok(HubRoot {
        account,
        guardian_id,
        user,
        pupils,
        children,
        selected_pupil_id,
        selected_pupil_name: selected_raw_name.as_deref().map(util::display_name),
        apps,
    })
}

/// The JSON value that starts with `open` after the first `key` (followed by an optional
/// quote, then `:` or `=`), cut out by bracket counting.
fn find_value_after(text: &str, key: &str, open: char) -> Option<Value> {
    let mut search_from = 0;
    while let Some(rel) = text.get(search_from..)?.find(key) {
        let after_key = search_from + rel + key.len();
        search_from = after_key;
        let rest = text.get(after_key..)?;
        let rest_trimmed = rest.trim_start_matches(['"', '\'']).trim_start();
        let Some(after_sep) = rest_trimmed.strip_prefix([':', '=']) else {
            continue;
        };
        let value_text = after_sep.trim_start();
        if !value_text.starts_with(open) {
            continue;
        }
        let Some(slice) = balanced(value_text) else {
            continue;
        };
        if let Ok(v) = serde_json::from_str::<Value>(slice) {
            return Some(v);
        }
    }
    None
}

/// The bracketed prefix of `text` (which starts with `{` or `[`), respecting JSON strings.
fn balanced(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return text.get(..=i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The quoted string after `key:` (`key: 'x'`, `"key":"x"`), unescaped for `\'`, `\"`, `\\`.
fn js_string_after(text: &str, key: &str) -> Option<String> {
    let mut search_from = 0;
    while let Some(rel) = text.get(search_from..)?.find(key) {
        let after_key = search_from + rel + key.len();
        search_from = after_key;
        let rest = text.get(after_key..)?;
        let rest = rest.trim_start_matches(['"', '\'']).trim_start();
        let Some(rest) = rest.strip_prefix(':') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let mut out = String::new();
        let mut escaped = false;
        for c in rest.chars().skip(1) {
            if escaped {
                out.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                let t = out.trim();
                return (!t.is_empty()).then(|| t.to_owned());
            } else {
                out.push(c);
            }
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switch_urls_are_validated() {
        assert_eq!(
            switch_path("https://hub.infomentor.se/Account/PupilSwitcher/SwitchPupil/5001")
                .as_deref(),
            Some("/Account/PupilSwitcher/SwitchPupil/5001")
        );
        assert_eq!(
            switch_path("/account/pupilswitcher/switchpupil/5002/").as_deref(),
            Some("/Account/PupilSwitcher/SwitchPupil/5002")
        );
        for bad in [
            "https://evil.example.com/Account/PupilSwitcher/SwitchPupil/5001",
            "https://hub.infomentor.se.evil.com/Account/PupilSwitcher/SwitchPupil/5001",
            "/Account/PupilSwitcher/SwitchPupil/5001?next=https://x",
            "/Account/PupilSwitcher/SwitchPupil/",
            "/Account/PupilSwitcher/SwitchPupil/../../LogOut",
            "/Account/Other/5001",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(switch_path(bad), None, "{bad}");
        }
        assert_eq!(
            switch_id("/Account/PupilSwitcher/SwitchPupil/77").as_deref(),
            Some("77")
        );
    }

    #[test]
    fn old_page_form() {
        let html = "<script>IMHome = { init: { firstName: 'Exempelsson, Anna', selectedPupilName: 'Exempelsson, Bo', userRole: 'parent', pupils: [{\"id\":\"1\",\"name\":\"Exempelsson, Alva\",\"switchPupilUrl\":\"/Account/PupilSwitcher/SwitchPupil/9\"},{\"id\":\"2\",\"name\":\"Exempelsson, Bo\",\"switchPupilUrl\":\"/Account/PupilSwitcher/SwitchPupil/8\"}] } };</script>";
        let root = parse_hub_root(html, None).unwrap();
        assert_eq!(root.pupils.len(), 2);
        assert_eq!(root.selected_pupil_id.as_deref(), Some("2"));
        assert_eq!(root.user.first_name, "Anna");
        assert!(root.apps.is_empty());
        assert!(root.has_app("timetable"));
    }
}
