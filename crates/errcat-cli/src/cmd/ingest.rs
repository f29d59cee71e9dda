//! `errcat ingest`: reads one page (a file or standard input) with the
//! settings given as options, prints its catalog (YAML or JSON) on standard
//! output and its diagnostics on standard error (text, GitHub annotations
//! or SARIF), then a line of what was read. Reading is the library's.

use crate::{exit, input, output};
use anyhow::{Context, Result, bail};
use errcat::catalog::Catalog;
use errcat::diagnostic::{Diagnostic, Severity, Tally};
use errcat::findings::Finding;
use errcat::lower::{SectionMode, SourceSettings};
use errcat::manifest::ColumnRole;
use errcat::names::NameBook;
use errcat::{CatalogIdentity, InputFormat, Page};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "Exit codes:\n  0  the catalog is printed\n  1  the page has an error diagnostic (with --deny-warnings, also a warning); the catalog is still printed\n  2  usage or I/O error (unreadable page, bad arguments)";

/// Read a page (markdown, MDX or HTML; `-` for stdin) and print its
/// catalog. Diagnostics go to stderr.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
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

/// `--format`: how the catalog is printed.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Yaml,
    Json,
}

/// `--diagnostic-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiagnosticFormat {
    Text,
    /// GitHub Actions workflow commands, one annotation per diagnostic.
    Github,
    /// SARIF 2.1.0, for code scanning and review tools.
    Sarif,
}

/// `--format-in`: the page's format, when detection is not wanted.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
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

pub fn run(args: &Args) -> Result<ExitCode> {
    let (bytes, shown) = if args.page.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
        (bytes, "<stdin>".to_owned())
    } else {
        (input::read(&args.page)?, args.page.display().to_string())
    };
    let id = match &args.id {
        Some(id) if errcat::manifest::is_valid_id(id) => id.clone(),
        Some(id) => bail!("--id `{id}` must match [a-z0-9-]+"),
        None => input::slug(args.page.file_stem().and_then(|stem| stem.to_str()).unwrap_or("stdin")),
    };
    if !errcat::catalog::is_valid_locale(&args.locale) {
        bail!("--locale `{}` must be a BCP 47 tag (ASCII letters, digits and `-`, e.g. zh-CN)", args.locale);
    }
    let settings = settings(args)?;
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
            output::print_diagnostics(&diagnostics, &text, args.quiet);
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
            let yaml = catalog.to_yaml_file(&format!("generated by `errcat ingest` from {shown}"));
            output::write_all(stdout, yaml.as_bytes())
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
    Ok(exit::problems(failed))
}

/// The source settings the options describe.
fn settings(args: &Args) -> Result<SourceSettings> {
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
    Ok(settings)
}

/// The role a `--column` or `--label` names.
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

/// The name lockfile and official name list given on the command line.
fn names_book(args: &Args) -> Result<NameBook> {
    let mut book = NameBook::default();
    if let Some(path) = &args.names {
        let text = input::read_to_string(path)?;
        book =
            book.with_lockfile(&text, &path.display().to_string()).map_err(|d| anyhow::anyhow!(d.to_short_string()))?;
    }
    if let Some(path) = &args.official_names {
        let text = input::read_to_string(path)?;
        book = book
            .with_official_tsv(&text, &path.display().to_string())
            .map_err(|d| anyhow::anyhow!(d.to_short_string()))?;
    }
    Ok(book)
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
