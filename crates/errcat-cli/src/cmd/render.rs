//! `errcat render`: catalogs (YAML or JSON) and pages (ingested with
//! default settings) rendered into code for one target or all of them,
//! with the built-in templates or a folder of the user's. Every file is
//! rendered into a staging folder first, so a failure writes nothing into
//! `--out`. Rendering is the library's (`errcat::render`).

use crate::{input, output};
use anyhow::{Context, Result, bail};
use clap::builder::PossibleValue;
use errcat::diagnostic::{Diagnostic, Severity, Tally};
use errcat::render::{Target, TemplateSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "Exit codes:\n  0  every file is rendered into --out\n  1  a page given has an error diagnostic; nothing is written\n  2  usage or I/O error, an unreadable catalog or template folder, a failing template, or a catalog the target cannot hold; nothing is written";

/// Render catalogs (YAML or JSON) or pages into code for a target.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Catalog files (`.yaml`, `.yml`, `.json`) or pages (anything else,
    /// ingested with default settings).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The target language, or `all` (each into OUT/<target>/).
    #[arg(long, value_enum)]
    target: TargetArg,
    /// Output directory; created if missing. Existing files are overwritten.
    #[arg(long)]
    out: PathBuf,
    /// A folder with your own templates (at least the paths of
    /// `templates/<target>/`; a template's path is its output path, `{module}`
    /// in it rendered once per catalog); with `--target all`, a folder with
    /// one such folder per target, shaped like `templates/`. Defaults to the
    /// built-in templates.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// The version written into the generated packages (`Cargo.toml`,
    /// `package.json`, `pyproject.toml`…); `cargo xtask regen` computes it
    /// from the semantic diff.
    #[arg(long, default_value = errcat::render::model::DEFAULT_VERSION, value_parser = parse_version)]
    package_version: String,
}

fn parse_version(text: &str) -> Result<String, String> {
    errcat::version::parse(text)
}

/// A `--target` value: every registered target, or all of them.
#[derive(Debug, Clone, Copy)]
enum TargetArg {
    All,
    One(Target),
}

static TARGET_ARGS: std::sync::LazyLock<Vec<TargetArg>> = std::sync::LazyLock::new(|| {
    Target::ALL.iter().copied().map(TargetArg::One).chain(std::iter::once(TargetArg::All)).collect()
});

impl clap::ValueEnum for TargetArg {
    fn value_variants<'a>() -> &'a [Self] {
        &TARGET_ARGS
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            TargetArg::All => PossibleValue::new("all").help("every target, each into OUT/<target>/"),
            TargetArg::One(target) => PossibleValue::new(target.dir())
                .aliases(target.language().aliases().iter().copied())
                .help(target.language().help()),
        })
    }
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let targets: Vec<Target> = match args.target {
        TargetArg::All => Target::ALL.to_vec(),
        TargetArg::One(target) => vec![target],
    };
    let mut catalogs = Vec::new();
    let mut failed = false;
    for path in &args.inputs {
        let bytes = input::read(path)?;
        let text = String::from_utf8_lossy(&bytes);
        let catalog = if input::is_catalog(path) {
            input::parse_catalog(&path.display().to_string(), &text)?
        } else {
            let (catalog, diagnostics) = input::ingest_page(path, &bytes);
            // A page rendered as it is has no lockfile: every name is a
            // fallback, said once (the one info shown).
            let diagnostics: Vec<Diagnostic> = errcat::names::summarize_fallbacks(
                diagnostics,
                &path.display().to_string(),
                "ingest the page with `--names FILE` and render the catalog to curate them",
            )
            .into_iter()
            .filter(|d| d.severity() != Severity::Info || d.kind == errcat::diagnostic::DiagnosticKind::FallbackNames)
            .collect();
            output::print_diagnostics(&diagnostics, &text, false);
            failed |= Tally::of(&diagnostics).errors > 0;
            catalog
        };
        catalogs.push(catalog);
    }
    if failed {
        eprintln!("errcat: nothing rendered: the pages have errors");
        return Ok(crate::exit::problems(true));
    }
    let mut sets = Vec::new();
    for target in targets {
        let templates = match &args.templates {
            Some(dir) if matches!(args.target, TargetArg::All) => read_templates(&dir.join(target.dir()))?,
            Some(dir) => read_templates(dir)?,
            None => TemplateSet::builtin(target),
        };
        sets.push((target, templates));
    }
    let model = errcat::render::CodeModel::new(catalogs).with_version(&args.package_version);
    let rendering = errcat::render::Rendering::new(&model, &sets).map_err(|error| anyhow::anyhow!("{error}"))?;
    for diagnostic in rendering.diagnostics() {
        eprintln!("{}", diagnostic.to_short_string());
    }
    let all = matches!(args.target, TargetArg::All);
    let relative = |target: Target, path: &str| {
        if all { Path::new(target.dir()).join(path) } else { PathBuf::from(path) }
    };
    // Every file is streamed into a staging folder beside OUT; only when all
    // are rendered do they move into place, so a failing template writes
    // nothing.
    let out_name = args.out.file_name().map_or_else(|| "out".into(), |name| name.to_string_lossy().into_owned());
    let staging = args.out.with_file_name(format!(".{out_name}.errcat-{}", std::process::id()));
    let result = rendering.write_all(|target, path| {
        let path = staging.join(relative(target, path));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::File::create(&path)
    });
    if let Err(error) = result {
        let _ = std::fs::remove_dir_all(&staging);
        bail!("{error}");
    }
    let moved = if args.out.exists() {
        rendering.outputs().into_iter().try_for_each(|(target, path)| {
            let path = relative(target, path);
            let destination = args.out.join(&path);
            if let Some(parent) = destination.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(staging.join(&path), destination)
        })
    } else {
        std::fs::rename(&staging, &args.out)
    };
    let _ = std::fs::remove_dir_all(&staging);
    moved.with_context(|| format!("writing into {}", args.out.display()))?;
    for (target, path) in rendering.outputs() {
        eprintln!("wrote {}", args.out.join(relative(target, path)).display());
    }
    // As in `ingest`: the process ends, so the model is not freed piece by piece.
    std::mem::forget((rendering, model));
    Ok(ExitCode::SUCCESS)
}

/// Every `*.jinja` file of a template folder, by its path inside it.
fn read_templates(dir: &Path) -> Result<TemplateSet> {
    let mut set = TemplateSet::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).with_context(|| format!("reading {}", current.display()))? {
            let path = entry.with_context(|| format!("reading {}", current.display()))?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(relative) = path.strip_prefix(dir) else { continue };
            let name =
                relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if name.ends_with(".jinja") {
                let text = input::read_to_string(&path)?;
                set.sources.insert(name, text);
            }
        }
    }
    Ok(set)
}
