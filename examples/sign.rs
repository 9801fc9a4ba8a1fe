//! Prints the signature Twilio would send for a request: for sending signed test callbacks.
//!
//! ```text
//! TWILIO_AUTH_TOKEN=... cargo run --example sign -- --url URL [FILE]
//! TWILIO_SHARED_KEY=... cargo run --example sign -- --algorithm HMAC_SHA256 --url URL [FILE]
//! ```
//!
//! The body is read from `FILE` or standard input, byte for byte (empty for a GET callback,
//! whose parameters are in the URL). The secret is `TWILIO_AUTH_TOKEN`, or `TWILIO_SHARED_KEY`
//! with `--algorithm`. Misuse exits with 2.

use std::io::Read;
use std::process::ExitCode;

use status_callbacks::signature::{sign_body_with, Algorithm};

fn main() -> ExitCode {
    let mut url = None;
    let mut algorithm = None;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => url = args.next(),
            "--algorithm" => algorithm = args.next(),
            path if !path.starts_with("--") && file.is_none() => file = Some(path.to_owned()),
            _ => url = None,
        }
    }
    let Some(url) = url else {
        eprintln!("usage: sign --url URL [--algorithm HMAC_SHA1|HMAC_SHA256] [FILE]");
        return ExitCode::from(2);
    };
    let (algorithm, variable) = match algorithm.as_deref().map(Algorithm::from_name) {
        None => (Algorithm::HmacSha1, "TWILIO_AUTH_TOKEN"),
        Some(Some(algorithm)) => (algorithm, "TWILIO_SHARED_KEY"),
        Some(None) => {
            eprintln!("sign: the algorithm must be HMAC_SHA1 or HMAC_SHA256");
            return ExitCode::from(2);
        }
    };
    let Some(secret) = std::env::var(variable).ok().filter(|s| !s.is_empty()) else {
        eprintln!("sign: set {variable}");
        return ExitCode::from(2);
    };
    let mut body = Vec::new();
    let read = match &file {
        Some(path) => std::fs::read(path).map(|bytes| body = bytes),
        None => std::io::stdin().read_to_end(&mut body).map(drop),
    };
    if let Err(err) = read {
        eprintln!("sign: cannot read the body: {err}");
        return ExitCode::from(2);
    }
    match sign_body_with(algorithm, &secret, &url, &body) {
        Ok(signature) => {
            println!("{signature}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("sign: {err}");
            ExitCode::FAILURE
        }
    }
}
