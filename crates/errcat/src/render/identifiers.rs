//! Per-language identifier assignment: each language's identifiers for
//! every module, type and member of the [`CodeModel`], chosen in one pass so
//! that siblings stay unique in the language's scopes and every rename is
//! reported. The identifier rules shared by all targets are `idents`'; the
//! name lockfile is `names`'.

use super::language::{IdentKind, Language, Scope, unique};
use super::model::{CodeModel, member_count, members};
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use std::collections::BTreeSet;
use std::sync::Arc;

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
pub struct Identifiers {
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

impl Identifiers {
    /// Chooses every identifier of `language` for `model`; a name that had
    /// to change (keyword, reserved, repeated, not an identifier) is
    /// reported at its source line.
    pub fn new(language: &dyn Language, model: &CodeModel) -> (Identifiers, Vec<Diagnostic>) {
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
        (Identifiers { modules }, diagnostics)
    }
}
