//! Every generated package used the way another repository would use it:
//! the programs under `xtask/consumers/<target>/` depend on `generated/`
//! (a Cargo path dependency, `npm install` of the folder, a Go `replace`,
//! `pip install` of the folder, `javac -cp`, `#include` and link), look up
//! a known code and an unknown one, and print them; each test compares
//! what they print with the seed page's own text for that code.
//!
//! The toolchains come from `cargo xtask test` (environment variables, or
//! `PATH`). With `CI` set a missing one fails the test; locally it skips
//! with a loud message.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// What every consumer prints: code 100000000 of the server return codes,
/// with the message its page gives, then an unknown code, kept; then the
/// English message of 100000000 (from the page's English edition), and the
/// English of code 0 of the vendor codes, which have no English edition:
/// the Chinese message, marked as such.
const EXPECTED: &str =
    "100000000 请求头部中的 Host 错误。\n999999999 unknown\nen Host error in request header.\nzh-CN 成功\n";

/// The code contract (`crates/errcat-cli/manual/code-contract.md`), printed the same by
/// every consumer after [`EXPECTED`], each line one promise:
/// - `equal`: `from_code(100000000)` equals the constant `InvalidHost`,
///   and a hash set of the two holds one value;
/// - `unknown`: the code of an unknown code, looked up again from its own
///   code, and whether it is known;
/// - `order`: unknown 999999999, 100000001 and `InvalidHost`, sorted by
///   the language's own ordering of the values;
/// - `json`: the list [`InvalidHost`, unknown 999999999] serialized (the
///   language's JSON, or the documented serialization: the plain code);
/// - `display`: the default text of `InvalidHost` (display locale: the
///   catalog's own, zh-CN, as the manifest sets none), then in `en` per
///   call, then the default text of the unknown code;
/// - `success`: code 0 of the vendor codes is a success code, `InvalidHost`
///   is not.
const CONTRACT: &str = "equal true 1
unknown 999999999 false
order 100000000 100000001 999999999
json [100000000,999999999]
display 请求头部中的 Host 错误。 (100000000)
display en Host error in request header. (100000000)
display error code 999999999
success true false
";

fn expected() -> String {
    format!("{EXPECTED}{CONTRACT}")
}

fn root() -> PathBuf {
    xtask::workspace_root()
}

fn consumer(target: &str) -> PathBuf {
    root().join("xtask/consumers").join(target)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-consumer-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn run(command: &mut Command, what: &str) -> String {
    let output = command.output().unwrap_or_else(|error| panic!("{what}: cannot start: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{what} failed ({}):\n{stdout}\n{stderr}", output.status);
    stdout
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_rust_crate_uses_the_generated_crate_by_path() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = scratch("rust");
    let out = run(
        Command::new(cargo)
            .args(["run", "--quiet", "--manifest-path"])
            .arg(consumer("rust/Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target),
        "cargo run in xtask/consumers/rust",
    );
    assert_eq!(out, expected());
}

#[test]
fn plain_node_and_a_default_tsc_project_import_the_typescript_package() {
    let (Some(npm), Some(node)) = (common::tool("ERRCAT_NPM", "npm"), common::tool("ERRCAT_NODE", "node")) else {
        return;
    };
    let Some(tsc) = common::tool("ERRCAT_TSC", "tsc") else { return };
    let dir = consumer("typescript");
    run(
        Command::new(npm)
            .args(["install", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir),
        "npm install in xtask/consumers/typescript",
    );
    assert_eq!(run(Command::new(&node).arg("main.mjs").current_dir(&dir), "node main.mjs"), expected());
    // CommonJS: `require` gets the package's CommonJS build, with the same answers.
    assert_eq!(run(Command::new(&node).arg("main.cjs").current_dir(&dir), "node main.cjs"), expected());
    // `main.ts` (ES module) and `main.cts` (CommonJS), each with its own types.
    let diagnostics = run(Command::new(tsc).arg("-p").arg(&dir), "tsc -p xtask/consumers/typescript");
    assert!(diagnostics.trim().is_empty(), "tsc:\n{diagnostics}");
}

#[test]
fn a_go_module_uses_the_generated_module_through_replace() {
    let Some(go) = common::tool("ERRCAT_GO", "go") else { return };
    let cache = scratch("go-cache");
    let out = run(
        Command::new(go)
            .args(["run", "."])
            .current_dir(consumer("go"))
            .env("GOCACHE", &cache)
            .env("GOFLAGS", "-mod=mod"),
        "go run in xtask/consumers/go",
    );
    // Go: a success code is no error unless asked (`Err()` is nil for it),
    // and a failing one returned as `error` prints its display text.
    assert_eq!(out, format!("{}err nil 请求头部中的 Host 错误。 (100000000)\n", expected()));
}

#[test]
fn pip_installs_the_generated_python_package() {
    let Some(python) = common::tool("ERRCAT_PYTHON", "python3") else { return };
    let dir = scratch("python");
    // A copy: building a package writes into its folder.
    common::copy_dir(&root().join("generated/python"), &dir.join("package"));
    run(
        xtask::release::python::pip_install(&python, &dir.join("site"))
            .arg("--no-build-isolation")
            .arg(dir.join("package")),
        "pip install generated/python",
    );
    let out = run(
        Command::new(&python)
            .args(["-W", "error"])
            .arg(consumer("python/main.py"))
            .env("PYTHONPATH", dir.join("site"))
            .env("PYTHONDONTWRITEBYTECODE", "1"),
        "python3 xtask/consumers/python/main.py",
    );
    assert_eq!(out, expected());
    assert!(dir.join("site/errcat_codes/py.typed").exists(), "the installed package is not marked as typed");
}

/// Compiles `main` against `classpath` and runs it; `None` (the test
/// skips, loudly) when javac or java is missing outside CI.
fn javac_then_java(classpath: &[PathBuf], main: &Path, what: &str) -> Option<String> {
    let (javac, java) = (common::tool("ERRCAT_JAVAC", "javac")?, common::tool("ERRCAT_JAVA", "java")?);
    let out = scratch(&format!("{what}-main"));
    let mut path = classpath.to_vec();
    let joined = std::env::join_paths(&path).expect("class path");
    run(
        Command::new(javac)
            .args(["-Xlint:all", "-Werror", "-encoding", "UTF-8", "-cp"])
            .arg(&joined)
            .arg("-d")
            .arg(&out)
            .arg(main),
        &format!("javac {what} consumer"),
    );
    path.push(out);
    Some(run(
        Command::new(java)
            .arg("-Dstdout.encoding=UTF-8")
            .arg("-cp")
            .arg(std::env::join_paths(&path).expect("path"))
            .arg("Main"),
        &format!("java {what} consumer"),
    ))
}

#[test]
fn a_java_program_compiles_against_the_generated_sources() {
    let Some(javac) = common::tool("ERRCAT_JAVAC", "javac") else { return };
    let classes = scratch("java-classes");
    run(
        Command::new(javac)
            .args(["-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d"])
            .arg(&classes)
            .args(files(&root().join("generated/java"), "java")),
        "javac generated/java",
    );
    let Some(out) = javac_then_java(&[classes], &consumer("java/Main.java"), "java") else { return };
    assert_eq!(out, expected());
}

#[test]
fn a_java_program_calls_the_generated_kotlin() {
    let Some(kotlinc) = common::tool("ERRCAT_KOTLINC", "kotlinc") else { return };
    let classes = scratch("kotlin-classes");
    run(
        Command::new(&kotlinc)
            .arg("-Werror")
            .arg("-d")
            .arg(&classes)
            .args(files(&root().join("generated/kotlin"), "kt")),
        "kotlinc generated/kotlin",
    );
    // The Kotlin standard library and its annotations, beside kotlinc.
    let lib = kotlinc.canonicalize().expect("kotlinc path").parent().and_then(Path::parent).expect("home").join("lib");
    let classpath = vec![classes, lib.join("kotlin-stdlib.jar"), lib.join("annotations-13.0.jar")];
    let Some(out) = javac_then_java(&classpath, &consumer("kotlin-from-java/Main.java"), "kotlin") else { return };
    assert_eq!(out, expected());
}

#[test]
fn a_c_program_includes_the_header_and_links_the_source() {
    let Some(cc) = common::tool("ERRCAT_CC", "gcc") else { return };
    let out = scratch("c").join("program");
    let generated = root().join("generated/c");
    run(
        Command::new(cc)
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-I"])
            .arg(&generated)
            .arg(consumer("c/main.c"))
            .args(files(&generated, "c"))
            .arg("-o")
            .arg(&out),
        "gcc xtask/consumers/c",
    );
    assert_eq!(run(&mut Command::new(out), "the C consumer"), expected());
}

#[test]
fn a_program_reads_the_generated_json() {
    let Some(node) = common::tool("ERRCAT_NODE", "node") else { return };
    assert_eq!(
        run(Command::new(node).arg(consumer("json/main.mjs")), "node xtask/consumers/json/main.mjs"),
        expected()
    );
}
