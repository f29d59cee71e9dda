//! Work on every core with results in order: the one helper behind the
//! stages that split a large page (reading sections, planning tables,
//! building groups). It decides nothing about what is split or when; a
//! panic in a part is passed on as it is.

/// How many parts are worth running at once on this machine.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `work` applied to every part, each on its own thread, results in the
/// order of the parts.
pub fn map<T, R, F>(parts: Vec<T>, work: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    if parts.len() < 2 {
        return parts.into_iter().map(work).collect();
    }
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts.into_iter().map(|part| scope.spawn(move || work(part))).collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_parts() {
        let parts: Vec<u32> = (0..9).collect();
        assert_eq!(super::map(parts, |n| n * 10), (0..9).map(|n| n * 10).collect::<Vec<_>>());
        assert_eq!(super::map(Vec::<u32>::new(), |n| n), Vec::<u32>::new());
    }
}
