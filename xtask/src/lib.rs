//! Project automation behind `cargo xtask`: one code path computes every
//! generated file in memory; `regen` writes it, `check` compares it.
//!
//! This is the only place (with the CLI) that touches the filesystem. It
//! reads `docs-src/sources.yaml` and the pages, runs the pure pipeline, and
//! either writes `generated/` atomically or reports drift with a unified
//! diff and the fix command.

use anyhow::{Context, Result, bail};
use errcat::diagnostic::{Diagnostic, Severity, Tally};
use errcat::manifest::Manifest;
use errcat::{CatalogIdentity, Page};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The command that fixes drift, printed by `check`.
pub const FIX_COMMAND: &str = "cargo xtask regen";

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

/// Everything regen would write, keyed by path relative to the root, plus
/// the diagnostics found on the way and the page texts they point into.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: BTreeMap<PathBuf, String>,
    pub diagnostics: Vec<Diagnostic>,
    /// Page text per diagnostic path, for rendering source lines.
    pub sources: BTreeMap<String, String>,
}

impl Plan {
    pub fn tally(&self) -> Tally {
        Tally::of(&self.diagnostics)
    }

    /// Diagnostics rendered rustc-style (infos omitted unless `verbose`).
    pub fn render_diagnostics(&self, color: bool, verbose: bool) -> String {
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            if diagnostic.severity() == Severity::Info && !verbose {
                continue;
            }
            let source = self.sources.get(&diagnostic.file).map(String::as_str);
            out.push_str(&diagnostic.render(source, color));
            out.push('\n');
        }
        out
    }
}

/// Directory (relative to the root) that regen owns entirely: any file in it
/// that regen did not produce is an orphan.
pub const GENERATED_DIR: &str = "generated";
pub const MANIFEST_PATH: &str = "docs-src/sources.yaml";

/// Computes every generated file from `docs-src/`.
pub fn plan(root: &Path) -> Result<Plan> {
    let manifest_path = root.join(MANIFEST_PATH);
    let manifest_text = std::fs::read_to_string(&manifest_path)
        .with_context(|| format!("reading {}", manifest_path.display()))?;
    let manifest = Manifest::parse(&manifest_text, MANIFEST_PATH)?;
    let mut plan = Plan::default();
    for source in &manifest.sources {
        let shown = format!("docs-src/{}", source.file);
        let bytes = std::fs::read(root.join(&shown))
            .with_context(|| format!("{MANIFEST_PATH}: source `{}`: reading {shown}", source.id))?;
        let identity = CatalogIdentity {
            id: source.id.clone(),
            title: source.title.clone(),
            locale: source.locale.clone(),
            upstream: source.upstream.clone(),
        };
        let page = Page {
            bytes: &bytes,
            path: &shown,
            file: &source.file,
        };
        let (catalog, diagnostics) = errcat::ingest(&page, &identity, &source.settings);
        plan.diagnostics.extend(diagnostics);
        plan.sources
            .insert(shown, String::from_utf8_lossy(&bytes).into_owned());
        plan.files.insert(
            PathBuf::from(GENERATED_DIR)
                .join("catalog")
                .join(format!("{}.yaml", source.id)),
            catalog.to_yaml(),
        );
    }
    Ok(plan)
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

impl Drift {
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.orphans.is_empty()
    }

    /// The report `check` prints: diffs, missing and orphan files, and the fix.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (path, diff) in &self.stale {
            let _ = writeln!(
                out,
                "stale: {} differs from what regen produces:\n{diff}",
                path.display()
            );
        }
        for path in &self.missing {
            let _ = writeln!(out, "missing: {} is not committed", path.display());
        }
        for path in &self.orphans {
            let _ = writeln!(
                out,
                "orphan: {} is not produced by regen (delete it, or add its source)",
                path.display()
            );
        }
        if !self.is_clean() {
            let _ = writeln!(
                out,
                "\ngenerated/ is out of date. Fix it with:\n\n    {FIX_COMMAND}\n"
            );
        }
        out
    }
}

/// Every file under `dir` (recursively), relative to `root`, sorted.
fn files_under(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(current) = stack.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => {
                return Err(error).with_context(|| format!("listing {}", current.display()));
            }
        };
        for entry in entries {
            let path = entry
                .with_context(|| format!("listing {}", current.display()))?
                .path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                found.push(relative.to_path_buf());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Files that are never orphans although regen does not write them.
fn is_exempt(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == ".gitattributes" || name == "README.md")
}

/// Compares the plan with the files on disk.
pub fn check(root: &Path, plan: &Plan) -> Result<Drift> {
    let mut drift = Drift::default();
    for (path, expected) in &plan.files {
        match std::fs::read(root.join(path)) {
            Ok(actual) if actual == expected.as_bytes() => {}
            Ok(actual) => {
                let actual = String::from_utf8_lossy(&actual);
                let diff = similar::TextDiff::from_lines(actual.as_ref(), expected.as_str())
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("a/{}", path.display()),
                        &format!("b/{}", path.display()),
                    )
                    .to_string();
                drift.stale.push((path.clone(), diff));
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                drift.missing.push(path.clone())
            }
            Err(error) => return Err(error).with_context(|| format!("reading {}", path.display())),
        }
    }
    for path in files_under(root, Path::new(GENERATED_DIR))? {
        if !plan.files.contains_key(&path) && !is_exempt(&path) {
            drift.orphans.push(path);
        }
    }
    Ok(drift)
}

/// Writes the plan: every changed file goes to a temporary sibling first;
/// only when all are written are they renamed into place, then orphans are
/// removed. A failure before the renames leaves `generated/` untouched.
pub fn write(root: &Path, plan: &Plan) -> Result<Vec<PathBuf>> {
    if plan.tally().errors > 0 {
        bail!("refusing to write generated/: the pages have errors (see above)");
    }
    let drift = check(root, plan)?;
    let changed: Vec<&PathBuf> = drift
        .stale
        .iter()
        .map(|(path, _)| path)
        .chain(&drift.missing)
        .collect();
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let stage = |staged: &mut Vec<(PathBuf, PathBuf)>| -> Result<()> {
        for path in &changed {
            let target = root.join(path);
            let parent = target
                .parent()
                .context("generated file without a parent directory")?;
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
            let name = target
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("file");
            let temporary = parent.join(format!(".{name}.tmp-{}", std::process::id()));
            std::fs::write(&temporary, plan.files[*path].as_bytes())
                .with_context(|| format!("writing {}", temporary.display()))?;
            staged.push((temporary, target));
        }
        Ok(())
    };
    if let Err(error) = stage(&mut staged) {
        for (temporary, _) in &staged {
            let _ = std::fs::remove_file(temporary);
        }
        return Err(error);
    }
    for (temporary, target) in &staged {
        std::fs::rename(temporary, target)
            .with_context(|| format!("renaming into {}", target.display()))?;
    }
    for orphan in &drift.orphans {
        std::fs::remove_file(root.join(orphan))
            .with_context(|| format!("removing {}", orphan.display()))?;
    }
    Ok(changed
        .into_iter()
        .cloned()
        .chain(drift.orphans.iter().cloned())
        .collect())
}
