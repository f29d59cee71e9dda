//! A manifest source as the project lays it out under `docs-src/`: the page,
//! its name lockfile (`names/<id>.yaml`, optional) and its official name list
//! (optional), ingested into a catalog.
//!
//! File access is injected (`read`), so this stays testable and the same
//! code serves `xtask`, the CLI and the tests.

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::manifest::SourceEntry;
use crate::names::NameBook;
use crate::{CatalogIdentity, Page};
use std::collections::BTreeMap;

pub use crate::names::lockfile_path;

/// One ingested source.
#[derive(Debug)]
pub struct LoadedSource {
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
    /// Text of every file read, by its shown path (`docs-src/...`), for
    /// rendering diagnostics with their source lines.
    pub texts: BTreeMap<String, String>,
    /// Each edition as read on its own (before merging), for the edition
    /// lints.
    pub editions: Vec<LoadedEdition>,
}

/// One edition of a source, read on its own.
#[derive(Debug)]
pub struct LoadedEdition {
    pub locale: String,
    /// Shown path (`docs-src/...`).
    pub path: String,
    pub catalog: Catalog,
}

/// Why a source could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("source `{id}`: reading {path}: {error}")]
    Io { id: String, path: String, error: std::io::Error },
    #[error("source `{id}`: {path} does not exist")]
    Missing { id: String, path: String },
}

/// Loads `source`. `read(path)` reads a path relative to `docs-src/` and
/// returns `Ok(None)` when the file does not exist.
pub fn load_source(
    source: &SourceEntry,
    read: &dyn Fn(&str) -> std::io::Result<Option<Vec<u8>>>,
) -> Result<LoadedSource, LoadError> {
    load_source_as(source, read, None)
}

/// [`load_source`] with the page's format given (e.g. an upstream page
/// served as HTML for a source kept as markdown).
pub fn load_source_as(
    source: &SourceEntry,
    read: &dyn Fn(&str) -> std::io::Result<Option<Vec<u8>>>,
    format: Option<crate::InputFormat>,
) -> Result<LoadedSource, LoadError> {
    let shown = |path: &str| format!("docs-src/{path}");
    let fetch =
        |path: &str| read(path).map_err(|error| LoadError::Io { id: source.id.clone(), path: shown(path), error });
    let mut texts = BTreeMap::new();
    let mut diagnostics = Vec::new();
    let mut book = NameBook::default();
    let lock_path = lockfile_path(&source.id);
    if let Some(bytes) = fetch(&lock_path)? {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match NameBook::default().with_lockfile(&text, &shown(&lock_path)) {
            Ok(parsed) => book = parsed,
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
        texts.insert(shown(&lock_path), text);
    }
    if let Some(official) = &source.official_names {
        let bytes =
            fetch(official)?.ok_or_else(|| LoadError::Missing { id: source.id.clone(), path: shown(official) })?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match book.clone().with_official_tsv(&text, &shown(official)) {
            Ok(parsed) => book = parsed,
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let page_path = shown(&source.file);
    let bytes =
        fetch(&source.file)?.ok_or_else(|| LoadError::Missing { id: source.id.clone(), path: page_path.clone() })?;
    let identity = CatalogIdentity {
        id: source.id.clone(),
        title: source.title.clone(),
        locale: source.locale.clone(),
        upstream: source.upstream.clone(),
    };
    let page = Page { format, ..Page::new(&bytes, &page_path, &source.file) };
    let (mut catalog, page_diagnostics) = crate::ingest(&page, &identity, &source.settings, &book);
    diagnostics.extend(page_diagnostics);
    texts.insert(page_path, String::from_utf8_lossy(&bytes).into_owned());
    let mut editions = Vec::new();
    for edition in &source.editions {
        let path = shown(&edition.file);
        let bytes =
            fetch(&edition.file)?.ok_or_else(|| LoadError::Missing { id: source.id.clone(), path: path.clone() })?;
        let identity = CatalogIdentity {
            id: source.id.clone(),
            title: None,
            locale: edition.locale.clone(),
            upstream: edition.upstream.clone(),
        };
        let page = Page { format, ..Page::new(&bytes, &path, &edition.file) };
        // Names belong to the primary page: the edition is read unnamed.
        let (read, edition_diagnostics) = crate::ingest_unnamed(&page, &identity, &source.settings);
        diagnostics.extend(edition_diagnostics);
        texts.insert(path.clone(), String::from_utf8_lossy(&bytes).into_owned());
        catalog = crate::editions::merge(catalog, &read, &edition.locale);
        editions.push(LoadedEdition { locale: edition.locale.clone(), path, catalog: read });
    }
    source.mark_known(&mut diagnostics);
    let stale: Vec<Diagnostic> = source
        .stale_known_warnings(&diagnostics)
        .into_iter()
        .map(|known| {
            Diagnostic::new(
                DiagnosticKind::StaleKnownWarning,
                &shown("sources.yaml"),
                0,
                format!(
                    "source `{}` declares `known_warnings: {}`, but its pages give no {} any more; remove the entry, so that the warning is shown if it comes back",
                    source.id, known.code, known.code
                ),
            )
        })
        .collect();
    diagnostics.extend(stale);
    Ok(LoadedSource { catalog, diagnostics, texts, editions })
}

/// A `read` function for a `docs-src/` directory on disk. It reads through
/// no symbolic link (see [`path_inside`]).
pub fn read_from_dir(docs_src: &std::path::Path) -> impl Fn(&str) -> std::io::Result<Option<Vec<u8>>> + '_ {
    move |path: &str| {
        let full = match path_inside(docs_src, std::path::Path::new(path)) {
            Ok(full) => full,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(error),
        };
        match std::fs::read(full) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// `base/relative`, checked so that reading, writing or deleting it cannot
/// leave `base`: `relative` has no `..`, root or prefix component, and
/// neither the path nor any directory on the way under `base` is a
/// symbolic link. A missing component ends the check (what does not exist
/// yet is no link); the caller then finds the path missing, or creates it.
pub fn path_inside(base: &std::path::Path, relative: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
    use std::path::Component;
    let mut full = base.to_path_buf();
    for component in relative.components() {
        match component {
            Component::Normal(part) => full.push(part),
            Component::CurDir => {}
            _ => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("{} leaves {}", relative.display(), base.display()),
                ));
            }
        }
        match std::fs::symlink_metadata(&full) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "{} is a symbolic link: errcat reads, writes and deletes through no link \
                         (replace it with the file or directory itself)",
                        full.display()
                    ),
                ));
            }
            Ok(_) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => break,
            Err(error) => return Err(error),
        }
    }
    Ok(base.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::Manifest;

    const PAGE: &str = "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | Failed |\n";

    fn load(known: &str) -> Vec<Diagnostic> {
        let manifest = format!("sources:\n  - id: a\n    file: a.md\n    locale: en\n    known_warnings:\n{known}");
        let manifest = Manifest::parse(&manifest, "docs-src/sources.yaml").expect("manifest");
        let read = |path: &str| Ok((path == "a.md").then(|| PAGE.as_bytes().to_vec()));
        load_source(&manifest.sources[0], &read).expect("loads").diagnostics
    }

    /// A `known_warnings` entry that the page no longer gives is reported
    /// (W0601, naming the source and the code); one that still matches a
    /// warning is not.
    #[test]
    fn a_known_warning_the_pages_no_longer_give_is_reported() {
        let stale = load("      - {code: W0217, reason: the two code columns}\n");
        let found: Vec<&Diagnostic> =
            stale.iter().filter(|diagnostic| diagnostic.kind == DiagnosticKind::StaleKnownWarning).collect();
        assert_eq!(found.len(), 1, "{stale:?}");
        assert_eq!(found[0].file, "docs-src/sources.yaml");
        assert!(found[0].message.contains("source `a`") && found[0].message.contains("W0217"), "{}", found[0].message);

        let kept = load("      - {code: W0304, reason: names come later}\n");
        assert!(
            kept.iter().any(|diagnostic| diagnostic.kind == DiagnosticKind::FallbackName && diagnostic.known.is_some())
        );
        assert!(!kept.iter().any(|diagnostic| diagnostic.kind == DiagnosticKind::StaleKnownWarning), "{kept:?}");
    }
}
