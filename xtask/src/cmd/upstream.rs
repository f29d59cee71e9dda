//! `cargo xtask upstream`: `errcat upstream --root ROOT` on this checkout
//! (fetch every upstream URL, report drift); with `-- --update`, then a
//! regen from the updated pages.

use super::Global;
use std::process::ExitCode;

/// `errcat upstream` on this checkout: fetch every upstream URL, report drift
///
/// Runs the CLI's `upstream` with the arguments after `--` (see `errcat
/// upstream --help`); with `-- --update`, also regenerates generated/ from
/// the updated pages.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  no drift\n  1  drift (or the regen after --update found an error \
                        diagnostic)\n  2  could not fetch or read, or usage error")]
pub struct Args {
    /// Arguments for `errcat upstream` (after `--`)
    #[arg(last = true, value_name = "UPSTREAM_ARGS")]
    pub args: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    let code = super::errcat_cli(&root, "upstream", true, &args.args)?;
    if args.args.iter().any(|arg| arg == "--update") && (code == 0 || code == 1) {
        eprintln!("upstream: regenerating generated/ from the updated pages");
        if let Ok(regen_code) = super::regen::regen(&root, global.verbose)
            && regen_code != ExitCode::SUCCESS
        {
            return Ok(regen_code);
        }
    }
    Ok(super::exit_code(code))
}
