//! The words of lowering that name fields: header words per column role,
//! which are also the labels of labelled parts inside cells (`描述：`,
//! `Possible reason:`), the words of catch-all code cells, the marks of an
//! empty cell, and deprecation markers. Word lists that only one form uses
//! live beside it.
//!
//! Only words live here; deciding a column's role from its header and its
//! content is `columns`' job, splitting a cell at labels is `labels`'.

pub(crate) use crate::manifest::ColumnRole;

/// Header words per role, compared after [`normalize`]. The longest
/// matching word wins, so `错误码枚举值` (code) beats `错误码枚举` (name).
/// The words of `Message`, `Cause`, `Solution` and `Note` are also the
/// labels of parts inside a cell.
pub(crate) const WORDS: &[(ColumnRole, &[&str])] = &[
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
            "错误号",
            "code",
            "codes",
            "errorcode",
            "errorcodes",
            "errcode",
            "returncode",
            "resultcode",
            "statuscode",
            "value",
            "errorvalue",
            "retcode",
            "errorno",
            "errno",
            "errornumber",
            "错误码(code)",
        ],
    ),
    (
        ColumnRole::Name,
        &[
            "错误码枚举",
            "枚举",
            "符号",
            "枚举名",
            "错误名",
            "错误码名称",
            "名称",
            "英文名",
            "常量",
            "常量名",
            "name",
            "enum",
            "enumname",
            "errorname",
            "symbol",
            "constant",
            "constantname",
            "identifier",
            "key",
            "errorcodeenum",
            "errorenum",
            "errorkey",
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
            "错误提示",
            "信息",
            "提示",
            "description",
            "message",
            "meaning",
            "errormessage",
            "errordescription",
            "errorinfo",
            "desc",
            "details",
            "detail",
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
            "possiblereason",
            "possiblereasons",
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
            "处理步骤",
            "排查建议",
            "solution",
            "solutions",
            "suggestion",
            "suggestions",
            "suggestedaction",
            "suggestedactions",
            "action",
            "actions",
            "resolution",
            "howtofix",
            "fix",
            "recommendation",
            "recommendedaction",
            "handling",
            "handlingsuggestion",
            "workaround",
            "whatyoucando",
            "whattodo",
            "userresponse",
            "useraction",
        ],
    ),
    (
        ColumnRole::Note,
        &[
            "备注",
            "注释",
            "附注",
            "注意",
            "注意事项",
            "说明事项",
            "remark",
            "remarks",
            "note",
            "notes",
            "comment",
            "comments",
        ],
    ),
];

/// Code words that say little on their own: a column of identifiers headed
/// `Value` or `错误值` holds names, one headed `S3 Code` another code form.
pub(crate) const WEAK_CODE_WORDS: &[&str] = &["值", "value", "错误值", "枚举值"];

/// True when the header says "code" in so many words (not only "value").
pub(crate) fn says_code(header: &str) -> bool {
    if roles_in(header).first() != Some(&ColumnRole::Code) {
        return false;
    }
    let normalized = normalize(header);
    let weak = WEAK_CODE_WORDS.iter().map(|word| normalize(word)).any(|word| normalized.ends_with(&word));
    !weak
}

/// Words of a title or header that speak of errors (`Error Code`, `AADSTS
/// error codes`, `错误码`): where string codes without a code header are
/// believed.
pub(crate) const ERROR_WORDS: &[&str] =
    &["error", "errors", "exception", "exceptions", "status", "错误", "异常", "错误码", "返回码", "状态码"];

/// True when a title or header speaks of errors.
pub(crate) fn says_error(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|word| ERROR_WORDS.contains(&word))
        || ERROR_WORDS.iter().filter(|word| !word.is_ascii()).any(|word| lower.contains(word))
}

/// Label words that introduce a description of a code (`**错误描述**`,
/// `Description:`) rather than the message text it returns (`错误信息`,
/// `Error message`): below a code heading whose title is short, the
/// description is the message and the title is kept apart.
pub(crate) const DESCRIPTION_WORDS: &[&str] =
    &["描述", "说明", "含义", "释义", "详情", "description", "meaning", "explanation", "details"];

/// True when a label (its words before the colon) names a description.
pub(crate) fn says_description(label: &str) -> bool {
    let head = normalize(label.split([':', '：']).next().unwrap_or(""));
    DESCRIPTION_WORDS.iter().any(|word| head.contains(word)) && !head.contains("信息") && !head.contains("message")
}

/// True when a title speaks of error codes as such (`System Error Codes`,
/// `错误码`), not only of errors.
pub(crate) fn says_error_codes(text: &str) -> bool {
    let lower = text.to_lowercase();
    says_error(text)
        && (lower.split(|c: char| !c.is_alphanumeric()).any(|word| matches!(word, "code" | "codes"))
            || ["码", "代码"].iter().any(|word| lower.contains(word)))
}

/// Header words that say a column's numbers are hexadecimal.
pub(crate) const HEX_WORDS: &[&str] = &["hex", "hexadecimal", "十六进制", "16进制"];

/// True when a header says its numbers are hexadecimal (`Code, Hex`).
pub(crate) fn says_hex(header: &str) -> bool {
    let lower = header.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|word| HEX_WORDS.contains(&word))
        || HEX_WORDS.iter().filter(|word| !word.is_ascii()).any(|word| lower.contains(word))
}

/// Header words that make a numeric column a poor candidate for the code:
/// it holds a transport status or a position, not the documented code.
pub(crate) const NOT_THE_CODE: &[&str] = &["http", "序号", "sequence", "index", "#", "no", "行号"];

/// Code cells of a catch-all row (`Other`, `其他`, `*`): the group's default
/// entry rather than a code.
pub(crate) const CATCH_ALL: &[&str] =
    &["other", "others", "otherwise", "default", "any", "*", "其他", "其它", "其他错误", "其他错误码", "其它错误"];

/// Markers of a deprecated entry in a name cell (`[deprecated] kFoo`,
/// `kFoo (已废弃)`), compared case-insensitively after bracket removal.
pub(crate) const DEPRECATED: &[&str] =
    &["deprecated", "obsolete", "已废弃", "废弃", "已弃用", "弃用", "已过时", "过时"];

/// Lowercases and removes whitespace, punctuation and markup from a header
/// or a label.
pub(crate) fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '`' | '*' | '_' | ':' | '：' | '.' | '-' | '/' | '、' | '"' | '\'' | '“' | '”' | '‘' | '’'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`WORDS`] normalized once: headers and cell labels are matched against
/// them for every cell part, so they are not normalized again each time.
static NORMALIZED_WORDS: std::sync::LazyLock<Vec<(ColumnRole, Vec<String>)>> = std::sync::LazyLock::new(|| {
    WORDS.iter().map(|(role, words)| (*role, words.iter().map(|word| normalize(word)).collect())).collect()
});

/// Every role whose word the header is or contains, the word that ends last
/// first (then the longest). Short ASCII words only count as whole headers
/// (`key`, `fix`).
pub(crate) fn roles_in(header: &str) -> Vec<ColumnRole> {
    let normalized = normalize(header);
    if normalized.is_empty() {
        return Vec::new();
    }
    for (role, words) in NORMALIZED_WORDS.iter() {
        if words.contains(&normalized) {
            return vec![*role];
        }
    }
    // (end of the match, length, role): the word that ends last is the
    // head noun (`错误码描述` is a description, `HTTP Status Code` a code),
    // then the longest word.
    let mut found: Vec<(usize, usize, ColumnRole)> = Vec::new();
    for (role, words) in NORMALIZED_WORDS.iter() {
        for word in words {
            // Short words only count as whole headers (`key`, `fix`, `值`).
            if (word.is_ascii() && word.len() < 5) || word.chars().count() < 2 {
                continue;
            }
            if let Some(start) = normalized.rfind(word.as_str()) {
                found.push((start + word.len(), word.chars().count(), *role));
            }
        }
    }
    // A short word counts when it is the header's last word, its head noun
    // (`Recommended Fix`, `S3 Code`, `Error Msg`).
    let last = header.split(|c: char| !c.is_alphanumeric()).rfind(|word| !word.is_empty()).map(str::to_lowercase);
    if let Some(last) = last.filter(|last| last.is_ascii() && last.len() < 5 && header.trim().len() > last.len()) {
        for (role, words) in WORDS {
            if words.contains(&last.as_str()) {
                found.push((normalized.len(), last.len(), *role));
            }
        }
    }
    found.sort_by_key(|(end, length, _)| std::cmp::Reverse((*end, *length)));
    let mut roles: Vec<ColumnRole> = Vec::new();
    for (_, _, role) in found {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles
}

/// Words that name a language in a header (`Chinese Description`, `英文说明`).
const LANGUAGE_WORDS: &[&str] =
    &["chinese", "english", "japanese", "korean", "中文", "英文", "日文", "韩文", "简体", "繁体"];

/// True when a header names the language of its column.
pub(crate) fn names_language(header: &str) -> bool {
    let lower = header.to_lowercase();
    LANGUAGE_WORDS.iter().any(|word| lower.contains(word))
}

/// True when a header names a column that is not the code although it is
/// numeric (`HTTP Status`, `序号`).
pub(crate) fn is_not_the_code(header: &str) -> bool {
    let lower = header.trim().to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '#').filter(|w| !w.is_empty()).collect();
    NOT_THE_CODE
        .iter()
        .any(|word| if word.is_ascii() { words.contains(word) || lower.trim() == *word } else { lower.contains(word) })
}

/// True for the text of a catch-all code cell.
pub(crate) fn is_catch_all(text: &str) -> bool {
    let text = text.trim().trim_matches(['`', '*', '"', '\'']).trim();
    // No catch-all word is longer: most cells are rejected without lowering.
    if text.len() > CATCH_ALL.iter().map(|word| word.len()).max().unwrap_or(0) {
        return false;
    }
    CATCH_ALL.contains(&text.to_lowercase().as_str())
}

/// A name cell without its deprecation marker, and whether it had one.
pub(crate) fn strip_deprecated(name: &str) -> (String, bool) {
    let mut rest = name.trim().to_owned();
    let mut found = false;
    for (open, close) in [('[', ']'), ('(', ')'), ('（', '）'), ('【', '】')] {
        if let Some(start) = rest.find(open)
            && let Some(length) = rest[start..].find(close)
        {
            let inner = rest[start + open.len_utf8()..start + length].trim().to_lowercase();
            if DEPRECATED.contains(&inner.as_str()) {
                rest.replace_range(start..start + length + close.len_utf8(), " ");
                found = true;
            }
        }
    }
    let lower = rest.to_lowercase();
    for marker in DEPRECATED {
        if let Some(after) = lower.strip_prefix(marker)
            && after.starts_with([' ', ':', '：'])
        {
            rest = rest[marker.len()..].trim_start_matches([' ', ':', '：']).to_owned();
            found = true;
            break;
        }
    }
    (rest.split_whitespace().collect::<Vec<_>>().join(" "), found)
}

/// Words of a declaration before its identifier, in a code cell (`const
/// int32_t NAME = 1`) or a code block (`public static final int NAME =
/// 1;`, `#define NAME 1`): qualifiers and builtin type keywords of C-like
/// languages. `_t` types and capitalized type names count too in cells
/// (`columns.rs`).
pub(crate) const DECLARATION_WORDS: &[&str] = &[
    "export",
    "typedef",
    "#define",
    "define",
    "uint32_t",
    "int32_t",
    "int64_t",
    "uint",
    "Int",
    "Long",
    "number",
    "const",
    "static",
    "extern",
    "volatile",
    "constexpr",
    "inline",
    "unsigned",
    "signed",
    "int",
    "long",
    "short",
    "char",
    "enum",
    "final",
    "public",
    "private",
    "protected",
    "internal",
    "readonly",
    "let",
    "val",
    "var",
];

/// CJK ideographs, kana, hangul and full-width punctuation.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// The marks a page writes in a cell that has nothing to say (`-`, `—`,
/// `N/A`, …), compared after trimming.
pub(crate) const EMPTY_MARKS: &[&str] = &["-", "--", "—", "–", "－", "/", "N/A", "n/a"];

/// True for a cell that says "none": one of [`EMPTY_MARKS`].
pub(crate) fn is_empty_mark(text: &str) -> bool {
    EMPTY_MARKS.contains(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_headers_name_every_role() {
        assert_eq!(roles_in("Possible cause and solution"), [ColumnRole::Solution, ColumnRole::Cause]);
        assert_eq!(roles_in("原因及解决方法"), [ColumnRole::Solution, ColumnRole::Cause]);
        assert_eq!(roles_in("Error Code Enum"), [ColumnRole::Name]);
        assert_eq!(roles_in("Error Code Enum Value"), [ColumnRole::Code, ColumnRole::Name]);
        assert_eq!(roles_in("错误码描述"), [ColumnRole::Message, ColumnRole::Code]);
        assert_eq!(roles_in("HTTP Status Code"), [ColumnRole::Code]);
        assert_eq!(roles_in("Recommended Fix"), [ColumnRole::Solution]);
        assert_eq!(roles_in("S3 Code"), [ColumnRole::Code]);
        assert_eq!(roles_in("说明"), [ColumnRole::Message]);
    }

    #[test]
    fn headers_that_say_code() {
        assert!(says_code("S3 Code"));
        assert!(says_code("错误码"));
        assert!(!says_code("错误值"));
        assert!(!says_code("Value"));
        assert!(!says_code("“值”"), "quotes around a header do not count");
        assert!(roles_in("取值范围").is_empty(), "a one-character word counts only as a whole header");
        assert!(!says_code("Description"));
    }

    #[test]
    fn numeric_columns_that_are_not_the_code() {
        assert!(is_not_the_code("HTTP Status Code"));
        assert!(is_not_the_code("序号"));
        assert!(is_not_the_code("No."));
        assert!(!is_not_the_code("Error Code"));
        assert!(!is_not_the_code("Error Number"));
    }

    #[test]
    fn deprecation_markers() {
        assert_eq!(strip_deprecated("[deprecated] kFoo"), ("kFoo".to_owned(), true));
        assert_eq!(strip_deprecated("kFoo（已废弃）"), ("kFoo".to_owned(), true));
        assert_eq!(strip_deprecated("Deprecated: kFoo"), ("kFoo".to_owned(), true));
        assert_eq!(strip_deprecated("kFoo"), ("kFoo".to_owned(), false));
    }

    #[test]
    fn catch_all_cells() {
        assert!(is_catch_all("Other"));
        assert!(is_catch_all("`其他`"));
        assert!(!is_catch_all("1001"));
    }
}
