//! The form `code-lines`: a paragraph whose every line is `CODE: text`
//! (`Error 12: File too big.`, `400 Bad Request: text`), at least
//! [`MIN_CODE_LINES`] of them: one entry per line.

use super::code_paragraphs::code_colon_paragraph;
use super::codes::numbering;
use super::{Page, ProseEntry};
use crate::code::CodeCell;
use crate::lower::labels::Field;
use crate::lower::words;
use crate::raw::BlockKind;
use crate::read::inline::plain;
use crate::thresholds::{MIN_CODE_LINES, MIN_NUMBERED_CODE_LINES};

/// `Error 12: File too big.`, `1001: text`, `400 Bad Request: text`: one
/// line that opens with a code (after a word saying error or code), a
/// colon, and its text.
pub(crate) fn code_line(line: &str) -> Option<(CodeCell, Option<String>, String, Option<String>)> {
    let (head, rest) = line.split_once([':', '：'])?;
    let head = head.trim();
    let head = match head.split_once(char::is_whitespace) {
        Some((word, code)) if words::says_error(word) || words::says_code(word) => code.trim(),
        _ => head,
    };
    code_colon_paragraph(&format!("{head}: {}", rest.trim()))
}

/// A paragraph whose every line is a [`code_line`] (at least
/// [`MIN_CODE_LINES`] of them, the lines kept apart by hard breaks): an
/// entry per line.
pub(crate) fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let blocks = page.blocks;
    let mut section_line = None;
    for (index, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading(_) => section_line = Some(block.line),
            BlockKind::Paragraph if !consumed[index] => {
                // Line by line: read whole, the paragraph's lines would join.
                let lines: Vec<String> = block.text.lines().map(plain).filter(|line| !line.trim().is_empty()).collect();
                if lines.len() < MIN_CODE_LINES {
                    continue;
                }
                let parsed: Vec<_> = lines.iter().filter_map(|line| code_line(line)).collect();
                let cells: Vec<&CodeCell> = parsed.iter().map(|(cell, ..)| cell).collect();
                if parsed.len() != lines.len() || numbering(&cells) && parsed.len() < MIN_NUMBERED_CODE_LINES {
                    continue;
                }
                consumed[index] = true;
                for (offset, (cell, literal, message, title)) in parsed.into_iter().enumerate() {
                    let line = block.line + u32::try_from(offset).unwrap_or(0);
                    found.push(ProseEntry {
                        cell,
                        literal,
                        name: title,
                        title: None,
                        texts: vec![(Field::Message, message)],
                        section_line,
                        lines: vec![line],
                    });
                }
            }
            _ => {}
        }
    }
}
