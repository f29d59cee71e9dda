//! The README's walk for a new page, as a user runs it on a clone (a
//! scratch git repository of `docs-src/` and `generated/`), with the
//! commands themselves: add a Chinese page, regen, `names`, fill the
//! lockfile, regen, commit, change a message, regen, and read the change
//! report and the version it gives.

mod common;

use std::path::Path;
use std::process::Command;

fn xtask(root: &Path, args: &[&str]) -> String {
    let output =
        Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).arg("--root").arg(root).output().expect("run xtask");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "xtask {args:?} ({}):\n{text}", output.status);
    text
}

fn read(root: &Path, path: &str) -> String {
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

const PAGE: &str = "# 错误码\n\n## 房间\n\n| 错误码 | 说明 |\n| --- | --- |\n\
                    | 1001 | 房间不存在 |\n| 1002 | 房间已满 |\n| 1003 | 没有加入房间的权限 |\n";

#[test]
fn a_new_chinese_page_gets_names_and_an_honest_change_report() {
    let root = common::committed_checkout("walkthrough");
    let version = |root: &Path| {
        let record = read(root, "generated/package.yaml");
        record.lines().find_map(|line| line.strip_prefix("version: ")).expect("version").trim_matches('"').to_owned()
    };
    let before = version(&root);

    // 1. The page and its manifest entry; regen reads it with fallback names.
    std::fs::write(root.join("docs-src/room-codes.md"), PAGE).expect("page");
    let manifest = read(&root, "docs-src/sources.yaml");
    std::fs::write(
        root.join("docs-src/sources.yaml"),
        format!("{manifest}\n  - id: room-codes\n    file: room-codes.md\n    locale: zh-CN\n"),
    )
    .expect("manifest");
    let said = xtask(&root, &["regen"]);
    assert!(said.contains("cargo xtask names"), "W0304 names the command:\n{said}");
    assert!(read(&root, "generated/rust/src/room_codes.rs").contains("1001 => Self::Code1001,"));

    // 2. `names` writes the lockfile to fill; the names written reach the code.
    xtask(&root, &["names"]);
    let skeleton = read(&root, "docs-src/names/room-codes.yaml");
    let filled = skeleton
        .replace("    name:  #", "    name: Room  #")
        .replace("1001:  #", "1001: RoomNotFound  #")
        .replace("1002:  #", "1002: RoomFull  #")
        .replace("1003:  #", "1003: RoomForbidden  #");
    assert_ne!(filled, skeleton, "the skeleton has slots to fill:\n{skeleton}");
    std::fs::write(root.join("docs-src/names/room-codes.yaml"), filled).expect("names");
    xtask(&root, &["regen"]);
    let rust = read(&root, "generated/rust/src/room_codes.rs");
    for expected in ["pub enum Room {", "1001 => Self::RoomNotFound,", "1003 => Self::RoomForbidden,"] {
        assert!(rust.contains(expected), "{expected}");
    }
    // A page never committed is new, whatever regens ran before: no rename.
    let report = read(&root, "generated/changes/room-codes.md");
    assert!(!report.contains("renamed") || report.contains("0 renamed"), "{report}");
    assert!(!report.contains("breaking"), "{report}");
    let added = version(&root);
    assert_ne!(added, before, "a new catalog is a minor bump");
    xtask(&root, &["check"]);
    common::commit(&root);

    // 3. A message changes upstream: a re-wording, a patch, and nothing else.
    let page = PAGE.replace("房间已满", "房间人数已满");
    std::fs::write(root.join("docs-src/room-codes.md"), page).expect("page");
    xtask(&root, &["regen"]);
    let report = read(&root, "generated/changes/room-codes.md");
    assert!(
        report.contains("1 re-worded") && report.contains("| 1002 | patch | message: 房间<ins>人数</ins>已满 |"),
        "{report}"
    );
    assert!(!report.contains("breaking"), "{report}");
    let patched = version(&root);
    let (a, b) = (added.rsplit_once('.').expect("x.y.z"), patched.rsplit_once('.').expect("x.y.z"));
    assert_eq!(a.0, b.0, "{added} → {patched}: only the patch number moves");
    assert_ne!(a.1, b.1, "{added} → {patched}");
    xtask(&root, &["check"]);
    let _ = std::fs::remove_dir_all(&root);
}
