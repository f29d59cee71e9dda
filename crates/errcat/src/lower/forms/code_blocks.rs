//! The form `code-blocks`: constants defined in code blocks (`ERR_A = -1,`,
//! `#define ERR_A 1`, `NAME(1)`, a `NAME  VALUE` listing), with the
//! trailing or preceding comment as message. As a form it reads only a
//! page with no tables and no other codes; its [`constants`] are also what
//! a table's name column may refer to (`tables` looks them up). It does
//! not read prose.

use super::codes::parse_code;
use super::{Page, ProseEntry};
use crate::code::Code;
pub(crate) use crate::lower::draft::Constant;
use crate::lower::labels::Field;
use crate::lower::words::DECLARATION_WORDS;
use crate::raw::{BlockKind, RawBlock};
use crate::thresholds::MIN_CODE_BLOCK_CONSTANTS;
use std::collections::HashMap;

/// What ends a constant's definition: `,` and `;`, also full-width.
const SEPARATORS: [char; 4] = [',', ';', '，', '；'];

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
    let code = code.split("/*").next().unwrap_or("").trim().trim_end_matches(SEPARATORS).trim();
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
    let names: Vec<&str> = left.split_whitespace().filter(|word| !DECLARATION_WORDS.contains(word)).collect();
    let [name] = names.as_slice() else { return None };
    if !crate::idents::is_identifier(name) || Code::parse(&value).is_err() {
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
pub(crate) fn read(page: &Page<'_>, _claimed: &mut [bool], found: &mut Vec<ProseEntry>) {
    // Only a page that documents its codes as constants in code alone (an
    // enum, `#define`s, a `NAME  VALUE` listing): each constant is an entry.
    if !found.is_empty() || !page.table_lines.is_empty() {
        return;
    }
    let blocks = page.blocks;
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
                // One name on every line (`error_Code = -20000，`) labels
                // the values; it names none of them.
                let shared = constants.iter().all(|(_, (name, ..))| *name == constants[0].1.0);
                for (line, (name, value, comment)) in constants {
                    let Some((cell, literal)) = parse_code(&value) else { continue };
                    found.push(ProseEntry {
                        cell,
                        literal,
                        name: (!shared).then_some(name),
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

/// Every `NAME = value` (enum members, constants) and `#define NAME value`
/// in the page's code blocks; a name defined twice with different values
/// is left out (ambiguous).
pub(crate) fn constants(blocks: &[RawBlock]) -> HashMap<String, Constant> {
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
                let value = right.trim().trim_end_matches(SEPARATORS).trim();
                (left.to_owned(), value.trim_matches(['(', ')', '`']).to_owned())
            } else {
                continue;
            };
            let Ok(value) = Code::parse(&value) else { continue };
            let names: Vec<&str> = left.split_whitespace().filter(|word| !DECLARATION_WORDS.contains(word)).collect();
            let [name] = names.as_slice() else { continue };
            if !crate::idents::is_identifier(name) {
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
