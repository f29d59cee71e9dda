//! How a table cell writes a code: markup around it (`**1001**`,
//! `` `E01` ``), a declaration (`APP_ERR_OK = 0`), the words naming its
//! kind (`Compiler error C3500`), a short title (`200 (OK)`), a list of
//! string codes, a hex digit column, a signed 32-bit form. Pure text
//! functions shared by the column plan and the `tables` form; they decide
//! no roles.

use crate::code::CodeCell;

/// Markup a code cell may be wrapped in: backticks, bold, links, inline
/// math (`$0$`).
pub(crate) fn unwrap_markup(text: &str) -> String {
    let mut text = text.trim();
    // `[1001](#anchor)` → `1001`
    if text.starts_with('[')
        && let Some(close) = text.find("](")
        && text.ends_with(')')
    {
        text = &text[1..close];
    }
    // `$-14$` (math), `` `1001` ``, `**1001**`.
    if !text.contains(['`', '*', '$']) {
        return text.trim().to_owned();
    }
    text.chars().filter(|c| !matches!(c, '`' | '*' | '$')).collect::<String>().trim().to_owned()
}

/// A code cell written as an assignment, `APP_ERR_OK = 0`, or as a C
/// declaration, `const int32_t APP_ERR_OK = 0`: the identifier and the
/// value (type and qualifier words before the identifier are dropped).
pub(crate) fn split_assignment(text: &str) -> Option<(&str, &str)> {
    let (name, value) = text.split_once('=')?;
    let (name, value) = (name.trim(), value.trim().trim_end_matches([',', ';', '，', '；']).trim());
    // `static const uint32_t NAME`: the last word names, the words before
    // are a type and qualifiers (a few identifier-shaped words).
    let name = match name.rsplit_once(char::is_whitespace) {
        Some((declared, last)) => {
            let words: Vec<&str> = declared.split_whitespace().collect();
            let typed = words.len() <= 4 && words.iter().all(|word| is_type_word(word));
            if typed { last.trim() } else { name }
        }
        None => name,
    };
    (is_identifier(name) || name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.is_empty())
        .then_some(())
        .filter(|_| CodeCell::parse(value).is_ok())
        .map(|_| (name, value))
}

/// A code cell that names the kind of code before it: `Compiler error
/// C3500`, `Linker Tools Error LNK1104`, `Warning C4996`, `错误码 1001`: the
/// code. One to three words before it, one of them `error`, `warning` or a
/// code word, each a capitalized word or such a word.
pub(crate) fn strip_code_label(text: &str) -> Option<String> {
    let text = text.trim();
    let (words, code) = text.rsplit_once(char::is_whitespace)?;
    // Most cells are prose: settled by counting words, without allocating.
    if words.split_whitespace().nth(3).is_some() || !code.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = words.split_whitespace().collect();
    let kind_word = |word: &str| {
        word.eq_ignore_ascii_case("error") || word.eq_ignore_ascii_case("warning") || super::words::says_code(word)
    };
    let labelled = (1..=3).contains(&words.len())
        && words.iter().any(|word| kind_word(word))
        && words.iter().all(|word| kind_word(word) || word.starts_with(|c: char| c.is_uppercase()));
    let is_code = CodeCell::parse(code).is_ok()
        || (crate::code::Code::looks_like_text_code(code) && code.chars().any(|c| c.is_ascii_digit()));
    (labelled && is_code).then(|| code.to_owned())
}

/// A code cell that gives one integer code and its short title: `200
/// (OK)`, `**404** - Not Found`, `400 Bad Request`, `5xx (server error)`:
/// the code and the title (at most six words, no sentence punctuation).
pub(crate) fn strip_code_title(text: &str) -> Option<(String, String)> {
    // Most cells are prose or a code alone: settled without allocating.
    if !text.trim_start().starts_with(|c: char| c.is_ascii_digit() || c == '*' || c == '_' || c == '-') {
        return None;
    }
    let text = text.replace("**", "").replace("__", "");
    let text = text.trim();
    let end = text.find(|c: char| c.is_whitespace() || matches!(c, '(' | '（'))?;
    let (code, rest) = text.split_at(end);
    if code.is_empty()
        || !matches!(CodeCell::parse(code), Ok(CodeCell::Codes(codes)) if codes.len() == 1 && !codes[0].is_text())
            && !matches!(CodeCell::parse(code), Ok(CodeCell::Range(..)))
    {
        return None;
    }
    let rest = rest.trim().trim_start_matches(['-', '–', '—', ':', '：']).trim();
    let title = match rest.strip_prefix(['(', '（']).and_then(|inner| inner.strip_suffix([')', '）'])) {
        Some(inner) => inner.trim(),
        None => rest,
    };
    let is_title = !title.is_empty()
        && title.split_whitespace().count() <= crate::thresholds::TITLE_MAX_WORDS
        && title.chars().count() <= crate::thresholds::TITLE_MAX_CHARS
        && title.starts_with(char::is_alphabetic)
        && !title.contains(['.', '。', ',', '，', ';', '；', ':', '：', '(', ')', '（', '）', '!', '?', '？'])
        && CodeCell::parse(title).is_err();
    is_title.then(|| (code.to_owned(), title.to_owned()))
}

/// A word of a declaration before its identifier: a qualifier or builtin
/// type keyword (`const`, `unsigned`), a `_t` type (`int32_t`), or a type
/// name (`UInt32`, `HRESULT`).
fn is_type_word(word: &str) -> bool {
    let shaped = word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    shaped
        && (super::words::DECLARATION_WORDS.contains(&word)
            || (word.ends_with("_t") && word.len() > 2)
            || word.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// False for text that [`CodeCell::parse`] certainly rejects: a character
/// no code, list of codes or range is written with (prose, CJK text).
pub(crate) fn could_be_code(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || c.is_whitespace()
            || matches!(c, '-' | '−' | '+' | '~' | '～' | '–' | '—' | '、' | ',' | '，' | '/' | ';' | '；')
    })
}

/// The string codes of one cell: one code, or several separated by `、`
/// `,` `，` `;` `；`; `None` when a piece is not a string code or a single
/// number (a range stays a range).
pub(crate) fn split_string_codes(text: &str) -> Option<Vec<&str>> {
    // Not at whitespace: `Invalid parameter` is prose, not two codes.
    let pieces: Vec<&str> = text.split(['、', ',', '，', ';', '；']).map(str::trim).collect();
    let valid = pieces
        .iter()
        .all(|piece| crate::code::Code::looks_like_text_code(piece) || crate::code::Code::parse(piece).is_ok());
    valid.then_some(pieces)
}

/// A cell of a hexadecimal column (`A`, `1F`) with the `0x` it omits.
pub(crate) fn with_hex_prefix(text: &str, hex: bool) -> String {
    let bare = text.trim();
    if hex && !bare.is_empty() && bare.chars().all(|c| c.is_ascii_hexdigit()) {
        format!("0x{bare}")
    } else {
        text.to_owned()
    }
}

/// A value in 0x80000000..=0xFFFFFFFF read as a signed 32-bit integer.
pub(crate) fn signed32(value: i64) -> i64 {
    if (0x8000_0000..=0xFFFF_FFFF).contains(&value) { value - 0x1_0000_0000 } else { value }
}

/// An identifier as SDKs write them: `kXxxError`, `ERR_XXX`,
/// `SomethingErrorFoo`, `NSURLErrorCancelled`, `E_FAIL`.
pub(crate) fn is_identifier(text: &str) -> bool {
    let text = text.trim();
    let mut chars = text.chars();
    let Some(first) = chars.next() else { return false };
    if !(first.is_ascii_alphabetic() || first == '_' || first == '$') || text.chars().count() < 3 {
        return false;
    }
    if !text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.' | ':')) {
        return false;
    }
    // A file name (`alpha_decay.f90`, `error_codes.h`) names a file, not a code.
    if let Some((stem, extension)) = text.rsplit_once('.')
        && (1..=4).contains(&extension.len())
        && extension.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && stem.chars().any(|c| c.is_ascii_lowercase())
    {
        return false;
    }
    let bytes = text.as_bytes();
    let camel = bytes.windows(2).any(|pair| pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase());
    let upper = text.chars().filter(|c| c.is_ascii_alphabetic()).all(|c| c.is_ascii_uppercase()) && text.len() >= 4;
    text.contains('_') || camel || upper
}
