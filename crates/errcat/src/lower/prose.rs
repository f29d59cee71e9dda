//! Codes documented outside tables: one heading per code (`## 201 权限校验失败`,
//! `#### P1000`, `## ER_FOO (1004)`, `## Check the arguments [arg-type]`),
//! a name paragraph over a code paragraph (`**ERROR_SUCCESS**`, `0 (0x0)`) or one list item per code (`` - `0` -
//! Success``, `- Error number: 8001`), with the prose below as message,
//! labelled cause and solution (`**可能原因**`, `Cause:`) and notes; and
//! constants defined in code blocks (`ERR_A = -1,`, `#define ERR_A 1`) that
//! a table's name column refers to.
//!
//! A heading or item is a code only among siblings: at least three headings
//! of one level under one parent (or three items of one list) must carry
//! codes, and codes that merely number them (1, 2, 3…) do not count. This
//! module sees raw blocks only; it builds no entries (`lower` does).

use super::labels::{Field, field_of_head, label_of};
use super::words;
use crate::code::{Code, CodeCell};
use crate::raw::{BlockKind, RawBlock};
use crate::read::inline::{TextBuilder, split_html};
use std::collections::HashMap;

/// One code found in prose, with its texts by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseEntry {
    pub cell: CodeCell,
    /// The code as written when it is not plain decimal (`0x1F`).
    pub literal: Option<String>,
    pub name: Option<String>,
    /// The short title a code heading gives when a labelled description
    /// below it is the message (`### 80000000 成功` over `**错误描述**`).
    pub title: Option<String>,
    pub texts: Vec<(Field, String)>,
    /// The heading the entry stands under (its line), for its section.
    pub section_line: Option<u32>,
    pub lines: Vec<u32>,
}

/// Every code documented in headings or list items, in page order.
/// `table_lines` are the lines of the page's tables: a heading whose
/// section holds a table titles that table, it is not a code.
pub fn entries(blocks: &[RawBlock], table_lines: &[u32], pattern: Option<&LinePattern>) -> Vec<ProseEntry> {
    let mut found = Vec::new();
    let mut consumed = vec![false; blocks.len()];
    if let Some(pattern) = pattern {
        pattern_entries(blocks, pattern, &mut consumed, &mut found);
    }
    heading_entries(blocks, table_lines, &mut consumed, &mut found);
    named_value_entries(blocks, &mut consumed, &mut found);
    line_entries(blocks, &mut consumed, &mut found);
    code_paragraph_entries(blocks, &mut consumed, &mut found);
    item_entries(blocks, &consumed, &mut found);
    // A page that documents its codes only as constants in code (an enum,
    // `#define`s, a `NAME  VALUE` listing): each constant is an entry.
    if found.is_empty() && table_lines.is_empty() {
        code_block_entries(blocks, &mut found);
    }
    found.sort_by_key(|entry| entry.lines.first().copied().unwrap_or(0));
    found
}

/// Code-like text in a code position: a heading, a list item or a
/// paragraph (or one of its lines) that opens with a code, as the forms
/// above would read it, whether or not a form took it. The coverage check
/// compares them with what was read: (line, code).
pub fn code_positions(blocks: &[RawBlock]) -> Vec<(u32, Code)> {
    let mut found = Vec::new();
    // Headings that number the page's sections (`## 1 Overview`, `## 2
    // Codes`) are no code positions: by level, those whose codes count 1, 2…
    let mut by_level: HashMap<u8, Vec<CodeCell>> = HashMap::new();
    for block in blocks {
        if let BlockKind::Heading(level) = block.kind
            && let Some((cell, ..)) = heading_code(&block.text)
        {
            by_level.entry(level).or_default().push(cell);
        }
    }
    let numbered: Vec<u8> = by_level
        .iter()
        .filter(|(_, cells)| numbering(&cells.iter().collect::<Vec<_>>()))
        .map(|(level, _)| *level)
        .collect();
    let mut push = |line: u32, cell: CodeCell| {
        if let CodeCell::Codes(codes) = cell {
            found.extend(codes.into_iter().map(|code| (line, code)));
        }
    };
    for block in blocks {
        match block.kind {
            // The page's title (level 1) is not a code position.
            BlockKind::Heading(level) if level > 1 && !numbered.contains(&level) => {
                if let Some((cell, ..)) = heading_code(&block.text) {
                    push(block.line, cell);
                }
            }
            // Items of a top-level list that open with the code itself (not
            // `Error code in MySQL: 1357`, a label before another form).
            BlockKind::Item(1) => {
                let opens_with_code =
                    plain(&block.text).split([' ', ':', '：']).next().is_some_and(|first| parse_code(first).is_some());
                if let Some((cell, ..)) = item_code(&block.text).filter(|_| opens_with_code) {
                    push(block.line, cell);
                }
            }
            BlockKind::Paragraph => {
                for (offset, line) in block.text.lines().enumerate() {
                    if let Some((cell, ..)) = code_line(&plain(line)) {
                        push(block.line + u32::try_from(offset).unwrap_or(0), cell);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// The fewest headings or items of one shape that make a list of codes.
const MIN_SIBLINGS: usize = 3;

/// The fewest constants a code block lists for it to be read as the page's
/// codes.
const MIN_CODE_BLOCK_CONSTANTS: usize = 3;

/// A constant of a code line: its name, its value as written, and the
/// line's trailing comment.
type LineConstant = (String, String, Option<String>);

/// One constant of a code line: `NAME = VALUE`, `NAME(VALUE)`, `#define
/// NAME VALUE`, or `NAME   VALUE` (two columns); its name, its code as
/// written and the line's trailing `//` comment.
fn code_line_constant(line: &str) -> Option<LineConstant> {
    let (code, comment) = match line.find("//") {
        Some(at) => (&line[..at], Some(line[at + 2..].trim())),
        None => (line, None),
    };
    let code = code.split("/*").next().unwrap_or("").trim().trim_end_matches([',', ';']).trim();
    let (left, value) = if let Some(rest) = code.strip_prefix("#define") {
        let mut parts = rest.split_whitespace();
        (parts.next()?.to_owned(), parts.next()?.to_owned())
    } else if let Some((left, right)) = code.split_once('=') {
        (left.trim().to_owned(), right.trim().to_owned())
    } else if let Some((left, right)) = code.strip_suffix(')').and_then(|c| c.split_once('(')) {
        (left.trim().to_owned(), right.trim().to_owned())
    } else {
        let mut parts = code.split_whitespace();
        let (name, value) = (parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (name.to_owned(), value.to_owned())
    };
    let value = value.trim_matches(['(', ')', '`']).trim().to_owned();
    let names: Vec<&str> = left.split_whitespace().filter(|word| !NOT_NAMES.contains(word)).collect();
    let [name] = names.as_slice() else { return None };
    if !crate::naming::is_identifier(name) || Code::parse(&value).is_err() {
        return None;
    }
    let comment =
        comment.map(|text| text.trim_start_matches(['/', '!', '<']).trim().to_owned()).filter(|t| !t.is_empty());
    Some(((*name).to_owned(), value, comment))
}

/// The text of a comment line (`/** Unknown error. */`, `/// text`,
/// `// text`), when the line is only a comment.
fn doc_comment(line: &str) -> Option<String> {
    let line = line.trim();
    let text =
        if let Some(rest) = line.strip_prefix("/*") { rest.strip_suffix("*/")? } else { line.strip_prefix("//")? };
    let text = text.trim_start_matches(['*', '/', '!', '<']).trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Entries from code blocks that list at least
/// [`MIN_CODE_BLOCK_CONSTANTS`] integer constants: the value is the code,
/// the constant its name, a trailing comment its message.
fn code_block_entries(blocks: &[RawBlock], found: &mut Vec<ProseEntry>) {
    let mut section_line = None;
    for block in blocks {
        match block.kind {
            BlockKind::Heading(_) => section_line = Some(block.line),
            // A fence that a raw HTML block swallowed (no blank line after
            // `<div>…</div>`) is read as the HTML block's text.
            BlockKind::Code | BlockKind::Html => {
                let first = if block.kind == BlockKind::Code { block.line + 1 } else { block.line };
                let mut comment: Option<String> = None;
                let mut constants: Vec<(u32, LineConstant)> = Vec::new();
                for (offset, line) in block.text.lines().enumerate() {
                    let line_number = first + u32::try_from(offset).unwrap_or(0);
                    if let Some((name, value, trailing)) = code_line_constant(line) {
                        // The doc comment on the line above, when none trails.
                        constants.push((line_number, (name, value, trailing.or(comment.take()))));
                    } else {
                        comment = doc_comment(line);
                    }
                }
                if constants.len() < MIN_CODE_BLOCK_CONSTANTS {
                    continue;
                }
                for (line, (name, value, comment)) in constants {
                    let Some((cell, literal)) = parse_code(&value) else { continue };
                    found.push(ProseEntry {
                        cell,
                        literal,
                        name: Some(name),
                        title: None,
                        texts: comment.map(|text| vec![(Field::Message, text)]).unwrap_or_default(),
                        section_line,
                        lines: vec![line],
                    });
                }
            }
            _ => {}
        }
    }
}

/// Light markdown from a block's source, made the way table cells are:
/// inline HTML through the readers' [`TextBuilder`] (`<br>` a line break,
/// notes, entities, tags dropped), markdown escapes undone, emphasis
/// markers dropped, code spans kept in backticks; soft line breaks join,
/// list lines stay lines, and a blank line is a paragraph break (`\n\n`).
pub fn plain(source: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut paragraph = String::new();
    for line in source.lines() {
        if line.trim().is_empty() {
            paragraphs.push(std::mem::take(&mut paragraph));
        } else {
            if !paragraph.is_empty() {
                paragraph.push('\n');
            }
            paragraph.push_str(line.trim());
        }
    }
    paragraphs.push(paragraph);
    let mut out = String::with_capacity(source.len());
    for paragraph in paragraphs.iter().filter(|paragraph| !paragraph.is_empty()) {
        let mut builder = TextBuilder::new();
        for (code, part) in code_spans(paragraph) {
            // A code span is text as written: `<variable-name>` is no tag.
            if code {
                builder.text(part);
                continue;
            }
            for piece in split_html(part) {
                if piece.starts_with('<') {
                    builder.html(piece, "", 0);
                } else {
                    builder.text(&unescape(piece));
                }
            }
        }
        let cell = builder.finish_cell();
        let text = cell.parts.into_iter().chain(cell.notes).collect::<Vec<_>>().join("\n");
        let text = text.replace("**", "").replace("__", "");
        let text = text.trim();
        if !text.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(text);
        }
    }
    out
}

/// `text` cut into code spans (`` `…` ``, with their backticks; `true`)
/// and the text between them (`false`). An unclosed backtick is text.
fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].chars().take_while(|c| *c == '`').count();
        let fence = &rest[open..open + ticks];
        let Some(close) = rest[open + ticks..].find(fence) else { break };
        let end = open + ticks + close + ticks;
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open..end]));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// Markdown source with its backslash escapes undone (`SDS\_EOS`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(*next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A code as a heading or item writes it: an integer, hex, a range, or a
/// string code with a letter and a digit (`P1000`, `KMS.0101`) or made of
/// several words (`each_key_duplicate`, `InvalidParameter.Missing`).
fn parse_code(text: &str) -> Option<(CodeCell, Option<String>)> {
    let text = text.trim().trim_matches(['`', '*', '[', ']']).trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "-~–—".contains(c)) {
        let hex = text.starts_with("0x") || text.starts_with("0X");
        if let Ok(cell) = CodeCell::parse(text) {
            return Some((cell, hex.then(|| text.to_owned())));
        }
    }
    let words = text.split(['.', '_', '-', ':', '/']).filter(|word| !word.is_empty()).count();
    let string_code = Code::looks_like_text_code(text)
        && ((text.chars().any(|c| c.is_ascii_digit()) && text.chars().any(|c| c.is_ascii_alphabetic())) || words > 1);
    string_code.then(|| (CodeCell::Codes(vec![Code::text(text)]), None))
}

/// `400 Bad Request`, `100 Continue`: one integer code and the short title
/// the page gives it (at most six words, no sentence punctuation); or a
/// code alone. Returns the code, its literal and the title.
fn code_with_title(text: &str) -> Option<(CodeCell, Option<String>, Option<String>)> {
    if let Some((cell, literal)) = parse_code(text) {
        return Some((cell, literal, None));
    }
    let text = text.trim().trim_matches(['`', '*']).trim();
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let (cell, literal) = parse_code(first)?;
    if !matches!(&cell, CodeCell::Codes(codes) if codes.len() == 1 && !codes[0].is_text()) {
        return None;
    }
    let title = rest.trim().trim_matches(['`', '*']).trim();
    let is_title = !title.is_empty()
        && title.split_whitespace().count() <= 6
        && title.chars().count() <= 48
        && title.chars().next().is_some_and(char::is_alphabetic)
        && !title.contains(['.', '。', ',', '，', ':', '：', '(', '（', ';', '；', '!', '?', '？']);
    is_title.then(|| (cell, literal, Some(title.to_owned())))
}

/// An identifier or `A|B` identifiers in parentheses: `(ServerError)`.
fn parenthesized_name(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix(['(', '（'])?.strip_suffix([')', '）'])?.trim();
    let ok = !inner.is_empty()
        && inner.split('|').all(|part| super::columns::is_identifier(part) || crate::naming::is_identifier(part));
    ok.then(|| inner.to_owned())
}

/// The code, name and title a heading carries.
/// A heading's code, its literal, the name and the title it gives.
type HeadingCode = (CodeCell, Option<String>, Option<String>, Option<String>);

fn heading_code(title: &str) -> Option<HeadingCode> {
    let mut title = plain(title);
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
        && crate::naming::is_identifier(name.trim())
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

/// True when the codes only number their headings or items (1, 2, 3…).
fn numbering(cells: &[&CodeCell]) -> bool {
    let numbers: Vec<i64> = cells
        .iter()
        .filter_map(|cell| match cell {
            CodeCell::Codes(codes) if codes.len() == 1 => codes[0].as_int(),
            _ => None,
        })
        .collect();
    numbers.len() == cells.len()
        && numbers.first().is_some_and(|first| *first <= 1)
        && numbers.windows(2).all(|p| p[0].checked_add(1) == Some(p[1]))
}

fn heading_entries(blocks: &[RawBlock], table_lines: &[u32], consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
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
        if let Some(code) = heading_code(&block.text).filter(|_| !holds_table) {
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
            && let Some((value, value_literal)) = body.first().and_then(value_line)
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
fn named_value_entries(blocks: &[RawBlock], consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let texts: Vec<String> = blocks
        .iter()
        .map(|block| if block.kind == BlockKind::Paragraph { plain(&block.text) } else { String::new() })
        .collect();
    let mut pairs: Vec<NamedValue> = Vec::new();
    let mut section_line = None;
    for (index, block) in blocks.iter().enumerate() {
        if let BlockKind::Heading(_) = block.kind {
            section_line = Some(block.line);
            continue;
        }
        let name = texts[index].trim();
        if consumed[index] || block.kind != BlockKind::Paragraph || !super::columns::is_identifier(name) {
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
        if let Some((cell, literal)) = code_paragraph(&texts[next]) {
            pairs.push((index, next, name.to_owned(), cell, literal, section_line));
        }
    }
    let mut per_section: HashMap<Option<u32>, usize> = HashMap::new();
    for pair in &pairs {
        *per_section.entry(pair.5).or_default() += 1;
    }
    // Consecutive codes are fine here: each pair is named.
    pairs.retain(|pair| per_section[&pair.5] >= 3);
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
        let last =
            body.iter().rev().find(|block| !plain(&block.text).is_empty()).map_or(first, |block| block.last_line);
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

/// A paragraph that opens with a code and a colon: `GAUSS-53200: "text"`,
/// `[E1001]: text`, `1001：text`. The code and the rest.
fn code_colon_paragraph(text: &str) -> Option<(CodeCell, Option<String>, String, Option<String>)> {
    let (head, rest) = text.split_once([':', '：'])?;
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    let (cell, literal, title) = code_with_title(head)?;
    matches!(cell, CodeCell::Codes(_)).then(|| (cell, literal, rest.to_owned(), title))
}

/// The user's line pattern (`line_pattern:`, `--line-pattern`): a regular
/// expression with a `code` group and optional `message`, `name`, `cause`
/// and `solution` groups.
#[derive(Debug)]
pub struct LinePattern {
    regex: regex::Regex,
}

impl LinePattern {
    /// Compiles the pattern; an invalid one, or one without a `code`
    /// group, is the reason why not.
    pub fn new(pattern: &str) -> Result<LinePattern, String> {
        let regex = regex::Regex::new(&format!("^(?:{pattern})$"))
            .map_err(|error| format!("line_pattern `{pattern}` is not a regular expression: {error}"))?;
        if !regex.capture_names().flatten().any(|name| name == "code") {
            return Err(format!("line_pattern `{pattern}` has no `(?P<code>…)` group"));
        }
        Ok(LinePattern { regex })
    }

    /// The entry a line gives, when the pattern matches it whole.
    fn entry(&self, line: &str, line_number: u32, section_line: Option<u32>) -> Option<ProseEntry> {
        let captures = self.regex.captures(line.trim())?;
        let group = |name: &str| captures.name(name).map(|m| m.as_str().trim().to_owned()).filter(|t| !t.is_empty());
        let (cell, literal) = parse_code(&group("code")?)?;
        let texts = [("message", Field::Message), ("cause", Field::Cause), ("solution", Field::Solution)]
            .into_iter()
            .filter_map(|(name, field)| group(name).map(|text| (field, text)))
            .collect();
        Some(ProseEntry {
            cell,
            literal,
            name: group("name"),
            title: None,
            texts,
            section_line,
            lines: vec![line_number],
        })
    }
}

/// Entries from the user's line pattern: a block any of whose lines it
/// matches is read by it alone.
/// A heading that names the entry's code (`## Error Code "12"`) is the
/// entry's own heading: its section is the nearest heading above that does
/// not.
fn pattern_entries(blocks: &[RawBlock], pattern: &LinePattern, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    // Open headings, outermost first: (level, line, text).
    let mut headings: Vec<(u8, u32, String)> = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let first = match block.kind {
            BlockKind::Heading(level) => {
                headings.retain(|(open, ..)| *open < level);
                headings.push((level, block.line, plain(&block.text)));
                continue;
            }
            BlockKind::Code => block.line + 1,
            BlockKind::Paragraph | BlockKind::Item(_) => block.line,
            BlockKind::Html => continue,
        };
        let before = found.len();
        for (offset, line) in block.text.lines().enumerate() {
            let text = if block.kind == BlockKind::Code { line.to_owned() } else { plain(line) };
            if let Some(mut entry) = pattern.entry(&text, first + u32::try_from(offset).unwrap_or(0), None) {
                let codes: Vec<String> = match &entry.cell {
                    CodeCell::Codes(codes) => codes.iter().map(ToString::to_string).collect(),
                    CodeCell::Range(from, to) => vec![from.to_string(), to.to_string()],
                };
                let names_code = |title: &str| {
                    codes.iter().any(|code| {
                        title.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).any(|word| word == code)
                    })
                };
                entry.section_line =
                    headings.iter().rev().find(|(_, _, title)| !names_code(title)).map(|(_, line, _)| *line);
                found.push(entry);
            }
        }
        if found.len() > before {
            consumed[index] = true;
        }
    }
}

/// The fewest lines of one paragraph, each `CODE: text`, that make the
/// paragraph a list of codes.
const MIN_CODE_LINES: usize = 3;

/// `Error 12: File too big.`, `1001: text`, `400 Bad Request: text`: one
/// line that opens with a code (after a word saying error or code), a
/// colon, and its text.
fn code_line(line: &str) -> Option<(CodeCell, Option<String>, String, Option<String>)> {
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
fn line_entries(blocks: &[RawBlock], consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
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
                if parsed.len() != lines.len() || numbering(&cells) && parsed.len() < 10 {
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

/// A paragraph that opens with a code: its block index, the code, its
/// literal, the message, the line of the heading above, and the title
/// written after the code (`400 Bad Request：…`).
type CodeParagraph = (usize, CodeCell, Option<String>, String, Option<u32>, Option<String>);

/// `GAUSS-53200: "message"`, then `错误原因：…` and `解决办法：…`: paragraphs
/// that open with a code and a colon (the rest is the message), each
/// followed by the paragraphs that describe it, up to the next such
/// paragraph or heading. Only among at least three under one heading, and
/// not when the codes merely number them.
fn code_paragraph_entries(blocks: &[RawBlock], consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let mut starts: Vec<CodeParagraph> = Vec::new();
    let mut section_line = None;
    for (index, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading(_) => section_line = Some(block.line),
            BlockKind::Paragraph if !consumed[index] => {
                if let Some((cell, literal, message, title)) = code_colon_paragraph(&plain(&block.text)) {
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
        .filter(|(_, cells)| cells.len() >= 3 && !numbering(cells))
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

/// The number a line below a named code gives it: `Value: 1001`, `Code:
/// 0x10`, `错误码：1001`.
fn value_line(block: &RawBlock) -> Option<(CodeCell, Option<String>)> {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Item(_)) {
        return None;
    }
    let text = plain(&block.text);
    let (head, value) = text.split_once([':', '：'])?;
    let says_value = words::roles_in(head.trim()).first() == Some(&super::columns::ColumnRole::Code);
    let (cell, literal) = parse_code(value.trim())
        .filter(|(cell, _)| !matches!(cell, CodeCell::Codes(c) if c.iter().any(Code::is_text)))?;
    says_value.then_some((cell, literal))
}

/// The field a paragraph that is only a label names (`**可能原因**`, `Cause:`).
fn bare_label(text: &str) -> Option<Field> {
    let text = plain(text);
    let head = text.trim().trim_end_matches([':', '：']).trim();
    // A sentence is text, even when it holds a label word (`No action
    // required.`).
    if head.contains('\n') || head.is_empty() || head.ends_with(['.', '。', '!', '！']) {
        return None;
    }
    field_of_head(head)
}

/// The label a prose line starts with (`Cause: …`, `**可能原因**：…`): only
/// when the words before the colon are plain words, not a link, code or
/// a sentence (`[Message.fromCell{:tact}](…)` has no label).
fn label(text: &str) -> Option<(Field, &str)> {
    let head = text.split_once([':', '：'])?.0;
    let plain_words = head.chars().all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '*' | '_' | '-'));
    plain_words.then(|| label_of(text)).flatten()
}

/// True for a paragraph that opens with a note marker (`**Note:**`, `注意：`).
fn is_note(text: &str) -> bool {
    let text = plain(text);
    let lower = text.to_lowercase();
    let first = lower.lines().next().unwrap_or("").trim();
    ["note:", "note ", "注意", "说明：", "tip:", "warning:", "important:"]
        .iter()
        .any(|marker| lower.starts_with(marker))
        || ["note", "tip", "warning", "important", "注意", "说明"].contains(&first)
}

/// Message, cause, solution and notes from the blocks below a code.
/// A paragraph whose later line opens with a label (`…is invalid.` then
/// `Resolution: …` on the next line) as two paragraphs, split there.
fn split_at_label(block: &RawBlock) -> Vec<RawBlock> {
    let lines: Vec<&str> = block.text.lines().collect();
    let labelled = |line: &&str| label(&plain(line)).is_some_and(|(_, rest)| !rest.trim().is_empty());
    match (block.kind, lines.iter().skip(1).position(labelled)) {
        (BlockKind::Paragraph, Some(at)) => {
            let (before, after) = lines.split_at(at + 1);
            let line = block.line + u32::try_from(at + 1).unwrap_or(0);
            vec![
                RawBlock { last_line: line.saturating_sub(1), text: before.join("\n"), ..block.clone() },
                RawBlock { line, text: after.join("\n"), ..block.clone() },
            ]
        }
        _ => vec![block.clone()],
    }
}

/// `from_title`: the message in `texts` is the heading's short title; a
/// labelled description below then takes its place, and the function
/// returns true (the title is kept apart by the caller).
fn body_texts(body: &[RawBlock], texts: &mut Vec<(Field, String)>, from_title: bool) -> bool {
    let mut from_title = from_title;
    let mut displaced = false;
    // A labelled description replaces a message that is only the heading's title.
    let mut take_message = |texts: &mut Vec<(Field, String)>, from_title: &mut bool, label: &str| {
        if *from_title && words::says_description(label) {
            *from_title = false;
            texts.retain(|(field, _)| *field != Field::Message);
            displaced = true;
        }
    };
    let split: Vec<RawBlock> = body.iter().flat_map(split_at_label).collect();
    let body = split.as_slice();
    let mut current: Option<Field> = None;
    let has_message = |texts: &Vec<(Field, String)>| texts.iter().any(|(field, _)| *field == Field::Message);
    // The message came from code blocks right below the code.
    let mut code_message = false;
    for (position, block) in body.iter().enumerate() {
        let text = match block.kind {
            BlockKind::Heading(_) => {
                current = bare_label(&block.text).or(Some(Field::Note));
                if current == Some(Field::Message) {
                    take_message(texts, &mut from_title, &plain(&block.text));
                }
                if current == Some(Field::Note) {
                    texts.push((Field::Note, plain(&block.text)));
                }
                continue;
            }
            BlockKind::Item(depth) if depth > 1 => continue,
            BlockKind::Item(_) => {
                // `* Cause: …` items are labelled parts.
                let text = plain(&block.text);
                if let Some((field, rest)) = label(&text).filter(|(_, rest)| !rest.trim().is_empty()) {
                    if field == Field::Message {
                        take_message(texts, &mut from_title, &text);
                    }
                    current = Some(field);
                    push(texts, field, rest.trim().to_owned());
                    continue;
                }
                format!("- {text}")
            }
            // The message as a code block right below the code (a template
            // with placeholders); other code blocks are examples.
            // Several such blocks are alternative messages.
            BlockKind::Code
                if body[..position].iter().all(|before| before.kind == BlockKind::Code)
                    && (position == 0 && !has_message(texts) || code_message) =>
            {
                let text = block.text.trim();
                if !text.is_empty() && text.lines().count() <= 3 {
                    push(texts, Field::Message, text.lines().map(str::trim).collect::<Vec<_>>().join("\n"));
                    code_message = true;
                }
                continue;
            }
            BlockKind::Code => continue,
            BlockKind::Html => plain(&block.text),
            BlockKind::Paragraph => {
                if let Some(field) = bare_label(&block.text) {
                    if field == Field::Message {
                        take_message(texts, &mut from_title, &plain(&block.text));
                    }
                    current = Some(field);
                    continue;
                }
                plain(&block.text)
            }
        };
        if text.is_empty() {
            continue;
        }
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Html) && is_note(&block.text) {
            texts.push((Field::Note, text));
            continue;
        }
        if block.kind == BlockKind::Paragraph
            && let Some((field, rest)) = label(&text)
            && !rest.trim().is_empty()
        {
            if field == Field::Message {
                take_message(texts, &mut from_title, &text);
            }
            current = Some(field);
            push(texts, field, rest.trim().to_owned());
            continue;
        }
        let field = match current {
            // A labelled message below a heading that already gives one.
            Some(Field::Message) if has_message(texts) => Field::Note,
            Some(field) => field,
            None if !has_message(texts) => Field::Message,
            None => Field::Note,
        };
        push(texts, field, text);
    }
    displaced
}

/// Appends text to a field (notes stay separate).
fn push(texts: &mut Vec<(Field, String)>, field: Field, text: String) {
    if field != Field::Note
        && let Some((_, existing)) = texts.iter_mut().find(|(other, _)| *other == field)
    {
        existing.push('\n');
        existing.push_str(&text);
        return;
    }
    texts.push((field, text));
}

/// `0 - Success`, `1001: text`, `Error number: 8001`: the code and the text.
/// An item's code, its literal, its message, its other texts and the
/// title written after the code (`**404 Not Found** - …`).
type ItemCode = (CodeCell, Option<String>, String, Vec<(Field, String)>, Option<String>);

fn item_code(text: &str) -> Option<ItemCode> {
    let plain_text = plain(text);
    let mut paragraphs = plain_text.split("\n\n");
    let first = paragraphs.next()?.to_owned();
    let (head, rest) = match first.split_once('\n') {
        Some((head, rest)) if rest.trim_start().starts_with(['-', '*']) => (head.to_owned(), rest.to_owned()),
        _ => (first.clone(), String::new()),
    };
    let mut extra: Vec<(Field, String)> = Vec::new();
    let separators = [" - ", " – ", " — ", "：", ": "];
    let cut = separators.iter().filter_map(|sep| head.find(sep).map(|at| (at, sep.len()))).min();
    let (code, message) = match cut {
        Some((at, len)) => {
            let (left, right) = (&head[..at], &head[at + len..]);
            if words::says_code(left.trim()) {
                // `Error number: 8001`: the text is on the lines below.
                (right.trim().to_owned(), String::new())
            } else {
                (left.trim().to_owned(), right.trim().to_owned())
            }
        }
        // `**500, 502, 504** Internal Error`: the code(s) set apart in bold
        // or a code span, the text after them.
        // (HTML items lose the emphasis: `500, 502, 504 Internal Error`.)
        None => {
            let (codes, rest) = emphasized_lead(text.trim_start()).or_else(|| leading_codes(&head))?;
            let codes = Code::parse_list(&codes).ok().filter(|codes| !codes.is_empty())?;
            let rest = plain(&rest);
            let message = rest.lines().next().unwrap_or("").trim().to_owned();
            if message.is_empty() {
                return None;
            }
            return Some((CodeCell::Codes(codes), None, message, Vec::new(), None));
        }
    };
    let (cell, literal, title) = code_with_title(&code)?;
    for line in rest.lines().map(|line| line.trim_start_matches(['-', '*', ' '])) {
        match label(line) {
            Some((field, value)) if !value.trim().is_empty() => extra.push((field, value.trim().to_owned())),
            _ if !line.trim().is_empty() => extra.push((Field::Note, line.trim().to_owned())),
            _ => {}
        }
    }
    for paragraph in paragraphs {
        match label(paragraph) {
            Some((field, value)) if !value.trim().is_empty() => extra.push((field, value.trim().to_owned())),
            _ => extra.push((Field::Note, paragraph.trim().to_owned())),
        }
    }
    Some((cell, literal, message, extra, title))
}

/// The text of a leading `**bold**` or `` `code span` `` and what follows
/// it on its line: `**500, 502, 504** Internal Error`.
fn emphasized_lead(text: &str) -> Option<(String, String)> {
    let marker = ["**", "__", "`"].into_iter().find(|marker| text.starts_with(marker))?;
    let inner = &text[marker.len()..];
    let close = inner.find(marker)?;
    let rest = inner[close + marker.len()..].lines().next().unwrap_or("").trim();
    Some((inner[..close].trim().to_owned(), rest.to_owned()))
}

/// Integer codes at the start of a line, listed with `,` `、` `/`, then
/// whitespace and a text that starts with a letter: `500, 502, 504
/// Internal Error`.
fn leading_codes(line: &str) -> Option<(String, String)> {
    let mut end = 0;
    let mut codes = 0;
    for (at, token) in line.split_inclusive(char::is_whitespace).scan(0, |offset, token| {
        let at = *offset;
        *offset += token.len();
        Some((at, token))
    }) {
        let bare = token.trim().trim_end_matches([',', '、', '，', '/']);
        if bare.is_empty() || !bare.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        codes += 1;
        end = at + token.len();
    }
    let rest = line[end..].trim();
    (codes > 0 && rest.starts_with(char::is_alphabetic)).then(|| (line[..end].trim().to_owned(), rest.to_owned()))
}

fn item_entries(blocks: &[RawBlock], consumed: &[bool], found: &mut Vec<ProseEntry>) {
    // Runs of items of one depth (deeper items and nothing else between).
    let mut section_line: Option<u32> = None;
    let mut run: Vec<(usize, ItemCode)> = Vec::new();
    let mut run_depth = 0u8;
    let flush = |run: &mut Vec<(usize, ItemCode)>, section_line: Option<u32>, found: &mut Vec<ProseEntry>| {
        let cells: Vec<&CodeCell> = run.iter().map(|(_, (cell, ..))| cell).collect();
        if run.len() >= MIN_SIBLINGS && !numbering(&cells) {
            for (index, (cell, literal, message, extra, title)) in run.drain(..) {
                let block = &blocks[index];
                let mut texts = Vec::new();
                if !message.is_empty() {
                    texts.push((Field::Message, message));
                }
                for (field, text) in extra {
                    let field = if field == Field::Message && !texts.is_empty() { Field::Note } else { field };
                    push(&mut texts, field, text);
                }
                found.push(ProseEntry {
                    cell,
                    literal,
                    name: title,
                    title: None,
                    texts,
                    section_line,
                    lines: (block.line..=block.last_line.max(block.line)).collect(),
                });
            }
        }
        run.clear();
    };
    for (index, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading(_) => {
                flush(&mut run, section_line, found);
                section_line = Some(block.line);
            }
            // `**12**` over `:   text` (a definition list): an item of its own list.
            BlockKind::Paragraph if !consumed[index] => {
                // Other paragraphs end a definition list, not a list of items.
                let definition = is_definition(&block.text).then(|| item_code(&block.text)).flatten();
                if definition.is_some() != (run_depth == 0) && !run.is_empty() {
                    flush(&mut run, section_line, found);
                }
                if let Some(parsed) = definition {
                    run_depth = 0;
                    run.push((index, parsed));
                }
            }
            BlockKind::Item(depth) if !consumed[index] => {
                if depth > run_depth && !run.is_empty() && run_depth != 0 {
                    continue;
                }
                if depth != run_depth {
                    flush(&mut run, section_line, found);
                    run_depth = depth;
                }
                if let Some(parsed) = item_code(&block.text) {
                    run.push((index, parsed));
                }
            }
            _ => {}
        }
    }
    flush(&mut run, section_line, found);
}

/// True for a definition-list paragraph: a term line, then `: text`.
fn is_definition(source: &str) -> bool {
    let mut lines = source.lines();
    let term = lines.next().map(plain).unwrap_or_default();
    lines.next().is_some_and(|line| line.trim_start().starts_with(':')) && parse_code(&term).is_some()
}

/// A constant defined in a code block: its name, value and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    pub value: Code,
    pub line: u32,
}

/// Words before a constant's name that are not the name.
const NOT_NAMES: &[&str] = &[
    "public",
    "private",
    "protected",
    "static",
    "final",
    "const",
    "constexpr",
    "val",
    "var",
    "let",
    "export",
    "readonly",
    "int",
    "long",
    "short",
    "unsigned",
    "signed",
    "uint32_t",
    "int32_t",
    "int64_t",
    "uint",
    "Int",
    "Long",
    "number",
    "enum",
    "typedef",
    "#define",
    "define",
];

/// Every `NAME = value` (enum members, constants) and `#define NAME value`
/// in the page's code blocks; a name defined twice with different values
/// is left out (ambiguous).
pub fn constants(blocks: &[RawBlock]) -> HashMap<String, Constant> {
    let mut found: HashMap<String, Constant> = HashMap::new();
    let mut ambiguous = Vec::new();
    for block in blocks.iter().filter(|block| block.kind == BlockKind::Code) {
        for (offset, line) in block.text.lines().enumerate() {
            let line_number = block.line + 1 + u32::try_from(offset).unwrap_or(0);
            let code = line.split("//").next().unwrap_or("").split("/*").next().unwrap_or("").trim();
            let (left, value) = if let Some(rest) = code.strip_prefix("#define") {
                let mut parts = rest.split_whitespace();
                match (parts.next(), parts.next()) {
                    (Some(name), Some(value)) => (name.to_owned(), value.trim_matches(['(', ')', '`']).to_owned()),
                    _ => continue,
                }
            } else if let Some((left, right)) = code.split_once('=') {
                let value = right.trim().trim_end_matches([',', ';']).trim();
                (left.to_owned(), value.trim_matches(['(', ')', '`']).to_owned())
            } else {
                continue;
            };
            let Ok(value) = Code::parse(&value) else { continue };
            let names: Vec<&str> = left.split_whitespace().filter(|word| !NOT_NAMES.contains(word)).collect();
            let [name] = names.as_slice() else { continue };
            if !crate::naming::is_identifier(name) {
                continue;
            }
            match found.get(*name) {
                Some(existing) if existing.value != value => ambiguous.push((*name).to_owned()),
                Some(_) => {}
                None => {
                    found.insert((*name).to_owned(), Constant { value, line: line_number });
                }
            }
        }
    }
    for name in ambiguous {
        found.remove(&name);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(kind: BlockKind, line: u32, text: &str) -> RawBlock {
        RawBlock { kind, line, last_line: line, text: text.to_owned() }
    }

    fn codes_of(found: &[ProseEntry]) -> Vec<CodeCell> {
        found.iter().map(|entry| entry.cell.clone()).collect()
    }

    #[test]
    fn constants_in_code_blocks_are_the_codes_of_a_page_without_tables() {
        let blocks = [
            block(BlockKind::Heading(1), 1, "Errors"),
            block(
                BlockKind::Code,
                2,
                "enum class E(val code: Int) {\n    UNKNOWN(-1),\n    OK(0),\n    BAD = 7, // bad input\n}\n",
            ),
            block(
                BlockKind::Code,
                9,
                "    <Name>     <Code>\n    SUCCESS    0\n    TIMEOUT    -600\n    BUSY       -700\n",
            ),
        ];
        let found = entries(&blocks, &[], None);
        let codes: Vec<CodeCell> = [-1, 0, 7, 0, -600, -700].map(|c| CodeCell::Codes(vec![Code::new(c)])).to_vec();
        assert_eq!(codes_of(&found), codes);
        assert_eq!(found[2].name.as_deref(), Some("BAD"));
        assert_eq!(found[2].texts, [(Field::Message, "bad input".to_owned())]);
        assert_eq!(found[5].name.as_deref(), Some("BUSY"));
        assert_eq!(found[5].lines, [13]);
        // A page with a table documents its codes there: code blocks only name them.
        assert!(entries(&blocks, &[20], None).is_empty());
        // A fence swallowed by a raw HTML block; doc comments above members.
        let html = "<div class=\"x\"></div>\n```cpp\ntypedef enum ErrorCode {\n    /** -10000~-19999: Common. */\n    /** Unknown error. */\n    EC_UNKNOWN = -10000,\n    EC_NO_MEMORY = -10001, // Not enough memory.\n    EC_NULL = -10002,\n} ErrorCode;\n```";
        let found = entries(&[block(BlockKind::Html, 5, html)], &[], None);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].texts, [(Field::Message, "Unknown error.".to_owned())]);
        assert_eq!(found[0].lines, [10]);
        assert_eq!(found[1].texts, [(Field::Message, "Not enough memory.".to_owned())]);
        assert!(found[2].texts.is_empty());
    }

    #[test]
    fn a_paragraph_of_code_lines_is_an_entry_per_line() {
        let text = "Error 0: Unknown error.  \nError 1: Database connection error. (database.php)  \nError 7: Thread archived.";
        let found = entries(&[block(BlockKind::Paragraph, 4, text)], &[], None);
        assert_eq!(codes_of(&found), [0, 1, 7].map(|c| CodeCell::Codes(vec![Code::new(c)])));
        assert_eq!(found[1].texts, [(Field::Message, "Database connection error. (database.php)".to_owned())]);
        assert_eq!(found.iter().map(|e| e.lines[0]).collect::<Vec<_>>(), [4, 5, 6]);
    }

    #[test]
    fn a_code_may_carry_a_short_title() {
        let titled = code_with_title("**404 Not Found**").expect("a code and its title");
        assert_eq!((titled.0, titled.2.as_deref()), (CodeCell::Codes(vec![Code::new(404)]), Some("Not Found")));
        assert_eq!(code_with_title("404 The resource was not found."), None, "a sentence is no title");
        assert_eq!(code_with_title("Error code").map(|found| found.0), None);
        let items = [
            "- **400 Bad Request** - Malformed request",
            "- **401 Unauthorized** - Missing auth",
            "- **404 Not Found** - No such thing",
        ];
        let blocks: Vec<RawBlock> =
            items.iter().enumerate().map(|(i, text)| block(BlockKind::Item(1), 3 + i as u32, &text[2..])).collect();
        let found = entries(&blocks, &[], None);
        assert_eq!(
            found.iter().map(|e| e.name.clone().unwrap_or_default()).collect::<Vec<_>>(),
            ["Bad Request", "Unauthorized", "Not Found"]
        );
        assert_eq!(found[2].texts, [(Field::Message, "No such thing".to_owned())]);
    }

    #[test]
    fn headings_with_codes_in_every_form() {
        let code = |title: &str| heading_code(title).map(|(cell, _, name, rest)| (cell, name, rest));
        assert_eq!(
            code("201 权限校验失败"),
            Some((CodeCell::Codes(vec![Code::new(201)]), None, Some("权限校验失败".to_owned())))
        );
        assert_eq!(
            code("<inlinecode>P1000</inlinecode>"),
            Some((CodeCell::Codes(vec![Code::text("P1000")]), None, None))
        );
        assert_eq!(
            code("<inlinecode>P6000</inlinecode> (<inlinecode>ServerError</inlinecode>)"),
            Some((CodeCell::Codes(vec![Code::text("P6000")]), Some("ServerError".to_owned()), None))
        );
        assert_eq!(
            code("ER_FOO (1004)"),
            Some((CodeCell::Codes(vec![Code::new(1004)]), Some("ER_FOO".to_owned()), None))
        );
        assert_eq!(
            code("1001 — Something"),
            Some((CodeCell::Codes(vec![Code::new(1001)]), None, Some("Something".to_owned())))
        );
        assert_eq!(
            code("检查类型参数是否存在 [type-arg]"),
            Some((CodeCell::Codes(vec![Code::text("type-arg")]), None, Some("检查类型参数是否存在".to_owned())))
        );
        assert_eq!(code("Overview"), None);
        assert_eq!(code("See also"), None);
        assert_eq!(code("Read the [docs]"), None, "one plain word in brackets is no code");
    }

    #[test]
    fn paragraphs_that_open_with_a_code_and_a_colon_are_entries() {
        let mut blocks = vec![block(BlockKind::Heading(1), 1, "# GAUSS-53200 -- GAUSS-53299")];
        for (line, code) in [(3, "GAUSS-53200"), (9, "\\[GAUSS-53201\\]"), (15, "GAUSS-53202")] {
            blocks.push(block(BlockKind::Paragraph, line, &format!("{code}: \"Failed.\"")));
            blocks.push(block(BlockKind::Paragraph, line + 2, "SQLSTATE:42501"));
            blocks.push(block(BlockKind::Paragraph, line + 4, "错误原因：权限不足。"));
        }
        let found = entries(&blocks, &[], None);
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].cell, CodeCell::Codes(vec![Code::text("GAUSS-53201")]));
        assert_eq!(found[1].texts[0], (Field::Message, "\"Failed.\"".to_owned()));
        assert!(found[1].texts.contains(&(Field::Cause, "权限不足。".to_owned())), "{:?}", found[1].texts);
        // Numbered paragraphs (1:, 2:, 3:) are not codes.
        let numbered: Vec<RawBlock> =
            (1..=3).map(|n| block(BlockKind::Paragraph, n * 2, &format!("{n}: step {n}"))).collect();
        assert!(entries(&numbered, &[], None).is_empty());
    }

    #[test]
    fn code_spans_keep_angle_brackets_and_sentences_are_not_labels() {
        assert_eq!(plain("review the `<variable-name>` <b>now</b>"), "review the `<variable-name>` now");
        assert_eq!(bare_label("**Action:**"), Some(Field::Solution));
        assert_eq!(bare_label("No action required."), None);
    }

    #[test]
    fn a_name_paragraph_over_a_code_paragraph_is_that_code() {
        let mut blocks = vec![block(BlockKind::Heading(2), 1, "## Codes")];
        let mut line = 2;
        for (name, value, text) in [
            ("**ERROR\\_SUCCESS**", "0 (0x0)", "The operation completed successfully."),
            ("**ERROR\\_INVALID\\_FUNCTION**", "1 (0x1)", "Incorrect function."),
            ("**ERROR\\_FILE\\_NOT\\_FOUND**", "2 (0x2)", "The system cannot find the file specified."),
        ] {
            for text in [name, value, text] {
                blocks.push(block(BlockKind::Paragraph, line, text));
                line += 2;
            }
        }
        let found = entries(&blocks, &[], None);
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].cell, CodeCell::Codes(vec![Code::new(1)]));
        assert_eq!(found[1].name.as_deref(), Some("ERROR_INVALID_FUNCTION"));
        assert_eq!(found[1].texts, vec![(Field::Message, "Incorrect function.".to_owned())]);
        assert_eq!(found[0].section_line, Some(1));
        // Two pairs are not enough.
        assert!(entries(&blocks[..7], &[], None).is_empty());
    }

    #[test]
    fn code_headings_need_siblings_and_are_not_numbering() {
        let page = [
            block(BlockKind::Heading(1), 1, "Errors"),
            block(BlockKind::Heading(2), 3, "1 Overview"),
            block(BlockKind::Heading(2), 5, "2 Usage"),
            block(BlockKind::Heading(2), 7, "3 FAQ"),
        ];
        assert!(entries(&page, &[], None).is_empty(), "section numbers are not codes");
        let page = [
            block(BlockKind::Heading(1), 1, "Errors"),
            block(BlockKind::Heading(2), 3, "201 权限校验失败"),
            block(BlockKind::Paragraph, 4, "**错误信息**"),
            block(BlockKind::Paragraph, 5, "Permission denied."),
            block(BlockKind::Paragraph, 6, "**可能原因**"),
            block(BlockKind::Paragraph, 7, "没有权限。"),
            block(BlockKind::Paragraph, 8, "**处理步骤**"),
            block(BlockKind::Item(1), 9, "申请权限。"),
            block(BlockKind::Heading(2), 11, "202 非系统应用"),
            block(BlockKind::Paragraph, 12, "Not a system app."),
            block(BlockKind::Heading(2), 14, "401 参数错误"),
            block(BlockKind::Heading(2), 16, "See also"),
            block(BlockKind::Paragraph, 17, "Other pages."),
        ];
        let found = entries(&page, &[], None);
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].texts,
            [
                (Field::Message, "权限校验失败".to_owned()),
                (Field::Note, "Permission denied.".to_owned()),
                (Field::Cause, "没有权限。".to_owned()),
                (Field::Solution, "- 申请权限。".to_owned()),
            ]
        );
        assert_eq!(found[0].section_line, Some(1));
        assert_eq!(found[0].lines, (3..=9).collect::<Vec<_>>());
        assert_eq!(found[2].lines, [14], "the body ends at the next heading");
    }

    #[test]
    fn a_named_heading_over_a_value_line_is_that_code() {
        let page = [
            block(BlockKind::Heading(2), 1, "Errors"),
            block(BlockKind::Heading(3), 2, "ERR_TIMEOUT"),
            block(BlockKind::Paragraph, 3, "Value: `1001`"),
            block(BlockKind::Paragraph, 4, "The call timed out."),
            block(BlockKind::Heading(3), 5, "ERR_DENIED"),
            block(BlockKind::Paragraph, 6, "**错误码**：1002"),
            block(BlockKind::Paragraph, 7, "Access denied."),
            block(BlockKind::Heading(3), 8, "ERR_GONE"),
            block(BlockKind::Paragraph, 9, "The resource is gone."),
        ];
        let found = entries(&page, &[], None);
        let got: Vec<(&CodeCell, Option<&str>, &str)> =
            found.iter().map(|entry| (&entry.cell, entry.name.as_deref(), entry.texts[0].1.as_str())).collect();
        assert_eq!(
            got,
            [
                (&CodeCell::Codes(vec![Code::new(1001)]), Some("ERR_TIMEOUT"), "The call timed out."),
                (&CodeCell::Codes(vec![Code::new(1002)]), Some("ERR_DENIED"), "Access denied."),
                (&CodeCell::Codes(vec![Code::text("ERR_GONE")]), None, "The resource is gone."),
            ]
        );
    }

    #[test]
    fn list_items_with_codes() {
        let page = [
            block(BlockKind::Heading(2), 1, "Exit codes"),
            block(BlockKind::Item(1), 2, "`0` - Success"),
            block(
                BlockKind::Item(1),
                3,
                "`2` - Command Line Problem, Bad or Illegal flags or command combination, or\nBad Environment Variables.",
            ),
            block(BlockKind::Item(1), 5, "`41-44` - Reserved for Google-internal use."),
            block(BlockKind::Item(1), 6, "Some other item"),
        ];
        let found = entries(&page, &[], None);
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[1].texts,
            [(
                Field::Message,
                "Command Line Problem, Bad or Illegal flags or command combination, or Bad Environment Variables."
                    .to_owned()
            )]
        );
        assert_eq!(found[2].cell, CodeCell::Range(Code::new(41), Code::new(44)));
        let steps = [
            block(BlockKind::Item(1), 1, "1: open the app"),
            block(BlockKind::Item(1), 2, "2: sign in"),
            block(BlockKind::Item(1), 3, "3: retry"),
        ];
        assert!(entries(&steps, &[], None).is_empty(), "numbered steps are not codes");
    }

    #[test]
    fn constants_from_enums_defines_and_declarations() {
        let code = block(
            BlockKind::Code,
            10,
            "typedef enum\n{\nRES_OK = 0,\n// errors\nRES_BAD      = -1,\n#define RES_HEX 0x10\npublic static final int RES_J = 7;\nA = 1,\nA = 2,\n} RES;\n",
        );
        let found = constants(&[code]);
        assert_eq!(found["RES_OK"], Constant { value: Code::new(0), line: 13 });
        assert_eq!(found["RES_BAD"].value, Code::new(-1));
        assert_eq!(found["RES_HEX"].value, Code::new(16));
        assert_eq!(found["RES_J"].value, Code::new(7));
        assert!(!found.contains_key("A"), "a name with two values is ambiguous");
    }
}
