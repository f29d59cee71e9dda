//! Findings in the formats CI systems show inline: GitHub Actions workflow
//! commands, SARIF 2.1.0 (code scanning, and most review tools) and JUnit
//! XML (test reports). A [`Finding`] is a diagnostic, a lint or a `check`
//! result with its file, line and column; a [`Suite`] of test [`Case`]s is
//! what a JUnit report holds. Pure text; printing is the caller's.
//!
//! Escaping, so that no documentation text can end or forge what it is
//! written into:
//! - workflow commands follow the Actions toolkit: in the message `%`, CR
//!   and LF are percent-encoded; in property values also `:` and `,`;
//! - SARIF is JSON written by serde_json; file paths become URI references
//!   (every byte but unreserved characters and `/` percent-encoded);
//! - XML text and attributes escape `&`, `<`, `>`, `"` and `'`, and the
//!   characters XML 1.0 cannot hold at all (most controls) are shown as
//!   `⟨U+0000⟩` (the render core's `escape_markup`, as the error index).

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::Lint;
use serde_json::json;

/// How serious a finding is, in the words of every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    /// The workflow command (`notice`, `warning`, `error`).
    pub fn command(self) -> &'static str {
        match self {
            Level::Note => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The SARIF `level` (`note`, `warning`, `error`).
    pub fn sarif(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Info => Level::Note,
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        }
    }
}

/// One finding at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule: a diagnostic code (`W0103`), a lint id, a check result.
    pub rule: String,
    /// The rule's readable name (`stray-mdx-component`).
    pub rule_name: String,
    pub level: Level,
    pub file: String,
    /// 1-based; 0 when the finding is about the whole file.
    pub line: u32,
    /// 1-based; 0 when not known.
    pub column: u32,
    pub message: String,
}

impl From<&Diagnostic> for Finding {
    fn from(diagnostic: &Diagnostic) -> Finding {
        Finding {
            rule: diagnostic.kind.code().to_owned(),
            rule_name: diagnostic.kind.id().to_owned(),
            level: diagnostic.severity().into(),
            file: diagnostic.file.clone(),
            line: diagnostic.line,
            column: diagnostic.column,
            message: diagnostic.message.clone(),
        }
    }
}

impl From<&Lint> for Finding {
    fn from(lint: &Lint) -> Finding {
        Finding {
            rule: lint.id.to_owned(),
            rule_name: lint.id.to_owned(),
            level: Level::Warning,
            file: lint.file.clone(),
            line: lint.line,
            column: 0,
            message: lint.message.clone(),
        }
    }
}

// ---- GitHub workflow commands -------------------------------------------

/// `text` escaped as a workflow command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// `text` escaped as a workflow command's property value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation: `::warning file=…,line=…,col=…,title=…::message`; a
/// line or column of 0 is left out.
pub fn annotation(level: Level, file: &str, line: u32, column: u32, title: &str, message: &str) -> String {
    let mut properties = format!("file={}", escape_property(file));
    if line > 0 {
        properties.push_str(&format!(",line={line}"));
        if column > 0 {
            properties.push_str(&format!(",col={column}"));
        }
    }
    format!("::{} {properties},title={}::{}", level.command(), escape_property(title), escape_data(message))
}

/// Every finding as an annotation titled `<tool>: <rule> <name>`, one per
/// line.
pub fn github(tool: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let title = if finding.rule == finding.rule_name {
            format!("{tool}: {}", finding.rule)
        } else {
            format!("{tool}: {} {}", finding.rule, finding.rule_name)
        };
        out.push_str(&annotation(finding.level, &finding.file, finding.line, finding.column, &title, &finding.message));
        out.push('\n');
    }
    out
}

// ---- SARIF -----------------------------------------------------------------

/// A rule a SARIF log describes: its id, readable name and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub description: String,
    pub level: Level,
}

/// Every diagnostic kind as a SARIF rule.
pub fn diagnostic_rules() -> Vec<Rule> {
    crate::diagnostic::DiagnosticKind::ALL
        .iter()
        .map(|kind| Rule {
            id: kind.code().to_owned(),
            name: kind.id().to_owned(),
            description: format!("errcat diagnostic {} ({})", kind.code(), kind.id()),
            level: kind.severity().into(),
        })
        .collect()
}

/// Every lint as a SARIF rule.
pub fn lint_rules() -> Vec<Rule> {
    crate::lint::LINTS
        .iter()
        .map(|(id, description)| Rule {
            id: (*id).to_owned(),
            name: (*id).to_owned(),
            description: (*description).to_owned(),
            level: Level::Warning,
        })
        .collect()
}

/// A path as a URI reference: unreserved characters and `/` as they are,
/// every other byte percent-encoded.
pub fn uri_reference(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');
    percent_encoding::utf8_percent_encode(&path.replace('\\', "/"), KEEP).to_string()
}

/// A SARIF 2.1.0 log of one run of `tool` (its `version`), describing
/// `rules` (each finding's rule is added when missing) and one result per
/// finding. Paths are relative to the project root (`%SRCROOT%`).
pub fn sarif(tool: &str, version: &str, rules: &[Rule], findings: &[Finding]) -> String {
    let mut rules = rules.to_vec();
    for finding in findings {
        if !rules.iter().any(|rule| rule.id == finding.rule) {
            rules.push(Rule {
                id: finding.rule.clone(),
                name: finding.rule_name.clone(),
                description: finding.rule_name.clone(),
                level: finding.level,
            });
        }
    }
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|finding| {
            let mut location = json!({
                "artifactLocation": { "uri": uri_reference(&finding.file), "uriBaseId": "%SRCROOT%" },
            });
            if finding.line > 0 {
                let mut region = json!({ "startLine": finding.line });
                if finding.column > 0 {
                    region["startColumn"] = json!(finding.column);
                }
                location["region"] = region;
            }
            json!({
                "ruleId": finding.rule,
                "ruleIndex": rules.iter().position(|rule| rule.id == finding.rule).unwrap_or(0),
                "level": finding.level.sarif(),
                "message": { "text": finding.message },
                "locations": [{ "physicalLocation": location }],
            })
        })
        .collect();
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                // SARIF's rule names are readable identifiers: `StrayMdxComponent`.
                "name": heck::ToUpperCamelCase::to_upper_camel_case(rule.name.as_str()),
                "shortDescription": { "text": rule.description },
                "defaultConfiguration": { "level": rule.level.sarif() },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": tool, "version": version, "semanticVersion": version, "rules": rules } },
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

// ---- JUnit XML -------------------------------------------------------------

/// One test case of a JUnit report; `failure` makes it fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub name: String,
    /// The group the case belongs to (a file, a catalog).
    pub classname: String,
    pub failure: Option<Failure>,
}

/// Why a case failed: a one-line message, a type, and the details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub kind: String,
    pub text: String,
}

/// A named suite of cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suite {
    pub name: String,
    pub cases: Vec<Case>,
}

/// `text` escaped for XML 1.0 text and attribute values; the characters
/// XML 1.0 cannot hold even as references (most controls) are shown as
/// `⟨U+0000⟩`.
pub fn escape_xml(text: &str) -> String {
    crate::escape::escape_markup(text, crate::escape::Breaks::References).into_owned()
}

/// A JUnit XML report (`<testsuites>` of `<testsuite>`s, each case a
/// `<testcase>`, a failed one with its `<failure>`), as Jenkins, GitLab,
/// GitHub test-report actions and most CI systems read it.
pub fn junit(name: &str, suites: &[Suite]) -> String {
    let count = |suite: &Suite| suite.cases.iter().filter(|case| case.failure.is_some()).count();
    let tests: usize = suites.iter().map(|suite| suite.cases.len()).sum();
    let failures: usize = suites.iter().map(count).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n",
        escape_xml(name)
    ));
    for suite in suites {
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
            escape_xml(&suite.name),
            suite.cases.len(),
            count(suite)
        ));
        for case in &suite.cases {
            let head = format!(
                "    <testcase name=\"{}\" classname=\"{}\"",
                escape_xml(&case.name),
                escape_xml(&case.classname)
            );
            match &case.failure {
                None => out.push_str(&format!("{head}/>\n")),
                Some(failure) => out.push_str(&format!(
                    "{head}>\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                    escape_xml(&failure.message),
                    escape_xml(&failure.kind),
                    escape_xml(&failure.text)
                )),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Findings as JUnit cases: one case per file, failing with every finding
/// at or above `fail_at` in it (the rest go into the failure text too, or
/// the case passes).
pub fn cases_per_file(classname: &str, files: &[String], findings: &[Finding], fail_at: Level) -> Vec<Case> {
    files
        .iter()
        .map(|file| {
            let in_file: Vec<&Finding> = findings.iter().filter(|finding| &finding.file == file).collect();
            let failing: Vec<&&Finding> = in_file.iter().filter(|finding| finding.level >= fail_at).collect();
            let failure = (!failing.is_empty()).then(|| Failure {
                message: format!("{} finding(s); first: {}", failing.len(), failing[0].message),
                kind: failing[0].rule.clone(),
                text: in_file
                    .iter()
                    .map(|finding| {
                        format!(
                            "{}:{}: {} [{} {}] {}",
                            finding.file,
                            finding.line,
                            finding.level.sarif(),
                            finding.rule,
                            finding.rule_name,
                            finding.message
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
            Case { name: file.clone(), classname: classname.to_owned(), failure }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(message: &str) -> Finding {
        Finding {
            rule: "W0103".to_owned(),
            rule_name: "stray-mdx-component".to_owned(),
            level: Level::Warning,
            file: "docs-src/a,b 页.md".to_owned(),
            line: 7,
            column: 3,
            message: message.to_owned(),
        }
    }

    #[test]
    fn annotations_cannot_be_ended_or_forged_by_their_text() {
        assert_eq!(
            github("errcat", &[finding("50% done\n::error::x")]),
            "::warning file=docs-src/a%2Cb 页.md,line=7,col=3,title=errcat%3A W0103 stray-mdx-component::50%25 done%0A::error::x\n"
        );
        assert_eq!(annotation(Level::Note, "p.md", 0, 4, "t", "m"), "::notice file=p.md,title=t::m");
    }

    #[test]
    fn sarif_paths_are_uri_references_and_results_point_at_their_rule() {
        assert_eq!(uri_reference("docs-src/a,b 页.md"), "docs-src/a%2Cb%20%E9%A1%B5.md");
        let log: serde_json::Value =
            serde_json::from_str(&sarif("errcat", "1.2.3", &lint_rules(), &[finding("x \"y\"")])).expect("JSON");
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        let result = &run["results"][0];
        let index = result["ruleIndex"].as_u64().expect("index") as usize;
        assert_eq!(rules[index]["id"], "W0103");
        assert_eq!(result["message"]["text"], "x \"y\"");
        assert_eq!(result["locations"][0]["physicalLocation"]["region"], json!({"startLine": 7, "startColumn": 3}));
    }

    #[test]
    fn xml_escapes_markup_and_characters_xml_cannot_hold() {
        assert_eq!(escape_xml("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
        assert_eq!(escape_xml("a\0b\u{1b}c\nd\u{202e}"), "a⟨U+0000⟩b⟨U+001B⟩c&#10;d⟨U+202E⟩");
        let report = junit(
            "t",
            &[Suite {
                name: "s".to_owned(),
                cases: cases_per_file(
                    "c",
                    &["docs-src/a,b 页.md".to_owned(), "ok.md".to_owned()],
                    &[finding("]]>")],
                    Level::Warning,
                ),
            }],
        );
        assert!(report.contains("tests=\"2\" failures=\"1\""), "{report}");
        assert!(report.contains("<testcase name=\"ok.md\" classname=\"c\"/>"), "{report}");
        assert!(report.contains("first: ]]&gt;"), "{report}");
    }
}
