//! `versus serve`: the browser over SSH to many readers at once, with
//! nothing to install on their side.
//!
//! One [`Session`] per SSH channel with a pty, every session sharing one
//! parsed article ([`Shared`]). The pieces:
//! - [`Server`]: what is served, the russh configuration, the limits and the
//!   counters; [`Server::connection`] runs one connection over any stream
//!   (a TCP socket, or `tokio::io::duplex` in tests).
//! - `handler`: russh's callbacks for one connection: who gets in, which
//!   requests are refused, the pty and the environment.
//! - `reader`: the task that owns one reader's [`Session`]: input in,
//!   frames out, work slices between keys, the timers.
//! - [`run`]: the process: host key, listening socket, signals.
//!
//! The local browser stays synchronous; tokio is only here.

mod handler;
pub mod hostkey;
pub mod limits;
mod reader;

use crate::app;
use crate::article::Article;
use crate::session::{Session, Shared, Terminal};
use limits::Limits;
use russh::keys::{PrivateKey, PublicKey};
use russh::server::Config;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{Notify, Semaphore, watch};

/// Default listening address: this machine only. Any other is explicit.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";

/// `eprintln!` that cannot panic (stderr closed).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Resolves once the server is stopping.
async fn stopping(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|s| *s).await;
}

/// What `versus serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files or folders to serve (none: the bundled article).
    pub paths: Vec<PathBuf>,
    pub listen: SocketAddr,
    /// `None`: the default under the user's data directory.
    pub host_key: Option<PathBuf>,
    /// `None`: anonymous readers.
    pub authorized_keys: Option<PathBuf>,
    pub limits: Limits,
}

/// Who may read: anyone, or the holders of these keys.
#[derive(Debug, Clone)]
pub enum Access {
    Anonymous,
    Keys(Vec<PublicKey>),
}

impl Access {
    /// Reads an OpenSSH `authorized_keys` file (options in front of a key
    /// are not honoured: every listed key may read, nothing more).
    pub fn from_authorized_keys(path: &std::path::Path) -> Result<Access, String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
        let mut keys = Vec::new();
        for (i, entry) in russh::keys::ssh_key::AuthorizedKeys::new(&text).enumerate() {
            match entry {
                Ok(e) => keys.push(e.public_key().clone()),
                Err(e) => return Err(format!("{shown}: entry {}: {e}", i + 1)),
            }
        }
        if keys.is_empty() {
            return Err(format!("{shown}: no keys: nobody could read"));
        }
        Ok(Access::Keys(keys))
    }

    fn allows(&self, key: &PublicKey) -> bool {
        match self {
            Access::Anonymous => true,
            Access::Keys(keys) => keys.iter().any(|k| k.key_data() == key.key_data()),
        }
    }
}

/// What a new reader sees: one article, shared by every session, or a
/// library whose rows are read once at start and shared (each reader has
/// their own cursor, filter and opened articles).
// One per server: the size of its variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Content {
    Article {
        shared: Shared,
        options: app::Options,
    },
    Library {
        /// Read in full at start; each session gets [`Library::share`].
        library: std::sync::Mutex<crate::library::Library>,
        title: String,
        options: app::Options,
    },
}

impl Content {
    pub fn new(article: impl Into<Arc<Article>>) -> Content {
        Content::Article {
            shared: Shared::new(article),
            // No `--decide-out` here: readers write nothing on the server.
            options: app::Options::default(),
        }
    }

    /// A reader's session at their terminal's size.
    pub fn open(&self, width: u16, height: u16, terminal: Terminal) -> Session {
        match self {
            Content::Article { shared, options } => {
                Session::new(shared, width, height, terminal, options)
            }
            Content::Library {
                library,
                title,
                options,
            } => {
                let lib = library
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .share();
                Session::library(
                    crate::app::library::LibraryView::new(lib),
                    title.clone(),
                    width,
                    height,
                    terminal,
                    options,
                )
            }
        }
    }

    /// What to serve from PATHS: one markdown file; the bundled article for
    /// none; a folder, several files or a glob as a library (read now, with
    /// a note saying how many files it holds).
    pub fn from_paths(paths: &[PathBuf]) -> Result<(Content, Option<String>), String> {
        let library = match paths {
            [] => return Ok((Content::new(crate::article::bundled()), None)),
            [one] => one.is_dir() || (!one.exists() && one.to_string_lossy().contains(['*', '?'])),
            _ => true,
        };
        if !library {
            let article = crate::source::load(Some(&paths[0].to_string_lossy()))
                .map_err(|e| e.to_string().trim_start_matches("versus: ").to_string())?;
            return Ok((Content::new(article), None));
        }
        let base = match paths {
            [one] if one.is_dir() => one.clone(),
            _ => PathBuf::from("."),
        };
        let mut lib = crate::library::Library::open(paths, &base);
        lib.finish();
        let comparisons = lib.rows().iter().filter(|r| r.is_comparison()).count();
        let note = format!(
            "versus serve: a library of {} files ({comparisons} comparisons)",
            lib.len()
        );
        let title = match paths {
            [one] => crate::article::sanitize::visible(&one.to_string_lossy()).into_owned(),
            more => format!("{} paths", more.len()),
        };
        Ok((
            Content::Library {
                library: std::sync::Mutex::new(lib),
                title,
                options: app::Options::default(),
            },
            Some(note),
        ))
    }
}

/// One server: what it serves, to whom, within which limits.
pub struct Server {
    content: Content,
    access: Access,
    limits: Limits,
    config: Arc<Config>,
    sessions: Arc<Semaphore>,
    connections: AtomicUsize,
    per_ip: limits::PerIp,
    shutdown: watch::Sender<bool>,
    /// Readers right now (for the benchmark and the shutdown wait).
    active: AtomicUsize,
    idle: Notify,
}

/// What is known about one connection, for its log line.
#[derive(Debug, Default, Clone)]
pub struct Record {
    pub peer: Option<SocketAddr>,
    pub user: String,
    pub term: String,
    pub size: (u16, u16),
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Why it ended (the first reason given wins).
    pub end: Option<String>,
}

impl Record {
    fn end(&mut self, why: impl Into<String>) {
        if self.end.is_none() {
            self.end = Some(why.into());
        }
    }
}

/// Shared by a connection's handler, its reader task and the task that
/// watches the connection.
struct Conn {
    record: Mutex<Record>,
    /// Set when the connection's one reader channel is done (the reader
    /// quit, was refused, does not read): the watcher closes the connection.
    kill: Notify,
    /// A reader's session started (or was refused with a message): the
    /// handshake timeout no longer applies.
    started: std::sync::atomic::AtomicBool,
}

impl Conn {
    fn record(&self) -> std::sync::MutexGuard<'_, Record> {
        self.record.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Server {
    pub fn new(content: Content, access: Access, limits: Limits, key: PrivateKey) -> Arc<Server> {
        use russh::MethodKind;
        let methods: &[MethodKind] = match access {
            Access::Anonymous => &[
                MethodKind::None,
                MethodKind::Password,
                MethodKind::PublicKey,
                MethodKind::KeyboardInteractive,
            ],
            Access::Keys(_) => &[MethodKind::PublicKey],
        };
        let config = Config {
            methods: methods.into(),
            // The first "none" probe of every client is answered at once;
            // refused attempts after it wait a second each.
            auth_rejection_time: Duration::from_secs(1),
            auth_rejection_time_initial: Some(Duration::ZERO),
            keys: vec![key],
            max_auth_attempts: limits::MAX_AUTH_ATTEMPTS,
            // No keepalives: an idle reader costs no bytes and no wake-ups.
            // A connection with no traffic at all (or whose writes block)
            // for longer than the idle timeout is closed by russh; the
            // reader's own task closes it sooner with a message.
            inactivity_timeout: Some(limits.idle_timeout + Duration::from_secs(60)),
            keepalive_interval: None,
            // Keys are small writes: no Nagle delay.
            nodelay: true,
            ..Config::default()
        };
        let sessions = Arc::new(Semaphore::new(limits.max_sessions));
        Arc::new(Server {
            content,
            access,
            limits,
            config: Arc::new(config),
            sessions,
            connections: AtomicUsize::new(0),
            per_ip: limits::PerIp::default(),
            shutdown: watch::channel(false).0,
            active: AtomicUsize::new(0),
            idle: Notify::new(),
        })
    }

    /// Readers with a session now.
    pub fn readers(&self) -> usize {
        self.limits.max_sessions - self.sessions.available_permits()
    }

    /// Connections open now (readers and those still getting in).
    pub fn connections(&self) -> usize {
        self.active.load(Ordering::SeqCst)
    }

    /// Stop: every reader is told, and their connections close.
    pub fn shutdown(&self) {
        let _ = self.shutdown.send(true);
    }

    /// Waits until no connection is open, at most `limit`. True if none is.
    pub async fn drained(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let notified = self.idle.notified();
            if self.connections() == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return self.connections() == 0;
            }
        }
    }

    /// Runs one connection to its end over `stream`, then writes its log
    /// line. `socket`, when given, is a clone of the TCP socket under
    /// `stream`: shut down to drop a reader whose writes block.
    pub async fn connection<S>(
        self: Arc<Self>,
        stream: S,
        peer: Option<SocketAddr>,
        socket: Option<std::net::TcpStream>,
    ) -> Record
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let start = Instant::now();
        self.active.fetch_add(1, Ordering::SeqCst);
        let conn = Arc::new(Conn {
            record: Mutex::new(Record {
                peer,
                ..Record::default()
            }),
            kill: Notify::new(),
            started: Default::default(),
        });
        let handler = handler::Handler::new(self.clone(), conn.clone());
        // A write that cannot go out for this long fails: a reader who
        // stops reading holds russh's buffers only that long (russh itself
        // waits for the socket up to its inactivity timeout).
        let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
        stream.set_write_timeout(Some(self.limits.write_stall));
        let stream = Box::pin(stream);
        let kill_socket = || {
            if let Some(s) = &socket {
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        };
        let mut shutdown = self.shutdown.subscribe();
        match russh::server::run_stream(self.config.clone(), stream, handler).await {
            Err(e) => conn.record().end(format!("handshake failed: {e}")),
            Ok(running) => {
                let handle = running.handle();
                tokio::pin!(running);
                let handshake = tokio::time::Instant::now() + self.limits.handshake_timeout;
                let ended = loop {
                    tokio::select! {
                        r = &mut running => break Some(r),
                        _ = conn.kill.notified() => {
                            // The reader's channel is closed: the client
                            // normally leaves now; if not, it is disconnected.
                            break tokio::time::timeout(Duration::from_millis(500), &mut running).await.ok()
                        }
                        _ = stopping(&mut shutdown) => {
                            // Readers are told by their own task; give them
                            // the grace period to close.
                            break tokio::time::timeout(limits::SHUTDOWN_GRACE, &mut running).await.ok()
                        }
                        _ = tokio::time::sleep_until(handshake), if !conn.started.load(Ordering::SeqCst) => {
                            if !conn.started.load(Ordering::SeqCst) {
                                conn.record().end("no session within the handshake timeout");
                                break None;
                            }
                        }
                    }
                };
                let ended = match ended {
                    Some(r) => Some(r),
                    None => {
                        let _ = tokio::time::timeout(
                            Duration::from_millis(500),
                            handle.disconnect(
                                russh::Disconnect::ByApplication,
                                "closed by the server".into(),
                                String::new(),
                            ),
                        )
                        .await;
                        kill_socket();
                        tokio::time::timeout(Duration::from_secs(1), &mut running)
                            .await
                            .ok()
                    }
                };
                match ended {
                    Some(Ok(())) => conn.record().end("closed by the reader"),
                    Some(Err(e)) if is_write_stall(&e) => {
                        // The reader's task may have seen the channel go
                        // first; this is the real reason.
                        conn.record().end = Some(STALLED.into());
                    }
                    Some(Err(e)) => conn.record().end(describe(&e)),
                    None => conn.record().end("closed"),
                }
            }
        }
        let record = conn.record().clone();
        log_line(&record, start.elapsed());
        if self.active.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.idle.notify_waiters();
        }
        record
    }
}

/// The end of a reader whose terminal took no output for the write stall.
pub const STALLED: &str = "not reading (output stalled)";

fn is_write_stall(e: &russh::Error) -> bool {
    matches!(e, russh::Error::IO(io) if io.kind() == std::io::ErrorKind::TimedOut)
}

fn describe(e: &russh::Error) -> String {
    match e {
        russh::Error::InactivityTimeout => "no traffic (inactivity timeout)".into(),
        russh::Error::IO(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "connection dropped".into()
        }
        e => format!("error: {e}"),
    }
}

/// One line per connection on stderr.
fn log_line(r: &Record, took: Duration) {
    let peer = r.peer.map_or("-".to_string(), |p| p.to_string());
    let user = crate::article::sanitize::visible(if r.user.is_empty() { "-" } else { &r.user })
        .into_owned();
    let term = crate::article::sanitize::visible(if r.term.is_empty() { "-" } else { &r.term })
        .into_owned();
    say!(
        "versus serve: {peer} user={user} term={term} size={}x{} duration={:.1}s in={}B out={}B end={}",
        r.size.0,
        r.size.1,
        took.as_secs_f64(),
        r.bytes_in,
        r.bytes_out,
        r.end.as_deref().unwrap_or("-")
    );
}

/// The process: `versus serve`. Returns the exit status.
pub fn run(options: Options) -> u8 {
    let (content, note) = match Content::from_paths(&options.paths) {
        Ok(c) => c,
        Err(e) => {
            say!("versus: {e}");
            return 1;
        }
    };
    if let Some(note) = note {
        say!("{note}");
    }
    let access = match &options.authorized_keys {
        None => Access::Anonymous,
        Some(p) => match Access::from_authorized_keys(p) {
            Ok(a) => a,
            Err(e) => {
                say!("versus: {e}");
                return 1;
            }
        },
    };
    let key_path = match options
        .host_key
        .clone()
        .or_else(|| hostkey::default_path(|k| std::env::var(k).ok()))
    {
        Some(p) => p,
        None => {
            say!("versus: no data directory (HOME unset); give --host-key PATH");
            return 1;
        }
    };
    let (key, made) = match hostkey::load_or_create(&key_path) {
        Ok(k) => k,
        Err(e) => {
            say!("versus: {e}");
            return 1;
        }
    };
    let fingerprint = hostkey::fingerprint(&key);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            say!("versus: cannot start the runtime: {e}");
            return 1;
        }
    };
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(options.listen).await {
            Ok(l) => l,
            Err(e) => {
                say!("versus: {}: {e}", options.listen);
                return 1;
            }
        };
        let addr = listener.local_addr().unwrap_or(options.listen);
        say!(
            "versus serve: host key {} {} ({fingerprint})",
            key_path.display(),
            if made { "made" } else { "read" }
        );
        let who = match &access {
            Access::Anonymous => "anyone (anonymous, read-only)".to_string(),
            Access::Keys(k) => format!("the {} key(s) in --authorized-keys", k.len()),
        };
        let host = if addr.ip().is_unspecified() {
            "HOST".to_string()
        } else {
            addr.ip().to_string()
        };
        say!(
            "versus serve: listening on {addr} for {who}; at most {} readers. Read with: ssh -p {} {host}",
            options.limits.max_sessions,
            addr.port(),
        );
        let server = Server::new(content, access, options.limits.clone(), key);
        serve_until_signal(server, listener).await
    })
}

/// Resolves on SIGTERM or SIGINT (Ctrl-C where there are no Unix signals).
#[cfg(unix)]
fn stop_signal() -> Option<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate()).ok()?;
    let mut int = signal(SignalKind::interrupt()).ok()?;
    Some(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn stop_signal() -> Option<impl std::future::Future<Output = ()>> {
    Some(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

async fn serve_until_signal(server: Arc<Server>, listener: tokio::net::TcpListener) -> u8 {
    let Some(stop) = stop_signal() else {
        say!("versus: cannot watch for signals");
        return 1;
    };
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, peer)) => accept(&server, tcp, peer),
                Err(e) => {
                    // Out of descriptors and the like: wait, keep serving.
                    say!("versus serve: accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    }
    drop(listener);
    say!(
        "versus serve: stopping; telling {} reader(s)",
        server.readers()
    );
    server.shutdown();
    let clean = server
        .drained(limits::SHUTDOWN_GRACE + Duration::from_secs(2))
        .await;
    if !clean {
        say!(
            "versus serve: {} connection(s) still open at exit",
            server.connections()
        );
    }
    0
}

/// Takes a new TCP connection, or drops it when a limit says no.
fn accept(server: &Arc<Server>, tcp: tokio::net::TcpStream, peer: SocketAddr) {
    let ip = peer.ip();
    let open = server.connections.load(Ordering::SeqCst);
    if open >= server.limits.max_sessions + limits::MAX_HANDSHAKES {
        say!("versus serve: {peer} refused: {open} connections open");
        return;
    }
    if let Err(why) = server.per_ip.admit(ip, &server.limits, Instant::now()) {
        let why = match why {
            limits::Refused::TooManyOpen => "too many connections from this address",
            limits::Refused::TooManyAttempts => "too many attempts per minute from this address",
        };
        say!("versus serve: {peer} refused: {why}");
        return;
    }
    server.connections.fetch_add(1, Ordering::SeqCst);
    // A clone of the socket, to close it under a connection whose writes
    // block (russh waits for them).
    let (tcp, socket) = match tcp
        .into_std()
        .and_then(|s| Ok((s.try_clone()?, s)))
        .and_then(|(clone, s)| Ok((tokio::net::TcpStream::from_std(s)?, clone)))
    {
        Ok(pair) => pair,
        Err(e) => {
            say!("versus serve: {peer}: {e}");
            server.connections.fetch_sub(1, Ordering::SeqCst);
            server.per_ip.release(ip);
            return;
        }
    };
    let server = server.clone();
    tokio::spawn(async move {
        let s = server.clone();
        server.connection(tcp, Some(peer), Some(socket)).await;
        s.connections.fetch_sub(1, Ordering::SeqCst);
        s.per_ip.release(ip);
    });
}
