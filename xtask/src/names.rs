//! The name lockfiles (`docs-src/names/<id>.yaml`): `cargo xtask names`
//! rewrites them with every group and code of the catalog, and `names
//! --suggest` proposes names from English text. Reading the pages is the
//! plan's ([`crate::plan`]); this module only formats, reads and writes
//! lockfiles.

use crate::{MANIFEST_PATH, write_docs_src};
use anyhow::{Context, Result};
use errcat::catalog::Catalog;
use errcat::manifest::Manifest;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The text of a name lockfile: every group and code in documented order,
/// retired codes last, each code with its message as a comment so that a
/// reviewer can check the name against its meaning.
pub fn format_lockfile(catalog: &errcat::catalog::Catalog, lockfile: &errcat::names::Lockfile) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    // String codes are quoted keys, so that `'1001'` stays a string.
    let code_key = |code: &errcat::code::Code| match code {
        errcat::code::Code::Int(value) => value.to_string(),
        errcat::code::Code::Text(text) => quote(text),
    };
    let comment = |text: Option<&str>| {
        let text: String = text.unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = text.chars().take(60).collect();
        if short.is_empty() { String::new() } else { format!("  # {short}") }
    };
    let mut out = format!(
        "# Name lockfile of `{}` (docs-src/{}).\n\
         # Names are API: never rename one, never give a name or a number to another\n\
         # code. Codes the page no longer documents stay here as tombstones.\n\
         # `cargo xtask names` adds the names the page or the official SDK list gives\n\
         # and rewrites the comments; every other name is curated by hand.\n\
         groups:\n",
        catalog.id, catalog.source.file
    );
    for locked in &lockfile.groups {
        let _ = writeln!(out, "  - title: {}", quote(&locked.title));
        if let Some(name) = &locked.name {
            let _ = writeln!(out, "    name: {name}");
        }
        if locked.codes.is_empty() {
            let _ = writeln!(out, "    codes: {{}}");
            continue;
        }
        let _ = writeln!(out, "    codes:");
        let group = catalog.groups.iter().find(|group| group.title == locked.title);
        let mut written = std::collections::BTreeSet::new();
        for entry in group.map(|group| group.entries.as_slice()).unwrap_or_default() {
            if let Some(name) = locked.codes.get(&entry.code) {
                let text = entry.message.as_deref().or(entry.solution.as_deref());
                let _ = writeln!(out, "      {}: {name}{}", code_key(&entry.code), comment(text));
                written.insert(&entry.code);
            }
        }
        for (code, name) in &locked.codes {
            if !written.contains(code) {
                let _ = writeln!(out, "      {}: {name}  # retired: no longer documented", code_key(code));
            }
        }
    }
    out
}

/// Rewrites every source's name lockfile (see [`format_lockfile`]).
/// Returns the files written.
/// The lockfile at `relative` (under `docs-src/`), or an empty one.
fn read_lockfile(
    read: &dyn Fn(&str) -> std::io::Result<Option<Vec<u8>>>,
    relative: &str,
) -> Result<errcat::names::Lockfile> {
    Ok(match read(relative)? {
        Some(bytes) => {
            errcat::names::NameBook::default()
                .with_lockfile(&String::from_utf8_lossy(&bytes), relative)
                .map_err(|diagnostic| anyhow::anyhow!(diagnostic.to_short_string()))?
                .lockfile
        }
        None => errcat::names::Lockfile::default(),
    })
}

pub fn lock_names(root: &Path) -> Result<Vec<PathBuf>> {
    let manifest_text =
        std::fs::read_to_string(root.join(MANIFEST_PATH)).with_context(|| format!("reading {MANIFEST_PATH}"))?;
    let manifest = Manifest::parse(&manifest_text, MANIFEST_PATH)?;
    let docs_src = root.join("docs-src");
    let read = errcat::project::read_from_dir(&docs_src);
    let mut written = Vec::new();
    for source in &manifest.sources {
        let loaded = errcat::project::load_source(source, &read)?;
        let relative = errcat::project::lockfile_path(&source.id);
        let previous = read_lockfile(&read, &relative)?;
        let lockfile = errcat::names::lockfile_for(&loaded.catalog, &previous);
        let text = format_lockfile(&loaded.catalog, &lockfile);
        if read(&relative).ok().flatten().as_deref() != Some(text.as_bytes()) {
            write_docs_src(root, &relative, &text)?;
            written.push(PathBuf::from("docs-src").join(relative));
        }
    }
    Ok(written)
}

/// What `cargo xtask names --suggest` found: the review text, and the
/// lockfiles written (only with `--accept`).
#[derive(Debug, Default)]
pub struct Suggestions {
    pub report: String,
    pub written: Vec<PathBuf>,
}

/// The English text of an entry: its own when the catalog is in English,
/// else its `en` edition's (`en`, `en-US`…).
fn english_of<'a>(catalog: &Catalog, entry: &'a errcat::catalog::Entry) -> Option<&'a str> {
    let english = |locale: &str| locale == "en" || locale.starts_with("en-");
    if english(&catalog.locale) {
        return entry.message.as_deref();
    }
    entry.translations.iter().find(|(locale, _)| english(locale)).and_then(|(_, text)| text.message.as_deref())
}

/// Suggests a name for every entry without a locked name, from its English
/// text (or, for a string code, from the code), and measures the same rules
/// against the names already curated. With `accept`, the suggestions are
/// written into the lockfiles.
pub fn suggest_names(root: &Path, accept: bool) -> Result<Suggestions> {
    let manifest_text =
        std::fs::read_to_string(root.join(MANIFEST_PATH)).with_context(|| format!("reading {MANIFEST_PATH}"))?;
    let manifest = Manifest::parse(&manifest_text, MANIFEST_PATH)?;
    let docs_src = root.join("docs-src");
    let read = errcat::project::read_from_dir(&docs_src);
    let mut out = Suggestions::default();
    let mut table = String::from("| source | group | code | suggested name | from |\n|---|---|---:|---|---|\n");
    let mut measured = String::from(
        "| source | curated names | identical | acceptable | different | no English text |\n|---|---:|---:|---:|---:|---:|\n",
    );
    let mut suggested_count = 0;
    let mut comparisons = String::from("| source | code | curated | suggested | verdict |\n|---|---:|---|---|---|\n");
    for source in &manifest.sources {
        let loaded = errcat::project::load_source(source, &read)?;
        let catalog = &loaded.catalog;
        let relative = errcat::project::lockfile_path(&source.id);
        let mut lockfile = read_lockfile(&read, &relative)?;
        let (mut compared, mut identical, mut acceptable, mut different, mut without) = (0, 0, 0, 0, 0);
        let mut accepted = false;
        for group in &catalog.groups {
            let locked = lockfile.groups.iter().find(|locked| locked.title == group.title);
            let locked_names: std::collections::BTreeMap<&errcat::code::Code, &String> =
                locked.map(|locked| locked.codes.iter().collect()).unwrap_or_default();
            // The rules measured against the curated names, as if none existed.
            let all: Vec<(&errcat::code::Code, Option<&str>)> =
                group.entries.iter().map(|entry| (&entry.code, english_of(catalog, entry))).collect();
            let fresh = errcat::naming::suggest_names(&all, &mut std::collections::BTreeSet::new());
            for ((code, english), suggestion) in all.iter().zip(&fresh) {
                let Some(curated) = locked_names.get(code) else { continue };
                if english.is_none() && !code.is_text() {
                    without += 1;
                    continue;
                }
                compared += 1;
                let verdict =
                    suggestion.as_deref().map_or("different", |name| errcat::naming::compare_names(name, curated));
                match verdict {
                    "identical" => identical += 1,
                    "acceptable" => acceptable += 1,
                    _ => different += 1,
                }
                let _ = writeln!(
                    comparisons,
                    "| {} | {code} | `{curated}` | `{}` | {verdict} |",
                    source.id,
                    suggestion.as_deref().unwrap_or("-")
                );
            }
            // Entries without a locked name: suggestions that keep clear of the locked ones.
            let open: Vec<(&errcat::code::Code, Option<&str>)> =
                all.iter().copied().filter(|(code, _)| !locked_names.contains_key(code)).collect();
            let mut taken: std::collections::BTreeSet<String> =
                locked_names.values().map(|name| (*name).clone()).collect();
            let suggestions = errcat::naming::suggest_names(&open, &mut taken);
            for ((code, english), suggestion) in open.iter().zip(suggestions) {
                let Some(name) = suggestion else { continue };
                suggested_count += 1;
                let from = if english.is_some() && !code.is_text() { "English text" } else { "the code" };
                let _ = writeln!(table, "| {} | {} | {code} | `{name}` | {from} |", source.id, group.title);
                if accept {
                    let index = match lockfile.groups.iter().position(|locked| locked.title == group.title) {
                        Some(index) => index,
                        None => {
                            lockfile.groups.push(errcat::names::LockedGroup {
                                title: group.title.clone(),
                                name: None,
                                codes: Default::default(),
                            });
                            lockfile.groups.len() - 1
                        }
                    };
                    lockfile.groups[index].codes.insert((*code).clone(), name);
                    accepted = true;
                }
            }
        }
        if compared + without > 0 && (compared > 0 || catalog.editions.iter().any(|e| e.locale.starts_with("en"))) {
            let _ = writeln!(
                measured,
                "| {} | {compared} | {identical} | {acceptable} | {different} | {without} |",
                source.id
            );
        }
        if accepted {
            write_docs_src(root, &relative, &format_lockfile(catalog, &lockfile))?;
            out.written.push(PathBuf::from("docs-src").join(relative));
        }
    }
    let _ = writeln!(out.report, "## Suggested names ({suggested_count})\n");
    if suggested_count > 0 {
        out.report.push_str(&table);
    } else {
        out.report.push_str("Every code with English text or a string code already has a locked name.\n");
    }
    let _ = writeln!(
        out.report,
        "\n## The same rules against the curated names\n\n\
         identical: the same name; acceptable: at least half of the curated name's words are in the suggestion.\n"
    );
    out.report.push_str(&measured);
    out.report.push('\n');
    out.report.push_str(&comparisons);
    if !accept && suggested_count > 0 {
        out.report.push_str(
            "\nNothing was written: `cargo xtask names --suggest --accept` writes these names into the lockfiles.\n",
        );
    }
    Ok(out)
}
