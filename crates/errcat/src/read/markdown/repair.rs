//! What page conversion does to a markdown table, repaired in the text
//! before it is parsed: a row broken over two physical lines, a row spread
//! over many, header cells the delimiter row does not fit. Byte offsets stay
//! valid, so line numbers computed on the original text still hold. Nothing
//! here parses markdown.

use super::super::LineIndex;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use std::borrow::Cow;

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
pub(super) fn is_delimiter_row(line: &str) -> bool {
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
pub(super) fn trim_header_cells(
    text: &mut Cow<'_, str>,
    file: &str,
    lines: &LineIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
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

pub(super) fn join_broken_rows<'a>(
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
pub(super) const CELL_BREAK: char = '\u{1}';

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
pub(super) fn join_spread_rows<'a>(
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

/// (`\|`) or inside a code span.
pub(super) fn raw_cells(row: &str) -> Vec<String> {
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
pub(super) fn raw_cell_count(row: &str) -> usize {
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
