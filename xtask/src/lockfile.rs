//! The generated crate's entry in the workspace's `Cargo.lock`, which names
//! the package version: read here, rewritten by
//! `errcat::version::lockfile_with_version`, and put in the plan like a file
//! of `generated/` (written by `write.rs`, compared by `drift.rs`).

use crate::workspace::guarded;
use anyhow::{Context, Result};
use std::path::Path;

/// The workspace's lockfile, outside `generated/`: its entry of the
/// generated crate names the package version, so regen writes that entry
/// and check verifies it.
pub const LOCKFILE: &str = "Cargo.lock";

/// `Cargo.lock` with the generated crate's entry at `version`; `None` when
/// the root has no lockfile or the lockfile has no such entry (the crate
/// is not a member of the root's workspace).
pub(crate) fn lockfile(root: &Path, crate_name: &str, version: &str) -> Result<Option<String>> {
    let path = guarded(root, Path::new(LOCKFILE))?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(errcat::version::lockfile_with_version(&text, crate_name, version)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).with_context(|| format!("reading {}", path.display())),
    }
}
