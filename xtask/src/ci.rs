//! `check`'s report in a CI format (`--format github|sarif|junit`): the
//! pages' diagnostics and the drift of `generated/` as findings, each drift
//! finding on the first line its file changes. The formats themselves are
//! `errcat::findings`'; the text report is `drift.rs`'s.

use crate::drift::{Drift, FIX_COMMAND};
use crate::plan::Plan;
use crate::workspace::GENERATED_DIR;
use errcat::diagnostic::Severity;
use std::path::Path;

/// How `cargo xtask check` reports: text for people, or a CI format
/// (`--format github|sarif|junit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Github,
    Sarif,
    Junit,
}

impl CheckFormat {
    pub fn parse(text: &str) -> Option<CheckFormat> {
        match text {
            "text" => Some(CheckFormat::Text),
            "github" => Some(CheckFormat::Github),
            "sarif" => Some(CheckFormat::Sarif),
            "junit" => Some(CheckFormat::Junit),
            _ => None,
        }
    }
}

/// The rules of drift findings: (id, name, description).
const DRIFT_RULES: &[(&str, &str, &str)] = &[
    ("stale", "generated-stale", "a generated file differs from what regen produces from docs-src/"),
    ("missing", "generated-missing", "a file regen produces is not committed"),
    ("orphan", "generated-orphan", "a file under generated/ that regen does not produce"),
];

/// The first line of the committed file that a unified diff changes: its
/// first hunk's start plus the context lines before the first change.
fn first_changed_line(diff: &str) -> u32 {
    let mut lines = diff.lines().skip_while(|line| !line.starts_with("@@ -"));
    let Some(start) = lines
        .next()
        .and_then(|header| header.strip_prefix("@@ -"))
        .and_then(|rest| rest.split([',', ' ']).next())
        .and_then(|start| start.parse::<u32>().ok())
    else {
        return 0;
    };
    let context = lines.take_while(|line| line.starts_with(' ')).count();
    (start + u32::try_from(context).unwrap_or(0)).max(1)
}

/// What `check` found as findings: the pages' diagnostics (infos only
/// when `verbose`), then the drift of `generated/`.
pub fn check_findings(plan: &Plan, drift: &Drift, verbose: bool) -> Vec<errcat::findings::Finding> {
    use errcat::findings::{Finding, Level};
    let mut findings: Vec<Finding> = plan
        .diagnostics
        .iter()
        .filter(|diagnostic| verbose || diagnostic.severity() != Severity::Info)
        .map(Finding::from)
        .collect();
    let finding = |(rule, name, _): (&str, &str, &str), path: &Path, line: u32, message: String| Finding {
        rule: rule.to_owned(),
        rule_name: name.to_owned(),
        level: Level::Error,
        file: path.display().to_string(),
        line,
        column: 0,
        message,
    };
    for (path, diff) in &drift.stale {
        findings.push(finding(
            DRIFT_RULES[0],
            path,
            first_changed_line(diff),
            format!("{} differs from what regen produces; fix it with `{FIX_COMMAND}`", path.display()),
        ));
    }
    for path in &drift.missing {
        findings.push(finding(
            DRIFT_RULES[1],
            path,
            0,
            format!("{} is not committed; fix it with `{FIX_COMMAND}`", path.display()),
        ));
    }
    for path in &drift.orphans {
        findings.push(finding(
            DRIFT_RULES[2],
            path,
            0,
            format!("{} is not produced by regen (delete it, or add its source)", path.display()),
        ));
    }
    findings
}

/// The report of `check` in a CI format (not [`CheckFormat::Text`]).
pub fn check_report(plan: &Plan, drift: &Drift, format: CheckFormat, verbose: bool) -> String {
    use errcat::findings::{Level, Rule};
    let findings = check_findings(plan, drift, verbose);
    match format {
        CheckFormat::Text | CheckFormat::Github => errcat::findings::github("cargo xtask check", &findings),
        CheckFormat::Sarif => {
            let mut rules = errcat::findings::diagnostic_rules();
            rules.extend(DRIFT_RULES.iter().map(|(id, name, description)| Rule {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
                description: (*description).to_owned(),
                level: Level::Error,
            }));
            errcat::findings::sarif("errcat", env!("CARGO_PKG_VERSION"), &rules, &findings)
        }
        CheckFormat::Junit => {
            let pages: Vec<String> = plan.sources.keys().cloned().collect();
            let mut files: Vec<String> = plan.files.keys().map(|path| path.display().to_string()).collect();
            files.extend(drift.orphans.iter().map(|path| path.display().to_string()));
            files.sort();
            let suites = [
                errcat::findings::Suite {
                    name: "cargo xtask check: pages".to_owned(),
                    cases: errcat::findings::cases_per_file("docs-src", &pages, &findings, Level::Error),
                },
                errcat::findings::Suite {
                    name: "cargo xtask check: generated".to_owned(),
                    cases: errcat::findings::cases_per_file(GENERATED_DIR, &files, &findings, Level::Error),
                },
            ];
            errcat::findings::junit("cargo xtask check", &suites)
        }
    }
}
