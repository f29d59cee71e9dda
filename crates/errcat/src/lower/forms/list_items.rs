//! The form `list-items`: one list item per code (`` - `0` - Success``,
//! `- Error number: 8001` over its explanation, `**500, 502, 504** Internal
//! Error`), or one definition per code (`**12**` over `:   text`), with
//! the item's labelled lines and paragraphs as its record; only among at
//! least [`MIN_SIBLINGS`] items of one list.

use super::codes::{code_with_title, numbering, parse_code};
use super::{Page, ProseEntry};
use crate::code::{Code, CodeCell};
use crate::lower::labels::{Field, label, push};
use crate::lower::words;
use crate::raw::BlockKind;
use crate::read::inline::plain;
use crate::thresholds::MIN_SIBLINGS;

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
    // `**E101** Device not responding`, `` `0` - Success``: the code set
    // apart in bold or a code span, the text after it (whatever separators
    // the text holds).
    let lead = emphasized_lead(text.trim_start()).filter(|(codes, _)| lead_codes(codes).is_some());
    let (code, message) = if let Some((codes, rest)) = lead {
        // The text after the code: the rest of the item's first paragraph
        // (its lines joined), else the rest of its first line.
        let after = head.trim_start().trim_start_matches('`').strip_prefix(codes.as_str()).map(str::to_owned);
        let message = after.unwrap_or_else(|| plain(&rest));
        let message = message.trim_start_matches(['`', ' ', '-', '–', '—', ':', '：']);
        (codes, message.trim().to_owned())
    } else {
        match cut {
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
        }
    };
    let (cell, literal, title) = match code_with_title(&code) {
        Some(found) => found,
        None => (lead_codes(&code)?, None, None),
    };
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

/// The codes a leading `**bold**` or code span sets apart: one code as
/// prose writes it (`E101`, `0x1F`), or a list of integers (`500, 502`).
fn lead_codes(text: &str) -> Option<CodeCell> {
    if let Some((cell, _)) = parse_code(text) {
        return Some(cell);
    }
    Code::parse_list(text).ok().filter(|codes| codes.len() > 1).map(CodeCell::Codes)
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

pub(crate) fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let blocks = page.blocks;
    // Runs of items of one depth (deeper items and nothing else between).
    let mut section_line: Option<u32> = None;
    let mut run: Vec<(usize, ItemCode)> = Vec::new();
    let mut run_depth = 0u8;
    let mut runs: Vec<(Run, Option<u32>)> = Vec::new();
    let flush = |run: &mut Vec<(usize, ItemCode)>, section_line: Option<u32>, runs: &mut Vec<_>| {
        if !run.is_empty() {
            runs.push((std::mem::take(run), section_line));
        }
    };
    for (index, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading(_) => {
                flush(&mut run, section_line, &mut runs);
                section_line = Some(block.line);
            }
            // `**12**` over `:   text` (a definition list): an item of its own list.
            BlockKind::Paragraph if !consumed[index] => {
                // Other paragraphs end a definition list, not a list of items.
                let definition = is_definition(&block.text).then(|| item_code(&block.text, &block.plain)).flatten();
                if definition.is_some() != (run_depth == 0) && !run.is_empty() {
                    flush(&mut run, section_line, &mut runs);
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
                    flush(&mut run, section_line, &mut runs);
                    run_depth = depth;
                }
                if let Some(parsed) = item_code(&block.text, &block.plain) {
                    run.push((index, parsed));
                }
            }
            _ => {}
        }
    }
    flush(&mut run, section_line, &mut runs);
    // A run is a list of codes when it has enough items whose codes do not
    // number them; then shorter runs of codes of the same kind on the page
    // are too (families of one or two codes under their own headings).
    let is_text = |run: &[(usize, ItemCode)]| {
        run.iter().all(|(_, (cell, ..))| matches!(cell, CodeCell::Codes(codes) if codes.iter().all(Code::is_text)))
    };
    let numbered = |run: &[(usize, ItemCode)]| numbering(&run.iter().map(|(_, (cell, ..))| cell).collect::<Vec<_>>());
    let long: Vec<bool> = runs.iter().map(|(run, _)| run.len() >= MIN_SIBLINGS && !numbered(run)).collect();
    let kinds: Vec<bool> =
        runs.iter().zip(&long).filter(|(_, long)| **long).map(|((run, _), _)| is_text(run)).collect();
    for ((run, section_line), long) in runs.into_iter().zip(long) {
        let family = !long && !numbered(&run) && !kinds.is_empty() && kinds.iter().all(|kind| *kind == is_text(&run));
        if !long && !family {
            continue;
        }
        for (index, (cell, literal, message, extra, title)) in run {
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
}

/// A run of items of one list: each block's index and what it holds.
type Run = Vec<(usize, ItemCode)>;

/// True for a definition-list paragraph: a term line, then `: text`.
fn is_definition(source: &str) -> bool {
    let mut lines = source.lines();
    let term = lines.next().map(plain).unwrap_or_default();
    lines.next().is_some_and(|line| line.trim_start().starts_with(':')) && parse_code(&term).is_some()
}
