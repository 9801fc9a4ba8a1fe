//! Signature validation on any request: never panics; a request signed with `sign_body`
//! validates, and the same request with a changed body or secret does not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use status_callbacks::signature::{sign_body, SignatureError, Validator};

fuzz_target!(|data: &[u8]| {
    // The input is `URL \n SIGNATURE \n SETTINGS \n BODY`, as far as it goes.
    let mut parts = data.splitn(4, |&b| b == b'\n');
    let url = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let signature = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let settings = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let body = parts.next().unwrap_or_default();

    let twilio = Validator::twilio("token").unwrap().with_shared_key("k", "shared").unwrap();
    let signalwire = Validator::signalwire("token").unwrap();
    for validator in [&twilio, &signalwire] {
        let _ = validator.validate_with_settings(&url, body, &signature, Some(&settings));
        let _ = validator.verify_and_parse(&url, body, &signature);
    }

    if let Ok(signed) = sign_body("token", &url, body) {
        let result = twilio.validate(&url, body, &signed);
        if url.contains("bodySHA256") {
            // A JSON request: valid only when the URL's hash is the body's.
            assert!(
                matches!(result, Ok(()) | Err(SignatureError::BodyHashMismatch)),
                "sign then validate: {result:?}"
            );
            return;
        }
        assert_eq!(result, Ok(()), "sign then validate");
        assert_eq!(
            Validator::twilio("other").unwrap().validate(&url, body, &signed),
            Err(SignatureError::Mismatch)
        );
        // Twilio's algorithm drops repeated values, so only a pair the body does not hold yet
        // changes what is signed.
        let already_there = form_urlencoded::parse(body).any(|(name, value)| name == "Injected" && value == "1");
        if !already_there {
            let mut changed = body.to_vec();
            changed.extend_from_slice(b"&Injected=1");
            assert_eq!(
                twilio.validate(&url, &changed, &signed),
                Err(SignatureError::Mismatch),
                "a changed body"
            );
        }
    }
});
