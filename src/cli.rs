//! The command line: parse flags, load the article, pick the output mode.

use crate::article::Article;
use crate::print;
use crate::render::caps::Caps;
use crate::render::theme::Theme;
use crate::source;
use clap::{Parser, ValueEnum};
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
    after_help = "Examples:\n  versus                         open the bundled Django vs Flask article\n  versus post.md --view table    open a file on its feature table\n  curl -s URL | versus -         read an article from standard input\n  versus --print | less          plain text for pagers and files\n  versus --json post.md          the parsed model as JSON\n  versus --no-mouse post.md      leave the mouse to the terminal (text selection)\n  versus --vs Vim,Emacs post.md  name the contenders yourself"
)]
pub struct Args {
    /// Article to open: a markdown file, or `-` for standard input (default: the bundled article).
    pub file: Option<std::ffi::OsString>,
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
            file: None,
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
    if let Some(path) = &args.decide_out
        && let Err(e) = crate::tui::check_decide_out(path)
    {
        say!("versus: {e}");
        return 2;
    }
    let unfinished = match source::load_unfinished(args.file.as_deref()) {
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
