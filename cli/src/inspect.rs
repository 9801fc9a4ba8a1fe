//! `status-callbacks inspect`: parses one body and prints it as typed JSON.

use std::process::ExitCode;

use crate::{file_argument, read_body, Stop};

pub(crate) const HELP: &str = "\
Print a status callback body as typed JSON.

Usage: status-callbacks inspect [FILE]

The body is read from FILE, or from standard input without one (or with `-`), and parsed as
the library's `parse` does; a trailing line break, as an editor leaves it, is ignored. The
event is printed as one JSON object: keys are the wire parameter names, values are typed
(integers as numbers, enum values as their wire strings, timestamps as strings), unknown events
and parameters included.

  status-callbacks inspect fixtures/video/room-ended.txt
  status-callbacks inspect < body.txt

Options:
  -h, --help  Print this help

Exit status:
  0  the event was printed
  1  the body is not a status callback that parses: one line on standard error names the
     parameter and what was expected
  2  misuse, or the body cannot be read
";

pub(crate) fn run(args: Vec<String>) -> Result<ExitCode, Stop> {
    let mut file = None;
    for arg in args {
        match arg.as_str() {
            "-h" | "--help" => return Err(Stop::Help),
            _ => file_argument(&mut file, arg)?,
        }
    }
    let mut body = read_body(file.as_deref())?;
    while body.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
        body.pop();
    }

    match status_callbacks::parse(&body) {
        Ok(event) => match serde_json::to_string_pretty(&event) {
            Ok(json) => {
                crate::say(format_args!("{json}\n"));
                Ok(ExitCode::SUCCESS)
            }
            Err(err) => {
                eprintln!("status-callbacks inspect: cannot print the event: {err}");
                Ok(ExitCode::FAILURE)
            }
        },
        Err(err) => {
            eprintln!("status-callbacks inspect: {err}");
            Ok(ExitCode::FAILURE)
        }
    }
}
