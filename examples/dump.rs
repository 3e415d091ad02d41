fn main() {
    let a = versus::article::bundled();
    println!("{}", serde_json::to_string_pretty(&a).unwrap());
}
