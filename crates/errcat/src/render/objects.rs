//! Template objects: minijinja `Object`s over the shared code model, so
//! templates read catalogs without any text being copied into a value
//! tree. Each attribute is computed when a template asks for it (an
//! identifier is a reference-count bump, a text is escaped for the language
//! once per use), and sequences hand out one member at a time.
//!
//! Attributes (the same for every target):
//! - package: `package_name`, `version`, `description`, `license`,
//!   `repository`, `homepage` (each undefined unless the manifest's
//!   `package:` sets it), `modules`, `string_codes` (some group of some
//!   catalog has string codes), and the language's package values;
//! - module: `name`, `alias`, `id`, `anchor` (its permalink id),
//!   `source_file`, `upstream` (the page's URL, or the none literal),
//!   `notes`, `editions` (`locale`, `source_file`, `upstream`), `changes`
//!   (its latest change report, or none), `title` (a literal, like every
//!   text), `locale` (a BCP 47 tag: ASCII
//!   letters, digits and `-`, safe inside any string literal), `locales`
//!   (the other locales its entries carry), `doc`, `groups`,
//!   `string_codes` and `integer_codes` (it has groups of that kind), and
//!   the language's module values; per-module templates
//!   also see `package` and `module` (the module itself, for its methods);
//! - type (group): `type_name`, `name`, `anchor`, `title`, `titles` (per
//!   other locale), `code_type`, `string_codes` (its
//!   codes are strings), `translated` (some entry has translations), `doc`, `entries`, and names the language derives
//!   from the type name;
//! - member (entry or retired code): `member`, `code`, `name`, `message`,
//!   `cause`, `solution` (literals), `notes`, `retired`, `doc`, `anchor`
//!   (its permalink id, [`entry_anchor`](crate::catalog::entry_anchor)),
//!   `line` (its first source line), `source_url` (that line upstream),
//!   `row_mates` (`code`, `anchor`), `translations` (per other locale:
//!   `locale` and the `message`, `cause`, `solution` and `notes` literals).
//!
//! Modules, types and members also have the method `doc_comment(prefix)`:
//! their `doc` lines as comment lines, each on a new line starting with
//! `prefix` (and a space before a non-empty line), so a template prints a
//! whole doc comment without a loop per line.

use super::identifiers::Identifiers;
use super::language::Language;
use super::model::{CodeModel, CodeWidth, member, member_count};
use crate::catalog::Catalog;
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use minijinja::{Error, ErrorKind, State};
use std::borrow::Cow;
use std::sync::Arc;

/// The model, one language's names for it, and the language.
#[derive(Debug)]
pub(crate) struct Shared {
    pub language: &'static dyn Language,
    pub model: CodeModel,
    pub naming: Identifiers,
}

/// The catalogs a package is compiled from, as a markdown list for its
/// README: id, title, locale and other locales, number of codes, and the
/// page (its upstream URL, else its file under `docs-src/`). Texts are
/// the catalogs' own; a `|`, `*`, `_`, `[`, `]`, `<` or backtick in a
/// title is shown as itself, escaped.
pub(crate) fn sources_markdown(catalogs: &[Catalog]) -> String {
    let escape = |text: &str| {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if "\\`*_[]<>|#".contains(c) {
                out.push('\\');
            }
            out.push(if c.is_control() { ' ' } else { c });
        }
        out
    };
    let mut out = String::new();
    for catalog in catalogs {
        let codes: usize = catalog.groups.iter().map(|group| group.entries.len()).sum();
        let mut locales = catalog.locale.clone();
        for edition in &catalog.editions {
            locales.push_str(", ");
            locales.push_str(&edition.locale);
        }
        let page = match catalog.source.line_url(None) {
            Some(url) => format!("<{}>", url.replace(['<', '>', ' '], "")),
            None => format!("`docs-src/{}`", catalog.source.file.replace('`', "")),
        };
        out.push_str(&format!(
            "- `{}`: {} ({locales}; {codes} codes), from {page}\n",
            catalog.id,
            escape(&catalog.title)
        ));
    }
    out
}

/// The name a target's package is published under, from the manifest's
/// `package:` settings.
pub(crate) fn package_name(target: &str, package: &super::PackageMeta) -> String {
    match target {
        "typescript" => package.npm_name().to_owned(),
        "json" => format!("{}-json", package.npm_name()),
        "python" => package.python_name().to_owned(),
        "go" => package.go_module().to_owned(),
        "java" => package.maven_artifact().to_owned(),
        "kotlin" => format!("{}-kotlin", package.maven_artifact()),
        "c" => package.crate_name().replace('-', "_"),
        _ => package.crate_name().to_owned(),
    }
}

/// Each text as the language's literal.
fn literals(language: &dyn Language, texts: &[String]) -> Value {
    Value::from(texts.iter().map(|text| Value::from(language.string_literal(text))).collect::<Vec<_>>())
}

/// A change report as template values: `summary`, and `groups`, each with
/// `title`, `name`, `status`, `old_name` and `changes` (`code`, `level`,
/// `text`, and for a re-wording or a translation the `diff` segments, each `op` and `text`);
/// every text a literal.
fn change_report(language: &dyn Language, report: &crate::diff::CatalogReport) -> Value {
    let groups: Vec<Value> = report
        .groups
        .iter()
        .map(|group| {
            let changes: Vec<Value> = group
                .changes
                .iter()
                .map(|change| {
                    let segments: Vec<Value> = change
                        .segments()
                        .iter()
                        .map(|segment| {
                            Value::from(std::collections::BTreeMap::from([
                                ("op", Value::from(segment.op)),
                                ("text", Value::from(language.string_literal(&segment.text))),
                            ]))
                        })
                        .collect();
                    Value::from(std::collections::BTreeMap::from([
                        ("code", Value::from(language.string_literal(&change.code.to_string()))),
                        ("level", Value::from(change.level.as_str())),
                        ("text", Value::from(language.string_literal(&crate::diff::change_text(change)))),
                        ("diff", Value::from(segments)),
                    ]))
                })
                .collect();
            Value::from(std::collections::BTreeMap::from([
                ("title", Value::from(language.string_literal(&group.title))),
                ("name", Value::from(language.string_literal(&group.name))),
                ("status", Value::from(group.status)),
                ("old_name", Value::from(language.optional_literal(group.old_name.as_deref()))),
                ("changes", Value::from(changes)),
            ]))
        })
        .collect();
    let single = crate::diff::Report { catalogs: vec![report.clone()] };
    Value::from(std::collections::BTreeMap::from([
        ("summary", Value::from(language.string_literal(&crate::diff::summary_line(&single)))),
        ("groups", Value::from(groups)),
    ]))
}

fn lines(lines: Vec<Cow<'_, str>>) -> Value {
    Value::from(lines.iter().map(|line| Value::from(line.as_ref())).collect::<Vec<_>>())
}

/// `doc_comment(prefix)`: each line as `\n<prefix> <line>` (`\n<prefix>`
/// for an empty line, `\n<prefix><line>` for a line that starts with a
/// tab).
fn doc_comment<'a>(method: &str, args: &[Value], lines: impl FnOnce() -> Vec<Cow<'a, str>>) -> Result<Value, Error> {
    if method != "doc_comment" {
        return Err(Error::from(ErrorKind::UnknownMethod));
    }
    let prefix = match args {
        [prefix] => {
            prefix.as_str().ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "doc_comment takes a string"))?
        }
        _ => return Err(Error::new(ErrorKind::InvalidOperation, "doc_comment takes one argument, the line prefix")),
    };
    let lines = lines();
    let mut out = String::with_capacity(lines.iter().map(|line| line.len() + prefix.len() + 2).sum());
    for line in &lines {
        out.push('\n');
        out.push_str(prefix);
        if !line.is_empty() && !line.starts_with('\t') {
            out.push(' ');
        }
        out.push_str(line);
    }
    Ok(Value::from(out))
}

#[derive(Debug)]
pub(crate) struct PackageObject(pub Arc<Shared>);

impl Object for PackageObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let shared = &self.0;
        let package = &shared.model.package;
        match key.as_str()? {
            "package_name" => Some(Value::from(package_name(shared.language.id(), &shared.model.package))),
            "version" => Some(Value::from(shared.model.version.as_ref())),
            "modules" => Some(Value::from_object(Modules(shared.clone()))),
            "string_codes" => Some(Value::from(shared.model.widths.iter().flatten().any(|w| *w == CodeWidth::Text))),
            // The manifest's `package:`, with the defaults of its accessors;
            // `repository`, `homepage` and `display_locale` are undefined
            // when not set.
            "description" => Some(Value::from(package.description())),
            "license" => Some(Value::from(package.license())),
            "license_text" => Some(Value::from(shared.model.license_text.as_ref())),
            "authors" => Some(Value::from(package.authors.clone())),
            "keywords" => Some(Value::from(package.keywords.clone())),
            "repository" => package.repository.as_deref().map(Value::from),
            "homepage" => package.homepage.as_deref().map(Value::from),
            "display_locale" => package.display_locale.as_deref().map(Value::from),
            "crate_name" => Some(Value::from(package.crate_name())),
            "npm_name" => Some(Value::from(package.npm_name())),
            "python_name" => Some(Value::from(package.python_name())),
            "go_module" => Some(Value::from(package.go_module())),
            "maven_group" => Some(Value::from(package.maven_group())),
            "maven_artifact" => Some(Value::from(package.maven_artifact())),
            "java_package" => Some(Value::from(package.java_package())),
            "sources_markdown" => Some(Value::from(sources_markdown(&shared.model.catalogs))),
            "example" => example(shared),
            other => shared.language.package_attribute(other, &shared.model.catalogs).map(Value::from),
        }
    }
}

/// What a package README's lookup example shows: `module`, `group` and
/// `entry`, the first code of the first group that has one; undefined when
/// no catalog has a code.
fn example(shared: &Arc<Shared>) -> Option<Value> {
    let (module, group) = shared.model.catalogs.iter().enumerate().find_map(|(module, catalog)| {
        catalog.groups.iter().position(|group| member_count(group) > 0).map(|group| (module, group))
    })?;
    let group_object = GroupObject { shared: shared.clone(), module, group, entries: std::sync::OnceLock::new() };
    let entry = MemberObject {
        shared: shared.clone(),
        module,
        group,
        index: 0,
        width: group_object.width(),
        code: std::sync::OnceLock::new(),
    };
    Some(Value::from(std::collections::BTreeMap::from([
        ("module", Value::from_object(ModuleObject { shared: shared.clone(), module })),
        ("group", Value::from_object(group_object)),
        ("entry", Value::from_object(entry)),
    ])))
}

#[derive(Debug)]
struct Modules(Arc<Shared>);

impl Object for Modules {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        (index < self.0.model.catalogs.len())
            .then(|| Value::from_object(ModuleObject { shared: self.0.clone(), module: index }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.model.catalogs.len())
    }
}

/// One catalog. As the root of a per-module template it also answers
/// `package`.
#[derive(Debug)]
pub(crate) struct ModuleObject {
    pub shared: Arc<Shared>,
    pub module: usize,
}

impl ModuleObject {
    fn catalog(&self) -> &Catalog {
        &self.shared.model.catalogs[self.module]
    }
}

impl Object for ModuleObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let shared = &self.shared;
        let names = &shared.naming.modules[self.module];
        let catalog = self.catalog();
        match key.as_str()? {
            "name" => Some(Value::from(names.name.clone())),
            "alias" => Some(names.alias.clone().map_or(Value::from(()), Value::from)),
            "id" => Some(Value::from(catalog.id.as_str())),
            "title" => Some(Value::from(shared.language.string_literal(&catalog.title))),
            "locale" => Some(Value::from(catalog.locale.as_str())),
            "locales" => {
                Some(Value::from(catalog.editions.iter().map(|e| Value::from(e.locale.as_str())).collect::<Vec<_>>()))
            }
            "doc" => Some(lines(shared.language.module_doc(catalog))),
            "anchor" => Some(Value::from(crate::catalog::group_anchor(&catalog.id, None))),
            "source_file" => Some(Value::from(shared.language.string_literal(&catalog.source.file))),
            "upstream" => Some(Value::from(shared.language.optional_literal(catalog.source.line_url(None).as_deref()))),
            "notes" => Some(literals(shared.language, &catalog.notes)),
            "editions" => Some(Value::from(
                catalog
                    .editions
                    .iter()
                    .map(|edition| {
                        Value::from(std::collections::BTreeMap::from([
                            ("locale", Value::from(edition.locale.as_str())),
                            ("source_file", Value::from(shared.language.string_literal(&edition.source.file))),
                            (
                                "upstream",
                                Value::from(shared.language.optional_literal(edition.source.line_url(None).as_deref())),
                            ),
                        ]))
                    })
                    .collect::<Vec<_>>(),
            )),
            "changes" => Some(
                shared.model.changes[self.module]
                    .as_ref()
                    .map_or(Value::from(()), |report| change_report(shared.language, report)),
            ),
            "groups" => Some(Value::from_object(Groups { shared: shared.clone(), module: self.module })),
            "string_codes" => Some(Value::from(shared.model.widths[self.module].contains(&CodeWidth::Text))),
            "integer_codes" => {
                Some(Value::from(shared.model.widths[self.module].iter().any(|width| *width != CodeWidth::Text)))
            }
            "package" => Some(Value::from_object(PackageObject(shared.clone()))),
            "module" => Some(Value::from_dyn_object(self.clone())),
            other => {
                if let Some(value) = shared.language.module_attribute(other, &names.name) {
                    return Some(Value::from(value));
                }
                let key = shared.language.module_documents().iter().find(|key| **key == other)?;
                Some(Value::from_object(ModuleDocument { shared: shared.clone(), module: self.module, key }))
            }
        }
    }

    fn call_method(self: &Arc<Self>, _state: &mut State<'_, '_>, method: &str, args: &[Value]) -> Result<Value, Error> {
        doc_comment(method, args, || self.shared.language.module_doc(self.catalog()))
    }
}

/// A module document of the language (JSON's `catalog_json`): printed by
/// writing it straight into the output.
#[derive(Debug)]
struct ModuleDocument {
    shared: Arc<Shared>,
    module: usize,
    key: &'static str,
}

impl Object for ModuleDocument {
    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let catalog = &self.shared.model.catalogs[self.module];
        let mut out = std::io::BufWriter::with_capacity(1 << 16, Utf8Writer { out: f, pending: Vec::new() });
        self.shared.language.write_module_document(self.key, catalog, &mut out).map_err(|_| std::fmt::Error)?;
        let writer = out.into_inner().map_err(|_| std::fmt::Error)?;
        if writer.pending.is_empty() { Ok(()) } else { Err(std::fmt::Error) }
    }
}

/// Bytes written as text: each write's complete UTF-8 goes out, a
/// character cut at its end waits for the next write.
struct Utf8Writer<'a, 'f> {
    out: &'a mut std::fmt::Formatter<'f>,
    pending: Vec<u8>,
}

impl std::io::Write for Utf8Writer<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let joined;
        let text = if self.pending.is_empty() {
            bytes
        } else {
            self.pending.extend_from_slice(bytes);
            joined = std::mem::take(&mut self.pending);
            &joined
        };
        let (valid, rest) = match std::str::from_utf8(text) {
            Ok(valid) => (valid, &[][..]),
            Err(error) if error.error_len().is_none() => {
                let (valid, rest) = text.split_at(error.valid_up_to());
                (std::str::from_utf8(valid).unwrap_or_default(), rest)
            }
            Err(error) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, error)),
        };
        self.out.write_str(valid).map_err(std::io::Error::other)?;
        self.pending = rest.to_vec();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Debug)]
struct Groups {
    shared: Arc<Shared>,
    module: usize,
}

impl Object for Groups {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        (index < self.shared.model.catalogs[self.module].groups.len()).then(|| {
            Value::from_object(GroupObject {
                shared: self.shared.clone(),
                module: self.module,
                group: index,
                entries: std::sync::OnceLock::new(),
            })
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.shared.model.catalogs[self.module].groups.len())
    }
}

#[derive(Debug)]
struct GroupObject {
    shared: Arc<Shared>,
    module: usize,
    group: usize,
    /// `entries`, made once: templates loop over it several times.
    entries: std::sync::OnceLock<Value>,
}

impl GroupObject {
    fn width(&self) -> CodeWidth {
        self.shared.model.widths[self.module][self.group]
    }
}

impl Object for GroupObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let shared = &self.shared;
        let group = &shared.model.catalogs[self.module].groups[self.group];
        let type_name = &shared.naming.modules[self.module].types[self.group].name;
        match key.as_str()? {
            "type_name" => Some(Value::from(type_name.clone())),
            "title" => Some(Value::from(shared.language.string_literal(&group.title))),
            "code_type" => Some(Value::from(shared.language.code_type(self.width()))),
            "string_codes" => Some(Value::from(self.width() == CodeWidth::Text)),
            "translated" => Some(Value::from(group.entries.iter().any(|entry| !entry.translations.is_empty()))),
            "doc" => Some(lines(shared.language.group_doc(group))),
            "anchor" => Some(Value::from(crate::catalog::group_anchor(
                &shared.model.catalogs[self.module].id,
                Some(&group.name),
            ))),
            "name" => Some(Value::from(shared.language.string_literal(&group.name))),
            "titles" => Some(Value::from(
                group
                    .titles
                    .iter()
                    .map(|(locale, title)| {
                        Value::from(std::collections::BTreeMap::from([
                            ("locale", Value::from(locale.as_str())),
                            ("title", Value::from(shared.language.string_literal(title))),
                        ]))
                    })
                    .collect::<Vec<_>>(),
            )),
            "entries" => Some(
                self.entries
                    .get_or_init(|| {
                        Value::from_object(Members {
                            shared: shared.clone(),
                            module: self.module,
                            group: self.group,
                            width: self.width(),
                            members: std::sync::OnceLock::new(),
                        })
                    })
                    .clone(),
            ),
            other => shared.language.type_attribute(other, type_name).map(Value::from),
        }
    }

    fn call_method(self: &Arc<Self>, _state: &mut State<'_, '_>, method: &str, args: &[Value]) -> Result<Value, Error> {
        let group = &self.shared.model.catalogs[self.module].groups[self.group];
        doc_comment(method, args, || self.shared.language.group_doc(group))
    }
}

#[derive(Debug)]
struct Members {
    shared: Arc<Shared>,
    module: usize,
    group: usize,
    width: CodeWidth,
    /// One object per member, made on the first loop and reused by the next.
    members: std::sync::OnceLock<Vec<Value>>,
}

impl Object for Members {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        let members = self.members.get_or_init(|| {
            let group = &self.shared.model.catalogs[self.module].groups[self.group];
            (0..member_count(group))
                .map(|index| {
                    Value::from_object(MemberObject {
                        shared: self.shared.clone(),
                        module: self.module,
                        group: self.group,
                        index,
                        width: self.width,
                        code: std::sync::OnceLock::new(),
                    })
                })
                .collect()
        });
        members.get(index).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(member_count(&self.shared.model.catalogs[self.module].groups[self.group]))
    }
}

#[derive(Debug)]
struct MemberObject {
    shared: Arc<Shared>,
    module: usize,
    group: usize,
    index: usize,
    width: CodeWidth,
    /// The code literal, printed by several loops.
    code: std::sync::OnceLock<Value>,
}

impl MemberObject {
    /// The permalink id of `code` in this member's group.
    fn anchor(&self, code: &crate::code::Code) -> String {
        let catalog = &self.shared.model.catalogs[self.module];
        crate::catalog::entry_anchor(&catalog.id, &catalog.groups[self.group].name, code)
    }
}

impl Object for MemberObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let shared = &self.shared;
        let language = shared.language;
        let member = member(&shared.model.catalogs[self.module].groups[self.group], self.index)?;
        Some(match key.as_str()? {
            "member" => Value::from(shared.naming.modules[self.module].types[self.group].members[self.index].clone()),
            "code" => self.code.get_or_init(|| Value::from(language.code_literal(member.code, self.width))).clone(),
            "name" => Value::from(language.string_literal(member.name)),
            "message" => Value::from(language.optional_literal(member.message())),
            "cause" => Value::from(language.optional_literal(member.cause())),
            "solution" => Value::from(language.optional_literal(member.solution())),
            "retired" => Value::from(member.retired),
            "anchor" => Value::from(self.anchor(member.code)),
            "notes" => {
                member.entry.map_or_else(|| Value::from(Vec::<Value>::new()), |entry| literals(language, &entry.notes))
            }
            "line" => {
                member.entry.and_then(|entry| entry.lines.first()).map_or(Value::from(()), |line| Value::from(*line))
            }
            "source_url" => {
                let catalog = &shared.model.catalogs[self.module];
                let line = member.entry.and_then(|entry| entry.lines.first().copied());
                Value::from(language.optional_literal(catalog.source.line_url(line).as_deref()))
            }
            "row_mates" => Value::from(
                member
                    .entry
                    .into_iter()
                    .flat_map(|entry| &entry.same_row)
                    .map(|code| {
                        Value::from(std::collections::BTreeMap::from([
                            ("code", Value::from(language.code_literal(code, self.width))),
                            ("anchor", Value::from(self.anchor(code))),
                        ]))
                    })
                    .collect::<Vec<_>>(),
            ),
            "translations" => {
                let translations = member.entry.map(|entry| &entry.translations);
                Value::from(
                    translations
                        .into_iter()
                        .flatten()
                        .map(|(locale, text)| {
                            Value::from(std::collections::BTreeMap::from([
                                ("locale", Value::from(locale.as_str())),
                                ("message", Value::from(language.optional_literal(text.message.as_deref()))),
                                ("cause", Value::from(language.optional_literal(text.cause.as_deref()))),
                                ("solution", Value::from(language.optional_literal(text.solution.as_deref()))),
                                ("notes", literals(language, &text.notes)),
                            ]))
                        })
                        .collect::<Vec<_>>(),
                )
            }
            "doc" => lines(language.member_doc(&member)),
            _ => return None,
        })
    }

    fn call_method(self: &Arc<Self>, _state: &mut State<'_, '_>, method: &str, args: &[Value]) -> Result<Value, Error> {
        let member = member(&self.shared.model.catalogs[self.module].groups[self.group], self.index)
            .ok_or_else(|| Error::from(ErrorKind::InvalidOperation))?;
        doc_comment(method, args, || self.shared.language.member_doc(&member))
    }
}

#[cfg(test)]
mod tests {
    use super::Utf8Writer;
    use std::io::Write;

    /// Writes `pieces` through a `Utf8Writer` into a string.
    fn through(pieces: &[&[u8]]) -> Result<String, std::fmt::Error> {
        struct Show<'a>(&'a [&'a [u8]]);
        impl std::fmt::Display for Show<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut writer = Utf8Writer { out: f, pending: Vec::new() };
                for piece in self.0 {
                    writer.write_all(piece).map_err(|_| std::fmt::Error)?;
                }
                if writer.pending.is_empty() { Ok(()) } else { Err(std::fmt::Error) }
            }
        }
        let mut out = String::new();
        std::fmt::Write::write_fmt(&mut out, format_args!("{}", Show(pieces)))?;
        Ok(out)
    }

    #[test]
    fn characters_cut_between_writes_come_out_whole() {
        let text = "错误码 ✓ 😀".as_bytes();
        for cut in 0..=text.len() {
            let (a, b) = text.split_at(cut);
            assert_eq!(through(&[a, b]).as_deref(), Ok("错误码 ✓ 😀"), "cut at {cut}");
        }
        let bytes: Vec<&[u8]> = text.chunks(1).collect();
        assert_eq!(through(&bytes).as_deref(), Ok("错误码 ✓ 😀"));
    }

    #[test]
    fn invalid_or_unfinished_text_is_an_error() {
        assert!(through(&[b"ok \xff"]).is_err());
        assert!(through(&["错".as_bytes().split_at(2).0]).is_err());
    }
}
