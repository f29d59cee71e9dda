//! Turns the inline content of a cell or note (text, code spans, links and
//! inline HTML/MDX tags) into light markdown.
//!
//! Light markdown is the catalog's text format: `\n` line breaks, `- ` / `1. `
//! list lines, `[text](url)` links, backticks for code, no HTML, no MDX, no
//! escape backslashes. `<br>` splits a cell into parts (labelled parts such as
//! `描述：` live in separate parts); `<Note>` inside a cell becomes a note of
//! the cell. This module knows tags, not tables: readers feed it events.

use crate::diagnostic::{Diagnostic, DiagnosticKind};
use crate::raw::RawCell;

/// A parsed HTML/MDX tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// Name as written (`Note`, `br`, `a`).
    pub name: String,
    pub closing: bool,
    pub self_closing: bool,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    /// Parses one tag such as `<a href="x" target="_blank">`, `</li>` or
    /// `<br />`. Returns `None` for comments, declarations and non-tags.
    pub(crate) fn parse(text: &str) -> Option<Tag> {
        let inner = text.trim().strip_prefix('<')?.strip_suffix('>')?;
        if inner.starts_with('!') || inner.starts_with('?') {
            return None;
        }
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let (self_closing, inner) = match inner.trim_end().strip_suffix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
        let name = &inner[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == ':') {
            return None;
        }
        Some(Tag { name: name.to_owned(), closing, self_closing, attributes: parse_attributes(&inner[name_end..]) })
    }

    /// The lowercase name, for matching HTML tags case-insensitively.
    pub(crate) fn lower_name(&self) -> String {
        self.name.to_ascii_lowercase()
    }

    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    /// MDX components start with an uppercase letter (`<Note>`, `<Content />`).
    pub(crate) fn is_component(&self) -> bool {
        self.name.starts_with(|c: char| c.is_ascii_uppercase())
    }
}

fn parse_attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return attributes;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = rest[name_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(quote).unwrap_or(body.len());
                rest = body.get(end + 1..).unwrap_or("");
                body[..end].to_owned()
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                rest = &after[end..];
                after[..end].to_owned()
            }
        } else {
            String::new()
        };
        if name.is_empty() {
            // Stray `=`: skip one character to guarantee progress.
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        attributes.push((name, decode_entities(&value)));
    }
}

/// Decodes the HTML entities that occur in attribute values and raw HTML text.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let candidate = &rest[start..];
        let end = candidate.find(';').filter(|end| *end <= 10);
        let decoded = end.and_then(|end| {
            let entity = &candidate[1..end];
            let character = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            character.map(|c| (c, end))
        });
        match decoded {
            Some((character, end)) => {
                out.push(character);
                rest = &candidate[end + 1..];
            }
            None => {
                out.push('&');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy)]
enum ListKind {
    Unordered,
    Ordered(u32),
}

/// Notes nested deeper than this are read as part of the enclosing note.
const MAX_NOTE_DEPTH: usize = 8;

/// Accumulates inline content into a [`RawCell`].
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    parts: Vec<String>,
    current: String,
    notes: Vec<String>,
    note: Option<Box<TextBuilder>>,
    lists: Vec<ListKind>,
    /// Byte offset in `current` where each open link's text starts, and its URL.
    links: Vec<(usize, usize, String)>,
    /// Set after a list closes: the next text starts on a new line.
    newline_pending: bool,
    /// Open strike-through spans (`~~x~~`, `<del>`), and the characters
    /// written inside and outside them: a cell struck through whole is
    /// withdrawn.
    strike_depth: usize,
    struck_chars: usize,
    plain_chars: usize,
    diagnostics: Vec<Diagnostic>,
}

impl TextBuilder {
    pub(crate) fn new() -> TextBuilder {
        TextBuilder::default()
    }

    fn target(&mut self) -> &mut TextBuilder {
        match self.note {
            Some(ref mut note) => note.target(),
            None => self,
        }
    }

    /// Plain text (already unescaped by the markdown parser). A line break
    /// in raw text before a markdown list marker (`- `, `* `, `1. `) keeps
    /// the list line: HTML cells often hold markdown lists.
    pub(crate) fn text(&mut self, text: &str) {
        let target = self.target();
        let mut rest = text;
        while let Some(newline) = rest.find('\n') {
            target.push_str(&rest[..newline]);
            rest = &rest[newline + 1..];
            if is_list_line(rest) {
                target.start_line();
            } else {
                target.push_char(' ');
            }
        }
        target.push_str(rest);
    }

    /// [`push_char`](Self::push_char) for every character of `text`, a run
    /// of ordinary characters at a time.
    fn push_str(&mut self, text: &str) {
        let mut rest = text;
        while !rest.is_empty() {
            let end = rest.find(['\u{a0}', '\u{3000}', '\t', '\r', '\n', ' ']).unwrap_or(rest.len());
            if end > 0 {
                let run = &rest[..end];
                if self.newline_pending {
                    self.newline_pending = false;
                    self.start_line();
                }
                let count = run.chars().count();
                if self.strike_depth > 0 {
                    self.struck_chars += count;
                } else {
                    self.plain_chars += count;
                }
                self.current.push_str(run);
            }
            let Some(space) = rest[end..].chars().next() else { break };
            self.push_char(space);
            rest = &rest[end + space.len_utf8()..];
        }
    }

    fn push_char(&mut self, character: char) {
        let character = match character {
            '\u{a0}' | '\u{3000}' | '\t' | '\r' | '\n' => ' ',
            other => other,
        };
        if character == ' ' {
            if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                self.current.push(' ');
            }
            return;
        }
        if self.newline_pending {
            self.newline_pending = false;
            self.start_line();
        }
        if self.strike_depth > 0 {
            self.struck_chars += 1;
        } else {
            self.plain_chars += 1;
        }
        self.current.push(character);
    }

    fn start_line(&mut self) {
        while self.current.ends_with(' ') {
            self.current.pop();
        }
        if !self.current.is_empty() && !self.current.ends_with('\n') {
            self.current.push('\n');
        }
    }

    /// An inline code span.
    pub(crate) fn code(&mut self, code: &str) {
        let target = self.target();
        target.push_char('`');
        target.current.push_str(code);
        target.current.push('`');
    }

    /// A line break (`<br>`, or a hard break): starts a new part.
    pub(crate) fn line_break(&mut self) {
        let target = self.target();
        if !target.lists.is_empty() {
            target.start_line();
            return;
        }
        target.newline_pending = false;
        let part = std::mem::take(&mut target.current);
        let part = part.trim();
        if !part.is_empty() {
            target.parts.push(part.to_owned());
        }
    }

    /// Bold, italic and strike-through: the page's meaning is the text, so
    /// the markers are not kept (`**弃用**` → `弃用`).
    pub(crate) fn emphasis(&mut self) {}

    /// Strike-through opens (`true`) or closes: its markers are dropped like
    /// emphasis, but a cell struck through whole is marked (`RawCell::struck`).
    pub(crate) fn strike(&mut self, open: bool) {
        let target = self.target();
        target.strike_depth = if open { target.strike_depth + 1 } else { target.strike_depth.saturating_sub(1) };
    }

    pub(crate) fn link_start(&mut self, url: &str) {
        let target = self.target();
        let start = target.current.len();
        target.links.push((target.parts.len(), start, url.to_owned()));
    }

    pub(crate) fn link_end(&mut self) {
        let target = self.target();
        let Some((part_index, start, url)) = target.links.pop() else {
            return;
        };
        if part_index != target.parts.len() || start > target.current.len() {
            return; // The link text spans a part break: keep the text only.
        }
        let mut text = target.current.split_off(start);
        // ZEGO writes `[text|_blank](url)` to open links in a new tab.
        for suffix in ["|_blank", "|_self"] {
            if let Some(stripped) = text.strip_suffix(suffix) {
                text = stripped.to_owned();
            }
        }
        let text = text.trim().to_owned();
        if url.is_empty() || url == "#" {
            target.current.push_str(&text);
        } else if text.is_empty() {
            target.current.push_str(&url);
        } else {
            target.current.push_str(&format!("[{text}]({url})"));
        }
    }

    /// An inline HTML/MDX tag such as `<br />`, `<li>` or `<Note title="…">`.
    /// `file` and `line` locate diagnostics.
    pub(crate) fn html(&mut self, html: &str, file: &str, line: u32) {
        let Some(tag) = Tag::parse(html) else {
            if html.trim_start().starts_with("<!--") {
                return;
            }
            // Not a tag after all (e.g. `a < b`): keep it as text.
            self.text(html);
            return;
        };
        self.tag(&tag, file, line);
    }

    /// Applies one parsed tag.
    pub(crate) fn tag(&mut self, tag: &Tag, file: &str, line: u32) {
        if super::is_note_component(&tag.name) {
            if tag.closing {
                if let Some(note) = self.close_innermost_note() {
                    let target = self.target();
                    target.notes.push(note);
                }
            } else if !tag.self_closing && self.note_depth() < MAX_NOTE_DEPTH {
                let target = self.target();
                target.note = Some(Box::new(TextBuilder::new()));
            }
            return;
        }
        if tag.name == "Content" {
            self.diagnostics.push(Diagnostic::new(
                DiagnosticKind::MdxDamage,
                file,
                line,
                "page conversion left `<Content />` inside text; characters next to it may have been lost",
            ));
            return;
        }
        let target = self.target();
        match (tag.lower_name().as_str(), tag.closing) {
            ("br", _) => target.line_break(),
            ("p", false) | ("div", false) => {
                if target.lists.is_empty() {
                    target.line_break();
                }
            }
            ("p", true) | ("div", true) => {
                if target.lists.is_empty() {
                    target.line_break();
                }
            }
            ("ul", false) => {
                target.lists.push(ListKind::Unordered);
            }
            ("ol", false) => {
                let start = tag.attribute("start").and_then(|s| s.parse::<u32>().ok()).unwrap_or(1);
                target.lists.push(ListKind::Ordered(start.saturating_sub(1)));
            }
            ("ul", true) | ("ol", true) => {
                target.lists.pop();
                target.newline_pending = true;
            }
            ("li", false) => {
                target.newline_pending = false;
                target.start_line();
                let depth = target.lists.len().saturating_sub(1);
                let marker = match target.lists.last_mut() {
                    Some(ListKind::Ordered(counter)) => {
                        *counter += 1;
                        format!("{counter}. ")
                    }
                    _ => "- ".to_owned(),
                };
                target.current.push_str(&"  ".repeat(depth));
                target.current.push_str(&marker);
            }
            ("li", true) => {}
            ("a", false) => {
                let href = tag.attribute("href").unwrap_or("").to_owned();
                target.link_start(&href);
            }
            ("a", true) => target.link_end(),
            ("code", _) | ("kbd", _) | ("samp", _) | ("tt", _) => target.push_char('`'),
            ("strong" | "b" | "em" | "i", _) => target.emphasis(),
            ("del" | "s" | "strike", closing) => target.strike(!closing),
            (
                "span" | "font" | "sup" | "sub" | "u" | "small" | "big" | "mark" | "ins" | "center" | "img" | "abbr"
                | "cite" | "q" | "time" | "var" | "label" | "section" | "article" | "main" | "figure" | "figcaption"
                | "tbody" | "thead" | "tfoot" | "dfn" | "bdi" | "bdo" | "wbr" | "nobr",
                _,
            ) => {}
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote" | "dl" | "dt" | "dd" | "hr", _) => {
                if target.lists.is_empty() {
                    target.line_break();
                }
            }
            _ => {
                if !tag.closing {
                    let what = if tag.is_component() { "MDX component" } else { "HTML tag" };
                    self.diagnostics.push(Diagnostic::new(
                        DiagnosticKind::UnknownMarkup,
                        file,
                        line,
                        format!("unknown {what} `<{}>` dropped; its text is kept", tag.name),
                    ));
                }
            }
        }
    }

    fn note_depth(&self) -> usize {
        self.note.as_ref().map_or(0, |note| 1 + note.note_depth())
    }

    fn close_innermost_note(&mut self) -> Option<String> {
        let note = self.note.as_mut()?;
        if note.note.is_some() {
            return note.close_innermost_note();
        }
        let note = self.note.take()?;
        let cell = note.finish_cell();
        let mut text = cell.text();
        for inner in cell.notes {
            text.push('\n');
            text.push_str(&inner);
        }
        let text = text.trim().to_owned();
        (!text.is_empty()).then_some(text)
    }

    /// Diagnostics collected so far (drained).
    pub(crate) fn take_diagnostics(&mut self) -> Vec<Diagnostic> {
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        if let Some(note) = self.note.as_mut() {
            diagnostics.extend(note.take_diagnostics());
        }
        diagnostics
    }

    /// Finishes the cell: closes an unterminated note, splits parts.
    pub(crate) fn finish_cell(mut self) -> RawCell {
        while self.note.is_some() {
            if let Some(note) = self.close_innermost_note() {
                self.notes.push(note);
            }
        }
        self.line_break();
        RawCell {
            parts: self.parts.into_iter().map(|part| tidy_lines(&part)).filter(|part| !part.is_empty()).collect(),
            notes: self.notes,
            struck: self.struck_chars > 0 && self.plain_chars == 0,
        }
    }
}

/// Splits raw HTML into tags and the text between them.
pub(crate) fn split_html(html: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<')
            && let Some(end) = rest.find('>')
        {
            pieces.push(&rest[..=end]);
            rest = &rest[end + 1..];
            continue;
        }
        // Char-aware: the text may start with a multi-byte character.
        let next = rest.char_indices().skip(1).find(|(_, c)| *c == '<').map_or(rest.len(), |(index, _)| index);
        pieces.push(&rest[..next]);
        rest = &rest[next..];
    }
    pieces
}

/// True for text that starts (after indentation) with a markdown list
/// marker: `- `, `* `, `+ ` or `1. `.
fn is_list_line(text: &str) -> bool {
    let text = text.trim_start_matches([' ', '\t']);
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return true;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits < 4 && text[digits..].starts_with(". ")
}

/// Trims every line and drops empty lines.
fn tidy_lines(text: &str) -> String {
    text.split('\n').map(str::trim_end).filter(|line| !line.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// Light markdown from a block's source, made the way table cells are:
/// inline HTML through the readers' [`TextBuilder`] (`<br>` a line break,
/// notes, entities, tags dropped), markdown escapes undone, emphasis
/// markers dropped, code spans kept in backticks; soft line breaks join,
/// list lines stay lines, and a blank line is a paragraph break (`\n\n`).
pub(crate) fn plain(source: &str) -> String {
    let mut paragraphs = Vec::new();
    let mut paragraph = String::new();
    for line in source.lines() {
        if line.trim().is_empty() {
            paragraphs.push(std::mem::take(&mut paragraph));
        } else {
            if !paragraph.is_empty() {
                paragraph.push('\n');
            }
            paragraph.push_str(line.trim());
        }
    }
    paragraphs.push(paragraph);
    let mut out = String::with_capacity(source.len());
    for paragraph in paragraphs.iter().filter(|paragraph| !paragraph.is_empty()) {
        let mut builder = TextBuilder::new();
        for (code, part) in code_spans(paragraph) {
            // A code span is text as written: `<variable-name>` is no tag.
            if code {
                builder.text(part);
                continue;
            }
            for piece in split_html(part) {
                if piece.starts_with('<') {
                    builder.html(piece, "", 0);
                } else {
                    builder.text(&unescape(piece));
                }
            }
        }
        let cell = builder.finish_cell();
        let text = cell.parts.into_iter().chain(cell.notes).collect::<Vec<_>>().join("\n");
        let text = text.replace("**", "").replace("__", "");
        let text = text.trim();
        if !text.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(text);
        }
    }
    out
}

/// `text` cut into code spans (`` `…` ``, with their backticks; `true`)
/// and the text between them (`false`). An unclosed backtick is text.
fn code_spans(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let ticks = rest[open..].chars().take_while(|c| *c == '`').count();
        let fence = &rest[open..open + ticks];
        let Some(close) = rest[open + ticks..].find(fence) else { break };
        let end = open + ticks + close + ticks;
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open..end]));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// Markdown source with its backslash escapes undone (`SDS\_EOS`).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(*next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell_from_html(pieces: &[&str]) -> (RawCell, Vec<Diagnostic>) {
        let mut builder = TextBuilder::new();
        for piece in pieces {
            if piece.starts_with('<') {
                builder.html(piece, "t.md", 1);
            } else {
                builder.text(piece);
            }
        }
        let diagnostics = builder.take_diagnostics();
        (builder.finish_cell(), diagnostics)
    }

    #[test]
    fn tags_parse_with_attributes() {
        let tag = Tag::parse(r#"<a href="https://x.test/a?b=1&amp;c=2" target="_blank">"#).expect("tag");
        assert_eq!(tag.name, "a");
        assert_eq!(tag.attribute("href"), Some("https://x.test/a?b=1&c=2"));
        assert!(Tag::parse("<br />").expect("br").self_closing);
        assert!(Tag::parse("</Note>").expect("close").closing);
        assert_eq!(Tag::parse("<!-- c -->"), None);
        assert_eq!(Tag::parse("< 3"), None);
    }

    #[test]
    fn br_splits_parts() {
        let (cell, _) = cell_from_html(&["描述：a。", "<br />", "可能原因：b。", "<br/>", "处理建议：c。"]);
        assert_eq!(cell.parts, ["描述：a。", "可能原因：b。", "处理建议：c。"]);
    }

    #[test]
    fn note_inside_a_cell_becomes_a_note_with_list_lines() {
        let (cell, _) = cell_from_html(&[
            "房间不存在。",
            "<Note title=\"说明\">",
            "<ul>",
            "<li>",
            "甲",
            "</li>",
            "<li>",
            "乙",
            "</li>",
            "</ul>",
            "</Note>",
        ]);
        assert_eq!(cell.parts, ["房间不存在。"]);
        assert_eq!(cell.notes, ["- 甲\n- 乙"]);
    }

    #[test]
    fn ordered_list_after_a_label_starts_on_its_own_line() {
        let (cell, _) =
            cell_from_html(&["可能原因：", "<ol>", "<li>", "一", "</li>", "<li>", "二", "</li>", "</ol>", "其后"]);
        assert_eq!(cell.parts, ["可能原因：\n1. 一\n2. 二\n其后"]);
    }

    #[test]
    fn html_links_become_markdown_links() {
        let (cell, _) = cell_from_html(&[
            "详情请参考 ",
            "<a href=\"https://d.test/1#5\" target=\"_blank\">",
            "调用方式",
            "</a>",
            " 中的说明。",
        ]);
        assert_eq!(cell.parts, ["详情请参考 [调用方式](https://d.test/1#5) 中的说明。"]);
    }

    #[test]
    fn zego_blank_target_suffix_is_removed_from_link_text() {
        let mut builder = TextBuilder::new();
        builder.text("参考 ");
        builder.link_start("8985#3");
        builder.text("签名机制|_blank");
        builder.link_end();
        assert_eq!(builder.finish_cell().parts, ["参考 [签名机制](8985#3)"]);
    }

    #[test]
    fn content_damage_is_reported_and_removed() {
        let (cell, diagnostics) = cell_from_html(&["'#', '", "<Content />", ", '^'"]);
        assert_eq!(cell.parts, ["'#', ', '^'"]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].kind, DiagnosticKind::MdxDamage);
    }

    #[test]
    fn deeply_nested_notes_are_bounded() {
        let mut pieces: Vec<&str> = vec!["<Note>"; 10_000];
        pieces.push("深");
        pieces.extend(vec!["</Note>"; 10_000]);
        let (cell, _) = cell_from_html(&pieces);
        assert_eq!(cell.notes.len(), 1);
        assert!(cell.notes[0].contains('深'));
    }

    #[test]
    fn code_tags_become_backticks() {
        let (cell, _) = cell_from_html(&["<code>", "kNetworkDnsResolveError", "</code>"]);
        assert_eq!(cell.parts, ["`kNetworkDnsResolveError`"]);
    }

    #[test]
    fn markdown_list_lines_in_html_text_stay_lines() {
        let mut builder = TextBuilder::new();
        builder.text("Causes:\n- one\n- two\nend of\nsentence");
        assert_eq!(builder.finish_cell().parts, ["Causes:\n- one\n- two end of sentence"]);
    }

    #[test]
    fn a_cell_struck_through_whole_is_marked() {
        let (cell, _) = cell_from_html(&["<del>", "137", "</del>"]);
        assert!(cell.struck);
        assert_eq!(cell.parts, ["137"]);
        let (cell, _) = cell_from_html(&["<del>", "old", "</del>", " new"]);
        assert!(!cell.struck);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("a &lt;b&gt; &#x4E2D;&#25991; &bogus; &"), "a <b> 中文 &bogus; &");
    }
}
