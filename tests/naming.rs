//! The one rule from wire names to Rust: every typed parameter's field is its wire name in
//! snake case, at the top of the event struct, for every kind of every family.

use status_callbacks::{parse, EventKind};

mod common;

/// `RoomSid` -> `room_sid`, `AudioInMos` -> `audio_in_mos`, `Unique-ID` -> `unique_id`; a Rust
/// keyword is a raw identifier (`Type` -> `r#type`).
fn snake_case(wire: &str) -> String {
    let chars: Vec<char> = wire.chars().collect();
    let mut out = String::new();
    for (at, &c) in chars.iter().enumerate() {
        if c == '-' || c == '_' {
            out.push('_');
            continue;
        }
        if c.is_ascii_uppercase() && at > 0 {
            let before = chars[at - 1];
            let after = chars.get(at + 1).copied();
            let starts_word = before.is_ascii_lowercase()
                || before.is_ascii_digit()
                || (before.is_ascii_uppercase() && after.is_some_and(|a| a.is_ascii_lowercase()));
            if starts_word && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    match out.as_str() {
        "type" | "final" | "match" | "ref" | "move" | "loop" | "use" | "where" => {
            format!("r#{out}")
        }
        _ => out,
    }
}

#[test]
fn the_rule_reads_as_the_crate_docs_say() {
    assert_eq!(snake_case("RoomSid"), "room_sid");
    assert_eq!(snake_case("AudioInMos"), "audio_in_mos");
    assert_eq!(
        snake_case("OffsetFromTwilioVideoEpoch"),
        "offset_from_twilio_video_epoch"
    );
    assert_eq!(snake_case("Unique-ID"), "unique_id");
    assert_eq!(snake_case("Type"), "r#type");
}

#[test]
fn every_field_is_named_by_the_rule() {
    let mut checked = 0;
    for &kind in EventKind::all() {
        for parameter in kind.parameters() {
            assert_eq!(
                parameter.field,
                snake_case(parameter.name),
                "{kind}: {}",
                parameter.name
            );
            checked += 1;
        }
    }
    assert!(checked > 200, "{checked} parameters");
}

/// `get` finds every typed parameter under its wire name, as received, on every fixture: so a
/// lookup by name keeps working when a parameter moves from `extra` to a field.
#[test]
fn get_gives_every_received_parameter_back() {
    for path in common::fixture_paths() {
        let body = common::fixture(&path);
        let event = parse(&body).unwrap();
        for (name, value) in form_urlencoded::parse(&body) {
            let got = event.get(&name);
            let got = got.as_deref();
            if value.is_empty() {
                assert_eq!(got, Some(""), "{path}: {name}");
                continue;
            }
            // Timestamps come back as the same instant in the family's text.
            if name.ends_with("Timestamp") || name.ends_with("Time") {
                assert!(got.is_some(), "{path}: {name}");
                continue;
            }
            let first = form_urlencoded::parse(&body)
                .find(|(key, _)| *key == name)
                .map(|(_, first)| first.into_owned());
            assert_eq!(got, first.as_deref(), "{path}: {name}");
        }
    }
}
