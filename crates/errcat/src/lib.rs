//! errcat compiles error-code documentation pages into one canonical
//! catalog per page, diffs catalogs, and renders them into code.
//!
//! # The pipeline
//!
//! Each stage is a pure function: text in, a value and diagnostics out. No
//! stage fails on malformed documentation; it returns its best result with a
//! `Vec<Diagnostic>`, and the caller decides
//! what fails a run.
//!
//! 1. [`read`]: a page (markdown, MDX or HTML) becomes a
//!    [`RawDoc`](raw::RawDoc): sections, notes and tables of cells with line
//!    numbers.
//! 2. [`lower`]: the raw document becomes a [`Catalog`]
//!    through the registry of page forms ([`lower::forms`]), under a source's
//!    [`SourceSettings`].
//! 3. [`names`]: the name lockfile and the documented fallbacks name every
//!    group and code; [`editions`] joins another locale's page.
//! 4. [`lint`], [`diff`] and [`version`]: checks of a catalog, the semantic
//!    diff of two, and the package version it implies; [`findings`] writes
//!    diagnostics and lints in CI formats (GitHub, SARIF, JUnit).
//! 5. [`render`]: catalogs become code through the registry of targets
//!    ([`render::TARGETS`]), one [`Language`](render::Language) and one
//!    template folder each.
//!
//! [`ingest`] runs stages 1 to 3 on one [`Page`]. [`project`] runs them for
//! every source of a [`manifest`], reading files through a function the
//! caller passes ([`project::read_from_dir`] reads a folder); it is the only
//! module that names the filesystem. The core model ([`catalog`], [`code`],
//! [`diagnostic`]) depends on no stage.
//!
//! # Example
//!
//! ```
//! use errcat::{CatalogIdentity, Page};
//! use errcat::manifest::SourceSettings;
//! use errcat::names::NameBook;
//! use errcat::render::{TemplateSet, render};
//!
//! let page = "# Payment errors\n\n| Code | Message |\n|---|---|\n| 1001 | Insufficient balance |\n";
//! let identity = CatalogIdentity { id: "pay".into(), locale: "en".into(), ..Default::default() };
//! let (catalog, diagnostics) =
//!     errcat::ingest(&Page::new(page.as_bytes(), "pay.md", "pay.md"), &identity, &SourceSettings::default(), &NameBook::default());
//! assert!(diagnostics.iter().all(|d| d.severity() != errcat::diagnostic::Severity::Error));
//! let (group, entry) = catalog.entries().next().unwrap();
//! assert_eq!((group.title.as_str(), entry.message.as_deref()), ("Payment errors", Some("Insufficient balance")));
//!
//! let target = errcat::render::Target::ALL.iter().find(|t| t.dir() == "json").copied().unwrap();
//! let files = render(target, &[catalog], &TemplateSet::builtin(target)).unwrap();
//! assert!(files.iter().any(|file| file.path == "pay.json" && file.text.contains("Insufficient balance")));
//! ```

#![warn(unreachable_pub)]

pub mod catalog;
pub mod code;
pub mod diagnostic;
pub mod diff;
pub mod editions;
pub(crate) mod escape;
pub mod expected;
pub mod findings;
pub mod idents;
pub mod lint;
pub mod lower;
pub mod manifest;
pub mod names;
pub(crate) mod parallel;
pub mod project;
pub mod raw;
pub mod read;
pub mod render;
pub(crate) mod thresholds;
pub mod version;
pub mod yaml;

pub use read::InputFormat;

use catalog::Catalog;
use diagnostic::{Diagnostic, DiagnosticKind};
use lower::{SourceInfo, SourceSettings};
use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A page to ingest: its bytes and how to name it.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    pub bytes: &'a [u8],
    /// Shown in diagnostics (e.g. `docs-src/page.md`).
    pub path: &'a str,
    /// Recorded in the catalog's `source.file`.
    pub file: &'a str,
    /// `None`: detect from the file name, then from the content.
    pub format: Option<InputFormat>,
}

impl<'a> Page<'a> {
    /// A page whose format is detected.
    pub fn new(bytes: &'a [u8], path: &'a str, file: &'a str) -> Page<'a> {
        Page { bytes, path, file, format: None }
    }
}

/// Identity of the catalog to build from a page.
#[derive(Debug, Clone, Default)]
pub struct CatalogIdentity {
    pub id: String,
    pub title: Option<String>,
    pub locale: String,
    pub upstream: Option<String>,
}

/// Reads and lowers one page, then names it. Invalid UTF-8 is replaced (and
/// reported as an error) so that the rest of the page is still read.
pub fn ingest(
    page: &Page<'_>,
    identity: &CatalogIdentity,
    settings: &SourceSettings,
    names: &names::NameBook,
) -> (Catalog, Vec<Diagnostic>) {
    ingest_with(page, identity, settings, Some(names))
}

/// [`ingest`] without naming: for an edition, whose texts join a primary
/// page's entries and whose names are the primary's.
pub fn ingest_unnamed(
    page: &Page<'_>,
    identity: &CatalogIdentity,
    settings: &SourceSettings,
) -> (Catalog, Vec<Diagnostic>) {
    ingest_with(page, identity, settings, None)
}

fn ingest_with(
    page: &Page<'_>,
    identity: &CatalogIdentity,
    settings: &SourceSettings,
    names: Option<&names::NameBook>,
) -> (Catalog, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let text = match std::str::from_utf8(page.bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(error) => {
            let valid = &page.bytes[..error.valid_up_to()];
            let line = u32::try_from(valid.iter().filter(|byte| **byte == b'\n').count() + 1).unwrap_or(u32::MAX);
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::InvalidUtf8,
                page.path,
                line,
                "the page is not valid UTF-8; invalid bytes were replaced with U+FFFD",
            ));
            String::from_utf8_lossy(page.bytes)
        }
    };
    let options = read::ReadOptions { numbered_sections: settings.numbered_sections, select: settings.select.clone() };
    let format = page.format.unwrap_or_else(|| InputFormat::detect(page.path, &text));
    let (raw, read_diagnostics) = read::read(&text, page.path, format, &options);
    diagnostics.extend(read_diagnostics);
    let info = SourceInfo {
        id: identity.id.clone(),
        title: identity.title.clone(),
        locale: identity.locale.clone(),
        path: page.path.to_owned(),
        file: page.file.to_owned(),
        sha256: sha256_hex(page.bytes),
        upstream: identity.upstream.clone(),
    };
    let (mut catalog, lower_diagnostics) = lower::lower_owned(raw, &info, settings);
    diagnostics.extend(lower_diagnostics);
    if let Some(names) = names {
        diagnostics.extend(names::apply(&mut catalog, names, page.path));
    }
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    (catalog, diagnostics)
}
