//! Kotlin: naming (SCREAMING_SNAKE enum entries, type names that would
//! shadow the types the generated code uses, package names that are
//! keywords) and escaping (string literals with `$`, KDoc, which nests
//! `/*`).
//!
//! A group whose codes all fit in `Int` uses `Int`; otherwise `Long`.

use super::language::{IdentKind, Language, screaming_snake, snake_from_id, u4};
use super::model::CodeWidth;
use std::borrow::Cow;

/// Kotlin hard keywords (a package segment or identifier must not be one).
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
    "LOCALE",
    "Texts",
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

/// Members every generated enum class has: an entry of the same name would
/// clash with them or hide them.
const RESERVED_MEMBERS: &[&str] = &[
    "code",
    "message",
    "cause",
    "solution",
    "name",
    "ordinal",
    "entries",
    "values",
    "valueOf",
    "byCode",
    "fromCode",
    "Companion",
];

#[derive(Debug)]
pub struct Kotlin;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Kotlin);

impl Language for Kotlin {
    fn id(&self) -> &'static str {
        "kotlin"
    }

    fn help(&self) -> &'static str {
        "one `enum class` per group with `fromCode`, one package per catalog"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module => &[],
            IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => RESERVED_MEMBERS,
        }
    }

    fn rename_suffix(&self, kind: IdentKind) -> &'static str {
        match kind {
            IdentKind::Type => "Codes",
            IdentKind::Module | IdentKind::Member => "_",
        }
    }

    fn case(&self, kind: IdentKind, name: &str) -> String {
        match kind {
            IdentKind::Module => snake_from_id(name),
            IdentKind::Type => name.to_owned(),
            IdentKind::Member => screaming_snake(name),
        }
    }

    /// A string literal that evaluates to exactly `text` (`$` is escaped, so
    /// no template expression can form).
    fn string_literal(&self, text: &str) -> String {
        let special = |c| match c {
            '$' => Some("\\$"),
            '\u{8}' => Some("\\b"),
            _ => None,
        };
        super::language::quoted_literal(text, special, u4)
    }

    fn none_literal(&self) -> &'static str {
        "null"
    }

    /// A line safe inside KDoc: Kotlin block comments nest, so both `/*` and
    /// `*/` are broken up.
    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        if !line.contains("*/") && !line.contains("/*") {
            return super::language::escape_doc(line, u4);
        }
        Cow::Owned(super::language::escape_doc(&line.replace("*/", "*&#47;").replace("/*", "&#47;*"), u4).into_owned())
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        match width {
            CodeWidth::I32 => "Int",
            CodeWidth::Text => "String",
            _ => "Long",
        }
    }

    fn int_literal(&self, code: i64, width: CodeWidth) -> String {
        match (width, code) {
            (CodeWidth::I32, code) => code.to_string(),
            // `-9223372036854775808L` is not a valid Kotlin literal.
            (_, i64::MIN) => "Long.MIN_VALUE".to_owned(),
            (_, code) => format!("{code}L"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_dollar_and_controls() {
        assert_eq!(Kotlin.string_literal("${x} $y \"q\" \\"), r#""\${x} \$y \"q\" \\""#);
        assert_eq!(Kotlin.string_literal("\0\u{2028}"), r#""\u0000\u2028""#);
    }

    #[test]
    fn a_group_with_a_code_beyond_int_uses_long() {
        assert_eq!(Kotlin.code_type(CodeWidth::I53), "Long");
        assert_eq!(Kotlin.int_literal(4_294_967_296, CodeWidth::I53), "4294967296L");
        assert_eq!(Kotlin.int_literal(i64::MIN, CodeWidth::I64), "Long.MIN_VALUE");
        assert_eq!(
            (Kotlin.code_type(CodeWidth::I32), Kotlin.int_literal(-2_147_483_648, CodeWidth::I32).as_str()),
            ("Int", "-2147483648")
        );
    }

    #[test]
    fn kdoc_lines_cannot_open_or_close_comments() {
        assert_eq!(Kotlin.doc_line("a /* b */ c"), "a &#47;* b *&#47; c");
    }
}
