//! `status-callbacks`, the command-line tool of the `status-callbacks` crate: prints a Twilio or
//! SignalWire status callback as typed JSON (`inspect`), checks a request's signature and shows
//! what was signed when it does not match (`verify`), and computes the signature Twilio would
//! send (`sign`). `status-callbacks --help` and `status-callbacks help COMMAND` tell the rest.

#![forbid(unsafe_code)]

mod inspect;
mod sign;
mod verify;

use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
status-callbacks: Twilio and SignalWire status callbacks from the command line

Usage: status-callbacks COMMAND [ARGS]

Commands:
  inspect  Print a callback body as typed JSON
  verify   Check a request's signature; when it does not match, show what was signed
  sign     Print the signature Twilio would send for a request
  help     Print this help, or a command's (`status-callbacks help verify`)

Options:
  -h, --help     Print this help (`status-callbacks COMMAND --help` for a command's)
  -V, --version  Print the version

Exit status:
  0  done (the event printed, the signature valid, the signature printed)
  1  the input was read but did not pass (not a status callback, an invalid signature)
  2  misuse: an unknown command or option, a missing argument or secret, an unreadable file
";

/// A command: its name, what `help` prints for it, and what runs it.
struct Command {
    name: &'static str,
    help: &'static str,
    run: fn(Vec<String>) -> Result<ExitCode, Stop>,
}

const COMMANDS: [Command; 3] = [
    Command {
        name: "inspect",
        help: inspect::HELP,
        run: inspect::run,
    },
    Command {
        name: "verify",
        help: verify::HELP,
        run: verify::run,
    },
    Command {
        name: "sign",
        help: sign::HELP,
        run: sign::run,
    },
];

/// Why a command stops before doing its work.
#[derive(Debug)]
enum Stop {
    /// `--help` was asked for: the help goes to standard output, and the exit status is 0.
    Help,
    /// The command line is wrong: the message and the usage line go to standard error, and the
    /// exit status is 2.
    Usage(String),
    /// What the command needs is missing or unreadable (a secret, the body): the message goes
    /// to standard error, and the exit status is 2.
    Setup(String),
}

fn main() -> ExitCode {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                eprintln!("status-callbacks: {arg:?} is not UTF-8");
                return ExitCode::from(2);
            }
        }
    }
    if args.is_empty() {
        eprint!("{HELP}");
        return ExitCode::from(2);
    }
    let name = args.remove(0);
    match name.as_str() {
        "-h" | "--help" | "help" => help(args.first().map(String::as_str)),
        "-V" | "--version" => {
            say(format_args!(
                "status-callbacks {}\n",
                env!("CARGO_PKG_VERSION")
            ));
            ExitCode::SUCCESS
        }
        _ => match COMMANDS.iter().find(|command| command.name == name) {
            Some(command) => match (command.run)(args) {
                Ok(code) => code,
                Err(Stop::Help) => {
                    say(format_args!("{}", command.help));
                    ExitCode::SUCCESS
                }
                Err(Stop::Usage(message)) => {
                    eprintln!("status-callbacks {}: {message}", command.name);
                    eprintln!("{}", usage(command.help));
                    ExitCode::from(2)
                }
                Err(Stop::Setup(message)) => {
                    eprintln!("status-callbacks {}: {message}", command.name);
                    ExitCode::from(2)
                }
            },
            None => {
                eprintln!("status-callbacks: unknown command `{name}`");
                eprintln!("{}", usage(HELP));
                ExitCode::from(2)
            }
        },
    }
}

/// Writes to standard output. A reader that went away (`status-callbacks inspect F | head`)
/// is not an error: the rest is dropped and the command ends with its own exit code.
fn say(text: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(err) = out.write_fmt(text).and_then(|()| out.flush()) {
        if err.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("status-callbacks: cannot write to standard output: {err}");
        }
    }
}

/// `help [COMMAND]`: the tool's help, or a command's.
fn help(topic: Option<&str>) -> ExitCode {
    let Some(topic) = topic else {
        say(format_args!("{HELP}"));
        return ExitCode::SUCCESS;
    };
    match COMMANDS.iter().find(|command| command.name == topic) {
        Some(command) => {
            say(format_args!("{}", command.help));
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("status-callbacks help: unknown command `{topic}`");
            eprintln!("{}", usage(HELP));
            ExitCode::from(2)
        }
    }
}

/// The `Usage:` line of a help text, and where to read more.
fn usage(help: &str) -> String {
    let line = help
        .lines()
        .find(|line| line.starts_with("Usage:"))
        .unwrap_or("Usage: status-callbacks COMMAND [ARGS]");
    format!("{line}\n(--help for more)")
}

/// The value after an option (`--url URL`).
fn value(args: &mut impl Iterator<Item = String>, option: &str) -> Result<String, Stop> {
    args.next()
        .ok_or_else(|| Stop::Usage(format!("{option} needs a value")))
}

/// The one optional FILE argument: `None` until one is given, a misuse for a second one.
fn file_argument(file: &mut Option<String>, arg: String) -> Result<(), Stop> {
    if arg.starts_with('-') && arg != "-" {
        return Err(Stop::Usage(format!("unknown option {arg}")));
    }
    if file.replace(arg).is_some() {
        return Err(Stop::Usage("only one FILE can be given".to_owned()));
    }
    Ok(())
}

/// The body of a request, byte for byte: the file named, or standard input without one (or
/// with `-`).
fn read_body(file: Option<&str>) -> Result<Vec<u8>, Stop> {
    let mut body = Vec::new();
    let read = match file {
        Some(path) if path != "-" => std::fs::read(path).map(|bytes| body = bytes),
        _ => std::io::stdin().read_to_end(&mut body).map(drop),
    };
    match read {
        Ok(()) => Ok(body),
        Err(err) => Err(Stop::Setup(format!("cannot read the body: {err}"))),
    }
}
