//! Diagnoses "the signature does not match": checks a request's signature and, when it fails,
//! shows what was tried.
//!
//! ```text
//! TWILIO_AUTH_TOKEN=... cargo run --example verify -- --url URL --signature SIG [FILE]
//! SIGNALWIRE_SIGNING_KEY=... cargo run --example verify -- --signalwire --url URL --signature SIG [FILE]
//! TWILIO_SHARED_KEY=... cargo run --example verify -- --settings 'key=ID,algorithm=HMAC_SHA256' \
//!     --url URL --signature SIG [FILE]
//! ```
//!
//! `URL` is the full URL Twilio called (scheme, host, port, path and query exactly as sent);
//! `SIG` is the `X-Twilio-Signature` (or `X-SignalWire-Signature`) header; the body is read
//! from `FILE`, or standard input, byte for byte (empty for a GET callback). The secret comes
//! from the environment: `TWILIO_AUTH_TOKEN`, `SIGNALWIRE_SIGNING_KEY` with `--signalwire`, or
//! `TWILIO_SHARED_KEY` for the shared key that `--settings` (the
//! `X-Twilio-Webhooks-Signature-Settings` header) names.
//!
//! Prints `valid` and exits 0; or prints `invalid`, the reason, the candidate URLs and the
//! string signed for each (never a secret), and exits 1. Misuse exits 2.

use std::io::Read;
use std::process::ExitCode;

use status_callbacks::signature::{
    redact_password, signing_strings, RepeatedValues, SignatureError, SignatureSettings, Validator,
};

const USAGE: &str = "usage: verify --url URL --signature SIG [--signalwire] \
                     [--settings 'key=ID,algorithm=HMAC_SHA256'] [FILE]";

struct Args {
    url: String,
    signature: String,
    signalwire: bool,
    settings: Option<String>,
    file: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut url = None;
    let mut signature = None;
    let mut signalwire = false;
    let mut settings = None;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = Some(args.next().ok_or("--url needs a value")?),
            "--signature" => signature = Some(args.next().ok_or("--signature needs a value")?),
            "--settings" => settings = Some(args.next().ok_or("--settings needs a value")?),
            "--signalwire" => signalwire = true,
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            path if file.is_none() => file = Some(path.to_owned()),
            _ => return Err("only one FILE can be given".to_owned()),
        }
    }
    Ok(Args {
        url: url.ok_or("--url is required")?,
        signature: signature.ok_or("--signature is required")?,
        signalwire,
        settings,
        file,
    })
}

/// A non-empty environment variable.
fn secret(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// The validator the arguments and environment ask for, or what is missing.
fn validator(args: &Args) -> Result<Validator, String> {
    if args.signalwire {
        let key = secret("SIGNALWIRE_SIGNING_KEY")
            .ok_or("set SIGNALWIRE_SIGNING_KEY to the project's Signing Key")?;
        return Validator::signalwire(&key).map_err(|err| err.to_string());
    }
    let settings = SignatureSettings::parse(args.settings.as_deref().unwrap_or(""));
    // Without an algorithm the request is signed with the Auth Token, whatever key it names.
    let shared_key = settings.key.filter(|_| settings.algorithm.is_some());
    let mut validator = match secret("TWILIO_AUTH_TOKEN") {
        Some(token) => Validator::twilio(&token).map_err(|err| err.to_string())?,
        None if shared_key.is_some() => Validator::shared_keys_only(),
        None => return Err("set TWILIO_AUTH_TOKEN to the account's Auth Token".to_owned()),
    };
    if let Some(key_id) = shared_key {
        let secret = secret("TWILIO_SHARED_KEY")
            .ok_or("set TWILIO_SHARED_KEY to the secret of the shared key --settings names")?;
        validator = validator
            .with_shared_key(key_id, &secret)
            .map_err(|err| err.to_string())?;
    }
    Ok(validator)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("verify: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let validator = match validator(&args) {
        Ok(validator) => validator,
        Err(problem) => {
            eprintln!("verify: {problem}");
            return ExitCode::from(2);
        }
    };
    let mut body = Vec::new();
    let read = match &args.file {
        Some(path) => std::fs::read(path).map(|bytes| body = bytes),
        None => std::io::stdin().read_to_end(&mut body).map(drop),
    };
    if let Err(err) = read {
        eprintln!("verify: cannot read the body: {err}");
        return ExitCode::from(2);
    }

    let result = validator.validate_with_settings(
        &args.url,
        &body,
        &args.signature,
        args.settings.as_deref(),
    );
    match result {
        Ok(()) => {
            println!("valid");
            ExitCode::SUCCESS
        }
        Err(err) => {
            println!("invalid: {err}");
            explain(&args, &body, &err);
            ExitCode::FAILURE
        }
    }
}

/// Prints what was tried, and hints at the usual causes.
fn explain(args: &Args, body: &[u8], err: &SignatureError) {
    let order = if args.signalwire {
        RepeatedValues::SubmissionOrder
    } else {
        RepeatedValues::Sorted
    };
    if let Ok(attempts) = signing_strings(&args.url, body, order) {
        // A password in the URL is signed, but never printed.
        for (url, signed) in attempts {
            let shown = redact_password(&url);
            let signed = signed.replacen(&url, &shown, 1);
            println!("tried URL:     {shown}");
            println!("signed string: {signed}");
        }
    }
    if let Some(settings) = &args.settings {
        println!("settings:      {settings}");
    }
    let mut hints = Vec::new();
    if matches!(err, SignatureError::Mismatch) {
        if body.ends_with(b"\n") {
            hints.push(
                "the body ends with a line break, which is signed too: is it in the request?",
            );
        }
        if body.first() == Some(&b'{') && !args.url.contains("bodySHA256=") {
            hints.push(
                "the body looks like JSON: Twilio signs JSON requests with bodySHA256 in the URL",
            );
        }
        if args.url.starts_with("http://") {
            hints.push(
                "the URL is http://: behind a proxy or tunnel Twilio may have called https://",
            );
        }
        hints.push("the URL must be the one Twilio called, query string exactly as sent");
        hints.push("every received parameter must be in the body, values untrimmed");
    }
    for hint in hints {
        println!("hint:          {hint}");
    }
}
