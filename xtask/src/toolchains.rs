//! The toolchains the tests compile the generated code with: where
//! `cargo xtask test` installs them (`xtask/toolchains/`), and the
//! installer itself (Debian's packages when run as root, `npm ci`, a
//! Python virtual environment). It says what it will install before it
//! starts, keeps the installers' output in a log file and prints one line
//! per step, and leaves the machine's default browser as it was. It
//! installs; it runs no test.

use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Where `cargo xtask test` installs the TypeScript and Kotlin compilers
/// and playwright-core (npm) and mypy (a Python virtual environment,
/// `venv/`).
pub const TOOLCHAINS_DIR: &str = "xtask/toolchains";

/// The installers' output (apt, npm, pip) of the last install, relative to
/// the root; rewritten by each install.
pub const INSTALL_LOG: &str = "xtask/toolchains/install.log";

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

/// The browser Debian's `chromium` package installs, and the alternatives
/// its installation registers it for, which make it the machine's default
/// browser when it is the only one.
const CHROMIUM: &str = "/usr/bin/chromium";
const BROWSER_ALTERNATIVES: &[&str] = &["x-www-browser", "gnome-www-browser"];

/// How many lines of the log a failed step prints.
const TAIL_LINES: usize = 25;

/// One step of an install and the packages it installs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Debian's packages, with apt-get (as root).
    Debian(Vec<String>),
    /// The npm packages of `package.json`, with `npm ci`.
    Npm(Vec<String>),
    /// The Python packages of `requirements.txt`, into the virtual environment.
    Python(Vec<String>),
}

impl Step {
    /// What the step is and where it installs, for the list.
    fn title(&self) -> String {
        match self {
            Step::Debian(_) => "Debian packages (apt-get install --no-install-recommends)".to_owned(),
            Step::Npm(_) => format!(
                "npm packages into {TOOLCHAINS_DIR}/node_modules/ (npm ci, pinned by {TOOLCHAINS_DIR}/package-lock.json)"
            ),
            Step::Python(_) => format!(
                "Python packages into {TOOLCHAINS_DIR}/{VENV}/ (python3 -m venv, pip, pinned by \
                 {TOOLCHAINS_DIR}/requirements.txt)"
            ),
        }
    }

    /// The step's name in its one-line summary.
    fn name(&self) -> &'static str {
        match self {
            Step::Debian(_) => "apt-get install",
            Step::Npm(_) => "npm ci",
            Step::Python(_) => "pip install",
        }
    }

    fn packages(&self) -> &[String] {
        match self {
            Step::Debian(packages) | Step::Npm(packages) | Step::Python(packages) => packages,
        }
    }
}

/// What `cargo xtask test` prints before it installs anything: every step
/// and every package, and where the installers' output goes.
pub fn install_list(steps: &[Step]) -> String {
    let mut out = format!("test: installing what the toolchain tests need (output in {INSTALL_LOG}):\n");
    for step in steps {
        let _ = writeln!(out, "  {}: {}", step.title(), step.packages().join(", "));
    }
    out
}

/// The line a finished step prints: what it installed and how long it
/// took, or that it failed.
pub fn step_summary(step: &Step, elapsed: Duration, failure: Option<&str>) -> String {
    let count = step.packages().len();
    match failure {
        None => format!("test: {} ({count} package(s)) done in {}", step.name(), format_duration(elapsed)),
        Some(why) => {
            format!("test: {} ({count} package(s)) FAILED after {}: {why}", step.name(), format_duration(elapsed))
        }
    }
}

/// `12.3 s` under a minute, `3 min 05 s` from a minute on.
pub fn format_duration(elapsed: Duration) -> String {
    let seconds = elapsed.as_secs();
    if seconds < 60 {
        format!("{:.1} s", elapsed.as_secs_f64())
    } else {
        format!("{} min {:02} s", seconds / 60, seconds % 60)
    }
}

/// The last `lines` lines of `log` (blank lines at its end left out), each
/// indented, for a failure message.
pub fn tail(log: &str, lines: usize) -> String {
    let all: Vec<&str> = log.trim_end().lines().collect();
    all[all.len().saturating_sub(lines)..].iter().map(|line| format!("  | {line}\n")).collect()
}

/// Whether `update-alternatives --query NAME` output lists `path` as one
/// of the alternatives.
pub fn has_alternative(query: &str, path: &str) -> bool {
    query.lines().any(|line| line.strip_prefix("Alternative:").is_some_and(|found| found.trim() == path))
}

/// The npm packages of `package.json` (`name version`), sorted as there.
pub fn npm_packages(package_json: &str) -> Result<Vec<String>> {
    let value: serde_json::Value = serde_json::from_str(package_json).context("reading package.json")?;
    let dependencies = value["devDependencies"].as_object().context("package.json has no devDependencies")?;
    Ok(dependencies.iter().map(|(name, version)| format!("{name} {}", version.as_str().unwrap_or("?"))).collect())
}

/// The Python packages of `requirements.txt`, one per requirement line.
pub fn python_packages(requirements: &str) -> Vec<String> {
    requirements
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.replace("==", " "))
        .collect()
}

fn on_path(tool: &str) -> bool {
    Command::new(tool)
        .arg(if matches!(tool, "go") { "version" } else { "--version" })
        .output()
        .is_ok_and(|output| output.status.success())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

/// The alternatives of [`BROWSER_ALTERNATIVES`] that list Chromium now.
fn browser_alternatives_with_chromium() -> Vec<&'static str> {
    BROWSER_ALTERNATIVES
        .iter()
        .copied()
        .filter(|name| {
            Command::new("update-alternatives")
                .args(["--query", name])
                .output()
                .is_ok_and(|output| has_alternative(&String::from_utf8_lossy(&output.stdout), CHROMIUM))
        })
        .collect()
}

/// The log of one install: every command and its output.
struct Log {
    path: PathBuf,
    file: std::fs::File,
}

impl Log {
    fn create(root: &Path) -> Result<Log> {
        let path = root.join(INSTALL_LOG);
        let file = std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Log { path, file })
    }

    /// Runs `command` with its output in the log.
    fn run(&mut self, command: &mut Command) -> Result<()> {
        let shown = std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|part| part.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(self.file, "$ {shown}")?;
        let status = command
            .stdin(Stdio::null())
            .stdout(self.file.try_clone()?)
            .stderr(self.file.try_clone()?)
            .status()
            .with_context(|| format!("running {shown}"))?;
        writeln!(self.file, "({status})\n")?;
        if !status.success() {
            bail!("`{shown}` {status}");
        }
        Ok(())
    }

    /// The failure of a step: its summary, the log's end and its path.
    fn failed(&self, step: &Step, started: Instant, error: &anyhow::Error) -> anyhow::Error {
        eprintln!("{}", step_summary(step, started.elapsed(), Some(&format!("{error:#}"))));
        let text = std::fs::read_to_string(&self.path).unwrap_or_default();
        eprint!("test: the end of {}:\n{}", self.path.display(), tail(&text, TAIL_LINES));
        anyhow::anyhow!(
            "installing the toolchains failed at `{}`; the whole output is in {}",
            step.name(),
            self.path.display()
        )
    }
}

/// Installs what the toolchain tests need when it is missing: Debian's
/// packages (Go, gcc, a JDK, Node.js, Chromium, CMake, pkg-config, Maven)
/// when run as root, otherwise a failure that names the install command;
/// the npm tools with `npm ci` from the committed lockfile; the Python
/// tools into a virtual environment. It prints the list first, one line per
/// step and the total time; the installers' output goes to
/// [`INSTALL_LOG`], whose end is printed when a step fails.
/// Returns the environment variables that point the tests at them.
pub fn ensure_toolchains(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let dir = root.join(TOOLCHAINS_DIR);
    let missing: Vec<String> =
        DEBIAN_TOOLS.iter().filter(|(tool, _)| !on_path(tool)).map(|(_, package)| (*package).to_owned()).collect();
    if !missing.is_empty() && !is_root() {
        bail!(
            "missing toolchains; install them with:\n\n    sudo apt-get install -y --no-install-recommends {}\n",
            missing.join(" ")
        );
    }
    let venv = dir.join(VENV);
    let mypy = venv.join("bin/mypy");
    let requirements = dir.join("requirements.txt");
    let stamp = venv.join("requirements.txt");
    let current = std::fs::read_to_string(&requirements).context("reading xtask/toolchains/requirements.txt")?;
    let mut steps = Vec::new();
    if !missing.is_empty() {
        steps.push(Step::Debian(missing));
    }
    if TOOLCHAIN_BINARIES.iter().any(|(_, path)| !dir.join(path).exists()) {
        let package_json = std::fs::read_to_string(dir.join("package.json")).context("reading package.json")?;
        steps.push(Step::Npm(npm_packages(&package_json)?));
    }
    if !mypy.exists() || std::fs::read_to_string(&stamp).ok().as_deref() != Some(current.as_str()) {
        steps.push(Step::Python(python_packages(&current)));
    }
    if !steps.is_empty() {
        eprint!("{}", install_list(&steps));
        let mut log = Log::create(root)?;
        let all = Instant::now();
        for step in &steps {
            let started = Instant::now();
            match step {
                Step::Debian(packages) => {
                    let before = browser_alternatives_with_chromium();
                    let installed = log.run(Command::new("apt-get").args(["update", "-q"])).and_then(|()| {
                        log.run(
                            Command::new("apt-get")
                                .args(["install", "-y", "-q", "--no-install-recommends"])
                                .args(packages)
                                .env("DEBIAN_FRONTEND", "noninteractive"),
                        )
                    });
                    installed.map_err(|error| log.failed(step, started, &error))?;
                    // Chromium registers itself as the default browser; take
                    // back what it took, so the machine's default stays.
                    let taken: Vec<&str> = browser_alternatives_with_chromium()
                        .into_iter()
                        .filter(|name| !before.contains(name))
                        .collect();
                    for name in &taken {
                        log.run(Command::new("update-alternatives").args(["--remove", name, CHROMIUM]))
                            .map_err(|error| log.failed(step, started, &error))?;
                    }
                    if !taken.is_empty() {
                        eprintln!(
                            "test: Chromium left out of the default browser ({}): it is only the tests' browser",
                            taken.join(", ")
                        );
                    }
                }
                Step::Npm(_) => {
                    log.run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&dir))
                        .map_err(|error| log.failed(step, started, &error))?;
                }
                Step::Python(_) => {
                    log.run(Command::new("python3").args(["-m", "venv"]).arg(&venv))
                        .and_then(|()| {
                            log.run(
                                Command::new(venv.join("bin/pip"))
                                    .args(["install", "--disable-pip-version-check", "-r"])
                                    .arg(&requirements),
                            )
                        })
                        .map_err(|error| log.failed(step, started, &error))?;
                    std::fs::write(&stamp, &current)?;
                }
            }
            eprintln!("{}", step_summary(step, started.elapsed(), None));
        }
        eprintln!("test: toolchains installed in {} (output in {INSTALL_LOG})", format_duration(all.elapsed()));
    }
    if !on_path("java") {
        bail!("`java` is not on PATH: install a Java runtime (17 or newer)");
    }
    let mut env: Vec<(String, PathBuf)> =
        TOOLCHAIN_BINARIES.iter().map(|(env, path)| ((*env).to_owned(), dir.join(path))).collect();
    env.push(("ERRCAT_MYPY".to_owned(), mypy));
    env.push(("ERRCAT_PYTHON".to_owned(), venv.join("bin/python3")));
    env.push(("ERRCAT_CHROMIUM".to_owned(), PathBuf::from(CHROMIUM)));
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toolchains_file(name: &str) -> String {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("toolchains").join(name)).expect(name)
    }

    #[test]
    fn the_list_names_every_package_of_every_step_and_the_log() {
        let debian = Step::Debian(vec!["golang-go".to_owned(), "chromium".to_owned()]);
        let npm = Step::Npm(npm_packages(&toolchains_file("package.json")).expect("package.json"));
        let python = Step::Python(python_packages(&toolchains_file("requirements.txt")));
        let list = install_list(&[debian, npm, python]);
        assert!(
            list.starts_with(
                "test: installing what the toolchain tests need (output in xtask/toolchains/install.log):\n  \
                 Debian packages (apt-get install --no-install-recommends): golang-go, chromium\n  \
                 npm packages into xtask/toolchains/node_modules/ (npm ci, pinned by \
                 xtask/toolchains/package-lock.json): @action-validator/cli 0.6.0, @action-validator/core 0.6.0, "
            ),
            "{list}"
        );
        for package in ["@microsoft/sarif-multitool 5.7.0", "typescript 7.0.2", "kotlin-compiler 2.4.20", "publint"] {
            assert!(list.contains(package), "{package} in\n{list}");
        }
        assert!(
            list.ends_with(
                "  Python packages into xtask/toolchains/venv/ (python3 -m venv, pip, pinned by \
                 xtask/toolchains/requirements.txt): mypy 2.4.1, setuptools 80.9.0, build 1.6.1, twine 7.0.0\n"
            ),
            "{list}"
        );
    }

    #[test]
    fn the_readme_names_everything_the_installer_installs() {
        let readme =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).expect("README");
        let start = readme.find("## The two commands").expect("section");
        let section = &readme[start..readme[start + 3..].find("\n## ").map_or(readme.len(), |end| start + 3 + end)];
        let npm = npm_packages(&toolchains_file("package.json")).expect("package.json");
        let python = python_packages(&toolchains_file("requirements.txt"));
        let names = DEBIAN_TOOLS
            .iter()
            .map(|(_, package)| (*package).to_owned())
            .chain(npm.iter().chain(&python).map(|package| package.split(' ').next().unwrap_or(package).to_owned()));
        for name in names {
            assert!(section.contains(&format!("`{name}`")), "`{name}` in README's \"The two commands\"");
        }
        assert!(section.contains(INSTALL_LOG), "the log's path in the README");
    }

    #[test]
    fn a_step_says_what_it_did_and_how_long_it_took() {
        let npm = Step::Npm(vec!["typescript 7.0.2".to_owned(), "ajv 8.20.0".to_owned()]);
        assert_eq!(
            step_summary(&npm, Duration::from_millis(12_340), None),
            "test: npm ci (2 package(s)) done in 12.3 s"
        );
        let debian = Step::Debian(vec!["chromium".to_owned()]);
        assert_eq!(
            step_summary(&debian, Duration::from_secs(185), Some("`apt-get install` exit status: 100")),
            "test: apt-get install (1 package(s)) FAILED after 3 min 05 s: `apt-get install` exit status: 100"
        );
    }

    #[test]
    fn a_failure_shows_the_end_of_the_log() {
        let log: String = (1..=30).map(|n| format!("line {n}\n")).collect();
        let end = tail(&log, 3);
        assert_eq!(end, "  | line 28\n  | line 29\n  | line 30\n");
        assert_eq!(tail("only\n(exit status: 1)\n\n", 25), "  | only\n  | (exit status: 1)\n");
    }

    #[test]
    fn chromium_is_found_among_the_browser_alternatives() {
        // `update-alternatives --query x-www-browser` after Debian's chromium
        // package made itself the default.
        let query = "Name: x-www-browser\nLink: /usr/bin/x-www-browser\nStatus: auto\nBest: /usr/bin/chromium\n\
                     Value: /usr/bin/chromium\n\nAlternative: /usr/bin/chromium\nPriority: 40\n";
        assert!(has_alternative(query, CHROMIUM));
        let firefox = query.replace("/usr/bin/chromium", "/usr/bin/firefox-esr");
        assert!(!has_alternative(&firefox, CHROMIUM));
        assert!(!has_alternative("", CHROMIUM), "no such alternative: nothing listed");
    }
}
