//! The name lockfiles (`docs-src/names/<id>.yaml`): `cargo xtask names`
//! rewrites them with every group and code of the catalog, those without a
//! name as slots to fill, and `names --suggest` proposes names from English
//! text and says which codes it cannot name and why. Reading the pages is
//! `errcat::project`'s; this module only formats, reads and writes
//! lockfiles and reports on them.

use crate::{MANIFEST_PATH, write_docs_src};
use anyhow::{Context, Result};
use errcat::catalog::Catalog;
use errcat::manifest::Manifest;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The text of a name lockfile: every group and code in documented order,
/// retired codes last, each code with its message as a comment so that a
/// reviewer can check the name against its meaning. A group or code of the
/// catalog without a locked name is written as a slot to fill (`name:`,
/// `1001:`), which reads back as no name; the header then says how.
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
    let mut groups = String::new();
    let mut slots = 0;
    for locked in &lockfile.groups {
        let group = catalog.groups.iter().find(|group| group.title == locked.title);
        let _ = writeln!(groups, "  - title: {}", quote(&locked.title));
        match (&locked.name, group) {
            (Some(name), _) => {
                let _ = writeln!(groups, "    name: {name}");
            }
            (None, Some(group)) => {
                slots += 1;
                let _ = writeln!(groups, "    name:  # the group's type name; until written: {}", group.name);
            }
            (None, _) => {}
        }
        let mut codes = String::new();
        let mut written = std::collections::BTreeSet::new();
        for entry in group.map(|group| group.entries.as_slice()).unwrap_or_default() {
            if !written.insert(&entry.code) {
                continue;
            }
            let text = comment(entry.message.as_deref().or(entry.solution.as_deref()));
            match locked.codes.get(&entry.code) {
                Some(name) => {
                    let _ = writeln!(codes, "      {}: {name}{text}", code_key(&entry.code));
                }
                None => {
                    slots += 1;
                    let _ = writeln!(codes, "      {}:{text}", code_key(&entry.code));
                }
            }
        }
        for (code, name) in &locked.codes {
            if !written.contains(code) {
                let _ = writeln!(codes, "      {}: {name}  # retired: no longer documented", code_key(code));
            }
        }
        if codes.is_empty() {
            groups.push_str("    codes: {}\n");
        } else {
            groups.push_str("    codes:\n");
            groups.push_str(&codes);
        }
    }
    let mut out = format!(
        "# Name lockfile of `{}` (docs-src/{}).\n\
         # Names are API: never rename one, never give a name or a number to another\n\
         # code. Codes the page no longer documents stay here as tombstones.\n\
         # `cargo xtask names` adds the names the page or the official SDK list gives\n\
         # and rewrites the comments; every other name is curated by hand.\n",
        catalog.id, catalog.source.file
    );
    if slots > 0 {
        out.push_str(
            "# To name a group or a code, write a PascalCase name after its `name:` or\n\
             # its code (`name: Room`, `1001: RoomNotFound`; the comment is its text),\n\
             # then run `cargo xtask regen`. One left empty keeps its fallback name\n\
             # (`Code1001`, `Group<hash>`). `cargo xtask names --suggest` proposes\n\
             # names from English text.\n",
        );
    }
    out.push_str("groups:\n");
    out.push_str(&groups);
    out
}

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

/// What `cargo xtask names` did: the lockfiles it wrote, and every lockfile
/// that still has groups or codes to name by hand.
#[derive(Debug, Default)]
pub struct LockedNames {
    pub written: Vec<PathBuf>,
    pub to_name: Vec<ToName>,
}

/// Groups and codes of one lockfile still without a name (slots to fill).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToName {
    /// `docs-src/names/<id>.yaml`.
    pub lockfile: PathBuf,
    pub groups: usize,
    pub codes: usize,
}

impl LockedNames {
    /// What to tell the user: the lockfiles written, then where names are
    /// still to write and what to run after.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for path in &self.written {
            let _ = writeln!(out, "  updated {}", path.display());
        }
        for to_name in &self.to_name {
            let _ = writeln!(
                out,
                "  {}: {} group(s) and {} code(s) to name (empty `name:` and codes; each code's text is its comment)",
                to_name.lockfile.display(),
                to_name.groups,
                to_name.codes
            );
        }
        let _ = write!(out, "names: {} lockfile(s) updated; ", self.written.len());
        if self.to_name.is_empty() {
            out.push_str("now run `cargo xtask regen`\n");
        } else {
            out.push_str(
                "write the missing names in the lockfiles above (`cargo xtask names --suggest` \
                 proposes some from English text), then run `cargo xtask regen`\n",
            );
        }
        out
    }
}

/// Rewrites every source's name lockfile (see [`format_lockfile`]).
/// Returns the files written.
pub fn lock_names(root: &Path) -> Result<Vec<PathBuf>> {
    Ok(lock_names_report(root)?.written)
}

/// [`lock_names`], also counting per lockfile the groups and codes still to
/// name by hand.
pub fn lock_names_report(root: &Path) -> Result<LockedNames> {
    let manifest_text =
        std::fs::read_to_string(root.join(MANIFEST_PATH)).with_context(|| format!("reading {MANIFEST_PATH}"))?;
    let manifest = Manifest::parse(&manifest_text, MANIFEST_PATH)?;
    let docs_src = root.join("docs-src");
    let read = errcat::project::read_from_dir(&docs_src);
    let mut out = LockedNames::default();
    for source in &manifest.sources {
        let loaded = errcat::project::load_source(source, &read)?;
        let relative = errcat::project::lockfile_path(&source.id);
        let previous = read_lockfile(&read, &relative)?;
        let lockfile = errcat::names::lockfile_for(&loaded.catalog, &previous);
        let text = format_lockfile(&loaded.catalog, &lockfile);
        let shown = PathBuf::from("docs-src").join(&relative);
        if read(&relative).ok().flatten().as_deref() != Some(text.as_bytes()) {
            write_docs_src(root, &relative, &text)?;
            out.written.push(shown.clone());
        }
        let (mut groups, mut codes) = (0, 0);
        for group in &loaded.catalog.groups {
            let locked = lockfile.groups.iter().find(|locked| locked.title == group.title);
            groups += usize::from(locked.is_none_or(|locked| locked.name.is_none()));
            let named = |code| locked.is_some_and(|locked| locked.codes.contains_key(code));
            let listed: std::collections::BTreeSet<_> = group.entries.iter().map(|entry| &entry.code).collect();
            codes += listed.into_iter().filter(|code| !named(code)).count();
        }
        if groups + codes > 0 {
            out.to_name.push(ToName { lockfile: shown, groups, codes });
        }
    }
    Ok(out)
}

/// What `cargo xtask names --suggest` found: the review text, and the
/// lockfiles written (only with `--accept`).
#[derive(Debug, Default)]
pub struct Suggestions {
    pub report: String,
    pub written: Vec<PathBuf>,
}

/// True for an English locale (`en`, `en-US`…).
fn is_english(locale: &str) -> bool {
    locale == "en" || locale.starts_with("en-")
}

/// The English text of an entry: its own when the catalog is in English,
/// else its `en` edition's (`en`, `en-US`…).
fn english_of<'a>(catalog: &Catalog, entry: &'a errcat::catalog::Entry) -> Option<&'a str> {
    if is_english(&catalog.locale) {
        return entry.message.as_deref();
    }
    entry.translations.iter().find(|(locale, _)| is_english(locale)).and_then(|(_, text)| text.message.as_deref())
}

/// Why no name is suggested for a code whose English text is `english`
/// (see [`errcat::idents::suggest_names`]).
fn why_not_suggested(catalog: &Catalog, english: Option<&str>) -> String {
    if english.is_some() {
        return "its English text has no word of ASCII letters or digits".to_owned();
    }
    if is_english(&catalog.locale) {
        return "the page gives it no message".to_owned();
    }
    match catalog.editions.iter().find(|edition| is_english(&edition.locale)) {
        Some(edition) => {
            format!("no English text: the `{}` edition ({}) gives it no message", edition.locale, edition.source.file)
        }
        None => format!(
            "no English text: the page is in `{}` and has no English edition (`editions:` in the manifest)",
            catalog.locale
        ),
    }
}

/// Suggests a name for every entry that still has its fallback name, from
/// its English text (or, for a string code, from the code), lists the codes
/// it could not suggest a name for (and why) and the groups without a type
/// name, and measures the same rules against the names already curated.
/// With `accept`, the suggestions are written into the lockfiles.
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
    let mut not_suggested =
        String::from("| source | group | code | fallback name | why | text |\n|---|---|---:|---|---|---|\n");
    let mut not_suggested_count = 0;
    let mut unnamed_groups = String::from("| source | group | fallback name |\n|---|---|---|\n");
    let mut unnamed_group_count = 0;
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
            let fresh = errcat::idents::suggest_names(&all, &mut std::collections::BTreeSet::new());
            for ((code, english), suggestion) in all.iter().zip(&fresh) {
                let Some(curated) = locked_names.get(code) else { continue };
                if english.is_none() && !code.is_text() {
                    without += 1;
                    continue;
                }
                compared += 1;
                let verdict =
                    suggestion.as_deref().map_or("different", |name| errcat::idents::compare_names(name, curated));
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
            if locked.is_none_or(|locked| locked.name.is_none()) {
                let _ = writeln!(unnamed_groups, "| {} | {} | `{}` |", source.id, group.title, group.name);
                unnamed_group_count += 1;
            }
            // Entries that still have the fallback name (no locked name, none
            // from the page, the code or the official list): suggestions that
            // keep clear of the locked names.
            let open: Vec<(&errcat::catalog::Entry, Option<&str>)> = group
                .entries
                .iter()
                .filter(|entry| {
                    !locked_names.contains_key(&entry.code)
                        && entry.name == errcat::idents::fallback_entry_name(&entry.code)
                })
                .map(|entry| (entry, english_of(catalog, entry)))
                .collect();
            let open_codes: Vec<(&errcat::code::Code, Option<&str>)> =
                open.iter().map(|(entry, english)| (&entry.code, *english)).collect();
            let mut taken: std::collections::BTreeSet<String> =
                locked_names.values().map(|name| (*name).clone()).collect();
            let suggestions = errcat::idents::suggest_names(&open_codes, &mut taken);
            for ((entry, english), suggestion) in open.iter().zip(suggestions) {
                let code = &entry.code;
                let Some(name) = suggestion else {
                    not_suggested_count += 1;
                    let text: String =
                        entry.message.as_deref().unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
                    let text: String = text.chars().take(40).collect();
                    let _ = writeln!(
                        not_suggested,
                        "| {} | {} | {code} | `{}` | {} | {} |",
                        source.id,
                        group.title,
                        entry.name,
                        why_not_suggested(catalog, *english),
                        text.replace('|', "\\|")
                    );
                    continue;
                };
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
    } else if not_suggested_count > 0 {
        out.report.push_str("No name could be suggested: see \"Not suggested\" below.\n");
    } else {
        out.report.push_str("No code has a fallback name: every code has a locked name or one from the page.\n");
    }
    if not_suggested_count + unnamed_group_count > 0 {
        let _ = writeln!(
            out.report,
            "\n## Not suggested ({not_suggested_count} code(s), {unnamed_group_count} group(s))\n\n\
             These keep their fallback names until you write names for them in `docs-src/names/<id>.yaml` \
             (`cargo xtask names` lists every group and code there with its text), then run `cargo xtask regen`.\n"
        );
        if not_suggested_count > 0 {
            out.report.push_str(&not_suggested);
        }
        if unnamed_group_count > 0 {
            if not_suggested_count > 0 {
                out.report.push('\n');
            }
            out.report.push_str("Group type names are never suggested; these groups have none:\n\n");
            out.report.push_str(&unnamed_groups);
        }
    }
    if measured.lines().count() > 2 {
        let _ = writeln!(
            out.report,
            "\n## The same rules against the curated names\n\n\
             identical: the same name; acceptable: at least half of the curated name's words are in the suggestion.\n"
        );
        out.report.push_str(&measured);
        out.report.push('\n');
        out.report.push_str(&comparisons);
    }
    if !accept && suggested_count > 0 {
        out.report.push_str(
            "\nNothing was written: `cargo xtask names --suggest --accept` writes these names into the lockfiles.\n",
        );
    }
    Ok(out)
}
