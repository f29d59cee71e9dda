//! Reading YAML with a budget that grows with the input: every YAML file
//! errcat reads (catalogs, the manifest, lockfiles, the version record)
//! goes through [`from_str`].
//!
//! The parser's fixed defaults (250,000 nodes, 1,000,000 events) reject a
//! catalog of about 25,000 entries, including catalogs errcat wrote. Nodes,
//! events and scalar bytes cannot outnumber the input's bytes by more than
//! a small factor unless aliases expand, so those limits scale with the
//! input's length; the limits that stop alias and anchor expansion (the
//! "billion laughs") stay fixed. Does not write YAML.

/// The budget for an input of `bytes` bytes: the parser's defaults, or
/// limits proportional to the input when it is larger.
pub fn budget_for(bytes: usize) -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    // A node takes at least one byte of input (`-`, `a`, `[]`…), an event
    // at most two per node.
    budget.max_nodes = budget.max_nodes.max(bytes);
    budget.max_events = budget.max_events.max(bytes.saturating_mul(2));
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(bytes);
    budget.max_reader_input_bytes = budget.max_reader_input_bytes.map(|limit| limit.max(bytes));
    budget
}

/// Deserializes `text` under [`budget_for`] its length.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget_for(text.len()));
    serde_saphyr::from_str_with_options(text, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_grows_with_the_input_and_keeps_alias_limits() {
        let small = budget_for(10);
        assert_eq!(small.max_nodes, serde_saphyr::Budget::default().max_nodes);
        let large = budget_for(10_000_000);
        assert_eq!(large.max_nodes, 10_000_000);
        assert_eq!(large.max_aliases, serde_saphyr::Budget::default().max_aliases);
    }

    #[test]
    fn a_sequence_past_the_fixed_node_limit_is_read() {
        let text: String = (0..300_000).map(|n| format!("- {n}\n")).collect();
        let read: Vec<u32> = from_str(&text).expect("300,000 scalars");
        assert_eq!(read.len(), 300_000);
        assert_eq!(read[299_999], 299_999);
    }

    #[test]
    fn an_alias_bomb_is_still_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let previous = (b'a' + level - 1) as char;
            let name = (b'a' + level) as char;
            text.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
        }
        let read: Result<serde_json::Value, _> = from_str(&text);
        assert!(read.is_err(), "10^9 nodes from aliases must be refused");
    }
}
