//! The `cargo xtask` command line as a user meets it: `--help`, `-h` and
//! `help` list the commands, every command has its own `--help`, usage
//! errors exit 2 with clap's message; regen and check show which page they
//! read on a terminal and stay quiet in a pipe; and the build `cargo xtask`
//! makes is the one `cargo test --workspace` reuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const COMMANDS: &[&str] =
    &["regen", "check", "test", "names", "diff", "lint", "upstream", "release", "corpus", "bench", "fuzz"];

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("run xtask")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The help of `cargo xtask` lists every command and the shared options.
fn assert_lists_the_commands(help: &str) {
    assert!(help.contains("Usage: cargo xtask [OPTIONS] <COMMAND>"), "{help}");
    for command in COMMANDS {
        assert!(help.lines().any(|line| line.trim_start().starts_with(&format!("{command} "))), "{command} in\n{help}");
    }
    for option in ["--verbose", "--root <DIR>", "Exit codes:"] {
        assert!(help.contains(option), "{option} in\n{help}");
    }
}

#[test]
fn help_long_short_and_the_help_command_list_the_commands() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert_lists_the_commands(&stdout(&output));
    }
    let regen = stdout(&xtask(&["--help"]));
    assert!(regen.contains("regen     Regenerate generated/ from docs-src/ (atomic; refuses on errors)"), "{regen}");
}

#[test]
fn every_command_has_its_help() {
    for command in COMMANDS {
        for help in ["--help", "-h"] {
            let output = xtask(&[command, help]);
            assert_eq!(output.status.code(), Some(0), "{command} {help}: {}", stderr(&output));
            let text = stdout(&output);
            assert!(text.contains(&format!("Usage: cargo xtask {command}")), "{command} {help}:\n{text}");
            assert!(text.contains("--root <DIR>") && text.contains("Exit codes:"), "{command} {help}:\n{text}");
        }
    }
    // The same with `help COMMAND`.
    let output = xtask(&["help", "regen"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("Usage: cargo xtask regen"), "{}", stdout(&output));
}

#[test]
fn regen_help_says_what_it_does_and_its_exit_codes() {
    let output = xtask(&["regen", "--help"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let help = stdout(&output);
    for expected in [
        "Regenerate generated/ from docs-src/ (atomic; refuses on errors)",
        "Usage: cargo xtask regen [OPTIONS]",
        "-v, --verbose",
        "--root <DIR>",
        "1  a page has an error diagnostic; generated/ was not touched",
    ] {
        assert!(help.contains(expected), "{expected} in\n{help}");
    }
    let check = stdout(&xtask(&["check", "--help"]));
    assert!(check.contains("--format <FORMAT>") && check.contains("sarif"), "{check}");
    let names = stdout(&xtask(&["names", "--help"]));
    assert!(names.contains("--suggest") && names.contains("--accept"), "{names}");
    let release = stdout(&xtask(&["release", "--help"]));
    assert!(release.contains("--dry-run") && release.contains("--only <NAME>"), "{release}");
    let test = stdout(&xtask(&["test", "--help"]));
    assert!(test.contains("[-- <CARGO_TEST_ARGS>...]"), "{test}");
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let cases: &[(&[&str], &str)] = &[
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (&["regen", "--bogus"], "unexpected argument '--bogus'"),
        (&["--bogus"], "unexpected argument '--bogus'"),
        (&["regen", "extra"], "unexpected argument 'extra'"),
        (&["regen", "--format", "sarif"], "unexpected argument '--format'"),
        (&["check", "--format", "xml"], "invalid value 'xml' for '--format <FORMAT>'"),
        (&["check", "--format", "xml"], "[possible values: text, github, sarif, junit]"),
        (&["release"], "the following required arguments were not provided:\n  --dry-run"),
        (&["release", "--dry-run", "--only", "nope"], "invalid value 'nope' for '--only <NAME>'"),
        (&["names", "--accept"], "the following required arguments were not provided:\n  --suggest"),
        (&["--root"], "a value is required for '--root <DIR>'"),
    ];
    for (args, message) in cases {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(message), "{args:?}: {message} in\n{}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{args:?}: {}", stdout(&output));
    }
    // No command at all: the help, on stderr, exit 2.
    let output = xtask(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert_lists_the_commands(&stderr(&output));
}

#[test]
fn options_go_before_or_after_the_command() {
    let root = checkout("options");
    let root_arg = root.to_str().expect("utf-8 path");
    for args in [&["regen", "--root", root_arg, "--verbose"][..], &["--root", root_arg, "-v", "regen"]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains("regen: "), "{}", stderr(&output));
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// A checkout of its own under the temporary folder: one Chinese page.
fn checkout(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("errcat-xtask-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("docs-src")).expect("docs-src");
    let manifest = "sources:\n  - id: room-codes\n    file: room-codes.md\n    locale: zh-CN\n  - id: more-room-codes\n    \
                    file: more-room-codes.md\n    locale: zh-CN\n";
    std::fs::write(root.join("docs-src/sources.yaml"), manifest).expect("manifest");
    let page = "# 错误码\n\n## 房间\n\n| 错误码 | 说明 |\n| --- | --- |\n| 1001 | 房间不存在 |\n| 1002 | 房间已满 |\n";
    std::fs::write(root.join("docs-src/room-codes.md"), page).expect("page");
    std::fs::write(root.join("docs-src/more-room-codes.md"), page.replace("100", "200")).expect("page");
    root
}

/// `xtask ARGS --root ROOT` on a pseudo-terminal (util-linux `script`):
/// what the terminal received.
fn on_a_terminal(args: &str, root: &Path) -> String {
    let command = format!("{} {args} --root {}", env!("CARGO_BIN_EXE_xtask"), root.display());
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env("TERM", "xterm")
        .output()
        .expect("run `script` (util-linux) to give xtask a terminal");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn regen_and_check_show_their_progress_on_a_terminal_only() {
    let root = checkout("progress");
    let targets = errcat::render::Target::ALL.len();
    for command in ["regen", "check"] {
        let terminal = on_a_terminal(command, &root);
        for expected in [
            format!("\r\x1b[2K{command}: reading page 1/2 (room-codes)"),
            format!("\r\x1b[2K{command}: reading page 2/2 (more-room-codes)"),
            format!("\r\x1b[2K{command}: rendering {targets} targets\r\x1b[2K"),
        ] {
            assert!(terminal.contains(&expected), "{expected:?} in\n{terminal:?}");
        }
    }
    assert!(on_a_terminal("check", &root).contains("check: generated/ is up to date"));

    // In a pipe (CI, a log file), no progress line.
    for command in ["regen", "check"] {
        let output =
            Command::new(env!("CARGO_BIN_EXE_xtask")).args([command, "--root"]).arg(&root).output().expect("run");
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let said = stderr(&output);
        assert!(!said.contains("reading page") && !said.contains('\x1b'), "{said:?}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

/// Every package with its features as `cargo tree` resolves them for
/// `args`: `name vX.Y.Z` and the features, once for each set it is built
/// with (a build dependency is resolved apart from the same package in the
/// code).
fn features(args: &[&str]) -> std::collections::BTreeSet<(String, String)> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .arg("tree")
        .args(args)
        .args(["--locked", "--offline", "--prefix", "none", "--format", "{p}|{f}"])
        .current_dir(xtask::workspace_root())
        .output()
        .expect("run cargo tree");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .filter_map(|line| line.trim_end_matches(" (*)").split_once('|'))
        .map(|(package, features)| (package.split(" (").next().unwrap_or(package).to_owned(), features.to_owned()))
        .collect()
}

#[test]
fn the_test_build_reuses_what_cargo_xtask_built() {
    // `cargo xtask` builds the xtask binary alone (no dev-dependencies);
    // `cargo xtask test` builds every package with its tests. A dependency
    // both use with other features is built twice, with all that depends
    // on it (errcat included).
    // Left out: clap, which only the xtask binary uses. The tests give it
    // `env` and `wrap_help` (divan's); giving them to `cargo xtask` too
    // would build terminal_size and rustix into every first regen to save
    // the tests a rebuild of clap and the xtask binary.
    const BINARY_ONLY: &[&str] = &["clap ", "clap_builder "];
    let regen = features(&["--package", "xtask", "--edges", "no-dev"]);
    let test = features(&["--workspace"]);
    let differ: Vec<String> = regen
        .difference(&test)
        .filter(|(package, _)| !BINARY_ONLY.iter().any(|name| package.starts_with(name)))
        .map(|(package, features)| {
            let in_test: Vec<&str> =
                test.iter().filter(|(other, _)| other == package).map(|(_, features)| features.as_str()).collect();
            format!("{package}: `{features}` for cargo xtask, `{}` for the tests", in_test.join("` or `"))
        })
        .collect();
    assert!(differ.is_empty(), "features differ:\n{}", differ.join("\n"));
}
