//! The checkout regen works on: its root, where the manifest, `generated/`
//! and the package version record lie, paths joined under the root
//! ([`guarded`]: never through a symbolic link, never out of the root), and
//! the one write into `docs-src/` (the name lockfiles'). What `generated/`
//! holds on disk is `disk.rs`'s; writing it is `write.rs`'s.

use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map_or_else(|| manifest_dir.to_path_buf(), Path::to_path_buf)
}

/// Directory (relative to the root) that regen owns entirely: any file in it
/// that regen did not produce is an orphan.
pub const GENERATED_DIR: &str = "generated";
pub const MANIFEST_PATH: &str = "docs-src/sources.yaml";

/// The record of the generated packages' version, under `generated/`.
pub const VERSION_FILE: &str = "package.yaml";

/// `root/relative`, refused when it would go through a symbolic link or
/// leave the root (see [`errcat::project::path_inside`]).
pub fn guarded(root: &Path, relative: &Path) -> Result<PathBuf> {
    errcat::project::path_inside(root, relative).map_err(|error| anyhow::anyhow!("{error}"))
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
