//! `generated/` as on disk: its files listed and read, never through a
//! symbolic link; regen's own bookkeeping there (the lock, the staging of a
//! switch), the files that are never orphans, and temporary files of
//! earlier versions. It writes and removes nothing (`write.rs` does).

use crate::workspace::{GENERATED_DIR, guarded};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// A file of `generated/` as on disk; `None` when it is missing, or behind a
/// symbolic link (which [`crate::check`] and [`crate::write()`] then refuse
/// by name).
pub(crate) fn read_generated(root: &Path, path: &Path) -> Option<String> {
    std::fs::read_to_string(guarded(root, path).ok()?).ok()
}

/// regen's own bookkeeping under `generated/`: the lock and the staged
/// switch. Neither is output nor ever an orphan (both are git-ignored).
pub const LOCK_FILE: &str = ".errcat-lock";
pub const STAGING_DIR: &str = ".errcat-staging";

fn is_bookkeeping(relative: &Path) -> bool {
    let mut parts = relative.components().skip(1);
    parts.next().is_some_and(|part| part.as_os_str() == LOCK_FILE || part.as_os_str() == STAGING_DIR)
}

/// `.NAME.tmp-PID`: a temporary file of the per-file renames that earlier
/// versions of regen used.
pub(crate) fn is_legacy_temporary(relative: &Path) -> bool {
    let name = relative.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    name.starts_with('.')
        && name.rsplit_once(".tmp-").is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Every file under `dir` (recursively), relative to `root`, sorted; regen's
/// bookkeeping left out. A symbolic link anywhere below is an error: what
/// it points to is not errcat's to list, write or delete.
pub(crate) fn files_under(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
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
pub(crate) fn is_exempt(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name == ".gitattributes" || name == "README.md")
}
