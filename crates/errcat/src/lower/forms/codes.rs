//! How prose writes a code: an integer, hex, a range or a string code
//! with a letter and a digit (`P1000`) or several words
//! (`InvalidParameter.Missing`), alone or with a short title (`400 Bad
//! Request`), and whether codes merely number their blocks (1, 2, 3…).
//! Shared by the prose forms and the coverage check; it reads no blocks.

use crate::code::{Code, CodeCell};
use crate::thresholds::{TITLE_MAX_CHARS, TITLE_MAX_WORDS};

/// A code as a heading or item writes it: an integer, hex, a range, or a
/// string code with a letter and a digit (`P1000`, `KMS.0101`) or made of
/// several words (`each_key_duplicate`, `InvalidParameter.Missing`).
pub(crate) fn parse_code(text: &str) -> Option<(CodeCell, Option<String>)> {
    let text = text.trim().trim_matches(['`', '*', '[', ']']).trim();
    // A class of codes (`4xx`) titles the codes of its section in prose.
    if text.is_empty() || crate::code::code_class(text).is_some() {
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
pub(crate) fn code_with_title(text: &str) -> Option<(CodeCell, Option<String>, Option<String>)> {
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
        && title.split_whitespace().count() <= TITLE_MAX_WORDS
        && title.chars().count() <= TITLE_MAX_CHARS
        && title.chars().next().is_some_and(char::is_alphabetic)
        && !title.contains(['.', '。', ',', '，', ':', '：', '(', '（', ';', '；', '!', '?', '？']);
    is_title.then(|| (cell, literal, Some(title.to_owned())))
}

/// An identifier or `A|B` identifiers in parentheses: `(ServerError)`.
pub(crate) fn parenthesized_name(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix(['(', '（'])?.strip_suffix([')', '）'])?.trim();
    let ok = !inner.is_empty()
        && inner
            .split('|')
            .all(|part| crate::lower::code_cells::is_identifier(part) || crate::idents::is_identifier(part));
    ok.then(|| inner.to_owned())
}

/// True when the codes only number their headings or items (1, 2, 3…).
pub(crate) fn numbering(cells: &[&CodeCell]) -> bool {
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
