//! The semantic diff of two versions of a catalog, with error-code rules:
//! an added code is minor; a removed code, a renamed identifier, a number
//! reused with another meaning or a name moved to another code is breaking;
//! re-worded primary text and a translation (the text of another locale,
//! from an edition) added, changed or gone are patches of their own kinds,
//! counted apart, each shown as a character-level inline diff (word diffs
//! do not work for Chinese, which has no spaces).
//!
//! Groups are matched by type name, then by title; entries by code. This
//! module compares values and renders reports; it reads no files and runs
//! no git (the CLI does).

use crate::catalog::{Catalog, Entry, Group};
use crate::code::Code;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How much a change breaks consumers of the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Patch,
    Minor,
    Breaking,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Breaking => "breaking",
        }
    }

    /// The semver bump a package needs for a change of this level.
    pub fn bump(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Breaking => "major",
        }
    }
}

/// One piece of an inline text diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// `equal`, `delete` or `insert`.
    pub op: &'static str,
    pub text: String,
}

/// What happened to one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    Added {
        name: String,
        message: Option<String>,
    },
    Removed {
        name: String,
        message: Option<String>,
    },
    /// Same code, same meaning, another identifier.
    Renamed {
        old_name: String,
        new_name: String,
    },
    /// Same number, another identifier and another text: another meaning.
    Reused {
        old_name: String,
        new_name: String,
        old_message: Option<String>,
        new_message: Option<String>,
    },
    /// The identifier now names this code; it named `from_code` before.
    NameMoved {
        name: String,
        from_code: Code,
    },
    /// A primary text field (in the catalog's own locale) changed.
    Reworded {
        field: &'static str,
        old: Option<String>,
        new: Option<String>,
        diff: Vec<Segment>,
    },
    /// A text field of another locale (`translations.<locale>`, from an
    /// edition) was added, changed or removed.
    Translated {
        locale: String,
        field: &'static str,
        old: Option<String>,
        new: Option<String>,
        diff: Vec<Segment>,
    },
    /// The codes sharing the row changed.
    RowMatesChanged {
        old: Vec<Code>,
        new: Vec<Code>,
    },
}

/// One change, with its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub code: Code,
    pub level: Level,
    #[serde(flatten)]
    pub kind: ChangeKind,
}

impl Change {
    /// The inline diff of a re-wording or a translation; empty for every
    /// other kind.
    pub fn segments(&self) -> &[Segment] {
        match &self.kind {
            ChangeKind::Reworded { diff, .. } | ChangeKind::Translated { diff, .. } => diff,
            _ => &[],
        }
    }
}

/// Changes in one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupReport {
    pub title: String,
    pub name: String,
    /// `added`, `removed` or `changed`.
    pub status: &'static str,
    /// Set when the type name changed (breaking).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_name: Option<String>,
    pub changes: Vec<Change>,
}

/// Changes in one catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogReport {
    pub id: String,
    pub old: String,
    pub new: String,
    pub groups: Vec<GroupReport>,
}

impl CatalogReport {
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.groups.iter().flat_map(|group| group.changes.iter())
    }

    /// The highest level of any change, including a renamed type.
    pub fn level(&self) -> Option<Level> {
        let renamed = self.groups.iter().any(|group| group.old_name.is_some()).then_some(Level::Breaking);
        self.changes().map(|change| change.level).chain(renamed).max()
    }
}

/// A report over one or more catalogs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub catalogs: Vec<CatalogReport>,
}

/// Counts for the summary: codes per kind of change. A code counts once
/// per kind (a code re-worded in two fields is one re-worded code) and in
/// every kind it has (re-worded and translated both).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub reused: usize,
    pub moved: usize,
    /// Codes with re-worded primary text or changed row mates.
    pub reworded: usize,
    /// Codes with a translation added, changed or removed.
    pub translated: usize,
}

impl std::fmt::Display for Counts {
    /// `7 added, 12 removed, 0 renamed, 0 reused, 0 name(s) moved, 9
    /// re-worded, 35 translated`: the counts of a summary line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} added, {} removed, {} renamed, {} reused, {} name(s) moved, {} re-worded, {} translated",
            self.added, self.removed, self.renamed, self.reused, self.moved, self.reworded, self.translated
        )
    }
}

impl Report {
    pub fn level(&self) -> Option<Level> {
        self.catalogs.iter().filter_map(CatalogReport::level).max()
    }

    pub fn is_empty(&self) -> bool {
        self.catalogs.iter().all(|catalog| catalog.groups.is_empty())
    }

    /// Counts codes per kind of change (see [`Counts`]).
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        let mut reworded = BTreeSet::new();
        let mut translated = BTreeSet::new();
        for catalog in &self.catalogs {
            for group in &catalog.groups {
                for change in &group.changes {
                    let key = (&catalog.id, &group.title, change.code.clone());
                    match &change.kind {
                        ChangeKind::Added { .. } => counts.added += 1,
                        ChangeKind::Removed { .. } => counts.removed += 1,
                        ChangeKind::Renamed { .. } => counts.renamed += 1,
                        ChangeKind::Reused { .. } => counts.reused += 1,
                        ChangeKind::NameMoved { .. } => counts.moved += 1,
                        ChangeKind::Reworded { .. } | ChangeKind::RowMatesChanged { .. } => {
                            reworded.insert(key);
                        }
                        ChangeKind::Translated { .. } => {
                            translated.insert(key);
                        }
                    }
                }
            }
        }
        counts.reworded = reworded.len();
        counts.translated = translated.len();
        counts
    }
}

/// Splits text for an inline diff: every CJK (or other non-ASCII)
/// character alone, runs of ASCII letters and digits whole, every other
/// character alone. Chinese has no spaces, so words cannot be the unit.
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(index);
            continue;
        }
        if let Some(begin) = start.take() {
            tokens.push(&text[begin..index]);
        }
        tokens.push(&text[index..index + c.len_utf8()]);
    }
    if let Some(begin) = start {
        tokens.push(&text[begin..]);
    }
    tokens
}

/// An inline diff of two texts at the level of characters (CJK) and
/// ASCII words.
pub fn inline_diff(old: &str, new: &str) -> Vec<Segment> {
    let (old_tokens, new_tokens) = (tokens(old), tokens(new));
    let operations = similar::capture_diff_slices(similar::Algorithm::Patience, &old_tokens, &new_tokens);
    let mut segments: Vec<Segment> = Vec::new();
    let mut push = |op: &'static str, pieces: &[&str]| {
        let text: String = pieces.concat();
        if text.is_empty() {
            return;
        }
        match segments.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => segments.push(Segment { op, text }),
        }
    };
    for operation in operations {
        match operation {
            similar::DiffOp::Equal { old_index, len, .. } => push("equal", &old_tokens[old_index..old_index + len]),
            similar::DiffOp::Delete { old_index, old_len, .. } => {
                push("delete", &old_tokens[old_index..old_index + old_len]);
            }
            similar::DiffOp::Insert { new_index, new_len, .. } => {
                push("insert", &new_tokens[new_index..new_index + new_len]);
            }
            similar::DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                push("delete", &old_tokens[old_index..old_index + old_len]);
                push("insert", &new_tokens[new_index..new_index + new_len]);
            }
        }
    }
    segments
}

/// Compares two versions of a catalog.
pub fn diff_catalogs(old: &Catalog, new: &Catalog, old_label: &str, new_label: &str) -> CatalogReport {
    let mut groups = Vec::new();
    let mut matched_new = BTreeSet::new();
    let single = old.groups.len() == 1 && new.groups.len() == 1;
    for old_group in &old.groups {
        let found = if single {
            Some(0)
        } else {
            new.groups
                .iter()
                .position(|group| group.name == old_group.name)
                .or_else(|| new.groups.iter().position(|group| group.title == old_group.title))
        };
        match found {
            Some(index) => {
                matched_new.insert(index);
                let report = diff_groups(old_group, &new.groups[index]);
                if !report.changes.is_empty() || report.old_name.is_some() {
                    groups.push(report);
                }
            }
            None => groups.push(whole_group(old_group, "removed")),
        }
    }
    for (index, new_group) in new.groups.iter().enumerate() {
        if !matched_new.contains(&index) {
            groups.push(whole_group(new_group, "added"));
        }
    }
    CatalogReport { id: new.id.clone(), old: old_label.to_owned(), new: new_label.to_owned(), groups }
}

fn whole_group(group: &Group, status: &'static str) -> GroupReport {
    let changes = group
        .entries
        .iter()
        .map(|entry| {
            let (level, kind) = if status == "added" {
                (Level::Minor, ChangeKind::Added { name: entry.name.clone(), message: entry.message.clone() })
            } else {
                (Level::Breaking, ChangeKind::Removed { name: entry.name.clone(), message: entry.message.clone() })
            };
            Change { code: entry.code.clone(), level, kind }
        })
        .collect();
    GroupReport { title: group.title.clone(), name: group.name.clone(), status, old_name: None, changes }
}

fn diff_groups(old: &Group, new: &Group) -> GroupReport {
    let old_entries: BTreeMap<Code, &Entry> = old.entries.iter().map(|entry| (entry.code.clone(), entry)).collect();
    let new_entries: BTreeMap<Code, &Entry> = new.entries.iter().map(|entry| (entry.code.clone(), entry)).collect();
    let old_retired: BTreeSet<Code> = old.retired.iter().map(|retired| retired.code.clone()).collect();
    let old_names: BTreeMap<&str, Code> = old
        .entries
        .iter()
        .map(|entry| (entry.name.as_str(), entry.code.clone()))
        .chain(old.retired.iter().map(|retired| (retired.name.as_str(), retired.code.clone())))
        .collect();
    let mut changes = Vec::new();
    // New order first (documented order of the new version), then removals.
    for entry in &new.entries {
        let code = &entry.code;
        match old_entries.get(code) {
            None => {
                if old_retired.contains(code) {
                    let old_name =
                        old.retired.iter().find(|r| r.code == *code).map(|r| r.name.clone()).unwrap_or_default();
                    changes.push(Change {
                        code: code.clone(),
                        level: Level::Breaking,
                        kind: ChangeKind::Reused {
                            old_name,
                            new_name: entry.name.clone(),
                            old_message: None,
                            new_message: entry.message.clone(),
                        },
                    });
                } else {
                    changes.push(Change {
                        code: code.clone(),
                        level: Level::Minor,
                        kind: ChangeKind::Added { name: entry.name.clone(), message: entry.message.clone() },
                    });
                }
                moved_name(&old_names, entry, &mut changes);
            }
            Some(before) => {
                if before.name != entry.name {
                    let kind = if before.message == entry.message {
                        ChangeKind::Renamed { old_name: before.name.clone(), new_name: entry.name.clone() }
                    } else {
                        ChangeKind::Reused {
                            old_name: before.name.clone(),
                            new_name: entry.name.clone(),
                            old_message: before.message.clone(),
                            new_message: entry.message.clone(),
                        }
                    };
                    changes.push(Change { code: code.clone(), level: Level::Breaking, kind });
                    moved_name(&old_names, entry, &mut changes);
                }
                let reused =
                    changes.last().is_some_and(|c| c.code == *code && matches!(c.kind, ChangeKind::Reused { .. }));
                for (field, old_text, new_text) in [
                    ("message", &before.message, &entry.message),
                    ("cause", &before.cause, &entry.cause),
                    ("solution", &before.solution, &entry.solution),
                ] {
                    if old_text != new_text && !(reused && field == "message") {
                        changes.push(reworded(code.clone(), field, old_text.clone(), new_text.clone()));
                    }
                }
                if before.notes != entry.notes {
                    let old_notes = (!before.notes.is_empty()).then(|| before.notes.join("\n"));
                    let new_notes = (!entry.notes.is_empty()).then(|| entry.notes.join("\n"));
                    changes.push(reworded(code.clone(), "notes", old_notes, new_notes));
                }
                translation_changes(code, before, entry, &mut changes);
                if before.same_row != entry.same_row {
                    changes.push(Change {
                        code: code.clone(),
                        level: Level::Patch,
                        kind: ChangeKind::RowMatesChanged { old: before.same_row.clone(), new: entry.same_row.clone() },
                    });
                }
            }
        }
    }
    for entry in &old.entries {
        if !new_entries.contains_key(&entry.code) {
            changes.push(Change {
                code: entry.code.clone(),
                level: Level::Breaking,
                kind: ChangeKind::Removed { name: entry.name.clone(), message: entry.message.clone() },
            });
        }
    }
    GroupReport {
        title: new.title.clone(),
        name: new.name.clone(),
        status: "changed",
        old_name: (old.name != new.name).then(|| old.name.clone()),
        changes,
    }
}

/// Translations: a text of one of the catalog's other locales added,
/// changed or gone is a patch change of that locale.
fn translation_changes(code: &Code, before: &Entry, entry: &Entry, changes: &mut Vec<Change>) {
    let locales: BTreeSet<&String> = before.translations.keys().chain(entry.translations.keys()).collect();
    let none = crate::catalog::Translation::default();
    for locale in locales {
        let old = before.translations.get(locale).unwrap_or(&none);
        let new = entry.translations.get(locale).unwrap_or(&none);
        let joined = |notes: &Vec<String>| (!notes.is_empty()).then(|| notes.join("\n"));
        for (field, old_text, new_text) in [
            ("message", old.message.clone(), new.message.clone()),
            ("cause", old.cause.clone(), new.cause.clone()),
            ("solution", old.solution.clone(), new.solution.clone()),
            ("notes", joined(&old.notes), joined(&new.notes)),
        ] {
            if old_text != new_text {
                let diff = inline_diff(old_text.as_deref().unwrap_or(""), new_text.as_deref().unwrap_or(""));
                changes.push(Change {
                    code: code.clone(),
                    level: Level::Patch,
                    kind: ChangeKind::Translated { locale: locale.clone(), field, old: old_text, new: new_text, diff },
                });
            }
        }
    }
}

/// The label of a re-worded or translated field, `message` or `message
/// (en)`; `None` for every other kind.
fn field_label(kind: &ChangeKind) -> Option<String> {
    match kind {
        ChangeKind::Reworded { field, .. } => Some((*field).to_owned()),
        ChangeKind::Translated { field, locale, .. } => Some(format!("{field} ({locale})")),
        _ => None,
    }
}

/// Reports a name that named another code in the old version.
fn moved_name(old_names: &BTreeMap<&str, Code>, entry: &Entry, changes: &mut Vec<Change>) {
    if let Some(from_code) = old_names.get(entry.name.as_str())
        && *from_code != entry.code
    {
        changes.push(Change {
            code: entry.code.clone(),
            level: Level::Breaking,
            kind: ChangeKind::NameMoved { name: entry.name.clone(), from_code: from_code.clone() },
        });
    }
}

fn reworded(code: Code, field: &'static str, old: Option<String>, new: Option<String>) -> Change {
    let diff = inline_diff(old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""));
    Change { code, level: Level::Patch, kind: ChangeKind::Reworded { field, old, new, diff } }
}

/// Keeps only the group whose title or type name is `selector`.
pub fn select_group(catalog: &Catalog, selector: &str) -> Option<Catalog> {
    let group = catalog.groups.iter().find(|group| group.title == selector || group.name == selector)?;
    let mut selected = catalog.clone();
    selected.groups = vec![group.clone()];
    Some(selected)
}

// ---- rendering ------------------------------------------------------------

/// Terminal styles for the text format.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

fn code_list(codes: &[Code]) -> String {
    if codes.is_empty() {
        return "(none)".to_owned();
    }
    codes.iter().map(Code::to_string).collect::<Vec<_>>().join(", ")
}

/// Text on one line of a terminal: line breaks as `⏎`, controls shown.
fn one_line(text: Option<&str>) -> String {
    crate::escape::show_controls(&text.unwrap_or("").replace('\n', "⏎")).into_owned()
}

fn inline_text(segments: &[Segment], style: Style) -> String {
    segments
        .iter()
        .map(|segment| {
            let text = one_line(Some(&segment.text));
            match (segment.op, style.color) {
                ("equal", _) => text,
                ("delete", true) => style.paint("9;31", &text),
                ("insert", true) => style.paint("1;32", &text),
                ("delete", false) => format!("[-{text}-]"),
                _ => format!("{{+{text}+}}"),
            }
        })
        .collect()
}

/// The counts and the overall level of a report, in one line.
pub fn summary_line(report: &Report) -> String {
    let level = report.level();
    format!(
        "{}; overall: {} (suggested version bump for the generated packages: {})",
        report.counts(),
        level.map_or("no change", Level::as_str),
        level.map_or("none", Level::bump)
    )
}

fn describe(change: &Change) -> (char, String) {
    match &change.kind {
        ChangeKind::Added { name, message } => ('+', format!("{name}: {}", one_line(message.as_deref()))),
        ChangeKind::Removed { name, message } => ('-', format!("{name}: {}", one_line(message.as_deref()))),
        ChangeKind::Renamed { old_name, new_name } => ('!', format!("renamed {old_name} → {new_name}")),
        ChangeKind::Reused { old_name, new_name, old_message, new_message } => (
            '!',
            format!(
                "number reused: {old_name} ({}) → {new_name} ({})",
                one_line(old_message.as_deref()),
                one_line(new_message.as_deref())
            ),
        ),
        ChangeKind::NameMoved { name, from_code } => ('!', format!("name {name} moved here from code {from_code}")),
        ChangeKind::Reworded { .. } | ChangeKind::Translated { .. } => {
            ('~', format!("{}: ", field_label(&change.kind).unwrap_or_default()))
        }
        ChangeKind::RowMatesChanged { old, new } => {
            ('~', format!("row mates: {} → {}", code_list(old), code_list(new)))
        }
    }
}

/// One change as plain text, without the inline diff of a re-wording or a
/// translation (its text is the field's label; the segments are
/// [`Change::segments`]).
pub fn change_text(change: &Change) -> String {
    describe(change).1
}

/// Human text, colored when `style.color`.
pub fn render_text(report: &Report, style: Style) -> String {
    let mut out = String::new();
    for catalog in &report.catalogs {
        out.push_str(&format!("{}: {} → {}\n", style.paint("1", &catalog.id), catalog.old, catalog.new));
        if catalog.groups.is_empty() {
            out.push_str("  no changes\n");
        }
        for group in &catalog.groups {
            let renamed =
                group.old_name.as_ref().map(|old| format!(", type renamed from {old} [breaking]")).unwrap_or_default();
            out.push_str(&format!("  {} ({}){} {}\n", one_line(Some(&group.title)), group.name, renamed, group.status));
            for change in &group.changes {
                let (sign, text) = describe(change);
                let color = match (sign, &change.kind) {
                    ('+', _) => "32",
                    ('-', _) => "31",
                    ('!', _) => "1;31",
                    (_, ChangeKind::Translated { .. }) => "36",
                    _ => "33",
                };
                let detail = inline_text(change.segments(), style);
                out.push_str(&format!(
                    "    {} {} {text}{detail}  [{}]\n",
                    style.paint(color, &sign.to_string()),
                    change.code,
                    change.level.as_str()
                ));
            }
        }
    }
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown for a changelog or a pull request.
pub fn render_markdown(report: &Report) -> String {
    let mut out = String::from("## Error code changes\n\n");
    out.push_str(&format!("{}\n", summary_line(report)));
    for catalog in &report.catalogs {
        out.push_str(&format!("\n### `{}`\n\n`{}` → `{}`\n", catalog.id, catalog.old, catalog.new));
        if catalog.groups.is_empty() {
            out.push_str("\nNo changes.\n");
        }
        for group in &catalog.groups {
            out.push_str(&format!("\n#### {} (`{}`, {})\n\n", markdown_escape(&group.title), group.name, group.status));
            if let Some(old) = &group.old_name {
                out.push_str(&format!("**Breaking:** type renamed from `{old}` to `{}`.\n\n", group.name));
            }
            out.push_str("| code | level | change |\n|---:|---|---|\n");
            for change in &group.changes {
                let text = match &change.kind {
                    ChangeKind::Added { name, message } => {
                        format!("added `{name}`: {}", markdown_escape(message.as_deref().unwrap_or("")))
                    }
                    ChangeKind::Removed { name, message } => {
                        format!("removed `{name}`: {}", markdown_escape(message.as_deref().unwrap_or("")))
                    }
                    ChangeKind::Renamed { old_name, new_name } => format!("renamed `{old_name}` → `{new_name}`"),
                    ChangeKind::Reused { old_name, new_name, old_message, new_message } => format!(
                        "number reused: `{old_name}` ({}) → `{new_name}` ({})",
                        markdown_escape(old_message.as_deref().unwrap_or("")),
                        markdown_escape(new_message.as_deref().unwrap_or(""))
                    ),
                    ChangeKind::NameMoved { name, from_code } => {
                        format!("name `{name}` moved here from code {from_code}")
                    }
                    ChangeKind::Reworded { diff, .. } | ChangeKind::Translated { diff, .. } => {
                        let inline: String = diff
                            .iter()
                            .map(|segment| match segment.op {
                                "equal" => markdown_escape(&segment.text),
                                "delete" => format!("<del>{}</del>", markdown_escape(&segment.text)),
                                _ => format!("<ins>{}</ins>", markdown_escape(&segment.text)),
                            })
                            .collect();
                        format!("{}: {inline}", field_label(&change.kind).unwrap_or_default())
                    }
                    ChangeKind::RowMatesChanged { old, new } => {
                        format!("row mates: {} → {}", code_list(old), code_list(new))
                    }
                };
                out.push_str(&format!("| {} | {} | {text} |\n", change.code, change.level.as_str()));
            }
        }
    }
    out
}

/// JUnit suites: one per catalog, one case per change (named by code and
/// change, in the class `<catalog>.<group>`), failing when its level is at
/// or above `fail_on`; a catalog without changes has one passing case.
/// Without `fail_on` nothing fails, as the exit code of `errcat diff`.
pub fn junit_suites(report: &Report, fail_on: Option<Level>) -> Vec<crate::findings::Suite> {
    use crate::findings::{Case, Failure, Suite};
    report
        .catalogs
        .iter()
        .map(|catalog| {
            let mut cases: Vec<Case> = Vec::new();
            for group in &catalog.groups {
                let classname = format!("{}.{}", catalog.id, group.name);
                for change in &group.changes {
                    let detail = inline_text(change.segments(), Style { color: false });
                    let text = format!("{}{detail}", change_text(change));
                    let failure = fail_on.filter(|threshold| change.level >= *threshold).map(|_| Failure {
                        message: format!("{} change to code {}: {text}", change.level.as_str(), change.code),
                        kind: change.level.as_str().to_owned(),
                        text: format!(
                            "{} → {}\ngroup {} ({})\n{text}",
                            catalog.old, catalog.new, group.title, group.name
                        ),
                    });
                    cases.push(Case { name: format!("{} {text}", change.code), classname: classname.clone(), failure });
                }
            }
            if cases.is_empty() {
                cases.push(Case { name: "no changes".to_owned(), classname: catalog.id.clone(), failure: None });
            }
            Suite { name: format!("errcat diff {}", catalog.id), cases }
        })
        .collect()
}

/// JSON (schema: `crates/errcat/src/diff-report.schema.json`).
pub fn render_json(report: &Report) -> String {
    let value = serde_json::json!({
        "schema": "errcat-diff/v1",
        "level": report.level().map(Level::as_str),
        "bump": report.level().map_or("none", Level::bump),
        "counts": report.counts(),
        "catalogs": report.catalogs,
    });
    let mut out = serde_json::to_string_pretty(&value).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_diff_works_on_chinese_characters() {
        let segments = inline_diff("混流输入流不存在。", "混流或单流转码的输入流不存在。");
        let inserted: String = segments.iter().filter(|s| s.op == "insert").map(|s| s.text.as_str()).collect();
        assert_eq!(inserted, "或单流转码的");
        assert!(segments.iter().all(|s| s.op != "delete"));
    }

    #[test]
    fn ascii_words_and_urls_diff_as_whole_tokens() {
        assert_eq!(
            tokens("see [a](https://x.io/19458#5)中文"),
            [
                "see", " ", "[", "a", "]", "(", "https", ":", "/", "/", "x", ".", "io", "/", "19458", "#", "5", ")",
                "中", "文"
            ]
        );
        let segments = inline_diff("参考 8985#3。", "参考 19458#5。");
        let deleted: Vec<&str> = segments.iter().filter(|s| s.op == "delete").map(|s| s.text.as_str()).collect();
        assert_eq!(deleted, ["8985", "3"]);
    }

    #[test]
    fn identical_text_is_one_equal_segment() {
        assert_eq!(inline_diff("同样", "同样"), [Segment { op: "equal", text: "同样".to_owned() }]);
    }
}
