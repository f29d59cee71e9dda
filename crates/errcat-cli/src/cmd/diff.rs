//! `errcat diff`: the semantic diff of two versions of a catalog, each side
//! a page, a catalog file or a catalog at a git revision (optionally one of
//! its groups), or of every catalog of a folder against a git revision
//! (`--since`). Git is run as a program (`git show`, `git ls-tree`); the
//! diff and its report are the library's.

use crate::report::{self, FailOn};
use crate::{input, output};
use anyhow::{Context, Result, bail};
use errcat::catalog::Catalog;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "Each side is a page (.md, .mdx, .html; settings and names come from docs-src/sources.yaml when the page is listed there), a catalog (.yaml, .yml, .json), or git:REV:PATH (a catalog at a git revision). Add #GROUP to compare one section (by title or type name), e.g. page.mdx#混流转码接口.\n\nExit codes:\n  0  no change at or above --fail-on (always 0 without --fail-on)\n  1  a change at or above --fail-on\n  2  usage error, I/O error, unreadable catalog, unknown group";

/// What changed between two versions: added, removed, renamed,
/// re-worded codes, classified breaking / minor / patch.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The old version (omit with --since).
    old: Option<String>,
    /// The new version (omit with --since).
    new: Option<String>,
    /// Compare every catalog in --catalogs with its version at this git revision.
    #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
    since: Option<String>,
    /// Directory of catalogs, for --since.
    #[arg(long, default_value = "generated/catalog")]
    catalogs: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: report::Format,
    /// Exit 1 when a change at or above this level is found.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value = "auto")]
    color: output::ColorChoice,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let mut report = errcat::diff::Report::default();
    if let Some(rev) = &args.since {
        report.catalogs = diff_since(rev, &args.catalogs)?;
    } else {
        let (Some(old), Some(new)) = (&args.old, &args.new) else {
            bail!("give OLD and NEW, or --since REV");
        };
        let old_catalog = load_side(old)?;
        let new_catalog = load_side(new)?;
        report.catalogs.push(errcat::diff::diff_catalogs(&old_catalog, &new_catalog, old, new));
    }
    let threshold = args.fail_on.map(|fail_on| report::level_of(Some(fail_on)));
    let text = report::render(&report, args.format, args.color, threshold);
    std::io::stdout().lock().write_all(text.as_bytes()).context("writing the report")?;
    let Some(threshold) = threshold else { return Ok(ExitCode::SUCCESS) };
    Ok(crate::exit::problems(report.level().is_some_and(|level| level >= threshold)))
}

/// Runs `git show REV:PATH`; `None` when the path is not there at `rev`.
fn git_show(rev: &str, path: &str) -> Result<Option<String>> {
    let output = std::process::Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .output()
        .context("running git (is it installed?)")?;
    if output.status.success() {
        return Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned()));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("does not exist") || stderr.contains("exists on disk, but not in") {
        return Ok(None);
    }
    bail!("git show {rev}:{path}: {}", stderr.trim())
}

/// Loads one side of a diff: `git:REV:PATH`, a catalog, or a page, with an
/// optional `#GROUP` selector.
fn load_side(spec: &str) -> Result<Catalog> {
    let (source, selector) = if spec.starts_with("git:") || Path::new(spec).exists() {
        match spec.rsplit_once('#') {
            Some((source, selector)) if spec.starts_with("git:") => (source, Some(selector)),
            _ => (spec, None),
        }
    } else {
        match spec.rsplit_once('#') {
            Some((source, selector)) => (source, Some(selector)),
            None => (spec, None),
        }
    };
    let catalog = if let Some(rest) = source.strip_prefix("git:") {
        let (rev, path) = rest.split_once(':').with_context(|| format!("`{spec}`: expected git:REV:PATH"))?;
        let text = git_show(rev, path)?.with_context(|| format!("`{path}` does not exist at {rev}"))?;
        input::parse_catalog(path, &text)?
    } else {
        let path = Path::new(source);
        let bytes = input::read(path)?;
        if input::is_catalog(path) {
            input::parse_catalog(source, &String::from_utf8_lossy(&bytes))?
        } else {
            ingest_page(path, &bytes)?
        }
    };
    match selector {
        None => Ok(catalog),
        Some(selector) => errcat::diff::select_group(&catalog, selector).with_context(|| {
            let groups: Vec<String> = catalog.groups.iter().map(|g| format!("{} ({})", g.title, g.name)).collect();
            format!("no group `{selector}` in {source}; groups: {}", groups.join(", "))
        }),
    }
}

/// Ingests a page for a diff: with its manifest entry (settings, lockfile,
/// official names) when its folder holds `sources.yaml` listing it.
fn ingest_page(path: &Path, bytes: &[u8]) -> Result<Catalog> {
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let manifest_path = dir.join("sources.yaml");
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    if let Ok(text) = std::fs::read_to_string(&manifest_path) {
        let manifest = errcat::manifest::Manifest::parse(&text, &manifest_path.display().to_string())?;
        if let Some(source) = manifest.sources.iter().find(|source| source.file == name) {
            let loaded = errcat::project::load_source(source, &errcat::project::read_from_dir(dir))?;
            output::print_diagnostics(&loaded.diagnostics, &String::from_utf8_lossy(bytes), true);
            return Ok(loaded.catalog);
        }
    }
    let (catalog, diagnostics) = input::ingest_page(path, bytes);
    output::print_diagnostics(&diagnostics, &String::from_utf8_lossy(bytes), true);
    Ok(catalog)
}

/// Every catalog in `dir` against its version at `rev` (catalogs only on
/// one side count as all added or all removed).
fn diff_since(rev: &str, dir: &Path) -> Result<Vec<errcat::diff::CatalogReport>> {
    let dir_text = dir.to_string_lossy().trim_end_matches('/').to_owned();
    let output = std::process::Command::new("git")
        .args(["ls-tree", "--name-only", &format!("{rev}:{dir_text}")])
        .output()
        .context("running git (is it installed?)")?;
    let mut ids = std::collections::BTreeSet::new();
    if output.status.success() {
        for name in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some(id) = name.strip_suffix(".yaml") {
                ids.insert(id.to_owned());
            }
        }
    } else if !String::from_utf8_lossy(&output.stderr).contains("Not a valid object name") {
        bail!("git ls-tree {rev}:{dir_text}: {}", String::from_utf8_lossy(&output.stderr).trim());
    }
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry.with_context(|| format!("reading {}", dir.display()))?.file_name();
        if let Some(id) = name.to_string_lossy().strip_suffix(".yaml") {
            ids.insert(id.to_owned());
        }
    }
    let mut reports = Vec::new();
    for id in ids {
        let path = format!("{dir_text}/{id}.yaml");
        let old = git_show(rev, &path)?.map(|text| input::parse_catalog(&path, &text)).transpose()?;
        let new = match std::fs::read_to_string(&path) {
            Ok(text) => Some(input::parse_catalog(&path, &text)?),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(error).with_context(|| format!("reading {path}")),
        };
        let empty = |catalog: &Catalog| Catalog { groups: Vec::new(), ..catalog.clone() };
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (Some(old), None) => (old.clone(), empty(&old)),
            (None, Some(new)) => (empty(&new), new),
            (None, None) => continue,
        };
        reports.push(errcat::diff::diff_catalogs(&old, &new, &format!("{rev}:{path}"), &path));
    }
    Ok(reports)
}
