//! Our app: the core's real sync policy, decision by decision. Freshness
//! ([`SyncSettings::is_fresh`], the school-day default), the platform semaphore
//! ([`SyncSettings::max_concurrent_per_platform`]), the circuit breaker and the `Retry-After`
//! hold ([`Breaker`]), and the retry decisions ([`backoff::after_failure`],
//! [`backoff::waits_for_hold`], [`backoff::rate_limit_hold`], jittered [`backoff::delay`]) are
//! the functions the engine calls; this file only strings them together the way
//! `SyncEngine::refresh` does, on simulated time. A saved session is resumed (one request);
//! an expired one is a BankID login. An open while a refresh runs joins it (coalescing).

use std::collections::VecDeque;
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use skolbryggan::cache::ResourceKind;
use skolbryggan::model::IsoWeek;
use skolbryggan::sync::SyncSettings;
use skolbryggan::sync::backoff::{self, AfterFailure};
use skolbryggan::sync::breaker::{Breaker, Hold};

use crate::events::Event;
use crate::population::Family;
use crate::sim::{Cx, Policy, Step};
use crate::upstream::Answer;

/// The kinds of the week view, per child.
const WEEK_VIEW: [ResourceKind; 5] = [
    ResourceKind::News,
    ResourceKind::Notifications,
    ResourceKind::Calendar,
    ResourceKind::Menu,
    ResourceKind::Timetable,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Account {
    Resume,
    Login,
    Children,
}

#[derive(Debug, Clone, Copy, Default)]
struct Job {
    attempt: u32,
    done: bool,
}

#[derive(Debug, Default)]
struct State {
    started: bool,
    running: bool,
    session_ok: bool,
    in_memory: bool,
    children_done: bool,
    account: Vec<Account>,
    account_step: usize,
    account_job: Job,
    jobs: Vec<Job>,
    waiting: VecDeque<u16>,
    in_flight: usize,
    remaining: usize,
    failed: bool,
    login_left: usize,
    outcome: Option<Step>,
    breaker: Breaker,
}

/// Our app on every phone, over the core's settings.
pub struct OurApp {
    /// The sync settings (the default: [`SyncSettings::new`]).
    pub settings: SyncSettings,
    /// Login requests against the platform after BankID (as the upstream app's login).
    pub login_requests: usize,
    /// Time to sign in the BankID app, seconds (uniform).
    pub signing: (f64, f64),
    /// Simulated second 0.
    pub epoch: Timestamp,
    state: Vec<State>,
}

/// `epoch + seconds`.
fn at(epoch: Timestamp, seconds: f64) -> Timestamp {
    epoch
        .checked_add(SignedDuration::from_micros((seconds * 1e6) as i64))
        .unwrap_or(epoch)
}

fn seconds(d: Duration) -> f64 {
    d.as_secs_f64()
}

impl OurApp {
    /// Our app for `families` families, second 0 at `epoch`.
    pub fn new(families: usize, settings: SyncSettings, epoch: Timestamp) -> Self {
        OurApp {
            settings,
            login_requests: 11,
            signing: (10.0, 30.0),
            epoch,
            state: (0..families).map(|_| State::default()).collect(),
        }
    }

    /// Whether data of `kind` synced at `last_sync` is still fresh at `now` (a per-week kind
    /// synced in another week was never fetched for this one).
    fn fresh(&self, kind: ResourceKind, last_sync: f64, now: f64) -> bool {
        let then = at(self.epoch, last_sync);
        let now_ts = at(self.epoch, now);
        let same_week = || {
            IsoWeek::containing(skolbryggan::time::from_timestamp(then).date())
                == IsoWeek::containing(skolbryggan::time::from_timestamp(now_ts).date())
        };
        let fetched = (!kind.per_week() || same_week()).then_some(then);
        self.settings.is_fresh(kind, fetched, now_ts)
    }

    /// Starts attempt `attempt + 1` of job `job` (0: the account step).
    fn try_job(&mut self, f: u32, job: u16, now: f64, cx: &mut Cx) {
        let s = &mut self.state[f as usize];
        let j = if job == 0 {
            &mut s.account_job
        } else {
            &mut s.jobs[usize::from(job - 1)]
        };
        j.attempt += 1;
        if s.in_flight >= self.settings.max_concurrent_per_platform.max(1) {
            s.waiting.push_back(job);
            return;
        }
        self.acquired(f, job, now, cx);
    }

    /// Job `job` holds a permit: ask the breaker, then send.
    fn acquired(&mut self, f: u32, job: u16, now: f64, cx: &mut Cx) {
        let epoch = self.epoch;
        let s = &mut self.state[f as usize];
        let now_ts = at(epoch, now);
        let attempt = if job == 0 {
            s.account_job.attempt
        } else {
            s.jobs[usize::from(job - 1)].attempt
        };
        match s.breaker.try_acquire(now_ts) {
            Ok(()) => {
                s.in_flight += 1;
                cx.send(f, job, 0, now);
            }
            Err(Hold::Open(_)) => self.finish(f, job, false, now, cx),
            Err(Hold::RetryAfter(until)) => {
                let wait = Duration::try_from(until.duration_since(now_ts)).unwrap_or_default();
                if backoff::waits_for_hold(&self.settings.retry, attempt, wait) {
                    cx.queue.push(now + seconds(wait), Event::Wake(f, job, 0));
                } else {
                    self.finish(f, job, false, now, cx)
                }
            }
        }
    }

    /// Releases a permit: the next waiting job takes it.
    fn release(&mut self, f: u32, now: f64, cx: &mut Cx) {
        let s = &mut self.state[f as usize];
        s.in_flight -= 1;
        if let Some(next) = s.waiting.pop_front() {
            self.acquired(f, next, now, cx);
        }
    }

    /// Job `job` ended (`ok`: its data is stored).
    fn finish(&mut self, f: u32, job: u16, ok: bool, now: f64, cx: &mut Cx) {
        let s = &mut self.state[f as usize];
        if job == 0 {
            let step = s.account[s.account_step];
            match (step, ok) {
                (Account::Children, _) => {
                    // Without a new list the engine goes on with the cached one.
                    s.children_done |= ok;
                    s.failed |= !ok;
                }
                (_, false) => {
                    // No session: nothing can be fetched in this open.
                    s.running = false;
                    s.outcome = Some(Step::Failed);
                    return;
                }
                (Account::Login, true) => {
                    s.login_left = s.login_left.saturating_sub(1);
                    if s.login_left > 0 {
                        s.account_job = Job::default();
                        return self.try_job(f, 0, now, cx);
                    }
                    s.session_ok = true;
                    s.in_memory = true;
                }
                (Account::Resume, true) => s.in_memory = true,
            }
            s.account_step += 1;
            s.account_job = Job::default();
            if s.account_step < s.account.len() {
                return self.try_job(f, 0, now, cx);
            }
            return self.start_children(f, now, cx);
        }
        let j = &mut s.jobs[usize::from(job - 1)];
        j.done |= ok;
        s.failed |= !ok;
        s.remaining -= 1;
        if s.remaining == 0 {
            s.running = false;
            s.outcome = Some(if s.failed { Step::Failed } else { Step::Fresh });
        }
    }

    fn start_children(&mut self, f: u32, now: f64, cx: &mut Cx) {
        let s = &mut self.state[f as usize];
        let pending: Vec<u16> = (0..s.jobs.len())
            .filter(|&k| !s.jobs[k].done)
            .map(|k| (k + 1) as u16)
            .collect();
        s.remaining = pending.len();
        if pending.is_empty() {
            s.running = false;
            s.outcome = Some(if s.failed { Step::Failed } else { Step::Fresh });
            return;
        }
        for &k in &pending {
            s.jobs[usize::from(k - 1)].attempt = 0;
        }
        for k in pending {
            self.try_job(f, k, now, cx);
        }
    }

    fn outcome(&mut self, f: u32) -> Step {
        self.state[f as usize]
            .outcome
            .take()
            .unwrap_or(Step::Running)
    }
}

impl Policy for OurApp {
    fn open(&mut self, f: u32, family: &Family, now: f64, cx: &mut Cx) -> Step {
        if self.state[f as usize].running {
            // Coalesced with the refresh in flight: no request.
            cx.stats.coalesced += 1;
            return Step::Running;
        }
        if !self.state[f as usize].started {
            let mut jobs = Vec::new();
            for _ in 0..family.children {
                for kind in WEEK_VIEW {
                    if !self.fresh(kind, family.last_sync, now) {
                        jobs.push(Job::default());
                    }
                }
            }
            let children_fresh = self.fresh(ResourceKind::Children, family.last_sync, now);
            let s = &mut self.state[f as usize];
            s.started = true;
            s.session_ok = family.session_valid;
            s.children_done = children_fresh;
            s.jobs = jobs;
        }
        let login_requests = self.login_requests;
        let s = &mut self.state[f as usize];
        if s.jobs.iter().all(|j| j.done) && s.children_done {
            return Step::Fresh;
        }
        s.running = true;
        s.failed = false;
        s.account.clear();
        s.account_step = 0;
        s.account_job = Job::default();
        if !s.session_ok {
            s.account.push(Account::Login);
            s.login_left = login_requests;
        } else if !s.in_memory {
            s.account.push(Account::Resume);
        }
        if !s.children_done {
            s.account.push(Account::Children);
        }
        if s.account.is_empty() {
            self.start_children(f, now, cx);
            return self.outcome(f);
        }
        if s.account[0] == Account::Login {
            cx.stats.bankid();
            let signing = self.signing.0 + cx.rng.f64() * (self.signing.1 - self.signing.0);
            // Signing in the BankID app; the login requests start after it.
            cx.queue.push(now + signing, Event::Wake(f, u16::MAX, 0));
            return Step::Running;
        }
        self.try_job(f, 0, now, cx);
        self.outcome(f)
    }

    fn wake(&mut self, f: u32, job: u16, _gen: u16, now: f64, cx: &mut Cx) -> Step {
        self.try_job(f, if job == u16::MAX { 0 } else { job }, now, cx);
        self.outcome(f)
    }

    fn answer(
        &mut self,
        f: u32,
        job: u16,
        _gen: u16,
        answer: Answer,
        now: f64,
        cx: &mut Cx,
    ) -> Step {
        let epoch = self.epoch;
        let now_ts = at(epoch, now);
        let retry_after = Duration::from_secs_f64(cx.upstream.retry_after);
        let policy = self.settings.retry.clone();
        let s = &mut self.state[f as usize];
        let attempt = if job == 0 {
            s.account_job.attempt
        } else {
            s.jobs[usize::from(job - 1)].attempt
        };
        let next = match answer {
            Answer::Ok => {
                s.breaker.success();
                None
            }
            Answer::Unavailable => {
                s.breaker.failure(now_ts, &self.settings.breaker);
                s.breaker.retry_after(
                    now_ts,
                    backoff::rate_limit_hold(&policy, attempt, Some(retry_after)),
                );
                Some(backoff::after_failure(&policy, attempt, true, true))
            }
            Answer::Timeout => {
                s.breaker.failure(now_ts, &self.settings.breaker);
                Some(backoff::after_failure(&policy, attempt, true, false))
            }
        };
        // The permit goes back before the job sleeps or ends (as in the engine).
        self.release(f, now, cx);
        match next {
            None => self.finish(f, job, true, now, cx),
            Some(AfterFailure::GiveUp) => self.finish(f, job, false, now, cx),
            Some(AfterFailure::AskHold) => self.try_job(f, job, now, cx),
            Some(AfterFailure::RetryIn(d)) => {
                cx.queue.push(now + seconds(d), Event::Wake(f, job, 0));
            }
        }
        self.outcome(f)
    }
}
