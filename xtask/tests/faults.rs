//! Faults regen and check must survive: symbolic links that point out of
//! the checkout, a full disk while staging, a process killed during the
//! switch, two runs at once, temporary files of interrupted runs, and a
//! huge rewrite that `check` must report without a quadratic diff.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(root: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args).arg("--root").arg(root);
    if let Some(fault) = fault {
        command.env("ERRCAT_FAULT", fault);
    }
    command.output().expect("run xtask")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// A folder outside the checkout with one file in it.
fn outside(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-outside-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("outside dir");
    std::fs::write(dir.join("precious.txt"), "keep me").expect("outside file");
    dir
}

/// Makes every catalog stale, so that regen has many files to switch.
fn make_stale(root: &Path) -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(root.join("generated/catalog")).expect("catalogs") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text.replacen("schema", "# stale\nschema", 1)).expect("write");
        count += 1;
    }
    count
}

#[test]
fn a_directory_link_in_generated_is_refused_and_nothing_outside_is_touched() {
    for link in ["generated/evil", "generated/site"] {
        let root = common::scratch_checkout(&format!("link-{}", link.replace('/', "-")));
        let target = outside(&link.replace('/', "-"));
        let path = root.join(link);
        let _ = std::fs::remove_dir_all(&path);
        std::os::unix::fs::symlink(&target, &path).expect("symlink");
        for command in ["regen", "check"] {
            let output = xtask(&root, &[command], None);
            assert_eq!(output.status.code(), Some(2), "{link} {command}: {}", text(&output));
            assert!(text(&output).contains(&format!("{link} is a symbolic link")), "{}", text(&output));
        }
        let kept: Vec<_> =
            std::fs::read_dir(&target).expect("outside").map(|e| e.expect("entry").file_name()).collect();
        assert_eq!(kept, ["precious.txt"], "{link}: the link's target is untouched");
        let _ = std::fs::remove_dir_all(&root);
        let _ = std::fs::remove_dir_all(&target);
    }
}

#[test]
fn a_linked_generated_file_is_refused_not_written_through() {
    let root = common::scratch_checkout("file-link");
    let target = outside("file-link");
    let file = root.join("generated/catalog/rtc-vendor-error-codes.yaml");
    std::fs::remove_file(&file).expect("remove");
    std::os::unix::fs::symlink(target.join("precious.txt"), &file).expect("symlink");
    let output = xtask(&root, &["regen"], None);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert_eq!(std::fs::read_to_string(target.join("precious.txt")).expect("outside"), "keep me");
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&target);
}

#[test]
fn a_linked_lockfile_or_page_in_docs_src_is_refused() {
    let root = common::scratch_checkout("docs-link");
    let target = outside("docs-link");
    let lockfile = root.join("docs-src/names/zego-server-return-codes.yaml");
    std::fs::remove_file(&lockfile).expect("remove");
    std::os::unix::fs::symlink(target.join("precious.txt"), &lockfile).expect("symlink");
    let output = xtask(&root, &["names"], None);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("is a symbolic link"), "{}", text(&output));
    assert_eq!(std::fs::read_to_string(target.join("precious.txt")).expect("outside"), "keep me");
    std::fs::remove_file(&lockfile).expect("remove the link");

    let page = root.join("docs-src/rtc-vendor-error-codes.md");
    std::fs::copy(&page, target.join("page.md")).expect("copy");
    std::fs::remove_file(&page).expect("remove");
    std::os::unix::fs::symlink(target.join("page.md"), &page).expect("symlink");
    let output = xtask(&root, &["regen"], None);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("rtc-vendor-error-codes.md is a symbolic link"), "{}", text(&output));
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&target);
}

#[test]
fn a_full_disk_while_staging_leaves_generated_untouched_and_no_staged_file() {
    let root = common::scratch_checkout("full-disk");
    assert!(make_stale(&root) >= 2);
    let before = common::snapshot(&root.join("generated"));
    let output = xtask(&root, &["regen"], Some("stage:2"));
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("generated/ was not changed"), "{}", text(&output));
    assert_eq!(common::snapshot(&root.join("generated")), before, "no file changed, nothing staged left behind");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_regen_killed_during_its_switch_is_completed_by_the_next_check() {
    let root = common::scratch_checkout("killed");
    assert!(make_stale(&root) >= 3);
    let output = xtask(&root, &["regen"], Some("switch:2"));
    assert!(!output.status.success(), "the process was killed: {}", text(&output));
    // Half switched: the journal is there, and check completes it.
    assert!(root.join("generated/.errcat-staging/JOURNAL").exists());
    let output = xtask(&root, &["check"], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("completed a regen interrupted during its switch: "), "{}", text(&output));
    assert!(!root.join("generated/.errcat-staging").exists());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn staged_files_without_a_journal_are_dropped_and_old_temporaries_removed() {
    let root = common::scratch_checkout("leftovers");
    let staged = root.join("generated/.errcat-staging/catalog/x.yaml");
    std::fs::create_dir_all(staged.parent().expect("parent")).expect("mkdir");
    std::fs::write(&staged, "half").expect("write");
    let temporary = root.join("generated/catalog/.rtc-vendor-error-codes.yaml.tmp-4242");
    std::fs::write(&temporary, "half").expect("write");
    let before = common::snapshot(&root.join("generated/catalog"));
    let output = xtask(&root, &["regen"], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let said = text(&output);
    assert!(said.contains("removed the files staged by a regen interrupted before its switch"), "{said}");
    assert!(said.contains("removed generated/catalog/.rtc-vendor-error-codes.yaml.tmp-4242"), "{said}");
    assert!(!said.contains("updated generated/catalog/.rtc"), "a temporary file is never an output: {said}");
    assert!(!root.join("generated/.errcat-staging").exists() && !temporary.exists());
    let after = common::snapshot(&root.join("generated/catalog"));
    assert_eq!(after.len() + 1, before.len(), "only the temporary file went");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_second_run_waits_for_the_lock_and_says_who_holds_it() {
    let root = common::scratch_checkout("lock");
    make_stale(&root);
    let lock = xtask::lock(&root, &mut |_| panic!("the lock is free")).expect("lock");
    let child = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["regen", "--root"])
        .arg(&root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let still_stale =
        std::fs::read_to_string(root.join("generated/catalog/rtc-vendor-error-codes.yaml")).expect("read");
    assert!(still_stale.contains("# stale"), "the second run wrote while the lock was held");
    drop(lock);
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains(&format!("regen: waiting for process {}", std::process::id())), "{}", text(&output));
    assert_eq!(xtask(&root, &["check"], None).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn check_summarises_a_huge_rewrite_instead_of_diffing_it() {
    let old: String = (0..60_000).map(|n| format!("line {n}\n")).collect();
    let new: String = (0..60_000).map(|n| format!("other {n}\n")).collect();
    let started = std::time::Instant::now();
    let diff = xtask::bounded_diff(&format!("same\n{old}same\n"), &format!("same\n{new}same\n"), Path::new("f"));
    assert!(diff.contains("@@ -2,60000 +2,60000 @@"), "{diff}");
    assert!(diff.contains("60000 line(s) replaced by 60000"), "{diff}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "linear, not quadratic");
    // A small change is still a real diff.
    let diff = xtask::bounded_diff("a\nb\nc\n", "a\nx\nc\n", Path::new("f"));
    assert!(diff.contains("-b\n+x\n"), "{diff}");
}
