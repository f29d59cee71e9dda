//! Drafts of groups and their building into entries: rows from every form
//! (a table row, a prose record) are gathered per section, then each
//! group's rows become entries: texts by field (labelled parts through
//! `labels`), `-` meaning none, repeats (identical ones merged,
//! conflicting ones kept as variants), ranges and catch-alls, links made
//! absolute. It decides nothing about where a code is on a page (the
//! forms do).

use super::labels::{self, Field};
use super::settings::SourceInfo;
use super::words;
use super::words::{ColumnRole, is_cjk};
use crate::catalog::{CatchAll, CodeRange, Entry, Group, Variant};
use crate::code::{Code, CodeType};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::manifest::{SectionMode, SourceSettings};
use crate::raw::{RawRow, RawTable};
use std::collections::{BTreeMap, HashMap};

/// Text fields of one row, by role, and its attributes.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowCells {
    /// Parts per field; a part keeps whether its field came from position.
    pub(crate) parts: BTreeMap<ColumnRole, Vec<String>>,
    pub(crate) notes: Vec<String>,
    pub(crate) attributes: BTreeMap<String, String>,
    pub(crate) name: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) codes: Vec<Code>,
    /// The code as written when that is not plain decimal.
    pub(crate) literal: Option<String>,
    /// A documented range instead of codes.
    pub(crate) range: Option<(Code, Code)>,
    /// The catch-all row's code cell (`Other`).
    pub(crate) catch_all: Option<String>,
    pub(crate) lines: Vec<u32>,
    pub(crate) section: String,
    pub(crate) cells: RowCells,
    /// The code or name cell is struck through: the page withdrew the code.
    pub(crate) struck: bool,
}

impl Row {
    pub(crate) fn marker(line: u32, section: &str) -> Row {
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

    pub(crate) fn is_data(&self) -> bool {
        !self.codes.is_empty() || self.range.is_some() || self.catch_all.is_some()
    }
}

#[derive(Debug)]
pub(crate) struct GroupDraft {
    pub(crate) title: String,
    pub(crate) rows: Vec<Row>,
}

/// The readable texts of an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    pub(crate) message: Option<String>,
    pub(crate) cause: Option<String>,
    pub(crate) solution: Option<String>,
    pub(crate) notes: Vec<String>,
}

impl Texts {
    pub(crate) fn push(&mut self, field: Field, text: String) {
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
    pub(crate) fn same_as(&self, other: &Texts) -> bool {
        let squash = |text: &Option<String>| text.as_deref().map(|t| t.split_whitespace().collect::<String>());
        squash(&self.message) == squash(&other.message)
            && squash(&self.cause) == squash(&other.cause)
            && squash(&self.solution) == squash(&other.solution)
    }
}

pub(crate) struct Lowering<'a> {
    pub(crate) info: &'a SourceInfo,
    pub(crate) settings: &'a SourceSettings,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) groups: Vec<GroupDraft>,
    /// Rows of the group being built whose message came from the cause or
    /// the solution.
    pub(crate) message_from_other_fields: usize,
    /// Rows of the current group whose only text was a note.
    pub(crate) message_from_notes: usize,
    /// The headers of each section's first table.
    pub(crate) section_headers: HashMap<String, Vec<String>>,
    /// Index of each group draft by title.
    pub(crate) group_by_title: HashMap<String, usize>,
    /// Constants defined in the page's code blocks, by name.
    pub(crate) constants: HashMap<String, Constant>,
    /// The catalog's title.
    pub(crate) page_title: String,
}

impl<'a> Lowering<'a> {
    pub(crate) fn new(info: &'a SourceInfo, settings: &'a SourceSettings) -> Lowering<'a> {
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

    pub(crate) fn report(&mut self, kind: DiagnosticKind, line: u32, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, &self.info.path, line, message));
    }

    /// A diagnostic about a whole table, at its header row.
    pub(crate) fn report_table(&mut self, kind: DiagnosticKind, table: &RawTable, message: String) {
        self.report_row(kind, &table.header, message);
    }

    /// A diagnostic about a table row, at its line and (long lines) column.
    pub(crate) fn report_row(&mut self, kind: DiagnosticKind, row: &RawRow, message: String) {
        self.diagnostics.push(Diagnostic::new(kind, &self.info.path, row.line, message).at_column(row.column));
    }

    pub(crate) fn group_index(&mut self, section: &str) -> usize {
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

    pub(crate) fn texts(&mut self, row: &Row) -> Texts {
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

    pub(crate) fn build_group(&mut self, mut draft: GroupDraft) -> Group {
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
    pub(crate) fn repeat(&mut self, entry: &mut Entry, code: &Code, row: &Row, texts: &Texts) {
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

pub(crate) fn role_of(field: Field) -> ColumnRole {
    match field {
        Field::Message => ColumnRole::Message,
        Field::Cause => ColumnRole::Cause,
        Field::Solution => ColumnRole::Solution,
        Field::Note => ColumnRole::Note,
    }
}

/// Builds the groups from their drafts. Groups are independent, so a page
/// of many groups is built on every core, in contiguous runs of drafts of
/// about equal size; groups and their diagnostics keep document order.
pub(crate) fn build_groups(
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
    if threads < 2 || rows < crate::thresholds::PARALLEL_ROWS {
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

/// `code_pattern`: the codes of the page's rows that it does not match
/// whole (as written: the literal, else the code) are dropped, and a row
/// left with no code goes; returns how many codes were dropped.
pub(crate) fn keep_matching_codes(groups: &mut [GroupDraft], pattern: &regex::Regex) -> usize {
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

/// Makes a link's target usable outside the page: an anchor or site-relative
/// target is resolved against the source's upstream URL, or, without one,
/// the link becomes its text. Absolute URLs are kept.
pub(crate) fn resolve_links(text: &str, upstream: Option<&str>) -> String {
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
pub(crate) fn join_url(base: &str, target: &str) -> String {
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

/// Joins text split by page conversion: no space between CJK characters
/// (`推流成` + `功` = `推流成功`), one space otherwise.
pub(crate) fn join_text(before: &str, after: &str) -> String {
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

/// `-`, `—`, `－`, `/` and empty text mean "none".
pub(crate) fn none_if_dash(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && !super::words::is_empty_mark(text)).then(|| text.to_owned())
}

/// Splits `描述 请建议` at the first marker that follows whitespace. A text
/// that starts with a marker is all solution.
pub(crate) fn split_at_marker(text: &str, markers: &[String]) -> Option<(Option<String>, String)> {
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

/// The inside of a text that is one code span (`` `kFoo` ``).
pub(crate) fn code_span_inner(text: &str) -> Option<&str> {
    text.strip_prefix('`').and_then(|t| t.strip_suffix('`')).filter(|inner| !inner.contains('`') && !inner.is_empty())
}

/// A constant defined in a code block: its name, value and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Constant {
    pub value: Code,
    pub line: u32,
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
