//! Hostile and broken input: every case gets a clear diagnostic with file
//! and line, never a panic. One input file under `tests/hostile/` and one
//! snapshot of its diagnostics and codes per case; inputs too large to
//! commit are generated here.

mod common;

use errcat::code::Code;
use errcat::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use errcat::lower::SourceSettings;
use errcat::names::NameBook;
use errcat::{CatalogIdentity, Page};

fn ingest(bytes: &[u8], path: &str) -> (errcat::catalog::Catalog, Vec<Diagnostic>) {
    let identity = CatalogIdentity { id: "hostile".to_owned(), locale: "und".to_owned(), ..CatalogIdentity::default() };
    errcat::ingest(&Page::new(bytes, path, path), &identity, &SourceSettings::default(), &NameBook::default())
}

fn summary(catalog: &errcat::catalog::Catalog, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("# diagnostics\n");
    for diagnostic in diagnostics.iter().filter(|d| d.kind != DiagnosticKind::FallbackName) {
        out.push_str(&diagnostic.to_short_string());
        out.push('\n');
    }
    out.push_str("# entries\n");
    for (group, entry) in catalog.entries() {
        out.push_str(&format!("{} | {} | {:?}\n", group.title, entry.code, entry.message));
    }
    for group in &catalog.groups {
        for range in &group.ranges {
            out.push_str(&format!("{} | range {}..={} | {:?}\n", group.title, range.from, range.to, range.message));
        }
    }
    out
}

#[test]
fn every_hostile_input_has_diagnostics_not_a_panic() {
    insta::glob!("hostile/*", |path| {
        let bytes = std::fs::read(path).expect("case");
        let name = path.file_name().and_then(|name| name.to_str()).expect("name");
        let (catalog, diagnostics) = ingest(&bytes, &format!("tests/hostile/{name}"));
        for diagnostic in &diagnostics {
            assert!(diagnostic.file.ends_with(name), "{diagnostic:?}");
        }
        insta::assert_snapshot!(summary(&catalog, &diagnostics));
    });
}

#[test]
fn specific_expectations_of_the_hostile_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let case = |name: &str| ingest(&std::fs::read(dir.join(name)).expect("case"), name);
    let kinds = |diagnostics: &[Diagnostic]| diagnostics.iter().map(|d| (d.kind, d.line)).collect::<Vec<_>>();

    let (catalog, _) = case("bom-crlf.md");
    assert_eq!(
        catalog.entries().map(|(_, e)| e.message.clone().unwrap_or_default()).collect::<Vec<_>>(),
        ["One.", "Two."]
    );
    let (catalog, diagnostics) = case("invalid-utf8.md");
    assert!(kinds(&diagnostics).contains(&(DiagnosticKind::InvalidUtf8, 5)));
    assert_eq!(catalog.entries().count(), 2, "the rest of the page is still read");
    assert!(kinds(&case("empty.md").1).contains(&(DiagnosticKind::NoTables, 0)));
    assert!(kinds(&case("no-code-column.md").1).contains(&(DiagnosticKind::NotACodeTable, 3)));
    assert!(kinds(&case("header-only.md").1).contains(&(DiagnosticKind::EmptyTable, 3)));
    assert!(kinds(&case("ragged-rows.md").1).contains(&(DiagnosticKind::ExtraCellsJoined, 5)));
    let (catalog, diagnostics) = case("codes.md");
    let codes: Vec<Code> = catalog.entries().map(|(_, e)| e.code.clone()).collect();
    assert_eq!(codes, [4096, -5, i64::MIN].map(Code::new));
    let invalid: Vec<u32> =
        diagnostics.iter().filter(|d| d.kind == DiagnosticKind::InvalidCode).map(|d| d.line).collect();
    assert_eq!(invalid, [5, 6, 10]);
    let (catalog, diagnostics) = case("ranges.md");
    assert_eq!(catalog.entries().count(), 1, "a range is not expanded");
    let range = &catalog.groups[0].ranges[0];
    assert_eq!(
        (&range.from, &range.to, range.message.as_deref()),
        (&Code::new(120001), &Code::new(130000), Some("Reserved for plug-ins."))
    );
    assert!(kinds(&diagnostics).contains(&(DiagnosticKind::InvalidCode, 7)), "a backwards range is an error");
    let (catalog, _) = case("unterminated.html");
    assert_eq!(catalog.entries().map(|(_, e)| e.code.clone()).collect::<Vec<_>>(), [1, 2].map(Code::new));
    let (catalog, _) = case("escaped-markup.html");
    assert_eq!(
        catalog.entries().map(|(_, e)| e.code.clone()).collect::<Vec<_>>(),
        [Code::new(1)],
        "no data from attributes or text"
    );
}

#[test]
fn a_50_megabyte_cell_is_read() {
    let cell = "错".repeat(50 * 1024 * 1024 / 3);
    let page = format!("| Code | Message |\n|---|---|\n| 1 | {cell} |\n| 2 | Two. |\n");
    let (catalog, diagnostics) = ingest(page.as_bytes(), "huge.md");
    assert!(diagnostics.iter().all(|d| d.severity() != Severity::Error));
    let lengths: Vec<usize> = catalog.entries().map(|(_, e)| e.message.as_ref().map_or(0, String::len)).collect();
    assert_eq!(lengths, [cell.len(), 4]);
}

#[test]
fn ten_thousand_columns_are_read_and_kept_as_attributes() {
    let mut header = String::from("| Code | Message |");
    let mut rule = String::from("|---|---|");
    let mut row = String::from("| 1 | One. |");
    for index in 0..10_000 {
        header.push_str(&format!(" Extra {index} |"));
        rule.push_str("---|");
        row.push_str(&format!(" x{index} |"));
    }
    let page = format!("{header}\n{rule}\n{row}\n");
    let (catalog, diagnostics) = ingest(page.as_bytes(), "wide.md");
    assert_eq!(catalog.entries().count(), 1);
    assert!(diagnostics.iter().all(|d| d.severity() != Severity::Error));
    let (_, entry) = catalog.entries().next().expect("entry");
    assert_eq!(entry.attributes.len(), 10_000);
    assert_eq!(entry.attributes["Extra 9999"], "x9999");
}

#[test]
fn deep_nesting_is_bounded_in_markdown_and_html() {
    let quotes = format!("{} deep\n\n| Code | Message |\n|---|---|\n| 1 | One. |\n", ">".repeat(100_000));
    let (catalog, _) = ingest(quotes.as_bytes(), "quotes.md");
    assert_eq!(catalog.entries().count(), 1);
    let lists = format!("{}x\n\n| Code | Message |\n|---|---|\n| 1 | One. |\n", "- ".repeat(50_000));
    let (catalog, _) = ingest(lists.as_bytes(), "lists.md");
    assert_eq!(catalog.entries().count(), 1);
    let divs = format!("{}<p>x</p>{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    let (_, diagnostics) = ingest(divs.as_bytes(), "divs.html");
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::UnreadableHtml && d.severity() == Severity::Error));
    let brackets = format!("| Code | Message |\n|---|---|\n| 1 | {}x{} |\n", "[".repeat(100_000), "](u)".repeat(1000));
    let (catalog, _) = ingest(brackets.as_bytes(), "brackets.md");
    assert_eq!(catalog.entries().count(), 1);
}
