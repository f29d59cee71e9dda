//! Lowering: a [`RawDoc`] becomes a [`Catalog`], with diagnostics.
//!
//! This module is the orchestrator: it applies the source's settings
//! (`settings`), runs the registry of forms in its order (`forms`: tables
//! and every prose form), hands their rows to the drafts of groups
//! (`draft`: repeats, variants, ranges, catch-alls, attributes), builds the
//! groups and runs the coverage check (`coverage`). The rules of reading
//! live in the forms, the words they look for in `words`, the labels of
//! every form in `labels`, their thresholds in `thresholds`. It never
//! reads files and never drops a row without a diagnostic.

pub(crate) mod code_cells;
pub(crate) mod columns;
pub(crate) mod coverage;
pub(crate) mod draft;
pub mod forms;
pub(crate) mod labels;
pub(crate) mod sections;
pub(crate) mod settings;
pub(crate) mod words;

use crate::catalog::{Catalog, SCHEMA, SourceRef};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
pub use crate::manifest::{ColumnRole, SectionMode, SourceSettings};
use crate::raw::{RawDoc, RawTable};
use draft::{GroupDraft, Lowering, Row, build_groups, keep_matching_codes, resolve_links};
use forms::tables::{Continuation, fresh_plans, reading_locale};
use forms::{Enabled, FORMS, Reads};
pub use settings::SourceInfo;
use settings::{skipped_sections, whole_pattern};

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

fn lower_page(doc: RawDoc, info: &SourceInfo, settings: &SourceSettings) -> (Catalog, Vec<Diagnostic>) {
    let RawDoc { title, headings, notes, mut tables, mut blocks } = doc;
    // Blocks the readers did not decode (a document made by hand).
    crate::read::decode_blocks(&mut blocks);
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
    let enabled = Enabled(&settings.forms);
    setting_problems.extend(settings.forms.iter().filter(|name| forms::form(name).is_none()).map(|name| {
        let known: Vec<&str> = FORMS.iter().map(|form| form.name).collect();
        format!("`forms` names `{name}`, which is no form; the forms are {}", known.join(", "))
    }));
    // The forms that make tables, in registry order: tables written as
    // nested lists join the page's tables (their blocks leave the prose);
    // tables written as label/value records get one row per record.
    for form in FORMS.iter().filter(|form| enabled.reads(form.name)) {
        match form.reads {
            Reads::Tables(read) => {
                let (found, used) = read(&blocks, &headings);
                if !used.is_empty() {
                    tables.extend(found);
                    tables.sort_by_key(|table| table.line);
                    let used: std::collections::HashSet<usize> = used.into_iter().collect();
                    blocks = blocks
                        .into_iter()
                        .enumerate()
                        .filter(|(index, _)| !used.contains(index))
                        .map(|(_, block)| block)
                        .collect();
                }
            }
            Reads::Reshape(reshape) => {
                tables = tables.into_iter().map(|table| reshape(&table).unwrap_or(table)).collect();
            }
            Reads::Rows | Reads::Entries(_) => {}
        }
    }
    // Without the form `tables`, the page's tables are not read.
    if !enabled.reads("tables") {
        tables.clear();
    }
    let mut lowering = Lowering::new(info, settings);
    for problem in setting_problems {
        lowering.report(DiagnosticKind::InvalidSetting, 0, problem);
    }
    lowering.constants = forms::code_blocks::constants(&blocks);
    let table_lines: Vec<u32> = tables.iter().map(|table| table.line).collect();
    let pattern = match settings.line_pattern.as_deref().map(forms::line_pattern::LinePattern::new).transpose() {
        Ok(pattern) => pattern,
        Err(problem) => {
            lowering.report(DiagnosticKind::InvalidSetting, 0, problem);
            None
        }
    };
    let page = forms::Page { blocks: &blocks, table_lines: &table_lines, pattern: pattern.as_ref() };
    let prose_entries = forms::entries(&page, enabled);
    let mut code_positions = coverage::code_positions(&blocks);
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
    let large = tables.iter().map(|table| table.rows.len()).sum::<usize>() >= crate::thresholds::PARALLEL_ROWS;
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
    for (line, message) in coverage::not_read(&groups, code_positions) {
        lowering.report(DiagnosticKind::CodeNotRead, line, message);
    }
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

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.split('.').next().filter(|stem| !stem.is_empty()).unwrap_or(name)
}
