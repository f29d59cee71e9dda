//! The raw document model every reader produces: sections, document-level
//! notes and tables of cells with line numbers.
//!
//! Raw values keep the document's shape (header row, physical rows, cell
//! parts split at `<br>`); they carry no meaning yet. Deciding which column is
//! the code, joining continuation rows and building entries is `lower`'s job.

/// A whole page after reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawDoc {
    /// The page's title: front-matter `title:`, HTML `<title>`, or the
    /// first level-1 heading (the reader falls back to the first heading).
    pub title: Option<String>,
    /// Every heading (and numbered section line), in document order.
    pub headings: Vec<RawSection>,
    /// Document-level note blocks (`<Note>` outside tables), as light markdown.
    pub notes: Vec<String>,
    /// Every table, in document order.
    pub tables: Vec<RawTable>,
    /// The prose outside tables, in document order: headings, paragraphs,
    /// list items and code blocks (codes documented under their own
    /// heading or list item, constants defined in code).
    pub blocks: Vec<RawBlock>,
}

/// One block of prose outside tables: its kind, lines, source and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: BlockKind,
    pub line: u32,
    /// Last line of the block.
    pub last_line: u32,
    /// As written (markdown source, trimmed; a list item without its
    /// marker, a code block's code).
    pub text: String,
    /// The text decoded once, as the forms read it: inline HTML through the
    /// readers' text builder, escapes and emphasis undone, code spans kept
    /// in backticks, soft breaks joined, paragraphs apart (`\n\n`); a code
    /// block's code as is. Set by `read::decode_blocks`.
    pub plain: String,
    /// A nested list item's parent item (its index among the page's
    /// blocks): the page's list items as a tree.
    pub parent: Option<usize>,
}

impl RawBlock {
    /// A block as written, not yet decoded (`read::decode_blocks` does).
    pub fn new(kind: BlockKind, line: u32, last_line: u32, text: String) -> RawBlock {
        RawBlock { kind, line, last_line, text, plain: String::new(), parent: None }
    }
}

/// What a [`RawBlock`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of this level (1 to 6).
    Heading(u8),
    /// A paragraph at the top level of the page.
    Paragraph,
    /// A list item at this nesting depth (1 for a top-level list), with
    /// everything nested in it.
    Item(u8),
    /// A fenced or indented code block.
    Code,
    /// A block of raw HTML at the top level of the page (not a note).
    Html,
}

/// The heading (or numbered section line) a table stands under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSection {
    pub title: String,
    pub line: u32,
    /// 1 to 6, as `#` to `######` (numbered lines: 2 for `3`, 3 for `3.1`).
    pub level: u8,
    /// A numbered section line (`3 推流`) rather than a heading.
    pub numbered: bool,
}

/// One table as written: a header row and body rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    pub section: Option<RawSection>,
    /// Line of the header row.
    pub line: u32,
    pub header: RawRow,
    pub rows: Vec<RawRow>,
}

/// One physical table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub line: u32,
    /// Last physical line of the row (a row broken over lines spans several).
    pub last_line: u32,
    /// 1-based column where the row starts, when a line holds much more
    /// than the row (minified HTML); 0 when not known.
    pub column: u32,
    pub cells: Vec<RawCell>,
}

/// One cell: its text split into parts at line breaks (`<br />`), plus note
/// blocks found inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawCell {
    /// Non-empty, trimmed parts of light markdown, in order.
    pub parts: Vec<String>,
    /// `<Note>` blocks inside the cell, as light markdown.
    pub notes: Vec<String>,
    /// All of the cell's text is struck through (`~~137~~`): withdrawn.
    pub struck: bool,
}

impl RawCell {
    /// The cell's text with parts joined by `\n`.
    pub fn text(&self) -> String {
        self.parts.join("\n")
    }

    /// True when the cell holds no text and no notes.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty() && self.notes.is_empty()
    }

    /// Builds a cell from plain text (tests and synthetic input).
    pub fn from_text(text: &str) -> RawCell {
        RawCell {
            parts: text.split('\n').map(str::trim).filter(|part| !part.is_empty()).map(str::to_owned).collect(),
            notes: Vec::new(),
            struck: false,
        }
    }
}

impl RawRow {
    /// True when every cell is empty.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(RawCell::is_empty)
    }

    /// True for rows like `|---|:-:|` inside a body (a second delimiter row
    /// left behind by page conversion): they hold no data.
    pub fn is_rule(&self) -> bool {
        !self.is_blank()
            && self.cells.iter().all(|cell| {
                let text = cell.text();
                text.is_empty() || text.chars().all(|c| matches!(c, '-' | ':' | ' '))
            })
    }
}
