//! `errcat upstream` against a real HTTP server on 127.0.0.1: unchanged and
//! changed pages, HTTP errors, a slow response, a truncated body, a
//! redirect, a huge body, gzip, and HTML in another charset. Every failure
//! exits 2 and leaves `docs-src/` byte-identical.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const PAGE: &str = "# 错误码\n\n## 媒体服务\n\n| 返回码 | 说明 | 处理建议 |\n|---|---|---|\n| 1 | 请求失败。 | 请重试。 |\n| 2 | 参数错误。 | - |\n| 3 | 鉴权失败。 | 请检查签名。 |\n";
const CHANGED: &str = "# 错误码\n\n## 媒体服务\n\n| 返回码 | 说明 | 处理建议 |\n|---|---|---|\n| 1 | 请求失败。 | 请重试。 |\n| 2 | 输入参数错误。 | - |\n| 3 | 鉴权失败。 | 请检查签名。 |\n| 4 | 请求过于频繁。 | 请稍后重试。 |\n";
const HTML_GBK: &str = "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>错误码</title></head><body>\n<h1>错误码</h1><h2>媒体服务</h2>\n<table><thead><tr><th>返回码</th><th>说明</th><th>处理建议</th></tr></thead><tbody>\n<tr><td>1</td><td>请求失败。</td><td>请重试。</td></tr>\n<tr><td>2</td><td>参数错误。</td><td>-</td></tr>\n<tr><td>3</td><td>鉴权失败。</td><td>请检查签名。</td></tr>\n</tbody></table></body></html>\n";

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers.iter().any(|(name, _)| *name == "Content-Length") {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn handle(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_or(true, |n| n == 0) || line == "\r\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let markdown = ("Content-Type", "text/markdown; charset=utf-8".to_owned());
    match path.as_str() {
        "/same" => respond(&mut stream, "200 OK", &[markdown], PAGE.as_bytes()),
        "/changed" => respond(&mut stream, "200 OK", &[markdown], CHANGED.as_bytes()),
        "/missing" => respond(&mut stream, "404 Not Found", &[], b"not here"),
        "/broken" => respond(&mut stream, "500 Internal Server Error", &[], b"oops"),
        "/redirect" => respond(&mut stream, "302 Found", &[("Location", "/same".to_owned())], b""),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(4));
            respond(&mut stream, "200 OK", &[markdown], PAGE.as_bytes());
        }
        "/truncated" => {
            let length = ("Content-Length", (PAGE.len() + 500).to_string());
            respond(&mut stream, "200 OK", &[markdown, length], PAGE.as_bytes());
        }
        "/huge" => {
            let length = ("Content-Length", "50000000".to_owned());
            respond(&mut stream, "200 OK", &[markdown, length], b"");
            let chunk = vec![b'|'; 65_536];
            for _ in 0..800 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        "/gzip" => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(PAGE.as_bytes()).expect("gzip");
            let body = encoder.finish().expect("gzip");
            respond(&mut stream, "200 OK", &[markdown, ("Content-Encoding", "gzip".to_owned())], &body);
        }
        "/bomb" => {
            // 256 MiB of zeros in about 250 KB of gzip.
            static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
            let body = BOMB.get_or_init(|| {
                let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                let zeros = vec![0u8; 1 << 20];
                for _ in 0..256 {
                    encoder.write_all(&zeros).expect("gzip");
                }
                encoder.finish().expect("gzip")
            });
            respond(&mut stream, "200 OK", &[markdown, ("Content-Encoding", "gzip".to_owned())], body);
        }
        "/utf16" => {
            let mut body = vec![0xff, 0xfe];
            body.extend(CHANGED.encode_utf16().flat_map(u16::to_le_bytes));
            respond(&mut stream, "200 OK", &[("Content-Type", "text/markdown; charset=utf-16".to_owned())], &body);
        }
        "/to-metadata" => respond(
            &mut stream,
            "302 Found",
            &[("Location", "http://169.254.169.254/latest/meta-data/".to_owned())],
            b"",
        ),
        "/gbk" => {
            let (body, _, _) = encoding_rs::GBK.encode(HTML_GBK);
            respond(&mut stream, "200 OK", &[("Content-Type", "text/html".to_owned())], &body);
        }
        _ => respond(&mut stream, "404 Not Found", &[], b""),
    }
    let _ = stream.flush();
    drop(reader);
    let mut rest = Vec::new();
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let _ = stream.read_to_end(&mut rest);
}

/// One server for all tests, on a free port of 127.0.0.1.
fn server() -> u16 {
    static PORT: OnceLock<u16> = OnceLock::new();
    *PORT.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || handle(stream));
            }
        });
        port
    })
}

/// A project whose one source is published at `route` of the server.
fn project(name: &str, route: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("errcat-upstream-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("docs-src")).expect("mkdir");
    std::fs::create_dir_all(root.join("generated/catalog")).expect("mkdir");
    std::fs::write(root.join("docs-src/demo.md"), PAGE).expect("page");
    let manifest = format!(
        "sources:\n  - id: demo\n    file: demo.md\n    locale: zh-CN\n    upstream: http://127.0.0.1:{}{route}\n",
        server()
    );
    std::fs::write(root.join("docs-src/sources.yaml"), &manifest).expect("manifest");
    let manifest = errcat::manifest::Manifest::parse(&manifest, "sources.yaml").expect("manifest");
    let docs_src = root.join("docs-src");
    let loaded = errcat::project::load_source(&manifest.sources[0], &errcat::project::read_from_dir(&docs_src))
        .expect("committed catalog");
    std::fs::write(root.join("generated/catalog/demo.yaml"), loaded.catalog.to_yaml_file("test")).expect("catalog");
    root
}

fn docs_src_bytes(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(root.join("docs-src"))
        .expect("docs-src")
        .map(|entry| {
            let path = entry.expect("entry").path();
            (path.display().to_string(), std::fs::read(&path).expect("read"))
        })
        .collect();
    files.sort();
    files
}

fn upstream(root: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .arg("upstream")
        .arg("--root")
        .arg(root)
        .args(["--color", "never"])
        .args(extra)
        .output()
        .expect("run errcat upstream")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A failing check exits 2, says why, and leaves docs-src/ untouched even
/// with --update.
fn assert_fails(route: &str, extra: &[&str], why: &str) {
    let root = project(&format!("fail{}", route.replace('/', "-")), route);
    let before = docs_src_bytes(&root);
    let mut args = vec!["--update"];
    args.extend_from_slice(extra);
    let output = upstream(&root, &args);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{route}: {stderr}");
    assert!(stderr.contains(why), "{route}: expected `{why}` in: {stderr}");
    assert!(text(&output.stdout).contains("NOT CHECKED (1): demo"), "{route}: the report must say so");
    assert_eq!(docs_src_bytes(&root), before, "{route}: docs-src/ changed after a failure");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_unchanged_page_exits_0_with_an_empty_report() {
    for route in ["/same", "/redirect", "/gzip", "/gbk"] {
        let root = project(&format!("same{}", route.replace('/', "-")), route);
        let output = upstream(&root, &["--fail-on", "any"]);
        assert_eq!(output.status.code(), Some(0), "{route}: {}{}", text(&output.stdout), text(&output.stderr));
        assert!(text(&output.stdout).contains("no changes"), "{route}: {}", text(&output.stdout));
        let _ = std::fs::remove_dir_all(&root);
    }
}

#[test]
fn a_changed_page_exits_1_with_the_semantic_report_and_touches_nothing() {
    let root = project("changed", "/changed");
    let before = docs_src_bytes(&root);
    let output = upstream(&root, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("~ 2 message: {+输入+}参数错误。  [patch]"), "{stdout}");
    assert!(stdout.contains("+ 4 Code4: 请求过于频繁。  [minor]"), "{stdout}");
    assert_eq!(docs_src_bytes(&root), before);
    // Only a minor change: not breaking.
    assert_eq!(upstream(&root, &["--fail-on", "breaking"]).status.code(), Some(0));
    let json = text(&upstream(&root, &["--format", "json"]).stdout);
    assert!(json.contains("\"level\": \"minor\""), "{json}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn update_writes_the_page_and_records_the_fetch() {
    let root = project("update", "/changed");
    let output = upstream(&root, &["--update"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("updated docs-src/"));
    assert_eq!(std::fs::read_to_string(root.join("docs-src/demo.md")).expect("page"), CHANGED);
    let lock = std::fs::read_to_string(root.join("docs-src/upstream.lock.yaml")).expect("lock");
    let lock = errcat::manifest::UpstreamLock::parse(&lock).expect("lock parses");
    let fetch = &lock.sources["demo"];
    assert_eq!(fetch.sha256, errcat::sha256_hex(CHANGED.as_bytes()));
    assert!(fetch.url.ends_with("/changed") && fetch.fetched.ends_with('Z'));
    let leftovers: Vec<_> = std::fs::read_dir(root.join("docs-src"))
        .expect("docs-src")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn http_errors_exit_2() {
    assert_fails("/missing", &[], "HTTP 404");
    assert_fails("/broken", &[], "HTTP 500");
}

#[test]
fn a_slow_response_times_out_and_exits_2() {
    let started = Instant::now();
    assert_fails("/slow", &["--timeout", "1"], "timeout");
    assert!(started.elapsed() < Duration::from_secs(4), "the timeout was not applied");
}

#[test]
fn a_truncated_body_exits_2() {
    assert_fails("/truncated", &[], "reading the body");
}

#[test]
fn a_huge_body_is_capped_and_exits_2() {
    assert_fails("/huge", &["--max-bytes", "100000"], "larger than 100000 bytes");
}

/// The cap counts decoded bytes: 256 MiB of zeros sent as 250 KB of gzip
/// is refused at the cap, without being inflated whole.
#[test]
fn a_gzip_bomb_is_capped_on_its_decoded_size() {
    assert_fails("/bomb", &["--max-bytes", "1000000"], "larger than 1000000 bytes once decoded");
}

/// Link-local and cloud metadata addresses are refused, directly and as a
/// redirect target, before any request is sent to them.
#[test]
fn link_local_and_metadata_addresses_are_refused() {
    assert_fails("/to-metadata", &[], "169.254.169.254, a link-local or cloud metadata address");
    let root = project("metadata", "/same");
    let manifest = std::fs::read_to_string(root.join("docs-src/sources.yaml")).expect("manifest");
    let direct = manifest.replace(&format!("http://127.0.0.1:{}/same", server()), "http://169.254.169.254/latest");
    std::fs::write(root.join("docs-src/sources.yaml"), direct).expect("manifest");
    let output = upstream(&root, &["--timeout", "2"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("upstream_link_local: true"), "{}", text(&output.stderr));
    let _ = std::fs::remove_dir_all(&root);
    for (address, refused) in [
        ("169.254.169.254", true),
        ("fd00:ec2::254", true),
        ("fe80::1", true),
        ("::ffff:169.254.1.1", true),
        ("127.0.0.1", false),
        ("10.0.0.1", false),
        ("2001:db8::1", false),
    ] {
        let ip: std::net::IpAddr = address.parse().expect("address");
        assert_eq!(errcat::manifest::is_link_local(ip), refused, "{address}");
    }
}

/// A page served as UTF-16 is stored as the UTF-8 text regen reads, and
/// regen reads it.
#[test]
fn update_stores_a_utf16_page_as_utf8() {
    let root = project("utf16", "/utf16");
    let output = upstream(&root, &["--update"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(std::fs::read(root.join("docs-src/demo.md")).expect("page"), CHANGED.as_bytes());
    let lock = std::fs::read_to_string(root.join("docs-src/upstream.lock.yaml")).expect("lock");
    let lock = errcat::manifest::UpstreamLock::parse(&lock).expect("lock parses");
    assert_eq!(lock.sources["demo"].sha256, errcat::sha256_hex(CHANGED.as_bytes()));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn an_html_page_for_a_markdown_source_is_compared_but_never_written() {
    // The GBK page reads into the same catalog (see the unchanged test); with
    // --update and a drift it would have to replace demo.md, which is
    // markdown: refused rather than writing HTML into a .md file.
    let root = project("format", "/gbk");
    std::fs::write(root.join("docs-src/demo.md"), CHANGED).expect("local page differs");
    let manifest = std::fs::read_to_string(root.join("docs-src/sources.yaml")).expect("manifest");
    let manifest = errcat::manifest::Manifest::parse(&manifest, "m").expect("manifest");
    let loaded =
        errcat::project::load_source(&manifest.sources[0], &errcat::project::read_from_dir(&root.join("docs-src")))
            .expect("catalog");
    std::fs::write(root.join("generated/catalog/demo.yaml"), loaded.catalog.to_yaml_file("test")).expect("catalog");
    let before = docs_src_bytes(&root);
    let output = upstream(&root, &["--update"]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("upstream serves Html"), "{}", text(&output.stderr));
    assert_eq!(docs_src_bytes(&root), before);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn unknown_sources_are_usage_errors() {
    let root = project("usage", "/same");
    assert_eq!(upstream(&root, &["--source", "nope"]).status.code(), Some(2));
    let manifest = std::fs::read_to_string(root.join("docs-src/sources.yaml")).expect("manifest");
    let without_url: String =
        manifest.lines().filter(|line| !line.contains("upstream:")).map(|l| format!("{l}\n")).collect();
    std::fs::write(root.join("docs-src/sources.yaml"), without_url).expect("write");
    assert_eq!(upstream(&root, &["--source", "demo"]).status.code(), Some(2), "a source without a URL");
    let _ = std::fs::remove_dir_all(&root);
}
