//! The form `code-headings`: one heading per code (`## 201 权限校验失败`,
//! `#### P1000`, `## ER_FOO (1004)`, `## Check the arguments [arg-type]`,
//! `## CODE_NAME` over `Value: 1001`), with the blocks below it as its
//! record. A heading is a code only among siblings: at least
//! [`MIN_SIBLINGS`] code headings of one level under one parent (or over
//! the whole page, when they are at least half of that level's headings),
//! and not when their codes merely number them. A heading whose section
//! holds a table titles that table.

use super::codes::{numbering, parenthesized_name, parse_code};
use super::{Page, ProseEntry};
use crate::code::{Code, CodeCell};
use crate::lower::labels::{Field, body_texts};
use crate::lower::words;
use crate::raw::{BlockKind, RawBlock};
use crate::thresholds::MIN_SIBLINGS;
use std::collections::HashMap;

/// The code, name and title a heading carries.
/// A heading's code, its literal, the name and the title it gives.
pub(crate) type HeadingCode = (CodeCell, Option<String>, Option<String>, Option<String>);

/// From the heading's decoded text.
pub(crate) fn heading_code(title: &str) -> Option<HeadingCode> {
    let mut title = title.to_owned();
    // A heading anchor (`{#exit-codes}`) is not part of the title.
    if title.ends_with('}')
        && let Some(open) = title.rfind("{#")
    {
        title.truncate(open);
        title = title.trim_end().to_owned();
    }
    // `Check that type arguments exist [type-arg]`: a title, then the code
    // in brackets at its end.
    if let Some(open) = title.rfind('[')
        && title.ends_with(']')
        && let before = title[..open].trim()
        && !before.is_empty()
        && let Some((cell @ CodeCell::Codes(_), literal)) = parse_code(&title[open + 1..title.len() - 1])
    {
        return Some((cell, literal, None, Some(before.to_owned())));
    }
    // `ER_FOO (1004)`: a name, then the code.
    if let Some((name, rest)) = title.split_once(['(', '（'])
        && let Some((code, after)) = rest.split_once([')', '）'])
        && crate::idents::is_identifier(name.trim())
        && let Some((cell @ CodeCell::Codes(_), literal)) = parse_code(code)
    {
        let after = after.trim_start_matches([' ', '-', '—', '–', ':', '：']).trim();
        return Some((cell, literal, Some(name.trim().to_owned()), (!after.is_empty()).then(|| after.to_owned())));
    }
    // `ERROR 9516 (HY000): text`: a code word before the code.
    let title = match title.split_once(char::is_whitespace) {
        Some((word, rest)) if words::says_code(word) || word.eq_ignore_ascii_case("error") => rest.trim_start(),
        _ => title.as_str(),
    };
    let end = title.find(|c: char| c.is_whitespace() || matches!(c, '：' | '(' | '（')).unwrap_or(title.len());
    let (token, rest) = title.split_at(end);
    let token = token.trim_end_matches(':');
    let (cell, literal) = parse_code(token)?;
    let rest = rest.trim_start_matches([' ', '-', '—', '–', ':', '：', '|']).trim();
    if let Some(name) = parenthesized_name(rest) {
        return Some((cell, literal, Some(name), None));
    }
    // `(HY000): text`: a qualifier (a SQLSTATE), then the title.
    let rest = match rest.strip_prefix(['(', '（']).and_then(|inner| inner.split_once([')', '）'])) {
        Some((qualifier, after)) if !qualifier.contains(' ') && after.trim_start().starts_with([':', '：']) => {
            after.trim_start_matches([' ', ':', '：']).trim()
        }
        _ => rest,
    };
    Some((cell, literal, None, (!rest.is_empty()).then(|| rest.to_owned())))
}

pub(crate) fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let (blocks, table_lines) = (page.blocks, page.table_lines);
    // Candidates grouped by (level, parent heading index).
    let mut parents: Vec<(u8, usize)> = Vec::new();
    let mut candidates: HashMap<(u8, Option<usize>), Vec<usize>> = HashMap::new();
    let mut parsed = HashMap::new();
    for (index, block) in blocks.iter().enumerate() {
        let BlockKind::Heading(level) = block.kind else { continue };
        while parents.last().is_some_and(|(parent_level, _)| *parent_level >= level) {
            parents.pop();
        }
        let parent = parents.last().map(|(_, parent)| *parent);
        // The section runs to the next heading of this level or above.
        let end = blocks[index + 1..]
            .iter()
            .find(|other| matches!(other.kind, BlockKind::Heading(other) if other <= level))
            .map_or(u32::MAX, |other| other.line);
        let holds_table = table_lines.iter().any(|line| (block.line..end).contains(line));
        if let Some(code) = heading_code(&block.plain).or_else(|| declared(blocks, index)).filter(|_| !holds_table) {
            candidates.entry((level, parent)).or_default().push(index);
            parsed.insert(index, (code, parent));
        }
        parents.push((level, index));
    }
    // Code headings of one level spread over several parents (a family of
    // codes per section, one or two each) count together: the level is
    // read when it holds at least three of them and they are at least half
    // of its headings.
    let mut by_level: HashMap<u8, (usize, usize)> = HashMap::new();
    for block in blocks {
        if let BlockKind::Heading(level) = block.kind {
            by_level.entry(level).or_default().1 += 1;
        }
    }
    for ((level, _), indices) in &candidates {
        let cells: Vec<&CodeCell> = indices.iter().map(|index| &parsed[index].0.0).collect();
        if !numbering(&cells) {
            by_level.entry(*level).or_default().0 += indices.len();
        }
    }
    let level_reads = |level: u8| {
        by_level.get(&level).is_some_and(|(codes, headings)| *codes >= MIN_SIBLINGS && codes * 2 >= *headings)
    };
    let mut accepted: Vec<usize> = candidates
        .into_iter()
        .filter(|((level, _), indices)| {
            let cells: Vec<&CodeCell> = indices.iter().map(|index| &parsed[index].0.0).collect();
            (indices.len() >= MIN_SIBLINGS || level_reads(*level)) && !numbering(&cells)
        })
        .flat_map(|(_, indices)| indices)
        .collect();
    accepted.sort_unstable();
    for (position, &index) in accepted.iter().enumerate() {
        let BlockKind::Heading(level) = blocks[index].kind else { continue };
        let ((cell, literal, name, title), parent) = parsed[&index].clone();
        let next_code = accepted.get(position + 1).copied().unwrap_or(blocks.len());
        let end = blocks[index + 1..]
            .iter()
            .position(|block| matches!(block.kind, BlockKind::Heading(other) if other <= level))
            .map_or(blocks.len(), |offset| index + 1 + offset)
            .min(next_code);
        let (mut cell, mut literal, mut name) = (cell, literal, name);
        let mut body = &blocks[index + 1..end];
        // `## CODE_NAME` over `Value: 1001`: the heading names the code.
        if let CodeCell::Codes(codes) = &cell
            && let [Code::Text(text)] = codes.as_slice()
            && let Some((value, value_literal)) = body.first().and_then(|block| value_line(block, text))
        {
            name = name.or_else(|| Some(text.to_string()));
            cell = value;
            literal = value_literal;
            body = &body[1..];
        }
        let mut texts = Vec::new();
        let title_given = title.is_some();
        if let Some(title) = title.clone() {
            texts.push((Field::Message, title));
        }
        let displaced = body_texts(body, &mut texts, title_given);
        let title = if displaced { title } else { None };
        for flag in &mut consumed[index..end] {
            *flag = true;
        }
        let last = body.last().map_or(blocks[index].last_line, |block| block.last_line);
        found.push(ProseEntry {
            cell,
            literal,
            name,
            title,
            texts,
            section_line: parent.map(|parent| blocks[parent].line),
            lines: (blocks[index].line..=last.max(blocks[index].line)).collect(),
        });
    }
}

/// A heading that is only a name, declared by the block below it
/// (`### TIMEOUT` over `TIMEOUT: "TIMEOUT"`): the name, as a code the
/// declaration replaces.
fn declared(blocks: &[RawBlock], index: usize) -> Option<HeadingCode> {
    let name = blocks[index].plain.trim();
    let is_name = crate::idents::is_identifier(name) || crate::lower::code_cells::is_identifier(name);
    let next = blocks.get(index + 1)?;
    (is_name && value_line(next, name).is_some()).then(|| (CodeCell::Codes(vec![Code::text(name)]), None, None, None))
}

/// The value a line below a named code gives it: `Value: 1001`, `Code:
/// 0x10`, `错误码：1001`; or the declaration of the heading's `name`
/// (`NAME: "VALUE"`, `NAME = 12`, an API reference's signature), whose
/// value may be a quoted string code.
fn value_line(block: &RawBlock, name: &str) -> Option<(CodeCell, Option<String>)> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item(_)) {
        return None;
    }
    let text = &block.plain;
    let (head, value) = text.split_once([':', '：', '='])?;
    let head = head.trim().trim_matches('`');
    if head == name {
        let value = value.trim().trim_matches('`').trim().trim_end_matches([',', ';']);
        let quoted = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
        let quoted = quoted.or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
        return match quoted {
            Some(code) if Code::looks_like_text_code(code) => Some((CodeCell::Codes(vec![Code::text(code)]), None)),
            Some(_) => None,
            None => {
                parse_code(value).filter(|(cell, _)| !matches!(cell, CodeCell::Codes(c) if c.iter().any(Code::is_text)))
            }
        };
    }
    if text.contains('=') && !text.contains([':', '：']) {
        return None;
    }
    let (head, value) = text.split_once([':', '：'])?;
    let says_value = words::roles_in(head.trim()).first() == Some(&crate::lower::words::ColumnRole::Code);
    let (cell, literal) = parse_code(value.trim())
        .filter(|(cell, _)| !matches!(cell, CodeCell::Codes(c) if c.iter().any(Code::is_text)))?;
    says_value.then_some((cell, literal))
}
