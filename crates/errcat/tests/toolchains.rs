//! The generated code in its real toolchains: `tsc --strict` and `kotlinc
//! -Werror` accept `generated/`, and no documentation text, however hostile,
//! and no name, however reserved, changes what the generated code means: a
//! property test renders catalogs of hostile text whose entry and group
//! names are drawn from every language's keywords and generated members,
//! compiles them with rustc, tsc and kotlinc, runs them to print every
//! stored text, and compares the bytes with the input. A second test puts
//! every such word in one catalog at once.
//!
//! With `CI` set, a missing toolchain fails the test; locally it skips with
//! a loud message. `cargo xtask test` installs the toolchains.

mod common;

use common::{require_toolchain, run, scratch_dir, workspace_root};
use errcat::catalog::{Catalog, Entry, Group, SCHEMA, SourceRef};
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

fn node() -> Option<std::path::PathBuf> {
    require_toolchain("node", "ERRCAT_NODE", ".bin/node-not-installed-here", "node")
}

fn kotlin_sources(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "kt") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
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
    // Data, not code: validated against its schema in `tests/targets.rs`.
    ("json", |_| {}),
];

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
            ..Entry::default()
        })
        .collect::<Vec<_>>();
    // A second group named by a drawn name, its members named like the
    // first group's: it must compile too.
    let second = Group {
        name: names.first().cloned().unwrap_or_else(|| "Second".to_owned()),
        title: pick(2),
        entries: entries.iter().take(5).cloned().collect(),
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
        groups: vec![Group { name: "Hostile".to_owned(), title: pick(1), entries, ..Group::default() }, second, keyed],
    }
}

fn hex(text: Option<&str>) -> String {
    text.map_or_else(|| "-".to_owned(), |text| text.bytes().map(|byte| format!("{byte:02x}")).collect())
}

/// A string code no catalog has: kept as it is by every lookup.
const UNKNOWN_TEXT_CODE: &str = "\0unknown\"*/${x}\\";

/// What every program prints: per entry, message, cause and solution; per
/// string-coded entry, its code, its message and whether looking its code
/// up finds it; then an unknown string code as the lookup keeps it.
fn expected(catalog: &Catalog) -> String {
    let mut out = String::new();
    for entry in &catalog.groups[0].entries {
        for text in [&entry.message, &entry.cause, &entry.solution] {
            out.push_str(&hex(text.as_deref()));
            out.push('\n');
        }
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
        dir.join("src/main.rs"),
        r#"#[allow(dead_code)]
mod hostile;
fn hex(text: Option<&str>) -> String {
    text.map_or_else(|| "-".to_owned(), |text| text.bytes().map(|byte| format!("{byte:02x}")).collect())
}
fn main() {
    for code in hostile::Hostile::ALL {
        println!("{}", hex(code.message()));
        println!("{}", hex(code.cause()));
        println!("{}", hex(code.solution()));
    }
    for code in hostile::Keyed::ALL {
        println!("{}", hex(Some(code.code())));
        println!("{}", hex(code.message()));
        println!("{}", if hostile::Keyed::from_code(code.code()) == *code { "known" } else { "lost" });
    }
    let unknown = hostile::Keyed::from_code(UNKNOWN);
    println!("{}", hex(Some(unknown.code())));
    println!("{}", if unknown.is_known() { "known" } else { "unknown" });
}
"#
        .replace("UNKNOWN", &format!("{UNKNOWN_TEXT_CODE:?}")),
    )
    .expect("write main");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    run(
        Command::new(rustc)
            .args(["--edition", "2021", "-D", "warnings", "-o"])
            .arg(dir.join("program"))
            .arg(dir.join("src/main.rs")),
        "rustc on hostile catalog",
    );
    run(&mut Command::new(dir.join("program")), "running the Rust program")
}

fn typescript_round_trip(catalog: &Catalog, dir: &Path, tsc: &Path, node: &Path) -> String {
    write_rendered(errcat::render::typescript::TARGET, catalog, dir);
    std::fs::rename(dir.join("tsconfig.json"), dir.join("tsconfig.base.json")).expect("rename");
    std::fs::write(
        dir.join("tsconfig.json"),
        r#"{ "extends": "./tsconfig.base.json", "compilerOptions": { "noEmit": false, "outDir": "out" } }"#,
    )
    .expect("tsconfig");
    std::fs::write(
        dir.join("main.ts"),
        r#"import { Hostile, Keyed, keyedFromCode } from "./hostile.ts";
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
for (const entry of Object.values(Hostile)) {
  console.log(hex(entry.message));
  console.log(hex(entry.cause));
  console.log(hex(entry.solution));
}
for (const entry of Object.values(Keyed)) {
  console.log(hex(entry.code));
  console.log(hex(entry.message));
  console.log(keyedFromCode(entry.code) === entry ? "known" : "lost");
}
const unknown = keyedFromCode(UNKNOWN);
console.log(hex(unknown.code));
console.log(unknown.name === null ? "unknown" : "known");
"#
        .replace("UNKNOWN", &serde_json::to_string(UNKNOWN_TEXT_CODE).expect("json")),
    )
    .expect("main.ts");
    let output = run(Command::new(tsc).arg("--strict").arg("-p").arg(dir), "tsc on hostile catalog");
    assert!(output.trim().is_empty(), "tsc diagnostics:\n{output}");
    std::fs::write(dir.join("out/package.json"), r#"{ "type": "module" }"#).expect("package.json");
    run(Command::new(node).arg(dir.join("out/main.js")), "running the TypeScript program")
}

fn kotlin_round_trip(catalog: &Catalog, dir: &Path, kotlinc: &Path, runner: &Path) -> String {
    write_rendered(errcat::render::kotlin::TARGET, catalog, dir);
    std::fs::write(
        dir.join("Main.kt"),
        r#"import errcat.codes.hostile.Hostile
import errcat.codes.hostile.Keyed
fun hex(text: String?): String = text?.toByteArray(Charsets.UTF_8)?.joinToString("") { "%02x".format(it) } ?: "-"
fun main() {
    for (code in Hostile.entries) {
        println(hex(code.message))
        println(hex(code.cause))
        println(hex(code.solution))
    }
    for (code in Keyed.entries) {
        println(hex(code.code))
        println(hex(code.message))
        println(if (Keyed.fromCode(code.code) == code) "known" else "lost")
    }
    val unknown = UNKNOWN
    println(hex(unknown))
    println(if (Keyed.fromCode(unknown) == null) "unknown" else "known")
}
"#
        .replace("UNKNOWN", "\"\\u0000unknown\\\"*/\\${x}\\\\\""),
    )
    .expect("Main.kt");
    let mut sources = kotlin_sources(dir);
    sources.retain(|path| !path.starts_with(dir.join("classes")));
    let output = Command::new(kotlinc)
        .arg("-Werror")
        .arg("-d")
        .arg(dir.join("classes"))
        .args(&sources)
        .output()
        .expect("kotlinc runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && !stderr.contains("warning:"), "kotlinc:\n{stderr}");
    run(Command::new(runner).arg("-cp").arg(dir.join("classes")).arg("MainKt"), "running the Kotlin program")
}

fn cases() -> u32 {
    std::env::var("ERRCAT_HOSTILE_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(3)
}

fn round_trip_every_target(catalog: &Catalog, dir: &Path) -> Result<(), TestCaseError> {
    let tools = (tsc(), node(), kotlinc(), kotlin_runner());
    let want = expected(catalog);
    prop_assert_eq!(rust_round_trip(catalog, &dir.join("rust")), want.clone(), "Rust");
    if let (Some(tsc), Some(node)) = (&tools.0, &tools.1) {
        prop_assert_eq!(typescript_round_trip(catalog, &dir.join("ts"), tsc, node), want.clone(), "TypeScript");
    }
    if let (Some(kotlinc), Some(runner)) = (&tools.2, &tools.3) {
        prop_assert_eq!(kotlin_round_trip(catalog, &dir.join("kotlin"), kotlinc, runner), want, "Kotlin");
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
        let mut names = words.clone();
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
