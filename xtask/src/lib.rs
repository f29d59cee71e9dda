//! Project automation behind `cargo xtask`: one code path computes every
//! generated file in memory; `regen` writes it, `check` compares it.
//!
//! With the CLI, the only code that writes files; the library reads
//! `docs-src/` only through `errcat::project::read_from_dir`, which this
//! hands it. It reads `docs-src/sources.yaml` and the pages, runs the pure pipeline, and
//! either writes `generated/` (and the generated crate's entry in
//! `Cargo.lock`) atomically or reports drift with a unified diff and the
//! fix command. What it compares with is the committed tree: `HEAD` in
//! git, the files on disk outside it.
//!
//! The pipeline, one module each: `workspace` (the checkout's paths),
//! `plan` (the computation) with `git` (what `HEAD` holds), `changes` (each
//! catalog against it) and `lockfile` (the `Cargo.lock` entry);
//! `diagnostics` (the pages' diagnostics as printed); `lock` (one run at a
//! time on `generated/`), `disk` (`generated/` as on disk), `drift`
//! (`check`) and `ci` (its CI formats); `write` (the atomic switch and its
//! recovery). Beside it: `names`, `toolchains`, `release`, `bench`,
//! `corpus`. The commands themselves are the binary's (`cmd/`).

pub mod bench;
pub mod corpus;
pub mod names;
pub mod release;
pub mod toolchains;

mod changes;
mod ci;
mod diagnostics;
mod disk;
mod drift;
mod git;
mod lock;
mod lockfile;
mod plan;
mod workspace;
mod write;

pub use ci::{CheckFormat, check_findings, check_report};
pub use disk::{LOCK_FILE, STAGING_DIR};
pub use drift::{Drift, FIX_COMMAND, bounded_diff, check};
pub use lock::{Lock, lock};
pub use lockfile::LOCKFILE;
pub use names::{Suggestions, format_lockfile, lock_names, suggest_names};
pub use plan::{Plan, Progress, plan, plan_with_progress};
pub use toolchains::{TOOLCHAIN_BINARIES, TOOLCHAINS_DIR, ensure_toolchains};
pub use workspace::{GENERATED_DIR, MANIFEST_PATH, VERSION_FILE, guarded, workspace_root};
pub use write::{recover, write};

pub(crate) use workspace::write_docs_src;
