//! The status callback inspector: parses one body and prints it as typed JSON.
//!
//! ```text
//! cargo run --example inspect -- fixtures/video/room-ended.txt
//! cargo run --example inspect < body.txt
//! ```
//!
//! The body is read from the file named as the only argument, or from standard input, and
//! parsed with `status_callbacks::parse` (a trailing line break, as an editor leaves it, is
//! ignored). The event is printed as one JSON object: keys are the wire parameter names,
//! values are typed (integers as numbers, enum values as their wire strings, timestamps as
//! strings), unknown events and parameters included. On bad input one line naming the
//! parameter goes to standard error and the exit status is 1; misuse exits with 2.

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut body = Vec::new();
    let read = match args.as_slice() {
        [] => std::io::stdin().read_to_end(&mut body).map(drop),
        [path] if path != "-h" && path != "--help" => std::fs::read(path).map(|bytes| body = bytes),
        _ => {
            eprintln!("usage: inspect [FILE]   (the body is read from FILE or standard input)");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = read {
        eprintln!("inspect: cannot read the body: {err}");
        return ExitCode::from(2);
    }
    while body.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        body.pop();
    }

    match status_callbacks::parse(&body) {
        Ok(event) => match serde_json::to_string_pretty(&event) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("inspect: cannot print the event: {err}");
                ExitCode::FAILURE
            }
        },
        Err(err) => {
            eprintln!("inspect: {err}");
            ExitCode::FAILURE
        }
    }
}
