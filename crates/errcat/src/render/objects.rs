//! Template objects: minijinja `Object`s over the shared code model, so
//! templates read catalogs without any text being copied into a value
//! tree. Each attribute is computed when a template asks for it (an
//! identifier is a reference-count bump, a text is escaped for the language
//! once per use), and sequences hand out one member at a time.
//!
//! Attributes (the same for every target):
//! - package: `package_name`, `modules`, and the language's package values;
//! - module: `name`, `alias`, `id`, `title`, `locale`, `doc`, `groups`, and
//!   the language's module values; per-module templates also see `package`;
//! - type (group): `type_name`, `title`, `code_type`, `doc`, `entries`, and
//!   names the language derives from the type name;
//! - member (entry or retired code): `member`, `code`, `name`, `message`,
//!   `cause`, `solution` (literals), `retired`, `doc`.

use super::language::Language;
use super::model::{CodeModel, CodeWidth, Naming, member, member_count};
use crate::catalog::Catalog;
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use std::sync::Arc;

/// The model, one language's names for it, and the language.
#[derive(Debug)]
pub struct Shared {
    pub language: &'static dyn Language,
    pub model: CodeModel,
    pub naming: Naming,
}

/// The name of the generated package.
pub const PACKAGE_NAME: &str = "errcat-codes";

fn lines(lines: Vec<String>) -> Value {
    Value::from(lines.into_iter().map(Value::from).collect::<Vec<_>>())
}

#[derive(Debug)]
pub struct PackageObject(pub Arc<Shared>);

impl Object for PackageObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let shared = &self.0;
        match key.as_str()? {
            "package_name" => Some(Value::from(PACKAGE_NAME)),
            "modules" => Some(Value::from_object(Modules(shared.clone()))),
            other => shared.language.package_attribute(other, &shared.model.catalogs).map(Value::from),
        }
    }
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
pub struct ModuleObject {
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
            "title" => Some(Value::from(catalog.title.as_str())),
            "locale" => Some(Value::from(catalog.locale.as_str())),
            "doc" => Some(lines(shared.language.module_doc(catalog))),
            "groups" => Some(Value::from_object(Groups { shared: shared.clone(), module: self.module })),
            "package" => Some(Value::from_object(PackageObject(shared.clone()))),
            other => shared.language.module_attribute(other, catalog).map(Value::from),
        }
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
        (index < self.shared.model.catalogs[self.module].groups.len())
            .then(|| Value::from_object(GroupObject { shared: self.shared.clone(), module: self.module, group: index }))
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
            "title" => Some(Value::from(group.title.as_str())),
            "code_type" => Some(Value::from(shared.language.code_type(self.width()))),
            "doc" => Some(lines(shared.language.group_doc(group))),
            "entries" => Some(Value::from_object(Members {
                shared: shared.clone(),
                module: self.module,
                group: self.group,
                width: self.width(),
            })),
            other => shared.language.type_attribute(other, type_name).map(Value::from),
        }
    }
}

#[derive(Debug)]
struct Members {
    shared: Arc<Shared>,
    module: usize,
    group: usize,
    width: CodeWidth,
}

impl Object for Members {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        let group = &self.shared.model.catalogs[self.module].groups[self.group];
        (index < member_count(group)).then(|| {
            Value::from_object(MemberObject {
                shared: self.shared.clone(),
                module: self.module,
                group: self.group,
                index,
                width: self.width,
            })
        })
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
}

impl Object for MemberObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let shared = &self.shared;
        let language = shared.language;
        let member = member(&shared.model.catalogs[self.module].groups[self.group], self.index)?;
        Some(match key.as_str()? {
            "member" => Value::from(shared.naming.modules[self.module].types[self.group].members[self.index].clone()),
            "code" => Value::from(language.code_literal(member.code, self.width)),
            "name" => Value::from(language.string_literal(member.name)),
            "message" => Value::from(language.optional_literal(member.message())),
            "cause" => Value::from(language.optional_literal(member.cause())),
            "solution" => Value::from(language.optional_literal(member.solution())),
            "retired" => Value::from(member.retired),
            "doc" => lines(language.member_doc(&member)),
            _ => return None,
        })
    }
}
