//! Change reports and the package version are a function of the committed
//! tree (`HEAD`) and the working pages alone: what earlier regens left in
//! the working tree changes nothing, a report of an unchanged catalog stays
//! byte for byte, and the version reaches `Cargo.lock` as it reaches the
//! package files. Each test works in a scratch git repository.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn xtask(root: &Path, command: &str) -> (i32, String) {
    let output =
        Command::new(env!("CARGO_BIN_EXE_xtask")).args([command, "--root"]).arg(root).output().expect("run xtask");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code().unwrap_or(-1), text)
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn read_optional(root: &Path, path: &str) -> Option<String> {
    std::fs::read_to_string(root.join(path)).ok()
}

/// Every file under `root/dir` (relative to `root`) with its text.
fn texts(root: &Path, dir: &str) -> Vec<(PathBuf, String)> {
    common::snapshot(&root.join(dir))
        .into_iter()
        .map(|(path, bytes)| {
            let relative = path.strip_prefix(root).expect("under the root").to_path_buf();
            (relative, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect()
}

const PAGE: &str =
    "# 支付错误码\n\n| 错误码 | 说明 |\n|---|---|\n| 1001 | 余额不足 |\n| 1002 | 订单不存在 |\n| 1003 | 签名错误 |\n";
const REPORT: &str = "generated/changes/pay-errors.md";
const BASE: &str = "generated/changes/pay-errors.base.yaml";

/// Adds the page `pay-errors` (three codes, Chinese only) to the manifest.
fn add_page(root: &Path) {
    std::fs::write(root.join("docs-src/pay-errors.md"), PAGE).expect("write page");
    let manifest = root.join("docs-src/sources.yaml");
    let mut text = std::fs::read_to_string(&manifest).expect("read manifest");
    text.push_str("\n  - id: pay-errors\n    file: pay-errors.md\n    locale: zh-CN\n");
    std::fs::write(&manifest, text).expect("write manifest");
}

/// Names the page's group and codes in its lockfile.
fn name_codes(root: &Path) {
    let lockfile = "groups:\n  - title: \"支付错误码\"\n    name: PayError\n    codes:\n      \
                    1001: InsufficientBalance\n      1002: OrderNotFound\n      1003: InvalidSignature\n";
    std::fs::write(root.join("docs-src/names/pay-errors.yaml"), lockfile).expect("write lockfile");
}

fn version(root: &Path) -> errcat::version::PackageVersion {
    errcat::version::PackageVersion::from_yaml(&read(root, "generated/package.yaml")).expect("package.yaml")
}

/// The steps: add a page, regen, name its codes, regen. The page
/// was never committed, so its report says every code is new, whatever
/// the first regen left behind; the version is a minor bump, not a major.
#[test]
fn a_page_never_committed_is_new_whatever_the_working_tree_held() {
    let root = common::committed_checkout("never-committed");
    let start = version(&root).version;
    add_page(&root);
    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    assert!(read(&root, "generated/catalog/pay-errors.yaml").contains("name: Code1001"), "fallback names first");
    name_codes(&root);
    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    assert!(read(&root, "generated/catalog/pay-errors.yaml").contains("name: InsufficientBalance"));

    let report = read(&root, REPORT);
    assert!(report.contains("3 added, 0 removed, 0 renamed"), "{report}");
    assert!(report.contains("overall: minor"), "{report}");
    assert!(report.contains("| 1001 | minor | added `InsufficientBalance`: 余额不足 |"), "{report}");
    assert!(!report.contains("renamed `Code1001`") && !report.contains("breaking"), "{report}");
    assert!(report.contains("\nNew catalog: it was not committed before this change"), "{report}");
    assert!(read(&root, BASE).contains("\ngroups: []\n"), "the base of a new catalog has no codes");
    let record = version(&root);
    assert_eq!(record.previous.as_deref(), Some(start.as_str()), "bumped from the committed version");
    assert_eq!(record.bump.as_deref(), Some("minor"), "{record:?}");
    assert!(record.changes.contains(&"pay-errors: minor (new catalog)".to_owned()), "{record:?}");
    assert_eq!(xtask(&root, "check").0, 0);

    // The same pages regenerated on a fresh copy of HEAD give the same bytes.
    let fresh = common::committed_checkout("never-committed-fresh");
    add_page(&fresh);
    name_codes(&fresh);
    assert_eq!(xtask(&fresh, "regen").0, 0);
    assert!(texts(&fresh, "generated") == texts(&root, "generated"), "generated/ depends on HEAD and the pages only");
    let _ = std::fs::remove_dir_all(&fresh);

    // Deleting the report is drift, and regen gives it back byte for byte.
    let base = read(&root, BASE);
    std::fs::remove_file(root.join(REPORT)).expect("remove report");
    std::fs::remove_file(root.join(BASE)).expect("remove base");
    let (code, output) = xtask(&root, "check");
    assert_eq!(code, 1, "check must not accept the report missing: {output}");
    assert!(output.contains(&format!("missing: {REPORT}")), "{output}");
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_eq!(read(&root, REPORT), report);
    assert_eq!(read(&root, BASE), base);
    let _ = std::fs::remove_dir_all(&root);
}

/// A report compares with `HEAD`: it stays, byte for byte, when it is
/// committed with its catalog; deleted, regen writes it again from `HEAD`;
/// a page back as committed has no report of its own.
#[test]
fn a_report_compares_with_head_and_survives_its_commit() {
    let root = common::committed_checkout("head");
    let page = root.join("docs-src/rtc-vendor-error-codes.md");
    let original = std::fs::read_to_string(&page).expect("read page");
    let committed_catalog = read(&root, "generated/catalog/rtc-vendor-error-codes.yaml");
    let report_path = "generated/changes/rtc-vendor-error-codes.md";
    let base_path = "generated/changes/rtc-vendor-error-codes.base.yaml";
    assert_eq!(read_optional(&root, report_path), None, "the committed catalog has no report");

    std::fs::write(&page, original.replacen("| 2 | 未初始化 |", "| 2 | 引擎未初始化 |", 1)).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    let first = read(&root, report_path);
    assert!(first.contains("| 2 | patch | message: <ins>引擎</ins>未初始化 |"), "{first}");
    assert_eq!(read(&root, base_path), committed_catalog, "the base is the catalog at HEAD");

    // A second change before any commit still compares with HEAD.
    let twice = original.replacen("| 2 | 未初始化 |", "| 2 | 引擎尚未初始化 |", 1);
    std::fs::write(&page, &twice).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    let second = read(&root, report_path);
    assert!(second.contains("| 2 | patch | message: <ins>引擎尚</ins>未初始化 |"), "{second}");
    assert_eq!(read(&root, base_path), committed_catalog, "the base is still the catalog at HEAD");

    // Committed with its catalog, the report stays; deleted, it comes back.
    common::commit(&root);
    let (code, output) = xtask(&root, "regen");
    assert!(code == 0 && output.contains(", 0 changed"), "{output}");
    assert_eq!(read(&root, report_path), second);
    std::fs::remove_file(root.join(report_path)).expect("remove");
    std::fs::remove_file(root.join(base_path)).expect("remove");
    let (code, output) = xtask(&root, "check");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains(&format!("missing: {report_path}")), "{output}");
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_eq!(read(&root, report_path), second);
    assert_eq!(read(&root, base_path), committed_catalog);

    // The next change compares with the new HEAD.
    std::fs::write(&page, twice.replacen("| 3 | 内存不足 | |\n", "", 1)).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    let third = read(&root, report_path);
    assert!(third.contains("| 3 | breaking | removed `OutOfMemory`"), "{third}");
    assert!(!third.contains("未初始化"), "the committed re-wording is in the base: {third}");

    // Back to the page at HEAD: HEAD's report again.
    std::fs::write(&page, &twice).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_eq!(read(&root, report_path), second);
    assert_eq!(xtask(&root, "check").0, 0);
    let _ = std::fs::remove_dir_all(&root);
}

/// Adding a page changes the version of the packages, but no report of
/// another catalog: each says only what its own catalog did.
#[test]
fn adding_a_page_leaves_every_other_report_byte_identical() {
    let root = common::committed_checkout("unrelated");
    let reports = |root: &Path| -> Vec<(PathBuf, String)> {
        texts(root, "generated/changes")
            .into_iter()
            .filter(|(path, _)| !path.to_string_lossy().contains("pay-errors"))
            .collect()
    };
    let before = reports(&root);
    assert!(before.len() >= 2, "the checkout has change reports: {before:?}");
    let start = version(&root).version;
    add_page(&root);
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_ne!(version(&root).version, start, "the version moved");
    for ((path, after), (_, before)) in reports(&root).iter().zip(&before) {
        assert_eq!(after, before, "{}", path.display());
    }
    assert_eq!(reports(&root).len(), before.len());
    let _ = std::fs::remove_dir_all(&root);
}

/// Runs cargo in `root` offline; its success and what it printed.
fn cargo(root: &Path, args: &[&str]) -> (bool, String) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo).args(args).arg("--offline").current_dir(root).output().expect("run cargo");
    (output.status.success(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// A version bump reaches `Cargo.lock`'s entry of the generated crate in
/// the same regen, so no later cargo command rewrites the lockfile; and a
/// stale entry is drift that `check` reports.
#[test]
fn a_version_bump_updates_the_lockfile_entry_and_check_verifies_it() {
    let root = common::committed_checkout("lockfile");
    let plan = xtask::plan(&root).expect("plan");
    assert!(!plan.files.contains_key(Path::new("Cargo.lock")), "no lockfile, none written");
    // A workspace of the generated crate alone, locked by cargo itself.
    std::fs::write(root.join("Cargo.toml"), "[workspace]\nresolver = \"2\"\nmembers = [\"generated/rust\"]\n")
        .expect("write Cargo.toml");
    let (ok, output) = cargo(&root, &["generate-lockfile"]);
    assert!(ok, "{output}");
    common::commit(&root);
    let locked = read(&root, "Cargo.lock");
    let start = version(&root).version;
    assert!(locked.contains(&format!("name = \"errcat-codes\"\nversion = \"{start}\"\n")), "{locked}");

    add_page(&root);
    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("updated Cargo.lock"), "{output}");
    let bumped = version(&root).version;
    assert_ne!(bumped, start);
    let lockfile = read(&root, "Cargo.lock");
    assert_eq!(lockfile, locked.replacen(&format!("version = \"{start}\""), &format!("version = \"{bumped}\""), 1));
    let (ok, output) = cargo(&root, &["metadata", "--locked", "--format-version", "1"]);
    assert!(ok, "cargo finds the lockfile up to date: {output}");
    assert_eq!(read(&root, "Cargo.lock"), lockfile, "cargo left the lockfile as regen wrote it");
    assert_eq!(xtask(&root, "check").0, 0);

    // The entry as it was before the bump is drift, with a diff.
    std::fs::write(root.join("Cargo.lock"), &locked).expect("write");
    let (code, output) = xtask(&root, "check");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("stale: Cargo.lock"), "{output}");
    assert!(output.contains(&format!("-version = \"{start}\"\n+version = \"{bumped}\"")), "{output}");
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_eq!(read(&root, "Cargo.lock"), lockfile);
    let _ = std::fs::remove_dir_all(&root);
}

/// A regen of an unchanged checkout says the version is unchanged and
/// repeats none of the change lines of the committed record: those told
/// of the bump the commit made, not of anything this regen found.
#[test]
fn a_clean_regen_prints_no_change_lines_of_the_committed_record() {
    let root = common::committed_checkout("clean-regen-lines");
    let committed = version(&root);
    assert!(!committed.changes.is_empty(), "the committed record lists the changes of its bump");
    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    assert!(output.contains(&format!("package version {} (unchanged", committed.version)), "{output}");
    for line in &committed.changes {
        assert!(!output.contains(line.as_str()), "a clean regen repeats `{line}`:\n{output}");
    }
    assert_eq!(version(&root), committed, "package.yaml stays as committed");

    add_page(&root);
    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("pay-errors: minor (new catalog)"), "a real bump lists its lines:\n{output}");
}
