//! `parse` on any bytes: never panics, and whatever parses writes back to a body that parses
//! to the same event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use status_callbacks::parse;

fuzz_target!(|body: &[u8]| {
    if let Ok(event) = parse(body) {
        let form = event.to_form();
        let again = parse(form.as_bytes()).expect("to_form output parses");
        assert_eq!(again, event, "parse(to_form(e)) != e for {form}");
        let _ = serde_json::to_string(&event).expect("serialises");
        let _ = event.summary();
    }
});
