//! The form `tables`: one row per code in a table of columns. Column roles
//! come from header words and cell content (`columns`); a table continued
//! after a page break joins the one before; a header that is data, a row
//! that titles the rows after it, `...` rows, code cells in every form
//! (markup, hex with its literal, a second form of the code, catch-alls,
//! ranges, constants the page's code defines), a module column that
//! splits a table into groups and a second table reusing a section's
//! codes. It builds rows for the drafts (`draft`), not entries.

use crate::code::{Code, CodeCell};
use crate::diagnostic::DiagnosticKind;
use crate::lower::code_cells::{self, signed32, unwrap_markup};
use crate::lower::columns::{self, ColumnPlan};
use crate::lower::draft::{Lowering, Row, RowCells, code_span_inner, join_text, none_if_dash, role_of};
use crate::lower::labels::{self, Field};
use crate::lower::words;
use crate::lower::words::ColumnRole;
use crate::lower::words::is_cjk;
use crate::manifest::SourceSettings;
use crate::raw::{RawRow, RawSection, RawTable};
use crate::thresholds::{CONSTANT_PREFIX_MIN_CHARS, PARALLEL_ROWS, SUBSECTION_MAX_CHARS};
use std::collections::BTreeMap;

/// What a header-less table after a page break continues.
#[derive(Debug, Clone)]
pub(crate) struct Continuation {
    pub(crate) section: String,
    pub(crate) headers: Vec<String>,
    pub(crate) plan: ColumnPlan,
    pub(crate) width: usize,
}

/// A table's header texts (as wide as its widest row), its width, and its
/// rows without blank and rule rows.
pub(crate) fn table_shape(table: &RawTable) -> (Vec<String>, usize, Vec<&RawRow>) {
    let mut headers: Vec<String> = table.header.cells.iter().map(|cell| cell.text()).collect();
    let width = headers.len().max(table.rows.iter().map(|row| row.cells.len()).max().unwrap_or(0));
    headers.resize(width, String::new());
    let rows: Vec<&RawRow> = table.rows.iter().filter(|row| !row.is_blank() && !row.is_rule()).collect();
    (headers, width, rows)
}

/// The cells of each column of `rows`.
pub(crate) fn column_cells(rows: &[&RawRow], width: usize) -> Vec<Vec<String>> {
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
pub(crate) fn reading_locale<'a>(locale: &'a str, headings: &[RawSection], tables: &[RawTable]) -> &'a str {
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

pub(crate) fn fresh_plans(tables: &[RawTable], settings: &SourceSettings, locale: &str) -> Vec<ColumnPlan> {
    let plan = |table: &RawTable| {
        let (headers, width, rows) = table_shape(table);
        columns::plan(&headers, &column_cells(&rows, width), &settings.column_roles(), locale)
    };
    let rows: usize = tables.iter().map(|table| table.rows.len()).sum();
    let threads = crate::parallel::cores().min(tables.len());
    if threads < 2 || rows < PARALLEL_ROWS {
        return tables.iter().map(plan).collect();
    }
    let parts: Vec<&[RawTable]> = tables.chunks(tables.len().div_ceil(threads)).collect();
    crate::parallel::map(parts, |part| part.iter().map(plan).collect::<Vec<_>>()).into_iter().flatten().collect()
}

/// The hint for setting a column's role, for both callers.
pub(crate) const ROLE_HINT: &str = "set it with `--column 'HEADER=ROLE'` (errcat ingest) or `columns:` in the manifest";

impl Lowering<'_> {
    /// The constant a name cell refers to: exactly, or (reported) as the one
    /// constant the name is a prefix of (`…_PARAM_E` cut from `…_PARAM_ERR`).
    pub(crate) fn constant(&mut self, name: &str, row: &RawRow) -> Option<(String, Code, u32)> {
        if let Some(constant) = self.constants.get(name) {
            return Some((name.to_owned(), constant.value.clone(), constant.line));
        }
        if name.len() < CONSTANT_PREFIX_MIN_CHARS {
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
    pub(crate) fn plan_with_constants(&self, mut plan: ColumnPlan, rows: &[&RawRow]) -> (ColumnPlan, bool) {
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

    /// Reads one table; returns what the next table may continue.
    pub(crate) fn table(
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
        // A code column whose values repeat beside unique identifiers: the
        // identifiers are the codes (the repeated numbers an attribute).
        if let Some(code) = plan.code()
            && !by_constants
            && repeats(&rows, code)
            && let Some(names) = columns::identifiers_over_repeated_codes(&column_cells(&rows), code)
        {
            plan.roles[code] = ColumnRole::Attribute;
            plan.roles[names] = ColumnRole::Code;
            plan.findings.push(format!(
                "the values of `{}` repeat from row to row, while `{}` holds a unique identifier in every row: \
                 those identifiers are the codes",
                headers.get(code).map_or("", String::as_str),
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
                    || (layout.string_codes && code_cells::split_string_codes(&text).is_some());
                if !is_code && !text.contains('\n') && text.chars().count() <= SUBSECTION_MAX_CHARS {
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
    pub(crate) fn separate_code_spaces(
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
    pub(crate) fn split_by_column(&mut self, rows: &mut [Row], names: &[String], section: &str) {
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
    pub(crate) fn row(
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
            .map(|cell| code_cells::with_hex_prefix(&code_cell_text(cell), hex))
            .unwrap_or_default();
        // `APP_ERR_OK = 0`: the name and the code in one cell.
        if let Some((name, value)) = code_cells::split_assignment(&code_text) {
            if cells.name.is_none() {
                cells.name = Some(name.to_owned());
            }
            code_text = value.to_owned();
        }
        // `Compiler error C3500`: the code after the words naming its kind.
        if let Some(code) = code_cells::strip_code_label(&code_text) {
            code_text = code;
        }
        // `200 (OK)`, `**404** - Not Found`: the code and its short title,
        // the row's name when no column gives one.
        if CodeCell::parse(&code_text).is_err()
            && let Some((code, title)) = code_cells::strip_code_title(&code_text)
        {
            if cells.name.is_none() {
                cells.name = Some(title);
            } else {
                cells.attributes.insert("title".to_owned(), title);
            }
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
            && let Some(codes) = code_cells::split_string_codes(&code_text)
        {
            // Numbers among string codes are kept as written (`0101`).
            new_row.codes = codes.into_iter().map(Code::text).collect();
            built.push(new_row);
            return;
        }
        let alternate = plan.alternate_code.and_then(|index| {
            let hex = plan.hex.get(index).copied().unwrap_or(false);
            row.cells.get(index).map(|cell| code_cells::with_hex_prefix(&code_cell_text(cell), hex))
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
}

/// Attribute names of a table's columns: the header text, `column N` for
/// an empty header, numbered when two headers are the same.
pub(crate) fn attribute_names(headers: &[String]) -> Vec<String> {
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
pub(crate) struct TableLayout {
    pub(crate) prefixes: Vec<Option<String>>,
    pub(crate) patterns: Vec<Option<Vec<Field>>>,
    /// The code column holds string codes (`columns::holds_string_codes`).
    pub(crate) string_codes: bool,
    /// The code column holds names of constants defined in code blocks.
    pub(crate) constants: bool,
}

impl TableLayout {
    pub(crate) fn new(plan: &ColumnPlan, rows: &[&RawRow]) -> TableLayout {
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
pub(crate) fn string_column(rows: &[&RawRow], code: usize) -> bool {
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
pub(crate) fn constant_name(cell: &crate::raw::RawCell) -> String {
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
/// True when a column's filled cells repeat: at most half of them distinct
/// (settled without copying the table's other columns).
fn repeats(rows: &[&RawRow], column: usize) -> bool {
    let cells: Vec<String> = rows.iter().filter_map(|row| row.cells.get(column)).map(|cell| cell.text()).collect();
    let filled = cells.iter().filter(|cell| !cell.trim().is_empty()).count();
    let distinct: std::collections::HashSet<&str> =
        cells.iter().map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).collect();
    filled >= crate::thresholds::MIN_SIBLINGS && distinct.len() * 2 <= filled
}

pub(crate) fn code_cell_text(cell: &crate::raw::RawCell) -> String {
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
pub(crate) struct ParsedCode {
    pub(crate) cell: CodeCell,
    pub(crate) literal: Option<String>,
    pub(crate) disagreement: Option<String>,
}

/// Parses a code cell with markup removed: codes, a range, or `A (B)` (two
/// forms of one code). Hex keeps its literal; a second form (in the cell
/// or in another column) decides the sign of a 32-bit hex value and must
/// agree with it.
pub(crate) fn parse_code_cell(text: &str, alternate: Option<&str>) -> Result<ParsedCode, crate::code::CodeError> {
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
pub(crate) fn unwrap_code_span(text: &str) -> String {
    code_span_inner(text).unwrap_or(text).to_owned()
}

/// Appends a continuation row's text to the row above, cell by cell.
pub(crate) fn continue_row(previous: &mut Row, cells: RowCells, row: &RawRow) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
