//! Helpers shared by the integration tests: ingesting seed pages with their
//! manifest settings, and test pages with their optional settings sidecar.
#![allow(dead_code)]

use errcat::catalog::Catalog;
use errcat::diagnostic::Diagnostic;
use errcat::lower::SourceSettings;
use errcat::manifest::Manifest;
use errcat::{CatalogIdentity, Page};
use std::path::{Path, PathBuf};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn manifest() -> Manifest {
    let text = std::fs::read_to_string(workspace_root().join("docs-src/sources.yaml")).expect("manifest");
    Manifest::parse(&text, "docs-src/sources.yaml").expect("valid manifest")
}

/// Ingests the seed with this manifest id.
pub fn seed(id: &str) -> (Catalog, Vec<Diagnostic>) {
    let manifest = manifest();
    let source = manifest.sources.iter().find(|source| source.id == id).expect("seed id in manifest");
    ingest_source(source)
}

/// Ingests the seed page at `path` (under `docs-src/`) with its manifest entry.
pub fn seed_file(path: &Path) -> (Catalog, Vec<Diagnostic>) {
    let name = path.file_name().and_then(|name| name.to_str()).expect("file name");
    let manifest = manifest();
    let source = manifest.sources.iter().find(|source| source.file == name);
    ingest_source(source.unwrap_or_else(|| panic!("{name} is not in docs-src/sources.yaml")))
}

fn ingest_source(source: &errcat::manifest::SourceEntry) -> (Catalog, Vec<Diagnostic>) {
    let docs_src = workspace_root().join("docs-src");
    let loaded = errcat::project::load_source(source, &errcat::project::read_from_dir(&docs_src)).expect("loads");
    (loaded.catalog, loaded.diagnostics)
}

/// Ingests a page under `tests/pages/` with the settings of its
/// `<stem>.settings.yaml` sidecar, if there is one.
pub fn test_page(path: &Path) -> (Catalog, Vec<Diagnostic>) {
    let bytes = std::fs::read(path).expect("test page");
    let name = path.file_name().and_then(|name| name.to_str()).expect("file name");
    let stem = name.split('.').next().expect("stem");
    let sidecar = path.with_file_name(format!("{stem}.settings.yaml"));
    let settings: SourceSettings = match std::fs::read_to_string(&sidecar) {
        Ok(text) => serde_saphyr::from_str(&text).expect("valid settings sidecar"),
        Err(_) => SourceSettings::default(),
    };
    let shown = format!("tests/pages/{name}");
    let identity = CatalogIdentity { id: stem.to_owned(), locale: "und".to_owned(), ..CatalogIdentity::default() };
    errcat::ingest(
        &Page { bytes: &bytes, path: &shown, file: &shown },
        &identity,
        &settings,
        &errcat::names::NameBook::default(),
    )
}

/// The snapshot text: diagnostics (one per line), then the catalog YAML.
pub fn snapshot_text(catalog: &Catalog, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::from("# diagnostics\n");
    for diagnostic in diagnostics {
        out.push_str(&diagnostic.to_short_string());
        out.push('\n');
    }
    out.push_str("\n# catalog\n");
    out.push_str(&catalog.to_yaml());
    out
}

/// Every text field of a catalog, for markup checks.
pub fn all_texts(catalog: &Catalog) -> Vec<String> {
    let mut texts = catalog.notes.clone();
    texts.push(catalog.title.clone());
    for group in &catalog.groups {
        texts.push(group.title.clone());
        for entry in &group.entries {
            texts.extend(entry.message.iter().cloned());
            texts.extend(entry.cause.iter().cloned());
            texts.extend(entry.solution.iter().cloned());
            texts.extend(entry.notes.iter().cloned());
            for variant in &entry.variants {
                texts.extend(variant.message.iter().cloned());
                texts.extend(variant.cause.iter().cloned());
                texts.extend(variant.solution.iter().cloned());
                texts.extend(variant.notes.iter().cloned());
            }
        }
    }
    texts
}
