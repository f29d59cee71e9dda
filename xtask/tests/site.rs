//! The error index (`generated/site/`) in a real browser: the committed
//! page and an index of hostile texts are served on localhost, and
//! `xtask/consumers/site/browse.mjs` drives Debian's Chromium (headless,
//! through playwright-core) to search by code and by name, filter by
//! catalog, open a permalink whose entry a search would hide, and read the
//! hostile page. This test judges what the browser saw against the
//! committed catalogs and the hostile texts themselves.
//!
//! Chromium, Node.js and playwright-core come from `cargo xtask test`
//! (`ERRCAT_CHROMIUM`, `ERRCAT_PLAYWRIGHT`). With `CI` set a missing one
//! fails the test; locally it skips with a loud message.

#[path = "../../crates/errcat/tests/common/site_text.rs"]
mod site_text;

use errcat::catalog::{Catalog, Entry, Group, entry_anchor};
use errcat::code::{Code, CodeType};
use errcat::render::{Target, TemplateSet};
use site_text::{shown, shown_text};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    xtask::workspace_root()
}

/// `env` when it names something that exists, else `fallback` when it
/// exists; `None` (skip) only outside CI.
fn installed(env: &str, fallback: PathBuf) -> Option<PathBuf> {
    let path = std::env::var_os(env).map(PathBuf::from).unwrap_or(fallback);
    if path.exists() {
        return Some(path);
    }
    let message = format!("{} not found (set {env}, or run `cargo xtask test`, which installs it)", path.display());
    assert!(std::env::var_os("CI").is_none(), "CI is set and {message}");
    eprintln!("\n*** SKIPPED: {message} ***\n");
    None
}

/// Serves the files under `dir` over HTTP on a free localhost port, until
/// the process ends; returns the base URL.
fn serve(dir: PathBuf) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a localhost port");
    let address = listener.local_addr().expect("its address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(&dir, stream));
        }
    });
    format!("http://{address}")
}

fn answer(dir: &Path, mut stream: std::net::TcpStream) {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The rest of the head.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|read| read > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/").trim_start_matches('/');
    let file = (!path.split('/').any(|part| part == ".."))
        .then(|| dir.join(if path.is_empty() { "index.html" } else { path }))
        .and_then(|file| std::fs::read(file).ok());
    let response = match file {
        Some(body) => {
            let mut head =
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())
                    .into_bytes();
            head.extend(body);
            head
        }
        None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}

/// Texts that would run script or add markup if the page did not escape
/// them, and one that would reorder what is shown.
const HOSTILE: &[&str] = &[
    "<img src=x onerror=\"window.__errcatPwned='img'\">",
    "</dd></dl></article><script>window.__errcatPwned='script'</script>",
    "\"><svg onload=\"alert('svg')\"></svg>",
    "' onmouseover='alert(1)' x='",
    "<iframe src=\"javascript:alert('iframe')\"></iframe>",
    "{{ 7*7 }} {% raw %} <b>bold</b> &amp; &lt;",
    "<!-- <style>body{display:none}</style>",
    "`</code><script>window.__errcatPwned='code'</script>` and `<b>` ` unpaired",
];

/// The seed catalog of the vendor codes, every text and title replaced by
/// a hostile one, plus a group whose string codes are hostile too.
fn hostile_catalog() -> Catalog {
    let text = std::fs::read_to_string(root().join("generated/catalog/rtc-vendor-error-codes.yaml")).expect("catalog");
    let mut catalog = Catalog::from_yaml(&text).expect("a catalog");
    catalog.id = "hostile".to_owned();
    catalog.title = HOSTILE[1].to_owned();
    let pick = |index: usize| HOSTILE[index % HOSTILE.len()].to_owned();
    for group in &mut catalog.groups {
        group.title = pick(4);
        for (index, entry) in group.entries.iter_mut().enumerate() {
            entry.message = Some(pick(index));
            entry.cause = Some(pick(index + 1));
            entry.solution = Some(pick(index + 2));
            entry.notes = vec![pick(index + 3), "\u{202e}reversed\u{202c}".to_owned()];
        }
    }
    let keyed: Vec<Entry> = HOSTILE
        .iter()
        .enumerate()
        .map(|(index, code)| Entry {
            code: Code::text(code),
            name: format!("Keyed{index}"),
            message: Some(pick(index + 1)),
            lines: vec![1],
            ..Entry::default()
        })
        .collect();
    catalog.groups.push(Group {
        name: "Keyed".to_owned(),
        title: pick(0),
        code_type: CodeType::String,
        entries: keyed,
        ..Group::default()
    });
    catalog
}

fn committed_catalogs() -> Vec<Catalog> {
    let dir = root().join("generated/catalog");
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("generated/catalog").flatten().map(|entry| entry.path()).collect();
    paths.sort();
    paths
        .iter()
        .map(|path| Catalog::from_yaml(&std::fs::read_to_string(path).expect("catalog")).expect("a catalog"))
        .collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value.as_array().into_iter().flatten().filter_map(|item| item.as_str().map(str::to_owned)).collect()
}

#[test]
fn the_error_index_searches_links_and_keeps_hostile_text_as_text_in_chromium() {
    let Some(chromium) = installed("ERRCAT_CHROMIUM", PathBuf::from("/usr/bin/chromium")) else { return };
    let toolchains = root().join(xtask::TOOLCHAINS_DIR);
    let Some(playwright) = installed("ERRCAT_PLAYWRIGHT", toolchains.join("node_modules/playwright-core")) else {
        return;
    };

    let dir = std::env::temp_dir().join(format!("errcat-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("hostile")).expect("scratch dir");
    std::fs::copy(root().join("generated/site/index.html"), dir.join("index.html")).expect("the committed index");
    let hostile = hostile_catalog();
    let site = errcat::render::site::TARGET;
    let files = errcat::render::render(site, std::slice::from_ref(&hostile), &TemplateSet::builtin(site))
        .expect("the hostile index renders");
    assert_eq!(Target::parse("site"), Some(site));
    let page = files.iter().find(|file| file.path == "index.html").expect("index.html");
    std::fs::write(dir.join("hostile/index.html"), &page.text).expect("write");
    let base = serve(dir.clone());

    // The code looked up: the server's "signature expired".
    let catalogs = committed_catalogs();
    let server = catalogs.iter().find(|catalog| catalog.id == "zego-server-return-codes").expect("server codes");
    let (group, entry) = server.entries().find(|(_, entry)| entry.code == Code::new(100_000_004)).expect("the code");
    let anchor = entry_anchor(&server.id, &group.name, &entry.code);

    let output = Command::new("node")
        .arg(root().join("xtask/consumers/site/browse.mjs"))
        .args([&base, "100000004", &entry.name, &anchor])
        .env("ERRCAT_CHROMIUM", &chromium)
        .env("ERRCAT_PLAYWRIGHT", &playwright)
        .output()
        .expect("node runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "browse.mjs failed:\n{stderr}");
    let seen: serde_json::Value = serde_json::from_slice(&output.stdout).expect("browse.mjs prints JSON");
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(seen["errors"], serde_json::json!([]), "the browser reported errors");
    assert_eq!(seen["dialogs"], serde_json::json!([]), "a dialog opened");

    // Every code of every catalog is on the page, and none is hidden at first.
    let members: usize =
        catalogs.iter().flat_map(|catalog| &catalog.groups).map(|g| g.entries.len() + g.retired.len()).sum();
    assert_eq!(seen["total"], members);
    assert_eq!(seen["countBefore"], format!("{members} codes"));

    // Accessible: every control labelled, the skip link first, contrast of
    // at least 4.5:1 (WCAG AA) for every kind of text in both schemes.
    assert_eq!(seen["unlabelled"], serde_json::json!([]));
    assert_eq!(seen["firstTab"], "skip");
    for scheme in ["light", "dark"] {
        let ratios = seen["contrast"][scheme].as_object().expect("ratios");
        assert_eq!(ratios.len(), 13);
        for (selector, ratio) in ratios {
            let ratio = ratio.as_f64().unwrap_or_else(|| panic!("no element {selector}"));
            assert!(ratio >= 4.5, "{scheme} scheme: `{selector}` has contrast {ratio}:1");
        }
    }

    // "/" focuses the search; the code finds its entry, with the page's texts.
    assert_eq!(seen["focused"], "q");
    let by_code = strings(&seen["byCode"]["visible"]);
    assert!(by_code.contains(&anchor), "searching 100000004 shows {by_code:?}");
    assert!(by_code.len() < members, "the search hid nothing");
    let page_texts: Vec<String> = [&entry.message, &entry.cause, &entry.solution]
        .into_iter()
        .flatten()
        .cloned()
        .chain(entry.notes.iter().cloned())
        .chain(entry.translations.values().flat_map(|text| [text.message.clone(), text.solution.clone()]).flatten())
        .collect();
    assert_eq!(strings(&seen["byCode"]["texts"]), page_texts);
    assert!(page_texts[0].contains("签名过期"), "{page_texts:?}");
    assert_eq!(seen["byCode"]["count"], format!("{} of {members} codes match", by_code.len()));
    // The name finds it too; a text no entry has finds nothing.
    assert!(strings(&seen["byName"]["visible"]).contains(&anchor), "searching {}: {}", entry.name, seen["byName"]);
    assert_eq!(seen["nothing"]["visible"], serde_json::json!([]));
    assert_eq!(seen["nothing"]["count"], format!("0 of {members} codes match"));
    // The filter keeps one catalog, whole.
    assert_eq!(seen["filtered"]["catalogs"], serde_json::json!([server.id]));
    let server_members: usize = server.groups.iter().map(|g| g.entries.len() + g.retired.len()).sum();
    assert_eq!(seen["filtered"]["visible"], server_members);

    // The permalink lands on the entry though the search would hide it.
    assert_eq!(seen["permalink"]["hidden"], false);
    assert_eq!(seen["permalink"]["target"], true);
    assert_eq!(seen["permalink"]["inView"], true, "{}", seen["permalink"]);
    assert_eq!(seen["permalink"]["search"], "", "the search that hid the entry is cleared");

    // Hostile texts stay text.
    let shown_hostile = &seen["hostile"];
    assert_eq!(shown_hostile["pwned"], serde_json::Value::Null);
    assert_eq!(shown_hostile["pwnedAfter"], serde_json::Value::Null);
    assert_eq!(shown_hostile["scripts"], 1, "only the page's own script");
    assert_eq!(shown_hostile["injected"], 0, "elements from texts");
    assert_eq!(shown_hostile["title"], shown(&hostile.title));
    let entries = shown_hostile["entries"].as_array().expect("entries");
    let expected: Vec<(&Group, &Entry)> = hostile.entries().collect();
    assert_eq!(entries.len(), expected.len());
    for (seen_entry, (group, entry)) in entries.iter().zip(expected) {
        assert_eq!(seen_entry["id"], entry_anchor(&hostile.id, &group.name, &entry.code));
        assert_eq!(seen_entry["code"], shown(&entry.code.to_string()));
        let texts: Vec<String> = [&entry.message, &entry.cause, &entry.solution]
            .into_iter()
            .flatten()
            .chain(&entry.notes)
            .map(|text| shown_text(text))
            .collect();
        assert_eq!(strings(&seen_entry["texts"]), texts, "entry {}", entry.code);
    }
    let found = strings(&shown_hostile["search"]["visible"]);
    let with_img = hostile
        .entries()
        .filter(|(_, entry)| {
            [&entry.message, &entry.cause, &entry.solution]
                .into_iter()
                .flatten()
                .chain(&entry.notes)
                .any(|t| t.contains("<img"))
                || entry.code.to_string().contains("<img")
        })
        .count();
    assert_eq!(found.len(), with_img, "searching `<img` finds every entry with that text: {found:?}");
}
