//! GitHub Actions workflow commands for findings (`::warning file=…,line=…
//! ,title=…::message`), so that CI shows each lint inline in a pull
//! request. Pure text; printing is the caller's.
//!
//! Escaping follows the Actions toolkit: in the message `%`, CR and LF are
//! percent-encoded; in property values also `:` and `,`. No text of a page
//! can therefore end the command or start another one.

/// `text` escaped as a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// `text` escaped as a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation: `level` is `error`, `warning` or `notice`; `line` 0
/// leaves the line out.
pub fn annotation(level: &str, file: &str, line: u32, title: &str, message: &str) -> String {
    let mut properties = format!("file={}", escape_property(file));
    if line > 0 {
        properties.push_str(&format!(",line={line}"));
    }
    format!("::{level} {properties},title={}::{}", escape_property(title), escape_data(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_cannot_be_ended_or_forged_by_their_text() {
        assert_eq!(
            annotation("warning", "docs-src/a,b.md", 7, "errcat lint: no-message", "50% done\n::error::x"),
            "::warning file=docs-src/a%2Cb.md,line=7,title=errcat lint%3A no-message::50%25 done%0A::error::x"
        );
        assert_eq!(annotation("notice", "p.md", 0, "t", "m"), "::notice file=p.md,title=t::m");
    }
}
