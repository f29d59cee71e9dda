//! Validators of the CI formats, shared by the CLI's and xtask's tests:
//! SARIF against the official SARIF 2.1.0 schema and through Microsoft's
//! SARIF validator (`@microsoft/sarif-multitool`, which also ships that
//! schema; installed by `cargo xtask test`), and JUnit XML through a real
//! XML parser (Python's `xml.etree`), read back as JSON to assert on.
//! Outside CI a missing tool skips its part loudly; with `CI` set it fails.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root: the nearest folder above this crate with `xtask/`.
fn workspace() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("xtask").is_dir() && dir.join("crates").is_dir())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The installed SARIF tool package (`ERRCAT_SARIF_MULTITOOL`, else the
/// one under `xtask/toolchains/`).
fn multitool_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("ERRCAT_SARIF_MULTITOOL")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("xtask/toolchains/node_modules/@microsoft/sarif-multitool-linux"));
    if dir.join("sarif-2.1.0.json").is_file() {
        return Some(dir);
    }
    let message = format!("{} not found (run `cargo xtask test`, which installs it)", dir.display());
    assert!(std::env::var_os("CI").is_none(), "CI is set and {message}");
    eprintln!("\n*** SKIPPED (SARIF validation): {message} ***\n");
    None
}

/// What is wrong with a SARIF log: schema violations, then the errors
/// Microsoft's validator reports. Empty when valid.
pub fn sarif_problems(text: &str) -> Vec<String> {
    let log: serde_json::Value = match serde_json::from_str(text) {
        Ok(log) => log,
        Err(error) => return vec![format!("not JSON: {error}")],
    };
    let Some(dir) = multitool_dir() else { return Vec::new() };
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sarif-2.1.0.json")).expect("the SARIF schema"))
            .expect("the SARIF schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let mut problems: Vec<String> =
        validator.iter_errors(&log).map(|error| format!("schema: {} at {}", error, error.instance_path())).collect();
    let file =
        std::env::temp_dir().join(format!("errcat-{}-{}.sarif", std::process::id(), problems.len() + text.len()));
    std::fs::write(&file, text).expect("write the log");
    let out = file.with_extension("validation.sarif");
    let tool = dir.join("Sarif.Multitool");
    let output = Command::new(&tool)
        .args(["validate"])
        .arg(&file)
        .arg("--output")
        .arg(&out)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap_or_else(|error| panic!("running {}: {error}", tool.display()));
    let said = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
    problems.extend(said.lines().filter(|line| line.contains(": error ")).map(|line| format!("validator: {line}")));
    if !output.status.success() {
        problems.push(format!("the validator failed ({}):\n{said}", output.status));
    }
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&out);
    problems
}

/// A JUnit XML report as a real XML parser reads it: `{name, tests,
/// failures, suites: [{name, tests, failures, cases: [{name, classname,
/// failure: {message, type, text} | null}]}]}`; panics when it is not
/// well-formed.
pub fn junit_structure(text: &str) -> serde_json::Value {
    const READ: &str = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
assert root.tag == "testsuites", root.tag
def case(c):
    f = c.find("failure")
    return {"name": c.get("name"), "classname": c.get("classname"),
            "failure": None if f is None else {"message": f.get("message"), "type": f.get("type"), "text": f.text or ""}}
print(json.dumps({"name": root.get("name"), "tests": root.get("tests"), "failures": root.get("failures"),
    "suites": [{"name": s.get("name"), "tests": s.get("tests"), "failures": s.get("failures"),
                "cases": [case(c) for c in s.findall("testcase")]} for s in root.findall("testsuite")]}))
"#;
    let mut child = Command::new("python3")
        .args(["-c", READ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), text.as_bytes()).expect("write");
    let output = child.wait_with_output().expect("python3 ends");
    assert!(output.status.success(), "not well-formed JUnit XML:\n{}\n{text}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    // The counts agree with the cases.
    let suites = report["suites"].as_array().expect("suites");
    let mut tests = 0;
    let mut failures = 0;
    for suite in suites {
        let cases = suite["cases"].as_array().expect("cases");
        let failed = cases.iter().filter(|case| !case["failure"].is_null()).count();
        assert_eq!(suite["tests"], cases.len().to_string(), "{suite}");
        assert_eq!(suite["failures"], failed.to_string(), "{suite}");
        tests += cases.len();
        failures += failed;
    }
    assert_eq!(report["tests"], tests.to_string());
    assert_eq!(report["failures"], failures.to_string());
    report
}
