//! The identity of the page being lowered ([`SourceInfo`]) and the checks
//! of a source's settings that need the page (a skipped section that is
//! not there, a pattern that must match whole). The settings themselves are
//! the manifest's (`manifest::settings`).

use super::words;
use crate::raw::RawSection;

/// Identity of the page being lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub id: String,
    /// Overrides the page's own title.
    pub title: Option<String>,
    pub locale: String,
    /// The file as shown in diagnostics (e.g. `docs-src/page.md`).
    pub path: String,
    /// The file as recorded in the catalog (path under `docs-src/`).
    pub file: String,
    pub sha256: String,
    pub upstream: Option<String>,
}

/// The line ranges of the sections `skip_sections` names (a heading, down
/// to the next heading of its level or above), and the names that match
/// no heading.
pub(crate) fn skipped_sections(headings: &[RawSection], names: &[String]) -> (Vec<(u32, u32)>, Vec<String>) {
    let same = |a: &str, b: &str| words::normalize(a) == words::normalize(b);
    let mut ranges = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        if names.iter().any(|name| same(name, &heading.title)) {
            let end = headings[index + 1..]
                .iter()
                .find(|next| next.level <= heading.level)
                .map_or(u32::MAX, |next| next.line);
            ranges.push((heading.line, end));
        }
    }
    let unmatched =
        names.iter().filter(|name| !headings.iter().any(|heading| same(name, &heading.title))).cloned().collect();
    (ranges, unmatched)
}

/// A setting's regular expression, anchored to match whole.
pub(crate) fn whole_pattern(pattern: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(&format!("^(?:{pattern})$"))
        .map_err(|error| format!("`code_pattern` `{pattern}` is not a regular expression: {error}"))
}
