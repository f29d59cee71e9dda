//! String codes and codes documented outside plain integer tables, on the
//! small pages of `tests/pages/` (each form once, with its traps): string
//! code tables, a heading per code, a list item per code, constants defined
//! in a code block, rows spread over lines. Also the catalog contract for
//! string codes: YAML and JSON round trips, the JSON Schema, the diff and
//! lint.

mod common;

use errcat::catalog::{Catalog, Entry, Group};
use errcat::code::{Code, CodeType};
use errcat::diagnostic::{Diagnostic, DiagnosticKind};
use std::path::Path;

fn page(name: &str) -> (Catalog, Vec<Diagnostic>) {
    common::test_page(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages").join(name))
}

fn find<'a>(catalog: &'a Catalog, code: &Code) -> (&'a Group, &'a Entry) {
    catalog.entries().find(|(_, entry)| entry.code == *code).unwrap_or_else(|| panic!("code {code} not in catalog"))
}

fn lines_of(diagnostics: &[Diagnostic], kind: DiagnosticKind) -> Vec<u32> {
    diagnostics.iter().filter(|d| d.kind == kind).map(|d| d.line).collect()
}

#[test]
fn a_string_coded_table_is_read_with_its_codes_names_and_status_column() {
    let (catalog, diagnostics) = page("string-codes.md");
    let common = &catalog.groups[0];
    assert_eq!((common.title.as_str(), common.code_type), ("Common errors", CodeType::String));
    let codes: Vec<&str> = common.entries.iter().filter_map(|entry| entry.code.as_text()).collect();
    assert_eq!(
        codes,
        ["InvalidParameter.Missing", "InvalidParameter.Format", "order-not-exist", "ACCOUNT_FROZEN", "0101"],
        "backticks dropped; a number among string codes is kept as written"
    );
    let names: Vec<&str> = common.entries.iter().map(|entry| entry.name.as_str()).collect();
    assert_eq!(
        names,
        ["InvalidParameterMissing", "InvalidParameterFormat", "OrderNotExist", "AccountFrozen", "Code0101"]
    );
    let (_, missing) = find(&catalog, &Code::text("InvalidParameter.Missing"));
    assert_eq!(missing.attributes["HTTP status"], "400", "the status column is an attribute, not the code");
    // Two codes with the same words: reported, and each keeps a name of its own.
    let limits = &catalog.groups[1];
    assert_eq!(lines_of(&diagnostics, DiagnosticKind::NameCollision), [17]);
    assert_ne!(limits.entries[0].name, limits.entries[1].name);
    assert_eq!(lines_of(&diagnostics, DiagnosticKind::InvalidCode), [19], "`1000xxx` is not a string code");
    assert_eq!(lines_of(&diagnostics, DiagnosticKind::StringCodes), [7, 17]);
}

#[test]
fn string_catalogs_round_trip_through_yaml_and_json_and_validate_against_the_schema() {
    let (catalog, _) = page("string-codes.md");
    let yaml = catalog.to_yaml();
    assert!(yaml.contains("code_type: string") && yaml.contains("code: \"0101\""), "{yaml}");
    assert_eq!(Catalog::from_yaml(&yaml).expect("yaml"), catalog);
    let json = catalog.to_json();
    assert_eq!(Catalog::from_json(&json).expect("json"), catalog);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::workspace_root().join("generated/json/schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let instance: serde_json::Value = serde_json::from_str(&json).expect("catalog json");
    let errors: Vec<String> = validator.iter_errors(&instance).map(|error| error.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // A string-coded group with an integer code, or an integer group with a
    // string code, is not a valid catalog.
    let mut wrong = instance.clone();
    wrong["groups"][0]["entries"][0]["code"] = serde_json::json!(7);
    assert!(!validator.is_valid(&wrong));
    let mut wrong = instance;
    wrong["groups"][0].as_object_mut().expect("group").remove("code_type");
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn the_diff_and_lint_read_string_codes() {
    let (old, _) = page("string-codes.md");
    let mut new = old.clone();
    let group = &mut new.groups[0];
    group.entries.retain(|entry| entry.code != Code::text("order-not-exist"));
    group.entries[0].message = Some("A required parameter is absent.".to_owned());
    let mut added = group.entries[1].clone();
    added.code = Code::text("OrderClosed");
    added.name = "OrderClosed".to_owned();
    group.entries.push(added);
    let report = errcat::diff::diff_catalogs(&old, &new, "old", "new");
    let changes: Vec<(String, &str)> =
        report.changes().map(|change| (change.code.to_string(), change.level.as_str())).collect();
    assert!(changes.contains(&("order-not-exist".to_owned(), "breaking")), "{changes:?}");
    assert!(changes.contains(&("OrderClosed".to_owned(), "minor")), "{changes:?}");
    assert!(changes.contains(&("InvalidParameter.Missing".to_owned(), "patch")), "{changes:?}");
    assert_eq!(report.level().map(|level| level.as_str()), Some("breaking"));
    let lints = errcat::lint::lint(&old, &[], "string-codes.md");
    assert!(lints.iter().all(|lint| lint.id != "no-message"), "{lints:?}");
}

#[test]
fn codes_under_their_own_headings_and_in_list_items() {
    let (catalog, diagnostics) = page("code-headings.md");
    let (group, denied) = find(&catalog, &Code::new(201));
    assert_eq!(group.title, "2 Codes", "numbered section headings are sections, not codes");
    assert_eq!(denied.message.as_deref(), Some("Permission denied"));
    assert_eq!(denied.cause.as_deref(), Some("The caller lacks the permission."));
    assert_eq!(denied.solution.as_deref(), Some("- Declare the permission.\n- Ask the user to grant it."));
    assert_eq!(denied.notes, ["Permission verification failed."], "a labelled message beside the heading's title");
    assert_eq!((denied.lines.first(), denied.lines.last()), (Some(&11), Some(&25)));
    let (_, other) = find(&catalog, &Code::new(202));
    assert_eq!(other.notes.len(), 2, "the first paragraph and the note: {:?}", other.notes);
    let (_, disk) = find(&catalog, &Code::new(203));
    assert_eq!((disk.doc_name.as_deref(), disk.name.as_str()), (Some("ER_DISK_FULL"), "ErDiskFull"));
    assert_eq!(disk.message.as_deref(), Some("The disk is full."));
    assert!(catalog.entries().all(|(_, entry)| entry.message.as_deref() != Some("Other pages.")), "`See also`");
    // List items of the exit-code list.
    let (group, wrapped) = find(&catalog, &Code::new(2));
    assert_eq!(group.title, "3 Exit codes");
    assert_eq!(
        wrapped.message.as_deref(),
        Some("Command line problem, bad or illegal flags, or bad environment variables.")
    );
    let (_, labelled) = find(&catalog, &Code::new(8001));
    assert_eq!(
        (labelled.message.as_deref(), labelled.cause.as_deref()),
        (Some("Cannot open the file."), Some("The file is locked."))
    );
    let range = &group.ranges[0];
    assert_eq!((&range.from, &range.to, range.message.as_deref()), (&Code::new(41), &Code::new(44), Some("Reserved.")));
    assert!(!diagnostics.iter().any(|d| d.kind == DiagnosticKind::NoTables), "a page of codes outside tables");
    assert_eq!(catalog.entries().count(), 6);
}

#[test]
fn constants_defined_in_a_code_block_give_a_table_of_names_its_codes() {
    let (catalog, diagnostics) = page("code-block-constants.md");
    let found: Vec<(i64, &str, &[u32])> = catalog
        .entries()
        .map(|(_, entry)| {
            (entry.code.as_int().expect("integer"), entry.doc_name.as_deref().unwrap_or(""), entry.lines.as_slice())
        })
        .collect();
    assert_eq!(
        found,
        [
            (0, "RES_OK", &[6, 16][..]),
            (-1, "RES_NO_INIT_DATA", &[8, 17][..]),
            (-5, "RES_LEASE_PARAM_E", &[9, 18][..]),
            (-13, "RES_ALLOC_ERR", &[10, 19][..]),
        ]
    );
    assert_eq!(lines_of(&diagnostics, DiagnosticKind::ConstantByPrefix), [18], "a name cut short is said");
    assert_eq!(lines_of(&diagnostics, DiagnosticKind::InvalidCode), [20], "an undefined name is an error");
}

#[test]
fn a_row_spread_over_lines_gives_every_code_of_its_lists() {
    let (catalog, diagnostics) = page("spread-rows.md");
    let codes: Vec<i64> = catalog.entries().filter_map(|(_, entry)| entry.code.as_int()).collect();
    assert_eq!(codes, [257, 258, 259, 260], "list items are codes, not negative numbers");
    let (_, spread) = find(&catalog, &Code::new(259));
    assert_eq!(spread.message.as_deref(), Some("stream error"));
    assert_eq!(spread.cause.as_deref(), Some("- The stream is missing.\n- The stream is broken."));
    assert_eq!(spread.same_row, [Code::new(258)]);
    assert_eq!((spread.lines.first(), spread.lines.last()), (Some(&6), Some(&15)));
    assert_eq!(lines_of(&diagnostics, DiagnosticKind::BrokenRowJoined), [6]);
    assert_eq!(find(&catalog, &Code::new(260)).1.lines, [16]);
}
