//! The upstream platform: a fixed capacity in requests per second, one queue, client
//! timeouts, and 503 with `Retry-After` when the queue is full.

/// What a client learns about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 200: the data.
    Ok,
    /// 503 with `Retry-After` (the queue was full; the request cost nothing).
    Unavailable,
    /// No answer within the client's timeout (the server may still do the work: wasted).
    Timeout,
}

impl Answer {
    /// A small code for the event queue.
    pub fn code(self) -> u8 {
        match self {
            Answer::Ok => 0,
            Answer::Unavailable => 1,
            Answer::Timeout => 2,
        }
    }

    /// The answer of a code.
    pub fn from_code(code: u8) -> Self {
        match code {
            0 => Answer::Ok,
            1 => Answer::Unavailable,
            _ => Answer::Timeout,
        }
    }
}

/// The server: requests are served first come first served at `capacity` per second; a
/// request arriving when more than `queue_limit` seconds of work wait is refused at once with
/// 503 and `Retry-After: retry_after`; a client waits at most `timeout` for its answer.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// Requests per second.
    pub capacity: f64,
    /// The longest backlog (seconds of work) before new requests are refused.
    pub queue_limit: f64,
    /// What the 503 says, seconds.
    pub retry_after: f64,
    /// The client's timeout, seconds.
    pub timeout: f64,
    /// Network round trip, seconds.
    pub rtt: f64,
    free_at: f64,
}

impl Upstream {
    /// An idle server.
    pub fn new(capacity: f64) -> Self {
        Upstream {
            capacity,
            queue_limit: 45.0,
            retry_after: 30.0,
            timeout: 30.0,
            rtt: 0.05,
            free_at: 0.0,
        }
    }

    /// A request sent at `now`: when the client learns the outcome, and the outcome.
    pub fn send(&mut self, now: f64) -> (f64, Answer) {
        let backlog = (self.free_at - now).max(0.0);
        if backlog > self.queue_limit {
            return (now + self.rtt, Answer::Unavailable);
        }
        let done = now.max(self.free_at) + 1.0 / self.capacity;
        self.free_at = done;
        let answer_at = done + self.rtt;
        if answer_at - now > self.timeout {
            (now + self.timeout, Answer::Timeout)
        } else {
            (answer_at, Answer::Ok)
        }
    }
}
