//! The whole path on arbitrary bytes: ingest (format detected), YAML out
//! and back unchanged, and every target renders.
#![no_main]
use errcat::catalog::Catalog;
use errcat::render::{Target, TemplateSet, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = errcat::Page::new(data, "fuzz", "fuzz");
    let identity = errcat::CatalogIdentity { id: "fuzz".to_owned(), locale: "und".to_owned(), ..Default::default() };
    let (catalog, _) = errcat::ingest(&page, &identity, &Default::default(), &Default::default());
    let yaml = catalog.to_yaml();
    let back = Catalog::from_yaml(&yaml).expect("the catalog YAML reads back");
    assert_eq!(back, catalog, "YAML round trip");
    for target in Target::ALL.iter().copied() {
        match render(target, std::slice::from_ref(&catalog), &TemplateSet::builtin(target)) {
            Ok(_) => {}
            // TypeScript refuses codes beyond 2^53 by design.
            Err(errcat::render::RenderError::Unrepresentable(_)) if target == errcat::render::typescript::TARGET => {}
            Err(error) => panic!("{target:?}: {error}"),
        }
    }
});
