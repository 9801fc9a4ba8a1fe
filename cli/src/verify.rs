//! `status-callbacks verify`: diagnoses "the signature does not match". Checks a request's
//! signature and, when it fails, shows what was tried.

use std::process::ExitCode;

use status_callbacks::signature::{
    redact_password, signing_strings, RepeatedValues, SignatureError, SignatureSettings, Validator,
};

use crate::{file_argument, read_body, value, Stop};

pub(crate) const HELP: &str = "\
Check the signature of a request; when it does not match, show what was tried.

Usage: status-callbacks verify --url URL --signature SIG [--signalwire] [--settings SETTINGS] [FILE]

The body is read from FILE, or from standard input without one (or with `-`), byte for byte
(empty for a GET callback, whose parameters are in the URL). The secret comes from the
environment, never from the command line.

  TWILIO_AUTH_TOKEN=... status-callbacks verify \\
      --url 'https://hooks.example.com/callbacks?tenant=7' --signature 'SIG' body.txt

Options:
  --url URL            the full URL Twilio called: scheme, host, port, path and query exactly
                       as sent
  --signature SIG      the X-Twilio-Signature (or X-SignalWire-Signature) header
  --signalwire         a SignalWire request, signed with SIGNALWIRE_SIGNING_KEY
  --settings SETTINGS  the X-Twilio-Webhooks-Signature-Settings header
                       ('key=ID,algorithm=HMAC_SHA256'): the request is signed with the shared
                       key it names, whose secret is TWILIO_SHARED_KEY
  -h, --help           Print this help

Environment:
  TWILIO_AUTH_TOKEN       the account's Auth Token
  SIGNALWIRE_SIGNING_KEY  the project's Signing Key, with --signalwire
  TWILIO_SHARED_KEY       the secret of the shared key --settings names

Exit status:
  0  valid: prints `valid`
  1  invalid: prints `invalid`, the reason, each URL tried with the string signed for it, and
     hints at the usual causes; never a secret
  2  misuse: a missing option or secret, an unreadable FILE
";

struct Args {
    url: String,
    signature: String,
    signalwire: bool,
    settings: Option<String>,
    file: Option<String>,
}

fn parse_args(args: Vec<String>) -> Result<Args, Stop> {
    let mut url = None;
    let mut signature = None;
    let mut signalwire = false;
    let mut settings = None;
    let mut file = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = Some(value(&mut args, "--url")?),
            "--signature" => signature = Some(value(&mut args, "--signature")?),
            "--settings" => settings = Some(value(&mut args, "--settings")?),
            "--signalwire" => signalwire = true,
            "-h" | "--help" => return Err(Stop::Help),
            _ => file_argument(&mut file, arg)?,
        }
    }
    let required = |option: &str| Stop::Usage(format!("{option} is required"));
    Ok(Args {
        url: url.ok_or_else(|| required("--url"))?,
        signature: signature.ok_or_else(|| required("--signature"))?,
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

pub(crate) fn run(args: Vec<String>) -> Result<ExitCode, Stop> {
    let args = parse_args(args)?;
    let validator = validator(&args).map_err(Stop::Setup)?;
    let body = read_body(args.file.as_deref())?;

    let result = validator.validate_with_settings(
        &args.url,
        &body,
        &args.signature,
        args.settings.as_deref(),
    );
    match result {
        Ok(()) => {
            crate::say(format_args!("valid\n"));
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            crate::say(format_args!("invalid: {err}\n"));
            explain(&args, &body, &err);
            Ok(ExitCode::FAILURE)
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
            crate::say(format_args!("tried URL:     {shown}\n"));
            crate::say(format_args!("signed string: {signed}\n"));
        }
    }
    if let Some(settings) = &args.settings {
        crate::say(format_args!("settings:      {settings}\n"));
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
        crate::say(format_args!("hint:          {hint}\n"));
    }
}
