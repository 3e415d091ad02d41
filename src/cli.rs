//! The command line: parse flags, load the article, pick the output mode.

use crate::article::Article;
use crate::print;
use crate::render::caps::Caps;
use crate::render::theme::Theme;
use crate::source as input;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};

/// `eprintln!` that cannot panic: with stderr closed (`versus 2>&- ...`, or
/// `2>&1 | true`), a message is lost rather than the exit status.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ViewArg {
    #[default]
    Read,
    Table,
    Pros,
    Decide,
}

#[derive(Debug, Parser)]
#[command(
    name = "versus",
    version,
    about = "A terminal browser for comparison articles (\"Django vs Flask\").",
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  versus                         open the bundled Django vs Flask article\n  versus post.md --view table    open a file on its feature table\n  curl -s URL | versus -         read an article from standard input\n  versus --print | less          plain text for pagers and files\n  versus --json post.md          the parsed model as JSON\n  versus --no-mouse post.md      leave the mouse to the terminal (text selection)\n  versus --vs Vim,Emacs post.md  name the contenders yourself\n  versus content/posts/          a folder: the library of its articles\n  versus --json docs/ | jq       the library as JSON\n  versus serve post.md           serve it over SSH (ssh -p 2222 localhost)\n  versus ./serve                 open a file named `serve`"
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article to open: a markdown file, or `-` for standard input (default:
    /// the bundled article). A folder, several files or a glob open the
    /// library: a list of the markdown files, comparisons first.
    #[arg(value_name = "PATH")]
    pub files: Vec<std::ffi::OsString>,
    /// Print the article as plain text and exit (the default when stdout is not a terminal).
    #[arg(long, conflicts_with = "json")]
    pub print: bool,
    /// Print the parsed model as JSON and exit.
    #[arg(long)]
    pub json: bool,
    /// Line width for --print (default: the terminal's width, else 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,
    /// ASCII borders, bullets and markers only (automatic when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// When to use colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The view to open first.
    #[arg(long, value_enum, default_value_t = ViewArg::Read)]
    pub view: ViewArg,
    /// Start at the first section whose title contains TEXT.
    #[arg(long, value_name = "TEXT")]
    pub section: Option<String>,
    /// Leave the mouse to the terminal (its own selection works; no clicks or wheel scrolling).
    #[arg(long)]
    pub no_mouse: bool,
    /// When quitting, write the Decide view's answers and result to FILE as markdown.
    #[arg(long, value_name = "FILE")]
    pub decide_out: Option<std::path::PathBuf>,
    /// The contenders, two to eight, comma-separated ("Django,Flask"), when versus finds the wrong ones or none.
    #[arg(long, value_name = "A,B[,C]", value_parser = parse_vs)]
    pub vs: Option<Vs>,
}

/// The names given to `--vs`, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vs(pub Vec<String>);

/// `--vs "A, B"`: two to eight distinct names.
fn parse_vs(s: &str) -> Result<Vs, String> {
    let names: Vec<String> = s
        .split(',')
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if names.len() < 2 {
        return Err("name at least two contenders, separated by commas (\"Django,Flask\")".into());
    }
    if names.len() > 8 {
        return Err(format!("{} contenders named; at most 8", names.len()));
    }
    let mut seen: Vec<String> = Vec::new();
    for n in &names {
        let k = n.to_lowercase();
        if seen.contains(&k) {
            return Err(format!("{n} is named twice"));
        }
        seen.push(k);
    }
    Ok(Vs(names))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the browser over SSH to many readers at once (`ssh -p 2222 HOST`).
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Readers get the browser only: no shell, exec, subsystem or forwarding; nothing is written on the server.\nExamples:\n  versus serve                         the bundled article on 127.0.0.1:2222\n  versus serve post.md --listen 0.0.0.0:2222\n  versus serve post.md --authorized-keys ~/.ssh/authorized_keys"
)]
pub struct ServeArgs {
    /// Articles to serve: a markdown file (default: the bundled article); a folder, several files or a glob are served as a library.
    pub paths: Vec<std::path::PathBuf>,
    /// Address and port to listen on; any address other than this machine's loopback must be given.
    #[arg(long, value_name = "ADDR:PORT", default_value = crate::serve::DEFAULT_LISTEN)]
    pub listen: std::net::SocketAddr,
    /// The server's Ed25519 host key, made on first start (default: $XDG_DATA_HOME/versus/host_ed25519 or ~/.local/share/versus/host_ed25519).
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<std::path::PathBuf>,
    /// Let in only the keys in FILE (OpenSSH authorized_keys format); default: anyone, anonymously.
    #[arg(long, value_name = "FILE")]
    pub authorized_keys: Option<std::path::PathBuf>,
    /// Readers at once; the next one is told and closed.
    #[arg(long, value_name = "N", default_value_t = crate::serve::limits::MAX_SESSIONS)]
    pub max_sessions: usize,
    /// Close a reader after this long without a key (e.g. 30m, 90s, 2h).
    #[arg(long, value_name = "DUR", default_value = "30m", value_parser = parse_duration)]
    pub idle_timeout: std::time::Duration,
    /// The longest a session may last.
    #[arg(long, value_name = "DUR", default_value = "8h", value_parser = parse_duration)]
    pub max_session: std::time::Duration,
    /// Connections open at once from one address.
    #[arg(long, value_name = "N", default_value_t = crate::serve::limits::PER_IP_CONNECTIONS)]
    pub max_per_ip: usize,
    /// New connections per minute from one address.
    #[arg(long, value_name = "N", default_value_t = crate::serve::limits::PER_IP_ATTEMPTS_PER_MINUTE)]
    pub attempts_per_minute: usize,
}

fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let d = humantime::parse_duration(s).map_err(|e| format!("{e} (e.g. 30m, 90s, 2h)"))?;
    if d.is_zero() {
        return Err("must be more than zero".into());
    }
    Ok(d)
}

impl ServeArgs {
    fn options(self) -> crate::serve::Options {
        crate::serve::Options {
            paths: self.paths,
            listen: self.listen,
            host_key: self.host_key,
            authorized_keys: self.authorized_keys,
            limits: crate::serve::limits::Limits {
                max_sessions: self.max_sessions.max(1),
                per_ip_connections: self.max_per_ip.max(1),
                per_ip_attempts_per_minute: self.attempts_per_minute.max(1),
                idle_timeout: self.idle_timeout,
                max_session: self.max_session,
                ..crate::serve::limits::Limits::default()
            },
        }
    }
}

pub use crate::session::locale_is_utf8;

impl Args {
    /// Where the full-screen browser starts.
    pub fn app_options(&self) -> crate::app::Options {
        use crate::app::View;
        let view = match self.view {
            ViewArg::Read => View::Read,
            ViewArg::Table => View::Table,
            ViewArg::Pros => View::Pros,
            ViewArg::Decide => View::Decide,
        };
        crate::app::Options {
            view: Some(view),
            section: self.section.clone(),
            decide_out: self.decide_out.clone(),
        }
    }
}

fn env(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

fn no_color_env() -> bool {
    env("NO_COLOR").is_some_and(|v| !v.is_empty())
}

fn term_is_dumb() -> bool {
    env("TERM").is_none_or(|t| t.is_empty() || t == "dumb")
}

/// The terminal's capabilities from `TERM` and friends (no query), with
/// the colour and ASCII choices of the command line and the environment:
/// `--color always` gives colour even to a terminal `TERM` says has none.
pub fn term_caps(args: &Args, ascii: bool, get: impl Fn(&str) -> Option<String>) -> Caps {
    let mut caps = Caps::from_env(&get);
    caps.color = match args.color {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => caps.color && get("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    caps.ascii = ascii;
    caps
}

impl Args {
    /// The arguments of a bare `versus`: what clap gives for no arguments,
    /// without building clap's parser (a tenth of a millisecond before the
    /// first frame).
    fn bare() -> Args {
        Args {
            command: None,
            files: Vec::new(),
            print: false,
            json: false,
            width: None,
            ascii: false,
            color: ColorChoice::Auto,
            view: ViewArg::Read,
            section: None,
            no_mouse: false,
            decide_out: None,
            vs: None,
        }
    }
}

/// The program: parses the command line, runs the chosen mode, and returns
/// the exit status (0; 1 for an article or output that failed; 2 for usage).
pub fn main() -> u8 {
    // A bare `versus` skips building clap's parser: a tenth of a millisecond
    // before the first frame.
    let parsed = if std::env::args_os().len() <= 1 {
        Ok(Args::bare())
    } else {
        Args::try_parse()
    };
    let args = match parsed {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    if let Some(Command::Serve(serve)) = args.command {
        return crate::serve::run(serve.options());
    }
    if let Some(path) = &args.decide_out
        && let Err(e) = crate::tui::check_decide_out(path)
    {
        say!("versus: {e}");
        return 2;
    }
    if let Some(paths) = library_paths(&args.files) {
        return library_mode(&args, &paths);
    }
    let unfinished = match input::load_unfinished(args.files.first().map(|f| f.as_os_str())) {
        Ok(mut a) => {
            if let Some(vs) = &args.vs {
                a.set_contenders(&vs.0);
            }
            a
        }
        Err(e) => {
            say!("{e}");
            return 1;
        }
    };
    let ascii = args.ascii || !locale_is_utf8(env);
    let stdout_tty = std::io::stdout().is_terminal();

    let interactive = !args.print && !args.json && stdout_tty && !term_is_dumb();
    if interactive {
        #[cfg(unix)]
        return browse(unfinished, &args, ascii);
        // Elsewhere the process's terminal is not supported (see `tui`).
        #[cfg(not(unix))]
        {
            say!(
                "versus: the interactive browser needs a Unix terminal; printing plain text (--print, --json)"
            );
            return print_mode(&args, &unfinished.finish(), ascii, stdout_tty);
        }
    }
    let article = unfinished.finish();
    if args.json {
        // Written as it is made: the text of a large article is never held whole.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let r = serde_json::to_writer_pretty(&mut out, &article)
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        return write_result(r);
    }
    if !args.print && stdout_tty {
        say!(
            "versus: TERM is {}; printing plain text",
            env("TERM")
                .filter(|t| !t.is_empty())
                .map_or("not set".into(), |t| format!("`{t}`"))
        );
    }
    print_mode(&args, &article, ascii, stdout_tty)
}

/// The full-screen browser on the process's terminal (Unix only).
#[cfg(unix)]
fn browse(unfinished: crate::article::parse::Unfinished, args: &Args, ascii: bool) -> u8 {
    let caps = term_caps(args, ascii, env);
    // The items (pros, cons, criteria) are found after the first frame.
    let (article, items) = unfinished.contenders();
    let terminal = crate::session::Terminal {
        term: env("TERM"),
        caps,
        mouse: !args.no_mouse,
        paste: true,
    };
    match crate::tui::run(article, items, &terminal, &args.app_options()) {
        Ok(()) => 0,
        Err(e) => {
            say!("versus: {e}");
            1
        }
    }
}

/// The paths to open as a library: several, a folder, or a glob the shell
/// left unexpanded; `None` for one file (or none: the bundled article).
fn library_paths(files: &[std::ffi::OsString]) -> Option<Vec<std::path::PathBuf>> {
    let paths: Vec<std::path::PathBuf> = files.iter().map(std::path::PathBuf::from).collect();
    let library = match paths.as_slice() {
        [] => false,
        [one] => one.is_dir() || (!one.exists() && one.to_string_lossy().contains(['*', '?'])),
        _ => true,
    };
    library.then_some(paths)
}

/// `versus DIR`, `versus A.md B.md`, `versus 'posts/*.md'`: the library in
/// the browser, or printed (`--print`: a line per file; `--json`: an array).
fn library_mode(args: &Args, paths: &[std::path::PathBuf]) -> u8 {
    use crate::library::Library;
    if paths.iter().any(|p| p.as_os_str() == "-") {
        say!("versus: -: standard input cannot be part of a library; open it alone");
        return 2;
    }
    let cwd = std::path::PathBuf::from(".");
    let base = match paths {
        [one] if one.is_dir() => one.clone(),
        _ => cwd,
    };
    let title = match paths {
        [one] => crate::article::sanitize::visible(&one.to_string_lossy()).into_owned(),
        more => format!("{} paths", more.len()),
    };
    let mut lib = Library::open(paths, &base);
    let ascii = args.ascii || !locale_is_utf8(env);
    let stdout_tty = std::io::stdout().is_terminal();
    if args.json {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let r = out
            .write_all(crate::library::to_json(&mut lib).as_bytes())
            .and_then(|()| out.write_all(b"\n"))
            .and_then(|()| out.flush());
        return write_result(r);
    }
    let interactive = !args.print && stdout_tty && !term_is_dumb() && cfg!(unix);
    if !interactive {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let mut r = Ok(());
        for line in crate::library::print_lines(&mut lib) {
            let line = if ascii {
                crate::render::ascii::text(&line).into_owned()
            } else {
                line
            };
            r = writeln!(out, "{line}");
            if r.is_err() {
                break;
            }
        }
        return write_result(r.and_then(|()| out.flush()));
    }
    browse_library(lib, title, args, ascii)
}

/// The library in the full-screen browser (Unix only).
#[cfg(unix)]
fn browse_library(lib: crate::library::Library, title: String, args: &Args, ascii: bool) -> u8 {
    let caps = term_caps(args, ascii, env);
    let terminal = crate::session::Terminal {
        term: env("TERM"),
        caps,
        mouse: !args.no_mouse,
        paste: true,
    };
    let view = crate::app::library::LibraryView::new(lib);
    match crate::tui::run_library(view, title, &terminal, &args.app_options()) {
        Ok(()) => 0,
        Err(e) => {
            say!("versus: {e}");
            1
        }
    }
}

/// Elsewhere the library is printed instead (see [`library_mode`]).
#[cfg(not(unix))]
fn browse_library(_: crate::library::Library, _: String, _: &Args, _: bool) -> u8 {
    0
}

/// `--help` and `--version` as clap writes them; a usage error as plain text
/// with exit status 2, its lines made safe first: clap quotes the offending
/// argument, which may be a file name holding escape sequences.
fn usage_error(e: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return 0;
    }
    let text = e.render().to_string();
    let mut err = std::io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", crate::article::sanitize::visible(line));
    }
    2
}

fn print_mode(args: &Args, article: &Article, ascii: bool, tty: bool) -> u8 {
    let color = match args.color {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => tty && !no_color_env() && !term_is_dumb(),
    };
    let width = match args.width {
        Some(w) => usize::from(w),
        None if tty => crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w)),
        None => 80,
    };
    let theme = Theme {
        urls: true,
        ..Theme::new(color, ascii)
    };
    for w in &article.warnings {
        say!("versus: {}: warning: {w}", article.source);
    }
    // Written as it is laid out: a large article is never held as text.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let r = print::write_to(article, width, &theme, &mut out);
    write_result(r.and_then(|()| out.flush()))
}

/// Writes to stdout; a closed pipe (`versus --print | head -1`) is a quiet success.
fn write_result(r: std::io::Result<()>) -> u8 {
    match r {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            say!("versus: stdout: {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_args_are_clap_defaults() {
        assert_eq!(
            format!("{:?}", Args::bare()),
            format!("{:?}", Args::parse_from(["versus"]))
        );
    }

    #[test]
    fn vs_names_two_to_eight_distinct() {
        let a = Args::try_parse_from(["versus", "--vs", " Django , Flask "]).unwrap();
        assert_eq!(a.vs.unwrap().0, ["Django", "Flask"]);
        for bad in ["Django", "", "A,a", "A,B,C,D,E,F,G,H,I", ",,"] {
            assert!(
                Args::try_parse_from(["versus", "--vs", bad]).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn serve_is_a_subcommand_and_other_names_are_files() {
        let a = Args::try_parse_from(["versus", "serve"]).unwrap();
        let Some(Command::Serve(s)) = a.command else {
            panic!("not serve: {a:?}")
        };
        assert!(s.paths.is_empty());
        assert_eq!(s.listen.to_string(), crate::serve::DEFAULT_LISTEN);
        assert_eq!(s.max_sessions, crate::serve::limits::MAX_SESSIONS);
        assert_eq!(s.idle_timeout, crate::serve::limits::IDLE_TIMEOUT);
        let a = Args::try_parse_from([
            "versus",
            "serve",
            "a.md",
            "b.md",
            "--listen",
            "[::1]:0",
            "--max-sessions",
            "5",
            "--idle-timeout",
            "90s",
        ])
        .unwrap();
        let Some(Command::Serve(s)) = a.command else {
            panic!("not serve")
        };
        assert_eq!(s.paths.len(), 2);
        assert_eq!(s.listen.to_string(), "[::1]:0");
        let o = s.options();
        assert_eq!(o.limits.max_sessions, 5);
        assert_eq!(o.limits.idle_timeout, std::time::Duration::from_secs(90));
        // A file named otherwise, or `./serve`, is an article to open.
        for f in ["serve.md", "./serve", "servers"] {
            let a = Args::try_parse_from(["versus", f]).unwrap();
            assert!(a.command.is_none());
            assert_eq!(a.files, [std::ffi::OsString::from(f)]);
        }
        assert!(Args::try_parse_from(["versus", "serve", "--idle-timeout", "0s"]).is_err());
        assert!(Args::try_parse_from(["versus", "serve", "--listen", "nowhere"]).is_err());
    }

    #[test]
    fn locale_detection() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(locale_is_utf8(env(&[("LANG", "en_US.UTF-8")])));
        assert!(!locale_is_utf8(env(&[("LANG", "C")])));
        assert!(!locale_is_utf8(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_US.UTF-8")
        ])));
        assert!(locale_is_utf8(env(&[("LC_CTYPE", "C.utf8")])));
        assert!(!locale_is_utf8(env(&[])));
    }
}
