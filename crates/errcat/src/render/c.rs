//! C: naming (one global scope, so every identifier carries its catalog
//! and group: `zego_server_return_codes_common` is a group's type,
//! `ZEGO_SERVER_RETURN_CODES_COMMON_INVALID_HOST` one of its codes, and
//! the type's functions and the header's guard are kept unique with them)
//! and escaping (C99 string literals with octal escapes, `?` escaped
//! against trigraphs; block comments that can neither close nor nest).
//!
//! A group whose codes fit `int` is an `enum`; a wider group is a `long
//! long` type with one macro per code; a string-coded group has one string
//! macro per code. Lookups take `long`, `long long` or `const char *`.
//!
//! The library around them (CMake build, pkg-config file, version header,
//! umbrella header) is the templates'; only the names they take are
//! reserved here.

use super::RenderError;
use super::language::{IdentKind, Language, Scope, snake_from_id};
use super::model::CodeWidth;
use crate::catalog::{Catalog, Group};
use crate::idents::screaming_snake;
use std::borrow::Cow;

/// C99 keywords (and C11's, which a C99 header must not take either).
pub const KEYWORDS: &[&str] = &[
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "_Bool",
    "_Complex",
    "_Imaginary",
    "_Alignas",
    "_Alignof",
    "_Atomic",
    "_Generic",
    "_Noreturn",
    "_Static_assert",
    "_Thread_local",
];

/// The macro every header defines for retired codes.
pub const DEPRECATED_MACRO: &str = "ERRCAT_DEPRECATED";

/// The functions (and private table) each group declares beside its type.
const COMPANIONS: &[&str] = &[
    "_name",
    "_message",
    "_cause",
    "_solution",
    "_is_retired",
    "_is_known",
    "_is_success",
    "_display",
    "_codes",
    "_code_count",
    "_entry",
    "_entries",
    "_find",
];

/// The package's own headers beside the catalogs' (`errcat.h` includes
/// every catalog's header, `errcat_version.h` has the version and linkage
/// macros): no catalog's header may take their names.
const PACKAGE_HEADERS: &[&str] = &["errcat", "errcat_version"];

#[derive(Debug)]
pub struct C;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&C);

impl Language for C {
    fn id(&self) -> &'static str {
        "c"
    }

    fn help(&self) -> &'static str {
        "C99: one header and one source per catalog, an `enum` and lookup functions per group"
    }

    fn keywords(&self) -> &'static [&'static str] {
        KEYWORDS
    }

    fn reserved(&self, kind: IdentKind) -> &'static [&'static str] {
        match kind {
            IdentKind::Module => PACKAGE_HEADERS,
            IdentKind::Type | IdentKind::Member => &[],
        }
    }

    fn case(&self, kind: IdentKind, name: &str) -> String {
        match kind {
            IdentKind::Module => snake_from_id(name),
            IdentKind::Type | IdentKind::Member => name.to_owned(),
        }
    }

    fn scope(&self) -> Scope {
        Scope::Global
    }

    fn qualify(&self, kind: IdentKind, module: &str, type_name: &str, name: &str) -> String {
        match kind {
            IdentKind::Module => name.to_owned(),
            IdentKind::Type => format!("{module}_{}", heck::ToSnakeCase::to_snake_case(name)),
            IdentKind::Member => format!("{}_{}", type_name.to_ascii_uppercase(), screaming_snake(name)),
        }
    }

    /// C strings end at the first NUL: a text or code holding one cannot be
    /// rendered byte for byte, so it is refused.
    fn check(&self, catalog: &Catalog, group: &Group, _width: CodeWidth) -> Result<(), RenderError> {
        for member in super::model::members(group) {
            let texts = [member.code.as_text(), Some(member.name), member.message(), member.cause(), member.solution()];
            let translated = member
                .entry
                .into_iter()
                .flat_map(|entry| entry.translations.values())
                .flat_map(|text| [text.message.as_deref(), text.cause.as_deref(), text.solution.as_deref()]);
            if texts.into_iter().chain(translated).flatten().any(|text| text.contains('\0')) {
                return Err(RenderError::Unrepresentable(format!(
                    "catalog `{}`, group `{}`, code {}: a text holds a NUL character, which a C string cannot",
                    catalog.id, group.title, member.code
                )));
            }
        }
        Ok(())
    }

    fn type_companions(&self, type_name: &str) -> Vec<String> {
        COMPANIONS.iter().map(|suffix| format!("{type_name}{suffix}")).collect()
    }

    fn module_companions(&self, module: &str) -> Vec<String> {
        vec![
            guard(module),
            format!("{}LOCALE", prefix(module)),
            format!("{}DISPLAY_LOCALE", prefix(module)),
            DEPRECATED_MACRO.to_owned(),
            "ERRCAT_TEXTS_DEFINED".to_owned(),
        ]
    }

    /// A C99 string literal: the usual escapes, `\?` (so no trigraph can
    /// form), and every character that must not appear raw as the octal
    /// escapes of its UTF-8 bytes (octal escapes stop after three digits,
    /// hexadecimal ones would swallow the text after them).
    fn string_literal(&self, text: &str) -> String {
        super::language::quoted_literal(
            text,
            |c| (c == '?').then_some("\\?"),
            |c| c.encode_utf8(&mut [0; 4]).bytes().map(|byte| format!("\\{byte:03o}")).collect(),
        )
    }

    fn none_literal(&self) -> &'static str {
        "NULL"
    }

    /// A line inside a `/* */` comment: `*/` would close it and `/*` is a
    /// warning there, so both are broken with a space; so is `??`, which
    /// starts a trigraph (`??/` would even join the next line).
    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        let visible = |c: char| format!("<U+{:04X}>", c as u32);
        let breaks = ["*/", "/*", "??"];
        if !breaks.iter().any(|pair| line.contains(pair)) {
            return super::language::escape_doc(line, visible);
        }
        let mut text = line.to_owned();
        while breaks.iter().any(|pair| text.contains(pair)) {
            text = text.replace("*/", "* /").replace("/*", "/ *").replace("??", "? ?");
        }
        Cow::Owned(super::language::escape_doc(&text, visible).into_owned())
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        match width {
            CodeWidth::I32 => "long",
            CodeWidth::I53 | CodeWidth::I64 => "long long",
            CodeWidth::Text => "const char *",
        }
    }

    fn int_literal(&self, code: i64, width: CodeWidth) -> String {
        match (width, code) {
            (CodeWidth::I32, code) => code.to_string(),
            // `9223372036854775808LL` does not fit: the literal is a sum.
            (_, i64::MIN) => "(-9223372036854775807LL - 1)".to_owned(),
            (_, code) => format!("{code}LL"),
        }
    }

    fn module_attribute(&self, key: &str, module: &str) -> Option<String> {
        match key {
            "guard" => Some(guard(module)),
            "guard_prefix" => Some(prefix(module)),
            _ => None,
        }
    }
}

/// The prefix of a module's own macros (`ZEGO_SERVER_RETURN_CODES_`).
pub fn prefix(module: &str) -> String {
    format!("{}_", module.to_ascii_uppercase())
}

/// The include guard of a module's header.
pub fn guard(module: &str) -> String {
    format!("ERRCAT_{}_H", module.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_trigraphs_and_write_controls_as_octal_bytes() {
        assert_eq!(C.string_literal("??/ \"\\"), r#""\?\?/ \"\\""#);
        assert_eq!(C.string_literal("\0"), r#""\000""#);
        assert_eq!(C.string_literal("\u{2028}1"), r#""\342\200\2501""#);
    }

    #[test]
    fn comment_lines_can_neither_close_nor_nest() {
        assert_eq!(C.doc_line("a */ b /* c **/ d"), "a * / b / * c ** / d");
        assert_eq!(C.doc_line("*//*"), "* // *");
    }

    #[test]
    fn comment_lines_hold_no_trigraph() {
        assert_eq!(C.doc_line("what??/"), "what? ?/");
        assert_eq!(C.doc_line("???="), "? ? ?=");
    }

    #[test]
    fn no_catalog_header_takes_the_package_headers_names() {
        use crate::catalog::{Catalog, Entry, SCHEMA, SourceRef};
        let catalog = |id: &str| Catalog {
            schema: SCHEMA.to_owned(),
            id: id.to_owned(),
            title: "T".to_owned(),
            locale: "en".to_owned(),
            source: SourceRef { file: format!("{id}.md"), sha256: String::new(), upstream: None },
            notes: Vec::new(),
            editions: Vec::new(),
            groups: vec![Group {
                title: "G".to_owned(),
                entries: vec![Entry { code: crate::code::Code::new(1), name: "One".to_owned(), ..Entry::default() }],
                ..Group::default()
            }],
        };
        let model = super::super::CodeModel::new(vec![catalog("errcat"), catalog("errcat-version")]);
        let (naming, _) = super::super::identifiers::Identifiers::new(&C, &model);
        let modules: Vec<String> = naming.modules.iter().map(|module| module.name.to_string()).collect();
        assert_eq!(modules.len(), 2);
        for module in &modules {
            assert!(!PACKAGE_HEADERS.contains(&module.as_str()), "{module} takes a package header's name: {modules:?}");
        }
    }

    #[test]
    fn identifiers_carry_their_catalog_and_group() {
        let ty = C.qualify(IdentKind::Type, "zego_server", "", "MixStream");
        assert_eq!(ty, "zego_server_mix_stream");
        assert_eq!(
            C.qualify(IdentKind::Member, "zego_server", &ty, "InvalidHost"),
            "ZEGO_SERVER_MIX_STREAM_INVALID_HOST"
        );
    }
}
