//! The lock of `generated/`: one regen or check at a time, an advisory lock
//! on `generated/.errcat-lock` that names its holder to whoever waits.
//! Recovering from an interrupted regen is `write.rs`'s.

use crate::disk::LOCK_FILE;
use crate::workspace::{GENERATED_DIR, guarded};
use anyhow::{Context, Result};
use std::path::Path;

/// Exclusive hold on `generated/` for one regen or check (an advisory lock
/// on `generated/.errcat-lock`, released when the process ends, however it
/// ends). A second run waits, and says whom it waits for.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// Takes the lock; `waiting` hears who holds it when it is taken.
pub fn lock(root: &Path, waiting: &mut dyn FnMut(&str)) -> Result<Lock> {
    let dir = guarded(root, Path::new(GENERATED_DIR))?;
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = guarded(root, &Path::new(GENERATED_DIR).join(LOCK_FILE))?;
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let holder = std::fs::read_to_string(&path).unwrap_or_default();
            let holder = if holder.trim().is_empty() { "another process".to_owned() } else { holder.trim().to_owned() };
            waiting(&format!("waiting for {holder}, which holds {GENERATED_DIR}/{LOCK_FILE}"));
            file.lock().with_context(|| format!("locking {}", path.display()))?;
        }
        Err(std::fs::TryLockError::Error(error)) => {
            return Err(error).with_context(|| format!("locking {}", path.display()));
        }
    }
    use std::io::Write as _;
    file.set_len(0).with_context(|| format!("writing {}", path.display()))?;
    let command: Vec<String> = std::env::args().skip(1).collect();
    let _ = write!(file, "process {} (cargo xtask {})", std::process::id(), command.join(" "));
    Ok(Lock { _file: file })
}
