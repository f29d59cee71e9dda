//! What the commands write to the terminal: diagnostics, rustc-style and
//! coloured where the terminal takes colour; the `--color` choice; bytes
//! written whole to standard output. It formats nothing of its own: the
//! texts come from the library.

use errcat::diagnostic::{Diagnostic, Severity, Tally};
use std::io::Write;

/// `--color`: whether a report is styled.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to style standard output: `auto` asks whether it is a
    /// terminal that takes colour (and `NO_COLOR` is unset).
    pub fn for_stdout(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never,
        }
    }
}

/// Prints diagnostics to stderr, rustc-style, coloured where the terminal
/// takes colour, then their count; `quiet` leaves out the infos (they are
/// still counted).
pub fn print_diagnostics(diagnostics: &[Diagnostic], source: &str, quiet: bool) {
    // Rendered with styles; anstream strips them for pipes, `NO_COLOR` and
    // terminals without colour, and translates them on old Windows consoles.
    let mut stderr = anstream::stderr().lock();
    let shown = diagnostics.iter().filter(|d| !(quiet && d.severity() == Severity::Info));
    for rendered in errcat::diagnostic::render_all(shown, Some(source), true) {
        let _ = writeln!(stderr, "{rendered}");
    }
    let tally = Tally::of(diagnostics);
    if tally.errors + tally.warnings + tally.infos > 0 {
        let _ = writeln!(stderr, "{} error(s), {} warning(s), {} info", tally.errors, tally.warnings, tally.infos);
    }
}

/// Writes `bytes` to `out` and flushes it.
pub fn write_all(mut out: impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(bytes)?;
    out.flush()
}
