//! TypeScript: naming (type names that would shadow globals the generated
//! code uses, lowerCamel lookup functions) and escaping (string literals,
//! JSDoc) for the generated ESM package, plus its template context.
//!
//! The output uses `as const` objects and union types, no `enum` and no
//! namespaces, so it compiles under `--erasableSyntaxOnly`.

use super::{RenderError, entry_doc_lines, unique};
use crate::catalog::Catalog;
use serde::Serialize;
use std::collections::BTreeSet;

/// Names a generated type must not take: globals the generated code uses,
/// and the package's own shared types.
pub const RESERVED_TYPES: &[&str] = &[
    "Array",
    "BigInt",
    "Boolean",
    "CodeEntry",
    "Date",
    "Error",
    "Function",
    "JSON",
    "Map",
    "Math",
    "Number",
    "Object",
    "Promise",
    "ReadonlyMap",
    "Record",
    "RegExp",
    "Set",
    "String",
    "Symbol",
    "UnknownCode",
];

/// Largest integer a JavaScript number holds exactly.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A double-quoted string literal that evaluates to exactly `text`.
pub fn string_literal(text: &str) -> String {
    // `</script>` and `<!--` cannot appear literally if the code is inlined into HTML.
    super::quoted_literal(text, |c| (c == '<').then_some("\\u003c"), super::u4)
}

/// `"…"` or `null`.
pub fn optional_literal(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_owned(), string_literal)
}

/// A line safe inside a `/** … */` comment.
pub fn doc_line(line: &str) -> String {
    super::escape_doc(&line.replace("*/", "*\\/"), super::u4)
}

/// `lowerCamelCase` from PascalCase.
pub fn lower_camel(pascal: &str) -> String {
    let mut chars = pascal.chars();
    chars.next().map_or_else(String::new, |first| first.to_ascii_lowercase().to_string() + chars.as_str())
}

#[derive(Debug, Serialize)]
pub struct PackageContext {
    pub package_name: String,
    pub modules: Vec<ModuleContext>,
}

#[derive(Debug, Serialize)]
pub struct ModuleContext {
    pub file: String,
    pub namespace: String,
    pub doc: Vec<String>,
    pub groups: Vec<GroupContext>,
}

#[derive(Debug, Serialize)]
pub struct GroupContext {
    pub type_name: String,
    pub lookup: String,
    pub by_code: String,
    pub doc: Vec<String>,
    pub entries: Vec<EntryContext>,
}

#[derive(Debug, Serialize)]
pub struct EntryContext {
    pub key: String,
    pub code: String,
    pub name: String,
    pub message: String,
    pub cause: String,
    pub solution: String,
    pub retired: bool,
    pub doc: Vec<String>,
}

pub fn package_context(catalogs: &[&Catalog]) -> Result<PackageContext, RenderError> {
    let mut modules = Vec::new();
    let mut namespaces = BTreeSet::new();
    for catalog in catalogs {
        let namespace = unique(lower_camel(&crate::naming::to_pascal_case(&catalog.id)), &mut namespaces, "Codes");
        let mut type_names: BTreeSet<String> = RESERVED_TYPES.iter().map(|name| (*name).to_owned()).collect();
        let mut groups = Vec::new();
        for group in &catalog.groups {
            let type_name = unique(group.name.clone(), &mut type_names, "Codes");
            let mut keys = BTreeSet::new();
            let mut entries = Vec::new();
            let codes =
                group.entries.iter().map(|entry| entry.code).chain(group.retired.iter().map(|retired| retired.code));
            if let Some(code) = codes.clone().find(|code| code.value().abs() > MAX_SAFE_INTEGER) {
                return Err(RenderError::Unrepresentable(format!(
                    "catalog `{}`, group `{}`: code {code} does not fit in a JavaScript number",
                    catalog.id, group.title
                )));
            }
            for entry in &group.entries {
                let doc = entry_doc_lines(entry);
                entries.push(EntryContext {
                    key: unique(entry.name.clone(), &mut keys, "Code"),
                    code: entry.code.to_string(),
                    name: string_literal(&entry.name),
                    message: optional_literal(entry.message.as_deref()),
                    cause: optional_literal(entry.cause.as_deref()),
                    solution: optional_literal(entry.solution.as_deref()),
                    retired: false,
                    doc: doc.iter().map(|line| doc_line(line)).collect(),
                });
            }
            for retired in &group.retired {
                entries.push(EntryContext {
                    key: unique(retired.name.clone(), &mut keys, "Code"),
                    code: retired.code.to_string(),
                    name: string_literal(&retired.name),
                    message: "null".to_owned(),
                    cause: "null".to_owned(),
                    solution: "null".to_owned(),
                    retired: true,
                    doc: vec![format!("Code `{}`.", retired.code)],
                });
            }
            let lookup = format!("{}FromCode", lower_camel(&type_name));
            let by_code = format!("{}ByCode", lower_camel(&type_name));
            groups.push(GroupContext { doc: vec![doc_line(&group.title)], type_name, lookup, by_code, entries });
        }
        modules.push(ModuleContext {
            file: catalog.id.clone(),
            namespace,
            doc: [
                format!(
                    "Catalog `{}` ({}), generated from `docs-src/{}`.",
                    catalog.id, catalog.locale, catalog.source.file
                ),
                catalog.title.clone(),
            ]
            .iter()
            .map(|line| doc_line(line))
            .collect(),
            groups,
        });
    }
    Ok(PackageContext { package_name: "errcat-codes".to_owned(), modules })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_controls_separators_and_script_tags() {
        assert_eq!(string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string_literal("\0\u{2028}</script>${x}`"), r#""\u0000\u2028\u003c/script>${x}`""#);
    }

    #[test]
    fn doc_lines_cannot_close_the_comment() {
        assert_eq!(doc_line("a */ b"), "a *\\/ b");
    }
}
