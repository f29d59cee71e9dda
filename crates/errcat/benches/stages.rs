//! Stage benchmarks (divan): reading, lowering, naming, YAML and JSON
//! output, and rendering each target, on the synthetic page
//! (`synthetic.rs`) at 1,000 and 10,000 rows. Run with
//! `cargo bench -p errcat --bench stages`; `cargo xtask bench` measures the
//! whole commands side by side at up to 200,000 rows.

#[path = "synthetic.rs"]
mod synthetic;

use errcat::catalog::Catalog;
use errcat::lower::SourceInfo;
use errcat::raw::RawDoc;
use errcat::render::{CodeModel, Rendering, Target, TemplateSet};

const ROWS: &[usize] = &[1_000, 10_000];

/// The `errcat` binary's allocator, so that stage figures match the command's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn info() -> SourceInfo {
    SourceInfo {
        id: "bench".to_owned(),
        title: None,
        locale: "zh-CN".to_owned(),
        path: "bench.md".to_owned(),
        file: "bench.md".to_owned(),
        sha256: String::new(),
        upstream: None,
    }
}

fn raw(page: &str) -> RawDoc {
    errcat::read::read(page, "bench.md", errcat::InputFormat::Markdown, &Default::default()).0
}

fn catalog(rows: usize) -> Catalog {
    let page = synthetic::page(rows);
    let (mut catalog, _) = errcat::lower::lower(&raw(&page), &info(), &Default::default());
    errcat::names::apply(&mut catalog, &Default::default(), "bench.md");
    catalog
}

#[divan::bench(args = ROWS)]
fn read(bencher: divan::Bencher<'_, '_>, rows: usize) {
    let page = synthetic::page(rows);
    bencher.counter(divan::counter::BytesCount::of_str(&page)).bench(|| raw(divan::black_box(&page)));
}

#[divan::bench(args = ROWS)]
fn lower(bencher: divan::Bencher<'_, '_>, rows: usize) {
    let raw = raw(&synthetic::page(rows));
    bencher
        .with_inputs(|| raw.clone())
        .bench_local_values(|raw| errcat::lower::lower_owned(raw, &info(), &Default::default()));
}

#[divan::bench(args = ROWS)]
fn names(bencher: divan::Bencher<'_, '_>, rows: usize) {
    let page = synthetic::page(rows);
    let (catalog, _) = errcat::lower::lower(&raw(&page), &info(), &Default::default());
    bencher.with_inputs(|| catalog.clone()).bench_local_values(|mut catalog| {
        errcat::names::apply(&mut catalog, &Default::default(), "bench.md");
        catalog
    });
}

#[divan::bench(args = ROWS)]
fn yaml(bencher: divan::Bencher<'_, '_>, rows: usize) {
    let catalog = catalog(rows);
    bencher.bench(|| divan::black_box(&catalog).to_yaml());
}

#[divan::bench(args = ROWS)]
fn json(bencher: divan::Bencher<'_, '_>, rows: usize) {
    let catalog = catalog(rows);
    bencher.bench(|| divan::black_box(&catalog).to_json());
}

/// One target rendered into memory (`rust`, `typescript`, `kotlin`, `json`).
#[divan::bench(args = ["rust", "typescript", "kotlin", "json"], consts = [1_000, 10_000])]
fn render<const ROWS: usize>(bencher: divan::Bencher<'_, '_>, target: &str) {
    let model = CodeModel::new(vec![catalog(ROWS)]);
    let target = Target::parse(target).expect("a registered target");
    let rendering = Rendering::new(&model, &[(target, TemplateSet::builtin(target))]).expect("renders");
    bencher.bench(|| rendering.to_memory().expect("renders"));
}
