//! Reads markdown and MDX pages (GFM tables) into a [`RawDoc`].
//!
//! Handles what page conversion leaves behind: `<Note>` blocks standalone and
//! inside cells, inline HTML in cells, plain numbered section lines (`3 推流`),
//! a table row broken over two physical lines, stray `<Content />` blocks.
//! It does not decide column meaning or join continuation rows (see `lower`).

use super::inline::{Tag, TextBuilder, split_html};
use super::{LineIndex, ReadOptions, numbered_section_title, section as new_section};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::raw::{BlockKind, RawBlock, RawCell, RawDoc, RawRow, RawSection, RawTable};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag as MdTag, TagEnd};
use std::ops::Range;

mod repair;
mod sections;

pub use repair::repair;
use repair::{CELL_BREAK, join_broken_rows, join_spread_rows, raw_cell_count, raw_cells, trim_header_cells};
pub use sections::{SECTIONED_BYTES, read_in_sections, read_parts, safe_cuts};

#[derive(Debug)]
struct TableState {
    line: u32,
    /// Byte range of the row being read, for the ragged-row check.
    row_range: Range<usize>,
    header: Option<RawRow>,
    rows: Vec<RawRow>,
    row: Option<RawRow>,
    cell: Option<TextBuilder>,
}

/// Reads raw HTML embedded in markdown: the fragment, the file, the
/// options, the fragment's first line and the section it stands under.
pub type EmbeddedHtml = dyn Fn(&str, &str, &ReadOptions, u32, Option<RawSection>) -> (RawDoc, Vec<Diagnostic>) + Sync;

/// Reads a markdown or MDX page. `file` names it in diagnostics; raw HTML
/// tables are handed to `embedded`.
pub fn read(text: &str, file: &str, options: &ReadOptions, embedded: &EmbeddedHtml) -> (RawDoc, Vec<Diagnostic>) {
    read_from_line(text, 1, file, options, embedded)
}

/// Reads a part of a page that starts at a safe place (see
/// [`read_in_sections`]) on the page's line `first_line`, with the page's
/// line numbers. Only the page's start (line 1) can hold a byte-order mark
/// or front matter.
fn read_from_line(
    text: &str,
    first_line: u32,
    file: &str,
    options: &ReadOptions,
    embedded: &EmbeddedHtml,
) -> (RawDoc, Vec<Diagnostic>) {
    let page_start = first_line == 1;
    let text = if page_start { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
    let lines = LineIndex::starting_at(text, first_line);
    let mut diagnostics = Vec::new();
    let repaired = join_broken_rows(text, file, &lines, &mut diagnostics);
    let mut repaired = join_spread_rows(repaired, file, &lines, &mut diagnostics);
    trim_header_cells(&mut repaired, file, &lines, &mut diagnostics);
    let mut doc = RawDoc::default();
    // Front matter is blanked (same byte length) so that it is never read
    // as a rule and a heading; only its title is kept.
    if let Some((length, title)) = super::front_matter(&repaired).filter(|_| page_start) {
        doc.title = title;
        // One space per byte, so that offsets (and lines) stay valid.
        let blank: String = repaired[..length]
            .chars()
            .map(|c| if c == '\n' { "\n".to_owned() } else { " ".repeat(c.len_utf8()) })
            .collect();
        repaired.to_mut().replace_range(..length, &blank);
    }

    let mut section: Option<RawSection> = None;
    let mut heading: Option<(HeadingLevel, u32, String)> = None;
    let mut paragraph: Option<(u32, String)> = None;
    let mut table: Option<TableState> = None;
    // A document-level `<Note>` being collected, with its start line.
    let mut note: Option<(u32, TextBuilder)> = None;
    let mut container_depth = 0usize; // lists, block quotes, footnotes
    let mut code_block = false;
    // The container depth at which a note block quote (`> [!NOTE]`, `>!`)
    // or a `:::tip` admonition (depth 0) is being collected.
    let mut quote_note: Option<usize> = None;
    // Open `<div>`s of a `<div class="note">` note being collected.
    let mut note_divs = 0usize;
    // A raw HTML heading (`<h2 id="x">Title</h2>`) being collected.
    let mut html_heading: Option<(u8, u32, String)> = None;
    let mut admonition = false;
    // A top-level HTML block being read: its line, range and the blocks
    // before it.
    let mut html_block: Option<(u32, Range<usize>, usize)> = None;
    // The list items being read, outermost first.
    let mut open_items: Vec<OpenItem> = Vec::new();

    let parser =
        Parser::new_ext(&repaired, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM);
    // A raw HTML `<table>` being collected: its start offset.
    let mut raw_table: Option<usize> = None;
    for (event, range) in parser.into_offset_iter() {
        let line = lines.line(range.start);
        if raw_table.is_none()
            && matches!(event, Event::Start(MdTag::HtmlBlock))
            && repaired[range.clone()].to_ascii_lowercase().contains("<table")
            && note.is_none()
        {
            raw_table = Some(range.start);
        }
        if let Some(start) = raw_table {
            // Blank lines end an HTML block in markdown; the table goes on
            // until `</table>`, whatever events lie in between.
            let closes = repaired[range.clone()].to_ascii_lowercase().contains("</table");
            if closes || range.end >= repaired.len() {
                raw_table = None;
                let fragment = &repaired[start..range.end];
                let (embedded, embedded_diagnostics) =
                    embedded(fragment, file, options, lines.line(start), section.clone());
                doc.tables.extend(embedded.tables);
                doc.notes.extend(embedded.notes);
                diagnostics.extend(embedded_diagnostics);
            }
            continue;
        }
        if let Some(state) = table.as_mut() {
            if handle_table_event(state, &event, &range, &lines, file, &repaired, &mut diagnostics) {
                continue;
            }
            if matches!(event, Event::End(TagEnd::Table)) {
                if let Some(state) = table.take() {
                    let header = state.header.unwrap_or(RawRow {
                        line: state.line,
                        last_line: state.line,
                        column: 0,
                        cells: Vec::new(),
                    });
                    doc.tables.push(RawTable { section: section.clone(), line: state.line, header, rows: state.rows });
                }
                continue;
            }
        }
        match event {
            Event::Start(MdTag::Table(_)) => {
                table = Some(TableState {
                    line,
                    row_range: range.clone(),
                    header: None,
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                });
            }
            Event::Start(MdTag::Heading { level, .. }) => heading = Some((level, line, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, title)) = heading.take() {
                    // A paragraph of several lines underlined by `===` (a
                    // git conflict marker, a stray rule) is not a heading.
                    let setext_lines = repaired[range.clone()].trim_end().lines().count();
                    if setext_lines > 2 {
                        continue;
                    }
                    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                    if title.is_empty() {
                        continue;
                    }
                    if level == HeadingLevel::H1 && doc.title.is_none() {
                        doc.title = Some(title.clone());
                    }
                    let last_line = lines.line(range.end.saturating_sub(1).max(range.start));
                    doc.blocks.push(RawBlock::new(BlockKind::Heading(level as u8), line, last_line, title.clone()));
                    let heading = new_section(title, line, level as u8, false);
                    doc.headings.push(heading.clone());
                    section = Some(heading);
                }
            }
            // An HTML block outside notes (`<main type='explain'>…`) is
            // prose too: its source is a block, unless it was a note.
            Event::Start(MdTag::HtmlBlock) if note.is_none() && container_depth == 0 => {
                html_block = Some((line, range.clone(), doc.blocks.len()));
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((line, start, blocks)) = html_block.take()
                    && note.is_none()
                    && doc.blocks.len() == blocks
                    && !repaired[start.clone()].trim_start().starts_with("<!--")
                {
                    doc.blocks.push(RawBlock::new(
                        BlockKind::Html,
                        line,
                        lines.line(start.end.saturating_sub(1).max(start.start)),
                        repaired[start].trim().to_owned(),
                    ));
                }
            }
            Event::Start(MdTag::CodeBlock(_)) => {
                code_block = true;
                if note.is_none() {
                    doc.blocks.push(RawBlock::new(
                        BlockKind::Code,
                        line,
                        lines.line(range.end.saturating_sub(1).max(range.start)),
                        String::new(),
                    ));
                }
            }
            Event::End(TagEnd::CodeBlock) => code_block = false,
            Event::Start(MdTag::BlockQuote(kind)) if note.is_none() && container_depth == 0 => {
                // A block quote at the top of the page is an aside: a GitHub
                // alert (`> [!NOTE]`), a `>!`/`>?` admonition or a plain quote.
                container_depth += 1;
                let _ = kind;
                note = Some((line, TextBuilder::new()));
                quote_note = Some(container_depth);
            }
            Event::End(TagEnd::BlockQuote(_)) if quote_note == Some(container_depth) => {
                container_depth = container_depth.saturating_sub(1);
                quote_note = None;
                if let Some((_, builder)) = note.take() {
                    push_note(&mut doc, builder, file, &mut diagnostics);
                }
            }
            Event::Start(MdTag::List(_) | MdTag::BlockQuote(_) | MdTag::FootnoteDefinition(_)) => {
                container_depth += 1;
                if let Some((_, builder)) = note.as_mut() {
                    builder.html("<ul>", file, line);
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                container_depth = container_depth.saturating_sub(1);
                if let Some((_, builder)) = note.as_mut() {
                    builder.html("</ul>", file, line);
                }
            }
            Event::Start(MdTag::Item) => {
                if let Some((_, builder)) = note.as_mut() {
                    builder.html("<li>", file, line);
                } else {
                    // Descendants more than ITEM_LEVELS_KEPT levels down are
                    // left out of an ancestor's text (they are blocks of
                    // their own), so that every byte is copied into a bounded
                    // number of items: deep nesting stays linear.
                    if let Some(ancestor) = open_items.len().checked_sub(ITEM_LEVELS_KEPT + 1) {
                        let open = &mut open_items[ancestor];
                        if open.left_out.last().is_none_or(|last: &Range<usize>| last.end <= range.start) {
                            open.left_out.push(range.clone());
                        }
                    }
                    open_items.push(OpenItem { block: doc.blocks.len(), range: range.clone(), left_out: Vec::new() });
                    doc.blocks.push(RawBlock::new(
                        BlockKind::Item(u8::try_from(container_depth).unwrap_or(u8::MAX)),
                        line,
                        lines.line(range.end.saturating_sub(1).max(range.start)),
                        String::new(),
                    ));
                }
            }
            Event::End(TagEnd::Item) if note.is_none() => {
                if let Some(open) = open_items.pop() {
                    let mut source = String::with_capacity(open.range.len());
                    let mut at = open.range.start;
                    for skipped in &open.left_out {
                        source.push_str(&repaired[at..skipped.start]);
                        at = skipped.end;
                    }
                    source.push_str(&repaired[at..open.range.end]);
                    doc.blocks[open.block].text = item_text(&source);
                }
            }
            Event::Start(MdTag::Paragraph) if note.is_none() && container_depth == 0 => {
                if super::is_admonition_start(&repaired[range.clone()]) {
                    note = Some((line, TextBuilder::new()));
                    admonition = true;
                } else {
                    paragraph = Some((line, String::new()));
                }
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((_, builder)) = note.as_mut() {
                    builder.line_break();
                }
                if admonition && super::is_admonition_end(&repaired[range.clone()]) {
                    admonition = false;
                    if let Some((_, builder)) = note.take() {
                        push_note(&mut doc, builder, file, &mut diagnostics);
                    }
                }
                if let Some((line, text)) = paragraph.take() {
                    doc.blocks.push(RawBlock::new(
                        BlockKind::Paragraph,
                        line,
                        lines.line(range.end.saturating_sub(1).max(range.start)),
                        repaired[range.clone()].trim().to_owned(),
                    ));
                    let found = super::tight_heading(&text)
                        .filter(|_| repaired[range.clone()].trim_start().starts_with('#'))
                        .map(|(title, level)| (title, level, false))
                        .or_else(|| {
                            numbered_section_title(&text)
                                .filter(|_| options.numbered_sections)
                                .map(|(title, level)| (title, level, true))
                        });
                    if let Some((title, level, numbered)) = found {
                        let heading = new_section(title, line, level, numbered);
                        doc.headings.push(heading.clone());
                        section = Some(heading);
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if code_block {
                    continue;
                }
                let mut html_state =
                    BlockHtml { note: &mut note, note_divs: &mut note_divs, heading: &mut html_heading };
                if let Some(heading) = handle_block_html(&html, line, file, &mut html_state, &mut doc, &mut diagnostics)
                {
                    doc.headings.push(heading.clone());
                    section = Some(heading);
                }
                if let Some((_, text)) = paragraph.as_mut() {
                    text.push_str(&html);
                }
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if code_block {
                    if note.is_none()
                        && let Some(block) = doc.blocks.last_mut().filter(|block| block.kind == BlockKind::Code)
                    {
                        block.text.push_str(text);
                    }
                    continue;
                }
                if let Some((_, _, title)) = heading.as_mut() {
                    title.push_str(text);
                } else if let Some((_, builder)) = note.as_mut() {
                    if matches!(event, Event::Code(_)) {
                        builder.code(text);
                    } else {
                        builder.text(text);
                    }
                }
                if let Some((_, paragraph_text)) = paragraph.as_mut() {
                    paragraph_text.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, paragraph_text)) = paragraph.as_mut() {
                    paragraph_text.push('\n');
                }
                if let Some((_, builder)) = note.as_mut() {
                    builder.text(" ");
                }
            }
            Event::Start(MdTag::Link { dest_url, .. }) => {
                if let Some((_, builder)) = note.as_mut() {
                    builder.link_start(&dest_url);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((_, builder)) = note.as_mut() {
                    builder.link_end();
                }
            }
            _ => {}
        }
    }
    if let Some((line, builder)) = note.take() {
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::UnknownMarkup,
            file,
            line,
            "`<Note>` is never closed; read up to the end of the page",
        ));
        push_note(&mut doc, builder, file, &mut diagnostics);
    }
    (doc, diagnostics)
}

/// A list item's source without its marker (`-   `, `* `, `1. `) and with
/// its continuation lines' indentation removed.
/// How many levels of nested items an item's text keeps (children and
/// grandchildren); deeper ones are read as items of their own only.
const ITEM_LEVELS_KEPT: usize = 2;

/// A list item being read: its block, its source range and the ranges of
/// deeper descendants left out of its text.
#[derive(Debug)]
struct OpenItem {
    block: usize,
    range: Range<usize>,
    left_out: Vec<Range<usize>>,
}

fn item_text(source: &str) -> String {
    let source = source.trim_start();
    let marker = source.find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')'))).unwrap_or(0);
    let rest = &source[marker..];
    let mut out = String::with_capacity(rest.len());
    for (index, line) in rest.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(line.trim());
    }
    out.trim().to_owned()
}

/// Handles events inside a table. Returns false for `End(Table)`.
fn handle_table_event(
    state: &mut TableState,
    event: &Event<'_>,
    range: &Range<usize>,
    lines: &LineIndex,
    file: &str,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    match event {
        Event::End(TagEnd::Table) => return false,
        Event::Start(MdTag::TableHead) | Event::Start(MdTag::TableRow) => {
            // A row's range may start with the line break before it.
            let source = text.get(range.clone()).unwrap_or("");
            let line = lines.line(range.start + (source.len() - source.trim_start().len()));
            let end = range.start + source.trim_end().len();
            let last_line = lines.line(end.saturating_sub(1).max(range.start)).max(line);
            state.row = Some(RawRow { line, last_line, column: 0, cells: Vec::new() });
            state.row_range = range.clone();
        }
        Event::End(TagEnd::TableHead) => state.header = state.row.take(),
        Event::End(TagEnd::TableRow) => {
            if let Some(row) = state.row.take() {
                let width = state.header.as_ref().map_or(row.cells.len(), |header| header.cells.len());
                let source = text.get(state.row_range.clone()).unwrap_or("");
                let extra: Vec<String> = if raw_cell_count(source) > width {
                    raw_cells(source).into_iter().skip(width).filter(|cell| !cell.is_empty()).collect()
                } else {
                    Vec::new()
                };
                let mut row = row;
                if !extra.is_empty() {
                    // An unescaped pipe split a field: its text goes back to
                    // the last cell, the one it was split from.
                    let joined = extra.join(" | ").replace("\\|", "|");
                    diagnostics.push(Diagnostic::new(
                        DiagnosticKind::ExtraCellsJoined,
                        file,
                        row.line,
                        format!(
                            "the row has more cells than the header ({width}), probably an unescaped `|`; \
                             `{joined}` was joined to the last cell"
                        ),
                    ));
                    if let Some(last) = row.cells.last_mut() {
                        match last.parts.last_mut() {
                            Some(part) => {
                                part.push_str(" | ");
                                part.push_str(&joined);
                            }
                            None => last.parts.push(joined),
                        }
                    }
                }
                state.rows.push(row);
            }
        }
        Event::Start(MdTag::TableCell) => state.cell = Some(TextBuilder::new()),
        Event::End(TagEnd::TableCell) => {
            if let Some(mut builder) = state.cell.take() {
                diagnostics.extend(builder.take_diagnostics());
                let mut cell = builder.finish_cell();
                if cell.parts.iter().any(|part| part.contains(CELL_BREAK)) {
                    cell.parts = cell
                        .parts
                        .iter()
                        .flat_map(|part| part.split(CELL_BREAK))
                        .map(str::trim)
                        .filter(|part| !part.is_empty())
                        .map(str::to_owned)
                        .collect();
                }
                if let Some(row) = state.row.as_mut() {
                    row.cells.push(cell);
                }
            }
        }
        other => {
            if let Some(builder) = state.cell.as_mut() {
                match other {
                    Event::Text(text) => builder.text(text),
                    Event::Code(code) => builder.code(code),
                    Event::InlineHtml(html) | Event::Html(html) => builder.html(html, file, lines.line(range.start)),
                    Event::SoftBreak => builder.text(" "),
                    Event::HardBreak => builder.line_break(),
                    Event::Start(MdTag::Link { dest_url, .. }) => builder.link_start(dest_url),
                    Event::End(TagEnd::Link) => builder.link_end(),
                    Event::Start(MdTag::Emphasis | MdTag::Strong) | Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                        builder.emphasis()
                    }
                    Event::Start(MdTag::Strikethrough) => builder.strike(true),
                    Event::End(TagEnd::Strikethrough) => builder.strike(false),
                    _ => {}
                }
            }
        }
    }
    true
}

/// Block-level HTML: document notes, stray MDX components, raw HTML tables.
/// What raw HTML blocks change while the page is read.
struct BlockHtml<'a> {
    note: &'a mut Option<(u32, TextBuilder)>,
    /// Open `<div>`s of a `<div class="note">` note.
    note_divs: &'a mut usize,
    /// A raw `<h1>`–`<h6>` heading being collected: level, line, text.
    heading: &'a mut Option<(u8, u32, String)>,
}

/// Block-level HTML: document notes, stray MDX components, raw HTML
/// headings (returned when one closes).
fn handle_block_html(
    html: &str,
    line: u32,
    file: &str,
    state: &mut BlockHtml<'_>,
    doc: &mut RawDoc,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RawSection> {
    let note = &mut *state.note;
    let note_divs = &mut *state.note_divs;
    let mut closed_heading = None;
    for piece in split_html(html) {
        let tag = piece.starts_with('<').then(|| Tag::parse(piece)).flatten();
        let is_div = |tag: &Tag| matches!(tag.lower_name().as_str(), "div" | "aside");
        let heading_level = tag.as_ref().and_then(|tag| {
            let name = tag.lower_name();
            let level = name.strip_prefix('h')?.parse::<u8>().ok()?;
            (1..=6).contains(&level).then_some(level)
        });
        if note.is_none() {
            match (heading_level, tag.as_ref().map(|tag| tag.closing)) {
                (Some(level), Some(false)) => {
                    *state.heading = Some((level, line, String::new()));
                    continue;
                }
                (Some(_), Some(true)) => {
                    if let Some((level, start, title)) = state.heading.take() {
                        let title = super::inline::decode_entities(&title);
                        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !title.is_empty() {
                            closed_heading = Some(new_section(title, start, level, false));
                        }
                    }
                    continue;
                }
                _ => {}
            }
            if let Some((_, _, title)) = state.heading.as_mut() {
                if tag.is_none() {
                    title.push_str(piece);
                }
                continue;
            }
        }
        match tag {
            Some(tag) if super::is_note_component(&tag.name) && !tag.closing && !tag.self_closing && note.is_none() => {
                *note = Some((line, TextBuilder::new()));
            }
            Some(tag) if super::is_note_component(&tag.name) && tag.closing && note.is_some() && *note_divs == 0 => {
                if let Some((_, builder)) = note.take() {
                    push_note(doc, builder, file, diagnostics);
                }
            }
            // `<div class="alert note">` in markdown: a note up to its `</div>`.
            Some(tag)
                if is_div(&tag)
                    && !tag.closing
                    && note.is_none()
                    && tag.attribute("class").is_some_and(super::is_note_class) =>
            {
                *note = Some((line, TextBuilder::new()));
                *note_divs = 1;
            }
            Some(tag) if is_div(&tag) && *note_divs > 0 => {
                *note_divs = if tag.closing { *note_divs - 1 } else { *note_divs + 1 };
                if *note_divs == 0 {
                    if let Some((_, builder)) = note.take() {
                        push_note(doc, builder, file, diagnostics);
                    }
                } else if let Some((_, builder)) = note.as_mut() {
                    builder.tag(&tag, file, line);
                }
            }
            Some(tag) => {
                if let Some((_, builder)) = note.as_mut() {
                    builder.tag(&tag, file, line);
                } else if tag.name == "Content" {
                    diagnostics.push(Diagnostic::new(
                        DiagnosticKind::StrayMdxComponent,
                        file,
                        line,
                        "stray `<Content />` left by page conversion; ignored",
                    ));
                }
            }
            None => {
                if let Some((_, builder)) = note.as_mut() {
                    builder.text(&super::inline::decode_entities(piece));
                }
            }
        }
    }
    closed_heading
}

fn push_note(doc: &mut RawDoc, mut builder: TextBuilder, _file: &str, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.extend(builder.take_diagnostics());
    let cell: RawCell = builder.finish_cell();
    let mut text = cell.text();
    for inner in cell.notes {
        text.push('\n');
        text.push_str(&inner);
    }
    let text = super::strip_note_markers(&text);
    if !text.is_empty() {
        // Also a block, so that a note below a code's heading is the code's.
        let line = doc.blocks.last().map_or(0, |block| block.last_line);
        doc.blocks.push(RawBlock::new(BlockKind::Paragraph, line, line, format!("Note: {text}")));
        doc.notes.push(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (RawDoc, Vec<Diagnostic>) {
        super::super::read_markdown(text, "t.md", &ReadOptions::default())
    }

    #[test]
    fn headings_and_tables_with_lines() {
        let (doc, diagnostics) = read("# T\n\n## 公共\n\n|返回码|说明|\n|---|---|\n| 1 | 甲。 |\n");
        assert!(diagnostics.is_empty());
        assert_eq!(doc.title.as_deref(), Some("T"));
        let table = &doc.tables[0];
        assert_eq!(table.section.as_ref().map(|s| s.title.as_str()), Some("公共"));
        assert_eq!(table.line, 5);
        assert_eq!(table.rows[0].line, 7);
        assert_eq!(table.rows[0].cells[1].text(), "甲。");
    }

    #[test]
    fn numbered_section_lines_are_sections_but_list_items_are_not() {
        let (doc, _) = read("1. 若在常见错误码中找不到\n\n3 推流\n\n| a | b |\n|---|---|\n| 1 | x |\n");
        assert_eq!(doc.tables[0].section.as_ref().map(|s| s.title.as_str()), Some("3 推流"));
    }

    #[test]
    fn standalone_note_is_a_document_note() {
        let (doc, _) = read("<Note title=\"说明\">\n\n本文档包含所有返回码。\n\n</Note>\n");
        assert_eq!(doc.notes, ["本文档包含所有返回码。"]);
    }

    #[test]
    fn a_row_broken_over_two_lines_is_one_row() {
        let text = "| 错误码 | 描述 |\n|-|-|\n| 1002006 | 描述：甲 '#', '\n<Content />, '^' 。|\n| 1002007 | 乙 |\n";
        let (doc, diagnostics) = read(text);
        let rows = &doc.tables[0].rows;
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].last_line), (3, 4));
        assert_eq!(rows[0].cells[0].text(), "1002006");
        assert_eq!(rows[0].cells[1].text(), "描述：甲 '#', ' , '^' 。");
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.kind, d.line)).collect();
        assert!(kinds.contains(&(DiagnosticKind::BrokenRowJoined, 3)));
        assert!(kinds.contains(&(DiagnosticKind::MdxDamage, 4)), "{kinds:?}");
    }

    #[test]
    fn a_row_spread_over_lines_and_blank_lines_is_one_row_with_its_lines() {
        let page = "|Hex|Dec|Text|\n|---|---|---|\n|0x1|1|one|\n|-   0x2\n-   0x3\n\n|-   2\n-   3\n\n|two or three|\n|0x4|4|four|\n\nAfter.\n";
        let (doc, diagnostics) = read(page);
        let rows = &doc.tables[0].rows;
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[1].cells[0].parts, ["- 0x2", "- 0x3"]);
        assert_eq!(rows[1].cells[2].parts, ["two or three"]);
        assert_eq!((rows[1].line, rows[1].last_line, rows[2].line), (4, 10, 11));
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::BrokenRowJoined && d.line == 4));
        let short = "|a|b|c|\n|---|---|---|\n|1|x|\n|2|y|z|\n";
        assert_eq!(read(short).0.tables[0].rows.len(), 2, "a short row that closes its cell is complete");
    }

    #[test]
    fn last_row_without_closing_pipe_is_kept() {
        let (doc, _) = read("| 错误码 | 描述 |\n|-|-|\n| 1 | 甲 |\n| 2 | 乙。\n\n## 下一节\n");
        assert_eq!(doc.tables[0].rows.len(), 2);
        assert_eq!(doc.tables[0].rows[1].cells[1].text(), "乙。");
    }

    #[test]
    fn raw_html_tables_in_markdown_are_read_with_their_lines() {
        let text = "## 混流\n\n<table>\n<tr><th>错误码</th><th>说明</th></tr>\n\n<tr><td>1</td><td>失败。</td></tr>\n</table>\n\n| 错误码 | 说明 |\n|---|---|\n| 2 | 二 |\n";
        let (doc, _) = read(text);
        assert_eq!(doc.tables.len(), 2);
        let html = &doc.tables[0];
        assert_eq!(html.section.as_ref().map(|s| s.title.as_str()), Some("混流"));
        assert_eq!((html.header.line, html.rows.len(), html.rows[0].line), (4, 1, 6));
        assert_eq!(html.rows[0].cells[1].text(), "失败。");
        assert_eq!(doc.tables[1].rows[0].cells[0].text(), "2");
    }

    #[test]
    fn block_html_starting_with_multibyte_text_is_split_safely() {
        assert_eq!(split_html("失败。</td>"), ["失败。", "</td>"]);
        assert_eq!(split_html("<p>中</p>"), ["<p>", "中", "</p>"]);
    }

    #[test]
    fn extra_cells_of_a_ragged_row_are_reported_not_dropped_silently() {
        let (doc, diagnostics) = read("| Code | Message |\n|---|---|\n| 1 | One | extra \\| pipe | `a|b` |\n| 2 |\n");
        assert_eq!(doc.tables[0].rows[1].cells.len(), 2, "short rows are padded");
        let extra: Vec<_> = diagnostics.iter().filter(|d| d.kind == DiagnosticKind::ExtraCellsJoined).collect();
        assert_eq!(extra.len(), 1);
        assert_eq!(extra[0].line, 3);
        assert_eq!(doc.tables[0].rows[0].cells[1].text(), "One | extra | pipe | `a|b`", "the text stays in the row");
        assert_eq!(raw_cells("| a | b \\| c | `d|e` |"), ["a", "b \\| c", "`d|e`"]);
        for row in ["| a | b \\| c | `d|e` |", "| a | b", "a | b |", "| a |  |", "|"] {
            assert!(raw_cell_count(row) >= raw_cells(row).len(), "{row}");
        }
        assert_eq!(raw_cell_count("| a | b | c |"), 3);
    }

    #[test]
    fn notes_in_every_form_are_document_notes() {
        let page = "> [!NOTE]\n> Alert text.\n\n>? Wiki tip.\n\n:::tip\n\nAdmonition text.\n\n:::\n\n<Warning>\nMDX warning.\n</Warning>\n\n<div class=\"alert note\">\n\nDiv note.\n\n</div>\n\n| Code | Message |\n|---|---|\n| 1 | One. |\n";
        let (doc, _) = read(page);
        assert_eq!(doc.notes, ["Alert text.", "Wiki tip.", "Admonition text.", "MDX warning.", "Div note."]);
        assert_eq!(doc.tables.len(), 1);
    }

    #[test]
    fn front_matter_titles_and_tight_headings() {
        let (doc, _) =
            read("---\ntitle: Error codes\nbad: [\n---\n\n####名称\n\n| Code | Message |\n|---|---|\n| 1 | x |\n");
        assert_eq!(doc.title.as_deref(), Some("Error codes"));
        assert_eq!(doc.tables[0].section.as_ref().map(|s| (s.title.as_str(), s.level)), Some(("名称", 4)));
        assert_eq!(doc.headings.len(), 1, "front matter is never a heading");
        let (doc, _) = read("---\ntitle: 错误码\n---\n| Code | Message |\n|---|---|\n| 1 | x |\n");
        assert_eq!((doc.title.as_deref(), doc.tables[0].rows[0].line), (Some("错误码"), 6), "lines stay right");
    }

    #[test]
    fn tabs_in_table_rows_are_read_as_spaces() {
        let (doc, _) = read("| code\t| x\t|\n| :--\t| :--\t|\n| 1\t\t| a\t\t|\n");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows[0].cells[1].text(), "a");
    }

    #[test]
    fn a_header_with_extra_empty_cells_still_makes_a_table() {
        let (doc, diagnostics) = read("|Code |Description |       |\n|:--|:--|\n| 1 | One. |\n");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows[0].cells[1].text(), "One.");
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::HeaderCellsTrimmed && d.line == 1));
    }

    #[test]
    fn stray_content_block_is_reported() {
        let (_, diagnostics) = read("text\n\n<Content />\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!((diagnostics[0].kind, diagnostics[0].line), (DiagnosticKind::StrayMdxComponent, 3));
    }

    #[test]
    fn escaped_pipes_alignment_rows_and_tight_cells() {
        let (doc, _) = read(
            "| 错误码 | 释义 | 备注 |\n| :-: | :- | :- |\n| 605030003|参数错误 | |  \n| 605030021|创建失败  ||\n| 1 | [站点\\|_blank](8985#3) | a \\| b |\n",
        );
        let rows = &doc.tables[0].rows;
        assert_eq!(rows[0].cells[0].text(), "605030003");
        assert_eq!(rows[0].cells[1].text(), "参数错误");
        assert!(rows[1].cells[2].is_empty());
        assert_eq!(rows[2].cells[1].text(), "[站点](8985#3)");
        assert_eq!(rows[2].cells[2].text(), "a | b");
    }
}
