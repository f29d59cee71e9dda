//! Go: naming (one scope per package, so a code's constant is its type's
//! name and its own, `ServerCodeSuccess`; predeclared identifiers and the
//! package's own `Doc` type are never taken) and escaping (interpreted
//! string literals, `//` doc comments whose text is an indented block, so
//! gofmt keeps it as written).
//!
//! Every integer group is an `int64` type, every string-coded group a
//! `string` type: a conversion keeps any code, known or not.

use super::language::{IdentKind, Language, Scope, u4};
use super::model::{CodeWidth, Member};
use crate::catalog::{Catalog, Group};
use std::borrow::Cow;

/// Go keywords and predeclared identifiers (types, constants, functions).
pub const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "true",
    "false",
    "iota",
    "nil",
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
];

/// Package-level names the generated code declares or imports.
pub const RESERVED_TYPES: &[&str] = &["Doc", "DisplayLocale", "Locale", "strconv", "text"];

/// A member named `Codes` would take the name of its type's `<Type>Codes`.
const RESERVED_MEMBERS: &[&str] = &["Codes"];

/// The module path of the generated module (`go.mod`) when the manifest
/// sets none; a consumer points it at `generated/go/` with a `replace`
/// directive.
pub const MODULE_PATH: &str = crate::manifest::package_defaults::GO_MODULE;

/// Words Go writes all in capitals in identifiers (`RoomID`, `APIKey`):
/// the common initialisms of Go's style checks (staticcheck ST1003).
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON", "LHS",
    "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "UID", "UUID", "URI",
    "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

/// A PascalCase name with Go's initialisms in capitals: `RoomIdInvalid`
/// becomes `RoomIDInvalid`, `JsonParseError` `JSONParseError`. A word
/// starts at a capital letter that follows a lower-case letter or a digit.
fn initialisms(name: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut previous: Option<char> = None;
    for (at, c) in name.char_indices() {
        if c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
            words.push(&name[start..at]);
            start = at;
        }
        previous = Some(c);
    }
    words.push(&name[start..]);
    words
        .into_iter()
        .map(|word| match INITIALISMS.iter().find(|initialism| initialism.eq_ignore_ascii_case(word)) {
            Some(initialism) => (*initialism).to_owned(),
            None => word.to_owned(),
        })
        .collect()
}

#[derive(Debug)]
pub struct Go;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Go);

impl Language for Go {
    fn id(&self) -> &'static str {
        "go"
    }

    fn help(&self) -> &'static str {
        "a Go module: one package per catalog, one named type with constants per group"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module => &["main", "internal"],
            IdentKind::Type => RESERVED_TYPES,
            IdentKind::Member => RESERVED_MEMBERS,
        }
    }

    /// Package names are lower case letters and digits
    /// (`zegoserverreturncodes`), starting with a letter.
    fn case(&self, kind: IdentKind, name: &str) -> String {
        match kind {
            IdentKind::Module => {
                let out: String =
                    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
                if out.starts_with(|c: char| c.is_ascii_alphabetic()) { out } else { format!("c{out}") }
            }
            IdentKind::Type | IdentKind::Member => initialisms(name),
        }
    }

    fn scope(&self) -> Scope {
        Scope::Module
    }

    fn qualify(&self, kind: IdentKind, _module: &str, type_name: &str, name: &str) -> String {
        match kind {
            IdentKind::Member => format!("{type_name}{name}"),
            _ => name.to_owned(),
        }
    }

    fn type_companions(&self, type_name: &str) -> Vec<String> {
        vec![format!("{type_name}Codes")]
    }

    /// An interpreted string literal: `\"`, `\\`, the usual control escapes,
    /// `\uXXXX` for every other character that must not appear raw (a BOM
    /// inside a Go file is an error).
    fn string_literal(&self, text: &str) -> String {
        super::language::quoted_literal(text, |_| None, u4)
    }

    fn none_literal(&self) -> &'static str {
        "nil"
    }

    /// A text that may be absent: a pointer to it (`text("…")`) or `nil`.
    fn optional_literal(&self, text: Option<&str>) -> String {
        text.map_or_else(|| "nil".to_owned(), |text| format!("text({})", self.string_literal(text)))
    }

    /// A `//` comment cannot be closed early: only raw controls and
    /// separators are made visible.
    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        super::language::escape_doc(line, u4)
    }

    /// `// Catalog … generated from …`, then the title as an indented
    /// block.
    fn module_doc<'a>(&self, catalog: &'a Catalog) -> Vec<Cow<'a, str>> {
        block(self, Cow::Owned(super::language::catalog_summary(catalog)), vec![Cow::Borrowed(catalog.title.as_str())])
    }

    fn group_doc<'a>(&self, group: &'a Group) -> Vec<Cow<'a, str>> {
        block(self, Cow::Borrowed("Documented as:"), vec![Cow::Borrowed(group.title.as_str())])
    }

    fn member_doc<'a>(&self, member: &Member<'a>) -> Vec<Cow<'a, str>> {
        let summary = Cow::Owned(member.summary());
        if member.retired {
            return vec![summary];
        }
        block(self, summary, member.doc_text())
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "string" } else { "int64" }
    }
}

/// A doc comment: the summary, a blank line, then every text line indented
/// by a tab (a code block to gofmt and go doc: kept verbatim, never read as
/// a heading, list or link).
fn block<'a>(language: &Go, summary: Cow<'a, str>, text: Vec<Cow<'a, str>>) -> Vec<Cow<'a, str>> {
    let mut lines = vec![language.doc_line_owned(summary)];
    let text: Vec<Cow<'a, str>> = text.into_iter().filter(|line| !line.trim().is_empty()).collect();
    if !text.is_empty() {
        lines.push(Cow::Borrowed(""));
        for line in text {
            let line = language.doc_line_owned(line);
            lines.push(Cow::Owned(format!("\t{}", line.trim_end())));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initialisms_are_in_capitals() {
        assert_eq!(initialisms("RoomIdInvalid"), "RoomIDInvalid");
        assert_eq!(initialisms("JsonParseError"), "JSONParseError");
        assert_eq!(initialisms("ApiKeyMissing"), "APIKeyMissing");
        assert_eq!(initialisms("Http2Url"), "Http2URL", "a word with a digit is no initialism");
        assert_eq!(initialisms("Identity"), "Identity");
        assert_eq!(initialisms("StreamIds"), "StreamIds");
        assert_eq!(initialisms("Code1001"), "Code1001");
    }

    #[test]
    fn package_names_are_lower_case_letters_and_digits() {
        assert_eq!(Go.case(IdentKind::Module, "zego-server-return-codes"), "zegoserverreturncodes");
        assert_eq!(Go.case(IdentKind::Module, "3rd-party"), "c3rdparty");
    }

    #[test]
    fn string_literals_escape_quotes_controls_and_the_bom() {
        assert_eq!(Go.string_literal("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(Go.string_literal("\0\u{feff}`"), r#""\u0000\ufeff`""#);
    }
}
