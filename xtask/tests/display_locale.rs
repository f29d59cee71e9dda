//! The manifest's `package: display_locale` reaches the text a code shows
//! by default: the checkout is regenerated with `display_locale: en` in a
//! scratch copy, and the consumer programs of `xtask/consumers/` run
//! against it print the English edition's text where they printed the
//! catalog's own (zh-CN), and still fall back to it for a code the page
//! does not translate (Rust, Go and Python here; every language reads the
//! same setting through the package object's `display_locale`).

mod common;

use std::path::PathBuf;
use std::process::Command;

/// What the consumers print for `display` with the default (zh-CN), and
/// what they must print with `display_locale: en`.
const DEFAULT: &str = "display 请求头部中的 Host 错误。 (100000000)\n";
const ENGLISH: &str = "display Host error in request header. (100000000)\n";

/// A scratch checkout regenerated with `display_locale: en`, with the
/// consumer programs beside it (they reach `generated/` by relative paths).
fn english_checkout(name: &str) -> PathBuf {
    let root = common::scratch_checkout(name);
    common::copy_dir(&xtask::workspace_root().join("xtask/consumers"), &root.join("xtask/consumers"));
    let manifest = root.join("docs-src/sources.yaml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    std::fs::write(&manifest, text.replacen("sources:", "package:\n  display_locale: en\nsources:", 1)).expect("write");
    let output =
        Command::new(env!("CARGO_BIN_EXE_xtask")).args(["regen", "--root"]).arg(&root).output().expect("run xtask");
    assert!(output.status.success(), "regen: {}", String::from_utf8_lossy(&output.stderr));
    root
}

fn run(command: &mut Command, what: &str) -> String {
    let output = command.output().unwrap_or_else(|error| panic!("{what}: cannot start: {error}"));
    assert!(output.status.success(), "{what} failed:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn assert_english(out: &str, what: &str) {
    assert!(out.contains(ENGLISH) && !out.contains(DEFAULT), "{what}:\n{out}");
    // Code 0 of the vendor codes has no English edition: the page's own text.
    assert!(out.contains("zh-CN 成功\n"), "{what}:\n{out}");
}

#[test]
fn the_rust_crate_displays_in_the_manifest_locale() {
    let root = english_checkout("display-rust");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = run(
        Command::new(cargo)
            .args(["run", "--quiet", "--manifest-path"])
            .arg(root.join("xtask/consumers/rust/Cargo.toml"))
            .env("CARGO_TARGET_DIR", root.join("target")),
        "the Rust consumer",
    );
    assert_english(&out, "rust");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_go_module_displays_in_the_manifest_locale() {
    let Some(go) = common::tool("ERRCAT_GO", "go") else { return };
    let root = english_checkout("display-go");
    let out = run(
        Command::new(go)
            .args(["run", "."])
            .current_dir(root.join("xtask/consumers/go"))
            .env("GOCACHE", root.join("go-cache"))
            .env("GOFLAGS", "-mod=mod"),
        "the Go consumer",
    );
    assert_english(&out, "go");
    // `Error()` is the display text too.
    assert!(out.ends_with("err nil Host error in request header. (100000000)\n"), "{out}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn the_python_package_displays_in_the_manifest_locale() {
    let Some(python) = common::tool("ERRCAT_PYTHON", "python3") else { return };
    let root = english_checkout("display-python");
    // A copy: building a package writes into its folder.
    common::copy_dir(&root.join("generated/python"), &root.join("python-package"));
    run(
        xtask::release::python::pip_install(&python, &root.join("site"))
            .arg("--no-build-isolation")
            .arg(root.join("python-package")),
        "pip install",
    );
    let out = run(
        Command::new(&python)
            .arg(root.join("xtask/consumers/python/main.py"))
            .env("PYTHONPATH", root.join("site"))
            .env("PYTHONDONTWRITEBYTECODE", "1"),
        "the Python consumer",
    );
    assert_english(&out, "python");
    let _ = std::fs::remove_dir_all(&root);
}
