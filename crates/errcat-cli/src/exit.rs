//! The exit codes every command keeps: 0 success, 1 problems found (what
//! counts as a problem is the command's, said in its `--help`), 2 usage or
//! I/O error. It decides nothing; the commands and `main` choose.

use std::process::ExitCode;

/// The exit codes as `errcat --help` states them.
pub const HELP: &str = "Exit codes (`errcat COMMAND --help` says what each means for that command):\n  0  success\n  1  problems found\n  2  usage error or I/O error";

/// 1 when `found`, else 0.
pub fn problems(found: bool) -> ExitCode {
    ExitCode::from(u8::from(found))
}

/// 2: bad arguments, or the command could not do its work (I/O, an
/// unreadable input, a page that could not be fetched).
pub fn error() -> ExitCode {
    ExitCode::from(2)
}
