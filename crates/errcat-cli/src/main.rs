//! The `errcat` command line: `ingest` a page into a catalog, `explain` a
//! code from the committed catalogs.
//!
//! All filesystem access and terminal output live here; the work is done by
//! the `errcat` library. Exit codes: 0 ok, 1 problems found, 2 usage or IO
//! error.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use errcat::catalog::Catalog;
use errcat::columns::ColumnRole;
use errcat::diagnostic::{Diagnostic, Severity, Tally};
use errcat::lower::{SectionMode, SourceSettings};
use errcat::names::NameBook;
use errcat::render::{Target, TemplateSet};
use errcat::{CatalogIdentity, Page};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "Exit codes:\n  0  success\n  1  problems found (an error diagnostic; with --deny-warnings, any warning; `explain`: code not found)\n  2  usage error or I/O error (unreadable file, bad arguments)";

#[derive(Debug, Parser)]
#[command(name = "errcat", version, about = "Compile error-code documentation pages into a canonical catalog.", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read a page (markdown or MDX; `-` for stdin) and print its catalog.
    /// Diagnostics go to stderr.
    #[command(after_help = EXIT_CODES)]
    Ingest(IngestArgs),
    /// Print every entry with this code across the committed catalogs.
    #[command(after_help = EXIT_CODES)]
    Explain(ExplainArgs),
    /// Render catalogs (YAML or JSON) or pages into code for a target.
    #[command(after_help = EXIT_CODES)]
    Render(RenderArgs),
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// Catalog files (`.yaml`, `.yml`, `.json`) or pages (anything else,
    /// ingested with default settings).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// rust, typescript, kotlin, json, or all (each into OUT/<target>/).
    #[arg(long)]
    target: String,
    /// Output directory; created if missing. Existing files are overwritten.
    #[arg(long)]
    out: PathBuf,
    /// A folder with your own templates (the same file names as
    /// `templates/<target>/`); defaults to the built-in templates.
    #[arg(long)]
    templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Yaml,
    Json,
}

#[derive(Debug, clap::Args)]
struct IngestArgs {
    /// The page to read, or `-` for standard input.
    page: PathBuf,
    #[arg(long, value_enum, default_value = "yaml")]
    format: Format,
    /// Catalog id ([a-z0-9-]+); defaults to the file name.
    #[arg(long)]
    id: Option<String>,
    /// Locale of the page (BCP 47); `und` when not given.
    #[arg(long, default_value = "und")]
    locale: String,
    /// Catalog title; defaults to the page's first heading.
    #[arg(long)]
    title: Option<String>,
    /// Upstream URL to record in the catalog.
    #[arg(long)]
    upstream: Option<String>,
    /// Override a column's role: `HEADER=ROLE` (roles: code, name, message,
    /// cause, solution, note, ignore). Repeatable.
    #[arg(long = "column", value_name = "HEADER=ROLE")]
    columns: Vec<String>,
    /// Merge all sections into one group (for pages that repeat codes).
    #[arg(long)]
    merge_sections: bool,
    /// Title of the merged group, or of tables under no heading.
    #[arg(long)]
    group_title: Option<String>,
    /// Split a message cell at this word (after whitespace) into message and
    /// solution. Repeatable.
    #[arg(long, value_name = "WORD")]
    split_solution_at: Vec<String>,
    /// Do not read one-line paragraphs like `3 推流` as section headings.
    #[arg(long)]
    no_numbered_sections: bool,
    /// A name lockfile (YAML, as in `docs-src/names/`) to name the codes.
    #[arg(long, value_name = "FILE")]
    names: Option<PathBuf>,
    /// Official SDK names: `name<TAB>code` lines after a header line.
    #[arg(long, value_name = "TSV")]
    official_names: Option<PathBuf>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Do not print info diagnostics.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The code to look up (decimal or 0x hex).
    code: String,
    /// Only this catalog id.
    #[arg(long)]
    source: Option<String>,
    /// Directory of catalog YAML files.
    #[arg(long, default_value = "generated/catalog")]
    catalogs: PathBuf,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Ingest(args) => ingest(&args),
        Command::Explain(args) => explain(&args),
        Command::Render(args) => render(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("errcat: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn parse_role(text: &str) -> Result<ColumnRole> {
    Ok(match text.trim() {
        "code" => ColumnRole::Code,
        "name" => ColumnRole::Name,
        "message" => ColumnRole::Message,
        "cause" => ColumnRole::Cause,
        "solution" => ColumnRole::Solution,
        "note" => ColumnRole::Note,
        "ignore" => ColumnRole::Ignore,
        other => bail!("unknown column role `{other}` (code, name, message, cause, solution, note, ignore)"),
    })
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() { "page".to_owned() } else { out }
}

fn ingest(args: &IngestArgs) -> Result<ExitCode> {
    let (bytes, shown) = if args.page.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
        (bytes, "<stdin>".to_owned())
    } else {
        let bytes = std::fs::read(&args.page).with_context(|| format!("reading {}", args.page.display()))?;
        (bytes, args.page.display().to_string())
    };
    let id = match &args.id {
        Some(id) if errcat::manifest::is_valid_id(id) => id.clone(),
        Some(id) => bail!("--id `{id}` must match [a-z0-9-]+"),
        None => slug(args.page.file_stem().and_then(|stem| stem.to_str()).unwrap_or("stdin")),
    };
    let mut settings = SourceSettings {
        sections: if args.merge_sections { SectionMode::Merge } else { SectionMode::PerSection },
        group_title: args.group_title.clone(),
        split_solution_at: args.split_solution_at.clone(),
        numbered_sections: !args.no_numbered_sections,
        ..SourceSettings::default()
    };
    for column in &args.columns {
        let Some((header, role)) = column.rsplit_once('=') else {
            bail!("--column `{column}` must be HEADER=ROLE");
        };
        settings.columns.insert(header.to_owned(), parse_role(role)?);
    }
    let identity =
        CatalogIdentity { id, title: args.title.clone(), locale: args.locale.clone(), upstream: args.upstream.clone() };
    let page = Page { bytes: &bytes, path: &shown, file: &shown };
    let (catalog, diagnostics) = errcat::ingest(&page, &identity, &settings, &names_book(args)?);
    let text = String::from_utf8_lossy(&bytes);
    print_diagnostics(&diagnostics, &text, args.quiet);
    let output = match args.format {
        Format::Yaml => catalog.to_yaml_file(&format!("generated by `errcat ingest` from {shown}")),
        Format::Json => catalog.to_json(),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(output.as_bytes()).context("writing the catalog")?;
    let tally = Tally::of(&diagnostics);
    let failed = tally.errors > 0 || (args.deny_warnings && tally.warnings > 0);
    Ok(ExitCode::from(u8::from(failed)))
}

/// The name lockfile and official name list given on the command line.
fn names_book(args: &IngestArgs) -> Result<NameBook> {
    let mut book = NameBook::default();
    if let Some(path) = &args.names {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        book =
            book.with_lockfile(&text, &path.display().to_string()).map_err(|d| anyhow::anyhow!(d.to_short_string()))?;
    }
    if let Some(path) = &args.official_names {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        book = book
            .with_official_tsv(&text, &path.display().to_string())
            .map_err(|d| anyhow::anyhow!(d.to_short_string()))?;
    }
    Ok(book)
}

/// Prints diagnostics to stderr, rustc-style, colored on a terminal.
fn print_diagnostics(diagnostics: &[Diagnostic], source: &str, quiet: bool) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        if quiet && diagnostic.severity() == Severity::Info {
            continue;
        }
        let _ = writeln!(stderr, "{}", diagnostic.render(Some(source), color));
    }
    let tally = Tally::of(diagnostics);
    if tally.errors + tally.warnings + tally.infos > 0 {
        let _ = writeln!(stderr, "{} error(s), {} warning(s), {} info", tally.errors, tally.warnings, tally.infos);
    }
}

fn explain(args: &ExplainArgs) -> Result<ExitCode> {
    let code = errcat::code::Code::parse(&args.code).map_err(|error| anyhow::anyhow!("{error}"))?;
    let catalogs = read_catalogs(&args.catalogs)?;
    let mut found = 0;
    let mut out = String::new();
    for catalog in &catalogs {
        if args.source.as_ref().is_some_and(|source| *source != catalog.id) {
            continue;
        }
        for (group, entry) in catalog.entries().filter(|(_, entry)| entry.code == code) {
            found += 1;
            out.push_str(&format!("{} › {} ({}) › {}\n", catalog.id, group.title, group.name, entry.name));
            out.push_str(&format!("  code:      {}\n", entry.code));
            if let Some(doc_name) = &entry.doc_name {
                out.push_str(&format!("  doc name:  {doc_name}\n"));
            }
            for (label, text) in [("message", &entry.message), ("cause", &entry.cause), ("solution", &entry.solution)] {
                if let Some(text) = text {
                    out.push_str(&format!("  {label:<9}  {}\n", indent(text)));
                }
            }
            for note in &entry.notes {
                out.push_str(&format!("  note:      {}\n", indent(note)));
            }
            if !entry.same_row.is_empty() {
                let mates: Vec<String> = entry.same_row.iter().map(ToString::to_string).collect();
                out.push_str(&format!("  same row:  {}\n", mates.join(", ")));
            }
            if !entry.sections.is_empty() {
                out.push_str(&format!("  sections:  {}\n", entry.sections.join(", ")));
            }
            for variant in &entry.variants {
                let text = variant.message.as_deref().or(variant.solution.as_deref()).unwrap_or("");
                out.push_str(&format!("  variant:   [{}] {}\n", variant.section, indent(text)));
            }
            let lines: Vec<String> = entry.lines.iter().map(ToString::to_string).collect();
            out.push_str(&format!("  source:    docs-src/{}:{}\n\n", catalog.source.file, lines.join(",")));
        }
    }
    if let Some(source) = &args.source
        && !catalogs.iter().any(|catalog| catalog.id == *source)
    {
        bail!("no catalog with id `{source}` in {}", args.catalogs.display());
    }
    if found == 0 {
        eprintln!("errcat: code {code} is not documented in {}", args.catalogs.display());
        return Ok(ExitCode::from(1));
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn render(args: &RenderArgs) -> Result<ExitCode> {
    let targets: Vec<Target> = if args.target == "all" {
        Target::ALL.to_vec()
    } else {
        vec![
            Target::parse(&args.target)
                .with_context(|| format!("unknown target `{}` (rust, typescript, kotlin, json, all)", args.target))?,
        ]
    };
    let mut catalogs = Vec::new();
    let mut failed = false;
    for input in &args.inputs {
        let bytes = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
        let extension = input.extension().and_then(|ext| ext.to_str()).unwrap_or("");
        let text = String::from_utf8_lossy(&bytes);
        let catalog = match extension {
            "yaml" | "yml" => Catalog::from_yaml(&text).with_context(|| format!("parsing {}", input.display()))?,
            "json" => Catalog::from_json(&text).with_context(|| format!("parsing {}", input.display()))?,
            _ => {
                let shown = input.display().to_string();
                let stem = input.file_stem().and_then(|stem| stem.to_str()).unwrap_or("page");
                let identity =
                    CatalogIdentity { id: slug(stem), locale: "und".to_owned(), ..CatalogIdentity::default() };
                let page = Page { bytes: &bytes, path: &shown, file: &shown };
                let (catalog, diagnostics) =
                    errcat::ingest(&page, &identity, &SourceSettings::default(), &NameBook::default());
                print_diagnostics(&diagnostics, &text, true);
                failed |= Tally::of(&diagnostics).errors > 0;
                catalog
            }
        };
        catalogs.push(catalog);
    }
    if failed {
        eprintln!("errcat: nothing rendered: the pages have errors");
        return Ok(ExitCode::from(1));
    }
    // Render every target first: a failing template writes nothing.
    let mut outputs = Vec::new();
    for target in targets {
        let templates = match &args.templates {
            Some(dir) => read_templates(dir)?,
            None => TemplateSet::builtin(target),
        };
        let files =
            errcat::render::render(target, &catalogs, &templates).map_err(|error| anyhow::anyhow!("{error}"))?;
        let base = if args.target == "all" { args.out.join(target.dir()) } else { args.out.clone() };
        outputs.extend(files.into_iter().map(|file| (base.join(&file.path), file.text)));
    }
    for (path, text) in outputs {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Every `*.jinja` file of a template folder.
fn read_templates(dir: &Path) -> Result<TemplateSet> {
    let mut set = TemplateSet::default();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry.with_context(|| format!("reading {}", dir.display()))?.path();
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else { continue };
        if name.ends_with(".jinja") {
            let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
            set.sources.insert(name.to_owned(), text);
        }
    }
    Ok(set)
}

fn indent(text: &str) -> String {
    text.replace('\n', "\n             ")
}

fn read_catalogs(dir: &Path) -> Result<Vec<Catalog>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
            Catalog::from_yaml(&text).with_context(|| format!("parsing {}", path.display()))
        })
        .collect()
}
