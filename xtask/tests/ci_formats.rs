//! `cargo xtask check --format github|sarif|junit` on a checkout with a
//! hand-edited, a missing and an orphan file under `generated/`: each
//! drift and each page warning is a finding at its file (and line), the
//! SARIF log is valid (official schema, Microsoft's validator), the JUnit
//! report is well-formed, and each format is snapshotted.

mod common;

#[path = "../../crates/errcat-cli/tests/support/ci_formats.rs"]
mod ci_formats;

use ci_formats::{junit_structure, sarif_problems};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The generated file edited by hand (a rendered one: an edited catalog
/// would also change the version and change reports regen computes).
const EDITED: &str = "generated/c/zego_server_return_codes.c";

/// A scratch checkout whose `generated/` drifted three ways.
fn drifted() -> PathBuf {
    let root = common::scratch_checkout("ci-formats");
    let edited = root.join(EDITED);
    let text = std::fs::read_to_string(&edited).expect("read");
    std::fs::write(&edited, text.replacen("接口调用频率过高。", "手工修改。", 1)).expect("write");
    std::fs::remove_file(root.join("generated/c/rtc_vendor_error_codes.h")).expect("remove");
    std::fs::write(root.join("generated/catalog/stray.yaml"), "schema: errcat/v1\n").expect("write");
    root
}

fn check(root: &Path, format: &str) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["check", "--format", format, "--root"])
        .arg(root)
        .output()
        .expect("run xtask");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The line of the committed catalog that the edit changed.
fn edited_line() -> usize {
    let text = std::fs::read_to_string(xtask::workspace_root().join(EDITED)).expect("read");
    text.lines().position(|line| line.contains("接口调用频率过高。")).expect("the edited line") + 1
}

#[test]
fn check_reports_drift_and_page_warnings_in_every_ci_format() {
    let root = drifted();

    let (code, annotations) = check(&root, "github");
    assert_eq!(code, 1, "{annotations}");
    let lines: Vec<&str> = annotations.lines().collect();
    let stale = lines.iter().find(|line| line.contains(EDITED)).expect("the stale catalog");
    let line: usize = stale
        .split(",line=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|number| number.parse().ok())
        .expect("a line");
    assert_eq!(line, edited_line(), "{stale}");
    assert!(stale.starts_with(&format!("::error file={EDITED},")), "{stale}");
    assert!(lines.iter().any(|l| l.starts_with(
        "::error file=generated/c/rtc_vendor_error_codes.h,title=cargo xtask check%3A missing generated-missing::"
    )));
    assert!(lines.iter().any(|l| l.starts_with(
        "::error file=generated/catalog/stray.yaml,title=cargo xtask check%3A orphan generated-orphan::"
    )));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::warning file=docs-src/zego-express-web-common-error-codes.mdx,line=349,"))
    );
    insta::assert_snapshot!("check-github", annotations);

    let (code, log) = check(&root, "sarif");
    assert_eq!(code, 1);
    let problems = sarif_problems(&log);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let value: serde_json::Value = serde_json::from_str(&log).expect("JSON");
    let results = value["runs"][0]["results"].as_array().expect("results");
    let errors: Vec<&str> = results
        .iter()
        .filter(|result| result["level"] == "error")
        .filter_map(|result| result["ruleId"].as_str())
        .collect();
    assert_eq!(errors, ["stale", "missing", "orphan"]);
    insta::assert_snapshot!("check-sarif", log.replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[version]\""));

    let (code, report) = check(&root, "junit");
    assert_eq!(code, 1);
    let read = junit_structure(&report);
    let generated = read["suites"]
        .as_array()
        .expect("suites")
        .iter()
        .find(|suite| suite["name"] == "cargo xtask check: generated")
        .expect("suite");
    let failed: Vec<&str> = generated["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter(|case| !case["failure"].is_null())
        .filter_map(|case| case["name"].as_str())
        .collect();
    assert_eq!(failed, ["generated/c/rtc_vendor_error_codes.h", EDITED, "generated/catalog/stray.yaml"]);
    // Page warnings do not fail a page; the pages all pass.
    assert_eq!(read["suites"][0]["failures"], "0");
    insta::assert_snapshot!("check-junit", report);

    // The clean checkout: no error, every case passes.
    let (code, report) = check(&xtask::workspace_root(), "junit");
    assert_eq!(code, 0, "{report}");
    assert_eq!(junit_structure(&report)["failures"], "0");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_unknown_check_format_is_a_usage_error() {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).args(["check", "--format", "xml"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).args(["regen", "--format", "sarif"]).output().expect("run");
    assert_eq!(output.status.code(), Some(2));
}
