//! The manual (`crates/errcat-cli/manual/`) and the README say only what
//! is true of this checkout: every ```` ```console ```` block runs as
//! written, with `trycmd`, at the repository's root, and prints what the
//! page shows; every YAML block of a known kind parses with errcat's own
//! parsers; a block of any other kind fails unless it is marked as an
//! illustration; every link between the pages (and from `ARCHITECTURE.md`)
//! reaches a file and a heading.
//!
//! What it does not check: prose, `sh` blocks (`cargo xtask` commands, run
//! by xtask's own tests) and illustrations. The block kinds are listed in
//! the manual's index, `manual/README.md`.

use errcat::manifest::Manifest;
use errcat::names::NameBook;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

fn manual() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("manual")
}

/// The pages under test: the manual's, then the README.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(manual())
        .expect("manual/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .collect();
    pages.sort();
    pages.push(root().join("README.md"));
    pages
}

/// One fenced block: where it starts, its info string, its indentation
/// and its text (indentation removed).
#[derive(Debug)]
struct Block {
    line: usize,
    info: String,
    indent: usize,
    text: String,
}

/// Every fenced block of a markdown page. An unclosed fence is an error.
fn blocks(page: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
        if ticks < 3 {
            continue;
        }
        let fence = &trimmed[..ticks];
        let mut text = String::new();
        let mut closed = false;
        for (_, line) in lines.by_ref() {
            if line.trim_start().starts_with(fence) && line.trim().trim_start_matches('`').is_empty() {
                closed = true;
                break;
            }
            text.push_str(line.get(indent..).filter(|_| line[..indent].trim().is_empty()).unwrap_or(line.trim_start()));
            text.push('\n');
        }
        if !closed {
            return Err(format!("line {}: the block never closes", index + 1));
        }
        blocks.push(Block { line: index + 1, info: trimmed[ticks..].trim().to_owned(), indent, text });
    }
    Ok(blocks)
}

/// What is wrong with one block, if anything: the rules of the manual's
/// index.
fn problem(block: &Block) -> Option<String> {
    let words: Vec<&str> = block.info.split_whitespace().collect();
    match words.as_slice() {
        ["console"] if block.indent > 0 => Some("a console block is run only at the start of a line".to_owned()),
        ["console"] => block
            .text
            .lines()
            .filter_map(|line| line.strip_prefix("$ "))
            .find(|command| !command.starts_with("errcat "))
            .map(|command| format!("`{command}`: console blocks run `errcat` only (shell illustrations are `sh`)")),
        ["sh"] | [_, "illustration"] => None,
        ["yaml", "manifest"] => Manifest::parse(&block.text, "block").err().map(|error| error.to_string()),
        ["yaml", "source"] => {
            Manifest::parse(&format!("sources:\n{}", block.text), "block").err().map(|error| error.to_string())
        }
        ["yaml", "names"] => NameBook::default().with_lockfile(&block.text, "block").err().map(|error| error.message),
        _ => Some(format!("`{}` is no block kind of the manual (see manual/README.md)", block.info)),
    }
}

#[test]
fn every_block_is_of_a_known_kind_and_parses() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        match blocks(&text) {
            Ok(blocks) => {
                for block in &blocks {
                    checked += 1;
                    if let Some(problem) = problem(block) {
                        problems.push(format!("{}:{}: {problem}", page.display(), block.line));
                    }
                }
            }
            Err(problem) => problems.push(format!("{}: {problem}", page.display())),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 20, "only {checked} blocks found");
}

#[test]
fn the_block_rules_reject_what_they_say_they_reject() {
    let block =
        |info: &str, indent: usize, text: &str| Block { line: 1, info: info.to_owned(), indent, text: text.to_owned() };
    let manifest = "sources:\n  - id: a\n    file: a.md\n    locale: zh-CN\n";
    assert_eq!(problem(&block("yaml manifest", 0, manifest)), None);
    assert!(problem(&block("yaml manifest", 0, &manifest.replace("locale", "lang"))).is_some());
    assert_eq!(problem(&block("yaml source", 0, "  - id: a\n    file: a.md\n    locale: zh-CN\n")), None);
    assert!(problem(&block("yaml source", 0, "  - id: a\n    file: ../a.md\n    locale: zh-CN\n")).is_some());
    assert_eq!(
        problem(&block("yaml names", 0, "groups:\n  - title: x\n    name: X\n    codes:\n      1: One\n")),
        None
    );
    assert!(problem(&block("yaml names", 0, "groups:\n  - title: x\n    names: X\n")).is_some());
    assert!(problem(&block("yaml", 0, "a: 1\n")).is_some());
    assert!(problem(&block("", 0, "")).is_some());
    assert_eq!(problem(&block("yaml illustration", 0, "a: [")), None);
    assert!(problem(&block("console", 2, "$ errcat --version\n")).is_some());
    assert!(problem(&block("console", 0, "$ cargo xtask regen\n")).is_some());
    assert!(blocks("```sh\nx\n").is_err());
    let found = blocks("text\n   ```yaml names\n   groups: []\n   ```\n").expect("blocks");
    assert_eq!((found[0].line, found[0].indent, found[0].text.as_str()), (2, 3, "groups: []\n"));
}

/// GitHub's anchor of a heading: lower case, punctuation dropped except
/// `-` and `_`, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The lines of a page outside fenced blocks, with inline code removed:
/// what a reader sees as prose, headings and links.
fn prose(page: &str) -> Vec<String> {
    let mut in_block = false;
    let mut lines = Vec::new();
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        // A run of n backticks opens a code span that the next run of
        // exactly n closes.
        let mut kept = String::new();
        let mut rest = line;
        while let Some(start) = rest.find('`') {
            kept.push_str(&rest[..start]);
            let ticks = rest[start..].len() - rest[start..].trim_start_matches('`').len();
            let after = &rest[start + ticks..];
            let fence = "`".repeat(ticks);
            let close = after.match_indices(&fence).find(|(at, _)| !after[at + ticks..].starts_with('`'));
            rest = match close {
                Some((at, _)) => &after[at + ticks..],
                None => after,
            };
        }
        kept.push_str(rest);
        lines.push(kept);
    }
    lines
}

fn anchors(page: &str) -> Vec<String> {
    prose(page)
        .iter()
        .filter_map(|line| line.strip_prefix('#'))
        .map(|heading| anchor(heading.trim_start_matches('#').trim()))
        .collect()
}

/// The targets of the markdown links of a page (`[text](target)`).
fn links(page: &str) -> Vec<String> {
    prose(page)
        .iter()
        .flat_map(|line| {
            line.split("](").skip(1).filter_map(|rest| rest.split(')').next()).map(str::to_owned).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_link_between_pages_reaches_a_page_and_a_heading() {
    assert_eq!(anchor("The manifest: `docs-src/sources.yaml`"), "the-manifest-docs-srcsourcesyaml");
    assert_eq!(links("[a](b.md#c) `[x](y)` and ``[`p`](q)``\n```\n[m](n)\n```\n"), ["b.md#c"]);
    let mut problems = Vec::new();
    let mut checked = 0;
    for page in pages().into_iter().chain([root().join("ARCHITECTURE.md")]) {
        let text = std::fs::read_to_string(&page).expect("page");
        for target in links(&text) {
            checked += 1;
            if target.contains("://") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let path = if file.is_empty() { page.clone() } else { page.parent().expect("folder").join(file) };
            if !path.exists() {
                problems.push(format!("{}: `{target}` does not exist", page.display()));
            } else if !fragment.is_empty() {
                let linked = std::fs::read_to_string(&path).unwrap_or_default();
                if !anchors(&linked).iter().any(|anchor| anchor == fragment) {
                    problems.push(format!("{}: `{target}` names no heading", page.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 40, "only {checked} links found");
}

#[test]
fn the_index_lists_every_page() {
    let index = std::fs::read_to_string(manual().join("README.md")).expect("index");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    for page in pages().iter().filter(|page| page.starts_with(manual())) {
        let name = page.file_name().expect("name").to_string_lossy();
        if name != "README.md" {
            assert!(index.contains(&format!("]({name})")), "manual/README.md does not list {name}");
            assert!(readme.contains(&format!("](crates/errcat-cli/manual/{name})")), "README.md does not link {name}");
        }
    }
}

/// The `errcat` examples, run at the repository's root as a reader would
/// run them there.
#[test]
fn console_examples_print_what_the_pages_show() {
    std::env::set_current_dir(root()).expect("cd to the repository");
    let cases = trycmd::TestCases::new();
    cases.register_bin("errcat", Path::new(env!("CARGO_BIN_EXE_errcat"))).env("NO_COLOR", "1");
    for page in pages() {
        cases.case(page);
    }
    cases.run();
}
