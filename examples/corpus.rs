//! Prints how well `versus` reads the corpus of real articles
//! (tests/fixtures/real-world/corpus/): one line per file, then the totals,
//! for all files and for the held-out third separately.
//!
//! ```sh
//! cargo run --example corpus              # the table
//! cargo run --example corpus -- --verbose # and what differs, file by file
//! ```

#[path = "../tests/support/corpus.rs"]
mod corpus;

use corpus::{FileScore, Totals};

fn mark(ok: bool) -> &'static str {
    if ok { "ok" } else { "--" }
}

fn main() {
    let verbose = std::env::args().any(|a| a == "--verbose" || a == "-v");
    let scores: Vec<FileScore> = match corpus::score_all(true) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("corpus: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "{:<44} {:<7} {:>4} {:>5} {:>7} {:>7}",
        "file", "kind", "who", "table", "items", "verdict"
    );
    for s in &scores {
        let kind = match (s.compare, s.held_out) {
            (true, false) => "compare",
            (true, true) => "compare*",
            (false, false) => "plain",
            (false, true) => "plain*",
        };
        if s.compare {
            println!(
                "{:<44} {:<8} {:>3} {:>5} {:>7} {:>7}",
                s.name,
                kind,
                mark(s.contenders_ok),
                mark(s.table_ok),
                format!("{}/{}", s.items_ok, s.items_total),
                mark(s.verdict_ok)
            );
        } else {
            println!("{:<44} {:<8} {:>3}", s.name, kind, mark(s.contenders_ok));
        }
        if verbose {
            for d in &s.diffs {
                println!("    {d}");
            }
        }
    }
    println!();
    println!("{}", Totals::of(&scores).line("all"));
    println!(
        "{}",
        Totals::of(scores.iter().filter(|s| !s.held_out)).line("tuned")
    );
    println!(
        "{}",
        Totals::of(scores.iter().filter(|s| s.held_out)).line("held-out")
    );
    println!("(* held out: a third of the files, by a hash of the name)");
}
