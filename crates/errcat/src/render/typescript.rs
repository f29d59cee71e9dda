//! TypeScript: naming (type names that would shadow globals the generated
//! code uses, the package's shared types or reserved words, keys that would
//! change an object's prototype, lowerCamel lookup functions, namespace
//! names the package root already exports) and escaping (string literals,
//! JSDoc) for the generated npm package: plain JavaScript, an ES module
//! build (`.js`, `.d.ts`) and a CommonJS build (`.cjs`, `.d.cts`) from the
//! same templates, which Node, bundlers and a default `tsc` project load as
//! they are. How values behave (one value per code, `toString`, `toJSON`,
//! `compare`) is the templates' `base.js`; this module decides no behaviour.
//!
//! A group whose codes go beyond 2^53 has `bigint` codes (`123n`).

use super::language::{IdentKind, Language, lower_camel, quoted_literal, u4};
use super::model::CodeWidth;
use crate::catalog::Catalog;
use std::borrow::Cow;

/// Reserved words of ECMAScript and TypeScript (strict mode, contextual
/// type names included).
pub const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "any",
    "boolean",
    "constructor",
    "declare",
    "get",
    "module",
    "require",
    "number",
    "set",
    "string",
    "symbol",
    "type",
    "from",
    "of",
    "await",
    "async",
    "never",
    "unknown",
    "object",
    "bigint",
    "undefined",
    "keyof",
    "readonly",
    "infer",
    "is",
    "asserts",
    "satisfies",
    "accessor",
    "out",
    "global",
    "namespace",
    "abstract",
    "override",
    "arguments",
    "eval",
];

/// Names a generated type must not take: globals the generated code uses,
/// and the package's own shared types and functions (each module
/// re-exports the shared types).
pub const RESERVED_TYPES: &[&str] = &[
    "Array",
    "Code",
    "CodeValue",
    "LocaleTexts",
    "Texts",
    "Translations",
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
    "unknownCode",
];

/// Keys that would change or shadow what every object has.
const RESERVED_KEYS: &[&str] = &["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];

#[derive(Debug)]
pub struct TypeScript;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&TypeScript);

impl Language for TypeScript {
    fn id(&self) -> &'static str {
        "typescript"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["ts"]
    }

    fn help(&self) -> &'static str {
        "an npm package (ES module and CommonJS builds with types): per group a frozen object of values, a union type and a lookup"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            // Files of the package, and names the package root exports
            // beside one namespace per module.
            IdentKind::Module => &["index", "base", "compare", "noTranslations"],
            IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => RESERVED_KEYS,
        }
    }

    /// Modules are files named by the catalog id.
    fn case(&self, _kind: IdentKind, name: &str) -> String {
        name.to_owned()
    }

    fn module_alias(&self, catalog: &Catalog) -> Option<String> {
        Some(super::language::camel_from_id(&catalog.id))
    }

    fn string_literal(&self, text: &str) -> String {
        // `</script>` and `<!--` cannot appear literally if the code is inlined into HTML.
        quoted_literal(text, |c| (c == '<').then_some("\\u003c"), u4)
    }

    fn none_literal(&self) -> &'static str {
        "null"
    }

    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        if !line.contains("*/") {
            return super::language::escape_doc(line, u4);
        }
        Cow::Owned(super::language::escape_doc(&line.replace("*/", "*\\/"), u4).into_owned())
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        match width {
            CodeWidth::Text => "string",
            CodeWidth::I64 => "bigint",
            CodeWidth::I32 | CodeWidth::I53 => "number",
        }
    }

    fn int_literal(&self, code: i64, width: CodeWidth) -> String {
        if width == CodeWidth::I64 { format!("{code}n") } else { code.to_string() }
    }

    fn type_attribute(&self, key: &str, type_name: &str) -> Option<String> {
        match key {
            "lookup" => Some(format!("{}FromCode", lower_camel(type_name))),
            "by_code" => Some(format!("{}ByCode", lower_camel(type_name))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_controls_separators_and_script_tags() {
        assert_eq!(TypeScript.string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(TypeScript.string_literal("\0\u{2028}</script>${x}`"), r#""\u0000\u2028\u003c/script>${x}`""#);
    }

    #[test]
    fn doc_lines_cannot_close_the_comment() {
        assert_eq!(TypeScript.doc_line("a */ b"), "a *\\/ b");
    }

    #[test]
    fn prototype_keys_and_reserved_types_are_renamed() {
        let mut taken = TypeScript.taken(IdentKind::Member);
        assert_eq!(TypeScript.identifier(IdentKind::Member, "__proto__", &mut taken), ("Proto".to_owned(), true));
        let mut taken = TypeScript.taken(IdentKind::Type);
        assert_eq!(TypeScript.identifier(IdentKind::Type, "Error", &mut taken), ("ErrorCodes".to_owned(), true));
        // Each module re-exports the shared types.
        assert_eq!(
            TypeScript.identifier(IdentKind::Type, "CodeValue", &mut taken),
            ("CodeValueCodes".to_owned(), true)
        );
    }

    #[test]
    fn modules_cannot_take_the_names_the_package_root_exports() {
        let mut taken = TypeScript.taken(IdentKind::Module);
        assert_eq!(TypeScript.identifier(IdentKind::Module, "compare", &mut taken).0, "compare_");
        assert!(TypeScript.taken(IdentKind::Module).contains("noTranslations"));
    }
}
