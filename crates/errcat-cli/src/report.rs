//! The options and printing of a diff report, shared by `errcat diff` and
//! `errcat upstream`: `--format`, `--fail-on` and the report in the chosen
//! format. The report itself is the library's (`errcat::diff`).

use crate::output::ColorChoice;
use errcat::diff::{Level, Report};

/// `--format` of a report.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// JUnit XML: one test case per change, failing at or above --fail-on.
    Junit,
}

/// `--fail-on`: the least change that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Breaking,
    Minor,
    Patch,
    Any,
}

/// The level `--fail-on` names; none (or `patch`, `any`): every change.
pub fn level_of(fail_on: Option<FailOn>) -> Level {
    match fail_on {
        Some(FailOn::Breaking) => Level::Breaking,
        Some(FailOn::Minor) => Level::Minor,
        None | Some(FailOn::Patch | FailOn::Any) => Level::Patch,
    }
}

/// The report as printed; `fail_on` marks the JUnit cases that fail.
pub fn render(report: &Report, format: Format, color: ColorChoice, fail_on: Option<Level>) -> String {
    match format {
        Format::Text => errcat::diff::render_text(report, errcat::diff::Style { color: color.for_stdout() }),
        Format::Markdown => errcat::diff::render_markdown(report),
        Format::Json => errcat::diff::render_json(report),
        Format::Junit => errcat::findings::junit("errcat diff", &errcat::diff::junit_suites(report, fail_on)),
    }
}
