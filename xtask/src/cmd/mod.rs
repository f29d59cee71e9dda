//! The commands of `cargo xtask`, one file each, and what they share: the
//! global options, the lock of `generated/`, the plan with its progress
//! line, and running the `errcat` CLI of this checkout. Parsing is clap's
//! (`main.rs`); the work is the `xtask` library's.

pub mod bench;
pub mod check;
pub mod corpus;
pub mod diff;
pub mod fuzz;
pub mod lint;
pub mod names;
pub mod regen;
pub mod release;
pub mod test;
pub mod upstream;

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The exit codes every command shares, printed under `cargo xtask --help`.
pub const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  drift (`check`), error diagnostics in the pages, \
                              a failed test or dry run, lints (`lint`)\n  2  usage or I/O error";

/// Options every command takes, before or after the command's name.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// Also print info diagnostics (repairs and inferences)
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Work on another checkout (default: this workspace)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl Global {
    /// The checkout to work on.
    pub fn root(&self) -> PathBuf {
        self.root.clone().unwrap_or_else(xtask::workspace_root)
    }
}

/// Whether diagnostics on stderr take colour: anstream decides (a terminal
/// that takes colour, `NO_COLOR`, `CLICOLOR_FORCE`).
pub fn color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// The diagnostics' count, as regen and check end their report.
pub fn summary(plan: &xtask::Plan) -> String {
    let tally = plan.tally();
    format!("{} error(s), {} warning(s), {} info", tally.errors, tally.warnings, tally.infos)
}

/// Takes the lock of `generated/` and restores it after an interrupted
/// regen, saying what it found.
pub fn hold_generated(root: &Path, command: &str) -> anyhow::Result<xtask::Lock> {
    let lock = xtask::lock(root, &mut |holder| eprintln!("{command}: {holder}"))?;
    for found in xtask::recover(root)? {
        eprintln!("{command}: {found}");
    }
    Ok(lock)
}

/// [`xtask::plan`]; on a terminal, one line on stderr says which page is
/// read and when the targets render, and is erased when the plan is done.
/// In a pipe, a file or a dumb terminal (CI), nothing is printed.
pub fn plan(root: &Path, command: &str) -> anyhow::Result<xtask::Plan> {
    let terminal = std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|term| term != "dumb");
    if !terminal {
        return xtask::plan(root);
    }
    let result = xtask::plan_with_progress(root, &mut |progress| {
        eprint!("\r\x1b[2K{}", progress_line(command, progress));
    });
    eprint!("\r\x1b[2K");
    result
}

/// The progress line of [`plan`]: `regen: reading page 3/14 (id)`, then
/// `regen: rendering 8 targets`. A long id is cut so the line stays on one
/// line of a narrow terminal.
pub fn progress_line(command: &str, progress: xtask::Progress<'_>) -> String {
    const ID_WIDTH: usize = 40;
    match progress {
        xtask::Progress::Reading { index, total, id } => {
            let shown: String = if id.chars().count() > ID_WIDTH {
                id.chars().take(ID_WIDTH - 1).chain(['…']).collect()
            } else {
                id.to_owned()
            };
            format!("{command}: reading page {index}/{total} ({shown})")
        }
        xtask::Progress::Rendering { targets } => format!("{command}: rendering {targets} targets"),
    }
}

/// The cargo that runs this command (`CARGO`), else `cargo` on `PATH`.
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// Runs `errcat <command> [--root ROOT] ARGS` from this checkout; returns
/// its exit code.
pub fn errcat_cli(root: &Path, command: &str, with_root: bool, passthrough: &[String]) -> anyhow::Result<i32> {
    let mut run = std::process::Command::new(cargo());
    run.args(["run", "--quiet", "--package", "errcat-cli", "--", command]);
    if with_root {
        run.arg("--root").arg(root);
    }
    let status = run
        .args(passthrough)
        .current_dir(root)
        .status()
        .map_err(|error| anyhow::anyhow!("running errcat {command}: {error}"))?;
    Ok(status.code().unwrap_or(2))
}

/// A child's exit code as ours (2 when it does not fit).
pub fn exit_code(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_names_the_page_and_its_place() {
        let reading = xtask::Progress::Reading { index: 3, total: 14, id: "zego-liveroom-common-error-codes" };
        assert_eq!(progress_line("regen", reading), "regen: reading page 3/14 (zego-liveroom-common-error-codes)");
        let rendering = xtask::Progress::Rendering { targets: 8 };
        assert_eq!(progress_line("check", rendering), "check: rendering 8 targets");
    }

    #[test]
    fn a_long_id_is_cut_to_keep_the_line_on_one_line() {
        let id = "a-very-long-source-identifier-that-goes-on-and-on-and-on";
        let line = progress_line("regen", xtask::Progress::Reading { index: 1, total: 2, id });
        assert_eq!(line, "regen: reading page 1/2 (a-very-long-source-identifier-that-goes…)");
    }
}
