//! The version diff: data-driven old/new pairs under `tests/diffs/<case>/`
//! with snapshots of the text, markdown and JSON reports, and the real pair:
//! the older stream-mixing page (seed 000) against the 混流转码接口 section
//! of the global return codes (seed 001), checked by hand.

mod common;

use errcat::catalog::Catalog;
use errcat::code::Code;
use errcat::diff::{
    ChangeKind, Level, Report, Style, diff_catalogs, render_json, render_markdown, render_text, select_group,
};
use std::path::Path;

fn page(path: &Path) -> Catalog {
    common::test_page(path).0
}

fn report(old: &Catalog, new: &Catalog) -> Report {
    Report { catalogs: vec![diff_catalogs(old, new, "old", "new")] }
}

fn codes_where(report: &Report, predicate: impl Fn(&ChangeKind) -> bool) -> Vec<i64> {
    let mut codes: Vec<i64> = report
        .catalogs
        .iter()
        .flat_map(|c| c.changes())
        .filter(|c| predicate(&c.kind))
        .filter_map(|c| c.code.as_int())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

#[test]
fn every_diff_case_matches_its_snapshot() {
    insta::glob!("diffs/*/old.md", |old_path| {
        let old = page(old_path);
        let new = page(&old_path.with_file_name("new.md"));
        let report = report(&old, &new);
        let text = format!(
            "# text\n{}\n# markdown\n{}\n# json\n{}",
            render_text(&report, Style { color: false }),
            render_markdown(&report),
            render_json(&report)
        );
        insta::assert_snapshot!(text);
    });
}

fn case(name: &str) -> Report {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diffs").join(name);
    report(&page(&dir.join("old.md")), &page(&dir.join("new.md")))
}

#[test]
fn each_kind_of_change_has_its_level() {
    assert_eq!(case("identical").level(), None);
    assert!(case("identical").is_empty());
    assert_eq!(case("reworded").level(), Some(Level::Patch));
    assert_eq!(case("added-removed").level(), Some(Level::Breaking));
    let renamed = case("renamed");
    assert_eq!(renamed.level(), Some(Level::Breaking));
    assert_eq!(codes_where(&renamed, |k| matches!(k, ChangeKind::Renamed { .. })), [7]);
    let reused = case("reused");
    assert_eq!(codes_where(&reused, |k| matches!(k, ChangeKind::Reused { .. })), [5]);
    assert_eq!(codes_where(&reused, |k| matches!(k, ChangeKind::Reworded { .. })), [5], "the solution changed too");
    let moved = case("name-moved");
    assert_eq!(codes_where(&moved, |k| matches!(k, ChangeKind::NameMoved { .. })), [2]);
    assert_eq!(codes_where(&moved, |k| matches!(k, ChangeKind::Removed { .. })), [1]);
    let mates = case("row-mates");
    assert_eq!(mates.level(), Some(Level::Patch));
    assert_eq!(codes_where(&mates, |k| matches!(k, ChangeKind::RowMatesChanged { .. })), [1010, 5007]);
    let sections = case("sections");
    let statuses: Vec<(&str, &str)> =
        sections.catalogs[0].groups.iter().map(|g| (g.title.as_str(), g.status)).collect();
    assert_eq!(statuses, [("推流", "removed"), ("拉流", "added")]);
}

fn legacy_and_current() -> (Catalog, Catalog) {
    let (old, _) = common::seed("zego-server-mixstream-legacy");
    let (global, _) = common::seed("zego-server-return-codes");
    (old, select_group(&global, "混流转码接口").expect("section"))
}

/// Read off the two pages by hand: codes only in seed 000, codes only in
/// the 混流转码接口 section of seed 001, and codes whose text differs.
const HAND_ADDED: [i64; 7] = [0, 110200140, 110200141, 110200142, 110200161, 110200179, 110209001];
const HAND_REMOVED: [i64; 12] = [
    110200173, 110200174, 110200186, 110200192, 110200193, 110200901, 110200902, 110208000, 110208001, 110208002,
    110208003, 110208004,
];
const HAND_REWORDED: [i64; 9] =
    [110200002, 110200003, 110200007, 110200012, 110200013, 110200015, 110200150, 110200151, 110200157];

#[test]
fn legacy_mix_stream_page_against_the_current_section_matches_the_hand_check() {
    let (old, new) = legacy_and_current();
    let report = report(&old, &new);
    assert_eq!(codes_where(&report, |k| matches!(k, ChangeKind::Added { .. })), HAND_ADDED);
    assert_eq!(codes_where(&report, |k| matches!(k, ChangeKind::Removed { .. })), HAND_REMOVED);
    // The legacy page has no English edition: the current section's English
    // texts are all new, each a patch change of locale `en`; the hand check
    // is of the Chinese texts.
    let chinese = |k: &ChangeKind| matches!(k, ChangeKind::Reworded { locale: None, .. });
    assert_eq!(codes_where(&report, chinese), HAND_REWORDED);
    let mut english =
        codes_where(&report, |k| matches!(k, ChangeKind::Reworded { locale: Some(locale), .. } if locale == "en"));
    english.dedup();
    let mut kept: Vec<i64> = new.groups[0]
        .entries
        .iter()
        .filter_map(|entry| entry.code.as_int())
        .filter(|code| !HAND_ADDED.contains(code))
        .collect();
    kept.sort_unstable();
    assert_eq!(english, kept, "every code of both versions gains its English text");
    let everything_else = codes_where(&report, |k| {
        !matches!(k, ChangeKind::Added { .. } | ChangeKind::Removed { .. } | ChangeKind::Reworded { .. })
    });
    assert!(everything_else.is_empty(), "nothing else changed: {everything_else:?}");
    for change in report.catalogs[0].changes() {
        let expected = match change.kind {
            ChangeKind::Removed { .. } => Level::Breaking,
            ChangeKind::Added { .. } => Level::Minor,
            _ => Level::Patch,
        };
        assert_eq!(change.level, expected, "code {}", change.code);
    }
    assert_eq!(report.level(), Some(Level::Breaking));
    // The re-wording of 110200150 is exactly the inserted 或单流转码的.
    let rewording = report.catalogs[0]
        .changes()
        .find(|c| c.code == Code::new(110200150) && matches!(c.kind, ChangeKind::Reworded { field: "message", .. }))
        .expect("reworded message");
    if let ChangeKind::Reworded { diff, .. } = &rewording.kind {
        let inserted: String = diff.iter().filter(|s| s.op == "insert").map(|s| s.text.as_str()).collect();
        assert_eq!(inserted, "或单流转码的");
    }
}

#[test]
fn swapping_old_and_new_swaps_added_and_removed() {
    let (old, new) = legacy_and_current();
    let forward = report(&old, &new);
    let backward = report(&new, &old);
    let added = |r: &Report| codes_where(r, |k| matches!(k, ChangeKind::Added { .. }));
    let removed = |r: &Report| codes_where(r, |k| matches!(k, ChangeKind::Removed { .. }));
    assert_eq!(added(&forward), removed(&backward));
    assert_eq!(removed(&forward), added(&backward));
    assert_eq!(
        codes_where(&forward, |k| matches!(k, ChangeKind::Reworded { .. })),
        codes_where(&backward, |k| matches!(k, ChangeKind::Reworded { .. }))
    );
}

#[test]
fn a_catalog_against_itself_is_empty() {
    for source in common::manifest().sources {
        let (catalog, _) = common::seed(&source.id);
        let report = report(&catalog, &catalog);
        assert!(report.is_empty(), "{}", source.id);
        assert_eq!(report.level(), None);
    }
}

#[test]
fn json_reports_follow_the_documented_schema() {
    let schema_text = include_str!("../src/diff-report.schema.json");
    let schema: serde_json::Value = serde_json::from_str(schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diffs");
    let mut reports: Vec<Report> = std::fs::read_dir(&dir)
        .expect("cases")
        .map(|entry| case(&entry.expect("entry").file_name().to_string_lossy()))
        .collect();
    let (old, new) = legacy_and_current();
    reports.push(report(&old, &new));
    for report in reports {
        let value: serde_json::Value = serde_json::from_str(&render_json(&report)).expect("json");
        let errors: Vec<String> = validator.iter_errors(&value).map(|error| error.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    let broken =
        serde_json::json!({"schema": "errcat-diff/v1", "level": "huge", "bump": "none", "counts": {}, "catalogs": []});
    assert!(!validator.is_valid(&broken));
}

/// Page text reaches a terminal through the text report: escape sequences
/// and bell characters in it are shown, never sent raw.
#[test]
fn the_text_report_shows_terminal_controls_instead_of_sending_them() {
    let old = common::ingest_str(
        "# T\n\n## \u{1b}[2JGroup\n\n| Code | Message |\n|---|---|\n| 1001 | Old. |\n| 1002 | Gone \u{7}. |\n",
    );
    let new = common::ingest_str(
        "# T\n\n## \u{1b}[2JGroup\n\n| Code | Message |\n|---|---|\n| 1001 | New \u{1b}]0;T\u{7}\u{1b}[2J. |\n",
    );
    let report = report(&old, &new);
    for color in [false, true] {
        let text = render_text(&report, Style { color });
        let raw: Vec<char> = text.chars().filter(|c| *c == '\u{7}' || *c == '\u{1b}').collect();
        if color {
            // The report's own colours are its only escape sequences.
            assert!(!text.contains("\u{1b}]0;") && !text.contains("\u{7}") && !text.contains("\u{1b}[2J"), "{text:?}");
        } else {
            assert!(raw.is_empty(), "{text:?}");
        }
        assert!(text.contains("⟨U+001B⟩]0;T⟨U+0007⟩⟨U+001B⟩[2J"), "{text}");
        assert!(text.contains("Gone ⟨U+0007⟩."), "{text}");
        assert!(text.contains("⟨U+001B⟩[2JGroup"), "{text}");
    }
}
