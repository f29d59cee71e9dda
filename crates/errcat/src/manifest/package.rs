//! The manifest's `package:` settings: what the generated packages say of
//! themselves (names per ecosystem, license, authors, links, display
//! locale), the documented default of each, their validation, and the
//! license texts errcat carries. How the targets use them is the render
//! stage's business.

/// What the generated packages say of themselves (the manifest's
/// `package:`): every field optional, with the defaults its accessor
/// documents. `crates/errcat-cli/manual/manifest.md` lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageMeta {
    /// One line on what the codes are (Cargo, npm, PyPI, Maven).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An SPDX license expression (`MIT OR Apache-2.0`, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The license text shipped in every package, a file under `docs-src/`;
    /// needed unless the license is made of `MIT` and `Apache-2.0`, whose
    /// texts errcat carries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_file: Option<String>,
    /// Who publishes the packages (`Name <mail>` or a name), also the
    /// copyright holders of the MIT text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Search keywords (Cargo takes the first five).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The repository the packages come from (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repository: Option<String>,
    /// The packages' home page (`https://…`), where the error index and the
    /// JSON Schema are served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub homepage: Option<String>,
    /// The crate's name on crates.io.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crate_name: Option<String>,
    /// The npm package of the code (TypeScript); the JSON package is this
    /// name with `-json` after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub npm_name: Option<String>,
    /// The distribution name on PyPI (the import package stays `errcat_codes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python_name: Option<String>,
    /// The Go module path (`github.com/acme/errcodes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_module: Option<String>,
    /// The Maven group of the Java and Kotlin artifacts (reverse DNS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maven_group: Option<String>,
    /// The Maven artifact of the Java code; Kotlin's is this name with
    /// `-kotlin` after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maven_artifact: Option<String>,
    /// The Java package, also the prefix of the Kotlin packages (reverse DNS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub java_package: Option<String>,
    /// The locale of the text a code shows by default (`Display`,
    /// `Error()`, `toString`, `__str__`): a BCP 47 tag such as `en`. Each
    /// catalog falls back to its own locale for a code its pages do not
    /// translate. Default: each catalog's own locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_locale: Option<String>,
}

/// The defaults of [`PackageMeta`]'s names.
pub mod package_defaults {
    pub const CRATE_NAME: &str = "errcat-codes";
    pub const NPM_NAME: &str = "errcat-codes";
    pub const PYTHON_NAME: &str = "errcat-codes";
    pub const GO_MODULE: &str = "errcat.local/codes";
    pub const MAVEN_GROUP: &str = "io.github.errcat";
    pub const MAVEN_ARTIFACT: &str = "errcat-codes";
    pub const LICENSE: &str = "MIT OR Apache-2.0";
    pub const DESCRIPTION: &str = "Error codes compiled from vendor documentation by errcat.";
}

/// The license texts errcat carries, by SPDX id.
const LICENSE_TEXTS: &[(&str, &str)] =
    &[("MIT", include_str!("licenses/MIT.txt")), ("Apache-2.0", include_str!("licenses/Apache-2.0.txt"))];

impl PackageMeta {
    pub fn description(&self) -> &str {
        self.description.as_deref().unwrap_or(package_defaults::DESCRIPTION)
    }

    pub fn license(&self) -> &str {
        self.license.as_deref().unwrap_or(package_defaults::LICENSE)
    }

    pub fn crate_name(&self) -> &str {
        self.crate_name.as_deref().unwrap_or(package_defaults::CRATE_NAME)
    }

    pub fn npm_name(&self) -> &str {
        self.npm_name.as_deref().unwrap_or(package_defaults::NPM_NAME)
    }

    pub fn python_name(&self) -> &str {
        self.python_name.as_deref().unwrap_or(package_defaults::PYTHON_NAME)
    }

    pub fn go_module(&self) -> &str {
        self.go_module.as_deref().unwrap_or(package_defaults::GO_MODULE)
    }

    pub fn maven_group(&self) -> &str {
        self.maven_group.as_deref().unwrap_or(package_defaults::MAVEN_GROUP)
    }

    pub fn maven_artifact(&self) -> &str {
        self.maven_artifact.as_deref().unwrap_or(package_defaults::MAVEN_ARTIFACT)
    }

    /// The Java package: as set, else the Maven group with `.codes`.
    pub fn java_package(&self) -> String {
        self.java_package.clone().unwrap_or_else(|| format!("{}.codes", self.maven_group()))
    }

    /// The copyright holders of the MIT text: the authors, else the
    /// authors of the repository (or of the packages).
    pub fn holders(&self) -> String {
        if self.authors.is_empty() {
            match &self.repository {
                Some(repository) => format!("the authors of {repository}"),
                None => format!("the authors of {}", self.crate_name()),
            }
        } else {
            self.authors.join(", ")
        }
    }

    /// The license text the packages ship: `file_text` (the manifest's
    /// `license_file`, read by the caller) when given, else the texts of
    /// the SPDX ids of the expression, one after the other.
    pub fn license_text(&self, file_text: Option<&str>) -> Result<String, String> {
        if let Some(text) = file_text {
            return Ok(text.to_owned());
        }
        let ids: Vec<&str> = self
            .license()
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .filter(|word| !word.is_empty() && !matches!(*word, "OR" | "AND" | "WITH"))
            .collect();
        let mut texts = Vec::new();
        for id in ids {
            let Some((_, text)) = LICENSE_TEXTS.iter().find(|(known, _)| *known == id) else {
                return Err(format!(
                    "`license` `{}`: errcat carries the texts of MIT and Apache-2.0 only; set `license_file` to the license text",
                    self.license()
                ));
            };
            texts.push(text.replace("{holders}", &self.holders()));
        }
        Ok(texts.join("\n\n"))
    }

    /// Why the settings cannot be used, if they cannot: the field and the
    /// reason.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let text_ok =
            |text: &str| !text.trim().is_empty() && !text.contains(['"', '\\']) && !text.chars().any(char::is_control);
        for (field, value) in [("description", &self.description), ("license", &self.license)] {
            if let Some(value) = value.as_deref().filter(|value| !text_ok(value)) {
                return Some((field, format!("`{field}` `{value}` must be one line of text without `\"` or `\\`")));
            }
        }
        for (field, values) in [("authors", &self.authors), ("keywords", &self.keywords)] {
            if let Some(value) = values.iter().find(|value| !text_ok(value)) {
                return Some((field, format!("`{field}` `{value}` must be one line of text without `\"` or `\\`")));
            }
        }
        if let Some(keyword) = self.keywords.iter().find(|keyword| !is_keyword(keyword)) {
            return Some((
                "keywords",
                format!(
                    "`keywords` `{keyword}` must be a letter, then up to 19 letters, digits, `-` or `_` (crates.io's rule)"
                ),
            ));
        }
        for (field, value) in [("repository", &self.repository), ("homepage", &self.homepage)] {
            if let Some(value) = value.as_deref().filter(|value| {
                !value.starts_with("https://") || !text_ok(value) || value.contains(char::is_whitespace)
            }) {
                return Some((field, format!("`{field}` `{value}` must be an https:// URL")));
            }
        }
        if let Some(module) = self.go_module.as_deref().filter(|module| !is_go_module_path(module)) {
            return Some((
                "go_module",
                format!(
                    "`go_module` `{module}` is not a Go module path (a domain with a dot, then /-separated lower-case elements)"
                ),
            ));
        }
        let names: [NameRule<'_>; 7] = [
            (
                "crate_name",
                &self.crate_name,
                is_crate_name,
                "a crate name (a letter, then letters, digits, `-` or `_`, at most 64)",
            ),
            ("npm_name", &self.npm_name, is_npm_name, "an npm name (lower case, optionally `@scope/`)"),
            ("python_name", &self.python_name, is_python_name, "a PyPI name (letters, digits, `-`, `_`, `.`)"),
            ("maven_group", &self.maven_group, is_reverse_dns, "a reverse-DNS name (`com.example.sdk`)"),
            ("maven_artifact", &self.maven_artifact, is_artifact, "a Maven artifact id (lower case, digits, `-`, `.`)"),
            ("java_package", &self.java_package, is_reverse_dns, "a reverse-DNS Java package (`com.example.codes`)"),
            ("display_locale", &self.display_locale, is_locale_tag, "a BCP 47 tag (`en`, `zh-CN`)"),
        ];
        for (field, value, valid, what) in names {
            if let Some(value) = value.as_deref().filter(|value| !valid(value)) {
                return Some((field, format!("`{field}` `{value}` must be {what}")));
            }
        }
        if self.license_file.is_none()
            && let Err(message) = self.license_text(None)
        {
            return Some(("license", message));
        }
        None
    }
}

/// A name setting, its value, its rule and what the rule asks for.
type NameRule<'a> = (&'static str, &'a Option<String>, fn(&str) -> bool, &'static str);

fn is_keyword(keyword: &str) -> bool {
    keyword.len() <= 20
        && keyword.starts_with(|c: char| c.is_ascii_alphabetic())
        && keyword.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_crate_name(name: &str) -> bool {
    name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn is_npm_name(name: &str) -> bool {
    let bare = |part: &str| {
        !part.is_empty()
            && !part.starts_with(['.', '_'])
            && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
    };
    name.len() <= 214
        && match name.strip_prefix('@') {
            Some(scoped) => scoped.split_once('/').is_some_and(|(scope, rest)| bare(scope) && bare(rest)),
            None => bare(name),
        }
}

fn is_python_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

fn is_reverse_dns(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            part.starts_with(|c: char| c.is_ascii_lowercase())
                && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !crate::idents::JAVA_KEYWORDS.contains(part)
        })
}

fn is_artifact(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c))
}

fn is_locale_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|part| (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A Go module path as `go get` resolves one: a first element with a dot
/// (a domain), then path elements of lower-case letters, digits and `-._~`.
fn is_go_module_path(path: &str) -> bool {
    let mut elements = path.split('/');
    let domain = elements.next().unwrap_or("");
    let element_ok = |element: &str| {
        !element.is_empty()
            && !element.starts_with('.')
            && !element.ends_with('.')
            && element.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
    };
    element_ok(domain) && domain.contains('.') && elements.all(element_ok)
}
