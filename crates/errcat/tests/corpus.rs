//! The corpus of real error-code pages (`tests/corpus/`): pages of many
//! vendors, saved byte for byte, each with hand-written expected rows
//! (`<slug>.expected.yaml`, transcribed from the page itself). Every page is
//! read with no settings at all, as a new user would read it, and must give
//! every expected row exactly, yield entries, and match its snapshot.

mod common;

use errcat::catalog::Catalog;
use errcat::diagnostic::{Diagnostic, Severity};
use errcat::expected::{Expected, check_row};
use errcat::lower::SourceSettings;
use errcat::{CatalogIdentity, Page};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every corpus page: its path and its expected rows.
fn pages() -> Vec<(PathBuf, Expected)> {
    let mut pages = Vec::new();
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(corpus_dir()).expect("corpus dir").map(|entry| entry.expect("entry").path()).collect();
    files.sort();
    for file in &files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(slug) = name.strip_suffix(".expected.yaml") else { continue };
        let text = std::fs::read_to_string(file).expect("expected file");
        let expected = Expected::parse(&text).unwrap_or_else(|error| panic!("{name}: invalid expected rows: {error}"));
        let page = files
            .iter()
            .find(|candidate| {
                let candidate = candidate.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                candidate.starts_with(&format!("{slug}.")) && !candidate.ends_with(".expected.yaml")
            })
            .unwrap_or_else(|| panic!("{name}: no page `{slug}.*` beside it"));
        pages.push((page.clone(), expected));
    }
    pages
}

fn ingest(path: &Path, locale: &str) -> (Catalog, Vec<Diagnostic>) {
    let bytes = std::fs::read(path).expect("page");
    let name = path.file_name().and_then(|n| n.to_str()).expect("name");
    let slug = name.split('.').next().expect("slug");
    let shown = format!("tests/corpus/{name}");
    let identity = CatalogIdentity { id: slug.to_owned(), locale: locale.to_owned(), ..CatalogIdentity::default() };
    let (catalog, diagnostics) = errcat::ingest(
        &Page::new(&bytes, &shown, &shown),
        &identity,
        &SourceSettings::default(),
        &errcat::names::NameBook::default(),
    );
    // As `errcat ingest` without a lockfile: fallback names are one line.
    (catalog, errcat::names::summarize_fallbacks(diagnostics, &shown, errcat::names::CURATE_WITH_NAMES))
}

#[test]
fn the_corpus_is_large_and_varied_enough() {
    let pages = pages();
    let vendors: std::collections::BTreeSet<&str> = pages.iter().map(|(_, e)| e.source.vendor.as_str()).collect();
    assert!(pages.len() >= 20, "{} corpus pages; at least 20 are required", pages.len());
    assert!(vendors.len() >= 10, "{} vendors; at least 10 are required: {vendors:?}", vendors.len());
    let sources = std::fs::read_to_string(corpus_dir().join("SOURCES.md")).expect("SOURCES.md");
    for (path, expected) in &pages {
        let name = path.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(sources.contains(name), "SOURCES.md does not list {name}");
        assert!(expected.rows.len() >= 5, "{name}: at least 5 expected rows");
        assert!(expected.source.commit.len() == 40, "{name}: the commit is 40 hex digits");
    }
}

#[test]
fn every_expected_row_of_every_corpus_page_is_read_exactly() {
    let mut failures = Vec::new();
    for (path, expected) in pages() {
        let (catalog, diagnostics) = ingest(&path, &expected.source.locale);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let entries = catalog.entries().count();
        let errors = diagnostics.iter().any(|d| d.severity() == Severity::Error);
        if entries == 0 && !errors {
            failures.push(format!("{name}: no entries and no error (a silent empty catalog)"));
        }
        for row in &expected.rows {
            if let Err(problem) = check_row(&catalog, row) {
                failures.push(format!("{name}: {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} expected row(s) not read exactly:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_corpus_page_matches_its_snapshot() {
    let pages = pages();
    insta::glob!("corpus/*.{md,mdx,html,htm}", |path| {
        if path.file_name().is_some_and(|name| name == "SOURCES.md" || name == "BATCHES.md") {
            return;
        }
        let locale = pages
            .iter()
            .find(|(page, _)| page == path)
            .map_or_else(|| "und".to_owned(), |(_, expected)| expected.source.locale.clone());
        let (catalog, diagnostics) = ingest(path, &locale);
        insta::assert_snapshot!(common::snapshot_text(&catalog, &diagnostics));
    });
}

/// A way out when reading is wrong: blind-batch pages whose form errcat
/// does not read by itself give every documented row, and every expected
/// row exactly, with one line of settings (`line_pattern:`).
#[test]
fn pages_of_unread_forms_are_read_with_one_line_of_settings() {
    let cases = [
        ("batch-03/en-nelliel-error-reference", "md", r"Error (?P<code>\d+): (?P<message>.+)", 170),
        ("batch-01/en-weird-rtos-errors", "md", r"(?P<name>[A-Z_]+)\s+(?P<code>-?\d+)", 26),
        ("batch-01/en-acs-error-codes", "md", r"Error code: (?P<code>\d+) \((?P<message>.+)\)", 60),
    ];
    for (slug, extension, pattern, rows) in cases {
        let dir = corpus_dir().join("batches");
        let expected = std::fs::read_to_string(dir.join(format!("{slug}.expected.yaml"))).expect("expected rows");
        let expected = Expected::parse(&expected).expect("valid expected rows");
        assert_eq!(expected.rows_on_page, rows, "{slug}");
        let bytes = std::fs::read(dir.join(format!("{slug}.{extension}"))).expect("page");
        let settings = SourceSettings { line_pattern: Some(pattern.to_owned()), ..SourceSettings::default() };
        let identity = CatalogIdentity { id: "page".to_owned(), locale: "en".to_owned(), ..CatalogIdentity::default() };
        let (catalog, diagnostics) =
            errcat::ingest(&Page::new(&bytes, slug, slug), &identity, &settings, &errcat::names::NameBook::default());
        assert!(diagnostics.iter().all(|d| d.severity() != Severity::Error), "{slug}: {diagnostics:?}");
        assert_eq!(catalog.entries().count(), rows, "{slug}");
        for row in &expected.rows {
            if let Err(problem) = check_row(&catalog, row) {
                panic!("{slug}: {problem}");
            }
        }
    }
}

/// A way out when errcat and a page's reader disagree on which column is
/// the message: blind-batch pages read otherwise than their expected rows
/// are read exactly with at most five lines of settings (and are not
/// without them).
#[test]
fn pages_read_otherwise_are_read_exactly_with_a_few_lines_of_settings() {
    let cases = [
        ("batch-06/zh-nullcraft-easyddns-errorcode", "md", "zh", "columns:\n  错误信息: attribute\n  描述: message\n"),
        ("batch-06/ht-workplus-error-code", "html", "zh", "columns:\n  message: attribute\n  说明: message\n"),
    ];
    for (slug, extension, locale, settings) in cases {
        assert!(settings.lines().count() <= 5, "{slug}: {settings}");
        let dir = corpus_dir().join("batches");
        let expected = std::fs::read_to_string(dir.join(format!("{slug}.expected.yaml"))).expect("expected rows");
        let expected = Expected::parse(&expected).expect("valid expected rows");
        let bytes = std::fs::read(dir.join(format!("{slug}.{extension}"))).expect("page");
        let identity =
            CatalogIdentity { id: "page".to_owned(), locale: locale.to_owned(), ..CatalogIdentity::default() };
        let read = |settings: &SourceSettings| {
            errcat::ingest(&Page::new(&bytes, slug, slug), &identity, settings, &errcat::names::NameBook::default())
        };
        let (plain, _) = read(&SourceSettings::default());
        assert!(
            expected.rows.iter().any(|row| check_row(&plain, row).is_err()),
            "{slug} reads exactly without settings"
        );
        let settings: SourceSettings = errcat::yaml::from_str(settings).expect("settings");
        let (catalog, diagnostics) = read(&settings);
        assert!(diagnostics.iter().all(|d| d.severity() != Severity::Error), "{slug}: {diagnostics:?}");
        assert_eq!(catalog.entries().count(), expected.rows_on_page, "{slug}");
        for row in &expected.rows {
            if let Err(problem) = check_row(&catalog, row) {
                panic!("{slug}: {problem}");
            }
        }
    }
}

#[test]
fn an_invalid_line_pattern_is_an_error_that_names_it() {
    for (pattern, why) in [("(?P<code>[", "is not a regular expression"), (r"(?P<x>\d+)", "has no `(?P<code>…)` group")]
    {
        let settings = SourceSettings { line_pattern: Some(pattern.to_owned()), ..SourceSettings::default() };
        let identity = CatalogIdentity { id: "page".to_owned(), locale: "en".to_owned(), ..CatalogIdentity::default() };
        let page = "| Code | Message |\n|---|---|\n| 1001 | One. |\n";
        let (catalog, diagnostics) = errcat::ingest(
            &Page::new(page.as_bytes(), "p.md", "p.md"),
            &identity,
            &settings,
            &errcat::names::NameBook::default(),
        );
        let error = diagnostics.iter().find(|d| d.kind.code() == "E0224").expect("E0224");
        assert!(error.message.contains(why) && error.message.contains(pattern), "{}", error.message);
        assert_eq!(catalog.entries().count(), 1, "the rest of the page is still read");
    }
}
