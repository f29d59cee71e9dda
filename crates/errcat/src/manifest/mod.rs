//! The sources manifest (`docs-src/sources.yaml`): which pages exist, their
//! catalog ids, locales, titles, upstream URLs and per-source settings.
//!
//! Parsing validates everything that can be checked without touching the
//! filesystem: id syntax and uniqueness, paths that stay inside `docs-src/`.
//! Whether the files exist is the caller's (IO) business.

mod package;
mod settings;

pub use package::{PackageMeta, package_defaults};
use serde::{Deserialize, Serialize};
pub use settings::{ColumnRole, SectionMode, SourceSettings};

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// What the generated packages say of themselves.
    #[serde(default, skip_serializing_if = "crate::manifest::is_default_package")]
    pub package: PackageMeta,
    pub sources: Vec<SourceEntry>,
}

fn is_default_package(package: &PackageMeta) -> bool {
    *package == PackageMeta::default()
}

/// One upstream page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// Catalog id: `[a-z0-9-]+`, unique.
    pub id: String,
    /// Path under `docs-src/`, relative, without `..`.
    pub file: String,
    /// BCP 47 tag, e.g. `zh-CN`.
    pub locale: String,
    /// Catalog title; defaults to the page's first heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the page is published, for the upstream drift check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream: Option<String>,
    /// Allows the upstream URL, or a redirect from it, to reach a
    /// link-local or cloud metadata address (169.254.0.0/16, fe80::/10,
    /// fd00:ec2::254), which `errcat upstream` refuses otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub upstream_link_local: bool,
    /// Official SDK names (`name<TAB>code` lines) under `docs-src/`, used for
    /// codes that neither the lockfile nor the page names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_names: Option<String>,
    /// Lints allowed for this page, each with the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_lints: Vec<AllowedLint>,
    /// Warnings reviewed and accepted for this page, by diagnostic code,
    /// each with the reason; regen shows them as one summary line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub known_warnings: Vec<KnownWarning>,
    /// The same page in other locales: their texts go beside the primary
    /// ones, entry by entry (matched by group and code).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editions: Vec<EditionEntry>,
    /// Reading and lowering settings.
    #[serde(default, flatten)]
    pub settings: SourceSettings,
}

/// Whether an address is link-local or a cloud metadata service
/// (169.254.0.0/16, fe80::/10, fd00:ec2::254, and their IPv4-mapped forms):
/// never a documentation site, and a classic target of request forgery, so
/// an `upstream` URL may reach one only with `upstream_link_local: true`.
pub fn is_link_local(address: std::net::IpAddr) -> bool {
    match address {
        std::net::IpAddr::V4(v4) => v4.is_link_local(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.is_link_local(),
            None => {
                (v6.segments()[0] & 0xffc0) == 0xfe80
                    || v6 == std::net::Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254)
            }
        },
    }
}

/// One more locale of a source's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionEntry {
    /// BCP 47 tag, e.g. `en`; not the source's own locale.
    pub locale: String,
    /// Path under `docs-src/`, relative, without `..`.
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upstream: Option<String>,
}

/// A lint a source allows, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowedLint {
    pub id: String,
    pub reason: String,
}

/// A warning a source declares known, and why: every warning of that
/// code on the source's page, its editions and its name files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownWarning {
    /// A warning's diagnostic code, e.g. `W0223`.
    pub code: String,
    pub reason: String,
}

impl SourceEntry {
    /// Where and why the source declares `diagnostic` known: a warning
    /// whose lint it allows (`allow_lints`) or whose code it lists
    /// (`known_warnings`). Errors and infos are never known.
    pub fn known_reason(&self, diagnostic: &crate::diagnostic::Diagnostic) -> Option<String> {
        if diagnostic.severity() != crate::diagnostic::Severity::Warning {
            return None;
        }
        let code = diagnostic.kind.code();
        if let Some(known) = self.known_warnings.iter().find(|known| known.code == code) {
            return Some(format!("`known_warnings: {code}` in sources.yaml: {}", known.reason));
        }
        let lint = crate::lint::lint_of(diagnostic.kind)?;
        let allowed = self.allow_lints.iter().find(|allowed| allowed.id == lint)?;
        Some(format!("`allow_lints: {lint}` in sources.yaml: {}", allowed.reason))
    }

    /// The `known_warnings` entries no warning of `diagnostics` (the
    /// source's own) matches any more: declarations to remove, so that a
    /// warning that comes back later is shown again.
    pub fn stale_known_warnings(&self, diagnostics: &[crate::diagnostic::Diagnostic]) -> Vec<&KnownWarning> {
        self.known_warnings
            .iter()
            .filter(|known| {
                !diagnostics.iter().any(|diagnostic| {
                    diagnostic.severity() == crate::diagnostic::Severity::Warning
                        && diagnostic.kind.code() == known.code
                })
            })
            .collect()
    }

    /// Marks every diagnostic the source declares known (see
    /// [`SourceEntry::known_reason`]).
    pub fn mark_known(&self, diagnostics: &mut [crate::diagnostic::Diagnostic]) {
        if self.known_warnings.is_empty() && self.allow_lints.is_empty() {
            return;
        }
        for diagnostic in diagnostics {
            diagnostic.known = self.known_reason(diagnostic);
        }
    }
}

/// Why `code` cannot be declared known, if it cannot: only warnings can,
/// and a warning that is also a lint is allowed as the lint.
fn unknowable(code: &str) -> Option<String> {
    use crate::diagnostic::{DiagnosticKind, Severity};
    let Some(kind) = DiagnosticKind::ALL.iter().copied().find(|kind| kind.code() == code) else {
        return Some(format!("`{code}` is not a diagnostic code (README \"Diagnostics\" lists them, e.g. W0223)"));
    };
    match kind.severity() {
        Severity::Error => Some(format!("`{code}` is an error: errors stop regen and cannot be known")),
        Severity::Info => Some(format!("`{code}` is an info: infos are shown only with --verbose anyway")),
        Severity::Warning => crate::lint::lint_of(kind).map(|lint| {
            format!("`{code}` is also the lint `{lint}`: allow it with `allow_lints: [{{id: {lint}, reason: ...}}]`")
        }),
    }
}

/// `docs-src/upstream.lock.yaml`: when and from where each page was last
/// fetched by `errcat upstream --update`, and the sha256 of what was
/// written. Regen does not read it; it is a record for reviewers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamLock {
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, UpstreamFetch>,
}

/// One recorded fetch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamFetch {
    pub url: String,
    /// UTC, RFC 3339.
    pub fetched: String,
    pub sha256: String,
}

impl UpstreamLock {
    pub fn parse(text: &str) -> Result<UpstreamLock, String> {
        crate::yaml::from_str(text).map_err(|error| error.to_string())
    }

    pub fn to_yaml(&self) -> String {
        let body = serde_saphyr::to_string(self).unwrap_or_default();
        format!("# written by `errcat upstream --update`: the last fetch of each page\n{body}")
    }
}

/// Why a manifest is unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManifestError {
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}:{line}: {message}")]
    Invalid { file: String, line: u32, message: String },
}

/// The keys of a source entry itself; its settings' keys come from
/// [`SourceSettings`]' own "expected one of" list.
const SOURCE_KEYS: &[&str] = &[
    "id",
    "file",
    "locale",
    "title",
    "upstream",
    "upstream_link_local",
    "official_names",
    "allow_lints",
    "known_warnings",
    "editions",
];

/// The keys serde lists as expected in `message`, if it lists them.
fn expected_keys(message: &str) -> Option<Vec<String>> {
    let list = message.split("expected one of ").nth(1)?.lines().next()?;
    Some(list.split(", ").map(|key| key.trim_matches('`').to_owned()).collect())
}

/// An unknown key as an error on the key's own line, with the closest
/// valid key and every valid key: serde reports it where the mapping
/// starts, and without the list when settings are flattened in.
fn unknown_key(text: &str, file: &str, message: &str) -> Option<ManifestError> {
    let key = message.split("unknown field `").nth(1)?.split('`').next()?;
    let keys = expected_keys(message).unwrap_or_else(|| {
        // A source entry: its own keys, then its settings'.
        let probe = crate::yaml::from_str::<SourceSettings>("errcat_no_such_key: 0\n").err();
        let mut keys: Vec<String> = SOURCE_KEYS.iter().map(|key| (*key).to_owned()).collect();
        keys.extend(probe.and_then(|error| expected_keys(&error.to_string())).unwrap_or_default());
        keys
    });
    let line = text
        .lines()
        .position(|line| line.trim_start().trim_start_matches("- ").trim_start().starts_with(&format!("{key}:")))
        .and_then(|index| u32::try_from(index + 1).ok())
        .unwrap_or(0);
    let closest = keys
        .iter()
        .map(|candidate| (strsim::jaro_winkler(key, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| format!(" (did you mean `{candidate}`?)"))
        .unwrap_or_default();
    Some(ManifestError::Invalid {
        file: file.to_owned(),
        line,
        message: format!("unknown key `{key}`{closest}; the keys here are: {}", keys.join(", ")),
    })
}

pub use crate::catalog::is_valid_id;

/// Checks that a manifest path stays inside `docs-src/`.
pub fn check_relative_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the path is empty".to_owned());
    }
    if path.starts_with('/') || path.starts_with('\\') || path.chars().nth(1) == Some(':') {
        return Err(format!("`{path}` is absolute; paths are relative to docs-src/"));
    }
    if path.chars().any(char::is_control) {
        return Err(format!("`{}` contains control characters", path.escape_debug()));
    }
    if path.contains('\\') {
        return Err(format!("`{path}` uses `\\`; use `/` as the separator"));
    }
    if path.split('/').any(|piece| piece == ".." || piece == "." || piece.is_empty()) {
        return Err(format!("`{path}` must not contain `..`, `.` or empty segments"));
    }
    Ok(())
}

impl Manifest {
    /// Parses and validates `text`, read from `file` (named in errors).
    pub fn parse(text: &str, file: &str) -> Result<Manifest, ManifestError> {
        let manifest: Manifest = crate::yaml::from_str(text).map_err(|error| {
            let message = error.to_string();
            unknown_key(text, file, &message)
                .unwrap_or_else(|| ManifestError::Syntax { file: file.to_owned(), message })
        })?;
        let line_of = |needle: &str| -> u32 {
            text.lines()
                .position(|line| line.contains(needle))
                .and_then(|index| u32::try_from(index + 1).ok())
                .unwrap_or(0)
        };
        let invalid = |needle: &str, message: String| ManifestError::Invalid {
            file: file.to_owned(),
            line: line_of(needle),
            message,
        };
        if let Some((field, message)) = manifest.package.problem() {
            return Err(invalid(&format!("{field}:"), message));
        }
        let mut ids = std::collections::HashSet::new();
        for source in &manifest.sources {
            if !is_valid_id(&source.id) {
                return Err(invalid(&source.id, format!("id `{}` must match [a-z0-9-]+", source.id)));
            }
            if !ids.insert(source.id.as_str()) {
                return Err(invalid(&source.id, format!("id `{}` is used twice", source.id)));
            }
            check_relative_path(&source.file).map_err(|message| invalid(&source.file, message))?;
            for allowed in &source.allow_lints {
                if !crate::lint::LINTS.iter().any(|(id, _)| *id == allowed.id) {
                    return Err(invalid(&allowed.id, format!("`{}` is not a lint id", allowed.id)));
                }
                if allowed.reason.trim().is_empty() {
                    return Err(invalid(&allowed.id, format!("allowing `{}` needs a reason", allowed.id)));
                }
            }
            let mut declared = std::collections::HashSet::new();
            for known in &source.known_warnings {
                if let Some(message) = unknowable(&known.code) {
                    return Err(invalid(&known.code, message));
                }
                if known.reason.trim().is_empty() {
                    return Err(invalid(&known.code, format!("declaring `{}` known needs a reason", known.code)));
                }
                if !declared.insert(known.code.as_str()) {
                    return Err(invalid(
                        &known.code,
                        format!("source `{}` declares `{}` known twice", source.id, known.code),
                    ));
                }
            }
            if let Some(official) = &source.official_names {
                check_relative_path(official).map_err(|message| invalid(official, message))?;
            }
            if !crate::catalog::is_valid_locale(&source.locale) {
                return Err(invalid(
                    &source.id,
                    format!("source `{}` has an invalid locale `{}`", source.id, source.locale),
                ));
            }
            if let Some(url) = &source.upstream
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err(invalid(url, format!("upstream `{url}` is not an http(s) URL")));
            }
            let mut locales = std::collections::HashSet::from([source.locale.as_str()]);
            for edition in &source.editions {
                check_relative_path(&edition.file).map_err(|message| invalid(&edition.file, message))?;
                if !crate::catalog::is_valid_locale(&edition.locale) {
                    return Err(invalid(&edition.file, format!("edition `{}` has an invalid locale", edition.file)));
                }
                if !locales.insert(edition.locale.as_str()) {
                    return Err(invalid(
                        &edition.file,
                        format!("source `{}` has locale `{}` twice", source.id, edition.locale),
                    ));
                }
                if let Some(url) = &edition.upstream
                    && !(url.starts_with("https://") || url.starts_with("http://"))
                {
                    return Err(invalid(url, format!("upstream `{url}` is not an http(s) URL")));
                }
            }
        }
        Ok(manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str =
        "sources:\n  - id: a-1\n    file: a.md\n    locale: zh-CN\n    sections: merge\n    split_solution_at: [请]\n";

    #[test]
    fn editions_need_a_valid_path_and_a_locale_of_their_own() {
        let with = |editions: &str| {
            format!("sources:\n  - id: a\n    file: a.md\n    locale: zh-CN\n    editions:\n{editions}")
        };
        let manifest = Manifest::parse(&with("      - {locale: en, file: a.en.md}\n"), "m").expect("valid");
        assert_eq!(manifest.sources[0].editions[0].locale, "en");
        for bad in [
            "      - {locale: zh-CN, file: a.en.md}\n",
            "      - {locale: en, file: a.en.md}\n      - {locale: en, file: b.md}\n",
            "      - {locale: en, file: ../a.en.md}\n",
            "      - {locale: 'e n', file: a.en.md}\n",
            "      - {locale: en, file: a.en.md, upstream: 'ftp://x'}\n",
            "      - {locale: en, file: a.en.md, lang: en}\n",
        ] {
            assert!(Manifest::parse(&with(bad), "m").is_err(), "{bad}");
        }
    }

    #[test]
    fn known_warnings_are_warning_codes_with_a_reason_and_mark_their_diagnostics() {
        use crate::diagnostic::{Diagnostic, DiagnosticKind};
        let with = |known: &str| {
            format!(
                "sources:\n  - id: a\n    file: a.md\n    locale: zh-CN\n    allow_lints:\n      - {{id: wording-differs, reason: per scenario}}\n    known_warnings:\n{known}"
            )
        };
        let manifest =
            Manifest::parse(&with("      - {code: W0223, reason: the example table}\n"), "m").expect("valid");
        let source = &manifest.sources[0];
        let mut diagnostics = vec![
            Diagnostic::new(DiagnosticKind::CodeNotRead, "docs-src/a.md", 3, "not read"),
            Diagnostic::new(DiagnosticKind::WordingDiffers, "docs-src/a.md", 4, "worded differently"),
            Diagnostic::new(DiagnosticKind::FallbackName, "docs-src/a.md", 5, "fallback"),
            Diagnostic::new(DiagnosticKind::InvalidCode, "docs-src/a.md", 6, "not a code"),
        ];
        source.mark_known(&mut diagnostics);
        let known: Vec<Option<&str>> = diagnostics.iter().map(|d| d.known.as_deref()).collect();
        assert_eq!(
            known,
            [
                Some("`known_warnings: W0223` in sources.yaml: the example table"),
                Some("`allow_lints: wording-differs` in sources.yaml: per scenario"),
                None,
                None
            ]
        );
        for (bad, said) in [
            ("      - {code: W9999, reason: x}\n", "`W9999` is not a diagnostic code"),
            ("      - {code: E0204, reason: x}\n", "`E0204` is an error"),
            ("      - {code: I0215, reason: x}\n", "`I0215` is an info"),
            ("      - {code: W0302, reason: x}\n", "`W0302` is also the lint `wording-differs`"),
            ("      - {code: W0223, reason: ' '}\n", "declaring `W0223` known needs a reason"),
            ("      - {code: W0223, reason: x}\n      - {code: W0223, reason: y}\n", "declares `W0223` known twice"),
            ("      - {code: W0223, why: x}\n", "unknown key `why`"),
        ] {
            let error = Manifest::parse(&with(bad), "docs-src/sources.yaml").expect_err(bad);
            assert!(error.to_string().contains(said), "{bad}: {error}");
            assert!(error.to_string().starts_with("docs-src/sources.yaml:"), "{bad}: {error}");
        }
        let error = Manifest::parse(&with("      - {code: E0204, reason: x}\n"), "m").expect_err("error");
        assert!(matches!(error, ManifestError::Invalid { line: 8, .. }), "{error}");
    }

    #[test]
    fn a_valid_manifest_parses_with_settings() {
        let manifest = Manifest::parse(GOOD, "sources.yaml").expect("valid");
        assert_eq!(manifest.sources[0].settings.sections, crate::lower::SectionMode::Merge);
        assert_eq!(manifest.sources[0].settings.split_solution_at, ["请"]);
        assert!(manifest.sources[0].settings.numbered_sections);
    }

    #[test]
    fn paths_outside_docs_src_are_rejected_with_a_line() {
        for bad in ["../etc/passwd", "/abs.md", "a/../../b.md", "C:/x.md", "a\\b.md"] {
            let text = format!("sources:\n  - id: a\n    file: '{bad}'\n    locale: en\n");
            let error = Manifest::parse(&text, "sources.yaml").expect_err(bad);
            assert!(matches!(error, ManifestError::Invalid { line: 3, .. }), "{bad}: {error}");
        }
    }

    #[test]
    fn control_characters_in_paths_are_rejected() {
        assert!(check_relative_path("a\u{8}.md").is_err());
        assert!(check_relative_path("zego/page.md").is_ok());
    }

    #[test]
    fn bad_ids_duplicates_and_unknown_keys_are_rejected() {
        assert!(Manifest::parse("sources:\n  - id: Bad_Id\n    file: a.md\n    locale: en\n", "m").is_err());
        assert!(
            Manifest::parse(
                "sources:\n  - {id: a, file: a.md, locale: en}\n  - {id: a, file: b.md, locale: en}\n",
                "m"
            )
            .is_err()
        );
        let error =
            Manifest::parse("sources:\n  - {id: a, file: a.md, locale: en, colums: {}}\n", "m").expect_err("typo");
        assert!(error.to_string().contains("did you mean `columns`?"), "{error}");
    }

    #[test]
    fn an_unknown_key_is_reported_on_its_own_line_with_the_closest_valid_one() {
        let text = "sources:\n  - id: a\n    file: a.md\n    locale: en\n    group_titel: x\n";
        let error = Manifest::parse(text, "docs-src/sources.yaml").expect_err("typo");
        let ManifestError::Invalid { line, message, .. } = &error else { panic!("{error}") };
        assert_eq!(*line, 5, "{error}");
        assert!(message.contains("did you mean `group_title`?") && message.contains("split_solution_at"), "{error}");
        assert!(error.to_string().starts_with("docs-src/sources.yaml:5: unknown key `group_titel`"), "{error}");
        let text = "package:\n  licence: MIT\nsources:\n  - {id: a, file: a.md, locale: en}\n";
        let error = Manifest::parse(text, "m").expect_err("typo");
        assert!(error.to_string().starts_with("m:2: unknown key `licence` (did you mean `license`?)"), "{error}");
        // Every key listed for a source is one.
        for key in SOURCE_KEYS {
            let text = format!("sources:\n  - {{id: a, file: a.md, locale: en, {key}: 0}}\n");
            let said = Manifest::parse(&text, "m").err().map(|error| error.to_string()).unwrap_or_default();
            assert!(!said.contains("unknown key"), "{key}: {said}");
        }
    }
}
