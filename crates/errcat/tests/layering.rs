//! The library's layering, read from its sources: no module depends, through
//! any chain of `crate::`, `super::` and `self::` paths, on a module that
//! depends back on it, and no source file of the workspace outside tests is
//! over 1,000 lines.
//!
//! A module is a file (`lower/columns.rs` is `lower::columns`, a `mod.rs` is
//! its folder). A path names the longest module it starts with; a module
//! naming one of its ancestors is not an edge (a child uses its parent's
//! face, as every Rust folder module does). Test modules (`#[cfg(test)]` to
//! the end of the file) are left out: a test may use anything.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The module a file under `src` is.
fn module_of(src: &Path, file: &Path) -> Module {
    let relative = file.strip_prefix(src).expect("under src").with_extension("");
    let mut parts: Module = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without comments, string literals and test modules.
fn code_of(text: &str) -> String {
    let text = &text[..text.find("#[cfg(test)]").unwrap_or(text.len())];
    let comments = regex::Regex::new(r"//[^\n]*").expect("regex");
    let strings = regex::Regex::new(r#""(?:\\.|[^"\\])*""#).expect("regex");
    strings.replace_all(&comments.replace_all(text, ""), "\"\"").into_owned()
}

/// Splits a `use` tree's list (`a::{b, c}, d`) at its top-level commas.
fn top_level_items(list: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (at, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&list[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items
}

/// Every path a `use` tree names, each as its segments.
fn expand_use(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    for item in top_level_items(tree) {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let item = item.split(" as ").next().unwrap_or(item).trim();
        let mut path = prefix.to_vec();
        match item.find('{') {
            Some(open) => {
                path.extend(item[..open].split("::").filter(|part| !part.is_empty()).map(str::to_owned));
                let close = item.rfind('}').unwrap_or(item.len());
                expand_use(&path, &item[open + 1..close], out);
            }
            None => {
                path.extend(item.split("::").filter(|part| !part.is_empty()).map(str::to_owned));
                out.push(path);
            }
        }
    }
}

/// The modules of `modules` that the code of `module` names.
fn dependencies(module: &Module, code: &str, modules: &BTreeSet<Module>) -> BTreeSet<Module> {
    let mut paths = Vec::new();
    let uses = regex::Regex::new(r"\buse\s+((?:crate|super|self)(?:::\w+)*)(?:::\{([^;]*)\})?\s*(?:as\s+\w+)?;")
        .expect("regex");
    for found in uses.captures_iter(code) {
        let head: Vec<String> = found[1].split("::").map(str::to_owned).collect();
        match found.get(2) {
            Some(tree) => expand_use(&head, tree.as_str(), &mut paths),
            None => paths.push(head),
        }
    }
    let inline = regex::Regex::new(r"\b(?:crate|super)(?:::\w+)+").expect("regex");
    paths.extend(inline.find_iter(code).map(|found| found.as_str().split("::").map(str::to_owned).collect()));

    let mut out = BTreeSet::new();
    for path in paths {
        let mut segments = path.as_slice();
        let mut full: Module = if segments.first().map(String::as_str) == Some("crate") {
            segments = &segments[1..];
            Vec::new()
        } else {
            let mut base = module.clone();
            while let Some(first) = segments.first() {
                match first.as_str() {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                segments = &segments[1..];
            }
            base
        };
        full.extend(segments.iter().cloned());
        let named = (0..=full.len()).rev().map(|len| full[..len].to_vec()).find(|prefix| modules.contains(prefix));
        if let Some(named) = named {
            let ancestor = named.len() <= module.len() && module[..named.len()] == named[..];
            if !ancestor {
                out.insert(named);
            }
        }
    }
    out
}

/// The cycles of a graph: its strongly connected components of more than
/// one module (Tarjan's algorithm, iterative enough for a crate).
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a Module) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for target in state.graph.get(node).into_iter().flatten() {
            let Some((target, _)) = state.graph.get_key_value(target) else { continue };
            if !state.index.contains_key(target) {
                visit(state, target);
                let low = state.low[node].min(state.low[target]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target) {
                let low = state.low[node].min(state.index[target]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.push(member.clone());
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.found
}

/// The module graph of a crate's `src` folder.
fn graph_of(src: &Path) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|file| module_of(src, file)).collect();
    files
        .iter()
        .map(|file| {
            let module = module_of(src, file);
            let code = code_of(&std::fs::read_to_string(file).expect("source file"));
            let depends = dependencies(&module, &code, &modules);
            (module, depends)
        })
        .collect()
}

fn show(module: &Module) -> String {
    if module.is_empty() { "crate".to_owned() } else { module.join("::") }
}

#[test]
fn the_library_has_no_module_cycle() {
    let graph = graph_of(&common::workspace_root().join("crates/errcat/src"));
    assert!(graph.len() > 30, "the library's modules were found: {}", graph.len());
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|cycle| {
            let members: BTreeSet<&Module> = cycle.iter().collect();
            let edges: Vec<String> = cycle
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|to| members.contains(to))
                        .map(move |to| format!("{} → {}", show(from), show(to)))
                })
                .collect();
            edges.join(", ")
        })
        .collect();
    assert!(found.is_empty(), "module cycles:\n{}", described.join("\n"));
}

/// The reading of paths and the cycle finder on a crate of three files
/// written here: a cycle through a `use` tree and a `super::` path is
/// found, a child naming its parent is not an edge.
#[test]
fn a_cycle_through_use_trees_and_super_paths_is_found() {
    let src = std::env::temp_dir().join(format!("errcat-layering-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("stage")).expect("scratch crate");
    std::fs::write(src.join("lib.rs"), "pub mod base;\npub mod stage;\n").expect("lib.rs");
    std::fs::write(src.join("base.rs"), "use crate::{stage::{words::Role}, other};\n").expect("base.rs");
    std::fs::write(src.join("stage/mod.rs"), "pub mod words;\nuse crate::base::Thing;\n").expect("mod.rs");
    std::fs::write(
        src.join("stage/words.rs"),
        "// use crate::base; is a comment\nuse super::Face;\nfn f() { super::super::base::g(); }\n",
    )
    .expect("words.rs");
    let graph = graph_of(&src);
    let base = vec!["base".to_owned()];
    let words = vec!["stage".to_owned(), "words".to_owned()];
    let stage = vec!["stage".to_owned()];
    assert_eq!(graph[&base], BTreeSet::from([words.clone()]), "a use tree names stage::words");
    assert_eq!(graph[&words], BTreeSet::from([base.clone()]), "super::super:: names base; the parent is no edge");
    assert_eq!(graph[&stage], BTreeSet::from([base.clone()]));
    assert_eq!(cycles(&graph), vec![vec![base, words]], "base and stage::words name each other");
    let _ = std::fs::remove_dir_all(&src);
}

#[test]
fn no_source_file_outside_tests_is_over_1000_lines() {
    let root = common::workspace_root();
    let mut files = Vec::new();
    for dir in ["crates/errcat/src", "crates/errcat-cli/src", "xtask/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "the sources were found: {}", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(file).expect("source").lines().count();
            (lines > 1000).then(|| format!("{} ({lines} lines)", file.strip_prefix(&root).unwrap_or(file).display()))
        })
        .collect();
    assert!(long.is_empty(), "over 1,000 lines: {}", long.join(", "));
}
