//! Reading an article from a path, standard input or the bundled copy, with
//! the one-line errors the command line reports.

use crate::article::parse::Unfinished;
use crate::article::{self, Article};
use std::fmt;
use std::io::{IsTerminal, Read};
use std::path::Path;

/// Larger inputs are refused, so `/dev/zero` or a runaway pipe cannot be read forever.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Why an article could not be read; printed as `versus: <path>: <problem>`.
#[derive(Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: String,
    pub problem: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "versus: {}: {}", self.path, self.problem)
    }
}

fn err(path: &str, problem: impl Into<String>) -> ReadError {
    ReadError {
        // A file name can hold escape sequences too.
        path: crate::article::sanitize::visible(path).into_owned(),
        problem: problem.into(),
    }
}

/// Loads the article named on the command line (`None` is the bundled one).
/// A name need not be UTF-8: it is shown with `�` where it is not.
pub fn load(file: Option<&str>) -> Result<Article, ReadError> {
    load_unfinished(file.map(std::ffi::OsStr::new)).map(Unfinished::finish)
}

/// [`load`], up to the detectors: they run without the file's text in memory.
pub fn load_unfinished(file: Option<&std::ffi::OsStr>) -> Result<Unfinished, ReadError> {
    let name = file.map(|f| f.to_string_lossy());
    match file.map(|f| (Path::new(f), name.as_deref().unwrap_or(""))) {
        None => Ok(article::parse::parse_unfinished(
            article::BUNDLED,
            "bundled",
        )),
        Some((_, "-")) => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(err(
                    "-",
                    "standard input is a terminal; pipe an article in, e.g. `cat a.md | versus -`",
                ));
            }
            let bytes = read_limited(stdin.lock(), "-", 0)?;
            let a = from_bytes_unfinished(&bytes, "-")?;
            drop(bytes);
            Ok(a)
        }
        Some((os_path, path)) => {
            let (mut file, bytes) = read_os_path(os_path, path)?;
            check(&bytes, path)?;
            // A regular file is read again piece by piece as the parser goes,
            // so its whole text is not held alongside what is built from it.
            if file.is_some()
                && let Some(pieces) = article::parse::pieces(&bytes)
            {
                drop(bytes);
                return Ok(pieces.parse(path, |r| read_range(file.as_mut(), r)));
            }
            let a = article::parse::parse_bytes_unfinished(&bytes, path);
            drop(bytes);
            Ok(a)
        }
    }
}

#[cfg(test)]
fn read_path(path: &str) -> Result<(Option<std::fs::File>, Vec<u8>), ReadError> {
    read_os_path(Path::new(path), path)
}

/// The file's bytes, and the file itself when it is a regular one (which
/// can be read again). `path` is `os_path` as shown in messages.
fn read_os_path(os_path: &Path, path: &str) -> Result<(Option<std::fs::File>, Vec<u8>), ReadError> {
    let meta = std::fs::metadata(os_path).map_err(|e| io_problem(path, &e))?;
    if meta.is_dir() {
        return Err(err(path, "is a directory"));
    }
    if meta.is_file() && meta.len() > MAX_BYTES {
        return Err(too_large(path));
    }
    let mut file = std::fs::File::open(os_path).map_err(|e| io_problem(path, &e))?;
    let hint = if meta.is_file() {
        meta.len() as usize
    } else {
        0
    };
    let bytes = read_limited(&mut file, path, hint)?;
    Ok((meta.is_file().then_some(file), bytes))
}

/// The bytes of `file` in `r`; fewer if it has shrunk since, lossy if it has changed.
fn read_range(file: Option<&mut std::fs::File>, r: std::ops::Range<usize>) -> String {
    use std::io::{Seek, SeekFrom};
    let mut buf = Vec::with_capacity(r.len());
    if let Some(f) = file
        && f.seek(SeekFrom::Start(r.start as u64)).is_ok()
    {
        // An error leaves what was read.
        let _ = f.take(r.len() as u64).read_to_end(&mut buf);
    }
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn read_limited(r: impl Read, path: &str, hint: usize) -> Result<Vec<u8>, ReadError> {
    // The hint (the file's size) spares the doublings of a growing buffer.
    let mut bytes = Vec::with_capacity(hint.min(MAX_BYTES as usize) + 1);
    r.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(path, &e))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(path));
    }
    Ok(bytes)
}

fn too_large(path: &str) -> ReadError {
    err(
        path,
        format!("is larger than the {} MiB limit", MAX_BYTES >> 20),
    )
}

fn io_problem(path: &str, e: &std::io::Error) -> ReadError {
    err(path, problem(e))
}

/// An I/O error as the problem a reader is told: "no such file",
/// "permission denied", else std's words without "(os error N)".
pub fn problem(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "is a directory".to_string(),
        _ => {
            let s = e.to_string();
            // "Is a directory (os error 21)" → "is a directory"
            let s = s.split(" (os error").next().unwrap_or(&s);
            s.to_lowercase()
        }
    }
}

/// Parses bytes, refusing what is not an article at all.
pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Article, ReadError> {
    from_bytes_unfinished(bytes, path).map(article::parse::Unfinished::finish)
}

/// [`from_bytes`] up to the detectors.
fn from_bytes_unfinished(
    bytes: &[u8],
    path: &str,
) -> Result<article::parse::Unfinished, ReadError> {
    check(bytes, path)?;
    Ok(article::parse::parse_bytes_unfinished(bytes, path))
}

/// Refuses what is not an article at all.
fn check(bytes: &[u8], path: &str) -> Result<(), ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(err(path, "is empty"));
    }
    if looks_binary(bytes) {
        return Err(err(path, "is a binary file, not a text article"));
    }
    Ok(())
}

/// Judged on the first 8 KiB. Text never holds NUL bytes in quantity (a few
/// stray ones are stripped by the parser). Nor is it mostly bytes that are
/// neither valid UTF-8 nor whitespace-like: compressed or random data (a `.gz`,
/// an image, `/dev/urandom`) is about half such bytes, while text in a legacy
/// encoding (Latin-1 accents) or full of escape sequences stays far below the
/// 30% used here, and is read with warnings instead.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul * 100 > head.len() || (nul > 0 && head.len() < 100 && nul * 10 > head.len()) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    let suspicious = controls + invalid_utf8_bytes(head);
    head.len() >= 32 && suspicious * 10 > head.len() * 3
}

/// Bytes of `b` that are not part of a valid UTF-8 sequence (a sequence cut
/// at the end of `b` counts as valid).
fn invalid_utf8_bytes(mut b: &[u8]) -> usize {
    let mut bad = 0;
    loop {
        match std::str::from_utf8(b) {
            Ok(_) => return bad,
            Err(e) => match e.error_len() {
                Some(n) => {
                    bad += n;
                    b = &b[e.valid_up_to() + n..];
                }
                None => return bad,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(
            from_bytes(b" \n\n", "e.md").unwrap_err().to_string(),
            "versus: e.md: is empty"
        );
        let bin = [0u8; 500];
        assert_eq!(
            from_bytes(&bin, "b").unwrap_err().problem,
            "is a binary file, not a text article"
        );
    }

    #[test]
    fn random_and_compressed_data_are_binary() {
        // A fixed xorshift stream stands for /dev/urandom or a .gz body.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let random: Vec<u8> = (0..10_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .filter(|&b| b != 0) // no NULs: the other rule must catch it
            .collect();
        assert!(looks_binary(&random));
        let mut gz = vec![0x1f, 0x8b, 0x08, 0x00];
        gz.extend(&random[..2000]);
        assert!(looks_binary(&gz));
    }

    #[test]
    fn legacy_encodings_and_escapes_are_text() {
        // Latin-1: every accent is an invalid UTF-8 byte.
        let latin1: Vec<u8> = b"# Caf\xe9 vs Cr\xe8me br\xfbl\xe9e\n\n"
            .iter()
            .chain(
                b"Une comparaison tr\xe8s d\xe9taill\xe9e, \xe0 lire. "
                    .repeat(50)
                    .iter(),
            )
            .copied()
            .collect();
        assert!(!looks_binary(&latin1));
        // A page of terminal escapes is hostile, not binary: it is cleaned and warned about.
        let escapes = b"\x1b[2J\x1b]0;title\x07 text ".repeat(100);
        assert!(!looks_binary(&escapes));
        // Multi-byte UTF-8 cut at the 8 KiB boundary is not a problem.
        let cjk = "漢字".repeat(3000);
        assert!(!looks_binary(cjk.as_bytes()));
    }

    #[test]
    fn a_stray_nul_is_text() {
        let mut text = b"# A vs B\n\n".repeat(40);
        text.push(0);
        assert!(from_bytes(&text, "t").is_ok());
    }

    #[test]
    fn limited_read_refuses_oversize() {
        let big = std::io::repeat(b'a').take(MAX_BYTES + 10);
        assert_eq!(read_limited(big, "x", 0).unwrap_err(), too_large("x"));
    }

    #[test]
    fn a_file_read_in_pieces_is_the_file_read_whole() {
        let text = crate::r#gen::generate_article(400_000);
        let path = std::env::temp_dir().join(format!("versus-pieces-{}.md", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let p = path.to_str().unwrap();
        assert!(article::parse::pieces(text.as_bytes()).is_some_and(|x| x.ranges.len() > 2));
        let a = load(Some(p)).unwrap();
        std::fs::remove_file(&path).unwrap();
        let b = from_bytes(text.as_bytes(), p).unwrap();
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn path_errors_are_one_line() {
        assert_eq!(
            read_path("/nonexistent/x.md").unwrap_err().problem,
            "no such file"
        );
        assert_eq!(read_path("/").unwrap_err().problem, "is a directory");
    }
}
