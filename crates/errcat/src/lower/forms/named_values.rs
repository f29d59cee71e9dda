//! The form `named-values`: a paragraph that is only an identifier
//! (`**ERROR_SUCCESS**`), the next only the code (`0 (0x0)`), then the
//! paragraphs that describe it, up to the next such pair or heading; only
//! among at least [`MIN_SIBLINGS`] pairs under one heading.

use super::codes::parse_code;
use super::{Page, ProseEntry};
use crate::code::CodeCell;
use crate::lower::labels::body_texts;
use crate::raw::BlockKind;
use crate::thresholds::MIN_SIBLINGS;
use std::collections::HashMap;

/// A paragraph that is only a code, with its other form in parentheses:
/// `1 (0x1)`, `0x1F (31)`, `1001`. Integers only.
fn code_paragraph(text: &str) -> Option<(CodeCell, Option<String>)> {
    let text = text.trim();
    let (token, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let rest = rest.trim();
    let other_form = rest.is_empty()
        || rest
            .strip_prefix(['(', '（'])
            .and_then(|inner| inner.strip_suffix([')', '）']))
            .is_some_and(|inner| parse_code(inner).is_some());
    let (cell, literal) = parse_code(token)?;
    let integers = matches!(&cell, CodeCell::Codes(codes) if codes.iter().all(|code| !code.is_text()));
    (other_form && integers).then_some((cell, literal))
}

/// A name paragraph and its code paragraph: their block indices, the name,
/// the code, its literal, and the line of the heading above.
type NamedValue = (usize, usize, String, CodeCell, Option<String>, Option<u32>);

/// `**ERROR_SUCCESS**` over `0 (0x0)` over `The operation completed
/// successfully.`: a paragraph that is only an identifier, the next one
/// only the code, then the paragraphs that describe it, up to the next such
/// pair or heading. Like headings and items, only among at least three
/// pairs under one heading.
pub(crate) fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let blocks = page.blocks;
    let texts: Vec<&str> =
        blocks.iter().map(|block| if block.kind == BlockKind::Paragraph { block.plain.as_str() } else { "" }).collect();
    let mut pairs: Vec<NamedValue> = Vec::new();
    let mut section_line = None;
    for (index, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading(_) = block.kind {
            section_line = Some(block.line);
            continue;
        }
        let name = texts[index].trim();
        if consumed[index] || block.kind != BlockKind::Paragraph || !crate::lower::code_cells::is_identifier(name) {
            continue;
        }
        // The next paragraph with text; blank-looking ones (spaces) between.
        let Some(next) = (index + 1..blocks.len())
            .find(|next| !texts[*next].trim().is_empty() || blocks[*next].kind != BlockKind::Paragraph)
        else {
            continue;
        };
        if blocks[next].kind != BlockKind::Paragraph || consumed[next] {
            continue;
        }
        if let Some((cell, literal)) = code_paragraph(texts[next]) {
            pairs.push((index, next, name.to_owned(), cell, literal, section_line));
        }
    }
    let mut per_section: HashMap<Option<u32>, usize> = HashMap::new();
    for pair in &pairs {
        *per_section.entry(pair.5).or_default() += 1;
    }
    // Consecutive codes are fine here: each pair is named.
    pairs.retain(|pair| per_section[&pair.5] >= MIN_SIBLINGS);
    for (position, (name_index, code_index, name, cell, literal, section_line)) in pairs.iter().enumerate() {
        let next_pair = pairs.get(position + 1).map_or(blocks.len(), |pair| pair.0);
        let end = (code_index + 1..next_pair)
            .find(|index| matches!(blocks[*index].kind, BlockKind::Heading(_)))
            .unwrap_or(next_pair);
        let body = &blocks[code_index + 1..end];
        let mut texts = Vec::new();
        body_texts(body, &mut texts, false);
        for flag in &mut consumed[*name_index..end] {
            *flag = true;
        }
        let first = blocks[*name_index].line;
        let last = body.iter().rev().find(|block| !block.plain.is_empty()).map_or(first, |block| block.last_line);
        found.push(ProseEntry {
            cell: cell.clone(),
            literal: literal.clone(),
            name: Some(name.clone()),
            title: None,
            texts,
            section_line: *section_line,
            lines: (first..=last.max(first)).collect(),
        });
    }
}
