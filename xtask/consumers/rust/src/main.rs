use errcat_codes::rtc_vendor_error_codes::ErrorCode;
use errcat_codes::zego_server_return_codes::Common;
use std::collections::HashSet;

fn main() {
    let known = Common::from_code(100000000);
    println!("{} {}", known.code(), known.message().unwrap_or("-"));
    let unknown = Common::from_code(999999999);
    println!("{} {}", unknown.code(), if unknown.is_known() { "known" } else { "unknown" });
    // English from the page's English edition; a catalog without one falls back, visibly.
    let english = known.texts_in("en");
    println!("{} {}", english.locale, english.message.unwrap_or("-"));
    let fallback = ErrorCode::from_code(0).texts_in("en");
    println!("{} {}", fallback.locale, fallback.message.unwrap_or("-"));

    // The code contract (README "The code contract").
    let same: HashSet<Common> = [known, Common::InvalidHost].into_iter().collect();
    println!("equal {} {}", known == Common::InvalidHost && known == 100000000, same.len());
    let again = Common::from_code(unknown.code());
    println!("unknown {} {}", again.code(), again.is_known());
    let mut sorted = vec![unknown, Common::from_code(100000001), Common::InvalidHost];
    sorted.sort();
    let order: Vec<String> = sorted.iter().map(|code| code.code().to_string()).collect();
    println!("order {}", order.join(" "));
    println!("json {}", serde_json::to_string(&[known, unknown]).expect("serialize"));
    println!("display {known}");
    println!("display en {}", known.display_in("en"));
    println!("display {unknown}");
    println!("success {} {}", ErrorCode::from_code(0).is_success(), known.is_success());
    // A name parses too, and a value deserializes from its code.
    let parsed: Common = "InvalidHost".parse().expect("a name");
    let read: Vec<Common> = serde_json::from_str("[100000000,999999999]").expect("deserialize");
    assert!(parsed == known && read == [known, unknown]);
}
