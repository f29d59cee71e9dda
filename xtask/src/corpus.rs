//! `cargo xtask corpus`: how well the reader does on the corpus of real
//! pages (`crates/errcat/tests/corpus/`). Each page is read with no
//! settings, as a new user would; the report gives per page the rows the
//! page documents (counted by hand, from its `.expected.yaml`), the entries
//! read, the entries with a message and the diagnostics by code, then the
//! totals. It checks no expected rows (the corpus test does) and writes
//! nothing.

use anyhow::{Context, Result};
use errcat::diagnostic::Severity;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// One page's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFigures {
    pub page: String,
    pub rows_on_page: usize,
    /// Rows read: distinct codes (entries), their variants (a second row
    /// with another meaning), range rows and catch-all rows.
    pub recovered: usize,
    pub with_message: usize,
    pub errors: usize,
    pub diagnostics: BTreeMap<String, usize>,
}

/// The value of a top-level `key: value` line of a YAML file (enough for
/// the two scalar fields read here, without a YAML model of the file).
fn scalar<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines().find_map(|line| line.strip_prefix(key)?.strip_prefix(':')).map(|value| {
        let value = value.split(" #").next().unwrap_or(value);
        value.trim().trim_matches('"')
    })
}

/// Reads every corpus page and counts.
pub fn figures(root: &Path) -> Result<Vec<PageFigures>> {
    let dir = root.join("crates/errcat/tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for name in names.iter().filter(|name| name.ends_with(".expected.yaml")) {
        let slug = name.trim_end_matches(".expected.yaml");
        let Some(page) = names.iter().find(|n| n.starts_with(&format!("{slug}.")) && !n.ends_with(".expected.yaml"))
        else {
            continue;
        };
        let expected = std::fs::read_to_string(dir.join(name))?;
        let rows_on_page = scalar(&expected, "rows_on_page").and_then(|v| v.parse().ok()).unwrap_or(0);
        let locale = scalar(&expected, "  locale").unwrap_or("und").to_owned();
        let bytes = std::fs::read(dir.join(page))?;
        let shown = format!("tests/corpus/{page}");
        let identity = errcat::CatalogIdentity { id: slug.to_owned(), locale, ..Default::default() };
        let (catalog, diagnostics) = errcat::ingest(
            &errcat::Page::new(&bytes, &shown, &shown),
            &identity,
            &Default::default(),
            &Default::default(),
        );
        let diagnostics = errcat::names::summarize_fallbacks(diagnostics, &shown, errcat::names::CURATE_WITH_NAMES);
        let mut codes = std::collections::BTreeSet::new();
        let mut with_message = 0;
        let mut variants = 0;
        for (group, entry) in catalog.entries() {
            codes.insert((group.title.clone(), entry.code.clone()));
            // A code documented twice with two meanings keeps the second
            // row as a variant: that row is recovered too.
            variants += entry.variants.len();
            with_message += entry.variants.iter().filter(|variant| variant.message.is_some()).count();
            if entry.message.is_some() {
                with_message += 1;
            }
        }
        let extra: usize = catalog.groups.iter().map(|g| g.ranges.len() + usize::from(g.default.is_some())).sum();
        let mut counts = BTreeMap::new();
        for diagnostic in &diagnostics {
            *counts.entry(diagnostic.kind.code().to_owned()).or_default() += 1;
        }
        pages.push(PageFigures {
            page: page.clone(),
            rows_on_page,
            recovered: codes.len() + variants + extra,
            with_message,
            errors: diagnostics.iter().filter(|d| d.severity() == Severity::Error).count(),
            diagnostics: counts,
        });
    }
    Ok(pages)
}

/// The report `cargo xtask corpus` prints.
pub fn report(pages: &[PageFigures]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:<52} {:>6} {:>7} {:>8}  diagnostics", "page", "rows", "entries", "message");
    let (mut rows, mut recovered, mut entries, mut with_message) = (0, 0, 0, 0);
    for page in pages {
        let shown: Vec<String> = page.diagnostics.iter().map(|(code, n)| format!("{code}×{n}")).collect();
        let _ = writeln!(
            out,
            "{:<52} {:>6} {:>7} {:>8}  {}",
            page.page,
            page.rows_on_page,
            page.recovered,
            page.with_message,
            shown.join(" ")
        );
        rows += page.rows_on_page;
        recovered += page.recovered.min(page.rows_on_page);
        entries += page.recovered;
        with_message += page.with_message;
    }
    let percent = |part: usize, whole: usize| if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 };
    let empty = pages.iter().filter(|p| p.recovered == 0 && p.errors == 0).count();
    let _ = writeln!(out, "\n{} pages, {} rows on the pages", pages.len(), rows);
    let _ = writeln!(out, "rows recovered:            {recovered} ({:.1}%)", percent(recovered, rows));
    let _ = writeln!(
        out,
        "entries with a message:    {with_message} of {entries} ({:.1}%)",
        percent(with_message, entries)
    );
    let _ = writeln!(out, "pages empty with exit 0:   {empty}");
    out
}
