//! The npm package of the code (`generated/typescript/`), on a copy:
//! `npm publish --dry-run` (a warning fails the step, except the one that
//! says a dry run is not logged in), publint with no message at any level
//! (errors, warnings, suggestions), and arethetypeswrong on what `npm pack`
//! packs, under every resolution it knows (node10, node16 from CommonJS and
//! from ES modules, bundler). Then the packed tarball is unpacked into a
//! scratch `node_modules/` and every entry point of its `exports` loads
//! both with `import` (the ES module build) and with `require` (the
//! CommonJS build), with the same exports.
//!
//! The JSON package's step ([`super::json`]) shares the dry run and
//! publint. Nothing here logs in, installs from a registry or publishes.

use super::{Context, Step, run};
use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const STEP: Step = Step {
    name: "npm",
    package: "typescript",
    checks: "npm publish --dry-run, publint (no message), attw --pack (node10, node16 CJS and ESM, bundler), every entry point of the tarball by import and require",
    run: check,
};

/// Loads every entry point of the package named by the first argument,
/// unpacked beside this script, with `import` and with `require`, and
/// compares the names each exports.
const LOAD_ENTRY_POINTS: &str = r#"import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const name = process.argv[2];
const manifest = require(`${name}/package.json`);
let checked = 0;
for (const subpath of Object.keys(manifest.exports)) {
  if (subpath === "./package.json") continue;
  const specifier = subpath === "." ? name : name + subpath.slice(1);
  const imported = Object.keys(await import(specifier)).sort().join(" ");
  const required = Object.keys(require(specifier)).sort().join(" ");
  if (imported === "" || imported !== required) {
    console.error(`${specifier}: import gives [${imported}], require gives [${required}]`);
    process.exit(1);
  }
  checked += 1;
}
console.log(`import and require load the same exports from ${checked} entry points`);
"#;

fn check(context: &Context) -> Result<String> {
    let package = context.copy_package("typescript", "package")?;
    let mut report = publish_dry_run(context, &package)?;
    report.push_str(&publint(context, &package)?);
    let attw = context.tool("ERRCAT_ATTW", "attw")?;
    let types = run(
        Command::new(&attw)
            .args(["--pack", ".", "--profile", "strict", "--format", "ascii", "--no-color", "--no-emoji"])
            .current_dir(&package)
            .envs(npm_env(context)),
        "attw --pack (arethetypeswrong)",
    )?;
    if !types.contains("No problems found") {
        bail!("attw found problems:\n{types}");
    }
    report.push_str("attw: no problems found (node10, node16 from CommonJS and ES modules, bundler)\n");
    report.push_str(&load_entry_points(context, &package)?);
    Ok(report)
}

/// The environment every npm command of a dry run gets: a cache in the
/// scratch folder, no update check, audit or funding messages.
pub(super) fn npm_env(context: &Context) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("npm_config_cache", context.scratch.join("npm-cache")),
        ("npm_config_update_notifier", PathBuf::from("false")),
        ("npm_config_audit", PathBuf::from("false")),
        ("npm_config_fund", PathBuf::from("false")),
    ]
}

/// `npm publish --dry-run` in `package`: its summary (name, version,
/// files, size). Any `npm warn` fails, except that a dry run is not logged
/// in: it needs no credentials and gets none.
pub(super) fn publish_dry_run(context: &Context, package: &Path) -> Result<String> {
    let npm = context.tool("ERRCAT_NPM", "npm")?;
    let output = Command::new(&npm)
        .args(["publish", "--dry-run"])
        .current_dir(package)
        .envs(npm_env(context))
        .output()
        .context("npm publish --dry-run: cannot start")?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("npm publish --dry-run failed ({}):\n{stdout}\n{stderr}", output.status);
    }
    let warnings: Vec<&str> = stdout
        .lines()
        .chain(stderr.lines())
        .filter(|line| {
            let line = line.trim_start().to_lowercase();
            line.starts_with("npm warn") || line.contains("warning")
        })
        .filter(|line| !(line.contains("requires you to be logged in") && line.contains("(dry-run)")))
        .collect();
    if !warnings.is_empty() {
        bail!("npm publish --dry-run warned:\n{}", warnings.join("\n"));
    }
    let summary: String = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("npm notice "))
        .filter(|line| {
            ["name:", "version:", "package size:", "unpacked size:", "total files:"]
                .iter()
                .any(|key| line.starts_with(key))
        })
        .map(|line| format!("npm publish --dry-run: {line}\n"))
        .collect();
    Ok(summary)
}

/// publint on what `npm pack` packs of `package`, at every level: the step
/// fails on any message, a suggestion included.
pub(super) fn publint(context: &Context, package: &Path) -> Result<String> {
    let publint = context.tool("ERRCAT_PUBLINT", "publint")?;
    let output = run(
        Command::new(&publint)
            .args(["run", "--level", "suggestion", "--strict", "--pack", "npm"])
            .arg(package)
            .envs(npm_env(context)),
        "publint",
    )?;
    if !output.contains("All good!") {
        bail!("publint has messages:\n{output}");
    }
    Ok("publint: all good (no error, warning or suggestion)\n".to_owned())
}

/// Packs `package` with `npm pack`, unpacks the tarball into a scratch
/// `node_modules/`, and loads every entry point with `import` and
/// `require` ([`LOAD_ENTRY_POINTS`]).
fn load_entry_points(context: &Context, package: &Path) -> Result<String> {
    let npm = context.tool("ERRCAT_NPM", "npm")?;
    let node = context.tool("ERRCAT_NODE", "node")?;
    let packed = context.scratch.join("packed");
    std::fs::create_dir_all(&packed)?;
    let listing = run(
        Command::new(&npm)
            .args(["pack", "--json", "--pack-destination"])
            .arg(&packed)
            .current_dir(package)
            .envs(npm_env(context)),
        "npm pack",
    )?;
    let listing: serde_json::Value = serde_json::from_str(&listing).context("npm pack --json")?;
    let name = listing[0]["name"].as_str().context("npm pack --json gives no name")?;
    let tarball = packed.join(listing[0]["filename"].as_str().context("npm pack --json gives no file name")?);
    let project = context.scratch.join("consumer");
    let installed = project.join("node_modules").join(name);
    std::fs::create_dir_all(&installed)?;
    run(
        Command::new("tar").arg("-xzf").arg(&tarball).arg("--strip-components=1").arg("-C").arg(&installed),
        "unpacking the tarball",
    )?;
    let script = project.join("load.mjs");
    std::fs::write(&script, LOAD_ENTRY_POINTS)?;
    run(Command::new(&node).arg(&script).arg(name).current_dir(&project), "loading every entry point")
}
