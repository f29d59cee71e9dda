//! Writing `generated/` (and the `Cargo.lock` entry) as one switch: changed
//! files staged, a journal of moves and orphan removals written whole, then
//! carried out; [`recover`] completes a switch cut short or drops one that
//! never began. What to write is the plan's and the comparison's
//! (`drift.rs`); holding the lock is `lock.rs`'s.

use crate::disk::{STAGING_DIR, files_under, is_legacy_temporary};
use crate::drift::{FIX_COMMAND, compare};
use crate::plan::Plan;
use crate::workspace::{GENERATED_DIR, guarded};
use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The list of moves and removals of a switch, written whole into the
/// staging directory before the first move: while it exists, the switch
/// is under way and the next run completes it.
const JOURNAL_FILE: &str = "JOURNAL";

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
/// [`LOCKFILE`](crate::LOCKFILE)) under `.root/`, apart from every file of
/// `generated/`.
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

/// Writes the plan as one switch: every changed file is staged under
/// `generated/.errcat-staging/`, then a journal of the moves and orphan
/// removals is written whole, then the moves and removals are carried out
/// and the staging removed. A failure before the journal leaves
/// `generated/` untouched and no staged file behind; a switch cut short
/// after it (a killed process, a failing move) is completed by the next
/// regen or check ([`recover`]). Hold the [`Lock`](crate::Lock) and run
/// [`recover`] first.
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
