//! Column roles: which column of a table holds the code, the name, the
//! message, the cause, the solution or a remark, and which columns are kept
//! as named attributes.
//!
//! Roles come from two pieces of evidence: the header's words (`words`) and
//! the cells' content (the share that parse as codes, uniqueness, a plain
//! 1, 2, 3… sequence, identifier-shaped values, prose, short repeated
//! categories). The header decides when the content agrees or says nothing;
//! when they disagree the content wins and the plan says why, so that the
//! lowering can report it. Manifest overrides always win. This module sees
//! text only; it builds no entries.

use super::code_cells::{
    could_be_code, is_identifier, signed32, split_assignment, split_string_codes, strip_code_label, strip_code_title,
    unwrap_markup, with_hex_prefix,
};
use super::words::ColumnRole;
use super::words::{is_catch_all, is_not_the_code, normalize, roles_in, says_code, says_hex};
use crate::code::CodeCell;
use crate::thresholds::SCRIPT_SHARE;
use std::collections::{BTreeMap, HashSet};

/// The role of one header cell from its words alone (overrides first), or
/// `None` when no word matches. A compound header (`Possible cause and
/// solution`) gives its longest word's role.
#[cfg(test)]
fn detect_role(header: &str, overrides: &BTreeMap<String, ColumnRole>) -> Option<ColumnRole> {
    let normalized = normalize(header);
    if normalized.is_empty() {
        return None;
    }
    if let Some(role) = override_for(header, overrides) {
        return Some(role);
    }
    roles_in(header).first().copied()
}

fn override_for(header: &str, overrides: &BTreeMap<String, ColumnRole>) -> Option<ColumnRole> {
    let normalized = normalize(header);
    overrides.iter().find(|(key, _)| normalize(key) == normalized).map(|(_, role)| *role)
}

/// A cell that was meant as a code but is not one (`1x`, `10O1`): code
/// characters with a digit, unlike a cross reference (`见下表`, `See below`).
fn mistyped_code(cell: &str) -> bool {
    let text = unwrap_markup(cell);
    could_be_code(&text) && text.chars().any(|c| c.is_ascii_digit())
}

/// A header that names errors or codes (`Error`, `Error code`, `错误码`).
fn names_errors(header: &str) -> bool {
    says_code(header) || header.to_lowercase().contains("error") || header.contains("错误")
}

/// A cell as a code would be read from it: markup unwrapped, and the words
/// naming the code's kind dropped ([`strip_code_label`]).
fn code_candidate(cell: &str) -> String {
    let text = unwrap_markup(cell);
    strip_code_label(&text).unwrap_or(text)
}

/// True when a code column holds string codes (`InvalidParameter.Missing`,
/// `order-not-exist`): more than half of its filled cells are string codes
/// that are not numbers, so that a numeric column with a stray `1000xxx`
/// stays numeric (and that cell is reported).
pub(crate) fn holds_string_codes<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let cells: Vec<&str> = cells.collect();
    let (mut filled, mut strings) = (0usize, 0usize);
    for (index, cell) in cells.iter().enumerate() {
        // Settled once the cells that are not string codes are half of all.
        if (filled - strings) * 2 >= cells.len() && index > 0 {
            return false;
        }
        let text = code_candidate(cell);
        if text.is_empty() || is_dash(&text) {
            continue;
        }
        filled += 1;
        let numeric = could_be_code(&text) && CodeCell::parse(&text).is_ok();
        if !numeric && !is_catch_all(&text) && split_string_codes(&text).is_some() {
            strings += 1;
        }
    }
    strings * 2 > filled
}

/// The share of a column's filled cells that are string codes by their
/// look alone: letters and digits (`AADSTS50012`, `P1000`) or capitals
/// joined by `_` (`INTERNAL_SERVER_ERROR`), never a camelCase parameter
/// name or a word.
/// `snake_case` codes (`invalid_grant`) count only where `lowercase` (the
/// column's header names errors or codes): elsewhere such a column is as
/// likely field or parameter names.
fn code_like_share(cells: &[String], lowercase: bool) -> f64 {
    let filled: Vec<String> = cells.iter().map(|cell| code_candidate(cell)).filter(|cell| !cell.is_empty()).collect();
    if filled.is_empty() {
        return 0.0;
    }
    let upper = |text: &str| text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    let marked = |text: &str| text.contains('_') || text.chars().any(|c| c.is_ascii_digit());
    // One-word codes (`ABORTED`, `INTERNAL`) count beside snake-case ones
    // (`NOT_FOUND`), but at least half must carry the mark of a code.
    if filled.iter().filter(|text| marked(text)).count() * 2 < filled.len() {
        return 0.0;
    }
    let code_like = filled
        .iter()
        .filter(|text| {
            let screaming = upper(text) && (text.contains('_') || text.len() >= 4);
            let snake = lowercase
                && text.contains('_')
                && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            let has_digit = text.chars().any(|c| c.is_ascii_digit());
            crate::code::Code::looks_like_text_code(text) && (has_digit || screaming || snake)
        })
        .count();
    code_like as f64 / filled.len() as f64
}

/// Content statistics of one column.
#[derive(Debug, Clone, Default)]
struct Stats {
    filled: usize,
    codes: usize,
    unique: usize,
    sequential: bool,
    idents: usize,
    prose: usize,
    /// Cells with letters that are not codes (one-word messages count).
    words: usize,
    distinct: usize,
    mean_chars: usize,
    /// Cells with CJK characters.
    cjk: usize,
    /// Short titles in words (`Switching Protocols`, `IO`): at most six
    /// words and 40 characters, no CJK, no sentence punctuation.
    titles: usize,
}

impl Stats {
    /// `titled`: a cell may give a code with its short title (`200 (OK)`);
    /// not in a column whose header says it is no code (`HTTP Status`).
    fn of(cells: &[String], hex: bool, titled: bool) -> Stats {
        let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && !is_dash(c)).collect();
        let mut stats = Stats { filled: filled.len(), ..Stats::default() };
        if filled.is_empty() {
            return stats;
        }
        let mut seen = HashSet::new();
        let mut numbers = Vec::new();
        for cell in &filled {
            let unwrapped = with_hex_prefix(&unwrap_markup(cell), hex);
            let value = split_assignment(&unwrapped).map(|(_, value)| value.to_owned());
            let unwrapped = value.unwrap_or(unwrapped);
            let unwrapped = strip_code_label(&unwrapped).unwrap_or(unwrapped);
            let mut parsed = if could_be_code(&unwrapped) {
                CodeCell::parse(&unwrapped)
            } else {
                Err(crate::code::CodeError::Empty)
            };
            // `200 (OK)`: the code before its title.
            let unwrapped = match parsed.is_err().then(|| strip_code_title(&unwrapped)).flatten() {
                Some((code, _)) if titled => {
                    parsed = CodeCell::parse(&code);
                    code
                }
                _ => unwrapped,
            };
            if parsed.is_ok() || is_catch_all(&unwrapped) {
                stats.codes += 1;
            }
            if let Ok(CodeCell::Codes(codes)) = &parsed
                && codes.len() == 1
            {
                numbers.extend(codes[0].as_int());
            }
            if parsed.is_err()
                && unwrapped.starts_with(char::is_alphabetic)
                && unwrapped.split_whitespace().count() <= 6
                && unwrapped.chars().count() <= 40
                && !unwrapped.chars().any(super::words::is_cjk)
                && !unwrapped.contains(['.', '。', ',', '，', ';', '；', ':', '：'])
            {
                stats.titles += 1;
            }
            if cell.chars().any(super::words::is_cjk) {
                stats.cjk += 1;
            }
            if is_identifier(&unwrapped) {
                stats.idents += 1;
            } else if cell.contains(char::is_whitespace) || cell.chars().any(super::words::is_cjk) {
                stats.prose += 1;
            }
            if parsed.is_err() && cell.chars().any(char::is_alphabetic) {
                stats.words += 1;
            }
            seen.insert(unwrapped);
            stats.mean_chars += cell.chars().count();
        }
        stats.unique = seen.len();
        stats.distinct = seen.len();
        stats.mean_chars /= filled.len();
        stats.sequential = numbers.len() >= 3
            && numbers.len() == filled.len()
            && numbers.windows(2).all(|pair| pair[0].checked_add(1) == Some(pair[1]))
            && numbers[0] <= 1;
        stats
    }

    fn share(&self, count: usize) -> f64 {
        if self.filled == 0 { 0.0 } else { count as f64 / self.filled as f64 }
    }

    fn is_codes(&self) -> bool {
        self.filled > 0 && self.share(self.codes) >= 0.8 && self.share(self.idents) < 0.5
    }

    fn is_identifiers(&self) -> bool {
        self.filled > 0 && self.share(self.idents) >= 0.6
    }

    /// Identifiers that name one code each: a column whose identifiers
    /// repeat is a category or another form of the code, not the name.
    fn is_names(&self) -> bool {
        self.is_identifiers() && self.share(self.unique) >= 0.9
    }

    /// Short unique titles (`Continue`, `Switching Protocols`, `IO`): what a
    /// column headed as the name holds when the page names codes in words.
    fn is_titles(&self) -> bool {
        self.filled > 0 && self.share(self.unique) >= 0.9 && self.share(self.titles) >= 0.8
    }

    fn is_prose(&self) -> bool {
        self.filled > 0 && self.share(self.prose) >= 0.5
    }

    fn is_text(&self) -> bool {
        self.filled > 0 && self.share(self.words) >= 0.5
    }

    /// Few distinct short values repeated over many rows: a category.
    fn is_category(&self) -> bool {
        self.filled >= 4 && self.mean_chars <= 24 && self.distinct * 2 <= self.filled
    }
}

fn is_dash(text: &str) -> bool {
    super::words::is_empty_mark(text)
}

/// The roles of a table's columns and the evidence behind them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ColumnPlan {
    /// One role per column; `Attribute` columns are kept by header name.
    pub roles: Vec<ColumnRole>,
    /// A second column holding the same codes in another form (hex beside
    /// decimal): kept as an attribute and used to check and sign the code.
    pub alternate_code: Option<usize>,
    /// Columns whose header says hexadecimal (`Code, Hex`, `十六进制`): their
    /// cells are hex even without `0x`.
    pub hex: Vec<bool>,
    /// Why a column's role differs from what its header says, one line each
    /// (reported as info diagnostics).
    pub findings: Vec<String>,
    /// The code column was chosen by the look of its cells alone (no code
    /// header, no numbers): the lowering keeps it only where the page or
    /// section speaks of errors.
    pub code_by_look: bool,
}

/// A table with no code column on a page of error codes whose one column of
/// unique identifiers (`NoMemory`, `Okay / True`) stands beside a text
/// column: those identifiers are the page's (string) codes. The column.
pub(crate) fn names_as_codes(headers: &[String], cells: &[Vec<String>]) -> Option<usize> {
    let stats: Vec<Stats> = cells.iter().map(|column| Stats::of(column, false, true)).collect();
    let has_text = stats.iter().any(|s| s.is_prose());
    let candidates: Vec<usize> = (0..headers.len().min(stats.len()))
        .filter(|i| {
            (roles_in(&headers[*i]).first() == Some(&ColumnRole::Name) || names_errors(&headers[*i]))
                && stats[*i].filled >= 3
                && stats[*i].is_identifiers()
                && stats[*i].share(stats[*i].unique) >= 0.95
        })
        .collect();
    match candidates.as_slice() {
        [one] if has_text => Some(*one),
        _ => None,
    }
}

/// A code column whose values repeat (an HTTP status shared by many rows:
/// at most half of its cells distinct) beside one column of unique
/// identifiers (`ParamBindErr`, `TokenExpired`) and a text column: the
/// identifiers are the codes. That column.
pub(crate) fn identifiers_over_repeated_codes(cells: &[Vec<String>], code: usize) -> Option<usize> {
    // Settled on the code column alone for most tables (codes that do not
    // repeat), before any other column is looked at.
    let values: Vec<&str> = cells.get(code)?.iter().map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).collect();
    let distinct: HashSet<&str> = values.iter().copied().collect();
    if values.len() < crate::thresholds::MIN_SIBLINGS || distinct.len() * 2 > values.len() {
        return None;
    }
    let stats: Vec<Stats> = cells.iter().map(|column| Stats::of(column, false, true)).collect();
    let code_stats = stats.get(code)?;
    let has_text = stats.iter().any(|s| s.is_prose() || s.titles * 2 > s.filled);
    let candidates: Vec<usize> = (0..stats.len())
        .filter(|i| {
            *i != code
                && stats[*i].filled == code_stats.filled
                && stats[*i].is_identifiers()
                && stats[*i].share(stats[*i].unique) >= 0.95
        })
        .collect();
    match candidates.as_slice() {
        [one] if has_text => Some(*one),
        _ => None,
    }
}

impl ColumnPlan {
    pub(crate) fn code(&self) -> Option<usize> {
        self.roles.iter().position(|role| *role == ColumnRole::Code)
    }
}

/// Decides the role of every column from its header and its cells
/// (`cells[column][row]`, cell text with parts joined).
pub(crate) fn plan(
    headers: &[String],
    cells: &[Vec<String>],
    overrides: &BTreeMap<String, ColumnRole>,
    locale: &str,
) -> ColumnPlan {
    let width = headers.len();
    let hex: Vec<bool> = headers.iter().map(|h| says_hex(h)).collect();
    let stats: Vec<Stats> = (0..width)
        .map(|i| Stats::of(cells.get(i).map_or(&[][..], Vec::as_slice), hex[i], !is_not_the_code(&headers[i])))
        .collect();
    let said: Vec<Vec<ColumnRole>> = headers.iter().map(|h| roles_in(h)).collect();
    let forced: Vec<Option<ColumnRole>> = headers.iter().map(|h| override_for(h, overrides)).collect();
    let mut roles: Vec<Option<ColumnRole>> = forced.clone();
    let mut findings = Vec::new();
    let mut code_by_look = false;
    let header_role = |i: usize| said[i].first().copied();
    let shown =
        |i: usize| if headers[i].trim().is_empty() { format!("#{}", i + 1) } else { headers[i].trim().to_owned() };

    // The code: the column whose cells are codes, unique, not a 1, 2, 3…
    // sequence, not a transport status; its header is one piece of evidence.
    if !roles.contains(&Some(ColumnRole::Code)) {
        let score = |i: usize| -> f64 {
            let s = &stats[i];
            let mut score = 2.0 * s.share(s.unique);
            if header_role(i) == Some(ColumnRole::Code) {
                score += 1.0;
            }
            if s.sequential {
                score -= 1.5;
            }
            if is_not_the_code(&headers[i]) {
                score -= 2.0;
            }
            score
        };
        let candidates: Vec<usize> = (0..width).filter(|i| forced[*i].is_none() && stats[*i].is_codes()).collect();
        let best = candidates.iter().copied().fold(None, |best: Option<usize>, i| match best {
            Some(b) if score(b) >= score(i) => Some(b),
            _ => Some(i),
        });
        // A header that only says "value" (`默认值`, `Value`) names the code
        // column when its cells agree; "code" headers are believed anyway
        // (their rows that are not codes are reported one by one), unless
        // no cell is or was meant as a code (`见下表`, `[see](…)`: cross
        // references).
        let by_header = (0..width).find(|i| {
            let column = cells.get(*i).map_or(&[][..], Vec::as_slice);
            // The cheap tests first: the content is read only under a code header.
            forced[*i].is_none()
                && header_role(*i) == Some(ColumnRole::Code)
                && (says_code(&headers[*i]) || stats[*i].share(stats[*i].codes) >= 0.5)
                && (stats[*i].filled == 0
                    || stats[*i].codes > 0
                    || holds_string_codes(column.iter().map(String::as_str))
                    || column.iter().any(|cell| mistyped_code(cell)))
        });
        // String codes under a code header (`Error code`: `InvalidParameter`)
        // beat a numeric column that is a transport status or repeats
        // (`HTTP status code`: 404, 404…).
        let strings = (0..width).find(|i| {
            forced[*i].is_none()
                && says_code(&headers[*i])
                && stats[*i].share(stats[*i].unique) >= 0.9
                && holds_string_codes(cells.get(*i).map_or(&[][..], Vec::as_slice).iter().map(String::as_str))
        });
        let numeric_is_weak = |i: usize| is_not_the_code(&headers[i]) || stats[i].share(stats[i].unique) < 0.9;
        // Without any code header or numeric codes: a column of unique
        // string codes that no prose or name has (`AADSTS50012`, `E1001`,
        // `INTERNAL_SERVER_ERROR` under `Error` or `Name`).
        let unlabelled_strings = || {
            (0..width).find(|i| {
                let column = cells.get(*i).map_or(&[][..], Vec::as_slice);
                forced[*i].is_none()
                    && !header_role(*i).is_some_and(ColumnRole::is_text)
                    && stats[*i].filled >= 3
                    && stats[*i].share(stats[*i].unique) >= 0.9
                    && code_like_share(column, names_errors(&headers[*i])) >= 0.8
            })
        };
        let chosen = match (best, strings) {
            (Some(best), Some(strings)) if numeric_is_weak(best) => Some(strings),
            (best, _) => best.or(by_header),
        };
        let by_look = chosen.is_none().then(unlabelled_strings).flatten();
        code_by_look = by_look.is_some();
        let chosen = chosen.or(by_look);
        if let Some(code) = chosen {
            roles[code] = Some(ColumnRole::Code);
            let s = &stats[code];
            if code_by_look {
                findings.push(format!(
                    "column `{}` holds unique string codes ({} of {} cells look like codes) although no header names a code column",
                    shown(code),
                    (code_like_share(&cells[code], names_errors(&headers[code])) * s.filled as f64).round(),
                    s.filled
                ));
            } else if header_role(code) != Some(ColumnRole::Code) {
                findings.push(format!(
                    "column `{}` holds the codes ({} of {} cells are codes) although its header does not say so",
                    shown(code),
                    s.codes,
                    s.filled
                ));
            }
            if let Some(other) = by_header.filter(|other| *other != code) {
                findings.push(format!(
                    "column `{}` has a code header, but `{}` holds the codes ({})",
                    shown(other),
                    shown(code),
                    if stats[other].is_codes() {
                        "its values repeat or only number the rows".to_owned()
                    } else {
                        format!("only {} of its {} cells are codes", stats[other].codes, stats[other].filled)
                    }
                ));
            }
        }
    }
    let code = roles.iter().position(|role| *role == Some(ColumnRole::Code));

    // A second form of the same codes (hex beside decimal).
    let alternate_code = code.and_then(|code| {
        (0..width).find(|i| {
            *i != code
                && roles[*i].is_none()
                && stats[*i].is_codes()
                && same_codes((&cells[code], hex[code]), (&cells[*i], hex[*i])) >= 0.8
        })
    });
    if let Some(alternate) = alternate_code {
        roles[alternate] = Some(ColumnRole::Attribute);
    }

    // The name: identifier-shaped values, whatever the header says.
    if !roles.contains(&Some(ColumnRole::Name)) {
        let name = (0..width)
            .filter(|i| {
                // Identifiers under a header that says "code" beside a code
                // column that says so too are another form of the code
                // (`S3 Code` beside `Error Code`): an attribute. Beside a
                // `Value` column they are the page's names (`错误代码` | `值`).
                roles[*i].is_none()
                    && !(says_code(&headers[*i]) && code.is_some_and(|code| says_code(&headers[code])))
                    && (stats[*i].is_names()
                        || (header_role(*i) == Some(ColumnRole::Name) && stats[*i].is_identifiers()))
            })
            .min_by_key(|i| (header_role(*i) != Some(ColumnRole::Name), *i));
        if let Some(name) = name {
            roles[name] = Some(ColumnRole::Name);
            if let Some(role) = header_role(name).filter(|role| *role != ColumnRole::Name) {
                findings.push(format!(
                    "column `{}` reads as {} by its header, but its cells are identifiers: read as the name",
                    shown(name),
                    role.as_str()
                ));
            }
        }
    }

    // Text roles from the header, once each; a header that is a name or a
    // code word but whose cells are prose or categories is not believed.
    let mut compound = Vec::new();
    for i in 0..width {
        if roles[i].is_some() {
            continue;
        }
        let text_roles: Vec<ColumnRole> = said[i].iter().copied().filter(|r| r.is_text()).collect();
        match header_role(i) {
            Some(role) if role.is_text() => {
                if text_roles.len() > 1 && role != ColumnRole::Message {
                    compound.push(i);
                }
                if !roles.contains(&Some(role)) {
                    roles[i] = Some(role);
                }
            }
            Some(ColumnRole::Name) if stats[i].filled > 0 && !stats[i].is_identifiers() && !stats[i].is_titles() => {
                // `名称` holding prose: a text column, decided below.
            }
            Some(ColumnRole::Name) if !roles.contains(&Some(ColumnRole::Name)) => roles[i] = Some(ColumnRole::Name),
            _ => {}
        }
    }

    // Two description columns: short labels (`Status message`: `Not Found`)
    // beside sentences (`Description`): the sentences are the message.
    if let Some(message) = roles.iter().position(|role| *role == Some(ColumnRole::Message))
        && forced[message].is_none()
        && let Some(other) = (0..width).find(|i| {
            roles[*i].is_none()
                && header_role(*i) == Some(ColumnRole::Message)
                && stats[*i].is_prose()
                && stats[message].mean_chars * 3 <= stats[*i].mean_chars
        })
    {
        roles[message] = None;
        roles[other] = Some(ColumnRole::Message);
        findings.push(format!(
            "columns `{}` and `{}` both describe the code; the longer texts of `{}` are the message, `{}` is kept as an attribute",
            shown(message),
            shown(other),
            shown(other),
            shown(message)
        ));
    }

    // Two description columns whose headers name their languages
    // (`Chinese Description`, `English Description`): the one in the
    // catalog's language is the message; the other stays an attribute.
    let cjk_locale = ["zh", "ja", "ko"].iter().any(|tag| locale == *tag || locale.starts_with(&format!("{tag}-")));
    let in_cjk = |i: usize| stats[i].filled > 0 && stats[i].share(stats[i].cjk) >= 0.5;
    let names_language = |i: usize| super::words::names_language(&headers[i]);
    if let Some(message) = roles.iter().position(|role| *role == Some(ColumnRole::Message))
        && forced[message].is_none()
        && names_language(message)
        && in_cjk(message) != cjk_locale
        && let Some(other) = (0..width).find(|i| {
            roles[*i].is_none()
                && header_role(*i) == Some(ColumnRole::Message)
                && names_language(*i)
                && in_cjk(*i) == cjk_locale
        })
    {
        roles[message] = None;
        roles[other] = Some(ColumnRole::Message);
        findings.push(format!(
            "columns `{}` and `{}` describe the codes in two languages: `{}`, in the catalog's language ({locale}), is the message",
            shown(message),
            shown(other),
            shown(other)
        ));
    }

    // Two description columns in two scripts, whatever their headers say
    // (`错误信息`: `No such user` beside `说明`: `用户不存在`): the column in
    // the catalog's script is the message (it holds a text on the rows
    // where the other is empty); the other stays an attribute.
    let script_share = |i: usize, cjk: bool| {
        let s = &stats[i];
        if cjk { s.share(s.cjk) } else { 1.0 - s.share(s.cjk) }
    };
    if locale != "und"
        && let Some(message) = roles.iter().position(|role| *role == Some(ColumnRole::Message))
        && forced[message].is_none()
        && stats[message].filled > 0
        && script_share(message, !cjk_locale) >= SCRIPT_SHARE
        && let Some(other) = (0..width).find(|i| {
            forced[*i].is_none()
                && matches!(roles[*i], None | Some(ColumnRole::Note))
                && matches!(header_role(*i), Some(ColumnRole::Message | ColumnRole::Note))
                && stats[*i].is_text()
                && !stats[*i].is_category()
                && script_share(*i, cjk_locale) >= SCRIPT_SHARE
                && stats[*i].filled >= stats[message].filled
        })
    {
        roles[message] = None;
        roles[other] = Some(ColumnRole::Message);
        findings.push(format!(
            "columns `{}` and `{}` describe the codes in two scripts: `{}`, in the catalog's language ({locale}), is the message; `{}` is kept as an attribute",
            shown(message),
            shown(other),
            shown(other),
            shown(message)
        ));
    }

    // Never leave the message empty while a text column exists: a compound
    // column, then an unnamed prose column, then a remark, cause or
    // solution column gives the message.
    if !roles.contains(&Some(ColumnRole::Message)) {
        let prose = (0..width)
            .find(|i| roles[*i].is_none() && stats[*i].is_prose() && !stats[*i].is_category())
            .or_else(|| {
                (0..width).find(|i| {
                    roles[*i].is_none()
                        && stats[*i].is_text()
                        && !stats[*i].is_category()
                        && !stats[*i].is_identifiers()
                        && !is_not_the_code(&headers[*i])
                })
            })
            .or_else(|| {
                // Last: any text column, even one whose values repeat.
                (0..width).find(|i| roles[*i].is_none() && stats[*i].is_text() && !stats[*i].is_identifiers())
            });
        let promoted = compound
            .first()
            .copied()
            .or(prose)
            .or_else(|| {
                [ColumnRole::Note, ColumnRole::Cause, ColumnRole::Solution]
                    .iter()
                    .find_map(|role| (0..width).find(|i| roles[*i] == Some(*role) && forced[*i].is_none()))
            })
            .filter(|i| stats[*i].filled > 0);
        if let Some(i) = promoted {
            let was = roles[i].map_or_else(|| "no role".to_owned(), |role| role.as_str().to_owned());
            roles[i] = Some(ColumnRole::Message);
            findings.push(format!(
                "the table has no description column: column `{}` ({was} by its header) gives the message",
                shown(i)
            ));
        }
    }

    let roles = roles.into_iter().map(|role| role.unwrap_or(ColumnRole::Attribute)).collect();
    ColumnPlan { roles, alternate_code, hex, findings, code_by_look }
}

/// The share of rows where two columns hold the same code (as written, or
/// as a 32-bit value read signed).
fn same_codes((codes, hex): (&[String], bool), (others, other_hex): (&[String], bool)) -> f64 {
    let pairs: Vec<(i64, i64)> = codes
        .iter()
        .zip(others)
        .filter_map(|(a, b)| {
            Some((single_code(&with_hex_prefix(a, hex))?, single_code(&with_hex_prefix(b, other_hex))?))
        })
        .collect();
    if pairs.is_empty() {
        return 0.0;
    }
    let same = pairs.iter().filter(|(a, b)| a == b || signed32(*a) == *b || signed32(*b) == *a).count();
    same as f64 / pairs.len() as f64
}

fn single_code(text: &str) -> Option<i64> {
    match CodeCell::parse(&unwrap_markup(text)) {
        Ok(CodeCell::Codes(codes)) if codes.len() == 1 => codes[0].as_int(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(header: &str) -> Option<ColumnRole> {
        detect_role(header, &BTreeMap::new())
    }

    fn columns(rows: &[&[&str]]) -> (Vec<String>, Vec<Vec<String>>) {
        let headers: Vec<String> = rows[0].iter().map(|s| (*s).to_owned()).collect();
        let cells = (0..headers.len()).map(|i| rows[1..].iter().map(|row| row[i].to_owned()).collect()).collect();
        (headers, cells)
    }

    fn roles(rows: &[&[&str]]) -> Vec<ColumnRole> {
        let (headers, cells) = columns(rows);
        plan(&headers, &cells, &BTreeMap::new(), "und").roles
    }

    use ColumnRole::*;

    #[test]
    fn a_name_column_of_short_titles_is_the_name() {
        let table: &[&[&str]] = &[
            &["状态码", "状态码英文名称", "中文描述"],
            &["100", "Continue", "客户端应当继续发送请求。"],
            &["101", "Switching Protocols", "服务器将切换协议。"],
            &["408", "Request Time-out", "请求超时。"],
        ];
        assert_eq!(roles(table), [Code, Name, Message]);
    }

    #[test]
    fn of_two_description_columns_named_by_language_the_catalogs_is_the_message() {
        let table: &[&[&str]] = &[
            &["Code", "Chinese Description", "English Description"],
            &["1000", "用户端错误", "User Error"],
            &["1001", "用户设备异常", "User Equipment Error"],
            &["2000", "业务服务错误", "Business Service Error"],
        ];
        let (headers, cells) = columns(table);
        let zh = plan(&headers, &cells, &BTreeMap::new(), "zh-CN").roles;
        assert_eq!(zh[1], Message);
        assert_eq!(zh[2], Attribute);
        let en = plan(&headers, &cells, &BTreeMap::new(), "en").roles;
        assert_eq!(en[2], Message);
    }

    #[test]
    fn header_words_in_both_languages() {
        assert_eq!(role("返回码"), Some(Code));
        assert_eq!(role("错误码枚举值"), Some(Code));
        assert_eq!(role("错误码枚举"), Some(Name));
        assert_eq!(role(" 处理建议 "), Some(Solution));
        assert_eq!(role("释义"), Some(Message));
        assert_eq!(role("备注"), Some(Note));
        assert_eq!(role("Error Code"), Some(Code));
        assert_eq!(role("Suggested Action"), Some(Solution));
        assert_eq!(role("Possible Causes"), Some(Cause));
        assert_eq!(role("Enum Name"), Some(Name));
        assert_eq!(role(""), None);
        assert_eq!(role("Since version"), None);
    }

    #[test]
    fn overrides_win() {
        let overrides = BTreeMap::from([("备注".to_owned(), Solution)]);
        assert_eq!(detect_role("备注", &overrides), Some(Solution));
    }

    #[test]
    fn a_code_header_with_extra_words_is_read_by_content() {
        let table: &[&[&str]] =
            &[&["Error Code Enum", "Description"], &["`1001`", "Bad thing."], &["1002", "Other bad thing."]];
        assert_eq!(roles(table), [Code, Message]);
        let table: &[&[&str]] = &[&["Hex", "Meaning"], &["0x8A150001", "a b"], &["0x8A150002", "c d"]];
        assert_eq!(roles(table), [Code, Message]);
    }

    #[test]
    fn a_status_or_sequence_column_does_not_take_the_code() {
        let table: &[&[&str]] = &[
            &["HTTP Status Code", "Error Code", "Message"],
            &["400", "10001", "Bad request."],
            &["400", "10002", "Missing field."],
            &["500", "20001", "Server error."],
        ];
        assert_eq!(roles(table), [Attribute, Code, Message]);
        let table: &[&[&str]] =
            &[&["序号", "错误码", "说明"], &["1", "2001", "甲"], &["2", "2002", "乙"], &["3", "2003", "丙"]];
        assert_eq!(roles(table), [Attribute, Code, Message]);
    }

    #[test]
    fn identifiers_under_a_message_header_are_the_name() {
        let table: &[&[&str]] = &[
            &["Code", "Message", "Description"],
            &["1", "ERR_TIMEOUT", "The call timed out."],
            &["2", "ERR_AUTH_FAILED", "Wrong token."],
        ];
        assert_eq!(roles(table), [Code, Name, Message]);
    }

    #[test]
    fn repeating_identifiers_under_a_code_header_are_an_attribute() {
        let table: &[&[&str]] = &[
            &["Code", "S3 Code", "Details"],
            &["10025", "InvalidPart", "a b"],
            &["10048", "InvalidPart", "c d"],
            &["10007", "NoSuchKey", "e f"],
        ];
        assert_eq!(roles(table), [Code, Attribute, Message]);
    }

    #[test]
    fn string_codes_under_a_code_header_beat_a_repeating_status_column() {
        let table: &[&[&str]] = &[
            &["Error code", "Error message", "HTTP status code"],
            &["InternalFailure", "Internal Failure.", "500"],
            &["Forbidden.KeyNotFound", "The specified Key is not found.", "404"],
            &["Forbidden.KeyVersionNotFound", "The specified Key version is not found.", "404"],
        ];
        assert_eq!(roles(table), [Code, Message, Attribute]);
        let table: &[&[&str]] =
            &[&["Code", "Description"], &["**accessDenied**", "No permission."], &["**itemNotFound**", "Not found."]];
        assert_eq!(roles(table), [Code, Message]);
    }

    #[test]
    fn a_compound_header_gives_the_message_when_there_is_none() {
        let table: &[&[&str]] = &[&["Code", "Possible cause and solution"], &["1", "a b"], &["2", "c d"]];
        assert_eq!(roles(table), [Code, Message]);
    }

    #[test]
    fn a_second_description_column_is_kept_as_an_attribute() {
        let table: &[&[&str]] =
            &[&["Code", "Description", "说明"], &["1", "Timed out.", "超时。"], &["2", "Denied.", "拒绝。"]];
        assert_eq!(roles(table), [Code, Message, Attribute]);
    }

    #[test]
    fn hex_beside_decimal_is_an_alternate_form() {
        let (headers, cells) = columns(&[
            &["Code", "Hex", "Description"],
            &["-2147024891", "0x80070005", "Access denied."],
            &["1", "0x1", "One."],
        ]);
        let plan = plan(&headers, &cells, &BTreeMap::new(), "und");
        assert_eq!(plan.roles, [Code, Attribute, Message]);
        assert_eq!(plan.alternate_code, Some(1));
    }

    #[test]
    fn assignments_are_a_name_and_a_code() {
        assert_eq!(split_assignment("APP_ERR_OK = 0"), Some(("APP_ERR_OK", "0")));
        assert_eq!(split_assignment("kFoo = 0x10,"), Some(("kFoo", "0x10")));
        assert_eq!(split_assignment("a = b"), None);
        assert_eq!(split_assignment("int32_t AICPU_ERROR_OVERFLOW = 521011"), Some(("AICPU_ERROR_OVERFLOW", "521011")));
        assert_eq!(split_assignment("static const uint32_t  kBad = 0x2;"), Some(("kBad", "0x2")));
        assert_eq!(split_assignment("the value of x = 3"), None);
    }

    #[test]
    fn a_code_named_by_its_kind_is_the_code() {
        assert_eq!(strip_code_label("Compiler error C3500").as_deref(), Some("C3500"));
        assert_eq!(strip_code_label("Linker Tools Error LNK1104").as_deref(), Some("LNK1104"));
        assert_eq!(strip_code_label("Error 404").as_deref(), Some("404"));
        assert_eq!(strip_code_label("Retry after 5"), None);
        assert_eq!(strip_code_label("the server returned error 500"), None);
        assert_eq!(strip_code_label("C3500"), None);
        let table: &[&[&str]] =
            &[&["返回码", "返回说明"], &["APP_ERR_OK = 0", "success"], &["APP_BASE = 2000", "base"]];
        assert_eq!(roles(table), [Code, Message]);
    }

    #[test]
    fn identifiers() {
        for yes in
            ["kXxxError", "ERR_XXX", "SomethingErrorFoo", "E_FAIL", "NSURLErrorCancelled", "Invalid_Param.Missing"]
        {
            assert!(is_identifier(yes), "{yes}");
        }
        for no in ["Success", "1001", "超时", "a b", "OK", "alpha_decay_rate_module.f90", "error_codes.h"] {
            assert!(!is_identifier(no), "{no}");
        }
    }
}
