//! No personal data in logs: the emulator scenarios (Stockholm's BankID on this device, QR and
//! Freja logins, every read through a refresh with Skola24, InfoMentor's login, pupil switching
//! and a write, SchoolSoft's and Vklass's logins and refreshes, session expiry and faults) run
//! with a capturing subscriber at `TRACE` for every crate, and every captured line, its fields
//! and the fields of its spans included, is scanned for the family's personal numbers (every
//! form), names, child and guardian ids, the account id, cookie values, anti-forgery tokens,
//! autostart tokens, BankID order ids and QR payloads.
//!
//! Each scenario runs on a runtime of its own whose threads (workers and the blocking pool) all
//! carry the capturing dispatcher, so the lines of tests running beside it are not mixed in.
//! The emulator runs on its own thread and is not captured: its logs are not the library's.
//!
//! The three scenarios are `#[ignore]`d in the parallel run and run by `scripts/test.sh` on
//! their own, on one thread (`cargo test --test integration -- --ignored --test-threads 1
//! log_scan`): tracing caches each callsite's interest process-wide, and tests running beside
//! a scenario could make it miss lines (seen with the InfoMentor scenario).

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::ToSpan;
use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::http::CookieJar;
use skolbryggan::model::{FamilySnapshot, PersonalNumber, Platform};
use skolbryggan::provider::registry::{ENTRIES, all_hosts};
use skolbryggan::provider::{DriveOptions, LoginRequest, LoginUpdate, WriteOutcome};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{ManualClock, RefreshRequest};
use skolbryggan_emulator::{
    Emulator, EmulatorConfig, EmulatorHandle, Fault, FaultEffect, FaultRule,
};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

// ---------------------------------------------------------------------------------------------
// The capturing subscriber.

/// Every event and span (fields included) as one text line each.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
}

/// Writes every field as ` name=value`; `&str` values as they are (not `Debug`-escaped), so a
/// scan sees exactly the characters a log sink would get.
struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push_str(&format!(" {}={value}", field.name()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={value:?}", field.name()));
    }

    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        // Both the Display and the Debug form: a sink may use either.
        self.0
            .push_str(&format!(" {}={value} ({value:?})", field.name()));
    }
}

impl<S: Subscriber> Layer<S> for Capture {
    // "Ask every time": tracing caches a callsite's interest across all dispatchers, and one
    // computed while no capturing dispatcher existed (other tests of this binary) would hide
    // the callsite from this one.
    fn register_callsite(
        &self,
        _meta: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::sometimes()
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let meta = event.metadata();
        let mut line = format!("{} {}:", meta.level(), meta.target());
        event.record(&mut Fields(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, _id: &Id, _ctx: Context<'_, S>) {
        let meta = attrs.metadata();
        let mut line = format!("SPAN {} {} {}:", meta.level(), meta.target(), meta.name());
        attrs.record(&mut Fields(&mut line));
        self.lines.lock().unwrap().push(line);
    }

    fn on_record(&self, _id: &Id, values: &Record<'_>, _ctx: Context<'_, S>) {
        let mut line = "SPAN RECORD:".to_owned();
        values.record(&mut Fields(&mut line));
        self.lines.lock().unwrap().push(line);
    }
}

/// Runs `scenario` on a runtime of its own with every thread logging into a [`Capture`];
/// returns what the scenario returned and the captured lines.
fn captured<T, F>(scenario: impl FnOnce() -> F) -> (T, Vec<String>)
where
    F: Future<Output = T>,
{
    let capture = Capture::default();
    let dispatch = tracing::Dispatch::new(tracing_subscriber::registry().with(capture.clone()));
    let for_threads = dispatch.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .on_thread_start(move || {
            // The pool's threads live as long as the runtime: keep the default for good.
            std::mem::forget(tracing::dispatcher::set_default(&for_threads));
        })
        .build()
        .unwrap();
    let out = tracing::dispatcher::with_default(&dispatch, || runtime.block_on(scenario()));
    drop(runtime);
    let lines = capture.lines.lock().unwrap().clone();
    (out, lines)
}

// ---------------------------------------------------------------------------------------------
// What must not be in a line.

/// The values no log line may hold, each with what it is (for the failure message).
#[derive(Default)]
struct Secrets {
    /// (what, value) matched anywhere in a line.
    anywhere: BTreeSet<(String, String)>,
    /// (what, value) matched as a whole word only (names, short numeric ids).
    words: BTreeSet<(String, String)>,
}

impl Secrets {
    fn add(&mut self, what: &str, value: &str) {
        let value = value.trim();
        if value.len() >= 6 {
            self.anywhere.insert((what.to_owned(), value.to_owned()));
        } else if value.len() >= 2 {
            self.words.insert((what.to_owned(), value.to_owned()));
        }
    }

    fn add_word(&mut self, what: &str, value: &str) {
        let value = value.trim();
        if value.len() >= 2 {
            self.words.insert((what.to_owned(), value.to_owned()));
        }
    }

    /// A personal number in every form: 12 and 10 digits, with `-` or `+` before the last four.
    fn add_personal_number(&mut self, digits: &str) {
        let Some(number) = PersonalNumber::parse(digits, 2026) else {
            return;
        };
        let twelve = number.digits().to_owned();
        let ten = twelve[2..].to_owned();
        for form in [
            twelve.clone(),
            ten.clone(),
            format!("{}-{}", &twelve[..8], &twelve[8..]),
            format!("{}-{}", &ten[..6], &ten[6..]),
            format!("{}+{}", &ten[..6], &ten[6..]),
        ] {
            self.add("personal number", &form);
        }
    }

    /// Names, personal numbers and ids of everyone in `family`.
    fn add_family(&mut self, family: &FamilySnapshot) {
        for user in &family.users {
            self.add_word("guardian name", &user.first_name);
            self.add_word("guardian name", &user.last_name);
            self.add("guardian name", &user.full_name());
            self.add("guardian id", user.id.as_str());
            self.add_id_local("guardian id", user.id.local());
            self.add("account id", user.id.account().as_str());
            if let Some(number) = &user.personal_number {
                self.add_personal_number(number.digits());
            }
            if let Some(email) = &user.email {
                self.add("guardian e-mail", email);
            }
        }
        for child in &family.children {
            self.add_word("child name", &child.first_name);
            self.add_word("child name", &child.last_name);
            self.add("child name", &child.full_name());
            self.add("child id", child.id.as_str());
            self.add_id_local("child id", child.id.local());
            self.add("account id", child.id.account().as_str());
        }
        for mate in &family.classmates {
            for guardian in &mate.guardians {
                self.add_word("classmate's guardian name", &guardian.first_name);
                self.add_word("classmate's guardian name", &guardian.last_name);
            }
        }
    }

    /// The platform's own id of a child or guardian (the last part of an entity id): GUIDs
    /// anywhere, numbers as whole words only.
    fn add_id_local(&mut self, what: &str, local: &str) {
        let last = local.rsplit('/').next().unwrap_or(local);
        for part in [local, last] {
            if part.chars().all(|c| c.is_ascii_digit()) {
                self.add_word(what, part);
            } else {
                self.add(what, part);
            }
        }
    }

    /// Every cookie value and token of the client's sessions: the cookies it would send to each
    /// platform host, and every value in its saved (sealed) sessions.
    fn add_sessions(&mut self, client: &Client) {
        for entry in ENTRIES {
            for host in entry.hosts {
                if let Ok(cookies) = client.session_cookies(&format!("https://{host}/")) {
                    for c in cookies {
                        self.add(&format!("cookie {} of {host}", c.name), &c.value);
                    }
                }
            }
        }
        let Some(account) = client.account() else {
            return;
        };
        for entry in ENTRIES {
            let Ok(Some(saved)) = client.engine().cache().session(&account, entry.name) else {
                continue;
            };
            self.add_secret_text(&format!("saved session of {}", entry.name), &saved.secret);
        }
    }

    /// The values of a saved-session secret: cookie values of any jar inside it, and every
    /// other string (tokens) that is not a host, path or cookie attribute.
    fn add_secret_text(&mut self, what: &str, text: &str) {
        if let Ok(jar) = CookieJar::from_secret(text) {
            for host in all_hosts() {
                if let Ok(url) = url::Url::parse(&format!("https://{host}/")) {
                    for c in jar.web_cookies(&url) {
                        self.add(&format!("{what}: cookie {}", c.name), &c.value);
                    }
                }
            }
        }
        let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
            // A bare token.
            if !text.contains(['.', '/', ' ']) {
                self.add(what, text);
            }
            return;
        };
        self.add_json(what, "", &json);
    }

    fn add_json(&mut self, what: &str, key: &str, json: &serde_json::Value) {
        match json {
            serde_json::Value::String(s) => {
                if key == "raw_cookie" {
                    if let Some((_, rest)) = s.split_once('=') {
                        let value = rest.split(';').next().unwrap_or("");
                        self.add(&format!("{what}: cookie"), value);
                    }
                } else if s.starts_with('{') || s.starts_with('[') {
                    self.add_secret_text(what, s);
                } else if !matches!(key, "domain" | "path" | "name" | "expires" | "url" | "host")
                    && s.len() >= 16
                    && !s.contains([' ', '.', '/'])
                {
                    self.add(&format!("{what}: {key}"), s);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    self.add_json(what, key, item);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    self.add_json(what, k, v);
                }
            }
            _ => {}
        }
    }

    /// The login prompt's autostart token and links, and every QR frame shown.
    fn add_login(&mut self, seen: &LoginSeen) {
        for token in &seen.autostart {
            self.add("autostart token", token);
        }
        for qr in &seen.qr {
            self.add("QR payload", qr);
            // The parts of `bankid.<qrStartToken>.<seconds>.<auth code>`.
            for part in qr.split('.').filter(|p| p.len() >= 16) {
                self.add("QR payload part", part);
            }
        }
        for link in &seen.links {
            self.add("identification app link", link);
        }
    }

    /// Every random token and id the emulator handed out (session cookies, anti-forgery tokens,
    /// order ids, autostart and QR start tokens, Freja references, SAML and OAuth tokens).
    fn add_emulator_tokens(&mut self) {
        for token in Emulator::issued_tokens() {
            self.add("token issued by the emulator", &token);
        }
    }

    fn count(&self) -> usize {
        self.anywhere.len() + self.words.len()
    }
}

/// True when `needle` occurs in `line` with no letter or digit right before or after it.
fn has_word(line: &str, needle: &str) -> bool {
    line.match_indices(needle).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every (line, what, value) where a line holds a secret.
fn leaks<'a>(lines: &'a [String], secrets: &'a Secrets) -> Vec<(&'a str, &'a str, &'a str)> {
    let mut out = Vec::new();
    for line in lines {
        for (what, value) in &secrets.anywhere {
            if line.contains(value.as_str()) {
                out.push((line.as_str(), what.as_str(), value.as_str()));
            }
        }
        for (what, value) in &secrets.words {
            if has_word(line, value) {
                out.push((line.as_str(), what.as_str(), value.as_str()));
            }
        }
    }
    out
}

/// Fails with every leak found, after checking the scan had something to look at.
fn assert_no_leak(scenario: &str, lines: &[String], secrets: &Secrets) {
    assert!(
        lines
            .iter()
            .filter(|l| l.contains("upstream request"))
            .count()
            >= 20,
        "{scenario}: too few request lines captured ({}): is the subscriber in place?",
        lines.len()
    );
    assert!(
        secrets.count() >= 20,
        "{scenario}: too few secrets collected"
    );
    let found = leaks(lines, secrets);
    let report: Vec<String> = found
        .iter()
        .take(20)
        .map(|(line, what, value)| format!("{what} {value:?} in: {line}"))
        .collect();
    assert!(
        found.is_empty(),
        "{scenario}: {} log lines hold personal data or tokens:\n{}",
        found.len(),
        report.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Scenario helpers.

/// What a login showed: autostart tokens, QR payloads, app links.
#[derive(Default)]
struct LoginSeen {
    autostart: Vec<String>,
    qr: Vec<String>,
    links: Vec<String>,
}

async fn new_client(emu: &EmulatorHandle, dir: &tempfile::TempDir) -> Client {
    ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(Arc::new(MemorySecretStore::new()))
        .clock(Arc::new(ManualClock::new(jiff::Timestamp::now())))
        .build()
        .await
        .unwrap()
}

async fn login(client: &Client, platform: Platform, request: LoginRequest, seen: &mut LoginSeen) {
    let pending = client.start_login(platform, request).await.unwrap();
    let prompt = pending.prompt().clone();
    seen.autostart.extend(prompt.autostart_token.clone());
    seen.links.extend(
        [
            prompt.bankid_app_link.clone(),
            prompt.bankid_universal_link.clone(),
            prompt.freja_link.clone(),
        ]
        .into_iter()
        .flatten(),
    );
    seen.qr
        .extend(prompt.qr.as_ref().map(|q| q.payload.clone()));
    let frames = Mutex::new(Vec::new());
    let options = DriveOptions {
        interval: Duration::from_millis(10),
        ..DriveOptions::default()
    };
    pending
        .complete(
            options,
            |u: &LoginUpdate| {
                if let Some(qr) = &u.qr {
                    frames.lock().unwrap().push(qr.payload.clone());
                }
            },
            std::future::pending(),
        )
        .await
        .unwrap();
    seen.qr.extend(frames.into_inner().unwrap());
}

fn bankid_here() -> LoginRequest {
    LoginRequest::BankId {
        personal_number: PersonalNumber::parse(EmulatorConfig::DEMO_GUARDIAN, 2026),
        other_device: false,
    }
}

fn bankid_qr() -> LoginRequest {
    LoginRequest::BankId {
        personal_number: None,
        other_device: true,
    }
}

async fn refresh_everything(client: &Client) {
    client
        .refresh(&RefreshRequest::everything(client.today()), None)
        .await
        .unwrap();
}

/// What every scenario adds once the clients are done: the families as served and as read,
/// the sessions, the emulator's tokens.
async fn collect(secrets: &mut Secrets, emu: &EmulatorHandle, clients: &[&Client]) {
    secrets.add_personal_number(EmulatorConfig::DEMO_GUARDIAN);
    secrets.add_family(&emu.family());
    // Both forms of the guardian's account id: the legacy, reversible one, and the keyed one
    // each client makes under its own installation's key.
    secrets.add(
        "legacy account id",
        skolbryggan::model::AccountId::legacy_unkeyed_from_personal_number(
            EmulatorConfig::DEMO_GUARDIAN,
        )
        .as_str(),
    );
    for client in clients {
        if let Some(account) = client.account() {
            secrets.add("account id", account.as_str());
        }
        if let Ok(key) = client.engine().cache().account_key() {
            let keyed = key.account_id(EmulatorConfig::DEMO_GUARDIAN);
            secrets.add("keyed account id", keyed.as_str());
        }
        if let Ok(snapshot) = client.snapshot().await {
            secrets.add_family(&snapshot.value);
        }
        secrets.add_sessions(client);
    }
    secrets.add_emulator_tokens();
}

fn demo_emulator() -> EmulatorHandle {
    let mut config = EmulatorConfig::demo();
    config.today = Some(skolbryggan::time::today());
    Emulator::start(config).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The scenarios.

#[test]
#[ignore = "run alone, one thread: scripts/test.sh (tracing caches callsite interest process-wide, so tests beside it can hide lines)"]
fn stockholm_logins_every_read_expiry_and_faults_log_nothing_personal() {
    let emu = demo_emulator();
    let ((secrets, seen), lines) = captured(|| async {
        let mut seen = LoginSeen::default();
        let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
        // BankID on this device, every read (Skola24's timetable included).
        let here = new_client(&emu, &dirs[0]).await;
        login(&here, Platform::Stockholm, bankid_here(), &mut seen).await;
        refresh_everything(&here).await;
        // BankID QR on another device.
        let qr = new_client(&emu, &dirs[1]).await;
        login(&qr, Platform::Stockholm, bankid_qr(), &mut seen).await;
        // Freja eID+.
        let freja = new_client(&emu, &dirs[2]).await;
        login(&freja, Platform::Stockholm, LoginRequest::Freja, &mut seen).await;
        refresh_everything(&freja).await;

        // Faults: a wrong child, an HTML page for JSON, a cut answer, a 503, a 429.
        for (endpoint, effect) in [
            ("GetNewsArchive", FaultEffect::WrongChild),
            ("GetSchoolCalender", FaultEffect::HtmlInsteadOfJson),
            ("GetMatsedelList", FaultEffect::TruncatedBody),
        ] {
            emu.add_fault(FaultRule::next(endpoint, 2, Fault::effect(effect)));
        }
        emu.add_fault(FaultRule::next("GetSchema", 2, Fault::status(503, Some(1))));
        emu.add_fault(FaultRule::next("timetable", 2, Fault::status(429, Some(1))));
        let forced = RefreshRequest {
            force: true,
            ..RefreshRequest::everything(here.today())
        };
        let report = here.refresh(&forced, None).await.unwrap();
        assert!(report.failures().next().is_some(), "the faults were seen");
        emu.clear_faults();

        // The session ends upstream: a refresh reports it, and a content load too.
        emu.expire_all_sessions();
        let report = here.refresh(&forced, None).await.unwrap();
        assert!(report.session_expired);
        let mut secrets = Secrets::default();
        collect(&mut secrets, &emu, &[&here, &qr, &freja]).await;
        (secrets, seen)
    });
    let mut secrets = secrets;
    secrets.add_login(&seen);
    assert!(!seen.autostart.is_empty() && !seen.qr.is_empty());
    assert_no_leak("Stockholm", &lines, &secrets);
}

#[test]
#[ignore = "run alone, one thread: scripts/test.sh (tracing caches callsite interest process-wide, so tests beside it can hide lines)"]
fn infomentor_login_pupil_switching_and_a_write_log_nothing_personal() {
    let emu = demo_emulator();
    let ((secrets, seen), lines) = captured(|| async {
        let mut seen = LoginSeen::default();
        let dir = tempfile::tempdir().unwrap();
        let client = new_client(&emu, &dir).await;
        login(&client, Platform::InfoMentor, bankid_here(), &mut seen).await;
        // Every read for both pupils: the Hub switches pupil between them.
        refresh_everything(&client).await;
        let pupils: Vec<_> = client
            .children()
            .await
            .unwrap()
            .value
            .into_iter()
            .filter(|c| c.platform == Platform::InfoMentor)
            .collect();
        assert!(pupils.len() >= 2, "switching is exercised");
        // A write: an absence report for tomorrow.
        let tomorrow = client.today().checked_add(1.day()).unwrap();
        let offered = client.absence_options(&pupils[0].id).await.unwrap().value;
        if offered.iter().any(|a| a.day == tomorrow && a.can_report()) {
            assert_eq!(
                client
                    .report_absence(&pupils[0].id, tomorrow, true)
                    .await
                    .unwrap(),
                WriteOutcome::Done
            );
            assert_eq!(emu.infomentor_writes().len(), 1);
        }
        // The Hub session ends, and SiteMinder's (else the provider signs on again silently).
        let forced = RefreshRequest {
            force: true,
            ..RefreshRequest::week_view(client.today())
        };
        emu.expire_infomentor_sessions();
        emu.expire_all_sessions();
        let report = client.refresh(&forced, None).await.unwrap();
        assert!(report.session_expired);
        // A QR login on another client, then faults (a 503, a cut answer).
        let dir2 = tempfile::tempdir().unwrap();
        let qr = new_client(&emu, &dir2).await;
        login(&qr, Platform::InfoMentor, bankid_qr(), &mut seen).await;
        emu.add_fault(FaultRule::next("*", 2, Fault::status(503, Some(1))));
        emu.add_fault(FaultRule::next(
            "*",
            2,
            Fault::effect(FaultEffect::TruncatedBody),
        ));
        let report = qr.refresh(&forced, None).await.unwrap();
        assert!(report.failures().next().is_some(), "the faults were seen");
        emu.clear_faults();
        let mut secrets = Secrets::default();
        collect(&mut secrets, &emu, &[&client, &qr]).await;
        (secrets, seen)
    });
    let mut secrets = secrets;
    secrets.add_login(&seen);
    assert_no_leak("InfoMentor", &lines, &secrets);
}

#[test]
#[ignore = "run alone, one thread: scripts/test.sh (tracing caches callsite interest process-wide, so tests beside it can hide lines)"]
fn schoolsoft_and_vklass_logins_and_refreshes_log_nothing_personal() {
    let emu = demo_emulator();
    let ((secrets, seen), lines) = captured(|| async {
        let mut seen = LoginSeen::default();
        let (d1, d2) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let schoolsoft = new_client(&emu, &d1).await;
        let found = schoolsoft
            .organisations("schoolsoft", "Påhittade")
            .await
            .unwrap();
        schoolsoft
            .set_organisation("schoolsoft", &found[0].id)
            .unwrap();
        login(&schoolsoft, Platform::SchoolSoft, bankid_here(), &mut seen).await;
        refresh_everything(&schoolsoft).await;
        emu.expire_schoolsoft_sessions();
        let forced = RefreshRequest {
            force: true,
            ..RefreshRequest::week_view(schoolsoft.today())
        };
        let report = schoolsoft.refresh(&forced, None).await.unwrap();
        assert!(report.session_expired);

        let vklass = new_client(&emu, &d2).await;
        vklass.set_organisation("vklass", "189").unwrap();
        login(&vklass, Platform::Vklass, bankid_qr(), &mut seen).await;
        refresh_everything(&vklass).await;
        emu.expire_all_sessions();
        vklass.refresh(&forced, None).await.unwrap();
        let mut secrets = Secrets::default();
        collect(&mut secrets, &emu, &[&schoolsoft, &vklass]).await;
        (secrets, seen)
    });
    let mut secrets = secrets;
    secrets.add_login(&seen);
    assert_no_leak("SchoolSoft and Vklass", &lines, &secrets);
}

#[test]
fn the_log_scan_finds_a_planted_secret_in_every_form() {
    let ((), lines) = captured(|| async {
        tracing::info!(pnr = "800101-2387", "a bad line");
        tracing::debug!(child = %"Alva", "another bad line");
        let span = tracing::info_span!("work", token = tracing::field::Empty);
        span.record("token", "zzSecretTokenValue1234");
        tokio::task::spawn_blocking(|| tracing::trace!("in the pool: 198001012387"))
            .await
            .unwrap();
        tokio::spawn(async { tracing::warn!(error = %"SMSESSION=abc", "worker") })
            .await
            .unwrap();
    });
    let mut secrets = Secrets::default();
    secrets.add_personal_number(EmulatorConfig::DEMO_GUARDIAN);
    secrets.add_word("child name", "Alva");
    secrets.add("token", "zzSecretTokenValue1234");
    let found = leaks(&lines, &secrets);
    let kinds: BTreeSet<&str> = found.iter().map(|(_, _, value)| *value).collect();
    for expected in [
        "800101-2387",
        "198001012387",
        "Alva",
        "zzSecretTokenValue1234",
    ] {
        assert!(
            kinds.contains(expected),
            "{expected} not found in {lines:?}"
        );
    }
    assert!(lines.iter().any(|l| l.contains("worker")), "{lines:?}");
    assert!(!has_word("Alvarsson", "Alva"));
    assert!(has_word("name=Alva,", "Alva"));
}
