//! `cargo xtask release --dry-run`: every generated package checked the
//! way its registry takes it (`xtask::release`), each step reported.
//! Nothing is published: publishing is the release workflow's.

use super::Global;
use std::process::ExitCode;

/// Check every generated package the way its registry takes it; nothing is published
///
/// cargo publish --dry-run; npm publish --dry-run, publint and attw; python
/// -m build and twine check; go vet and go mod verify; the Java and Kotlin
/// jars; CMake build, install and find_package/pkg-config consumers; the
/// JSON package and its schema in strict Ajv. Runs only as `release
/// --dry-run`: publishing is the release workflow's.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  every dry run passed\n  1  a dry run failed\n  2  usage error")]
pub struct Args {
    /// Check only; required (publishing is the release workflow's)
    #[arg(long, required = true)]
    pub dry_run: bool,
    /// Only this step (repeat for more)
    #[arg(long, value_name = "NAME", value_parser = steps())]
    pub only: Vec<String>,
}

/// The names `--only` takes: the release steps'.
fn steps() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(xtask::release::STEPS.iter().map(|step| step.name))
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    let mut failed = 0;
    let chosen = |name: &str| args.only.is_empty() || args.only.iter().any(|only| only == name);
    for step in xtask::release::STEPS.iter().filter(|step| chosen(step.name)) {
        eprintln!("release: {} ({}): {}", step.name, step.package, step.checks);
        match xtask::release::dry_run(&root, step) {
            Ok(summary) => {
                for line in summary.lines().filter(|line| !line.trim().is_empty()) {
                    eprintln!("  {line}");
                }
                eprintln!("release: {} ok", step.name);
            }
            Err(error) => {
                failed += 1;
                eprintln!("release: {} FAILED: {error:#}", step.name);
            }
        }
    }
    if failed > 0 {
        eprintln!("release: {failed} dry run(s) failed");
        return Ok(ExitCode::from(1));
    }
    eprintln!("release: every dry run passed; nothing was published");
    Ok(ExitCode::SUCCESS)
}
