//! A source's settings of reading (the manifest's per-source keys, or
//! `errcat ingest` flags): column roles, sections, labels, forms, patterns
//! and selectors. Plain data with their defaults; reading them is the
//! forms' job, and the checks that need the page are `lower`'s.

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
    /// Kept on each entry as a named attribute (type, module, HTTP status…).
    Attribute,
    /// Explicitly not read (set in the manifest).
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
            ColumnRole::Attribute => "attribute",
            ColumnRole::Ignore => "ignore",
        }
    }

    /// The roles whose text is part of an entry's readable texts.
    pub fn is_text(self) -> bool {
        matches!(self, ColumnRole::Message | ColumnRole::Cause | ColumnRole::Solution | ColumnRole::Note)
    }
}

/// How a page's sections become groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionMode {
    /// One group per section (heading): codes may repeat across sections.
    #[default]
    PerSection,
    /// One group for the whole page: a code repeated across sections becomes
    /// one entry; differing wordings are kept as variants and reported.
    Merge,
}

/// Per-source settings of reading and lowering (from the manifest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSettings {
    /// Header text → role, overriding detection.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, ColumnRole>,
    #[serde(default)]
    pub sections: SectionMode,
    /// Title of the merged group, or of tables under no heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_title: Option<String>,
    /// When a message cell runs description and suggestion together, split
    /// it at the first of these words that follows whitespace (e.g. `请`);
    /// the rest becomes the solution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split_solution_at: Vec<String>,
    /// Read one-line paragraphs such as `3 推流` as section headings.
    #[serde(default = "default_true")]
    pub numbered_sections: bool,
    /// A column (by header text) whose values split a table into groups
    /// (`Section / value`), e.g. a module column under which codes repeat.
    /// Without it, such a column is found when it makes otherwise
    /// duplicate codes distinct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    /// A regular expression for pages that write one code per line in a
    /// form no reader knows (`E-12 | text`): every line of a paragraph,
    /// list item or code block that it matches whole is an entry. Named
    /// groups: `code` (required), `message`, `name`, `cause`, `solution`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_pattern: Option<String>,
    /// Label words of this source's pages and what they label, for every
    /// form: a table header (as `columns`, which wins), a label in a cell or
    /// a bullet (`信息：…`), a bold or heading label in prose (`**含义**`).
    /// A label mapped to `attribute`, `ignore`, `code` or `name` is no text
    /// label: its text stays with the text around it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, ColumnRole>,
    /// HTML pages: a CSS selector (`main article`, `#error-codes, h2`);
    /// only the elements it matches, with what they hold, are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub select: Option<String>,
    /// A regular expression every code must match whole, as written
    /// (`E\d{4}`, `-?\d{5}`): entries whose code does not are dropped and
    /// counted in one warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_pattern: Option<String>,
    /// Headings whose sections document no codes (`Release notes`,
    /// `HTTP 状态码`): nothing under them (tables, headings, lists,
    /// paragraphs, code) is read, down to the next heading of their level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip_sections: Vec<String>,
    /// The forms (by name, see `forms::FORMS`) this source's pages are
    /// read with; empty: every form. `[tables]` reads tables alone, so a
    /// page's prose that looks like codes is left unread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
}

fn default_true() -> bool {
    true
}

impl Default for SourceSettings {
    fn default() -> Self {
        SourceSettings {
            columns: BTreeMap::new(),
            sections: SectionMode::PerSection,
            group_title: None,
            split_solution_at: Vec::new(),
            numbered_sections: true,
            group_by: None,
            line_pattern: None,
            labels: BTreeMap::new(),
            select: None,
            code_pattern: None,
            skip_sections: Vec::new(),
            forms: Vec::new(),
        }
    }
}

impl SourceSettings {
    /// Header roles set by the source: `columns`, then `labels` for the
    /// headers `columns` does not name.
    pub fn column_roles(&self) -> std::borrow::Cow<'_, BTreeMap<String, ColumnRole>> {
        if self.labels.is_empty() {
            return std::borrow::Cow::Borrowed(&self.columns);
        }
        let mut roles = self.labels.clone();
        roles.extend(self.columns.iter().map(|(header, role)| (header.clone(), *role)));
        std::borrow::Cow::Owned(roles)
    }
}
