//! `cargo xtask bench`: the side-by-side benchmark of `xtask::bench`, the
//! arguments after `--` passed on.

use super::Global;
use std::process::ExitCode;

/// Time errcat, regen and check, a bare parse and the Python peer on synthetic pages
///
/// Side by side on synthetic pages of 1,000 to 200,000 rows (release
/// build): errcat ingest, errcat render --target all, cargo xtask regen and
/// check, a bare pulldown-cmark parse and the Python peer (when
/// markdown-it-py, pyyaml and jinja2 are installed), best time and peak
/// memory. `-- --sizes 1000,10000` chooses the sizes. Stage benchmarks:
/// `cargo bench -p errcat`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  measured\n  2  usage or I/O error")]
pub struct Args {
    /// Arguments for the benchmark (after `--`): `--sizes N,N,...`
    #[arg(last = true, value_name = "BENCH_ARGS")]
    pub args: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    xtask::bench::run(&global.root(), &args.args)?;
    Ok(ExitCode::SUCCESS)
}
