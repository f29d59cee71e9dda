//! `errcat upstream`: the drift check's command line. Runs the check of
//! every source's upstream page (`crate::upstream`), prints the drift
//! report in the chosen format with the sources that could not be checked
//! added to it, and says which pages `--update` wrote.

use crate::output::ColorChoice;
use crate::report::{self, FailOn};
use crate::upstream::{FetchLimits, UpstreamOptions};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const AFTER_HELP: &str = "Exit codes:\n  0  every upstream page matches its committed catalog (below --fail-on)\n  1  drift at or above --fail-on (default: any change)\n  2  a page could not be fetched or read (network error, HTTP error status, timeout, size cap, bad charset, parse errors), or usage/IO error; never reported as \"no drift\"";

/// Fetch every source's upstream URL and report how it drifted from
/// the committed catalogs.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// The project root (with docs-src/ and generated/catalog/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Only these source ids (repeatable).
    #[arg(long = "source", value_name = "ID")]
    sources: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: report::Format,
    /// Exit 1 only for drift at or above this level.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Seconds allowed for each fetch, redirects included.
    #[arg(long, default_value = "30")]
    timeout: u64,
    /// Largest body accepted, in bytes.
    #[arg(long, default_value = "20000000")]
    max_bytes: u64,
    /// Write drifted pages into docs-src/ (atomically) and record the fetch
    /// in docs-src/upstream.lock.yaml; then run `cargo xtask regen`.
    #[arg(long)]
    update: bool,
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

pub fn run(args: &Args) -> Result<ExitCode> {
    let options = UpstreamOptions {
        root: args.root.clone(),
        sources: args.sources.clone(),
        limits: FetchLimits { timeout: std::time::Duration::from_secs(args.timeout), max_bytes: args.max_bytes },
        update: args.update,
        threshold: report::level_of(args.fail_on),
    };
    let outcome = crate::upstream::run(&options)?;
    let fail_on = Some(options.threshold);
    let mut text = report::render(&outcome.report, args.format, args.color, fail_on);
    // A source that could not be checked must never read as "no drift".
    if !outcome.failures.is_empty() {
        text = with_failures(text, &outcome, args.format, fail_on)?;
    }
    std::io::stdout().lock().write_all(text.as_bytes()).context("writing the report")?;
    for id in &outcome.updated {
        eprintln!("upstream: {id}: updated docs-src/ and docs-src/upstream.lock.yaml; now run `cargo xtask regen`");
    }
    for (id, error) in &outcome.failures {
        eprintln!("upstream: {id}: {error}");
    }
    if !outcome.failures.is_empty() {
        return Ok(crate::exit::error());
    }
    let drift = outcome.report.level().is_some_and(|level| level >= options.threshold);
    Ok(crate::exit::problems(drift))
}

/// The report `text` with the sources that could not be checked added, in
/// its format.
fn with_failures(
    mut text: String,
    outcome: &crate::upstream::RunOutcome,
    format: report::Format,
    fail_on: Option<errcat::diff::Level>,
) -> Result<String> {
    let ids: Vec<&str> = outcome.failures.iter().map(|(id, _)| id.as_str()).collect();
    Ok(match format {
        report::Format::Text => {
            text.push_str(&format!("NOT CHECKED ({}): {}\n", ids.len(), ids.join(", ")));
            text
        }
        report::Format::Markdown => {
            text.push_str(&format!("\n**Not checked** (could not fetch or read): {}\n", ids.join(", ")));
            text
        }
        report::Format::Json => {
            let mut value: serde_json::Value = serde_json::from_str(&text).context("re-reading the JSON report")?;
            value["failures"] =
                outcome.failures.iter().map(|(id, error)| serde_json::json!({"source": id, "error": error})).collect();
            format!("{}\n", serde_json::to_string_pretty(&value).context("writing JSON")?)
        }
        report::Format::Junit => {
            let mut suites = errcat::diff::junit_suites(&outcome.report, fail_on);
            suites.push(errcat::findings::Suite {
                name: "errcat upstream: not checked".to_owned(),
                cases: outcome
                    .failures
                    .iter()
                    .map(|(id, error)| errcat::findings::Case {
                        name: format!("{id} could not be fetched or read"),
                        classname: id.clone(),
                        failure: Some(errcat::findings::Failure {
                            message: error.clone(),
                            kind: "not-checked".to_owned(),
                            text: error.clone(),
                        }),
                    })
                    .collect(),
            });
            errcat::findings::junit("errcat upstream", &suites)
        }
    })
}
