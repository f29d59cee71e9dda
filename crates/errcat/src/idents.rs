//! Identifier rules shared by every target: normalizing names a document
//! gives (`kConfigServerTimeoutError` → `ConfigServerTimeout`), the
//! documented deterministic fallback for codes and groups without one, and
//! names suggested from an English description (`cargo xtask names
//! --suggest`).
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

/// Words a suggested name leaves out: articles, and the polite opening of
/// an instruction.
const SKIPPED_WORDS: &[&str] = &["a", "an", "the", "please"];

/// The most words and characters a suggested name has.
pub const SUGGESTED_MAX_WORDS: usize = 6;
pub const SUGGESTED_MAX_LEN: usize = 40;

/// The words a name is suggested from: the first sentence of an English
/// text (up to `.`, `;`, `:`, `!`, `?` before a space or the end, or `。`),
/// split at everything but ASCII letters and digits, without articles and
/// `please`. Acronyms (`HTTP`, `ID`) and words with their own inner capitals
/// (`AppId`, `StreamId`) stay as written; other words get a capital.
pub fn english_words(text: &str) -> Vec<String> {
    let mut end = text.len();
    for (at, c) in text.char_indices() {
        let next = text[at + c.len_utf8()..].chars().next();
        if c == '。' || (matches!(c, '.' | ';' | ':' | '!' | '?') && next.is_none_or(char::is_whitespace)) {
            end = at;
            break;
        }
    }
    text[..end]
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty() && !SKIPPED_WORDS.contains(&word.to_ascii_lowercase().as_str()))
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or_default();
            std::iter::once(first).chain(chars).collect()
        })
        .collect()
}

/// A PascalCase name from `words`: at most [`SUGGESTED_MAX_WORDS`] words
/// and [`SUGGESTED_MAX_LEN`] characters (whole words only), starting with a
/// letter (`Code` is put before a leading digit). `None` without words.
pub fn name_from_words(words: &[String], count: usize) -> Option<String> {
    let mut name = String::new();
    for word in words.iter().take(count.max(1)) {
        if !name.is_empty() && name.len() + word.len() > SUGGESTED_MAX_LEN {
            break;
        }
        name.push_str(word);
    }
    if name.is_empty() {
        return None;
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "Code");
    }
    Some(name)
}

/// Suggested names for the codes of one group, in order: a string code
/// names itself ([`name_from_code`]); otherwise the English text gives the
/// words ([`english_words`]). A name already in `taken` (locked names,
/// earlier suggestions) takes the next word of its sentence, then a number
/// (`…2`, `…3`); a code without English text or words gets no suggestion.
pub fn suggest_names(
    codes: &[(&Code, Option<&str>)],
    taken: &mut std::collections::BTreeSet<String>,
) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(codes.len());
    for (code, english) in codes {
        let words = english.map(english_words).unwrap_or_default();
        let mut candidate = name_from_code(code).or_else(|| name_from_words(&words, SUGGESTED_MAX_WORDS));
        let mut count = SUGGESTED_MAX_WORDS;
        while let Some(name) = candidate.as_ref().filter(|name| taken.contains(*name)) {
            count += 1;
            candidate = match name_from_words(&words, count) {
                Some(longer) if count <= words.len() && longer != *name => Some(longer),
                _ => {
                    let base = name.clone();
                    (2..).map(|n| format!("{base}{n}")).find(|numbered| !taken.contains(numbered))
                }
            };
        }
        if let Some(name) = &candidate {
            taken.insert(name.clone());
        }
        out.push(candidate);
    }
    out
}

/// How close a suggested name is to a curated one: `identical`, or
/// `acceptable` when at least half of the curated name's words are among
/// the suggestion's (case ignored), else `different`.
pub fn compare_names(suggested: &str, curated: &str) -> &'static str {
    if suggested == curated {
        return "identical";
    }
    // heck's word rules: `AppRequestQPSTooHigh` is app, request, qps, too, high.
    let words = |name: &str| -> std::collections::BTreeSet<String> {
        heck::ToSnakeCase::to_snake_case(name).split('_').filter(|word| !word.is_empty()).map(str::to_owned).collect()
    };
    let (ours, theirs) = (words(suggested), words(curated));
    let shared = theirs.intersection(&ours).count();
    if shared * 2 >= theirs.len() { "acceptable" } else { "different" }
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

/// True for a PascalCase identifier: `[A-Z][A-Za-z0-9]*`.
pub fn is_pascal_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// `SCREAMING_SNAKE_CASE` from PascalCase (heck's word rules): digits stay
/// with the word before, acronyms stay one word (`HTTPRequest` →
/// `HTTP_REQUEST`).
pub fn screaming_snake(pascal: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(pascal)
}

/// Java keywords, reserved literals and restricted identifiers: the Java
/// target escapes them, and no part of the manifest's `java_package` may be
/// one.
pub const JAVA_KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "var",
    "yield",
    "record",
    "sealed",
    "permits",
    "_",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_drop_articles_and_punctuation_and_keep_acronyms() {
        assert_eq!(english_words("The AppId field format error."), ["AppId", "Field", "Format", "Error"]);
        assert_eq!(english_words("HTTP request failed; please retry."), ["HTTP", "Request", "Failed"]);
        assert_eq!(english_words("Version 2.0 only."), ["Version", "2", "0", "Only"]);
        let words = english_words("Failed to get an App configuration from the server cluster now.");
        assert_eq!(name_from_words(&words, SUGGESTED_MAX_WORDS).as_deref(), Some("FailedToGetAppConfigurationFrom"));
        assert_eq!(name_from_words(&english_words("5 seconds"), 6).as_deref(), Some("Code5Seconds"));
        assert_eq!(name_from_words(&[], 6), None);
    }

    #[test]
    fn suggestions_within_a_group_never_collide() {
        let (a, b, c, d) = (Code::new(1), Code::new(2), Code::new(3), Code::text("order-not-exist"));
        let mut taken = std::collections::BTreeSet::from(["SignatureExpired".to_owned()]);
        let names = suggest_names(
            &[
                (&a, Some("Signature expired.")),
                (&b, Some("Signature expired.")),
                (&c, Some("Gateway internal error. Contact support.")),
                (&d, Some("The order does not exist.")),
            ],
            &mut taken,
        );
        assert_eq!(
            names,
            [
                Some("SignatureExpired2".to_owned()),
                Some("SignatureExpired3".to_owned()),
                Some("GatewayInternalError".to_owned()),
                Some("OrderNotExist".to_owned()),
            ]
        );
    }

    #[test]
    fn names_compare_as_identical_acceptable_or_different() {
        assert_eq!(compare_names("SignatureExpired", "SignatureExpired"), "identical");
        assert_eq!(compare_names("HostErrorInRequestHeader", "InvalidHost"), "acceptable");
        assert_eq!(compare_names("ActionIsEmpty", "ActionMissing"), "acceptable");
        assert_eq!(compare_names("DispatchFailed", "InvalidHost"), "different");
    }

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

    #[test]
    fn screaming_snake_keeps_acronyms_and_digits_together() {
        assert_eq!(screaming_snake("RateLimited"), "RATE_LIMITED");
        assert_eq!(screaming_snake("RateLimited5007"), "RATE_LIMITED5007");
        assert_eq!(screaming_snake("PlayerL3ModeNotSupported"), "PLAYER_L3_MODE_NOT_SUPPORTED");
        assert_eq!(screaming_snake("InvalidCdnUrl30001"), "INVALID_CDN_URL30001");
        assert_eq!(screaming_snake("HTTPRequestFailed"), "HTTP_REQUEST_FAILED");
    }
}
