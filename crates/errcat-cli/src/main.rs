//! The `errcat` command line: `ingest` a page into a catalog, `explain` a
//! code from the committed catalogs.
//!
//! All filesystem access and terminal output live here; the work is done by
//! the `errcat` library. Exit codes: 0 ok, 1 problems found, 2 usage or IO
//! error.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};
use errcat::catalog::Catalog;
use errcat::diagnostic::{Diagnostic, Severity, Tally};
use errcat::findings::Finding;
use errcat::manifest::ColumnRole;
use errcat::lower::{SectionMode, SourceSettings};
use errcat::names::NameBook;
use errcat::render::{Target, TemplateSet};
use errcat::{CatalogIdentity, InputFormat, Page};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod upstream;

/// mimalloc: reading and rendering large pages allocate millions of small
/// strings, often on two threads; glibc's allocator spent a third of the
/// time of a 100,000-row page in its own bookkeeping.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "Exit codes (`errcat COMMAND --help` says what each means for that command):\n  0  success\n  1  problems found\n  2  usage error or I/O error";

const INGEST_HELP: &str = "Exit codes:\n  0  the catalog is printed\n  1  the page has an error diagnostic (with --deny-warnings, also a warning); the catalog is still printed\n  2  usage or I/O error (unreadable page, bad arguments)";

const EXPLAIN_HELP: &str = "Exit codes:\n  0  the code is documented; every entry with it is printed\n  1  no catalog documents the code\n  2  no catalogs at --catalogs (run in a checkout, or point --catalogs at a folder of catalog YAML files), an unreadable catalog, an unknown --source, or bad arguments";

const RENDER_HELP: &str = "Exit codes:\n  0  every file is rendered into --out\n  1  a page given has an error diagnostic; nothing is written\n  2  usage or I/O error, an unreadable catalog or template folder, a failing template, or a catalog the target cannot hold; nothing is written";

#[derive(Debug, Parser)]
#[command(name = "errcat", version, about = "Compile error-code documentation pages into a canonical catalog.", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read a page (markdown, MDX or HTML; `-` for stdin) and print its
    /// catalog. Diagnostics go to stderr.
    #[command(after_help = INGEST_HELP)]
    Ingest(Box<IngestArgs>),
    /// Print every entry with this code across the committed catalogs.
    #[command(after_help = EXPLAIN_HELP)]
    Explain(ExplainArgs),
    /// Render catalogs (YAML or JSON) or pages into code for a target.
    #[command(after_help = RENDER_HELP)]
    Render(RenderArgs),
    /// What changed between two versions: added, removed, renamed,
    /// re-worded codes, classified breaking / minor / patch.
    #[command(after_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// Report documentation problems to fix upstream (every manifest source,
    /// or the pages given).
    #[command(after_help = LINT_HELP)]
    Lint(LintArgs),
    /// Fetch every source's upstream URL and report how it drifted from
    /// the committed catalogs.
    #[command(after_help = UPSTREAM_HELP)]
    Upstream(UpstreamArgs),
}

const LINT_HELP: &str = "Lints (allow one per source in docs-src/sources.yaml with `allow_lints: [{id: ID, reason: ...}]`):\n  duplicate-code, wording-differs, no-message, mdx-remnant, unbalanced-brackets, unknown-code-reference, name-collision,\n  edition-missing-code, edition-missing-section, edition-numbers-differ, edition-code-reference-differs, edition-link-differs\n\nExit codes:\n  0  no lint (other than allowed ones)\n  1  lints found\n  2  usage or I/O error";

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LintFormat {
    Text,
    Json,
    /// GitHub Actions workflow commands: one `::warning` annotation per lint.
    Github,
    /// SARIF 2.1.0, for code scanning and review tools.
    Sarif,
}

#[derive(Debug, clap::Args)]
struct LintArgs {
    /// Pages to lint with default settings; none: every manifest source.
    pages: Vec<PathBuf>,
    /// The project root (with docs-src/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: LintFormat,
}

const UPSTREAM_HELP: &str = "Exit codes:\n  0  every upstream page matches its committed catalog (below --fail-on)\n  1  drift at or above --fail-on (default: any change)\n  2  a page could not be fetched or read (network error, HTTP error status, timeout, size cap, bad charset, parse errors), or usage/IO error; never reported as \"no drift\"";

#[derive(Debug, clap::Args)]
struct UpstreamArgs {
    /// The project root (with docs-src/ and generated/catalog/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Only these source ids (repeatable).
    #[arg(long = "source", value_name = "ID")]
    sources: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// Exit 1 only for drift at or above this level.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Seconds allowed for each fetch, redirects included.
    #[arg(long, default_value = "30")]
    timeout: u64,
    /// Largest body accepted, in bytes.
    #[arg(long, default_value = "20000000")]
    max_bytes: u64,
    /// Write drifted pages into docs-src/ (atomically) and record the fetch
    /// in docs-src/upstream.lock.yaml; then run `cargo xtask regen`.
    #[arg(long)]
    update: bool,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

const DIFF_HELP: &str = "Each side is a page (.md, .mdx, .html; settings and names come from docs-src/sources.yaml when the page is listed there), a catalog (.yaml, .yml, .json), or git:REV:PATH (a catalog at a git revision). Add #GROUP to compare one section (by title or type name), e.g. page.mdx#混流转码接口.\n\nExit codes:\n  0  no change at or above --fail-on (always 0 without --fail-on)\n  1  a change at or above --fail-on\n  2  usage error, I/O error, unreadable catalog, unknown group";

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Markdown,
    Json,
    /// JUnit XML: one test case per change, failing at or above --fail-on.
    Junit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Breaking,
    Minor,
    Patch,
    Any,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// The old version (omit with --since).
    old: Option<String>,
    /// The new version (omit with --since).
    new: Option<String>,
    /// Compare every catalog in --catalogs with its version at this git revision.
    #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
    since: Option<String>,
    /// Directory of catalogs, for --since.
    #[arg(long, default_value = "generated/catalog")]
    catalogs: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// Exit 1 when a change at or above this level is found.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
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
    /// in it rendered once per catalog); defaults to the built-in templates.
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

impl ValueEnum for TargetArg {
    fn value_variants<'a>() -> &'a [Self] {
        &TARGET_ARGS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(match self {
            TargetArg::All => clap::builder::PossibleValue::new("all").help("every target, each into OUT/<target>/"),
            TargetArg::One(target) => clap::builder::PossibleValue::new(target.dir())
                .aliases(target.language().aliases().iter().copied())
                .help(target.language().help()),
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    Yaml,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagnosticFormat {
    Text,
    /// GitHub Actions workflow commands, one annotation per diagnostic.
    Github,
    /// SARIF 2.1.0, for code scanning and review tools.
    Sarif,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatIn {
    Markdown,
    Html,
}

impl From<FormatIn> for InputFormat {
    fn from(format: FormatIn) -> InputFormat {
        match format {
            FormatIn::Markdown => InputFormat::Markdown,
            FormatIn::Html => InputFormat::Html,
        }
    }
}

#[derive(Debug, clap::Args)]
struct IngestArgs {
    /// The page to read, or `-` for standard input.
    page: PathBuf,
    /// The page's format; detected from the extension (.md, .mdx, .html,
    /// .htm), then from the content, when not given.
    #[arg(long, value_enum)]
    format_in: Option<FormatIn>,
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
    /// Split each table into groups by this column (e.g. a module column
    /// under which codes repeat): `Section / value`.
    #[arg(long, value_name = "HEADER")]
    group_by: Option<String>,
    /// Read every line that matches this regular expression whole as an
    /// entry: named groups `code` (required), `message`, `name`, `cause`,
    /// `solution`, e.g. `(?P<code>E-\d+) \| (?P<message>.+)`.
    #[arg(long, value_name = "REGEX")]
    line_pattern: Option<String>,
    /// A label word of the page and what it labels, in headers, cells and
    /// prose: `WORD=ROLE` (roles as for --column), e.g. `含义=message`.
    /// Repeatable.
    #[arg(long = "label", value_name = "WORD=ROLE")]
    labels: Vec<String>,
    /// HTML pages: read only the elements this CSS selector matches
    /// (`main article`, `#error-codes, h2`).
    #[arg(long, value_name = "SELECTOR")]
    select: Option<String>,
    /// Keep only codes that match this regular expression whole, as
    /// written (`E\d{4}`); the others are counted in a warning.
    #[arg(long, value_name = "REGEX")]
    code_pattern: Option<String>,
    /// Do not read the section under this heading (it documents no codes).
    /// Repeatable.
    #[arg(long = "skip-section", value_name = "HEADING")]
    skip_sections: Vec<String>,
    /// Read the page with this form only (repeatable): list-tables,
    /// record-tables, tables, line-pattern, code-headings, named-values,
    /// code-lines, code-paragraphs, list-items, code-blocks.
    #[arg(long = "form", value_name = "FORM")]
    forms: Vec<String>,
    /// A name lockfile (YAML, as in `docs-src/names/`) to name the codes.
    #[arg(long, value_name = "FILE")]
    names: Option<PathBuf>,
    /// Official SDK names: `name<TAB>code` lines after a header line.
    #[arg(long, value_name = "TSV")]
    official_names: Option<PathBuf>,
    /// How diagnostics are written to standard error: rustc-style text,
    /// GitHub Actions annotations, or a SARIF 2.1.0 log.
    #[arg(long, value_enum, default_value = "text")]
    diagnostic_format: DiagnosticFormat,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Do not print info diagnostics.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// The code to look up (decimal, 0x hex, or a string code as written).
    code: String,
    /// Only this catalog id.
    #[arg(long)]
    source: Option<String>,
    /// Folder of catalog YAML files: `generated/catalog/` of a checkout of
    /// the project (written by `cargo xtask regen`), or any `errcat ingest`
    /// output.
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
        Command::Diff(args) => diff(&args),
        Command::Upstream(args) => upstream_command(&args),
        Command::Lint(args) => lint_command(&args),
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
    if !errcat::catalog::is_valid_locale(&args.locale) {
        bail!("--locale `{}` must be a BCP 47 tag (ASCII letters, digits and `-`, e.g. zh-CN)", args.locale);
    }
    let mut settings = SourceSettings {
        sections: if args.merge_sections { SectionMode::Merge } else { SectionMode::PerSection },
        group_title: args.group_title.clone(),
        split_solution_at: args.split_solution_at.clone(),
        numbered_sections: !args.no_numbered_sections,
        group_by: args.group_by.clone(),
        line_pattern: args.line_pattern.clone(),
        select: args.select.clone(),
        code_pattern: args.code_pattern.clone(),
        skip_sections: args.skip_sections.clone(),
        forms: args.forms.clone(),
        ..SourceSettings::default()
    };
    for label in &args.labels {
        let Some((word, role)) = label.rsplit_once('=') else {
            bail!("--label `{label}` must be WORD=ROLE");
        };
        settings.labels.insert(word.to_owned(), parse_role(role)?);
    }
    for column in &args.columns {
        let Some((header, role)) = column.rsplit_once('=') else {
            bail!("--column `{column}` must be HEADER=ROLE");
        };
        settings.columns.insert(header.to_owned(), parse_role(role)?);
    }
    let identity =
        CatalogIdentity { id, title: args.title.clone(), locale: args.locale.clone(), upstream: args.upstream.clone() };
    let page = Page { format: args.format_in.map(InputFormat::from), ..Page::new(&bytes, &shown, &shown) };
    let (catalog, mut diagnostics) = errcat::ingest(&page, &identity, &settings, &names_book(args)?);
    if args.names.is_none() {
        diagnostics = errcat::names::summarize_fallbacks(diagnostics, &shown, errcat::names::CURATE_WITH_NAMES);
    }
    let text = String::from_utf8_lossy(&bytes);
    match args.diagnostic_format {
        DiagnosticFormat::Text => {
            print_diagnostics(&diagnostics, &text, args.quiet);
            let _ = writeln!(anstream::stderr().lock(), "{}", reading_summary(&shown, &catalog, &diagnostics));
        }
        format => {
            let findings: Vec<Finding> = diagnostics
                .iter()
                .filter(|d| !(args.quiet && d.severity() == Severity::Info))
                .map(Finding::from)
                .collect();
            let out = if format == DiagnosticFormat::Github {
                errcat::findings::github("errcat ingest", &findings)
            } else {
                errcat::findings::sarif(
                    "errcat",
                    env!("CARGO_PKG_VERSION"),
                    &errcat::findings::diagnostic_rules(),
                    &findings,
                )
            };
            let _ = std::io::stderr().lock().write_all(out.as_bytes());
        }
    }
    let stdout = std::io::stdout().lock();
    match args.format {
        Format::Yaml => {
            let output = catalog.to_yaml_file(&format!("generated by `errcat ingest` from {shown}"));
            write_all(stdout, output.as_bytes())
        }
        // Streamed: a large catalog's JSON is several times its page.
        Format::Json => catalog.write_json(std::io::BufWriter::with_capacity(1 << 16, stdout)),
    }
    .context("writing the catalog")?;
    let tally = Tally::of(&diagnostics);
    let failed = tally.errors > 0 || (args.deny_warnings && tally.warnings > 0);
    // The process ends here: the operating system takes the memory back at
    // once, where freeing a large catalog entry by entry takes a stage's time.
    std::mem::forget(catalog);
    Ok(ExitCode::from(u8::from(failed)))
}

/// The line `errcat ingest` ends with: entries read, and the code-like
/// items the coverage check found not read, with their first lines.
fn reading_summary(shown: &str, catalog: &Catalog, diagnostics: &[Diagnostic]) -> String {
    let entries = catalog.entries().count();
    let lines: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.kind == errcat::diagnostic::DiagnosticKind::CodeNotRead)
        .map(|d| d.line.to_string())
        .collect();
    if lines.is_empty() {
        return format!("{shown}: {entries} entries read; no code-like item left unread");
    }
    let first: Vec<&str> = lines.iter().take(5).map(String::as_str).collect();
    let more = if lines.len() > 5 { ", …" } else { "" };
    format!(
        "{shown}: {entries} entries read; {} code-like item(s) not read (lines {}{more}; see W0223)",
        lines.len(),
        first.join(", ")
    )
}

fn write_all(mut out: impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(bytes)?;
    out.flush()
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

/// Prints diagnostics to stderr, rustc-style, coloured where the terminal
/// takes colour.
fn print_diagnostics(diagnostics: &[Diagnostic], source: &str, quiet: bool) {
    // Rendered with styles; anstream strips them for pipes, `NO_COLOR` and
    // terminals without colour, and translates them on old Windows consoles.
    let mut stderr = anstream::stderr().lock();
    let shown = diagnostics.iter().filter(|d| !(quiet && d.severity() == Severity::Info));
    for rendered in errcat::diagnostic::render_all(shown, Some(source), true) {
        let _ = writeln!(stderr, "{rendered}");
    }
    let tally = Tally::of(diagnostics);
    if tally.errors + tally.warnings + tally.infos > 0 {
        let _ = writeln!(stderr, "{} error(s), {} warning(s), {} info", tally.errors, tally.warnings, tally.infos);
    }
}

fn explain(args: &ExplainArgs) -> Result<ExitCode> {
    // A number matches integer codes; any text matches string codes as written.
    let number = errcat::code::Code::parse(&args.code).ok();
    let wanted = args.code.trim();
    let code = wanted;
    let matches = |code: &errcat::code::Code| number.as_ref() == Some(code) || code.as_text() == Some(wanted);
    let catalogs = explain_catalogs(&args.catalogs)?;
    // The error index beside the catalogs (`generated/site/`), when there is one.
    let index = args.catalogs.parent().map(|dir| dir.join("site/index.html")).filter(|index| index.is_file());
    let mut found = 0;
    let mut out = String::new();
    for catalog in &catalogs {
        if args.source.as_ref().is_some_and(|source| *source != catalog.id) {
            continue;
        }
        for (group, entry) in catalog.entries().filter(|(_, entry)| matches(&entry.code)) {
            found += 1;
            out.push_str(&format!("{} › {} ({}) › {}\n", catalog.id, group.title, group.name, entry.name));
            out.push_str(&format!("  {:<10} {}\n", "code:", entry.code));
            if let Some(doc_name) = &entry.doc_name {
                out.push_str(&format!("  doc name:  {doc_name}\n"));
            }
            for (label, text) in
                [("message:", &entry.message), ("cause:", &entry.cause), ("solution:", &entry.solution)]
            {
                if let Some(text) = text {
                    out.push_str(&format!("  {label:<10} {}\n", indent(text)));
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
            out.push_str(&format!(
                "  source:    docs-src/{}:{} ({})\n",
                catalog.source.file,
                lines.join(","),
                catalog.locale
            ));
            if let Some(index) = &index {
                let anchor = errcat::catalog::entry_anchor(&catalog.id, &group.name, &entry.code);
                out.push_str(&format!("  index:     {}#{anchor}\n", index.display()));
            }
            // Every other locale of the page: its texts, or that it has none for this code.
            for edition in &catalog.editions {
                let locale = &edition.locale;
                let Some(text) = entry.translations.get(locale) else {
                    out.push_str(&format!(
                        "  [{locale}]      not in the `{locale}` edition (docs-src/{})\n",
                        edition.source.file
                    ));
                    continue;
                };
                for (label, text) in
                    [("message:", &text.message), ("cause:", &text.cause), ("solution:", &text.solution)]
                {
                    if let Some(text) = text {
                        out.push_str(&format!("  [{locale}] {label:<9} {}\n", indent(text)));
                    }
                }
                for note in &text.notes {
                    out.push_str(&format!("  [{locale}] note:     {}\n", indent(note)));
                }
                let lines: Vec<String> = text.lines.iter().map(ToString::to_string).collect();
                out.push_str(&format!("  [{locale}] source:   docs-src/{}:{}\n", edition.source.file, lines.join(",")));
            }
            out.push('\n');
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
    let targets: Vec<Target> = match args.target {
        TargetArg::All => Target::ALL.to_vec(),
        TargetArg::One(target) => vec![target],
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
                let page = Page::new(&bytes, &shown, &shown);
                let (catalog, diagnostics) =
                    errcat::ingest(&page, &identity, &SourceSettings::default(), &NameBook::default());
                // A page rendered as it is has no lockfile: every name is a
                // fallback, said once (the one info shown).
                let diagnostics: Vec<Diagnostic> = errcat::names::summarize_fallbacks(
                    diagnostics,
                    &shown,
                    "ingest the page with `--names FILE` and render the catalog to curate them",
                )
                .into_iter()
                .filter(|d| {
                    d.severity() != Severity::Info || d.kind == errcat::diagnostic::DiagnosticKind::FallbackNames
                })
                .collect();
                print_diagnostics(&diagnostics, &text, false);
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
    let mut sets = Vec::new();
    for target in targets {
        let templates = match &args.templates {
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

fn lint_command(args: &LintArgs) -> Result<ExitCode> {
    let mut lints = Vec::new();
    let mut allowed = 0;
    if args.pages.is_empty() {
        let manifest_path = args.root.join("docs-src/sources.yaml");
        let text =
            std::fs::read_to_string(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?;
        let manifest = errcat::manifest::Manifest::parse(&text, "docs-src/sources.yaml")?;
        let docs_src = args.root.join("docs-src");
        for source in &manifest.sources {
            let loaded = errcat::project::load_source(source, &errcat::project::read_from_dir(&docs_src))?;
            let shown = format!("docs-src/{}", source.file);
            let mut found = errcat::lint::lint(&loaded.catalog, &loaded.diagnostics, &shown);
            for edition in &loaded.editions {
                found.extend(errcat::lint::edition_lints(
                    &loaded.catalog,
                    &edition.catalog,
                    &edition.locale,
                    &shown,
                    &edition.path,
                ));
            }
            for lint in found {
                if source.allow_lints.iter().any(|allow| allow.id == lint.id) {
                    allowed += 1;
                } else {
                    lints.push(lint);
                }
            }
        }
    } else {
        for page in &args.pages {
            let bytes = std::fs::read(page).with_context(|| format!("reading {}", page.display()))?;
            let shown = page.display().to_string();
            let stem = page.file_stem().and_then(|stem| stem.to_str()).unwrap_or("page");
            let identity = CatalogIdentity { id: slug(stem), locale: "und".to_owned(), ..CatalogIdentity::default() };
            let (catalog, diagnostics) = errcat::ingest(
                &Page::new(&bytes, &shown, &shown),
                &identity,
                &SourceSettings::default(),
                &NameBook::default(),
            );
            lints.extend(errcat::lint::lint(&catalog, &diagnostics, &shown));
        }
    }
    let out = match args.format {
        LintFormat::Json => {
            let value = serde_json::json!({"schema": "errcat-lint/v1", "lints": lints, "allowed": allowed});
            format!("{}\n", serde_json::to_string_pretty(&value).context("writing JSON")?)
        }
        LintFormat::Github => {
            let findings: Vec<Finding> = lints.iter().map(Finding::from).collect();
            let mut out = errcat::findings::github("errcat lint", &findings);
            out.push_str(&format!("{} lint(s), {allowed} allowed\n", lints.len()));
            out
        }
        LintFormat::Sarif => {
            let findings: Vec<Finding> = lints.iter().map(Finding::from).collect();
            errcat::findings::sarif("errcat", env!("CARGO_PKG_VERSION"), &errcat::findings::lint_rules(), &findings)
        }
        LintFormat::Text => {
            let mut out = String::new();
            for lint in &lints {
                out.push_str(&format!("{}:{}: [{}] {}\n", lint.file, lint.line, lint.id, lint.message));
            }
            out.push_str(&format!("{} lint(s), {allowed} allowed\n", lints.len()));
            out
        }
    };
    std::io::stdout().lock().write_all(out.as_bytes()).context("writing lints")?;
    Ok(ExitCode::from(u8::from(!lints.is_empty())))
}

fn level_of(fail_on: Option<FailOn>) -> errcat::diff::Level {
    match fail_on {
        Some(FailOn::Breaking) => errcat::diff::Level::Breaking,
        Some(FailOn::Minor) => errcat::diff::Level::Minor,
        None | Some(FailOn::Patch | FailOn::Any) => errcat::diff::Level::Patch,
    }
}

fn render_report(
    report: &errcat::diff::Report,
    format: DiffFormat,
    color: ColorChoice,
    fail_on: Option<errcat::diff::Level>,
) -> String {
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
    };
    match format {
        DiffFormat::Text => errcat::diff::render_text(report, errcat::diff::Style { color }),
        DiffFormat::Markdown => errcat::diff::render_markdown(report),
        DiffFormat::Json => errcat::diff::render_json(report),
        DiffFormat::Junit => errcat::findings::junit("errcat diff", &errcat::diff::junit_suites(report, fail_on)),
    }
}

fn upstream_command(args: &UpstreamArgs) -> Result<ExitCode> {
    let options = upstream::UpstreamOptions {
        root: args.root.clone(),
        sources: args.sources.clone(),
        limits: upstream::FetchLimits {
            timeout: std::time::Duration::from_secs(args.timeout),
            max_bytes: args.max_bytes,
        },
        update: args.update,
        threshold: level_of(args.fail_on),
    };
    let outcome = upstream::run(&options)?;
    let fail_on = Some(options.threshold);
    let mut text = render_report(&outcome.report, args.format, args.color, fail_on);
    // A source that could not be checked must never read as "no drift".
    if !outcome.failures.is_empty() {
        let ids: Vec<&str> = outcome.failures.iter().map(|(id, _)| id.as_str()).collect();
        match args.format {
            DiffFormat::Text => {
                text.push_str(&format!("NOT CHECKED ({}): {}\n", ids.len(), ids.join(", ")));
            }
            DiffFormat::Markdown => {
                text.push_str(&format!("\n**Not checked** (could not fetch or read): {}\n", ids.join(", ")));
            }
            DiffFormat::Json => {
                let mut value: serde_json::Value = serde_json::from_str(&text).context("re-reading the JSON report")?;
                value["failures"] = outcome
                    .failures
                    .iter()
                    .map(|(id, error)| serde_json::json!({"source": id, "error": error}))
                    .collect();
                text = format!("{}\n", serde_json::to_string_pretty(&value).context("writing JSON")?);
            }
            DiffFormat::Junit => {
                let mut suites = errcat::diff::junit_suites(&outcome.report, fail_on);
                suites.push(errcat::findings::Suite {
                    name: "errcat upstream: not checked".to_owned(),
                    cases: outcome
                        .failures
                        .iter()
                        .map(|(id, error)| errcat::findings::Case {
                            name: format!("{id} could not be fetched or read"),
                            classname: id.clone(),
                            failure: Some(errcat::findings::Failure {
                                message: error.clone(),
                                kind: "not-checked".to_owned(),
                                text: error.clone(),
                            }),
                        })
                        .collect(),
                });
                text = errcat::findings::junit("errcat upstream", &suites);
            }
        }
    }
    std::io::stdout().lock().write_all(text.as_bytes()).context("writing the report")?;
    for id in &outcome.updated {
        eprintln!("upstream: {id}: updated docs-src/ and docs-src/upstream.lock.yaml; now run `cargo xtask regen`");
    }
    for (id, error) in &outcome.failures {
        eprintln!("upstream: {id}: {error}");
    }
    if !outcome.failures.is_empty() {
        return Ok(ExitCode::from(2));
    }
    let drift = outcome.report.level().is_some_and(|level| level >= options.threshold);
    Ok(ExitCode::from(u8::from(drift)))
}

fn diff(args: &DiffArgs) -> Result<ExitCode> {
    let mut report = errcat::diff::Report::default();
    if let Some(rev) = &args.since {
        report.catalogs = diff_since(rev, &args.catalogs)?;
    } else {
        let (Some(old), Some(new)) = (&args.old, &args.new) else {
            bail!("give OLD and NEW, or --since REV");
        };
        let old_catalog = load_side(old)?;
        let new_catalog = load_side(new)?;
        report.catalogs.push(errcat::diff::diff_catalogs(&old_catalog, &new_catalog, old, new));
    }
    let threshold = args.fail_on.map(|fail_on| level_of(Some(fail_on)));
    let text = render_report(&report, args.format, args.color, threshold);
    std::io::stdout().lock().write_all(text.as_bytes()).context("writing the report")?;
    let Some(threshold) = threshold else { return Ok(ExitCode::SUCCESS) };
    Ok(ExitCode::from(u8::from(report.level().is_some_and(|level| level >= threshold))))
}

/// Runs `git show REV:PATH`.
fn git_show(rev: &str, path: &str) -> Result<Option<String>> {
    let output = std::process::Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .output()
        .context("running git (is it installed?)")?;
    if output.status.success() {
        return Ok(Some(String::from_utf8_lossy(&output.stdout).into_owned()));
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("does not exist") || stderr.contains("exists on disk, but not in") {
        return Ok(None);
    }
    bail!("git show {rev}:{path}: {}", stderr.trim())
}

/// Loads one side of a diff: `git:REV:PATH`, a catalog, or a page, with an
/// optional `#GROUP` selector.
fn load_side(spec: &str) -> Result<Catalog> {
    let (source, selector) = if spec.starts_with("git:") || Path::new(spec).exists() {
        match spec.rsplit_once('#') {
            Some((source, selector)) if spec.starts_with("git:") => (source, Some(selector)),
            _ => (spec, None),
        }
    } else {
        match spec.rsplit_once('#') {
            Some((source, selector)) => (source, Some(selector)),
            None => (spec, None),
        }
    };
    let catalog = if let Some(rest) = source.strip_prefix("git:") {
        let (rev, path) = rest.split_once(':').with_context(|| format!("`{spec}`: expected git:REV:PATH"))?;
        let text = git_show(rev, path)?.with_context(|| format!("`{path}` does not exist at {rev}"))?;
        parse_catalog(path, &text)?
    } else {
        let path = Path::new(source);
        let bytes = std::fs::read(path).with_context(|| format!("reading {source}"))?;
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("yaml" | "yml" | "json") => parse_catalog(source, &String::from_utf8_lossy(&bytes))?,
            _ => ingest_page(path, &bytes)?,
        }
    };
    match selector {
        None => Ok(catalog),
        Some(selector) => errcat::diff::select_group(&catalog, selector).with_context(|| {
            let groups: Vec<String> = catalog.groups.iter().map(|g| format!("{} ({})", g.title, g.name)).collect();
            format!("no group `{selector}` in {source}; groups: {}", groups.join(", "))
        }),
    }
}

fn parse_catalog(path: &str, text: &str) -> Result<Catalog> {
    if path.ends_with(".json") {
        Catalog::from_json(text).with_context(|| format!("parsing {path}"))
    } else {
        Catalog::from_yaml(text).with_context(|| format!("parsing {path}"))
    }
}

/// Ingests a page for a diff: with its manifest entry (settings, lockfile,
/// official names) when its folder holds `sources.yaml` listing it.
fn ingest_page(path: &Path, bytes: &[u8]) -> Result<Catalog> {
    let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let manifest_path = dir.join("sources.yaml");
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    if let Ok(text) = std::fs::read_to_string(&manifest_path) {
        let manifest = errcat::manifest::Manifest::parse(&text, &manifest_path.display().to_string())?;
        if let Some(source) = manifest.sources.iter().find(|source| source.file == name) {
            let loaded = errcat::project::load_source(source, &errcat::project::read_from_dir(dir))?;
            print_diagnostics(&loaded.diagnostics, &String::from_utf8_lossy(bytes), true);
            return Ok(loaded.catalog);
        }
    }
    let shown = path.display().to_string();
    let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or("page");
    let identity = CatalogIdentity { id: slug(stem), locale: "und".to_owned(), ..CatalogIdentity::default() };
    let page = Page::new(bytes, &shown, &shown);
    let (catalog, diagnostics) = errcat::ingest(&page, &identity, &SourceSettings::default(), &NameBook::default());
    print_diagnostics(&diagnostics, &String::from_utf8_lossy(bytes), true);
    Ok(catalog)
}

/// Every catalog in `dir` against its version at `rev` (catalogs only on
/// one side count as all added or all removed).
fn diff_since(rev: &str, dir: &Path) -> Result<Vec<errcat::diff::CatalogReport>> {
    let dir_text = dir.to_string_lossy().trim_end_matches('/').to_owned();
    let output = std::process::Command::new("git")
        .args(["ls-tree", "--name-only", &format!("{rev}:{dir_text}")])
        .output()
        .context("running git (is it installed?)")?;
    let mut ids = std::collections::BTreeSet::new();
    if output.status.success() {
        for name in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some(id) = name.strip_suffix(".yaml") {
                ids.insert(id.to_owned());
            }
        }
    } else if !String::from_utf8_lossy(&output.stderr).contains("Not a valid object name") {
        bail!("git ls-tree {rev}:{dir_text}: {}", String::from_utf8_lossy(&output.stderr).trim());
    }
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let name = entry.with_context(|| format!("reading {}", dir.display()))?.file_name();
        if let Some(id) = name.to_string_lossy().strip_suffix(".yaml") {
            ids.insert(id.to_owned());
        }
    }
    let mut reports = Vec::new();
    for id in ids {
        let path = format!("{dir_text}/{id}.yaml");
        let old = git_show(rev, &path)?.map(|text| parse_catalog(&path, &text)).transpose()?;
        let new = match std::fs::read_to_string(&path) {
            Ok(text) => Some(parse_catalog(&path, &text)?),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(error).with_context(|| format!("reading {path}")),
        };
        let empty = |catalog: &Catalog| Catalog { groups: Vec::new(), ..catalog.clone() };
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (Some(old), None) => (old.clone(), empty(&old)),
            (None, Some(new)) => (empty(&new), new),
            (None, None) => continue,
        };
        let report = errcat::diff::diff_catalogs(&old, &new, &format!("{rev}:{path}"), &path);
        reports.push(report);
    }
    Ok(reports)
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
                let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
                set.sources.insert(name, text);
            }
        }
    }
    Ok(set)
}

fn indent(text: &str) -> String {
    text.replace('\n', "\n             ")
}

/// The catalogs `explain` searches: a folder that is missing or holds no
/// catalog is an error that names `--catalogs`, since outside a checkout
/// the default `generated/catalog` is not there.
fn explain_catalogs(dir: &Path) -> Result<Vec<Catalog>> {
    let hint = "run `errcat explain` at the root of a checkout of the project (it has generated/catalog/), \
                or point `--catalogs DIR` at a folder of catalog YAML files";
    if !dir.exists() {
        bail!("no catalogs: {} does not exist; {hint}", dir.display());
    }
    if !dir.is_dir() {
        bail!("no catalogs: {} is not a folder; {hint}", dir.display());
    }
    let catalogs = read_catalogs(dir)?;
    if catalogs.is_empty() {
        bail!("no catalogs: {} holds no catalog YAML file (*.yaml); {hint}", dir.display());
    }
    Ok(catalogs)
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
