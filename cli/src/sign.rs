//! `status-callbacks sign`: prints the signature Twilio would send for a request, for sending
//! signed test callbacks.

use std::process::ExitCode;

use status_callbacks::signature::{sign_body_with, Algorithm};

use crate::{file_argument, read_body, value, Stop};

pub(crate) const HELP: &str = "\
Print the signature Twilio would send for a request, for sending signed test callbacks.

Usage: status-callbacks sign --url URL [--algorithm HMAC_SHA1|HMAC_SHA256] [FILE]

The body is read from FILE, or from standard input without one (or with `-`), byte for byte
(empty for a GET callback, whose parameters are in the URL). The signature is printed on one
line, ready for an X-Twilio-Signature header:

  SIG=$(TWILIO_AUTH_TOKEN=test-token status-callbacks sign \\
      --url http://127.0.0.1:3000/callbacks fixtures/video/room-ended.txt)

Options:
  --url URL        the URL the request is sent to, exactly as it will be called
  --algorithm ALG  sign with a shared key (TWILIO_SHARED_KEY) and this algorithm, as the
                   X-Twilio-Webhooks-Signature-Settings header names it
  -h, --help       Print this help

Environment:
  TWILIO_AUTH_TOKEN  the Auth Token that signs (HMAC-SHA1), without --algorithm
  TWILIO_SHARED_KEY  the shared key's secret, with --algorithm

Exit status:
  0  the signature was printed
  1  the body cannot be signed: it is not a readable form (and the URL has no bodySHA256)
  2  misuse: a missing option or secret, an unreadable FILE
";

pub(crate) fn run(args: Vec<String>) -> Result<ExitCode, Stop> {
    let mut url = None;
    let mut algorithm = None;
    let mut file = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = Some(value(&mut args, "--url")?),
            "--algorithm" => algorithm = Some(value(&mut args, "--algorithm")?),
            "-h" | "--help" => return Err(Stop::Help),
            _ => file_argument(&mut file, arg)?,
        }
    }
    let url = url.ok_or_else(|| Stop::Usage("--url is required".to_owned()))?;
    let (algorithm, variable) = match algorithm.as_deref().map(Algorithm::from_name) {
        None => (Algorithm::HmacSha1, "TWILIO_AUTH_TOKEN"),
        Some(Some(algorithm)) => (algorithm, "TWILIO_SHARED_KEY"),
        Some(None) => {
            return Err(Stop::Usage(
                "the algorithm must be HMAC_SHA1 or HMAC_SHA256".to_owned(),
            ))
        }
    };
    let secret = std::env::var(variable)
        .ok()
        .filter(|secret| !secret.is_empty())
        .ok_or_else(|| Stop::Setup(format!("set {variable}")))?;
    let body = read_body(file.as_deref())?;

    match sign_body_with(algorithm, &secret, &url, &body) {
        Ok(signature) => {
            crate::say(format_args!("{signature}\n"));
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("status-callbacks sign: {err}");
            Ok(ExitCode::FAILURE)
        }
    }
}
