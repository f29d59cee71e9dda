//! The form `list-items`: one list item per code (`` - `0` - Success``,
//! `- Error number: 8001` over its explanation, `**500, 502, 504** Internal
//! Error`), or one definition per code (`**12**` over `:   text`), with
//! the item's labelled lines and paragraphs as its record; only among at
//! least [`MIN_SIBLINGS`] items of one list.

use super::codes::{code_with_title, numbering, parse_code};
use super::{Page, ProseEntry};
use crate::code::{Code, CodeCell};
use crate::lower::labels::{Field, label, push};
use crate::lower::thresholds::MIN_SIBLINGS;
use crate::lower::words;
use crate::raw::BlockKind;
use crate::read::inline::plain;

/// `0 - Success`, `1001: text`, `Error number: 8001`: the code and the text.
/// An item's code, its literal, its message, its other texts and the
/// title written after the code (`**404 Not Found** - …`).
pub(crate) type ItemCode = (CodeCell, Option<String>, String, Vec<(Field, String)>, Option<String>);

/// From a block: its source `text` (where emphasis still sets codes apart)
/// and its decoded text.
pub(crate) fn item_code(text: &str, decoded: &str) -> Option<ItemCode> {
    if is_contents_entry(decoded) {
        return None;
    }
    let mut paragraphs = decoded.split("\n\n");
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
                // `[E001](#E001): text`: the code is the link's text.
                (unlink(left.trim()).to_owned(), right.trim().to_owned())
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

/// An item that is one link to a place on the same page (`[E001: variable
/// assigned before its declaration](#E001)`): an entry of the page's table
/// of contents, whose code is documented where it points.
fn is_contents_entry(decoded: &str) -> bool {
    let text = decoded.trim();
    text.starts_with('[')
        && text.ends_with(')')
        && text
            .find("](#")
            .is_some_and(|at| !text[1..at].contains("](") && !text[at + 3..text.len() - 1].contains(['(', ')', ' ']))
}

/// The text of a link that is the whole of `text` (`[E001](#E001)`), or
/// `text`.
fn unlink(text: &str) -> &str {
    text.strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .filter(|(_, target)| target.ends_with(')') && !target[..target.len() - 1].contains([' ', '(', ')']))
        .map_or(text, |(inner, _)| inner)
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

pub fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let blocks = page.blocks;
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
                let definition = is_definition(&block.text).then(|| item_code(&block.text, &block.plain)).flatten();
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
                if let Some(parsed) = item_code(&block.text, &block.plain) {
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
