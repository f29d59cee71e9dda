//! `cargo xtask corpus`: how well the reader does on the corpus of real
//! pages (`crates/errcat/tests/corpus/`). Each page is read with no
//! settings, as a new user would; the report gives per page the rows the
//! page documents (counted by hand, from its `.expected.yaml`), the entries
//! read, the entries with a message and the diagnostics by code, then the
//! totals. Then the blind batches (`tests/corpus/batches/batch-NN/`):
//! the record of their first-try and after figures (`BATCHES.md`) and
//! their figures now, with every expected row checked
//! ([`errcat::expected`]). It writes nothing.

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
    /// Of those, range and catch-all rows (a blind batch's `rows_on_page`
    /// counts codes only).
    pub ranges: usize,
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

/// The corpus folder, relative to the root.
pub const CORPUS_DIR: &str = "crates/errcat/tests/corpus";

/// Every page of `dir` that has an `expected.yaml`: (page file, expected file).
fn pages_in(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut pages = Vec::new();
    for name in names.iter().filter(|name| name.ends_with(".expected.yaml")) {
        let slug = name.trim_end_matches(".expected.yaml");
        if let Some(page) = names.iter().find(|n| n.starts_with(&format!("{slug}.")) && !n.ends_with(".expected.yaml"))
        {
            pages.push((page.clone(), name.clone()));
        }
    }
    Ok(pages)
}

/// Reads every corpus page and counts.
pub fn figures(root: &Path) -> Result<Vec<PageFigures>> {
    let dir = root.join(CORPUS_DIR);
    let mut pages = Vec::new();
    for (page, name) in pages_in(&dir)? {
        pages.push(read_page(&dir, &page, &name, "tests/corpus")?.0);
    }
    Ok(pages)
}

/// Reads one page with no settings: its figures and its catalog.
fn read_page(dir: &Path, page: &str, name: &str, shown_dir: &str) -> Result<(PageFigures, errcat::catalog::Catalog)> {
    let slug = name.trim_end_matches(".expected.yaml");
    {
        let expected = std::fs::read_to_string(dir.join(name))?;
        let rows_on_page = scalar(&expected, "rows_on_page").and_then(|v| v.parse().ok()).unwrap_or(0);
        let locale = scalar(&expected, "  locale").unwrap_or("und").to_owned();
        let bytes = std::fs::read(dir.join(page))?;
        let shown = format!("{shown_dir}/{page}");
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
        let figures = PageFigures {
            page: page.to_owned(),
            rows_on_page,
            recovered: codes.len() + variants + extra,
            ranges: extra,
            with_message,
            errors: diagnostics.iter().filter(|d| d.severity() == Severity::Error).count(),
            diagnostics: counts,
        };
        Ok((figures, catalog))
    }
}

/// One blind batch's figures now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchFigures {
    pub batch: String,
    pub pages: Vec<PageFigures>,
    /// Expected rows, and those read exactly.
    pub expected: usize,
    pub exact: usize,
    /// Every expected row not read exactly: `page: problem`.
    pub misses: Vec<String>,
}

impl BatchFigures {
    pub fn rows(&self) -> usize {
        self.pages.iter().map(|page| page.rows_on_page).sum()
    }

    pub fn recovered(&self) -> usize {
        self.pages.iter().map(|page| page.recovered.min(page.rows_on_page)).sum()
    }

    /// Pages whose entry count is off by more than 5% of their rows.
    pub fn pages_off(&self) -> usize {
        self.pages.iter().filter(|page| page.recovered.abs_diff(page.rows_on_page) * 20 > page.rows_on_page).count()
    }
}

/// Reads every page of every blind batch and checks its expected rows.
pub fn batch_figures(root: &Path) -> Result<Vec<BatchFigures>> {
    let dir = root.join(CORPUS_DIR).join("batches");
    let mut batches: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|entry| entry.ok()?.file_name().into_string().ok()).collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error).with_context(|| format!("reading {}", dir.display())),
    };
    batches.retain(|name| name.starts_with("batch-"));
    batches.sort();
    let mut out = Vec::new();
    for batch in batches {
        let batch_dir = dir.join(&batch);
        let mut figures = BatchFigures { batch: batch.clone(), ..BatchFigures::default() };
        for (page, name) in pages_in(&batch_dir)? {
            let (mut page_figures, catalog) = read_page(&batch_dir, &page, &name, &format!("batches/{batch}"))?;
            // A blind batch counts the codes a page documents, not its
            // ranges or catch-alls.
            page_figures.recovered -= page_figures.ranges;
            let text = std::fs::read_to_string(batch_dir.join(&name))?;
            let expected =
                errcat::expected::Expected::parse(&text).map_err(|error| anyhow::anyhow!("{batch}/{name}: {error}"))?;
            for row in &expected.rows {
                figures.expected += 1;
                match errcat::expected::check_row(&catalog, row) {
                    Ok(()) => figures.exact += 1,
                    Err(problem) => figures.misses.push(format!("{page}: {problem}")),
                }
            }
            figures.pages.push(page_figures);
        }
        out.push(figures);
    }
    Ok(out)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 }
}

/// The batches part of the report: `BATCHES.md` as recorded, then each
/// batch's figures now (with every miss when `verbose`).
pub fn batch_report(record: Option<&str>, batches: &[BatchFigures], verbose: bool) -> String {
    let mut out = String::new();
    if let Some(record) = record {
        let _ = writeln!(out, "\n# Blind batches (BATCHES.md)\n\n{}", record.trim_end());
    }
    for batch in batches {
        let _ = writeln!(
            out,
            "\n{} now: {} pages, {} rows; rows recovered {} ({:.1}%); expected rows exact {} of {} ({:.1}%); \
             pages off by more than 5%: {}",
            batch.batch,
            batch.pages.len(),
            batch.rows(),
            batch.recovered(),
            percent(batch.recovered(), batch.rows()),
            batch.exact,
            batch.expected,
            percent(batch.exact, batch.expected),
            batch.pages_off()
        );
        for page in &batch.pages {
            let _ = writeln!(out, "  {:<60} {:>5} rows {:>5} read", page.page, page.rows_on_page, page.recovered);
        }
        if verbose {
            for miss in &batch.misses {
                let _ = writeln!(out, "  miss: {miss}");
            }
        }
    }
    out
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
