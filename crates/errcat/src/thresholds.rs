//! Every threshold reading decides by, named, in one place: how many
//! siblings make a list of codes, how long a title may be, when a page is
//! large enough to read on every core. Each is a count or a share a real
//! page was measured against; none is tuned to one page. This module holds
//! numbers only.

/// The fewest headings, list items, name/code pairs or `CODE: text`
/// paragraphs of one shape under one heading that make a list of codes
/// (fewer are numbered steps, examples or prose that mentions a code).
pub(crate) const MIN_SIBLINGS: usize = 3;

/// The fewest constants a code block lists for it to be read as the page's
/// codes.
pub(crate) const MIN_CODE_BLOCK_CONSTANTS: usize = 3;

/// The fewest lines of one paragraph, each `CODE: text`, that make the
/// paragraph a list of codes.
pub(crate) const MIN_CODE_LINES: usize = 3;

/// A paragraph of `CODE: text` lines whose codes count 1, 2, 3… is a
/// numbered list unless it has at least this many lines.
pub(crate) const MIN_NUMBERED_CODE_LINES: usize = 10;

/// A short title after a code (`400 Bad Request`): at most this many words
/// and characters.
pub(crate) const TITLE_MAX_WORDS: usize = 6;
pub(crate) const TITLE_MAX_CHARS: usize = 48;

/// A table row holding one text cell titles the rows after it when the
/// text is one line of at most this many characters.
pub(crate) const SUBSECTION_MAX_CHARS: usize = 80;

/// A name cell is read as the one constant it begins only when it has at
/// least this many characters (`…_PARAM_E` cut from `…_PARAM_ERR`).
pub(crate) const CONSTANT_PREFIX_MIN_CHARS: usize = 8;

/// The most code-not-read warnings one page gets; the rest are counted in
/// the last one.
pub(crate) const MAX_NOT_READ_WARNINGS: usize = 30;

/// Pages with at least this many table rows are planned, built and freed
/// on every core.
pub(crate) const PARALLEL_ROWS: usize = 2_000;

/// Of two description columns, the one whose text is at least this share
/// in one script (CJK or Latin) is in that script's language.
pub(crate) const SCRIPT_SHARE: f64 = 0.8;
