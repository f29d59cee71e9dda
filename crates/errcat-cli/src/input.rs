//! How the commands read what they are given: files (the error names the
//! path), catalogs by extension, and pages given on their own, ingested
//! with default settings and no names. Reading a manifest source is the
//! library's (`errcat::project`).

use anyhow::{Context, Result};
use errcat::catalog::Catalog;
use errcat::diagnostic::Diagnostic;
use errcat::lower::SourceSettings;
use errcat::names::NameBook;
use errcat::{CatalogIdentity, Page};
use std::path::Path;

/// The bytes of a file; the error names it.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// The text of a file; the error names it.
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// Whether a path names a catalog (`.yaml`, `.yml`, `.json`) rather than a
/// page.
pub fn is_catalog(path: &Path) -> bool {
    matches!(path.extension().and_then(|ext| ext.to_str()), Some("yaml" | "yml" | "json"))
}

/// A catalog's text: JSON when `path` ends with `.json`, YAML otherwise.
pub fn parse_catalog(path: &str, text: &str) -> Result<Catalog> {
    if path.ends_with(".json") {
        Catalog::from_json(text).with_context(|| format!("parsing {path}"))
    } else {
        Catalog::from_yaml(text).with_context(|| format!("parsing {path}"))
    }
}

/// A page given on its own: its catalog (id from the file name, locale
/// `und`, default settings, fallback names) and the diagnostics of reading
/// it.
pub fn ingest_page(path: &Path, bytes: &[u8]) -> (Catalog, Vec<Diagnostic>) {
    let shown = path.display().to_string();
    let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or("page");
    let identity = CatalogIdentity { id: slug(stem), locale: "und".to_owned(), ..CatalogIdentity::default() };
    errcat::ingest(&Page::new(bytes, &shown, &shown), &identity, &SourceSettings::default(), &NameBook::default())
}

/// A catalog id from a file name: ASCII letters and digits lowercased,
/// every other run one `-`; `page` when nothing is left.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "page".to_owned() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("Zego_Server Codes.v2"), "zego-server-codes-v2");
        assert_eq!(slug("__错误码__"), "page");
    }

    #[test]
    fn catalogs_are_known_by_extension() {
        assert!(is_catalog(Path::new("a/b.yml")) && is_catalog(Path::new("b.json")));
        assert!(!is_catalog(Path::new("page.md")) && !is_catalog(Path::new(".json")));
    }
}
