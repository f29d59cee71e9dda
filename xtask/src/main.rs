//! `cargo xtask <command>`: regen, check.
//!
//! Exit codes: 0 success; 1 drift (`check`) or error diagnostics in the
//! pages; 2 usage or IO error.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command> [--verbose] [--root DIR]

commands:
  regen   regenerate generated/ from docs-src/ (atomic; refuses on errors)
  check   fail with a diff when generated/ is stale, hand-edited, missing files or has orphans;
          `check --format github|sarif|junit` prints the pages' diagnostics and the drift as
          workflow annotations, a SARIF 2.1.0 log or a JUnit XML report on standard output
  names   add the names a page or an official SDK list gives to docs-src/names/<id>.yaml;
          `names --suggest` proposes names from English text (and string codes) for codes
          without a locked name and measures the rules against the curated ones;
          `--accept` writes the proposals into the lockfiles
  diff    `errcat diff` on this checkout: `cargo xtask diff -- OLD NEW` or `-- --since REV`
          (see `errcat diff --help`; exit 1 when --fail-on is exceeded)
  lint    `errcat lint` on every source of this checkout (exit 1 when a lint is not allowed)
  corpus  read every page of the corpus of real pages (crates/errcat/tests/corpus/) with no
          settings and print per page: rows on the page, entries, entries with a message,
          diagnostics by code; then the totals; then BATCHES.md and each blind batch's
          figures now (--verbose: every expected row not read exactly)
  bench   side by side on synthetic pages of 1,000 to 200,000 rows (release build): errcat
          ingest, errcat render --target all, cargo xtask regen and check, a bare
          pulldown-cmark parse and the Python peer
          (when markdown-it-py, pyyaml and jinja2 are installed), best time and peak memory;
          `-- --sizes 1000,10000` to choose sizes. Stages: `cargo bench -p errcat`
  fuzz    `cargo xtask fuzz -- TARGET SECONDS`: run a cargo-fuzz target (read_markdown,
          read_html, ingest_render) seeded with docs-src/ and the test pages; needs
          `cargo install cargo-fuzz` (the stable toolchain is used with RUSTC_BOOTSTRAP=1)
  upstream  `errcat upstream` on this checkout (fetch every upstream URL, report drift);
          with `-- --update`, also regenerates generated/ from the updated pages
  release `release --dry-run [--only NAME]`: every generated package checked the way its
          registry takes it, nothing published (cargo publish --dry-run; npm publish --dry-run,
          publint and attw; python -m build and twine check; go vet and go mod verify; the Java
          and Kotlin jars; CMake build, install and find_package/pkg-config consumers; the JSON
          package and its schema in strict Ajv); exit 1 when one fails
  test    install the TypeScript and Kotlin compilers if needed, then run every test
          (`cargo test --workspace`; arguments after `--` go to cargo test)

options:
  --verbose   also print info diagnostics (repairs and inferences)
  --root DIR  work on another checkout (default: this workspace)
  --format F  for `check`: text (default), github, sarif or junit

exit codes: 0 ok, 1 drift or error diagnostics, 2 usage or I/O error";

/// mimalloc, as in the `errcat` binary: regen and check read and render
/// whole pages, millions of small strings on a large one.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `release --dry-run`: every step (or the `--only` ones), each reported.
fn release(root: &std::path::Path, only: &[String]) -> anyhow::Result<ExitCode> {
    let mut failed = 0;
    for step in xtask::release::STEPS.iter().filter(|step| only.is_empty() || only.iter().any(|name| name == step.name))
    {
        eprintln!("release: {} ({}): {}", step.name, step.package, step.checks);
        match xtask::release::dry_run(root, step) {
            Ok(summary) => {
                for line in summary.lines().filter(|line| !line.trim().is_empty()) {
                    eprintln!("  {line}");
                }
                eprintln!("release: {} ok", step.name);
            }
            Err(error) => {
                failed += 1;
                eprintln!("release: {} FAILED: {error:#}", step.name);
            }
        }
    }
    if failed > 0 {
        eprintln!("release: {failed} dry run(s) failed");
        return Ok(ExitCode::from(1));
    }
    eprintln!("release: every dry run passed; nothing was published");
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut verbose = false;
    let (mut suggest, mut accept) = (false, false);
    let mut dry_run = false;
    let mut only: Vec<String> = Vec::new();
    let mut root = xtask::workspace_root();
    let mut command: Option<String> = None;
    let mut passthrough: Vec<String> = Vec::new();
    let mut format: Option<xtask::CheckFormat> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--" => {
                passthrough.extend(args.by_ref());
                break;
            }
            "--verbose" | "-v" => verbose = true,
            "--suggest" => suggest = true,
            "--dry-run" => dry_run = true,
            "--only" => match args.next() {
                Some(name) if xtask::release::step(&name).is_some() => only.push(name),
                _ => {
                    let names: Vec<&str> = xtask::release::STEPS.iter().map(|step| step.name).collect();
                    eprintln!("xtask: --only takes one of {}\n\n{USAGE}", names.join(", "));
                    return ExitCode::from(2);
                }
            },
            "--accept" => accept = true,
            "--format" => match args.next().as_deref().and_then(xtask::CheckFormat::parse) {
                Some(chosen) => format = Some(chosen),
                None => {
                    eprintln!("xtask: --format takes text, github, sarif or junit\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--root" => match args.next() {
                Some(dir) => root = dir.into(),
                None => {
                    eprintln!("xtask: --root needs a directory\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            other if other.starts_with('-') || command.is_some() => {
                eprintln!("xtask: unexpected argument `{other}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => command = Some(arg),
        }
    }
    let command = command.as_deref();
    if format.is_some() && command != Some("check") {
        eprintln!("xtask: --format goes with `check`\n\n{USAGE}");
        return ExitCode::from(2);
    }
    if (dry_run || !only.is_empty()) != (command == Some("release")) || (command == Some("release") && !dry_run) {
        eprintln!(
            "xtask: `release` runs only as `release --dry-run [--only NAME]`; publishing is the release workflow's\n\n{USAGE}"
        );
        return ExitCode::from(2);
    }
    let misplaced = (suggest || accept) && command != Some("names");
    if misplaced || (accept && !suggest) {
        eprintln!("xtask: --suggest and --accept go with `names` (`names --suggest [--accept]`)\n\n{USAGE}");
        return ExitCode::from(2);
    }
    // anstream decides: a terminal that takes colour, `NO_COLOR`, `CLICOLOR_FORCE`.
    let color = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let result = match command {
        Some("regen") => regen(&root, color, verbose),
        Some("check") => check(&root, color, verbose, format.unwrap_or(xtask::CheckFormat::Text)),
        Some("test") => test(&root, &passthrough),
        Some("release") => release(&root, &only),
        Some("diff") => errcat_cli(&root, "diff", false, &passthrough).map(exit_code),
        Some("lint") => errcat_cli(&root, "lint", true, &passthrough).map(exit_code),
        Some("bench") => bench(&root, &passthrough),
        Some("corpus") => xtask::corpus::figures(&root).and_then(|pages| {
            print!("{}", xtask::corpus::report(&pages));
            let record = std::fs::read_to_string(root.join(xtask::corpus::CORPUS_DIR).join("BATCHES.md")).ok();
            let batches = xtask::corpus::batch_figures(&root)?;
            print!("{}", xtask::corpus::batch_report(record.as_deref(), &batches, verbose));
            Ok(ExitCode::SUCCESS)
        }),
        Some("fuzz") => fuzz(&root, &passthrough),
        Some("upstream") => upstream(&root, &passthrough, color, verbose),
        Some("names") if suggest => xtask::suggest_names(&root, accept).map(|found| {
            print!("{}", found.report);
            for path in &found.written {
                eprintln!("  updated {}", path.display());
            }
            if accept {
                eprintln!("names: {} lockfile(s) updated; now run `cargo xtask regen`", found.written.len());
            }
            ExitCode::SUCCESS
        }),
        Some("names") => hold_generated(&root, "names").and_then(|_lock| xtask::lock_names(&root)).map(|written| {
            for path in &written {
                eprintln!("  updated {}", path.display());
            }
            eprintln!("names: {} lockfile(s) updated; now run `cargo xtask regen`", written.len());
            ExitCode::SUCCESS
        }),
        Some("help") | None => {
            println!("{USAGE}");
            return ExitCode::from(if command.is_none() { 2 } else { 0 });
        }
        Some(other) => {
            eprintln!("xtask: unknown command `{other}`\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn summary(plan: &xtask::Plan) -> String {
    let tally = plan.tally();
    format!("{} error(s), {} warning(s), {} info", tally.errors, tally.warnings, tally.infos)
}

/// Takes the lock of `generated/` and restores it after an interrupted
/// regen, saying what it found.
fn hold_generated(root: &std::path::Path, command: &str) -> anyhow::Result<xtask::Lock> {
    let lock = xtask::lock(root, &mut |holder| eprintln!("{command}: {holder}"))?;
    for found in xtask::recover(root)? {
        eprintln!("{command}: {found}");
    }
    Ok(lock)
}

fn regen(root: &std::path::Path, color: bool, verbose: bool) -> anyhow::Result<ExitCode> {
    let _lock = hold_generated(root, "regen")?;
    let plan = xtask::plan(root)?;
    eprint!("{}", plan.render_diagnostics(color, verbose));
    if plan.tally().errors > 0 {
        eprintln!("regen: {}; generated/ was not touched", summary(&plan));
        return Ok(ExitCode::from(1));
    }
    let changed = xtask::write(root, &plan)?;
    for path in &changed {
        eprintln!("  updated {}", path.display());
    }
    eprintln!("regen: {} file(s) generated, {} changed; {}", plan.files.len(), changed.len(), summary(&plan));
    let version = &plan.version;
    match (&version.previous, &version.bump) {
        (Some(previous), Some(bump)) => {
            eprintln!("regen: package version {} ({bump} from {previous})", version.version);
            for change in &version.changes {
                eprintln!("  {change}");
            }
        }
        _ => eprintln!("regen: package version {}", version.version),
    }
    Ok(ExitCode::SUCCESS)
}

fn check(root: &std::path::Path, color: bool, verbose: bool, format: xtask::CheckFormat) -> anyhow::Result<ExitCode> {
    let _lock = hold_generated(root, "check")?;
    let plan = xtask::plan(root)?;
    if format != xtask::CheckFormat::Text {
        // Drift is only meaningful when the pages read without errors.
        let drift = if plan.tally().errors > 0 { xtask::Drift::default() } else { xtask::check(root, &plan)? };
        print!("{}", xtask::check_report(&plan, &drift, format, verbose));
        let failed = plan.tally().errors > 0 || !drift.is_clean();
        return Ok(ExitCode::from(u8::from(failed)));
    }
    if verbose || plan.tally().errors > 0 {
        eprint!("{}", plan.render_diagnostics(color, verbose));
    }
    if plan.tally().errors > 0 {
        eprintln!("check: the pages have errors: {}", summary(&plan));
        return Ok(ExitCode::from(1));
    }
    let drift = xtask::check(root, &plan)?;
    if drift.is_clean() {
        eprintln!("check: generated/ is up to date ({} files)", plan.files.len());
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", drift.report());
    Ok(ExitCode::from(1))
}

fn test(root: &std::path::Path, passthrough: &[String]) -> anyhow::Result<ExitCode> {
    let toolchains = xtask::ensure_toolchains(root)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = std::process::Command::new(cargo);
    command.args(["test", "--workspace"]).args(passthrough).current_dir(root);
    for (env, path) in toolchains {
        command.env(env, path);
    }
    let status = command.status().map_err(|error| anyhow::anyhow!("running cargo test: {error}"))?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Runs `errcat <command> [--root ROOT] ARGS` from this checkout; returns
/// its exit code.
fn errcat_cli(root: &std::path::Path, command: &str, with_root: bool, passthrough: &[String]) -> anyhow::Result<i32> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut run = std::process::Command::new(cargo);
    run.args(["run", "--quiet", "--package", "errcat-cli", "--", command]);
    if with_root {
        run.arg("--root").arg(root);
    }
    let status = run
        .args(passthrough)
        .current_dir(root)
        .status()
        .map_err(|error| anyhow::anyhow!("running errcat {command}: {error}"))?;
    Ok(status.code().unwrap_or(2))
}

fn exit_code(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}

fn upstream(root: &std::path::Path, passthrough: &[String], color: bool, verbose: bool) -> anyhow::Result<ExitCode> {
    let code = errcat_cli(root, "upstream", true, passthrough)?;
    if passthrough.iter().any(|arg| arg == "--update") && (code == 0 || code == 1) {
        eprintln!("upstream: regenerating generated/ from the updated pages");
        if let Ok(regen_code) = regen(root, color, verbose)
            && regen_code != ExitCode::SUCCESS
        {
            return Ok(regen_code);
        }
    }
    Ok(exit_code(code))
}

fn bench(root: &std::path::Path, passthrough: &[String]) -> anyhow::Result<ExitCode> {
    xtask::bench::run(root, passthrough)?;
    Ok(ExitCode::SUCCESS)
}

fn fuzz(root: &std::path::Path, passthrough: &[String]) -> anyhow::Result<ExitCode> {
    let (Some(target), seconds) = (passthrough.first(), passthrough.get(1).map_or("60", String::as_str)) else {
        eprintln!("usage: cargo xtask fuzz -- TARGET [SECONDS]   (targets: read_markdown, read_html, ingest_render)");
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
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = std::process::Command::new(cargo)
        .args(["fuzz", "run", "--fuzz-dir", "crates/errcat-fuzz", "-O", target])
        .arg(&corpus)
        .args(["--", &format!("-max_total_time={seconds}"), "-rss_limit_mb=2048"])
        .args(&passthrough[2.min(passthrough.len())..])
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(root)
        .status()
        .map_err(|error| anyhow::anyhow!("running cargo fuzz (cargo install cargo-fuzz): {error}"))?;
    Ok(if status.success() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
