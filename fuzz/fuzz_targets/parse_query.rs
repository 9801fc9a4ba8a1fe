//! `parse_query` on any text: never panics, and agrees with `parse` on the same pairs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use status_callbacks::{parse, parse_query};

fuzz_target!(|query: &str| {
    let from_query = parse_query(query);
    let without_mark = query.strip_prefix('?').unwrap_or(query);
    assert_eq!(from_query, parse(without_mark.as_bytes()));
    if let Ok(event) = from_query {
        let again = parse_query(&event.to_form()).expect("to_form output parses");
        assert_eq!(again, event);
    }
});
