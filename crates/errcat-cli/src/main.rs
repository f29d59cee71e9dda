//! The `errcat` command line: parses the arguments (clap), runs the
//! command, and maps its outcome to an exit code. Each command is a file in
//! `cmd/` (its arguments, its help and its `run`); what several commands
//! share is in `exit`, `input`, `output` and `report`, and the fetch of
//! upstream pages in `upstream`. The work itself is the `errcat` library's.
//!
//! Exit codes: 0 ok, 1 problems found, 2 usage or IO error (see `exit`).

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod cmd;
mod exit;
mod input;
mod output;
mod report;
mod upstream;

/// mimalloc: reading and rendering large pages allocate millions of small
/// strings, often on two threads; glibc's allocator spent a third of the
/// time of a 100,000-row page in its own bookkeeping.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "errcat", version, about = "Compile error-code documentation pages into a canonical catalog.", after_help = exit::HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands, in the order `errcat --help` lists them.
#[derive(Debug, Subcommand)]
enum Command {
    Ingest(Box<cmd::ingest::Args>),
    Explain(cmd::explain::Args),
    Render(cmd::render::Args),
    Diff(cmd::diff::Args),
    Lint(cmd::lint::Args),
    Upstream(cmd::upstream::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // `--help` and `--version` are "errors" printed on stdout.
            return if error.use_stderr() { exit::error() } else { ExitCode::SUCCESS };
        }
    };
    let result = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&args),
        Command::Explain(args) => cmd::explain::run(&args),
        Command::Render(args) => cmd::render::run(&args),
        Command::Diff(args) => cmd::diff::run(&args),
        Command::Lint(args) => cmd::lint::run(&args),
        Command::Upstream(args) => cmd::upstream::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("errcat: error: {error:#}");
            exit::error()
        }
    }
}
