//! Java: naming (one class per catalog named from its id, a nested final
//! class per group with one `public static final` constant per code,
//! SCREAMING_SNAKE constants; types that would shadow the `java.lang` types
//! the generated code uses) and escaping (string literals that no `\u`
//! translation can end, Javadoc with HTML entities for markup, `@` and
//! backslashes). The package itself is the manifest's `java_package`,
//! which the templates print; this module does not choose it.
//!
//! Integer codes are `long`, string codes `String`.

use super::language::{IdentKind, Language};
use super::model::CodeWidth;
use crate::idents::screaming_snake;
use std::borrow::Cow;

/// Static fields a group's class declares or reads beside its codes (a
/// constant of the same name would clash with them or hide them).
const RESERVED_MEMBERS: &[&str] = &["BY_CODE", "VALUES", "LOCALE", "DISPLAY_LOCALE"];

/// Java keywords, reserved literals and restricted identifiers.
pub use crate::idents::JAVA_KEYWORDS as KEYWORDS;

/// Type names that would shadow the `java.lang` types the generated code
/// uses.
pub const RESERVED_TYPES: &[&str] = &[
    "String",
    "Long",
    "Object",
    "Deprecated",
    "Override",
    "Enum",
    "Boolean",
    "Integer",
    "SuppressWarnings",
    "Texts",
    "LOCALE",
    "DISPLAY_LOCALE",
    "Comparable",
];

#[derive(Debug)]
pub struct Java;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Java);

impl Language for Java {
    fn id(&self) -> &'static str {
        "java"
    }

    fn help(&self) -> &'static str {
        "Java 17 sources (Maven project): one class per catalog, a final class per group whose `fromCode` keeps unknown codes"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module | IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => RESERVED_MEMBERS,
        }
    }

    fn rename_suffix(&self, kind: IdentKind) -> &'static str {
        match kind {
            IdentKind::Module | IdentKind::Type => "Codes",
            IdentKind::Member => "_",
        }
    }

    /// The class of a catalog is its id in PascalCase
    /// (`ZegoServerReturnCodes`).
    fn case(&self, kind: IdentKind, name: &str) -> String {
        match kind {
            IdentKind::Module => {
                let out = heck::ToUpperCamelCase::to_upper_camel_case(name);
                if out.starts_with(|c: char| c.is_ascii_alphabetic()) { out } else { format!("C{out}") }
            }
            IdentKind::Type => name.to_owned(),
            IdentKind::Member => screaming_snake(name),
        }
    }

    /// A string literal whose escapes are never `\u`: javac translates
    /// `\u` escapes before it reads literals, so `\u0022` would end one.
    /// Controls are octal escapes; other characters that must not appear
    /// raw are `\u` escapes of characters that end nothing.
    fn string_literal(&self, text: &str) -> String {
        let special = |c| match c {
            '\u{8}' => Some("\\b"),
            '\u{c}' => Some("\\f"),
            _ => None,
        };
        super::language::quoted_literal(text, special, |c| {
            if (c as u32) < 0x100 { format!("\\{:03o}", c as u32) } else { format!("\\u{:04x}", c as u32) }
        })
    }

    fn none_literal(&self) -> &'static str {
        "null"
    }

    /// A Javadoc line: markup characters, `@` (block tags), backslashes
    /// (javac would translate `\u` even in comments) and `*/` become HTML
    /// entities; characters that must not appear raw become `&#x…;`.
    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        let entity = |c: char| format!("&#x{:x};", c as u32);
        if !line.contains(['&', '<', '>', '@', '\\', '*']) {
            return super::language::escape_doc(line, entity);
        }
        let escaped = line
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('@', "&#64;")
            .replace('\\', "&#92;")
            .replace("*/", "*&#47;");
        Cow::Owned(super::language::escape_doc(&escaped, entity).into_owned())
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "String" } else { "long" }
    }

    fn int_literal(&self, code: i64, _width: CodeWidth) -> String {
        format!("{code}L")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_never_use_unicode_escapes_for_controls() {
        assert_eq!(Java.string_literal("a\"\\u0022\n\0"), r#""a\"\\u0022\n\000""#);
        assert_eq!(Java.string_literal("\u{2028}\u{85}"), r#""\u2028\205""#);
    }

    #[test]
    fn javadoc_lines_escape_markup_tags_backslashes_and_comment_ends() {
        assert_eq!(Java.doc_line("<b> @see \\u002a/ */ &"), "&lt;b&gt; &#64;see &#92;u002a/ *&#47; &amp;");
    }

    #[test]
    fn classes_are_named_from_catalog_ids() {
        assert_eq!(Java.case(IdentKind::Module, "zego-server-return-codes"), "ZegoServerReturnCodes");
        assert_eq!(Java.case(IdentKind::Module, "3rd"), "C3rd");
    }
}
