//! The pages' diagnostics as `regen` and `check` print them: the new ones
//! in full, rustc-style, and the known ones summed up in one line. Pure: the
//! caller prints, and chooses colour; CI formats are `ci.rs`'s.

use crate::plan::Plan;
use errcat::diagnostic::{Diagnostic, Severity};
use std::fmt::Write as _;

impl Plan {
    /// Diagnostics rendered rustc-style: the new ones first and in full
    /// (infos only when `verbose`), then the warnings the manifest declares
    /// known (allowed lints, `known_warnings`) as one summary line, or in
    /// full, each with its reason, when `verbose`.
    pub fn render_diagnostics(&self, color: bool, verbose: bool) -> String {
        let mut out = String::new();
        let (known, new): (Vec<&Diagnostic>, Vec<&Diagnostic>) = self
            .diagnostics
            .iter()
            .filter(|d| verbose || d.severity() != Severity::Info)
            .partition(|d| d.known.is_some());
        let shown = if verbose { [new, known.clone()].concat() } else { new };
        // Diagnostics come sorted by file: render each file's run at once.
        for run in shown.chunk_by(|a, b| a.file == b.file) {
            let source = self.sources.get(&run[0].file).map(String::as_str);
            for rendered in errcat::diagnostic::render_all(run.iter().copied(), source, color) {
                out.push_str(&rendered);
                out.push('\n');
            }
        }
        if !known.is_empty() {
            let pages = known.iter().map(|d| d.file.as_str()).collect::<std::collections::BTreeSet<_>>().len();
            let _ = writeln!(
                out,
                "{} known warning{} on {pages} page{} ({})",
                known.len(),
                if known.len() == 1 { "" } else { "s" },
                if pages == 1 { "" } else { "s" },
                if verbose { "shown above, each with its reason" } else { "`--verbose` shows them" }
            );
        }
        out
    }
}
