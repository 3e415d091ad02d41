//! Finding a library's files: folders walked as ripgrep walks them (the
//! `ignore` crate: hidden folders and files skipped, `.gitignore` and
//! `.ignore` obeyed, even outside a git repository), no symlink followed out
//! of the tree, and the walk capped in files, depth and total bytes.

use super::{Row, State, problem, shown};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// At most this many files are listed.
pub const MAX_LIBRARY_FILES: usize = 50_000;
/// Folders deeper than this below an opened folder are not walked.
pub const MAX_LIBRARY_DEPTH: usize = 32;
/// Listing stops once the files listed add up to this many bytes.
pub const MAX_LIBRARY_BYTES: u64 = 8 << 30;

/// Directory entries looked at per slice of work.
pub const STEP_ENTRIES: usize = 256;

/// Markdown files by their extension (any case).
pub fn is_markdown(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["md", "markdown", "mdx"]
            .iter()
            .any(|m| e.eq_ignore_ascii_case(m))
    })
}

/// What is left to walk.
enum Source {
    /// A file named on the command line: listed whatever its extension.
    File(PathBuf),
    /// A folder being walked, with its canonical path (symlinks must stay inside).
    Dir {
        walk: Box<ignore::Walk>,
        root: Option<PathBuf>,
        glob: Option<globset::GlobMatcher>,
    },
}

/// The walk, advanced a step at a time.
pub struct Walk {
    sources: VecDeque<Source>,
    base: PathBuf,
    bytes: u64,
    notes: Vec<String>,
    stopped: bool,
}

impl Walk {
    pub fn new(paths: &[PathBuf], base: &Path) -> Walk {
        let mut sources = VecDeque::new();
        let mut notes = Vec::new();
        for p in paths {
            if p.is_dir() {
                sources.push_back(dir(p, None));
            } else if !p.exists() && looks_like_glob(p) {
                match glob_source(p) {
                    Ok(s) => sources.push_back(s),
                    Err(e) => notes.push(format!(
                        "{}: not a usable pattern: {e}",
                        shown(p, Path::new(""))
                    )),
                }
            } else {
                sources.push_back(Source::File(p.clone()));
            }
        }
        Walk {
            sources,
            base: base.to_path_buf(),
            bytes: 0,
            notes,
            stopped: false,
        }
    }

    /// Looks at up to `n` entries, pushing a row per markdown file; true when
    /// the walk is over.
    pub fn step(&mut self, rows: &mut Vec<Row>, n: usize) -> bool {
        let mut looked = 0;
        while looked < n && !self.stopped {
            let Some(src) = self.sources.front_mut() else {
                return true;
            };
            match src {
                Source::File(p) => {
                    let p = std::mem::take(p);
                    self.sources.pop_front();
                    looked += 1;
                    let row = self.row(&p, None);
                    self.push(rows, row);
                }
                Source::Dir { walk, root, glob } => match walk.next() {
                    None => {
                        self.sources.pop_front();
                    }
                    Some(Err(e)) => {
                        looked += 1;
                        // A loop or an unreadable folder: say so, go on.
                        if let Some(note) = walk_error(&e) {
                            self.notes.push(note);
                        }
                    }
                    Some(Ok(entry)) => {
                        looked += 1;
                        let path = entry.path();
                        let is_file_like = entry
                            .file_type()
                            .is_some_and(|t| t.is_file() || t.is_symlink());
                        if !is_file_like || !is_markdown(path) {
                            continue;
                        }
                        if let Some(g) = glob
                            && !g.is_match(path)
                        {
                            continue;
                        }
                        let root = root.clone();
                        let path = path.to_path_buf();
                        let row = self.row(&path, root.as_deref());
                        self.push(rows, row);
                    }
                },
            }
        }
        self.stopped || self.sources.is_empty()
    }

    fn push(&mut self, rows: &mut Vec<Row>, row: Row) {
        if rows.len() >= MAX_LIBRARY_FILES {
            self.stop(format!(
                "listed the first {MAX_LIBRARY_FILES} files (MAX_LIBRARY_FILES)"
            ));
            return;
        }
        self.bytes += row.size;
        rows.push(row);
        if self.bytes >= MAX_LIBRARY_BYTES {
            self.stop(format!(
                "stopped after {} of files (MAX_LIBRARY_BYTES)",
                super::human_size(self.bytes)
            ));
        }
    }

    fn stop(&mut self, note: String) {
        self.stopped = true;
        self.notes.push(note);
    }

    /// A row for `path`; `root` is the canonical folder a symlink must stay in.
    fn row(&self, path: &Path, root: Option<&Path>) -> Row {
        let mut row = Row {
            path: path.to_path_buf(),
            shown: shown(path, &self.base),
            size: 0,
            state: State::Unread,
        };
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        match std::fs::metadata(path) {
            Err(e) if link => {
                let _ = e;
                row.state = State::Problem("broken symlink".into());
            }
            Err(e) => row.state = State::Problem(problem(&e)),
            Ok(m) if m.is_dir() => row.state = State::Problem("is a directory".into()),
            Ok(m) => {
                row.size = m.len();
                if link
                    && let Some(root) = root
                    && !std::fs::canonicalize(path).is_ok_and(|t| t.starts_with(root))
                {
                    // Nothing about the file outside is shown, not even its size.
                    row.size = 0;
                    row.state = State::Problem("symlink out of the tree, not followed".into());
                } else if !m.is_file() {
                    row.state = State::Problem("not a regular file".into());
                } else if m.len() > crate::source::MAX_BYTES {
                    row.state = State::Problem(format!(
                        "is larger than the {} MiB limit",
                        crate::source::MAX_BYTES >> 20
                    ));
                }
            }
        }
        row
    }

    pub fn into_notes(self) -> Vec<String> {
        self.notes
    }
}

fn dir(p: &Path, glob: Option<globset::GlobMatcher>) -> Source {
    let walk = ignore::WalkBuilder::new(p)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .max_depth(Some(MAX_LIBRARY_DEPTH))
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    Source::Dir {
        walk: Box::new(walk),
        root: std::fs::canonicalize(p).ok(),
        glob,
    }
}

fn looks_like_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?'])
}

/// `posts/**/*.md` quoted so the shell left it: walk `posts` and keep what matches.
fn glob_source(p: &Path) -> Result<Source, globset::Error> {
    let text = p.to_string_lossy();
    let matcher = globset::GlobBuilder::new(&text)
        .literal_separator(true)
        .build()?
        .compile_matcher();
    // The folder before the first component holding a wildcard.
    let mut base = PathBuf::new();
    for c in p.components() {
        if c.as_os_str().to_string_lossy().contains(['*', '?', '[']) {
            break;
        }
        base.push(c);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    let mut src = dir(&base, Some(matcher));
    // Paths under "." come back as "./x.md": match them without it.
    if base == Path::new(".")
        && let Source::Dir { glob, .. } = &mut src
    {
        let text = format!("./{text}");
        *glob = globset::GlobBuilder::new(&text)
            .literal_separator(true)
            .build()
            .ok()
            .map(|g| g.compile_matcher());
    }
    Ok(src)
}

fn walk_error(e: &ignore::Error) -> Option<String> {
    let text = e.to_string();
    Some(crate::article::sanitize::visible(&text).into_owned())
}
