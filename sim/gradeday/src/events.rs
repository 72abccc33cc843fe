//! The event queue of the discrete-event simulation: simulated time in microseconds.

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

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Item {
    at: u64,
    seq: u64,
    event: EventKey,
}

/// `Event` with a total order (the order only breaks ties after `seq`, which is unique).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct EventKey(u8, u32, u16, u16, u8);

fn encode(e: Event) -> EventKey {
    match e {
        Event::Open(f) => EventKey(0, f, 0, 0, 0),
        Event::Patience(f, n) => EventKey(1, f, 0, 0, n),
        Event::Wake(f, j, g) => EventKey(2, f, j, g, 0),
        Event::Answer(f, j, g, a) => EventKey(3, f, j, g, a.code()),
    }
}

fn decode(k: EventKey) -> Event {
    match k.0 {
        0 => Event::Open(k.1),
        1 => Event::Patience(k.1, k.4),
        2 => Event::Wake(k.1, k.2, k.3),
        _ => Event::Answer(k.1, k.2, k.3, Answer::from_code(k.4)),
    }
}

/// A priority queue of events by time, first in first out among equal times.
#[derive(Debug, Default)]
pub struct Queue {
    heap: BinaryHeap<Reverse<Item>>,
    seq: u64,
}

/// Seconds to microseconds.
pub fn micros(seconds: f64) -> u64 {
    (seconds.max(0.0) * 1e6) as u64
}

impl Queue {
    /// Schedules `event` at `at` seconds.
    pub fn push(&mut self, at: f64, event: Event) {
        self.seq += 1;
        self.heap.push(Reverse(Item {
            at: micros(at),
            seq: self.seq,
            event: encode(event),
        }));
    }

    /// The time of the next event, seconds.
    pub fn peek_time(&self) -> Option<f64> {
        self.heap.peek().map(|Reverse(i)| i.at as f64 / 1e6)
    }

    /// The next event and its time in seconds.
    pub fn pop(&mut self) -> Option<(f64, Event)> {
        self.heap
            .pop()
            .map(|Reverse(i)| (i.at as f64 / 1e6, decode(i.event)))
    }
}
