//! The registry of forms: every way a page writes its codes, one module
//! each, in one ordered list, [`FORMS`].
//!
//! A form finds repeated blocks of one shape, each holding one code in a
//! consistent place, claims the blocks it reads and hands the rest of each
//! record to the labelling step every form shares
//! (`labels::body_texts` for prose,
//! `labels::part_fields` for cells: the same
//! label words and separators in cells, bullets, bold pseudo-labels and
//! sub-headings). Forms run in registry order: first those that make
//! tables out of other blocks or reshape tables, then the column tables,
//! then the prose forms, each seeing the blocks earlier ones claimed.
//!
//! Adding a form is one module here, one line in [`FORMS`] and one fixture
//! folder `tests/forms/<form>/` (a page and its expected rows). A form
//! reads the raw document only and builds no entries: `lower` turns its
//! rows and [`ProseEntry`]s into entries. A source's `forms:` setting
//! names the forms its pages are read with.

pub(crate) mod code_blocks;
pub(crate) mod code_headings;
pub(crate) mod code_lines;
pub(crate) mod code_paragraphs;
pub(crate) mod codes;
pub(crate) mod line_pattern;
pub(crate) mod list_items;
pub(crate) mod list_tables;
pub(crate) mod named_values;
pub(crate) mod record_tables;
pub(crate) mod tables;

use super::draft::{Lowering, Row, RowCells, role_of};
use super::labels::Field;
use crate::code::{Code, CodeCell};
use crate::diagnostic::DiagnosticKind;
use crate::raw::{RawBlock, RawSection, RawTable};
use line_pattern::LinePattern;
use std::collections::HashMap;

/// One code found in prose, with its texts by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseEntry {
    pub cell: CodeCell,
    /// The code as written when it is not plain decimal (`0x1F`).
    pub literal: Option<String>,
    pub name: Option<String>,
    /// The short title a code heading gives when a labelled description
    /// below it is the message (`### 80000000 成功` over `**错误描述**`).
    pub title: Option<String>,
    pub texts: Vec<(Field, String)>,
    /// The heading the entry stands under (its line), for its section.
    pub section_line: Option<u32>,
    pub lines: Vec<u32>,
}

/// A page as the prose forms see it.
#[derive(Debug)]
pub struct Page<'a> {
    pub blocks: &'a [RawBlock],
    /// The lines of the page's tables: a heading whose section holds a
    /// table titles that table, it is not a code.
    pub table_lines: &'a [u32],
    /// The source's line pattern (`line_pattern:`), if any.
    pub pattern: Option<&'a LinePattern>,
}

/// A form that makes tables out of prose blocks: the tables, and the
/// indices of the blocks it used.
pub type TablesFromBlocks = fn(&[RawBlock], &[RawSection]) -> (Vec<RawTable>, Vec<usize>);

/// How a form reads.
#[derive(Debug, Clone, Copy)]
pub enum Reads {
    /// Makes tables out of prose blocks (nested lists): the tables and the
    /// indices of the blocks it claimed.
    Tables(TablesFromBlocks),
    /// Rewrites a table of another shape into rows (label/value records).
    Reshape(fn(&RawTable) -> Option<RawTable>),
    /// Reads the page's tables, row by row (`tables`).
    Rows,
    /// Reads entries from the prose blocks no earlier form claimed; marks
    /// the blocks it reads as claimed.
    Entries(fn(&Page<'_>, &mut [bool], &mut Vec<ProseEntry>)),
}

/// One form of the registry.
#[derive(Debug)]
pub struct Form {
    /// The form's name in settings (`forms: [tables, code-headings]`) and
    /// its fixture folder's.
    pub name: &'static str,
    pub reads: Reads,
    /// What it reads, for `errcat ingest --help` and the manual
    /// (`crates/errcat-cli/manual/reading.md`).
    pub example: &'static str,
}

/// Every form, in the order they read a page.
pub const FORMS: &[Form] = &[
    Form {
        name: "list-tables",
        reads: Reads::Tables(list_tables::list_tables),
        example: "- RESULT CODE / - DESCRIPTION, then one item per code with one sub-item per column",
    },
    Form {
        name: "record-tables",
        reads: Reads::Reshape(record_tables::as_records),
        example: "| **Error** | `bad_digest` | over | **Message** | … |: one label/value record per code",
    },
    Form { name: "tables", reads: Reads::Rows, example: "| 错误码 | 描述 | 解决方案 |: one row per code" },
    Form {
        name: "line-pattern",
        reads: Reads::Entries(line_pattern::read),
        example: "lines the source's `line_pattern` matches whole",
    },
    Form {
        name: "code-headings",
        reads: Reads::Entries(code_headings::read),
        example: "## 201 权限校验失败, ## ER_FOO (1004): one heading per code, the text below it",
    },
    Form {
        name: "named-values",
        reads: Reads::Entries(named_values::read),
        example: "**ERROR_SUCCESS** over 0 (0x0) over its description",
    },
    Form {
        name: "code-lines",
        reads: Reads::Entries(code_lines::read),
        example: "a paragraph of `Error 12: File too big.` lines",
    },
    Form {
        name: "code-paragraphs",
        reads: Reads::Entries(code_paragraphs::read),
        example: "GAUSS-53200: \"text\" over 错误原因：… and 解决办法：…",
    },
    Form {
        name: "list-items",
        reads: Reads::Entries(list_items::read),
        example: "- `0` - Success, - Error number: 8001, **12** over `:   text`",
    },
    Form {
        name: "code-blocks",
        reads: Reads::Entries(code_blocks::read),
        example: "ERR_A = -1, // text, #define ERR_A 1 (on a page without tables or other codes)",
    },
];

/// The form a name in settings means.
pub fn form(name: &str) -> Option<&'static Form> {
    FORMS.iter().find(|form| form.name == name)
}

/// Which forms read a source's pages: all, or those its `forms:` setting
/// names.
#[derive(Debug, Clone, Copy)]
pub struct Enabled<'a>(pub &'a [String]);

impl Enabled<'_> {
    pub fn reads(&self, name: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|enabled| enabled == name)
    }
}

/// Every code the enabled prose forms read, in page order.
pub fn entries(page: &Page<'_>, enabled: Enabled<'_>) -> Vec<ProseEntry> {
    let mut found = Vec::new();
    let mut claimed = vec![false; page.blocks.len()];
    for form in FORMS.iter().filter(|form| enabled.reads(form.name)) {
        if let Reads::Entries(read) = form.reads {
            read(page, &mut claimed, &mut found);
        }
    }
    found.sort_by_key(|entry| entry.lines.first().copied().unwrap_or(0));
    found
}

impl Lowering<'_> {
    /// Entries documented under their own heading or list item.
    pub(crate) fn prose(&mut self, entries: Vec<ProseEntry>, titles: &HashMap<u32, String>, default: &str) {
        // A code a table of the page documents, explained again under its
        // own heading: the explanation joins the table's entry as notes.
        let mut in_tables: HashMap<Code, (usize, usize)> = HashMap::new();
        for (group, draft) in self.groups.iter().enumerate() {
            for (row, data) in draft.rows.iter().enumerate() {
                for code in &data.codes {
                    in_tables.entry(code.clone()).or_insert((group, row));
                }
            }
        }
        for entry in entries {
            if let CodeCell::Codes(codes) = &entry.cell
                && let [code] = codes.as_slice()
                && let Some(&(group, row)) = in_tables.get(code)
            {
                let row = &mut self.groups[group].rows[row];
                row.cells.notes.extend(entry.texts.into_iter().map(|(_, text)| text));
                row.lines.extend(entry.lines);
                continue;
            }
            let section =
                entry.section_line.and_then(|line| titles.get(&line).cloned()).unwrap_or_else(|| default.to_owned());
            let mut cells = RowCells { name: entry.name, ..RowCells::default() };
            if let Some(title) = entry.title {
                cells.attributes.insert("title".to_owned(), title);
            }
            for (field, text) in entry.texts {
                // Marked as placed: the prose's labels are already read.
                cells.parts.entry(role_of(field)).or_default().push(format!("\u{0}{text}"));
            }
            let first = entry.lines[0];
            let mut row = Row { lines: entry.lines, cells, ..Row::marker(first, &section) };
            match entry.cell {
                CodeCell::Codes(codes) => {
                    row.codes = codes;
                    row.literal = entry.literal;
                }
                CodeCell::Range(from, to) => {
                    self.report(
                        DiagnosticKind::RangeRecorded,
                        first,
                        format!(
                            "codes {from} to {to} are documented as one range; recorded as a range, not as entries"
                        ),
                    );
                    row.range = Some((from, to));
                }
            }
            let group = self.group_index(&section);
            self.groups[group].rows.push(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::code_blocks::{Constant, constants};
    use super::code_headings::heading_code;
    use super::codes::code_with_title;
    use super::*;
    use crate::code::Code;
    use crate::lower::labels::bare_label;
    use crate::raw::BlockKind;
    use crate::read::inline::plain;

    /// Every prose form over `blocks`, with tables at `table_lines`.
    fn read_all(blocks: &[RawBlock], table_lines: &[u32]) -> Vec<ProseEntry> {
        let mut blocks = blocks.to_vec();
        crate::read::decode_blocks(&mut blocks);
        entries(&Page { blocks: &blocks, table_lines, pattern: None }, Enabled(&[]))
    }

    fn block(kind: BlockKind, line: u32, text: &str) -> RawBlock {
        RawBlock::new(kind, line, line, text.to_owned())
    }

    fn codes_of(found: &[ProseEntry]) -> Vec<CodeCell> {
        found.iter().map(|entry| entry.cell.clone()).collect()
    }

    #[test]
    fn constants_in_code_blocks_are_the_codes_of_a_page_without_tables() {
        let blocks = [
            block(BlockKind::Heading(1), 1, "Errors"),
            block(
                BlockKind::Code,
                2,
                "enum class E(val code: Int) {\n    UNKNOWN(-1),\n    OK(0),\n    BAD = 7, // bad input\n}\n",
            ),
            block(
                BlockKind::Code,
                9,
                "    <Name>     <Code>\n    SUCCESS    0\n    TIMEOUT    -600\n    BUSY       -700\n",
            ),
        ];
        let found = read_all(&blocks, &[]);
        let codes: Vec<CodeCell> = [-1, 0, 7, 0, -600, -700].map(|c| CodeCell::Codes(vec![Code::new(c)])).to_vec();
        assert_eq!(codes_of(&found), codes);
        assert_eq!(found[2].name.as_deref(), Some("BAD"));
        assert_eq!(found[2].texts, [(Field::Message, "bad input".to_owned())]);
        assert_eq!(found[5].name.as_deref(), Some("BUSY"));
        assert_eq!(found[5].lines, [13]);
        // A page with a table documents its codes there: code blocks only name them.
        assert!(read_all(&blocks, &[20]).is_empty());
        // A fence swallowed by a raw HTML block; doc comments above members.
        let html = "<div class=\"x\"></div>\n```cpp\ntypedef enum ErrorCode {\n    /** -10000~-19999: Common. */\n    /** Unknown error. */\n    EC_UNKNOWN = -10000,\n    EC_NO_MEMORY = -10001, // Not enough memory.\n    EC_NULL = -10002,\n} ErrorCode;\n```";
        let found = read_all(&[block(BlockKind::Html, 5, html)], &[]);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].texts, [(Field::Message, "Unknown error.".to_owned())]);
        assert_eq!(found[0].lines, [10]);
        assert_eq!(found[1].texts, [(Field::Message, "Not enough memory.".to_owned())]);
        assert!(found[2].texts.is_empty());
    }

    #[test]
    fn a_paragraph_of_code_lines_is_an_entry_per_line() {
        let text = "Error 0: Unknown error.  \nError 1: Database connection error. (database.php)  \nError 7: Thread archived.";
        let found = read_all(&[block(BlockKind::Paragraph, 4, text)], &[]);
        assert_eq!(codes_of(&found), [0, 1, 7].map(|c| CodeCell::Codes(vec![Code::new(c)])));
        assert_eq!(found[1].texts, [(Field::Message, "Database connection error. (database.php)".to_owned())]);
        assert_eq!(found.iter().map(|e| e.lines[0]).collect::<Vec<_>>(), [4, 5, 6]);
    }

    #[test]
    fn a_code_may_carry_a_short_title() {
        let titled = code_with_title("**404 Not Found**").expect("a code and its title");
        assert_eq!((titled.0, titled.2.as_deref()), (CodeCell::Codes(vec![Code::new(404)]), Some("Not Found")));
        assert_eq!(code_with_title("404 The resource was not found."), None, "a sentence is no title");
        assert_eq!(code_with_title("Error code").map(|found| found.0), None);
        let items = [
            "- **400 Bad Request** - Malformed request",
            "- **401 Unauthorized** - Missing auth",
            "- **404 Not Found** - No such thing",
        ];
        let blocks: Vec<RawBlock> =
            items.iter().enumerate().map(|(i, text)| block(BlockKind::Item(1), 3 + i as u32, &text[2..])).collect();
        let found = read_all(&blocks, &[]);
        assert_eq!(
            found.iter().map(|e| e.name.clone().unwrap_or_default()).collect::<Vec<_>>(),
            ["Bad Request", "Unauthorized", "Not Found"]
        );
        assert_eq!(found[2].texts, [(Field::Message, "No such thing".to_owned())]);
    }

    #[test]
    fn headings_with_codes_in_every_form() {
        let code = |title: &str| heading_code(&plain(title)).map(|(cell, _, name, rest)| (cell, name, rest));
        assert_eq!(
            code("201 权限校验失败"),
            Some((CodeCell::Codes(vec![Code::new(201)]), None, Some("权限校验失败".to_owned())))
        );
        assert_eq!(
            code("<inlinecode>P1000</inlinecode>"),
            Some((CodeCell::Codes(vec![Code::text("P1000")]), None, None))
        );
        assert_eq!(
            code("<inlinecode>P6000</inlinecode> (<inlinecode>ServerError</inlinecode>)"),
            Some((CodeCell::Codes(vec![Code::text("P6000")]), Some("ServerError".to_owned()), None))
        );
        assert_eq!(
            code("ER_FOO (1004)"),
            Some((CodeCell::Codes(vec![Code::new(1004)]), Some("ER_FOO".to_owned()), None))
        );
        assert_eq!(
            code("1001 — Something"),
            Some((CodeCell::Codes(vec![Code::new(1001)]), None, Some("Something".to_owned())))
        );
        assert_eq!(
            code("检查类型参数是否存在 [type-arg]"),
            Some((CodeCell::Codes(vec![Code::text("type-arg")]), None, Some("检查类型参数是否存在".to_owned())))
        );
        assert_eq!(code("Overview"), None);
        assert_eq!(code("See also"), None);
        assert_eq!(code("Read the [docs]"), None, "one plain word in brackets is no code");
    }

    #[test]
    fn paragraphs_that_open_with_a_code_and_a_colon_are_entries() {
        let mut blocks = vec![block(BlockKind::Heading(1), 1, "# GAUSS-53200 -- GAUSS-53299")];
        for (line, code) in [(3, "GAUSS-53200"), (9, "\\[GAUSS-53201\\]"), (15, "GAUSS-53202")] {
            blocks.push(block(BlockKind::Paragraph, line, &format!("{code}: \"Failed.\"")));
            blocks.push(block(BlockKind::Paragraph, line + 2, "SQLSTATE:42501"));
            blocks.push(block(BlockKind::Paragraph, line + 4, "错误原因：权限不足。"));
        }
        let found = read_all(&blocks, &[]);
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].cell, CodeCell::Codes(vec![Code::text("GAUSS-53201")]));
        assert_eq!(found[1].texts[0], (Field::Message, "\"Failed.\"".to_owned()));
        assert!(found[1].texts.contains(&(Field::Cause, "权限不足。".to_owned())), "{:?}", found[1].texts);
        // Numbered paragraphs (1:, 2:, 3:) are not codes.
        let numbered: Vec<RawBlock> =
            (1..=3).map(|n| block(BlockKind::Paragraph, n * 2, &format!("{n}: step {n}"))).collect();
        assert!(read_all(&numbered, &[]).is_empty());
    }

    #[test]
    fn code_spans_keep_angle_brackets_and_sentences_are_not_labels() {
        assert_eq!(plain("review the `<variable-name>` <b>now</b>"), "review the `<variable-name>` now");
        assert_eq!(bare_label(&plain("**Action:**")), Some(Field::Solution));
        assert_eq!(bare_label("No action required."), None);
    }

    #[test]
    fn a_name_paragraph_over_a_code_paragraph_is_that_code() {
        let mut blocks = vec![block(BlockKind::Heading(2), 1, "## Codes")];
        let mut line = 2;
        for (name, value, text) in [
            ("**ERROR\\_SUCCESS**", "0 (0x0)", "The operation completed successfully."),
            ("**ERROR\\_INVALID\\_FUNCTION**", "1 (0x1)", "Incorrect function."),
            ("**ERROR\\_FILE\\_NOT\\_FOUND**", "2 (0x2)", "The system cannot find the file specified."),
        ] {
            for text in [name, value, text] {
                blocks.push(block(BlockKind::Paragraph, line, text));
                line += 2;
            }
        }
        let found = read_all(&blocks, &[]);
        assert_eq!(found.len(), 3);
        assert_eq!(found[1].cell, CodeCell::Codes(vec![Code::new(1)]));
        assert_eq!(found[1].name.as_deref(), Some("ERROR_INVALID_FUNCTION"));
        assert_eq!(found[1].texts, vec![(Field::Message, "Incorrect function.".to_owned())]);
        assert_eq!(found[0].section_line, Some(1));
        // Two pairs are not enough.
        assert!(read_all(&blocks[..7], &[]).is_empty());
    }

    #[test]
    fn code_headings_need_siblings_and_are_not_numbering() {
        let page = [
            block(BlockKind::Heading(1), 1, "Errors"),
            block(BlockKind::Heading(2), 3, "1 Overview"),
            block(BlockKind::Heading(2), 5, "2 Usage"),
            block(BlockKind::Heading(2), 7, "3 FAQ"),
        ];
        assert!(read_all(&page, &[]).is_empty(), "section numbers are not codes");
        let page = [
            block(BlockKind::Heading(1), 1, "Errors"),
            block(BlockKind::Heading(2), 3, "201 权限校验失败"),
            block(BlockKind::Paragraph, 4, "**错误信息**"),
            block(BlockKind::Paragraph, 5, "Permission denied."),
            block(BlockKind::Paragraph, 6, "**可能原因**"),
            block(BlockKind::Paragraph, 7, "没有权限。"),
            block(BlockKind::Paragraph, 8, "**处理步骤**"),
            block(BlockKind::Item(1), 9, "申请权限。"),
            block(BlockKind::Heading(2), 11, "202 非系统应用"),
            block(BlockKind::Paragraph, 12, "Not a system app."),
            block(BlockKind::Heading(2), 14, "401 参数错误"),
            block(BlockKind::Heading(2), 16, "See also"),
            block(BlockKind::Paragraph, 17, "Other pages."),
        ];
        let found = read_all(&page, &[]);
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[0].texts,
            [
                (Field::Message, "权限校验失败".to_owned()),
                (Field::Note, "Permission denied.".to_owned()),
                (Field::Cause, "没有权限。".to_owned()),
                (Field::Solution, "- 申请权限。".to_owned()),
            ]
        );
        assert_eq!(found[0].section_line, Some(1));
        assert_eq!(found[0].lines, (3..=9).collect::<Vec<_>>());
        assert_eq!(found[2].lines, [14], "the body ends at the next heading");
    }

    #[test]
    fn a_named_heading_over_a_value_line_is_that_code() {
        let page = [
            block(BlockKind::Heading(2), 1, "Errors"),
            block(BlockKind::Heading(3), 2, "ERR_TIMEOUT"),
            block(BlockKind::Paragraph, 3, "Value: `1001`"),
            block(BlockKind::Paragraph, 4, "The call timed out."),
            block(BlockKind::Heading(3), 5, "ERR_DENIED"),
            block(BlockKind::Paragraph, 6, "**错误码**：1002"),
            block(BlockKind::Paragraph, 7, "Access denied."),
            block(BlockKind::Heading(3), 8, "ERR_GONE"),
            block(BlockKind::Paragraph, 9, "The resource is gone."),
        ];
        let found = read_all(&page, &[]);
        let got: Vec<(&CodeCell, Option<&str>, &str)> =
            found.iter().map(|entry| (&entry.cell, entry.name.as_deref(), entry.texts[0].1.as_str())).collect();
        assert_eq!(
            got,
            [
                (&CodeCell::Codes(vec![Code::new(1001)]), Some("ERR_TIMEOUT"), "The call timed out."),
                (&CodeCell::Codes(vec![Code::new(1002)]), Some("ERR_DENIED"), "Access denied."),
                (&CodeCell::Codes(vec![Code::text("ERR_GONE")]), None, "The resource is gone."),
            ]
        );
    }

    #[test]
    fn list_items_with_codes() {
        let page = [
            block(BlockKind::Heading(2), 1, "Exit codes"),
            block(BlockKind::Item(1), 2, "`0` - Success"),
            block(
                BlockKind::Item(1),
                3,
                "`2` - Command Line Problem, Bad or Illegal flags or command combination, or\nBad Environment Variables.",
            ),
            block(BlockKind::Item(1), 5, "`41-44` - Reserved for Google-internal use."),
            block(BlockKind::Item(1), 6, "Some other item"),
        ];
        let found = read_all(&page, &[]);
        assert_eq!(found.len(), 3);
        assert_eq!(
            found[1].texts,
            [(
                Field::Message,
                "Command Line Problem, Bad or Illegal flags or command combination, or Bad Environment Variables."
                    .to_owned()
            )]
        );
        assert_eq!(found[2].cell, CodeCell::Range(Code::new(41), Code::new(44)));
        let steps = [
            block(BlockKind::Item(1), 1, "1: open the app"),
            block(BlockKind::Item(1), 2, "2: sign in"),
            block(BlockKind::Item(1), 3, "3: retry"),
        ];
        assert!(read_all(&steps, &[]).is_empty(), "numbered steps are not codes");
        let contents = [
            block(BlockKind::Item(1), 1, "[E001: variable assigned before its declaration](#E001)"),
            block(BlockKind::Item(1), 2, "[E002: assignment to const global variable](#E002)"),
            block(BlockKind::Item(1), 3, "[E003: cannot assign to loop variable](#E003)"),
        ];
        assert!(read_all(&contents, &[]).is_empty(), "a table of contents documents no code");
        let linked = [
            block(BlockKind::Item(1), 1, "[E001](#E001): variable assigned before its declaration"),
            block(BlockKind::Item(1), 2, "[E002](#E002): assignment to const global variable"),
            block(BlockKind::Item(1), 3, "[E003](https://example.com/E003): cannot assign to loop variable"),
        ];
        assert_eq!(read_all(&linked, &[]).len(), 3, "a linked code with its text is an entry");
    }

    #[test]
    fn constants_from_enums_defines_and_declarations() {
        let code = block(
            BlockKind::Code,
            10,
            "typedef enum\n{\nRES_OK = 0,\n// errors\nRES_BAD      = -1,\n#define RES_HEX 0x10\npublic static final int RES_J = 7;\nA = 1,\nA = 2,\n} RES;\n",
        );
        let found = constants(&[code]);
        assert_eq!(found["RES_OK"], Constant { value: Code::new(0), line: 13 });
        assert_eq!(found["RES_BAD"].value, Code::new(-1));
        assert_eq!(found["RES_HEX"].value, Code::new(16));
        assert_eq!(found["RES_J"].value, Code::new(7));
        assert!(!found.contains_key("A"), "a name with two values is ambiguous");
    }
}
