//! JSON: each catalog as JSON (the same fields as the YAML catalog), an
//! index of the catalogs, and the JSON Schema (draft 2020-12) they follow.
//! serde_json does all escaping; templates print the documents, so this
//! language names nothing and escapes nothing itself.

use super::language::{IdentKind, Language};
use super::model::CodeWidth;
use crate::catalog::Catalog;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug)]
pub struct Json;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Json);

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

impl Language for Json {
    fn id(&self) -> &'static str {
        "json"
    }

    fn help(&self) -> &'static str {
        "every catalog as JSON, an index, and the JSON Schema they follow"
    }

    fn keywords(&self) -> &'static [&'static str] {
        &[]
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module => &["index", "schema"],
            IdentKind::Type | IdentKind::Member => &[],
        }
    }

    fn case(&self, _kind: IdentKind, name: &str) -> String {
        name.to_owned()
    }

    /// JSON keeps every name as the catalog has it; only the file names of
    /// catalogs must not be the index's or the schema's.
    fn identifier(&self, kind: IdentKind, raw: &str, taken: &mut std::collections::BTreeSet<String>) -> (String, bool) {
        match kind {
            IdentKind::Module => {
                let name = super::language::unique(raw.to_owned(), taken, "_");
                let renamed = name != raw;
                (name, renamed)
            }
            IdentKind::Type | IdentKind::Member => (raw.to_owned(), false),
        }
    }

    fn string_literal(&self, text: &str) -> String {
        serde_json::to_string(text).unwrap_or_default()
    }

    fn none_literal(&self) -> &'static str {
        "null"
    }

    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        Cow::Borrowed(line)
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "string" } else { "integer" }
    }

    fn module_documents(&self) -> &'static [&'static str] {
        &["catalog_json"]
    }

    fn write_module_document(
        &self,
        _key: &str,
        catalog: &Catalog,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        catalog.write_json(out)
    }

    fn package_attribute(&self, key: &str, catalogs: &[Catalog]) -> Option<String> {
        if key != "index_json" {
            return None;
        }
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
        serde_json::to_string_pretty(&serde_json::json!({ "schema": crate::catalog::SCHEMA, "catalogs": index })).ok()
    }
}
