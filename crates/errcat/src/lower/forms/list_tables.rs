//! Tables written as nested lists ("list tables"): a list whose first item
//! is a header row and whose every item holds one sub-item per further
//! column,
//!
//! ```text
//! - RESULT CODE
//!   - DESCRIPTION
//! - tx_success
//!   - The transaction succeeded.
//! ```
//!
//! become ordinary [`RawTable`]s, so columns get their roles like any
//! table's. Evidence required: at least three rows after the header, the
//! same number of sub-items (one or more) under every item and nothing
//! deeper, and a header whose words name a column role (`code`,
//! `description`…) with no code among them. Pure; `lower` merges the
//! tables with the page's own and drops the list's blocks from the prose.

use crate::lower::words;
use crate::raw::{BlockKind, RawBlock, RawCell, RawRow, RawSection, RawTable};

/// The list tables of a page, and the indices of the blocks they used.
pub(crate) fn list_tables(blocks: &[RawBlock], headings: &[RawSection]) -> (Vec<RawTable>, Vec<usize>) {
    let mut tables = Vec::new();
    let mut used = Vec::new();
    let mut index = 0;
    while index < blocks.len() {
        let BlockKind::Item(depth) = blocks[index].kind else {
            index += 1;
            continue;
        };
        // The run of items at `depth`, each with its sub-items.
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut at = index;
        let mut nested_deeper = false;
        while at < blocks.len() && blocks[at].kind == BlockKind::Item(depth) {
            let parent = at;
            at += 1;
            let mut children = Vec::new();
            // The item's subtree: its children, and anything deeper.
            while at < blocks.len() {
                match (blocks[at].kind, blocks[at].parent) {
                    (BlockKind::Item(_), Some(owner)) if owner == parent => children.push(at),
                    (BlockKind::Item(child), Some(_)) if child > depth => nested_deeper = true,
                    _ => break,
                }
                at += 1;
            }
            rows.push((parent, children));
        }
        if let Some(table) = (!nested_deeper).then(|| table_of(blocks, &rows, headings)).flatten() {
            tables.push(table);
            for (parent, children) in &rows {
                used.push(*parent);
                used.extend(children);
            }
        }
        index = at.max(index + 1);
    }
    (tables, used)
}

/// An item's own text: its lines before its first sub-item.
fn own_text(block: &RawBlock) -> String {
    let is_marker = |line: &str| {
        let line = line.trim_start();
        line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")
    };
    block.text.lines().take_while(|line| !is_marker(line)).collect::<Vec<_>>().join("\n").trim().to_owned()
}

fn cell(block: &RawBlock, own: bool) -> RawCell {
    let text = if own { own_text(block) } else { block.text.clone() };
    RawCell::from_text(&crate::read::inline::plain(&text))
}

fn table_of(blocks: &[RawBlock], rows: &[(usize, Vec<usize>)], headings: &[RawSection]) -> Option<RawTable> {
    let ((header, header_children), body) = rows.split_first()?;
    let width = header_children.len() + 1;
    if header_children.is_empty() || body.len() < 3 || body.iter().any(|(_, children)| children.len() + 1 != width) {
        return None;
    }
    let row = |parent: usize, children: &[usize]| RawRow {
        line: blocks[parent].line,
        last_line: children.last().map_or(blocks[parent].last_line, |last| blocks[*last].last_line),
        column: 0,
        cells: std::iter::once(cell(&blocks[parent], true))
            .chain(children.iter().map(|child| cell(&blocks[*child], false)))
            .collect(),
    };
    let header_row = row(*header, header_children);
    let titles: Vec<String> = header_row.cells.iter().map(RawCell::text).collect();
    let says_roles = titles.iter().any(|title| !words::roles_in(title).is_empty());
    let no_codes =
        titles.iter().all(|title| crate::code::CodeCell::parse(title).is_err() && title.chars().count() <= 40);
    if !says_roles || !no_codes {
        return None;
    }
    let line = header_row.line;
    let section = headings.iter().rev().find(|heading| heading.line < line).cloned();
    Some(RawTable {
        section,
        line,
        header: header_row,
        rows: body.iter().map(|(parent, children)| row(*parent, children)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(depth: u8, line: u32, text: &str) -> RawBlock {
        RawBlock::new(BlockKind::Item(depth), line, line, text.to_owned())
    }

    fn list(rows: &[(&str, &[&str])]) -> Vec<RawBlock> {
        let mut blocks = Vec::new();
        let mut line = 1;
        for (text, children) in rows {
            let nested: String = children.iter().map(|child| format!("\n- {child}")).collect();
            blocks.push(item(1, line, &format!("{text}{nested}")));
            line += 1;
            for child in *children {
                blocks.push(item(2, line, child));
                line += 1;
            }
        }
        crate::read::decode_blocks(&mut blocks);
        blocks
    }

    #[test]
    fn a_list_with_a_header_item_and_one_sub_item_per_column_is_a_table() {
        let blocks = list(&[
            ("RESULT CODE", &["PROTOCOL CODE", "DESCRIPTION"]),
            ("tx_success", &["txSUCCESS", "The transaction succeeded."]),
            ("tx_failed", &["txFAILED", "One of the operations failed."]),
            ("tx_too_early", &["txTOO_EARLY", "Too early."]),
        ]);
        let (tables, used) = list_tables(&blocks, &[]);
        assert_eq!(tables.len(), 1);
        assert_eq!(used.len(), blocks.len());
        let table = &tables[0];
        assert_eq!(
            table.header.cells.iter().map(RawCell::text).collect::<Vec<_>>(),
            ["RESULT CODE", "PROTOCOL CODE", "DESCRIPTION"]
        );
        assert_eq!(
            table.rows[0].cells.iter().map(RawCell::text).collect::<Vec<_>>(),
            ["tx_success", "txSUCCESS", "The transaction succeeded."]
        );
        assert_eq!(table.rows.len(), 3);
    }

    #[test]
    fn nested_items_form_a_tree() {
        let blocks = list(&[("Code", &["Description"]), ("1", &["One."])]);
        let parents: Vec<Option<usize>> = blocks.iter().map(|block| block.parent).collect();
        assert_eq!(parents, [None, Some(0), None, Some(2)]);
        assert_eq!(blocks[0].plain, "Code\n- Description", "decoded once, sub-items as list lines");
    }

    #[test]
    fn lists_without_a_header_or_with_uneven_items_stay_lists() {
        // No header words: an outline, not a table.
        let outline = list(&[
            ("Install", &["Download", "Unpack"]),
            ("Configure", &["Edit", "Save"]),
            ("Run", &["Start", "Stop"]),
            ("Check", &["Look", "See"]),
        ]);
        assert!(list_tables(&outline, &[]).0.is_empty());
        // Uneven rows.
        let uneven =
            list(&[("Code", &["Description"]), ("1", &["One."]), ("2", &["Two.", "and more"]), ("3", &["Three."])]);
        assert!(list_tables(&uneven, &[]).0.is_empty());
        // Too few rows.
        let short = list(&[("Code", &["Description"]), ("1", &["One."]), ("2", &["Two."])]);
        assert!(list_tables(&short, &[]).0.is_empty());
    }
}
