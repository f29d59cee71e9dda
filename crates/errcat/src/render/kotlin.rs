//! Kotlin: naming (SCREAMING_SNAKE enum entries, type names that would
//! shadow the types the generated code uses, package names) and escaping
//! (string literals with `$`, KDoc, which nests `/*`), plus the context.
//!
//! A group whose codes all fit in `Int` uses `Int`; otherwise `Long`.

use super::{RenderError, entry_doc_lines, screaming_snake, snake_from_id, unique};
use crate::catalog::Catalog;
use serde::Serialize;
use std::collections::BTreeSet;

/// Kotlin hard keywords (a package segment must not be one).
pub const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

/// Type names that would shadow types the generated code uses.
pub const RESERVED_TYPES: &[&str] = &[
    "Any",
    "Array",
    "Boolean",
    "Byte",
    "Char",
    "Companion",
    "Deprecated",
    "Double",
    "Enum",
    "Float",
    "Int",
    "JvmStatic",
    "List",
    "Long",
    "Map",
    "Nothing",
    "Short",
    "String",
    "Unit",
];

/// A string literal that evaluates to exactly `text` (`$` is escaped, so
/// no template expression can form).
pub fn string_literal(text: &str) -> String {
    let special = |c| match c {
        '$' => Some("\\$"),
        '\u{8}' => Some("\\b"),
        _ => None,
    };
    super::quoted_literal(text, special, super::u4)
}

pub fn optional_literal(text: Option<&str>) -> String {
    text.map_or_else(|| "null".to_owned(), string_literal)
}

/// A line safe inside KDoc: Kotlin block comments nest, so both `/*` and
/// `*/` are broken up.
pub fn doc_line(line: &str) -> String {
    super::escape_doc(&line.replace("*/", "*&#47;").replace("/*", "&#47;*"), super::u4)
}

#[derive(Debug, Serialize)]
pub struct ModuleContext {
    /// Output path, e.g. `errcat/codes/zego_server_return_codes/Codes.kt`.
    pub path: String,
    pub package: String,
    pub doc: Vec<String>,
    pub groups: Vec<GroupContext>,
}

#[derive(Debug, Serialize)]
pub struct GroupContext {
    pub type_name: String,
    pub code_type: String,
    pub doc: Vec<String>,
    pub entries: Vec<EntryContext>,
}

#[derive(Debug, Serialize)]
pub struct EntryContext {
    pub constant: String,
    pub code: String,
    pub message: String,
    pub cause: String,
    pub solution: String,
    pub retired: bool,
    pub doc: Vec<String>,
}

pub fn module_contexts(catalogs: &[&Catalog]) -> Result<Vec<ModuleContext>, RenderError> {
    let mut modules = Vec::new();
    let mut packages = BTreeSet::new();
    for catalog in catalogs {
        let mut segment = snake_from_id(&catalog.id);
        if KEYWORDS.contains(&segment.as_str()) {
            segment.push('_');
        }
        let segment = unique(segment, &mut packages, "_");
        let mut type_names: BTreeSet<String> = RESERVED_TYPES.iter().map(|name| (*name).to_owned()).collect();
        let mut groups = Vec::new();
        for group in &catalog.groups {
            let type_name = unique(group.name.clone(), &mut type_names, "Codes");
            let codes: Vec<i64> = group
                .entries
                .iter()
                .map(|e| e.code.value())
                .chain(group.retired.iter().map(|r| r.code.value()))
                .collect();
            let fits_int = codes.iter().all(|code| i32::try_from(*code).is_ok());
            // `-9223372036854775808L` is not a valid Kotlin literal.
            let literal = |code: i64| match (fits_int, code) {
                (true, code) => code.to_string(),
                (false, i64::MIN) => "Long.MIN_VALUE".to_owned(),
                (false, code) => format!("{code}L"),
            };
            let mut constants = BTreeSet::new();
            let mut entries = Vec::new();
            for entry in &group.entries {
                let doc = entry_doc_lines(entry);
                entries.push(EntryContext {
                    constant: unique(screaming_snake(&entry.name), &mut constants, "_"),
                    code: literal(entry.code.value()),
                    message: optional_literal(entry.message.as_deref()),
                    cause: optional_literal(entry.cause.as_deref()),
                    solution: optional_literal(entry.solution.as_deref()),
                    retired: false,
                    doc: doc.iter().map(|line| doc_line(line)).collect(),
                });
            }
            for retired in &group.retired {
                entries.push(EntryContext {
                    constant: unique(screaming_snake(&retired.name), &mut constants, "_"),
                    code: literal(retired.code.value()),
                    message: "null".to_owned(),
                    cause: "null".to_owned(),
                    solution: "null".to_owned(),
                    retired: true,
                    doc: vec![format!("Code `{}`.", retired.code)],
                });
            }
            groups.push(GroupContext {
                type_name,
                code_type: if fits_int { "Int" } else { "Long" }.to_owned(),
                doc: vec![doc_line(&group.title)],
                entries,
            });
        }
        let package = format!("errcat.codes.{segment}");
        modules.push(ModuleContext {
            path: format!("{}/Codes.kt", package.replace('.', "/")),
            package,
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
    Ok(modules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_dollar_and_controls() {
        assert_eq!(string_literal("${x} $y \"q\" \\"), r#""\${x} \$y \"q\" \\""#);
        assert_eq!(string_literal("\0\u{2028}"), r#""\u0000\u2028""#);
    }

    #[test]
    fn a_group_with_a_code_beyond_int_uses_long() {
        let mut catalog: Catalog = crate::catalog::Catalog::from_yaml(concat!(
            "schema: errcat/v1\nid: wide\ntitle: W\nlocale: en\nsource: {file: w.md, sha256: x}\n",
            "groups:\n- name: Wide\n  title: W\n  entries:\n  - {code: 1, name: One, lines: [1]}\n",
            "- name: Narrow\n  title: N\n  entries:\n  - {code: -2147483648, name: Min, lines: [2]}\n"
        ))
        .expect("catalog");
        catalog.groups[0].entries[0].code = crate::code::Code::new(4_294_967_296);
        let mut extreme = catalog.groups[0].entries[0].clone();
        extreme.code = crate::code::Code::new(i64::MIN);
        catalog.groups[0].entries.push(extreme);
        let modules = module_contexts(&[&catalog]).expect("renders");
        let (wide, narrow) = (&modules[0].groups[0], &modules[0].groups[1]);
        assert_eq!((wide.code_type.as_str(), wide.entries[0].code.as_str()), ("Long", "4294967296L"));
        assert_eq!(wide.entries[1].code, "Long.MIN_VALUE");
        assert_eq!((narrow.code_type.as_str(), narrow.entries[0].code.as_str()), ("Int", "-2147483648"));
    }

    #[test]
    fn kdoc_lines_cannot_open_or_close_comments() {
        assert_eq!(doc_line("a /* b */ c"), "a &#47;* b *&#47; c");
    }
}
