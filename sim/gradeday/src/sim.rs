//! The simulation loop, the parents' behaviour (shared by both policies) and the figures.

use crate::events::{Event, Queue};
use crate::population::Family;
use crate::upstream::{Answer, Upstream};

/// Width of one bin of the load curves, seconds.
pub const BIN: f64 = 10.0;

/// What a policy tells the loop after handling an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Still working.
    Running,
    /// This open ended with all of the family's data fresh.
    Fresh,
    /// This open ended without (all of) it.
    Failed,
}

/// What a policy may do to the world: schedule, send, count.
pub struct Cx<'a> {
    /// Events.
    pub queue: &'a mut Queue,
    /// The upstream.
    pub upstream: &'a mut Upstream,
    /// Figures.
    pub stats: &'a mut Stats,
    /// Random numbers of the simulation (not of the policy).
    pub rng: &'a mut fastrand::Rng,
}

impl Cx<'_> {
    /// Sends a request for job `job` (generation `gen`) of family `f` at `now`.
    pub fn send(&mut self, f: u32, job: u16, gen_: u16, now: f64) {
        let (at, answer) = self.upstream.send(now);
        self.stats.sent(now, answer, at);
        self.queue.push(at, Event::Answer(f, job, gen_, answer));
    }
}

/// A client policy: the app that runs on every family's phone.
pub trait Policy {
    /// The parent opens the app (`first` for the first time). A policy that is still working
    /// may coalesce or restart.
    fn open(&mut self, f: u32, family: &Family, now: f64, cx: &mut Cx) -> Step;
    /// A timer of job `job` fired.
    fn wake(&mut self, f: u32, job: u16, gen_: u16, now: f64, cx: &mut Cx) -> Step;
    /// An answer for job `job` arrived.
    fn answer(
        &mut self,
        f: u32,
        job: u16,
        gen_: u16,
        answer: Answer,
        now: f64,
        cx: &mut Cx,
    ) -> Step;
}

/// The parents: after an open that ended without data, or when no data came within their
/// patience, they open again (at most `max_opens` times in all).
#[derive(Debug, Clone)]
pub struct Parents {
    /// Opens per family at most.
    pub max_opens: u8,
    /// Patience with a running open, seconds (uniform).
    pub patience: (f64, f64),
    /// Pause before opening again after a failed open, seconds (uniform).
    pub pause: (f64, f64),
}

impl Default for Parents {
    fn default() -> Self {
        Parents {
            max_opens: 4,
            patience: (45.0, 120.0),
            pause: (10.0, 60.0),
        }
    }
}

/// Figures of one run.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Requests arriving at the upstream per bin (offered load).
    pub offered: Vec<u32>,
    /// Requests answered 200 per bin (by the time of the answer).
    pub served: Vec<u32>,
    /// Families that got fresh data, per bin.
    pub fresh: Vec<u32>,
    /// Requests.
    pub requests: u64,
    /// 503s.
    pub refused: u64,
    /// Timeouts.
    pub timeouts: u64,
    /// BankID orders.
    pub bankid: u64,
    /// Opens that joined a refresh already running instead of starting one.
    pub coalesced: u64,
    /// Opens.
    pub opens: u64,
    /// Time to data of the families that got it, seconds.
    pub time_to_data: Vec<f32>,
    /// Families.
    pub families: u64,
}

fn bin(v: &mut Vec<u32>, t: f64) {
    let i = (t / BIN) as usize;
    if v.len() <= i {
        v.resize(i + 1, 0);
    }
    v[i] += 1;
}

impl Stats {
    fn sent(&mut self, now: f64, answer: Answer, at: f64) {
        self.requests += 1;
        bin(&mut self.offered, now);
        match answer {
            Answer::Ok => bin(&mut self.served, at),
            Answer::Unavailable => self.refused += 1,
            Answer::Timeout => self.timeouts += 1,
        }
    }

    /// A BankID order.
    pub fn bankid(&mut self) {
        self.bankid += 1;
    }

    /// Share of families with fresh data.
    pub fn fresh_share(&self) -> f64 {
        self.time_to_data.len() as f64 / self.families.max(1) as f64
    }

    /// A quantile of the time to data, seconds (`None` when nobody got data).
    pub fn time_to_data_quantile(&self, q: f64) -> Option<f64> {
        if self.time_to_data.is_empty() {
            return None;
        }
        let mut v = self.time_to_data.clone();
        v.sort_by(f32::total_cmp);
        let i = ((v.len() - 1) as f64 * q).round() as usize;
        Some(f64::from(v[i]))
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Parent {
    opens: u8,
    running: bool,
    done: bool,
}

/// Runs `policy` over `families` against `upstream` until `horizon` seconds.
pub fn run(
    policy: &mut dyn Policy,
    families: &[Family],
    mut upstream: Upstream,
    parents: &Parents,
    horizon: f64,
    seed: u64,
) -> Stats {
    let mut queue = Queue::default();
    let mut stats = Stats {
        families: families.len() as u64,
        ..Stats::default()
    };
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut state = vec![Parent::default(); families.len()];
    // First opens come from a sorted list merged with the queue (a smaller heap is faster).
    let mut first: Vec<(f64, u32)> = families
        .iter()
        .enumerate()
        .map(|(i, f)| (f.first_open, i as u32))
        .collect();
    first.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut first = first.into_iter().peekable();
    loop {
        let take_first = match (first.peek(), queue.peek_time()) {
            (Some(&(t, _)), Some(q)) => t <= q,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let (now, event) = if take_first {
            match first.next() {
                Some((t, f)) => (t, Event::Open(f)),
                None => break,
            }
        } else {
            match queue.pop() {
                Some(e) => e,
                None => break,
            }
        };
        if now > horizon {
            break;
        }
        let mut cx = Cx {
            queue: &mut queue,
            upstream: &mut upstream,
            stats: &mut stats,
            rng: &mut rng,
        };
        let (f, step) = match event {
            Event::Open(f) => {
                let p = &mut state[f as usize];
                if p.done || p.opens >= parents.max_opens {
                    continue;
                }
                p.opens += 1;
                p.running = true;
                cx.stats.opens += 1;
                let patience =
                    parents.patience.0 + cx.rng.f64() * (parents.patience.1 - parents.patience.0);
                cx.queue.push(now + patience, Event::Patience(f, p.opens));
                (f, policy.open(f, &families[f as usize], now, &mut cx))
            }
            Event::Patience(f, n) => {
                let p = &state[f as usize];
                if !p.done && p.running && p.opens == n {
                    cx.queue.push(now, Event::Open(f));
                }
                continue;
            }
            Event::Wake(f, job, g) => (f, policy.wake(f, job, g, now, &mut cx)),
            Event::Answer(f, job, g, a) => (f, policy.answer(f, job, g, a, now, &mut cx)),
        };
        let p = &mut state[f as usize];
        match step {
            Step::Running => {}
            Step::Fresh => {
                if !p.done {
                    p.done = true;
                    p.running = false;
                    let waited = now - families[f as usize].first_open;
                    stats.time_to_data.push(waited as f32);
                    bin(&mut stats.fresh, now);
                }
            }
            Step::Failed => {
                p.running = false;
                if !p.done && p.opens < parents.max_opens {
                    let pause = parents.pause.0 + rng.f64() * (parents.pause.1 - parents.pause.0);
                    queue.push(now + pause, Event::Open(f));
                }
            }
        }
    }
    stats
}
