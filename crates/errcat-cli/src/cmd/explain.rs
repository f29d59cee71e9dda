//! `errcat explain`: every entry with one code across a folder of catalogs
//! (the committed `generated/catalog/` by default), with its texts, where
//! the page documents it, its anchor in the error index beside the
//! catalogs, and its other locales. It reads catalogs, never pages.

use crate::input;
use anyhow::{Context, Result, bail};
use errcat::catalog::Catalog;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const AFTER_HELP: &str = "Exit codes:\n  0  the code is documented; every entry with it is printed\n  1  no catalog documents the code\n  2  no catalogs at --catalogs (run in a checkout, or point --catalogs at a folder of catalog YAML files), an unreadable catalog, an unknown --source, or bad arguments";

/// Print every entry with this code across the committed catalogs.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
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

pub fn run(args: &Args) -> Result<ExitCode> {
    // A number matches integer codes; any text matches string codes as written.
    let number = errcat::code::Code::parse(&args.code).ok();
    let wanted = args.code.trim();
    let matches = |code: &errcat::code::Code| number.as_ref() == Some(code) || code.as_text() == Some(wanted);
    let catalogs = catalogs(&args.catalogs)?;
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
        eprintln!("errcat: code {wanted} is not documented in {}", args.catalogs.display());
        return Ok(crate::exit::problems(true));
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// A multi-line text indented under its label.
fn indent(text: &str) -> String {
    text.replace('\n', "\n             ")
}

/// The catalogs `explain` searches: a folder that is missing or holds no
/// catalog is an error that names `--catalogs`, since outside a checkout
/// the default `generated/catalog` is not there.
fn catalogs(dir: &Path) -> Result<Vec<Catalog>> {
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

/// Every `*.yaml` catalog of a folder, in file name order.
fn read_catalogs(dir: &Path) -> Result<Vec<Catalog>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort();
    paths.iter().map(|path| input::parse_catalog(&path.display().to_string(), &input::read_to_string(path)?)).collect()
}
