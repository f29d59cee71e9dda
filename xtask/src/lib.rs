//! Project automation behind `cargo xtask`: one code path computes every
//! generated file in memory; `regen` writes it, `check` compares it.
//!
//! This is the only place (with the CLI) that touches the filesystem. It
//! reads `docs-src/sources.yaml` and the pages, runs the pure pipeline, and
//! either writes `generated/` (and the generated crate's entry in
//! `Cargo.lock`) atomically or reports drift with a unified diff and the
//! fix command. What it compares with is the committed tree: `HEAD` in
//! git, the files on disk outside it.

pub mod bench;
pub mod corpus;
pub mod names;
pub mod release;
pub mod toolchains;

pub use names::{Suggestions, format_lockfile, lock_names, suggest_names};
pub use toolchains::{TOOLCHAIN_BINARIES, TOOLCHAINS_DIR, ensure_toolchains};

use anyhow::{Context, Result, bail};
use errcat::catalog::Catalog;
use errcat::diagnostic::{Diagnostic, Severity, Tally};
use errcat::manifest::Manifest;
use errcat::render::{Target, TemplateSet};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The command that fixes drift, printed by `check`.
pub const FIX_COMMAND: &str = "cargo xtask regen";

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

/// Everything regen would write, keyed by path relative to the root, plus
/// the diagnostics found on the way and the page texts they point into.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: BTreeMap<PathBuf, String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Page text per diagnostic path, for rendering source lines.
    pub sources: BTreeMap<String, String>,
    /// The version of the generated packages.
    pub version: errcat::version::PackageVersion,
    /// Whether the pages changed since the committed record, so that
    /// `version` is a new bump rather than the committed record itself.
    pub bumped: bool,
}

impl Plan {
    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }

    /// Diagnostics rendered rustc-style: the new ones first and in full
    /// (infos only when `verbose`), then the warnings the manifest declares
    /// known (allowed lints, `known_warnings`) as one summary line, or in
    /// full, each with its reason, when `verbose`.
    pub fn render_diagnostics(&self, color: bool, verbose: bool) -> String {
        let mut out = String::new();
        let (known, new): (Vec<&Diagnostic>, Vec<&Diagnostic>) = self
            .diagnostics
            .iter()
            .filter(|d| verbose || d.severity() != Severity::Info)
            .partition(|d| d.known.is_some());
        let shown = if verbose { [new, known.clone()].concat() } else { new };
        // Diagnostics come sorted by file: render each file's run at once.
        for run in shown.chunk_by(|a, b| a.file == b.file) {
            let source = self.sources.get(&run[0].file).map(String::as_str);
            for rendered in errcat::diagnostic::render_all(run.iter().copied(), source, color) {
                out.push_str(&rendered);
                out.push('\n');
            }
        }
        if !known.is_empty() {
            let pages = known.iter().map(|d| d.file.as_str()).collect::<std::collections::BTreeSet<_>>().len();
            let _ = writeln!(
                out,
                "{} known warning{} on {pages} page{} ({})",
                known.len(),
                if known.len() == 1 { "" } else { "s" },
                if pages == 1 { "" } else { "s" },
                if verbose { "shown above, each with its reason" } else { "`--verbose` shows them" }
            );
        }
        out
    }
}

/// Directory (relative to the root) that regen owns entirely: any file in it
/// that regen did not produce is an orphan.
pub const GENERATED_DIR: &str = "generated";
pub const MANIFEST_PATH: &str = "docs-src/sources.yaml";

/// What [`plan_with_progress`] tells its caller while it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// Page `index` (from 1) of `total` is being read: its source id.
    Reading { index: usize, total: usize, id: &'a str },
    /// Every page is read; the targets are being rendered.
    Rendering { targets: usize },
}

/// Computes every generated file from `docs-src/`.
pub fn plan(root: &Path) -> Result<Plan> {
    plan_with_progress(root, &mut |_| {})
}

/// [`plan`], telling `progress` which page it reads and when it renders.
pub fn plan_with_progress(root: &Path, progress: &mut dyn FnMut(Progress<'_>)) -> Result<Plan> {
    let manifest_path = guarded(root, Path::new(MANIFEST_PATH))?;
    let manifest_text =
        std::fs::read_to_string(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?;
    let manifest = Manifest::parse(&manifest_text, MANIFEST_PATH)?;
    let mut plan = Plan::default();
    let docs_src = root.join("docs-src");
    let read = errcat::project::read_from_dir(&docs_src);
    let mut catalogs = Vec::new();
    let in_git = is_git_checkout(root);
    let mut changes = Vec::new();
    let mut reports = Vec::new();
    let mut change_reports = Vec::new();
    let total = manifest.sources.len();
    for (index, source) in manifest.sources.iter().enumerate() {
        progress(Progress::Reading { index: index + 1, total, id: &source.id });
        let loaded = errcat::project::load_source(source, &read)?;
        let header = format!("generated by `cargo xtask regen` from docs-src/{}; do not edit", source.file);
        let catalog_path = PathBuf::from(GENERATED_DIR).join("catalog").join(format!("{}.yaml", source.id));
        let catalog_text = loaded.catalog.to_yaml_file(&header);
        if let Some(change) = change_since_committed(root, in_git, &catalog_path, &catalog_text, &loaded.catalog)? {
            changes.push(change);
        }
        if let Some((files, report)) = change_report(root, in_git, &catalog_path, &catalog_text, &loaded.catalog)? {
            reports.extend(files);
            change_reports.push(report);
        }
        plan.files.insert(catalog_path, catalog_text);
        plan.diagnostics.extend(loaded.diagnostics);
        plan.sources.extend(loaded.texts);
        catalogs.push(loaded.catalog);
    }
    let version_path = PathBuf::from(GENERATED_DIR).join(VERSION_FILE);
    let committed = match committed_file(root, in_git, &version_path) {
        Some(text) => errcat::version::PackageVersion::from_yaml(&text)?,
        None => errcat::version::PackageVersion::default(),
    };
    let version = errcat::version::PackageVersion::next(&committed, &changes)?;
    plan.files.extend(reports);
    if let Some(lockfile) = lockfile(root, manifest.package.crate_name(), &version.version)? {
        plan.files.insert(PathBuf::from(LOCKFILE), lockfile);
    }
    plan.files.insert(version_path, version.to_yaml());
    plan.bumped = version != committed;
    plan.version = version;
    let mut model = errcat::render::CodeModel::new(catalogs)
        .with_version(&plan.version.version)
        .with_changes(change_reports)
        .with_package(manifest.package.clone());
    if let Some(file) = &manifest.package.license_file {
        errcat::manifest::check_relative_path(file)
            .map_err(|message| anyhow::anyhow!("{MANIFEST_PATH}: package.license_file: {message}"))?;
        let path = guarded(root, &Path::new("docs-src").join(file))?;
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        model = model.with_license_text(&text);
    }
    let sets: Vec<(Target, TemplateSet)> =
        Target::ALL.iter().map(|target| (*target, TemplateSet::builtin(*target))).collect();
    progress(Progress::Rendering { targets: sets.len() });
    let rendering = errcat::render::Rendering::new(&model, &sets).context("rendering the targets")?;
    for (target, file) in rendering.to_memory().context("rendering the targets")? {
        plan.files.insert(PathBuf::from(GENERATED_DIR).join(target.dir()).join(&file.path), file.text);
    }
    Ok(plan)
}

/// The record of the generated packages' version, under `generated/`.
pub const VERSION_FILE: &str = "package.yaml";

/// The workspace's lockfile, outside `generated/`: its entry of the
/// generated crate names the package version, so regen writes that entry
/// and check verifies it.
pub const LOCKFILE: &str = "Cargo.lock";

/// `Cargo.lock` with the generated crate's entry at `version`; `None` when
/// the root has no lockfile or the lockfile has no such entry (the crate
/// is not a member of the root's workspace).
fn lockfile(root: &Path, crate_name: &str, version: &str) -> Result<Option<String>> {
    let path = guarded(root, Path::new(LOCKFILE))?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(errcat::version::lockfile_with_version(&text, crate_name, version)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).with_context(|| format!("reading {}", path.display())),
    }
}

/// A file of `generated/` as on disk; `None` when it is missing, or behind a
/// symbolic link (which [`check`] and [`write`] then refuse by name).
fn read_generated(root: &Path, path: &Path) -> Option<String> {
    std::fs::read_to_string(guarded(root, path).ok()?).ok()
}

/// Writes `docs-src/<relative>` through a temporary sibling and a rename,
/// never through a symbolic link.
pub(crate) fn write_docs_src(root: &Path, relative: &str, text: &str) -> Result<()> {
    let path = guarded(root, &Path::new("docs-src").join(relative))?;
    let parent = path.parent().context("a file of docs-src/ without a directory")?;
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temporary = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temporary, text).with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, &path).with_context(|| format!("writing {}", path.display())).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Whether `root` is a git checkout with a commit.
fn is_git_checkout(root: &Path) -> bool {
    std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// The committed version of a file: at `HEAD` in a git checkout (what is
/// on disk does not count), else the file on disk (what the last regen
/// wrote stands for the commit).
fn committed_file(root: &Path, in_git: bool, path: &Path) -> Option<String> {
    if in_git { committed_text(root, path) } else { read_generated(root, path) }
}

/// How a catalog changed since it was committed (`None`: it did not).
fn change_since_committed(
    root: &Path,
    in_git: bool,
    catalog_path: &Path,
    catalog_text: &str,
    catalog: &Catalog,
) -> Result<Option<errcat::version::CatalogChange>> {
    let Some(committed) = committed_file(root, in_git, catalog_path) else {
        return Ok(Some(errcat::version::CatalogChange::New { id: catalog.id.clone() }));
    };
    if committed == catalog_text {
        return Ok(None);
    }
    let old =
        Catalog::from_yaml(&committed).with_context(|| format!("reading the committed {}", catalog_path.display()))?;
    let label = catalog_path.display().to_string();
    Ok(Some(errcat::version::CatalogChange::Diff(errcat::diff::diff_catalogs(&old, catalog, &label, &label))))
}

/// A file at `HEAD` in git (`path` relative to the root, which may be a
/// folder of a larger repository), when the root is a git checkout that
/// has it.
fn committed_text(root: &Path, path: &Path) -> Option<String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["show", &format!("HEAD:./{}", path.display())])
        .output()
        .ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The files of a change report (base and Markdown) and the report.
type ChangeReport = (Vec<(PathBuf, String)>, errcat::diff::CatalogReport);

/// The change report of one catalog: `generated/changes/<id>.md`, the
/// semantic diff from `generated/changes/<id>.base.yaml` to the catalog.
///
/// A function of the committed tree ([`committed_file`]: `HEAD` in git)
/// and the catalog alone, whatever earlier regens left on disk. While the
/// catalog is as committed, its report is the committed base's (a
/// committed report stays, and comes back when deleted); a catalog that
/// differs from the committed one has the committed one as base; a
/// catalog not committed at all is new, and its base is the catalog
/// without codes ([`new_catalog_base`]), so that every code is added. A
/// catalog equal to its base has no report. Returns the two files and the
/// report (which the error index shows).
fn change_report(
    root: &Path,
    in_git: bool,
    catalog_path: &Path,
    catalog_text: &str,
    catalog: &Catalog,
) -> Result<Option<ChangeReport>> {
    let id = &catalog.id;
    let base_path = PathBuf::from(GENERATED_DIR).join("changes").join(format!("{id}.base.yaml"));
    let report_path = PathBuf::from(GENERATED_DIR).join("changes").join(format!("{id}.md"));
    let base_text = match committed_file(root, in_git, catalog_path) {
        None => new_catalog_base(catalog),
        Some(committed) if committed == catalog_text => match committed_file(root, in_git, &base_path) {
            Some(text) => text,
            None => return Ok(None),
        },
        Some(committed) => committed,
    };
    if base_text == catalog_text {
        return Ok(None);
    }
    let base = Catalog::from_yaml(&base_text).with_context(|| format!("reading {}", base_path.display()))?;
    let report = errcat::diff::Report {
        catalogs: vec![errcat::diff::diff_catalogs(
            &base,
            catalog,
            &format!("{GENERATED_DIR}/changes/{id}.base.yaml"),
            &catalog_path.display().to_string(),
        )],
    };
    let mut markdown =
        format!("<!-- generated by `cargo xtask regen`; do not edit -->\n{}", errcat::diff::render_markdown(&report));
    if report.is_empty() {
        markdown.push_str("\nOnly the source position (lines or checksum) changed.\n");
    }
    if base_text.lines().next().is_some_and(|header| header.contains(NEW_CATALOG_MARK)) {
        markdown.push_str("\nNew catalog: it was not committed before this change, so its base has no codes.\n");
    }
    let catalog_report = report.catalogs.into_iter().next().context("a report of one catalog")?;
    Ok(Some((vec![(base_path, base_text), (report_path, markdown)], catalog_report)))
}

/// What the header of a new catalog's base says.
const NEW_CATALOG_MARK: &str =
    "was not committed before this change; this catalog without codes is the base of its change report";

/// The base of a catalog that is not committed: the catalog without
/// groups, notes or editions, which the report shows every code added to.
fn new_catalog_base(catalog: &Catalog) -> String {
    let empty = Catalog { notes: Vec::new(), editions: Vec::new(), groups: Vec::new(), ..catalog.clone() };
    let header = format!(
        "generated by `cargo xtask regen`: generated/catalog/{}.yaml {NEW_CATALOG_MARK}; do not edit",
        catalog.id
    );
    empty.to_yaml_file(&header)
}

/// What `check` found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose content differs, with a unified diff (committed → expected).
    pub stale: Vec<(PathBuf, String)>,
    pub missing: Vec<PathBuf>,
    /// Files under `generated/` that regen does not produce.
    pub orphans: Vec<PathBuf>,
}

/// How `cargo xtask check` reports: text for people, or a CI format
/// (`--format github|sarif|junit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Github,
    Sarif,
    Junit,
}

impl CheckFormat {
    pub fn parse(text: &str) -> Option<CheckFormat> {
        match text {
            "text" => Some(CheckFormat::Text),
            "github" => Some(CheckFormat::Github),
            "sarif" => Some(CheckFormat::Sarif),
            "junit" => Some(CheckFormat::Junit),
            _ => None,
        }
    }
}

/// The rules of drift findings: (id, name, description).
const DRIFT_RULES: &[(&str, &str, &str)] = &[
    ("stale", "generated-stale", "a generated file differs from what regen produces from docs-src/"),
    ("missing", "generated-missing", "a file regen produces is not committed"),
    ("orphan", "generated-orphan", "a file under generated/ that regen does not produce"),
];

/// The first line of the committed file that a unified diff changes: its
/// first hunk's start plus the context lines before the first change.
fn first_changed_line(diff: &str) -> u32 {
    let mut lines = diff.lines().skip_while(|line| !line.starts_with("@@ -"));
    let Some(start) = lines
        .next()
        .and_then(|header| header.strip_prefix("@@ -"))
        .and_then(|rest| rest.split([',', ' ']).next())
        .and_then(|start| start.parse::<u32>().ok())
    else {
        return 0;
    };
    let context = lines.take_while(|line| line.starts_with(' ')).count();
    (start + u32::try_from(context).unwrap_or(0)).max(1)
}

/// What `check` found as findings: the pages' diagnostics (infos only
/// when `verbose`), then the drift of `generated/`.
pub fn check_findings(plan: &Plan, drift: &Drift, verbose: bool) -> Vec<errcat::findings::Finding> {
    use errcat::findings::{Finding, Level};
    let mut findings: Vec<Finding> = plan
        .diagnostics
        .iter()
        .filter(|diagnostic| verbose || diagnostic.severity() != Severity::Info)
        .map(Finding::from)
        .collect();
    let finding = |(rule, name, _): (&str, &str, &str), path: &Path, line: u32, message: String| Finding {
        rule: rule.to_owned(),
        rule_name: name.to_owned(),
        level: Level::Error,
        file: path.display().to_string(),
        line,
        column: 0,
        message,
    };
    for (path, diff) in &drift.stale {
        findings.push(finding(
            DRIFT_RULES[0],
            path,
            first_changed_line(diff),
            format!("{} differs from what regen produces; fix it with `{FIX_COMMAND}`", path.display()),
        ));
    }
    for path in &drift.missing {
        findings.push(finding(
            DRIFT_RULES[1],
            path,
            0,
            format!("{} is not committed; fix it with `{FIX_COMMAND}`", path.display()),
        ));
    }
    for path in &drift.orphans {
        findings.push(finding(
            DRIFT_RULES[2],
            path,
            0,
            format!("{} is not produced by regen (delete it, or add its source)", path.display()),
        ));
    }
    findings
}

/// The report of `check` in a CI format (not [`CheckFormat::Text`]).
pub fn check_report(plan: &Plan, drift: &Drift, format: CheckFormat, verbose: bool) -> String {
    use errcat::findings::{Level, Rule};
    let findings = check_findings(plan, drift, verbose);
    match format {
        CheckFormat::Text | CheckFormat::Github => errcat::findings::github("cargo xtask check", &findings),
        CheckFormat::Sarif => {
            let mut rules = errcat::findings::diagnostic_rules();
            rules.extend(DRIFT_RULES.iter().map(|(id, name, description)| Rule {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                description: (*description).to_owned(),
                level: Level::Error,
            }));
            errcat::findings::sarif("errcat", env!("CARGO_PKG_VERSION"), &rules, &findings)
        }
        CheckFormat::Junit => {
            let pages: Vec<String> = plan.sources.keys().cloned().collect();
            let mut files: Vec<String> = plan.files.keys().map(|path| path.display().to_string()).collect();
            files.extend(drift.orphans.iter().map(|path| path.display().to_string()));
            files.sort();
            let suites = [
                errcat::findings::Suite {
                    name: "cargo xtask check: pages".to_owned(),
                    cases: errcat::findings::cases_per_file("docs-src", &pages, &findings, Level::Error),
                },
                errcat::findings::Suite {
                    name: "cargo xtask check: generated".to_owned(),
                    cases: errcat::findings::cases_per_file(GENERATED_DIR, &files, &findings, Level::Error),
                },
            ];
            errcat::findings::junit("cargo xtask check", &suites)
        }
    }
}

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.orphans.is_empty()
    }

    /// The report `check` prints: diffs, missing and orphan files, and the fix.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (path, diff) in &self.stale {
            let _ = writeln!(out, "stale: {} differs from what regen produces:\n{diff}", path.display());
        }
        for path in &self.missing {
            let _ = writeln!(out, "missing: {} is not committed", path.display());
        }
        for path in &self.orphans {
            let _ = writeln!(out, "orphan: {} is not produced by regen (delete it, or add its source)", path.display());
        }
        if !self.is_clean() {
            let _ = writeln!(out, "\ngenerated/ is out of date. Fix it with:\n\n    {FIX_COMMAND}\n");
        }
        out
    }
}

/// `root/relative`, refused when it would go through a symbolic link or
/// leave the root (see [`errcat::project::path_inside`]).
pub fn guarded(root: &Path, relative: &Path) -> Result<PathBuf> {
    errcat::project::path_inside(root, relative).map_err(|error| anyhow::anyhow!("{error}"))
}

/// regen's own bookkeeping under `generated/`: the lock and the staged
/// switch. Neither is output nor ever an orphan (both are git-ignored).
pub const LOCK_FILE: &str = ".errcat-lock";
pub const STAGING_DIR: &str = ".errcat-staging";
/// The list of moves and removals of a switch, written whole into the
/// staging directory before the first move: while it exists, the switch
/// is under way and the next run completes it.
const JOURNAL_FILE: &str = "JOURNAL";

fn is_bookkeeping(relative: &Path) -> bool {
    let mut parts = relative.components().skip(1);
    parts.next().is_some_and(|part| part.as_os_str() == LOCK_FILE || part.as_os_str() == STAGING_DIR)
}

/// `.NAME.tmp-PID`: a temporary file of the per-file renames that earlier
/// versions of regen used.
fn is_legacy_temporary(relative: &Path) -> bool {
    let name = relative.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    name.starts_with('.')
        && name.rsplit_once(".tmp-").is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Every file under `dir` (recursively), relative to `root`, sorted; regen's
/// bookkeeping left out. A symbolic link anywhere below is an error: what
/// it points to is not errcat's to list, write or delete.
fn files_under(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![guarded(root, dir)?];
    while let Some(current) = stack.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                return Err(error).with_context(|| format!("listing {}", current.display()));
            }
        };
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", current.display()))?;
            let path = entry.path();
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if is_bookkeeping(&relative) {
                continue;
            }
            let kind = entry.file_type().with_context(|| format!("reading {}", path.display()))?;
            if kind.is_symlink() {
                bail!(
                    "{} is a symbolic link: errcat writes and deletes through no link under {GENERATED_DIR}/ \
                     (remove it; regen writes real files)",
                    relative.display()
                );
            } else if kind.is_dir() {
                stack.push(path);
            } else {
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Files that are never orphans although regen does not write them.
fn is_exempt(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == ".gitattributes" || name == "README.md")
}

/// Exclusive hold on `generated/` for one regen or check (an advisory lock
/// on `generated/.errcat-lock`, released when the process ends, however it
/// ends). A second run waits, and says whom it waits for.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// Takes the lock; `waiting` hears who holds it when it is taken.
pub fn lock(root: &Path, waiting: &mut dyn FnMut(&str)) -> Result<Lock> {
    let dir = guarded(root, Path::new(GENERATED_DIR))?;
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = guarded(root, &Path::new(GENERATED_DIR).join(LOCK_FILE))?;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            let holder = if holder.trim().is_empty() { "another process".to_owned() } else { holder.trim().to_owned() };
            waiting(&format!("waiting for {holder}, which holds {GENERATED_DIR}/{LOCK_FILE}"));
            file.lock().with_context(|| format!("locking {}", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(error)) => {
            return Err(error).with_context(|| format!("locking {}", path.display()));
        }
    }
    use std::io::Write as _;
    file.set_len(0).with_context(|| format!("writing {}", path.display()))?;
    let command: Vec<String> = std::env::args().skip(1).collect();
    let _ = write!(file, "process {} (cargo xtask {})", std::process::id(), command.join(" "));
    Ok(Lock { _file: file })
}

/// One step of a switch: a staged file moved into place, or an orphan
/// removed. Paths are relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Put(PathBuf),
    Remove(PathBuf),
}

fn journal_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        let _ = match step {
            Step::Put(path) => writeln!(out, "put\t{}", path.display()),
            Step::Remove(path) => writeln!(out, "remove\t{}", path.display()),
        };
    }
    out
}

fn parse_journal(text: &str) -> Result<Vec<Step>> {
    text.lines()
        .map(|line| match line.split_once('\t') {
            Some(("put", path)) => Ok(Step::Put(PathBuf::from(path))),
            Some(("remove", path)) => Ok(Step::Remove(PathBuf::from(path))),
            _ => bail!("{GENERATED_DIR}/{STAGING_DIR}/{JOURNAL_FILE}: unreadable line `{line}`"),
        })
        .collect()
}

/// Where a file of `generated/` is staged; a file outside it (the
/// [`LOCKFILE`]) under `.root/`, apart from every file of `generated/`.
fn staged_path(staging: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(GENERATED_DIR) {
        Ok(inside) => staging.join(inside),
        Err(_) => staging.join(".root").join(path),
    }
}

/// Test hook: `ERRCAT_FAULT=stage:N` fails the Nth staged write (as a full
/// disk would); `ERRCAT_FAULT=switch:N` kills the process after N moves.
fn fault(kind: &str, count: usize) -> bool {
    std::env::var("ERRCAT_FAULT").ok().and_then(|value| {
        let (what, at) = value.split_once(':')?;
        (what == kind).then(|| at.parse::<usize>().ok()).flatten()
    }) == Some(count)
}

/// Carries out a journal's steps; a step already done is skipped, so a
/// switch cut short is completed by running it again. Returns the number of
/// files moved and removed.
fn apply_journal(root: &Path, staging: &Path, steps: &[Step]) -> Result<(usize, usize)> {
    let (mut moved, mut removed) = (0, 0);
    for step in steps {
        match step {
            Step::Put(path) => {
                let from = staged_path(staging, path);
                if !from.exists() {
                    continue;
                }
                let target = guarded(root, path)?;
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
                }
                std::fs::rename(&from, &target).with_context(|| format!("moving into {}", path.display()))?;
                moved += 1;
                if fault("switch", moved) {
                    std::process::abort();
                }
            }
            Step::Remove(path) => match std::fs::remove_file(guarded(root, path)?) {
                Ok(()) => removed += 1,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(error).with_context(|| format!("removing {}", path.display())),
            },
        }
    }
    Ok((moved, removed))
}

/// Restores a consistent `generated/` after an interrupted regen (the lock
/// must be held): a switch under way (its journal written) is completed,
/// files staged before any switch are dropped, and temporary files of
/// earlier versions are removed. Returns what was found and done.
pub fn recover(root: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    let staging = guarded(root, &Path::new(GENERATED_DIR).join(STAGING_DIR))?;
    if staging.exists() {
        match std::fs::read_to_string(staging.join(JOURNAL_FILE)) {
            Ok(text) => {
                let (moved, removed) = apply_journal(root, &staging, &parse_journal(&text)?)?;
                found.push(format!(
                    "completed a regen interrupted during its switch: {moved} file(s) moved into place, \
                     {removed} orphan(s) removed"
                ));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => found.push(
                "removed the files staged by a regen interrupted before its switch (generated/ had not changed)"
                    .to_owned(),
            ),
            Err(error) => return Err(error).with_context(|| format!("reading the journal in {}", staging.display())),
        }
        std::fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    }
    for path in files_under(root, Path::new(GENERATED_DIR))? {
        if is_legacy_temporary(&path) {
            std::fs::remove_file(guarded(root, &path)?).with_context(|| format!("removing {}", path.display()))?;
            found.push(format!("removed {}, a temporary file of an interrupted regen", path.display()));
        }
    }
    Ok(found)
}

/// Files of the plan that differ from disk or are missing, and orphans:
/// bytes compared, no diff computed.
#[derive(Debug, Default)]
struct Comparison {
    stale: Vec<(PathBuf, Vec<u8>)>,
    missing: Vec<PathBuf>,
    orphans: Vec<PathBuf>,
}

fn compare(root: &Path, plan: &Plan) -> Result<Comparison> {
    let mut comparison = Comparison::default();
    // Listing first: it refuses symbolic links before anything is read.
    let on_disk = files_under(root, Path::new(GENERATED_DIR))?;
    for (path, expected) in &plan.files {
        match std::fs::read(guarded(root, path)?) {
            Ok(actual) if actual == expected.as_bytes() => {}
            Ok(actual) => comparison.stale.push((path.clone(), actual)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => comparison.missing.push(path.clone()),
            Err(error) => return Err(error).with_context(|| format!("reading {}", path.display())),
        }
    }
    for path in on_disk {
        if !plan.files.contains_key(&path) && !is_exempt(&path) && !is_legacy_temporary(&path) {
            comparison.orphans.push(path);
        }
    }
    Ok(comparison)
}

/// Lines on either side of a diff's changed middle beyond which the diff is
/// summarised rather than computed: keeps `check` linear on huge rewrites.
const DIFF_LINES: usize = 20_000;

/// A unified diff of `old` → `new` for `check`. Past [`DIFF_LINES`] changed
/// lines on one side, one summary hunk gives where the files differ and
/// how many lines, instead of a diff (whose cost grows with the square).
pub fn bounded_diff(old: &str, new: &str, path: &Path) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = old_lines.iter().zip(&new_lines).take_while(|(a, b)| a == b).count();
    let suffix =
        old_lines[prefix..].iter().rev().zip(new_lines[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (old_middle, new_middle) = (old_lines.len() - prefix - suffix, new_lines.len() - prefix - suffix);
    let (from, to) = (format!("a/{}", path.display()), format!("b/{}", path.display()));
    if old_middle.max(new_middle) <= DIFF_LINES {
        return similar::TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(&from, &to).to_string();
    }
    format!(
        "--- {from}\n+++ {to}\n@@ -{},{old_middle} +{},{new_middle} @@\n\
         [{old_middle} line(s) replaced by {new_middle}: too many to show; run `{FIX_COMMAND}` and `git diff`]\n",
        prefix + 1,
        prefix + 1
    )
}

/// Compares the plan with the files on disk (no symbolic link followed).
pub fn check(root: &Path, plan: &Plan) -> Result<Drift> {
    let comparison = compare(root, plan)?;
    let stale = comparison
        .stale
        .into_iter()
        .map(|(path, actual)| {
            let diff = bounded_diff(&String::from_utf8_lossy(&actual), &plan.files[&path], &path);
            (path, diff)
        })
        .collect();
    Ok(Drift { stale, missing: comparison.missing, orphans: comparison.orphans })
}

/// Writes the plan as one switch: every changed file is staged under
/// `generated/.errcat-staging/`, then a journal of the moves and orphan
/// removals is written whole, then the moves and removals are carried out
/// and the staging removed. A failure before the journal leaves
/// `generated/` untouched and no staged file behind; a switch cut short
/// after it (a killed process, a failing move) is completed by the next
/// regen or check ([`recover`]). Hold the [`Lock`] and run [`recover`]
/// first.
pub fn write(root: &Path, plan: &Plan) -> Result<Vec<PathBuf>> {
    if plan.tally().errors > 0 {
        bail!("refusing to write generated/: the pages have errors (see above)");
    }
    let comparison = compare(root, plan)?;
    let changed: Vec<PathBuf> = comparison.stale.into_iter().map(|(path, _)| path).chain(comparison.missing).collect();
    if changed.is_empty() && comparison.orphans.is_empty() {
        return Ok(Vec::new());
    }
    let staging = guarded(root, &Path::new(GENERATED_DIR).join(STAGING_DIR))?;
    let steps: Vec<Step> =
        changed.iter().cloned().map(Step::Put).chain(comparison.orphans.iter().cloned().map(Step::Remove)).collect();
    let stage = || -> Result<()> {
        for (index, path) in changed.iter().enumerate() {
            let target = guarded(root, path)?;
            if target.is_dir() {
                bail!("{} is a directory; regen writes a file there (remove the directory)", path.display());
            }
            let staged = staged_path(&staging, path);
            if let Some(parent) = staged.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            if fault("stage", index + 1) {
                bail!("writing {}: injected fault (no space left on device)", staged.display());
            }
            std::fs::write(&staged, plan.files[path].as_bytes())
                .with_context(|| format!("writing {}", staged.display()))?;
        }
        let journal = staging.join(format!("{JOURNAL_FILE}.tmp"));
        let mut file = std::fs::File::create(&journal).with_context(|| format!("writing {}", journal.display()))?;
        std::io::Write::write_all(&mut file, journal_text(&steps).as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("writing {}", journal.display()))?;
        std::fs::rename(&journal, staging.join(JOURNAL_FILE)).with_context(|| format!("writing {}", journal.display()))
    };
    if let Err(error) = stage() {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error.context("generated/ was not changed"));
    }
    apply_journal(root, &staging, &steps).with_context(|| {
        format!(
            "the switch of generated/ was cut short; the journal in {GENERATED_DIR}/{STAGING_DIR}/ \
             completes it at the next `{FIX_COMMAND}` or `cargo xtask check`"
        )
    })?;
    std::fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    Ok(changed.into_iter().chain(comparison.orphans).collect())
}
