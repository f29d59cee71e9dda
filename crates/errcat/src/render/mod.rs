//! Rendering: catalogs become code through minijinja templates, one folder
//! per target (`templates/<target>/`).
//!
//! Each target has a language module (`rust`, `typescript`, `kotlin`,
//! `json`) that owns naming (case, keywords, collisions) and escaping
//! (string literals, doc comments) and builds a context of precomputed
//! fields; templates only print them. Every output file has LF line endings
//! and exactly one trailing newline. Rendering touches no files: callers
//! get `(path, text)` pairs.

pub mod json;
pub mod kotlin;
pub mod rust;
pub mod typescript;

use crate::catalog::Catalog;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use std::collections::BTreeMap;

/// A code-generation target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Rust,
    TypeScript,
    Kotlin,
    Json,
}

impl Target {
    pub const ALL: [Target; 4] = [Target::Rust, Target::TypeScript, Target::Kotlin, Target::Json];

    /// The folder name under `templates/` and `generated/`.
    pub fn dir(self) -> &'static str {
        match self {
            Target::Rust => "rust",
            Target::TypeScript => "typescript",
            Target::Kotlin => "kotlin",
            Target::Json => "json",
        }
    }

    pub fn parse(text: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|target| target.dir() == text || (text == "ts" && *target == Target::TypeScript))
    }

    /// The templates every template set for this target must have.
    pub fn template_names(self) -> &'static [&'static str] {
        match self {
            Target::Rust => &["Cargo.toml.jinja", "lib.rs.jinja", "module.rs.jinja"],
            Target::TypeScript => &["package.json.jinja", "tsconfig.json.jinja", "index.ts.jinja", "module.ts.jinja"],
            Target::Kotlin => &["module.kt.jinja"],
            Target::Json => &["catalog.json.jinja", "index.json.jinja", "schema.json.jinja"],
        }
    }
}

/// Template sources by file name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateSet {
    pub sources: BTreeMap<String, String>,
}

macro_rules! builtin {
    ($target:literal, $($name:literal),*) => {
        TemplateSet { sources: BTreeMap::from([$(
            ($name.to_owned(), include_str!(concat!("../../../../templates/", $target, "/", $name)).to_owned())
        ),*]) }
    };
}

impl TemplateSet {
    /// The templates shipped in `templates/<target>/`, compiled in, so that
    /// the `errcat` binary renders without the repository.
    pub fn builtin(target: Target) -> TemplateSet {
        match target {
            Target::Rust => builtin!("rust", "Cargo.toml.jinja", "lib.rs.jinja", "module.rs.jinja"),
            Target::TypeScript => {
                builtin!("typescript", "package.json.jinja", "tsconfig.json.jinja", "index.ts.jinja", "module.ts.jinja")
            }
            Target::Kotlin => builtin!("kotlin", "module.kt.jinja"),
            Target::Json => builtin!("json", "catalog.json.jinja", "index.json.jinja", "schema.json.jinja"),
        }
    }
}

/// One rendered file, its path relative to the target's output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub path: String,
    pub text: String,
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template `{name}` is missing from the {target} template set")]
    MissingTemplate { target: &'static str, name: String },
    #[error("template `{name}`: {message}")]
    Template { name: String, message: String },
    #[error("{0}")]
    Unrepresentable(String),
}

/// The environment every target uses: strict undefined, no auto-escaping
/// for any extension, trailing newlines kept (then normalized).
fn environment(target: Target, templates: &TemplateSet) -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .keep_trailing_newline(true)
        .build()
        .map_err(|error| RenderError::Template { name: "syntax".to_owned(), message: error.to_string() })?;
    env.set_syntax(syntax);
    for name in target.template_names() {
        let source = templates
            .sources
            .get(*name)
            .ok_or_else(|| RenderError::MissingTemplate { target: target.dir(), name: (*name).to_owned() })?;
        env.add_template_owned((*name).to_owned(), source.clone())
            .map_err(|error| RenderError::Template { name: (*name).to_owned(), message: format!("{error:#}") })?;
    }
    Ok(env)
}

/// Renders one template with a serializable context; normalizes line
/// endings to LF and the end to exactly one newline.
fn render_one<C: Serialize>(env: &Environment<'_>, name: &str, context: &C) -> Result<String, RenderError> {
    let template = env
        .get_template(name)
        .map_err(|error| RenderError::Template { name: name.to_owned(), message: format!("{error:#}") })?;
    let text = template
        .render(minijinja::value::Serde(context))
        .map_err(|error| RenderError::Template { name: name.to_owned(), message: format!("{error:#}") })?;
    Ok(normalize_output(&text))
}

/// LF line endings and exactly one trailing newline.
pub fn normalize_output(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = text.trim_end_matches('\n').to_owned();
    out.push('\n');
    out
}

/// Renders `catalogs` (sorted by id) for `target` with `templates`.
pub fn render(target: Target, catalogs: &[Catalog], templates: &TemplateSet) -> Result<Vec<RenderedFile>, RenderError> {
    let env = environment(target, templates)?;
    let mut catalogs: Vec<&Catalog> = catalogs.iter().collect();
    catalogs.sort_by(|a, b| a.id.cmp(&b.id));
    let mut files = Vec::new();
    match target {
        Target::Rust => {
            let package = rust::package_context(&catalogs)?;
            files.push(RenderedFile {
                path: "Cargo.toml".to_owned(),
                text: render_one(&env, "Cargo.toml.jinja", &package)?,
            });
            files.push(RenderedFile {
                path: "src/lib.rs".to_owned(),
                text: render_one(&env, "lib.rs.jinja", &package)?,
            });
            for module in &package.modules {
                files.push(RenderedFile {
                    path: format!("src/{}.rs", module.module),
                    text: render_one(&env, "module.rs.jinja", module)?,
                });
            }
        }
        Target::TypeScript => {
            let package = typescript::package_context(&catalogs)?;
            for (path, name) in [
                ("package.json", "package.json.jinja"),
                ("tsconfig.json", "tsconfig.json.jinja"),
                ("index.ts", "index.ts.jinja"),
            ] {
                files.push(RenderedFile { path: path.to_owned(), text: render_one(&env, name, &package)? });
            }
            for module in &package.modules {
                files.push(RenderedFile {
                    path: format!("{}.ts", module.file),
                    text: render_one(&env, "module.ts.jinja", module)?,
                });
            }
        }
        Target::Kotlin => {
            for module in kotlin::module_contexts(&catalogs)? {
                files.push(RenderedFile {
                    path: module.path.clone(),
                    text: render_one(&env, "module.kt.jinja", &module)?,
                });
            }
        }
        Target::Json => {
            let package = json::package_context(&catalogs);
            files.push(RenderedFile {
                path: "schema.json".to_owned(),
                text: render_one(&env, "schema.json.jinja", &package)?,
            });
            files.push(RenderedFile {
                path: "index.json".to_owned(),
                text: render_one(&env, "index.json.jinja", &package)?,
            });
            for module in &package.catalogs {
                files.push(RenderedFile {
                    path: format!("{}.json", module.id),
                    text: render_one(&env, "catalog.json.jinja", module)?,
                });
            }
        }
    }
    Ok(files)
}

/// The summary line of an entry's documentation: `Code \`1010\`.`
pub(crate) fn entry_summary(entry: &crate::catalog::Entry) -> String {
    format!("Code `{}`.", entry.code)
}

/// Documentation of an entry: its summary line, then message, cause and
/// solution (plain, one item per line), then notes. Languages escape it.
pub(crate) fn entry_doc_lines(entry: &crate::catalog::Entry) -> Vec<String> {
    let mut lines = vec![entry_summary(entry)];
    lines.extend(entry_doc_text(entry));
    lines
}

/// The texts of an entry (message, cause, solution, notes) as plain lines.
pub(crate) fn entry_doc_text(entry: &crate::catalog::Entry) -> Vec<String> {
    let mut lines = Vec::new();
    let mut push = |label: &str, text: &str| {
        if label.is_empty() {
            lines.extend(text.lines().map(str::to_owned));
        } else if text.contains('\n') {
            lines.push(format!("{label}:"));
            lines.extend(text.lines().map(str::to_owned));
        } else {
            lines.push(format!("{label}: {text}"));
        }
    };
    for (label, text) in [("", &entry.message), ("Cause", &entry.cause), ("Solution", &entry.solution)] {
        if let Some(text) = text {
            push(label, text);
        }
    }
    for note in &entry.notes {
        push("Note", note);
    }
    lines
}

/// Characters no generated file contains raw, in literals or comments:
/// control characters, line and paragraph separators, the byte-order mark,
/// and bidirectional formatting characters, which can make code read
/// differently from what it does ("Trojan Source").
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{061c}' | '\u{200e}' | '\u{200f}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// A double-quoted string literal that evaluates to exactly `text` in a
/// C-like language: `"`, `\\`, LF, CR and TAB get their usual escapes,
/// `special` may escape more (`$` in Kotlin), and every character that
/// [`must_escape`] is written with `unicode` (the language's syntax).
pub(crate) fn quoted_literal(
    text: &str,
    special: impl Fn(char) -> Option<&'static str>,
    unicode: impl Fn(char) -> String,
) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if let Some(escape) = special(c) {
            out.push_str(escape);
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if must_escape(c) => out.push_str(&unicode(c)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment line with every character that [`must_escape`] made visible
/// with `unicode`; the language closes its own comment syntax first.
pub(crate) fn escape_doc(line: &str, unicode: impl Fn(char) -> String) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if must_escape(c) {
            out.push_str(&unicode(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// `\uXXXX` (TypeScript, Kotlin; BMP only, which is all `must_escape` yields).
pub(crate) fn u4(c: char) -> String {
    format!("\\u{:04x}", c as u32)
}

/// `snake_case` from a catalog id (`zego-server-return-codes`).
pub(crate) fn snake_from_id(id: &str) -> String {
    let mut out: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) || out.is_empty() {
        out.insert(0, 'c');
        out.insert(1, '_');
    }
    out
}

/// `SCREAMING_SNAKE_CASE` from PascalCase; digits stay with the word before.
pub fn screaming_snake(pascal: &str) -> String {
    let chars: Vec<char> = pascal.chars().collect();
    let mut out = String::new();
    for (index, c) in chars.iter().enumerate() {
        if index > 0 && c.is_ascii_uppercase() {
            let previous = chars[index - 1];
            let next_is_lower = chars.get(index + 1).is_some_and(|n| n.is_ascii_lowercase());
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// Makes `candidate` unique among `taken` by appending `suffix` (and then
/// a counter); records the result.
pub(crate) fn unique(candidate: String, taken: &mut std::collections::BTreeSet<String>, suffix: &str) -> String {
    if taken.insert(candidate.clone()) {
        return candidate;
    }
    let mut counter = 1;
    loop {
        let attempt =
            if counter == 1 { format!("{candidate}{suffix}") } else { format!("{candidate}{suffix}{counter}") };
        if taken.insert(attempt.clone()) {
            return attempt;
        }
        counter += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screaming_snake_keeps_acronyms_and_digits_together() {
        assert_eq!(screaming_snake("RateLimited"), "RATE_LIMITED");
        assert_eq!(screaming_snake("RateLimited5007"), "RATE_LIMITED5007");
        assert_eq!(screaming_snake("PlayerL3ModeNotSupported"), "PLAYER_L3_MODE_NOT_SUPPORTED");
        assert_eq!(screaming_snake("InvalidCdnUrl30001"), "INVALID_CDN_URL30001");
        assert_eq!(screaming_snake("HTTPRequestFailed"), "HTTP_REQUEST_FAILED");
    }

    #[test]
    fn bidi_controls_separators_and_controls_must_be_escaped() {
        for c in ['\u{202e}', '\u{2066}', '\u{200f}', '\u{2028}', '\u{feff}', '\0', '\r', '\u{85}'] {
            assert!(must_escape(c), "{:?}", c);
        }
        for c in ['a', '中', '😀', ' ', '\u{200b}'] {
            assert!(!must_escape(c), "{:?}", c);
        }
    }

    #[test]
    fn output_has_exactly_one_trailing_newline_and_lf() {
        assert_eq!(normalize_output("a\r\nb\n\n\n"), "a\nb\n");
        assert_eq!(normalize_output("a"), "a\n");
    }
}
