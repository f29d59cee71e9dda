//! Reading a large page in sections on every core gives exactly what
//! reading it at once gives: every real page of the corpus, every seed and
//! every test page is cut at each of its safe places (up to 40 per page)
//! and read in two parts, and a synthetic page in several; documents and
//! diagnostics (in line order) must be equal.

#[path = "../benches/synthetic.rs"]
mod synthetic;

use errcat::diagnostic::Diagnostic;
use errcat::raw::RawDoc;
use errcat::read::markdown::{read, read_parts, safe_cuts};
use errcat::read::{ReadOptions, read_fragment};
use std::path::{Path, PathBuf};

fn at_once(text: &str) -> (RawDoc, Vec<Diagnostic>) {
    let (doc, mut diagnostics) = read(text, "page.md", &ReadOptions::default(), &read_fragment);
    diagnostics.sort_by_key(|diagnostic| diagnostic.line);
    (doc, diagnostics)
}

fn in_parts(text: &str, bounds: &[usize]) -> (RawDoc, Vec<Diagnostic>) {
    let (doc, mut diagnostics) = read_parts(text, "page.md", &ReadOptions::default(), &read_fragment, bounds);
    diagnostics.sort_by_key(|diagnostic| diagnostic.line);
    (doc, diagnostics)
}

fn markdown_pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [root.join("tests/corpus"), root.join("tests/pages"), root.join("../../docs-src")] {
        for entry in std::fs::read_dir(&dir).expect("page folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|ext| ext == "md" || ext == "mdx") && !path.ends_with("SOURCES.md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

#[test]
fn every_real_page_reads_the_same_cut_at_any_safe_place() {
    let mut cut_pages = 0;
    for path in markdown_pages() {
        let text = std::fs::read_to_string(&path).expect("page");
        let whole = at_once(&text);
        let cuts = safe_cuts(&text);
        cut_pages += usize::from(!cuts.is_empty());
        for cut in cuts.iter().take(40) {
            let parts = in_parts(&text, &[0, *cut, text.len()]);
            assert!(parts == whole, "{} cut at byte {cut} reads differently", path.display());
        }
    }
    assert!(cut_pages >= 10, "only {cut_pages} pages have safe places to cut");
}

#[test]
fn a_large_page_reads_the_same_in_many_parts() {
    let text = synthetic::page(3_000);
    let cuts = safe_cuts(&text);
    assert!(cuts.len() >= 20, "{} safe places", cuts.len());
    let mut bounds: Vec<usize> = std::iter::once(0).chain(cuts.iter().copied().step_by(7)).collect();
    bounds.push(text.len());
    assert!(in_parts(&text, &bounds) == at_once(&text));
}

#[test]
fn places_inside_blocks_are_not_safe() {
    let text = "# A\n\n```\n\n# not a heading\n```\n\n<Note>\n\n# inside a note\n\n</Note>\n\n<!--\n\n# commented\n-->\n\n# B\n\ntext\n";
    let cuts = safe_cuts(text);
    assert_eq!(cuts, vec![text.find("# B").expect("B")]);
    let with_reference = "# A\n\n[x]: https://example.com\n\n# B\n";
    assert!(safe_cuts(with_reference).is_empty());
    let front = "---\ntitle: T\n\n# yaml comment\n---\n\n# A\n\n# B\n";
    assert_eq!(safe_cuts(front), vec![front.find("# A").expect("A"), front.find("# B").expect("B")]);
}

#[test]
fn a_page_over_the_section_size_reads_the_same_as_at_once() {
    // Over a megabyte: read in sections of about 256 KB on every core.
    let text = synthetic::page(5_000);
    assert!(text.len() > errcat::read::markdown::SECTIONED_BYTES, "{} bytes", text.len());
    let (doc, mut diagnostics) = errcat::read::read_markdown(&text, "page.md", &ReadOptions::default());
    diagnostics.sort_by_key(|diagnostic| diagnostic.line);
    let whole = at_once(&text);
    assert_eq!(doc.tables.len(), whole.0.tables.len());
    assert!((doc, diagnostics) == whole, "the page read in sections differs from the page read at once");
}
