//! `.github/workflows/`: every workflow passes GitHub's workflow schema
//! (`action-validator`, from npm; `cargo xtask test` installs it), and the
//! two workflows do what the project promises: the pull-request check runs
//! the tests, the drift check and lint and shows findings inline; the
//! scheduled job runs the upstream check with `--update`, fails loudly when
//! a page cannot be fetched, and opens a pull request with the change
//! report as its body, with the permissions that needs and no more; the
//! release workflow publishes only after every dry run passed, on a
//! version change of `generated/package.yaml`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    xtask::workspace_root()
}

fn validator() -> Option<PathBuf> {
    let path = std::env::var_os("ERRCAT_ACTION_VALIDATOR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join(xtask::TOOLCHAINS_DIR).join("node_modules/.bin/action-validator"));
    if path.exists() {
        return Some(path);
    }
    let message = format!("{} not found (run `cargo xtask test`, which installs it)", path.display());
    assert!(std::env::var_os("CI").is_none(), "CI is set and {message}");
    eprintln!("\n*** SKIPPED (workflow schema): {message} ***\n");
    None
}

/// What the validator says of `file`: `None` when it is valid.
fn invalid(validator: &Path, file: &Path) -> Option<String> {
    let output = Command::new(validator).arg(file).current_dir(root()).output().expect("action-validator runs");
    (!output.status.success())
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr))
}

fn workflow(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join(".github/workflows").join(name)).expect("the workflow");
    serde_saphyr::from_str(&text).expect("YAML")
}

/// Every step of every job.
fn steps(workflow: &serde_json::Value) -> Vec<&serde_json::Value> {
    workflow["jobs"]
        .as_object()
        .expect("jobs")
        .values()
        .flat_map(|job| job["steps"].as_array().expect("steps"))
        .collect()
}

fn runs(workflow: &serde_json::Value) -> String {
    steps(workflow).iter().filter_map(|step| step["run"].as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_workflow_passes_the_workflow_schema() {
    let Some(validator) = validator() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .expect(".github/workflows")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    for file in &files {
        if let Some(said) = invalid(&validator, file) {
            panic!("{}:\n{said}", file.display());
        }
    }
    // The validator does reject what GitHub would.
    let broken = std::env::temp_dir().join(format!("errcat-broken-workflow-{}.yml", std::process::id()));
    let text = std::fs::read_to_string(&files[0]).expect("read").replacen("runs-on:", "runs_on:", 1);
    std::fs::write(&broken, text).expect("write");
    assert!(invalid(&validator, &broken).is_some(), "a job without runs-on passed");
    let _ = std::fs::remove_file(&broken);
}

#[test]
fn the_pull_request_check_runs_tests_drift_check_and_lint_and_shows_findings() {
    let check = workflow("check.yml");
    assert!(check["on"]["pull_request"].is_null() && check["on"].get("pull_request").is_some(), "{}", check["on"]);
    assert_eq!(check["permissions"], serde_json::json!({"contents": "read"}));
    let runs = runs(&check);
    // `.ci/run` is what CI runs: the README's test command, check and lint.
    assert!(runs.contains(".ci/run"), "{runs}");
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    for command in ["cargo xtask test", "cargo xtask check", "cargo xtask lint"] {
        assert!(ci.contains(command), ".ci/run lacks {command}");
    }
    for command in
        ["cargo xtask check --format github", "cargo xtask lint -- --format github", "--format sarif", "--format junit"]
    {
        assert!(runs.contains(command), "no step runs {command}:\n{runs}");
    }
    let uses: Vec<&str> = steps(&check).iter().filter_map(|step| step["uses"].as_str()).collect();
    assert!(uses.iter().any(|action| action.starts_with("github/codeql-action/upload-sarif@")), "{uses:?}");
    let findings = &check["jobs"]["findings"]["permissions"];
    assert_eq!(findings["security-events"], "write");
}

#[test]
fn the_scheduled_job_updates_pages_opens_a_pull_request_and_fails_on_fetch_errors() {
    let upstream = workflow("upstream.yml");
    let cron = upstream["on"]["schedule"][0]["cron"].as_str().expect("a schedule");
    assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
    assert_eq!(upstream["permissions"], serde_json::json!({"contents": "write", "pull-requests": "write"}));
    let steps = steps(&upstream);
    let fetch = steps
        .iter()
        .find(|step| step["run"].as_str().is_some_and(|run| run.contains("cargo xtask upstream -- --update")))
        .expect("a step runs the upstream check with --update");
    let script = fetch["run"].as_str().expect("run");
    // Exit 2 (a page could not be fetched or read) fails the job.
    assert!(script.contains("exit \"$status\"") && script.contains("::error"), "{script}");
    let report = script
        .split("> ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the report is written to a file");
    let pull_request = steps
        .iter()
        .find(|step| step["uses"].as_str().is_some_and(|action| action.starts_with("peter-evans/create-pull-request@")))
        .expect("a step opens the pull request");
    assert_eq!(pull_request["with"]["body-path"], report, "the pull request's body is the change report");
    assert_eq!(pull_request["if"], "steps.upstream.outputs.status == '1'");
    assert_eq!(fetch["id"], "upstream");
}

#[test]
fn the_release_publishes_only_after_every_dry_run_on_a_version_change() {
    let release = workflow("release.yml");
    assert_eq!(release["on"]["push"]["paths"], serde_json::json!(["generated/package.yaml"]));
    assert_eq!(release["on"]["push"]["branches"], serde_json::json!(["main"]));
    assert_eq!(release["permissions"], serde_json::json!({"contents": "read"}));
    let jobs = release["jobs"].as_object().expect("jobs");
    let dry_run = runs(&serde_json::json!({"jobs": {"dry-run": jobs["dry-run"]}}));
    // The dry runs are the release tests, one per registry step.
    assert!(dry_run.contains("cargo xtask test -- -p xtask --test release"), "{dry_run}");
    for (name, job) in jobs {
        if name == "version" || name == "dry-run" {
            continue;
        }
        let needs = job["needs"].as_array().expect("needs");
        assert!(needs.contains(&serde_json::json!("dry-run")), "{name} does not wait for the dry runs");
        // Only the jobs that need more than reading ask for it.
        let permissions = &job["permissions"];
        match name.as_str() {
            "tag" => assert_eq!(permissions["contents"], "write"),
            "pypi" => assert_eq!(permissions["id-token"], "write"),
            _ => assert!(permissions.is_null(), "{name} asks for {permissions}"),
        }
    }
    // Every registry of the release steps is published or tagged.
    let all = runs(&release);
    for command in [
        "cargo publish",
        "npm publish",
        "mvn -B -P release -f generated/java/pom.xml deploy",
        "gradle -p generated/kotlin publish",
        "generated/go/v$VERSION",
    ] {
        assert!(all.contains(command), "no step runs {command}");
    }
    let steps = xtask::release::STEPS.iter().map(|step| step.name).collect::<Vec<_>>();
    assert_eq!(steps, ["rust", "npm", "json", "python", "go", "java", "kotlin", "c"]);
}
