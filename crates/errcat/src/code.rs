//! The [`Code`] type: an error code as documented, a number or a string
//! (`InvalidParameter.Missing`, `order-not-exist`), and how code cells
//! (`1010、5007`, `0x1000`, `-3`) are parsed.
//!
//! Does not decide what a row means; it only turns cell text into codes or
//! says why it cannot.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// One documented error code. Integer codes in the wild are negative, or
/// wider than 32 bits, so the full `i64` range is accepted. String codes
/// (cloud and exchange APIs key their errors by strings) are any non-empty
/// text; which cells are read as string codes is the lowering's decision
/// ([`Code::looks_like_text_code`]). Integers order before strings, integers
/// by value, strings by their bytes.
///
/// In YAML and JSON an integer code is a number and a string code a string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Int(i64),
    Text(Arc<str>),
}

impl Default for Code {
    fn default() -> Code {
        Code::Int(0)
    }
}

/// Whether a group's codes are integers or strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeType {
    #[default]
    Integer,
    String,
}

impl CodeType {
    pub fn is_integer(&self) -> bool {
        *self == CodeType::Integer
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Int(value) => serializer.serialize_i64(*value),
            Code::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer code (64-bit signed) or a string code")
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Code, E> {
                Ok(Code::Int(value))
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Code, E> {
                i64::try_from(value).map(Code::Int).map_err(|_| E::custom(format!("code {value} does not fit in i64")))
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Code, E> {
                if text.is_empty() { Err(E::custom("a string code is never empty")) } else { Ok(Code::text(text)) }
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Code {
    pub fn new(value: i64) -> Code {
        Code::Int(value)
    }

    /// A string code, as written.
    pub fn text(text: &str) -> Code {
        Code::Text(Arc::from(text))
    }

    /// The number of an integer code.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Code::Int(value) => Some(*value),
            Code::Text(_) => None,
        }
    }

    /// The text of a string code.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Code::Int(_) => None,
            Code::Text(text) => Some(text),
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self, Code::Text(_))
    }

    /// The code as a string code: a number becomes the text `literal` the
    /// page writes it with (or its decimal form), so that a group with
    /// some string codes keys every code the same way.
    pub fn into_text(self, literal: Option<&str>) -> Code {
        match self {
            Code::Int(value) => Code::text(literal.unwrap_or(&value.to_string())),
            text => text,
        }
    }

    /// True for the text of a string code cell as vendors write them: one
    /// token of ASCII letters, digits and `. _ - : /` that starts with a
    /// letter, at most 100 characters (`InvalidParameter.Missing`,
    /// `KMS.0101`, `order-not-exist`, `ACCOUNT_FROZEN`, `E_FAIL`). Prose,
    /// numbers, numbers with a typo (`12ab`) and CJK text are not.
    pub fn looks_like_text_code(text: &str) -> bool {
        let text = text.trim();
        !text.is_empty()
            && text.len() <= 100
            && text.starts_with(|c: char| c.is_ascii_alphabetic())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/'))
            && !text.ends_with(['.', ':', '/', '-'])
    }

    /// Parses one code: decimal with optional sign, or `0x` hexadecimal.
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CodeError::Empty);
        }
        let (negative, digits) = match text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let magnitude = if let Some(hex) = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
            if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                return Err(CodeError::NotANumber(text.to_owned()));
            }
            i128::from_str_radix(hex, 16).map_err(|_| CodeError::OutOfRange(text.to_owned()))?
        } else {
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(CodeError::NotANumber(text.to_owned()));
            }
            digits.parse::<i128>().map_err(|_| CodeError::OutOfRange(text.to_owned()))?
        };
        let value = if negative { -magnitude } else { magnitude };
        i64::try_from(value).map(Code::Int).map_err(|_| CodeError::OutOfRange(text.to_owned()))
    }

    /// Parses a code cell that may list several codes of one row, separated
    /// by `、` `,` `，` `/` `;` `；` or whitespace.
    pub fn parse_list(text: &str) -> Result<Vec<Code>, CodeError> {
        let pieces: Vec<&str> =
            text.split(['、', ',', '，', '/', ';', '；']).flat_map(|piece| piece.split_whitespace()).collect();
        if pieces.is_empty() {
            return Err(CodeError::Empty);
        }
        // `- 3` (a sign split from its digits) is rejoined before parsing.
        let mut codes = Vec::with_capacity(pieces.len());
        let mut pending_sign = false;
        for piece in pieces {
            if piece == "-" || piece == "−" {
                pending_sign = true;
                continue;
            }
            let code = Code::parse(piece)?;
            codes.push(match code {
                Code::Int(value) if pending_sign => {
                    Code::Int(value.checked_neg().ok_or_else(|| CodeError::OutOfRange(format!("-{piece}")))?)
                }
                code => code,
            });
            pending_sign = false;
        }
        if pending_sign {
            return Err(CodeError::NotANumber(text.trim().to_owned()));
        }
        Ok(codes)
    }
}

/// What a code cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeCell {
    /// One code, or several codes of one row (`1010、5007`).
    Codes(Vec<Code>),
    /// A documented range (`120001 - 130000`, `120001~130000`), inclusive.
    Range(Code, Code),
}

impl CodeCell {
    /// Parses a code cell: a range when it is `A - B`, `A–B`, `A—B`, `A~B`
    /// or `A-B` with non-negative `A < B`, or a class of codes written with
    /// `x` for its last digits (`4xx`: 400 to 499); otherwise a list of
    /// codes.
    pub fn parse(text: &str) -> Result<CodeCell, CodeError> {
        let trimmed = text.trim();
        if let Some((from, to)) = code_class(trimmed) {
            return Ok(CodeCell::Range(Code::Int(from), Code::Int(to)));
        }
        if let Some((start, end)) = split_range(trimmed) {
            let (from, to) = (Code::parse(start)?, Code::parse(end)?);
            let negative = |code: &Code| matches!(code, Code::Int(value) if *value < 0);
            return if from < to {
                Ok(CodeCell::Range(from, to))
            } else if from > to && negative(&from) && negative(&to) {
                // `-100 ~ -199`: negative codes counted downwards.
                Ok(CodeCell::Range(to, from))
            } else {
                Err(CodeError::NotANumber(format!("{trimmed} (a range must go upwards)")))
            };
        }
        Code::parse_list(text).map(CodeCell::Codes)
    }
}

/// `4xx`, `1XXX`, `10xx`: one or two leading digits (not starting with 0),
/// then two to six `x` (one `x` is more often a mistyped code, `12x`, and
/// `1000xxx` a pattern of a code's form): the codes from `400` to `499`.
pub fn code_class(text: &str) -> Option<(i64, i64)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let xs = &text[digits..];
    let ok = (1..=2).contains(&digits)
        && !text.starts_with('0')
        && (2..=6).contains(&xs.len())
        && xs.bytes().all(|b| b == b'x' || b == b'X')
        && xs.bytes().all(|b| b == xs.as_bytes()[0]);
    if !ok {
        return None;
    }
    let scale = 10i64.checked_pow(u32::try_from(xs.len()).ok()?)?;
    let from = text[..digits].parse::<i64>().ok()?.checked_mul(scale)?;
    Some((from, from.checked_add(scale - 1)?))
}

/// `A SEP B` with `A` and `B` decimal integers, each with an optional sign
/// (`-` or `−`) written right before its digits, and `SEP` one of `~ ～ – —
/// -` with optional spaces around it: the two ends, as written.
fn split_range(text: &str) -> Option<(&str, &str)> {
    // The end of a signed integer at the start of `text`.
    let number_end = |text: &str| -> Option<usize> {
        let sign = text.strip_prefix(['-', '−']).map_or(0, |rest| text.len() - rest.len());
        let digits = text[sign..].bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0).then_some(sign + digits)
    };
    let start_end = number_end(text)?;
    let rest = text[start_end..].trim_start();
    let separator = rest.chars().next().filter(|c| matches!(c, '~' | '～' | '–' | '—' | '-'))?;
    let second = rest[separator.len_utf8()..].trim_start();
    let end_len = number_end(second)?;
    (end_len == second.len()).then(|| (&text[..start_end], second))
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(value) => write!(f, "{value}"),
            Code::Text(text) => f.write_str(text),
        }
    }
}

/// Why a code cell is not a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the code cell is empty")]
    Empty,
    #[error("`{0}` is not a number")]
    NotANumber(String),
    #[error("`{0}` does not fit in a 64-bit signed integer")]
    OutOfRange(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<i64> {
        Code::parse_list(text).expect("parses").into_iter().filter_map(|code| code.as_int()).collect()
    }

    #[test]
    fn multi_code_cells_split_on_every_documented_separator() {
        assert_eq!(values("1010、5007"), [1010, 5007]);
        assert_eq!(values("3001、5000、5001、5002、5006"), [3001, 5000, 5001, 5002, 5006]);
        assert_eq!(values("1, 2，3 / 4"), [1, 2, 3, 4]);
    }

    #[test]
    fn wide_negative_and_hex_codes_parse() {
        assert_eq!(values("605030000"), [605030000]);
        assert_eq!(values("-1"), [-1]);
        assert_eq!(values("0x1000"), [4096]);
        assert_eq!(values("9223372036854775807"), [i64::MAX]);
        assert_eq!(values("-9223372036854775808"), [i64::MIN]);
    }

    #[test]
    fn ranges_are_ranges_not_a_code_and_a_negative_code() {
        assert_eq!(CodeCell::parse("120001 - 130000"), Ok(CodeCell::Range(Code::Int(120001), Code::Int(130000))));
        assert_eq!(CodeCell::parse("1~9"), Ok(CodeCell::Range(Code::Int(1), Code::Int(9))));
        assert_eq!(CodeCell::parse("100–199"), Ok(CodeCell::Range(Code::Int(100), Code::Int(199))));
        assert_eq!(CodeCell::parse("-1"), Ok(CodeCell::Codes(vec![Code::Int(-1)])));
        assert_eq!(CodeCell::parse("1010、5007"), Ok(CodeCell::Codes(vec![Code::Int(1010), Code::Int(5007)])));
        assert!(CodeCell::parse("9 - 1").is_err());
    }

    #[test]
    fn signed_ranges_keep_their_signs_and_overflow_is_an_error() {
        let range = |from: i64, to: i64| Ok(CodeCell::Range(Code::Int(from), Code::Int(to)));
        assert_eq!(CodeCell::parse("-5 - 5"), range(-5, 5));
        assert_eq!(CodeCell::parse("-5~5"), range(-5, 5));
        assert_eq!(CodeCell::parse("-199 - -100"), range(-199, -100));
        // Negative codes counted downwards are the same range.
        assert_eq!(CodeCell::parse("-100 - -199"), range(-199, -100));
        assert_eq!(CodeCell::parse("-100--199"), range(-199, -100));
        assert_eq!(CodeCell::parse("−5 – 5"), range(-5, 5));
        assert!(CodeCell::parse("5 - -5").is_err(), "a positive range going down");
        assert!(matches!(CodeCell::parse("1 - -9223372036854775809"), Err(CodeError::OutOfRange(_))));
        assert_eq!(CodeCell::parse("1 - -9223372036854775808").ok(), None, "a range going down from 1");
        assert!(matches!(Code::parse_list("- 9223372036854775808"), Err(CodeError::OutOfRange(_))));
        assert!(matches!(Code::parse_list("- -9223372036854775808"), Err(CodeError::OutOfRange(_))));
    }

    #[test]
    fn non_codes_are_errors_not_zero() {
        assert!(matches!(Code::parse_list("1000xxx"), Err(CodeError::NotANumber(_))));
        // A class of codes is a range, not a code.
        assert_eq!(CodeCell::parse("4xx"), Ok(CodeCell::Range(Code::new(400), Code::new(499))));
        assert_eq!(CodeCell::parse("1XXX"), Ok(CodeCell::Range(Code::new(1000), Code::new(1999))));
        assert!(CodeCell::parse("0xx").is_err() && CodeCell::parse("4xX").is_err() && CodeCell::parse("xx").is_err());
        assert!(CodeCell::parse("12x").is_err(), "one x: a mistyped code");
        assert!(matches!(Code::parse_list("9223372036854775808"), Err(CodeError::OutOfRange(_))));
        assert!(matches!(Code::parse_list("  "), Err(CodeError::Empty)));
        assert!(matches!(Code::parse_list("-"), Err(CodeError::NotANumber(_))));
    }

    #[test]
    fn string_codes_of_every_style_and_what_is_not_one() {
        for yes in ["InvalidParameter.Missing", "KMS.0101", "order-not-exist", "ACCOUNT_FROZEN", "E_FAIL", "x"] {
            assert!(Code::looks_like_text_code(yes), "{yes}");
        }
        for no in ["1001", "12ab", "40001_X", "a b", "超时", "", "-1", "Error.", "x".repeat(101).as_str(), "`a`"] {
            assert!(!Code::looks_like_text_code(no), "{no}");
        }
        assert_eq!(Code::Int(7).into_text(Some("0x7")), Code::text("0x7"));
        assert_eq!(Code::Int(7).into_text(None), Code::text("7"));
        assert!(Code::Int(i64::MAX) < Code::text("A"), "integers order before strings");
    }

    #[test]
    fn codes_are_numbers_or_strings_in_json() {
        let codes: Vec<Code> = serde_json::from_str(r#"[1, -2, "A.B", "1001"]"#).expect("codes");
        assert_eq!(codes, [Code::Int(1), Code::Int(-2), Code::text("A.B"), Code::text("1001")]);
        assert_eq!(serde_json::to_string(&codes).expect("json"), r#"[1,-2,"A.B","1001"]"#);
        assert!(serde_json::from_str::<Code>(r#""""#).is_err(), "an empty string code");
        assert!(serde_json::from_str::<Code>("18446744073709551615").is_err());
    }
}
