//! The workspace's `rust-version` is what the lockfile really needs: no
//! locked package declares a newer one, and the README states the same
//! version. (A build with that exact toolchain is not possible here: the
//! machine has one toolchain.)

use std::process::Command;

/// `1.88.0` and `1.88` as comparable numbers.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| part.parse::<u64>().expect("a number"));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[test]
fn the_workspace_rust_version_covers_every_locked_package() {
    let root = xtask::workspace_root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(&root)
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let members: Vec<&str> =
        metadata["workspace_members"].as_array().expect("members").iter().filter_map(|id| id.as_str()).collect();
    let packages = metadata["packages"].as_array().expect("packages");
    let ours = packages
        .iter()
        .find(|package| package["name"] == "errcat")
        .and_then(|package| package["rust_version"].as_str())
        .expect("errcat declares rust-version");
    let needed = packages
        .iter()
        .filter(|package| !members.contains(&package["id"].as_str().unwrap_or_default()))
        .filter_map(|package| Some((version(package["rust_version"].as_str()?), package["name"].as_str()?)))
        .max()
        .expect("locked packages declare versions");
    assert!(version(ours) >= needed.0, "rust-version {ours}, but the locked {} needs {:?}", needed.1, needed.0);
    assert_eq!(version(ours), needed.0, "rust-version {ours} is more than the lockfile needs ({:?})", needed.0);
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README");
    assert!(readme.contains(&format!("Rust toolchain ({ours} or newer)")), "the README does not state {ours}");
}
