//! What the tool's tests share.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the tool with `args`, only the environment `env` of the variables it reads, and
/// `stdin` as its input.
pub fn run(args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_status-callbacks"));
    command
        .args(args)
        .env_remove("TWILIO_AUTH_TOKEN")
        .env_remove("SIGNALWIRE_SIGNING_KEY")
        .env_remove("TWILIO_SHARED_KEY")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    // Help and misuse exit without reading the input: a broken pipe is expected then.
    if let Err(err) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{err}");
    }
    child.wait_with_output().unwrap()
}
