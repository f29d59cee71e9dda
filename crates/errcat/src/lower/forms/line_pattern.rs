//! The form `line-pattern`: the source's own regular expression for pages
//! that write one code per line in a form no other form knows (`E-12 |
//! text`). Every line of a paragraph, list item or code block that it
//! matches whole is an entry; named groups give the fields.

use super::codes::parse_code;
use super::{Page, ProseEntry};
use crate::code::CodeCell;
use crate::lower::labels::Field;
use crate::raw::BlockKind;
use crate::read::inline::plain;

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
pub(crate) fn read(page: &Page<'_>, consumed: &mut [bool], found: &mut Vec<ProseEntry>) {
    let (blocks, Some(pattern)) = (page.blocks, page.pattern) else { return };
    // Open headings, outermost first: (level, line, text).
    let mut headings: Vec<(u8, u32, String)> = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let first = match block.kind {
            BlockKind::Heading(level) => {
                headings.retain(|(open, ..)| *open < level);
                headings.push((level, block.line, block.plain.clone()));
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
