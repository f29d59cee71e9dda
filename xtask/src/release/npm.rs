//! The npm package's dry run (not yet written).

use super::{Context, Step};
use anyhow::{Result, bail};

pub const STEP: Step = Step { name: "npm", package: "typescript", checks: "", run };

fn run(_context: &Context) -> Result<String> {
    bail!("not yet written")
}
