//! The `Language` trait: what differs between targets and nothing else:
//! keywords and reserved member names, identifier case, string-literal and
//! doc-comment escaping, code literals and types, and the shape of doc
//! comments. Naming rules shared by every language (sanitizing, renaming a
//! keyword or reserved name, making siblings unique) are provided methods
//! here, so every target applies them the same way.
//!
//! Also the escaping helpers the languages share (`quoted_literal`,
//! `escape_doc`, `must_escape`) and case helpers. No template handling here.

use super::RenderError;
use super::model::{CodeWidth, Member};
use crate::catalog::{Catalog, Group};
use crate::code::Code;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What an identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IdentKind {
    /// A module, package segment or file, from the catalog id.
    Module,
    /// A type, from the group name.
    Type,
    /// One code of a type (variant, key, constant), from the entry name.
    Member,
}

impl IdentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IdentKind::Module => "module",
            IdentKind::Type => "type",
            IdentKind::Member => "member",
        }
    }
}

/// Where a language's types and members are declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Members inside their type, types inside their module (Rust, Kotlin…).
    Nested,
    /// Types and members share one scope per module (Go: `ServerCodeSuccess`).
    Module,
    /// Every module's types and members share one global scope (C).
    Global,
}

/// Everything a target language decides. One implementation per target,
/// registered once in [`super::TARGETS`].
pub trait Language: Sync + std::fmt::Debug {
    /// The target's name: `--target` value, `templates/<id>/`, `generated/<id>/`.
    fn id(&self) -> &'static str;

    /// Other `--target` spellings (`ts`).
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }

    /// One line for `--help`.
    fn help(&self) -> &'static str;

    /// Words that can never be identifiers, escaped or not, in this language.
    fn keywords(&self) -> &'static [&'static str];

    /// Names the generated code itself defines or uses at this level
    /// (`Unknown`, `ALL`, globals the code refers to).
    fn reserved(&self, kind: IdentKind) -> &'static [&'static str];

    /// What is appended to a reserved or repeated name (`Codes`, `_`).
    fn rename_suffix(&self, kind: IdentKind) -> &'static str {
        match kind {
            IdentKind::Module => "_",
            IdentKind::Type => "Codes",
            IdentKind::Member => "Code",
        }
    }

    /// The language's case for a name: PascalCase names for types and
    /// members, catalog ids for modules.
    fn case(&self, kind: IdentKind, name: &str) -> String;

    /// Where types and members are declared. In a flat scope
    /// ([`Scope::Module`], [`Scope::Global`]) every identifier is
    /// [`qualify`](Self::qualify)'d and kept unique across the whole scope,
    /// with the names the generated code derives from each type
    /// ([`type_companions`](Self::type_companions)).
    fn scope(&self) -> Scope {
        Scope::Nested
    }

    /// The full identifier of a type (`type_name` is empty) or a member in
    /// a flat scope, from the module, type and local names
    /// (`ZEGO_SERVER_RETURN_CODES_SERVER_CODE_SUCCESS`).
    fn qualify(&self, _kind: IdentKind, _module: &str, _type_name: &str, name: &str) -> String {
        name.to_owned()
    }

    /// Names a type's generated code declares beside it in a flat scope
    /// (C's `<type>_message`), from its qualified name.
    fn type_companions(&self, _type_name: &str) -> Vec<String> {
        Vec::new()
    }

    /// Member names a type of this name cannot have (Python: its own name,
    /// which a class attribute would hide inside the class body).
    fn reserved_in_type(&self, _type_name: &str) -> Vec<String> {
        Vec::new()
    }

    /// Names a module's generated code declares in a flat scope besides its
    /// types (C's include guard), from the module name.
    fn module_companions(&self, _module: &str) -> Vec<String> {
        Vec::new()
    }

    /// A second, language-level name of a module besides its path name
    /// (TypeScript's namespace), unique across modules with `Codes`.
    fn module_alias(&self, _catalog: &Catalog) -> Option<String> {
        None
    }

    /// A string literal that evaluates to exactly `text`.
    fn string_literal(&self, text: &str) -> String;

    /// The literal of an absent text (`null`, `None`).
    fn none_literal(&self) -> &'static str;

    /// The literal of a text that may be absent.
    fn optional_literal(&self, text: Option<&str>) -> String {
        text.map_or_else(|| self.none_literal().to_owned(), |text| self.string_literal(text))
    }

    /// One line safe inside this language's doc comment (borrowed when it
    /// already is).
    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str>;

    /// [`doc_line`](Self::doc_line) of a line the caller owns.
    fn doc_line_owned<'a>(&self, line: Cow<'a, str>) -> Cow<'a, str> {
        match line {
            Cow::Borrowed(line) => self.doc_line(line),
            Cow::Owned(line) => Cow::Owned(self.doc_line(&line).into_owned()),
        }
    }

    /// Doc-comment lines: a summary, then text lines, each made safe.
    fn doc_lines<'a>(&self, summary: Cow<'a, str>, text: Vec<Cow<'a, str>>) -> Vec<Cow<'a, str>> {
        std::iter::once(summary).chain(text).map(|line| self.doc_line_owned(line)).collect()
    }

    /// The doc of a module (catalog).
    fn module_doc<'a>(&self, catalog: &'a Catalog) -> Vec<Cow<'a, str>> {
        self.doc_lines(Cow::Owned(catalog_summary(catalog)), vec![Cow::Borrowed(catalog.title.as_str())])
    }

    /// The doc of a type (group).
    fn group_doc<'a>(&self, group: &'a Group) -> Vec<Cow<'a, str>> {
        vec![self.doc_line(&group.title)]
    }

    /// The doc of one code.
    fn member_doc<'a>(&self, member: &Member<'a>) -> Vec<Cow<'a, str>> {
        if member.retired {
            vec![self.doc_line_owned(Cow::Owned(format!("Code `{}`.", member.code)))]
        } else {
            self.doc_lines(Cow::Owned(member.summary()), member.doc_text())
        }
    }

    /// The code type of a group of this width (`i64`, `Int`; the string
    /// type for [`CodeWidth::Text`]).
    fn code_type(&self, width: CodeWidth) -> &'static str;

    /// A code literal in a group of this width: a number, or a string
    /// literal for a string code.
    fn code_literal(&self, code: &Code, width: CodeWidth) -> String {
        match code {
            Code::Int(value) => self.int_literal(*value, width),
            Code::Text(text) => self.string_literal(text),
        }
    }

    /// An integer code literal in a group of this width.
    fn int_literal(&self, code: i64, _width: CodeWidth) -> String {
        code.to_string()
    }

    /// Refuses catalogs this language cannot represent.
    fn check(&self, _catalog: &Catalog, _group: &Group, _width: CodeWidth) -> Result<(), RenderError> {
        Ok(())
    }

    /// Language-specific names derived from a type name (`lookup`).
    fn type_attribute(&self, _key: &str, _type_name: &str) -> Option<String> {
        None
    }

    /// Names of language-specific module values that are documents written
    /// straight into the output when printed (JSON's `catalog_json`), never
    /// held in memory whole.
    fn module_documents(&self) -> &'static [&'static str] {
        &[]
    }

    /// Writes the module document `key` (one of
    /// [`module_documents`](Self::module_documents)) of `catalog`.
    fn write_module_document(
        &self,
        _key: &str,
        _catalog: &Catalog,
        _out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        Ok(())
    }

    /// Language-specific module values from the module's name (C's
    /// include `guard`).
    fn module_attribute(&self, _key: &str, _module: &str) -> Option<String> {
        None
    }

    /// Language-specific package values (JSON's index).
    fn package_attribute(&self, _key: &str, _catalogs: &[Catalog]) -> Option<String> {
        None
    }

    /// The identifier for `raw` of `kind`: sanitized to an ASCII PascalCase
    /// name (types, members) when it is not one, put in the language's case,
    /// and made unique among `taken` (which starts with the keywords and
    /// reserved names) by appending [`rename_suffix`](Self::rename_suffix).
    /// Returns the name and whether it differs from the plain case of `raw`.
    fn identifier(&self, kind: IdentKind, raw: &str, taken: &mut BTreeSet<String>) -> (String, bool) {
        let sanitized = match kind {
            IdentKind::Module => raw.to_owned(),
            _ if crate::idents::is_pascal_case(raw) => raw.to_owned(),
            _ => {
                let pascal = crate::idents::to_pascal_case(raw);
                if pascal.starts_with(|c: char| c.is_ascii_alphabetic()) { pascal } else { format!("X{pascal}") }
            }
        };
        let cased = self.case(kind, &sanitized);
        let name = unique(cased.clone(), taken, self.rename_suffix(kind));
        let renamed = name != cased || sanitized != raw;
        (name, renamed)
    }

    /// The names taken before any identifier of `kind` is chosen.
    fn taken(&self, kind: IdentKind) -> BTreeSet<String> {
        self.keywords().iter().chain(self.reserved(kind)).map(|word| (*word).to_owned()).collect()
    }
}

/// `Catalog `id` (locale), generated from `docs-src/file`.`
pub(crate) fn catalog_summary(catalog: &Catalog) -> String {
    format!("Catalog `{}` ({}), generated from `docs-src/{}`.", catalog.id, catalog.locale, catalog.source.file)
}

pub use crate::escape::{Breaks, escape_markup, must_escape, show_controls};

/// A double-quoted string literal that evaluates to exactly `text` in a
/// C-like language: `"`, `\\`, LF, CR and TAB get their usual escapes,
/// `special` may escape more (`$` in Kotlin), and every character that
/// [`must_escape`] is written with `unicode` (the language's syntax).
pub(crate) fn quoted_literal(
    text: &str,
    special: impl Fn(char) -> Option<&'static str>,
    unicode: impl Fn(char) -> String,
) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_quoted(&mut out, text, special, unicode);
    out
}

/// [`quoted_literal`] appended to `out`.
pub(crate) fn push_quoted(
    out: &mut String,
    text: &str,
    special: impl Fn(char) -> Option<&'static str>,
    unicode: impl Fn(char) -> String,
) {
    out.push('"');
    // Runs of characters that need no escape are copied whole.
    let mut run = 0;
    for (at, c) in text.char_indices() {
        let escape = match special(c) {
            Some(escape) => Cow::Borrowed(escape),
            None => match c {
                '"' => Cow::Borrowed("\\\""),
                '\\' => Cow::Borrowed("\\\\"),
                '\n' => Cow::Borrowed("\\n"),
                '\r' => Cow::Borrowed("\\r"),
                '\t' => Cow::Borrowed("\\t"),
                c if must_escape(c) => Cow::Owned(unicode(c)),
                _ => continue,
            },
        };
        out.push_str(&text[run..at]);
        out.push_str(&escape);
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
    out.push('"');
}

/// A comment line with every character that [`must_escape`] made visible
/// with `unicode`; the language closes its own comment syntax first.
pub(crate) fn escape_doc(line: &str, unicode: impl Fn(char) -> String) -> Cow<'_, str> {
    if !line.chars().any(must_escape) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if must_escape(c) {
            out.push_str(&unicode(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `\uXXXX` (TypeScript, Kotlin; BMP only, which is all `must_escape` yields).
pub(crate) fn u4(c: char) -> String {
    format!("\\u{:04x}", c as u32)
}

/// `snake_case` from a catalog id (`zego-server-return-codes`), with `c_`
/// before a leading digit.
pub(crate) fn snake_from_id(id: &str) -> String {
    let out = heck::ToSnakeCase::to_snake_case(id);
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) { format!("c_{out}") } else { out }
}

/// `lowerCamelCase` from a catalog id (`zegoServerReturnCodes`), with `c`
/// before a leading digit.
pub(crate) fn camel_from_id(id: &str) -> String {
    let out = heck::ToLowerCamelCase::to_lower_camel_case(id);
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) { format!("c{out}") } else { out }
}

/// `lowerCamelCase` from PascalCase.
pub(crate) fn lower_camel(pascal: &str) -> String {
    let mut chars = pascal.chars();
    chars.next().map_or_else(String::new, |first| first.to_ascii_lowercase().to_string() + chars.as_str())
}

/// Makes `candidate` unique among `taken` by appending `suffix` (and then
/// a counter); records the result.
pub(crate) fn unique(candidate: String, taken: &mut BTreeSet<String>, suffix: &str) -> String {
    if taken.insert(candidate.clone()) {
        return candidate;
    }
    let mut counter = 1;
    loop {
        let attempt =
            if counter == 1 { format!("{candidate}{suffix}") } else { format!("{candidate}{suffix}{counter}") };
        if taken.insert(attempt.clone()) {
            return attempt;
        }
        counter += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_snake_and_camel_module_names() {
        assert_eq!(snake_from_id("zego-server-return-codes"), "zego_server_return_codes");
        assert_eq!(camel_from_id("zego-server-return-codes"), "zegoServerReturnCodes");
        assert_eq!(snake_from_id("1x"), "c_1x");
        assert_eq!(camel_from_id("1x"), "c1x");
    }
}
