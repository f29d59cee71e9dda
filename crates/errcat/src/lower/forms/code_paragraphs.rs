//! The form `code-paragraphs`: paragraphs that open with a code and a
//! colon (`GAUSS-53200: "message"`), each followed by the paragraphs that
//! describe it (`错误原因：…`, `解决办法：…`), up to the next such paragraph
//! or heading; only among at least [`MIN_SIBLINGS`] under one heading.

use super::codes::{code_with_title, numbering};
use super::{Page, ProseEntry};
use crate::code::CodeCell;
use crate::lower::labels::{Field, body_texts};
use crate::raw::BlockKind;
use crate::thresholds::MIN_SIBLINGS;
use std::collections::HashMap;

/// A paragraph that opens with a code and a colon: `GAUSS-53200: "text"`,
/// `[E1001]: text`, `1001：text`. The code and the rest.
pub(crate) fn code_colon_paragraph(text: &str) -> Option<(CodeCell, Option<String>, String, Option<String>)> {
    let (head, rest) = text.split_once([':', '：'])?;
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let (cell, literal, title) = code_with_title(head)?;
    matches!(cell, CodeCell::Codes(_)).then(|| (cell, literal, rest.to_owned(), title))
}

/// A paragraph that opens with a code: its block index, the code, its
/// literal, the message, the line of the heading above, and the title
/// written after the code (`400 Bad Request：…`).
type CodeParagraph = (usize, CodeCell, Option<String>, String, Option<u32>, Option<String>);

/// `GAUSS-53200: "message"`, then `错误原因：…` and `解决办法：…`: paragraphs
/// that open with a code and a colon (the rest is the message), each
/// followed by the paragraphs that describe it, up to the next such
/// paragraph or heading. Only among at least three under one heading, and
/// not when the codes merely number them.
pub(crate) fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let blocks = page.blocks;
    let mut starts: Vec<CodeParagraph> = Vec::new();
    let mut section_line = None;
    for (index, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading(_) => section_line = Some(block.line),
            BlockKind::Paragraph if !consumed[index] => {
                if let Some((cell, literal, message, title)) = code_colon_paragraph(&block.plain) {
                    starts.push((index, cell, literal, message, section_line, title));
                }
            }
            _ => {}
        }
    }
    let mut per_section: HashMap<Option<u32>, Vec<&CodeCell>> = HashMap::new();
    for start in &starts {
        per_section.entry(start.4).or_default().push(&start.1);
    }
    let accepted: std::collections::HashSet<Option<u32>> = per_section
        .iter()
        .filter(|(_, cells)| cells.len() >= MIN_SIBLINGS && !numbering(cells))
        .map(|(section, _)| *section)
        .collect();
    starts.retain(|start| accepted.contains(&start.4));
    for (position, (index, cell, literal, message, section_line, title)) in starts.iter().enumerate() {
        let next = starts.get(position + 1).map_or(blocks.len(), |start| start.0);
        let end = (index + 1..next).find(|at| matches!(blocks[*at].kind, BlockKind::Heading(_))).unwrap_or(next);
        let body = &blocks[index + 1..end];
        let mut texts = vec![(Field::Message, message.clone())];
        body_texts(body, &mut texts, false);
        for flag in &mut consumed[*index..end] {
            *flag = true;
        }
        let first = blocks[*index].line;
        let last = body.last().map_or(blocks[*index].last_line, |block| block.last_line);
        found.push(ProseEntry {
            cell: cell.clone(),
            literal: literal.clone(),
            name: title.clone(),
            title: None,
            texts,
            section_line: *section_line,
            lines: (first..=last.max(first)).collect(),
        });
    }
}
