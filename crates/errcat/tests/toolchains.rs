//! The generated code in its real toolchains: `tsc --strict`, `kotlinc
//! -Werror`, `go vet` and gofmt, `mypy --strict`, `javac -Xlint:all
//! -Werror` and `gcc -std=c99 -Wall -Wextra -Werror -pedantic` accept
//! `generated/`, and no documentation text, however hostile, and no name,
//! however reserved, changes what the generated code means: a property
//! test renders catalogs of hostile text whose entry and group names are
//! drawn from every language's keywords and generated members, compiles
//! them in all seven languages, runs them to print every stored text, and
//! compares the bytes with the input; the error index of the same catalog
//! is parsed as HTML and must show every text exactly, with no element or
//! script of its own. A second test puts every such word in one catalog at
//! once.
//!
//! With `CI` set, a missing toolchain fails the test; locally it skips with
//! a loud message. `cargo xtask test` installs the toolchains.

mod common;

use common::site_text::{shown, shown_text};
use common::{require_toolchain, run, scratch_dir, workspace_root};
use errcat::catalog::{Catalog, EditionRef, Entry, Group, Retired, SCHEMA, SourceRef, Translation};
use errcat::code::{Code, CodeType};
use errcat::render::{IdentKind, Target, TemplateSet, render};
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;

fn tsc() -> Option<std::path::PathBuf> {
    require_toolchain("tsc", "ERRCAT_TSC", ".bin/tsc", "tsc")
}

fn kotlinc() -> Option<std::path::PathBuf> {
    require_toolchain("kotlinc", "ERRCAT_KOTLINC", "kotlin-compiler/bin/kotlinc", "kotlinc")
}

fn kotlin_runner() -> Option<std::path::PathBuf> {
    require_toolchain("kotlin (runner)", "ERRCAT_KOTLIN", "kotlin-compiler/bin/kotlin", "kotlin")
}

fn go() -> Option<std::path::PathBuf> {
    require_toolchain("go", "ERRCAT_GO", "../go-not-installed-here", "go")
}

fn mypy() -> Option<std::path::PathBuf> {
    require_toolchain("mypy", "ERRCAT_MYPY", "../venv/bin/mypy", "mypy")
}

fn python() -> Option<std::path::PathBuf> {
    require_toolchain("python3", "ERRCAT_PYTHON", "../venv/bin/python3", "python3")
}

fn javac() -> Option<std::path::PathBuf> {
    require_toolchain("javac", "ERRCAT_JAVAC", "../javac-not-installed-here", "javac")
}

fn java() -> Option<std::path::PathBuf> {
    require_toolchain("java", "ERRCAT_JAVA", "../java-not-installed-here", "java")
}

fn cc() -> Option<std::path::PathBuf> {
    require_toolchain("a C compiler", "ERRCAT_CC", "../cc-not-installed-here", "gcc")
}

/// The strict C99 flags every generated C file compiles under.
const C_FLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

fn files_with_extension(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
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

fn node() -> Option<std::path::PathBuf> {
    require_toolchain("node", "ERRCAT_NODE", ".bin/node-not-installed-here", "node")
}

fn kotlin_sources(dir: &Path) -> Vec<std::path::PathBuf> {
    files_with_extension(dir, "kt")
}

/// The compile check of each registered target's `generated/<target>/`,
/// by target id. A target registered without one fails
/// `every_registered_target_has_a_compile_check`.
type CompileCheck = fn(&Path);

const COMPILE_CHECKS: &[(&str, CompileCheck)] = &[
    // A workspace member: `cargo test`, `cargo clippy -D warnings` and
    // `cargo doc` compile it; here, its own tests of the enum behaviour run
    // with the rest (`tests/targets.rs`).
    ("rust", |_| {}),
    ("typescript", check_typescript),
    ("kotlin", check_kotlin),
    // Data, not code: validated against its schema in `tests/targets.rs`
    // (the `jsonschema` crate) and here by Ajv in strict mode.
    ("json", check_json),
    ("go", check_go),
    ("python", check_python),
    ("java", check_java),
    ("c", check_c),
    // HTML: parsed, and checked for its own elements, script and style only.
    ("site", check_site),
];

fn check_go(module: &Path) {
    let Some(go) = go() else { return };
    let cache = scratch_dir("go-cache");
    let output = run(
        Command::new(&go).args(["vet", "./..."]).current_dir(module).env("GOCACHE", &cache).env("GOFLAGS", "-mod=mod"),
        "go vet on generated/go",
    );
    assert!(output.trim().is_empty(), "go vet printed:\n{output}");
    let gofmt = go.with_file_name("gofmt");
    let gofmt = if gofmt.exists() { gofmt } else { "gofmt".into() };
    let unformatted = run(Command::new(gofmt).arg("-l").arg(module), "gofmt -l on generated/go");
    assert!(unformatted.trim().is_empty(), "gofmt would reformat:\n{unformatted}");
}

fn check_python(package: &Path) {
    let (Some(mypy), Some(python)) = (mypy(), python()) else { return };
    let cache = scratch_dir("mypy-cache");
    let output = run(
        Command::new(&mypy)
            .args(["--strict", "--no-error-summary", "--cache-dir"])
            .arg(&cache)
            .arg(package.join("errcat_codes"))
            .current_dir(&cache),
        "mypy --strict on generated/python",
    );
    assert!(output.trim().is_empty(), "mypy printed:\n{output}");
    // The syntax of the oldest Python the package states, and the code
    // contract of every group's every value.
    const CONTRACT: &str = r#"
import ast, copy, json, pathlib, pickle, sys, warnings
import errcat_codes
root = pathlib.Path(sys.argv[1]) / "errcat_codes"
for path in sorted(root.glob("*.py")):
    ast.parse(path.read_text(encoding="utf-8"), str(path), feature_version=(3, 8))
checked = 0
for name in errcat_codes.__all__:
    module = getattr(errcat_codes, name)
    if not hasattr(module, "LOCALE"):
        continue
    for group in vars(module).values():
        if not (isinstance(group, type) and issubclass(group, (errcat_codes.IntCode, errcat_codes.TextCode))):
            continue
        for value in group.members():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                assert group.from_code(value.code) is value and group(value.code) is value, repr(value)
            for again in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
                assert again is value, repr(again)
            assert value == value.code and hash(value) == hash(value.code) and type(value.code) in (int, str)
            assert json.dumps([value]) == json.dumps([value.code]), repr(value)
            assert str(value) == f"{value}" == value.display_in(module.DISPLAY_LOCALE), repr(value)
            assert value.known and value.is_success == (value.code in (0, "0")), repr(value)
            checked += 1
assert checked > 0
"#;
    run(
        Command::new(python)
            .args(["-W", "error", "-c", CONTRACT])
            .arg(package)
            .env("PYTHONPATH", package)
            .env("PYTHONDONTWRITEBYTECODE", "1"),
        "the code contract of generated/python",
    );
}

fn check_java(sources: &Path) {
    let Some(javac) = javac() else { return };
    let out = scratch_dir("java-generated");
    let files = files_with_extension(sources, "java");
    assert!(!files.is_empty());
    let output = Command::new(javac)
        .args(["--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-d"])
        .arg(&out)
        .args(&files)
        .output()
        .expect("javac runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.trim().is_empty(), "javac:\n{stderr}");
}

fn check_c(dir: &Path) {
    let Some(cc) = cc() else { return };
    let out = scratch_dir("c-generated");
    let sources = files_with_extension(dir, "c");
    assert!(!sources.is_empty());
    for source in sources {
        let object = out.join(source.file_name().expect("name")).with_extension("o");
        let output =
            run(Command::new(&cc).args(C_FLAGS).arg("-c").arg(&source).arg("-o").arg(object), "compiling generated/c");
        assert!(output.trim().is_empty(), "{output}");
    }
}

/// Ajv, the validator most JavaScript consumers use, in strict mode with
/// its formats: both schemas compile, the index validates against its
/// schema, every catalog it lists against the catalog schema, and the
/// folder holds no other data.
fn check_json(dir: &Path) {
    let Some(node) = node() else { return };
    let Some(ajv) = require_toolchain("Ajv", "ERRCAT_AJV", "ajv", "ajv-not-on-path") else { return };
    let formats = ajv.parent().expect("node_modules").join("ajv-formats");
    let script = scratch_dir("ajv").join("check.cjs");
    std::fs::write(
        &script,
        r#"const path = require("path");
const fs = require("fs");
const [ajvDir, formatsDir, dir] = process.argv.slice(2);
const Ajv2020 = require(path.join(ajvDir, "dist/2020")).default;
const addFormats = require(formatsDir).default;
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const compile = (name) => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(read(name));
};
const validateCatalog = compile("schema.json");
const validateIndex = compile("index.schema.json");
const check = (validate, name) => {
  if (!validate(read(name))) {
    console.error(name, JSON.stringify(validate.errors, null, 2));
    process.exit(1);
  }
};
check(validateIndex, "index.json");
const listed = read("index.json").catalogs.map((catalog) => catalog.file);
for (const name of listed) check(validateCatalog, name);
const own = ["index.json", "schema.json", "index.schema.json", "package.json"];
const other = fs.readdirSync(dir).filter((name) => name.endsWith(".json") && !own.includes(name) && !listed.includes(name));
if (other.length > 0) { console.error("not in the index: " + other.join(", ")); process.exit(1); }
if (listed.length === 0) { console.error("no catalog in " + dir); process.exit(1); }
console.log("valid: " + listed.length);
"#,
    )
    .expect("script");
    let output =
        run(Command::new(node).arg(&script).arg(&ajv).arg(&formats).arg(dir), "Ajv (strict) on the JSON target");
    assert!(output.starts_with("valid: "), "{output}");
}

#[test]
fn string_coded_json_validates_in_strict_ajv() {
    let page = std::fs::read(workspace_root().join("crates/errcat/tests/pages/string-codes.md")).expect("page");
    let identity =
        errcat::CatalogIdentity { id: "string-codes".to_owned(), locale: "en".to_owned(), ..Default::default() };
    let (catalog, _) = errcat::ingest(
        &errcat::Page::new(&page, "string-codes.md", "string-codes.md"),
        &identity,
        &Default::default(),
        &Default::default(),
    );
    assert!(catalog.groups.iter().any(|group| group.code_type == CodeType::String));
    let dir = scratch_dir("json-strings");
    write_rendered(errcat::render::json::TARGET, &catalog, &dir);
    check_json(&dir);
}

fn check_typescript(project: &Path) {
    let Some(tsc) = tsc() else { return };
    let output =
        run(Command::new(&tsc).args(["--strict", "--noEmit", "-p"]).arg(project), "tsc on generated/typescript");
    assert!(output.trim().is_empty(), "tsc printed diagnostics:\n{output}");
}

fn check_kotlin(dir: &Path) {
    let Some(kotlinc) = kotlinc() else { return };
    let out = scratch_dir("kotlin-generated");
    let sources = kotlin_sources(dir);
    assert!(!sources.is_empty());
    let mut strict = Command::new(&kotlinc);
    strict.arg("-Werror").arg("-d").arg(out.join("classes")).args(&sources);
    let output = strict.output().expect("kotlinc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && !stderr.contains("warning:"), "kotlinc:\n{stderr}");
}

#[test]
fn every_registered_target_has_a_compile_check() {
    for target in Target::ALL {
        assert!(
            COMPILE_CHECKS.iter().any(|(id, _)| *id == target.dir()),
            "target `{}` is registered but generated/{} is not compiled by any test",
            target.dir(),
            target.dir()
        );
    }
}

#[test]
fn every_generated_target_compiles_in_its_toolchain() {
    for target in Target::ALL {
        let check = COMPILE_CHECKS.iter().find(|(id, _)| *id == target.dir()).map(|(_, check)| check);
        if let Some(check) = check {
            check(&workspace_root().join("generated").join(target.dir()));
        }
    }
}

/// Text fragments that break naive code generators.
fn hostile_text() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        Just("*/".to_owned()),
        Just("/*".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("\\".to_owned()),
        Just("$".to_owned()),
        Just("${x}".to_owned()),
        Just("$x".to_owned()),
        Just("`".to_owned()),
        Just("```".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\u{2029}".to_owned()),
        Just("\0".to_owned()),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\t".to_owned()),
        Just("</script>".to_owned()),
        Just("<!--".to_owned()),
        Just("#\"".to_owned()),
        Just("\"#".to_owned()),
        Just("😀".to_owned()),
        Just("𝕏".to_owned()),
        Just("\\u{41}\\n\\0".to_owned()),
        Just("{{ x }}{% if %}".to_owned()),
        Just("中文，处理建议：".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\u{fffe}\u{ffff}".to_owned()),
        Just("<img src=x onerror=alert(1)>&amp;".to_owned()),
        Just("\u{202e}\u{2066}\u{200f}".to_owned()),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(fragment, 0..10).prop_map(|pieces| pieces.concat())
}

/// Every word some target reserves: keywords, names the generated code
/// defines (`Unknown`, `ALL`, `entries`, `valueOf`…) or uses (`Error`).
fn reserved_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Target::ALL
        .iter()
        .flat_map(|target| {
            let language = target.language();
            language.keywords().iter().chain(
                [IdentKind::Module, IdentKind::Type, IdentKind::Member]
                    .into_iter()
                    .flat_map(move |kind| language.reserved(kind).iter()),
            )
        })
        .copied()
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// An entry or group name: a reserved word, hostile text, or a plain name.
fn hostile_name() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(reserved_words()).prop_map(str::to_owned),
        hostile_text(),
        Just("Plain".to_owned()),
    ]
}

fn hostile_catalog(texts: &[String], names: &[String]) -> Catalog {
    let pick = |index: usize| texts[index % texts.len()].clone();
    // Names are unique within a group, as a loaded catalog's are: a drawn
    // name seen before gets its index.
    let mut seen = std::collections::BTreeSet::new();
    let names: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(index, name)| if seen.insert(name.clone()) { name.clone() } else { format!("{name}{index}") })
        .collect();
    let name = |index: usize| names.get(index).cloned().unwrap_or_else(|| format!("Entry{index}"));
    let entries = (0..texts.len())
        .map(|index| Entry {
            code: Code::new(i64::try_from(index).unwrap_or(0) * 7 - 3),
            name: name(index),
            doc_name: None,
            message: Some(pick(index)),
            cause: (index % 2 == 0).then(|| pick(index + 1)),
            solution: (index % 3 != 0).then(|| pick(index + 2)),
            notes: vec![pick(index + 3)],
            same_row: Vec::new(),
            sections: Vec::new(),
            variants: Vec::new(),
            lines: vec![1],
            // Three codes in four have English text (hostile too); the
            // fourth falls back to the catalog's own.
            translations: if index % 4 == 3 {
                std::collections::BTreeMap::new()
            } else {
                let english = Translation {
                    message: Some(pick(index + 5)),
                    solution: (index % 2 == 1).then(|| pick(index + 6)),
                    ..Translation::default()
                };
                std::collections::BTreeMap::from([("en".to_owned(), english)])
            },
            ..Entry::default()
        })
        .collect::<Vec<_>>();
    // A second group named by a drawn name, its members named like the
    // first group's: it must compile too.
    let second = Group {
        name: names.first().cloned().unwrap_or_else(|| "Second".to_owned()),
        title: pick(2),
        // Codes beyond `i32` and beyond 2^53, to both ends of `i64`.
        entries: entries
            .iter()
            .zip(WIDE_CODES)
            .map(|(entry, code)| Entry { code: Code::new(*code), ..entry.clone() })
            .collect(),
        ..Group::default()
    };
    // A string-coded group whose codes are hostile text themselves (made
    // unique by their index): quotes, `*/`, `${`, backslashes, NUL, non-BMP.
    let keyed = Group {
        name: "Keyed".to_owned(),
        title: pick(3),
        code_type: CodeType::String,
        entries: entries
            .iter()
            .enumerate()
            .map(|(index, entry)| Entry { code: Code::text(&format!("{}{index}", pick(index + 4))), ..entry.clone() })
            .collect(),
        ..Group::default()
    };
    Catalog {
        schema: SCHEMA.to_owned(),
        id: "hostile".to_owned(),
        title: pick(0),
        locale: "und".to_owned(),
        source: SourceRef { file: "hostile.md".to_owned(), sha256: "0".repeat(64), upstream: None },
        notes: texts.to_vec(),
        editions: vec![EditionRef {
            locale: "en".to_owned(),
            source: SourceRef { file: "hostile.en.md".to_owned(), sha256: "0".repeat(64), upstream: None },
        }],
        groups: vec![
            Group {
                name: "Hostile".to_owned(),
                title: pick(1),
                // A retired code: deprecated in every target, still looked up.
                retired: vec![Retired { code: Code::new(1_000_003), name: "Gone".to_owned() }],
                entries,
                ..Group::default()
            },
            second,
            keyed,
        ],
    }
}

fn hex(text: Option<&str>) -> String {
    text.map_or_else(|| "-".to_owned(), |text| text.bytes().map(|byte| format!("{byte:02x}")).collect())
}

/// The codes of the second group: past `i32`, past 2^53, and both ends of
/// `i64` (TypeScript: `bigint`; C: `long long`).
const WIDE_CODES: &[i64] = &[i64::MAX, i64::MIN, 1 << 53, -(1 << 53) - 1, 2_147_483_648];

/// A string code no catalog has: kept as it is by every lookup.
const UNKNOWN_TEXT_CODE: &str = "\0unknown\"*/${x}\\";

/// What every program prints: per entry, message, cause and solution; per
/// string-coded entry, its code, its message and whether looking its code
/// up finds it; then an unknown string code as the lookup keeps it; then,
/// per code of the first group, the locale and the message its texts in
/// `en` come in (English where the code has it, else the catalog's own).
fn expected(catalog: &Catalog) -> String {
    expected_texts(catalog) + &in_english(catalog)
}

fn in_english(catalog: &Catalog) -> String {
    let group = &catalog.groups[0];
    let mut out = String::new();
    for entry in &group.entries {
        match entry.translations.get("en") {
            Some(english) => out.push_str(&format!("en\n{}\n", hex(english.message.as_deref()))),
            None => out.push_str(&format!("{}\n{}\n", catalog.locale, hex(entry.message.as_deref()))),
        }
    }
    for _ in &group.retired {
        out.push_str(&format!("{}\n-\n", catalog.locale));
    }
    out
}

/// What every program but Kotlin's (whose enum keeps no name beside its
/// identifier) prints last: the name of each code of the first group, as
/// the catalog has it, entries then retired codes.
fn names(catalog: &Catalog) -> String {
    let group = &catalog.groups[0];
    let names = group.entries.iter().map(|entry| &entry.name).chain(group.retired.iter().map(|retired| &retired.name));
    names.map(|name| format!("{}\n", hex(Some(name)))).collect()
}

fn expected_texts(catalog: &Catalog) -> String {
    let mut out = String::new();
    for entry in &catalog.groups[0].entries {
        for text in [&entry.message, &entry.cause, &entry.solution] {
            out.push_str(&hex(text.as_deref()));
            out.push('\n');
        }
    }
    // Retired codes come last and document nothing.
    for _ in &catalog.groups[0].retired {
        out.push_str("-\n-\n-\n");
    }
    for entry in &catalog.groups[1].entries {
        out.push_str(&format!("{}\nknown\n", entry.code));
    }
    for entry in &catalog.groups[2].entries {
        out.push_str(&format!("{}\n{}\nknown\n", hex(entry.code.as_text()), hex(entry.message.as_deref())));
    }
    out.push_str(&format!("{}\nunknown\n", hex(Some(UNKNOWN_TEXT_CODE))));
    out
}

fn write_rendered(target: Target, catalog: &Catalog, dir: &Path) {
    for file in render(target, std::slice::from_ref(catalog), &TemplateSet::builtin(target)).expect("renders") {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, file.text).expect("write");
    }
}

fn rust_round_trip(catalog: &Catalog, dir: &Path) -> String {
    write_rendered(errcat::render::rust::TARGET, catalog, dir);
    std::fs::write(
        dir.join("main.rs"),
        r#"use errcat_codes::hostile;
fn hex(text: Option<&str>) -> String {
    text.map_or_else(|| "-".to_owned(), |text| text.bytes().map(|byte| format!("{byte:02x}")).collect())
}
fn main() {
    for code in hostile::Hostile::ALL {
        println!("{}", hex(code.message()));
        println!("{}", hex(code.cause()));
        println!("{}", hex(code.solution()));
    }
    for code in hostile::WIDE::ALL {
        println!("{}", code.code());
        println!("{}", if hostile::WIDE::from_code(code.code()) == *code { "known" } else { "lost" });
    }
    for code in hostile::Keyed::ALL {
        println!("{}", hex(Some(code.code())));
        println!("{}", hex(code.message()));
        println!("{}", if hostile::Keyed::from_code(code.code()) == *code { "known" } else { "lost" });
    }
    let unknown = hostile::Keyed::from_code(UNKNOWN);
    println!("{}", hex(Some(unknown.code())));
    println!("{}", if unknown.is_known() { "known" } else { "unknown" });
    for code in hostile::Hostile::ALL {
        let texts = code.texts_in("en");
        println!("{}", texts.locale);
        println!("{}", hex(texts.message));
    }
    for code in hostile::Hostile::ALL {
        println!("{}", hex(code.name()));
    }
}
"#
        .replace("UNKNOWN", &format!("{UNKNOWN_TEXT_CODE:?}"))
        .replace("WIDE", &names_in(errcat::render::rust::TARGET.language(), catalog).2),
    )
    .expect("write main");
    // The generated crate as a library, and a program that depends on it.
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let library = dir.join("liberrcat_codes.rlib");
    run(
        Command::new(&rustc)
            .args(["--edition", "2021", "-D", "warnings", "--crate-type", "lib", "--crate-name", "errcat_codes", "-o"])
            .arg(&library)
            .arg(dir.join("src/lib.rs")),
        "rustc on the hostile crate",
    );
    let mut extern_arg = std::ffi::OsString::from("errcat_codes=");
    extern_arg.push(&library);
    run(
        Command::new(&rustc)
            .args(["--edition", "2021", "-D", "warnings", "--extern"])
            .arg(extern_arg)
            .arg("-o")
            .arg(dir.join("program"))
            .arg(dir.join("main.rs")),
        "rustc on the hostile program",
    );
    run(&mut Command::new(dir.join("program")), "running the Rust program")
}

/// The names `language` gives the hostile catalog: its module, and the
/// types of its three groups.
fn names_in(language: &dyn errcat::render::Language, catalog: &Catalog) -> (String, String, String, String) {
    let model = errcat::render::CodeModel::new(vec![catalog.clone()]);
    let (naming, _) = errcat::render::identifiers::Identifiers::new(language, &model);
    let module = &naming.modules[0];
    let name = |index: usize| module.types[index].name.to_string();
    (module.name.to_string(), name(0), name(1), name(2))
}

fn go_round_trip(catalog: &Catalog, dir: &Path, go: &Path) -> String {
    let language = errcat::render::go::TARGET.language();
    write_rendered(errcat::render::go::TARGET, catalog, dir);
    let (module, hostile, wide, keyed) = names_in(language, catalog);
    std::fs::create_dir_all(dir.join("cmd")).expect("mkdir");
    std::fs::write(
        dir.join("cmd/main.go"),
        format!(
            r#"package main

import (
	"encoding/json"
	"fmt"

	codes "{path}/{module}"
)

func hex(text *string) string {{
	if text == nil {{
		return "-"
	}}
	return fmt.Sprintf("%x", *text)
}}

func main() {{
	for _, code := range codes.{hostile}Codes() {{
		doc, _ := code.Doc()
		fmt.Println(hex(doc.Message))
		fmt.Println(hex(doc.Cause))
		fmt.Println(hex(doc.Solution))
	}}
	for _, code := range codes.{wide}Codes() {{
		fmt.Println(int64(code))
		if _, known := codes.{wide}(int64(code)).Doc(); known {{
			fmt.Println("known")
		}} else {{
			fmt.Println("lost")
		}}
	}}
	for _, code := range codes.{keyed}Codes() {{
		doc, _ := code.Doc()
		text := string(code)
		fmt.Println(hex(&text))
		fmt.Println(hex(doc.Message))
		if again, known := codes.{keyed}(text).Doc(); known && again.Name == doc.Name {{
			fmt.Println("known")
		}} else {{
			fmt.Println("lost")
		}}
	}}
	unknown := codes.{keyed}({unknown})
	text := string(unknown)
	fmt.Println(hex(&text))
	if unknown.Known() {{
		fmt.Println("known")
	}} else {{
		fmt.Println("unknown")
	}}
	for _, code := range codes.{hostile}Codes() {{
		doc, locale, _ := code.DocIn("en")
		fmt.Println(locale)
		fmt.Println(hex(doc.Message))
	}}
	for _, code := range codes.{hostile}Codes() {{
		doc, _ := code.Doc()
		fmt.Println(hex(&doc.Name))
	}}
	fmt.Println("{CONTRACT_MARK}")
	for _, code := range codes.{hostile}Codes() {{
		english, own := code.DisplayIn("en"), code.String()
		fmt.Println(hex(&english))
		fmt.Println(hex(&own))
	}}
	other := codes.{hostile}({UNKNOWN_INT_CODE})
	fmt.Println(other.Error(), other.Known())
	plain, _ := json.Marshal([]codes.{hostile}{{codes.{hostile}Codes()[0], other}})
	fmt.Println(string(plain))
	fmt.Println(codes.{hostile}(0).IsSuccess(), codes.{hostile}(0).Err() == nil, codes.{hostile}Codes()[0].Err() != nil)
	var err error = codes.{keyed}("0").Err()
	fmt.Println(err == nil)
}}
"#,
            path = errcat::render::go::MODULE_PATH,
            unknown = language.string_literal(UNKNOWN_TEXT_CODE),
        ),
    )
    .expect("main.go");
    let cache = dir.join("gocache");
    run(
        Command::new(go).args(["vet", "./..."]).current_dir(dir).env("GOCACHE", &cache).env("GOFLAGS", "-mod=mod"),
        "go vet on hostile catalog",
    );
    let output = run(
        Command::new(go).args(["run", "./cmd"]).current_dir(dir).env("GOCACHE", &cache).env("GOFLAGS", "-mod=mod"),
        "running the Go program",
    );
    // The code contract, checked here: what follows the mark is Go's own.
    let (texts, contract) = output.split_once(&format!("{CONTRACT_MARK}\n")).expect("the contract mark");
    let first = catalog.groups[0].entries[0].code.to_string();
    let want = format!(
        "{}error code {UNKNOWN_INT_CODE} false\n[{first},{UNKNOWN_INT_CODE}]\ntrue true true\ntrue\n",
        displays(catalog)
    );
    assert_eq!(contract, want, "Go: display, unknown, JSON and success");
    texts.to_owned()
}

/// Marks where a program's own checks of the code contract start.
const CONTRACT_MARK: &str = "--contract--";

/// An integer code no group of the hostile catalog has.
const UNKNOWN_INT_CODE: i64 = 123_456_789;

/// Per code of the first group (entries, then retired codes): the hex of
/// its display text in `en`, then in the catalog's own locale (`message
/// (code)`, or `error code N` without a message).
fn displays(catalog: &Catalog) -> String {
    let group = &catalog.groups[0];
    let shown = |message: Option<&str>, code: &Code| match message {
        Some(message) => hex(Some(&format!("{message} ({code})"))),
        None => hex(Some(&format!("error code {code}"))),
    };
    let mut out = String::new();
    for entry in &group.entries {
        let english = match entry.translations.get("en") {
            Some(english) => english.message.as_deref(),
            None => entry.message.as_deref(),
        };
        out.push_str(&format!("{}\n{}\n", shown(english, &entry.code), shown(entry.message.as_deref(), &entry.code)));
    }
    for retired in &group.retired {
        out.push_str(&format!("{}\n{}\n", shown(None, &retired.code), shown(None, &retired.code)));
    }
    out
}

fn python_round_trip(catalog: &Catalog, dir: &Path, mypy: &Path, python: &Path) -> String {
    let language = errcat::render::python::TARGET.language();
    write_rendered(errcat::render::python::TARGET, catalog, dir);
    let (module, hostile, wide, keyed) = names_in(language, catalog);
    std::fs::write(
        dir.join("main.py"),
        format!(
            r#"from typing import Optional

from errcat_codes.{module} import {hostile}, {keyed}, {wide}


def hexed(text: Optional[str]) -> str:
    return "-" if text is None else text.encode("utf-8").hex()


for entry in {hostile}.members():
    print(hexed(entry.message))
    print(hexed(entry.cause))
    print(hexed(entry.solution))
for wide in {wide}.members():
    print(wide.code)
    print("known" if {wide}.from_code(wide.code) is wide else "lost")
for keyed in {keyed}.members():
    print(hexed(keyed.code))
    print(hexed(keyed.message))
    print("known" if {keyed}.from_code(keyed.code) is keyed else "lost")
unknown = {keyed}.from_code({unknown})
print(hexed(unknown.code))
print("known" if unknown.known else "unknown")
for entry in {hostile}.members():
    texts = entry.texts_in("en")
    print(texts.locale)
    print(hexed(texts.message))
for entry in {hostile}.members():
    print(hexed(entry.name))
"#,
            unknown = language.string_literal(UNKNOWN_TEXT_CODE),
        ),
    )
    .expect("main.py");
    let output = run(
        Command::new(mypy)
            .args(["--strict", "--no-error-summary", "--cache-dir"])
            .arg(dir.join("cache"))
            .arg("errcat_codes")
            .arg("main.py")
            .current_dir(dir),
        "mypy --strict on hostile catalog",
    );
    assert!(output.trim().is_empty(), "mypy:\n{output}");
    // A retired code is still looked up, with a DeprecationWarning, from
    // `from_code` and from its class attribute.
    let (_, hostile_type, _, _) = names_in(language, catalog);
    let check = format!(
        r#"import warnings
from errcat_codes.{module} import {hostile_type}
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    gone = {hostile_type}.from_code(1000003)
    again = {hostile_type}.GONE
assert gone.retired and gone.name == "Gone" and again is gone, gone
assert [w.category for w in caught] == [DeprecationWarning, DeprecationWarning], caught
# Values are their codes, and copies and pickles keep the one value of a
# known code and the code of an unknown one.
import copy, json, pickle
from errcat_codes.{module} import {keyed}, {wide}
for value in {wide}.members() + {keyed}.members():
    assert pickle.loads(pickle.dumps(value)) is value and copy.deepcopy(value) is value, repr(value)
    assert json.loads(json.dumps(value)) == value.code and type(value.code) in (int, str), repr(value)
unknown = pickle.loads(pickle.dumps({keyed}.from_code({unknown})))
assert type(unknown) is {keyed} and unknown.code == {unknown} and not unknown.known, repr(unknown)
assert str(unknown) == "error code " + {unknown}, str(unknown)
"#,
        unknown = language.string_literal(UNKNOWN_TEXT_CODE),
    );
    run(
        Command::new(python).args(["-c", &check]).current_dir(dir).env("PYTHONDONTWRITEBYTECODE", "1"),
        "a retired Python code warns",
    );
    run(
        Command::new(python).args(["-W", "error", "main.py"]).current_dir(dir).env("PYTHONDONTWRITEBYTECODE", "1"),
        "running the Python program",
    )
}

fn java_round_trip(catalog: &Catalog, dir: &Path, javac: &Path, java: &Path) -> String {
    let language = errcat::render::java::TARGET.language();
    write_rendered(errcat::render::java::TARGET, catalog, dir);
    let (module, hostile, wide, keyed) = names_in(language, catalog);
    let gone = retired_member(language, catalog);
    let module = format!("{}.{module}", errcat::render::PackageMeta::default().java_package());
    std::fs::write(
        dir.join("Main.java"),
        format!(
            r#"import {module};
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class Main {{
    private Main() {{
    }}

    static String hex(String text) {{
        if (text == null) {{
            return "-";
        }}
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {{
            out.append(String.format("%02x", b & 0xff));
        }}
        return out.toString();
    }}

    /** Each value is the one value of its code: looked up, equal, same hash. */
    static <T extends Comparable<T>> boolean oneValuePerCode(List<T> values, java.util.function.Function<T, T> again) {{
        for (T value : values) {{
            T found = again.apply(value);
            if (found != value || !found.equals(value) || found.hashCode() != value.hashCode()) {{
                return false;
            }}
        }}
        return true;
    }}

    @SuppressWarnings("deprecation")
    public static void main(String[] args) {{
        for ({module}.{hostile} code : {module}.{hostile}.values()) {{
            System.out.println(hex(code.message().orElse(null)));
            System.out.println(hex(code.cause().orElse(null)));
            System.out.println(hex(code.solution().orElse(null)));
        }}
        for ({module}.{wide} code : {module}.{wide}.values()) {{
            System.out.println(code.code());
            System.out.println({module}.{wide}.fromCode(code.code()) == code ? "known" : "lost");
        }}
        for ({module}.{keyed} code : {module}.{keyed}.values()) {{
            System.out.println(hex(code.code()));
            System.out.println(hex(code.message().orElse(null)));
            System.out.println({module}.{keyed}.fromCode(code.code()) == code ? "known" : "lost");
        }}
        {module}.{keyed} unknown = {module}.{keyed}.fromCode({unknown});
        System.out.println(hex(unknown.code()));
        System.out.println(unknown.isKnown() ? "known" : "unknown");
        for ({module}.{hostile} code : {module}.{hostile}.values()) {{
            {module}.Texts texts = code.textsIn("en");
            System.out.println(texts.locale());
            System.out.println(hex(texts.message()));
        }}
        for ({module}.{hostile} code : {module}.{hostile}.values()) {{
            System.out.println(hex(code.codeName().orElse(null)));
        }}
        System.out.println("{CONTRACT_MARK}");
        for ({module}.{hostile} code : {module}.{hostile}.values()) {{
            System.out.println(hex(code.display("en")));
            System.out.println(hex(code.toString()));
        }}
        {module}.{hostile} other = {module}.{hostile}.fromCode({UNKNOWN_INT_CODE}L);
        System.out.println(other + " " + other.isKnown());
        System.out.println("[" + {module}.{hostile}.values().get(0).code() + "," + other.code() + "]");
        System.out.println({module}.{hostile}.fromCode(0L).isSuccess() + " " + {module}.{hostile}.values().get(0).isSuccess() + " " + {module}.{keyed}.fromCode("0").isSuccess());
        List<{module}.{wide}> sorted = new ArrayList<>({module}.{wide}.values());
        Collections.reverse(sorted);
        Collections.sort(sorted);
        List<Long> codes = new ArrayList<>();
        for ({module}.{wide} code : {module}.{wide}.values()) {{
            codes.add(code.code());
        }}
        Collections.sort(codes);
        boolean ordered = true;
        for (int index = 0; index < codes.size(); index++) {{
            ordered &= sorted.get(index).code() == codes.get(index);
        }}
        {module}.{wide} unknownWide = {module}.{wide}.fromCode({UNKNOWN_INT_CODE}L);
        System.out.println(oneValuePerCode({module}.{hostile}.values(), code -> {module}.{hostile}.fromCode(code.code()))
            && oneValuePerCode({module}.{wide}.values(), code -> {module}.{wide}.fromCode(code.code()))
            && oneValuePerCode({module}.{keyed}.values(), code -> {module}.{keyed}.fromCode(code.code()))
            && unknownWide.equals({module}.{wide}.fromCode({UNKNOWN_INT_CODE}L))
            && unknownWide.hashCode() == {module}.{wide}.fromCode({UNKNOWN_INT_CODE}L).hashCode()
            && !{module}.{wide}.values().contains(unknownWide)
            && ordered);
        {module}.{hostile} gone = {module}.{hostile}.fromCode(1000003L);
        System.out.println(gone == {module}.{hostile}.{gone} && gone.isRetired() && gone.isKnown());
    }}
}}
"#,
            unknown = language.string_literal(UNKNOWN_TEXT_CODE),
        ),
    )
    .expect("Main.java");
    // Using the retired code without asking is a deprecation warning, and
    // the only warning of the whole compilation.
    std::fs::write(
        dir.join("Probe.java"),
        format!("final class Probe {{\n    private Probe() {{\n    }}\n\n    static final Object GONE = {module}.{hostile}.{gone};\n}}\n"),
    )
    .expect("Probe.java");
    let mut files = files_with_extension(dir, "java");
    files.retain(|path| !path.starts_with(dir.join("classes")));
    let output = Command::new(javac)
        .args(["--release", "17", "-Xlint:all", "-encoding", "UTF-8", "-d"])
        .arg(dir.join("classes"))
        .args(&files)
        .output()
        .expect("javac runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("warning:")).collect();
    assert!(
        output.status.success()
            && !warnings.is_empty()
            && warnings.iter().all(|line| line.contains("Probe.java") && line.contains("[deprecation]")),
        "javac (only the retired code's deprecation is expected):\n{stderr}"
    );
    let output = run(
        Command::new(java).arg("-Dstdout.encoding=UTF-8").arg("-cp").arg(dir.join("classes")).arg("Main"),
        "running the Java program",
    );
    // The code contract, checked here: what follows the mark is Java's own.
    let (texts, contract) = output.split_once(&format!("{CONTRACT_MARK}\n")).expect("the contract mark");
    let first = catalog.groups[0].entries[0].code.to_string();
    let want = format!(
        "{}error code {UNKNOWN_INT_CODE} false\n[{first},{UNKNOWN_INT_CODE}]\ntrue false true\ntrue\ntrue\n",
        displays(catalog)
    );
    assert_eq!(contract, want, "Java: display, unknown, serialization, success, one value per code, order, retired");
    texts.to_owned()
}

/// The identifier `language` gives the retired code of the hostile
/// catalog's first group (its last member).
fn retired_member(language: &dyn errcat::render::Language, catalog: &Catalog) -> String {
    let model = errcat::render::CodeModel::new(vec![catalog.clone()]);
    let (naming, _) = errcat::render::identifiers::Identifiers::new(language, &model);
    naming.modules[0].types[0].members.last().expect("the retired code").to_string()
}

/// `catalog` with every NUL replaced: a C string ends at its first NUL, so
/// the C target refuses such texts (checked here), and the rest of the
/// catalog must still round-trip.
fn without_nul(catalog: &Catalog) -> Catalog {
    let target = errcat::render::c::TARGET;
    let has_nul = |text: &str| text.contains('\0');
    let any_nul = catalog.groups.iter().flat_map(|group| &group.entries).any(|entry| {
        let translated = entry.translations.values().flat_map(|text| [&text.message, &text.cause, &text.solution]);
        entry.code.as_text().is_some_and(has_nul)
            || has_nul(&entry.name)
            || [&entry.message, &entry.cause, &entry.solution]
                .into_iter()
                .chain(translated)
                .flatten()
                .any(|text| has_nul(text))
    });
    if any_nul {
        let refused = render(target, std::slice::from_ref(catalog), &TemplateSet::builtin(target));
        assert!(
            matches!(refused, Err(errcat::render::RenderError::Unrepresentable(ref message)) if message.contains("NUL")),
            "C must refuse a text with NUL: {refused:?}"
        );
    }
    let text = serde_json::to_string(catalog).expect("json").replace("\\u0000", "\\u0001");
    serde_json::from_str(&text).expect("catalog")
}

fn c_round_trip(catalog: &Catalog, dir: &Path, cc: &Path) -> (String, String) {
    let language = errcat::render::c::TARGET.language();
    let catalog = &without_nul(catalog);
    write_rendered(errcat::render::c::TARGET, catalog, dir);
    let (module, hostile, wide, keyed) = names_in(language, catalog);
    std::fs::write(
        dir.join("main.c"),
        format!(
            r#"#include "{module}.h"

#include <stdio.h>
#include <string.h>

static void hex(const char *text)
{{
    if (text == NULL) {{
        puts("-");
        return;
    }}
    for (; *text != '\0'; text++) {{
        printf("%02x", (unsigned)(unsigned char)*text);
    }}
    putchar('\n');
}}

int main(void)
{{
    size_t index;
    const char *unknown = {unknown};
    for (index = 0; index < {hostile}_code_count; index++) {{
        hex({hostile}_message({hostile}_codes[index]));
        hex({hostile}_cause({hostile}_codes[index]));
        hex({hostile}_solution({hostile}_codes[index]));
    }}
    for (index = 0; index < {wide}_code_count; index++) {{
        printf("%lld\n", {wide}_codes[index]);
        puts({wide}_name({wide}_codes[index]) != NULL ? "known" : "lost");
    }}
    for (index = 0; index < {keyed}_code_count; index++) {{
        hex({keyed}_codes[index]);
        hex({keyed}_message({keyed}_codes[index]));
        puts({keyed}_name({keyed}_codes[index]) != NULL ? "known" : "lost");
    }}
    hex(unknown);
    puts({keyed}_name(unknown) != NULL ? "known" : "unknown");
    for (index = 0; index < {hostile}_code_count; index++) {{
        struct errcat_texts texts;
        {hostile}_texts_in({hostile}_codes[index], "en", &texts);
        puts(texts.locale);
        hex(texts.message);
    }}
    for (index = 0; index < {hostile}_code_count; index++) {{
        hex({hostile}_name({hostile}_codes[index]));
    }}
    {{
        /* No locale asks for the catalog's own texts; no `out` is refused. */
        struct errcat_texts texts;
        printf("%d\n", {hostile}_texts_in({hostile}_codes[0], NULL, &texts));
        puts(texts.locale);
        printf("%d\n", {hostile}_texts_in({hostile}_codes[0], "en", NULL));
    }}
    {{
        /* The code contract: display texts (their length asked first, as
         * of snprintf), an unknown code, the success code. */
        static char text[1 << 16];
        for (index = 0; index < {hostile}_code_count; index++) {{
            int wanted = {hostile}_display({hostile}_codes[index], NULL, NULL, 0);
            {hostile}_display({hostile}_codes[index], "en", text, sizeof text);
            hex(text);
            printf("%d\n", {hostile}_display({hostile}_codes[index], NULL, text, sizeof text) == wanted && strlen(text) == (size_t)wanted);
            hex(text);
        }}
        {hostile}_display({unknown_int}, NULL, text, 4);
        puts(text);
        {hostile}_display({unknown_int}, NULL, text, sizeof text);
        puts(text);
        printf("%d %d %d\n", {hostile}_is_known({unknown_int}), {hostile}_is_known({hostile}_codes[0]), {hostile}_is_success(0));
        printf("%d %d\n", {keyed}_is_success("0"), {keyed}_is_success(NULL));
    }}
    return 0;
}}
"#,
            unknown_int = format!("{UNKNOWN_INT_CODE}L"),
            unknown = language.string_literal(&UNKNOWN_TEXT_CODE.replace('\0', "\u{1}")),
        ),
    )
    .expect("main.c");
    run(
        Command::new(cc)
            .args(C_FLAGS)
            .arg("-o")
            .arg(dir.join("program"))
            .arg(dir.join("main.c"))
            .arg(dir.join(format!("{module}.c"))),
        "compiling the C program",
    );
    let output = run(&mut Command::new(dir.join("program")), "running the C program");
    (
        output,
        expected(catalog).replace(&hex(Some(UNKNOWN_TEXT_CODE)), &hex(Some(&UNKNOWN_TEXT_CODE.replace('\0', "\u{1}"))))
            + &names(catalog)
            + &format!("1\n{}\n0\n", catalog.locale)
            + &c_displays(catalog)
            + &format!("err\nerror code {UNKNOWN_INT_CODE}\n0 1 1\n1 0\n"),
    )
}

/// [`displays`] as the C program prints them: the `en` text, whether the
/// default text is as long as `_display` said first, the default text.
fn c_displays(catalog: &Catalog) -> String {
    let lines: Vec<String> = displays(catalog).lines().map(str::to_owned).collect();
    lines.chunks(2).map(|pair| format!("{}\n1\n{}\n", pair[0], pair[1])).collect()
}

fn typescript_round_trip(catalog: &Catalog, dir: &Path, tsc: &Path, node: &Path) -> String {
    let language = errcat::render::typescript::TARGET.language();
    let (_, hostile, wide, keyed) = names_in(language, catalog);
    let lookup = |type_name: &str| language.type_attribute("lookup", type_name).expect("lookup name");
    write_rendered(errcat::render::typescript::TARGET, catalog, dir);
    std::fs::rename(dir.join("tsconfig.json"), dir.join("tsconfig.base.json")).expect("rename");
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "extends": "./tsconfig.base.json", "compilerOptions": { "noEmit": false }, "include": ["*.d.ts", "*.d.cts", "main.ts", "main.cts"] }"#,
    )
    .expect("tsconfig");
    let program = r#"import { compare, HOSTILE, KEYED, KEYED_LOOKUP, HOSTILE_LOOKUP, textsIn, WIDE, WIDE_LOOKUP } from "./hostile.EXTENSION";
declare const console: { log(...args: unknown[]): void };
function hex(text: string | null): string {
  if (text === null) return "-";
  let out = "";
  for (const character of text) {
    const point = character.codePointAt(0) ?? 0;
    const bytes = point < 0x80 ? [point]
      : point < 0x800 ? [0xc0 | (point >> 6), 0x80 | (point & 63)]
      : point < 0x10000 ? [0xe0 | (point >> 12), 0x80 | ((point >> 6) & 63), 0x80 | (point & 63)]
      : [0xf0 | (point >> 18), 0x80 | ((point >> 12) & 63), 0x80 | ((point >> 6) & 63), 0x80 | (point & 63)];
    for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  }
  return out;
}
for (const entry of Object.values(HOSTILE)) {
  console.log(hex(entry.message));
  console.log(hex(entry.cause));
  console.log(hex(entry.solution));
}
for (const entry of Object.values(WIDE)) {
  console.log(String(entry.code));
  console.log(WIDE_LOOKUP(entry.code) === entry ? "known" : "lost");
}
for (const entry of Object.values(KEYED)) {
  console.log(hex(entry.code));
  console.log(hex(entry.message));
  console.log(KEYED_LOOKUP(entry.code) === entry ? "known" : "lost");
}
const unknown = KEYED_LOOKUP(UNKNOWN);
console.log(hex(unknown.code));
console.log(unknown.isKnown ? "known" : "unknown");
for (const entry of Object.values(HOSTILE)) {
  const texts = textsIn(entry, "en");
  console.log(texts.locale);
  console.log(hex(texts.message));
}
for (const entry of Object.values(HOSTILE)) console.log(hex(entry.name));
console.log("CONTRACT_MARK");
for (const entry of Object.values(HOSTILE)) {
  console.log(hex(entry.displayIn("en")));
  console.log(hex(String(entry)));
}
const other = HOSTILE_LOOKUP(UNKNOWN_INT);
console.log(`${other} ${other.isKnown}`);
const values = Object.values(HOSTILE);
const first = values[0];
console.log(JSON.stringify([first, other]));
console.log(`${HOSTILE_LOOKUP(0).isSuccess} ${KEYED_LOOKUP("0").isSuccess} ${first?.isSuccess ?? true}`);
// One value per code, known or not: the lookup gives it back, and a Set holds one.
const again = HOSTILE_LOOKUP(UNKNOWN_INT);
console.log(values.every((value) => HOSTILE_LOOKUP(value.code) === value) && again === other && new Set([other, again, ...values]).size === values.length + 1);
// Sorted by code: numbers and bigints by value, strings by code point; serialized as the plain code.
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let at = 0; at < Math.min(x.length, y.length); at += 1) {
    if (x[at] !== y[at]) return (x[at] ?? 0) < (y[at] ?? 0) ? -1 : 1;
  }
  return x.length - y.length;
}
const keyed = Object.values(KEYED);
const sortedKeys = [...keyed].reverse().sort(compare).map((entry) => entry.code);
const wantKeys = keyed.map((entry) => entry.code).sort(byCodePoint);
const wides = [...Object.values(WIDE)].reverse().sort(compare).map((entry) => entry.code);
const sortedHostile = [other, ...values].sort(compare).map((value) => value.code);
console.log(
  JSON.stringify(sortedKeys) === JSON.stringify(wantKeys)
    && wides.every((code, at) => at === 0 || (wides[at - 1] ?? code) < code)
    && sortedHostile.every((code, at) => at === 0 || (sortedHostile[at - 1] ?? code) < code)
    && keyed.every((entry) => JSON.stringify(entry) === JSON.stringify(entry.code))
    && Object.values(WIDE).every((entry) => [String(entry.code), JSON.stringify(String(entry.code))].includes(JSON.stringify(entry))),
);
// A retired code is known, marked, and still the group's own value.
const gone = HOSTILE_LOOKUP(1000003);
console.log(gone === HOSTILE.GONE && gone.isKnown && gone.retired);
"#
    .replace("UNKNOWN_INT", &UNKNOWN_INT_CODE.to_string())
    .replace("UNKNOWN", &serde_json::to_string(UNKNOWN_TEXT_CODE).expect("json"))
    .replace("CONTRACT_MARK", CONTRACT_MARK)
    .replace("HOSTILE_LOOKUP", &lookup(&hostile))
    .replace("KEYED_LOOKUP", &lookup(&keyed))
    .replace("WIDE_LOOKUP", &lookup(&wide))
    .replace("HOSTILE.GONE", &format!("{hostile}.{}", retired_member(language, catalog)))
    .replace("HOSTILE", &hostile)
    .replace("KEYED", &keyed)
    .replace("WIDE", &wide);
    // The same program against the ES module build and the CommonJS build.
    std::fs::write(dir.join("main.ts"), program.replace("EXTENSION", "js")).expect("main.ts");
    std::fs::write(dir.join("main.cts"), program.replace("EXTENSION", "cjs")).expect("main.cts");
    let output = run(Command::new(tsc).arg("--strict").arg("-p").arg(dir), "tsc on hostile catalog");
    assert!(output.trim().is_empty(), "tsc diagnostics:\n{output}");
    let output = run(Command::new(node).arg(dir.join("main.js")), "running the TypeScript program");
    let common = run(Command::new(node).arg(dir.join("main.cjs")), "running the TypeScript program (CommonJS)");
    assert_eq!(common, output, "TypeScript: the CommonJS build answers as the ES module build");
    // The code contract, checked here: what follows the mark is TypeScript's own.
    let (texts, contract) = output.split_once(&format!("{CONTRACT_MARK}\n")).expect("the contract mark");
    let first = catalog.groups[0].entries[0].code.to_string();
    let want = format!(
        "{}error code {UNKNOWN_INT_CODE} false\n[{first},{UNKNOWN_INT_CODE}]\ntrue true false\ntrue\ntrue\ntrue\n",
        displays(catalog)
    );
    assert_eq!(contract, want, "TypeScript: display, unknown, JSON, success, one value per code, order, retired");
    texts.to_owned()
}

fn kotlin_round_trip(catalog: &Catalog, dir: &Path, kotlinc: &Path, runner: &Path) -> String {
    let language = errcat::render::kotlin::TARGET.language();
    write_rendered(errcat::render::kotlin::TARGET, catalog, dir);
    let (module, hostile, wide, keyed) = names_in(language, catalog);
    let gone = retired_member(language, catalog);
    let package = format!("{}.{module}", errcat::render::PackageMeta::default().java_package());
    std::fs::write(
        dir.join("Main.kt"),
        r#"import @@PACKAGE@@.@@HOSTILE@@
import @@PACKAGE@@.@@KEYED@@
import @@PACKAGE@@.@@WIDE@@
fun hex(text: String?): String = text?.toByteArray(Charsets.UTF_8)?.joinToString("") { "%02x".format(it) } ?: "-"
/** Each value is the one value of its code: looked up, equal, same hash. */
fun <T : Any> oneValuePerCode(values: List<T>, again: (T) -> T): Boolean =
    values.all { again(it) === it && again(it) == it && again(it).hashCode() == it.hashCode() }
@Suppress("DEPRECATION")
fun main() {
    for (code in @@HOSTILE@@.entries) {
        println(hex(code.message))
        println(hex(code.cause))
        println(hex(code.solution))
    }
    for (code in @@WIDE@@.entries) {
        println(code.code)
        println(if (@@WIDE@@.fromCode(code.code) === code) "known" else "lost")
    }
    for (code in @@KEYED@@.entries) {
        println(hex(code.code))
        println(hex(code.message))
        println(if (@@KEYED@@.fromCode(code.code) === code) "known" else "lost")
    }
    val unknown = @@KEYED@@.fromCode(@@UNKNOWN_TEXT@@)
    println(hex(unknown.code))
    println(if (unknown.isKnown) "known" else "unknown")
    for (code in @@HOSTILE@@.entries) {
        val texts = code.textsIn("en")
        println(texts.locale)
        println(hex(texts.message))
    }
    println("@@CONTRACT_MARK@@")
    for (code in @@HOSTILE@@.entries) {
        println(hex(code.codeName))
    }
    for (code in @@HOSTILE@@.entries) {
        println(hex(code.display("en")))
        println(hex(code.toString()))
    }
    val other = @@HOSTILE@@.fromCode(@@UNKNOWN_INT@@L)
    println("$other ${other.isKnown}")
    println("[" + @@HOSTILE@@.entries[0].code + "," + other.code + "]")
    println("${@@HOSTILE@@.fromCode(0L).isSuccess} ${@@HOSTILE@@.entries[0].isSuccess} ${@@KEYED@@.fromCode("0").isSuccess}")
    val unknownWide = @@WIDE@@.fromCode(@@UNKNOWN_INT@@L)
    println(
        oneValuePerCode(@@HOSTILE@@.entries) { @@HOSTILE@@.fromCode(it.code) } &&
            oneValuePerCode(@@WIDE@@.entries) { @@WIDE@@.fromCode(it.code) } &&
            oneValuePerCode(@@KEYED@@.entries) { @@KEYED@@.fromCode(it.code) } &&
            unknownWide == @@WIDE@@.fromCode(@@UNKNOWN_INT@@L) &&
            unknownWide.hashCode() == @@WIDE@@.fromCode(@@UNKNOWN_INT@@L).hashCode() &&
            unknownWide !in @@WIDE@@.entries &&
            @@WIDE@@.entries.reversed().sorted().map { it.code } == @@WIDE@@.entries.map { it.code }.sorted()
    )
    val gone = @@HOSTILE@@.fromCode(1000003L)
    println(gone === @@HOSTILE@@.@@GONE@@ && gone.isRetired && gone.isKnown)
}
"#
        .replace("@@UNKNOWN_TEXT@@", &language.string_literal(UNKNOWN_TEXT_CODE))
        .replace("@@UNKNOWN_INT@@", &UNKNOWN_INT_CODE.to_string())
        .replace("@@CONTRACT_MARK@@", CONTRACT_MARK)
        .replace("@@PACKAGE@@", &package)
        .replace("@@HOSTILE@@", &hostile)
        .replace("@@KEYED@@", &keyed)
        .replace("@@WIDE@@", &wide)
        .replace("@@GONE@@", &gone),
    )
    .expect("Main.kt");
    // Using the retired code without asking is a deprecation warning, and
    // the only warning of the whole compilation.
    std::fs::write(dir.join("Probe.kt"), format!("val probe: Any = {package}.{hostile}.{gone}\n")).expect("Probe.kt");
    let mut sources = kotlin_sources(dir);
    sources.retain(|path| !path.starts_with(dir.join("classes")));
    let output =
        Command::new(kotlinc).arg("-d").arg(dir.join("classes")).args(&sources).output().expect("kotlinc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("warning:")).collect();
    assert!(
        output.status.success()
            && !warnings.is_empty()
            && warnings.iter().all(|line| line.contains("Probe.kt") && line.contains("deprecated")),
        "kotlinc (only the retired code's deprecation is expected):\n{stderr}"
    );
    let output =
        run(Command::new(runner).arg("-cp").arg(dir.join("classes")).arg("MainKt"), "running the Kotlin program");
    // The code contract, checked here: what follows the mark is Kotlin's own.
    let (texts, contract) = output.split_once(&format!("{CONTRACT_MARK}\n")).expect("the contract mark");
    let first = catalog.groups[0].entries[0].code.to_string();
    let want = format!(
        "{}{}error code {UNKNOWN_INT_CODE} false\n[{first},{UNKNOWN_INT_CODE}]\ntrue false true\ntrue\ntrue\n",
        names(catalog),
        displays(catalog)
    );
    assert_eq!(
        contract, want,
        "Kotlin: names, display, unknown, serialization, success, one value per code, order, retired"
    );
    texts.to_owned()
}

fn cases() -> u32 {
    std::env::var("ERRCAT_HOSTILE_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(3)
}

fn round_trip_every_target(catalog: &Catalog, dir: &Path) -> Result<(), TestCaseError> {
    let tools = (tsc(), node(), kotlinc(), kotlin_runner());
    let want = expected(catalog);
    let named = want.clone() + &names(catalog);
    if let Some(go) = go() {
        prop_assert_eq!(go_round_trip(catalog, &dir.join("go"), &go), named.clone(), "Go");
    }
    if let (Some(mypy), Some(python)) = (mypy(), python()) {
        prop_assert_eq!(python_round_trip(catalog, &dir.join("python"), &mypy, &python), named.clone(), "Python");
    }
    if let (Some(javac), Some(java)) = (javac(), java()) {
        prop_assert_eq!(java_round_trip(catalog, &dir.join("java"), &javac, &java), named.clone(), "Java");
    }
    if let Some(cc) = cc() {
        let (output, want) = c_round_trip(catalog, &dir.join("c"), &cc);
        prop_assert_eq!(output, want, "C");
    }
    prop_assert_eq!(rust_round_trip(catalog, &dir.join("rust")), named.clone(), "Rust");
    if let (Some(tsc), Some(node)) = (&tools.0, &tools.1) {
        prop_assert_eq!(typescript_round_trip(catalog, &dir.join("ts"), tsc, node), named, "TypeScript");
    }
    if let (Some(kotlinc), Some(runner)) = (&tools.2, &tools.3) {
        prop_assert_eq!(kotlin_round_trip(catalog, &dir.join("kotlin"), kotlinc, runner), want, "Kotlin");
    }
    site_round_trip(catalog)
}

/// The error index needs no toolchain, so it gets many more cases.
#[test]
fn hostile_text_stays_text_in_the_error_index() {
    let config = ProptestConfig {
        cases: cases() * 20,
        failure_persistence: None,
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    };
    proptest!(config, |(
        texts in proptest::collection::vec(hostile_text(), 8..40),
        names in proptest::collection::vec(hostile_name(), 0..12),
    )| {
        site_round_trip(&hostile_catalog(&texts, &names))?;
    });
}

/// The elements the error index's template writes: anything else in the
/// page came from a text.
const SITE_ELEMENTS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "p", "form", "div", "label", "input",
    "select", "option", "nav", "ul", "li", "main", "section", "h2", "h3", "h4", "code", "span", "article", "dl", "dt",
    "dd", "table", "caption", "thead", "tbody", "tr", "th", "td", "ins", "del", "footer", "script",
];

fn element_text(element: scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// The `dd.text` children of the first `dl` child of `parent`.
fn texts_of(parent: scraper::ElementRef<'_>) -> Vec<String> {
    let Some(list) = parent.children().filter_map(scraper::ElementRef::wrap).find(|child| child.value().name() == "dl")
    else {
        return Vec::new();
    };
    list.children()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|child| {
            child.value().name() == "dd" && child.value().has_class("text", scraper::CaseSensitivity::CaseSensitive)
        })
        .map(element_text)
        .collect()
}

/// What is wrong with an error index page: parse errors, elements the
/// template does not write, event-handler attributes, and a script or
/// style other than the one its Content Security Policy names by hash.
fn page_problems(html: &scraper::Html) -> Vec<String> {
    use base64::Engine;
    use sha2::Digest;
    let mut problems: Vec<String> = html.errors.iter().map(|error| format!("parse error: {error}")).collect();
    for element in html.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let name = element.value().name();
        if !SITE_ELEMENTS.contains(&name) {
            problems.push(format!("element <{name}> is not the template's"));
        }
        for (attribute, _) in element.value().attrs() {
            if attribute.starts_with("on") {
                problems.push(format!("event handler attribute `{attribute}` on <{name}>"));
            }
        }
    }
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let policy = html
        .select(&select("meta[http-equiv=Content-Security-Policy]"))
        .next()
        .and_then(|meta| meta.value().attr("content"))
        .unwrap_or_default()
        .to_owned();
    for (kind, directive) in [("script", "script-src"), ("style", "style-src")] {
        let found: Vec<_> = html.select(&select(kind)).collect();
        if found.len() != 1 {
            problems.push(format!("{} <{kind}> elements, not one", found.len()));
            continue;
        }
        let digest =
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(element_text(found[0]).as_bytes()));
        if !policy.contains(&format!("{directive} 'sha256-{digest}'")) {
            problems.push(format!("the policy `{policy}` does not name the page's {kind} (sha256-{digest})"));
        }
    }
    problems
}

/// The committed error index passes [`page_problems`].
fn check_site(dir: &Path) {
    let page = std::fs::read_to_string(dir.join("index.html")).expect("generated/site/index.html");
    let problems = page_problems(&scraper::Html::parse_document(&page));
    assert!(problems.is_empty(), "generated/site/index.html:\n{}", problems.join("\n"));
}

/// Texts as the page lists them: the present, non-empty ones, then notes.
fn listed(texts: [&Option<String>; 3], notes: &[String]) -> Vec<String> {
    texts.into_iter().flatten().filter(|text| !text.is_empty()).chain(notes).map(|text| shown_text(text)).collect()
}

/// The error index of a hostile catalog is valid HTML (no parse error)
/// made of the template's elements only, runs only its own script (named
/// by hash in its Content Security Policy), and shows every code, name and
/// text of every locale exactly, under the entry's permalink id.
fn site_round_trip(catalog: &Catalog) -> Result<(), TestCaseError> {
    let files = render(
        errcat::render::site::TARGET,
        std::slice::from_ref(catalog),
        &TemplateSet::builtin(errcat::render::site::TARGET),
    )
    .expect("renders");
    let page = &files.iter().find(|file| file.path == "index.html").expect("index.html").text;
    let html = scraper::Html::parse_document(page);
    let problems = page_problems(&html);
    prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    let articles: Vec<_> = html.select(&select("article.entry")).collect();
    let members: Vec<(&Group, &Code, &str, Option<&Entry>)> = catalog
        .groups
        .iter()
        .flat_map(|group| {
            group
                .entries
                .iter()
                .map(move |entry| (group, &entry.code, entry.name.as_str(), Some(entry)))
                .chain(group.retired.iter().map(move |retired| (group, &retired.code, retired.name.as_str(), None)))
        })
        .collect();
    prop_assert_eq!(articles.len(), members.len());
    for (article, (group, code, name, entry)) in articles.iter().zip(members) {
        let id = errcat::catalog::entry_anchor(&catalog.id, &group.name, code);
        prop_assert_eq!(article.value().id(), Some(id.as_str()));
        let one = |css: &str| article.select(&select(css)).next().map(element_text).unwrap_or_default();
        prop_assert_eq!(one(".code"), shown(&code.to_string()));
        prop_assert_eq!(one(".name"), shown(name));
        let Some(entry) = entry else { continue };
        prop_assert_eq!(texts_of(*article), listed([&entry.message, &entry.cause, &entry.solution], &entry.notes));
        let translations: Vec<_> = article.select(&select("div.translation")).collect();
        prop_assert_eq!(translations.len(), entry.translations.len());
        for (shown_translation, (locale, text)) in translations.iter().zip(&entry.translations) {
            prop_assert_eq!(shown_translation.value().attr("lang"), Some(locale.as_str()));
            prop_assert_eq!(
                texts_of(*shown_translation),
                listed([&text.message, &text.cause, &text.solution], &text.notes)
            );
        }
    }
    Ok(())
}

#[test]
fn hostile_text_and_reserved_names_round_trip_through_every_compiled_target() {
    let config =
        ProptestConfig { cases: cases(), failure_persistence: None, max_shrink_iters: 64, ..ProptestConfig::default() };
    let case = std::sync::atomic::AtomicUsize::new(0);
    proptest!(config, |(
        texts in proptest::collection::vec(hostile_text(), 8..40),
        names in proptest::collection::vec(hostile_name(), 0..12),
    )| {
        let case = case.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let catalog = hostile_catalog(&texts, &names);
        let dir = scratch_dir(&format!("hostile-{case}"));
        round_trip_every_target(&catalog, &dir)?;
        let _ = std::fs::remove_dir_all(&dir);
    });
}

/// Every keyword and generated member name of every target at once, as
/// entry names and as the second group's name: `Self`, `self`, `super` and
/// `crate` (which Rust cannot even escape), `Unknown`, `ALL`, `entries`,
/// `valueOf`, `__proto__`…
#[test]
fn every_reserved_word_as_a_name_compiles_and_runs_in_every_target() {
    let words: Vec<String> = reserved_words().into_iter().map(str::to_owned).collect();
    let texts: Vec<String> = (0..words.len()).map(|index| format!("text {index} */ \" ${{x}}")).collect();
    for (round, group_name) in ["Self", "Companion"].into_iter().enumerate() {
        // Names are unique within a group, as a loaded catalog's are.
        let mut names: Vec<String> = words.iter().filter(|word| *word != group_name).cloned().collect();
        names.rotate_left(round);
        names.insert(0, group_name.to_owned());
        let catalog = hostile_catalog(&texts, &names);
        let dir = scratch_dir(&format!("reserved-{round}"));
        if let Err(error) = round_trip_every_target(&catalog, &dir) {
            panic!("group `{group_name}`: {error}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
