//! The per-child queue Stockholm needs when a guardian has a pre-school (`FS`) child.
//!
//! The e-services keep one *current child* per session, and for families with an `FS` child some
//! endpoints answer for that current child whatever `childId` says. Calls made on behalf of a child
//! therefore take a *turn*: a turn is only granted while no other child's calls are in flight, and
//! the first turn after a switch posts `SelectChild` (skipped when that child is already selected).
//!
//! Turns are granted first-come first-served across children (a child waiting for its turn blocks
//! later calls of the current child, so no child starves); calls of the current child run together
//! up to a bound. Dropping a waiting or running future releases everything it held.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::error::Result;

/// Requests of one child allowed in flight at once (the upstream app allows 10).
pub const MAX_IN_FLIGHT_PER_CHILD: usize = 10;

#[derive(Debug, Default)]
struct State {
    /// The child the upstream session has selected, as far as we know.
    selected: Option<String>,
    /// The child whose calls are in flight (meaningful while `in_flight > 0`).
    active: Option<String>,
    in_flight: usize,
    /// A `SelectChild` is running.
    switching: bool,
    /// Waiting calls, oldest first: (ticket, child).
    waiters: VecDeque<(u64, String)>,
    next_ticket: u64,
}

impl State {
    fn may_enter(&self, ticket: u64, child: &str, max: usize) -> bool {
        if self.switching {
            return false;
        }
        if self.in_flight > 0 && (self.active.as_deref() != Some(child) || self.in_flight >= max) {
            return false;
        }
        self.waiters
            .iter()
            .take_while(|(t, _)| *t < ticket)
            .all(|(_, c)| c == child)
    }

    fn remove_waiter(&mut self, ticket: u64) {
        self.waiters.retain(|(t, _)| *t != ticket);
    }
}

/// One queue per provider session, shared by all children.
#[derive(Debug)]
pub struct ChildQueue {
    state: Mutex<State>,
    notify: Notify,
    max_per_child: usize,
}

impl Default for ChildQueue {
    fn default() -> Self {
        ChildQueue::new(MAX_IN_FLIGHT_PER_CHILD)
    }
}

/// A granted turn: the child's call may run while this lives.
#[derive(Debug)]
pub struct Turn<'a> {
    queue: &'a ChildQueue,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut state = self.queue.lock();
        state.in_flight = state.in_flight.saturating_sub(1);
        if state.in_flight == 0 {
            state.active = None;
        }
        drop(state);
        self.queue.notify.notify_waiters();
    }
}

/// Removes a waiter's ticket if its future is dropped before it got a turn.
struct Ticket<'a> {
    queue: &'a ChildQueue,
    ticket: u64,
    done: bool,
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.queue.lock().remove_waiter(self.ticket);
            self.queue.notify.notify_waiters();
        }
    }
}

/// Ends a `SelectChild` phase; if the select did not complete, the selection is unknown.
struct Switch<'a> {
    queue: &'a ChildQueue,
    child: String,
    completed: bool,
}

impl Drop for Switch<'_> {
    fn drop(&mut self) {
        let mut state = self.queue.lock();
        state.switching = false;
        state.selected = self.completed.then(|| self.child.clone());
        drop(state);
        self.queue.notify.notify_waiters();
    }
}

impl ChildQueue {
    /// A queue allowing `max_per_child` calls of the current child at once.
    pub fn new(max_per_child: usize) -> Self {
        ChildQueue {
            state: Mutex::new(State::default()),
            notify: Notify::new(),
            max_per_child: max_per_child.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The child the session is known to have selected.
    pub fn selected(&self) -> Option<String> {
        self.lock().selected.clone()
    }

    /// Forgets which child is selected (new session, logout, or an answer for the wrong child).
    pub fn forget_selection(&self) {
        self.lock().selected = None;
    }

    /// Waits for `child`'s turn. When the session has another child selected, `select` runs
    /// first (with no other call in flight); if it fails, the turn is not granted.
    pub async fn enter<F, Fut>(&self, child: &str, select: F) -> Result<Turn<'_>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<()>>,
    {
        let mut ticket = {
            let mut state = self.lock();
            let ticket = state.next_ticket;
            state.next_ticket += 1;
            state.waiters.push_back((ticket, child.to_owned()));
            Ticket {
                queue: self,
                ticket,
                done: false,
            }
        };
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let must_select = {
                let mut state = self.lock();
                if state.may_enter(ticket.ticket, child, self.max_per_child) {
                    state.remove_waiter(ticket.ticket);
                    ticket.done = true;
                    state.in_flight += 1;
                    state.active = Some(child.to_owned());
                    let must_select = state.selected.as_deref() != Some(child);
                    if must_select {
                        state.switching = true;
                    }
                    Some(must_select)
                } else {
                    None
                }
            };
            match must_select {
                None => notified.await,
                Some(false) => return Ok(Turn { queue: self }),
                Some(true) => {
                    let turn = Turn { queue: self };
                    let mut switch = Switch {
                        queue: self,
                        child: child.to_owned(),
                        completed: false,
                    };
                    select().await?;
                    switch.completed = true;
                    drop(switch);
                    return Ok(turn);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::error::Error;

    #[derive(Default)]
    struct Probe {
        selects: Mutex<Vec<String>>,
        running: Mutex<Vec<String>>,
        mixed: AtomicUsize,
        max_same: AtomicUsize,
    }

    async fn call(queue: Arc<ChildQueue>, probe: Arc<Probe>, child: &'static str) -> Result<()> {
        let p = probe.clone();
        let _turn = queue
            .enter(child, || async move {
                assert!(
                    p.running.lock().unwrap().is_empty(),
                    "select while calls run"
                );
                p.selects.lock().unwrap().push(child.to_owned());
                tokio::time::sleep(Duration::from_millis(5)).await;
                Ok(())
            })
            .await?;
        {
            let mut running = probe.running.lock().unwrap();
            running.push(child.to_owned());
            if running.iter().any(|c| c != child) {
                probe.mixed.fetch_add(1, Ordering::SeqCst);
            }
            probe.max_same.fetch_max(running.len(), Ordering::SeqCst);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        let mut running = probe.running.lock().unwrap();
        if let Some(i) = running.iter().position(|c| c == child) {
            running.remove(i);
        }
        Ok(())
    }

    #[tokio::test]
    async fn never_two_children_in_flight() {
        let queue = Arc::new(ChildQueue::new(3));
        let probe = Arc::new(Probe::default());
        let mut tasks = Vec::new();
        for i in 0..30 {
            let child = ["A", "B", "C"][i % 3];
            tasks.push(tokio::spawn(call(queue.clone(), probe.clone(), child)));
        }
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert_eq!(probe.mixed.load(Ordering::SeqCst), 0);
        assert!(probe.max_same.load(Ordering::SeqCst) <= 3);
        // Every child got selected at least once, and a select happened only on a switch.
        let selects = probe.selects.lock().unwrap().clone();
        for c in ["A", "B", "C"] {
            assert!(selects.iter().any(|s| s == c));
        }
        assert!(selects.windows(2).all(|w| w[0] != w[1]));
    }

    #[tokio::test]
    async fn select_is_skipped_for_the_selected_child() {
        let queue = Arc::new(ChildQueue::default());
        let probe = Arc::new(Probe::default());
        call(queue.clone(), probe.clone(), "A").await.unwrap();
        call(queue.clone(), probe.clone(), "A").await.unwrap();
        assert_eq!(*probe.selects.lock().unwrap(), vec!["A".to_owned()]);
        assert_eq!(queue.selected().as_deref(), Some("A"));
        queue.forget_selection();
        call(queue.clone(), probe.clone(), "A").await.unwrap();
        assert_eq!(probe.selects.lock().unwrap().len(), 2);
    }

    #[tokio::test]
    async fn failed_select_releases_the_queue() {
        let queue = ChildQueue::default();
        let err = queue
            .enter("A", || async {
                Err(Error::upstream("SelectChild", Some(500), "boom"))
            })
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Upstream { .. }));
        assert_eq!(queue.selected(), None);
        let turn = tokio::time::timeout(
            Duration::from_secs(1),
            queue.enter("B", || async { Ok(()) }),
        )
        .await
        .unwrap()
        .unwrap();
        drop(turn);
        assert_eq!(queue.selected().as_deref(), Some("B"));
    }

    #[tokio::test]
    async fn dropped_waiter_does_not_block_others() {
        let queue = Arc::new(ChildQueue::default());
        let a = queue.enter("A", || async { Ok(()) }).await.unwrap();
        // B waits behind A; drop it while waiting.
        let waiting = tokio::time::timeout(
            Duration::from_millis(50),
            queue.enter("B", || async { Ok(()) }),
        )
        .await;
        assert!(waiting.is_err());
        // A can still take more turns: the dropped B no longer blocks it.
        let a2 = tokio::time::timeout(
            Duration::from_millis(200),
            queue.enter("A", || async { Ok(()) }),
        )
        .await
        .unwrap()
        .unwrap();
        drop(a);
        drop(a2);
    }

    #[tokio::test]
    async fn a_waiting_child_is_not_starved() {
        let queue = Arc::new(ChildQueue::default());
        let a = queue.enter("A", || async { Ok(()) }).await.unwrap();
        let q = queue.clone();
        let b = tokio::spawn(async move {
            let _t = q.enter("B", || async { Ok(()) }).await.unwrap();
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        // A later call for A must wait behind B.
        let later_a = tokio::time::timeout(
            Duration::from_millis(50),
            queue.enter("A", || async { Ok(()) }),
        )
        .await;
        assert!(later_a.is_err());
        drop(a);
        b.await.unwrap();
        assert_eq!(queue.selected().as_deref(), Some("B"));
    }
}
