//! Prints README's key table from the keymap: `cargo run --example keys_table`.
fn main() {
    print!("{}", versus::keys::markdown_table());
}
