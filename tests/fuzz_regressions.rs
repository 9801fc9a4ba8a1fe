//! Inputs the fuzzers found problems with (see `fuzz/`), kept so they stay fixed.

mod common;

use chrono::Timelike;
use status_callbacks::{parse, Event};

/// Every stored input: whatever parses writes back to a body that parses to the same event.
#[test]
fn every_stored_fuzz_input_round_trips() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz");
    let mut count = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        let body = std::fs::read(&path).unwrap();
        if let Ok(event) = parse(&body) {
            let again = parse(event.to_form().as_bytes());
            assert_eq!(again.as_ref(), Ok(&event), "{path:?}");
        }
        count += 1;
    }
    assert!(count >= 2);
}

/// A voice `Timestamp` sent in RFC 3339 with milliseconds was written back in RFC 2822,
/// which has no fractions, so the instant changed.
#[test]
fn a_voice_timestamp_with_a_fraction_keeps_it() {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz/voice-timestamp-with-fraction.txt"
    ))
    .unwrap();
    let event = parse(&body).unwrap();
    let Event::CallStatus(call) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(call.timestamp.nanosecond(), 514_000_000);
    let form = event.to_form();
    assert!(
        form.contains("Timestamp=2019-08-19T17%3A35%3A01.514Z"),
        "{form}"
    );
    common::assert_round_trip(&body, &event);
}
