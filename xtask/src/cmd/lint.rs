//! `cargo xtask lint`: `errcat lint --root ROOT` on every source of this
//! checkout, the arguments after `--` passed on.

use super::Global;
use std::process::ExitCode;

/// `errcat lint` on every source of this checkout
///
/// Runs the CLI's `lint` on every source of the manifest; arguments after
/// `--` go to it (e.g. `-- --format github`; see `errcat lint --help`).
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  no lint (other than allowed ones)\n  1  a lint is not allowed\n  2  usage \
                        or I/O error")]
pub struct Args {
    /// Arguments for `errcat lint` (after `--`)
    #[arg(last = true, value_name = "LINT_ARGS")]
    pub args: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    super::errcat_cli(&global.root(), "lint", true, &args.args).map(super::exit_code)
}
