//! `cargo xtask regen`: regenerates `generated/` from `docs-src/` in one
//! switch, and says what changed and the package version. It refuses to
//! write when a page has an error diagnostic.

use super::Global;
use std::path::Path;
use std::process::ExitCode;

/// Regenerate generated/ from docs-src/ (atomic; refuses on errors)
///
/// Reads docs-src/sources.yaml and every page, prints the diagnostics, and
/// writes generated/ (catalogs, change reports, the package version, every
/// target's package, the generated crate's entry in Cargo.lock) as one
/// switch; removes files regen no longer produces. Nothing is written when
/// a page has an error diagnostic. On a terminal, a line says which page is
/// being read.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  generated/ is written\n  1  a page has an error diagnostic; generated/ \
                        was not touched\n  2  usage or I/O error")]
pub struct Args {}

pub fn run(global: &Global, _args: &Args) -> anyhow::Result<ExitCode> {
    regen(&global.root(), global.verbose)
}

/// The regen itself, also run by `upstream -- --update`.
pub fn regen(root: &Path, verbose: bool) -> anyhow::Result<ExitCode> {
    let _lock = super::hold_generated(root, "regen")?;
    let plan = super::plan(root, "regen")?;
    eprint!("{}", plan.render_diagnostics(super::color(), verbose));
    if plan.tally().errors > 0 {
        eprintln!("regen: {}; generated/ was not touched", super::summary(&plan));
        return Ok(ExitCode::from(1));
    }
    let changed = xtask::write(root, &plan)?;
    for path in &changed {
        eprintln!("  updated {}", path.display());
    }
    eprintln!("regen: {} file(s) generated, {} changed; {}", plan.files.len(), changed.len(), super::summary(&plan));
    let version = &plan.version;
    match (&version.previous, &version.bump) {
        (Some(previous), Some(bump)) if plan.bumped => {
            eprintln!("regen: package version {} ({bump} from {previous})", version.version);
            for change in &version.changes {
                eprintln!("  {change}");
            }
        }
        _ => eprintln!("regen: package version {} (unchanged since the committed record)", version.version),
    }
    Ok(ExitCode::SUCCESS)
}
