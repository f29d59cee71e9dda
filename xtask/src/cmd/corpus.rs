//! `cargo xtask corpus`: the recovery figures of the corpus of real pages
//! and of each blind batch (`xtask::corpus`), printed.

use super::Global;
use std::process::ExitCode;

/// Read every page of the corpus of real pages and print the recovery figures
///
/// Reads every page of crates/errcat/tests/corpus/ with no settings and
/// prints per page: rows on the page, entries, entries with a message,
/// diagnostics by code; then the totals; then BATCHES.md and each blind
/// batch's figures now (--verbose: every expected row not read exactly).
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  printed\n  2  usage or I/O error")]
pub struct Args {}

pub fn run(global: &Global, _args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    let pages = xtask::corpus::figures(&root)?;
    print!("{}", xtask::corpus::report(&pages));
    let record = std::fs::read_to_string(root.join(xtask::corpus::CORPUS_DIR).join("BATCHES.md")).ok();
    let batches = xtask::corpus::batch_figures(&root)?;
    print!("{}", xtask::corpus::batch_report(record.as_deref(), &batches, global.verbose));
    Ok(ExitCode::SUCCESS)
}
