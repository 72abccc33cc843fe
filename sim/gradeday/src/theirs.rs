//! The upstream parents' app, as described in the issue: it never restores a saved session
//! (every open is a BankID login), then fetches everything for every child at once (about 41
//! requests for three children, login included); every failed request is retried six times at
//! 0.2, 0.4, … 6.4 s, with no jitter and no regard for `Retry-After`.

use crate::events::Event;
use crate::population::Family;
use crate::sim::{Cx, Policy, Step};
use crate::upstream::Answer;

/// Requests of the login (sequential), and per child (all at once).
#[derive(Debug, Clone)]
pub struct TheirApp {
    /// Login requests against the platform after BankID, one after the other.
    pub login_requests: u16,
    /// Requests per child, all in parallel.
    pub per_child: u16,
    /// Retries per request.
    pub retries: u8,
    /// First retry delay, seconds (doubling).
    pub first_delay: f64,
    /// Time to sign in the BankID app, seconds (uniform).
    pub signing: (f64, f64),
    state: Vec<State>,
}

#[derive(Debug, Clone, Default)]
struct State {
    generation: u16,
    login_step: u16,
    outstanding: u16,
    failed: bool,
    /// Attempts so far of the login step (job 0) and of every child request (jobs 1…).
    attempts: Vec<u8>,
}

impl TheirApp {
    /// The app, for `families` families.
    pub fn new(families: usize) -> Self {
        TheirApp {
            login_requests: 11,
            per_child: 10,
            retries: 6,
            first_delay: 0.2,
            signing: (10.0, 30.0),
            state: vec![State::default(); families],
        }
    }

    fn delay(&self, retry: u8) -> f64 {
        self.first_delay * f64::from(1u32 << retry.min(16))
    }
}

impl Policy for TheirApp {
    fn open(&mut self, f: u32, family: &Family, now: f64, cx: &mut Cx) -> Step {
        // A cold start: whatever ran before is gone, log in again.
        let s = &mut self.state[f as usize];
        s.generation = s.generation.wrapping_add(1);
        s.login_step = 0;
        s.failed = false;
        s.outstanding = u16::from(family.children) * self.per_child;
        s.attempts.clear();
        s.attempts.resize(1 + usize::from(s.outstanding), 0);
        cx.stats.bankid();
        let signing = self.signing.0 + cx.rng.f64() * (self.signing.1 - self.signing.0);
        cx.queue
            .push(now + signing, Event::Wake(f, 0, s.generation));
        Step::Running
    }

    fn wake(&mut self, f: u32, job: u16, gen_: u16, now: f64, cx: &mut Cx) -> Step {
        let s = &mut self.state[f as usize];
        if gen_ != s.generation {
            return Step::Running;
        }
        s.attempts[usize::from(job)] += 1;
        cx.send(f, job, gen_, now);
        Step::Running
    }

    fn answer(
        &mut self,
        f: u32,
        job: u16,
        gen_: u16,
        answer: Answer,
        now: f64,
        cx: &mut Cx,
    ) -> Step {
        let retries = self.retries;
        let delay = self.delay(self.state[f as usize].attempts[usize::from(job)].saturating_sub(1));
        let login_requests = self.login_requests;
        let s = &mut self.state[f as usize];
        if gen_ != s.generation {
            return Step::Running;
        }
        let j = usize::from(job);
        if answer != Answer::Ok {
            if s.attempts[j] <= retries {
                cx.queue.push(now + delay, Event::Wake(f, job, gen_));
                return Step::Running;
            }
            if job == 0 {
                // The login failed: nothing to show.
                return Step::Failed;
            }
            s.failed = true;
        } else if job == 0 {
            s.login_step += 1;
            s.attempts[0] = 0;
            if s.login_step < login_requests {
                s.attempts[0] = 1;
                cx.send(f, 0, gen_, now);
            } else {
                // Logged in: every hook fires at once.
                for k in 1..=s.outstanding {
                    s.attempts[usize::from(k)] = 1;
                    cx.send(f, k, gen_, now);
                }
            }
            return Step::Running;
        }
        s.outstanding -= 1;
        if s.outstanding > 0 {
            Step::Running
        } else if s.failed {
            Step::Failed
        } else {
            Step::Fresh
        }
    }
}
