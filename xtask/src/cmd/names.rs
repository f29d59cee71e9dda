//! `cargo xtask names`: writes the name lockfiles (`docs-src/names/`), or
//! with `--suggest` proposes names from English text. The work and the
//! messages are `xtask::names`'; this file prints them.

use super::Global;
use std::process::ExitCode;

/// Write docs-src/names/<id>.yaml: the names each page gives, and every group and code to name
///
/// Adds the names a page or an official SDK list gives to
/// docs-src/names/<id>.yaml, refreshes each code's text (a comment), and
/// lists every group and code still without a name, ready to fill. With
/// --suggest, proposes names from English text (and string codes) for
/// codes without a locked name, says which codes it could not name and
/// why, and measures the rules against the curated names; --accept writes
/// the proposals into the lockfiles.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes:\n  0  done\n  2  usage or I/O error")]
pub struct Args {
    /// Propose names from English text instead (writes nothing without --accept)
    #[arg(long)]
    pub suggest: bool,
    /// With --suggest: write the proposals into the lockfiles
    #[arg(long, requires = "suggest")]
    pub accept: bool,
}

pub fn run(global: &Global, args: &Args) -> anyhow::Result<ExitCode> {
    let root = global.root();
    if args.suggest {
        let found = xtask::suggest_names(&root, args.accept)?;
        print!("{}", found.report);
        for path in &found.written {
            eprintln!("  updated {}", path.display());
        }
        if args.accept {
            eprintln!("names: {} lockfile(s) updated; now run `cargo xtask regen`", found.written.len());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let _lock = super::hold_generated(&root, "names")?;
    eprint!("{}", xtask::names::lock_names_report(&root)?.report());
    Ok(ExitCode::SUCCESS)
}
