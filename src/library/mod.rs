//! A library of articles: the markdown files under the paths a reader
//! opened, one row each (title, contenders, size, path).
//!
//! Opening a library costs nothing up front: the folders are walked and the
//! files read in slices ([`Library::work`]), between keys, so the first
//! screen shows at once and a folder of 10,000 files never holds up a key.
//! A row keeps only what it shows; an article is parsed in full when opened.

pub mod filter;
pub mod walk;

use crate::article::sanitize::visible;
use std::path::{Path, PathBuf};

/// Files larger than this are listed from their first part only: the row's
/// title and contenders come from the first [`ROW_READ_BYTES`], cut before a
/// heading (an article is read whole when it is opened).
pub const ROW_READ_BYTES: usize = 2 << 20;

/// About this much article text is read per slice of work between keys.
pub const SLICE_BYTES: u64 = 512 << 10;

/// A file costs at least this much of a slice however small it is: opening
/// and parsing it has a fixed cost (so a slice reads at most 16 files).
const FILE_COST: u64 = 32 << 10;

/// What a row knows of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Not read yet (the row shows its path and size).
    Unread,
    /// Read: its title and the contenders found (none for a plain file).
    Read {
        title: Option<String>,
        contenders: Vec<String>,
        /// Found from weak evidence (sections or a table's rows, not the
        /// title, a feature table's header or the reader): shown dim.
        weak: bool,
    },
    /// Listed with its problem, dimmed: unreadable, binary, too large, a
    /// broken symlink, a symlink out of the tree.
    Problem(String),
}

/// One markdown file of the library.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where to read it from.
    pub path: PathBuf,
    /// Its path as shown: relative to where the library was opened, with
    /// control characters as `?`.
    pub shown: String,
    pub size: u64,
    pub state: State,
}

impl Row {
    pub fn title(&self) -> Option<&str> {
        match &self.state {
            State::Read { title, .. } => title.as_deref(),
            _ => None,
        }
    }

    pub fn contenders(&self) -> &[String] {
        match &self.state {
            State::Read { contenders, .. } => contenders,
            _ => &[],
        }
    }

    /// "Django vs Flask", or empty.
    pub fn versus(&self) -> String {
        self.contenders().join(" vs ")
    }

    pub fn problem(&self) -> Option<&str> {
        match &self.state {
            State::Problem(p) => Some(p),
            _ => None,
        }
    }

    pub fn is_comparison(&self) -> bool {
        !self.contenders().is_empty()
    }

    /// Sort group: comparisons, then plain or unread files, then problems.
    fn group(&self) -> u8 {
        match &self.state {
            State::Read { contenders, .. } if !contenders.is_empty() => 0,
            State::Problem(_) => 2,
            _ => 1,
        }
    }
}

/// The rows, the walk that finds them and the reading that fills them.
pub struct Library {
    /// Shared by the sessions of a server once read ([`Library::share`]);
    /// copied on the first change.
    rows: std::sync::Arc<Vec<Row>>,
    walk: Option<walk::Walk>,
    /// Rows before this index have been read.
    next_read: usize,
    /// Limits hit while walking, each a line for the reader.
    notes: Vec<String>,
    /// Rows in display order (indices into `rows`), kept sorted.
    order: Vec<usize>,
    order_stale: bool,
}

impl Library {
    /// A library over `paths` (folders are walked, files listed as given,
    /// unexpanded globs expanded), relative to `base` for display. Nothing
    /// is read yet but the explicit files' metadata.
    pub fn open(paths: &[PathBuf], base: &Path) -> Library {
        let mut lib = Library {
            rows: std::sync::Arc::new(Vec::new()),
            walk: None,
            next_read: 0,
            notes: Vec::new(),
            order: Vec::new(),
            order_stale: false,
        };
        lib.walk = Some(walk::Walk::new(paths, base));
        lib
    }

    /// The rows in display order: comparisons first, then the rest, by path.
    pub fn order(&mut self) -> &[usize] {
        if self.order_stale || self.order.len() != self.rows.len() {
            self.order = (0..self.rows.len()).collect();
            let rows = &self.rows;
            self.order.sort_by(|&a, &b| {
                (rows[a].group(), &rows[a].shown).cmp(&(rows[b].group(), &rows[b].shown))
            });
            self.order_stale = false;
        }
        &self.order
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn row(&self, i: usize) -> Option<&Row> {
        self.rows.get(i)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Lines about limits hit while walking.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Rows read so far.
    pub fn read_count(&self) -> usize {
        self.next_read
    }

    /// True while the walk or the reading is unfinished.
    pub fn has_work(&self) -> bool {
        self.walk.is_some() || self.next_read < self.rows.len()
    }

    /// One slice of work: walk on, then read rows, until about
    /// [`SLICE_BYTES`] of text were read (at least one row). Returns true
    /// when the rows changed.
    pub fn work(&mut self) -> bool {
        let mut changed = false;
        if let Some(w) = &mut self.walk {
            let before = self.rows.len();
            let done = w.step(std::sync::Arc::make_mut(&mut self.rows), walk::STEP_ENTRIES);
            changed |= self.rows.len() != before;
            if done {
                let w = self.walk.take().expect("walk");
                self.notes.extend(w.into_notes());
            }
            if changed {
                self.order_stale = true;
            }
            return changed || self.walk.is_none();
        }
        let mut spent = 0u64;
        while self.next_read < self.rows.len() && (spent == 0 || spent < SLICE_BYTES) {
            let row = &mut std::sync::Arc::make_mut(&mut self.rows)[self.next_read];
            spent += row.size.clamp(FILE_COST, ROW_READ_BYTES as u64);
            read_row(row);
            self.next_read += 1;
            changed = true;
        }
        if changed {
            self.order_stale = true;
        }
        changed
    }

    /// Does all the work at once (for `--print` and `--json`).
    pub fn finish(&mut self) {
        while self.has_work() {
            self.work();
        }
    }

    /// A library on the same rows, read once and shared (a server's
    /// readers each get one: their own order, filter and cursor, one copy
    /// of the rows). The walk and the reading are finished first.
    pub fn share(&mut self) -> Library {
        self.finish();
        Library {
            rows: std::sync::Arc::clone(&self.rows),
            walk: None,
            next_read: self.next_read,
            notes: self.notes.clone(),
            order: Vec::new(),
            order_stale: true,
        }
    }

    /// The index of the row whose file is `path`, if listed.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.rows.iter().position(|r| r.path == path)
    }

    /// Reads one row again (its file changed on disk).
    pub fn reread(&mut self, i: usize) {
        if let Some(row) = std::sync::Arc::make_mut(&mut self.rows).get_mut(i) {
            if let Ok(meta) = std::fs::metadata(&row.path) {
                row.size = meta.len();
            }
            read_row(row);
            self.order_stale = true;
        }
    }
}

/// Fills a row from its file: title and contenders, or the problem.
fn read_row(row: &mut Row) {
    if matches!(row.state, State::Problem(_)) {
        return;
    }
    row.state = match read_head(&row.path) {
        Err(problem) => State::Problem(problem),
        Ok(bytes) => match crate::source::from_bytes(&bytes, &row.shown) {
            Err(e) => State::Problem(e.problem),
            Ok(a) => {
                let weak = a
                    .contenders
                    .first()
                    .is_some_and(|c| matches!(c.found_by.as_str(), "sections" | "table-rows"));
                State::Read {
                    title: a
                        .meta
                        .title
                        .clone()
                        .or_else(|| a.title.clone())
                        .filter(|t| !t.trim().is_empty()),
                    contenders: a.contenders.iter().map(|c| c.name.clone()).collect(),
                    weak,
                }
            }
        },
    };
}

/// The file's first [`ROW_READ_BYTES`], cut before the last heading line
/// when the file is longer (a table or list is not cut in half).
fn read_head(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| problem(&e))?;
    let mut bytes = Vec::new();
    file.take(ROW_READ_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(&e))?;
    if bytes.len() > ROW_READ_BYTES {
        bytes.truncate(ROW_READ_BYTES);
        if let Some(cut) = memchr::memmem::rfind(&bytes, b"\n#") {
            bytes.truncate(cut + 1);
        }
    }
    Ok(bytes)
}

/// An I/O error as a row's problem (as the command line says it).
pub(crate) fn problem(e: &std::io::Error) -> String {
    crate::source::problem(e)
}

/// A size as a reader says it: 812 B, 4.2 KB, 1.3 MB.
pub fn human_size(n: u64) -> String {
    match n {
        0..1000 => format!("{n} B"),
        1000..1_000_000 => format!("{:.1} KB", n as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        _ => format!("{:.1} GB", n as f64 / 1e9),
    }
}

/// A path as shown in the library: relative to `base` when under it, with
/// control characters as `?`.
pub(crate) fn shown(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let rel = rel.strip_prefix(".").unwrap_or(rel);
    visible(&rel.to_string_lossy()).into_owned()
}

/// One line per file, as `--print` writes a library: the path, the
/// contenders ("Django vs Flask"), the title and the size; a problem in
/// place of the contenders and title.
pub fn print_lines(lib: &mut Library) -> Vec<String> {
    lib.finish();
    let order: Vec<usize> = lib.order().to_vec();
    let width = order
        .iter()
        .map(|&i| unicode_width::UnicodeWidthStr::width(lib.rows[i].shown.as_str()))
        .max()
        .unwrap_or(0);
    let mut out: Vec<String> = order
        .iter()
        .map(|&i| {
            let r = &lib.rows[i];
            let pad = width - unicode_width::UnicodeWidthStr::width(r.shown.as_str());
            let what = match &r.state {
                State::Problem(p) => format!("({p})"),
                _ => {
                    let mut s = r.versus();
                    if let Some(t) = r.title() {
                        if !s.is_empty() {
                            s.push_str(" - ");
                        }
                        s.push_str(t);
                    }
                    s
                }
            };
            format!(
                "{}{}  {:>8}  {}",
                r.shown,
                " ".repeat(pad),
                human_size(r.size),
                what
            )
            .trim_end()
            .to_string()
        })
        .collect();
    out.extend(lib.notes.iter().map(|n| format!("note: {n}")));
    out
}

/// One row of `--json` on a library, its fields in this order.
#[derive(serde::Serialize)]
struct RowJson<'a> {
    path: &'a str,
    title: Option<&'a str>,
    contenders: &'a [String],
    size: u64,
    problem: Option<&'a str>,
}

/// The library as JSON: an array of `{path, title, contenders, size,
/// problem}` in display order.
pub fn to_json(lib: &mut Library) -> String {
    lib.finish();
    let order: Vec<usize> = lib.order().to_vec();
    let rows: Vec<RowJson<'_>> = order
        .iter()
        .map(|&i| {
            let r = &lib.rows[i];
            RowJson {
                path: &r.shown,
                title: r.title(),
                contenders: r.contenders(),
                size: r.size,
                problem: r.problem(),
            }
        })
        .collect();
    // Strings and numbers only: this cannot fail.
    serde_json::to_string_pretty(&rows).unwrap_or_default()
}
