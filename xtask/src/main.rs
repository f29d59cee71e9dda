//! `cargo xtask <command>`: the project's automation. This file parses the
//! command line (clap) and runs the command; each command is a file in
//! `cmd/`, and the work is the `xtask` library's.
//!
//! Exit codes: 0 success; 1 drift (`check`), error diagnostics in the
//! pages, a failed test or dry run; 2 usage or I/O error.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc, as in the `errcat` binary: regen and check read and render
/// whole pages, millions of small strings on a large one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The project's automation: regenerate generated/ from docs-src/, check it, run every test.
#[derive(Debug, Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    arg_required_else_help = true,
    after_help = cmd::EXIT_CODES,
    after_long_help = cmd::EXIT_CODES
)]
struct Cli {
    #[command(flatten)]
    global: cmd::Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Regen(cmd::regen::Args),
    Check(cmd::check::Args),
    Test(cmd::test::Args),
    Names(cmd::names::Args),
    Diff(cmd::diff::Args),
    Lint(cmd::lint::Args),
    Upstream(cmd::upstream::Args),
    Release(cmd::release::Args),
    Corpus(cmd::corpus::Args),
    Bench(cmd::bench::Args),
    Fuzz(cmd::fuzz::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let global = &cli.global;
    let result = match &cli.command {
        Command::Regen(args) => cmd::regen::run(global, args),
        Command::Check(args) => cmd::check::run(global, args),
        Command::Test(args) => cmd::test::run(global, args),
        Command::Names(args) => cmd::names::run(global, args),
        Command::Diff(args) => cmd::diff::run(global, args),
        Command::Lint(args) => cmd::lint::run(global, args),
        Command::Upstream(args) => cmd::upstream::run(global, args),
        Command::Release(args) => cmd::release::run(global, args),
        Command::Corpus(args) => cmd::corpus::run(global, args),
        Command::Bench(args) => cmd::bench::run(global, args),
        Command::Fuzz(args) => cmd::fuzz::run(global, args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
