//! Compiles the built-in templates in: every file under `templates/<target>/`
//! (except READMEs) becomes an entry `(target, path, source)` of
//! `BUILTIN_TEMPLATES`, so a new template folder needs no code listing it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "jinja") {
            found.push(path);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("../../templates");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut found = Vec::new();
    files(&root, &mut found);
    found.sort();
    let mut out = String::from("/// `(target, template path, source)` of every built-in template.\n");
    out.push_str("pub static BUILTIN_TEMPLATES: &[(&str, &str, &str)] = &[\n");
    for path in &found {
        println!("cargo:rerun-if-changed={}", path.display());
        let relative = path.strip_prefix(&root).expect("under templates/");
        let mut parts = relative.components().map(|part| part.as_os_str().to_string_lossy().into_owned());
        let target = parts.next().expect("a target folder");
        let rest: Vec<String> = parts.collect();
        if rest.is_empty() {
            continue;
        }
        let _ =
            writeln!(out, "    ({target:?}, {:?}, include_str!({:?})),", rest.join("/"), path.display().to_string());
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("builtin_templates.rs");
    std::fs::write(dest, out).expect("writing builtin_templates.rs");
}
