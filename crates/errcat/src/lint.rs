//! Lints: documentation problems a maintainer should fix upstream, found in
//! a catalog and the diagnostics of reading it. Each lint has a stable id
//! and can be allowed per source in the manifest, with a reason.
//!
//! Lints are advisory and deliberately simple; they never change the
//! catalog. Reading problems that lose data are diagnostics, not lints.

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::idents::screaming_snake;
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
    ("edition-missing-code", "a code documented in one edition (locale) of a page and not in another"),
    ("edition-missing-section", "a section in one edition of a page that no section of another edition matches"),
    (
        "edition-numbers-differ",
        "numbers or units that differ between the editions of one entry (`3 秒` vs `5 seconds`)",
    ),
    ("edition-code-reference-differs", "a code mentioned in one edition of an entry's text and not in the other"),
    ("edition-link-differs", "link targets that differ between the editions of one entry's text"),
];

/// Units written after a number, in the languages of the pages, with the
/// unit each means: `3 秒` and `3 seconds` are the same quantity.
const UNITS: &[(&str, &str)] = &[
    ("毫秒", "ms"),
    ("milliseconds", "ms"),
    ("millisecond", "ms"),
    ("ms", "ms"),
    ("秒", "s"),
    ("seconds", "s"),
    ("second", "s"),
    ("分钟", "min"),
    ("minutes", "min"),
    ("minute", "min"),
    ("小时", "h"),
    ("hours", "h"),
    ("hour", "h"),
    ("天", "d"),
    ("days", "d"),
    ("day", "d"),
    ("字节", "B"),
    ("bytes", "B"),
    ("byte", "B"),
    ("KB", "KB"),
    ("MB", "MB"),
    ("GB", "GB"),
    ("kbps", "kbps"),
    ("%", "%"),
];

/// The quantities in a text: every number, with the unit written after it
/// (`3 秒` → `3 s`), sorted. Numbers that are codes of the catalog are
/// left to [`code_mentions`].
fn quantities(text: &str, codes: &BTreeSet<i64>) -> Vec<String> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_digit()
            || (index > 0 && (bytes[index - 1].is_ascii_alphanumeric() || bytes[index - 1] == b'.'))
        {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len()
            && (bytes[index].is_ascii_digit()
                || (bytes[index] == b'.' && bytes.get(index + 1).is_some_and(u8::is_ascii_digit)))
        {
            index += 1;
        }
        let number = &text[start..index];
        if bytes.get(index).is_some_and(|b| b.is_ascii_alphabetic() && !text[index..].starts_with("ms"))
            && !UNITS.iter().any(|(word, _)| text[index..].starts_with(word))
        {
            continue; // glued to a word: `1080p`, `v2`
        }
        if number.parse::<i64>().is_ok_and(|value| codes.contains(&value)) {
            continue;
        }
        let after = text[index..].trim_start();
        let unit = UNITS.iter().find(|(word, _)| {
            after.starts_with(word) && !after[word.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
        });
        found.push(match unit {
            Some((_, unit)) => format!("{number} {unit}"),
            None => number.to_owned(),
        });
    }
    found.sort();
    found
}

/// The codes of the catalog a text mentions.
fn code_mentions(text: &str, codes: &BTreeSet<i64>) -> BTreeSet<i64> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter_map(|run| run.parse::<i64>().ok())
        .filter(|value| codes.contains(value) && *value >= 1000)
        .collect()
}

/// `text` with the target of every link (`[text](target)`) left out.
fn without_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 1]);
        let after = &rest[at + 2..];
        match after.find(')') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The link targets of a text (`[text](target)`), sorted.
fn links(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .match_indices("](")
        .filter_map(|(at, _)| {
            let rest = &text[at + 2..];
            rest.find(')').map(|end| &rest[..end])
        })
        .collect();
    found.sort_unstable();
    found
}

/// Lints between a catalog (with its editions merged) and one edition read
/// on its own: codes and sections in one edition only, and, per entry,
/// numbers and units, code mentions and link targets that differ between
/// the two texts. `path` and `edition_path` are the pages as shown.
pub fn edition_lints(catalog: &Catalog, edition: &Catalog, locale: &str, path: &str, edition_path: &str) -> Vec<Lint> {
    let mut lints = Vec::new();
    let codes: BTreeSet<i64> = catalog.entries().filter_map(|(_, entry)| entry.code.as_int()).collect();
    let matched = crate::editions::match_groups(catalog, edition);
    let first_line =
        |group: &crate::catalog::Group| group.entries.first().and_then(|e| e.lines.first()).copied().unwrap_or(0);
    for (group, target) in edition.groups.iter().zip(&matched) {
        if target.is_none() {
            lints.push(Lint {
                id: "edition-missing-section",
                file: edition_path.to_owned(),
                line: first_line(group),
                message: format!(
                    "section `{}` of the `{locale}` edition has no section with its codes in `{}`",
                    group.title, catalog.locale
                ),
            });
        }
    }
    for (index, group) in catalog.groups.iter().enumerate() {
        let Some(edition_index) = matched.iter().position(|target| *target == Some(index)) else {
            lints.push(Lint {
                id: "edition-missing-section",
                file: path.to_owned(),
                line: first_line(group),
                message: format!("section `{}` has no section with its codes in the `{locale}` edition", group.title),
            });
            continue;
        };
        let edition_group = &edition.groups[edition_index];
        let theirs: BTreeSet<&crate::code::Code> = edition_group.entries.iter().map(|entry| &entry.code).collect();
        let ours: BTreeSet<&crate::code::Code> = group.entries.iter().map(|entry| &entry.code).collect();
        for entry in &edition_group.entries {
            if !ours.contains(&entry.code) {
                lints.push(Lint {
                    id: "edition-missing-code",
                    file: edition_path.to_owned(),
                    line: entry.lines.first().copied().unwrap_or(0),
                    message: format!("code {} is in the `{locale}` edition of `{}` only", entry.code, group.title),
                });
            }
        }
        for entry in &group.entries {
            let line = entry.lines.first().copied().unwrap_or(0);
            let Some(translation) = entry.translations.get(locale) else {
                if !theirs.contains(&entry.code) {
                    lints.push(Lint {
                        id: "edition-missing-code",
                        file: path.to_owned(),
                        line,
                        message: format!("code {} is not in the `{locale}` edition of `{}`", entry.code, group.title),
                    });
                }
                continue;
            };
            let join = |parts: [&Option<String>; 3], notes: &[String]| -> String {
                parts
                    .into_iter()
                    .flatten()
                    .map(String::as_str)
                    .chain(notes.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let primary = join([&entry.message, &entry.cause, &entry.solution], &entry.notes);
            let other = join([&translation.message, &translation.cause, &translation.solution], &translation.notes);
            let edition_line = translation.lines.first().copied().unwrap_or(0);
            let mut push = |id: &'static str, message: String| {
                lints.push(Lint { id, file: edition_path.to_owned(), line: edition_line, message });
            };
            // Numbers inside link targets are addresses, not quantities.
            let (plain, other_plain) = (without_link_targets(&primary), without_link_targets(&other));
            let (a, b) = (quantities(&plain, &codes), quantities(&other_plain, &codes));
            if a != b {
                push(
                    "edition-numbers-differ",
                    format!(
                        "code {}: `{}` (line {line}) says {}, `{locale}` says {}",
                        entry.code,
                        catalog.locale,
                        listed(&a),
                        listed(&b)
                    ),
                );
            }
            let (a, b) = (code_mentions(&plain, &codes), code_mentions(&other_plain, &codes));
            if a != b {
                let show = |set: &BTreeSet<i64>| listed(&set.iter().map(i64::to_string).collect::<Vec<_>>());
                push(
                    "edition-code-reference-differs",
                    format!(
                        "code {}: `{}` (line {line}) mentions {}, `{locale}` mentions {}",
                        entry.code,
                        catalog.locale,
                        show(&a),
                        show(&b)
                    ),
                );
            }
            let (a, b) = (links(&primary), links(&other));
            if a != b {
                push(
                    "edition-link-differs",
                    format!(
                        "code {}: `{}` (line {line}) links to {}, `{locale}` links to {}",
                        entry.code,
                        catalog.locale,
                        listed(&a),
                        listed(&b)
                    ),
                );
            }
        }
    }
    lints.sort_by(|a, b| (&a.file, a.line, a.id).cmp(&(&b.file, b.line, b.id)));
    lints
}

/// `a, b` in backticks, or `nothing`.
fn listed<T: AsRef<str>>(items: &[T]) -> String {
    if items.is_empty() {
        return "nothing".to_owned();
    }
    items.iter().map(|item| format!("`{}`", item.as_ref())).collect::<Vec<_>>().join(", ")
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    pub id: &'static str,
    pub file: String,
    pub line: u32,
    pub message: String,
}

fn from_diagnostic(diagnostic: &Diagnostic) -> Option<&'static str> {
    lint_of(diagnostic.kind)
}

/// The lint a diagnostic of this kind is also reported as, if any: a
/// source that allows the lint knows these diagnostics too.
pub fn lint_of(kind: DiagnosticKind) -> Option<&'static str> {
    match kind {
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
    fn quantities_keep_their_units_across_languages() {
        let codes = BTreeSet::from([110200003]);
        assert_eq!(quantities("请在 3 秒后重试，最多 64 字节", &codes), ["3 s", "64 B"]);
        assert_eq!(quantities("Retry after 3 seconds, at most 64 bytes.", &codes), ["3 s", "64 B"]);
        assert_ne!(quantities("3 秒", &codes), quantities("5 seconds", &codes));
        assert_ne!(quantities("3 秒", &codes), quantities("3 minutes", &codes));
        assert!(
            quantities("1080p, v2, code 110200003", &codes).is_empty(),
            "glued numbers and codes are not quantities"
        );
        assert_eq!(quantities("SignatureVersion 只支持 2.0", &codes), ["2.0"]);
        assert_eq!(without_link_targets("见 [文档](https://x/19458#5) 。"), "见 [文档] 。");
    }

    fn two_editions() -> (Catalog, Catalog) {
        let page = |text: &str, path: &str, locale: &str| {
            let identity =
                crate::CatalogIdentity { id: "t".to_owned(), locale: locale.to_owned(), ..Default::default() };
            crate::ingest_unnamed(&crate::Page::new(text.as_bytes(), path, path), &identity, &Default::default()).0
        };
        let zh = page(
            "# 错误码\n\n## 公共\n\n| 错误码 | 描述 |\n|---|---|\n| 1001 | 请 3 秒后重试。 |\n| 1002 | 同 1001，见 [文档](https://d.test/zh) 。 |\n| 1003 | 只在中文版。 |\n\n## 推流\n\n| 错误码 | 描述 |\n|---|---|\n| 2001 | 推流失败。 |\n",
            "zh.md",
            "zh-CN",
        );
        let en = page(
            "# Codes\n\n## Common\n\n| Code | Description |\n|---|---|\n| 1001 | Retry after 5 seconds. |\n| 1002 | See [docs](https://d.test/en). |\n| 1004 | English only. |\n\n## Other\n\n| Code | Description |\n|---|---|\n| 3001 | Other. |\n",
            "en.md",
            "en",
        );
        (zh, en)
    }

    #[test]
    fn edition_lints_find_each_kind_of_difference_once() {
        let (zh, en) = two_editions();
        let merged = crate::editions::merge(zh, &en, "en");
        let found = edition_lints(&merged, &en, "en", "zh.md", "en.md");
        let ids: Vec<(&str, &str, u32)> = found.iter().map(|lint| (lint.id, lint.file.as_str(), lint.line)).collect();
        assert_eq!(
            ids,
            [
                ("edition-numbers-differ", "en.md", 7),
                ("edition-code-reference-differs", "en.md", 8),
                ("edition-link-differs", "en.md", 8),
                ("edition-missing-code", "en.md", 9),
                ("edition-missing-section", "en.md", 15),
                ("edition-missing-code", "zh.md", 9),
                ("edition-missing-section", "zh.md", 15),
            ],
            "{found:#?}"
        );
        assert!(found[0].message.contains("`3 s`") && found[0].message.contains("`5 s`"), "{}", found[0].message);
    }

    #[test]
    fn brackets_and_remnants() {
        assert_eq!(unbalanced("见 [文档](https://x) 。"), None);
        assert_eq!(unbalanced("调用 [logoutRoom] 或[switchRoom"), Some(('[', ']')));
        assert_eq!(remnant("'#', '<Content />"), Some("<Content"));
        assert_eq!(remnant("纯文本"), None);
    }
}
