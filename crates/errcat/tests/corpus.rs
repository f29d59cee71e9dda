//! The corpus of real error-code pages (`tests/corpus/`): pages of many
//! vendors, saved byte for byte, each with hand-written expected rows
//! (`<slug>.expected.yaml`, transcribed from the page itself). Every page is
//! read with no settings at all, as a new user would read it, and must give
//! every expected row exactly, yield entries, and match its snapshot.

mod common;

use errcat::catalog::{Catalog, Entry, Group, Variant};
use errcat::code::Code;
use errcat::diagnostic::{Diagnostic, Severity};
use errcat::lower::SourceSettings;
use errcat::{CatalogIdentity, Page};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `rows_on_page` is read by `cargo xtask corpus`.
struct Expected {
    source: Source,
    rows_on_page: usize,
    rows: Vec<Row>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Source {
    repo: String,
    path: String,
    commit: String,
    vendor: String,
    format: String,
    locale: String,
    hard: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    /// An integer, or a string code.
    code: Code,
    literal: Option<String>,
    section: Option<String>,
    name: Option<String>,
    message: Option<String>,
    message_contains: Option<String>,
    cause_contains: Option<String>,
    solution_contains: Option<String>,
    /// A part of one of the entry's notes.
    notes_contain: Option<String>,
    #[serde(default)]
    attributes_contain: BTreeMap<String, String>,
}

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
        let expected: Expected =
            serde_saphyr::from_str(&text).unwrap_or_else(|error| panic!("{name}: invalid expected rows: {error}"));
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

/// True when a group's title is the section or ends with it (`Parent /
/// Section`, or `Section / Module` for a group split by a column).
fn in_section(group: &Group, section: &str) -> bool {
    group.title == section
        || group.title.ends_with(&format!(" / {section}"))
        || group.title.starts_with(&format!("{section} / "))
        || group.title.contains(&format!(" / {section} / "))
}

/// Text as a reader sees it: `[label](url)` links show their label and
/// code spans their code, without backticks.
fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| after[close + 2..].find(')').map(|end| (close, close + 2 + end))) {
            Some((close, end)) if !after[..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('`', "")
}

/// What differs between an expected row and the catalog, if anything.
fn check_row(catalog: &Catalog, row: &Row) -> Result<(), String> {
    let candidates: Vec<(&Group, &Entry)> = catalog
        .entries()
        .filter(|(group, entry)| {
            entry.code == row.code && row.section.as_deref().is_none_or(|section| in_section(group, section))
        })
        .collect();
    // A code in several groups (a module column) passes when one matches.
    if candidates.len() > 1 {
        let mut first_problem = None;
        for (group, entry) in &candidates {
            match check_entry(group, entry, row) {
                Ok(()) => return Ok(()),
                Err(problem) => {
                    first_problem.get_or_insert(problem);
                }
            }
        }
        return Err(first_problem.unwrap_or_default());
    }
    let Some((group, entry)) = candidates.first() else {
        let groups: Vec<&str> = catalog
            .entries()
            .filter(|(_, entry)| entry.code == row.code)
            .map(|(group, _)| group.title.as_str())
            .collect();
        return Err(format!("code {} not found (in sections {groups:?})", row.code));
    };
    check_entry(group, entry, row)
}

/// What differs between an expected row and one entry.
fn check_entry(_group: &Group, entry: &Entry, row: &Row) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut check = |what: &str, ok: bool, got: &dyn std::fmt::Debug| {
        if !ok {
            problems.push(format!("{what}: got {got:?}"));
        }
    };
    let all_text = |entry: &Entry, field: fn(&Entry) -> Option<&String>| -> String {
        let mut text = field(entry).cloned().unwrap_or_default();
        for variant in &entry.variants {
            text.push('\n');
            text.push_str(variant.message.as_deref().unwrap_or_default());
        }
        text
    };
    if let Some(literal) = &row.literal {
        check(&format!("literal {literal:?}"), entry.literal.as_ref() == Some(literal), &entry.literal);
    }
    if let Some(name) = &row.name {
        // A code documented twice keeps the other row's name in its variant.
        let ok = entry.doc_name.as_ref() == Some(name)
            || entry.variants.iter().any(|variant| variant.doc_name.as_ref() == Some(name));
        check(&format!("name {name:?}"), ok, &entry.doc_name);
    }
    if let Some(message) = &row.message {
        // A code documented twice keeps its other meaning as a variant.
        let seen = |text: &Option<String>| text.as_deref().map(visible);
        let ok = seen(&entry.message) == Some(visible(message))
            || entry.variants.iter().any(|variant| seen(&variant.message) == Some(visible(message)));
        check(&format!("message {message:?}"), ok, &entry.message);
    }
    if let Some(part) = &row.message_contains {
        let text = all_text(entry, |e| e.message.as_ref());
        check(&format!("message containing {part:?}"), visible(&text).contains(&visible(part)), &entry.message);
    }
    // A code documented twice keeps the other row's texts as a variant.
    let in_entry_or_variant =
        |part: &str, field: fn(&Entry) -> Option<&str>, of_variant: fn(&Variant) -> Option<&str>| {
            let part = visible(part);
            field(entry).is_some_and(|text| visible(text).contains(&part))
                || entry
                    .variants
                    .iter()
                    .any(|variant| of_variant(variant).is_some_and(|text| visible(text).contains(&part)))
        };
    if let Some(part) = &row.cause_contains {
        let ok = in_entry_or_variant(part, |e| e.cause.as_deref(), |v| v.cause.as_deref());
        check(&format!("cause containing {part:?}"), ok, &entry.cause);
    }
    if let Some(part) = &row.solution_contains {
        let ok = in_entry_or_variant(part, |e| e.solution.as_deref(), |v| v.solution.as_deref());
        check(&format!("solution containing {part:?}"), ok, &entry.solution);
    }
    if let Some(part) = &row.notes_contain {
        let ok = entry.notes.iter().any(|note| visible(note).contains(part.as_str()));
        check(&format!("notes containing {part:?}"), ok, &entry.notes);
    }
    for (key, value) in &row.attributes_contain {
        // A code documented twice keeps the other row's attributes too.
        let ok = std::iter::once(&entry.attributes)
            .chain(entry.variants.iter().map(|variant| &variant.attributes))
            .flatten()
            .any(|(k, v)| k.contains(key.as_str()) && visible(v).contains(value.as_str()));
        check(&format!("attribute {key:?} containing {value:?}"), ok, &entry.attributes);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("code {} (lines {:?}): {}", row.code, entry.lines, problems.join("; ")))
    }
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
        if path.file_name().is_some_and(|name| name == "SOURCES.md") {
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
