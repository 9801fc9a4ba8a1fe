//! Large and hostile bodies: refused or parsed, with memory a small multiple of the body.
//!
//! Memory is counted by a global allocator in this test binary (so these tests run one at a
//! time, under a lock); time is measured by the `scale` benchmark group, not asserted here.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use status_callbacks::{parse, Event, ParseError, MAX_PARAMETERS};

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static SERIAL: Mutex<()> = Mutex::new(());

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result and the most memory it held at once, in bytes.
fn peak_memory<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = CURRENT.load(Ordering::SeqCst);
    PEAK.store(base, Ordering::SeqCst);
    let result = f();
    (result, PEAK.load(Ordering::SeqCst) - base)
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_mebibyte_of_50000_parameters_is_refused_early() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let mut body = fixture("video/room-ended.txt");
    let mut i = 0;
    while body.len() < 1 << 20 {
        body.extend_from_slice(format!("&P{i}=v{i}").as_bytes());
        i += 1;
    }
    assert!(i > 50_000, "{i} parameters");
    let (result, peak) = peak_memory(|| parse(&body));
    assert!(
        matches!(
            result,
            Err(ParseError::TooManyParameters {
                limit: MAX_PARAMETERS,
                ..
            })
        ),
        "{result:?}"
    );
    assert_eq!(
        result.unwrap_err().to_string(),
        "the body holds more than 1000 parameters"
    );
    // Refused after at most MAX_PARAMETERS pairs: far less than the body.
    assert!(
        peak < body.len() / 4,
        "peak {peak} bytes for a {} byte body",
        body.len()
    );
}

#[test]
fn up_to_the_limit_every_parameter_is_kept() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let base = fixture("video/room-ended.txt");
    let typed = form_urlencoded::parse(&base).count();
    let mut body = base.clone();
    for i in 0..MAX_PARAMETERS - typed {
        body.extend_from_slice(format!("&Unknown{i}=value+{i}").as_bytes());
    }
    let (event, peak) = peak_memory(|| parse(&body).unwrap());
    assert_eq!(event.extra().len(), MAX_PARAMETERS - typed);
    assert!(
        peak < 8 * body.len(),
        "peak {peak} bytes for a {} byte body",
        body.len()
    );
    body.extend_from_slice(b"&OneMore=1");
    assert!(matches!(
        parse(&body),
        Err(ParseError::TooManyParameters { .. })
    ));
    // Empty pieces are not parameters.
    body.truncate(body.len() - b"&OneMore=1".len());
    body.extend_from_slice(b"&&&");
    assert!(parse(&body).is_ok());
}

#[test]
fn a_mebibyte_value_is_parsed_with_memory_a_small_multiple_of_the_body() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let big = "x%20y".repeat((1 << 20) / 5);
    let body = [
        fixture("video/composition-failed.txt"),
        format!("&Notes={big}").into_bytes(),
    ]
    .concat();
    let (event, peak) = peak_memory(|| parse(&body).unwrap());
    let Event::Composition(_) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(
        event.extra().get("Notes").map(str::len),
        Some(big.len() * 3 / 5)
    );
    assert!(
        peak < 3 * body.len(),
        "peak {peak} bytes for a {} byte body",
        body.len()
    );
}

/// `verify_and_parse` scans the body once, for the signature and for the event, and feeds the
/// signed string to the HMAC piece by piece: with a mebibyte value, escaped or not, it needs
/// at most 1.5 times the body (it needed up to 3 times when it scanned twice and built the
/// signed string).
#[cfg(feature = "signature")]
#[test]
fn verify_and_parse_needs_at_most_one_and_a_half_times_the_body() {
    use status_callbacks::signature::{sign_body, Validator};

    let _serial = SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let url = "https://hooks.example.com/callbacks";
    let validator = Validator::twilio("token").unwrap();
    let signalwire = Validator::signalwire("token").unwrap();
    for value in ["x%20y".repeat((1 << 20) / 5), "xy".repeat(1 << 19)] {
        let body = [
            fixture("voice/call-completed.txt"),
            format!("&Notes={value}").into_bytes(),
        ]
        .concat();
        let signature = sign_body("token", url, &body).unwrap();
        for validator in [&validator, &signalwire] {
            let (event, peak) = peak_memory(|| {
                validator
                    .verify_and_parse_as::<Event>(url, &body, &signature, None)
                    .unwrap()
            });
            assert!(event.extra().get("Notes").is_some());
            assert!(
                peak * 2 <= body.len() * 3,
                "peak {peak} bytes for a {} byte body",
                body.len()
            );
        }
    }
}
