//! The error index: one static HTML page listing every catalog, group and
//! code, with client-side search (`templates/site/`). A "literal" here is
//! text escaped for HTML, equally safe between tags and inside a quoted
//! attribute: `&`, `<`, `>`, `"` and `'` become character references, and
//! every character that [`must_escape`](super::must_escape) (controls,
//! bidirectional overrides, separators) is shown as `⟨U+202E⟩`, so no
//! documentation text can add markup, script or invisible reordering to
//! the page ([`escape_markup`]). Line feeds and tabs stay (the page shows
//! texts with `white-space: pre-wrap`). Names are kept as the catalog has them: the
//! page declares no identifiers.
//!
//! The page itself (markup, style, script) is the template's; this module
//! only escapes. Beside the page the site publishes the JSON Schemas of the
//! JSON package (`schema.json`, `index.schema.json`), whose `$id` is their
//! URL under the package's `homepage`: their text is the JSON target's
//! ([`super::json::schema_members`]), so both publish the same schemas.

use super::language::{IdentKind, Language};
use super::model::CodeWidth;
use crate::escape::{Breaks, escape_markup};
use std::borrow::Cow;

#[derive(Debug)]
pub struct Site;

/// The registry entry.
pub const TARGET: super::Target = super::Target(&Site);

/// `text` escaped for HTML text and quoted attribute values.
pub fn escape_html(text: &str) -> Cow<'_, str> {
    escape_markup(text, Breaks::Kept)
}

impl Language for Site {
    fn id(&self) -> &'static str {
        "site"
    }

    fn aliases(&self) -> &'static [&'static str] {
        &["html"]
    }

    fn help(&self) -> &'static str {
        "a static, searchable HTML error index of every catalog"
    }

    fn keywords(&self) -> &'static [&'static str] {
        &[]
    }

    fn reserved(&self, _kind: IdentKind) -> &'static [&'static str] {
        &[]
    }

    fn case(&self, _kind: IdentKind, name: &str) -> String {
        name.to_owned()
    }

    /// Names are shown, never declared: each stays as the catalog has it.
    fn identifier(
        &self,
        _kind: IdentKind,
        raw: &str,
        _taken: &mut std::collections::BTreeSet<String>,
    ) -> (String, bool) {
        (escape_html(raw).into_owned(), false)
    }

    fn string_literal(&self, text: &str) -> String {
        escape_html(text).into_owned()
    }

    fn none_literal(&self) -> &'static str {
        ""
    }

    fn doc_line<'a>(&self, line: &'a str) -> Cow<'a, str> {
        escape_html(line)
    }

    fn code_type(&self, width: CodeWidth) -> &'static str {
        if width == CodeWidth::Text { "string" } else { "integer" }
    }

    /// `catalog_schema_members` and `index_schema_members`: the JSON
    /// package's schemas, published beside the page.
    fn package_attribute(&self, key: &str, _catalogs: &[crate::catalog::Catalog]) -> Option<String> {
        super::json::schema_members(key).map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::escape_html;

    #[test]
    fn markup_quotes_and_invisible_characters_are_escaped() {
        assert_eq!(escape_html("plain 文本"), "plain 文本");
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape_html("a\u{202e}b\rc\0"), "a⟨U+202E⟩b⟨U+000D⟩c⟨U+0000⟩");
        assert_eq!(escape_html("line\n\tnext"), "line\n\tnext");
    }
}
