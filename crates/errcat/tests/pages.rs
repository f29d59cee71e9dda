//! Data-driven tests: every page under `tests/pages/` (with an optional
//! `<stem>.settings.yaml`) has a snapshot of its diagnostics and catalog,
//! and focused assertions on the quirk each page shows.

mod common;

use common::test_page;
use errcat::code::Code;
use errcat::diagnostic::{DiagnosticKind, Severity};
use std::path::Path;

fn page(name: &str) -> (errcat::catalog::Catalog, Vec<errcat::diagnostic::Diagnostic>) {
    test_page(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages").join(name))
}

fn entry(catalog: &errcat::catalog::Catalog, code: i64) -> &errcat::catalog::Entry {
    let found: Vec<_> = catalog.entries().filter(|(_, entry)| entry.code == Code::new(code)).collect();
    assert_eq!(found.len(), 1, "code {code} should be one entry");
    found[0].1
}

#[test]
fn every_test_page_matches_its_snapshot() {
    insta::glob!("pages/*.{md,mdx,html}", |path| {
        let (catalog, diagnostics) = test_page(path);
        insta::assert_snapshot!(common::snapshot_text(&catalog, &diagnostics));
    });
}

#[test]
fn an_english_page_never_seen_works_without_configuration() {
    let (catalog, diagnostics) = page("english-error-codes.md");
    assert!(diagnostics.iter().all(|d| d.kind == DiagnosticKind::FallbackName), "{diagnostics:?}");
    assert_eq!(catalog.title, "Error Codes");
    let codes: Vec<i64> = catalog.entries().filter_map(|(_, entry)| entry.code.as_int()).collect();
    assert_eq!(codes, [1001, 1002, 1003, 2001, -1]);
    let timeout = entry(&catalog, 1003);
    assert_eq!(timeout.message.as_deref(), Some("Request timed out."));
    assert_eq!(timeout.solution.as_deref(), Some("Retry with exponential backoff."));
    assert_eq!(timeout.same_row, [Code::new(1002)]);
    assert_eq!(entry(&catalog, 2001).solution, None, "`-` means no solution");
    assert_eq!(
        entry(&catalog, 1001).solution.as_deref(),
        Some("Check the request parameters against the [API reference](https://example.com/api).")
    );
    assert_eq!(entry(&catalog, -1).name, "CodeMinus1");
}

#[test]
fn continuation_tables_and_rows_join_into_the_row_above() {
    let (catalog, diagnostics) = page("continuation-tables.md");
    assert_eq!(catalog.groups.len(), 1);
    assert_eq!(catalog.groups[0].title, "3 推流");
    let spilled = entry(&catalog, 12301004);
    assert_eq!(spilled.message.as_deref(), Some("拉的流不存在 请检查拉取的流是否已推流成功"));
    assert_eq!(spilled.lines, [5, 7]);
    let auth = entry(&catalog, 52000101);
    assert_eq!(auth.message.as_deref(), Some("请确认appSign是否填写正确鉴权失败"));
    assert_eq!(entry(&catalog, 60001005).message.as_deref(), Some("房间服务器心跳超时"));
    assert_eq!(catalog.entries().count(), 4, "the rule row and the blank row are not entries");
    let joined = diagnostics.iter().filter(|d| d.kind == DiagnosticKind::ContinuationJoined).count();
    assert_eq!(joined, 2);
}

#[test]
fn labelled_parts_fill_message_cause_and_solution() {
    let (catalog, diagnostics) = page("labelled-parts.mdx");
    let login = entry(&catalog, 1000002);
    assert_eq!(login.message.as_deref(), Some("未登录房间。"));
    assert_eq!(login.cause.as_deref(), Some("没有登录房间。"));
    assert_eq!(login.solution.as_deref(), Some("请先调用 [loginRoom](https://example.com/login) 登录房间。"));
    let unlabelled_first = entry(&catalog, 1017001);
    assert_eq!(unlabelled_first.message.as_deref(), Some("params 参数无效。"));
    assert_eq!(unlabelled_first.cause.as_deref(), Some("输入的 params 参数为空。"));
    let by_position = entry(&catalog, 1103019);
    assert_eq!(by_position.solution.as_deref(), Some("检查 streamParams 中的 token 是否正确。"));
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::PartRoleByPosition && d.line == 7));
    let lists = entry(&catalog, 1103002);
    assert_eq!(lists.cause.as_deref(), Some("1. 没有通过 https 访问。\n2. 浏览器版本过低。"));
    assert_eq!(lists.solution.as_deref(), Some("请更换浏览器。"));
}

#[test]
fn notes_multi_code_rows_and_links() {
    let (catalog, _) = page("notes-and-multi-code.mdx");
    assert_eq!(catalog.notes, ["本文档包含所有返回码。"]);
    let (a, b) = (entry(&catalog, 1010), entry(&catalog, 5007));
    assert_eq!(a.message, b.message);
    assert_eq!(a.same_row, [Code::new(5007)]);
    assert_eq!(b.same_row, [Code::new(1010)]);
    assert_eq!(
        entry(&catalog, 5001).same_row,
        [Code::new(3001), Code::new(5000), Code::new(5002)],
        "`、` `，` `/` all separate codes"
    );
    let note = entry(&catalog, 50001);
    assert_eq!(note.message.as_deref(), Some("房间不存在。"));
    assert_eq!(note.notes, ["- 无用户时房间被销毁。\n- 心跳超时后用户掉线。"]);
    assert_eq!(
        entry(&catalog, 110200003).solution.as_deref(),
        Some("详情请参考 [调用方式](https://example.com/19458#5)，或 签名。"),
        "a relative link without an upstream URL becomes its text"
    );
    assert_eq!(entry(&catalog, 0).solution, None);
}

#[test]
fn a_broken_row_is_one_entry_and_the_damage_is_a_warning_at_its_line() {
    let (catalog, diagnostics) = page("broken-row.mdx");
    let broken = entry(&catalog, 1002006);
    assert_eq!(broken.solution.as_deref(), Some("仅支持 '~', '!', ' , '^', '&' 。"));
    assert_eq!(broken.lines, [5, 6]);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.kind == DiagnosticKind::MdxDamage && d.line == 6 && d.severity() == Severity::Warning)
    );
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::StrayMdxComponent && d.line == 10));
    assert_eq!(
        entry(&catalog, 1005099).solution.as_deref(),
        Some("请联系技术支持。"),
        "last row without a closing pipe"
    );
    assert_eq!(catalog.entries().count(), 3);
}

#[test]
fn tight_cells_trailing_whitespace_and_empty_cells() {
    let (catalog, _) = page("tight-cells.md");
    assert_eq!(entry(&catalog, 2).notes, ["请确认已经初始化引擎"]);
    assert_eq!(entry(&catalog, 605030003).message.as_deref(), Some("参数错误"));
    assert!(entry(&catalog, 605030003).notes.is_empty());
    assert_eq!(entry(&catalog, 605030021).message.as_deref(), Some("创建输入通道失败，输入通道已经存在"));
}

#[test]
fn problems_are_reported_with_lines_never_dropped_silently() {
    let (catalog, diagnostics) = page("problems.md");
    let found: Vec<(DiagnosticKind, u32)> = diagnostics.iter().map(|d| (d.kind, d.line)).collect();
    for expected in [
        (DiagnosticKind::InvalidCode, 8),
        (DiagnosticKind::ConflictingRepeat, 9),
        (DiagnosticKind::InvalidCode, 10),
        (DiagnosticKind::NotACodeTable, 14),
        (DiagnosticKind::OrphanContinuation, 22),
        (DiagnosticKind::EmptyTable, 27),
    ] {
        assert!(found.contains(&expected), "missing {expected:?} in {found:?}");
    }
    let duplicate = diagnostics.iter().find(|d| d.kind == DiagnosticKind::ConflictingRepeat).expect("duplicate");
    assert!(duplicate.message.contains("than at line 7"), "{}", duplicate.message);
    assert_eq!(entry(&catalog, 10).message.as_deref(), Some("First."));
    assert_eq!(entry(&catalog, 10).variants[0].message.as_deref(), Some("Same code again."), "both meanings kept");
    assert_eq!(entry(&catalog, 7).message.as_deref(), Some("Seven."));
    assert_eq!(entry(&catalog, 7).attributes["Since"], "2.0", "a column without a role is an attribute");
}

#[test]
fn merged_sections_keep_every_wording_and_refuse_shared_names() {
    let (catalog, diagnostics) = page("merged-sections.md");
    assert_eq!(catalog.groups.len(), 1);
    assert_eq!(catalog.groups[0].title, "常见错误码");
    let repeated = entry(&catalog, 21200028);
    assert_eq!(repeated.sections, ["1 初始化 SDK", "2 登录房间"]);
    assert_eq!(repeated.lines, [5, 13]);
    assert!(repeated.variants.is_empty());
    assert_eq!(repeated.name, "ConfigServerTimeout");
    assert_eq!(repeated.doc_name.as_deref(), Some("kConfigServerTimeoutError"));
    let reworded = entry(&catalog, 52001002);
    assert_eq!(reworded.message.as_deref(), Some("观众身份不允许登录房间"));
    assert_eq!(reworded.variants.len(), 1);
    assert_eq!(reworded.variants[0].message.as_deref(), Some("房间服务器报错，添加用户失败"));
    assert_eq!(reworded.variants[0].section, "3 推流");
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::WordingDiffers && d.line == 20));
    assert_eq!(entry(&catalog, 20000001).name, "Code20000001");
    assert_eq!(entry(&catalog, 20000002).name, "Code20000002");
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::SharedDocName && d.line == 6));
}

#[test]
fn run_together_cells_split_at_a_configured_word() {
    let (catalog, _) = page("split-solution.md");
    let timeout = entry(&catalog, 21200028);
    assert_eq!(timeout.message.as_deref(), Some("连接配置服务器超时"));
    assert_eq!(timeout.solution.as_deref(), Some("请检查网络是否正常"));
    let only_solution = entry(&catalog, 50001003);
    assert_eq!(
        (only_solution.message.as_deref(), only_solution.solution.as_deref()),
        (Some("请联系 ZEGO 技术支持解决"), Some("请联系 ZEGO 技术支持解决")),
        "a row with only a solution reads its message from it"
    );
    assert_eq!(entry(&catalog, 10001102).solution, None, "no whitespace before 请: not split");
}

#[test]
fn column_roles_can_be_overridden_per_source() {
    let (catalog, _) = page("remark-as-solution.md");
    assert_eq!(entry(&catalog, 2).solution.as_deref(), Some("请确认已经初始化引擎"));
}

/// The reading classes of real tables, on one page: roles from content,
/// attributes, hex with its decimal form, catch-all rows, deprecation,
/// compound headers, generic headings, module columns, label patterns.
#[test]
fn real_table_classes_are_read_as_a_person_would() {
    let (catalog, diagnostics) = page("real-table-classes.md");
    let problems =
        diagnostics.iter().filter(|d| d.severity() != Severity::Info && d.kind != DiagnosticKind::FallbackName);
    assert_eq!(problems.count(), 0, "{diagnostics:?}");
    assert_eq!(catalog.title, "Payment API error codes", "front matter title, malformed or not");
    let titles: Vec<&str> = catalog.groups.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Orders / Error codes",
            "Refunds / Error codes",
            "Modules / 登录",
            "Modules / 支付",
            "Registry / System & Validation",
            "Registry / Accounts"
        ],
        "generic headings, module columns and title rows inside a table all make sections"
    );
    let orders = &catalog.groups[0];
    let invalid = &orders.entries[0];
    assert_eq!(invalid.code, Code::new(40001), "the HTTP status column does not take the code");
    assert_eq!(invalid.doc_name.as_deref(), Some("ERR_INVALID_PARAM"), "identifiers under `Error info` are the name");
    assert_eq!(invalid.message.as_deref(), Some("The parameter is invalid."));
    assert_eq!(invalid.attributes["说明"], "参数无效。", "the second-language description is kept");
    assert_eq!(invalid.attributes["HTTP Status"], "400");
    let missing = &orders.entries[1];
    assert_eq!((missing.code.clone(), missing.deprecated), (Code::new(40002), true));
    assert_eq!(missing.doc_name.as_deref(), Some("ERR_MISSING_FIELD"));
    assert_eq!(orders.entries[2].code, Code::new(50001), "a linked code cell");
    let default = orders.default.as_ref().expect("the catch-all row");
    assert_eq!((default.label.as_str(), default.message.as_deref()), ("Other", Some("Unknown error.")));
    let refunds = &catalog.groups[1];
    let denied = &refunds.entries[0];
    assert_eq!(denied.code, Code::new(-2147024891), "the page's decimal form signs the hex code");
    assert_eq!(denied.literal.as_deref(), Some("0x80070005"));
    assert_eq!((denied.cause.as_deref(), denied.solution.as_deref()), (Some("access denied."), Some("check the key.")));
    assert_eq!(denied.message.as_deref(), Some("access denied."), "never an empty message");
    let login = &catalog.groups[2];
    assert_eq!(login.entries[1].cause.as_deref(), Some("多次输入错误。"), "split like its labelled neighbours");
    assert_eq!(catalog.groups[3].entries[0].message.as_deref(), Some("余额不足。"));
    assert_eq!(
        catalog.groups[3].entries[0].solution.as_deref(),
        Some("充值后重试。"),
        "a suggestion label is the solution"
    );
}
