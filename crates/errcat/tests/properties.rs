//! Properties over generated input: reading never panics, no code in a
//! table row is lost silently, and the YAML catalog round-trips.

use errcat::catalog::Catalog;
use errcat::code::{Code, CodeCell};
use errcat::diagnostic::DiagnosticKind;
use errcat::{CatalogIdentity, InputFormat, Page};
use proptest::prelude::*;

fn ingest(text: &str, format: InputFormat) -> (Catalog, Vec<errcat::diagnostic::Diagnostic>) {
    let identity = CatalogIdentity { id: "p".to_owned(), locale: "und".to_owned(), ..CatalogIdentity::default() };
    let page = Page { format: Some(format), ..Page::new(text.as_bytes(), "p", "p") };
    errcat::ingest(&page, &identity, &Default::default(), &Default::default())
}

/// Text made of the pieces documentation pages are made of.
fn page_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("|".to_owned()),
        Just("\n".to_owned()),
        Just("|---|---|\n".to_owned()),
        Just("| 错误码 | 描述 |\n".to_owned()),
        Just("<br />".to_owned()),
        Just("<Note>".to_owned()),
        Just("</Note>".to_owned()),
        Just("<table><tr><td>".to_owned()),
        Just("</td></tr></table>".to_owned()),
        Just("<Content />".to_owned()),
        Just("## 节\n".to_owned()),
        Just("3 推流\n".to_owned()),
        Just("描述：".to_owned()),
        Just("1010、5007".to_owned()),
        Just("[a\\|_blank](u)".to_owned()),
        "[0-9]{1,12}".prop_map(|s| s),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn reading_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = ingest(&text, InputFormat::Markdown);
        let _ = ingest(&text, InputFormat::Html);
    }

    #[test]
    fn reading_page_like_text_never_panics_and_round_trips(text in page_like()) {
        for format in [InputFormat::Markdown, InputFormat::Html] {
            let (catalog, _) = ingest(&text, format);
            let yaml = catalog.to_yaml();
            prop_assert_eq!(Catalog::from_yaml(&yaml).expect("reads back"), catalog);
        }
    }
}

/// A code cell: valid codes, multi-code rows, ranges, garbage or empty.
fn code_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        (0i64..2_000_000).prop_map(|code| code.to_string()),
        (0i64..2_000, 0i64..2_000).prop_map(|(a, b)| format!("{a}、{b}")),
        (0i64..1000).prop_map(|a| format!("{a} - {}", a + 10)),
        "[a-z]{1,5}",
        "[A-Z][a-z]{1,6}\\.[A-Z][a-z]{1,6}",
        Just(String::new()),
        Just("-7".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every code of every row becomes an entry (or a range), or the row's
    /// line has a diagnostic that says why not. A table whose code cells
    /// are mostly strings is string-coded: its numbers are string codes too.
    #[test]
    fn no_code_in_a_table_row_is_lost_silently(
        rows in proptest::collection::vec((code_cell(), "[a-z\u{4e00}-\u{4e20}]{0,8}"), 1..30)
    ) {
        let mut page = String::from("| 错误码 | 描述 |\n|---|---|\n");
        for (code, message) in &rows {
            page.push_str(&format!("| {code} | {message} |\n"));
        }
        let (catalog, diagnostics) = ingest(&page, InputFormat::Markdown);
        let codes: Vec<Code> = catalog.entries().map(|(_, entry)| entry.code.clone()).collect();
        let ranges: Vec<(Code, Code)> =
            catalog.groups.iter().flat_map(|g| g.ranges.iter().map(|r| (r.from.clone(), r.to.clone()))).collect();
        for (index, (cell, message)) in rows.iter().enumerate() {
            let line = u32::try_from(index + 3).expect("small");
            let explained = |kinds: &[DiagnosticKind]| diagnostics.iter().any(|d| d.line == line && kinds.contains(&d.kind));
            match CodeCell::parse(cell) {
                Ok(CodeCell::Codes(parsed)) => {
                    for code in parsed {
                        prop_assert!(
                            codes.contains(&code)
                                || codes.contains(&Code::text(&code.to_string()))
                                || explained(&[DiagnosticKind::DuplicateCode]),
                            "code {} of line {} is neither an entry nor explained", code, line
                        );
                    }
                }
                Ok(CodeCell::Range(from, to)) => prop_assert!(ranges.contains(&(from, to))),
                // A blank row holds no data.
                Err(_) if cell.trim().is_empty() && message.is_empty() => {}
                Err(_) if cell.trim().is_empty() => prop_assert!(explained(&[
                    DiagnosticKind::ContinuationJoined,
                    DiagnosticKind::OrphanContinuation
                ])),
                // A row whose only text is a non-code may title the rows after it.
                Err(_) => prop_assert!(
                    codes.contains(&Code::text(cell.trim()))
                        || explained(&[DiagnosticKind::InvalidCode, DiagnosticKind::TableSubsection]),
                    "line {} unexplained",
                    line
                ),
            }
        }
    }
}
