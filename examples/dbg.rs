use versus::article::detect::{sections, title};
fn main() {
    for p in std::env::args().skip(1) {
        let a = versus::article::parse_bytes(&std::fs::read(&p).unwrap(), &p);
        println!("== {p}\ntitle {:?} meta {:?}", a.title, a.meta.title);
        for t in [a.title.as_deref(), a.meta.title.as_deref()].into_iter().flatten() {
            println!("  names {:?} listed {:?} says {}", title::title_names(t), title::listed_names(t), title::says_comparison(t));
        }
        for s in a.sections.iter().take(30) {
            println!("  {} {:?} -> {:?}", s.level, s.title, sections::section_name(&s.title));
        }
        println!("  contenders {:?}", a.contenders.iter().map(|c| (&c.name, &c.found_by, c.pros.len(), c.cons.len(), c.choose_when.len(), c.verdict.is_some())).collect::<Vec<_>>());
        println!("  warnings {:?}", a.warnings);
    }
}
