//! Findings in CI formats from the `errcat` binary: `lint --format
//! github|sarif`, `ingest --diagnostic-format github|sarif` and `diff
//! --format junit`, each validated (SARIF against the official schema and
//! Microsoft's validator, JUnit by an XML parser) and snapshotted.

#[path = "support/ci_formats.rs"]
mod ci_formats;

use ci_formats::{junit_structure, sarif_problems};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .output()
        .expect("errcat runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The version changes with every release; the snapshots do not.
fn without_version(log: &str) -> String {
    log.replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[version]\"")
}

const LINT_PAGE: &str = "crates/errcat/tests/pages/lint-problems.md";
const SEED: &str = "docs-src/zego-express-web-common-error-codes.mdx";

#[test]
fn lint_sarif_is_a_valid_log_with_one_result_per_lint() {
    let output = errcat(&["lint", LINT_PAGE, "--format", "sarif"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let log = text(&output.stdout);
    let problems = sarif_problems(&log);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let value: serde_json::Value = serde_json::from_str(&log).expect("JSON");
    let results = value["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    let first = &results[0];
    assert_eq!(first["ruleId"], "unknown-code-reference");
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], LINT_PAGE);
    assert_eq!(first["locations"][0]["physicalLocation"]["region"]["startLine"], 7);
    insta::assert_snapshot!("lint-sarif", without_version(&log));
}

#[test]
fn lint_github_is_one_annotation_per_lint_then_the_count() {
    let output = errcat(&["lint", LINT_PAGE, "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let annotations = text(&output.stdout);
    assert_eq!(annotations.lines().filter(|line| line.starts_with("::warning file=")).count(), 4);
    insta::assert_snapshot!("lint-github", annotations);
}

#[test]
fn ingest_writes_its_diagnostics_as_sarif_or_annotations_on_stderr() {
    let output = errcat(&["ingest", SEED, "--locale", "zh-CN", "-q", "--diagnostic-format", "sarif"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    errcat::catalog::Catalog::from_yaml(&text(&output.stdout)).expect("the catalog is still on stdout");
    let log = text(&output.stderr);
    let problems = sarif_problems(&log);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let value: serde_json::Value = serde_json::from_str(&log).expect("JSON");
    let run = &value["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4, "the four warnings (-q leaves infos out)");
    let stray = results.iter().find(|result| result["ruleId"] == "W0103").expect("W0103");
    assert_eq!(stray["level"], "warning");
    assert_eq!(stray["locations"][0]["physicalLocation"]["region"]["startLine"], 349);
    let index = usize::try_from(stray["ruleIndex"].as_u64().expect("index")).expect("index");
    assert_eq!(run["tool"]["driver"]["rules"][index]["name"], "StrayMdxComponent");
    insta::assert_snapshot!("ingest-sarif", without_version(&log));

    let output = errcat(&["ingest", SEED, "--locale", "zh-CN", "-q", "--diagnostic-format", "github"]);
    assert_eq!(output.status.code(), Some(0));
    let annotations = text(&output.stderr);
    assert!(annotations.lines().all(|line| line.starts_with("::warning file=docs-src/")), "{annotations}");
    assert!(
        annotations.contains(
            "::warning file=docs-src/zego-express-web-common-error-codes.mdx,line=349,title=errcat ingest%3A W0103 stray-mdx-component::stray `<Content />` left by page conversion; ignored"
        ),
        "{annotations}"
    );
    insta::assert_snapshot!("ingest-github", annotations);
}

#[test]
fn diff_junit_fails_exactly_the_changes_at_or_above_fail_on() {
    let old = "crates/errcat/tests/diffs/added-removed/old.md";
    let new = "crates/errcat/tests/diffs/added-removed/new.md";
    let output = errcat(&["diff", old, new, "--format", "junit", "--fail-on", "breaking"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let report = text(&output.stdout);
    let read = junit_structure(&report);
    let cases = read["suites"][0]["cases"].as_array().expect("cases");
    // Code 2 removed (breaking: fails), code 3 added (minor: passes).
    assert_eq!(cases.len(), 2, "{read}");
    let removed =
        cases.iter().find(|case| case["name"].as_str().is_some_and(|name| name.starts_with("2 "))).expect("2");
    assert_eq!(removed["failure"]["type"], "breaking");
    let added = cases.iter().find(|case| case["name"].as_str().is_some_and(|name| name.starts_with("3 "))).expect("3");
    assert!(added["failure"].is_null(), "{added}");
    insta::assert_snapshot!("diff-junit", report);

    // At `minor` both fail; without --fail-on nothing does, as the exit code.
    let output = errcat(&["diff", old, new, "--format", "junit", "--fail-on", "minor"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(junit_structure(&text(&output.stdout))["failures"], "2");
    let output = errcat(&["diff", old, new, "--format", "junit"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(junit_structure(&text(&output.stdout))["failures"], "0");
    // Identical sides: one passing case.
    let output = errcat(&["diff", old, old, "--format", "junit", "--fail-on", "any"]);
    assert_eq!(output.status.code(), Some(0));
    let read = junit_structure(&text(&output.stdout));
    assert_eq!(read["suites"][0]["cases"][0]["name"], "no changes");
}
