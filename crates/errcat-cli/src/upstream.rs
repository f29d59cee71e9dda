//! The drift check of every source's published page, behind `errcat
//! upstream` (`cmd/upstream.rs` parses its options and prints its report).
//!
//! Fetches each manifest source that has an `upstream` URL over HTTP(S),
//! reads it (markdown or HTML, by content type, then by content), builds its
//! catalog with the source's settings and lockfile, and compares it with the
//! committed catalog using the diff engine. "Could not fetch" (exit 2) is
//! never reported as "no drift" (exit 0). `--update` writes a fetched page
//! into `docs-src/` atomically and records the fetch; it never touches
//! `docs-src/` for a failed or partial fetch. The only code of errcat that
//! uses the network.

use anyhow::{Context, Result, bail};
use errcat::InputFormat;
use errcat::catalog::Catalog;
use errcat::diagnostic::Tally;
use errcat::diff::{CatalogReport, Level, Report};
use errcat::manifest::{Manifest, SourceEntry, UpstreamFetch, UpstreamLock};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Sent with every request.
pub const USER_AGENT: &str = concat!("errcat/", env!("CARGO_PKG_VERSION"), " (documentation drift check)");

/// Limits of one fetch.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    pub timeout: Duration,
    pub max_bytes: u64,
}

/// A fetched page, decoded to text.
#[derive(Debug)]
pub struct Fetched {
    /// The body decoded to text (content encoding, then charset).
    pub text: String,
    pub format: InputFormat,
}

/// The charset a page declares in a `<meta>` tag within its first bytes.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let value: String = head[at + 8..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Decodes a body: BOM first, then the HTTP charset, then a `<meta>`
/// charset, else UTF-8. Undecodable bytes are an error, not U+FFFD.
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Result<String, String> {
    let label = http_charset.map(str::to_owned).or_else(|| meta_charset(bytes));
    let encoding = match label {
        Some(label) => {
            encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| format!("unknown charset `{label}`"))?
        }
        None => encoding_rs::UTF_8,
    };
    let (text, used, had_errors) = encoding.decode(bytes);
    if had_errors {
        return Err(format!("the body is not valid {}", used.name()));
    }
    Ok(text.into_owned())
}

/// Refuses a URL whose host is, or resolves to, a link-local or metadata
/// address (see [`errcat::manifest::is_link_local`]).
fn refuse_link_local(url: &str) -> Result<(), String> {
    let uri: ureq::http::Uri = url.parse().map_err(|error| format!("`{url}` is not a URL: {error}"))?;
    let host = uri.host().ok_or_else(|| format!("`{url}` has no host"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
    let addresses: Vec<std::net::IpAddr> = match host.parse::<std::net::IpAddr>() {
        Ok(address) => vec![address],
        Err(_) => std::net::ToSocketAddrs::to_socket_addrs(&(host, port))
            .map(|found| found.map(|address| address.ip()).collect())
            .unwrap_or_default(),
    };
    match addresses.into_iter().find(|address| errcat::manifest::is_link_local(*address)) {
        Some(address) => Err(format!(
            "`{url}` reaches {address}, a link-local or cloud metadata address; refused \
             (set `upstream_link_local: true` on the source to allow it)"
        )),
        None => Ok(()),
    }
}

/// Fetches `url`: redirects followed (at most 5, each target checked like
/// the URL itself), gzip decoded, a global timeout, a size cap on the
/// decoded body, and non-2xx statuses as errors. Link-local and metadata
/// addresses are refused unless `link_local` allows them.
pub fn fetch(url: &str, limits: FetchLimits, link_local: bool) -> Result<Fetched, String> {
    const MAX_REDIRECTS: usize = 5;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(0)
        .max_redirects_will_error(false)
        .user_agent(USER_AGENT)
        .http_status_as_error(false)
        .build()
        .into();
    let mut current = url.to_owned();
    let mut redirects = 0;
    let mut response = loop {
        if !link_local {
            refuse_link_local(&current)?;
        }
        let response = agent
            .get(&current)
            .header("Accept", "text/html, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1")
            .call()
            .map_err(|error| error.to_string())?;
        if !response.status().is_redirection() {
            break response;
        }
        let Some(location) = response.headers().get("location").and_then(|value| value.to_str().ok()) else {
            break response;
        };
        redirects += 1;
        if redirects > MAX_REDIRECTS {
            return Err(format!("more than {MAX_REDIRECTS} redirects"));
        }
        current = resolve_location(&current, location)?;
    };
    let status = response.status();
    if !status.is_success() {
        return Err(format!("HTTP {status}"));
    }
    let mime = response.body().mime_type().map(str::to_ascii_lowercase);
    let charset = response.body().charset().map(str::to_owned);
    // The cap counts decoded bytes (after gzip): a small compressed body
    // that inflates past it is refused without being held whole.
    let mut bytes = Vec::new();
    let reader = response.body_mut().with_config().limit(u64::MAX).reader();
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, limits.max_bytes.saturating_add(1)), &mut bytes)
        .map_err(|error| format!("reading the body: {error}"))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(format!(
            "the body is larger than {} bytes once decoded (the size cap, --max-bytes)",
            limits.max_bytes
        ));
    }
    let text = decode(&bytes, charset.as_deref())?;
    let format = match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => InputFormat::Html,
        Some("text/markdown" | "text/x-markdown") => InputFormat::Markdown,
        _ => InputFormat::detect("", &text),
    };
    Ok(Fetched { text, format })
}

/// The absolute URL a `Location` header points to from `base`.
fn resolve_location(base: &str, location: &str) -> Result<String, String> {
    if location.starts_with("http://") || location.starts_with("https://") {
        return Ok(location.to_owned());
    }
    let uri: ureq::http::Uri = base.parse().map_err(|error| format!("`{base}`: {error}"))?;
    let (scheme, authority) = (
        uri.scheme_str().unwrap_or("http"),
        uri.authority().map(ureq::http::uri::Authority::as_str).unwrap_or_default(),
    );
    if let Some(rest) = location.strip_prefix("//") {
        return Ok(format!("{scheme}://{rest}"));
    }
    if location.starts_with('/') {
        return Ok(format!("{scheme}://{authority}{location}"));
    }
    let path = uri.path();
    let directory = &path[..path.rfind('/').map_or(0, |at| at + 1)];
    Ok(format!("{scheme}://{authority}{directory}{location}"))
}

/// The outcome for one source.
#[derive(Debug)]
pub struct Checked {
    pub report: CatalogReport,
    pub fetched: Fetched,
}

/// Fetches and compares one source.
pub fn check_source(root: &Path, source: &SourceEntry, url: &str, limits: FetchLimits) -> Result<Checked, String> {
    let fetched = fetch(url, limits, source.upstream_link_local)?;
    let docs_src = root.join("docs-src");
    let page = fetched.text.clone().into_bytes();
    let read = |path: &str| -> std::io::Result<Option<Vec<u8>>> {
        if path == source.file { Ok(Some(page.clone())) } else { errcat::project::read_from_dir(&docs_src)(path) }
    };
    let loaded =
        errcat::project::load_source_as(source, &read, Some(fetched.format)).map_err(|error| error.to_string())?;
    let errors = Tally::of(&loaded.diagnostics).errors;
    if errors > 0 {
        let first = loaded.diagnostics.iter().find(|d| d.severity() == errcat::diagnostic::Severity::Error);
        return Err(format!(
            "the fetched page has {errors} error(s), e.g. {}",
            first.map(|d| d.message.clone()).unwrap_or_default()
        ));
    }
    let committed_path = root.join("generated/catalog").join(format!("{}.yaml", source.id));
    let committed_text = std::fs::read_to_string(&committed_path)
        .map_err(|error| format!("reading {}: {error} (run `cargo xtask regen`)", committed_path.display()))?;
    let committed = Catalog::from_yaml(&committed_text).map_err(|error| error.to_string())?;
    let report =
        errcat::diff::diff_catalogs(&committed, &loaded.catalog, &format!("generated/catalog/{}.yaml", source.id), url);
    Ok(Checked { report, fetched })
}

/// Current UTC time as RFC 3339 (no dependency on a date library).
pub fn utc_now() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// Writes `bytes` to `path` through a temporary sibling and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("file");
    let temporary = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&temporary, bytes).with_context(|| format!("writing {}", temporary.display()))?;
    std::fs::rename(&temporary, path).with_context(|| format!("renaming into {}", path.display())).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Writes a fetched page into `docs-src/` and records the fetch. Refuses a
/// page whose format differs from the local file's.
pub fn update_source(root: &Path, source: &SourceEntry, url: &str, fetched: &Fetched) -> Result<bool> {
    let local_format = InputFormat::detect(&source.file, "");
    if local_format != fetched.format {
        bail!(
            "upstream serves {:?} but docs-src/{} is read as {:?}; point the manifest at a file with a matching extension",
            fetched.format,
            source.file,
            local_format
        );
    }
    // What is stored is the decoded text as UTF-8 (the charset of every
    // page in docs-src/), not the bytes as served (UTF-16, GBK…).
    let stored = fetched.text.as_bytes();
    let inside = |relative: &str| {
        errcat::project::path_inside(&root.join("docs-src"), Path::new(relative)).map_err(anyhow::Error::from)
    };
    let page_path = inside(&source.file)?;
    if std::fs::read(&page_path).ok().as_deref() == Some(stored) {
        return Ok(false);
    }
    let lock_path = inside("upstream.lock.yaml")?;
    let mut lock = match std::fs::read_to_string(&lock_path) {
        Ok(text) => UpstreamLock::parse(&text).map_err(|error| anyhow::anyhow!("{}: {error}", lock_path.display()))?,
        Err(_) => UpstreamLock::default(),
    };
    lock.sources.insert(
        source.id.clone(),
        UpstreamFetch { url: url.to_owned(), fetched: utc_now(), sha256: errcat::sha256_hex(stored) },
    );
    write_atomically(&page_path, stored)?;
    write_atomically(&lock_path, lock.to_yaml().as_bytes())?;
    Ok(true)
}

/// Options of `errcat upstream`.
#[derive(Debug)]
pub struct UpstreamOptions {
    pub root: PathBuf,
    pub sources: Vec<String>,
    pub limits: FetchLimits,
    pub update: bool,
    pub threshold: Level,
}

/// The outcome of a run: the report, sources that failed, pages updated.
#[derive(Debug, Default)]
pub struct RunOutcome {
    pub report: Report,
    pub failures: Vec<(String, String)>,
    pub updated: Vec<String>,
}

pub fn run(options: &UpstreamOptions) -> Result<RunOutcome> {
    let manifest_path = options.root.join("docs-src/sources.yaml");
    let manifest_text =
        std::fs::read_to_string(&manifest_path).with_context(|| format!("reading {}", manifest_path.display()))?;
    let manifest = Manifest::parse(&manifest_text, "docs-src/sources.yaml")?;
    for wanted in &options.sources {
        match manifest.sources.iter().find(|source| &source.id == wanted) {
            None => bail!("no source `{wanted}` in docs-src/sources.yaml"),
            Some(source) if source.upstream.is_none() => {
                bail!("source `{wanted}` has no `upstream` URL in the manifest")
            }
            Some(_) => {}
        }
    }
    if !manifest.sources.iter().any(|source| source.upstream.is_some()) {
        eprintln!("upstream: no source in docs-src/sources.yaml has an `upstream` URL; nothing to check");
    }
    let mut outcome = RunOutcome::default();
    for source in &manifest.sources {
        if !options.sources.is_empty() && !options.sources.contains(&source.id) {
            continue;
        }
        let Some(url) = &source.upstream else { continue };
        match check_source(&options.root, source, url, options.limits) {
            Ok(checked) => {
                let drifted = !checked.report.groups.is_empty();
                if options.update && drifted {
                    match update_source(&options.root, source, url, &checked.fetched) {
                        Ok(true) => outcome.updated.push(source.id.clone()),
                        Ok(false) => {}
                        Err(error) => outcome.failures.push((source.id.clone(), format!("{error:#}"))),
                    }
                }
                outcome.report.catalogs.push(checked.report);
            }
            Err(error) => outcome.failures.push((source.id.clone(), format!("could not check {url}: {error}"))),
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets_come_from_the_header_then_the_meta_tag() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>错误码</p>");
        assert_eq!(decode(&gbk, None).expect("gbk"), "<meta charset=\"gbk\"><p>错误码</p>");
        assert_eq!(decode("错误码".as_bytes(), Some("utf-8")).expect("utf-8"), "错误码");
        assert!(decode(&[0xff, 0xfe, 0xfd], Some("utf-8")).is_err(), "invalid bytes are an error");
        assert!(decode(b"x", Some("klingon")).is_err());
    }

    #[test]
    fn utc_now_is_rfc_3339() {
        let now = utc_now();
        assert_eq!(now.len(), 20);
        assert!(now.starts_with("20") && now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
    }
}
