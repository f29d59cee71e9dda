//! What the error index shows of a text, written from its documented
//! rule (not from the code that renders it): every character that
//! `must_escape`, but line feed and tab, and the noncharacters U+FFFE and
//! U+FFFF, as `⟨U+XXXX⟩`. Shared by the
//! property test of the page and the browser test.
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
