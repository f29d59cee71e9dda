//! Rust: naming (PascalCase variants, snake_case modules, every keyword,
//! including `Self`, `self`, `super` and `crate`, which cannot even be raw
//! identifiers, and the names the generated enum defines itself) and
//! escaping (string literals, doc comments) for the generated crate.
//!
//! Documentation text goes into doc comments inside a fenced `text` block,
//! so no markdown, link or HTML in it is interpreted by rustdoc.

use super::language::{IdentKind, Language, catalog_summary, snake_from_id};
use super::model::{CodeWidth, Member};
use crate::catalog::{Catalog, Group};
use std::borrow::Cow;

/// Rust keywords (strict, reserved and weak, all editions), and the names
/// of primitive types, which a type of the same name would shadow.
pub const KEYWORDS: &[&str] = &[
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "try",
    "gen",
    "union",
    "macro_rules",
    "raw",
    "safe",
    "_",
];

/// Names the generated code defines or refers to unqualified.
const RESERVED_TYPES: &[&str] = &[
    "bool",
    "char",
    "f32",
    "f64",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "str",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "LOCALE",
    "DISPLAY_LOCALE",
];

/// Variant and associated-item names the generated enum defines itself.
pub const RESERVED_VARIANTS: &[&str] = &["Unknown", "ALL"];

/// Modules `lib.rs` or the prelude could clash with.
const RESERVED_MODULES: &[&str] = &["core", "std", "alloc", "serde"];

#[derive(Debug)]
pub struct Rust;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Rust);

/// `\u{…}`, Rust's escape for any character.
fn rust_unicode(c: char) -> String {
    format!("\\u{{{:x}}}", c as u32)
}

/// Escapes of Rust string literals beyond the C-like ones.
fn rust_special(c: char) -> Option<&'static str> {
    (c == '\0').then_some("\\0")
}

/// Text safe inside a doc comment line: control characters become visible
/// escapes (a bare CR is not allowed in doc comments).
fn doc_safe(line: &str) -> Cow<'_, str> {
    super::language::escape_doc(line, rust_unicode)
}

impl Language for Rust {
    fn id(&self) -> &'static str {
        "rust"
    }

    fn help(&self) -> &'static str {
        "a crate with one enum per group (`Unknown` keeps new codes)"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module => RESERVED_MODULES,
            IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => RESERVED_VARIANTS,
        }
    }

    fn case(&self, kind: IdentKind, name: &str) -> String {
        match kind {
            IdentKind::Module => snake_from_id(name),
            IdentKind::Type | IdentKind::Member => name.to_owned(),
        }
    }

    fn string_literal(&self, text: &str) -> String {
        super::language::quoted_literal(text, rust_special, rust_unicode)
    }

    fn none_literal(&self) -> &'static str {
        "::core::option::Option::None"
    }

    fn optional_literal(&self, text: Option<&str>) -> String {
        const SOME: &str = "::core::option::Option::Some(";
        let Some(text) = text else { return self.none_literal().to_owned() };
        let mut out = String::with_capacity(SOME.len() + text.len() + 3);
        out.push_str(SOME);
        super::language::push_quoted(&mut out, text, rust_special, rust_unicode);
        out.push(')');
        out
    }

    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        doc_safe(line)
    }

    /// A summary, then `text` in a fenced block whose fence is longer than
    /// any backtick run in the text.
    fn doc_lines<'a>(&self, summary: Cow<'a, str>, text: Vec<Cow<'a, str>>) -> Vec<Cow<'a, str>> {
        let mut lines = Vec::with_capacity(text.len() + 4);
        lines.push(self.doc_line_owned(summary));
        if text.is_empty() {
            return lines;
        }
        let longest_run = text.iter().flat_map(|line| line.split(|c| c != '`')).map(str::len).max().unwrap_or(0);
        // A fence of three backticks is by far the most common: no copy.
        let fence: Cow<'a, str> =
            if longest_run <= 2 { Cow::Borrowed("```") } else { Cow::Owned("`".repeat(longest_run + 1)) };
        lines.push(Cow::Borrowed(""));
        lines.push(Cow::Owned(format!("{fence}text")));
        lines.extend(text.into_iter().map(|line| self.doc_line_owned(line)));
        lines.push(fence);
        lines
    }

    fn module_doc<'a>(&self, catalog: &'a Catalog) -> Vec<Cow<'a, str>> {
        self.doc_lines(Cow::Owned(catalog_summary(catalog)), vec![Cow::Borrowed(catalog.title.as_str())])
    }

    fn group_doc<'a>(&self, group: &'a Group) -> Vec<Cow<'a, str>> {
        self.doc_lines(
            Cow::Owned(format!("Codes of the section below ({} documented).", group.entries.len())),
            vec![Cow::Borrowed(group.title.as_str())],
        )
    }

    fn member_doc<'a>(&self, member: &Member<'a>) -> Vec<Cow<'a, str>> {
        if member.retired {
            vec![self.doc_line_owned(Cow::Owned(format!(
                "Code `{}`: no longer documented upstream; kept so that neither the number nor the name is reused.",
                member.code
            )))]
        } else {
            self.doc_lines(Cow::Owned(member.summary()), member.doc_text())
        }
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "&'static str" } else { "i64" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_everything_that_could_end_or_bend_them() {
        assert_eq!(Rust.string_literal("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(Rust.string_literal("x\0y\r\n\u{2028}"), r#""x\0y\r\n\u{2028}""#);
        assert_eq!(Rust.string_literal("*/ ${x} `t` </script> #\" 😀"), "\"*/ ${x} `t` </script> #\\\" 😀\"");
    }

    #[test]
    fn doc_blocks_fence_longer_than_any_backtick_run() {
        let lines = Rust.doc_lines("Code `1`.".into(), vec!["a ```` b".into(), "c\rd".into()]);
        assert_eq!(lines[2], "`````text");
        assert_eq!(lines[4], "c\\u{d}d");
        assert_eq!(lines.last().map(|line| line.as_ref()), Some("`````"));
        let plain = Rust.doc_lines("Code `1`.".into(), vec!["a `b` c".into()]);
        assert_eq!(plain[2], "```text");
        assert_eq!(plain.last().map(|line| line.as_ref()), Some("```"));
    }

    #[test]
    fn keywords_and_reserved_names_are_renamed() {
        let mut taken = Rust.taken(IdentKind::Module);
        assert_eq!(Rust.identifier(IdentKind::Module, "type", &mut taken), ("type_".to_owned(), true));
        assert_eq!(
            Rust.identifier(IdentKind::Module, "zego-server-return-codes", &mut taken),
            ("zego_server_return_codes".to_owned(), false)
        );
        assert_eq!(Rust.identifier(IdentKind::Module, "1x", &mut taken).0, "c_1x");
        let mut taken = Rust.taken(IdentKind::Member);
        assert_eq!(Rust.identifier(IdentKind::Member, "Self", &mut taken), ("SelfCode".to_owned(), true));
        assert_eq!(Rust.identifier(IdentKind::Member, "self", &mut taken), ("SelfCode2".to_owned(), true));
        assert_eq!(Rust.identifier(IdentKind::Member, "Unknown", &mut taken), ("UnknownCode".to_owned(), true));
        assert_eq!(Rust.identifier(IdentKind::Member, "RateLimited", &mut taken), ("RateLimited".to_owned(), false));
    }
}
