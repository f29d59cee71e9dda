//! `cargo xtask release --dry-run`: every package under `generated/` taken
//! the way its registry would take it, without publishing anything. Each
//! step copies its package to a scratch folder (building must not write
//! into `generated/`), then runs the ecosystem's own checks: `cargo
//! publish --dry-run`, `npm publish --dry-run` with publint and
//! arethetypeswrong, `python -m build` with `twine check`, `go vet` and
//! `go mod verify`, the Java and Kotlin builds into jars, a CMake build,
//! install and `find_package`/pkg-config consumer of the C library, and the
//! JSON package with its schema compiled in strict Ajv.
//!
//! Publishing itself is `.github/workflows/release.yml`'s; this module only
//! finds the tools (the same ones `cargo xtask test` installs) and runs the
//! dry runs. It does not install anything.

mod c;
mod go;
mod java;
mod json;
mod kotlin;
mod npm;
pub mod python;
mod rust;

use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One registry's dry run.
#[derive(Debug)]
pub struct Step {
    /// The name `--only` takes and the report prints (`rust`, `npm`…).
    pub name: &'static str,
    /// The folder under `generated/` the package is in.
    pub package: &'static str,
    /// What it checks, one line.
    pub checks: &'static str,
    /// Runs the dry run on a copy of the package in `scratch`; returns
    /// what is worth printing (the tools' own summaries).
    pub run: fn(&Context) -> Result<String>,
}

/// Every dry run, in the order the release workflow publishes.
pub const STEPS: &[Step] =
    &[rust::STEP, npm::STEP, json::STEP, python::STEP, go::STEP, java::STEP, kotlin::STEP, c::STEP];

/// What a step works with.
#[derive(Debug)]
pub struct Context {
    /// The checkout.
    pub root: PathBuf,
    /// A fresh folder of the step's own.
    pub scratch: PathBuf,
}

impl Context {
    /// `generated/<dir>`.
    pub fn generated(&self, dir: &str) -> PathBuf {
        self.root.join(crate::GENERATED_DIR).join(dir)
    }

    /// A copy of `generated/<dir>` in the scratch folder, under `name`.
    pub fn copy_package(&self, dir: &str, name: &str) -> Result<PathBuf> {
        let to = self.scratch.join(name);
        copy_dir(&self.generated(dir), &to)?;
        Ok(to)
    }

    /// The tool from the environment variable `env`, else the one `cargo
    /// xtask test` installs under `xtask/toolchains/`, else `name` on
    /// `PATH`; an error naming the variable when there is none.
    pub fn tool(&self, env: &str, name: &str) -> Result<PathBuf> {
        tool(&self.root, env, name)
    }
}

/// See [`Context::tool`].
pub fn tool(root: &Path, env: &str, name: &str) -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(env).map(PathBuf::from).filter(|path| path.exists()) {
        return Ok(path);
    }
    let toolchains = root.join(crate::TOOLCHAINS_DIR);
    for dir in ["venv/bin", "node_modules/.bin", "node_modules/kotlin-compiler/bin"] {
        let installed = toolchains.join(dir).join(name);
        if installed.is_file() {
            return Ok(installed);
        }
    }
    std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|candidate| candidate.is_file()))
        .with_context(|| format!("{name} not found (set {env}, or run `cargo xtask test`, which installs it)"))
}

/// Runs `command`; its standard output, or an error with both outputs.
pub fn run(command: &mut Command, what: &str) -> Result<String> {
    let output = command.output().with_context(|| format!("{what}: cannot start"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        bail!("{what} failed ({}):\n{stdout}\n{}", output.status, String::from_utf8_lossy(&output.stderr));
    }
    Ok(stdout)
}

/// Runs `command` and fails when it writes a line holding `warning` (any
/// case) to either stream: for checkers that warn with exit code 0.
pub fn run_without_warnings(command: &mut Command, what: &str) -> Result<String> {
    run_warning_only(command, what, &[])
}

/// [`run_without_warnings`], but a warning line holding one of `expected`
/// (as `cargo publish --dry-run`'s "aborting upload due to dry run") is
/// not one.
pub fn run_warning_only(command: &mut Command, what: &str, expected: &[&str]) -> Result<String> {
    let output = command.output().with_context(|| format!("{what}: cannot start"))?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        bail!("{what} failed ({}):\n{stdout}\n{stderr}", output.status);
    }
    let warned: Vec<&str> = stdout
        .lines()
        .chain(stderr.lines())
        .filter(|line| line.to_lowercase().contains("warning") && !expected.iter().any(|text| line.contains(text)))
        .collect();
    if !warned.is_empty() {
        bail!("{what} warned:\n{}", warned.join("\n"));
    }
    Ok(stdout)
}

/// Copies a folder, recursively (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// One step's dry run in a fresh scratch folder (removed after a success).
pub fn dry_run(root: &Path, step: &Step) -> Result<String> {
    let scratch = std::env::temp_dir().join(format!("errcat-release-{}-{}", step.name, std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    let context = Context { root: root.to_path_buf(), scratch: scratch.clone() };
    let result = (step.run)(&context).with_context(|| format!("release dry run `{}`", step.name));
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    result
}

/// The step named `name`.
pub fn step(name: &str) -> Option<&'static Step> {
    STEPS.iter().find(|step| step.name == name)
}
