//! The crate: `cargo package` and `cargo publish --dry-run` on a copy of
//! `generated/rust/`, outside the workspace, so it is checked as crates.io
//! would build it; warnings (missing metadata) fail the step.

use super::{Context, Step, run_warning_only};
use anyhow::Result;
use std::process::Command;

pub const STEP: Step = Step {
    name: "rust",
    package: "rust",
    checks: "cargo publish --dry-run (metadata, README, license, the packaged crate builds)",
    run,
};

fn run(context: &Context) -> Result<String> {
    let package = context.copy_package("rust", "crate")?;
    // A workspace of its own, so the copy does not look for the checkout's.
    let manifest = package.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)?;
    std::fs::write(&manifest, format!("{text}\n[workspace]\n"))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = run_warning_only(
        Command::new(cargo)
            .args(["publish", "--dry-run", "--allow-dirty"])
            .arg("--manifest-path")
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", context.scratch.join("target")),
        "cargo publish --dry-run",
        &["aborting upload due to dry run"],
    )?;
    Ok(output)
}
