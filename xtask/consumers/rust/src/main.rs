use errcat_codes::zego_server_return_codes::Common;

fn main() {
    let known = Common::from_code(100000000);
    println!("{} {}", known.code(), known.message().unwrap_or("-"));
    let unknown = Common::from_code(999999999);
    println!("{} {}", unknown.code(), if unknown.is_known() { "known" } else { "unknown" });
}
