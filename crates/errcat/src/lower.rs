//! Lowering: a [`RawDoc`] becomes a [`Catalog`], with diagnostics.
//!
//! This is where tables get meaning: column roles, continuation tables and
//! continuation rows, multi-code rows, labelled parts in one cell
//! (`描述：` / `可能原因：` / `处理建议：`), `-` meaning "none", groups per
//! section or merged, duplicate codes, and names from the document or the
//! documented fallback. It never reads files and never drops a row without a
//! diagnostic.

use crate::catalog::{Catalog, CodeRange, Entry, Group, SCHEMA, SourceRef, Variant};
use crate::code::{Code, CodeCell};
use crate::columns::{ColumnRole, detect_roles};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::raw::{RawDoc, RawRow, RawTable};
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

/// Text fields of one row, by role.
#[derive(Debug, Clone, Default)]
struct RowCells {
    parts: BTreeMap<ColumnRole, Vec<String>>,
    notes: Vec<String>,
}

#[derive(Debug, Clone)]
struct Row {
    codes: Vec<Code>,
    /// A documented range instead of codes.
    range: Option<(Code, Code)>,
    lines: Vec<u32>,
    section: String,
    cells: RowCells,
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

/// Lowers a raw document into a catalog.
pub fn lower(doc: &RawDoc, info: &SourceInfo, settings: &SourceSettings) -> (Catalog, Vec<Diagnostic>) {
    let mut lowering = Lowering { info, settings, diagnostics: Vec::new(), groups: Vec::new() };
    let catalog_title =
        info.title.clone().or_else(|| doc.title.clone()).unwrap_or_else(|| file_stem(&info.file).to_owned());
    if doc.tables.is_empty() {
        lowering.report(DiagnosticKind::NoTables, 0, "the page has no tables, so it documents no codes".to_owned());
    }
    let default_section = settings.group_title.clone().unwrap_or_else(|| catalog_title.clone());
    let mut previous: Option<(String, Vec<Option<ColumnRole>>, usize)> = None;
    for table in &doc.tables {
        let section = table.section.as_ref().map_or_else(|| default_section.clone(), |s| s.title.clone());
        previous = lowering.table(table, &section, previous.take());
    }
    // A group whose tables yielded no entries (empty, or every row invalid,
    // each already reported) would generate an empty type: leave it out.
    let drafts: Vec<GroupDraft> = lowering.groups.drain(..).collect();
    let groups = drafts
        .into_iter()
        .filter(|draft| draft.rows.iter().any(|row| !row.codes.is_empty() || row.range.is_some()))
        .map(|draft| lowering.build_group(draft))
        .collect();
    let catalog = Catalog {
        schema: SCHEMA.to_owned(),
        id: info.id.clone(),
        title: catalog_title,
        locale: info.locale.clone(),
        source: SourceRef { file: info.file.clone(), sha256: info.sha256.clone(), upstream: info.upstream.clone() },
        notes: doc.notes.clone(),
        groups,
    };
    (catalog, lowering.diagnostics)
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.split('.').next().filter(|stem| !stem.is_empty()).unwrap_or(name)
}

struct Lowering<'a> {
    info: &'a SourceInfo,
    settings: &'a SourceSettings,
    diagnostics: Vec<Diagnostic>,
    groups: Vec<GroupDraft>,
}

impl Lowering<'_> {
    fn report(&mut self, kind: DiagnosticKind, line: u32, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, &self.info.path, line, message));
    }

    fn group_index(&mut self, section: &str) -> usize {
        let title = match self.settings.sections {
            SectionMode::PerSection => section.to_owned(),
            SectionMode::Merge => self.settings.group_title.clone().unwrap_or_else(|| "Errors".to_owned()),
        };
        if let Some(index) = self.groups.iter().position(|group| group.title == title) {
            return index;
        }
        self.groups.push(GroupDraft { title, rows: Vec::new() });
        self.groups.len() - 1
    }

    /// Reads one table; returns what the next table may continue.
    fn table(
        &mut self,
        table: &RawTable,
        section: &str,
        previous: Option<(String, Vec<Option<ColumnRole>>, usize)>,
    ) -> Option<(String, Vec<Option<ColumnRole>>, usize)> {
        let headers: Vec<String> = table.header.cells.iter().map(|cell| cell.text()).collect();
        let mut roles = detect_roles(&headers, &self.settings.columns);
        let width = table.header.cells.len();
        let mut rows: Vec<&RawRow> = table.rows.iter().collect();
        if !roles.contains(&Some(ColumnRole::Code)) {
            match previous {
                // A header-less table after a page break continues the
                // previous table of the same section; its "header" is data,
                // so its code cell is empty (a spilled row) or a code.
                Some((previous_section, previous_roles, previous_width))
                    if previous_section == section
                        && previous_width == width
                        && previous_roles
                            .iter()
                            .position(|role| *role == Some(ColumnRole::Code))
                            .and_then(|index| table.header.cells.get(index))
                            .is_some_and(|cell| cell.is_empty() || Code::parse_list(&cell.text()).is_ok()) =>
                {
                    roles = previous_roles;
                    rows.insert(0, &table.header);
                }
                _ => {
                    let data_rows = rows.iter().filter(|row| !row.is_blank() && !row.is_rule()).count();
                    let shown = headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ");
                    self.report(
                        DiagnosticKind::NoCodeColumn,
                        table.line,
                        format!(
                            "table with header [{shown}] has no code column; its {data_rows} row(s) are not read \
                             (map a header to `code` under `columns:` in the manifest if this is wrong)"
                        ),
                    );
                    return None;
                }
            }
        } else {
            for (index, role) in roles.iter().enumerate() {
                let has_text = rows.iter().any(|row| row.cells.get(index).is_some_and(|cell| !cell.is_empty()));
                if role.is_none() && has_text {
                    self.report(
                        DiagnosticKind::UnknownColumn,
                        table.line,
                        format!(
                            "column `{}` has no recognised role; its text is not in the catalog \
                             (map it under `columns:` in the manifest, or to `ignore`)",
                            headers[index]
                        ),
                    );
                }
            }
            if rows.iter().all(|row| row.is_blank() || row.is_rule()) {
                self.report(DiagnosticKind::EmptyTable, table.line, "table has a header but no rows".to_owned());
            }
        }
        let group = self.group_index(section);
        let code_index = roles.iter().position(|role| *role == Some(ColumnRole::Code));
        for row in rows {
            self.row(row, &roles, code_index, group, section);
        }
        Some((section.to_owned(), roles, width))
    }

    fn row(
        &mut self,
        row: &RawRow,
        roles: &[Option<ColumnRole>],
        code_index: Option<usize>,
        group: usize,
        section: &str,
    ) {
        if row.is_blank() || row.is_rule() {
            return;
        }
        let mut cells = RowCells::default();
        for (cell, role) in row.cells.iter().zip(roles) {
            cells.notes.extend(cell.notes.iter().cloned());
            if let Some(role) = role.filter(|role| !matches!(role, ColumnRole::Code | ColumnRole::Ignore)) {
                cells.parts.entry(role).or_default().extend(cell.parts.iter().cloned());
            }
        }
        let code_text = code_index.and_then(|index| row.cells.get(index)).map(|cell| cell.text()).unwrap_or_default();
        if code_text.trim().is_empty() {
            let has_name = cells.parts.get(&ColumnRole::Name).is_some_and(|parts| !parts.is_empty());
            let previous = self.groups[group].rows.last_mut().filter(|previous| previous.section == section);
            match previous {
                Some(previous) if !has_name => {
                    let above = previous.lines[0];
                    continue_row(previous, cells, row);
                    self.report(
                        DiagnosticKind::ContinuationJoined,
                        row.line,
                        format!("row without a code continues the row at line {above}; its text was appended"),
                    );
                }
                _ => self.report(
                    DiagnosticKind::OrphanContinuation,
                    row.line,
                    "row has no code and no row above it to continue; it is not in the catalog".to_owned(),
                ),
            }
            return;
        }
        let lines: Vec<u32> = (row.line..=row.last_line.max(row.line)).collect();
        match CodeCell::parse(&code_text) {
            Ok(CodeCell::Codes(codes)) => {
                self.groups[group].rows.push(Row { codes, range: None, lines, section: section.to_owned(), cells });
            }
            Ok(CodeCell::Range(from, to)) => {
                self.report(
                    DiagnosticKind::RangeRecorded,
                    row.line,
                    format!("codes {from} to {to} are documented as one range; recorded as a range, not as entries"),
                );
                let range = Some((from, to));
                self.groups[group].rows.push(Row {
                    codes: Vec::new(),
                    range,
                    lines,
                    section: section.to_owned(),
                    cells,
                });
            }
            Err(error) => {
                self.report(DiagnosticKind::InvalidCode, row.line, format!("{error}; the row is not in the catalog"));
                // A continuation after a broken row must not attach to the
                // row before it: close the chain with an empty marker row.
                self.groups[group].rows.push(Row {
                    codes: Vec::new(),
                    range: None,
                    lines: vec![row.line],
                    section: section.to_owned(),
                    cells: RowCells::default(),
                });
            }
        }
    }

    fn texts(&mut self, row: &Row) -> Texts {
        let parts = |role| row.cells.parts.get(&role).cloned().unwrap_or_default();
        let mut texts = split_labelled(&parts(ColumnRole::Message)).unwrap_or_else(|| Texts {
            message: none_if_dash(&parts(ColumnRole::Message).join("\n")),
            ..Texts::default()
        });
        if let Some(inferred) = labelled_by_position(&parts(ColumnRole::Message)) {
            self.report(
                DiagnosticKind::PartRoleByPosition,
                row.lines[0],
                format!("an unlabelled part of the description was read as the {inferred} by its position"),
            );
        }
        for (role, field) in [(ColumnRole::Cause, &mut texts.cause), (ColumnRole::Solution, &mut texts.solution)] {
            if let Some(text) = none_if_dash(&parts(role).join("\n")) {
                *field = Some(match field.take() {
                    Some(existing) => format!("{existing}\n{text}"),
                    None => text,
                });
            }
        }
        if texts.solution.is_none()
            && let Some(message) = texts.message.clone()
            && let Some((message, solution)) = split_at_marker(&message, &self.settings.split_solution_at)
        {
            texts.message = message;
            texts.solution = Some(solution);
        }
        texts.notes.extend(row.cells.notes.iter().cloned());
        if let Some(note) = none_if_dash(&parts(ColumnRole::Note).join("\n")) {
            texts.notes.push(note);
        }
        texts
    }

    fn build_group(&mut self, draft: GroupDraft) -> Group {
        let mut entries: Vec<Entry> = Vec::new();
        let mut ranges: Vec<CodeRange> = Vec::new();
        let mut by_code: HashMap<Code, usize> = HashMap::new();
        for row in &draft.rows {
            if let Some((from, to)) = row.range {
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
            if row.codes.is_empty() {
                continue;
            }
            let texts = self.texts(row);
            let doc_name = row
                .cells
                .parts
                .get(&ColumnRole::Name)
                .map(|parts| parts.join(" ").trim().trim_matches('`').trim().to_owned())
                .and_then(|name| none_if_dash(&name));
            for code in &row.codes {
                let same_row: Vec<Code> = row.codes.iter().copied().filter(|other| other != code).collect();
                if let Some(&index) = by_code.get(code) {
                    self.repeat(&mut entries[index], *code, row, &texts);
                    continue;
                }
                by_code.insert(*code, entries.len());
                entries.push(Entry {
                    code: *code,
                    name: String::new(),
                    doc_name: doc_name.clone(),
                    message: texts.message.clone(),
                    cause: texts.cause.clone(),
                    solution: texts.solution.clone(),
                    notes: texts.notes.clone(),
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
        // Names are given by `names::apply`, after lowering.
        Group { name: String::new(), title: draft.title, entries, ranges, retired: Vec::new() }
    }

    /// A code documented again in the same group.
    fn repeat(&mut self, entry: &mut Entry, code: Code, row: &Row, texts: &Texts) {
        let first_line = entry.lines[0];
        if self.settings.sections == SectionMode::PerSection || entry.sections.contains(&row.section) {
            self.report(
                DiagnosticKind::DuplicateCode,
                row.lines[0],
                format!(
                    "code {code} is documented twice in section `{}` (lines {first_line} and {})",
                    row.section, row.lines[0]
                ),
            );
            return;
        }
        let existing = Texts {
            message: entry.message.clone(),
            cause: entry.cause.clone(),
            solution: entry.solution.clone(),
            notes: entry.notes.clone(),
        };
        entry.sections.push(row.section.clone());
        if existing == *texts {
            entry.lines.extend(&row.lines);
            return;
        }
        if let Some(variant) = entry.variants.iter_mut().find(|variant| {
            variant.message == texts.message && variant.cause == texts.cause && variant.solution == texts.solution
        }) {
            variant.section.push_str(&format!(", {}", row.section));
            variant.lines.extend(&row.lines);
            return;
        }
        self.report(
            DiagnosticKind::WordingDiffers,
            row.lines[0],
            format!(
                "code {code} is worded differently here (section `{}`) than at line {first_line}; \
                 both wordings are kept (the other as a variant)",
                row.section
            ),
        );
        entry.variants.push(Variant {
            section: row.section.clone(),
            message: texts.message.clone(),
            cause: texts.cause.clone(),
            solution: texts.solution.clone(),
            notes: texts.notes.clone(),
            lines: row.lines.clone(),
        });
    }
}

/// Appends a continuation row's text to the row above, cell by cell.
fn continue_row(previous: &mut Row, cells: RowCells, row: &RawRow) {
    previous.lines.extend(row.line..=row.last_line.max(row.line));
    previous.cells.notes.extend(cells.notes);
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

const LABELS: &[(&str, Field)] = &[
    ("描述", Field::Message),
    ("错误描述", Field::Message),
    ("说明", Field::Message),
    ("description", Field::Message),
    ("可能原因", Field::Cause),
    ("原因", Field::Cause),
    ("possible cause", Field::Cause),
    ("possible causes", Field::Cause),
    ("cause", Field::Cause),
    ("reason", Field::Cause),
    ("处理建议", Field::Solution),
    ("解决方案", Field::Solution),
    ("建议", Field::Solution),
    ("处理方法", Field::Solution),
    ("suggestion", Field::Solution),
    ("solution", Field::Solution),
    ("suggested action", Field::Solution),
    ("注意事项", Field::Note),
    ("注意", Field::Note),
    ("备注", Field::Note),
    ("说明事项", Field::Note),
    ("note", Field::Note),
    ("notes", Field::Note),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Message,
    Cause,
    Solution,
    Note,
}

impl Field {
    fn next(self) -> Field {
        match self {
            Field::Message => Field::Cause,
            Field::Cause | Field::Solution => Field::Solution,
            Field::Note => Field::Note,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Field::Message => "description",
            Field::Cause => "cause",
            Field::Solution => "suggestion",
            Field::Note => "note",
        }
    }
}

/// The label a part starts with (`描述：`, `Cause:`), and the rest.
fn label_of(part: &str) -> Option<(Field, &str)> {
    let (head, rest) = part.split_once(['：', ':'])?;
    let head = head.trim().to_lowercase();
    LABELS.iter().find(|(label, _)| *label == head).map(|(_, field)| (*field, rest.trim_start()))
}

/// True for a part that is a list item: `1、…`, `2. …`, `(3) …`, `- …`.
fn is_list_item(part: &str) -> bool {
    let part = part.trim_start();
    if part.starts_with(['-', '•', '·', '*']) {
        return true;
    }
    let digits = part.chars().take_while(char::is_ascii_digit).count();
    let rest = part.get(digits..).unwrap_or("");
    (digits > 0 && rest.starts_with(['、', '.', '．', ')', '）']))
        || (part.starts_with(['(', '（']) && part.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

/// Fields of each part of a labelled cell, and whether the field was
/// inferred from position. A labelled part takes its label's field; an
/// unlabelled first part is the description; a list item, or any part after
/// a bare label (`可能原因：` alone), continues the previous field; another
/// unlabelled part takes the field after the previous one. `None` when no
/// part has a label.
fn part_fields(parts: &[String]) -> Option<Vec<(Field, String, bool)>> {
    if !parts.iter().any(|part| label_of(part).is_some()) {
        return None;
    }
    let mut fields = Vec::with_capacity(parts.len());
    // The previous part's field, and whether it was a bare label.
    let mut last: Option<(Field, bool)> = None;
    for part in parts {
        let (field, text, inferred) = match (label_of(part), last) {
            (Some((field, rest)), _) => (field, rest.to_owned(), false),
            (None, None) => (Field::Message, part.clone(), false),
            (None, Some((previous, bare))) if bare || is_list_item(part) || previous.next() == previous => {
                (previous, part.clone(), false)
            }
            (None, Some((previous, _))) => (previous.next(), part.clone(), true),
        };
        let bare = text.trim().is_empty() || last.is_some_and(|(previous, bare)| bare && previous == field);
        last = Some((field, bare));
        fields.push((field, text, inferred));
    }
    Some(fields)
}

fn split_labelled(parts: &[String]) -> Option<Texts> {
    let fields = part_fields(parts)?;
    let mut texts = Texts::default();
    for (field, text, _) in fields {
        let Some(text) = none_if_dash(&text) else {
            continue;
        };
        let slot = match field {
            Field::Message => &mut texts.message,
            Field::Cause => &mut texts.cause,
            Field::Solution => &mut texts.solution,
            Field::Note => {
                texts.notes.push(text);
                continue;
            }
        };
        *slot = Some(match slot.take() {
            Some(existing) => format!("{existing}\n{text}"),
            None => text,
        });
    }
    Some(texts)
}

/// The field an unlabelled, non-first part was given by position, if any.
fn labelled_by_position(parts: &[String]) -> Option<&'static str> {
    part_fields(parts)?.into_iter().find(|(_, _, inferred)| *inferred).map(|(field, _, _)| field.describe())
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

    fn parts(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    #[test]
    fn cjk_text_joins_without_a_space() {
        assert_eq!(join_text("请检查拉取的流是否已推流成", "功"), "请检查拉取的流是否已推流成功");
        assert_eq!(join_text("check the", "network"), "check the network");
        assert_eq!(join_text("填写正确", "鉴权失败"), "填写正确鉴权失败");
    }

    #[test]
    fn labelled_parts_split_into_fields() {
        let texts = split_labelled(&parts(&["描述：未登录房间。", "可能原因：没有登录。", "处理建议：请先登录。"]))
            .expect("labelled");
        assert_eq!(texts.message.as_deref(), Some("未登录房间。"));
        assert_eq!(texts.cause.as_deref(), Some("没有登录。"));
        assert_eq!(texts.solution.as_deref(), Some("请先登录。"));
    }

    #[test]
    fn missing_first_label_is_the_description() {
        let texts = split_labelled(&parts(&["params 参数无效。", "可能原因：为空。", "处理建议：传入正确参数。"]))
            .expect("labelled");
        assert_eq!(texts.message.as_deref(), Some("params 参数无效。"));
        assert_eq!(texts.cause.as_deref(), Some("为空。"));
    }

    #[test]
    fn unlabelled_part_after_a_cause_is_the_suggestion_and_is_reported() {
        let cell = parts(&["描述：推流鉴权错误。", "可能原因：参数错误。", "检查 token 是否正确。"]);
        let texts = split_labelled(&cell).expect("labelled");
        assert_eq!(texts.solution.as_deref(), Some("检查 token 是否正确。"));
        assert_eq!(labelled_by_position(&cell), Some("suggestion"));
        assert_eq!(split_labelled(&parts(&["plain", "text"])), None);
    }

    #[test]
    fn list_items_and_parts_after_a_bare_label_continue_that_field() {
        let cell = parts(&[
            "描述：获取媒体失败。",
            "可能原因：",
            "1、参数不在设备参数内。",
            "2、NotReadableError",
            "处理建议：检查参数。",
        ]);
        let texts = split_labelled(&cell).expect("labelled");
        assert_eq!(texts.cause.as_deref(), Some("1、参数不在设备参数内。\n2、NotReadableError"));
        assert_eq!(texts.solution.as_deref(), Some("检查参数。"));
        assert_eq!(labelled_by_position(&cell), None);
        let cell = parts(&["描述：a。", "处理建议：Web 端：", "1. 明确来源。", " 2. 异步操作。"]);
        assert_eq!(
            split_labelled(&cell).expect("labelled").solution.as_deref(),
            Some("Web 端：\n1. 明确来源。\n2. 异步操作。")
        );
        assert_eq!(labelled_by_position(&cell), None);
    }

    #[test]
    fn a_notes_label_goes_to_notes() {
        let cell = parts(&["描述：未推流时修改参数。", "处理建议：请检查。", "注意事项：3.0.0 之前含义不同。"]);
        let texts = split_labelled(&cell).expect("labelled");
        assert_eq!(texts.solution.as_deref(), Some("请检查。"));
        assert_eq!(texts.notes, ["3.0.0 之前含义不同。"]);
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
}
