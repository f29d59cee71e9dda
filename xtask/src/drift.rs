//! `check`: the plan compared byte for byte with the files on disk (stale,
//! missing, orphans), a bounded unified diff of each stale file, and the
//! text report with the fix command. It writes nothing; the same
//! comparison tells `write.rs` what to write. CI formats are `ci.rs`'s.

use crate::disk::{files_under, is_exempt, is_legacy_temporary};
use crate::plan::Plan;
use crate::workspace::{GENERATED_DIR, guarded};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The command that fixes drift, printed by `check`.
pub const FIX_COMMAND: &str = "cargo xtask regen";

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

/// Files of the plan that differ from disk or are missing, and orphans:
/// bytes compared, no diff computed.
#[derive(Debug, Default)]
pub(crate) struct Comparison {
    pub(crate) stale: Vec<(PathBuf, Vec<u8>)>,
    pub(crate) missing: Vec<PathBuf>,
    pub(crate) orphans: Vec<PathBuf>,
}

pub(crate) fn compare(root: &Path, plan: &Plan) -> Result<Comparison> {
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

/// A unified diff of `old` → `new` for `check`. Past `DIFF_LINES` changed
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
