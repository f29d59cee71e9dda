//! Rust: naming (PascalCase variants, snake_case modules, keywords, the
//! reserved `Unknown` variant) and escaping (string literals, doc comments)
//! for the generated crate, plus its template context.
//!
//! Documentation text goes into doc comments inside a fenced `text` block,
//! so no markdown, link or HTML in it is interpreted by rustdoc.

use super::{RenderError, entry_doc_text, entry_summary, snake_from_id, unique};
use crate::catalog::Catalog;
use serde::Serialize;
use std::collections::BTreeSet;

/// Rust keywords (strict and reserved, all editions).
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Variant names the generated enum defines itself.
pub const RESERVED_VARIANTS: &[&str] = &["Unknown"];

/// A Rust string literal that evaluates to exactly `text`.
pub fn string_literal(text: &str) -> String {
    super::quoted_literal(text, |c| (c == '\0').then_some("\\0"), rust_unicode)
}

/// `\u{…}`, Rust's escape for any character.
fn rust_unicode(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// `Some("…")` or `None`.
pub fn optional_literal(text: Option<&str>) -> String {
    text.map_or_else(
        || "::core::option::Option::None".to_owned(),
        |text| format!("::core::option::Option::Some({})", string_literal(text)),
    )
}

/// Text safe inside a doc comment line: control characters become visible
/// escapes (a bare CR is not allowed in doc comments).
fn doc_safe(line: &str) -> String {
    super::escape_doc(line, rust_unicode)
}

/// Doc lines (without `///`): a summary, then `text` in a fenced block whose
/// fence is longer than any backtick run in the text.
pub fn doc_block(summary: &str, text: &[String]) -> Vec<String> {
    let mut lines = vec![doc_safe(summary)];
    if text.is_empty() {
        return lines;
    }
    let longest_run = text.iter().flat_map(|line| line.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run.max(2) + 1);
    lines.push(String::new());
    lines.push(format!("{fence}text"));
    lines.extend(text.iter().map(|line| doc_safe(line)));
    lines.push(fence);
    lines
}

/// A module name for a catalog id that is not a keyword.
pub fn module_name(id: &str) -> String {
    let name = snake_from_id(id);
    if KEYWORDS.contains(&name.as_str()) { format!("{name}_") } else { name }
}

#[derive(Debug, Serialize)]
pub struct PackageContext {
    pub crate_name: String,
    pub modules: Vec<ModuleContext>,
}

#[derive(Debug, Serialize)]
pub struct ModuleContext {
    pub module: String,
    pub id: String,
    pub doc: Vec<String>,
    pub groups: Vec<GroupContext>,
}

#[derive(Debug, Serialize)]
pub struct GroupContext {
    pub type_name: String,
    pub doc: Vec<String>,
    pub entries: Vec<EntryContext>,
    pub retired: Vec<EntryContext>,
}

#[derive(Debug, Serialize)]
pub struct EntryContext {
    pub variant: String,
    pub code: String,
    pub name: String,
    pub message: String,
    pub cause: String,
    pub solution: String,
    pub doc: Vec<String>,
}

pub fn package_context(catalogs: &[&Catalog]) -> Result<PackageContext, RenderError> {
    let mut modules = Vec::new();
    let mut module_names = BTreeSet::new();
    for catalog in catalogs {
        let module = unique(module_name(&catalog.id), &mut module_names, "_");
        let mut type_names = BTreeSet::new();
        let mut groups = Vec::new();
        for group in &catalog.groups {
            let type_name = unique(group.name.clone(), &mut type_names, "Codes");
            let mut variants: BTreeSet<String> = RESERVED_VARIANTS.iter().map(|name| (*name).to_owned()).collect();
            let entries = group
                .entries
                .iter()
                .map(|entry| EntryContext {
                    variant: unique(entry.name.clone(), &mut variants, "Code"),
                    code: format!("{}", entry.code.value()),
                    name: string_literal(&entry.name),
                    message: optional_literal(entry.message.as_deref()),
                    cause: optional_literal(entry.cause.as_deref()),
                    solution: optional_literal(entry.solution.as_deref()),
                    doc: doc_block(&entry_summary(entry), &entry_doc_text(entry)),
                })
                .collect();
            let retired = group
                .retired
                .iter()
                .map(|retired| EntryContext {
                    variant: unique(retired.name.clone(), &mut variants, "Code"),
                    code: format!("{}", retired.code.value()),
                    name: string_literal(&retired.name),
                    message: optional_literal(None),
                    cause: optional_literal(None),
                    solution: optional_literal(None),
                    doc: vec![format!("Code `{}`: no longer documented upstream; kept so that neither the number nor the name is reused.", retired.code)],
                })
                .collect();
            groups.push(GroupContext {
                type_name,
                doc: doc_block(
                    &format!("Codes of the section below ({} documented).", group.entries.len()),
                    std::slice::from_ref(&group.title),
                ),
                entries,
                retired,
            });
        }
        modules.push(ModuleContext {
            module,
            id: catalog.id.clone(),
            doc: doc_block(
                &format!(
                    "Catalog `{}` ({}), generated from `docs-src/{}`.",
                    catalog.id, catalog.locale, catalog.source.file
                ),
                std::slice::from_ref(&catalog.title),
            ),
            groups,
        });
    }
    Ok(PackageContext { crate_name: "errcat-codes".to_owned(), modules })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_everything_that_could_end_or_bend_them() {
        assert_eq!(string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\0y\r\n\u{2028}"), r#""x\0y\r\n\u{2028}""#);
        assert_eq!(string_literal("*/ ${x} `t` </script> #\" 😀"), "\"*/ ${x} `t` </script> #\\\" 😀\"");
    }

    #[test]
    fn doc_blocks_fence_longer_than_any_backtick_run() {
        let lines = doc_block("Code `1`.", &["a ```` b".to_owned(), "c\rd".to_owned()]);
        assert_eq!(lines[2], "`````text");
        assert_eq!(lines[4], "c\\u{d}d");
        assert_eq!(lines.last().map(String::as_str), Some("`````"));
    }

    #[test]
    fn keyword_module_names_are_escaped() {
        assert_eq!(module_name("type"), "type_");
        assert_eq!(module_name("zego-server-return-codes"), "zego_server_return_codes");
        assert_eq!(module_name("1x"), "c_1x");
    }
}
