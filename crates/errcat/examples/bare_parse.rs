//! The floor for reading a page: a bare pulldown-cmark parse (GFM tables,
//! strikethrough) of a file with every event and its offset visited, and
//! nothing built. `cargo xtask bench` runs it beside errcat.
//! Usage: `bare_parse PAGE`.

use pulldown_cmark::{Options, Parser};

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: bare_parse PAGE");
        return std::process::ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("bare_parse: {path}: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM;
    let (mut events, mut bytes) = (0usize, 0usize);
    for (_, range) in Parser::new_ext(&text, options).into_offset_iter() {
        events += 1;
        bytes = bytes.max(range.end);
    }
    println!("{events} events, {bytes} bytes");
    std::process::ExitCode::SUCCESS
}
