//! The Python package: on a copy of `generated/python/`, `python -m build`
//! builds the sdist and, from it, the wheel, with the setuptools pinned in
//! the toolchains' virtual environment (no build isolation, so no index is
//! asked); `twine check --strict` reads both; the wheel must hold
//! `py.typed`, the license file and every module of the package, its core
//! metadata a PEP 639 license expression and a Markdown README, and it must
//! install and import with warnings as errors; the sdist must hold the
//! README, LICENSE and `py.typed`. A warning from any tool fails the step.
//! It uploads nothing.

use super::{Context, Step, run_without_warnings};
use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const STEP: Step = Step {
    name: "python",
    package: "python",
    checks: "python -m build (sdist, wheel), twine check --strict, the wheel's modules, py.typed, LICENSE and PEP 639 metadata, an install and import",
    run,
};

/// The import package inside `generated/python/`.
const IMPORT_PACKAGE: &str = "errcat_codes";

/// Prints the names of the members of each archive given (a wheel is a
/// zip, an sdist a gzipped tar), one per line.
const LIST_ARCHIVES: &str = r#"
import sys, tarfile, zipfile
for path in sys.argv[1:]:
    if path.endswith(".whl"):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    else:
        with tarfile.open(path) as archive:
            names = archive.getnames()
    for name in names:
        print(name)
"#;

/// Prints the header of the wheel's `METADATA` (the core metadata PyPI
/// reads), up to the description.
const WHEEL_METADATA: &str = r#"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    name = next(name for name in wheel.namelist() if name.endswith(".dist-info/METADATA"))
    print(wheel.read(name).decode("utf-8").split("\n\n", 1)[0])
"#;

/// Core metadata lines the wheel must have: a PEP 639 license expression
/// and file, and a Markdown README.
const METADATA_LINES: &[&str] =
    &["License-Expression: ", "License-File: LICENSE", "Description-Content-Type: text/markdown", "Requires-Python: "];

fn run(context: &Context) -> Result<String> {
    let package = context.copy_package("python", "package")?;
    let python = context.tool("ERRCAT_PYTHON", "python3")?;
    let dist = context.scratch.join("dist");
    let mut report = run_without_warnings(
        Command::new(&python)
            .args(["-m", "build", "--no-isolation", "--outdir"])
            .arg(&dist)
            .arg(&package)
            // Else setuptools warns that it does not byte-compile.
            .env_remove("PYTHONDONTWRITEBYTECODE"),
        "python -m build",
    )?
    .lines()
    .filter(|line| line.starts_with("Successfully built"))
    .map(|line| format!("{line}\n"))
    .collect::<String>();
    let (sdist, wheel) = (built(&dist, ".tar.gz")?, built(&dist, ".whl")?);
    report.push_str(&run_without_warnings(
        Command::new(&python)
            .args(["-m", "twine", "--no-color", "check", "--strict"])
            .env("COLUMNS", "1000")
            .arg(&sdist)
            .arg(&wheel),
        "twine check --strict",
    )?);
    let listed = |archive: &Path| -> Result<Vec<String>> {
        let out =
            super::run(Command::new(&python).args(["-c", LIST_ARCHIVES]).arg(archive), "listing a built archive")?;
        Ok(out.lines().map(str::to_owned).collect())
    };
    let in_wheel = listed(&wheel)?;
    let mut wanted = vec![format!("{IMPORT_PACKAGE}/py.typed")];
    for module in modules(&package.join(IMPORT_PACKAGE))? {
        wanted.push(format!("{IMPORT_PACKAGE}/{module}"));
    }
    let missing: Vec<&String> = wanted.iter().filter(|name| !in_wheel.contains(name)).collect();
    if !missing.is_empty() {
        bail!("the wheel lacks {missing:?}; it holds {in_wheel:?}");
    }
    // PEP 639: the license file goes under the metadata's `licenses/`.
    if !in_wheel.iter().any(|name| name.ends_with(".dist-info/licenses/LICENSE")) {
        bail!("the wheel holds no LICENSE under .dist-info/licenses/: {in_wheel:?}");
    }
    let metadata =
        super::run(Command::new(&python).args(["-c", WHEEL_METADATA]).arg(&wheel), "reading the wheel's METADATA")?;
    for wanted in METADATA_LINES {
        if !metadata.lines().any(|line| line.starts_with(wanted)) {
            bail!("the wheel's METADATA has no `{}` line:\n{metadata}", wanted.trim());
        }
    }
    // The license is the expression alone: no legacy `License:` field, no
    // license classifier (PEP 639 forbids them beside an expression).
    if let Some(line) =
        metadata.lines().find(|line| line.starts_with("License:") || line.starts_with("Classifier: License ::"))
    {
        bail!("the wheel's METADATA has a legacy license field: {line}");
    }
    let in_sdist = listed(&sdist)?;
    for file in ["LICENSE", "README.md", "pyproject.toml", &format!("{IMPORT_PACKAGE}/py.typed")] {
        if !in_sdist.iter().any(|name| name.split_once('/').is_some_and(|(_, rest)| rest == file)) {
            bail!("the sdist lacks {file}; it holds {in_sdist:?}");
        }
    }
    // The wheel as pip installs it, imported with warnings as errors.
    let site = context.scratch.join("site");
    run_without_warnings(
        pip_install(&python, &site).args(["--root-user-action=ignore", "--no-index"]).arg(&wheel),
        "pip install of the wheel",
    )?;
    run_without_warnings(
        Command::new(&python)
            .args(["-W", "error", "-c", &format!("import {IMPORT_PACKAGE}")])
            .env("PYTHONPATH", &site)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .current_dir(&context.scratch),
        "importing the installed wheel",
    )?;
    report.push_str(&format!("the wheel holds py.typed, LICENSE and {} modules\n", wanted.len() - 1));
    Ok(report)
}

/// The one file in `dist` whose name ends with `suffix`.
fn built(dist: &Path, suffix: &str) -> Result<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.file_name().and_then(|name| name.to_str()).is_some_and(|name| name.ends_with(suffix)))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        count => bail!("python -m build left {count} `*{suffix}` files in {}", dist.display()),
    }
}

/// The `.py` files of the import package, by name, sorted.
fn modules(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().and_then(|entry| entry.file_name().into_string().ok()))
        .filter(|name| name.ends_with(".py"))
        .collect();
    names.sort();
    if names.is_empty() {
        bail!("{} holds no module", dir.display());
    }
    Ok(names)
}

/// `python -m pip install` of one package (no dependencies, quietly) into
/// the folder `target`, as a program's `PYTHONPATH` then finds it; the
/// caller adds options and the wheel or folder.
pub fn pip_install(python: &std::path::Path, target: &std::path::Path) -> Command {
    let mut command = Command::new(python);
    command
        .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--target"])
        .arg(target);
    command
}
