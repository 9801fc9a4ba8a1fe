//! What both example receivers share: limits that keep a receiver safe to expose, and a
//! rejection log that cannot be used to flood standard error.

use std::fmt::Display;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The largest body accepted. Real callbacks are a few KiB at most; 64 KiB is plenty, and a
/// larger body is answered 413 without being read.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The most connections served at once; more are closed as soon as they are accepted.
pub const MAX_CONNECTIONS: usize = 256;

/// How long a client may take to send a request's headers, and then its body: a client that
/// holds a half-sent request is disconnected after this. `READ_TIMEOUT_SECS` sets it
/// (default 10 seconds).
pub fn read_timeout() -> Duration {
    let seconds = std::env::var("READ_TIMEOUT_SECS")
        .ok()
        .and_then(|text| text.parse::<u64>().ok())
        .filter(|&seconds| seconds > 0)
        .unwrap_or(10);
    Duration::from_secs(seconds)
}

/// The most rejection lines written per second; the others are counted, and the count is
/// written with the next line that is allowed.
const LINES_PER_SECOND: u32 = 10;

/// Writes rejection lines to standard error, at most [`LINES_PER_SECOND`] a second.
pub struct RejectionLog {
    state: Mutex<Window>,
}

struct Window {
    started: Option<Instant>,
    written: u32,
    dropped: u64,
}

impl RejectionLog {
    pub const fn new() -> Self {
        RejectionLog {
            state: Mutex::new(Window {
                started: None,
                written: 0,
                dropped: 0,
            }),
        }
    }

    pub fn log(&self, line: impl Display) {
        let mut window = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        if window
            .started
            .is_none_or(|started| now.duration_since(started) >= Duration::from_secs(1))
        {
            if window.dropped > 0 {
                eprintln!("({} more rejections not logged)", window.dropped);
            }
            *window = Window {
                started: Some(now),
                written: 0,
                dropped: 0,
            };
        }
        if window.written < LINES_PER_SECOND {
            window.written += 1;
            eprintln!("{line}");
        } else {
            window.dropped += 1;
        }
    }
}
