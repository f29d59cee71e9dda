//! Helpers shared by xtask's tests: copying folders, scratch checkouts of
//! `docs-src/` and `generated/` to break on purpose, and finding the
//! toolchains.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        // regen's lock and staging are not part of a checkout.
        if entry.file_name().to_string_lossy().starts_with(".errcat-") {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A scratch copy of `docs-src/` and `generated/` named `name`.
pub fn scratch_checkout(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("errcat-xtask-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let workspace = xtask::workspace_root();
    copy_dir(&workspace.join("docs-src"), &root.join("docs-src"));
    copy_dir(&workspace.join("generated"), &root.join("generated"));
    root
}

/// Every file under `dir` with its bytes, sorted; regen's lock (which
/// names the process that last held it) left out.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|name| name == ".errcat-lock") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// The tool from the environment variable `env`, else the one `cargo
/// xtask test` installed under `xtask/toolchains/`, else `name` on `PATH`
/// (`xtask::release::tool`); `None`, with a loud message, when there is
/// none, which fails instead when `CI` is set.
pub fn tool(env: &str, name: &str) -> Option<PathBuf> {
    match xtask::release::tool(&xtask::workspace_root(), env, name) {
        Ok(path) => Some(path),
        Err(error) => {
            assert!(std::env::var_os("CI").is_none(), "CI is set and {error:#}");
            eprintln!("\n*** SKIPPED: {error:#} ***\n");
            None
        }
    }
}

/// Runs git in `root` with a fixed identity and no user configuration.
pub fn git(root: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=errcat test", "-c", "user.email=test@errcat.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A scratch checkout of `docs-src/` and `generated/` as one commit.
pub fn committed_checkout(name: &str) -> PathBuf {
    let root = scratch_checkout(name);
    git(&root, &["init", "--quiet"]);
    commit(&root);
    root
}

pub fn commit(root: &Path) {
    git(root, &["add", "--all"]);
    git(root, &["commit", "--quiet", "--allow-empty", "--message", "scratch"]);
}
