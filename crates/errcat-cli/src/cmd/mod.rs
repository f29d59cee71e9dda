//! The commands of `errcat`, one module each: its clap `Args` (with the
//! help `errcat COMMAND --help` prints) and its `run`, which returns the
//! exit code or an error (`main` prints it and exits 2).

pub mod diff;
pub mod explain;
pub mod ingest;
pub mod lint;
pub mod render;
pub mod upstream;
