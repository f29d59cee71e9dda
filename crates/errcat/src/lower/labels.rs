//! Labelled parts inside a cell (`描述：…<br />可能原因：…<br />处理建议：…`,
//! `Description: … <br>Possible reason: … <br>Handling suggestion: …`): which
//! field each part fills, by the meaning of its label.
//!
//! Labels are the header words of `words` (one list for headers and labels),
//! so a suggestion label always fills the solution, whatever parts are
//! missing. This module splits texts; it does not know tables or rows.

use super::words::ColumnRole;
use super::words::{self, normalize, roles_in};
use crate::raw::{BlockKind, RawBlock};
use crate::read::inline::plain;

/// A field of an entry's readable text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Message,
    Cause,
    Solution,
    Note,
}

impl Field {
    /// The field a text column fills when its parts carry no label.
    pub fn of_role(role: ColumnRole) -> Option<Field> {
        match role {
            ColumnRole::Message => Some(Field::Message),
            ColumnRole::Cause => Some(Field::Cause),
            ColumnRole::Solution => Some(Field::Solution),
            ColumnRole::Note => Some(Field::Note),
            _ => None,
        }
    }

    fn next(self) -> Field {
        match self {
            Field::Message => Field::Cause,
            Field::Cause | Field::Solution => Field::Solution,
            Field::Note => Field::Note,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Field::Message => "description",
            Field::Cause => "cause",
            Field::Solution => "suggestion",
            Field::Note => "note",
        }
    }
}

thread_local! {
    /// The label words a source's settings give (`labels:`), normalized,
    /// while its page is lowered on this thread (see [`with_labels`]).
    static SOURCE_LABELS: std::cell::RefCell<Vec<(String, ColumnRole)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `work` with the source's own label words in force on this thread
/// (the stages that split a page over threads call it in each), and puts
/// back what was in force before, even when `work` panics.
pub(crate) fn with_labels<R>(labels: &std::collections::BTreeMap<String, ColumnRole>, work: impl FnOnce() -> R) -> R {
    struct Restore(Vec<(String, ColumnRole)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SOURCE_LABELS.with(|labels| *labels.borrow_mut() = std::mem::take(&mut self.0));
        }
    }
    let words: Vec<(String, ColumnRole)> = labels.iter().map(|(word, role)| (normalize(word), *role)).collect();
    let _restore = Restore(SOURCE_LABELS.with(|labels| std::mem::replace(&mut *labels.borrow_mut(), words)));
    work()
}

/// The role the source's settings give a label head, if any.
fn source_label(head: &str) -> Option<ColumnRole> {
    SOURCE_LABELS.with(|labels| {
        let labels = labels.borrow();
        if labels.is_empty() {
            return None;
        }
        let head = normalize(head);
        labels.iter().find(|(word, _)| *word == head).map(|(_, role)| *role)
    })
}

/// The label a part starts with (`描述：`, `Possible reason:`), and the rest.
/// A label is short (at most four words or twelve characters) and names a
/// text role by the header words.
pub(crate) fn label_of(part: &str) -> Option<(Field, &str)> {
    let (head, rest) = part.split_once(['：', ':'])?;
    let head = head.trim().trim_matches(['*', '_', '【', '】', '[', ']']).trim();
    if head.is_empty() || head.len() > 96 {
        return None;
    }
    if let Some(role) = source_label(head) {
        return Field::of_role(role).map(|field| (field, rest.trim_start()));
    }
    // Labels repeat on every row of a page (`描述`, `可能原因`): the field
    // of a head is decided once per thread and remembered.
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<String, Option<Field>>> = Default::default();
    }
    let field = SEEN.with(|seen| {
        if let Some(field) = seen.borrow().get(head) {
            return *field;
        }
        let field = field_of_head(head);
        let mut seen = seen.borrow_mut();
        if seen.len() > 4096 {
            seen.clear();
        }
        seen.insert(head.to_owned(), field);
        field
    });
    field.map(|field| (field, rest.trim_start()))
}

/// The field a label head names, if it is made only of label words.
pub(crate) fn field_of_head(head: &str) -> Option<Field> {
    if let Some(role) = source_label(head) {
        return Field::of_role(role);
    }
    if head.chars().count() > 24 || head.split_whitespace().count() > 4 || head.contains("://") {
        return None;
    }
    if head.chars().count() > 12 && !head.is_ascii() {
        return None;
    }
    let roles = roles_in(head);
    let role = *roles.first()?;
    // The whole head must be label words: `Possible reason`, not `The
    // reason is that the server`.
    let normalized = normalize(head);
    let words_len: usize = normalized.chars().count();
    if words_len > 24 {
        return None;
    }
    Field::of_role(role)
}

/// True for a part that is a list item: `1、…`, `2. …`, `(3) …`, `- …`.
fn is_list_item(part: &str) -> bool {
    let part = part.trim_start();
    if part.starts_with(['-', '•', '·', '*']) {
        return true;
    }
    let digits = part.chars().take_while(char::is_ascii_digit).count();
    let rest = part.get(digits..).unwrap_or("");
    (digits > 0 && rest.starts_with(['、', '.', '．', ')', '）']))
        || (part.starts_with(['(', '（']) && part.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

/// Fields of each part of a cell whose unlabelled first part is `first`,
/// and whether the field was inferred from position. A labelled part takes
/// its label's field; a list item, or any part after a bare label
/// (`可能原因：` alone), continues the previous field; another unlabelled
/// part takes the field after the previous one. `None` when no part has a
/// label.
pub(crate) fn part_fields<S: AsRef<str>>(parts: &[S], first: Field) -> Option<Vec<(Field, String, bool)>> {
    if !parts.iter().any(|part| label_of(part.as_ref()).is_some()) {
        return None;
    }
    let mut fields = Vec::with_capacity(parts.len());
    let mut last: Option<(Field, bool)> = None;
    for part in parts {
        let part = part.as_ref();
        let (field, text, inferred) = match (label_of(part), last) {
            (Some((field, rest)), _) => (field, rest.to_owned(), false),
            (None, None) => (first, part.to_owned(), false),
            (None, Some((previous, bare))) if bare || is_list_item(part) || previous.next() == previous => {
                (previous, part.to_owned(), false)
            }
            (None, Some((previous, _))) => (previous.next(), part.to_owned(), true),
        };
        let bare = text.trim().is_empty() || last.is_some_and(|(previous, bare)| bare && previous == field);
        last = Some((field, bare));
        fields.push((field, text, inferred));
    }
    Some(fields)
}

/// The label sequence of a labelled cell (`[Message, Cause, Solution]`),
/// used to split unlabelled cells of the same column with as many parts.
pub(crate) fn pattern(parts: &[String]) -> Option<Vec<Field>> {
    let fields = part_fields(parts, Field::Message)?;
    if fields.iter().any(|(_, _, inferred)| *inferred) || fields.iter().any(|(_, text, _)| text.trim().is_empty()) {
        return None;
    }
    Some(fields.into_iter().map(|(field, _, _)| field).collect())
}

/// A `Word:` prefix shared by every filled cell of a column (`Details:`),
/// when it is not a field label: removed from each cell.
pub(crate) fn constant_prefix(cells: &[&[String]]) -> Option<String> {
    let firsts: Vec<&String> = cells.iter().filter_map(|parts| parts.first()).collect();
    if firsts.len() < 2 {
        return None;
    }
    let head = |part: &str| -> Option<String> {
        let (head, _) = part.split_once(['：', ':'])?;
        (head.chars().count() <= 20 && !head.trim().is_empty() && !head.contains("://")).then(|| head.to_owned())
    };
    let prefix = head(firsts[0])?;
    if label_of(firsts[0]).is_some() {
        return None;
    }
    firsts.iter().all(|part| head(part).as_deref() == Some(prefix.as_str())).then_some(prefix)
}

/// The field a paragraph that is only a label names (`可能原因`, `Cause:`),
/// from its decoded text.
pub(crate) fn bare_label(text: &str) -> Option<Field> {
    let head = text.trim().trim_end_matches([':', '：']).trim();
    // A sentence is text, even when it holds a label word (`No action
    // required.`).
    if head.contains('\n') || head.is_empty() || head.ends_with(['.', '。', '!', '！']) {
        return None;
    }
    field_of_head(head)
}

/// The label a prose line starts with (`Cause: …`, `**可能原因**：…`): only
/// when the words before the colon are plain words, not a link, code or
/// a sentence (`[Message.fromCell{:tact}](…)` has no label).
pub(crate) fn label(text: &str) -> Option<(Field, &str)> {
    let head = text.split_once([':', '：'])?.0;
    let plain_words = head.chars().all(|c| c.is_alphanumeric() || c.is_whitespace() || matches!(c, '*' | '_' | '-'));
    plain_words.then(|| label_of(text)).flatten()
}

/// True for a paragraph that opens with a note marker (`Note:`, `注意：`),
/// from its decoded text.
pub(crate) fn is_note(text: &str) -> bool {
    let lower = text.to_lowercase();
    let first = lower.lines().next().unwrap_or("").trim();
    ["note:", "note ", "注意", "说明：", "tip:", "warning:", "important:"]
        .iter()
        .any(|marker| lower.starts_with(marker))
        || ["note", "tip", "warning", "important", "注意", "说明"].contains(&first)
}

/// Message, cause, solution and notes from the blocks below a code.
/// A paragraph whose later line opens with a label (`…is invalid.` then
/// `Resolution: …` on the next line) as two paragraphs, split there.
pub(crate) fn split_at_label(block: &RawBlock) -> Vec<RawBlock> {
    let lines: Vec<&str> = block.text.lines().collect();
    let labelled = |line: &&str| label(&plain(line)).is_some_and(|(_, rest)| !rest.trim().is_empty());
    match (block.kind, lines.iter().skip(1).position(labelled)) {
        (BlockKind::Paragraph, Some(at)) => {
            let (before, after) = lines.split_at(at + 1);
            let line = block.line + u32::try_from(at + 1).unwrap_or(0);
            vec![
                RawBlock::new(block.kind, block.line, line.saturating_sub(1), before.join("\n")),
                RawBlock::new(block.kind, line, block.last_line, after.join("\n")),
            ]
        }
        _ => vec![block.clone()],
    }
}

/// `from_title`: the message in `texts` is the heading's short title; a
/// labelled description below then takes its place, and the function
/// returns true (the title is kept apart by the caller).
pub(crate) fn body_texts(body: &[RawBlock], texts: &mut Vec<(Field, String)>, from_title: bool) -> bool {
    let mut from_title = from_title;
    let mut displaced = false;
    // A labelled description replaces a message that is only the heading's title.
    let mut take_message = |texts: &mut Vec<(Field, String)>, from_title: &mut bool, label: &str| {
        if *from_title && words::says_description(label) {
            *from_title = false;
            texts.retain(|(field, _)| *field != Field::Message);
            displaced = true;
        }
    };
    let mut split: Vec<RawBlock> = body.iter().flat_map(split_at_label).collect();
    crate::read::decode_texts(&mut split);
    let body = split.as_slice();
    let mut current: Option<Field> = None;
    let has_message = |texts: &Vec<(Field, String)>| texts.iter().any(|(field, _)| *field == Field::Message);
    // The message came from code blocks right below the code.
    let mut code_message = false;
    for (position, block) in body.iter().enumerate() {
        let text = match block.kind {
            BlockKind::Heading(_) => {
                current = bare_label(&block.plain).or(Some(Field::Note));
                if current == Some(Field::Message) {
                    take_message(texts, &mut from_title, &block.plain);
                }
                if current == Some(Field::Note) {
                    texts.push((Field::Note, block.plain.clone()));
                }
                continue;
            }
            BlockKind::Item(depth) if depth > 1 => continue,
            BlockKind::Item(_) => {
                // `* Cause: …` items are labelled parts.
                let text = &block.plain;
                if let Some((field, rest)) = label(text).filter(|(_, rest)| !rest.trim().is_empty()) {
                    if field == Field::Message {
                        take_message(texts, &mut from_title, text);
                    }
                    current = Some(field);
                    push(texts, field, rest.trim().to_owned());
                    continue;
                }
                format!("- {text}")
            }
            // The message as a code block right below the code (a template
            // with placeholders); other code blocks are examples.
            // Several such blocks are alternative messages.
            BlockKind::Code
                if body[..position].iter().all(|before| before.kind == BlockKind::Code)
                    && (position == 0 && !has_message(texts) || code_message) =>
            {
                let text = block.text.trim();
                if !text.is_empty() && text.lines().count() <= 3 {
                    push(texts, Field::Message, text.lines().map(str::trim).collect::<Vec<_>>().join("\n"));
                    code_message = true;
                }
                continue;
            }
            BlockKind::Code => continue,
            BlockKind::Html => block.plain.clone(),
            BlockKind::Paragraph => {
                if let Some(field) = bare_label(&block.plain) {
                    if field == Field::Message {
                        take_message(texts, &mut from_title, &block.plain);
                    }
                    current = Some(field);
                    continue;
                }
                block.plain.clone()
            }
        };
        if text.is_empty() {
            continue;
        }
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Html) && is_note(&block.plain) {
            texts.push((Field::Note, text));
            continue;
        }
        if block.kind == BlockKind::Paragraph
            && let Some((field, rest)) = label(&text)
            && !rest.trim().is_empty()
        {
            if field == Field::Message {
                take_message(texts, &mut from_title, &text);
            }
            current = Some(field);
            push(texts, field, rest.trim().to_owned());
            continue;
        }
        let field = match current {
            // A labelled message below a heading that already gives one.
            Some(Field::Message) if has_message(texts) => Field::Note,
            Some(field) => field,
            None if !has_message(texts) => Field::Message,
            None => Field::Note,
        };
        push(texts, field, text);
    }
    displaced
}

/// Appends text to a field (notes stay separate).
pub(crate) fn push(texts: &mut Vec<(Field, String)>, field: Field, text: String) {
    if field != Field::Note
        && let Some((_, existing)) = texts.iter_mut().find(|(other, _)| *other == field)
    {
        existing.push('\n');
        existing.push_str(&text);
        return;
    }
    texts.push((field, text));
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    fn parts(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    fn split_labelled(cell: &[String]) -> Option<BTreeMap<Field, String>> {
        let mut out: BTreeMap<Field, String> = BTreeMap::new();
        for (field, text, _) in part_fields(cell, Field::Message)? {
            let text = text.trim().to_owned();
            if text.is_empty() {
                continue;
            }
            out.entry(field)
                .and_modify(|t| {
                    t.push('\n');
                    t.push_str(&text);
                })
                .or_insert(text);
        }
        Some(out)
    }

    fn by_position(cell: &[String]) -> Option<&'static str> {
        part_fields(cell, Field::Message)?.into_iter().find(|f| f.2).map(|f| f.0.describe())
    }

    #[test]
    fn labelled_parts_split_into_fields() {
        let texts = split_labelled(&parts(&["描述：未登录房间。", "可能原因：没有登录。", "处理建议：请先登录。"]))
            .expect("labelled");
        assert_eq!(texts.get(&Field::Message).map(String::as_str), Some("未登录房间。"));
        assert_eq!(texts.get(&Field::Cause).map(String::as_str), Some("没有登录。"));
        assert_eq!(texts.get(&Field::Solution).map(String::as_str), Some("请先登录。"));
    }

    #[test]
    fn missing_first_label_is_the_description() {
        let texts = split_labelled(&parts(&["params 参数无效。", "可能原因：为空。", "处理建议：传入正确参数。"]))
            .expect("labelled");
        assert_eq!(texts.get(&Field::Message).map(String::as_str), Some("params 参数无效。"));
        assert_eq!(texts.get(&Field::Cause).map(String::as_str), Some("为空。"));
    }

    #[test]
    fn unlabelled_part_after_a_cause_is_the_suggestion_and_is_reported() {
        let cell = parts(&["描述：推流鉴权错误。", "可能原因：参数错误。", "检查 token 是否正确。"]);
        let texts = split_labelled(&cell).expect("labelled");
        assert_eq!(texts.get(&Field::Solution).map(String::as_str), Some("检查 token 是否正确。"));
        assert_eq!(by_position(&cell), Some("suggestion"));
        assert_eq!(split_labelled(&parts(&["plain", "text"])), None);
    }

    #[test]
    fn list_items_and_parts_after_a_bare_label_continue_that_field() {
        let cell = parts(&[
            "描述：获取媒体失败。",
            "可能原因：",
            "1、参数不在设备参数内。",
            "2、NotReadableError",
            "处理建议：检查参数。",
        ]);
        let texts = split_labelled(&cell).expect("labelled");
        assert_eq!(texts.get(&Field::Cause).map(String::as_str), Some("1、参数不在设备参数内。\n2、NotReadableError"));
        assert_eq!(texts.get(&Field::Solution).map(String::as_str), Some("检查参数。"));
        assert_eq!(by_position(&cell), None);
        let cell = parts(&["描述：a。", "处理建议：Web 端：", "1. 明确来源。", " 2. 异步操作。"]);
        assert_eq!(
            split_labelled(&cell).expect("labelled").get(&Field::Solution).map(String::as_str),
            Some("Web 端：\n1. 明确来源。\n2. 异步操作。")
        );
        assert_eq!(by_position(&cell), None);
    }

    #[test]
    fn a_notes_label_goes_to_notes() {
        let cell = parts(&["描述：未推流时修改参数。", "处理建议：请检查。", "注意事项：3.0.0 之前含义不同。"]);
        let texts = split_labelled(&cell).expect("labelled");
        assert_eq!(texts.get(&Field::Solution).map(String::as_str), Some("请检查。"));
        assert_eq!(texts.get(&Field::Note).map(String::as_str), Some("3.0.0 之前含义不同。"));
    }

    #[test]
    fn labels_by_meaning_in_both_languages() {
        assert_eq!(label_of("描述：a").map(|l| l.0), Some(Field::Message));
        assert_eq!(label_of("错误原因：a").map(|l| l.0), Some(Field::Cause));
        assert_eq!(label_of("Possible reason: a").map(|l| l.0), Some(Field::Cause));
        assert_eq!(label_of("Handling suggestion: a").map(|l| l.0), Some(Field::Solution));
        assert_eq!(label_of("Description: a").map(|l| l.0), Some(Field::Message));
        assert_eq!(label_of("See https://x.test/a: b"), None);
        assert_eq!(label_of("The reason this fails in most deployments is: x"), None);
    }

    #[test]
    fn a_suggestion_label_fills_the_solution_even_when_the_cause_is_missing() {
        let fields =
            part_fields(&parts(&["Description: a", "Handling suggestion: b"]), Field::Message).expect("labels");
        assert_eq!(fields.iter().map(|f| f.0).collect::<Vec<_>>(), [Field::Message, Field::Solution]);
    }

    #[test]
    fn a_cause_list_inside_a_solution_column_moves_to_the_cause() {
        let fields =
            part_fields(&parts(&["可能原因：", "1. 网络断开", "处理建议：重试"]), Field::Solution).expect("labels");
        assert_eq!(fields.iter().map(|f| f.0).collect::<Vec<_>>(), [Field::Cause, Field::Cause, Field::Solution]);
    }

    #[test]
    fn constant_prefixes() {
        let a = parts(&["Status: a"]);
        let b = parts(&["Status: b"]);
        assert_eq!(constant_prefix(&[&a, &b]).as_deref(), Some("Status"));
        let c = parts(&["描述：a"]);
        let d = parts(&["描述：b"]);
        assert_eq!(constant_prefix(&[&c, &d]), None);
    }
}
