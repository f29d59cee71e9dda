//! `cargo xtask diff`: `errcat diff` run from this checkout, the arguments
//! after `--` passed on.

use super::Global;
use std::process::ExitCode;

/// `errcat diff` on this checkout: `cargo xtask diff -- OLD NEW` or `-- --since REV`
///
/// Runs the CLI's `diff` from this checkout with the arguments after `--`
/// (see `errcat diff --help`).
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: as `errcat diff` (1 when --fail-on is exceeded; 2 usage or I/O error)")]
pub struct Args {
    /// Arguments for `errcat diff` (after `--`)
    #[arg(last = true, value_name = "DIFF_ARGS")]
    pub args: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    super::errcat_cli(&global.root(), "diff", false, &args.args).map(super::exit_code)
}
