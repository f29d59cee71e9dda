//! Reading: a page's text becomes a [`RawDoc`] (sections, notes, tables of
//! cells with line numbers), whatever its format.
//!
//! This module owns what both readers share: [`ReadOptions`], format
//! detection,
//! front matter, numbered section lines and the one markup table of note
//! blocks ([`NOTE_COMPONENTS`], [`NOTE_CLASSES`], [`ALERT_KINDS`]). The
//! markdown and HTML readers depend on it and not on each other: raw HTML
//! tables inside markdown reach the HTML reader through [`read`]. Nothing
//! here decides what a column or a row means (see `lower`).

pub(crate) mod html;
pub(crate) mod inline;
pub mod markdown;

use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::LineIndex;
use crate::raw::{BlockKind, RawBlock, RawDoc, RawSection};
pub use html::read_fragment;

/// Settings of the readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Treat a one-line paragraph such as `3 推流` as a section heading.
    pub numbered_sections: bool,
    /// HTML pages: a CSS selector; only the elements it matches are read.
    pub select: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { numbered_sections: true, select: None }
    }
}

/// MDX components that are note blocks (`<Note>`, `<Warning>`, …), standalone
/// or inside a cell.
pub const NOTE_COMPONENTS: &[&str] =
    &["Note", "Tip", "Warning", "Callout", "Info", "Caution", "Danger", "Important", "Admonition", "Alert"];

/// Class words that mark an HTML note block (`<div class="alert note">`).
pub const NOTE_CLASSES: &[&str] =
    &["note", "admonition", "callout", "tip", "warning", "notice", "info", "caution", "important", "alert", "danger"];

/// GitHub alert kinds (`> [!NOTE]`) and docusaurus admonition kinds
/// (`:::tip`), lowercase.
pub const ALERT_KINDS: &[&str] =
    &["note", "tip", "important", "warning", "caution", "info", "danger", "success", "failure", "attention"];

/// Block-quote markers of note blocks in converted wikis: `>!`, `>?`, `>>?`.
pub const QUOTE_NOTE_MARKERS: &[&str] = &["!", "?"];

/// Paragraph markers that open an admonition: docusaurus `:::tip` (closed
/// by `:::`) and MkDocs `!!! note` / `??? note` (one paragraph).
pub const ADMONITION_MARKERS: &[&str] = &[":::", "!!! ", "??? ", "???+ "];

/// True for a paragraph that opens an admonition.
pub fn is_admonition_start(paragraph: &str) -> bool {
    ADMONITION_MARKERS.iter().any(|marker| paragraph.starts_with(marker))
}

/// True for the paragraph that closes an admonition: `:::` at its end, or
/// any MkDocs admonition paragraph (it is one block).
pub fn is_admonition_end(paragraph: &str) -> bool {
    let paragraph = paragraph.trim_end();
    paragraph.ends_with(":::") || (!paragraph.starts_with(":::") && is_admonition_start(paragraph))
}

/// A note's text without the markers that made it a note: a leading
/// `[!NOTE]`, `!` or `?` (block quotes), a `:::tip Title` first line and a
/// closing `:::` (admonitions).
pub fn strip_note_markers(text: &str) -> String {
    let mut text = text.trim();
    if let Some(rest) = text.strip_prefix(":::") {
        let kind_end = rest.find(['\n', ' ']).unwrap_or(rest.len());
        let kind = rest[..kind_end].to_ascii_lowercase();
        // `:::tip Title` keeps its title as the note's first line.
        text = if ALERT_KINDS.contains(&kind.as_str()) || kind.chars().all(|c| c.is_ascii_alphanumeric()) {
            rest[kind_end..].trim_start()
        } else {
            rest
        };
    }
    for marker in ["!!!", "???+", "???"] {
        if let Some(rest) = text.strip_prefix(marker) {
            // `!!! note "Title"`: the kind word goes, the rest stays.
            let rest = rest.trim_start();
            let kind_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            text = rest[kind_end..].trim_start();
        }
    }
    if let Some(rest) = text.strip_suffix(":::") {
        text = rest.trim_end();
    }
    // `[!NOTE]`, and docsify's `[!WARNING| label:注意]`.
    if let Some(rest) = text.strip_prefix("[!")
        && let Some((inside, after)) = rest.split_once(']')
        && let Some(kind) = inside.split(['|', ' ']).next()
        && ALERT_KINDS.contains(&kind.to_ascii_lowercase().as_str())
    {
        text = after.trim_start();
    }
    for marker in QUOTE_NOTE_MARKERS {
        if let Some(rest) = text.strip_prefix(marker) {
            text = rest.trim_start();
        }
    }
    text.to_owned()
}

/// True for a `class` attribute that marks a note block (`alert note`).
pub fn is_note_class(class: &str) -> bool {
    class.split_whitespace().any(|word| NOTE_CLASSES.iter().any(|note| word.eq_ignore_ascii_case(note)))
}

/// True for the name of a note component.
pub fn is_note_component(name: &str) -> bool {
    NOTE_COMPONENTS.contains(&name)
}

/// The kind of document a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Markdown or MDX (raw HTML tables inside are read too).
    Markdown,
    Html,
}

impl InputFormat {
    pub fn parse(text: &str) -> Option<InputFormat> {
        match text.to_ascii_lowercase().as_str() {
            "md" | "mdx" | "markdown" => Some(InputFormat::Markdown),
            "html" | "htm" => Some(InputFormat::Html),
            _ => None,
        }
    }

    /// By extension (`.html`, `.htm`, `.md`, `.mdx`, `.markdown`), else by
    /// content: a page that starts with `<!doctype html>` or `<html`, or
    /// that starts with a tag and has a `<table>` but no markdown table row,
    /// is HTML.
    pub fn detect(path: &str, text: &str) -> InputFormat {
        let extension = path.rsplit_once('.').map(|(_, extension)| extension).unwrap_or("");
        if let Some(format) = InputFormat::parse(extension) {
            return format;
        }
        let start = text.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
        let head: String = start.chars().take(512).collect();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            return InputFormat::Html;
        }
        let markdown_row = text.lines().any(|line| line.trim_start().starts_with('|'));
        if start.starts_with('<') && start.contains("<table") && !markdown_row {
            return InputFormat::Html;
        }
        InputFormat::Markdown
    }
}

/// Reads a page of either format. The title falls back to the first
/// heading of any level when the page has no front-matter title, `<title>`
/// or level-1 heading.
pub fn read(text: &str, file: &str, format: InputFormat, options: &ReadOptions) -> (RawDoc, Vec<Diagnostic>) {
    let (mut doc, diagnostics) = match format {
        InputFormat::Markdown => read_markdown(text, file, options),
        InputFormat::Html => read_html(text, file, options),
    };
    if doc.title.is_none() {
        doc.title = doc.headings.iter().find(|heading| !heading.numbered).map(|heading| heading.title.clone());
    }
    decode_blocks(&mut doc.blocks);
    (doc, diagnostics)
}

/// Decodes each block's text once (`plain`), unless already decoded.
pub fn decode_texts(blocks: &mut [RawBlock]) {
    for block in blocks.iter_mut().filter(|block| block.plain.is_empty() && !block.text.is_empty()) {
        block.plain = match block.kind {
            BlockKind::Code => block.text.clone(),
            _ => inline::plain(&block.text),
        };
    }
}

/// Completes the prose blocks as forms read them: each block's text
/// decoded once (`plain`; a code block's code as is), and each nested list
/// item's parent. Blocks already decoded keep their text, so it may run
/// again on blocks made since (a block split in two).
pub fn decode_blocks(blocks: &mut [RawBlock]) {
    decode_texts(blocks);
    // Open items, outermost first: (depth, index).
    let mut open: Vec<(u8, usize)> = Vec::new();
    for (index, block) in blocks.iter_mut().enumerate() {
        match block.kind {
            BlockKind::Item(depth) => {
                while open.last().is_some_and(|(open_depth, _)| *open_depth >= depth) {
                    open.pop();
                }
                block.parent = open.last().map(|(_, parent)| *parent);
                open.push((depth, index));
            }
            _ => open.clear(),
        }
    }
}

/// Reads a markdown or MDX page; raw HTML tables inside go to the HTML reader.
pub fn read_markdown(text: &str, file: &str, options: &ReadOptions) -> (RawDoc, Vec<Diagnostic>) {
    markdown::read_in_sections(text, file, options, &html::read_fragment, markdown::SECTIONED_BYTES)
}

/// Reads an HTML page.
pub fn read_html(text: &str, file: &str, options: &ReadOptions) -> (RawDoc, Vec<Diagnostic>) {
    html::read_page(text, file, options)
}

/// The front matter at the top of a page (`---` … `---`), as the byte length
/// of the block and its `title:` value, if any. The block is recognised
/// when it closes within its first 60 lines, even when its YAML is invalid;
/// only the `title:` line is read, so malformed front matter never leaks
/// into the page's text or sections.
pub fn front_matter(text: &str) -> Option<(usize, Option<String>)> {
    let body = text.strip_prefix("---")?;
    let body = body.strip_prefix("\r\n").or_else(|| body.strip_prefix('\n'))?;
    let mut offset = text.len() - body.len();
    let mut title = None;
    for line in body.split_inclusive('\n').take(60) {
        let trimmed = line.trim_end();
        offset += line.len();
        if trimmed == "---" || trimmed == "..." {
            return Some((offset, title));
        }
        if title.is_none()
            && let Some(value) = trimmed.strip_prefix("title:")
        {
            let value = value.trim().trim_matches(['"', '\'']).trim();
            if !value.is_empty() {
                title = Some(value.to_owned());
            }
        }
    }
    None
}

/// True for a paragraph that is a plain numbered section line (`3 推流`,
/// `2.1 Login`): short, one line, no sentence punctuation at the end.
/// Returns the title and its level (2 for `3`, 3 for `3.1`).
pub fn numbered_section_title(text: &str) -> Option<(String, u8)> {
    let text = text.trim();
    if text.contains('\n') || text.chars().count() > 40 {
        return None;
    }
    let (number, rest) = text.split_once(char::is_whitespace)?;
    let is_number = !number.is_empty()
        && number
            .split('.')
            .all(|piece| !piece.is_empty() && piece.len() <= 2 && piece.chars().all(|c| c.is_ascii_digit()));
    let rest = rest.trim();
    let ends_like_sentence = rest.ends_with(['。', '.', '：', ':', '，', ',', '；', ';', '！', '？', '!', '?']);
    let level = u8::try_from(number.split('.').count() + 1).unwrap_or(6).min(6);
    (is_number && !rest.is_empty() && !ends_like_sentence && !rest.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| (text.to_owned(), level))
}

/// A heading written without the space after its hashes (`####名称`),
/// standing alone on its line: its title and level.
pub fn tight_heading(line: &str) -> Option<(String, u8)> {
    let line = line.trim();
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&hashes) || line.contains('\n') {
        return None;
    }
    let title = line[hashes..].trim().trim_end_matches('#').trim();
    // `#1` or `#12345` is an issue reference, not a heading.
    if title.is_empty() || title.chars().all(|c| c.is_ascii_digit()) || title.chars().count() > 80 {
        return None;
    }
    Some((title.to_owned(), u8::try_from(hashes).unwrap_or(6)))
}

/// Builds a section record. The title loses what anchors leave around a
/// heading's text in converted pages: `#`, `¶`, `§` and link markers
/// (`## # 6. 错误码` → `6. 错误码`, `Errors¶` → `Errors`).
pub fn section(title: String, line: u32, level: u8, numbered: bool) -> RawSection {
    let marks: &[char] = &['¶', '§', '🔗', ' ', '\u{a0}', '\u{feff}'];
    let mut cleaned = title.trim_matches(marks).trim_start_matches(['#', ' ']);
    // A heading id (`## Table {#table}`) is not part of the title.
    if let Some(start) = cleaned.rfind(" {#")
        && cleaned.ends_with('}')
    {
        cleaned = cleaned[..start].trim_end();
    }
    if let Some((text, hashes)) = cleaned.rsplit_once(' ')
        && !hashes.is_empty()
        && hashes.chars().all(|c| c == '#')
    {
        cleaned = text.trim_end();
    }
    let title = if cleaned.is_empty() { title } else { cleaned.to_owned() };
    RawSection { title, line, level, numbered }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_is_one_based() {
        let index = LineIndex::new("a\nb\nc");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(4), 3);
        assert_eq!(index.column(5), 2);
    }

    #[test]
    fn front_matter_gives_the_title_even_when_malformed() {
        assert_eq!(front_matter("---\ntitle: Codes\n---\n# x"), Some((21, Some("Codes".to_owned()))));
        assert_eq!(front_matter("---\ntitle: \"A: b\"\nbad: [unclosed\n---\n").map(|f| f.1), Some(Some("A: b".into())));
        assert_eq!(front_matter("--- \nno"), None);
        assert_eq!(front_matter("---\nnever closed\n"), None);
    }

    #[test]
    fn anchors_around_headings_are_removed() {
        assert_eq!(section("# 6. 错误码".to_owned(), 1, 2, false).title, "6. 错误码");
        assert_eq!(section("Errors¶".to_owned(), 1, 2, false).title, "Errors");
        assert_eq!(section("C#".to_owned(), 1, 2, false).title, "C#");
        assert_eq!(section("Codes ##".to_owned(), 1, 2, false).title, "Codes");
        assert_eq!(section("Table of exit codes {#table}".to_owned(), 1, 2, false).title, "Table of exit codes");
    }

    #[test]
    fn note_markers_are_removed() {
        assert_eq!(strip_note_markers("[!NOTE]\nText"), "Text");
        assert_eq!(strip_note_markers("[!WARNING| label:注意] Text"), "Text");
        assert_eq!(strip_note_markers(":::tip\nText\n:::"), "Text");
        assert_eq!(strip_note_markers("? Text"), "Text");
        assert_eq!(strip_note_markers("Plain"), "Plain");
        assert_eq!(strip_note_markers("!!! note\nText"), "Text");
    }

    #[test]
    fn tight_headings_need_hashes_and_a_title() {
        assert_eq!(tight_heading("####名称"), Some(("名称".to_owned(), 4)));
        assert_eq!(tight_heading("#1234"), None);
        assert_eq!(tight_heading("####### seven"), None);
    }

    #[test]
    fn numbered_section_lines_have_levels() {
        assert_eq!(numbered_section_title("3 推流"), Some(("3 推流".to_owned(), 2)));
        assert_eq!(numbered_section_title("2.1 Login"), Some(("2.1 Login".to_owned(), 3)));
        assert_eq!(numbered_section_title("调用推流接口后，推流回调的错误码如果非0，请查看以下错误码。"), None);
        assert_eq!(numbered_section_title("2019 年的说明。"), None);
    }
}
