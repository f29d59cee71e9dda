//! Kotlin: naming (one package per catalog, `<java_package>.<catalog>` with
//! the catalog's id in lower case without separators; a class per group
//! with SCREAMING_SNAKE constants in its companion; type names that would
//! shadow the types the generated code uses; package segments that are
//! Kotlin or Java keywords) and escaping (string literals with `$`, KDoc,
//! which nests `/*`). The package prefix is the manifest's `java_package`,
//! which the templates print; this module does not choose it.
//!
//! Integer codes are `Long`, as in Java for the same group; string codes
//! `String`.

use super::language::{IdentKind, Language, u4};
use super::model::CodeWidth;
use crate::idents::screaming_snake;
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
    "DISPLAY_LOCALE",
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
    "Comparable",
    "JvmField",
    "JvmStatic",
    "List",
    "Long",
    "Map",
    "Nothing",
    "Short",
    "String",
    "Suppress",
    "Unit",
];

/// What a group's class and its companion declare or read beside the
/// constants of its codes: a constant of the same name would clash with
/// them or hide them (the package's `LOCALE` from inside the class).
const RESERVED_MEMBERS: &[&str] = &[
    "LOCALE",
    "DISPLAY_LOCALE",
    "code",
    "codeName",
    "message",
    "cause",
    "solution",
    "isKnown",
    "isRetired",
    "isSuccess",
    "entries",
    "known",
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
        "Kotlin/JVM (Gradle project): one package per catalog, a class per group whose `fromCode` keeps unknown codes"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            // A package segment Java callers can import too.
            IdentKind::Module => super::java::KEYWORDS,
            IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => RESERVED_MEMBERS,
        }
    }

    fn rename_suffix(&self, kind: IdentKind) -> &'static str {
        match kind {
            IdentKind::Type => "Codes",
            // Package names have no underscores.
            IdentKind::Module => "codes",
            IdentKind::Member => "_",
        }
    }

    /// A catalog's package segment is its id in lower case without
    /// separators (`zegoserverreturncodes`), `c` before a leading digit.
    fn case(&self, kind: IdentKind, name: &str) -> String {
        match kind {
            IdentKind::Module => package_segment(name),
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

    /// `Long` for every integer group, as Java's `long`: the same group
    /// has the same code type in both.
    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "String" } else { "Long" }
    }

    fn int_literal(&self, code: i64, _width: CodeWidth) -> String {
        if code == i64::MIN {
            // `-9223372036854775808L` is not a valid Kotlin literal.
            "Long.MIN_VALUE".to_owned()
        } else {
            format!("{code}L")
        }
    }
}

/// A package segment from a catalog id: ASCII letters and digits in lower
/// case, nothing else; `c` before a leading digit (or for an id with
/// neither).
fn package_segment(id: &str) -> String {
    let out: String = id.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) { format!("c{out}") } else { out }
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
    fn integer_codes_are_long_like_java() {
        assert_eq!(Kotlin.code_type(CodeWidth::I32), "Long");
        assert_eq!(Kotlin.code_type(CodeWidth::I53), "Long");
        assert_eq!(Kotlin.code_type(CodeWidth::Text), "String");
        assert_eq!(Kotlin.int_literal(-2_147_483_648, CodeWidth::I32), "-2147483648L");
        assert_eq!(Kotlin.int_literal(4_294_967_296, CodeWidth::I53), "4294967296L");
        assert_eq!(Kotlin.int_literal(i64::MIN, CodeWidth::I64), "Long.MIN_VALUE");
    }

    #[test]
    fn package_segments_have_no_underscores() {
        assert_eq!(Kotlin.case(IdentKind::Module, "zego-server-return-codes"), "zegoserverreturncodes");
        assert_eq!(Kotlin.case(IdentKind::Module, "Rtc_Vendor"), "rtcvendor");
        assert_eq!(Kotlin.case(IdentKind::Module, "3rd"), "c3rd");
        let mut taken = Kotlin.taken(IdentKind::Module);
        assert_eq!(Kotlin.identifier(IdentKind::Module, "int", &mut taken).0, "intcodes");
        assert_eq!(Kotlin.identifier(IdentKind::Module, "in", &mut taken).0, "incodes");
    }

    #[test]
    fn kdoc_lines_cannot_open_or_close_comments() {
        assert_eq!(Kotlin.doc_line("a /* b */ c"), "a &#47;* b *&#47; c");
    }
}
