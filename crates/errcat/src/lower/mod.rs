//! Lowering: a [`RawDoc`] becomes a [`Catalog`], with diagnostics.
//!
//! This is where tables get meaning: column roles from header words and
//! cell content (`columns`), sections qualified by their parents
//! (`sections`), continuation tables and rows, every form of code cell
//! (markup, hex with its literal, a second form of the code, catch-all
//! rows, ranges), labelled parts by meaning (`labels`), attributes for
//! columns without a field role, `-` meaning "none", groups per section,
//! per module column or merged, and repeats (identical ones merged,
//! conflicting ones kept as variants). It never reads files and never drops
//! a row without a diagnostic.

pub mod columns;
pub mod labels;
pub mod list_tables;
pub mod prose;
pub mod record_tables;
pub mod sections;
pub mod words;

use crate::catalog::{Catalog, CatchAll, CodeRange, Entry, Group, SCHEMA, SourceRef, Variant};
use crate::code::{Code, CodeCell, CodeType};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::raw::{RawBlock, RawDoc, RawRow, RawSection, RawTable};
use columns::{ColumnPlan, ColumnRole, signed32, unwrap_markup};
use labels::Field;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How a page's sections become groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionMode {
    /// One group per section (heading): codes may repeat across sections.
    #[default]
    PerSection,
    /// One group for the whole page: a code repeated across sections becomes
    /// one entry; differing wordings are kept as variants and reported.
    Merge,
}

/// Per-source settings of reading and lowering (from the manifest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSettings {
    /// Header text → role, overriding detection.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, ColumnRole>,
    #[serde(default)]
    pub sections: SectionMode,
    /// Title of the merged group, or of tables under no heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_title: Option<String>,
    /// When a message cell runs description and suggestion together, split
    /// it at the first of these words that follows whitespace (e.g. `请`);
    /// the rest becomes the solution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split_solution_at: Vec<String>,
    /// Read one-line paragraphs such as `3 推流` as section headings.
    #[serde(default = "default_true")]
    pub numbered_sections: bool,
    /// A column (by header text) whose values split a table into groups
    /// (`Section / value`), e.g. a module column under which codes repeat.
    /// Without it, such a column is found when it makes otherwise
    /// duplicate codes distinct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    /// A regular expression for pages that write one code per line in a
    /// form no reader knows (`E-12 | text`): every line of a paragraph,
    /// list item or code block that it matches whole is an entry. Named
    /// groups: `code` (required), `message`, `name`, `cause`, `solution`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_pattern: Option<String>,
    /// Label words of this source's pages and what they label, for every
    /// form: a table header (as `columns`, which wins), a label in a cell or
    /// a bullet (`信息：…`), a bold or heading label in prose (`**含义**`).
    /// A label mapped to `attribute`, `ignore`, `code` or `name` is no text
    /// label: its text stays with the text around it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, ColumnRole>,
    /// HTML pages: a CSS selector (`main article`, `#error-codes, h2`);
    /// only the elements it matches, with what they hold, are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<String>,
    /// A regular expression every code must match whole, as written
    /// (`E\d{4}`, `-?\d{5}`): entries whose code does not are dropped and
    /// counted in one warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_pattern: Option<String>,
    /// Headings whose sections document no codes (`Release notes`,
    /// `HTTP 状态码`): nothing under them (tables, headings, lists,
    /// paragraphs, code) is read, down to the next heading of their level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip_sections: Vec<String>,
}

fn default_true() -> bool {
    true
}

impl Default for SourceSettings {
    fn default() -> Self {
        SourceSettings {
            columns: BTreeMap::new(),
            sections: SectionMode::PerSection,
            group_title: None,
            split_solution_at: Vec::new(),
            numbered_sections: true,
            group_by: None,
            line_pattern: None,
            labels: BTreeMap::new(),
            select: None,
            code_pattern: None,
            skip_sections: Vec::new(),
        }
    }
}

/// Identity of the page being lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub id: String,
    /// Overrides the page's own title.
    pub title: Option<String>,
    pub locale: String,
    /// The file as shown in diagnostics (e.g. `docs-src/page.md`).
    pub path: String,
    /// The file as recorded in the catalog (path under `docs-src/`).
    pub file: String,
    pub sha256: String,
    pub upstream: Option<String>,
}

/// Text fields of one row, by role, and its attributes.
#[derive(Debug, Clone, Default)]
struct RowCells {
    /// Parts per field; a part keeps whether its field came from position.
    parts: BTreeMap<ColumnRole, Vec<String>>,
    notes: Vec<String>,
    attributes: BTreeMap<String, String>,
    name: Option<String>,
}

#[derive(Debug, Clone)]
struct Row {
    codes: Vec<Code>,
    /// The code as written when that is not plain decimal.
    literal: Option<String>,
    /// A documented range instead of codes.
    range: Option<(Code, Code)>,
    /// The catch-all row's code cell (`Other`).
    catch_all: Option<String>,
    lines: Vec<u32>,
    section: String,
    cells: RowCells,
    /// The code or name cell is struck through: the page withdrew the code.
    struck: bool,
}

impl Row {
    fn marker(line: u32, section: &str) -> Row {
        Row {
            codes: Vec::new(),
            literal: None,
            range: None,
            catch_all: None,
            lines: vec![line],
            section: section.to_owned(),
            cells: RowCells::default(),
            struck: false,
        }
    }

    fn is_data(&self) -> bool {
        !self.codes.is_empty() || self.range.is_some() || self.catch_all.is_some()
    }
}

#[derive(Debug)]
struct GroupDraft {
    title: String,
    rows: Vec<Row>,
}

/// The readable texts of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Texts {
    message: Option<String>,
    cause: Option<String>,
    solution: Option<String>,
    notes: Vec<String>,
}

impl Texts {
    fn push(&mut self, field: Field, text: String) {
        let slot = match field {
            Field::Message => &mut self.message,
            Field::Cause => &mut self.cause,
            Field::Solution => &mut self.solution,
            Field::Note => {
                self.notes.push(text);
                return;
            }
        };
        *slot = Some(match slot.take() {
            Some(existing) => format!("{existing}\n{text}"),
            None => text,
        });
    }

    /// Equal up to whitespace.
    fn same_as(&self, other: &Texts) -> bool {
        let squash = |text: &Option<String>| text.as_deref().map(|t| t.split_whitespace().collect::<String>());
        squash(&self.message) == squash(&other.message)
            && squash(&self.cause) == squash(&other.cause)
            && squash(&self.solution) == squash(&other.solution)
    }
}

/// What a header-less table after a page break continues.
#[derive(Debug, Clone)]
struct Continuation {
    section: String,
    headers: Vec<String>,
    plan: ColumnPlan,
    width: usize,
}

/// Lowers a raw document into a catalog.
pub fn lower(doc: &RawDoc, info: &SourceInfo, settings: &SourceSettings) -> (Catalog, Vec<Diagnostic>) {
    lower_owned(doc.clone(), info, settings)
}

/// [`lower`], consuming the raw model: each table is freed as soon as it is
/// lowered, so a large page's raw cells and its catalog do not all exist
/// at once, and the memory of one is reused for the other.
pub fn lower_owned(doc: RawDoc, info: &SourceInfo, settings: &SourceSettings) -> (Catalog, Vec<Diagnostic>) {
    labels::with_labels(&settings.labels, || lower_page(doc, info, settings))
}

impl SourceSettings {
    /// Header roles set by the source: `columns`, then `labels` for the
    /// headers `columns` does not name.
    pub fn column_roles(&self) -> std::borrow::Cow<'_, BTreeMap<String, ColumnRole>> {
        if self.labels.is_empty() {
            return std::borrow::Cow::Borrowed(&self.columns);
        }
        let mut roles = self.labels.clone();
        roles.extend(self.columns.iter().map(|(header, role)| (header.clone(), *role)));
        std::borrow::Cow::Owned(roles)
    }
}

/// The line ranges of the sections `skip_sections` names (a heading, down
/// to the next heading of its level or above), and the names that match
/// no heading.
fn skipped_sections(headings: &[RawSection], names: &[String]) -> (Vec<(u32, u32)>, Vec<String>) {
    let same = |a: &str, b: &str| words::normalize(a) == words::normalize(b);
    let mut ranges = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        if names.iter().any(|name| same(name, &heading.title)) {
            let end = headings[index + 1..]
                .iter()
                .find(|next| next.level <= heading.level)
                .map_or(u32::MAX, |next| next.line);
            ranges.push((heading.line, end));
        }
    }
    let unmatched =
        names.iter().filter(|name| !headings.iter().any(|heading| same(name, &heading.title))).cloned().collect();
    (ranges, unmatched)
}

/// `code_pattern`: the codes of the page's rows that it does not match
/// whole (as written: the literal, else the code) are dropped, and a row
/// left with no code goes; returns how many codes were dropped.
fn keep_matching_codes(groups: &mut [GroupDraft], pattern: &regex::Regex) -> usize {
    let mut dropped = 0;
    for draft in groups {
        draft.rows.retain_mut(|row| {
            if row.codes.is_empty() {
                return true;
            }
            let literal = row.literal.clone();
            let before = row.codes.len();
            row.codes.retain(|code| {
                let written = literal.clone().filter(|_| before == 1).unwrap_or_else(|| code.to_string());
                pattern.is_match(&written)
            });
            dropped += before - row.codes.len();
            !row.codes.is_empty()
        });
    }
    dropped
}

/// A setting's regular expression, anchored to match whole.
fn whole_pattern(pattern: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(&format!("^(?:{pattern})$"))
        .map_err(|error| format!("`code_pattern` `{pattern}` is not a regular expression: {error}"))
}

fn lower_page(doc: RawDoc, info: &SourceInfo, settings: &SourceSettings) -> (Catalog, Vec<Diagnostic>) {
    let RawDoc { title, headings, notes, mut tables, mut blocks } = doc;
    let mut setting_problems = Vec::new();
    // Sections the settings say document no codes are not read at all.
    if !settings.skip_sections.is_empty() {
        let (ranges, unmatched) = skipped_sections(&headings, &settings.skip_sections);
        let skipped = |line: u32| ranges.iter().any(|(start, end)| (*start..*end).contains(&line));
        tables.retain(|table| !skipped(table.line));
        blocks.retain(|block| !skipped(block.line));
        setting_problems.extend(unmatched.into_iter().map(|name| {
            format!(
                "`skip_sections` names `{name}`, but no heading of the page has that title; nothing was skipped for it"
            )
        }));
    }
    let code_pattern = match settings.code_pattern.as_deref().map(whole_pattern).transpose() {
        Ok(pattern) => pattern,
        Err(problem) => {
            setting_problems.push(problem);
            None
        }
    };
    // Tables written as nested lists join the page's tables.
    let (from_lists, used) = list_tables::list_tables(&blocks, &headings);
    let blocks: Vec<RawBlock> = if used.is_empty() {
        blocks
    } else {
        tables.extend(from_lists);
        tables.sort_by_key(|table| table.line);
        let used: std::collections::HashSet<usize> = used.into_iter().collect();
        blocks.into_iter().enumerate().filter(|(index, _)| !used.contains(index)).map(|(_, block)| block).collect()
    };
    // Tables written as label/value records get one row per record.
    let tables: Vec<RawTable> =
        tables.into_iter().map(|table| record_tables::as_records(&table).unwrap_or(table)).collect();
    let mut lowering = Lowering::new(info, settings);
    for problem in setting_problems {
        lowering.report(DiagnosticKind::InvalidSetting, 0, problem);
    }
    lowering.constants = prose::constants(&blocks);
    let table_lines: Vec<u32> = tables.iter().map(|table| table.line).collect();
    let pattern = match settings.line_pattern.as_deref().map(prose::LinePattern::new).transpose() {
        Ok(pattern) => pattern,
        Err(problem) => {
            lowering.report(DiagnosticKind::InvalidSetting, 0, problem);
            None
        }
    };
    let prose_entries = prose::entries(&blocks, &table_lines, pattern.as_ref());
    let mut code_positions = prose::code_positions(&blocks);
    if let Some(pattern) = &code_pattern {
        code_positions.retain(|(_, code)| pattern.is_match(&code.to_string()));
    }
    drop(blocks);
    let catalog_title =
        info.title.clone().or_else(|| title.clone()).unwrap_or_else(|| file_stem(&info.file).to_owned());
    if tables.is_empty() && prose_entries.is_empty() {
        lowering.report(DiagnosticKind::NoTables, 0, "the page has no tables, so it documents no codes".to_owned());
    }
    lowering.page_title = catalog_title.clone();
    let titles = sections::qualified_titles(&headings);
    let default_section = settings.group_title.clone().unwrap_or_else(|| catalog_title.clone());
    let mut previous: Option<Continuation> = None;
    let mut table_rows = 0usize;
    let first_table_line = tables.first().map_or(0, |table| table.line);
    let plans = fresh_plans(&tables, settings, reading_locale(&info.locale, &headings, &tables));
    // Each raw table is freed as soon as it is lowered; on a large page, on
    // another core (freeing its cells takes a stage's time).
    let large = tables.iter().map(|table| table.rows.len()).sum::<usize>() >= 2_000;
    std::thread::scope(|scope| {
        let (freed, to_free) = std::sync::mpsc::channel::<RawTable>();
        if large {
            scope.spawn(move || to_free.into_iter().for_each(drop));
        } else {
            drop(to_free);
        }
        for (table, fresh_plan) in tables.into_iter().zip(plans) {
            let section = table.section.as_ref().map_or_else(
                || default_section.clone(),
                |s| titles.get(&s.line).cloned().unwrap_or_else(|| s.title.clone()),
            );
            table_rows += table.rows.iter().filter(|row| !row.is_blank() && !row.is_rule()).count();
            previous = lowering.table(&table, &section, previous.take(), fresh_plan);
            // Without a receiver (a small page), the table comes back and is
            // freed here.
            let _ = freed.send(table);
        }
    });
    lowering.prose(prose_entries, &titles, &default_section);
    if let Some(pattern) = &code_pattern {
        let dropped = keep_matching_codes(&mut lowering.groups, pattern);
        if dropped > 0 {
            lowering.report(
                DiagnosticKind::CodeOutsidePattern,
                0,
                format!(
                    "{dropped} code(s) read on the page do not match `code_pattern` `{}` and were left out",
                    settings.code_pattern.as_deref().unwrap_or_default()
                ),
            );
        }
    }
    // A group whose tables yielded no entries (empty, or every row invalid,
    // each already reported) would generate an empty type: leave it out.
    let drafts: Vec<GroupDraft> =
        lowering.groups.drain(..).filter(|draft| draft.rows.iter().any(Row::is_data)).collect();
    let (groups, group_diagnostics) = build_groups(drafts, info, settings);
    lowering.diagnostics.extend(group_diagnostics);
    if table_rows > 0 && groups.iter().all(|group| group.entries.is_empty() && group.ranges.is_empty()) {
        lowering.report(
            DiagnosticKind::NoEntries,
            first_table_line,
            format!("the page's tables have {table_rows} row(s) but yield no entries; see the diagnostics above"),
        );
    } else if groups.iter().all(|group| group.entries.is_empty() && group.ranges.is_empty()) {
        // A page given as an error-code page that yields nothing is an
        // error, never an empty catalog with exit 0.
        lowering.report(
            DiagnosticKind::NoEntries,
            0,
            "the page yields no entries: no table, heading, list or definition on it documents a code".to_owned(),
        );
    }
    coverage(&groups, code_positions, &mut lowering);
    let catalog = Catalog {
        editions: Vec::new(),
        schema: SCHEMA.to_owned(),
        id: info.id.clone(),
        title: catalog_title,
        locale: info.locale.clone(),
        source: SourceRef { file: info.file.clone(), sha256: info.sha256.clone(), upstream: info.upstream.clone() },
        notes: notes.iter().map(|note| resolve_links(note, info.upstream.as_deref())).collect(),
        groups,
    };
    (catalog, lowering.diagnostics)
}

/// The most code-not-read warnings one page gets; the rest are counted in
/// the last one.
const MAX_NOT_READ_WARNINGS: usize = 30;

/// The coverage check: code-like text in code positions (headings, list
/// items, paragraph lines that open with a code) whose code no entry,
/// variant, row mate or range of the catalog holds is a warning with its
/// line (W0223). Two or more such codes make a pattern worth a warning; a
/// lone one, or codes that merely number their blocks (1, 2, 3…), do not.
fn coverage(groups: &[Group], positions: Vec<(u32, Code)>, lowering: &mut Lowering<'_>) {
    let mut read: std::collections::HashSet<&Code> = std::collections::HashSet::new();
    // Another form of a code kept as an attribute (`Error code in MySQL:
    // 1357`) is read too.
    let mut mentioned: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let (mut text_codes, mut int_codes) = (0usize, 0usize);
    for group in groups {
        for entry in &group.entries {
            read.insert(&entry.code);
            read.extend(entry.same_row.iter());
            mentioned.extend(entry.attributes.values().map(|value| value.trim()));
            if entry.code.is_text() {
                text_codes += 1;
            } else {
                int_codes += 1;
            }
        }
    }
    // Only codes of the kind the page documents count (a page of string
    // codes mentions HTTP statuses; a page of numbers mentions names).
    let text_page = text_codes > int_codes;
    let in_range = |code: &Code| {
        groups.iter().flat_map(|group| &group.ranges).any(|range| range.from <= *code && *code <= range.to)
    };
    let mut seen = std::collections::HashSet::new();
    let missed: Vec<(u32, Code)> = positions
        .into_iter()
        // A string code counts when it has a digit (`E0001`, `ZWEL0001I`):
        // words and identifiers open many lines that document no code.
        .filter(|(_, code)| code.is_text() == text_page && !read.is_empty())
        .filter(|(_, code)| !code.is_text() || code.to_string().bytes().any(|b| b.is_ascii_digit()))
        .filter(|(_, code)| !read.contains(code) && !in_range(code) && !mentioned.contains(code.to_string().as_str()))
        .filter(|(_, code)| seen.insert(code.clone()))
        .collect();
    let numbering = {
        let mut values: Vec<i64> = missed.iter().filter_map(|(_, code)| code.as_int()).collect();
        values.sort_unstable();
        values.len() == missed.len()
            && values.first().is_some_and(|first| *first <= 1)
            && values.windows(2).all(|pair| pair[0].checked_add(1) == Some(pair[1]))
    };
    if missed.len() < 2 || numbering {
        return;
    }
    let total = missed.len();
    for (index, (line, code)) in missed.into_iter().enumerate() {
        if index + 1 == MAX_NOT_READ_WARNINGS && total > MAX_NOT_READ_WARNINGS {
            lowering.report(
                DiagnosticKind::CodeNotRead,
                line,
                format!("`{code}` and {} more code-like item(s) were not read as entries", total - index - 1),
            );
            break;
        }
        lowering.report(
            DiagnosticKind::CodeNotRead,
            line,
            format!(
                "`{code}` opens this line like a documented code, but no entry was read for it \
                 (if the page documents it here, the way it is written is not read: the catalog lacks it)"
            ),
        );
    }
}

/// A table's header texts (as wide as its widest row), its width, and its
/// rows without blank and rule rows.
fn table_shape(table: &RawTable) -> (Vec<String>, usize, Vec<&RawRow>) {
    let mut headers: Vec<String> = table.header.cells.iter().map(|cell| cell.text()).collect();
    let width = headers.len().max(table.rows.iter().map(|row| row.cells.len()).max().unwrap_or(0));
    headers.resize(width, String::new());
    let rows: Vec<&RawRow> = table.rows.iter().filter(|row| !row.is_blank() && !row.is_rule()).collect();
    (headers, width, rows)
}

/// The cells of each column of `rows`.
fn column_cells(rows: &[&RawRow], width: usize) -> Vec<Vec<String>> {
    (0..width)
        .map(|i| rows.iter().map(|row| row.cells.get(i).map(|c| c.text()).unwrap_or_default()).collect())
        .collect()
}

/// Each table's column plan read from its own header and rows: a pure
/// function of the table, so a page of many tables plans them on every
/// core. (A table that continues the one before uses that one's plan.)
/// The locale that decides which of two description columns in two
/// languages is the message: the catalog's, or for a catalog of no stated
/// locale (`und`) `zh` when the page's headings and table headers are
/// mostly CJK text (no other language is guessed).
fn reading_locale<'a>(locale: &'a str, headings: &[RawSection], tables: &[RawTable]) -> &'a str {
    if locale != "und" {
        return locale;
    }
    let texts = headings.iter().map(|heading| heading.title.as_str()).chain(
        tables
            .iter()
            .flat_map(|table| table.header.cells.iter().flat_map(|cell| cell.parts.iter()))
            .map(String::as_str),
    );
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in texts.flat_map(str::chars) {
        if is_cjk(c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            letters += 1;
        }
    }
    // A CJK character carries about as much as a word of four letters.
    if cjk > 0 && cjk * 4 >= letters { "zh" } else { locale }
}

fn fresh_plans(tables: &[RawTable], settings: &SourceSettings, locale: &str) -> Vec<ColumnPlan> {
    let plan = |table: &RawTable| {
        let (headers, width, rows) = table_shape(table);
        columns::plan(&headers, &column_cells(&rows, width), &settings.column_roles(), locale)
    };
    let rows: usize = tables.iter().map(|table| table.rows.len()).sum();
    let threads = crate::parallel::cores().min(tables.len());
    if threads < 2 || rows < 2_000 {
        return tables.iter().map(plan).collect();
    }
    let parts: Vec<&[RawTable]> = tables.chunks(tables.len().div_ceil(threads)).collect();
    crate::parallel::map(parts, |part| part.iter().map(plan).collect::<Vec<_>>()).into_iter().flatten().collect()
}

/// Builds the groups from their drafts. Groups are independent, so a page
/// of many groups is built on every core, in contiguous runs of drafts of
/// about equal size; groups and their diagnostics keep document order.
fn build_groups(
    drafts: Vec<GroupDraft>,
    info: &SourceInfo,
    settings: &SourceSettings,
) -> (Vec<Group>, Vec<Diagnostic>) {
    let build = |drafts: Vec<GroupDraft>| {
        labels::with_labels(&settings.labels, || {
            let mut lowering = Lowering::new(info, settings);
            let groups: Vec<Group> = drafts.into_iter().map(|draft| lowering.build_group(draft)).collect();
            (groups, lowering.diagnostics)
        })
    };
    let rows: usize = drafts.iter().map(|draft| draft.rows.len()).sum();
    let threads = crate::parallel::cores().min(drafts.len());
    if threads < 2 || rows < 2_000 {
        return build(drafts);
    }
    // Contiguous runs of about `rows / threads` rows each.
    let mut runs: Vec<Vec<GroupDraft>> = vec![Vec::new()];
    let mut in_run = 0;
    for draft in drafts {
        if in_run >= rows.div_ceil(threads) && runs.len() < threads {
            runs.push(Vec::new());
            in_run = 0;
        }
        in_run += draft.rows.len();
        if let Some(run) = runs.last_mut() {
            run.push(draft);
        }
    }
    let results = crate::parallel::map(runs, build);
    let mut groups = Vec::new();
    let mut diagnostics = Vec::new();
    for (built, found) in results {
        groups.extend(built);
        diagnostics.extend(found);
    }
    (groups, diagnostics)
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.split('.').next().filter(|stem| !stem.is_empty()).unwrap_or(name)
}

/// The hint for setting a column's role, for both callers.
const ROLE_HINT: &str = "set it with `--column 'HEADER=ROLE'` (errcat ingest) or `columns:` in the manifest";

struct Lowering<'a> {
    info: &'a SourceInfo,
    settings: &'a SourceSettings,
    diagnostics: Vec<Diagnostic>,
    groups: Vec<GroupDraft>,
    /// Rows of the group being built whose message came from the cause or
    /// the solution.
    message_from_other_fields: usize,
    /// Rows of the current group whose only text was a note.
    message_from_notes: usize,
    /// The headers of each section's first table.
    section_headers: HashMap<String, Vec<String>>,
    /// Index of each group draft by title.
    group_by_title: HashMap<String, usize>,
    /// Constants defined in the page's code blocks, by name.
    constants: HashMap<String, prose::Constant>,
    /// The catalog's title.
    page_title: String,
}

impl<'a> Lowering<'a> {
    fn new(info: &'a SourceInfo, settings: &'a SourceSettings) -> Lowering<'a> {
        Lowering {
            info,
            settings,
            diagnostics: Vec::new(),
            groups: Vec::new(),
            message_from_other_fields: 0,
            message_from_notes: 0,
            section_headers: HashMap::new(),
            group_by_title: HashMap::new(),
            constants: HashMap::new(),
            page_title: String::new(),
        }
    }

    /// The constant a name cell refers to: exactly, or (reported) as the one
    /// constant the name is a prefix of (`…_PARAM_E` cut from `…_PARAM_ERR`).
    fn constant(&mut self, name: &str, row: &RawRow) -> Option<(String, Code, u32)> {
        if let Some(constant) = self.constants.get(name) {
            return Some((name.to_owned(), constant.value.clone(), constant.line));
        }
        if name.len() < 8 {
            return None;
        }
        let mut matches = self.constants.iter().filter(|(full, _)| full.starts_with(name));
        let (full, constant) = matches.next()?;
        if matches.next().is_some() {
            return None;
        }
        let found = (full.clone(), constant.value.clone(), constant.line);
        self.report_row(
            DiagnosticKind::ConstantByPrefix,
            row,
            format!(
                "`{name}` is not defined on the page, but it begins the one constant `{}` (line {}): read as its value {}",
                found.0, found.2, found.1
            ),
        );
        Some(found)
    }

    /// A plan for a table without a code column whose column of names
    /// refers to constants of the page's code blocks (most of its cells
    /// name one): that column gives the code.
    fn plan_with_constants(&self, mut plan: ColumnPlan, rows: &[&RawRow]) -> (ColumnPlan, bool) {
        let column = (0..plan.roles.len()).find(|index| {
            let cells: Vec<String> = rows.iter().filter_map(|row| row.cells.get(*index)).map(constant_name).collect();
            let filled = cells.iter().filter(|cell| !cell.is_empty()).count();
            let known = cells.iter().filter(|cell| self.constants.contains_key(cell.as_str())).count();
            filled > 0 && known * 2 > filled
        });
        let Some(column) = column else { return (plan, false) };
        // What the plan found about the code no longer holds.
        plan.findings.clear();
        {
            for role in plan.roles.iter_mut().filter(|role| **role == ColumnRole::Code) {
                *role = ColumnRole::Attribute;
            }
            plan.roles[column] = ColumnRole::Code;
            plan.findings.push(format!(
                "column {} holds names of constants defined in a code block on the page: their values are the codes",
                column + 1
            ));
            if let Some(name) = plan.roles.iter().position(|role| *role == ColumnRole::Name) {
                plan.roles[name] = ColumnRole::Attribute;
            }
        }
        (plan, true)
    }

    /// Entries documented under their own heading or list item.
    fn prose(&mut self, entries: Vec<prose::ProseEntry>, titles: &HashMap<u32, String>, default: &str) {
        // A code a table of the page documents, explained again under its
        // own heading: the explanation joins the table's entry as notes.
        let mut in_tables: HashMap<Code, (usize, usize)> = HashMap::new();
        for (group, draft) in self.groups.iter().enumerate() {
            for (row, data) in draft.rows.iter().enumerate() {
                for code in &data.codes {
                    in_tables.entry(code.clone()).or_insert((group, row));
                }
            }
        }
        for entry in entries {
            if let CodeCell::Codes(codes) = &entry.cell
                && let [code] = codes.as_slice()
                && let Some(&(group, row)) = in_tables.get(code)
            {
                let row = &mut self.groups[group].rows[row];
                row.cells.notes.extend(entry.texts.into_iter().map(|(_, text)| text));
                row.lines.extend(entry.lines);
                continue;
            }
            let section =
                entry.section_line.and_then(|line| titles.get(&line).cloned()).unwrap_or_else(|| default.to_owned());
            let mut cells = RowCells { name: entry.name, ..RowCells::default() };
            if let Some(title) = entry.title {
                cells.attributes.insert("title".to_owned(), title);
            }
            for (field, text) in entry.texts {
                // Marked as placed: the prose's labels are already read.
                cells.parts.entry(role_of(field)).or_default().push(format!("\u{0}{text}"));
            }
            let first = entry.lines[0];
            let mut row = Row { lines: entry.lines, cells, ..Row::marker(first, &section) };
            match entry.cell {
                CodeCell::Codes(codes) => {
                    row.codes = codes;
                    row.literal = entry.literal;
                }
                CodeCell::Range(from, to) => {
                    self.report(
                        DiagnosticKind::RangeRecorded,
                        first,
                        format!(
                            "codes {from} to {to} are documented as one range; recorded as a range, not as entries"
                        ),
                    );
                    row.range = Some((from, to));
                }
            }
            let group = self.group_index(&section);
            self.groups[group].rows.push(row);
        }
    }

    fn report(&mut self, kind: DiagnosticKind, line: u32, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, &self.info.path, line, message));
    }

    /// A diagnostic about a whole table, at its header row.
    fn report_table(&mut self, kind: DiagnosticKind, table: &RawTable, message: String) {
        self.report_row(kind, &table.header, message);
    }

    /// A diagnostic about a table row, at its line and (long lines) column.
    fn report_row(&mut self, kind: DiagnosticKind, row: &RawRow, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, &self.info.path, row.line, message).at_column(row.column));
    }

    fn group_index(&mut self, section: &str) -> usize {
        let title = match self.settings.sections {
            SectionMode::PerSection => section,
            SectionMode::Merge => self.settings.group_title.as_deref().unwrap_or("Errors"),
        };
        if let Some(index) = self.group_by_title.get(title) {
            return *index;
        }
        let title = title.to_owned();
        self.group_by_title.insert(title.clone(), self.groups.len());
        self.groups.push(GroupDraft { title, rows: Vec::new() });
        self.groups.len() - 1
    }

    /// Reads one table; returns what the next table may continue.
    fn table(
        &mut self,
        table: &RawTable,
        section: &str,
        previous: Option<Continuation>,
        fresh_plan: ColumnPlan,
    ) -> Option<Continuation> {
        let (mut headers, width, mut rows) = table_shape(table);
        let column_cells = |rows: &[&RawRow]| column_cells(rows, width);
        // A header row that is data: a table continued after a page break
        // (its header has no header words and is empty or a code where the
        // previous table's code goes), or a table without a header.
        let has_header_words = headers.iter().any(|header| !words::roles_in(header).is_empty());
        let is_code_or_empty = |cell: Option<&crate::raw::RawCell>| {
            cell.is_none_or(|cell| cell.is_empty() || CodeCell::parse(&unwrap_markup(&cell.text())).is_ok())
        };
        let continued = previous.filter(|previous| {
            previous.section == section
                && previous.width == width
                && !has_header_words
                && previous.plan.code().is_some_and(|code| is_code_or_empty(table.header.cells.get(code)))
        });
        let is_continued = continued.is_some();
        let plan = if let Some(previous) = continued {
            headers = previous.headers;
            if !table.header.is_blank() {
                rows.insert(0, &table.header);
            }
            previous.plan
        } else {
            let plan = fresh_plan;
            let header_is_code = plan.code().is_some_and(|code| {
                table.header.cells.get(code).is_some_and(|cell| CodeCell::parse(&unwrap_markup(&cell.text())).is_ok())
            });
            if table.header.is_blank() || (header_is_code && !has_header_words) {
                if !table.header.is_blank() {
                    rows.insert(0, &table.header);
                }
                headers = vec![String::new(); width];
                columns::plan(&headers, &column_cells(&rows), &self.settings.column_roles(), &self.info.locale)
            } else {
                plan
            }
        };
        // Names of constants the page's code defines win over reading them
        // as string codes (or over finding no code at all).
        let (plan, by_constants) =
            if !self.constants.is_empty() && plan.code().is_none_or(|code| string_column(&rows, code)) {
                self.plan_with_constants(plan, &rows)
            } else {
                (plan, false)
            };
        // String codes known by their look alone count only on a page or
        // under a section (or header) that speaks of errors.
        let mut plan = plan;
        if plan.code_by_look
            && !by_constants
            && let Some(code) = plan.code()
            && ![section, self.page_title.as_str(), headers.get(code).map_or("", String::as_str)]
                .iter()
                .any(|text| words::says_error(text))
        {
            plan.roles[code] = ColumnRole::Attribute;
            plan.findings.clear();
        }
        // No code column, on a page or under a section of error codes
        // (`System Error Codes`): a column of unique identifiers beside
        // the texts holds the codes.
        if plan.code().is_none()
            && !by_constants
            && [section, self.page_title.as_str()].iter().any(|text| words::says_error_codes(text))
            && let Some(names) = columns::names_as_codes(&headers, &column_cells(&rows))
        {
            plan.roles[names] = ColumnRole::Code;
            if let Some(message) = plan.roles.iter().position(|role| *role == ColumnRole::Name) {
                plan.roles[message] = ColumnRole::Attribute;
            }
            plan.findings.push(format!(
                "no column holds numeric codes; under `{section}`, the unique identifiers of `{}` are the codes",
                headers.get(names).map_or("", String::as_str)
            ));
        }
        let Some(code_index) = plan.code() else {
            // A table with no evidence of codes at all (no code header, no
            // cell that is a code) documents something else: parameters,
            // versions. It is named in an info; otherwise it is a warning.
            let cells = column_cells(&rows);
            let evidence = headers.iter().any(|h| words::roles_in(h).contains(&ColumnRole::Code))
                || cells.iter().any(|column| column.iter().any(|cell| CodeCell::parse(&unwrap_markup(cell)).is_ok()));
            if !rows.is_empty() && !evidence {
                let shown = headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
                self.report_table(
                    DiagnosticKind::NotACodeTable,
                    table,
                    format!("table with header [{shown}] holds no codes (no code header, no code cell); not read"),
                );
            } else if !rows.is_empty() {
                let shown = headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
                let why = match headers.iter().find(|header| words::says_code(header)) {
                    Some(header) => format!("the column `{header}` is named as the code, but none of its cells is one"),
                    None => "no column's cells are codes and no header names one".to_owned(),
                };
                self.report_table(
                    DiagnosticKind::NoCodeColumn,
                    table,
                    format!(
                        "table with header [{shown}] has no code column ({why}); its {} row(s) are not read ({ROLE_HINT})",
                        rows.len()
                    ),
                );
            }
            // A layout table without rows is skipped silently.
            return None;
        };
        for finding in plan.findings.iter().filter(|_| !is_continued) {
            self.report_table(DiagnosticKind::ColumnByContent, table, format!("{finding} ({ROLE_HINT})"));
        }
        if rows.is_empty() {
            self.report_table(DiagnosticKind::EmptyTable, table, "table has a header but no rows".to_owned());
        }
        let names = attribute_names(&headers);
        let mut layout = TableLayout::new(&plan, &rows);
        layout.constants = by_constants;
        layout.string_codes &= !by_constants;
        let mut built: Vec<Row> = Vec::new();
        // A row whose only text is one cell that is not a code (`**System
        // errors**`, often bold or spanning the table) titles the rows
        // after it: `Section / title`.
        let mut subsection: Option<String> = None;
        for row in &rows {
            // `| ... | ... |`: the page says "and so on"; no data.
            let is_ellipsis = |cell: &crate::raw::RawCell| {
                matches!(unwrap_markup(&cell.text()).as_str(), "..." | "…" | "……" | "⋯" | "etc." | "等")
            };
            // `all` first: it stops at the first cell of an ordinary row.
            if row.cells.iter().all(|cell| cell.is_empty() || is_ellipsis(cell)) && row.cells.iter().any(is_ellipsis) {
                self.report_row(
                    DiagnosticKind::EllipsisRow,
                    row,
                    "a row of `...` (and so on) holds no data".to_owned(),
                );
                continue;
            }
            let filled: Vec<(usize, &crate::raw::RawCell)> =
                row.cells.iter().enumerate().filter(|(_, cell)| !cell.is_empty()).collect();
            if let [(index, only)] = filled.as_slice()
                && (*index == 0 || *index == code_index)
            {
                let text = unwrap_markup(&only.text());
                let is_code = CodeCell::parse(&text).is_ok()
                    || words::is_catch_all(&text)
                    || (layout.string_codes && columns::split_string_codes(&text).is_some());
                if !is_code && !text.contains('\n') && text.chars().count() <= 80 {
                    self.report_row(
                        DiagnosticKind::TableSubsection,
                        row,
                        format!("a row holding only `{text}` titles the rows after it (section `{section} / {text}`)"),
                    );
                    subsection = Some(format!("{section} / {text}"));
                    continue;
                }
            }
            let row_section = subsection.as_deref().unwrap_or(section);
            self.row(row, &plan, &names, &layout, code_index, row_section, &mut built);
        }
        self.split_by_column(&mut built, &names, section);
        self.separate_code_spaces(&mut built, &headers, &plan, section, table.line);
        // Rows of a table mostly share their section: its group is looked
        // up once per run of rows.
        let mut last: Option<(String, usize)> = None;
        for row in built {
            let group = match &last {
                Some((section, group)) if *section == row.section => *group,
                _ => {
                    let group = self.group_index(&row.section);
                    last = Some((row.section.clone(), group));
                    group
                }
            };
            self.groups[group].rows.push(row);
        }
        Some(Continuation { section: section.to_owned(), headers, plan, width })
    }

    /// A second table of a section with other headers whose codes collide
    /// with the section's (`Class` 0–15, then `Hardware Device` 0–15) is
    /// another code space: its rows go to `Section / <its message header>`.
    fn separate_code_spaces(
        &mut self,
        rows: &mut [Row],
        headers: &[String],
        plan: &ColumnPlan,
        section: &str,
        line: u32,
    ) {
        let Some(existing) = self.group_by_title.get(section).map(|index| &self.groups[*index]) else {
            self.section_headers.insert(section.to_owned(), headers.to_vec());
            return;
        };
        if self.section_headers.get(section).is_some_and(|first| first == headers) {
            return;
        }
        let codes: std::collections::HashSet<Code> =
            existing.rows.iter().flat_map(|row| row.codes.iter().cloned()).collect();
        if !rows.iter().any(|row| row.section == section && row.codes.iter().any(|code| codes.contains(code))) {
            return;
        }
        let label = plan
            .roles
            .iter()
            .position(|role| *role == ColumnRole::Message)
            .or_else(|| plan.roles.iter().position(|role| *role != ColumnRole::Code))
            .and_then(|index| headers.get(index))
            .map(|header| header.trim().to_owned())
            .filter(|header| !header.is_empty())
            .unwrap_or_else(|| format!("table at line {line}"));
        let title = format!("{section} / {label}");
        self.report(
            DiagnosticKind::ColumnByContent,
            line,
            format!(
                "this table repeats codes of an earlier table of `{section}` under other headers: grouped as `{title}`"
            ),
        );
        for row in rows.iter_mut().filter(|row| row.section == section) {
            row.section = title.clone();
        }
    }

    /// Splits a table's rows into `Section / value` groups by an attribute
    /// column: the manifest's `group_by`, or a column that makes otherwise
    /// duplicate codes distinct.
    fn split_by_column(&mut self, rows: &mut [Row], names: &[String], section: &str) {
        let forced = self.settings.group_by.as_deref().map(words::normalize);
        let column = names.iter().find(|name| forced.as_deref().is_some_and(|f| words::normalize(name) == f)).cloned();
        let column = match column {
            Some(column) => column,
            None if forced.is_none() => {
                let mut seen = std::collections::HashSet::new();
                let duplicates = rows.iter().flat_map(|row| row.codes.iter()).any(|code| !seen.insert(code));
                if !duplicates {
                    return;
                }
                let Some(column) = names.iter().find(|name| {
                    let mut seen = std::collections::HashSet::new();
                    rows.iter().all(|row| row.cells.attributes.contains_key(*name) || row.codes.is_empty())
                        && rows
                            .iter()
                            .flat_map(|row| {
                                let value = row.cells.attributes.get(*name).cloned().unwrap_or_default();
                                row.codes.iter().map(move |code| (value.clone(), code))
                            })
                            .all(|pair| seen.insert(pair))
                }) else {
                    return;
                };
                self.report(
                    DiagnosticKind::ColumnByContent,
                    rows.first().map_or(0, |row| row.lines[0]),
                    format!("codes repeat in this table but not within one `{column}`: grouped by `{column}`"),
                );
                column.clone()
            }
            None => return,
        };
        for row in rows.iter_mut() {
            if let Some(value) = row.cells.attributes.get(&column) {
                row.section = format!("{section} / {value}");
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        row: &RawRow,
        plan: &ColumnPlan,
        names: &[String],
        layout: &TableLayout,
        code_index: usize,
        section: &str,
        built: &mut Vec<Row>,
    ) {
        let mut cells = RowCells::default();
        for (index, cell) in row.cells.iter().enumerate() {
            cells.notes.extend(cell.notes.iter().cloned());
            let role = plan.roles.get(index).copied().unwrap_or(ColumnRole::Attribute);
            match role {
                ColumnRole::Code | ColumnRole::Ignore => {}
                ColumnRole::Attribute => {
                    if let Some(text) = none_if_dash(&cell.text()) {
                        cells.attributes.insert(names[index].clone(), unwrap_code_span(&text));
                    }
                }
                ColumnRole::Name => {
                    if let Some(text) = none_if_dash(&cell.parts.join(" ")) {
                        cells.name = Some(text);
                    }
                }
                _ => {
                    let mut parts = cell.parts.clone();
                    if let (Some(prefix), Some(first)) =
                        (layout.prefixes.get(index).and_then(Option::as_ref), parts.first_mut())
                        && let Some(rest) = first.strip_prefix(prefix.as_str())
                    {
                        *first = rest.trim_start_matches([':', '：']).trim_start().to_owned();
                    }
                    let field = Field::of_role(role).unwrap_or(Field::Message);
                    match layout.patterns.get(index).and_then(Option::as_ref) {
                        Some(pattern)
                            if parts.len() == pattern.len()
                                && parts.len() > 1
                                && labels::part_fields(&parts, field).is_none() =>
                        {
                            self.report_row(DiagnosticKind::PartRoleByPosition, row,
                                format!(
                                    "the cell's {} unlabelled parts were split like the labelled cells of its column ({})",
                                    parts.len(),
                                    pattern.iter().map(|f| f.describe()).collect::<Vec<_>>().join(", ")
                                ),
                            );
                            for (part, field) in parts.into_iter().zip(pattern) {
                                cells.parts.entry(role_of(*field)).or_default().push(format!("\u{0}{part}"));
                            }
                        }
                        _ => cells.parts.entry(role).or_default().extend(parts),
                    }
                }
            }
        }
        let hex = plan.hex.get(code_index).copied().unwrap_or(false);
        let mut code_text = row
            .cells
            .get(code_index)
            .map(|cell| columns::with_hex_prefix(&code_cell_text(cell), hex))
            .unwrap_or_default();
        // `APP_ERR_OK = 0`: the name and the code in one cell.
        if let Some((name, value)) = columns::split_assignment(&code_text) {
            if cells.name.is_none() {
                cells.name = Some(name.to_owned());
            }
            code_text = value.to_owned();
        }
        // `Compiler error C3500`: the code after the words naming its kind.
        if let Some(code) = columns::strip_code_label(&code_text) {
            code_text = code;
        }
        let mut lines: Vec<u32> = (row.line..=row.last_line.max(row.line)).collect();
        // A name whose value a code block on the page defines.
        if layout.constants && !code_text.trim().is_empty() && !words::is_catch_all(&code_text) {
            let cell = row.cells.get(code_index);
            let name = cell.map(constant_name).unwrap_or_default();
            // `NAME (value)<br>description` in one cell: the rest of the
            // cell describes the code.
            if let Some(cell) = cell.filter(|cell| cell.parts.len() > 1) {
                let rest: Vec<String> = cell.parts[1..].iter().map(|part| unwrap_markup(part)).collect();
                cells.parts.entry(ColumnRole::Message).or_default().splice(0..0, rest);
            }
            match self.constant(&name, row) {
                Some((_, value, line)) => {
                    cells.name.get_or_insert(name);
                    code_text = value.to_string();
                    lines.push(line);
                    lines.sort_unstable();
                }
                None => {
                    self.report_row(
                        DiagnosticKind::InvalidCode,
                        row,
                        format!("`{name}` names no constant defined in a code block on the page; the row is not in the catalog"),
                    );
                    built.push(Row::marker(row.line, section));
                    return;
                }
            }
        }
        if code_text.trim().is_empty() {
            // The row above is in this table, or (the table's first row) in
            // an earlier table of the section that this one continues.
            let previous = if built.is_empty() {
                let group = self.group_index(section);
                self.groups[group].rows.last_mut().filter(|previous| previous.is_data() && previous.section == section)
            } else {
                built.last_mut().filter(|previous| previous.is_data())
            };
            let joined = match previous {
                Some(previous) if cells.name.is_none() => {
                    let above = previous.lines[0];
                    continue_row(previous, cells, row);
                    Some(above)
                }
                _ => None,
            };
            match joined {
                Some(above) => self.report_row(
                    DiagnosticKind::ContinuationJoined,
                    row,
                    format!("row without a code continues the row at line {above}; its text was appended"),
                ),
                None => self.report_row(
                    DiagnosticKind::OrphanContinuation,
                    row,
                    "row has no code and no row above it to continue; it is not in the catalog".to_owned(),
                ),
            }
            return;
        }
        let struck = row.cells.iter().enumerate().any(|(index, cell)| {
            cell.struck && matches!(plan.roles.get(index), Some(ColumnRole::Code | ColumnRole::Name))
        });
        let mut new_row = Row { lines, cells, struck, ..Row::marker(row.line, section) };
        if words::is_catch_all(&code_text) {
            new_row.catch_all = Some(code_text);
            built.push(new_row);
            return;
        }
        if layout.string_codes
            && let Some(codes) = columns::split_string_codes(&code_text)
        {
            // Numbers among string codes are kept as written (`0101`).
            new_row.codes = codes.into_iter().map(Code::text).collect();
            built.push(new_row);
            return;
        }
        let alternate = plan.alternate_code.and_then(|index| {
            let hex = plan.hex.get(index).copied().unwrap_or(false);
            row.cells.get(index).map(|cell| columns::with_hex_prefix(&code_cell_text(cell), hex))
        });
        match parse_code_cell(&code_text, alternate.as_deref()) {
            Ok(ParsedCode { cell: CodeCell::Codes(codes), literal, disagreement }) => {
                if let Some(message) = disagreement {
                    self.report_row(DiagnosticKind::CodeFormsDisagree, row, message);
                }
                new_row.codes = codes;
                // A hex column's cell is kept as written (`A`, not `0xA`).
                new_row.literal = match literal {
                    Some(_) if hex => row.cells.get(code_index).map(code_cell_text),
                    other => other,
                };
                built.push(new_row);
            }
            Ok(ParsedCode { cell: CodeCell::Range(from, to), .. }) => {
                self.report_row(
                    DiagnosticKind::RangeRecorded,
                    row,
                    format!("codes {from} to {to} are documented as one range; recorded as a range, not as entries"),
                );
                new_row.range = Some((from, to));
                built.push(new_row);
            }
            Err(error) => {
                self.report_row(
                    DiagnosticKind::InvalidCode,
                    row,
                    format!(
                        "{error} (tried without markup: decimal, 0x hex, a list `1、2`, a range `A-B`, `A (B)`, \
                         a catch-all word); the row is not in the catalog"
                    ),
                );
                // A continuation after a broken row must not attach to the
                // row before it: close the chain with an empty marker row.
                built.push(Row::marker(row.line, section));
            }
        }
    }

    fn texts(&mut self, row: &Row) -> Texts {
        let mut texts = Texts::default();
        for role in [ColumnRole::Message, ColumnRole::Cause, ColumnRole::Solution, ColumnRole::Note] {
            let Some(parts) = row.cells.parts.get(&role) else { continue };
            let field = Field::of_role(role).unwrap_or(Field::Message);
            // Parts placed by a column pattern carry a NUL mark: no labels.
            let (placed, parts): (Vec<&String>, Vec<&String>) = parts.iter().partition(|p| p.starts_with('\u{0}'));
            for part in placed {
                if let Some(text) = none_if_dash(&part[1..]) {
                    texts.push(field, text);
                }
            }
            match labels::part_fields(&parts, field) {
                Some(fields) => {
                    if let Some((inferred, _, _)) = fields.iter().find(|(_, _, inferred)| *inferred) {
                        self.report(
                            DiagnosticKind::PartRoleByPosition,
                            row.lines[0],
                            format!(
                                "an unlabelled part of the cell was read as the {} by its position",
                                inferred.describe()
                            ),
                        );
                    }
                    for (field, text, _) in fields {
                        if let Some(text) = none_if_dash(&text) {
                            texts.push(field, text);
                        }
                    }
                }
                None => {
                    if let Some(text) =
                        none_if_dash(&parts.iter().map(|part| part.as_str()).collect::<Vec<_>>().join("\n"))
                    {
                        texts.push(field, text);
                    }
                }
            }
        }
        if texts.solution.is_none()
            && let Some(message) = texts.message.clone()
            && let Some((message, solution)) = split_at_marker(&message, &self.settings.split_solution_at)
        {
            texts.message = message;
            texts.solution = Some(solution);
        }
        // Never an empty message while the row has text: a row whose only
        // texts are a cause or a solution (a compound column fully
        // labelled) reads its message from them (reported per group).
        if texts.message.is_none() {
            texts.message = texts.cause.clone().or_else(|| texts.solution.clone());
            self.message_from_other_fields += usize::from(texts.message.is_some());
        }
        texts.notes.splice(0..0, row.cells.notes.iter().cloned());
        // Text left only in the notes belongs where a reader looks first:
        // the first note is the message (reported per group).
        if texts.message.is_none() && !texts.notes.is_empty() {
            texts.message = Some(texts.notes.remove(0));
            self.message_from_notes += 1;
        }
        let upstream = self.info.upstream.as_deref();
        for text in [&mut texts.message, &mut texts.cause, &mut texts.solution].into_iter().flatten() {
            if text.contains("](") {
                *text = resolve_links(text, upstream);
            }
            if let Some(inner) = code_span_inner(text) {
                *text = inner.to_owned();
            }
        }
        for note in &mut texts.notes {
            *note = resolve_links(note, upstream);
        }
        texts
    }

    fn build_group(&mut self, mut draft: GroupDraft) -> Group {
        // A group with a string code keys every code by its text.
        let code_type = if draft.rows.iter().any(|row| row.codes.iter().any(Code::is_text)) {
            let numbers = draft.rows.iter().flat_map(|row| &row.codes).filter(|code| !code.is_text()).count();
            let first = draft.rows.iter().flat_map(|row| &row.codes).find(|code| code.is_text());
            let mut message = format!(
                "the codes of `{}` are strings (`{}`…): recorded with `code_type: string`",
                draft.title,
                first.map(Code::to_string).unwrap_or_default()
            );
            if numbers > 0 {
                message.push_str(&format!("; its {numbers} numeric code(s) are kept as written, as strings"));
            }
            let line = draft.rows.iter().find(|row| row.is_data()).map_or(0, |row| row.lines[0]);
            self.report(DiagnosticKind::StringCodes, line, message);
            for row in &mut draft.rows {
                let literal = row.literal.take();
                for code in &mut row.codes {
                    *code = std::mem::take(code).into_text(literal.as_deref());
                }
            }
            CodeType::String
        } else {
            CodeType::Integer
        };
        let mut entries: Vec<Entry> = Vec::new();
        let mut ranges: Vec<CodeRange> = Vec::new();
        let mut default: Option<CatchAll> = None;
        let mut by_code: HashMap<Code, usize> = HashMap::new();
        for row in &draft.rows {
            if let Some((from, to)) = row.range.clone() {
                let texts = self.texts(row);
                ranges.push(CodeRange {
                    from,
                    to,
                    message: texts.message,
                    cause: texts.cause,
                    solution: texts.solution,
                    notes: texts.notes,
                    lines: row.lines.clone(),
                });
                continue;
            }
            if let Some(label) = &row.catch_all {
                let texts = self.texts(row);
                if default.is_some() {
                    self.report(
                        DiagnosticKind::ConflictingRepeat,
                        row.lines[0],
                        format!("a second catch-all row (`{label}`) in section `{}`; the first is kept", row.section),
                    );
                    continue;
                }
                default = Some(CatchAll {
                    label: label.clone(),
                    message: texts.message,
                    cause: texts.cause,
                    solution: texts.solution,
                    notes: texts.notes,
                    attributes: row.cells.attributes.clone(),
                    lines: row.lines.clone(),
                });
                continue;
            }
            if row.codes.is_empty() {
                continue;
            }
            let texts = self.texts(row);
            let (doc_name, deprecated) = match &row.cells.name {
                Some(name) => {
                    let (name, deprecated) = words::strip_deprecated(name);
                    let name = name.trim().trim_matches('`').trim().to_owned();
                    (none_if_dash(&name), deprecated)
                }
                None => (None, false),
            };
            let deprecated = deprecated || row.struck;
            for code in &row.codes {
                let same_row: Vec<Code> = row.codes.iter().filter(|other| *other != code).cloned().collect();
                if let Some(&index) = by_code.get(code) {
                    self.repeat(&mut entries[index], code, row, &texts);
                    continue;
                }
                by_code.insert(code.clone(), entries.len());
                entries.push(Entry {
                    translations: BTreeMap::new(),
                    code: code.clone(),
                    literal: row.literal.clone(),
                    name: String::new(),
                    doc_name: doc_name.clone(),
                    message: texts.message.clone(),
                    cause: texts.cause.clone(),
                    solution: texts.solution.clone(),
                    notes: texts.notes.clone(),
                    deprecated,
                    attributes: row.cells.attributes.clone(),
                    same_row,
                    sections: match self.settings.sections {
                        SectionMode::Merge => vec![row.section.clone()],
                        SectionMode::PerSection => Vec::new(),
                    },
                    variants: Vec::new(),
                    lines: row.lines.clone(),
                });
            }
        }
        let borrowed = std::mem::take(&mut self.message_from_other_fields);
        if borrowed > 0 {
            self.report(
                DiagnosticKind::ColumnByContent,
                draft.rows.first().map_or(0, |row| row.lines[0]),
                format!(
                    "{borrowed} row(s) of `{}` have no description, only a cause or solution; that text is their message",
                    draft.title
                ),
            );
        }
        let from_notes = std::mem::take(&mut self.message_from_notes);
        if from_notes > 0 {
            self.report(
                DiagnosticKind::ColumnByContent,
                draft.rows.first().map_or(0, |row| row.lines[0]),
                format!(
                    "{from_notes} entry(ies) of `{}` had their only text in notes; the first note is their message",
                    draft.title
                ),
            );
        }
        // Names are given by `names::apply`, after lowering.
        Group {
            name: String::new(),
            title: draft.title,
            code_type,
            titles: BTreeMap::new(),
            entries,
            ranges,
            default,
            retired: Vec::new(),
        }
    }

    /// A code documented again in the same group: an identical repeat is
    /// merged; a different wording is kept as a variant and reported.
    fn repeat(&mut self, entry: &mut Entry, code: &Code, row: &Row, texts: &Texts) {
        let first_line = entry.lines[0];
        let existing = Texts {
            message: entry.message.clone(),
            cause: entry.cause.clone(),
            solution: entry.solution.clone(),
            notes: entry.notes.clone(),
        };
        let merged = self.settings.sections == SectionMode::Merge && !entry.sections.contains(&row.section);
        if merged {
            entry.sections.push(row.section.clone());
        }
        if existing.same_as(texts) {
            entry.lines.extend(&row.lines);
            if !merged {
                self.report(
                    DiagnosticKind::RepeatMerged,
                    row.lines[0],
                    format!("code {code} is documented again with the same text (first at line {first_line}); merged"),
                );
            }
            return;
        }
        if let Some(variant) = entry.variants.iter_mut().find(|variant| {
            variant.message == texts.message && variant.cause == texts.cause && variant.solution == texts.solution
        }) {
            if !variant.section.split(", ").any(|s| s == row.section) {
                variant.section.push_str(&format!(", {}", row.section));
            }
            variant.lines.extend(&row.lines);
            return;
        }
        let (kind, what) = if merged {
            (DiagnosticKind::WordingDiffers, format!("is worded differently here (section `{}`)", row.section))
        } else {
            (
                DiagnosticKind::ConflictingRepeat,
                format!("is documented again in section `{}` with other text", row.section),
            )
        };
        self.report(
            kind,
            row.lines[0],
            format!("code {code} {what} than at line {first_line}; both wordings are kept (the other as a variant)"),
        );
        let doc_name = row
            .cells
            .name
            .as_deref()
            .map(|name| words::strip_deprecated(name).0.trim_matches('`').to_owned())
            .filter(|name| Some(name) != entry.doc_name.as_ref() && none_if_dash(name).is_some());
        let attributes =
            if row.cells.attributes == entry.attributes { BTreeMap::new() } else { row.cells.attributes.clone() };
        entry.variants.push(Variant {
            section: row.section.clone(),
            doc_name,
            attributes,
            message: texts.message.clone(),
            cause: texts.cause.clone(),
            solution: texts.solution.clone(),
            notes: texts.notes.clone(),
            lines: row.lines.clone(),
        });
    }
}

fn role_of(field: Field) -> ColumnRole {
    match field {
        Field::Message => ColumnRole::Message,
        Field::Cause => ColumnRole::Cause,
        Field::Solution => ColumnRole::Solution,
        Field::Note => ColumnRole::Note,
    }
}

/// Attribute names of a table's columns: the header text, `column N` for
/// an empty header, numbered when two headers are the same.
fn attribute_names(headers: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(headers.len());
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::with_capacity(headers.len());
    // The next suffix to try per base name: repeated headers stay linear.
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, header) in headers.iter().enumerate() {
        let base = header.split_whitespace().collect::<Vec<_>>().join(" ");
        let base = if base.is_empty() { format!("column {}", index + 1) } else { base };
        let mut name = base.clone();
        let n = next.entry(base.clone()).or_insert(2);
        while taken.contains(&name) {
            name = format!("{base} ({n})");
            *n += 1;
        }
        taken.insert(name.clone());
        names.push(name);
    }
    names
}

/// Per-column facts of a table's text columns: a constant `Word:` prefix to
/// remove, and the label pattern of its labelled cells.
struct TableLayout {
    prefixes: Vec<Option<String>>,
    patterns: Vec<Option<Vec<Field>>>,
    /// The code column holds string codes (`columns::holds_string_codes`).
    string_codes: bool,
    /// The code column holds names of constants defined in code blocks.
    constants: bool,
}

impl TableLayout {
    fn new(plan: &ColumnPlan, rows: &[&RawRow]) -> TableLayout {
        let mut prefixes = Vec::with_capacity(plan.roles.len());
        let mut patterns = Vec::with_capacity(plan.roles.len());
        for (index, role) in plan.roles.iter().enumerate() {
            if !role.is_text() {
                prefixes.push(None);
                patterns.push(None);
                continue;
            }
            let cells: Vec<&[String]> = rows
                .iter()
                .filter_map(|row| row.cells.get(index))
                .filter(|cell| !cell.parts.is_empty())
                .map(|cell| cell.parts.as_slice())
                .collect();
            prefixes.push(labels::constant_prefix(&cells));
            // The most common label pattern, when most labelled cells share it.
            let mut counts: BTreeMap<Vec<Field>, usize> = BTreeMap::new();
            for parts in &cells {
                if let Some(pattern) = labels::pattern(parts).filter(|p| p.len() > 1) {
                    *counts.entry(pattern).or_default() += 1;
                }
            }
            let pattern = counts.into_iter().max_by_key(|(_, count)| *count).filter(|(_, count)| *count >= 2);
            patterns.push(pattern.map(|(pattern, _)| pattern));
        }
        let string_codes = plan.code().is_some_and(|code| string_column(rows, code));
        TableLayout { prefixes, patterns, string_codes, constants: false }
    }
}

/// True when a table's code column holds string codes
/// ([`columns::holds_string_codes`]); one-part cells are read in place.
fn string_column(rows: &[&RawRow], code: usize) -> bool {
    let joined: Vec<String> = rows
        .iter()
        .filter_map(|row| row.cells.get(code))
        .filter(|cell| cell.parts.len() > 1)
        .map(crate::raw::RawCell::text)
        .collect();
    let single = rows
        .iter()
        .filter_map(|row| row.cells.get(code))
        .filter(|cell| cell.parts.len() <= 1)
        .map(|cell| cell.parts.first().map_or("", String::as_str));
    columns::holds_string_codes(single.chain(joined.iter().map(String::as_str)))
}

/// The constant a cell names: its first line's link label or first word
/// (`[**SDS\_EOS**](…) (-7)` → `SDS_EOS`).
fn constant_name(cell: &crate::raw::RawCell) -> String {
    let first = cell.parts.first().map(String::as_str).unwrap_or("");
    let first = match first.strip_prefix('[').and_then(|rest| rest.split_once("](")) {
        Some((label, _)) => label,
        None => first,
    };
    let text = unwrap_markup(first);
    text.split(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("").to_owned()
}

/// A code cell's text without markup. A cell that lists its codes as list
/// items (`-   0x0103` on each of its lines) gives them as a list
/// (`0x0103、0x0104`), never as negative numbers; a single `- 3` stays a sign.
fn code_cell_text(cell: &crate::raw::RawCell) -> String {
    let several = cell.parts.len() > 1;
    let bullet = |part: &str| -> Option<String> {
        let rest = part.strip_prefix(['-', '*', '•', '+'])?;
        (rest.starts_with(char::is_whitespace) && (several || rest.starts_with("  "))).then(|| unwrap_markup(rest))
    };
    let items: Vec<String> = cell.parts.iter().map_while(|part| bullet(part)).collect();
    if !items.is_empty() && items.len() == cell.parts.len() {
        return items.join("、");
    }
    unwrap_markup(&cell.text())
}

/// A parsed code cell.
struct ParsedCode {
    cell: CodeCell,
    literal: Option<String>,
    disagreement: Option<String>,
}

/// Parses a code cell with markup removed: codes, a range, or `A (B)` (two
/// forms of one code). Hex keeps its literal; a second form (in the cell
/// or in another column) decides the sign of a 32-bit hex value and must
/// agree with it.
fn parse_code_cell(text: &str, alternate: Option<&str>) -> Result<ParsedCode, crate::code::CodeError> {
    let (text, inline_alternate) =
        match text.trim_end().strip_suffix([')', '）']).and_then(|t| t.rsplit_once(['(', '（'])) {
            Some((main, alt)) if CodeCell::parse(main).is_ok() && Code::parse(alt).is_ok() => {
                (main.trim(), Some(alt.trim()))
            }
            _ => (text.trim(), None),
        };
    let cell = CodeCell::parse(text)?;
    let mut parsed = ParsedCode { cell, literal: None, disagreement: None };
    let CodeCell::Codes(codes) = &mut parsed.cell else { return Ok(parsed) };
    let is_hex = |t: &str| t.trim().trim_start_matches(['-', '+']).to_ascii_lowercase().starts_with("0x");
    if codes.len() != 1 {
        return Ok(parsed);
    }
    let alternate = inline_alternate.or(alternate).filter(|a| !a.trim().is_empty());
    let alternate_value = alternate.and_then(|a| Code::parse(a).ok());
    // A decimal written with leading zeros (`0030010001`) keeps its form.
    let zero_padded = |t: &str| t.len() > 1 && t.starts_with('0') && t.bytes().all(|b| b.is_ascii_digit());
    if is_hex(text) || zero_padded(text) {
        parsed.literal = Some(text.to_owned());
    } else if let Some(alternate) = alternate.filter(|a| is_hex(a)) {
        parsed.literal = Some(alternate.trim().to_owned());
    }
    if let (Some(alternate), Some(other)) = (alternate, alternate_value) {
        let (Some(value), Some(other)) = (codes[0].as_int(), other.as_int()) else { return Ok(parsed) };
        if value == other || signed32(value) == other || value == signed32(other) {
            // The decimal form is the code as the page means it (signed
            // when the page prints it signed).
            if is_hex(text) && !is_hex(alternate) {
                codes[0] = Code::new(other);
            }
        } else {
            parsed.disagreement = Some(format!(
                "the code is written `{text}` and `{alternate}`, which are not the same number; `{text}` is used"
            ));
        }
    }
    Ok(parsed)
}

/// A text that is one whole code span (`` `success` ``) is the text itself:
/// the backticks only mark it as a literal.
fn unwrap_code_span(text: &str) -> String {
    code_span_inner(text).unwrap_or(text).to_owned()
}

/// The inside of a text that is one code span (`` `kFoo` ``).
fn code_span_inner(text: &str) -> Option<&str> {
    text.strip_prefix('`').and_then(|t| t.strip_suffix('`')).filter(|inner| !inner.contains('`') && !inner.is_empty())
}

/// Makes a link's target usable outside the page: an anchor or site-relative
/// target is resolved against the source's upstream URL, or, without one,
/// the link becomes its text. Absolute URLs are kept.
fn resolve_links(text: &str, upstream: Option<&str>) -> String {
    if !text.contains("](") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let label = &after[..close];
        let target_start = close + 2;
        let Some(target_len) = after[target_start..].find(')') else { break };
        let target = &after[target_start..target_start + target_len];
        if label.contains('[') || target.contains(char::is_whitespace) {
            out.push_str(&rest[..open + 1]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..open]);
        let absolute = target.contains("://") || target.starts_with("mailto:");
        match (absolute, upstream) {
            (true, _) => out.push_str(&format!("[{label}]({target})")),
            (false, Some(base)) => out.push_str(&format!("[{label}]({})", join_url(base, target))),
            (false, None) => out.push_str(label),
        }
        rest = &after[target_start + target_len + 1..];
    }
    out.push_str(rest);
    out
}

/// `target` relative to `base` (RFC 3986 in the forms documentation uses:
/// `#anchor`, `/path`, `sibling#anchor`, `?query`).
fn join_url(base: &str, target: &str) -> String {
    let base = base.split('#').next().unwrap_or(base);
    let origin_end = base.find("://").map_or(0, |i| i + 3);
    let origin = &base[..origin_end + base[origin_end..].find('/').unwrap_or(base.len() - origin_end)];
    if target.starts_with('#') || target.starts_with('?') {
        let base = if target.starts_with('?') { base.split('?').next().unwrap_or(base) } else { base };
        return format!("{base}{target}");
    }
    if let Some(path) = target.strip_prefix("//") {
        let scheme = &base[..origin_end.saturating_sub(3)];
        return format!("{scheme}://{path}");
    }
    if target.starts_with('/') {
        return format!("{origin}{target}");
    }
    let path = base.split('?').next().unwrap_or(base);
    let directory = if path.len() > origin.len() { &path[..=path.rfind('/').unwrap_or(path.len() - 1)] } else { "" };
    let directory = if directory.is_empty() { format!("{origin}/") } else { directory.to_owned() };
    format!("{directory}{}", target.trim_start_matches("./"))
}

/// Appends a continuation row's text to the row above, cell by cell.
fn continue_row(previous: &mut Row, cells: RowCells, row: &RawRow) {
    previous.lines.extend(row.line..=row.last_line.max(row.line));
    previous.cells.notes.extend(cells.notes);
    for (key, value) in cells.attributes {
        let target = previous.cells.attributes.entry(key).or_default();
        *target = join_text(target, &value);
    }
    for (role, parts) in cells.parts {
        let target = previous.cells.parts.entry(role).or_default();
        let mut parts = parts.into_iter();
        if let (Some(last), Some(first)) = (target.last_mut(), parts.next()) {
            *last = join_text(last, &first);
        } else if let Some(first) = parts.next() {
            target.push(first);
        }
        target.extend(parts);
    }
}

/// Joins text split by page conversion: no space between CJK characters
/// (`推流成` + `功` = `推流成功`), one space otherwise.
pub fn join_text(before: &str, after: &str) -> String {
    let before = before.trim_end();
    let after = after.trim_start();
    let tight = before.chars().next_back().is_some_and(is_cjk) || after.chars().next().is_some_and(is_cjk);
    let tight = tight
        && !(before.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric())
            && after.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()));
    if before.is_empty() || after.is_empty() || tight {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    }
}

/// CJK ideographs, kana, hangul and full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// `-`, `—`, `－`, `/` and empty text mean "none".
fn none_if_dash(text: &str) -> Option<String> {
    let text = text.trim();
    (!matches!(text, "" | "-" | "--" | "—" | "–" | "－" | "/" | "N/A" | "n/a")).then(|| text.to_owned())
}

/// Splits `描述 请建议` at the first marker that follows whitespace. A text
/// that starts with a marker is all solution.
fn split_at_marker(text: &str, markers: &[String]) -> Option<(Option<String>, String)> {
    for marker in markers.iter().filter(|marker| !marker.is_empty()) {
        if text.starts_with(marker.as_str()) {
            return Some((None, text.to_owned()));
        }
    }
    let mut best: Option<usize> = None;
    for marker in markers.iter().filter(|marker| !marker.is_empty()) {
        let mut search = 0;
        while let Some(found) = text[search..].find(marker.as_str()) {
            let at = search + found;
            if text[..at].ends_with(char::is_whitespace) {
                best = Some(best.map_or(at, |current: usize| current.min(at)));
                break;
            }
            search = at + marker.len();
        }
    }
    let at = best?;
    let message = text[..at].trim();
    Some(((!message.is_empty()).then(|| message.to_owned()), text[at..].trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_text_joins_without_a_space() {
        assert_eq!(join_text("请检查拉取的流是否已推流成", "功"), "请检查拉取的流是否已推流成功");
        assert_eq!(join_text("check the", "network"), "check the network");
        assert_eq!(join_text("填写正确", "鉴权失败"), "填写正确鉴权失败");
    }

    #[test]
    fn marker_split_needs_whitespace_before_the_marker() {
        let markers = vec!["请".to_owned()];
        assert_eq!(
            split_at_marker("无法连接配置服务器 请检查网络是否正常", &markers),
            Some((Some("无法连接配置服务器".to_owned()), "请检查网络是否正常".to_owned()))
        );
        assert_eq!(split_at_marker("测试环境已过期，请重新申请", &markers), None);
        assert_eq!(
            split_at_marker("请联系 ZEGO 技术支持解决", &markers),
            Some((None, "请联系 ZEGO 技术支持解决".to_owned()))
        );
    }

    #[test]
    fn dash_means_none() {
        assert_eq!(none_if_dash(" - "), None);
        assert_eq!(none_if_dash("请重试。").as_deref(), Some("请重试。"));
    }

    #[test]
    fn code_cells_in_every_form() {
        let parse = |text: &str, alt: Option<&str>| {
            let parsed = parse_code_cell(&unwrap_markup(text), alt).expect("parses");
            let CodeCell::Codes(codes) = parsed.cell else { panic!("codes") };
            (codes.iter().filter_map(|c| c.as_int()).collect::<Vec<_>>(), parsed.literal, parsed.disagreement.is_some())
        };
        assert_eq!(parse("`1001`", None), (vec![1001], None, false));
        assert_eq!(parse("**0x8A150001**", None), (vec![0x8A15_0001], Some("0x8A150001".to_owned()), false));
        assert_eq!(parse("0x80070005 (-2147024891)", None), (vec![-2147024891], Some("0x80070005".to_owned()), false));
        assert_eq!(parse("0x80070005", Some("-2147024891")), (vec![-2147024891], Some("0x80070005".to_owned()), false));
        assert_eq!(parse("5", Some("0x5")), (vec![5], Some("0x5".to_owned()), false));
        assert!(parse("5", Some("0x6")).2);
        assert_eq!(parse("[-3](#minus-three)", None), (vec![-3], None, false));
        assert_eq!(parse("0030010001", None), (vec![30010001], Some("0030010001".to_owned()), false));
        assert_eq!(parse("0", None), (vec![0], None, false));
    }

    #[test]
    fn relative_links_resolve_against_upstream_or_become_text() {
        let base = Some("https://d.test/doc/article/19702");
        assert_eq!(resolve_links("see [a](8985#3)", base), "see [a](https://d.test/doc/article/8985#3)");
        assert_eq!(resolve_links("see [a](#top)", base), "see [a](https://d.test/doc/article/19702#top)");
        assert_eq!(resolve_links("see [a](/x)", base), "see [a](https://d.test/x)");
        assert_eq!(resolve_links("see [a](@loginRoom)", None), "see a");
        assert_eq!(resolve_links("see [a](https://e.test/)", None), "see [a](https://e.test/)");
        assert_eq!(resolve_links("plain [x] text", None), "plain [x] text");
    }
}
