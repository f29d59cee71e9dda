//! Section titles with their parents: a heading that is generic (`枚举值`,
//! `Enum values`, `Error codes`: a code or name word) or that the page
//! repeats (`Account errors` under two parents) is qualified by its parent
//! heading (`Parent / Child`), so that codes of different sections never
//! merge or collide. Other headings keep their own text.

use super::words::ColumnRole;
use super::words::{WORDS, normalize};
use crate::raw::RawSection;
use std::collections::HashMap;

/// Suffixes that leave a heading generic (`Error code list`, `错误码列表`).
const GENERIC_SUFFIXES: &[&str] = &["list", "table", "values", "value", "reference", "列表", "一览", "表", "汇总"];

/// True for a heading that says only "codes" (a code or name header word,
/// possibly with a list-like suffix).
pub(crate) fn is_generic(title: &str) -> bool {
    let mut normalized = normalize(title);
    for suffix in GENERIC_SUFFIXES {
        if let Some(rest) = normalized.strip_suffix(suffix)
            && !rest.is_empty()
        {
            normalized = rest.to_owned();
            break;
        }
    }
    let words = |role: ColumnRole| WORDS.iter().filter(move |(r, _)| *r == role).flat_map(|(_, words)| words.iter());
    let mut generic = words(ColumnRole::Code).chain(words(ColumnRole::Name)).map(|word| normalize(word));
    let plural = normalized.strip_suffix('s').unwrap_or(&normalized).to_owned();
    generic.any(|word| word == normalized || word == plural || format!("error{word}") == normalized)
}

/// The title every heading's tables are grouped under, by heading line.
pub(crate) fn qualified_titles(headings: &[RawSection]) -> HashMap<u32, String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for heading in headings {
        *counts.entry(heading.title.as_str()).or_default() += 1;
    }
    let mut titles = HashMap::new();
    // The open ancestors: (level, title).
    let mut stack: Vec<(u8, String)> = Vec::new();
    for heading in headings {
        while stack.last().is_some_and(|(level, _)| *level >= heading.level) {
            stack.pop();
        }
        let needs_parent = counts.get(heading.title.as_str()).copied().unwrap_or(0) > 1 || is_generic(&heading.title);
        let title = match stack.last() {
            Some((_, parent)) if needs_parent => format!("{parent} / {}", heading.title),
            _ => heading.title.clone(),
        };
        titles.insert(heading.line, title);
        stack.push((heading.level, heading.title.clone()));
    }
    // Several headings on one line (minified HTML) cannot be told apart by
    // their line: their tables keep their own heading's title.
    let mut per_line: HashMap<u32, usize> = HashMap::new();
    for heading in headings {
        *per_line.entry(heading.line).or_default() += 1;
    }
    titles.retain(|line, _| per_line.get(line).copied().unwrap_or(0) < 2);
    titles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(title: &str, line: u32, level: u8) -> RawSection {
        RawSection { title: title.to_owned(), line, level, numbered: false }
    }

    #[test]
    fn generic_and_repeated_headings_take_their_parent() {
        let headings = [
            heading("Codes", 1, 1),
            heading("ZegoRoomState", 2, 2),
            heading("Enum values", 3, 3),
            heading("ZegoPublisherState", 4, 2),
            heading("Enum values", 5, 3),
            heading("Login", 6, 2),
            heading("Account errors", 7, 3),
            heading("Payment", 8, 2),
            heading("Account errors", 9, 3),
            heading("Network", 10, 2),
        ];
        let titles = qualified_titles(&headings);
        assert_eq!(titles[&3], "ZegoRoomState / Enum values");
        assert_eq!(titles[&5], "ZegoPublisherState / Enum values");
        assert_eq!(titles[&7], "Login / Account errors");
        assert_eq!(titles[&9], "Payment / Account errors");
        assert_eq!(titles[&10], "Network");
    }

    #[test]
    fn generic_headings() {
        for yes in ["枚举值", "Enum values", "Error codes", "错误码列表", "Error Code List", "返回码"] {
            assert!(is_generic(yes), "{yes}");
        }
        for no in ["房间相关错误码", "Account errors", "公共返回码"] {
            assert!(!is_generic(no), "{no}");
        }
    }
}
