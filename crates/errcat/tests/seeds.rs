//! The five upstream seed pages: a snapshot of each catalog with its
//! diagnostics, and the facts a correct pipeline must get right on them
//! (checked by hand against the pages).

mod common;

use common::{all_texts, seed};
use errcat::catalog::Catalog;
use errcat::code::Code;
use errcat::diagnostic::{DiagnosticKind, Severity};

fn entries_with_code(catalog: &Catalog, code: i64) -> Vec<(&errcat::catalog::Group, &errcat::catalog::Entry)> {
    catalog.entries().filter(|(_, entry)| entry.code == Code::new(code)).collect()
}

#[test]
fn every_seed_matches_its_snapshot() {
    insta::glob!("../../../docs-src", "*.{md,mdx}", |path| {
        let (catalog, diagnostics) = common::seed_file(path);
        insta::assert_snapshot!(common::snapshot_text(&catalog, &diagnostics));
    });
}

#[test]
fn seeds_have_no_errors_and_every_page_is_in_the_manifest() {
    let manifest = common::manifest();
    for source in &manifest.sources {
        let (_, diagnostics) = seed(&source.id);
        let errors: Vec<_> = diagnostics.iter().filter(|d| d.severity() == Severity::Error).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", source.id);
    }
    let pages = std::fs::read_dir(common::workspace_root().join("docs-src")).expect("docs-src");
    for page in pages {
        let name = page.expect("entry").file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") || name.ends_with(".mdx") {
            let listed = manifest.sources.iter().any(|source| source.file == name)
                || common::edition_of(&manifest, &name).is_some();
            assert!(listed, "{name} is not in the manifest");
        }
    }
}

#[test]
fn no_markup_survives_in_any_text_field() {
    for source in common::manifest().sources {
        let (catalog, _) = seed(&source.id);
        for text in all_texts(&catalog) {
            for markup in ["<br", "<Note", "<li", "<ul", "<ol", "<code", "<Content", "<a ", "</", "\\|"] {
                assert!(!text.contains(markup), "{}: `{markup}` survives in {text:?}", source.id);
            }
        }
    }
}

#[test]
fn global_return_codes_media_service_multi_code_rows() {
    let (catalog, _) = seed("zego-server-return-codes");
    let titles: Vec<&str> = catalog.groups.iter().map(|group| group.title.as_str()).collect();
    assert_eq!(
        titles,
        ["公共返回码", "房间信令接口", "混流转码接口", "媒体服务接口", "媒体文件接口", "音视频流审核接口"]
    );
    let media = catalog.groups.iter().find(|group| group.title == "媒体服务接口").expect("media group");
    let find = |code: i64| media.entries.iter().find(|entry| entry.code == Code::new(code)).expect("entry");
    let (a, b) = (find(1010), find(5007));
    assert_eq!(a.message.as_deref(), Some("接口调用频率过高。"));
    assert_eq!(a.message, b.message);
    assert_eq!(a.solution, b.solution);
    assert_eq!(a.same_row, [Code::new(5007)]);
    assert_eq!(b.same_row, [Code::new(1010)]);
    assert_eq!(find(5006).same_row, [3001, 5000, 5001, 5002].map(Code::new));
    // Codes 0-3 mean different things per section: one entry per section.
    assert_eq!(entries_with_code(&catalog, 3).len(), 3);
    assert_eq!(find(3).message.as_deref(), Some("鉴权失败。"));
    // The note inside the 50001 cell and the document-level note.
    let (_, room) = entries_with_code(&catalog, 50001)[0];
    assert_eq!(room.notes.len(), 1);
    assert_eq!(room.notes[0].lines().count(), 3);
    assert!(room.notes[0].lines().all(|line| line.starts_with("- ")));
    assert_eq!(catalog.notes.len(), 1);
    assert!(catalog.notes[0].starts_with("本文档包含 ZEGO RTC 服务端 API"));
    assert_eq!(catalog.entries().count(), 143);
}

#[test]
fn liveroom_spilled_text_is_joined_and_nothing_is_lost() {
    let (catalog, diagnostics) = seed("zego-liveroom-common-errors");
    let (_, spilled) = entries_with_code(&catalog, 12301004)[0];
    assert!(spilled.message.as_deref().is_some_and(|m| m.ends_with("已推流成功")), "{:?}", spilled.message);
    assert_eq!(spilled.lines, [122, 124]);
    let (_, auth) = entries_with_code(&catalog, 52000101)[0];
    let message = auth.message.as_deref().expect("message");
    assert!(message.contains("请确认appSign是否填写正确") && message.contains("鉴权失败"), "{message}");
    assert_eq!(auth.lines, [83, 87]);
    // The enum-name column, `<code>` wrappers and the shared name.
    let (_, dns) = entries_with_code(&catalog, 11000404)[0];
    assert_eq!((dns.name.as_str(), dns.doc_name.as_deref()), ("NetworkDnsResolve", Some("kNetworkDnsResolveError")));
    assert_eq!(dns.variants.len(), 1, "the 拉流 wording differs from the 推流 one");
    // The page gives `kConfigDecryptError` to two codes; the lockfile names
    // them apart and keeps the document's spelling.
    let (_, decrypt) = entries_with_code(&catalog, 20000001)[0];
    let (_, expired) = entries_with_code(&catalog, 20000002)[0];
    assert_eq!((decrypt.name.as_str(), expired.name.as_str()), ("ConfigDecryptFailed", "TestEnvironmentExpired"));
    assert_eq!(expired.doc_name.as_deref(), Some("kConfigDecryptError"));
    assert!(!diagnostics.iter().any(|d| d.kind == DiagnosticKind::FallbackName));
    // Sections merged: one entry per code, repeated codes keep their sections.
    assert_eq!(catalog.groups.len(), 1);
    let (_, repeated) = entries_with_code(&catalog, 21200007)[0];
    assert_eq!(repeated.sections, ["1 初始化 SDK", "2 登录房间", "3 推流", "4 拉流"]);
    // Every code row of the page is an entry: 4 + 12 + 37 + 28 + 19 rows,
    // less the repeats (counted by hand).
    assert_eq!(catalog.entries().count(), 66);
}

#[test]
fn express_web_broken_row_is_one_entry_with_a_warning() {
    let (catalog, diagnostics) = seed("zego-express-web-common-errors");
    let found = entries_with_code(&catalog, 1002006);
    assert_eq!(found.len(), 1);
    let solution = found[0].1.solution.as_deref().expect("solution");
    assert!(solution.contains("'#'") && solution.contains("'^'") && solution.ends_with("'.' 。"), "{solution}");
    assert_eq!(found[0].1.lines, [81, 82]);
    assert!(
        diagnostics.iter().any(|d| d.kind == DiagnosticKind::MdxDamage && d.line == 82 && d.file.ends_with(".mdx"))
    );
    assert!(diagnostics.iter().any(|d| d.kind == DiagnosticKind::StrayMdxComponent && d.line == 349));
    assert_eq!(catalog.groups.len(), 10, "11 `##` sections; 简介 has no table");
}

#[test]
fn legacy_mix_stream_page_has_47_entries() {
    let (catalog, _) = seed("zego-server-mixstream-legacy");
    assert_eq!(catalog.entries().count(), 47);
    assert_eq!(catalog.groups[0].title, "混流转码接口");
    let (_, auth) = entries_with_code(&catalog, 110200003)[0];
    // The page has no upstream URL, so its site-relative link becomes text.
    assert!(auth.solution.as_deref().is_some_and(|s| s.ends_with("详情请参考 签名机制。")), "{:?}", auth.solution);
}

#[test]
fn rtc_vendor_page_reads_remarks_as_notes() {
    let (catalog, diagnostics) = seed("rtc-vendor-error-codes");
    assert_eq!(catalog.entries().count(), 80);
    let (_, two) = entries_with_code(&catalog, 2)[0];
    assert_eq!(two.notes, ["请确认已经初始化引擎"]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn yaml_and_json_round_trip_losslessly_and_byte_stably() {
    for source in common::manifest().sources {
        let (catalog, _) = seed(&source.id);
        let yaml = catalog.to_yaml();
        let back = Catalog::from_yaml(&yaml).expect("reads back");
        assert_eq!(back, catalog, "{}", source.id);
        assert_eq!(back.to_yaml(), yaml, "{}: YAML is not byte-stable", source.id);
        let json = catalog.to_json();
        assert_eq!(Catalog::from_json(&json).expect("json reads back"), catalog);
    }
}

#[test]
fn hostile_text_round_trips_through_yaml() {
    let (mut catalog, _) = seed("rtc-vendor-error-codes");
    let hostile = [
        "NO",
        "yes",
        "~",
        "null",
        "- item",
        "# comment",
        "key: value",
        "'quoted'",
        "\"double\"",
        "*/ /* ${x} `tick`",
        "line\nbreak",
        "trailing newline\n",
        "  leading",
        "tab\there",
        "\u{2028}\u{2029}",
        "nul\0byte",
        "cr\rlf",
        "😀 non-BMP",
        "&anchor",
        "!tag",
        "%directive",
        "@at",
        "|",
        ">",
        "0x10",
        "1e3",
        "-",
        "",
    ];
    for (entry, text) in catalog.groups[0].entries.iter_mut().zip(hostile) {
        entry.message = Some(text.to_owned());
        entry.notes = vec![text.to_owned()];
    }
    let yaml = catalog.to_yaml();
    assert_eq!(Catalog::from_yaml(&yaml).expect("reads back"), catalog);
}

#[test]
fn ingest_is_deterministic() {
    for source in common::manifest().sources {
        let first = seed(&source.id);
        let second = seed(&source.id);
        assert_eq!(first.0.to_yaml(), second.0.to_yaml());
        assert_eq!(first.1, second.1);
    }
}

#[test]
fn readme_documents_every_diagnostic_code() {
    let readme = std::fs::read_to_string(common::workspace_root().join("README.md")).expect("README");
    for kind in errcat::diagnostic::DiagnosticKind::ALL {
        let row = format!("| {} | {} |", kind.code(), kind.id());
        assert!(readme.contains(&row), "README lacks the row `{row}`");
    }
}
