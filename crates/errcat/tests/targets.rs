//! Rendering every target: a reviewed snapshot of each target for a
//! string-coded catalog (the seeds' targets are `generated/`, guarded by
//! `cargo xtask check`), byte-identical output on a second render, the JSON
//! target valid against its schema, and the generated Rust crate behaving
//! as documented.

mod common;

use errcat::catalog::Catalog;
use errcat::render::{Target, TemplateSet, render};

/// Every file of a target, each under its path; a `LICENSE` (the same
/// license text in every package) is checked here and left out.
fn rendered_text(target: Target, catalogs: &[Catalog]) -> String {
    let files = render(target, catalogs, &TemplateSet::builtin(target)).expect("renders");
    let mut out = String::new();
    for file in files {
        if file.path.rsplit('/').next() == Some("LICENSE") {
            let expected = errcat::render::PackageMeta::default().license_text(None).expect("the default license");
            assert_eq!(file.text.trim_end(), expected.trim_end(), "{} {}", target.dir(), file.path);
            continue;
        }
        out.push_str(&format!("=== {} ===\n{}", file.path, file.text));
    }
    out
}

#[test]
fn every_package_ships_its_license_and_readme() {
    let (catalog, _) = common::seed_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs-src/rtc-vendor-error-codes.md"),
    );
    for target in Target::ALL.iter().copied().filter(|target| target.dir() != "site") {
        let files = render(target, std::slice::from_ref(&catalog), &TemplateSet::builtin(target)).expect("renders");
        for name in ["LICENSE", "README.md"] {
            assert!(
                files.iter().any(|file| file.path.rsplit('/').next() == Some(name)),
                "the {} package has no {name}",
                target.dir()
            );
        }
    }
}

/// A string-coded catalog (`tests/pages/string-codes.md`) in every target,
/// reviewed once. The seeds' targets are not snapshotted here: they are
/// `generated/`, which `cargo xtask check` (and the test that runs it)
/// compares byte for byte.
#[test]
fn every_target_of_a_string_coded_catalog_matches_its_snapshot() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/string-codes.md");
    let (catalog, _) = common::test_page(&path);
    for target in Target::ALL.iter().copied() {
        let name = format!("string-codes-{}", target.dir());
        insta::assert_snapshot!(name, rendered_text(target, std::slice::from_ref(&catalog)));
    }
}

/// A language outside the registry: one `Language` implementation and one
/// template set are all the render core needs (registering it is one line
/// in `TARGETS`, which gives it `--target`, `generated/<id>/` and the
/// built-in templates of `templates/<id>/`).
#[derive(Debug)]
struct Properties;

impl errcat::render::Language for Properties {
    fn id(&self) -> &'static str {
        "properties"
    }
    fn help(&self) -> &'static str {
        "Java properties: code = message"
    }
    fn keywords(&self) -> &'static [&'static str] {
        &[]
    }
    fn reserved(&self, _kind: errcat::render::IdentKind) -> &'static [&'static str] {
        &[]
    }
    fn case(&self, kind: errcat::render::IdentKind, name: &str) -> String {
        match kind {
            errcat::render::IdentKind::Module => name.to_owned(),
            _ => errcat::render::screaming_snake(name).to_lowercase().replace('_', "."),
        }
    }
    fn string_literal(&self, text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '\\' => "\\\\".to_owned(),
                '\n' => "\\n".to_owned(),
                c if c.is_ascii() && !c.is_control() => c.to_string(),
                c => c.encode_utf16(&mut [0; 2]).iter().map(|unit| format!("\\u{unit:04x}")).collect(),
            })
            .collect()
    }
    fn none_literal(&self) -> &'static str {
        ""
    }
    fn doc_line<'a>(&self, line: &'a str) -> std::borrow::Cow<'a, str> {
        std::borrow::Cow::Owned(line.replace(['\n', '\r'], " "))
    }
    fn code_type(&self, _width: errcat::render::model::CodeWidth) -> &'static str {
        "string"
    }
}

#[test]
fn a_new_language_is_one_module_and_one_template_folder() {
    let (catalog, _) = common::seed("rtc-vendor-error-codes");
    let model = errcat::render::CodeModel::new(vec![catalog]);
    let templates = TemplateSet {
        sources: [(
            "{module}.properties.jinja".to_owned(),
            "# {{ title }}\n{% for group in groups %}{% for entry in group.entries %}{{ group.type_name }}.{{ entry.member }}={{ entry.message }}\n{% endfor %}{% endfor %}".to_owned(),
        )]
        .into(),
    };
    let target = Target(&Properties);
    let rendering = errcat::render::Rendering::new(&model, &[(target, templates)]).expect("renders");
    let files = rendering.to_memory().expect("renders");
    assert_eq!(files.len(), 1);
    let file = &files[0].1;
    assert_eq!(file.path, "rtc-vendor-error-codes.properties");
    let lines: Vec<&str> = file.text.lines().collect();
    assert!(lines.len() > 10, "{}", file.text);
    assert!(lines[1..].iter().all(|line| line.contains('=') && line.is_ascii()), "{}", file.text);
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let catalogs: Vec<Catalog> = common::manifest().sources.iter().map(|source| common::seed(&source.id).0).collect();
    for target in Target::ALL.iter().copied() {
        let first = render(target, &catalogs, &TemplateSet::builtin(target)).expect("renders");
        let mut reversed = catalogs.clone();
        reversed.reverse();
        let second = render(target, &reversed, &TemplateSet::builtin(target)).expect("renders");
        assert_eq!(first, second, "{target:?}: output depends on input order or is not deterministic");
        for file in &first {
            assert!(file.text.ends_with('\n') && !file.text.ends_with("\n\n"), "{}: one trailing newline", file.path);
            assert!(!file.text.contains('\r'), "{}: LF only", file.path);
        }
    }
}

#[test]
fn the_python_package_exports_no_private_module() {
    let catalogs: Vec<Catalog> = common::manifest().sources.iter().map(|source| common::seed(&source.id).0).collect();
    let files =
        render(errcat::render::python::TARGET, &catalogs, &TemplateSet::builtin(errcat::render::python::TARGET))
            .expect("renders");
    let init = files.iter().find(|file| file.path.ends_with("__init__.py")).expect("__init__.py");
    let all = init.text.split("__all__ = [").nth(1).and_then(|rest| rest.split(']').next()).expect("__all__");
    let names: Vec<&str> = all.split(',').map(|name| name.trim().trim_matches('"')).filter(|n| !n.is_empty()).collect();
    assert!(names.len() > catalogs.len(), "{names:?}");
    assert!(names.iter().all(|name| !name.starts_with('_')), "private names exported: {names:?}");
}

fn schema_validator() -> jsonschema::Validator {
    let schema_text =
        std::fs::read_to_string(common::workspace_root().join("generated/json/schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

#[test]
fn every_generated_json_catalog_validates_against_the_schema() {
    let validator = schema_validator();
    let dir = common::workspace_root().join("generated/json");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("generated/json") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default().to_owned();
        // The package's own files: its manifest, the index and the schemas.
        if ["package.json", "index.json", "schema.json", "index.schema.json"].contains(&name.as_str())
            || !name.ends_with(".json")
        {
            continue;
        }
        let instance: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("valid JSON");
        let errors: Vec<String> = validator.iter_errors(&instance).map(|error| error.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        checked += 1;
    }
    assert_eq!(checked, common::manifest().sources.len());
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let validator = schema_validator();
    let (catalog, _) = common::seed("rtc-vendor-error-codes");
    let good: serde_json::Value = serde_json::from_str(&catalog.to_json()).expect("json");
    assert!(validator.is_valid(&good));
    let mut bad_code = good.clone();
    bad_code["groups"][0]["entries"][0]["code"] = serde_json::json!("1");
    assert!(!validator.is_valid(&bad_code), "a code must be an integer");
    let mut bad_name = good.clone();
    bad_name["groups"][0]["entries"][0]["name"] = serde_json::json!("not an identifier");
    assert!(!validator.is_valid(&bad_name));
    let mut bad_schema = good;
    bad_schema["schema"] = serde_json::json!("errcat/v2");
    assert!(!validator.is_valid(&bad_schema));
}

#[test]
fn the_generated_rust_crate_round_trips_known_and_unknown_codes() {
    use errcat_codes::zego_server_return_codes::MediaService;
    assert_eq!(MediaService::from_code(1010), MediaService::RateLimited);
    assert_eq!(MediaService::RateLimited.code(), 1010);
    assert_eq!(MediaService::RateLimited.message(), Some("接口调用频率过高。"));
    assert_eq!(MediaService::RateLimited.solution(), Some("请降低接口请求频率。"));
    assert_eq!(MediaService::RateLimited.to_string(), "接口调用频率过高。 (1010)");
    let unknown = MediaService::from(987_654_321_i64);
    assert!(matches!(unknown, MediaService::Unknown(kept) if kept.code() == 987_654_321));
    // The one value of a known code: no `Unknown` stands for it.
    assert!(!matches!(MediaService::from_code(1010), MediaService::Unknown(_)));
    assert_eq!(MediaService::RateLimited, 1010);
    assert_eq!(1010, MediaService::RateLimited);
    assert_eq!("RateLimited".parse::<MediaService>(), Ok(MediaService::RateLimited));
    assert_eq!("1010".parse::<MediaService>(), Ok(MediaService::RateLimited));
    assert!("NoSuchName".parse::<MediaService>().is_err());
    assert!(MediaService::RateLimited < unknown && MediaService::RateLimited.display_in("en").ends_with("(1010)"));
    assert_eq!(i64::from(unknown), 987_654_321);
    assert!(!unknown.is_known() && unknown.message().is_none());
    assert_eq!(unknown.to_string(), "error code 987654321");
    for variant in MediaService::ALL {
        assert_eq!(MediaService::from_code(variant.code()), *variant);
    }
    let error: &dyn std::error::Error = &MediaService::InternalError;
    assert!(error.to_string().contains("内部错误"));
    // Codes 0-3 mean different things per section: separate types.
    use errcat_codes::zego_server_return_codes::{MediaFile, RoomSignaling};
    assert_eq!(RoomSignaling::from_code(3), RoomSignaling::ParameterTooLong);
    assert_eq!(MediaFile::from_code(3), MediaFile::PermissionNotEnabled);
    // The official SDK name for a ZEGO Express code.
    use errcat_codes::zego_express_web_common_errors::Common;
    assert_eq!(Common::from_code(1000002), Common::CommonNotLoginRoom);
    assert_eq!(Common::CommonNotLoginRoom.cause(), Some("没有登录房间或者房间异常断开。"));
}

/// The error index shows a page's code spans as code in the entries'
/// texts (and in notes, by the same template code), and leaves a lone backtick, an empty pair and a pair across
/// lines as written; the text inside stays escaped.
#[test]
fn the_error_index_shows_code_spans_as_code() {
    let page = "# Errors\n\n| Code | Message |\n|---|---|\n| 1001 | Invalid `clientId` or `<b>`; `` is empty |\n\
                | 1002 | Call `init()` first; a lone ` stays |\n";
    let identity = errcat::CatalogIdentity { id: "spans".to_owned(), locale: "en".to_owned(), ..Default::default() };
    let (catalog, _) = errcat::ingest(
        &errcat::Page::new(page.as_bytes(), "spans.md", "spans.md"),
        &identity,
        &errcat::lower::SourceSettings::default(),
        &errcat::names::NameBook::default(),
    );
    assert_eq!(catalog.entries().count(), 2, "{catalog:?}");
    let site = rendered_text(errcat::render::site::TARGET, &[catalog]);
    assert!(site.contains("Call <code>init()</code> first; a lone ` stays"), "lone backtick:\n{site}");
    assert!(site.contains("Invalid <code>clientId</code> or <code>&lt;b&gt;</code>; `` is empty"), "entry:\n{site}");
}
