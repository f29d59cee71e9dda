//! `cargo xtask bench`: the whole commands side by side on the same
//! synthetic pages, in one run, as a user would run them: `errcat ingest
//! PAGE --format json`, `errcat render PAGE --target all`, `cargo xtask
//! regen` and `check` of a project whose one source is the page, a bare
//! pulldown-cmark parse (the floor), and the Python pipeline a user would
//! write instead (`xtask/bench/peer.py`: markdown-it-py + PyYAML + Jinja2)
//! when its packages are installed. Each is its own process (release
//! build), timed by wall clock (best of several runs) with its peak
//! resident memory from GNU `time` when that is installed. Prints the
//! figures, the scaling per 10× rows, the ratio to the peer, and which
//! targets are met. The stage benchmarks are `cargo bench -p errcat`.

#[path = "../../crates/errcat/benches/synthetic.rs"]
mod synthetic;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Rows of the pages measured unless `--sizes` says otherwise.
pub const DEFAULT_SIZES: &[usize] = &[1_000, 10_000, 100_000, 200_000];

/// Pages up to this size are also run through the Python peer.
const PEER_MAX_ROWS: usize = 10_000;

/// One measured command: best wall time and peak memory (KiB, when known).
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub best: Duration,
    pub peak_kib: Option<u64>,
}

#[derive(Debug, Default)]
struct Row {
    rows: usize,
    megabytes: f64,
    ingest: Option<Measure>,
    render: Option<Measure>,
    regen: Option<Measure>,
    check: Option<Measure>,
    parse: Option<Measure>,
    peer: Option<Measure>,
}

fn run_measured(command: &mut Command, repeats: usize, before: &dyn Fn()) -> Result<Measure> {
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut best = Duration::MAX;
    let mut peak = None;
    for _ in 0..repeats {
        before();
        let mut timed = if gnu_time {
            let mut timed = Command::new("/usr/bin/time");
            timed.arg("-f").arg("errcat-bench-peak %M").arg(command.get_program()).args(command.get_args());
            timed
        } else {
            let mut plain = Command::new(command.get_program());
            plain.args(command.get_args());
            plain
        };
        let started = Instant::now();
        let output = timed.stdout(Stdio::null()).stderr(Stdio::piped()).output().context("starting a benchmark")?;
        let elapsed = started.elapsed();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            bail!("{:?} failed: {}", command.get_program(), stderr.lines().last().unwrap_or(""));
        }
        best = best.min(elapsed);
        let kib = stderr
            .lines()
            .filter_map(|line| line.strip_prefix("errcat-bench-peak "))
            .find_map(|value| value.trim().parse::<u64>().ok());
        peak = peak.max(kib);
    }
    Ok(Measure { best, peak_kib: peak })
}

fn build(root: &Path) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for args in [
        &["build", "--release", "--quiet", "-p", "errcat-cli"][..],
        &["build", "--release", "--quiet", "-p", "xtask"],
        &["build", "--release", "--quiet", "-p", "errcat", "--example", "bare_parse"],
    ] {
        let status = Command::new(&cargo).args(args).current_dir(root).status().context("running cargo build")?;
        if !status.success() {
            bail!("cargo {} failed", args.join(" "));
        }
    }
    Ok(())
}

fn peer_available() -> bool {
    Command::new("python3")
        .args(["-c", "import markdown_it, yaml, jinja2"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

fn seconds(measure: Option<Measure>) -> String {
    measure.map_or_else(|| "-".to_owned(), |measure| format!("{:.3} s", measure.best.as_secs_f64()))
}

fn mebibytes(measure: Option<Measure>) -> String {
    measure
        .and_then(|measure| measure.peak_kib)
        .map_or_else(|| "-".to_owned(), |kib| format!("{:.0} MB", kib as f64 / 1024.0))
}

/// Runs the benchmark and prints its report. `args`: `--sizes 1000,10000`.
pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let mut sizes = DEFAULT_SIZES.to_vec();
    if let Some(index) = args.iter().position(|arg| arg == "--sizes") {
        let list = args.get(index + 1).context("--sizes needs a list, e.g. --sizes 1000,10000")?;
        sizes =
            list.split(',').map(|size| size.trim().parse().context("--sizes takes numbers")).collect::<Result<_>>()?;
    }
    build(root)?;
    let release = root.join("target/release");
    let work = root.join("target/bench");
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    let peer = peer_available();
    let mut table = Vec::new();
    for &rows in &sizes {
        let page = synthetic::page(rows);
        let path = work.join(format!("page-{rows}.md"));
        std::fs::write(&path, &page).with_context(|| format!("writing {}", path.display()))?;
        let repeats = match rows {
            0..=10_000 => 5,
            10_001..=100_000 => 3,
            _ => 2,
        };
        let out: PathBuf = work.join(format!("out-{rows}"));
        let clear = || {
            let _ = std::fs::remove_dir_all(&out);
        };
        let nothing = || {};
        let mut row = Row { rows, megabytes: page.len() as f64 / 1_048_576.0, ..Row::default() };
        row.ingest = Some(run_measured(
            Command::new(release.join("errcat")).arg("ingest").arg(&path).args(["--format", "json"]),
            repeats,
            &nothing,
        )?);
        row.render = Some(run_measured(
            Command::new(release.join("errcat")).arg("render").arg(&path).args(["--target", "all", "--out"]).arg(&out),
            repeats,
            &clear,
        )?);
        // `cargo xtask regen` of a project whose one source is the page,
        // from an empty generated/ (every file new), then `check` of the
        // result: the main job and the CI job on a page of this size.
        let project = std::env::temp_dir().join(format!("errcat-bench-project-{rows}"));
        let _ = std::fs::remove_dir_all(&project);
        std::fs::create_dir_all(project.join("docs-src")).context("creating the bench project")?;
        std::fs::write(project.join("docs-src/page.md"), &page).context("writing the bench project")?;
        std::fs::write(
            project.join("docs-src/sources.yaml"),
            "sources:\n  - id: bench\n    file: page.md\n    locale: en\n",
        )
        .context("writing the bench project")?;
        let empty_generated = || {
            let _ = std::fs::remove_dir_all(project.join("generated"));
        };
        row.regen = Some(run_measured(
            Command::new(release.join("xtask")).arg("regen").arg("--root").arg(&project),
            repeats.min(3),
            &empty_generated,
        )?);
        row.check = Some(run_measured(
            Command::new(release.join("xtask")).arg("check").arg("--root").arg(&project),
            repeats.min(3),
            &nothing,
        )?);
        let _ = std::fs::remove_dir_all(&project);
        row.parse =
            Some(run_measured(Command::new(release.join("examples/bare_parse")).arg(&path), repeats, &nothing)?);
        if peer && rows <= PEER_MAX_ROWS {
            let peer_out = work.join(format!("peer-{rows}"));
            row.peer = Some(run_measured(
                Command::new("python3").arg(root.join("xtask/bench/peer.py")).arg(&path).arg(&peer_out),
                repeats.min(3),
                &nothing,
            )?);
        }
        clear();
        eprintln!("  measured {rows} rows");
        table.push(row);
    }
    print!("{}", report(&table, peer));
    Ok(())
}

fn report(table: &[Row], peer: bool) -> String {
    let mut out = String::from(
        "| rows | page | ingest → JSON | peak | render --target all | peak | xtask regen | peak | xtask check | bare parse | Python peer | peak |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for row in table {
        out.push_str(&format!(
            "| {} | {:.1} MB | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            row.rows,
            row.megabytes,
            seconds(row.ingest),
            mebibytes(row.ingest),
            seconds(row.render),
            mebibytes(row.render),
            seconds(row.regen),
            mebibytes(row.regen),
            seconds(row.check),
            seconds(row.parse),
            seconds(row.peer),
            mebibytes(row.peer),
        ));
    }
    out.push('\n');
    if !peer {
        out.push_str("Python peer: skipped (`pip install markdown-it-py pyyaml jinja2` to include it)\n");
    }
    let time = |measure: Option<Measure>| measure.map(|measure| measure.best.as_secs_f64());
    for pair in table.windows(2) {
        let factor = pair[1].rows as f64 / pair[0].rows as f64;
        // regen and check also start a process that reads git and writes
        // 80-odd files: 1.2× the rows' factor (12× for 10× rows).
        for (what, first, second, slack) in [
            ("ingest", time(pair[0].ingest), time(pair[1].ingest), 1.1),
            ("render-all", time(pair[0].render), time(pair[1].render), 1.1),
            ("regen", time(pair[0].regen), time(pair[1].regen), 1.2),
            ("check", time(pair[0].check), time(pair[1].check), 1.2),
        ] {
            if let (Some(first), Some(second)) = (first, second) {
                let ratio = second / first;
                let limit = factor * slack;
                out.push_str(&format!(
                    "scaling {what} {}→{} rows ({factor:.0}× rows): {ratio:.2}× time (≤ {limit:.1}×: {})\n",
                    pair[0].rows,
                    pair[1].rows,
                    if ratio <= limit { "met" } else { "NOT met" }
                ));
            }
        }
    }
    if let Some(row) = table.iter().find(|row| row.rows == 10_000)
        && let (Some(render), Some(peer)) = (time(row.render), time(row.peer))
    {
        let ratio = peer / render;
        out.push_str(&format!(
            "side by side at 10,000 rows: render-all {ratio:.1}× faster than the Python peer (≥ 30×: {})\n",
            if ratio >= 30.0 { "met" } else { "NOT met" }
        ));
    }
    if let Some(row) = table.iter().find(|row| row.rows == 100_000) {
        let met = |ok: bool| if ok { "met" } else { "NOT met" };
        if let Some(render) = row.render {
            let seconds = render.best.as_secs_f64();
            out.push_str(&format!("100,000 rows: render-all {seconds:.2} s (≤ 1.0 s: {})", met(seconds <= 1.0)));
            if let Some(kib) = render.peak_kib {
                out.push_str(&format!(", peak {:.0} MB (≤ 300 MB: {})", kib as f64 / 1024.0, met(kib <= 300 * 1024)));
            }
            out.push('\n');
        }
        if let Some(seconds) = time(row.regen) {
            out.push_str(&format!("100,000 rows: cargo xtask regen {seconds:.2} s (≤ 5 s: {})\n", met(seconds <= 5.0)));
        }
        if let Some(seconds) = time(row.ingest) {
            out.push_str(&format!("100,000 rows: ingest to JSON {seconds:.2} s (≤ 0.5 s: {})\n", met(seconds <= 0.5)));
        }
    }
    out
}
