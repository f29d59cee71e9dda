//! Identifier rules shared by every target: normalizing names a document
//! gives (`kConfigServerTimeoutError` → `ConfigServerTimeout`) and the
//! documented deterministic fallback for codes and groups without one.
//!
//! Fallbacks depend only on the code number (or the group's title), never on
//! position or on other entries, so adding or removing a code never renames
//! another. Per-language case styles and keyword escaping are not here.

use crate::code::Code;
use sha2::{Digest, Sha256};

/// True for an ASCII identifier: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Normalizes an identifier from a document into PascalCase: drops a
/// Hungarian `k` prefix and an `Error` suffix, joins `snake_case` and
/// `SCREAMING_CASE` words. Returns `None` when nothing usable is left.
pub fn normalize_doc_name(name: &str) -> Option<String> {
    let name = name.trim().trim_matches('`');
    if !is_identifier(name) {
        return None;
    }
    let mut core = name;
    if let Some(rest) = core.strip_prefix('k')
        && rest.starts_with(|c: char| c.is_ascii_uppercase())
    {
        core = rest;
    }
    let pascal = to_pascal_case(core);
    let pascal = match pascal.strip_suffix("Error") {
        Some(stripped) if !stripped.is_empty() => stripped.to_owned(),
        _ => pascal,
    };
    (!pascal.is_empty() && pascal.starts_with(|c: char| c.is_ascii_alphabetic())).then_some(pascal)
}

/// `snake_case`, `SCREAMING_CASE`, `camelCase` or space-separated words to
/// PascalCase. Words written all in capitals are lowered except their first
/// letter; mixed-case words keep their inner capitals.
pub fn to_pascal_case(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()) {
        let all_upper = word.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            for c in chars {
                out.push(if all_upper { c.to_ascii_lowercase() } else { c });
            }
        }
    }
    out
}

/// The fallback name of a code without a curated or documented name:
/// `Code1010`, `CodeMinus5`; for a string code, `Code` and the code as
/// written when it is only ASCII letters and digits (`0101` → `Code0101`),
/// otherwise `CodeX` and the first 8 hex digits of the SHA-256 of the code,
/// so that two codes never share a fallback.
pub fn fallback_entry_name(code: &Code) -> String {
    match code {
        Code::Int(value) if *value < 0 => format!("CodeMinus{}", value.unsigned_abs()),
        Code::Int(value) => format!("Code{value}"),
        Code::Text(text) if text.chars().all(|c| c.is_ascii_alphanumeric()) => format!("Code{text}"),
        Code::Text(text) => format!("CodeX{}", short_hash(text)),
    }
}

/// The name a string code gives itself when it is an identifier: its words
/// (split at `.`, `-`, `_`, `:`, `/`) in PascalCase, capitals-only words
/// lowered after their first letter (`order-not-exist` → `OrderNotExist`,
/// `InvalidParameter.Missing` → `InvalidParameterMissing`, `ACCOUNT_FROZEN`
/// → `AccountFrozen`). `None` for integer codes and for strings that do not
/// start with a letter or hold other characters.
pub fn name_from_code(code: &Code) -> Option<String> {
    let text = code.as_text()?;
    if !Code::looks_like_text_code(text) || !text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(to_pascal_case(text))
}

fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().take(4).map(|byte| format!("{byte:02x}")).collect()
}

/// The fallback name of a group: `Group` and the first 8 hex digits of the
/// SHA-256 of its title, so it changes only when the title does.
pub fn fallback_group_name(title: &str) -> String {
    format!("Group{}", short_hash(title))
}

/// True for names produced by [`fallback_entry_name`] or [`fallback_group_name`].
pub fn is_fallback_name(name: &str) -> bool {
    let code = name.strip_prefix("CodeMinus").or_else(|| name.strip_prefix("Code"));
    if code.is_some_and(|digits| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())) {
        return true;
    }
    let is_hash = |hex: &str| hex.len() == 8 && hex.chars().all(|c| c.is_ascii_hexdigit());
    name.strip_prefix("Group").is_some_and(is_hash) || name.strip_prefix("CodeX").is_some_and(is_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_names_normalize() {
        assert_eq!(normalize_doc_name("kConfigServerTimeoutError").as_deref(), Some("ConfigServerTimeout"));
        assert_eq!(normalize_doc_name("`kNetworkDnsResolveError`").as_deref(), Some("NetworkDnsResolve"));
        assert_eq!(normalize_doc_name("ERROR_NOT_LOGIN").as_deref(), Some("ErrorNotLogin"));
        assert_eq!(normalize_doc_name("kError").as_deref(), Some("Error"));
        assert_eq!(normalize_doc_name("keepAlive").as_deref(), Some("KeepAlive"));
        assert_eq!(normalize_doc_name("推流失败"), None);
        assert_eq!(normalize_doc_name("1abc"), None);
    }

    #[test]
    fn string_codes_name_themselves_when_they_are_identifiers() {
        let name = |text: &str| name_from_code(&Code::text(text));
        assert_eq!(name("order-not-exist").as_deref(), Some("OrderNotExist"));
        assert_eq!(name("InvalidParameter.Missing").as_deref(), Some("InvalidParameterMissing"));
        assert_eq!(name("ACCOUNT_FROZEN").as_deref(), Some("AccountFrozen"));
        assert_eq!(name("KMS.0101").as_deref(), Some("Kms0101"));
        assert_eq!(name("1001"), None);
        assert_eq!(name("a\"b"), None);
        assert_eq!(name_from_code(&Code::new(7)), None);
    }

    #[test]
    fn fallbacks_depend_only_on_the_code_or_title() {
        assert_eq!(fallback_entry_name(&Code::new(110200150)), "Code110200150");
        assert_eq!(fallback_entry_name(&Code::new(-5)), "CodeMinus5");
        assert_eq!(fallback_entry_name(&Code::text("1001")), "Code1001");
        assert!(is_fallback_name(&fallback_entry_name(&Code::text("错误"))));
        assert_ne!(
            fallback_entry_name(&Code::text("RateLimit.Exceeded")),
            fallback_entry_name(&Code::text("Rate_Limit_Exceeded")),
            "string codes with the same words never share a fallback"
        );
        assert_ne!(fallback_entry_name(&Code::text("错误")), fallback_entry_name(&Code::text("错")));
        assert_eq!(fallback_group_name("媒体服务接口"), fallback_group_name("媒体服务接口"));
        assert_ne!(fallback_group_name("媒体服务接口"), fallback_group_name("媒体文件接口"));
        assert!(is_fallback_name(&fallback_group_name("x")));
        assert!(is_fallback_name("Code12"));
        assert!(!is_fallback_name("CodeReview"));
    }
}
