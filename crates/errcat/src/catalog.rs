//! The canonical catalog (contract `errcat/v1`): the on-disk boundary type,
//! with its YAML and JSON forms.
//!
//! Field names are a contract read by other repositories: fields may be
//! added, never renamed without a schema bump. Optional fields are omitted
//! when empty so that the YAML stays reviewable. This module does not build
//! catalogs from documents (see `lower`) and touches no files.

use crate::code::{Code, CodeType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema identifier written into every catalog.
pub const SCHEMA: &str = "errcat/v1";

/// One page's codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema: String,
    pub id: String,
    pub title: String,
    pub locale: String,
    pub source: SourceRef,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The other locales of the page whose texts the entries carry
    /// (`translations`), with where each came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<EditionRef>,
    pub groups: Vec<Group>,
}

/// One more locale of a catalog's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionRef {
    pub locale: String,
    pub source: SourceRef,
}

/// An entry's texts in another locale (absent fields: the edition gives
/// none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Source lines in the edition's page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<u32>,
}

/// Where a catalog came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Path under `docs-src/` (or the path given to `errcat ingest`).
    pub file: String,
    /// SHA-256 of the page's bytes, lowercase hex.
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream: Option<String>,
}

impl SourceRef {
    /// A link to `line` of the page upstream: the line itself where the
    /// host addresses lines (a GitHub file, shown or raw), else the page.
    /// `None` without an http(s) upstream URL.
    pub fn line_url(&self, line: Option<u32>) -> Option<String> {
        let url = self.upstream.as_deref()?;
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return None;
        }
        let page = url.split('#').next().unwrap_or(url);
        let shown = if let Some(rest) = page.strip_prefix("https://raw.githubusercontent.com/") {
            // owner/repo/ref/path → github.com/owner/repo/blob/ref/path
            let mut parts = rest.splitn(3, '/');
            match (parts.next(), parts.next(), parts.next()) {
                (Some(owner), Some(repo), Some(path)) => Some(format!("https://github.com/{owner}/{repo}/blob/{path}")),
                _ => None,
            }
        } else if page.starts_with("https://github.com/") && page.contains("/blob/") {
            Some(page.to_owned())
        } else {
            None
        };
        Some(match (shown, line) {
            (Some(shown), Some(line)) => format!("{shown}#L{line}"),
            (Some(shown), None) => shown,
            (None, _) => url.to_owned(),
        })
    }
}

/// The fragment id of one code on a page about catalogs (the error
/// index's permalink): `<catalog>-<group>-<code>`. Letters, digits, `-`,
/// `_` and `.` are kept; every other byte is written `~xx`, so every code
/// has an id that is the same in HTML, URLs and CSS selectors alike.
pub fn entry_anchor(catalog: &str, group: &str, code: &Code) -> String {
    let mut out = String::with_capacity(catalog.len() + group.len() + 16);
    for part in [catalog, group, &code.to_string()] {
        if !out.is_empty() {
            out.push('-');
        }
        push_fragment(&mut out, part);
    }
    out
}

/// The fragment id of a group (`<catalog>-<group>`) or, with `group`
/// `None`, of a catalog.
pub fn group_anchor(catalog: &str, group: Option<&str>) -> String {
    let mut out = String::new();
    push_fragment(&mut out, catalog);
    if let Some(group) = group {
        out.push('-');
        push_fragment(&mut out, group);
    }
    out
}

fn push_fragment(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("~{byte:02x}"));
        }
    }
}

/// One group of codes: one generated type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// PascalCase type name.
    pub name: String,
    /// The heading (or headings) the group came from.
    pub title: String,
    /// `string` when the group's codes are strings (`InvalidParameter`,
    /// `order-not-exist`); then every code of the group is a string, even
    /// one the page writes as digits. Omitted for integer groups.
    #[serde(default, skip_serializing_if = "CodeType::is_integer")]
    pub code_type: CodeType,
    /// The group's title in the catalog's other locales.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, String>,
    pub entries: Vec<Entry>,
    /// Documented code ranges (`120001 - 130000`), recorded as ranges and
    /// never expanded into entries. Generated code does not name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<CodeRange>,
    /// The catch-all row (`Other`, `其他`, `*`): what every code the group
    /// does not list means. Generated code does not name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<CatchAll>,
    /// Codes the name lockfile keeps although the page no longer documents
    /// them (tombstones): their numbers and names are never reused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<Retired>,
}

/// An inclusive range of codes documented in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeRange {
    pub from: Code,
    pub to: Code,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub lines: Vec<u32>,
}

/// The catch-all row of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatchAll {
    /// The code cell as written (`Other`, `其他`).
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    pub lines: Vec<u32>,
}

/// A code removed upstream, kept as a tombstone by the name lockfile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retired {
    pub code: Code,
    pub name: String,
}

/// One documented code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub code: Code,
    /// The code as the page writes it when that is not plain decimal
    /// (`0x8A150001`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
    /// PascalCase, unique within the group.
    pub name: String,
    /// The identifier the document itself gives, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Absent when the document says `-` or nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The page marks the code deprecated (`[deprecated] kFoo`, `已废弃`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Columns without a field role (type, module, HTTP status, a second
    /// form of the code, a second-language description), by header text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// The other codes of a multi-code row (`1010、5007`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub same_row: Vec<Code>,
    /// Sections the entry was documented in, when sections were merged into
    /// one group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// Other wordings of the same code: in other sections (merged groups),
    /// or a conflicting repeat in the same section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    /// Source lines this entry came from (row, continuation rows, repeats).
    pub lines: Vec<u32>,
    /// The entry's texts in the catalog's other locales (`editions`), by
    /// locale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: BTreeMap<String, Translation>,
}

/// A different wording of a code, documented in another section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub section: String,
    /// The identifier the page gives on the other row, when it differs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_name: Option<String>,
    /// The other row's attributes, when they differ.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solution: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub lines: Vec<u32>,
}

/// Why a catalog file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{0}")]
    Yaml(String),
    #[error("{0}")]
    Json(#[from] serde_json::Error),
    #[error("unsupported schema `{0}` (this errcat reads `{SCHEMA}`)")]
    Schema(String),
    #[error("{0}")]
    Invalid(String),
}

/// A BCP 47 tag as catalogs carry it: ASCII letters, digits and `-`, so it
/// is safe as written inside any generated literal or attribute.
pub fn is_valid_locale(locale: &str) -> bool {
    !locale.trim().is_empty() && locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

impl Catalog {
    /// All entries of all groups, with their group.
    pub fn entries(&self) -> impl Iterator<Item = (&Group, &Entry)> {
        self.groups.iter().flat_map(|group| group.entries.iter().map(move |entry| (group, entry)))
    }

    /// The catalog as YAML. Multi-line text uses `|` block scalars; long
    /// lines are never folded, so reviewers can grep them.
    pub fn to_yaml(&self) -> String {
        let mut options = serde_saphyr::SerializerOptions::default();
        options.folded_wrap_chars = usize::MAX;
        options.min_fold_chars = usize::MAX;
        let body = serde_saphyr::to_string_with_options(self, options)
            .unwrap_or_else(|error| format!("# serialization failed: {error}\n"));
        let mut out = body.trim_end().to_owned();
        out.push('\n');
        out
    }

    /// The YAML file: a one-line header comment (e.g. which command
    /// generated it from which page), then [`Catalog::to_yaml`].
    pub fn to_yaml_file(&self, header: &str) -> String {
        let header: String = header.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        format!("# {header}\n{}", self.to_yaml())
    }

    pub fn from_yaml(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = crate::yaml::from_str(text).map_err(|error| CatalogError::Yaml(error.to_string()))?;
        catalog.check_schema()
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        // Writing into memory cannot fail, and serde_json writes UTF-8.
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// [`Catalog::to_json`] streamed into `out`, without the whole text in
    /// memory (a large catalog's JSON is several times its page).
    pub fn write_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }

    pub fn from_json(text: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog = serde_json::from_str(text)?;
        catalog.check_schema()
    }

    /// The schema, and the fields every target prints as they are: the id
    /// (`[a-z0-9-]+`) and every locale (BCP 47), so that a catalog file
    /// written by hand cannot carry text into generated code through them.
    fn check_schema(self) -> Result<Catalog, CatalogError> {
        if self.schema != SCHEMA {
            return Err(CatalogError::Schema(self.schema));
        }
        if !is_valid_id(&self.id) {
            return Err(CatalogError::Invalid(format!("catalog id `{}` must match [a-z0-9-]+", self.id)));
        }
        let group_locales = self.groups.iter().flat_map(|group| group.titles.keys());
        let entry_locales = self.entries().flat_map(|(_, entry)| entry.translations.keys());
        let edition_locales = self.editions.iter().map(|edition| &edition.locale);
        for locale in std::iter::once(&self.locale).chain(edition_locales).chain(group_locales).chain(entry_locales) {
            if !is_valid_locale(locale) {
                return Err(CatalogError::Invalid(format!(
                    "locale `{locale}` is not a BCP 47 tag (ASCII letters, digits and `-`)"
                )));
            }
        }
        self.check_unique()?;
        Ok(self)
    }

    /// What every target relies on: group names unique in the catalog;
    /// codes and entry names unique in a group; every code of the group's
    /// type. (A code documented twice keeps its other meanings as
    /// `variants` of one entry.)
    fn check_unique(&self) -> Result<(), CatalogError> {
        let mut group_names = std::collections::HashSet::new();
        for group in &self.groups {
            if !group_names.insert(group.name.as_str()) {
                return Err(CatalogError::Invalid(format!("group name `{}` is used by two groups", group.name)));
            }
            let mut codes = std::collections::HashSet::new();
            let mut names = std::collections::HashSet::new();
            for entry in &group.entries {
                if !codes.insert(&entry.code) {
                    return Err(CatalogError::Invalid(format!(
                        "group `{}` has code {} twice (a second meaning belongs in the entry's `variants`)",
                        group.name, entry.code
                    )));
                }
                if !names.insert(entry.name.as_str()) {
                    return Err(CatalogError::Invalid(format!(
                        "group `{}` has the name `{}` on two codes",
                        group.name, entry.name
                    )));
                }
                if entry.code.is_text() == group.code_type.is_integer() {
                    return Err(CatalogError::Invalid(format!(
                        "group `{}` has code type {:?} but code `{}` is not of that type",
                        group.name, group.code_type, entry.code
                    )));
                }
            }
        }
        Ok(())
    }
}

/// True for a valid catalog id.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(upstream: Option<&str>) -> SourceRef {
        SourceRef { file: "page.md".to_owned(), sha256: String::new(), upstream: upstream.map(str::to_owned) }
    }

    #[test]
    fn line_links_point_at_the_line_where_the_host_addresses_lines() {
        let raw = source(Some("https://raw.githubusercontent.com/acme/docs/main/errors/codes.md"));
        assert_eq!(
            raw.line_url(Some(12)).as_deref(),
            Some("https://github.com/acme/docs/blob/main/errors/codes.md#L12")
        );
        let shown = source(Some("https://github.com/acme/docs/blob/v2/codes.md#intro"));
        assert_eq!(shown.line_url(Some(3)).as_deref(), Some("https://github.com/acme/docs/blob/v2/codes.md#L3"));
        assert_eq!(shown.line_url(None).as_deref(), Some("https://github.com/acme/docs/blob/v2/codes.md"));
        let page = source(Some("https://doc-zh.zego.im/article/19702"));
        assert_eq!(page.line_url(Some(22)).as_deref(), Some("https://doc-zh.zego.im/article/19702"));
        assert_eq!(source(Some("javascript:alert(1)")).line_url(Some(1)), None);
        assert_eq!(source(None).line_url(Some(1)), None);
    }

    #[test]
    fn catalog_files_with_an_unsafe_id_or_locale_are_refused() {
        let good =
            "schema: errcat/v1\nid: demo\ntitle: T\nlocale: zh-CN\nsource: {file: p.md, sha256: x}\ngroups: []\n";
        assert!(Catalog::from_yaml(good).is_ok());
        let bad_locale = good.replace("locale: zh-CN", "locale: 'en\\\"); evil(\\\"'");
        assert!(matches!(Catalog::from_yaml(&bad_locale), Err(CatalogError::Invalid(_))), "{bad_locale}");
        let bad_id = good.replace("id: demo", "id: '\\\"><script>'");
        assert!(matches!(Catalog::from_yaml(&bad_id), Err(CatalogError::Invalid(_))), "{bad_id}");
    }

    #[test]
    fn anchors_keep_safe_characters_and_encode_every_other_byte() {
        assert_eq!(entry_anchor("zego-server", "Common", &Code::new(100)), "zego-server-Common-100");
        assert_eq!(entry_anchor("c", "G", &Code::new(-3)), "c-G--3");
        assert_eq!(entry_anchor("c", "G", &Code::text("Rate_Limit.Exceeded")), "c-G-Rate_Limit.Exceeded");
        assert_eq!(entry_anchor("c", "G", &Code::text("a\"b <x>~错")), "c-G-a~22b~20~3cx~3e~7e~e9~94~99");
        assert_eq!(group_anchor("c", Some("G")), "c-G");
        assert_eq!(group_anchor("c", None), "c");
    }
}
