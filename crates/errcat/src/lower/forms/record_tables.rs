//! Tables written as records ("transposed" tables): two columns of label
//! and value, one record after another,
//!
//! ```text
//! | | |
//! | **Error**    | `bad_digest` |
//! | **Message**  | The specified content-md5 did not match. |
//! | **Solution** | Supply the right hash. |
//! | | |
//! | **Error**    | `bad_request` |
//! ```
//!
//! become a table with one column per label and one row per record, so the
//! columns get their roles like any table's. Evidence required: every
//! filled row's first cell is one of a few labels (two to eight), one of
//! them names a text role (`Message`, `Solution`…), and either at least two
//! records with every label in each, or labels that are all field words
//! (`Error`, `Message`, `Solution`: one record is enough). A record ends at
//! a blank row or where its first label comes again. Pure.

use crate::lower::words;
use crate::raw::{RawCell, RawRow, RawTable};

/// The value of a label row: its second cell, and any cells an unescaped
/// `|` split from it, joined back.
fn value(row: &RawRow) -> RawCell {
    match row.cells.get(1..) {
        Some([only]) => only.clone(),
        Some(cells) if !cells.is_empty() => {
            RawCell::from_text(&cells.iter().map(RawCell::text).collect::<Vec<_>>().join(" | "))
        }
        _ => RawCell::default(),
    }
}

/// `table` as one row per record, when it is written as records.
pub(crate) fn as_records(table: &RawTable) -> Option<RawTable> {
    if table.header.cells.len() != 2 {
        return None;
    }
    let label = |row: &RawRow| row.cells.first().map(|cell| crate::lower::code_cells::unwrap_markup(&cell.text()));
    let mut labels: Vec<String> = Vec::new();
    for row in table.rows.iter().filter(|row| !row.is_blank()) {
        let text = label(row)?;
        if text.is_empty() || text.chars().count() > 30 {
            return None;
        }
        if !labels.contains(&text) {
            labels.push(text);
            if labels.len() > 8 {
                return None;
            }
        }
    }
    let count = |wanted: &str| table.rows.iter().filter(|row| label(row).as_deref() == Some(wanted)).count();
    let texts = labels.iter().filter(|label| words::roles_in(label).iter().any(|role| role.is_text())).count();
    // Labels repeated record after record; or one record whose labels are
    // all field words (`Error`, `Message`, `Solution`).
    let repeated = labels.iter().all(|label| count(label) >= 2);
    let all_fields = texts >= 2
        && labels.iter().all(|label| {
            !words::roles_in(label).is_empty() || words::says_code(label) || label.eq_ignore_ascii_case("error")
        });
    if !(2..=8).contains(&labels.len()) || texts == 0 || !(repeated || all_fields) {
        return None;
    }
    // Records: rows up to a blank row or to the first label coming again.
    let mut records: Vec<Vec<&RawRow>> = Vec::new();
    let mut current: Vec<&RawRow> = Vec::new();
    for row in &table.rows {
        let starts_again = label(row).as_ref() == Some(&labels[0]) && !current.is_empty();
        if row.is_blank() || starts_again {
            if !current.is_empty() {
                records.push(std::mem::take(&mut current));
            }
            if row.is_blank() {
                continue;
            }
        }
        current.push(row);
    }
    if !current.is_empty() {
        records.push(current);
    }
    if records.len() < 2 && !all_fields {
        return None;
    }
    let header = RawRow {
        line: table.header.line,
        last_line: table.header.last_line,
        column: table.header.column,
        cells: labels.iter().map(|label| RawCell::from_text(label)).collect(),
    };
    let rows = records
        .iter()
        .map(|record| RawRow {
            line: record[0].line,
            last_line: record.last().map_or(record[0].last_line, |row| row.last_line),
            column: record[0].column,
            cells: labels
                .iter()
                .map(|wanted| {
                    record
                        .iter()
                        .find(|row| label(row).as_ref() == Some(wanted))
                        .map(|row| value(row))
                        .unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    Some(RawTable { section: table.section.clone(), line: table.line, header, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32, cells: &[&str]) -> RawRow {
        RawRow { line, last_line: line, column: 0, cells: cells.iter().map(|cell| RawCell::from_text(cell)).collect() }
    }

    fn table(rows: &[&[&str]]) -> RawTable {
        RawTable {
            section: None,
            line: 1,
            header: row(1, &["", ""]),
            rows: rows.iter().enumerate().map(|(index, cells)| row(3 + index as u32, cells)).collect(),
        }
    }

    #[test]
    fn label_value_records_become_one_row_each() {
        let records = table(&[
            &["**Error**", "`bad_digest`"],
            &["**Message**", "The hash did not match."],
            &["**Solution**", "Send the right hash."],
            &["", ""],
            &["**Error**", "`bad_request`"],
            &["**Message**", ""],
            &["**Solution**", "Check the parameters."],
        ]);
        let table = as_records(&records).expect("records");
        let texts = |row: &RawRow| row.cells.iter().map(RawCell::text).collect::<Vec<_>>();
        assert_eq!(texts(&table.header), ["Error", "Message", "Solution"]);
        assert_eq!(texts(&table.rows[0]), ["`bad_digest`", "The hash did not match.", "Send the right hash."]);
        assert_eq!(texts(&table.rows[1]), ["`bad_request`", "", "Check the parameters."]);
        assert_eq!((table.rows[1].line, table.rows[1].last_line), (7, 9));
    }

    #[test]
    fn ordinary_two_column_tables_stay_as_they_are() {
        let codes = table(&[&["1001", "Timeout."], &["1002", "Busy."], &["1003", "Gone."]]);
        assert!(as_records(&codes).is_none());
        // Labels without a text role (a settings table).
        let settings = table(&[&["Host", "a"], &["Port", "1"], &["Host", "b"], &["Port", "2"]]);
        assert!(as_records(&settings).is_none());
        // One record is enough when every label is a field word.
        let one =
            table(&[&["**Error**", "`unauthorized`"], &["**Message**", "Unauthorized"], &["**Solution**", "Log in."]]);
        assert_eq!(as_records(&one).map(|table| table.rows.len()), Some(1));
    }
}
