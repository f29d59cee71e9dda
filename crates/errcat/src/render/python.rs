//! Python: naming (snake_case modules, PascalCase classes, SCREAMING_SNAKE
//! class attributes; keywords, soft keywords and the names the generated
//! classes define are never taken) and escaping (string literals, `#`
//! comments).
//!
//! A group is a class derived from `int` (`str` for string codes), not an
//! `enum`: a lookup of a code this version does not know returns a value
//! that keeps the code, which `enum.IntEnum` cannot hold, and every value
//! compares, hashes and serializes as its plain code. The classes
//! themselves are in the templates (`templates/python/`).

use super::language::{IdentKind, Language, quoted_literal, snake_from_id, u4};
use super::model::CodeWidth;
use std::borrow::Cow;

/// Python keywords and soft keywords.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type", "_",
];

/// Module-level names of the generated modules and the package.
const RESERVED_MODULES: &[&str] = &["_base"];

/// Module-level names of the generated modules (`LOCALE`,
/// `DISPLAY_LOCALE`) and the shared classes and aliases of `_base`.
const RESERVED_TYPES: &[&str] =
    &["IntCode", "TextCode", "Retired", "Texts", "Entry", "Translations", "LOCALE", "DISPLAY_LOCALE"];

#[derive(Debug)]
pub struct Python;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Python);

impl Language for Python {
    fn id(&self) -> &'static str {
        "python"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["py"]
    }

    fn help(&self) -> &'static str {
        "an installable, typed package: one class per group, lookups that keep unknown codes"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module => RESERVED_MODULES,
            IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => &[],
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
            IdentKind::Member => crate::idents::screaming_snake(name),
        }
    }

    /// A class attribute named like its class would hide the class in the
    /// class body's annotations.
    fn reserved_in_type(&self, type_name: &str) -> Vec<String> {
        vec![type_name.to_owned()]
    }

    fn string_literal(&self, text: &str) -> String {
        quoted_literal(text, |_| None, u4)
    }

    fn none_literal(&self) -> &'static str {
        "None"
    }

    /// `#` comments end only at a line end: raw controls and separators
    /// are made visible.
    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        super::language::escape_doc(line, u4)
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "str" } else { "int" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_quotes_and_controls() {
        assert_eq!(Python.string_literal("a\"b\\c\n{x}"), r#""a\"b\\c\n{x}""#);
        assert_eq!(Python.string_literal("\0\u{2028}"), r#""\u0000\u2028""#);
    }

    #[test]
    fn keywords_and_soft_keywords_are_renamed() {
        let mut taken = Python.taken(IdentKind::Type);
        assert_eq!(Python.identifier(IdentKind::Type, "None", &mut taken), ("NoneCodes".to_owned(), true));
        let mut taken = Python.taken(IdentKind::Module);
        assert_eq!(Python.identifier(IdentKind::Module, "class", &mut taken).0, "class_");
    }
}
