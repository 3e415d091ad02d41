//! Writes a generated article of about N MB to stdout, for trying the browser
//! on a big file: `cargo run --release --example gen_article -- 10 > big.md`.
fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    print!("{}", versus::r#gen::generate_article(mb * 1_000_000));
}
