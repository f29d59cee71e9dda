//! Editions: the same page in other locales. Each edition is read like the
//! primary page into its own catalog; its groups are matched to the
//! primary's by the codes they share (titles differ between languages), and
//! each entry's texts go beside the primary entry of the same group and
//! code as `translations.<locale>`. The primary texts, names and order stay
//! as they are.
//!
//! Pure: the caller reads the pages. What does not match (a code or a
//! section in one edition only) is not merged; the edition lints
//! (`lint::edition_lints`) report it.

use crate::catalog::{Catalog, EditionRef, Group, Translation};
use crate::code::Code;
use std::collections::{BTreeMap, BTreeSet};

/// For each group of `edition`, the index of the primary group it matches:
/// the one sharing most codes with it (the earlier one on a tie), or none
/// when no group shares a code. Two edition groups never match the same
/// primary group: the one sharing more codes (then the earlier one) wins.
pub fn match_groups(primary: &Catalog, edition: &Catalog) -> Vec<Option<usize>> {
    let codes = |group: &Group| -> BTreeSet<Code> { group.entries.iter().map(|entry| entry.code.clone()).collect() };
    let primary_codes: Vec<BTreeSet<Code>> = primary.groups.iter().map(codes).collect();
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (index, group) in edition.groups.iter().enumerate() {
        let mine = codes(group);
        let best = primary_codes
            .iter()
            .enumerate()
            .map(|(target, theirs)| (mine.intersection(theirs).count(), target))
            .filter(|(shared, _)| *shared > 0)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((shared, target)) = best {
            candidates.push((shared, index, target));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut matched = vec![None; edition.groups.len()];
    let mut taken = BTreeSet::new();
    for (_, index, target) in candidates {
        if taken.insert(target) {
            matched[index] = Some(target);
        }
    }
    matched
}

/// `primary` with the texts of `edition` (in `locale`) beside its own.
pub fn merge(mut primary: Catalog, edition: &Catalog, locale: &str) -> Catalog {
    let matched = match_groups(&primary, edition);
    for (group, target) in edition.groups.iter().zip(matched) {
        let Some(target) = target else { continue };
        let into = &mut primary.groups[target];
        into.titles.insert(locale.to_owned(), group.title.clone());
        let by_code: BTreeMap<&Code, usize> =
            into.entries.iter().enumerate().map(|(index, entry)| (&entry.code, index)).collect();
        let mut found = Vec::new();
        for entry in &group.entries {
            if let Some(&index) = by_code.get(&entry.code) {
                found.push((
                    index,
                    Translation {
                        message: entry.message.clone(),
                        cause: entry.cause.clone(),
                        solution: entry.solution.clone(),
                        notes: entry.notes.clone(),
                        lines: entry.lines.clone(),
                    },
                ));
            }
        }
        for (index, translation) in found {
            into.entries[index].translations.entry(locale.to_owned()).or_insert(translation);
        }
    }
    primary.editions.push(EditionRef { locale: locale.to_owned(), source: edition.source.clone() });
    primary.editions.sort_by(|a, b| a.locale.cmp(&b.locale));
    primary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Entry, SourceRef};

    fn catalog(locale: &str, groups: &[(&str, &[(i64, &str)])]) -> Catalog {
        Catalog {
            schema: crate::catalog::SCHEMA.to_owned(),
            id: "x".to_owned(),
            title: "t".to_owned(),
            locale: locale.to_owned(),
            source: SourceRef { file: format!("{locale}.md"), sha256: "0".repeat(64), upstream: None },
            notes: Vec::new(),
            editions: Vec::new(),
            groups: groups
                .iter()
                .map(|(title, entries)| Group {
                    title: (*title).to_owned(),
                    entries: entries
                        .iter()
                        .map(|(code, message)| Entry {
                            code: Code::new(*code),
                            message: Some((*message).to_owned()),
                            lines: vec![1],
                            ..Entry::default()
                        })
                        .collect(),
                    ..Group::default()
                })
                .collect(),
        }
    }

    #[test]
    fn groups_match_by_shared_codes_not_by_title_or_order() {
        let primary = catalog("zh-CN", &[("公共", &[(1, "成功"), (2, "失败")]), ("推流", &[(10, "推流失败")])]);
        let edition = catalog("en", &[("Publishing", &[(10, "Publish failed")]), ("Common", &[(1, "OK"), (3, "New")])]);
        assert_eq!(match_groups(&primary, &edition), [Some(1), Some(0)]);
        let merged = merge(primary, &edition, "en");
        assert_eq!(merged.groups[0].titles["en"], "Common");
        assert_eq!(merged.groups[0].entries[0].translations["en"].message.as_deref(), Some("OK"));
        assert!(merged.groups[0].entries[1].translations.is_empty(), "code 2 is not in the edition");
        assert_eq!(merged.groups[1].entries[0].translations["en"].message.as_deref(), Some("Publish failed"));
        assert_eq!(merged.groups[0].entries[0].message.as_deref(), Some("成功"), "primary texts stay");
        assert_eq!(merged.editions[0].locale, "en");
    }

    #[test]
    fn a_group_sharing_no_code_matches_nothing() {
        let primary = catalog("zh-CN", &[("公共", &[(1, "成功")])]);
        let edition = catalog("en", &[("Other", &[(7, "x")])]);
        assert_eq!(match_groups(&primary, &edition), [None]);
        assert!(merge(primary, &edition, "en").groups[0].titles.is_empty());
    }
}
