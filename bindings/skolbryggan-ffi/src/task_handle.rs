//! [`TaskHandle`]: a background task the app can cancel.

use crate::error::FfiResult;
use std::sync::Mutex;

use tokio::task::JoinHandle;

/// A running background task (a subscription, an observed login). `cancel()` stops it; it is
/// also stopped when the handle is destroyed (Kotlin `close()`, Swift `deinit`), so keep it as
/// long as you want the updates.
#[derive(Debug, uniffi::Object)]
pub struct TaskHandle {
    task: Mutex<Option<JoinHandle<()>>>,
}

impl TaskHandle {
    pub(crate) fn new(task: JoinHandle<()>) -> Self {
        TaskHandle {
            task: Mutex::new(Some(task)),
        }
    }
}

#[uniffi::export]
impl TaskHandle {
    /// Stops the task. Calling it again does nothing.
    pub fn cancel(&self) -> FfiResult<()> {
        if let Ok(mut guard) = self.task.lock()
            && let Some(task) = guard.take()
        {
            task.abort();
        }
        Ok(())
    }

    /// True once the task has stopped (finished or cancelled).
    pub fn is_finished(&self) -> FfiResult<bool> {
        Ok(match self.task.lock() {
            Ok(guard) => guard.as_ref().is_none_or(JoinHandle::is_finished),
            Err(_) => true,
        })
    }
}

impl Drop for TaskHandle {
    fn drop(&mut self) {
        let _ = self.cancel();
    }
}
