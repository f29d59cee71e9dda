//! Column roles: which column of a table holds the code, the name, the
//! message, the cause, the solution or a remark, detected from header words
//! in Chinese and English and overridable per source.
//!
//! Only header text is looked at; cell contents never decide a role.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnRole {
    Code,
    Name,
    Message,
    Cause,
    Solution,
    Note,
    /// Explicitly not read (set in the manifest to silence `unknown-column`).
    Ignore,
}

impl ColumnRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnRole::Code => "code",
            ColumnRole::Name => "name",
            ColumnRole::Message => "message",
            ColumnRole::Cause => "cause",
            ColumnRole::Solution => "solution",
            ColumnRole::Note => "note",
            ColumnRole::Ignore => "ignore",
        }
    }
}

/// Header words per role, compared after [`normalize_header`]. The longest
/// matching word wins, so `错误码枚举值` (code) beats `错误码枚举` (name).
const WORDS: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::Code,
        &[
            "返回码",
            "错误码",
            "错误代码",
            "状态码",
            "枚举值",
            "值",
            "错误码枚举值",
            "错误码值",
            "错误编号",
            "code",
            "codes",
            "errorcode",
            "errcode",
            "returncode",
            "statuscode",
            "value",
            "errorvalue",
            "retcode",
            "错误码(code)",
        ],
    ),
    (
        ColumnRole::Name,
        &[
            "错误码枚举",
            "枚举",
            "类型",
            "符号",
            "枚举名",
            "错误名",
            "错误码名称",
            "名称",
            "常量",
            "name",
            "enum",
            "enumname",
            "errorname",
            "symbol",
            "constant",
            "identifier",
            "key",
            "errorcodeenum",
            "errorenum",
        ],
    ),
    (
        ColumnRole::Message,
        &[
            "说明",
            "描述",
            "释义",
            "含义",
            "错误描述",
            "错误信息",
            "错误说明",
            "描述信息",
            "返回码说明",
            "错误码说明",
            "信息",
            "提示",
            "description",
            "message",
            "meaning",
            "errormessage",
            "errordescription",
            "desc",
            "details",
            "explanation",
            "msg",
        ],
    ),
    (
        ColumnRole::Cause,
        &[
            "可能原因",
            "原因",
            "错误原因",
            "产生原因",
            "cause",
            "causes",
            "reason",
            "reasons",
            "possiblecause",
            "possiblecauses",
        ],
    ),
    (
        ColumnRole::Solution,
        &[
            "处理建议",
            "解决方案",
            "解决方法",
            "处理方法",
            "处理方式",
            "建议",
            "处理措施",
            "解决办法",
            "solution",
            "solutions",
            "suggestion",
            "suggestions",
            "suggestedaction",
            "suggestedactions",
            "action",
            "resolution",
            "howtofix",
            "fix",
            "recommendation",
            "handling",
        ],
    ),
    (ColumnRole::Note, &["备注", "注释", "附注", "remark", "remarks", "note", "notes", "comment", "comments"]),
];

/// Lowercases and removes whitespace, punctuation and markup from a header.
pub fn normalize_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '`' | '*' | '_' | ':' | '：' | '.' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role of one header cell, or `None` when no word matches.
pub fn detect_role(header: &str, overrides: &BTreeMap<String, ColumnRole>) -> Option<ColumnRole> {
    let normalized = normalize_header(header);
    if normalized.is_empty() {
        return None;
    }
    if let Some(role) = overrides.iter().find(|(key, _)| normalize_header(key) == normalized).map(|(_, role)| *role) {
        return Some(role);
    }
    // Exact word first, then the longest word contained in the header.
    for (role, words) in WORDS {
        if words.iter().any(|word| normalize_header(word) == normalized) {
            return Some(*role);
        }
    }
    let mut best: Option<(usize, ColumnRole)> = None;
    for (role, words) in WORDS {
        for word in *words {
            let word = normalize_header(word);
            // Short ASCII words only count as whole headers (`key`, `fix`).
            if word.is_ascii() && word.len() < 5 {
                continue;
            }
            if normalized.contains(&word) && best.is_none_or(|(length, _)| word.chars().count() > length) {
                best = Some((word.chars().count(), *role));
            }
        }
    }
    best.map(|(_, role)| role)
}

/// Roles for a whole header row. A role claimed by two columns keeps the
/// first; the second becomes `None` (reported as an unknown column).
pub fn detect_roles(headers: &[String], overrides: &BTreeMap<String, ColumnRole>) -> Vec<Option<ColumnRole>> {
    let mut seen = Vec::new();
    headers
        .iter()
        .map(|header| {
            let role = detect_role(header, overrides)?;
            if role != ColumnRole::Ignore && role != ColumnRole::Note && seen.contains(&role) {
                return None;
            }
            seen.push(role);
            Some(role)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(header: &str) -> Option<ColumnRole> {
        detect_role(header, &BTreeMap::new())
    }

    #[test]
    fn chinese_headers() {
        assert_eq!(role("返回码"), Some(ColumnRole::Code));
        assert_eq!(role("错误码"), Some(ColumnRole::Code));
        assert_eq!(role("枚举值"), Some(ColumnRole::Code));
        assert_eq!(role("错误码枚举值"), Some(ColumnRole::Code));
        assert_eq!(role("错误码枚举"), Some(ColumnRole::Name));
        assert_eq!(role(" 处理建议 "), Some(ColumnRole::Solution));
        assert_eq!(role("说明"), Some(ColumnRole::Message));
        assert_eq!(role("释义"), Some(ColumnRole::Message));
        assert_eq!(role("备注"), Some(ColumnRole::Note));
        assert_eq!(role("可能原因"), Some(ColumnRole::Cause));
    }

    #[test]
    fn english_headers() {
        assert_eq!(role("Error Code"), Some(ColumnRole::Code));
        assert_eq!(role("Return code"), Some(ColumnRole::Code));
        assert_eq!(role("Description"), Some(ColumnRole::Message));
        assert_eq!(role("Suggested Action"), Some(ColumnRole::Solution));
        assert_eq!(role("Solution"), Some(ColumnRole::Solution));
        assert_eq!(role("Possible Causes"), Some(ColumnRole::Cause));
        assert_eq!(role("Error Message"), Some(ColumnRole::Message));
        assert_eq!(role("Enum Name"), Some(ColumnRole::Name));
        assert_eq!(role(""), None);
        assert_eq!(role("Since version"), None);
    }

    #[test]
    fn overrides_win() {
        let overrides = BTreeMap::from([("备注".to_owned(), ColumnRole::Solution)]);
        assert_eq!(detect_role("备注", &overrides), Some(ColumnRole::Solution));
    }

    #[test]
    fn a_role_is_claimed_once() {
        let headers = ["错误码".to_owned(), "返回码".to_owned(), "说明".to_owned()];
        assert_eq!(detect_roles(&headers, &BTreeMap::new()), [Some(ColumnRole::Code), None, Some(ColumnRole::Message)]);
    }
}
