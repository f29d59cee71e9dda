//! What documentation text may not carry raw into any output: the
//! characters no generated file, terminal line or log holds raw (controls,
//! separators, bidirectional overrides), shown as `⟨U+202E⟩`, and markup
//! escaping for HTML and XML. Used by the targets, the diff report and the
//! CI formats alike; a language's own literal and comment syntax is the
//! target's business (`render::language`).

use std::borrow::Cow;

/// Characters no generated file contains raw, in literals or comments:
/// control characters, line and paragraph separators, the byte-order mark,
/// and bidirectional formatting characters, which can make code read
/// differently from what it does ("Trojan Source").
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{061c}' | '\u{200e}' | '\u{200f}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` for a terminal or a log: every character that [`must_escape`]
/// except line feeds and tabs (ESC, BEL, bidirectional overrides…) shown as
/// `⟨U+001B⟩`, so page text can neither drive the terminal nor hide itself.
pub fn show_controls(text: &str) -> Cow<'_, str> {
    let needs = |c: char| must_escape(c) && !matches!(c, '\n' | '\t');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How [`escape_markup`] writes line feeds, tabs and carriage returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Line feeds and tabs as they are (HTML text shown with
    /// `white-space: pre-wrap`); a carriage return is shown.
    Kept,
    /// All three as character references (XML attributes keep them so).
    References,
}

/// `text` escaped for HTML or XML, between tags and inside a quoted
/// attribute alike: `&`, `<`, `>`, `"` and `'` become character references,
/// and every other character that [`must_escape`] (controls, bidirectional
/// overrides, separators; most cannot be written in XML at all), and the
/// noncharacters U+FFFE and U+FFFF, is shown as `⟨U+202E⟩`.
pub fn escape_markup(text: &str, breaks: Breaks) -> Cow<'_, str> {
    let kept = |c: char| breaks == Breaks::Kept && matches!(c, '\n' | '\t');
    // U+FFFE and U+FFFF are not characters XML may hold either.
    let needs =
        |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{fffe}' | '\u{ffff}') || (must_escape(c) && !kept(c));
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' | '\r' if breaks == Breaks::References => out.push_str(&format!("&#{};", c as u32)),
            c if needs(c) => out.push_str(&format!("⟨U+{:04X}⟩", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidi_controls_separators_and_controls_must_be_escaped() {
        for c in ['\u{202e}', '\u{2066}', '\u{200f}', '\u{2028}', '\u{feff}', '\0', '\r', '\u{85}'] {
            assert!(must_escape(c), "{:?}", c);
        }
        for c in ['a', '中', '😀', ' ', '\u{200b}'] {
            assert!(!must_escape(c), "{:?}", c);
        }
    }
}
