//! JSON: each catalog as JSON (the same fields as the YAML catalog), an
//! index of the catalogs, and the JSON Schema (draft 2020-12) they follow.
//! serde_json does all escaping; templates print the documents.

use crate::catalog::Catalog;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct PackageContext {
    pub index_json: String,
    pub catalogs: Vec<CatalogContext>,
}

#[derive(Debug, Serialize)]
pub struct CatalogContext {
    pub id: String,
    pub catalog_json: String,
}

#[derive(Debug, Serialize)]
struct IndexEntry<'a> {
    id: &'a str,
    title: &'a str,
    locale: &'a str,
    file: String,
    source: &'a str,
    sha256: &'a str,
    groups: usize,
    entries: usize,
}

pub fn package_context(catalogs: &[&Catalog]) -> PackageContext {
    let index: Vec<IndexEntry<'_>> = catalogs
        .iter()
        .map(|catalog| IndexEntry {
            id: &catalog.id,
            title: &catalog.title,
            locale: &catalog.locale,
            file: format!("{}.json", catalog.id),
            source: &catalog.source.file,
            sha256: &catalog.source.sha256,
            groups: catalog.groups.len(),
            entries: catalog.entries().count(),
        })
        .collect();
    let index_json =
        serde_json::to_string_pretty(&serde_json::json!({ "schema": crate::catalog::SCHEMA, "catalogs": index }))
            .unwrap_or_default();
    PackageContext {
        index_json,
        catalogs: catalogs
            .iter()
            .map(|catalog| CatalogContext { id: catalog.id.clone(), catalog_json: catalog.to_json() })
            .collect(),
    }
}
