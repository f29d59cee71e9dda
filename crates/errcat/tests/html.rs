//! HTML pages: the same document as markdown and as HTML gives the same
//! catalog (each seed rendered to HTML by pulldown-cmark), and HTML-only
//! structure (colspan, rowspan, chrome, layout tables) reads as documented.

mod common;

use errcat::catalog::Catalog;
use errcat::diagnostic::DiagnosticKind;
use pulldown_cmark::{Options, Parser, html::push_html};

/// Line numbers and the source checksum differ between the two renderings
/// by nature; everything else must be equal.
fn without_positions(mut catalog: Catalog) -> Catalog {
    catalog.source.sha256.clear();
    catalog.source.file.clear();
    for group in &mut catalog.groups {
        for entry in &mut group.entries {
            entry.lines.clear();
            for variant in &mut entry.variants {
                variant.lines.clear();
            }
        }
    }
    catalog
}

#[test]
fn every_seed_gives_the_same_catalog_as_markdown_and_as_html() {
    let root = common::workspace_root().join("docs-src");
    for source in common::manifest().sources {
        let markdown = std::fs::read_to_string(root.join(&source.file)).expect("seed");
        // The broken-row repair is part of reading markdown: render the
        // repaired document, as the site would have shown the intended table.
        let mut html = String::new();
        push_html(&mut html, Parser::new_ext(&errcat::read::markdown::repair(&markdown), Options::ENABLE_TABLES));
        let page = format!("<!DOCTYPE html>\n<html><head></head><body>\n{html}</body></html>\n");
        let html_name = format!("{}.html", source.file);
        let read = |path: &str| -> std::io::Result<Option<Vec<u8>>> {
            if path == html_name {
                Ok(Some(page.clone().into_bytes()))
            } else {
                errcat::project::read_from_dir(&root)(path)
            }
        };
        let mut html_source = source.clone();
        html_source.file = html_name.clone();
        let from_html = errcat::project::load_source(&html_source, &read).expect("loads");
        let (from_markdown, _) = common::seed(&source.id);
        assert_eq!(
            without_positions(from_html.catalog),
            without_positions(from_markdown),
            "{}: the HTML rendering reads differently",
            source.id
        );
        let damage = |diagnostics: &[errcat::diagnostic::Diagnostic]| {
            diagnostics.iter().filter(|d| d.kind == DiagnosticKind::MdxDamage).count()
        };
        assert_eq!(damage(&from_html.diagnostics), damage(&common::seed(&source.id).1), "{}", source.id);
    }
}

#[test]
fn an_html_page_with_colspan_a_decoy_layout_table_and_script_chrome() {
    let (catalog, diagnostics) =
        common::test_page(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/html-page.html"));
    let codes: Vec<i64> = catalog.entries().filter_map(|(_, entry)| entry.code.as_int()).collect();
    assert_eq!(codes, [1001, 1002, 1003, 2001, 2002]);
    let entry =
        |code: i64| catalog.entries().find(|(_, e)| e.code.as_int() == Some(code)).map(|(_, e)| e).expect("entry");
    assert_eq!(entry(1001).message.as_deref(), Some("Invalid parameter & value."));
    assert_eq!(entry(1002).message.as_deref(), Some("Request timed out."), "colspan text is recorded once");
    assert_eq!(entry(1002).solution, None);
    assert_eq!(entry(1003).solution.as_deref(), Some("Retry later."));
    assert_eq!(entry(2001).solution.as_deref(), Some("Check the token."), "rowspan applies to each covered row");
    assert_eq!(entry(2002).solution.as_deref(), Some("Check the token."));
    assert_eq!(catalog.groups.iter().map(|g| g.title.as_str()).collect::<Vec<_>>(), ["Common errors", "Room errors"]);
    assert_eq!(catalog.notes, ["Codes may be added at any time."]);
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::SpanApplied && d.line == 36));
    assert!(diagnostics.iter().all(|d| d.severity() != errcat::diagnostic::Severity::Error), "{diagnostics:?}");
    let lines: Vec<u32> = catalog.entries().map(|(_, e)| e.lines[0]).collect();
    assert_eq!(lines, [26, 27, 28, 36, 37]);
}

#[test]
fn a_diagnostic_on_a_minified_page_has_a_column_and_shows_the_cell() {
    let chrome = "<nav>".to_owned() + &"<a href=\"/x\">menu</a>".repeat(40) + "</nav>";
    let page = format!(
        "<html><head><title>Codes</title></head><body>{chrome}<table><tr><th>Code</th><th>Message</th></tr>\
         <tr><td>1</td><td>One.</td></tr><tr><td>12x</td><td>Broken.</td></tr></table></body></html>\n"
    );
    let identity = errcat::CatalogIdentity { id: "min".to_owned(), locale: "en".to_owned(), ..Default::default() };
    let (catalog, diagnostics) = errcat::ingest(
        &errcat::Page::new(page.as_bytes(), "min.html", "min.html"),
        &identity,
        &Default::default(),
        &Default::default(),
    );
    assert_eq!(catalog.entries().count(), 1);
    let invalid = diagnostics.iter().find(|d| d.kind == DiagnosticKind::InvalidCode).expect("invalid code");
    let column = page.find("<tr><td>12x").expect("row") + 1;
    assert_eq!((invalid.line, invalid.column as usize), (1, column));
    let rendered = errcat::diagnostic::render_all([invalid], Some(&page), false).remove(0);
    assert!(rendered.contains("min.html:1:"), "{rendered}");
    assert!(rendered.contains("<td>12x</td>"), "the cell is shown: {rendered}");
    assert!(!rendered.contains("<title>"), "the page chrome is not: {rendered}");
}
