//! `cargo xtask test`: installs the toolchains the tests compile the
//! generated code with when one is missing (`xtask::ensure_toolchains`),
//! then runs `cargo test --workspace` with them.

use super::Global;
use std::process::ExitCode;

/// Install the toolchains if needed, then run every test
///
/// Installs what the toolchain tests need when it is missing (see
/// "The two commands" in the README; the installers' output goes to
/// xtask/toolchains/install.log), then runs `cargo test --workspace` with
/// the toolchains. Arguments after `--` go to cargo test.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  every test passed\n  1  a test failed\n  2  set-up failed (a toolchain \
                        could not be installed) or usage error")]
pub struct Args {
    /// Arguments for `cargo test` (after `--`)
    #[arg(last = true, value_name = "CARGO_TEST_ARGS")]
    pub args: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    let toolchains = xtask::ensure_toolchains(&root)?;
    let mut command = std::process::Command::new(super::cargo());
    command.args(["test", "--workspace"]).args(&args.args).current_dir(&root);
    for (env, path) in toolchains {
        command.env(env, path);
    }
    let status = command.status().map_err(|error| anyhow::anyhow!("running cargo test: {error}"))?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
