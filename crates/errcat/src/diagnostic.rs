//! Diagnostics: what a stage could not understand, with file, line, severity
//! and a stable code per kind, and the [`LineIndex`] that places them (byte
//! offsets of a page to lines and columns; the readers use it too).
//!
//! Stages never fail on malformed documentation; they return their best result
//! together with a `Vec<Diagnostic>`, and the caller decides what fails a run
//! (regen fails on any [`Severity::Error`]). This module does not print: it
//! only renders to a `String`, so the CLI and xtask decide where text goes.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was repaired or inferred; shown so that nothing is silent.
    Info,
    /// The output is usable but something upstream should be fixed or reviewed.
    Warning,
    /// Data could not be read; `regen` refuses to write.
    Error,
}

impl Severity {
    /// The lowercase word used in rendered diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! kinds {
    ($( $variant:ident = ($code:literal, $id:literal, $severity:ident) ),* $(,)?) => {
        /// Every kind of diagnostic, with a stable code (`W0101`) and id
        /// (`mdx-damage`). Codes are never reused or renumbered.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum DiagnosticKind { $( $variant ),* }

        impl DiagnosticKind {
            /// Every kind, in code order (used to document them).
            pub const ALL: &'static [DiagnosticKind] = &[ $( DiagnosticKind::$variant ),* ];
            /// The stable code, e.g. `W0101`.
            pub fn code(self) -> &'static str { match self { $( DiagnosticKind::$variant => $code ),* } }
            /// The stable kebab-case id, e.g. `mdx-damage`.
            pub fn id(self) -> &'static str { match self { $( DiagnosticKind::$variant => $id ),* } }
            /// The severity every diagnostic of this kind has.
            pub fn severity(self) -> Severity { match self { $( DiagnosticKind::$variant => Severity::$severity ),* } }
        }
    };
}

kinds! {
    // Reading (01xx)
    InvalidUtf8 = ("E0101", "invalid-utf8", Error),
    MdxDamage = ("W0102", "mdx-damage", Warning),
    StrayMdxComponent = ("W0103", "stray-mdx-component", Warning),
    UnknownMarkup = ("W0104", "unknown-markup", Warning),
    BrokenRowJoined = ("I0105", "broken-row-joined", Info),
    HeaderCellsTrimmed = ("I0106", "header-cells-trimmed", Info),
    // Tables and columns (02xx)
    NoCodeColumn = ("W0201", "no-code-column", Warning),
    UnknownColumn = ("W0202", "unknown-column", Warning),
    EmptyTable = ("W0203", "empty-table", Warning),
    InvalidCode = ("E0204", "invalid-code", Error),
    OrphanContinuation = ("E0205", "orphan-continuation", Error),
    ContinuationJoined = ("I0206", "continuation-joined", Info),
    PartRoleByPosition = ("I0207", "part-role-by-position", Info),
    NoTables = ("W0208", "no-tables", Warning),
    SpanApplied = ("I0209", "span-applied", Info),
    RangeRecorded = ("I0210", "range-recorded", Info),
    ExtraCells = ("W0211", "extra-cells", Warning),
    TooDeep = ("W0212", "too-deep", Warning),
    UnreadableHtml = ("E0213", "unreadable-html", Error),
    NoEntries = ("E0214", "no-entries", Error),
    ColumnByContent = ("I0215", "column-by-content", Info),
    ExtraCellsJoined = ("I0216", "extra-cells-joined", Info),
    CodeFormsDisagree = ("W0217", "code-forms-disagree", Warning),
    NotACodeTable = ("I0218", "not-a-code-table", Info),
    TableSubsection = ("I0219", "table-subsection", Info),
    EllipsisRow = ("I0220", "ellipsis-row", Info),
    StringCodes = ("I0221", "string-codes", Info),
    ConstantByPrefix = ("W0222", "constant-by-prefix", Warning),
    CodeNotRead = ("W0223", "code-not-read", Warning),
    InvalidSetting = ("E0224", "invalid-setting", Error),
    CodeOutsidePattern = ("W0225", "code-outside-pattern", Warning),
    // Entries and groups (03xx)
    DuplicateCode = ("E0301", "duplicate-code", Error),
    WordingDiffers = ("W0302", "wording-differs", Warning),
    SharedDocName = ("W0303", "shared-doc-name", Warning),
    FallbackName = ("W0304", "fallback-name", Warning),
    InvalidDocName = ("W0305", "invalid-doc-name", Warning),
    NameCollision = ("W0306", "name-collision", Warning),
    ConflictingRepeat = ("W0307", "conflicting-repeat", Warning),
    RepeatMerged = ("I0308", "repeat-merged", Info),
    FallbackNames = ("I0309", "fallback-names", Info),
    // Name lockfiles (04xx)
    InvalidLockfile = ("E0401", "invalid-lockfile", Error),
    RetiredCode = ("I0402", "retired-code", Info),
    RetiredGroup = ("W0403", "retired-group", Warning),
    // Rendering (05xx)
    IdentifierRenamed = ("W0501", "identifier-renamed", Warning),
    // The manifest (06xx)
    StaleKnownWarning = ("W0601", "stale-known-warning", Warning),
}

impl fmt::Display for DiagnosticKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())
    }
}

/// One finding about an input, pointing at a file and (1-based) line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    /// The file as the user knows it (e.g. `docs-src/page.md`).
    pub file: String,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: u32,
    /// 1-based byte column, when the line is long (minified HTML); else 0.
    pub column: u32,
    pub message: String,
    /// Set when the source declares this warning known (an allowed lint or
    /// a `known_warnings` code in the manifest): where, and why. Regen
    /// shows known warnings as one summary line unless `--verbose`.
    pub known: Option<String>,
}

impl Diagnostic {
    pub fn new(kind: DiagnosticKind, file: &str, line: u32, message: impl Into<String>) -> Self {
        Diagnostic { kind, file: file.to_owned(), line, column: 0, message: message.into(), known: None }
    }

    /// The same diagnostic pointing at a column of its line.
    pub fn at_column(mut self, column: u32) -> Self {
        self.column = column;
        self
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    fn position(&self) -> String {
        match (self.line, self.column) {
            (0, _) => String::new(),
            (line, 0) => format!(":{line}"),
            (line, column) => format!(":{line}:{column}"),
        }
    }

    /// One line, stable, for snapshots and logs:
    /// `warning[W0102 mdx-damage] docs-src/x.md:82: message`.
    pub fn to_short_string(&self) -> String {
        let position = if self.line == 0 { ":0".to_owned() } else { self.position() };
        format!(
            "{}[{} {}] {}{position}: {}",
            self.severity().as_str(),
            self.kind.code(),
            self.kind.id(),
            self.file,
            self.message
        )
    }

    /// rustc-style rendering (annotate-snippets, what rustc uses) with the
    /// diagnostic's own source line: the title with the stable code, the
    /// file, line and column, the line with the cell at the column marked
    /// (a long line is cut around it), and the kebab-case id as a note.
    /// `color` selects ANSI styles; callers write through `anstream`, which
    /// strips them for pipes and `NO_COLOR`.
    pub fn render_line(&self, line_text: Option<&str>, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
        let level = match self.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let title = level.primary_title(self.message.as_str()).id(self.kind.code());
        let group = match line_text.filter(|_| self.line > 0) {
            Some(text) => {
                // Without a column the line is the place: its first character is marked.
                let (kind, span) = match self.column {
                    0 => {
                        let start = text.len() - text.trim_start().len();
                        let width = text[start..].chars().next().map_or(0, char::len_utf8);
                        (AnnotationKind::Primary, start..start + width)
                    }
                    column => {
                        let mut at = (column as usize - 1).min(text.len());
                        while !text.is_char_boundary(at) {
                            at -= 1;
                        }
                        // The cell at the column: up to the next tag or pipe.
                        let end = text[at..]
                            .char_indices()
                            .skip(1)
                            .find(|(_, c)| matches!(c, '<' | '|'))
                            .map_or(text.len(), |(index, _)| at + index);
                        (AnnotationKind::Primary, at..end)
                    }
                };
                title.element(
                    Snippet::source(text)
                        .line_start(self.line as usize)
                        .path(self.file.as_str())
                        .fold(false)
                        .annotation(kind.span(span)),
                )
            }
            None if self.line > 0 => title.element(Origin::path(self.file.as_str()).line(self.line as usize)),
            None => title.element(Origin::path(self.file.as_str())),
        };
        let mut group = group.element(Level::NOTE.message(format!("`{}`", self.kind.id())));
        if let Some(known) = &self.known {
            group = group.element(Level::NOTE.message(format!("known: {known}")));
        }
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        let mut out = renderer.term_width(160).render(&[group]);
        out.push('\n');
        out
    }
}

/// Renders diagnostics of one file with its text, indexing its lines once,
/// when the first diagnostic with a line needs it (a page with many
/// diagnostics is not scanned once per diagnostic, one with none not at all).
pub fn render_all<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    source: Option<&str>,
    color: bool,
) -> Vec<String> {
    let index = std::cell::OnceCell::new();
    diagnostics
        .into_iter()
        .map(|diagnostic| {
            let line = match source {
                Some(text) if diagnostic.line > 0 => {
                    index.get_or_init(|| LineIndex::new(text)).line_text(text, diagnostic.line)
                }
                _ => None,
            };
            diagnostic.render_line(line, color)
        })
        .collect()
}

/// Counts per severity, for summaries and exit codes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let mut tally = Tally::default();
        for diagnostic in diagnostics {
            match diagnostic.severity() {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
        }
        tally
    }
}

/// Maps byte offsets to 1-based line numbers (and columns). A part of a
/// page read on its own counts its lines from the page's line it starts on.
#[derive(Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The page line of the text's first line, less one.
    before: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex::starting_at(text, 1)
    }

    /// The index of a text whose first line is the page's line `first_line`.
    pub fn starting_at(text: &str, first_line: u32) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        LineIndex { starts, before: first_line.saturating_sub(1) }
    }

    /// 1-based line of `offset` within the text.
    fn local_line(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset).max(1)
    }

    pub fn line(&self, offset: usize) -> u32 {
        u32::try_from(self.local_line(offset)).unwrap_or(u32::MAX).saturating_add(self.before)
    }

    /// The text of 1-based page `line` (without its line break).
    pub fn line_text<'a>(&self, text: &'a str, line: u32) -> Option<&'a str> {
        let line = line.checked_sub(self.before)? as usize;
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |next| next - 1);
        text.get(start..end.max(start)).map(|line| line.strip_suffix('\r').unwrap_or(line))
    }

    /// 1-based byte column of `offset` on its line.
    pub fn column(&self, offset: usize) -> u32 {
        let start = self.starts.get(self.local_line(offset) - 1).copied().unwrap_or(0);
        u32::try_from(offset.saturating_sub(start) + 1).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_prefixed_by_severity() {
        let mut seen = std::collections::HashSet::new();
        for kind in DiagnosticKind::ALL {
            assert!(seen.insert(kind.code()), "duplicate code {}", kind.code());
            let prefix = match kind.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
                Severity::Info => 'I',
            };
            assert!(kind.code().starts_with(prefix), "{} has the wrong prefix", kind.code());
        }
    }

    #[test]
    fn render_shows_the_source_line() {
        let diagnostic = Diagnostic::new(DiagnosticKind::MdxDamage, "a.md", 2, "lost text");
        let rendered = render_all([&diagnostic], Some("first\nsecond line\nthird"), false).remove(0);
        assert!(rendered.starts_with("warning[W0102]: lost text\n"), "{rendered}");
        assert!(rendered.contains("--> a.md:2"), "{rendered}");
        assert!(rendered.contains("2 | second line\n"), "{rendered}");
        assert!(rendered.contains("note: `mdx-damage`"), "{rendered}");
        let wide = Diagnostic::new(DiagnosticKind::InvalidCode, "p.html", 1, "bad").at_column(205);
        let line = format!("{}<td>12x</td>{}", "<x>".repeat(68), "<y>".repeat(80));
        let rendered = wide.render_line(Some(&line), false);
        assert!(rendered.contains("--> p.html:1:205"), "{rendered}");
        assert!(rendered.contains("<td>12x</td>"), "{rendered}");
    }
}
