//! `generated/` must match what regen produces, and `check` must catch
//! every way it can drift; `regen` must never leave it half-written.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch copy of `docs-src/` and `generated/`.
fn scratch(name: &str) -> PathBuf {
    common::scratch_checkout(name)
}

fn xtask(root: &Path, command: &str) -> (i32, String) {
    let output =
        Command::new(env!("CARGO_BIN_EXE_xtask")).args([command, "--root"]).arg(root).output().expect("run xtask");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn committed_generated_files_are_fresh() {
    let root = xtask::workspace_root();
    let plan = xtask::plan(&root).expect("plan");
    let drift = xtask::check(&root, &plan).expect("check");
    assert!(drift.is_clean(), "{}", drift.report());
}

#[test]
fn two_regens_produce_identical_bytes() {
    let root = xtask::workspace_root();
    let first = xtask::plan(&root).expect("plan");
    let second = xtask::plan(&root).expect("plan");
    assert_eq!(first.files, second.files);
    for text in first.files.values() {
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "exactly one trailing newline");
        assert!(!text.contains('\r'), "LF line endings only");
    }
}

#[test]
fn check_reports_a_hand_edit_with_a_diff_and_the_fix_command() {
    let root = scratch("edit");
    let file = root.join("generated/catalog/zego-server-return-codes.yaml");
    let original = std::fs::read_to_string(&file).expect("read");
    let edited = original.replacen("message: 接口调用频率过高。", "message: 手工修改。", 1);
    assert_ne!(edited, original);
    std::fs::write(&file, edited).expect("write");

    let (code, output) = xtask(&root, "check");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("stale: generated/catalog/zego-server-return-codes.yaml"), "{output}");
    assert!(output.contains("-    message: 手工修改。"), "{output}");
    assert!(output.contains("+    message: 接口调用频率过高。"), "{output}");
    assert!(output.contains("cargo xtask regen"), "{output}");

    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), original);
    assert_eq!(xtask(&root, "check").0, 0);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn check_reports_orphan_and_missing_files_and_regen_fixes_both() {
    let root = scratch("orphan");
    let stray = root.join("generated/catalog/stray.yaml");
    std::fs::write(&stray, "schema: errcat/v1\n").expect("write");
    let removed = root.join("generated/catalog/rtc-vendor-error-codes.yaml");
    std::fs::remove_file(&removed).expect("remove");

    let (code, output) = xtask(&root, "check");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("orphan: generated/catalog/stray.yaml"), "{output}");
    assert!(output.contains("missing: generated/catalog/rtc-vendor-error-codes.yaml"), "{output}");

    assert_eq!(xtask(&root, "regen").0, 0);
    assert!(!stray.exists());
    assert!(removed.exists());
    assert_eq!(xtask(&root, "check").0, 0);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn regen_refuses_to_write_when_a_page_has_errors() {
    let root = scratch("errors");
    std::fs::write(root.join("docs-src/broken.md"), "| 错误码 | 说明 |\n|---|---|\n| 12ab | 坏 |\n").expect("write");
    let manifest = root.join("docs-src/sources.yaml");
    let mut text = std::fs::read_to_string(&manifest).expect("read");
    text.push_str("\n  - id: broken\n    file: broken.md\n    locale: zh-CN\n");
    std::fs::write(&manifest, text).expect("write");
    let before = common::snapshot(&root.join("generated"));

    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("docs-src/broken.md:3"), "{output}");
    assert!(output.contains("E0204"), "{output}");
    assert_eq!(common::snapshot(&root.join("generated")), before, "generated/ must be untouched");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_manifest_path_outside_docs_src_is_refused() {
    let root = scratch("escape");
    let manifest = root.join("docs-src/sources.yaml");
    let mut text = std::fs::read_to_string(&manifest).expect("read");
    text.push_str("\n  - id: escape\n    file: ../outside.md\n    locale: en\n");
    std::fs::write(&manifest, text).expect("write");
    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 2, "{output}");
    assert!(output.contains("docs-src/sources.yaml:"), "{output}");
    assert!(output.contains("../outside.md"), "{output}");
    let _ = std::fs::remove_dir_all(&root);
}

/// Outside git (this scratch copy), the files on disk stand for the
/// commit; `tests/change_reports.rs` follows a report through git.
#[test]
fn regen_writes_a_change_report_that_check_verifies() {
    let root = scratch("changes");
    let page = root.join("docs-src/rtc-vendor-error-codes.md");
    let original_page = std::fs::read_to_string(&page).expect("read");
    let original_catalog =
        std::fs::read_to_string(root.join("generated/catalog/rtc-vendor-error-codes.yaml")).expect("read");
    let edited =
        original_page.replacen("| 2 | 未初始化 |", "| 2 | 引擎未初始化 |", 1).replacen("| 3 | 内存不足 | |\n", "", 1);
    assert_ne!(edited, original_page);
    std::fs::write(&page, edited).expect("write");

    let (code, output) = xtask(&root, "regen");
    assert_eq!(code, 0, "{output}");
    let report = std::fs::read_to_string(root.join("generated/changes/rtc-vendor-error-codes.md")).expect("report");
    assert!(report.contains("| 2 | patch | message: <ins>引擎</ins>未初始化 |"), "{report}");
    assert!(report.contains("| 3 | breaking | removed `OutOfMemory`"), "{report}");
    assert!(report.contains("overall: breaking"), "{report}");
    let base = std::fs::read_to_string(root.join("generated/changes/rtc-vendor-error-codes.base.yaml")).expect("base");
    assert_eq!(base, original_catalog, "the base is the catalog before the change");
    assert_eq!(xtask(&root, "check").0, 0);

    // A second regen keeps the report; a hand edit of the report is drift.
    let (code, output) = xtask(&root, "regen");
    assert!(code == 0 && output.contains(", 0 changed"), "{output}");
    let report_path = root.join("generated/changes/rtc-vendor-error-codes.md");
    std::fs::write(&report_path, report.replace("breaking", "minor")).expect("write");
    let (code, output) = xtask(&root, "check");
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("stale: generated/changes/rtc-vendor-error-codes.md"), "{output}");

    // Outside git, what the last regen wrote stands for the commit: back to
    // the original page, the report compares with the edited catalog.
    let edited_catalog =
        std::fs::read_to_string(root.join("generated/catalog/rtc-vendor-error-codes.yaml")).expect("read");
    std::fs::write(&page, original_page).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    let report = std::fs::read_to_string(&report_path).expect("report");
    assert!(report.contains("| 2 | patch | message: <del>引擎</del>未初始化 |"), "{report}");
    let base = std::fs::read_to_string(root.join("generated/changes/rtc-vendor-error-codes.base.yaml")).expect("base");
    assert_eq!(base, edited_catalog);
    assert_eq!(xtask(&root, "check").0, 0);
    let _ = std::fs::remove_dir_all(&root);
}

/// The version of every generated package comes from the semantic diff:
/// an added code is a minor bump, a re-wording a patch, a removal a major
/// one; a regen that changes no catalog keeps the version.
#[test]
fn the_package_version_follows_the_semantic_diff() {
    let root = scratch("versions");
    let page = root.join("docs-src/rtc-vendor-error-codes.md");
    let original = std::fs::read_to_string(&page).expect("read");
    let version_of = |root: &Path| {
        let record = std::fs::read_to_string(root.join("generated/package.yaml")).expect("package.yaml");
        let record = errcat::version::PackageVersion::from_yaml(&record).expect("valid record");
        for (file, line) in [
            ("generated/rust/Cargo.toml", format!("version = \"{}\"", record.version)),
            ("generated/typescript/package.json", format!("\"version\": \"{}\"", record.version)),
            ("generated/python/pyproject.toml", format!("version = \"{}\"", record.version)),
        ] {
            let text = std::fs::read_to_string(root.join(file)).expect("package file");
            assert!(text.contains(&line), "{file} does not say {line}");
        }
        (record.version, record.bump)
    };
    // The committed version, whatever it is: each step bumps from it.
    let (start, _) = version_of(&root);
    let parts: Vec<u64> = start.split('.').map(|part| part.parse().expect("number")).collect();
    let (major, minor) = (parts[0], parts[1]);
    let minor_bump = format!("{major}.{}.0", minor + 1);
    let patch_bump = format!("{major}.{}.1", minor + 1);
    let major_bump = format!("{}.0.0", major + 1);

    let added = original.replacen("| 3 | 内存不足 | |\n", "| 3 | 内存不足 | |\n| 9999 | 新增的错误 | |\n", 1);
    assert_ne!(added, original);
    std::fs::write(&page, &added).expect("write");
    let (code, output) = xtask(&root, "regen");
    assert!(code == 0 && output.contains(&format!("package version {minor_bump} (minor from {start})")), "{output}");
    assert_eq!(version_of(&root), (minor_bump.clone(), Some("minor".to_owned())));

    // Nothing changed: the same version, byte for byte.
    let (code, output) = xtask(&root, "regen");
    assert!(code == 0 && output.contains(", 0 changed"), "{output}");
    assert_eq!(xtask(&root, "check").0, 0);

    std::fs::write(&page, added.replacen("| 9999 | 新增的错误 |", "| 9999 | 新增加的错误 |", 1)).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_eq!(version_of(&root), (patch_bump, Some("patch".to_owned())));

    std::fs::write(&page, &original).expect("write");
    assert_eq!(xtask(&root, "regen").0, 0);
    assert_eq!(version_of(&root), (major_bump, Some("major".to_owned())));
    assert_eq!(xtask(&root, "check").0, 0);
    let _ = std::fs::remove_dir_all(&root);
}

/// `names --suggest` proposes names from the English edition for codes
/// without a locked name, writes nothing unless accepted, and keeps clear
/// of the names already locked.
#[test]
fn suggested_names_come_from_english_and_are_written_only_when_accepted() {
    let root = scratch("suggest");
    let lockfile = root.join("docs-src/names/zego-server-return-codes.yaml");
    let original = std::fs::read_to_string(&lockfile).expect("lockfile");
    // Two codes lose their curated names.
    let without: String = original
        .lines()
        .filter(|line| !line.trim_start().starts_with("100000000:") && !line.trim_start().starts_with("100000004:"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(without.lines().count() + 2, original.lines().count());
    std::fs::write(&lockfile, &without).expect("write");

    let found = xtask::suggest_names(&root, false).expect("suggest");
    assert!(
        found.report.contains(
            "| zego-server-return-codes | 公共返回码 | 100000000 | `HostErrorInRequestHeader` | English text |"
        ),
        "{}",
        found.report
    );
    assert!(found.report.contains("| 100000004 | `SignatureExpired` | English text |"), "{}", found.report);
    assert!(found.written.is_empty());
    assert_eq!(std::fs::read_to_string(&lockfile).expect("lockfile"), without, "nothing written without --accept");

    let found = xtask::suggest_names(&root, true).expect("accept");
    assert_eq!(found.written, [std::path::PathBuf::from("docs-src/names/zego-server-return-codes.yaml")]);
    let written = std::fs::read_to_string(&lockfile).expect("lockfile");
    assert!(written.contains("      100000000: HostErrorInRequestHeader  # "), "{written}");
    assert!(written.contains("      100000004: SignatureExpired  # "), "{written}");
    // Accepted names are locked: a second run suggests nothing for them.
    let again = xtask::suggest_names(&root, false).expect("suggest");
    assert!(again.report.contains("## Suggested names (0)"), "{}", again.report);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_manifest_package_settings_reach_every_package_file() {
    let root = scratch("package");
    let manifest = root.join("docs-src/sources.yaml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    let settings = "package:\n  description: Acme payment error codes\n  license: Apache-2.0\n  \
                    repository: https://github.com/acme/errcodes\n  homepage: https://acme.example/errors\n  \
                    go_module: github.com/acme/errcodes\n";
    std::fs::write(&manifest, text.replacen("sources:", &format!("{settings}sources:"), 1)).expect("write");
    let plan = xtask::plan(&root).expect("plan");
    let file = |path: &str| plan.files.get(Path::new(path)).unwrap_or_else(|| panic!("{path} generated")).clone();
    let cargo = file("generated/rust/Cargo.toml");
    assert!(cargo.contains("description = \"Acme payment error codes\"\nlicense = \"Apache-2.0\""), "{cargo}");
    assert!(
        cargo.contains("repository = \"https://github.com/acme/errcodes\"\nhomepage = \"https://acme.example/errors\""),
        "{cargo}"
    );
    let npm: serde_json::Value =
        serde_json::from_str(&file("generated/typescript/package.json")).expect("package.json");
    assert_eq!(npm["description"], "Acme payment error codes");
    assert_eq!(npm["license"], "Apache-2.0");
    // The URL as npm normalizes it (else `npm publish` warns that it corrected it).
    assert_eq!(npm["repository"]["url"], "git+https://github.com/acme/errcodes.git");
    // The JSON Schemas' `$id` is their URL beside the error index, which
    // publishes them; the data names them by it.
    let schema: serde_json::Value = serde_json::from_str(&file("generated/json/schema.json")).expect("schema.json");
    assert_eq!(schema["$id"], "https://acme.example/errors/schema.json");
    assert_eq!(file("generated/site/schema.json"), file("generated/json/schema.json"));
    let index: serde_json::Value = serde_json::from_str(&file("generated/json/index.json")).expect("index.json");
    assert_eq!(index["$schema"], "https://acme.example/errors/index.schema.json");
    let pyproject = file("generated/python/pyproject.toml");
    assert!(pyproject.contains("license = \"Apache-2.0\"\nlicense-files = [\"LICENSE\"]"), "{pyproject}");
    assert!(pyproject.contains("[project.urls]\nRepository = \"https://github.com/acme/errcodes\""), "{pyproject}");
    assert!(file("generated/go/go.mod").contains("module github.com/acme/errcodes\n"));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_unusable_package_setting_is_refused_with_its_line() {
    for (setting, why) in [
        ("  go_module: errcodes\n", "not a Go module path"),
        ("  repository: http://example.com/x\n", "https:// URL"),
        ("  description: \"say \\\"hi\\\"\"\n", "one line of text"),
        ("  crate_name: 1codes\n", "a crate name"),
        ("  npm_name: Acme-Codes\n", "an npm name"),
        ("  java_package: codes\n", "reverse-DNS"),
        ("  maven_group: com.example.class\n", "reverse-DNS"),
        ("  display_locale: english!\n", "BCP 47"),
        ("  keywords: [error codes]\n", "crates.io's rule"),
        ("  license: GPL-3.0-only\n", "set `license_file`"),
    ] {
        let root = scratch("package-bad");
        let manifest = root.join("docs-src/sources.yaml");
        let text = std::fs::read_to_string(&manifest).expect("read");
        std::fs::write(&manifest, text.replacen("sources:", &format!("package:\n{setting}sources:"), 1))
            .expect("write");
        let (code, output) = xtask(&root, "regen");
        assert_ne!(code, 0, "{setting}: {output}");
        assert!(output.contains(why) && output.contains("sources.yaml"), "{setting}: {output}");
        let _ = std::fs::remove_dir_all(&root);
    }
}

#[test]
fn every_package_ships_the_license_text_the_manifest_names() {
    let root = scratch("license");
    let manifest = root.join("docs-src/sources.yaml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    let license = "Acme Proprietary License\n\nUse only with Acme's written permission.\n";
    std::fs::write(root.join("docs-src/ACME-LICENSE.txt"), license).expect("write");
    let settings = "package:\n  license: LicenseRef-Acme\n  license_file: ACME-LICENSE.txt\n";
    std::fs::write(&manifest, text.replacen("sources:", &format!("{settings}sources:"), 1)).expect("write");
    let plan = xtask::plan(&root).expect("plan");
    let licenses: Vec<&Path> = plan
        .files
        .keys()
        .filter(|path| path.file_name().is_some_and(|name| name == "LICENSE"))
        .map(PathBuf::as_path)
        .collect();
    // One per package: every target but the error index.
    assert_eq!(licenses.len(), errcat::render::Target::ALL.len() - 1, "{licenses:?}");
    for path in licenses {
        assert_eq!(plan.files[path], license, "{}", path.display());
    }
    // Without the file, a license errcat has no text of is refused.
    std::fs::write(&manifest, text.replacen("sources:", "package:\n  license: LicenseRef-Acme\nsources:", 1))
        .expect("write");
    let (code, output) = xtask(&root, "regen");
    assert!(code != 0 && output.contains("license_file"), "{output}");
    let _ = std::fs::remove_dir_all(&root);
}

/// Regen shows a new page's warnings first and in full, and the warnings
/// the manifest already accepts (allowed lints, `known_warnings`) as one
/// line; `--verbose` shows those too, after the new ones, with the reason.
#[test]
fn known_warnings_are_one_line_after_the_new_ones_in_full() {
    let root = scratch("known-warnings");
    let page =
        "# 新页面\n\n| 错误码 | 说明 |\n|---|---|\n| 1001 | 参数错误 |\n| 1002 | 非法字符 <Content />, 请检查 |\n";
    std::fs::write(root.join("docs-src/new-page.md"), page).expect("write");
    let manifest = root.join("docs-src/sources.yaml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    let entry = "\n  - id: new-page\n    file: new-page.md\n    locale: zh-CN\n";
    std::fs::write(&manifest, format!("{text}{entry}")).expect("write");
    let regen = |verbose: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
        command.arg("regen");
        if verbose {
            command.arg("--verbose");
        }
        let output = command.arg("--root").arg(&root).output().expect("run xtask");
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };

    let output = regen(false);
    let new = output.find("warning[W0102]").expect(&output);
    assert!(output[new..].starts_with("warning[W0102]: page conversion left `<Content />`"), "{output}");
    assert!(output.contains("--> docs-src/new-page.md:6:1"), "in full, with the line: {output}");
    assert!(output.contains("6 | | 1002 | 非法字符 <Content />, 请检查 |"), "with the snippet: {output}");
    let summary = output.find("8 known warnings on 2 pages (`--verbose` shows them)\n").expect(&output);
    assert!(new < summary, "new ones first: {output}");
    for known_page in ["zego-liveroom-common-error-codes.md", "zego-express-web-common-error-codes.mdx"] {
        assert!(!output.contains(known_page), "{known_page} is summarized: {output}");
    }

    let output = regen(true);
    let new = output.find("docs-src/new-page.md:6:1").expect(&output);
    let known = output.find("docs-src/zego-liveroom-common-error-codes.md:81:1").expect(&output);
    assert!(new < known, "new ones first: {output}");
    assert!(output.contains("known: `allow_lints: wording-differs` in sources.yaml: the page words"), "{output}");
    assert_eq!(output.matches("= note: known: ").count(), 8, "{output}");
    assert!(output.contains("8 known warnings on 2 pages (shown above, each with its reason)\n"), "{output}");

    // The new page declares its warnings known: they join the summary.
    let known = "    known_warnings:\n      - {code: W0304, reason: no names yet}\n    allow_lints:\n      - {id: mdx-remnant, reason: upstream damage}\n";
    std::fs::write(&manifest, format!("{text}{entry}{known}")).expect("write");
    let output = regen(false);
    assert!(!output.contains("new-page.md"), "{output}");
    let summary = output.lines().find(|line| line.contains("known warnings on 3 pages")).expect(&output);
    assert!(summary.ends_with("(`--verbose` shows them)"), "{output}");
    let _ = std::fs::remove_dir_all(&root);
}
