//! One folder per reading form or trap (`tests/forms/<form>/`): a small
//! page written in that form (`page.md`, `page.html`, …), optional reading
//! settings (`settings.yaml`, as a manifest source's settings), and the
//! rows a reader of the page sees (`expected.yaml`: the catalog's locale,
//! how many entries the page documents, and rows checked like the corpus's
//! expected rows). Adding a form to the reader adds a folder here.

use errcat::diagnostic::Severity;
use errcat::expected::{Row, check_row};
use errcat::lower::SourceSettings;
use errcat::{CatalogIdentity, Page};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormExpected {
    locale: String,
    /// Entries (codes) the page documents.
    entries: usize,
    rows: Vec<Row>,
}

fn forms() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/forms")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    folders
}

fn read_form(folder: &Path) -> Result<(), String> {
    read_form_with(folder, true)
}

/// Reads a folder's page, with its settings or (`with_settings` false)
/// without them.
fn read_form_with(folder: &Path, with_settings: bool) -> Result<(), String> {
    let name = folder.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let page = std::fs::read_dir(folder)
        .expect("form folder")
        .map(|entry| entry.expect("entry").path())
        .find(|path| path.file_stem().is_some_and(|stem| stem == "page"))
        .ok_or_else(|| format!("{name}: no page.* file"))?;
    let expected: FormExpected =
        errcat::yaml::from_str(&std::fs::read_to_string(folder.join("expected.yaml")).expect("expected.yaml"))
            .map_err(|error| format!("{name}: invalid expected.yaml: {error}"))?;
    let settings: SourceSettings = match std::fs::read_to_string(folder.join("settings.yaml")) {
        Ok(_) if !with_settings => SourceSettings::default(),
        Ok(text) => errcat::yaml::from_str(&text).map_err(|error| format!("{name}: invalid settings.yaml: {error}"))?,
        Err(_) => SourceSettings::default(),
    };
    let bytes = std::fs::read(&page).expect("page");
    let shown = format!("tests/forms/{name}/{}", page.file_name().and_then(|n| n.to_str()).unwrap_or_default());
    let identity = CatalogIdentity { id: "form".to_owned(), locale: expected.locale.clone(), ..Default::default() };
    let (catalog, diagnostics) = errcat::ingest_unnamed(&Page::new(&bytes, &shown, &shown), &identity, &settings);
    let mut problems = Vec::new();
    if let Some(error) = diagnostics.iter().find(|d| d.severity() == Severity::Error) {
        problems.push(format!("error: {}", error.message));
    }
    let entries = catalog.entries().count();
    if entries != expected.entries {
        problems.push(format!("{entries} entries read, {} documented", expected.entries));
    }
    problems.extend(expected.rows.iter().filter_map(|row| check_row(&catalog, row).err()));
    if problems.is_empty() { Ok(()) } else { Err(format!("{name}:\n  {}", problems.join("\n  "))) }
}

#[test]
fn every_form_reads_its_page_exactly() {
    let folders = forms();
    assert!(folders.len() >= 4, "tests/forms holds {} forms", folders.len());
    let failures: Vec<String> = folders.iter().filter_map(|folder| read_form(folder).err()).collect();
    assert!(failures.is_empty(), "{} form(s) not read exactly:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_form_of_the_registry_has_a_fixture_folder() {
    let names: Vec<String> =
        forms().iter().filter_map(|folder| folder.file_name().and_then(|n| n.to_str()).map(str::to_owned)).collect();
    let missing: Vec<&str> = errcat::lower::forms::FORMS
        .iter()
        .map(|form| form.name)
        .filter(|form| !names.iter().any(|name| name == form || name.starts_with(&format!("{form}-"))))
        .collect();
    assert!(missing.is_empty(), "forms without a tests/forms/<form>/ folder: {missing:?}");
}

#[test]
fn every_settings_fixture_needs_its_settings() {
    // A settings fixture shows a page read wrong without its settings and
    // right with them: without them, it must not pass.
    let settings: Vec<PathBuf> = forms().into_iter().filter(|folder| folder.join("settings.yaml").exists()).collect();
    assert!(settings.len() >= 5, "{} folders with settings", settings.len());
    for folder in settings {
        assert!(read_form_with(&folder, false).is_err(), "{} reads right without its settings", folder.display());
    }
}

#[test]
fn an_unknown_form_in_settings_is_an_invalid_setting() {
    let settings = SourceSettings { forms: vec!["tables".to_owned(), "tabels".to_owned()], ..Default::default() };
    let page = "# Errors\n\n| Code | Description |\n|---|---|\n| 1 | One. |\n| 2 | Two. |\n";
    let identity = CatalogIdentity { id: "form".to_owned(), locale: "en".to_owned(), ..Default::default() };
    let (catalog, diagnostics) =
        errcat::ingest_unnamed(&Page::new(page.as_bytes(), "page.md", "page.md"), &identity, &settings);
    let invalid: Vec<_> = diagnostics.iter().filter(|d| d.kind.code() == "E0224").collect();
    assert_eq!(invalid.len(), 1, "{diagnostics:?}");
    assert!(invalid[0].message.contains("`tabels`") && invalid[0].message.contains("code-headings"));
    assert_eq!(catalog.entries().count(), 2, "the page is still read with the known forms");
}
