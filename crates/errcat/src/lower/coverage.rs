//! The coverage check: code-like text in a code position (a heading, a
//! list item, a paragraph line that opens with a code) that no entry,
//! variant, row mate or range of the catalog holds is reported with its
//! line (W0223). Pure: it compares the page's code positions with the
//! groups built; it reads nothing itself.

use super::forms::code_headings::heading_code;
use super::forms::code_lines::code_line;
use super::forms::codes::{numbering, parse_code};
use super::forms::list_items::item_code;
use crate::catalog::Group;
use crate::code::{Code, CodeCell};
use crate::raw::{BlockKind, RawBlock};
use crate::read::inline::plain;
use crate::thresholds::MAX_NOT_READ_WARNINGS;
use std::collections::{HashMap, HashSet};

/// Code-like text in a code position: a heading, a list item or a
/// paragraph (or one of its lines) that opens with a code, as the forms
/// above would read it, whether or not a form took it. The coverage check
/// compares them with what was read: (line, code).
pub(crate) fn code_positions(blocks: &[RawBlock]) -> Vec<(u32, Code)> {
    let mut found = Vec::new();
    // Headings that number the page's sections (`## 1 Overview`, `## 2
    // Codes`) are no code positions: by level, those whose codes count 1, 2…
    let mut by_level: HashMap<u8, Vec<CodeCell>> = HashMap::new();
    for block in blocks {
        if let BlockKind::Heading(level) = block.kind
            && let Some((cell, ..)) = heading_code(&block.plain)
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
                if let Some((cell, ..)) = heading_code(&block.plain) {
                    push(block.line, cell);
                }
            }
            // Items of a top-level list that open with the code itself (not
            // `Error code in MySQL: 1357`, a label before another form).
            BlockKind::Item(1) => {
                let opens_with_code =
                    block.plain.split([' ', ':', '：']).next().is_some_and(|first| parse_code(first).is_some());
                if let Some((cell, ..)) = item_code(&block.text, &block.plain).filter(|_| opens_with_code) {
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

/// The coverage check: code-like text in code positions (headings, list
/// items, paragraph lines that open with a code) whose code no entry,
/// variant, row mate or range of the catalog holds is a warning with its
/// line (W0223). Two or more such codes make a pattern worth a warning; a
/// lone one, or codes that merely number their blocks (1, 2, 3…), do not.
/// Returns each warning's line and message.
pub(crate) fn not_read(groups: &[Group], positions: Vec<(u32, Code)>) -> Vec<(u32, String)> {
    let mut warnings = Vec::new();
    let mut read: HashSet<&Code> = HashSet::new();
    // Another form of a code kept as an attribute (`Error code in MySQL:
    // 1357`) is read too.
    let mut mentioned: HashSet<&str> = HashSet::new();
    let (mut text_codes, mut int_codes) = (0usize, 0usize);
    for group in groups {
        for entry in &group.entries {
            read.insert(&entry.code);
            read.extend(entry.same_row.iter());
            mentioned.extend(entry.attributes.values().map(|value| value.trim()));
            if entry.code.is_text() {
                text_codes += 1;
            } else {
                int_codes += 1;
            }
        }
    }
    // Only codes of the kind the page documents count (a page of string
    // codes mentions HTTP statuses; a page of numbers mentions names).
    let text_page = text_codes > int_codes;
    let in_range = |code: &Code| {
        groups.iter().flat_map(|group| &group.ranges).any(|range| range.from <= *code && *code <= range.to)
    };
    let mut seen = HashSet::new();
    let missed: Vec<(u32, Code)> = positions
        .into_iter()
        // A string code counts when it has a digit (`E0001`, `ZWEL0001I`):
        // words and identifiers open many lines that document no code.
        .filter(|(_, code)| code.is_text() == text_page && !read.is_empty())
        .filter(|(_, code)| !code.is_text() || code.to_string().bytes().any(|b| b.is_ascii_digit()))
        .filter(|(_, code)| !read.contains(code) && !in_range(code) && !mentioned.contains(code.to_string().as_str()))
        .filter(|(_, code)| seen.insert(code.clone()))
        .collect();
    let numbering = {
        let mut values: Vec<i64> = missed.iter().filter_map(|(_, code)| code.as_int()).collect();
        values.sort_unstable();
        values.len() == missed.len()
            && values.first().is_some_and(|first| *first <= 1)
            && values.windows(2).all(|pair| pair[0].checked_add(1) == Some(pair[1]))
    };
    if missed.len() < 2 || numbering {
        return warnings;
    }
    let total = missed.len();
    for (index, (line, code)) in missed.into_iter().enumerate() {
        if index + 1 == MAX_NOT_READ_WARNINGS && total > MAX_NOT_READ_WARNINGS {
            warnings.push((
                line,
                format!("`{code}` and {} more code-like item(s) were not read as entries", total - index - 1),
            ));
            break;
        }
        warnings.push((
            line,
            format!(
                "`{code}` opens this line like a documented code, but no entry was read for it \
                 (if the page documents it here, the way it is written is not read: the catalog lacks it)"
            ),
        ));
    }
    warnings
}
