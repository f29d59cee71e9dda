//! Reads HTML pages and HTML fragments into the same [`RawDoc`] as the
//! markdown reader: sections from `h1`–`h6` (and numbered section lines),
//! note/admonition blocks, and tables with `thead`/`tbody`/`th`, whose
//! `colspan` and `rowspan` are expanded into a grid.
//!
//! Page chrome is never data: `script`, `style`, `nav`, `header`, `footer`,
//! forms, hidden and navigation-role elements are skipped, and a table that
//! contains another table is layout, searched for tables but not read.
//! html5ever does not report source positions, so lines come from an index
//! of start tags in the source, matched to elements in document order.

use super::inline::{Tag, TextBuilder};
use super::{LineIndex, ReadOptions, is_note_class, numbered_section_title, section};
use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::raw::{BlockKind, RawBlock, RawCell, RawDoc, RawRow, RawSection, RawTable};
use ego_tree::NodeRef;
use scraper::{Html, Node};
use std::collections::HashMap;

/// Elements whose whole subtree is page chrome.
const CHROME: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button", "select", "svg", "iframe",
    "head",
];

/// Elements that have no content.
const VOID: &[&str] = &["br", "hr", "img", "input", "wbr", "meta", "link", "col", "source"];

/// Elements nested deeper than this are not read (and reported once).
pub(crate) const MAX_DEPTH: usize = 200;

/// Pages nested deeper than this are not parsed at all: the HTML parsing
/// algorithm is quadratic in nesting depth.
pub(crate) const MAX_PARSE_DEPTH: usize = 2000;

/// Start-tag lines in source order, per tag name, and the deepest nesting
/// of non-void elements seen (approximate: end tags close the last open).
fn index_start_tags(text: &str, lines: &LineIndex, first_line: u32) -> (HashMap<String, Vec<(u32, u32)>>, usize) {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut found: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut index = 0;
    while let Some(offset) = text[index..].find('<') {
        let at = index + offset;
        let rest = &lower[at..];
        if rest.starts_with("<!--") {
            index = rest.find("-->").map_or(text.len(), |end| at + end + 3);
            continue;
        }
        if rest.starts_with("</") {
            depth = depth.saturating_sub(1);
            index = at + 2;
            continue;
        }
        let name_len = bytes[at + 1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[at + 1].is_ascii_alphabetic() {
            index = at + 1;
            continue;
        }
        let name = &lower[at + 1..at + 1 + name_len];
        found.entry(name.to_owned()).or_default().push((lines.line(at) + first_line - 1, lines.column(at)));
        if !VOID.contains(&name) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        // Skip the attributes, quotes respected: `<` inside a quoted value
        // (`title="<table>"`) is not a tag.
        index = at + 1 + name_len;
        let mut quote: Option<u8> = None;
        while index < bytes.len() {
            match (quote, bytes[index]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), b) if b == q => quote = None,
                _ => {}
            }
            index += 1;
        }
        if name == "script" || name == "style" {
            let closing = format!("</{name}");
            index = lower[index..].find(&closing).map_or(text.len(), |end| index + end);
        }
    }
    (found, deepest)
}

fn element_name(node: NodeRef<'_, Node>) -> Option<&str> {
    match node.value() {
        Node::Element(element) => Some(element.name()),
        _ => None,
    }
}

fn has_note_class(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(element) = node.value() else { return false };
    if element.name() == "note" {
        return true;
    }
    matches!(element.name(), "div" | "aside" | "section" | "blockquote")
        && element.attr("class").is_some_and(is_note_class)
}

fn is_chrome(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(element) = node.value() else { return false };
    if CHROME.contains(&element.name()) || element.attr("hidden").is_some() {
        return true;
    }
    if element.attr("aria-hidden") == Some("true") {
        return true;
    }
    if matches!(element.attr("role"), Some("navigation" | "banner" | "contentinfo" | "search")) {
        return true;
    }
    element.name() == "aside" && !has_note_class(node)
}

/// A permalink beside a heading (`<a class="headerlink" href="#x">¶</a>`):
/// a link to a fragment whose text is a symbol, not words.
fn is_permalink(node: NodeRef<'_, Node>) -> bool {
    let Node::Element(element) = node.value() else { return false };
    if element.name() != "a" || !element.attr("href").is_some_and(|href| href.starts_with('#')) {
        return false;
    }
    let text: String = node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
    let text = text.trim();
    text.chars().count() <= 2 && !text.chars().any(char::is_alphanumeric)
}

/// Collapsed text of a subtree (headings, paragraphs), without chrome,
/// permalinks and tables (an unclosed heading can swallow the table after
/// it).
fn plain_text(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for descendant in node.descendants() {
        if let Node::Text(text) = descendant.value()
            && !descendant.ancestors().take_while(|ancestor| ancestor.id() != node.id()).any(|ancestor| {
                is_chrome(ancestor) || is_permalink(ancestor) || element_name(ancestor) == Some("table")
            })
        {
            out.push_str(text);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when an element holds block elements (or is empty of text), so it
/// is a container rather than a paragraph.
fn has_block_children(node: NodeRef<'_, Node>) -> bool {
    const BLOCKS: &[&str] = &[
        "div",
        "p",
        "ul",
        "ol",
        "li",
        "dl",
        "table",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "blockquote",
        "figure",
        "form",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "details",
        "hr",
    ];
    node.descendants().skip(1).any(|d| element_name(d).is_some_and(|name| BLOCKS.contains(&name)))
        || !node.descendants().any(|d| d.value().as_text().is_some_and(|text| !text.trim().is_empty()))
}

/// The first class of an element.
fn class_of(node: NodeRef<'_, Node>) -> Option<&str> {
    let Node::Element(element) = node.value() else { return None };
    element.attr("class")?.split_whitespace().next()
}

/// An element whose children are records laid out with `<div>`s instead of
/// a table (API references: `<div class="member">` holding `<div
/// class="memberName">`, `<div class="memberValue">`, `<div
/// class="memberDescription">`): at least three children, all of one tag
/// and one class and nothing else, each with the same two to eight fields
/// (child elements of the same classes, in the same order). The records,
/// or `None`.
fn record_grid(container: NodeRef<'_, Node>) -> Option<Vec<NodeRef<'_, Node>>> {
    const MAX_FIELDS: usize = 8;
    let records: Vec<NodeRef<'_, Node>> = container.children().filter(|child| element_name(*child).is_some()).collect();
    if records.len() < crate::thresholds::MIN_SIBLINGS
        || container.children().any(|child| child.value().as_text().is_some_and(|text| !text.trim().is_empty()))
    {
        return None;
    }
    let shape = |record: &NodeRef<'_, Node>| -> Option<(String, String, Vec<String>)> {
        let name = element_name(*record)?;
        if !matches!(name, "div" | "section" | "article" | "li") {
            return None;
        }
        let fields: Vec<NodeRef<'_, Node>> = record.children().filter(|child| element_name(*child).is_some()).collect();
        let classes: Option<Vec<String>> = fields.iter().map(|field| class_of(*field).map(str::to_owned)).collect();
        let classes = classes?;
        let distinct: std::collections::HashSet<&String> = classes.iter().collect();
        let class = class_of(*record)?.to_owned();
        ((2..=MAX_FIELDS).contains(&classes.len()) && distinct.len() == classes.len())
            .then(|| (name.to_owned(), class, classes))
    };
    let first = shape(&records[0])?;
    records.iter().all(|record| shape(record).as_ref() == Some(&first)).then_some(records)
}

/// Header texts from the fields' classes: the words of each class
/// (`apiMemberValue`, `member-value`) without the words every field's class
/// shares (`api`, `member`): `Value`.
fn field_headers(classes: &[String]) -> Vec<String> {
    let words = |class: &str| -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        let mut word = String::new();
        for c in class.chars() {
            if c == '-' || c == '_' {
                words.extend((!word.is_empty()).then(|| std::mem::take(&mut word)));
                continue;
            }
            if c.is_uppercase() && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            word.push(c.to_ascii_lowercase());
        }
        words.extend((!word.is_empty()).then_some(word));
        words
    };
    let split: Vec<Vec<String>> = classes.iter().map(|class| words(class)).collect();
    split
        .iter()
        .map(|own| {
            let kept: Vec<&String> =
                own.iter().filter(|word| !split.iter().all(|other| other.contains(word))).collect();
            let kept = if kept.is_empty() { own.iter().collect() } else { kept };
            kept.iter().map(|word| word.as_str()).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

struct Reader<'a> {
    file: &'a str,
    options: &'a ReadOptions,
    /// Line and column of every element, by node id.
    lines: HashMap<ego_tree::NodeId, (u32, u32)>,
    doc: RawDoc,
    section: Option<RawSection>,
    diagnostics: Vec<Diagnostic>,
    too_deep_reported: bool,
    /// Some line is longer than [`LONG_LINE`] characters.
    long_lines: bool,
}

/// Lines longer than this get columns in diagnostics.
pub(crate) const LONG_LINE: usize = 300;

/// Reads HTML that starts at `first_line` of `file` (a whole page, or a
/// fragment embedded in markdown under `section`).
pub fn read_fragment(
    text: &str,
    file: &str,
    options: &ReadOptions,
    first_line: u32,
    section: Option<RawSection>,
) -> (RawDoc, Vec<Diagnostic>) {
    read_selected(text, file, options, first_line, section, None)
}

/// Reads a whole HTML page; with `select` (a CSS selector), only the
/// elements it matches, each with what it holds, in document order.
pub(crate) fn read_page(text: &str, file: &str, options: &ReadOptions) -> (RawDoc, Vec<Diagnostic>) {
    read_selected(text, file, options, 1, None, options.select.as_deref())
}

fn read_selected(
    text: &str,
    file: &str,
    options: &ReadOptions,
    first_line: u32,
    section: Option<RawSection>,
    select: Option<&str>,
) -> (RawDoc, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (index, deepest) = index_start_tags(text, &LineIndex::new(text), first_line);
    if deepest > MAX_PARSE_DEPTH {
        let message =
            format!("elements are nested about {deepest} deep (more than {MAX_PARSE_DEPTH}); the HTML is not read");
        return (RawDoc::default(), vec![Diagnostic::new(DiagnosticKind::UnreadableHtml, file, first_line, message)]);
    }
    let document = Html::parse_document(text);
    let mut cursors: HashMap<&str, usize> = HashMap::new();
    let mut lines = HashMap::new();
    for node in document.tree.root().descendants() {
        if let Some(name) = element_name(node) {
            let cursor = cursors.entry(name).or_default();
            let line = index.get(name).and_then(|found| found.get(*cursor)).copied();
            if line.is_some() {
                *cursor += 1;
            }
            lines.insert(node.id(), line.unwrap_or((first_line, 0)));
        }
    }
    let mut reader = Reader {
        file,
        options,
        lines,
        doc: RawDoc::default(),
        section,
        diagnostics: Vec::new(),
        too_deep_reported: false,
        long_lines: text.lines().any(|line| line.len() > LONG_LINE),
    };
    // The page's `<title>` (inside `head`, which is otherwise chrome).
    reader.doc.title = document
        .tree
        .root()
        .descendants()
        .find(|node| element_name(*node) == Some("title") && !node.ancestors().any(|a| element_name(a) == Some("svg")))
        .map(|node| {
            let text: String = node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|title| !title.is_empty());
    match select.map(scraper::Selector::parse) {
        None => reader.walk(document.tree.root(), 0),
        Some(Ok(selector)) => {
            // Matches inside another match are read with it.
            let chosen: Vec<NodeRef<'_, Node>> = document.select(&selector).map(|element| *element).collect();
            let ids: std::collections::HashSet<_> = chosen.iter().map(NodeRef::id).collect();
            for node in chosen.iter().filter(|node| !node.ancestors().any(|above| ids.contains(&above.id()))) {
                reader.visit(*node, 0);
            }
            if chosen.is_empty() {
                reader.diagnostics.push(Diagnostic::new(
                    DiagnosticKind::InvalidSetting,
                    file,
                    0,
                    format!(
                        "`select` `{}` matches no element of the page; nothing was read",
                        select.unwrap_or_default()
                    ),
                ));
            }
        }
        Some(Err(error)) => {
            reader.diagnostics.push(Diagnostic::new(
                DiagnosticKind::InvalidSetting,
                file,
                0,
                format!(
                    "`select` `{}` is not a CSS selector ({error}); the whole page was read",
                    select.unwrap_or_default()
                ),
            ));
            reader.walk(document.tree.root(), 0);
        }
    }
    (reader.doc, reader.diagnostics)
}

impl Reader<'_> {
    /// Prose outside tables (headings, paragraphs, list items, code), for
    /// codes documented outside tables; empty text is no block.
    fn block(&mut self, kind: BlockKind, line: u32, text: String) {
        let text = text.trim();
        if !text.is_empty() {
            self.doc.blocks.push(RawBlock::new(kind, line, line, text.to_owned()));
        }
    }

    fn line(&self, node: NodeRef<'_, Node>) -> u32 {
        self.lines.get(&node.id()).map_or(0, |(line, _)| *line)
    }

    /// The element's column, when the page has lines long enough to need
    /// one (minified HTML); 0 otherwise.
    fn column(&self, node: NodeRef<'_, Node>) -> u32 {
        if self.long_lines { self.lines.get(&node.id()).map_or(0, |(_, column)| *column) } else { 0 }
    }

    /// True (and reported once) when `depth` is beyond [`MAX_DEPTH`].
    fn too_deep(&mut self, node: NodeRef<'_, Node>, depth: usize) -> bool {
        if depth <= MAX_DEPTH {
            return false;
        }
        if !self.too_deep_reported {
            self.too_deep_reported = true;
            let line = self.line(node);
            self.diagnostics.push(Diagnostic::new(
                DiagnosticKind::TooDeep,
                self.file,
                line,
                format!("elements are nested more than {MAX_DEPTH} deep here; the deeper content is not read"),
            ));
        }
        true
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        if self.too_deep(node, depth) {
            return;
        }
        for child in node.children() {
            self.visit(child, depth);
        }
    }

    /// Reads one element of the page (and what it holds).
    fn visit(&mut self, child: NodeRef<'_, Node>, depth: usize) {
        let Some(name) = element_name(child) else { return };
        if is_chrome(child) {
            return;
        }
        let line = self.line(child);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let title = plain_text(child);
                if title.is_empty() {
                    self.walk(child, depth + 1);
                    return;
                }
                if name == "h1" && self.doc.title.is_none() {
                    self.doc.title = Some(title.clone());
                }
                let level = name[1..].parse::<u8>().unwrap_or(6);
                self.block(BlockKind::Heading(level), line, title.clone());
                let heading = section(title, line, level, false);
                self.doc.headings.push(heading.clone());
                self.section = Some(heading);
                self.walk(child, depth + 1);
            }
            "p" => {
                // A paragraph of its own; one inside a list item is the item's.
                if !child.ancestors().any(|ancestor| element_name(ancestor) == Some("li")) {
                    let text = self.cell(child).text();
                    self.block(BlockKind::Paragraph, line, text);
                }
                if self.options.numbered_sections
                    && let Some((title, level)) = numbered_section_title(&plain_text(child))
                {
                    let heading = section(title, line, level, true);
                    self.doc.headings.push(heading.clone());
                    self.section = Some(heading);
                }
                self.walk(child, depth + 1);
            }
            "li" => {
                let depth_in_lists =
                    child.ancestors().filter(|ancestor| matches!(element_name(*ancestor), Some("ul" | "ol"))).count();
                let text = self.cell(child).text();
                self.block(BlockKind::Item(u8::try_from(depth_in_lists.max(1)).unwrap_or(u8::MAX)), line, text);
                self.walk(child, depth + 1);
            }
            "pre" => {
                let text: String =
                    child.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
                self.block(BlockKind::Code, line, text);
            }
            "table" if child.descendants().skip(1).any(|d| element_name(d) == Some("table")) => {
                self.walk(child, depth + 1);
            }
            "table" => self.table(child),
            "dl" if !child.descendants().skip(1).any(|d| matches!(element_name(d), Some("table" | "dl"))) => {
                self.definitions(child);
            }
            "content" => {
                self.diagnostics.push(Diagnostic::new(
                    DiagnosticKind::StrayMdxComponent,
                    self.file,
                    line,
                    "stray `<Content />` left by page conversion; ignored",
                ));
                // HTML has no self-closing custom elements: what follows
                // `<content />` ends up inside it.
                self.walk(child, depth + 1);
            }
            _ if has_note_class(child) => {
                let mut builder = TextBuilder::new();
                self.feed(child, &mut builder, depth + 1);
                self.diagnostics.extend(builder.take_diagnostics());
                let cell = builder.finish_cell();
                let mut text = cell.text();
                for inner in cell.notes {
                    text.push('\n');
                    text.push_str(&inner);
                }
                if !text.trim().is_empty() {
                    self.doc.notes.push(text.trim().to_owned());
                }
            }
            _ => {
                if let Some(records) = record_grid(child) {
                    self.grid(child, &records);
                } else if name == "div" && !has_block_children(child) {
                    // A `<div>` of text only is a paragraph.
                    let text = self.cell(child).text();
                    self.block(BlockKind::Paragraph, line, text);
                } else {
                    self.walk(child, depth + 1);
                }
            }
        }
    }

    /// A definition list: each term with its definitions, as the paragraph
    /// a markdown definition list is (`TERM` over `: definition`), the term
    /// its first line (an API reference puts links such as `[source]` on
    /// the lines after it).
    fn definitions(&mut self, list: NodeRef<'_, Node>) {
        let mut term: Option<(u32, String)> = None;
        let mut definitions: Vec<String> = Vec::new();
        let flush = |reader: &mut Self, term: &mut Option<(u32, String)>, definitions: &mut Vec<String>| {
            if let Some((line, text)) = term.take() {
                let text = if definitions.is_empty() { text } else { format!("{text}\n: {}", definitions.join(" ")) };
                reader.block(BlockKind::Paragraph, line, text);
            }
            definitions.clear();
        };
        for node in list.children() {
            match element_name(node) {
                Some("dt") => {
                    flush(self, &mut term, &mut definitions);
                    // The term's text up to its first line break, without
                    // permalinks.
                    let first: Vec<String> = node
                        .children()
                        .take_while(|child| element_name(*child) != Some("br"))
                        .filter(|child| !is_permalink(*child))
                        .map(|child| match child.value() {
                            Node::Text(text) => text.to_string(),
                            _ => plain_text(child),
                        })
                        .collect();
                    let first = first.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
                    term = Some((self.line(node), first));
                }
                Some("dd") => {
                    let text = self.cell(node).text().split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        definitions.push(text);
                    }
                }
                _ => {}
            }
        }
        flush(self, &mut term, &mut definitions);
    }

    /// A grid of records (see [`record_grid`]) as a table: a header made of
    /// the fields' class words, one row per record.
    fn grid<'n>(&mut self, container: NodeRef<'n, Node>, records: &[NodeRef<'n, Node>]) {
        fn fields<'n>(record: &NodeRef<'n, Node>) -> Vec<NodeRef<'n, Node>> {
            record.children().filter(|child| element_name(*child).is_some()).collect()
        }
        let Some(first) = records.first() else { return };
        let classes: Vec<String> =
            fields(first).iter().map(|field| class_of(*field).unwrap_or_default().to_owned()).collect();
        let line = self.line(container);
        let header = RawRow {
            line,
            last_line: line,
            column: self.column(container),
            cells: field_headers(&classes).iter().map(|header| RawCell::from_text(header)).collect(),
        };
        let rows = records
            .iter()
            .map(|record| {
                let line = self.line(*record);
                let cells = fields(record).into_iter().map(|field| self.cell(field)).collect();
                RawRow { line, last_line: line, column: self.column(*record), cells }
            })
            .collect();
        self.doc.tables.push(RawTable { section: self.section.clone(), line, header, rows });
    }

    /// Feeds the inline content of `node` into `builder`.
    fn feed(&mut self, node: NodeRef<'_, Node>, builder: &mut TextBuilder, depth: usize) {
        if self.too_deep(node, depth) {
            return;
        }
        for child in node.children() {
            match child.value() {
                Node::Text(text) => builder.text(text),
                Node::Element(element) => {
                    if is_chrome(child) {
                        continue;
                    }
                    let line = self.line(child);
                    let name = match element.name() {
                        "content" => "Content",
                        _ if has_note_class(child) => "Note",
                        other => other,
                    };
                    let void = VOID.contains(&name);
                    let attributes = element.attrs().map(|(key, value)| (key.to_owned(), value.to_owned())).collect();
                    let open = Tag { name: name.to_owned(), closing: false, self_closing: void, attributes };
                    builder.tag(&open, self.file, line);
                    if name == "Content" {
                        // Not void in HTML: the damaged text ends up inside it.
                        self.feed(child, builder, depth + 1);
                    } else if !void {
                        self.feed(child, builder, depth + 1);
                        let close =
                            Tag { name: name.to_owned(), closing: true, self_closing: false, attributes: Vec::new() };
                        builder.tag(&close, self.file, line);
                    }
                }
                _ => {}
            }
        }
    }

    fn cell(&mut self, node: NodeRef<'_, Node>) -> RawCell {
        let mut builder = TextBuilder::new();
        let depth = node.ancestors().count();
        self.feed(node, &mut builder, depth);
        self.diagnostics.extend(builder.take_diagnostics());
        builder.finish_cell()
    }

    /// Reads one data table into a grid.
    fn table(&mut self, table: NodeRef<'_, Node>) {
        let table_line = self.line(table);
        let rows: Vec<NodeRef<'_, Node>> = table
            .descendants()
            .filter(|node| element_name(*node) == Some("tr"))
            .filter(|row| !row.ancestors().any(is_chrome))
            .collect();
        if rows.is_empty() {
            return;
        }
        let in_head = |row: &NodeRef<'_, Node>| row.ancestors().any(|a| element_name(a) == Some("thead"));
        let header_rows = rows.iter().filter(|row| in_head(row)).count().max(1);
        // (cell, rows still to cover, line of the origin cell)
        let mut pending: Vec<Option<(RawCell, usize)>> = Vec::new();
        let mut grid: Vec<RawRow> = Vec::new();
        for row in &rows {
            let line = self.line(*row);
            let mut cells: Vec<RawCell> = Vec::new();
            let mut column = 0;
            let take_pending =
                |column: usize, cells: &mut Vec<RawCell>, pending: &mut Vec<Option<(RawCell, usize)>>| {
                    if let Some(Some((cell, remaining))) = pending.get_mut(column) {
                        cells.push(cell.clone());
                        *remaining -= 1;
                        if *remaining == 0 {
                            pending[column] = None;
                        }
                        true
                    } else {
                        false
                    }
                };
            for node in row.children().filter(|n| matches!(element_name(*n), Some("td" | "th"))) {
                while take_pending(column, &mut cells, &mut pending) {
                    column += 1;
                }
                let Node::Element(element) = node.value() else { continue };
                let span = |name: &str, limit: usize| {
                    element
                        .attr(name)
                        .and_then(|value| value.trim().parse::<usize>().ok())
                        .filter(|n| *n >= 1)
                        .unwrap_or(1)
                        .min(limit)
                };
                let (colspan, rowspan) = (span("colspan", 1000), span("rowspan", 10_000));
                let cell = self.cell(node);
                if rowspan > 1 {
                    self.diagnostics.push(Diagnostic::new(
                        DiagnosticKind::SpanApplied,
                        self.file,
                        self.line(node),
                        format!("a cell spans {rowspan} rows; its text applies to each row it covers"),
                    ));
                }
                for offset in 0..colspan {
                    // A cell spanning columns is recorded once, in its first column.
                    let placed = if offset == 0 { cell.clone() } else { RawCell::default() };
                    if rowspan > 1 {
                        if pending.len() <= column + offset {
                            pending.resize(column + offset + 1, None);
                        }
                        pending[column + offset] = Some((placed.clone(), rowspan - 1));
                    }
                    cells.push(placed);
                }
                column += colspan;
            }
            while column < pending.len() {
                if !take_pending(column, &mut cells, &mut pending) {
                    cells.push(RawCell::default());
                }
                column += 1;
            }
            grid.push(RawRow { line, last_line: line, column: self.column(*row), cells });
        }
        let width = grid.iter().map(|row| row.cells.len()).max().unwrap_or(0);
        for row in &mut grid {
            row.cells.resize(width, RawCell::default());
        }
        let mut grid = grid.into_iter();
        let header =
            grid.next().unwrap_or(RawRow { line: table_line, last_line: table_line, column: 0, cells: Vec::new() });
        // Extra header rows (a two-row thead) are not data.
        let rows: Vec<RawRow> = grid.skip(header_rows - 1).collect();
        self.doc.tables.push(RawTable { section: self.section.clone(), line: header.line, header, rows });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (RawDoc, Vec<Diagnostic>) {
        super::super::read_html(text, "t.html", &ReadOptions::default())
    }

    #[test]
    fn sections_tables_and_lines() {
        let (doc, _) = read(
            "<html><body>\n<h1>错误码</h1>\n<h2>房间</h2>\n<table>\n<thead><tr><th>错误码</th><th>说明</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>房间不存在。</td></tr>\n</tbody></table></body></html>",
        );
        assert_eq!(doc.title.as_deref(), Some("错误码"));
        let table = &doc.tables[0];
        assert_eq!(table.section.as_ref().map(|s| (s.title.as_str(), s.line)), Some(("房间", 3)));
        assert_eq!((table.line, table.rows[0].line), (5, 7));
        assert_eq!(table.rows[0].cells[1].text(), "房间不存在。");
    }

    #[test]
    fn headings_paragraphs_items_and_code_are_prose_blocks_without_permalinks() {
        let (doc, _) = read(
            "<html><body>\n<h2>Check arguments [arg-type]<a class=\"headerlink\" href=\"#arg-type\">¶</a></h2>\n<p>Text <code>x</code>.</p>\n<ul><li>One<p>inner</p></li></ul>\n<pre>a = 1</pre>\n</body></html>",
        );
        let blocks: Vec<(BlockKind, u32, &str)> =
            doc.blocks.iter().map(|block| (block.kind, block.line, block.text.as_str())).collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading(2), 2, "Check arguments [arg-type]"),
                (BlockKind::Paragraph, 3, "Text `x`."),
                (BlockKind::Item(1), 4, "One\ninner"),
                (BlockKind::Code, 5, "a = 1"),
            ]
        );
    }

    #[test]
    fn header_row_inside_tbody_and_th_cells() {
        let (doc, _) = read("<table><tr><th>Code</th><th>Message</th></tr><tr><td>1</td><td>One</td></tr></table>");
        assert_eq!(doc.tables[0].header.cells[0].text(), "Code");
        assert_eq!(doc.tables[0].rows.len(), 1);
    }

    #[test]
    fn colspan_is_recorded_once_and_rowspan_applies_to_each_covered_row() {
        let (doc, diagnostics) = read(concat!(
            "<table><tr><th>Code</th><th>Message</th><th>Solution</th></tr>",
            "<tr><td>1</td><td colspan=2>Both columns.</td></tr>",
            "<tr><td>2</td><td rowspan=\"2\">Shared.</td><td>A</td></tr>",
            "<tr><td>3</td><td>B</td></tr></table>"
        ));
        let rows = &doc.tables[0].rows;
        let texts: Vec<Vec<String>> = rows.iter().map(|r| r.cells.iter().map(RawCell::text).collect()).collect();
        assert_eq!(texts, [vec!["1", "Both columns.", ""], vec!["2", "Shared.", "A"], vec!["3", "Shared.", "B"]]);
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::SpanApplied));
    }

    #[test]
    fn chrome_and_layout_tables_are_not_data() {
        let (doc, _) = read(concat!(
            "<nav><table><tr><th>Code</th></tr><tr><td>999</td></tr></table></nav>",
            "<script>var t = '<table><tr><td>1</td></tr></table>';</script>",
            "<table class=layout><tr><td>menu</td><td>",
            "<table><tr><th>Code</th><th>Message</th></tr><tr><td>7</td><td>Seven.</td></tr></table>",
            "</td></tr></table>"
        ));
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].rows[0].cells[0].text(), "7");
    }

    #[test]
    fn cells_keep_breaks_lists_links_and_entities() {
        let (doc, _) = read(concat!(
            "<table><tr><th>Code</th><th>Message</th></tr><tr><td>1</td><td>描述：A &amp; B<br>",
            "可能原因：<ol><li>x</li><li>y</li></ol><BR/>处理建议：见 <a href=\"https://d.test/a\">文档</a>&nbsp;。</td></tr></table>"
        ));
        let cell = &doc.tables[0].rows[0].cells[1];
        assert_eq!(cell.parts, ["描述：A & B", "可能原因：\n1. x\n2. y", "处理建议：见 [文档](https://d.test/a) 。"]);
    }

    #[test]
    fn notes_and_mdx_components_lowercased_by_the_parser() {
        let (doc, diagnostics) = read(concat!(
            "<note title=\"说明\"><p>文档说明。</p></note>",
            "<div class=\"admonition warning\"><p>注意。</p></div>",
            "<table><tr><th>Code</th><th>Message</th></tr><tr><td>1</td><td>房间不存在。",
            "<note><ul><li>甲</li></ul></note></td></tr>",
            "<tr><td>2</td><td>'#', '<content />, '^'</td></tr></table><content></content>"
        ));
        assert_eq!(doc.tables[0].rows[1].cells[1].text(), "'#', ', '^'");
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::MdxDamage));
        assert_eq!(doc.notes, ["文档说明。", "注意。"]);
        assert_eq!(doc.tables[0].rows[0].cells[1].notes, ["- 甲"]);
        assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::StrayMdxComponent));
    }

    #[test]
    fn markup_inside_attributes_is_neither_data_nor_a_tag() {
        let text = "<div title=\"<table><tr><td>9</td></tr></table>\" data-x='<h2>x</h2>'>\n<table>\n<tr><th>Code</th></tr>\n<tr><td>1</td></tr>\n</table></div>";
        let (doc, _) = read(text);
        assert_eq!(doc.tables.len(), 1);
        assert!(doc.tables[0].section.is_none());
        assert_eq!((doc.tables[0].header.line, doc.tables[0].rows[0].line), (3, 4));
        assert_eq!(doc.tables[0].rows[0].cells[0].text(), "1");
    }

    #[test]
    fn deeply_nested_markup_is_cut_off_with_a_warning_not_a_stack_overflow() {
        let nested = |depth: usize| {
            format!(
                "{}<table><tr><th>Code</th></tr><tr><td>1</td></tr></table>{}",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            )
        };
        let (doc, diagnostics) = read(&nested(1000));
        assert!(doc.tables.is_empty());
        assert_eq!(diagnostics.iter().filter(|d| d.kind == DiagnosticKind::TooDeep).count(), 1);
        let (doc, diagnostics) = read(&nested(100_000));
        assert!(doc.tables.is_empty());
        assert_eq!(diagnostics.iter().map(|d| d.kind).collect::<Vec<_>>(), [DiagnosticKind::UnreadableHtml]);
        let shallow = format!(
            "{}<table><tr><th>Code</th></tr><tr><td>1</td></tr></table>{}",
            "<div>".repeat(50),
            "</div>".repeat(50)
        );
        assert_eq!(read(&shallow).0.tables.len(), 1);
    }

    #[test]
    fn start_tags_in_comments_and_scripts_do_not_shift_lines() {
        let text = "<!-- <tr> -->\n<script>\n'<tr>'\n</script>\n<table>\n<tr><th>Code</th></tr>\n<tr><td>1</td></tr>\n</table>";
        let (doc, _) = read(text);
        assert_eq!((doc.tables[0].header.line, doc.tables[0].rows[0].line), (6, 7));
    }
}
