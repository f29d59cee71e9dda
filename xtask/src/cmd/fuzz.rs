//! `cargo xtask fuzz`: runs a cargo-fuzz target of `crates/errcat-fuzz`
//! for a while, seeded with `docs-src/` and the test pages.

use super::Global;
use std::process::ExitCode;

/// The fuzz targets of `crates/errcat-fuzz`.
const TARGETS: &str = "read_markdown, read_html, ingest_render";

/// Run a cargo-fuzz target: `cargo xtask fuzz -- TARGET [SECONDS]`
///
/// Runs a cargo-fuzz target (read_markdown, read_html, ingest_render) for
/// SECONDS (default 60), seeded with docs-src/ and the test pages; further
/// arguments go to libFuzzer. Needs `cargo install cargo-fuzz` (the stable
/// toolchain is used with RUSTC_BOOTSTRAP=1).
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  no crash\n  1  the fuzzer failed (a crash, or cargo fuzz could not \
                        run)\n  2  usage or I/O error")]
pub struct Args {
    /// TARGET [SECONDS] [libFuzzer arguments] (after `--`)
    #[arg(last = true, value_name = "TARGET_SECONDS")]
    pub args: Vec<String>,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    let passthrough = &args.args;
    let (Some(target), seconds) = (passthrough.first(), passthrough.get(1).map_or("60", String::as_str)) else {
        eprintln!("usage: cargo xtask fuzz -- TARGET [SECONDS]   (targets: {TARGETS})");
        return Ok(ExitCode::from(2));
    };
    let corpus = root.join("crates/errcat-fuzz/corpus").join(target);
    std::fs::create_dir_all(&corpus)?;
    for dir in ["docs-src", "crates/errcat/tests/pages", "crates/errcat/tests/hostile"] {
        for entry in std::fs::read_dir(root.join(dir))? {
            let path = entry?.path();
            if path.is_file() && path.extension().is_some_and(|ext| ext != "yaml" && ext != "tsv") {
                std::fs::copy(&path, corpus.join(path.file_name().unwrap_or_default()))?;
            }
        }
    }
    let status = std::process::Command::new(super::cargo())
        .args(["fuzz", "run", "--fuzz-dir", "crates/errcat-fuzz", "-O", target])
        .arg(&corpus)
        .args(["--", &format!("-max_total_time={seconds}"), "-rss_limit_mb=2048"])
        .args(&passthrough[2.min(passthrough.len())..])
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(&root)
        .status()
        .map_err(|error| anyhow::anyhow!("running cargo fuzz (cargo install cargo-fuzz): {error}"))?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
