use errcat_codes::rtc_vendor_error_codes::ErrorCode;
use errcat_codes::zego_server_return_codes::Common;

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
}
