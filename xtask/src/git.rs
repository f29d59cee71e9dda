//! What the committed tree holds: a file at `HEAD` when the root is a git
//! checkout, else the file on disk (what the last regen wrote stands for
//! the commit). Read only: nothing here changes the repository.

use crate::disk::read_generated;
use std::path::Path;

/// Whether `root` is a git checkout with a commit.
pub(crate) fn is_git_checkout(root: &Path) -> bool {
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
pub(crate) fn committed_file(root: &Path, in_git: bool, path: &Path) -> Option<String> {
    if in_git { committed_text(root, path) } else { read_generated(root, path) }
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
