//! The language-neutral code model, built once from the catalogs: modules
//! (catalogs, sorted by id), types (groups) with their code width, and
//! members (entries, then retired codes, with the retired flag), plus each
//! language's identifiers for them ([`Naming`]), chosen in one pass so that
//! siblings stay unique and every rename is reported.
//!
//! The model borrows nothing from the caller: it owns the catalogs behind an
//! `Arc`, so template objects can share it without copying any text.

use super::language::{IdentKind, Language, Scope, unique};
use crate::catalog::{Catalog, Entry, Group, Retired};
use crate::code::{Code, CodeType};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The catalogs to render, sorted by id.
#[derive(Debug, Clone)]
pub struct CodeModel {
    pub catalogs: Arc<[Catalog]>,
    /// Per catalog, per group: the width of its codes.
    pub widths: Arc<[Vec<CodeWidth>]>,
    /// The version of the generated packages.
    pub version: Arc<str>,
    /// Per catalog: its latest change report, when the caller has one
    /// (regen's `generated/changes/<id>.md`).
    pub changes: Arc<[Option<crate::diff::CatalogReport>]>,
    /// What the packages say of themselves (the manifest's `package:`).
    pub package: PackageMeta,
    /// The license text every package ships (see [`PackageMeta::license_text`]).
    pub license_text: Arc<str>,
}

/// The version of generated packages when none is given.
pub const DEFAULT_VERSION: &str = "0.1.0";

/// The smallest integer type every code of a group fits, or `Text` for a
/// group of string codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CodeWidth {
    /// Fits `i32`.
    I32,
    /// Fits a JavaScript number exactly (±2^53 − 1).
    I53,
    /// Needs `i64`.
    I64,
    /// String codes (`code_type: string`).
    Text,
}

impl CodeWidth {
    fn of(code: &Code) -> CodeWidth {
        let Some(code) = code.as_int() else { return CodeWidth::Text };
        if i32::try_from(code).is_ok() {
            CodeWidth::I32
        } else if code.unsigned_abs() < (1 << 53) {
            CodeWidth::I53
        } else {
            CodeWidth::I64
        }
    }

    pub fn of_group(group: &Group) -> CodeWidth {
        if group.code_type == CodeType::String {
            return CodeWidth::Text;
        }
        members(group).map(|member| CodeWidth::of(member.code)).max().unwrap_or(CodeWidth::I32)
    }
}

impl CodeModel {
    /// The model of `catalogs` (sorted here by id).
    pub fn new(mut catalogs: Vec<Catalog>) -> CodeModel {
        catalogs.sort_by(|a, b| a.id.cmp(&b.id));
        let widths: Vec<Vec<CodeWidth>> =
            catalogs.iter().map(|catalog| catalog.groups.iter().map(CodeWidth::of_group).collect()).collect();
        let changes: Vec<Option<crate::diff::CatalogReport>> = catalogs.iter().map(|_| None).collect();
        CodeModel {
            catalogs: catalogs.into(),
            widths: widths.into(),
            version: DEFAULT_VERSION.into(),
            changes: changes.into(),
            package: PackageMeta::default(),
            license_text: PackageMeta::default().license_text(None).unwrap_or_default().into(),
        }
    }

    /// The same model with these change reports, each beside the catalog
    /// of its id (a report of no catalog here is ignored).
    pub fn with_changes(mut self, reports: Vec<crate::diff::CatalogReport>) -> CodeModel {
        let mut changes: Vec<Option<crate::diff::CatalogReport>> = self.catalogs.iter().map(|_| None).collect();
        for report in reports {
            if let Some(index) = self.catalogs.iter().position(|catalog| catalog.id == report.id) {
                changes[index] = Some(report);
            }
        }
        self.changes = changes.into();
        self
    }

    /// The same model, its packages described by `package` (the
    /// manifest's `package:` settings).
    pub fn with_package(mut self, package: PackageMeta) -> CodeModel {
        self.license_text = package.license_text(None).unwrap_or_default().into();
        self.package = package;
        self
    }

    /// The same model, its packages shipping `text` as their license (the
    /// manifest's `license_file`, read by the caller).
    pub fn with_license_text(mut self, text: &str) -> CodeModel {
        self.license_text = text.into();
        self
    }

    /// The same model, its packages at `version`.
    pub fn with_version(mut self, version: &str) -> CodeModel {
        self.version = version.into();
        self
    }
}

/// What the generated packages say of themselves (the manifest's
/// `package:`): every field optional, with the defaults its accessor
/// documents. The README's "Package settings" lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageMeta {
    /// One line on what the codes are (Cargo, npm, PyPI, Maven).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An SPDX license expression (`MIT OR Apache-2.0`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The license text shipped in every package, a file under `docs-src/`;
    /// needed unless the license is made of `MIT` and `Apache-2.0`, whose
    /// texts errcat carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_file: Option<String>,
    /// Who publishes the packages (`Name <mail>` or a name), also the
    /// copyright holders of the MIT text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Search keywords (Cargo takes the first five).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The repository the packages come from (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// The packages' home page (`https://…`), where the error index and the
    /// JSON Schema are served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// The crate's name on crates.io.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_name: Option<String>,
    /// The npm package of the code (TypeScript); the JSON package is this
    /// name with `-json` after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npm_name: Option<String>,
    /// The distribution name on PyPI (the import package stays `errcat_codes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python_name: Option<String>,
    /// The Go module path (`github.com/acme/errcodes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_module: Option<String>,
    /// The Maven group of the Java and Kotlin artifacts (reverse DNS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maven_group: Option<String>,
    /// The Maven artifact of the Java code; Kotlin's is this name with
    /// `-kotlin` after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maven_artifact: Option<String>,
    /// The Java package, also the prefix of the Kotlin packages (reverse DNS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub java_package: Option<String>,
    /// The locale of the text a code shows by default (`Display`,
    /// `Error()`, `toString`, `__str__`): a BCP 47 tag such as `en`. Each
    /// catalog falls back to its own locale for a code its pages do not
    /// translate. Default: each catalog's own locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_locale: Option<String>,
}

/// The defaults of [`PackageMeta`]'s names.
pub mod package_defaults {
    pub const CRATE_NAME: &str = "errcat-codes";
    pub const NPM_NAME: &str = "errcat-codes";
    pub const PYTHON_NAME: &str = "errcat-codes";
    pub const GO_MODULE: &str = "errcat.local/codes";
    pub const MAVEN_GROUP: &str = "io.github.errcat";
    pub const MAVEN_ARTIFACT: &str = "errcat-codes";
    pub const LICENSE: &str = "MIT OR Apache-2.0";
    pub const DESCRIPTION: &str = "Error codes compiled from vendor documentation by errcat.";
}

/// The license texts errcat carries, by SPDX id.
const LICENSE_TEXTS: &[(&str, &str)] =
    &[("MIT", include_str!("licenses/MIT.txt")), ("Apache-2.0", include_str!("licenses/Apache-2.0.txt"))];

impl PackageMeta {
    pub fn description(&self) -> &str {
        self.description.as_deref().unwrap_or(package_defaults::DESCRIPTION)
    }

    pub fn license(&self) -> &str {
        self.license.as_deref().unwrap_or(package_defaults::LICENSE)
    }

    pub fn crate_name(&self) -> &str {
        self.crate_name.as_deref().unwrap_or(package_defaults::CRATE_NAME)
    }

    pub fn npm_name(&self) -> &str {
        self.npm_name.as_deref().unwrap_or(package_defaults::NPM_NAME)
    }

    pub fn python_name(&self) -> &str {
        self.python_name.as_deref().unwrap_or(package_defaults::PYTHON_NAME)
    }

    pub fn go_module(&self) -> &str {
        self.go_module.as_deref().unwrap_or(package_defaults::GO_MODULE)
    }

    pub fn maven_group(&self) -> &str {
        self.maven_group.as_deref().unwrap_or(package_defaults::MAVEN_GROUP)
    }

    pub fn maven_artifact(&self) -> &str {
        self.maven_artifact.as_deref().unwrap_or(package_defaults::MAVEN_ARTIFACT)
    }

    /// The Java package: as set, else the Maven group with `.codes`.
    pub fn java_package(&self) -> String {
        self.java_package.clone().unwrap_or_else(|| format!("{}.codes", self.maven_group()))
    }

    /// The copyright holders of the MIT text: the authors, else the
    /// authors of the repository (or of the packages).
    pub fn holders(&self) -> String {
        if self.authors.is_empty() {
            match &self.repository {
                Some(repository) => format!("the authors of {repository}"),
                None => format!("the authors of {}", self.crate_name()),
            }
        } else {
            self.authors.join(", ")
        }
    }

    /// The license text the packages ship: `file_text` (the manifest's
    /// `license_file`, read by the caller) when given, else the texts of
    /// the SPDX ids of the expression, one after the other.
    pub fn license_text(&self, file_text: Option<&str>) -> Result<String, String> {
        if let Some(text) = file_text {
            return Ok(text.to_owned());
        }
        let ids: Vec<&str> = self
            .license()
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .filter(|word| !word.is_empty() && !matches!(*word, "OR" | "AND" | "WITH"))
            .collect();
        let mut texts = Vec::new();
        for id in ids {
            let Some((_, text)) = LICENSE_TEXTS.iter().find(|(known, _)| *known == id) else {
                return Err(format!(
                    "`license` `{}`: errcat carries the texts of MIT and Apache-2.0 only; set `license_file` to the license text",
                    self.license()
                ));
            };
            texts.push(text.replace("{holders}", &self.holders()));
        }
        Ok(texts.join("\n\n"))
    }

    /// Why the settings cannot be used, if they cannot: the field and the
    /// reason.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let text_ok =
            |text: &str| !text.trim().is_empty() && !text.contains(['"', '\\']) && !text.chars().any(char::is_control);
        for (field, value) in [("description", &self.description), ("license", &self.license)] {
            if let Some(value) = value.as_deref().filter(|value| !text_ok(value)) {
                return Some((field, format!("`{field}` `{value}` must be one line of text without `\"` or `\\`")));
            }
        }
        for (field, values) in [("authors", &self.authors), ("keywords", &self.keywords)] {
            if let Some(value) = values.iter().find(|value| !text_ok(value)) {
                return Some((field, format!("`{field}` `{value}` must be one line of text without `\"` or `\\`")));
            }
        }
        if let Some(keyword) = self.keywords.iter().find(|keyword| !is_keyword(keyword)) {
            return Some((
                "keywords",
                format!(
                    "`keywords` `{keyword}` must be a letter, then up to 19 letters, digits, `-` or `_` (crates.io's rule)"
                ),
            ));
        }
        for (field, value) in [("repository", &self.repository), ("homepage", &self.homepage)] {
            if let Some(value) = value.as_deref().filter(|value| {
                !value.starts_with("https://") || !text_ok(value) || value.contains(char::is_whitespace)
            }) {
                return Some((field, format!("`{field}` `{value}` must be an https:// URL")));
            }
        }
        if let Some(module) = self.go_module.as_deref().filter(|module| !is_go_module_path(module)) {
            return Some((
                "go_module",
                format!(
                    "`go_module` `{module}` is not a Go module path (a domain with a dot, then /-separated lower-case elements)"
                ),
            ));
        }
        let names: [NameRule<'_>; 7] = [
            (
                "crate_name",
                &self.crate_name,
                is_crate_name,
                "a crate name (a letter, then letters, digits, `-` or `_`, at most 64)",
            ),
            ("npm_name", &self.npm_name, is_npm_name, "an npm name (lower case, optionally `@scope/`)"),
            ("python_name", &self.python_name, is_python_name, "a PyPI name (letters, digits, `-`, `_`, `.`)"),
            ("maven_group", &self.maven_group, is_reverse_dns, "a reverse-DNS name (`com.example.sdk`)"),
            ("maven_artifact", &self.maven_artifact, is_artifact, "a Maven artifact id (lower case, digits, `-`, `.`)"),
            ("java_package", &self.java_package, is_reverse_dns, "a reverse-DNS Java package (`com.example.codes`)"),
            ("display_locale", &self.display_locale, is_locale_tag, "a BCP 47 tag (`en`, `zh-CN`)"),
        ];
        for (field, value, valid, what) in names {
            if let Some(value) = value.as_deref().filter(|value| !valid(value)) {
                return Some((field, format!("`{field}` `{value}` must be {what}")));
            }
        }
        if self.license_file.is_none()
            && let Err(message) = self.license_text(None)
        {
            return Some(("license", message));
        }
        None
    }
}

/// A name setting, its value, its rule and what the rule asks for.
type NameRule<'a> = (&'static str, &'a Option<String>, fn(&str) -> bool, &'static str);

fn is_keyword(keyword: &str) -> bool {
    keyword.len() <= 20
        && keyword.starts_with(|c: char| c.is_ascii_alphabetic())
        && keyword.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_crate_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_npm_name(name: &str) -> bool {
    let bare = |part: &str| {
        !part.is_empty()
            && !part.starts_with(['.', '_'])
            && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
    };
    name.len() <= 214
        && match name.strip_prefix('@') {
            Some(scoped) => scoped.split_once('/').is_some_and(|(scope, rest)| bare(scope) && bare(rest)),
            None => bare(name),
        }
}

fn is_python_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

fn is_reverse_dns(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            part.starts_with(|c: char| c.is_ascii_lowercase())
                && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !crate::render::java::TARGET.0.keywords().contains(part)
        })
}

fn is_artifact(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c))
}

fn is_locale_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|part| (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A Go module path as `go get` resolves one: a first element with a dot
/// (a domain), then path elements of lower-case letters, digits and `-._~`.
fn is_go_module_path(path: &str) -> bool {
    let mut elements = path.split('/');
    let domain = elements.next().unwrap_or("");
    let element_ok = |element: &str| {
        !element.is_empty()
            && !element.starts_with('.')
            && !element.ends_with('.')
            && element.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
    };
    element_ok(domain) && domain.contains('.') && elements.all(element_ok)
}

/// One code of a type: a documented entry or a retired code.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    pub code: &'a Code,
    pub name: &'a str,
    pub retired: bool,
    pub entry: Option<&'a Entry>,
}

impl<'a> Member<'a> {
    fn entry(entry: &'a Entry) -> Member<'a> {
        Member { code: &entry.code, name: &entry.name, retired: false, entry: Some(entry) }
    }

    fn retired(retired: &'a Retired) -> Member<'a> {
        Member { code: &retired.code, name: &retired.name, retired: true, entry: None }
    }

    pub fn message(&self) -> Option<&'a str> {
        self.entry.and_then(|entry| entry.message.as_deref())
    }

    pub fn cause(&self) -> Option<&'a str> {
        self.entry.and_then(|entry| entry.cause.as_deref())
    }

    pub fn solution(&self) -> Option<&'a str> {
        self.entry.and_then(|entry| entry.solution.as_deref())
    }

    /// The summary line of its documentation: ``Code `1010`.``
    pub fn summary(&self) -> String {
        format!("Code `{}`.", self.code)
    }

    /// Message, cause and solution (plain, one item per line), then notes.
    pub fn doc_text(&self) -> Vec<Cow<'a, str>> {
        let Some(entry) = self.entry else { return Vec::new() };
        let mut lines = Vec::new();
        let mut push = |label: &'static str, text: &'a str| {
            if label.is_empty() {
                lines.extend(text.lines().map(Cow::Borrowed));
            } else if text.contains('\n') {
                lines.push(Cow::Owned(format!("{label}:")));
                lines.extend(text.lines().map(Cow::Borrowed));
            } else {
                lines.push(Cow::Owned(format!("{label}: {text}")));
            }
        };
        for (label, text) in [("", &entry.message), ("Cause", &entry.cause), ("Solution", &entry.solution)] {
            if let Some(text) = text {
                push(label, text);
            }
        }
        for note in &entry.notes {
            push("Note", note);
        }
        lines
    }
}

/// The members of a group: its entries in documented order, then its
/// retired codes.
pub fn members(group: &Group) -> impl Iterator<Item = Member<'_>> + Clone {
    group.entries.iter().map(Member::entry).chain(group.retired.iter().map(Member::retired))
}

/// The `index`th member of a group.
pub fn member(group: &Group, index: usize) -> Option<Member<'_>> {
    match group.entries.get(index) {
        Some(entry) => Some(Member::entry(entry)),
        None => group.retired.get(index - group.entries.len()).map(Member::retired),
    }
}

pub fn member_count(group: &Group) -> usize {
    group.entries.len() + group.retired.len()
}

/// In a flat scope: renames `local` (among its siblings `taken`) until
/// every name it declares (`declared(local)`, the qualified name first) is
/// free in `flat`, then records them. Returns the qualified name and
/// whether it had to be renamed.
fn settle(
    language: &dyn Language,
    kind: IdentKind,
    local: String,
    taken: &mut BTreeSet<String>,
    flat: &mut BTreeSet<String>,
    declared: impl Fn(&str) -> Vec<String>,
) -> (String, bool) {
    let base = local.clone();
    let mut local = local;
    let mut renamed = false;
    loop {
        let names = declared(&local);
        let distinct: BTreeSet<&String> = names.iter().collect();
        if distinct.len() == names.len() && names.iter().all(|name| !flat.contains(name)) {
            let qualified = names[0].clone();
            flat.extend(names);
            return (qualified, renamed);
        }
        local = unique(base.clone(), taken, language.rename_suffix(kind));
        renamed = true;
    }
}

/// One language's identifiers for every module, type and member.
#[derive(Debug, Clone, Default)]
pub struct Naming {
    pub modules: Vec<ModuleNames>,
}

#[derive(Debug, Clone, Default)]
pub struct ModuleNames {
    pub name: Arc<str>,
    pub alias: Option<Arc<str>>,
    pub types: Vec<TypeNames>,
}

#[derive(Debug, Clone, Default)]
pub struct TypeNames {
    pub name: Arc<str>,
    pub members: Vec<Arc<str>>,
}

impl Naming {
    /// Chooses every identifier of `language` for `model`; a name that had
    /// to change (keyword, reserved, repeated, not an identifier) is
    /// reported at its source line.
    pub fn new(language: &dyn Language, model: &CodeModel) -> (Naming, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut report = |catalog: &Catalog, line: u32, kind: IdentKind, raw: &str, name: &str| {
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::IdentifierRenamed,
                &format!("docs-src/{}", catalog.source.file),
                line,
                format!(
                    "{}: the {} name `{raw}` is a keyword, a reserved or repeated name, or not an identifier there; \
                     it is rendered as `{name}`",
                    language.id(),
                    kind.as_str()
                ),
            ));
        };
        let mut modules = Vec::new();
        let mut module_taken = language.taken(IdentKind::Module);
        let mut alias_taken = language.taken(IdentKind::Module);
        let scope = language.scope();
        let mut global_taken = language.taken(IdentKind::Type);
        for catalog in model.catalogs.iter() {
            let (name, renamed) = language.identifier(IdentKind::Module, &catalog.id, &mut module_taken);
            if renamed && name != language.case(IdentKind::Module, &catalog.id) {
                report(catalog, 0, IdentKind::Module, &catalog.id, &name);
            }
            let alias = language.module_alias(catalog).map(|alias| unique(alias, &mut alias_taken, "Codes").into());
            let mut module_flat = language.taken(IdentKind::Type);
            let flat = match scope {
                Scope::Nested => None,
                Scope::Module => Some(&mut module_flat),
                Scope::Global => Some(&mut global_taken),
            };
            let mut flat = flat;
            if let Some(flat) = flat.as_deref_mut() {
                flat.extend(language.module_companions(&name));
            }
            // A type never takes its module's name (Java nests types in a
            // class named like the module).
            let mut type_taken = language.taken(IdentKind::Type);
            type_taken.insert(name.clone());
            let mut type_names = Vec::with_capacity(catalog.groups.len());
            for group in &catalog.groups {
                let first_line = group.entries.first().and_then(|entry| entry.lines.first()).copied().unwrap_or(0);
                let (local, mut renamed) = language.identifier(IdentKind::Type, &group.name, &mut type_taken);
                let type_name = match flat.as_deref_mut() {
                    None => local,
                    Some(flat) => {
                        let (qualified, flat_renamed) =
                            settle(language, IdentKind::Type, local, &mut type_taken, flat, |local| {
                                let qualified = language.qualify(IdentKind::Type, &name, "", local);
                                let mut names = language.type_companions(&qualified);
                                names.insert(0, qualified);
                                names
                            });
                        renamed |= flat_renamed;
                        qualified
                    }
                };
                if renamed {
                    report(catalog, first_line, IdentKind::Type, &group.name, &type_name);
                }
                type_names.push(type_name);
            }
            let mut types = Vec::new();
            for (group, type_name) in catalog.groups.iter().zip(type_names) {
                let first_line = group.entries.first().and_then(|entry| entry.lines.first()).copied().unwrap_or(0);
                let mut member_taken = language.taken(IdentKind::Member);
                member_taken.extend(language.reserved_in_type(&type_name));
                let mut names = Vec::with_capacity(member_count(group));
                for member in members(group) {
                    let (local, mut renamed) = language.identifier(IdentKind::Member, member.name, &mut member_taken);
                    let member_name = match flat.as_deref_mut() {
                        None => local,
                        Some(flat) => {
                            let (qualified, flat_renamed) =
                                settle(language, IdentKind::Member, local, &mut member_taken, flat, |local| {
                                    vec![language.qualify(IdentKind::Member, &name, &type_name, local)]
                                });
                            renamed |= flat_renamed;
                            qualified
                        }
                    };
                    if renamed {
                        let line = member.entry.and_then(|entry| entry.lines.first()).copied().unwrap_or(first_line);
                        report(catalog, line, IdentKind::Member, member.name, &member_name);
                    }
                    names.push(Arc::from(member_name));
                }
                types.push(TypeNames { name: type_name.into(), members: names });
            }
            modules.push(ModuleNames { name: name.into(), alias, types });
        }
        (Naming { modules }, diagnostics)
    }
}
