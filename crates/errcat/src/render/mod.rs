//! Rendering: catalogs become code through minijinja templates, one folder
//! per target (`templates/<target>/`).
//!
//! The pieces: a language-neutral [`model`] built once from the catalogs;
//! one [`Language`] per target, registered in
//! [`TARGETS`] (the only list of targets: `--target` values, help text,
//! template folders and output folders all come from it); template
//! `objects` that read the model without copying it. A template's path
//! is its output path: `src/{module}.rs.jinja` renders once per catalog
//! into `src/<module name>.rs`, `Cargo.toml.jinja` once into `Cargo.toml`.
//! Output is streamed per file, with LF line endings and exactly one
//! trailing newline, and files are rendered in parallel. Rendering touches
//! no files itself: callers hand it writers.

pub mod c;
pub mod go;
pub mod identifiers;
pub mod java;
pub mod json;
pub mod kotlin;
pub mod language;
pub mod model;
pub(crate) mod objects;
pub mod python;
pub mod rust;
pub mod site;
pub mod typescript;

pub use crate::escape::must_escape;
pub use crate::idents::screaming_snake;
pub use crate::manifest::PackageMeta;
pub use language::{IdentKind, Language};
pub use model::CodeModel;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use identifiers::Identifiers;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use objects::{ModuleObject, PackageObject, Shared};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// The registry of targets: one line per target.
#[rustfmt::skip]
pub const TARGETS: &[Target] = &[
    rust::TARGET,
    typescript::TARGET,
    kotlin::TARGET,
    json::TARGET,
    go::TARGET,
    python::TARGET,
    java::TARGET,
    c::TARGET,
    site::TARGET,
];

/// A code-generation target: a registered [`Language`].
#[derive(Clone, Copy)]
pub struct Target(pub &'static dyn Language);

impl std::fmt::Debug for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.id())
    }
}

impl PartialEq for Target {
    fn eq(&self, other: &Target) -> bool {
        self.0.id() == other.0.id()
    }
}

impl Eq for Target {}

impl Target {
    /// Every registered target.
    pub const ALL: &'static [Target] = TARGETS;

    /// The folder name under `templates/` and `generated/`, and the
    /// `--target` value.
    pub fn dir(self) -> &'static str {
        self.0.id()
    }

    pub fn language(self) -> &'static dyn Language {
        self.0
    }

    /// The target named `text` (its id or an alias).
    pub fn parse(text: &str) -> Option<Target> {
        TARGETS.iter().copied().find(|target| target.0.id() == text || target.0.aliases().contains(&text))
    }

    /// The paths of its built-in templates.
    pub fn template_names(self) -> Vec<&'static str> {
        BUILTIN_TEMPLATES.iter().filter(|(target, _, _)| *target == self.dir()).map(|(_, path, _)| *path).collect()
    }
}

/// Template sources by path inside the target's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateSet {
    pub sources: BTreeMap<String, String>,
}

impl TemplateSet {
    /// The templates shipped in `templates/<target>/`, compiled in, so that
    /// the `errcat` binary renders without the repository.
    pub fn builtin(target: Target) -> TemplateSet {
        let sources = BUILTIN_TEMPLATES
            .iter()
            .filter(|(dir, _, _)| *dir == target.dir())
            .map(|(_, path, source)| ((*path).to_owned(), (*source).to_owned()))
            .collect();
        TemplateSet { sources }
    }
}

/// One rendered file, its path relative to the target's output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub path: String,
    pub text: String,
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template `{name}` is missing from the {target} template set")]
    MissingTemplate { target: &'static str, name: String },
    #[error("template `{name}`: {message}")]
    Template { name: String, message: String },
    #[error("{0}")]
    Unrepresentable(String),
    #[error("writing {path}: {message}")]
    Io { path: String, message: String },
}

/// The placeholder of per-module template paths.
pub const MODULE_PLACEHOLDER: &str = "{module}";

/// The placeholder of the Java package's folder in template paths
/// (`{package}/Codes.java.jinja`): the manifest's `java_package` with `/`
/// for `.`.
pub const PACKAGE_PLACEHOLDER: &str = "{package}";

/// The environment every target uses: strict undefined, no auto-escaping
/// for any extension, trailing newlines kept (then normalized), and the
/// filter `sha256_base64` (the digest of a text, as a Content Security
/// Policy hash names an inline script or style).
fn environment(target: Target, templates: &TemplateSet) -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .map_err(|error| RenderError::Template { name: "syntax".to_owned(), message: error.to_string() })?;
    env.set_syntax(syntax);
    env.add_filter("sha256_base64", |text: &str| {
        use base64::Engine;
        use sha2::Digest;
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
    });
    for name in target.template_names() {
        if !templates.sources.contains_key(name) {
            return Err(RenderError::MissingTemplate { target: target.dir(), name: name.to_owned() });
        }
    }
    for (name, source) in &templates.sources {
        env.add_template_owned(name.clone(), source.clone())
            .map_err(|error| RenderError::Template { name: name.clone(), message: format!("{error:#}") })?;
    }
    Ok(env)
}

/// One file to render: a template, for the package or one module.
#[derive(Debug, Clone)]
struct Job {
    target: usize,
    template: String,
    module: Option<usize>,
    path: String,
}

/// One target ready to render: its environment and its view of the model.
struct Prepared {
    target: Target,
    env: Environment<'static>,
    shared: Arc<Shared>,
}

/// Every file of some targets, ready to render.
pub struct Rendering {
    prepared: Vec<Prepared>,
    jobs: Vec<Job>,
    diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for Rendering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendering").field("jobs", &self.jobs).field("diagnostics", &self.diagnostics).finish()
    }
}

impl Rendering {
    /// Checks every target can represent the model, chooses each language's
    /// identifiers, and lists the files to render.
    pub fn new(model: &CodeModel, targets: &[(Target, TemplateSet)]) -> Result<Rendering, RenderError> {
        let mut prepared = Vec::new();
        let mut jobs = Vec::new();
        let mut diagnostics = Vec::new();
        for (target, _) in targets {
            let language = target.language();
            for (catalog, widths) in model.catalogs.iter().zip(model.widths.iter()) {
                for (group, width) in catalog.groups.iter().zip(widths) {
                    language.check(catalog, group, *width)?;
                }
            }
        }
        // Each language names the whole model on its own: on every core.
        let namings =
            crate::parallel::map(targets.iter().collect(), |(target, _)| Identifiers::new(target.language(), model));
        for (index, ((target, templates), (naming, renames))) in targets.iter().zip(namings).enumerate() {
            let language = target.language();
            let env = environment(*target, templates)?;
            diagnostics.extend(renames);
            let package_dir = model.package.java_package().replace('.', "/");
            for name in templates.sources.keys() {
                let output = name.strip_suffix(".jinja").unwrap_or(name).replace(PACKAGE_PLACEHOLDER, &package_dir);
                let output = output.as_str();
                if output.contains(MODULE_PLACEHOLDER) {
                    for (module, names) in naming.modules.iter().enumerate() {
                        jobs.push(Job {
                            target: index,
                            template: name.clone(),
                            module: Some(module),
                            path: output.replace(MODULE_PLACEHOLDER, &names.name),
                        });
                    }
                } else {
                    jobs.push(Job { target: index, template: name.clone(), module: None, path: output.to_owned() });
                }
            }
            prepared.push(Prepared {
                target: *target,
                env,
                shared: Arc::new(Shared { language, model: model.clone(), naming }),
            });
        }
        Ok(Rendering { prepared, jobs, diagnostics })
    }

    /// Identifiers that had to be renamed (W0501).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// `(target, path)` of every file, in rendering order.
    pub fn outputs(&self) -> Vec<(Target, &str)> {
        self.jobs.iter().map(|job| (self.prepared[job.target].target, job.path.as_str())).collect()
    }

    fn render_job(&self, job: &Job, out: &mut dyn Write) -> Result<(), RenderError> {
        let prepared = &self.prepared[job.target];
        let template = prepared
            .env
            .get_template(&job.template)
            .map_err(|error| RenderError::Template { name: job.template.clone(), message: format!("{error:#}") })?;
        let root = match job.module {
            Some(module) => Value::from_object(ModuleObject { shared: prepared.shared.clone(), module }),
            None => Value::from_object(PackageObject(prepared.shared.clone())),
        };
        let mut normalized = Normalize::new(out);
        template
            .render_captured_to(root, &mut normalized)
            .map_err(|error| RenderError::Template { name: job.template.clone(), message: format!("{error:#}") })?;
        normalized.finish().map_err(|error| RenderError::Io { path: job.path.clone(), message: error.to_string() })
    }

    /// Renders every file into the writer `open` gives for it, on as many
    /// threads as the machine has cores. The first error stops the work.
    pub fn write_all<W, F>(&self, open: F) -> Result<(), RenderError>
    where
        W: Write,
        F: Fn(Target, &str) -> std::io::Result<W> + Sync,
    {
        let next = AtomicUsize::new(0);
        let failed = std::sync::Mutex::new(None);
        let work = || {
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = self.jobs.get(index) else { break };
                let target = self.prepared[job.target].target;
                let result = open(target, &job.path)
                    .map_err(|error| RenderError::Io { path: job.path.clone(), message: error.to_string() })
                    .and_then(|mut writer| {
                        self.render_job(job, &mut writer)?;
                        writer
                            .flush()
                            .map_err(|error| RenderError::Io { path: job.path.clone(), message: error.to_string() })
                    });
                if let Err(error) = result {
                    next.store(self.jobs.len(), Ordering::Relaxed);
                    let mut failed = failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    failed.get_or_insert(error);
                    break;
                }
            }
        };
        let threads = crate::parallel::cores().min(self.jobs.len()).max(1);
        std::thread::scope(|scope| {
            for _ in 1..threads {
                scope.spawn(work);
            }
            work();
        });
        match failed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Renders every file into memory: `(target, file)` in rendering order.
    pub fn to_memory(&self) -> Result<Vec<(Target, RenderedFile)>, RenderError> {
        let slots: Vec<std::sync::Mutex<Vec<u8>>> = self.jobs.iter().map(|_| Default::default()).collect();
        let positions: BTreeMap<(usize, &str), usize> =
            self.jobs.iter().enumerate().map(|(index, job)| ((job.target, job.path.as_str()), index)).collect();
        let target_index = |target: Target| self.prepared.iter().position(|prepared| prepared.target == target);
        self.write_all(|target, path| {
            let index = target_index(target).and_then(|target| positions.get(&(target, path)).copied());
            Ok(SlotWriter { slot: index.map(|index| &slots[index]), buffer: Vec::new() })
        })?;
        Ok(self
            .jobs
            .iter()
            .zip(slots)
            .map(|(job, slot)| {
                let bytes = slot.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
                (self.prepared[job.target].target, RenderedFile { path: job.path.clone(), text })
            })
            .collect())
    }
}

/// Collects one file's bytes and stores them in its slot when flushed.
struct SlotWriter<'a> {
    slot: Option<&'a std::sync::Mutex<Vec<u8>>>,
    buffer: Vec<u8>,
}

impl Write for SlotWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(slot) = self.slot {
            let mut slot = slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            slot.append(&mut self.buffer);
        }
        Ok(())
    }
}

/// Renders `catalogs` for `target` with `templates` into memory.
pub fn render(target: Target, catalogs: &[Catalog], templates: &TemplateSet) -> Result<Vec<RenderedFile>, RenderError> {
    let model = CodeModel::new(catalogs.to_vec());
    let rendering = Rendering::new(&model, &[(target, templates.clone())])?;
    Ok(rendering.to_memory()?.into_iter().map(|(_, file)| file).collect())
}

/// A writer that turns CRLF into LF and ends the output with exactly one
/// newline, while streaming: trailing newlines are held back until more
/// text follows, and a CR until the next byte shows whether it is CRLF.
struct Normalize<'a> {
    out: std::io::BufWriter<&'a mut dyn Write>,
    newlines: usize,
    carriage_return: bool,
}

impl<'a> Normalize<'a> {
    fn new(out: &'a mut dyn Write) -> Normalize<'a> {
        Normalize { out: std::io::BufWriter::with_capacity(1 << 16, out), newlines: 0, carriage_return: false }
    }

    fn release(&mut self) -> std::io::Result<()> {
        for _ in 0..self.newlines {
            self.out.write_all(b"\n")?;
        }
        self.newlines = 0;
        if std::mem::take(&mut self.carriage_return) {
            self.out.write_all(b"\r")?;
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        if self.carriage_return {
            self.release()?;
        }
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

impl Write for Normalize<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // Most pieces hold no CR: only their trailing newlines are held back.
        if !self.carriage_return && !bytes.contains(&b'\r') {
            match bytes.iter().rposition(|byte| *byte != b'\n') {
                None => self.newlines += bytes.len(),
                Some(last) => {
                    self.release()?;
                    self.out.write_all(&bytes[..=last])?;
                    self.newlines = bytes.len() - last - 1;
                }
            }
            return Ok(bytes.len());
        }
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.carriage_return {
                if rest[0] == b'\n' {
                    self.carriage_return = false;
                    self.newlines += 1;
                    rest = &rest[1..];
                    continue;
                }
                self.release()?;
            }
            match rest[0] {
                b'\n' => {
                    self.newlines += 1;
                    rest = &rest[1..];
                }
                b'\r' => {
                    self.carriage_return = true;
                    rest = &rest[1..];
                }
                _ => {
                    self.release()?;
                    let end = rest.iter().position(|byte| matches!(byte, b'\n' | b'\r')).unwrap_or(rest.len());
                    self.out.write_all(&rest[..end])?;
                    rest = &rest[end..];
                }
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// LF line endings and exactly one trailing newline.
pub fn normalize_output(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len() + 1);
    let mut normalize = Normalize::new(&mut out);
    let _ = normalize.write_all(text.as_bytes());
    let _ = normalize.finish();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_has_exactly_one_trailing_newline_and_lf() {
        assert_eq!(normalize_output("a\r\nb\n\n\n"), "a\nb\n");
        assert_eq!(normalize_output("a"), "a\n");
        assert_eq!(normalize_output(""), "\n");
        assert_eq!(normalize_output("a\n\r"), "a\n\r\n");
        assert_eq!(normalize_output("a\r\r\nb\r"), "a\r\nb\r\n");
        assert_eq!(normalize_output("a\n\n\r\n"), "a\n");
    }

    #[test]
    fn output_split_into_any_pieces_normalizes_like_the_whole() {
        let text = "a\r\nb\n\nc\rx\r\r\n\n\ny\n\r\n\n";
        for cut_a in 0..=text.len() {
            for cut_b in cut_a..=text.len() {
                let mut out = Vec::new();
                let mut normalize = Normalize::new(&mut out);
                for piece in [&text[..cut_a], &text[cut_a..cut_b], &text[cut_b..]] {
                    normalize.write_all(piece.as_bytes()).expect("writes");
                }
                normalize.finish().expect("finishes");
                assert_eq!(String::from_utf8(out).expect("utf-8"), normalize_output(text), "cut at {cut_a}, {cut_b}");
            }
        }
        assert_eq!(normalize_output(text), "a\nb\n\nc\rx\r\n\n\ny\n");
    }

    #[test]
    fn every_registered_target_has_its_templates_and_a_unique_name() {
        let mut seen = std::collections::BTreeSet::new();
        for target in Target::ALL {
            assert!(seen.insert(target.dir()), "{target:?} registered twice");
            assert!(!target.template_names().is_empty(), "no templates for {target:?}");
            assert_eq!(Target::parse(target.dir()), Some(*target));
        }
    }
}
