//! The language-neutral code model, built once from the catalogs: modules
//! (catalogs, sorted by id), types (groups) with their code width, and
//! members (entries, then retired codes, with the retired flag). Each
//! language's identifiers for them are `identifiers`'.
//!
//! The model borrows nothing from the caller: it owns the catalogs behind an
//! `Arc`, so template objects can share it without copying any text.

use crate::catalog::{Catalog, Entry, Group, Retired};
use crate::code::{Code, CodeType};
use crate::manifest::PackageMeta;
use std::borrow::Cow;
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

pub use crate::version::DEFAULT_VERSION;

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
