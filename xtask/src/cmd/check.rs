//! `cargo xtask check`: computes `generated/` in memory and compares it
//! with the files on disk; fails with a diff and the fix command when they
//! differ. It writes nothing.

use super::Global;
use std::process::ExitCode;

/// Fail with a diff when generated/ is stale, hand-edited, missing files or has orphans
///
/// The same computation as regen, in memory, compared with the files on
/// disk. With --format github, sarif or junit, the pages' diagnostics and
/// the drift are printed on standard output as workflow annotations, a
/// SARIF 2.1.0 log or a JUnit XML report.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  generated/ is up to date\n  1  drift, or a page has an error \
                        diagnostic\n  2  usage or I/O error")]
pub struct Args {
    /// How to report
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

/// `--format`: the values of [`xtask::CheckFormat`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The diagnostics and a unified diff on stderr
    Text,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// A SARIF 2.1.0 log
    Sarif,
    /// A JUnit XML report
    Junit,
}

impl From<Format> for xtask::CheckFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Text => xtask::CheckFormat::Text,
            Format::Github => xtask::CheckFormat::Github,
            Format::Sarif => xtask::CheckFormat::Sarif,
            Format::Junit => xtask::CheckFormat::Junit,
        }
    }
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    let _lock = super::hold_generated(&root, "check")?;
    let plan = super::plan(&root, "check")?;
    let format = xtask::CheckFormat::from(args.format);
    if format != xtask::CheckFormat::Text {
        // Drift is only meaningful when the pages read without errors.
        let drift = if plan.tally().errors > 0 { xtask::Drift::default() } else { xtask::check(&root, &plan)? };
        print!("{}", xtask::check_report(&plan, &drift, format, global.verbose));
        let failed = plan.tally().errors > 0 || !drift.is_clean();
        return Ok(ExitCode::from(u8::from(failed)));
    }
    if global.verbose || plan.tally().errors > 0 {
        eprint!("{}", plan.render_diagnostics(super::color(), global.verbose));
    }
    if plan.tally().errors > 0 {
        eprintln!("check: the pages have errors: {}", super::summary(&plan));
        return Ok(ExitCode::from(1));
    }
    let drift = xtask::check(&root, &plan)?;
    if drift.is_clean() {
        eprintln!("check: generated/ is up to date ({} files)", plan.files.len());
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", drift.report());
    Ok(ExitCode::from(1))
}
