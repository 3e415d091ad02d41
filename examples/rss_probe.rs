use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
struct A;
static CUR: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for A {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let c = CUR.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(c, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        CUR.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}
#[global_allocator]
static G: A = A;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    let before = CUR.load(Relaxed);
    let a = versus::article::parse_bytes(&b, "x");
    let spans: usize = a.blocks.iter().map(|b| match &b.kind { versus::article::BlockKind::Para(s) => s.len(), _ => 0 }).sum();
        .blocks
        .iter()
        .map(|b| match &b.kind {
            versus::article::BlockKind::Para(s) => s.len(),,
            _ => 0,
        })
        .sum();
    println!(
        "source {} model {} peak {} blocks {} spans {} sections {}",
        before,
        CUR.load(Relaxed) - before,
        PEAK.load(Relaxed),
        a.blocks.len(),
        spans,
        a.sections.len()
    );
}
