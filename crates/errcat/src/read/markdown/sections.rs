//! A large page read in sections on every core: where a page can be cut
//! safely (an ATX heading after a blank line, outside fences, comments,
//! admonitions and open blocks), and the sections' documents joined in page
//! order, equal to reading the page at once.

use super::super::ReadOptions;
use super::{EmbeddedHtml, read, read_from_line};
use crate::diagnostic::Diagnostic;
use crate::raw::RawDoc;

/// Pages at least this large are read in sections on every core.
pub const SECTIONED_BYTES: usize = 1 << 20;

/// About how much of a page one section holds: small enough that the
/// parser's tree of a section stays in the caches and little memory is
/// held at once, large enough that a section's set-up does not count.
const SECTION_BYTES: usize = 256 << 10;

/// Reads a page like [`read`], but a page of at least `min_bytes` is cut
/// into sections of about `SECTION_BYTES` at safe places, and the
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
    let body_start = super::super::front_matter(text).map_or(0, |(length, _)| length);
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
            || super::super::NOTE_COMPONENTS.contains(&name);
        if delimited && counted {
            balance += if closing { -1 } else { 1 };
        }
    }
    balance
}
