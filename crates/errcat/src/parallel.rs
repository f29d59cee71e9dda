//! Work on every core with results in order: the one helper behind the
//! stages that split a large page (reading sections, planning tables,
//! building groups) and of naming the model per language. It decides nothing about what is split or when; a
//! panic in a part is passed on as it is.

/// How many parts are worth running at once on this machine.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `work` applied to every part on up to [`cores`] threads, each taking the
/// next part when it is done with one, results in the order of the parts.
/// Parts are handed out in order, so at most one part per thread is in
/// work at any time.
pub(crate) fn map<T, R, F>(parts: Vec<T>, work: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let threads = cores().min(parts.len());
    if threads < 2 {
        return parts.into_iter().map(work).collect();
    }
    let count = parts.len();
    let queue = std::sync::Mutex::new(parts.into_iter().enumerate());
    let (work, queue) = (&work, &queue);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        // A panic in a part is passed on by `join`; a queue
                        // poisoned by it is still a queue.
                        let next = queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).next();
                        let Some((index, part)) = next else { break };
                        done.push((index, work(part)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    debug_assert_eq!(done.len(), count);
    done.into_iter().map(|(_, result)| result).collect()
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
