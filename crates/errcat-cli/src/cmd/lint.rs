//! `errcat lint`: the lints of every manifest source (with its editions,
//! less the lints the source allows) or of the pages given (default
//! settings), printed as text, JSON, GitHub annotations or SARIF. The lints
//! and their list are the library's (`errcat::lint`); the list in
//! `--help` is built from [`errcat::lint::LINTS`].

use crate::input;
use anyhow::{Context, Result};
use errcat::findings::Finding;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Report documentation problems to fix upstream (every manifest source,
/// or the pages given).
#[derive(Debug, clap::Args)]
#[command(after_help = after_help())]
pub struct Args {
    /// Pages to lint with default settings; none: every manifest source.
    pages: Vec<PathBuf>,
    /// The project root (with docs-src/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// `--format`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    /// GitHub Actions workflow commands: one `::warning` annotation per lint.
    Github,
    /// SARIF 2.1.0, for code scanning and review tools.
    Sarif,
}

/// What `errcat lint --help` ends with: how to allow a lint, every lint id
/// of [`errcat::lint::LINTS`], then the exit codes.
fn after_help() -> String {
    format!(
        "Lints (allow one per source in docs-src/sources.yaml with `allow_lints: [{{id: ID, reason: ...}}]`):\n{}\n\
         Exit codes:\n  0  no lint (other than allowed ones)\n  1  lints found\n  2  usage or I/O error",
        lint_list(errcat::lint::LINTS.iter().map(|(id, _)| *id))
    )
}

/// The lint ids, comma-separated and indented: the lints of a page's
/// catalog on one line, the edition lints (`edition-…`, found between the
/// locales of one page) on the next, the list going on over the line end.
fn lint_list<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let (edition, page): (Vec<&str>, Vec<&str>) = ids.partition(|id| id.starts_with("edition-"));
    let lines: Vec<String> = [page, edition].iter().filter(|ids| !ids.is_empty()).map(|ids| ids.join(", ")).collect();
    format!("  {}\n", lines.join(",\n  "))
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let mut lints = Vec::new();
    let mut allowed = 0;
    if args.pages.is_empty() {
        let manifest_path = args.root.join("docs-src/sources.yaml");
        let text = input::read_to_string(&manifest_path)?;
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
            let bytes = input::read(page)?;
            let (catalog, diagnostics) = input::ingest_page(page, &bytes);
            lints.extend(errcat::lint::lint(&catalog, &diagnostics, &page.display().to_string()));
        }
    }
    let out = match args.format {
        Format::Json => {
            let value = serde_json::json!({"schema": "errcat-lint/v1", "lints": lints, "allowed": allowed});
            format!("{}\n", serde_json::to_string_pretty(&value).context("writing JSON")?)
        }
        Format::Github => {
            let findings: Vec<Finding> = lints.iter().map(Finding::from).collect();
            let mut out = errcat::findings::github("errcat lint", &findings);
            out.push_str(&format!("{} lint(s), {allowed} allowed\n", lints.len()));
            out
        }
        Format::Sarif => {
            let findings: Vec<Finding> = lints.iter().map(Finding::from).collect();
            errcat::findings::sarif("errcat", env!("CARGO_PKG_VERSION"), &errcat::findings::lint_rules(), &findings)
        }
        Format::Text => {
            let mut out = String::new();
            for lint in &lints {
                out.push_str(&format!("{}:{}: [{}] {}\n", lint.file, lint.line, lint.id, lint.message));
            }
            out.push_str(&format!("{} lint(s), {allowed} allowed\n", lints.len()));
            out
        }
    };
    std::io::stdout().lock().write_all(out.as_bytes()).context("writing lints")?;
    Ok(crate::exit::problems(!lints.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_lints_then_edition_lints_one_line_each() {
        let list = lint_list(["a-b", "edition-x", "c", "edition-y"].into_iter());
        assert_eq!(list, "  a-b, c,\n  edition-x, edition-y\n");
        assert_eq!(lint_list(["a", "b"].into_iter()), "  a, b\n");
        assert_eq!(lint_list(["edition-x"].into_iter()), "  edition-x\n");
    }
}
