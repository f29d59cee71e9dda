//! The toolchains the tests compile the generated code with: where
//! `cargo xtask test` installs them (`xtask/toolchains/`), and the
//! installer itself (Debian's packages when run as root, `npm ci`, a
//! Python virtual environment). It installs; it runs no test.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// Where `cargo xtask test` installs the TypeScript and Kotlin compilers
/// and playwright-core (npm) and mypy (a Python virtual environment,
/// `venv/`).
pub const TOOLCHAINS_DIR: &str = "xtask/toolchains";

/// Paths of the installed toolchains, relative to [`TOOLCHAINS_DIR`].
pub const TOOLCHAIN_BINARIES: &[(&str, &str)] = &[
    ("ERRCAT_TSC", "node_modules/.bin/tsc"),
    ("ERRCAT_KOTLINC", "node_modules/kotlin-compiler/bin/kotlinc"),
    ("ERRCAT_KOTLIN", "node_modules/kotlin-compiler/bin/kotlin"),
    // The browser driver of the error-index test (it downloads no browser).
    ("ERRCAT_PLAYWRIGHT", "node_modules/playwright-core"),
    // The workflow validator (GitHub's workflow schema) of `.github/workflows/`.
    ("ERRCAT_ACTION_VALIDATOR", "node_modules/.bin/action-validator"),
    // Microsoft's SARIF validator, with the SARIF 2.1.0 schema.
    ("ERRCAT_SARIF_MULTITOOL", "node_modules/@microsoft/sarif-multitool-linux"),
    // Ajv (with ajv-formats beside it): the JSON target's schema in strict mode.
    ("ERRCAT_AJV", "node_modules/ajv"),
    // The npm packages' release checks: publint and arethetypeswrong.
    ("ERRCAT_PUBLINT", "node_modules/.bin/publint"),
    ("ERRCAT_ATTW", "node_modules/.bin/attw"),
];

/// The virtual environment with mypy (pinned in `requirements.txt`), also
/// the Python the consumer test installs the generated package into.
const VENV: &str = "venv";

/// Debian's packages a toolchain comes from, installed when `cargo xtask
/// test` runs as root: (command, package).
const DEBIAN_TOOLS: &[(&str, &str)] = &[
    ("go", "golang-go"),
    ("gcc", "gcc"),
    ("javac", "default-jdk-headless"),
    ("node", "nodejs"),
    ("npm", "npm"),
    ("chromium", "chromium"),
    // The C library's build, install and consumers (release dry run).
    ("cmake", "cmake"),
    ("pkg-config", "pkg-config"),
    // The Java package's `pom.xml`, validated offline (release dry run).
    ("mvn", "maven"),
];

fn on_path(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg(if matches!(tool, "go") { "version" } else { "--version" })
        .output()
        .is_ok_and(|output| output.status.success())
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

fn run_install(what: &str, command: &mut std::process::Command) -> Result<()> {
    let status = command.status().with_context(|| format!("running {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Installs what the toolchain tests need when it is missing: Debian's
/// packages (Go, gcc, a JDK, Node.js, Chromium) when run as root, otherwise
/// a failure that names the install command; the TypeScript and Kotlin
/// compilers and playwright-core with `npm ci` from the committed lockfile;
/// mypy into a virtual environment.
/// Returns the environment variables that point the tests at them.
pub fn ensure_toolchains(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let missing: Vec<&str> =
        DEBIAN_TOOLS.iter().filter(|(tool, _)| !on_path(tool)).map(|(_, package)| *package).collect();
    if !missing.is_empty() {
        let command = format!("apt-get install -y --no-install-recommends {}", missing.join(" "));
        if !is_root() {
            bail!("missing toolchains; install them with:\n\n    sudo {command}\n");
        }
        eprintln!("test: installing {} (Debian packages)", missing.join(", "));
        run_install("apt-get update", std::process::Command::new("apt-get").args(["update", "-q"]))?;
        run_install(
            &command,
            std::process::Command::new("sh").args(["-c", &format!("DEBIAN_FRONTEND=noninteractive {command} -q")]),
        )?;
    }
    let dir = root.join(TOOLCHAINS_DIR);
    if TOOLCHAIN_BINARIES.iter().any(|(_, path)| !dir.join(path).exists()) {
        eprintln!(
            "test: installing TypeScript and Kotlin compilers and playwright-core into {TOOLCHAINS_DIR}/ (npm ci)"
        );
        run_install(
            "`npm ci` in xtask/toolchains",
            std::process::Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir),
        )?;
    }
    let venv = dir.join(VENV);
    let mypy = venv.join("bin/mypy");
    let requirements = dir.join("requirements.txt");
    let stamp = venv.join("requirements.txt");
    let current = std::fs::read_to_string(&requirements).context("reading xtask/toolchains/requirements.txt")?;
    if !mypy.exists() || std::fs::read_to_string(&stamp).ok().as_deref() != Some(current.as_str()) {
        eprintln!("test: installing mypy into {TOOLCHAINS_DIR}/{VENV}/ (python3 -m venv, pip)");
        run_install("python3 -m venv", std::process::Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        run_install(
            "pip install -r xtask/toolchains/requirements.txt",
            std::process::Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check", "-r"])
                .arg(&requirements),
        )?;
        std::fs::write(&stamp, current)?;
    }
    if !on_path("java") {
        bail!("`java` is not on PATH: install a Java runtime (17 or newer)");
    }
    let mut env: Vec<(String, PathBuf)> =
        TOOLCHAIN_BINARIES.iter().map(|(env, path)| ((*env).to_owned(), dir.join(path))).collect();
    env.push(("ERRCAT_MYPY".to_owned(), mypy));
    env.push(("ERRCAT_PYTHON".to_owned(), venv.join("bin/python3")));
    env.push(("ERRCAT_CHROMIUM".to_owned(), PathBuf::from("/usr/bin/chromium")));
    Ok(env)
}
