//! Helpers shared by the integration tests: ingesting seed pages with their
//! manifest settings, and test pages with their optional settings sidecar.
#![allow(dead_code)]

pub mod site_text;

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

/// Ingests the seed page at `path` (under `docs-src/`) with its manifest
/// entry; an edition page is read on its own, unnamed, with its source's
/// settings (as it is before its texts join the primary page's entries).
pub fn seed_file(path: &Path) -> (Catalog, Vec<Diagnostic>) {
    let name = path.file_name().and_then(|name| name.to_str()).expect("file name");
    let manifest = manifest();
    if let Some(source) = manifest.sources.iter().find(|source| source.file == name) {
        return ingest_source(source);
    }
    let (source, edition) =
        edition_of(&manifest, name).unwrap_or_else(|| panic!("{name} is not in docs-src/sources.yaml"));
    let bytes = std::fs::read(workspace_root().join("docs-src").join(&edition.file)).expect("edition page");
    let shown = format!("docs-src/{}", edition.file);
    let identity =
        CatalogIdentity { id: source.id.clone(), locale: edition.locale.clone(), ..CatalogIdentity::default() };
    errcat::ingest_unnamed(&Page::new(&bytes, &shown, &edition.file), &identity, &source.settings)
}

/// The source whose edition `name` (a file under `docs-src/`) is.
pub fn edition_of<'a>(
    manifest: &'a Manifest,
    name: &str,
) -> Option<(&'a errcat::manifest::SourceEntry, &'a errcat::manifest::EditionEntry)> {
    manifest
        .sources
        .iter()
        .find_map(|source| source.editions.iter().find(|edition| edition.file == name).map(|edition| (source, edition)))
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
    errcat::ingest(&Page::new(&bytes, &shown, &shown), &identity, &settings, &errcat::names::NameBook::default())
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

/// A compiler or runtime the toolchain tests need. Found through an
/// environment variable, then `xtask/toolchains/node_modules` (installed by
/// `cargo xtask test`), then `PATH`.
pub fn toolchain(env: &str, installed: &str, on_path: &str) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env).map(PathBuf::from).filter(|path| path.exists()) {
        return Some(path);
    }
    let local = workspace_root().join("xtask/toolchains/node_modules").join(installed);
    if local.exists() {
        return Some(local);
    }
    let path_var = std::env::var_os("PATH")?;
    std::env::split_paths(&path_var).map(|dir| dir.join(on_path)).find(|candidate| candidate.is_file())
}

/// Returns the tool, or: fails when `CI` is set (a missing toolchain must
/// not turn into a green run), skips loudly otherwise.
pub fn require_toolchain(what: &str, env: &str, installed: &str, on_path: &str) -> Option<PathBuf> {
    let found = toolchain(env, installed, on_path);
    if found.is_none() {
        let message = format!(
            "{what} not found (set {env}, or run `cargo xtask test`, which installs it into xtask/toolchains/)"
        );
        assert!(std::env::var_os("CI").is_none(), "CI is set and {message}");
        eprintln!("\n*** SKIPPED: {message} ***\n");
    }
    found
}

/// Runs a command; panics with its output when it fails or warns.
pub fn run(command: &mut std::process::Command, what: &str) -> String {
    let output = command.output().unwrap_or_else(|error| panic!("{what}: cannot start: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{what} failed ({}):\n{stdout}\n{stderr}", output.status);
    stdout
}

/// A fresh scratch directory for one test.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A page given as text, read with no settings.
pub fn ingest_str(text: &str) -> Catalog {
    let identity = CatalogIdentity { id: "page".to_owned(), locale: "und".to_owned(), ..CatalogIdentity::default() };
    let page = Page::new(text.as_bytes(), "page.md", "page.md");
    errcat::ingest(&page, &identity, &SourceSettings::default(), &errcat::names::NameBook::default()).0
}
