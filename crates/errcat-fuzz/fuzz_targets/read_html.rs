//! Reading arbitrary bytes as HTML and lowering them never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let page = errcat::Page { format: Some(errcat::InputFormat::Html), ..errcat::Page::new(data, "fuzz.html", "fuzz.html") };
    let identity = errcat::CatalogIdentity { id: "fuzz".to_owned(), locale: "und".to_owned(), ..Default::default() };
    let _ = errcat::ingest(&page, &identity, &Default::default(), &Default::default());
});
