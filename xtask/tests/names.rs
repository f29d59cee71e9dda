//! The route from fallback names to curated ones for a page without names
//! (a Chinese page, no enum-name column): W0304 names the command and the
//! file, `cargo xtask names` writes a lockfile with every group and code to
//! fill, `--suggest` says which codes it cannot name and why, and the names
//! written there reach the generated code.

use std::path::{Path, PathBuf};

/// A checkout of its own under the temporary folder: `docs-src/` with the
/// manifest and `pages` (file name, text).
fn checkout(name: &str, manifest: &str, pages: &[(&str, &str)]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("errcat-xtask-names-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("docs-src")).expect("docs-src");
    std::fs::write(root.join("docs-src/sources.yaml"), manifest).expect("manifest");
    for (file, text) in pages {
        std::fs::write(root.join("docs-src").join(file), text).expect("page");
    }
    root
}

const MANIFEST: &str = "sources:\n  - id: room-codes\n    file: room-codes.md\n    locale: zh-CN\n";

const PAGE: &str = "# 错误码\n\n## 房间\n\n| 错误码 | 说明 |\n| --- | --- |\n| 1001 | 房间不存在 |\n| 1002 | 房间已满 |\n| 1003 | 没有加入房间的权限 |\n";

fn lockfile(root: &Path) -> String {
    std::fs::read_to_string(root.join("docs-src/names/room-codes.yaml")).expect("lockfile")
}

#[test]
fn a_chinese_page_gets_a_lockfile_to_fill_and_its_names_reach_the_generated_code() {
    let root = checkout("chinese", MANIFEST, &[("room-codes.md", PAGE)]);

    // Without names: W0304 says what to run and which file to edit.
    let plan = xtask::plan(&root).expect("plan");
    let fallback: Vec<&str> = plan
        .diagnostics
        .iter()
        .filter(|d| d.kind == errcat::diagnostic::DiagnosticKind::FallbackName)
        .map(|d| d.message.as_str())
        .collect();
    let hint = "Run `cargo xtask names` to list every group and code with its text in \
                docs-src/names/room-codes.yaml, write the names there, then run `cargo xtask regen`";
    assert_eq!(
        fallback,
        [format!(
            "group `房间` has no curated type name; it is named `Group96b2d406`; 3 code(s) in `房间` have no \
             curated name and use the `Code<number>` fallback: 1001, 1002, 1003. {hint}"
        )]
    );

    // `names` writes every group and code, each with its text, ready to fill.
    let locked = xtask::names::lock_names_report(&root).expect("names");
    assert_eq!(locked.written, [PathBuf::from("docs-src/names/room-codes.yaml")]);
    assert_eq!(
        locked.to_name,
        [xtask::names::ToName { lockfile: PathBuf::from("docs-src/names/room-codes.yaml"), groups: 1, codes: 3 }]
    );
    assert!(
        locked.report().ends_with(
            "  docs-src/names/room-codes.yaml: 1 group(s) and 3 code(s) to name (empty `name:` and codes; each \
             code's text is its comment)\nnames: 1 lockfile(s) updated; write the missing names in the lockfiles \
             above (`cargo xtask names --suggest` proposes some from English text), then run `cargo xtask regen`\n"
        ),
        "{}",
        locked.report()
    );
    let skeleton = lockfile(&root);
    assert!(
        skeleton.ends_with(
            "# To name a group or a code, write a PascalCase name after its `name:` or\n\
             # its code (`name: Room`, `1001: RoomNotFound`; the comment is its text),\n\
             # then run `cargo xtask regen`. One left empty keeps its fallback name\n\
             # (`Code1001`, `Group<hash>`). `cargo xtask names --suggest` proposes\n\
             # names from English text.\n\
             groups:\n  - title: \"房间\"\n    name:  # the group's type name; until written: Group96b2d406\n    codes:\n\
             \x20     1001:  # 房间不存在\n      1002:  # 房间已满\n      1003:  # 没有加入房间的权限\n"
        ),
        "{skeleton}"
    );
    // An unfilled skeleton changes nothing: it reads as no names.
    assert_eq!(xtask::plan(&root).expect("plan").files, plan.files);

    // `--suggest` says plainly that it cannot help here, and why.
    let suggested = xtask::suggest_names(&root, false).expect("suggest");
    let why = "no English text: the page is in `zh-CN` and has no English edition (`editions:` in the manifest)";
    for row in [
        format!("| room-codes | 房间 | 1001 | `Code1001` | {why} | 房间不存在 |"),
        format!("| room-codes | 房间 | 1003 | `Code1003` | {why} | 没有加入房间的权限 |"),
        "| room-codes | 房间 | `Group96b2d406` |".to_owned(),
    ] {
        assert!(suggested.report.contains(&row), "{row} in\n{}", suggested.report);
    }
    assert!(
        suggested.report.starts_with(
            "## Suggested names (0)\n\nNo name could be suggested: see \"Not suggested\" below.\n\n\
             ## Not suggested (3 code(s), 1 group(s))\n"
        ),
        "{}",
        suggested.report
    );
    assert!(suggested.written.is_empty());

    // Names written into the skeleton are used; the one left empty is listed again.
    let filled = skeleton
        .replace("    name:  #", "    name: Room  #")
        .replace("1001:  #", "1001: RoomNotFound  #")
        .replace("1002:  #", "1002: RoomFull  #");
    std::fs::write(root.join("docs-src/names/room-codes.yaml"), &filled).expect("fill");
    let plan = xtask::plan(&root).expect("plan");
    let rust = &plan.files[Path::new("generated/rust/src/room_codes.rs")];
    for expected in
        ["pub enum Room {", "1001 => Self::RoomNotFound,", "1002 => Self::RoomFull,", "1003 => Self::Code1003,"]
    {
        assert!(rust.contains(expected), "{expected} in\n{rust}");
    }
    let locked = xtask::names::lock_names_report(&root).expect("names");
    assert_eq!(locked.to_name[0].codes, 1);
    assert_eq!(locked.to_name[0].groups, 0);
    let again = lockfile(&root);
    assert!(
        again.ends_with(
            "    name: Room\n    codes:\n      1001: RoomNotFound  # 房间不存在\n      1002: RoomFull  # 房间已满\n\
             \x20     1003:  # 没有加入房间的权限\n"
        ),
        "{again}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn suggest_names_the_codes_it_cannot_name_and_leaves_document_names_alone() {
    let manifest = "sources:\n  - id: room-codes\n    file: room-codes.md\n    locale: zh-CN\n    editions:\n      \
                    - locale: en\n        file: room-codes.en.md\n";
    let page = "# 错误码\n\n## 房间\n\n| 错误码 | 枚举 | 说明 |\n| --- | --- | --- |\n\
                | 1001 | | 房间不存在 |\n| 1002 | kRoomClosedError | 房间已关闭 |\n| 1003 | | 没有加入房间的权限 |\n";
    let edition = "# Error codes\n\n## Room\n\n| Error code | Name | Description |\n| --- | --- | --- |\n\
                   | 1001 | | Room does not exist. |\n| 1002 | kRoomClosedError | The room was closed by its owner. |\n\
                   | 1003 | | |\n";
    let root = checkout("edition", manifest, &[("room-codes.md", page), ("room-codes.en.md", edition)]);
    let suggested = xtask::suggest_names(&root, false).expect("suggest");
    let report = &suggested.report;
    assert!(report.contains("| room-codes | 房间 | 1001 | `RoomDoesNotExist` | English text |"), "{report}");
    assert!(
        report.contains(
            "| room-codes | 房间 | 1003 | `Code1003` | no English text: the `en` edition (room-codes.en.md) gives it \
             no message | 没有加入房间的权限 |"
        ),
        "{report}"
    );
    assert!(report.contains("## Not suggested (1 code(s), 1 group(s))"), "{report}");
    // 1002 is named by the page (`RoomClosed`): no suggestion would rename it.
    assert!(!report.contains("| 1002 |"), "{report}");
    let _ = std::fs::remove_dir_all(&root);
}
