//! What the error index shows of a text, written from its documented
//! rule (not from the code that renders it): every character that
//! `must_escape`, but line feed and tab, and the noncharacters U+FFFE and
//! U+FFFF, as `⟨U+XXXX⟩`; in a catalog text ([`shown_text`]), code spans
//! without their backticks. Shared by the property test of the page and
//! the browser test.
#![allow(dead_code)]

pub fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            let hidden = errcat::render::must_escape(c) && !matches!(c, '\n' | '\t');
            if hidden || matches!(c, '\u{fffe}' | '\u{ffff}') {
                format!("⟨U+{:04X}⟩", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// What the error index shows of a catalog text (message, cause, solution,
/// note): [`shown`], then each code span without its backticks. Backticks
/// pair up from the left; a pair around text without a line feed is a code
/// span; a pair around nothing or across lines, and a last unpaired
/// backtick, stay as written.
pub fn shown_text(text: &str) -> String {
    let shown = shown(text);
    let mut out = String::new();
    let mut rest = shown.as_str();
    while let Some(open) = rest.find('`') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        if inner.is_empty() || inner.contains('\n') {
            out.push('`');
            out.push_str(inner);
            out.push('`');
        } else {
            out.push_str(inner);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}
