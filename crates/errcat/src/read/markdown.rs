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
use std::borrow::Cow;
use std::ops::Range;

/// Joins a table row that page conversion broke over two physical lines: a
/// row line without its closing `|`, followed by a non-row line that ends
/// with `|`. The line break becomes a space, so byte offsets (and therefore
/// line numbers computed on the original text) stay valid.
/// The page text with broken table rows joined (see `join_broken_rows`),
/// byte for byte the same length.
pub fn repair(text: &str) -> String {
    join_broken_rows(text, "", &LineIndex::new(text), &mut Vec::new()).into_owned()
}

/// True for a table delimiter row: `|---|:-:|`, `--- | ---`.
fn is_delimiter_row(line: &str) -> bool {
    let line = line.trim();
    line.contains('-')
        && line.contains(['|', ':']) | line.starts_with('-')
        && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && line.split('|').filter(|cell| !cell.trim().is_empty()).all(|cell| cell.contains('-'))
}

/// Table lines GFM would not read as a table, repaired in place with the
/// same byte length (so lines stay valid): a header row with more cells than
/// its delimiter row, the extra ones empty (`|Code |Description |   |` over
/// `|:--|:--|`), loses the extra pipes (reported); tabs in table lines
/// become spaces.
fn trim_header_cells(text: &mut Cow<'_, str>, file: &str, lines: &LineIndex, diagnostics: &mut Vec<Diagnostic>) {
    let mut edits: Vec<usize> = Vec::new();
    // Delimiter rows given the header's number of cells: (byte, new byte).
    let mut delimiter_edits: Vec<(usize, u8)> = Vec::new();
    let mut offset = 0;
    let physical: Vec<&str> = text.split_inclusive('\n').collect();
    for pair in physical.windows(2) {
        let (header, delimiter) = (pair[0], pair[1]);
        if !header.contains('|') || !is_delimiter_row(delimiter) {
            offset += header.len();
            continue;
        }
        let (header_cells, delimiter_cells) = (raw_cells(header), raw_cells(delimiter));
        if let Some(fixes) = fit_delimiter(delimiter, header_cells.len(), delimiter_cells.len())
            && !(header_cells.len() > delimiter_cells.len()
                && header_cells[delimiter_cells.len()..].iter().all(String::is_empty))
        {
            let start = offset + header.len();
            delimiter_edits.extend(fixes.into_iter().map(|(index, byte)| (start + index, byte)));
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::HeaderCellsTrimmed,
                file,
                lines.line(start),
                format!(
                    "the delimiter row has {} cells under a header of {}; it was given the header's cells so that \
                     the table is read",
                    delimiter_cells.len(),
                    header_cells.len()
                ),
            ));
        }
        if header_cells.len() > delimiter_cells.len()
            && !delimiter_cells.is_empty()
            && header_cells[delimiter_cells.len()..].iter().all(String::is_empty)
        {
            // Unescaped pipes of the header, outside code spans.
            let mut pipes = Vec::new();
            let (mut escaped, mut in_code) = (false, false);
            for (index, c) in header.char_indices() {
                match c {
                    '|' if !escaped && !in_code => pipes.push(index),
                    '`' if !escaped => in_code = !in_code,
                    _ => {}
                }
                escaped = c == '\\' && !escaped;
            }
            let leading = usize::from(header.trim_start().starts_with('|'));
            // Keep the pipe that closes the last real cell.
            let keep = leading + delimiter_cells.len();
            if pipes.len() > keep {
                edits.extend(pipes[keep..].iter().map(|pipe| offset + pipe));
                diagnostics.push(Diagnostic::new(
                    DiagnosticKind::HeaderCellsTrimmed,
                    file,
                    lines.line(offset),
                    format!(
                        "the header has {} cells but its delimiter row {}; the empty extra header cells were dropped \
                         so that the table is read",
                        header_cells.len(),
                        delimiter_cells.len()
                    ),
                ));
            }
        }
        offset += header.len();
    }
    // Tabs in table lines (`| :--\t| :--\t|`) make GFM reject the table;
    // they become spaces (one byte for one byte).
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        if (trimmed.starts_with('|') || is_delimiter_row(line)) && line.contains('\t') {
            edits.extend(line.match_indices('\t').map(|(index, _)| offset + index));
        }
        offset += line.len();
    }
    if edits.is_empty() && delimiter_edits.is_empty() {
        return;
    }
    // Each edit is the byte index of an ASCII `|`, `-` or tab.
    let mut bytes = std::mem::take(text).into_owned().into_bytes();
    for at in edits {
        bytes[at] = b' ';
    }
    for (at, byte) in delimiter_edits {
        bytes[at] = byte;
    }
    *text = Cow::Owned(String::from_utf8(bytes).unwrap_or_default());
}

/// A delimiter row (`|------|-----------|`) rewritten in place to have
/// `wanted` cells instead of `has`: its last run of dashes split by pipes,
/// or its last cells merged into one (pipes become dashes). `None` when
/// the counts agree or the row cannot take it.
fn fit_delimiter(delimiter: &str, wanted: usize, has: usize) -> Option<Vec<(usize, u8)>> {
    if wanted == has || has == 0 || wanted == 0 {
        return None;
    }
    let body = delimiter.trim_end();
    let pipes: Vec<usize> = body.match_indices('|').map(|(index, _)| index).collect();
    if wanted > has {
        // The last run of dashes, split into `wanted - has + 1` runs.
        let end = body.rfind('-')? + 1;
        let start = body[..end].rfind(|c: char| c != '-').map_or(0, |at| at + 1);
        let missing = wanted - has;
        if end - start < 2 * missing + 1 {
            return None;
        }
        return Some((1..=missing).map(|k| (start + 2 * k - 1, b'|')).collect());
    }
    // More cells than the header: the pipes between the header's last cell
    // and the row's closing pipe become dashes.
    let leading = usize::from(body.trim_start().starts_with('|'));
    let closing = usize::from(body.ends_with('|'));
    let keep = leading + wanted - 1;
    let merge = pipes.get(keep..pipes.len() - closing)?;
    (!merge.is_empty()).then(|| merge.iter().map(|at| (*at, b'-')).collect())
}

fn join_broken_rows<'a>(
    text: &'a str,
    file: &str,
    lines: &LineIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    let mut joins: Vec<usize> = Vec::new();
    let mut offset = 0;
    let physical: Vec<&str> = text.split_inclusive('\n').collect();
    for pair in physical.windows(2) {
        let (current, next) = (pair[0], pair[1]);
        let current_body = current.trim_end();
        let next_body = next.trim();
        let is_row = current_body.trim_start().starts_with('|');
        if is_row
            && !current_body.ends_with('|')
            && !next_body.is_empty()
            && !next_body.starts_with('|')
            && next_body.ends_with('|')
            && current.ends_with('\n')
        {
            let newline = offset + current.len() - 1;
            joins.push(newline);
            diagnostics.push(Diagnostic::new(
                DiagnosticKind::BrokenRowJoined,
                file,
                lines.line(offset),
                format!("table row continues on line {}; the two lines were read as one row", lines.line(newline + 1)),
            ));
        }
        offset += current.len();
    }
    if joins.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for newline in joins {
        bytes[newline] = b' ';
        if newline > 0 && bytes[newline - 1] == b'\r' {
            bytes[newline - 1] = b' ';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so this cannot fail.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned()))
}

/// The byte that stands for a line break inside a table cell after
/// [`join_spread_rows`]: one byte, like the newline it replaces, so offsets
/// stay valid; the cell reader splits the cell into parts at it.
const CELL_BREAK: char = '\u{1}';

/// How many physical lines one spread row may take.
const MAX_SPREAD_LINES: usize = 60;

/// Joins table rows that page conversion spread over several physical
/// lines, cell lists and blank lines included (`|-   0x0103\n-   0x0104\n\n|-
/// 16974597\n…|text|`): inside a table (a header row over a delimiter row),
/// a row line with fewer cells than the delimiter row that does not close
/// its last cell continues over the next lines until it has the table's
/// cells and ends with `|`. Each line break
/// inside becomes [`CELL_BREAK`] (the same byte length), so the cell keeps
/// its lines as parts and line numbers stay the page's. A row that never
/// completes is left as it is.
fn join_spread_rows<'a>(
    text: Cow<'a, str>,
    file: &str,
    lines: &LineIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    let physical: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0usize, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line))
        })
        .collect();
    let mut breaks: Vec<usize> = Vec::new();
    let mut width = 0usize;
    let mut index = 0;
    while index < physical.len() {
        let line = physical[index].1.trim();
        if !line.starts_with('|') {
            if width > 0 && line.is_empty() {
                width = 0;
            }
            if index + 1 < physical.len() && is_delimiter_row(physical[index + 1].1) && line.contains('|') {
                width = raw_cell_count(physical[index + 1].1);
            }
            index += 1;
            continue;
        }
        if width == 0 {
            // GFM takes a table's width from its delimiter row.
            if index + 1 < physical.len() && is_delimiter_row(physical[index + 1].1) {
                width = raw_cell_count(physical[index + 1].1);
                index += 2;
            } else {
                index += 1;
            }
            continue;
        }
        // A short row that closes its last cell is complete (GFM pads it);
        // a lone `|` opens a row whose cells follow on the next lines.
        if (line.ends_with('|') && line != "|") || raw_cell_count(line) >= width || is_delimiter_row(line) {
            index += 1;
            continue;
        }
        // Gather lines until the row has its cells and ends with `|`.
        let mut joined = line.to_owned();
        let mut end = None;
        for (next, (_, text)) in physical.iter().enumerate().take(index + MAX_SPREAD_LINES).skip(index + 1) {
            joined.push(' ');
            joined.push_str(text.trim());
            if text.trim().ends_with('|') && raw_cell_count(&joined) >= width {
                end = Some(next);
                break;
            }
        }
        let Some(end) = end else {
            index += 1;
            continue;
        };
        for (start, line) in &physical[index..end] {
            let newline = start + line.len() - 1;
            if line.ends_with("\r\n") {
                breaks.push(newline - 1);
            }
            breaks.push(newline);
        }
        diagnostics.push(Diagnostic::new(
            DiagnosticKind::BrokenRowJoined,
            file,
            lines.line(physical[index].0),
            format!(
                "table row spread over lines {} to {}; its lines were read as one row, each cell keeping its lines",
                lines.line(physical[index].0),
                lines.line(physical[end].0)
            ),
        ));
        index = end + 1;
    }
    if breaks.is_empty() {
        return text;
    }
    let mut bytes = text.into_owned().into_bytes();
    for at in breaks {
        bytes[at] = CELL_BREAK as u8;
    }
    // ASCII bytes replaced by an ASCII byte: still UTF-8.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
}

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

/// Pages at least this large are read in sections on every core.
pub const SECTIONED_BYTES: usize = 1 << 20;

/// About how much of a page one section holds: small enough that the
/// parser's tree of a section stays in the caches and little memory is
/// held at once, large enough that a section's set-up does not count.
const SECTION_BYTES: usize = 256 << 10;

/// Reads a page like [`read`], but a page of at least `min_bytes` is cut
/// into sections of about [`SECTION_BYTES`] at safe places, and the
/// sections are read on every core, a few at a time. A safe place is an
/// ATX heading with text, after a blank line, outside front matter, fenced
/// code, HTML comments, admonitions and any open `<table>`, `<div>`,
/// `<details>` or note component; a page with link reference definitions is
/// never cut (a reference may be used far from its definition). Each
/// section is read with the page's own line numbers. The sections'
/// documents are joined in page order: the result equals reading the page
/// at once (tested on every real page, cut at every safe place).
pub fn read_in_sections(
    text: &str,
    file: &str,
    options: &ReadOptions,
    embedded: &EmbeddedHtml,
    min_bytes: usize,
) -> (RawDoc, Vec<Diagnostic>) {
    if text.len() < min_bytes || crate::parallel::cores() < 2 {
        return read(text, file, options, embedded);
    }
    let mut bounds = vec![0];
    for cut in safe_cuts(text) {
        if cut >= bounds.last().copied().unwrap_or(0) + SECTION_BYTES {
            bounds.push(cut);
        }
    }
    if bounds.len() < 2 {
        return read(text, file, options, embedded);
    }
    bounds.push(text.len());
    read_parts(text, file, options, embedded, &bounds)
}

/// Reads `text` cut at `bounds` (byte offsets of safe places, first 0, last
/// the length), several parts at the same time.
pub fn read_parts(
    text: &str,
    file: &str,
    options: &ReadOptions,
    embedded: &EmbeddedHtml,
    bounds: &[usize],
) -> (RawDoc, Vec<Diagnostic>) {
    // The page line each part starts on.
    let mut parts: Vec<(usize, usize, u32)> = Vec::with_capacity(bounds.len());
    let mut line = 1u32;
    for range in bounds.windows(2) {
        parts.push((range[0], range[1], line));
        let newlines = text.as_bytes()[range[0]..range[1]].iter().filter(|byte| **byte == b'\n').count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
    }
    let results = crate::parallel::map(parts, |(start, end, first_line)| {
        read_from_line(&text[start..end], first_line, file, options, embedded)
    });
    let mut doc = RawDoc::default();
    let mut diagnostics = Vec::new();
    for (part, found) in results {
        if doc.title.is_none() {
            doc.title = part.title;
        }
        doc.headings.extend(part.headings);
        doc.notes.extend(part.notes);
        doc.tables.extend(part.tables);
        doc.blocks.extend(part.blocks);
        diagnostics.extend(found);
    }
    (doc, diagnostics)
}

/// The byte offsets of the safe places to cut a page (see
/// [`read_in_sections`]); empty when the page must be read at once.
pub fn safe_cuts(text: &str) -> Vec<usize> {
    let body_start = super::front_matter(text).map_or(0, |(length, _)| length);
    let mut cuts = Vec::new();
    let mut offset = 0;
    let (mut fence, mut comment, mut admonitions, mut open_tags) = (None::<String>, false, 0usize, 0i64);
    let mut previous_blank = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end();
        let content = trimmed.trim_start();
        let indent = trimmed.len() - content.len();
        if let Some(marker) = &fence {
            if indent < 4
                && content.starts_with(marker.as_str())
                && content.trim_start_matches(marker.chars().next().unwrap_or('`')).trim().is_empty()
            {
                fence = None;
            }
            previous_blank = false;
            continue;
        }
        if indent < 4 && (content.starts_with("```") || content.starts_with("~~~")) {
            let mark = content.chars().next().unwrap_or('`');
            fence = Some(content.chars().take_while(|c| *c == mark).collect());
            previous_blank = false;
            continue;
        }
        if indent < 4 && content.starts_with('[') && is_reference_definition(content) {
            return Vec::new();
        }
        let safe = start >= body_start
            && previous_blank
            && !comment
            && admonitions == 0
            && open_tags == 0
            && indent == 0
            && is_atx_heading_with_text(content);
        if safe && start > 0 {
            cuts.push(start);
        }
        // What this line opens or closes.
        let mut rest = trimmed;
        loop {
            if comment {
                match rest.find("-->") {
                    Some(end) => {
                        comment = false;
                        rest = &rest[end + 3..];
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(open) => {
                        comment = true;
                        rest = &rest[open + 4..];
                    }
                    None => break,
                }
            }
        }
        if content.starts_with(":::") {
            if content.trim_start_matches(':').trim().is_empty() {
                admonitions = admonitions.saturating_sub(1);
            } else {
                admonitions += 1;
            }
        }
        open_tags += tag_balance(trimmed);
        previous_blank = trimmed.is_empty();
    }
    if fence.is_some() || comment || admonitions > 0 || open_tags != 0 {
        // The page ends inside something it opened: read it at once.
        return Vec::new();
    }
    cuts
}

/// `[label]: destination`, a link reference definition (also `[^1]:`).
fn is_reference_definition(content: &str) -> bool {
    content.find("]:").is_some_and(|close| close > 1 && !content[1..close].contains(['[', ']']))
}

/// `# Title` … `###### Title` with some text.
fn is_atx_heading_with_text(content: &str) -> bool {
    let hashes = content.bytes().take_while(|byte| *byte == b'#').count();
    (1..=6).contains(&hashes)
        && content[hashes..].starts_with([' ', '\t'])
        && !content[hashes..].trim().trim_end_matches('#').trim().is_empty()
}

/// Opened minus closed blocks that may hold headings: `<table>`, `<div>`,
/// `<details>` and note components (a self-closing tag counts as opened,
/// which only makes fewer places safe). One pass over the line's `<`s.
fn tag_balance(line: &str) -> i64 {
    let mut balance = 0;
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let (closing, name_start) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let length = name_start.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name_start.len());
        let name = &name_start[..length];
        if name.is_empty() {
            continue;
        }
        let delimited = name_start[length..].is_empty() || name_start[length..].starts_with([' ', '>', '/', '\t']);
        let counted = ["table", "div", "details"].iter().any(|tag| name.eq_ignore_ascii_case(tag))
            || super::NOTE_COMPONENTS.contains(&name);
        if delimited && counted {
            balance += if closing { -1 } else { 1 };
        }
    }
    balance
}

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

/// The cells of a table row as written: pipes split cells unless escaped
/// (`\|`) or inside a code span.
fn raw_cells(row: &str) -> Vec<String> {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut in_code = false;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '|' if !escaped && !in_code => cells.push(std::mem::take(&mut current).trim().to_owned()),
            '`' if !escaped => {
                in_code = !in_code;
                current.push(c);
            }
            _ => current.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    if !current.trim().is_empty() {
        cells.push(current.trim().to_owned());
    }
    cells
}

/// How many cells [`raw_cells`] finds in a row (counting empty cells too,
/// so never fewer), without building them.
fn raw_cell_count(row: &str) -> usize {
    let row = row.trim();
    let row = row.strip_prefix('|').unwrap_or(row);
    let (mut count, mut in_code, mut escaped, mut blank) = (0, false, false, true);
    for byte in row.bytes() {
        match byte {
            b'|' if !escaped && !in_code => {
                count += 1;
                blank = true;
                escaped = false;
                continue;
            }
            b'`' if !escaped => in_code = !in_code,
            _ => {}
        }
        blank &= byte.is_ascii_whitespace();
        escaped = byte == b'\\' && !escaped;
    }
    count + usize::from(!blank)
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
