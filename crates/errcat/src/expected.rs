//! Expected rows of a page: the hand-written `<slug>.expected.yaml` beside
//! each page of the corpus of real pages, and whether a catalog read from
//! the page gives each row exactly, as a reader of the page sees it (links
//! shown as their label, code spans without backticks). Shared by the
//! corpus test and `cargo xtask corpus`, which measures the blind batches
//! with it. Reads no file.

use crate::catalog::{Catalog, Entry, Group, Variant};
use crate::code::Code;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A page's `expected.yaml`: where the page comes from, how many rows it
/// documents (counted by hand) and the rows transcribed from it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub source: Source,
    pub rows_on_page: usize,
    pub rows: Vec<Row>,
}

/// Where a page was taken from, and what makes it hard.
#[derive(Debug, Deserialize)]
pub struct Source {
    pub repo: String,
    pub path: String,
    pub commit: String,
    pub vendor: String,
    pub format: String,
    pub locale: String,
    pub hard: String,
}

/// One expected row: its code, and the parts a reader sees on the page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// An integer, or a string code.
    pub code: Code,
    pub literal: Option<String>,
    pub section: Option<String>,
    pub name: Option<String>,
    pub message: Option<String>,
    pub message_contains: Option<String>,
    pub cause_contains: Option<String>,
    pub solution_contains: Option<String>,
    /// A part of one of the entry's notes.
    pub notes_contain: Option<String>,
    #[serde(default)]
    pub attributes_contain: BTreeMap<String, String>,
}

impl Expected {
    pub fn parse(text: &str) -> Result<Expected, String> {
        crate::yaml::from_str(text).map_err(|error| error.to_string())
    }
}

/// True when a group's title is the section or ends with it (`Parent /
/// Section`, or `Section / Module` for a group split by a column).
pub fn in_section(group: &Group, section: &str) -> bool {
    group.title == section
        || group.title.ends_with(&format!(" / {section}"))
        || group.title.starts_with(&format!("{section} / "))
        || group.title.contains(&format!(" / {section} / "))
}

/// Text as a reader sees it: `[label](url)` links show their label and
/// code spans their code, without backticks.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find("](").and_then(|close| after[close + 2..].find(')').map(|end| (close, close + 2 + end))) {
            Some((close, end)) if !after[..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('`', "")
}

/// What differs between an expected row and the catalog, if anything.
pub fn check_row(catalog: &Catalog, row: &Row) -> Result<(), String> {
    let candidates: Vec<(&Group, &Entry)> = catalog
        .entries()
        .filter(|(group, entry)| {
            entry.code == row.code && row.section.as_deref().is_none_or(|section| in_section(group, section))
        })
        .collect();
    // A code in several groups (a module column) passes when one matches.
    if candidates.len() > 1 {
        let mut first_problem = None;
        for (group, entry) in &candidates {
            match check_entry(group, entry, row) {
                Ok(()) => return Ok(()),
                Err(problem) => {
                    first_problem.get_or_insert(problem);
                }
            }
        }
        return Err(first_problem.unwrap_or_default());
    }
    let Some((group, entry)) = candidates.first() else {
        let groups: Vec<&str> = catalog
            .entries()
            .filter(|(_, entry)| entry.code == row.code)
            .map(|(group, _)| group.title.as_str())
            .collect();
        return Err(format!("code {} not found (in sections {groups:?})", row.code));
    };
    check_entry(group, entry, row)
}

/// What differs between an expected row and one entry.
fn check_entry(_group: &Group, entry: &Entry, row: &Row) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut check = |what: &str, ok: bool, got: &dyn std::fmt::Debug| {
        if !ok {
            problems.push(format!("{what}: got {got:?}"));
        }
    };
    let all_text = |entry: &Entry, field: fn(&Entry) -> Option<&String>| -> String {
        let mut text = field(entry).cloned().unwrap_or_default();
        for variant in &entry.variants {
            text.push('\n');
            text.push_str(variant.message.as_deref().unwrap_or_default());
        }
        text
    };
    if let Some(literal) = &row.literal {
        check(&format!("literal {literal:?}"), entry.literal.as_ref() == Some(literal), &entry.literal);
    }
    if let Some(name) = &row.name {
        // A code documented twice keeps the other row's name in its variant.
        let ok = entry.doc_name.as_ref() == Some(name)
            || entry.variants.iter().any(|variant| variant.doc_name.as_ref() == Some(name));
        check(&format!("name {name:?}"), ok, &entry.doc_name);
    }
    if let Some(message) = &row.message {
        // A code documented twice keeps its other meaning as a variant.
        let seen = |text: &Option<String>| text.as_deref().map(visible);
        let ok = seen(&entry.message) == Some(visible(message))
            || entry.variants.iter().any(|variant| seen(&variant.message) == Some(visible(message)));
        check(&format!("message {message:?}"), ok, &entry.message);
    }
    if let Some(part) = &row.message_contains {
        let text = all_text(entry, |e| e.message.as_ref());
        check(&format!("message containing {part:?}"), visible(&text).contains(&visible(part)), &entry.message);
    }
    // A code documented twice keeps the other row's texts as a variant.
    let in_entry_or_variant =
        |part: &str, field: fn(&Entry) -> Option<&str>, of_variant: fn(&Variant) -> Option<&str>| {
            let part = visible(part);
            field(entry).is_some_and(|text| visible(text).contains(&part))
                || entry
                    .variants
                    .iter()
                    .any(|variant| of_variant(variant).is_some_and(|text| visible(text).contains(&part)))
        };
    if let Some(part) = &row.cause_contains {
        let ok = in_entry_or_variant(part, |e| e.cause.as_deref(), |v| v.cause.as_deref());
        check(&format!("cause containing {part:?}"), ok, &entry.cause);
    }
    if let Some(part) = &row.solution_contains {
        let ok = in_entry_or_variant(part, |e| e.solution.as_deref(), |v| v.solution.as_deref());
        check(&format!("solution containing {part:?}"), ok, &entry.solution);
    }
    if let Some(part) = &row.notes_contain {
        let ok = entry.notes.iter().any(|note| visible(note).contains(part.as_str()));
        check(&format!("notes containing {part:?}"), ok, &entry.notes);
    }
    for (key, value) in &row.attributes_contain {
        // A code documented twice keeps the other row's attributes too.
        let ok = std::iter::once(&entry.attributes)
            .chain(entry.variants.iter().map(|variant| &variant.attributes))
            .flatten()
            .any(|(k, v)| k.contains(key.as_str()) && visible(v).contains(value.as_str()));
        check(&format!("attribute {key:?} containing {value:?}"), ok, &entry.attributes);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("code {} (lines {:?}): {}", row.code, entry.lines, problems.join("; ")))
    }
}
