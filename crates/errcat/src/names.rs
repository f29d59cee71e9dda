//! Names: the name lockfile (`docs-src/names/<id>.yaml`), official SDK name
//! lists, and the stage that gives every group and entry its identifier.
//!
//! Precedence, per entry: the lockfile; the name the document gives (an
//! enum-name column, normalized); the official SDK list named in the
//! manifest; the documented fallback (`naming`), reported as a warning.
//! Codes the lockfile knows but the page no longer documents stay as
//! tombstones (`retired`), so a number or a name is never reused. This stage
//! does not read files; callers pass the texts in.

use crate::catalog::{Catalog, Group, Retired};
use crate::code::{Code, CodeType};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::idents::{fallback_entry_name, fallback_group_name, is_pascal_case, normalize_doc_name};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Where a source's lockfile lives, relative to `docs-src/`.
pub fn lockfile_path(id: &str) -> String {
    format!("names/{id}.yaml")
}

/// The on-disk name lockfile of one catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lockfile {
    pub groups: Vec<LockedGroup>,
}

/// Curated names of one group, keyed by the group's title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedGroup {
    pub title: String,
    /// PascalCase type name; absent until curated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Code → PascalCase name (string codes are string keys). A code
    /// listed without a name (`1001:`, a slot `cargo xtask names` leaves to
    /// fill) is not locked: it keeps its other name or the fallback.
    #[serde(default, deserialize_with = "named_codes")]
    pub codes: BTreeMap<Code, String>,
}

/// The `codes` of a locked group, without the codes listed with no name.
fn named_codes<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<Code, String>, D::Error> {
    let listed: BTreeMap<Code, Option<String>> = Deserialize::deserialize(deserializer)?;
    Ok(listed.into_iter().filter_map(|(code, name)| Some((code, name?))).collect())
}

/// Everything that names one catalog.
#[derive(Debug, Clone, Default)]
pub struct NameBook {
    pub lockfile: Lockfile,
    /// The lockfile's text and path, for diagnostics with lines.
    pub lockfile_text: String,
    pub lockfile_path: String,
    /// Official SDK names: code → name.
    pub official: BTreeMap<i64, String>,
}

impl NameBook {
    /// Parses a lockfile. A syntax error is returned as a diagnostic.
    pub fn with_lockfile(mut self, text: &str, path: &str) -> Result<NameBook, Diagnostic> {
        self.lockfile = crate::yaml::from_str(text).map_err(|error| {
            Diagnostic::new(
                DiagnosticKind::InvalidLockfile,
                path,
                0,
                format!("the name lockfile is not valid: {error}"),
            )
        })?;
        self.lockfile_text = text.to_owned();
        self.lockfile_path = path.to_owned();
        Ok(self)
    }

    /// Adds an official `name<TAB>code` list (first line is a header).
    pub fn with_official_tsv(mut self, text: &str, path: &str) -> Result<NameBook, Diagnostic> {
        for (index, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() {
                continue;
            }
            let parsed =
                line.split_once('\t').and_then(|(name, code)| Some((name.trim(), code.trim().parse::<i64>().ok()?)));
            let line_number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            match parsed {
                Some((name, code)) if is_pascal_case(name) => {
                    self.official.insert(code, name.to_owned());
                }
                _ => {
                    return Err(Diagnostic::new(
                        DiagnosticKind::InvalidLockfile,
                        path,
                        line_number,
                        format!("expected `Name<TAB>code`, found `{line}`"),
                    ));
                }
            }
        }
        Ok(self)
    }

    /// The lockfile line that mentions `needle`, for diagnostics.
    fn line_of(&self, needle: &str) -> u32 {
        self.lockfile_text
            .lines()
            .position(|line| line.contains(needle))
            .and_then(|index| u32::try_from(index + 1).ok())
            .unwrap_or(0)
    }
}

/// Gives every group and entry of `catalog` its name; adds tombstones.
/// `path` is the page, for diagnostics about the page.
pub fn apply(catalog: &mut Catalog, book: &NameBook, path: &str) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut report =
        |kind, file: &str, line, message: String| diagnostics.push(Diagnostic::new(kind, file, line, message));
    let lock_path = book.lockfile_path.as_str();

    // The lockfile itself: valid, unique names.
    let mut valid_groups: Vec<&LockedGroup> = Vec::new();
    let mut group_names = BTreeSet::new();
    for locked in &book.lockfile.groups {
        let mut problem = false;
        if let Some(name) = &locked.name
            && (!is_pascal_case(name) || !group_names.insert(name.clone()))
        {
            let line = book.line_of(&format!("name: {name}"));
            report(
                DiagnosticKind::InvalidLockfile,
                lock_path,
                line,
                format!("group name `{name}` is not PascalCase or is used twice"),
            );
            problem = true;
        }
        let mut seen = HashMap::new();
        for (code, name) in &locked.codes {
            let line = book.line_of(&format!("{code}: {name}"));
            if !is_pascal_case(name) {
                report(
                    DiagnosticKind::InvalidLockfile,
                    lock_path,
                    line,
                    format!("`{name}` (code {code}) is not a PascalCase identifier"),
                );
                problem = true;
            } else if let Some(other) = seen.insert(name.clone(), code.clone()) {
                report(
                    DiagnosticKind::InvalidLockfile,
                    lock_path,
                    line,
                    format!("`{name}` is given to codes {other} and {code} in group `{}`", locked.title),
                );
                problem = true;
            }
        }
        if !problem {
            valid_groups.push(locked);
        }
    }

    // Groups the lockfile knows that the page no longer has: all tombstones.
    for locked in &valid_groups {
        if !catalog.groups.iter().any(|group| group.title == locked.title) {
            report(
                DiagnosticKind::RetiredGroup,
                lock_path,
                book.line_of(&format!("title: {}", locked.title)),
                format!(
                    "group `{}` is no longer documented; its {} code(s) are kept as retired",
                    locked.title,
                    locked.codes.len()
                ),
            );
            catalog.groups.push(Group {
                titles: BTreeMap::new(),
                ranges: Vec::new(),
                name: String::new(),
                title: locked.title.clone(),
                code_type: if locked.codes.keys().any(Code::is_text) { CodeType::String } else { CodeType::Integer },
                entries: Vec::new(),
                retired: Vec::new(),
                default: None,
            });
        }
    }

    for group in &mut catalog.groups {
        let locked = valid_groups.iter().find(|locked| locked.title == group.title).copied();
        let first_line = group.entries.first().and_then(|entry| entry.lines.first().copied()).unwrap_or(0);
        let curated = locked.and_then(|locked| locked.name.clone());
        group.name = curated.clone().unwrap_or_else(|| fallback_group_name(&group.title));
        let mut fallbacks: Vec<Code> = Vec::new();
        name_group(group, locked, book, path, &mut report, &mut fallbacks);
        if curated.is_none() || !fallbacks.is_empty() {
            let mut message = String::new();
            if curated.is_none() {
                message.push_str(&format!(
                    "group `{}` has no curated type name; it is named `{}`",
                    group.title, group.name
                ));
            }
            if !fallbacks.is_empty() {
                let shown: Vec<String> = fallbacks.iter().take(8).map(Code::to_string).collect();
                let more =
                    if fallbacks.len() > 8 { format!(" and {} more", fallbacks.len() - 8) } else { String::new() };
                if !message.is_empty() {
                    message.push_str("; ");
                }
                message.push_str(&format!(
                    "{} code(s) in `{}` have no curated name and use the `Code<number>` fallback: {}{more}",
                    fallbacks.len(),
                    group.title,
                    shown.join(", ")
                ));
            }
            message.push_str(". ");
            message.push_str(&curate_hint(&catalog.id, &book.lockfile_path));
            report(DiagnosticKind::FallbackName, path, first_line, message);
        }
    }
    diagnostics
}

/// How to give curated names to the groups and codes of catalog `id` whose
/// names are fallbacks, said at the end of W0304. `lockfile` is the
/// lockfile read (empty when there is none): a manifest source's
/// (`docs-src/names/<id>.yaml`, written by `cargo xtask names`), or the
/// file given to `errcat ingest --names`.
fn curate_hint(id: &str, lockfile: &str) -> String {
    let project = format!("docs-src/{}", lockfile_path(id));
    if lockfile.is_empty() || lockfile == project {
        format!(
            "Run `cargo xtask names` to list every group and code with its text in {project}, \
             write the names there, then run `cargo xtask regen`"
        )
    } else {
        format!(
            "Write the names in {lockfile} (the `--names` file: `name: Room`, `1001: RoomNotFound`) and ingest again"
        )
    }
}

/// How to curate names, said after a summary of fallback names: for a page
/// read by `errcat ingest`.
pub const CURATE_WITH_NAMES: &str = "pass `--names FILE` to curate them";

/// For a page read without a lockfile (`errcat ingest`, `errcat render
/// PAGE`), where every name is expected to be a fallback: the fallback-name
/// warnings become one info line that counts them and says `how` to curate
/// them.
pub fn summarize_fallbacks(diagnostics: Vec<Diagnostic>, path: &str, how: &str) -> Vec<Diagnostic> {
    let (fallbacks, mut rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.into_iter().partition(|d| d.kind == DiagnosticKind::FallbackName);
    if !fallbacks.is_empty() {
        rest.insert(
            0,
            Diagnostic::new(
                DiagnosticKind::FallbackNames,
                path,
                0,
                format!("{} group(s) use fallback names (`Code<number>`, `Group<hash>`); {how}", fallbacks.len()),
            ),
        );
    }
    rest
}

/// Names the entries of one group and fills its tombstones.
fn name_group(
    group: &mut Group,
    locked: Option<&LockedGroup>,
    book: &NameBook,
    path: &str,
    report: &mut impl FnMut(DiagnosticKind, &str, u32, String),
    fallbacks: &mut Vec<Code>,
) {
    let empty = BTreeMap::new();
    let locked_codes = locked.map_or(&empty, |locked| &locked.codes);
    let present: BTreeSet<Code> = group.entries.iter().map(|entry| entry.code.clone()).collect();
    // Names already taken by locked codes (present or retired).
    let mut taken: HashMap<String, Code> =
        locked_codes.iter().map(|(code, name)| (name.clone(), code.clone())).collect();

    let mut doc_name_codes: BTreeMap<&str, Vec<Code>> = BTreeMap::new();
    for entry in &group.entries {
        if let Some(doc_name) = &entry.doc_name {
            let codes = doc_name_codes.entry(doc_name.as_str()).or_default();
            if !codes.contains(&entry.code) {
                codes.push(entry.code.clone());
            }
        }
    }
    let shared: BTreeMap<String, Vec<Code>> = doc_name_codes
        .into_iter()
        .filter(|(_, codes)| codes.len() > 1)
        .map(|(name, codes)| (name.to_owned(), codes))
        .collect();

    // Candidate names from the document and the official list.
    let mut candidates: Vec<(usize, String, &'static str)> = Vec::new();
    for (index, entry) in group.entries.iter().enumerate() {
        if locked_codes.contains_key(&entry.code) {
            continue;
        }
        // A string code that is an identifier names itself.
        let mut candidate = crate::idents::name_from_code(&entry.code).map(|name| (name, "the code"));
        if let Some(doc_name) = entry.doc_name.as_ref().filter(|_| candidate.is_none()) {
            if let Some(codes) = shared.get(doc_name) {
                if codes[0] == entry.code {
                    let list = codes.iter().map(Code::to_string).collect::<Vec<_>>().join(", ");
                    report(
                        DiagnosticKind::SharedDocName,
                        path,
                        entry.lines[0],
                        format!("the document gives the name `{doc_name}` to codes {list}; none of them uses it"),
                    );
                }
            } else if let Some(name) = normalize_doc_name(doc_name) {
                candidate = Some((name, "the document"));
            } else {
                report(
                    DiagnosticKind::InvalidDocName,
                    path,
                    entry.lines[0],
                    format!("`{doc_name}` (code {}) is not an identifier; it is kept as `doc_name` only", entry.code),
                );
            }
        }
        if candidate.is_none()
            && let Some(name) = entry.code.as_int().and_then(|code| book.official.get(&code))
        {
            candidate = Some((name.clone(), "the official SDK names"));
        }
        if let Some((name, origin)) = candidate {
            candidates.push((index, name, origin));
        }
    }
    // A candidate shared by several codes, or already taken, is used by none.
    let mut holders: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, name, _) in &candidates {
        holders.entry(name.as_str()).or_default().push(*index);
    }
    let mut chosen: HashMap<usize, String> = HashMap::new();
    for (index, name, origin) in &candidates {
        let entry = &group.entries[*index];
        if holders[name.as_str()].len() > 1 {
            if holders[name.as_str()][0] == *index {
                let codes: Vec<String> =
                    holders[name.as_str()].iter().map(|&i| group.entries[i].code.to_string()).collect();
                report(
                    DiagnosticKind::NameCollision,
                    path,
                    entry.lines[0],
                    format!(
                        "codes {} would all be named `{name}` (from {origin}); none of them uses it",
                        codes.join(", ")
                    ),
                );
            }
        } else if let Some(owner) = taken.get(name) {
            report(
                DiagnosticKind::NameCollision,
                path,
                entry.lines[0],
                format!("`{name}` (from {origin}) for code {} is locked to code {owner}; it is not reused", entry.code),
            );
        } else {
            taken.insert(name.clone(), entry.code.clone());
            chosen.insert(*index, name.clone());
        }
    }
    for (index, entry) in group.entries.iter_mut().enumerate() {
        entry.name = match (locked_codes.get(&entry.code), chosen.remove(&index)) {
            (Some(locked), _) => locked.clone(),
            (None, Some(name)) => name,
            (None, None) => {
                fallbacks.push(entry.code.clone());
                fallback_entry_name(&entry.code)
            }
        };
    }
    // Tombstones: locked codes the page no longer documents.
    for (code, name) in locked_codes {
        if !present.contains(code) {
            group.retired.push(Retired { code: code.clone(), name: name.clone() });
        }
    }
    if !group.retired.is_empty() {
        let list: Vec<String> =
            group.retired.iter().map(|retired| format!("{} ({})", retired.code, retired.name)).collect();
        report(
            DiagnosticKind::RetiredCode,
            &book.lockfile_path,
            book.line_of(&format!("title: {}", group.title)),
            format!("group `{}`: code(s) no longer documented, kept as retired: {}", group.title, list.join(", ")),
        );
    }
}

/// A lockfile for `catalog` that keeps every name it has now (curated,
/// documented or official), leaving out fallback names, which need a human.
pub fn lockfile_for(catalog: &Catalog, previous: &Lockfile) -> Lockfile {
    let mut groups = Vec::new();
    for group in &catalog.groups {
        let old = previous.groups.iter().find(|locked| locked.title == group.title);
        let mut codes: BTreeMap<Code, String> = old.map(|old| old.codes.clone()).unwrap_or_default();
        for entry in &group.entries {
            if !crate::idents::is_fallback_name(&entry.name) {
                codes.entry(entry.code.clone()).or_insert_with(|| entry.name.clone());
            }
        }
        let name = old.and_then(|old| old.name.clone());
        groups.push(LockedGroup { title: group.title.clone(), name, codes });
    }
    for old in &previous.groups {
        if !groups.iter().any(|group| group.title == old.title) {
            groups.push(old.clone());
        }
    }
    Lockfile { groups }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Entry, SCHEMA, SourceRef};

    fn entry(code: i64, doc_name: Option<&str>) -> Entry {
        Entry {
            code: Code::new(code),
            name: String::new(),
            doc_name: doc_name.map(str::to_owned),
            message: Some(format!("message {code}")),
            cause: None,
            solution: None,
            notes: Vec::new(),
            same_row: Vec::new(),
            sections: Vec::new(),
            variants: Vec::new(),
            lines: vec![u32::try_from(code).unwrap_or(0)],
            ..Entry::default()
        }
    }

    fn catalog(entries: Vec<Entry>) -> Catalog {
        Catalog {
            schema: SCHEMA.to_owned(),
            id: "t".to_owned(),
            title: "T".to_owned(),
            locale: "en".to_owned(),
            source: SourceRef { file: "t.md".to_owned(), sha256: String::new(), upstream: None },
            notes: Vec::new(),
            editions: Vec::new(),
            groups: vec![Group {
                titles: BTreeMap::new(),
                name: String::new(),
                title: "G".to_owned(),
                entries,
                ranges: Vec::new(),
                retired: Vec::new(),
                ..Group::default()
            }],
        }
    }

    fn book(lockfile: &str, official: &str) -> NameBook {
        let book = NameBook::default().with_lockfile(lockfile, "names/t.yaml").expect("lockfile");
        if official.is_empty() { book } else { book.with_official_tsv(official, "official.tsv").expect("official") }
    }

    fn names(catalog: &Catalog) -> Vec<(i64, &str)> {
        catalog.groups[0].entries.iter().map(|entry| (entry.code.as_int().unwrap_or(-1), entry.name.as_str())).collect()
    }

    #[test]
    fn precedence_is_lockfile_then_document_then_official_then_fallback() {
        let mut catalog =
            catalog(vec![entry(1, Some("kAError")), entry(2, Some("kBError")), entry(3, None), entry(4, None)]);
        let book = book(
            "groups:\n  - title: G\n    name: Things\n    codes:\n      1: Curated\n",
            "name\tcode\nOfficialThree\t3\nOfficialTwo\t2\n",
        );
        let diagnostics = apply(&mut catalog, &book, "t.md");
        assert_eq!(catalog.groups[0].name, "Things");
        assert_eq!(names(&catalog), [(1, "Curated"), (2, "B"), (3, "OfficialThree"), (4, "Code4")]);
        let fallback: Vec<_> = diagnostics.iter().filter(|d| d.kind == DiagnosticKind::FallbackName).collect();
        assert_eq!(fallback.len(), 1);
        assert!(fallback[0].message.contains(": 4"), "{}", fallback[0].message);
    }

    #[test]
    fn removed_codes_become_tombstones_and_their_names_are_not_reused() {
        let mut catalog = catalog(vec![entry(1, None), entry(3, Some("kOldNameError"))]);
        let book = book("groups:\n  - title: G\n    name: Things\n    codes:\n      1: One\n      2: OldName\n", "");
        let diagnostics = apply(&mut catalog, &book, "t.md");
        assert_eq!(catalog.groups[0].retired, [Retired { code: Code::new(2), name: "OldName".to_owned() }]);
        assert_eq!(names(&catalog), [(1, "One"), (3, "Code3")], "OldName belongs to the retired code 2");
        assert!(
            diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::RetiredCode && d.file == "names/t.yaml" && d.line == 2)
        );
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::NameCollision));
    }

    #[test]
    fn a_group_gone_from_the_page_is_kept_as_retired() {
        let mut catalog = catalog(vec![entry(1, None)]);
        let book = book(
            "groups:\n  - title: G\n    name: Things\n    codes:\n      1: One\n  - title: Gone\n    name: Gone\n    codes:\n      9: Nine\n",
            "",
        );
        apply(&mut catalog, &book, "t.md");
        let gone = catalog.groups.iter().find(|group| group.title == "Gone").expect("kept");
        assert_eq!((gone.name.as_str(), gone.retired.len()), ("Gone", 1));
    }

    #[test]
    fn invalid_or_duplicate_locked_names_are_errors_with_lines() {
        let mut catalog = catalog(vec![entry(1, None), entry(2, None)]);
        let book = book("groups:\n  - title: G\n    name: Things\n    codes:\n      1: Same\n      2: Same\n", "");
        let diagnostics = apply(&mut catalog, &book, "t.md");
        let error = diagnostics.iter().find(|d| d.kind == DiagnosticKind::InvalidLockfile).expect("error");
        assert_eq!((error.file.as_str(), error.line), ("names/t.yaml", 6));
        let bad = NameBook::default()
            .with_lockfile("groups:\n  - title: G\n    name: x y\n    codes: {1: lower}\n", "n.yaml")
            .expect("parses");
        let mut catalog = self::catalog(vec![entry(1, None)]);
        assert!(apply(&mut catalog, &bad, "t.md").iter().any(|d| d.kind == DiagnosticKind::InvalidLockfile));
    }

    #[test]
    fn a_name_shared_by_two_codes_is_used_by_neither() {
        let mut catalog = catalog(vec![entry(1, Some("kDupError")), entry(2, Some("kDupError"))]);
        let diagnostics = apply(&mut catalog, &NameBook::default(), "t.md");
        assert_eq!(names(&catalog), [(1, "Code1"), (2, "Code2")]);
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::SharedDocName && d.line == 1));
    }

    #[test]
    fn string_codes_are_locked_by_string_keys_and_kept_as_tombstones() {
        let text = |code: &str| Entry { code: Code::text(code), lines: vec![1], ..Entry::default() };
        let mut catalog = catalog(vec![text("order-not-exist"), text("0101"), text("ACCOUNT_FROZEN")]);
        catalog.groups[0].code_type = CodeType::String;
        let lockfile = "groups:\n  - title: \"G\"\n    codes:\n      \"0101\": LegacyFailure\n      \"order-not-exist\": OrderMissing\n      \"order.gone\": OrderGone\n";
        let diagnostics = apply(&mut catalog, &book(lockfile, ""), "t.md");
        let names: Vec<&str> = catalog.groups[0].entries.iter().map(|entry| entry.name.as_str()).collect();
        assert_eq!(names, ["OrderMissing", "LegacyFailure", "AccountFrozen"], "locked first, then the code's own name");
        assert_eq!(
            catalog.groups[0].retired,
            [Retired { code: Code::text("order.gone"), name: "OrderGone".to_owned() }]
        );
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::RetiredCode));
        // The lockfile written back keeps string keys (a quoted `0101`).
        let written = lockfile_for(&catalog, &book(lockfile, "").lockfile);
        assert_eq!(written.groups[0].codes.get(&Code::text("0101")).map(String::as_str), Some("LegacyFailure"));
        assert_eq!(
            written.groups[0].codes.get(&Code::text("ACCOUNT_FROZEN")).map(String::as_str),
            Some("AccountFrozen")
        );
        assert!(!written.groups[0].codes.contains_key(&Code::new(101)), "`0101` stays a string");
    }

    #[test]
    fn slots_left_empty_in_a_lockfile_keep_their_fallback_and_filled_ones_are_used() {
        let skeleton = "groups:\n  - title: \"G\"\n    name:  # the group's type name\n    codes:\n      1:  # message 1\n      2: Two  # message 2\n      \"x\":\n";
        let book = NameBook::default().with_lockfile(skeleton, "docs-src/names/t.yaml").expect("a skeleton parses");
        assert_eq!(book.lockfile.groups[0].name, None);
        assert_eq!(book.lockfile.groups[0].codes, BTreeMap::from([(Code::new(2), "Two".to_owned())]));
        let mut catalog = catalog(vec![entry(1, None), entry(2, None)]);
        let diagnostics = apply(&mut catalog, &book, "t.md");
        assert_eq!(names(&catalog), [(1, "Code1"), (2, "Two")]);
        assert!(catalog.groups[0].retired.is_empty(), "a code listed without a name is no tombstone");
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let filled = skeleton.replace("    name:  #", "    name: Things  #").replace("1:  #", "1: One  #");
        let mut catalog = self::catalog(vec![entry(1, None), entry(2, None)]);
        assert!(apply(&mut catalog, &self::book(&filled, ""), "t.md").is_empty());
        assert_eq!(catalog.groups[0].name, "Things");
        assert_eq!(names(&catalog), [(1, "One"), (2, "Two")]);
    }

    #[test]
    fn fallback_names_say_which_command_and_file_give_curated_ones() {
        let hint = |lockfile: &str| {
            let mut catalog = catalog(vec![entry(1, None)]);
            let book = NameBook { lockfile_path: lockfile.to_owned(), ..NameBook::default() };
            let diagnostics = apply(&mut catalog, &book, "t.md");
            let fallback = diagnostics.iter().find(|d| d.kind == DiagnosticKind::FallbackName).expect("W0304");
            fallback.message.clone()
        };
        let project = "Run `cargo xtask names` to list every group and code with its text in docs-src/names/t.yaml, \
                       write the names there, then run `cargo xtask regen`";
        let message = hint("");
        assert!(message.starts_with("group `G` has no curated type name; it is named `Group"), "{message}");
        assert!(message.ends_with(&format!("fallback: 1. {project}")), "{message}");
        assert!(hint("docs-src/names/t.yaml").ends_with(project));
        let cli = hint("my-names.yaml");
        assert!(
            cli.ends_with(
                "Write the names in my-names.yaml (the `--names` file: `name: Room`, `1001: RoomNotFound`) and ingest again"
            ),
            "{cli}"
        );
    }

    #[test]
    fn lockfile_for_keeps_curated_and_documented_names_but_not_fallbacks() {
        let mut catalog = catalog(vec![entry(1, Some("kAError")), entry(2, None)]);
        apply(&mut catalog, &NameBook::default(), "t.md");
        let lockfile = lockfile_for(&catalog, &Lockfile::default());
        assert_eq!(lockfile.groups[0].codes, BTreeMap::from([(Code::new(1), "A".to_owned())]));
    }
}
