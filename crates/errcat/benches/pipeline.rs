//! End-to-end throughput: ingest (read, lower, name) + YAML + render every
//! target, on synthetic pages of 1,000, 10,000 and 100,000 rows with
//! realistic cells (CJK text, `<br />` labelled parts, links, multi-code
//! rows). Reports rows per second, peak memory (VmHWM, reset per size),
//! and whether the cost grows linearly. Run: `cargo xtask bench` (or
//! `cargo bench -p errcat --bench pipeline`). `ERRCAT_BENCH_PAGES=DIR`
//! also writes the generated pages there.

use errcat::render::{Target, TemplateSet, render};
use errcat::{CatalogIdentity, Page};
use std::time::{Duration, Instant};

/// A page of `rows` table rows in sections of 500.
fn synthetic_page(rows: usize) -> String {
    let mut page = String::from("# 错误码\n\n<Note title=\"说明\">\n\n本页由基准测试生成。\n\n</Note>\n");
    let mut code = 1_000_000u64;
    for row in 0..rows {
        if row % 500 == 0 {
            page.push_str(&format!(
                "\n## {}xxx 第 {} 组错误码\n\n| 错误码 | 描述 |\n|-|-|\n",
                code / 1000,
                row / 500 + 1
            ));
        }
        let codes = if row % 10 == 0 { format!("{code}、{}", code + 1) } else { code.to_string() };
        code += if row % 10 == 0 { 2 } else { 1 };
        page.push_str(&format!(
            "| {codes} | 描述：推流请求第 {row} 次失败，输入参数 StreamID 超长。<br />可能原因：网络异常或推拉流与媒体协商失败。<br />处理建议：请检查网络是否正常，详情请参考 [错误码说明](https://example.com/errors#{row})。 |\n"
        ));
    }
    page
}

/// Peak resident memory (VmHWM) in KiB, or 0 where /proc is not there.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1).and_then(|value| value.parse().ok()))
        })
        .unwrap_or(0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// One end-to-end run; returns its duration and the number of entries.
fn run(page: &str) -> (Duration, usize) {
    let started = Instant::now();
    let identity = CatalogIdentity { id: "bench".to_owned(), locale: "zh-CN".to_owned(), ..CatalogIdentity::default() };
    let (catalog, _) = errcat::ingest(
        &Page::new(page.as_bytes(), "bench.md", "bench.md"),
        &identity,
        &Default::default(),
        &Default::default(),
    );
    let phases = std::env::var_os("ERRCAT_BENCH_PHASES").is_some();
    if phases {
        eprintln!("  ingest {:?}", started.elapsed());
    }
    let mark = Instant::now();
    let yaml = catalog.to_yaml();
    if phases {
        eprintln!("  yaml {:?}", mark.elapsed());
    }
    let mut bytes = yaml.len();
    for target in Target::ALL.iter().copied() {
        let mark = Instant::now();
        let files = render(target, std::slice::from_ref(&catalog), &TemplateSet::builtin(target)).expect("renders");
        bytes += files.iter().map(|file| file.text.len()).sum::<usize>();
        if phases {
            eprintln!("  {target:?} {:?}", mark.elapsed());
        }
    }
    std::hint::black_box(bytes);
    (started.elapsed(), catalog.entries().count())
}

fn main() {
    let pages_dir = std::env::var_os("ERRCAT_BENCH_PAGES");
    println!("{:>8} {:>9} {:>10} {:>12} {:>14} {:>10}", "rows", "entries", "MB", "time (best)", "rows/s", "peak MiB");
    let mut times = Vec::new();
    let sizes: Vec<usize> = std::env::var("ERRCAT_BENCH_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|size| size.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    for &rows in &sizes {
        let page = synthetic_page(rows);
        if let Some(dir) = &pages_dir {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(std::path::Path::new(dir).join(format!("synthetic-{rows}.md")), &page);
        }
        reset_peak();
        let repeats = if rows >= 100_000 { 3 } else { 5 };
        let mut best = Duration::MAX;
        let mut entries = 0;
        for _ in 0..repeats {
            let (time, count) = run(&page);
            best = best.min(time);
            entries = count;
        }
        let peak = peak_kib() as f64 / 1024.0;
        let rate = rows as f64 / best.as_secs_f64();
        println!(
            "{rows:>8} {entries:>9} {:>10.1} {:>10.1} ms {rate:>14.0} {peak:>10.1}",
            page.len() as f64 / 1_048_576.0,
            best.as_secs_f64() * 1000.0
        );
        times.push(best.as_secs_f64());
    }
    if times.len() < 3 {
        return;
    }
    let ratio_small = times[1] / times[0];
    let ratio_large = times[2] / times[1];
    println!(
        "scaling: 10x rows cost {ratio_small:.2}x (1k→10k) and {ratio_large:.2}x (10k→100k) the time; linear means at most 11x"
    );
    println!(
        "targets: 100,000 rows in {:.0} ms (< 1000 ms: {}), linear: {}",
        times[2] * 1000.0,
        if times[2] < 1.0 { "met" } else { "NOT met" },
        if ratio_large <= 11.0 { "met" } else { "NOT met" }
    );
}
