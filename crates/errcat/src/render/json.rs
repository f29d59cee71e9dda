//! JSON: each catalog as JSON (the same fields as the YAML catalog), an
//! index of the catalogs, and the JSON Schemas (draft 2020-12) they follow,
//! for the npm package `<npm_name>-json` and for the error index, which
//! publishes the schemas beside its page. serde_json does all escaping, and
//! the schemas' text lives here, once, for both targets.
//!
//! Every document is offered without its opening brace (`*_members`), so
//! that a template writes the members that depend on the package settings
//! first: a document's `$schema` and a schema's `$id` (the schema's URL
//! under the package's `homepage`, where the error index is published, or
//! an identifier that is not fetchable when there is none). This language
//! names nothing and escapes nothing itself.

use super::language::{IdentKind, Language};
use super::model::CodeWidth;
use crate::catalog::Catalog;
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug)]
pub struct Json;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Json);

/// The catalog schema after its `$schema` and `$id`: its other members
/// and the closing brace.
pub const CATALOG_SCHEMA_MEMBERS: &str = r##"
  "title": "errcat catalog (errcat/v1)",
  "description": "One documentation page's error codes, as produced by errcat. Fields may be added in later versions of errcat/v1; none is renamed.",
  "type": "object",
  "required": ["schema", "id", "title", "locale", "source", "groups"],
  "properties": {
    "$schema": { "type": "string", "format": "uri-reference", "description": "The schema the document follows: this schema's URL where it is published, else the file beside the document." },
    "schema": { "const": "errcat/v1" },
    "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
    "title": { "type": "string" },
    "locale": { "$ref": "#/$defs/locale" },
    "source": { "$ref": "#/$defs/source" },
    "notes": { "$ref": "#/$defs/texts" },
    "editions": {
      "description": "The page in other locales, whose texts the entries carry in 'translations' (by locale).",
      "type": "array",
      "items": {
        "type": "object",
        "required": ["locale", "source"],
        "properties": {
          "locale": { "$ref": "#/$defs/locale" },
          "source": { "$ref": "#/$defs/source" }
        }
      }
    },
    "groups": { "type": "array", "items": { "$ref": "#/$defs/group" } }
  },
  "$defs": {
    "locale": { "type": "string", "pattern": "^[A-Za-z0-9-]+$" },
    "source": {
      "type": "object",
      "required": ["file", "sha256"],
      "properties": {
        "file": { "type": "string", "minLength": 1 },
        "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
        "upstream": { "type": "string", "format": "uri" }
      }
    },
    "text": { "type": "string", "description": "Light markdown: \\n line breaks, '- ' and '1. ' list lines, [text](url) links, backticks for code." },
    "texts": { "type": "array", "items": { "$ref": "#/$defs/text" } },
    "code": {
      "oneOf": [
        { "type": "integer", "minimum": -9223372036854775808, "maximum": 9223372036854775807 },
        { "type": "string", "minLength": 1, "description": "A string code ('InvalidParameter.Missing'), in groups whose code_type is 'string'." }
      ]
    },
    "identifier": { "type": "string", "pattern": "^[A-Z][A-Za-z0-9]*$" },
    "lines": { "type": "array", "items": { "type": "integer", "minimum": 1 }, "minItems": 1 },
    "attributes": {
      "type": "object",
      "additionalProperties": { "type": "string" },
      "description": "Columns without a field role (type, module, HTTP status, a second form of the code, a second-language description), by header text."
    },
    "group": {
      "type": "object",
      "required": ["name", "title", "entries"],
      "if": { "required": ["code_type"], "properties": { "code_type": { "const": "string" } } },
      "then": { "properties": { "entries": { "type": "array", "items": { "type": "object", "properties": { "code": { "type": "string" } } } } } },
      "else": { "properties": { "entries": { "type": "array", "items": { "type": "object", "properties": { "code": { "type": "integer" } } } } } },
      "properties": {
        "name": { "$ref": "#/$defs/identifier" },
        "title": { "type": "string" },
        "code_type": { "enum": ["integer", "string"], "description": "'string' when the group's codes are strings; absent for integer codes." },
        "titles": { "type": "object", "additionalProperties": { "type": "string" }, "description": "The group's title in the catalog's other locales, by locale." },
        "entries": { "type": "array", "items": { "$ref": "#/$defs/entry" } },
        "ranges": {
          "description": "Rows that document an inclusive range of codes; never expanded into entries.",
          "type": "array",
          "items": {
            "type": "object",
            "required": ["from", "to", "lines"],
            "properties": {
              "from": { "$ref": "#/$defs/code" },
              "to": { "$ref": "#/$defs/code" },
              "message": { "$ref": "#/$defs/text" },
              "cause": { "$ref": "#/$defs/text" },
              "solution": { "$ref": "#/$defs/text" },
              "notes": { "$ref": "#/$defs/texts" },
              "lines": { "$ref": "#/$defs/lines" }
            }
          }
        },
        "default": {
          "description": "The catch-all row ('Other', '其他', '*'): what every code the group does not list means.",
          "type": "object",
          "required": ["label", "lines"],
          "properties": {
            "label": { "type": "string" },
            "message": { "$ref": "#/$defs/text" },
            "cause": { "$ref": "#/$defs/text" },
            "solution": { "$ref": "#/$defs/text" },
            "notes": { "$ref": "#/$defs/texts" },
            "attributes": { "$ref": "#/$defs/attributes" },
            "lines": { "$ref": "#/$defs/lines" }
          }
        },
        "retired": {
          "description": "Codes the name lockfile keeps although the page no longer documents them.",
          "type": "array",
          "items": {
            "type": "object",
            "required": ["code", "name"],
            "properties": { "code": { "$ref": "#/$defs/code" }, "name": { "$ref": "#/$defs/identifier" } }
          }
        }
      }
    },
    "entry": {
      "type": "object",
      "required": ["code", "name", "lines"],
      "properties": {
        "code": { "$ref": "#/$defs/code" },
        "literal": { "type": "string", "description": "The code as the page writes it when that is not plain decimal (e.g. '0x8A150001')." },
        "name": { "$ref": "#/$defs/identifier" },
        "doc_name": { "type": "string", "description": "The identifier the page itself gives, as written." },
        "message": { "$ref": "#/$defs/text" },
        "cause": { "$ref": "#/$defs/text" },
        "solution": { "$ref": "#/$defs/text", "description": "Absent when the page says '-' or nothing." },
        "notes": { "$ref": "#/$defs/texts" },
        "deprecated": { "type": "boolean", "description": "The page marks the code deprecated." },
        "attributes": { "$ref": "#/$defs/attributes" },
        "same_row": { "type": "array", "items": { "$ref": "#/$defs/code" }, "description": "The other codes of a multi-code row." },
        "sections": { "type": "array", "items": { "type": "string" }, "description": "Merged groups: every section that lists the code." },
        "variants": {
          "type": "array",
          "description": "Other wordings of the code: in other sections (merged groups), or a conflicting repeat in the same section.",
          "items": {
            "type": "object",
            "required": ["section", "lines"],
            "properties": {
              "section": { "type": "string" },
              "doc_name": { "type": "string", "description": "The identifier the page gives on the other row, when it differs." },
              "attributes": { "$ref": "#/$defs/attributes" },
              "message": { "$ref": "#/$defs/text" },
              "cause": { "$ref": "#/$defs/text" },
              "solution": { "$ref": "#/$defs/text" },
              "notes": { "$ref": "#/$defs/texts" },
              "lines": { "$ref": "#/$defs/lines" }
            }
          }
        },
        "lines": { "$ref": "#/$defs/lines" },
        "translations": {
          "type": "object",
          "description": "The entry's texts in the catalog's other locales (see 'editions'), by locale; a field the edition does not give is absent.",
          "additionalProperties": {
            "type": "object",
            "properties": {
              "message": { "$ref": "#/$defs/text" },
              "cause": { "$ref": "#/$defs/text" },
              "solution": { "$ref": "#/$defs/text" },
              "notes": { "$ref": "#/$defs/texts" },
              "lines": { "$ref": "#/$defs/lines" }
            }
          }
        }
      }
    }
  }
}"##;

/// The index schema after its `$schema` and `$id`: its other members and
/// the closing brace.
pub const INDEX_SCHEMA_MEMBERS: &str = r##"
  "title": "errcat catalog index (errcat/v1)",
  "description": "The catalogs of a JSON package generated by errcat, one entry per catalog file beside the index. Fields may be added in later versions of errcat/v1; none is renamed.",
  "type": "object",
  "required": ["schema", "catalogs"],
  "properties": {
    "$schema": { "type": "string", "format": "uri-reference", "description": "The schema the document follows: this schema's URL where it is published, else the file beside the document." },
    "schema": { "const": "errcat/v1" },
    "catalogs": {
      "type": "array",
      "items": {
        "type": "object",
        "required": ["id", "title", "locale", "file", "source", "sha256", "groups", "entries"],
        "properties": {
          "id": { "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
          "title": { "type": "string" },
          "locale": { "type": "string", "pattern": "^[A-Za-z0-9-]+$" },
          "file": { "type": "string", "pattern": "^[a-z0-9_-]+\\.json$", "description": "The catalog's file, beside the index (it follows the catalog schema)." },
          "source": { "type": "string", "minLength": 1, "description": "The page the catalog was read from, under docs-src/." },
          "sha256": { "type": "string", "pattern": "^[0-9a-f]{64}$" },
          "groups": { "type": "integer", "minimum": 0 },
          "entries": { "type": "integer", "minimum": 0, "description": "Documented codes, in every group (retired codes not counted)." }
        }
      }
    }
  }
}"##;

/// `index.json`: the catalogs of the package.
#[derive(Debug, Serialize)]
struct Index<'a> {
    schema: &'a str,
    catalogs: Vec<IndexEntry<'a>>,
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

impl Language for Json {
    fn id(&self) -> &'static str {
        "json"
    }

    fn help(&self) -> &'static str {
        "an npm package of data: every catalog as JSON, an index, and the JSON Schemas they follow"
    }

    fn keywords(&self) -> &'static [&'static str] {
        &[]
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            // The package's own files: `index.json`, `schema.json`, `package.json`.
            IdentKind::Module => &["index", "schema", "package"],
            IdentKind::Type | IdentKind::Member => &[],
        }
    }

    fn case(&self, _kind: IdentKind, name: &str) -> String {
        name.to_owned()
    }

    /// JSON keeps every name as the catalog has it; only the file names of
    /// catalogs must not be the package's own files.
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

    /// `catalog_json`, the catalog's document; `catalog_members`, the same
    /// without its opening brace.
    fn module_documents(&self) -> &'static [&'static str] {
        &["catalog_json", "catalog_members"]
    }

    fn write_module_document(&self, key: &str, catalog: &Catalog, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if key == "catalog_members" {
            catalog.write_json(WithoutOpeningBrace { out, started: false })
        } else {
            catalog.write_json(out)
        }
    }

    /// `index_json`, the index's document, and `index_members`, the same
    /// without its opening brace; `catalog_schema_members` and
    /// `index_schema_members`, the schemas without `{`, `$schema` and `$id`.
    fn package_attribute(&self, key: &str, catalogs: &[Catalog]) -> Option<String> {
        match key {
            "index_json" => index_json(self, catalogs),
            "index_members" => index_json(self, catalogs).map(|json| json.trim_start_matches('{').to_owned()),
            _ => schema_members(key).map(str::to_owned),
        }
    }
}

/// The schema members of a package attribute, for every target that
/// publishes the schemas.
pub fn schema_members(key: &str) -> Option<&'static str> {
    match key {
        "catalog_schema_members" => Some(CATALOG_SCHEMA_MEMBERS),
        "index_schema_members" => Some(INDEX_SCHEMA_MEMBERS),
        _ => None,
    }
}

/// The index: each catalog with its file (the module name the naming gives
/// it, which avoids the package's own files), page and sizes.
fn index_json(language: &Json, catalogs: &[Catalog]) -> Option<String> {
    let mut taken = language.taken(IdentKind::Module);
    let index = Index {
        schema: crate::catalog::SCHEMA,
        catalogs: catalogs
            .iter()
            .map(|catalog| IndexEntry {
                id: &catalog.id,
                title: &catalog.title,
                locale: &catalog.locale,
                file: format!("{}.json", language.identifier(IdentKind::Module, &catalog.id, &mut taken).0),
                source: &catalog.source.file,
                sha256: &catalog.source.sha256,
                groups: catalog.groups.len(),
                entries: catalog.entries().count(),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&index).ok()
}

/// Writes everything but the first byte, which must be `{`.
struct WithoutOpeningBrace<'a> {
    out: &'a mut dyn std::io::Write,
    started: bool,
}

impl std::io::Write for WithoutOpeningBrace<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.started || bytes.is_empty() {
            return self.out.write(bytes);
        }
        if bytes[0] != b'{' {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "a document that is not an object"));
        }
        self.started = true;
        self.out.write_all(&bytes[1..])?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_id(members: &str) -> serde_json::Value {
        serde_json::from_str(&format!("{{\"$id\": \"urn:x\",{members}")).expect("the members complete a JSON object")
    }

    #[test]
    fn schema_members_complete_an_object_that_allows_schema() {
        for members in [CATALOG_SCHEMA_MEMBERS, INDEX_SCHEMA_MEMBERS] {
            let schema = with_id(members);
            assert_eq!(schema["$id"], "urn:x");
            assert_eq!(schema["properties"]["$schema"]["type"], "string");
            assert_eq!(schema["properties"]["schema"]["const"], crate::catalog::SCHEMA);
        }
    }

    #[test]
    fn documents_without_their_brace_are_their_members() {
        let catalog = crate::catalog::Catalog::from_json(
            r#"{"schema":"errcat/v1","id":"a","title":"t","locale":"en","source":{"file":"a.md","sha256":"00"},"groups":[]}"#,
        )
        .expect("catalog");
        let mut members = Vec::new();
        Json.write_module_document("catalog_members", &catalog, &mut members).expect("writes");
        let members = String::from_utf8(members).expect("utf-8");
        assert!(members.starts_with("\n  \"schema\": \"errcat/v1\","), "{members}");
        let whole: serde_json::Value =
            serde_json::from_str(&format!("{{\"$schema\": \"schema.json\",{members}")).expect("json");
        assert_eq!(whole["id"], "a");
        let index = Json.package_attribute("index_members", std::slice::from_ref(&catalog)).expect("index");
        let whole: serde_json::Value = serde_json::from_str(&format!("{{\"$schema\": \"x\",{index}")).expect("json");
        assert_eq!(whole["catalogs"][0]["file"], "a.json");
    }

    #[test]
    fn a_catalog_named_like_a_package_file_is_listed_under_its_own_file() {
        let catalog = crate::catalog::Catalog::from_json(
            r#"{"schema":"errcat/v1","id":"index","title":"t","locale":"en","source":{"file":"a.md","sha256":"00"},"groups":[]}"#,
        )
        .expect("catalog");
        let index: serde_json::Value =
            serde_json::from_str(&Json.package_attribute("index_json", &[catalog]).expect("index")).expect("json");
        assert_eq!(index["catalogs"][0]["file"], "index_.json");
    }
}
