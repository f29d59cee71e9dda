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

/// The page at `path` with its editions: each sibling `<stem>.<locale>.md`
/// (`old.en.md` beside `old.md`) joins it as the texts of that locale.
fn page(path: &Path) -> Catalog {
    let mut catalog = common::test_page(path).0;
    let stem = path.file_stem().and_then(|stem| stem.to_str()).expect("stem");
    let mut editions: Vec<(String, std::path::PathBuf)> = std::fs::read_dir(path.parent().expect("case directory"))
        .expect("case directory")
        .map(|entry| entry.expect("entry").path())
        .filter_map(|sibling| {
            let name = sibling.file_name()?.to_str()?.to_owned();
            let locale = name.strip_prefix(&format!("{stem}."))?.strip_suffix(".md")?.to_owned();
            Some((locale, sibling))
        })
        .collect();
    editions.sort();
    for (locale, edition) in editions {
        catalog = errcat::editions::merge(catalog, &common::test_page(&edition).0, &locale);
    }
    catalog
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

/// The codes whose changes of this JSON `kind` the report lists.
fn codes_of_kind(report: &Report, kind: &str) -> Vec<i64> {
    let value: serde_json::Value = serde_json::from_str(&render_json(report)).expect("json");
    let mut codes: Vec<i64> = value["catalogs"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|catalog| catalog["groups"].as_array().into_iter().flatten())
        .flat_map(|group| group["changes"].as_array().into_iter().flatten())
        .filter(|change| change["kind"] == kind)
        .filter_map(|change| change["code"].as_i64())
        .collect();
    codes.dedup();
    codes
}

/// A translation added, changed or gone is a change of its own kind,
/// counted apart from re-wordings of the primary text, and a patch.
#[test]
fn translations_are_their_own_kind_of_change() {
    // (case, re-worded codes, translated codes)
    let cases: [(&str, &[i64], &[i64]); 3] = [
        ("translation-added", &[], &[1001, 1002]),
        ("translation-changed", &[], &[1001, 1002, 1003]),
        ("translated-page-reworded", &[1001], &[]),
    ];
    for (name, reworded, translated) in cases {
        let report = case(name);
        assert_eq!(codes_of_kind(&report, "reworded"), reworded, "{name}");
        assert_eq!(codes_of_kind(&report, "translated"), translated, "{name}");
        assert_eq!(report.level(), Some(Level::Patch), "{name}");
        let value: serde_json::Value = serde_json::from_str(&render_json(&report)).expect("json");
        assert_eq!(value["counts"]["reworded"], reworded.len(), "{name}");
        assert_eq!(value["counts"]["translated"], translated.len(), "{name}");
        let text = render_text(&report, Style { color: false });
        let summary = format!(
            "0 added, 0 removed, 0 renamed, 0 reused, 0 name(s) moved, {} re-worded, {} translated; overall: patch",
            reworded.len(),
            translated.len()
        );
        assert!(text.contains(&summary), "{name}: {text}");
        assert!(render_markdown(&report).contains(&summary), "{name}");
    }
}

/// The server return codes before and after their English edition joined
/// them: the catalog's own texts did not change, all 143 codes gained a
/// translation.
#[test]
fn a_catalog_that_only_gains_its_edition_is_translated_not_reworded() {
    let (current, _) = common::seed("zego-server-return-codes");
    let mut before = current.clone();
    before.editions.clear();
    for group in &mut before.groups {
        group.titles.clear();
        for entry in &mut group.entries {
            entry.translations.clear();
        }
    }
    let report = report(&before, &current);
    let counts = report.counts();
    assert_eq!((counts.reworded, counts.translated), (0, 143), "{counts:?}");
    assert_eq!(report.level(), Some(Level::Patch));
    assert!(render_markdown(&report).contains("0 re-worded, 143 translated; overall: patch"));
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
    // texts are all new, each a translation of locale `en`; the hand check
    // is of the Chinese texts.
    assert_eq!(codes_where(&report, |k| matches!(k, ChangeKind::Reworded { .. })), HAND_REWORDED);
    let english = codes_where(&report, |k| matches!(k, ChangeKind::Translated { locale, .. } if locale == "en"));
    let mut kept: Vec<i64> = new.groups[0]
        .entries
        .iter()
        .filter_map(|entry| entry.code.as_int())
        .filter(|code| !HAND_ADDED.contains(code))
        .collect();
    kept.sort_unstable();
    assert_eq!(english, kept, "every code of both versions gains its English text");
    let everything_else = codes_where(&report, |k| {
        !matches!(
            k,
            ChangeKind::Added { .. }
                | ChangeKind::Removed { .. }
                | ChangeKind::Reworded { .. }
                | ChangeKind::Translated { .. }
        )
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
    // 9 codes changed their Chinese text; all 35 codes on both pages gained
    // English text: counted apart.
    let summary =
        "7 added, 12 removed, 0 renamed, 0 reused, 0 name(s) moved, 9 re-worded, 35 translated; overall: breaking";
    assert!(render_text(&report, Style { color: false }).contains(summary));
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
    for kind in [
        |k: &ChangeKind| matches!(k, ChangeKind::Reworded { .. }),
        |k: &ChangeKind| matches!(k, ChangeKind::Translated { .. }),
    ] {
        assert_eq!(codes_where(&forward, kind), codes_where(&backward, kind));
    }
    assert_eq!(backward.counts().translated, forward.counts().translated, "a translation gone counts as one");
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
    // A translation names its locale; a re-wording is of the primary text.
    let counts = serde_json::json!({"added": 0, "removed": 0, "renamed": 0, "reused": 0, "moved": 0, "reworded": 1, "translated": 1});
    for change in [
        serde_json::json!({"code": 1, "level": "patch", "kind": "translated", "field": "message", "diff": []}),
        serde_json::json!({"code": 1, "level": "patch", "kind": "reworded", "locale": "en", "field": "message", "diff": []}),
    ] {
        let report = serde_json::json!({"schema": "errcat-diff/v1", "level": "patch", "bump": "patch", "counts": counts,
            "catalogs": [{"id": "x", "old": "a", "new": "b", "groups": [{"title": "t", "name": "T", "status": "changed", "changes": [change]}]}]});
        assert!(!validator.is_valid(&report), "{report}");
    }
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
