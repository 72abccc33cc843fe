//! The event queue of the discrete-event simulation: simulated time in microseconds, each
//! event packed with its time into one `u128` so the heap moves 16 bytes per entry.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::upstream::Answer;

/// Something that happens to one family at a simulated moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The parent opens the app (or pulls to refresh).
    Open(u32),
    /// The parent's patience with open number `1` (counted from 1) runs out.
    Patience(u32, u8),
    /// Job `1` of the family continues (a timer of generation `2` fired).
    Wake(u32, u16, u16),
    /// The upstream's answer to job `1` (generation `2`) arrives.
    Answer(u32, u16, u16, Answer),
}

// Layout, most significant first: time in µs (48 bits), kind (2), family (32), job (16),
// generation (16), small (8): 122 bits. Equal times order by the rest (deterministic).
fn encode(at: u64, e: Event) -> u128 {
    let (kind, f, job, generation, small): (u128, u32, u16, u16, u8) = match e {
        Event::Open(f) => (0, f, 0, 0, 0),
        Event::Patience(f, n) => (1, f, 0, 0, n),
        Event::Wake(f, j, g) => (2, f, j, g, 0),
        Event::Answer(f, j, g, a) => (3, f, j, g, a.code()),
    };
    (u128::from(at.min((1 << 48) - 1)) << 74)
        | (kind << 72)
        | (u128::from(f) << 40)
        | (u128::from(job) << 24)
        | (u128::from(generation) << 8)
        | u128::from(small)
}

fn decode(v: u128) -> (u64, Event) {
    let at = (v >> 74) as u64;
    let f = (v >> 40) as u32;
    let job = (v >> 24) as u16;
    let generation = (v >> 8) as u16;
    let small = v as u8;
    let event = match (v >> 72) & 3 {
        0 => Event::Open(f),
        1 => Event::Patience(f, small),
        2 => Event::Wake(f, job, generation),
        _ => Event::Answer(f, job, generation, Answer::from_code(small)),
    };
    (at, event)
}

/// A priority queue of events by time.
#[derive(Debug, Default)]
pub struct Queue {
    heap: BinaryHeap<Reverse<u128>>,
}

/// Seconds to microseconds.
pub fn micros(seconds: f64) -> u64 {
    (seconds.max(0.0) * 1e6) as u64
}

impl Queue {
    /// Schedules `event` at `at` seconds.
    pub fn push(&mut self, at: f64, event: Event) {
        self.heap.push(Reverse(encode(micros(at), event)));
    }

    /// The time of the next event, seconds.
    pub fn peek_time(&self) -> Option<f64> {
        self.heap.peek().map(|Reverse(v)| decode(*v).0 as f64 / 1e6)
    }

    /// The next event and its time in seconds.
    pub fn pop(&mut self) -> Option<(f64, Event)> {
        self.heap.pop().map(|Reverse(v)| {
            let (at, e) = decode(v);
            (at as f64 / 1e6, e)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_order() {
        let events = [
            Event::Open(499_999),
            Event::Patience(3, 4),
            Event::Wake(7, u16::MAX, 65_000),
            Event::Answer(1, 30, 2, Answer::Timeout),
        ];
        for e in events {
            assert_eq!(decode(encode(123_456_789, e)), (123_456_789, e));
        }
        let mut q = Queue::default();
        q.push(2.0, Event::Open(1));
        q.push(1.0, Event::Open(2));
        assert_eq!(q.pop(), Some((1.0, Event::Open(2))));
    }
}
