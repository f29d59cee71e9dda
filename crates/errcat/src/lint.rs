//! Lints: documentation problems a maintainer should fix upstream, found in
//! a catalog and the diagnostics of reading it. Each lint has a stable id
//! and can be allowed per source in the manifest, with a reason.
//!
//! Lints are advisory and deliberately simple; they never change the
//! catalog. Reading problems that lose data are diagnostics, not lints.

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::render::screaming_snake;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Every lint: id and what it finds.
pub const LINTS: &[(&str, &str)] = &[
    ("duplicate-code", "a code documented twice in one section with different text"),
    ("wording-differs", "one code worded differently in different sections"),
    ("no-message", "an entry without a description"),
    ("mdx-remnant", "MDX or HTML left in the text by page conversion (`<Content />`, tags, `{…}` expressions)"),
    ("unbalanced-brackets", "brackets or quotes that do not pair up in a text"),
    ("unknown-code-reference", "a description mentions a code the catalog does not have"),
    ("name-collision", "two names of a group that collide after case conversion (e.g. in Kotlin or TypeScript)"),
];

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    pub id: &'static str,
    pub file: String,
    pub line: u32,
    pub message: String,
}

fn from_diagnostic(diagnostic: &Diagnostic) -> Option<&'static str> {
    match diagnostic.kind {
        DiagnosticKind::DuplicateCode | DiagnosticKind::ConflictingRepeat => Some("duplicate-code"),
        DiagnosticKind::WordingDiffers => Some("wording-differs"),
        DiagnosticKind::MdxDamage | DiagnosticKind::StrayMdxComponent | DiagnosticKind::UnknownMarkup => {
            Some("mdx-remnant")
        }
        _ => None,
    }
}

/// Pairs that must balance in a text.
const PAIRS: &[(char, char)] = &[('(', ')'), ('[', ']'), ('（', '）'), ('【', '】'), ('“', '”'), ('「', '」')];

fn unbalanced(text: &str) -> Option<(char, char)> {
    // Links keep `[text](url)`; both pairs are counted the same way.
    PAIRS.iter().copied().find(|(open, close)| text.matches(*open).count() != text.matches(*close).count())
}

fn remnant(text: &str) -> Option<&'static str> {
    ["<Content", "</", "<br", "<Note", "{/*", "*/}", "&nbsp;", "&lt;", "&gt;"]
        .into_iter()
        .find(|needle| text.contains(needle))
}

/// Numbers in `text` that look like references to codes of `digits` digits:
/// standalone digit runs, not followed by a unit.
fn code_references(text: &str, digits: &BTreeSet<usize>) -> Vec<i64> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        if !chars[index].is_ascii_digit() {
            index += 1;
            continue;
        }
        let start = index;
        while index < chars.len() && chars[index].is_ascii_digit() {
            index += 1;
        }
        let before = start.checked_sub(1).map(|i| chars[i]);
        let after: String = chars[index..].iter().take(3).collect();
        let glued = before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '[' | '/' | '#' | '_' | '-'))
            || after.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '_' | ']' | ')'))
            || ["字节", "个", "秒", "条", "路", "次", "位", "毫秒", "分钟", "天", " MB", " KB", " ms"]
                .iter()
                .any(|unit| after.trim_start().starts_with(unit.trim()));
        let length = index - start;
        if !glued && digits.contains(&length) {
            let number: String = chars[start..index].iter().collect();
            if let Ok(value) = number.parse() {
                found.push(value);
            }
        }
    }
    found
}

/// Lints one catalog. `path` is the page as shown in findings.
pub fn lint(catalog: &Catalog, diagnostics: &[Diagnostic], path: &str) -> Vec<Lint> {
    let mut lints: Vec<Lint> = diagnostics
        .iter()
        .filter_map(|d| {
            from_diagnostic(d).map(|id| Lint { id, file: d.file.clone(), line: d.line, message: d.message.clone() })
        })
        .collect();
    let all_codes: BTreeSet<i64> = catalog.entries().filter_map(|(_, entry)| entry.code.as_int()).collect();
    for group in &catalog.groups {
        let digits: BTreeSet<usize> = group
            .entries
            .iter()
            .filter_map(|e| e.code.as_int())
            .filter(|c| *c >= 1000)
            .map(|c| c.to_string().len())
            .collect();
        let mut lower: BTreeMap<String, &str> = BTreeMap::new();
        for entry in &group.entries {
            let line = entry.lines.first().copied().unwrap_or(0);
            let mut push =
                |id: &'static str, message: String| lints.push(Lint { id, file: path.to_owned(), line, message });
            if entry.message.is_none() {
                push("no-message", format!("code {} has no description", entry.code));
            }
            for (field, text) in [("message", &entry.message), ("cause", &entry.cause), ("solution", &entry.solution)] {
                let Some(text) = text else { continue };
                if let Some(needle) = remnant(text) {
                    push("mdx-remnant", format!("code {}: the {field} contains `{needle}`", entry.code));
                }
                if let Some((open, close)) = unbalanced(text) {
                    push(
                        "unbalanced-brackets",
                        format!("code {}: `{open}` and `{close}` do not pair up in the {field}", entry.code),
                    );
                }
                for reference in code_references(text, &digits) {
                    if !all_codes.contains(&reference) && Some(reference) != entry.code.as_int() {
                        push(
                            "unknown-code-reference",
                            format!(
                                "code {}: the {field} mentions {reference}, which this catalog does not document",
                                entry.code
                            ),
                        );
                    }
                }
            }
            // Names are ASCII letters and digits, so any collision after a
            // case conversion (Kotlin's SCREAMING_SNAKE, case-insensitive
            // file systems) is a case-only difference.
            if let Some(other) = lower.insert(entry.name.to_lowercase(), entry.name.as_str())
                && other != entry.name
            {
                push(
                    "name-collision",
                    format!(
                        "`{other}` and `{}` collide when case is ignored (e.g. as Kotlin `{}`)",
                        entry.name,
                        screaming_snake(&entry.name)
                    ),
                );
            }
        }
    }
    lints.sort_by(|a, b| (&a.file, a.line, a.id).cmp(&(&b.file, b.line, b.id)));
    lints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_skip_units_and_glued_numbers() {
        let digits = BTreeSet::from([4, 5]);
        assert_eq!(code_references("与 5024、50001 内部判断逻辑相同", &digits), [5024, 50001]);
        assert!(code_references("最大 256 个字符，1080p，[0, 3000]，v2.0，100 秒，64 字节", &digits).is_empty());
    }

    #[test]
    fn brackets_and_remnants() {
        assert_eq!(unbalanced("见 [文档](https://x) 。"), None);
        assert_eq!(unbalanced("调用 [logoutRoom] 或[switchRoom"), Some(('[', ']')));
        assert_eq!(remnant("'#', '<Content />"), Some("<Content"));
        assert_eq!(remnant("纯文本"), None);
    }
}
