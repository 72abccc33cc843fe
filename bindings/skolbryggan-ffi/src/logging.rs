//! Logging: the core's `tracing` events forwarded to a sink the app implements (logcat, oslog,
//! a file, Python's `logging`).
//!
//! Log lines never contain personal numbers, names or message bodies: the core masks them
//! before logging.

use crate::listener_error::ListenerError;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock, RwLock};

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::{Layer, Registry};

/// Severity of a log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum LogLevel {
    /// Very detailed tracing.
    Trace,
    /// Debugging detail.
    Debug,
    /// Normal operation.
    Info,
    /// Something unexpected that was handled.
    Warn,
    /// Something failed.
    Error,
}

impl LogLevel {
    fn from_tracing(level: &Level) -> Self {
        match *level {
            Level::TRACE => LogLevel::Trace,
            Level::DEBUG => LogLevel::Debug,
            Level::INFO => LogLevel::Info,
            Level::WARN => LogLevel::Warn,
            _ => LogLevel::Error,
        }
    }
}

/// One log line.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct LogRecord {
    /// Severity.
    pub level: LogLevel,
    /// The Rust module that logged (`skolbryggan::provider::login`).
    pub target: String,
    /// The message, with its fields as `key=value`.
    pub message: String,
}

/// Receives the library's log lines. Implement it in the app (Android: `Log.println`, iOS:
/// `os_log`) and pass it to `ClientBuilder.logSink`.
///
/// Called from background threads; must not block for long and must not call back into the
/// library.
#[uniffi::export(foreign)]
pub trait LogSink: Send + Sync {
    /// One log line at or above the level given to the builder.
    fn log(&self, record: LogRecord) -> Result<(), ListenerError>;
}

struct Sink {
    sink: Arc<dyn LogSink>,
    min: LogLevel,
}

static SINK: OnceLock<RwLock<Option<Sink>>> = OnceLock::new();

fn slot() -> &'static RwLock<Option<Sink>> {
    SINK.get_or_init(|| RwLock::new(None))
}

/// Installs `sink` as the process's log sink (replacing an earlier one); the global `tracing`
/// subscriber is installed on first use.
pub(crate) fn install(sink: Arc<dyn LogSink>, min: LogLevel) {
    if let Ok(mut guard) = slot().write() {
        *guard = Some(Sink { sink, min });
    }
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let subscriber = Registry::default().with(ForwardLayer);
        // Fails only when the host process installed its own subscriber: then that one wins.
        let _ = tracing::subscriber::set_global_default(subscriber);
    });
}

struct ForwardLayer;

#[derive(Default)]
struct Fields {
    message: String,
    rest: String,
}

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            let _ = write!(self.rest, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            let _ = write!(self.rest, " {}={value}", field.name());
        }
    }
}

impl<S: Subscriber> Layer<S> for ForwardLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let Ok(guard) = slot().read() else {
            return;
        };
        let Some(sink) = guard.as_ref() else {
            return;
        };
        let level = LogLevel::from_tracing(event.metadata().level());
        if level < sink.min {
            return;
        }
        let mut fields = Fields::default();
        event.record(&mut fields);
        let record = LogRecord {
            level,
            target: event.metadata().target().to_owned(),
            message: format!("{}{}", fields.message, fields.rest),
        };
        // A foreign sink that throws must not take the library down.
        let sink = sink.sink.clone();
        drop(guard);
        // Its error is dropped silently: logging it would call the sink again.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sink.log(record)));
    }
}
