//! Links the binary for a quick start on Linux (see README, "Reading over SSH").
//!
//! - Position-dependent (`-no-pie`): a position-independent executable is
//!   relocated by the dynamic loader at every start, about 6,700 relocations
//!   and 27 more page faults. Immediate binding and full RELRO stay on.
//! - The unwinder linked in (`libgcc_eh.a`, as `gcc -static-libgcc` does)
//!   instead of loading `libgcc_s.so.1`: one shared library fewer to find,
//!   map and relocate before `main`, about 0.1 ms. Rust's standard library
//!   asks for `-lgcc_s`; a one-line linker script of that name in `OUT_DIR`
//!   answers with `libgcc_eh.a`. Done only when the C compiler that links
//!   knows a `libgcc_eh.a`; otherwise the binary loads `libgcc_s` as usual.
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "linux" {
        return;
    }
    println!("cargo:rustc-link-arg-bins=-no-pie");
    if var("CARGO_CFG_TARGET_ENV") == "gnu" && has_gcc_eh() {
        let out = var("OUT_DIR");
        let script = Path::new(&out).join("libgcc_s.a");
        if std::fs::write(&script, "INPUT(-lgcc_eh)\n").is_ok() {
            println!("cargo:rustc-link-arg-bins=-L{out}");
        }
    }
}

/// Whether `cc` (the linker Rust uses on Linux) finds a static unwinder.
fn has_gcc_eh() -> bool {
    Command::new("cc")
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .is_some_and(|p| {
            let p = Path::new(p.trim());
            p.is_absolute() && p.is_file()
        })
}
