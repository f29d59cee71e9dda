//! The [`Code`] newtype: an error code as documented, and how code cells
//! (`1010、5007`, `0x1000`, `-3`) are parsed.
//!
//! Does not decide what a row means; it only turns cell text into numbers or
//! says why it cannot.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One documented error code. Codes in the wild are negative, or wider than
/// 32 bits, so the full `i64` range is accepted; nothing else can be built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Code(i64);

impl Code {
    pub fn new(value: i64) -> Code {
        Code(value)
    }

    pub fn value(self) -> i64 {
        self.0
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
        i64::try_from(value).map(Code).map_err(|_| CodeError::OutOfRange(text.to_owned()))
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
            codes.push(if pending_sign { Code(-code.0) } else { code });
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
    /// or `A-B` with non-negative `A < B`; otherwise a list of codes.
    pub fn parse(text: &str) -> Result<CodeCell, CodeError> {
        let trimmed = text.trim();
        for separator in ['~', '～', '–', '—', '-'] {
            let Some((start, end)) = trimmed.split_once(separator) else { continue };
            let (start, end) = (start.trim(), end.trim());
            let is_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            if is_digits(start) && is_digits(end) {
                let (from, to) = (Code::parse(start)?, Code::parse(end)?);
                return if from < to {
                    Ok(CodeCell::Range(from, to))
                } else {
                    Err(CodeError::NotANumber(format!("{trimmed} (a range must go upwards)")))
                };
            }
        }
        Code::parse_list(text).map(CodeCell::Codes)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
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
        Code::parse_list(text).expect("parses").into_iter().map(Code::value).collect()
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
        assert_eq!(CodeCell::parse("120001 - 130000"), Ok(CodeCell::Range(Code(120001), Code(130000))));
        assert_eq!(CodeCell::parse("1~9"), Ok(CodeCell::Range(Code(1), Code(9))));
        assert_eq!(CodeCell::parse("100–199"), Ok(CodeCell::Range(Code(100), Code(199))));
        assert_eq!(CodeCell::parse("-1"), Ok(CodeCell::Codes(vec![Code(-1)])));
        assert_eq!(CodeCell::parse("1010、5007"), Ok(CodeCell::Codes(vec![Code(1010), Code(5007)])));
        assert!(CodeCell::parse("9 - 1").is_err());
    }

    #[test]
    fn non_codes_are_errors_not_zero() {
        assert!(matches!(Code::parse_list("1000xxx"), Err(CodeError::NotANumber(_))));
        assert!(matches!(Code::parse_list("9223372036854775808"), Err(CodeError::OutOfRange(_))));
        assert!(matches!(Code::parse_list("  "), Err(CodeError::Empty)));
        assert!(matches!(Code::parse_list("-"), Err(CodeError::NotANumber(_))));
    }
}
