//! `versus serve` in process: a russh client talks to the server over
//! `tokio::io::duplex`. The reader's screen (vt100) equals a local render
//! of the same keys; what a reader may not do is refused; the limits hold.

use russh::client;
use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use russh::{Channel, ChannelMsg};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::timeout;
use versus::app::Options;
use versus::article;
use versus::serve::limits::Limits;
use versus::serve::{Access, Content, Record, Server};
use versus::session::{Session, Shared, Terminal};

#[path = "support/vt.rs"]
mod vt;

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn key() -> PrivateKey {
    PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap()
}

fn server(access: Access, limits: Limits) -> Arc<Server> {
    Server::new(Content::new(article::bundled()), access, limits, key())
}

/// A connection to `server`; its log record comes from the join handle.
async fn connect(
    server: &Arc<Server>,
) -> (client::Handle<Client>, tokio::task::JoinHandle<Record>) {
    let (a, b) = tokio::io::duplex(1 << 16);
    let peer = "127.0.0.1:40000".parse().ok();
    let conn = tokio::spawn(server.clone().connection(a, peer, None));
    let config = Arc::new(client::Config::default());
    let h = client::connect_stream(config, b, Client).await.unwrap();
    (h, conn)
}

async fn anon(server: &Arc<Server>) -> (client::Handle<Client>, tokio::task::JoinHandle<Record>) {
    let (mut h, conn) = connect(server).await;
    assert!(h.authenticate_none("anon").await.unwrap().success());
    (h, conn)
}

fn utf8_xterm() -> Terminal {
    Terminal::from_env(|k| match k {
        "TERM" => Some("xterm-256color".into()),
        "LANG" => Some("C.UTF-8".into()),
        _ => None,
    })
}

/// Opens a reader's channel: environment, pty, shell.
async fn reader(h: &client::Handle<Client>, w: u32, rows: u32) -> Channel<client::Msg> {
    let ch = h.channel_open_session().await.unwrap();
    ch.set_env(true, "LANG", "C.UTF-8").await.unwrap();
    ch.request_pty(true, "xterm-256color", w, rows, 0, 0, &[])
        .await
        .unwrap();
    ch.request_shell(true).await.unwrap();
    ch
}

/// What came on the channel until it was quiet for `quiet` after its first
/// data (which may take up to 10 s on a loaded machine): the data, and
/// whether the channel closed.
async fn drain(ch: &mut Channel<client::Msg>, quiet: Duration) -> (Vec<u8>, bool) {
    let mut data: Vec<u8> = Vec::new();
    loop {
        let wait = if data.is_empty() {
            Duration::from_secs(10)
        } else {
            quiet
        };
        match timeout(wait, ch.wait()).await {
            Err(_) => return (data, false),
            Ok(None) | Ok(Some(ChannelMsg::Close)) => return (data, true),
            Ok(Some(ChannelMsg::Data { data: d })) => data.extend_from_slice(&d),
            Ok(Some(_)) => {}
        }
    }
}

/// Data until the channel closes (at most 10 s).
async fn until_closed(ch: &mut Channel<client::Msg>) -> Vec<u8> {
    let (data, closed) = drain(ch, Duration::from_secs(10)).await;
    assert!(
        closed,
        "channel still open; got {:?}",
        String::from_utf8_lossy(&data)
    );
    data
}

fn local(w: u16, h: u16) -> Session {
    let shared = Shared::new(article::bundled());
    let mut s = Session::new(&shared, w, h, utf8_xterm(), &Options::default());
    while s.has_work() {
        s.work();
    }
    s
}

#[tokio::test]
async fn first_frame_keys_resize_and_quit_match_a_local_session() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h, conn) = anon(&srv).await;
    let mut ch = reader(&h, 80, 24).await;
    let mut vt = vt::parser(80, 24);
    let mut want = local(80, 24);

    let (first, _) = drain(&mut ch, Duration::from_millis(400)).await;
    assert!(first.starts_with(utf8_xterm().enter_seq().as_bytes()));
    vt.process(&first);
    vt::assert_same(vt.screen(), &vt::render(want.app().unwrap()), "first frame");

    ch.data(&b"jjj"[..]).await.unwrap();
    want.feed(b"jjj");
    let (moved, _) = drain(&mut ch, Duration::from_millis(300)).await;
    assert!(!moved.is_empty());
    vt.process(&moved);
    vt::assert_same(vt.screen(), &vt::render(want.app().unwrap()), "after jjj");

    ch.window_change(100, 30, 0, 0).await.unwrap();
    want.resize(100, 30);
    let (resized, _) = drain(&mut ch, Duration::from_millis(300)).await;
    vt.screen_mut().set_size(
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
    );
    vt.process(&resized);
    vt::assert_same(
        vt.screen(),
        &vt::render(want.app().unwrap()),
        "after resize",
    );

    ch.data(&b"q"[..]).await.unwrap();
    let bye = until_closed(&mut ch).await;
    assert!(bye.ends_with(utf8_xterm().leave_seq().as_bytes()));
    drop(h);
    let rec = timeout(Duration::from_secs(5), conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.end.as_deref(), Some("quit"));
    assert_eq!(rec.user, "anon");
    assert_eq!(rec.term, "xterm-256color");
    assert_eq!(rec.size, (100, 30));
    assert_eq!(rec.bytes_in, 4);
    assert!(rec.bytes_out > 1000);
    assert!(srv.drained(Duration::from_secs(2)).await);
    assert_eq!(srv.readers(), 0);
}

#[tokio::test]
async fn a_shell_without_a_pty_gets_one_line_and_is_closed() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h, _conn) = anon(&srv).await;
    let mut ch = h.channel_open_session().await.unwrap();
    ch.request_shell(true).await.unwrap();
    let out = until_closed(&mut ch).await;
    assert_eq!(
        String::from_utf8_lossy(&out),
        "versus serve needs a terminal: ssh -t ...\r\n"
    );
    assert_eq!(srv.readers(), 0);
}

/// The reply to a request made with want_reply.
async fn reply(ch: &mut Channel<client::Msg>) -> ChannelMsg {
    loop {
        match timeout(Duration::from_secs(5), ch.wait()).await.unwrap() {
            Some(m @ (ChannelMsg::Success | ChannelMsg::Failure)) => return m,
            Some(ChannelMsg::Close) | None => panic!("closed before a reply"),
            Some(_) => {}
        }
    }
}

#[tokio::test]
async fn exec_subsystem_env_agent_x11_and_forwarding_are_refused() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h, _conn) = anon(&srv).await;
    let mut ch = h.channel_open_session().await.unwrap();
    ch.exec(true, "cat /etc/passwd").await.unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Failure));
    ch.request_subsystem(true, "sftp").await.unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Failure));
    ch.set_env(true, "LD_PRELOAD", "/tmp/x.so").await.unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Failure));
    ch.set_env(true, "LC_ALL", "C.UTF-8").await.unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Success));
    ch.agent_forward(true).await.unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Failure));
    ch.request_x11(true, false, "MIT-MAGIC-COOKIE-1", "00", 0)
        .await
        .unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Failure));
    // A second session channel on the same connection.
    assert!(h.channel_open_session().await.is_err());
    assert!(
        h.channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
            .await
            .is_err()
    );
    assert!(h.tcpip_forward("127.0.0.1", 0).await.is_err());
    // The channel still works as a reader's after all that.
    ch.request_pty(true, "xterm", 80, 24, 0, 0, &[])
        .await
        .unwrap();
    assert!(matches!(reply(&mut ch).await, ChannelMsg::Success));
    ch.request_shell(true).await.unwrap();
    let (frame, closed) = drain(&mut ch, Duration::from_millis(400)).await;
    assert!(!closed && frame.starts_with(utf8_xterm().enter_seq().as_bytes()));
}

#[tokio::test]
async fn only_listed_keys_get_in_with_authorized_keys() {
    let listed = key();
    let other = key();
    let srv = server(
        Access::Keys(vec![listed.public_key().clone()]),
        Limits::default(),
    );
    let (mut h, _c) = connect(&srv).await;
    assert!(!h.authenticate_none("anon").await.unwrap().success());
    assert!(
        !h.authenticate_password("anon", "guess")
            .await
            .unwrap()
            .success()
    );
    let k = PrivateKeyWithHashAlg::new(Arc::new(other), None);
    assert!(!h.authenticate_publickey("anon", k).await.unwrap().success());
    let k = PrivateKeyWithHashAlg::new(Arc::new(listed), None);
    assert!(
        h.authenticate_publickey("reader", k)
            .await
            .unwrap()
            .success()
    );
    let mut ch = reader(&h, 80, 24).await;
    let (frame, _) = drain(&mut ch, Duration::from_millis(400)).await;
    assert!(frame.starts_with(utf8_xterm().enter_seq().as_bytes()));
}

#[tokio::test]
async fn over_the_cap_a_reader_is_told_and_closed() {
    let limits = Limits {
        max_sessions: 1,
        ..Limits::default()
    };
    let srv = server(Access::Anonymous, limits);
    let (h1, _c1) = anon(&srv).await;
    let mut first = reader(&h1, 80, 24).await;
    let (frame, _) = drain(&mut first, Duration::from_millis(300)).await;
    assert!(!frame.is_empty());
    assert_eq!(srv.readers(), 1);

    let (h2, c2) = anon(&srv).await;
    let mut second = reader(&h2, 80, 24).await;
    let out = until_closed(&mut second).await;
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("all 1 reader places are taken"), "{text}");
    drop(h2);
    let rec = timeout(Duration::from_secs(5), c2).await.unwrap().unwrap();
    assert_eq!(rec.end.as_deref(), Some("refused: over the cap"));

    // The first reader leaves; the place is free again.
    first.data(&b"q"[..]).await.unwrap();
    until_closed(&mut first).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(srv.readers(), 0);
}

#[tokio::test]
async fn a_huge_pty_is_clamped() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h, conn) = anon(&srv).await;
    let mut ch = reader(&h, 65535, 65535).await;
    let (frame, closed) = drain(&mut ch, Duration::from_millis(500)).await;
    assert!(!closed);
    let mut vt = vt::parser(500, 300);
    vt.process(&frame);
    let want = local(500, 300);
    vt::assert_same(
        vt.screen(),
        &vt::render(want.app().unwrap()),
        "clamped to 500x300",
    );
    ch.window_change(u32::MAX, u32::MAX, 0, 0).await.unwrap();
    ch.data(&b"q"[..]).await.unwrap();
    until_closed(&mut ch).await;
    drop(h);
    let rec = timeout(Duration::from_secs(5), conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.size, (500, 300));
}

#[tokio::test]
async fn garbage_input_leaves_the_server_serving() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h, conn) = anon(&srv).await;
    let mut ch = reader(&h, 80, 24).await;
    drain(&mut ch, Duration::from_millis(300)).await;
    // A fixed pseudo-random stream (xorshift), with no `q` and no Ctrl-C
    // so that it does not simply quit.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut junk = Vec::new();
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let b = (x >> 24) as u8;
        if b != b'q' && b != 3 {
            junk.push(b);
        }
    }
    for chunk in junk.chunks(997) {
        ch.data(chunk).await.unwrap();
    }
    let (_, closed) = drain(&mut ch, Duration::from_millis(500)).await;
    if !closed {
        // Whatever state it is in, Esc and q leave.
        ch.data(&b"\x1b"[..]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(120)).await;
        ch.data(&b"\x1bq"[..]).await.unwrap();
        drain(&mut ch, Duration::from_millis(300)).await;
    }
    drop(ch);
    drop(h);
    let rec = timeout(Duration::from_secs(5), conn)
        .await
        .unwrap()
        .unwrap();
    assert!(rec.end.as_deref() != Some("internal error (panic)"));
    // A new reader gets a first frame.
    let (h, _c) = anon(&srv).await;
    let mut ch = reader(&h, 80, 24).await;
    let (frame, _) = drain(&mut ch, Duration::from_millis(400)).await;
    assert!(frame.starts_with(utf8_xterm().enter_seq().as_bytes()));
}

#[tokio::test]
async fn an_idle_reader_is_told_and_closed() {
    let limits = Limits {
        idle_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let srv = server(Access::Anonymous, limits);
    let (h, conn) = anon(&srv).await;
    let mut ch = reader(&h, 80, 24).await;
    let out = until_closed(&mut ch).await;
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("closed after 300ms idle"), "{text}");
    drop(h);
    let rec = timeout(Duration::from_secs(5), conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.end.as_deref(), Some("idle timeout"));
}

#[tokio::test]
async fn a_lone_esc_is_read_after_a_pause() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h, _conn) = anon(&srv).await;
    let mut ch = reader(&h, 80, 24).await;
    drain(&mut ch, Duration::from_millis(300)).await;
    // `?` opens the help; a lone Esc, with nothing after it, closes it.
    ch.data(&b"?"[..]).await.unwrap();
    let (help, _) = drain(&mut ch, Duration::from_millis(300)).await;
    assert!(!help.is_empty());
    ch.data(&b"\x1b"[..]).await.unwrap();
    let (closed_help, _) = drain(&mut ch, Duration::from_millis(400)).await;
    assert!(!closed_help.is_empty(), "the lone ESC was never read");
    let mut want = local(80, 24);
    want.feed(b"?");
    want.feed(b"\x1b");
    want.flush_input();
    let mut vt = vt::parser(80, 24);
    // Replay everything the reader saw, from a fresh connection's frame.
    let (h2, _c2) = anon(&srv).await;
    let mut ch2 = reader(&h2, 80, 24).await;
    let (first, _) = drain(&mut ch2, Duration::from_millis(300)).await;
    vt.process(&first);
    vt.process(&help);
    vt.process(&closed_help);
    vt::assert_same(
        vt.screen(),
        &vt::render(want.app().unwrap()),
        "help closed by Esc",
    );
}

#[tokio::test]
async fn shutdown_tells_every_reader_and_closes() {
    let srv = server(Access::Anonymous, Limits::default());
    let (h1, _c1) = anon(&srv).await;
    let (h2, _c2) = anon(&srv).await;
    let mut a = reader(&h1, 80, 24).await;
    let mut b = reader(&h2, 80, 24).await;
    drain(&mut a, Duration::from_millis(300)).await;
    drain(&mut b, Duration::from_millis(300)).await;
    srv.shutdown();
    for ch in [&mut a, &mut b] {
        let out = until_closed(ch).await;
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("the server is stopping"), "{text}");
        assert!(out.starts_with(utf8_xterm().leave_seq().as_bytes()));
    }
    assert!(srv.drained(Duration::from_secs(5)).await);
}

#[tokio::test]
async fn a_connection_that_never_opens_a_session_is_closed() {
    let limits = Limits {
        handshake_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let srv = server(Access::Anonymous, limits);
    let (_h, conn) = anon(&srv).await;
    let rec = timeout(Duration::from_secs(5), conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        rec.end.as_deref(),
        Some("no session within the handshake timeout")
    );
}

#[tokio::test]
async fn a_reader_who_never_reads_is_dropped() {
    let limits = Limits {
        write_stall: Duration::from_millis(300),
        ..Limits::default()
    };
    let srv = server(Access::Anonymous, limits);
    let (h, conn) = anon(&srv).await;
    // The channel is never read: its queue fills, then the client stops
    // reading the connection, then the server's writes wait.
    let ch = reader(&h, 200, 60).await;
    let resizing = tokio::spawn(async move {
        for i in 0..5000u32 {
            let w = 150 + (i % 50);
            if timeout(Duration::from_millis(200), ch.window_change(w, 60, 0, 0))
                .await
                .is_err()
            {
                break;
            }
        }
        ch
    });
    let rec = timeout(Duration::from_secs(20), conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.end.as_deref(), Some(versus::serve::STALLED));
    // The reader had been sent frames before it stopped reading.
    assert!(rec.bytes_out > 100_000, "{rec:?}");
    assert_eq!(srv.readers(), 0);
    assert_eq!(srv.connections(), 0);
    resizing.abort();
}

#[tokio::test]
async fn a_session_ends_at_the_length_limit_even_while_reading() {
    let limits = Limits {
        max_session: Duration::from_millis(400),
        ..Limits::default()
    };
    let srv = server(Access::Anonymous, limits);
    let (h, conn) = anon(&srv).await;
    let mut ch = reader(&h, 80, 24).await;
    let mut seen = Vec::new();
    let mut closed = false;
    // A key every 50 ms: never idle, yet closed at the limit.
    for _ in 0..100 {
        if ch.data(&b"j"[..]).await.is_err() {
            break;
        }
        let (d, c) = drain(&mut ch, Duration::from_millis(50)).await;
        seen.extend_from_slice(&d);
        if c {
            closed = true;
            break;
        }
    }
    assert!(closed, "not closed at the session length limit");
    let text = String::from_utf8_lossy(&seen);
    assert!(text.contains("the longest session"), "{text}");
    drop(h);
    let rec = timeout(Duration::from_secs(5), conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rec.end.as_deref(), Some("session length limit"));
}

/// A folder served is a library: the reader sees its list first, opens an
/// article, goes back; a second reader shares the rows and has their own
/// cursor.
#[tokio::test]
async fn a_folder_is_served_as_a_library() {
    let dir = std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/library"
    ));
    let (content, note) = Content::from_paths(&[dir]).unwrap();
    assert!(note.unwrap().contains("7 files (3 comparisons)"));
    let srv = Server::new(content, Access::Anonymous, Limits::default(), key());
    let (h, _conn) = anon(&srv).await;
    let mut ch = reader(&h, 100, 30).await;
    let mut vt = vt::parser(100, 30);
    let (first, _) = drain(&mut ch, Duration::from_millis(400)).await;
    vt.process(&first);
    let screen = vt.screen().contents();
    assert!(screen.contains("library 1/7"), "{screen}");
    assert!(screen.contains("Hugo vs Jekyll"), "{screen}");
    // j, Enter: the second row's article.
    ch.data(&b"j\r"[..]).await.unwrap();
    let (opened, _) = drain(&mut ch, Duration::from_millis(400)).await;
    vt.process(&opened);
    let screen = vt.screen().contents();
    assert!(screen.contains("Ruby all the way"), "{screen}");
    ch.data(&b"0"[..]).await.unwrap();
    let (back, _) = drain(&mut ch, Duration::from_millis(400)).await;
    vt.process(&back);
    assert!(vt.screen().contents().contains("library 2/7"));
    // A second reader starts at the top of the same list.
    let (h2, _conn2) = anon(&srv).await;
    let mut ch2 = reader(&h2, 100, 30).await;
    let mut vt2 = vt::parser(100, 30);
    let (first2, _) = drain(&mut ch2, Duration::from_millis(400)).await;
    vt2.process(&first2);
    assert!(vt2.screen().contents().contains("library 1/7"));
}
