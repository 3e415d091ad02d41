//! The task that owns one reader's [`Session`]: input in, frames out, the
//! app's work in slices between keys, and the timers (a lone ESC, idle,
//! session length, shutdown).

use super::{Conn, Server, limits};
use crate::session::{Session, Terminal};
use russh::server::Msg;
use russh::{Channel, ChannelWriteHalf};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, mpsc};
use tokio::time::{Instant, sleep, sleep_until, timeout};

/// What the connection's handler passes to the reader's task, in order.
pub(super) enum Input {
    Bytes(Vec<u8>),
    Resize(u16, u16),
}

pub(super) struct Reader {
    pub server: Arc<Server>,
    pub conn: Arc<Conn>,
    pub channel: Channel<Msg>,
    pub input: mpsc::Receiver<Input>,
    pub size: (u16, u16),
    pub terminal: Terminal,
    /// One of the `--max-sessions` places, given back when the task ends.
    pub permit: OwnedSemaphorePermit,
}

pub(super) fn spawn(r: Reader) {
    tokio::spawn(r.run());
}

/// How a reader's session ended.
enum End {
    Quit,
    Gone,
    Idle,
    TooLong,
    Shutdown,
    Stalled,
    Panicked,
}

impl Reader {
    async fn run(self) {
        let Reader {
            server,
            conn,
            channel,
            mut input,
            size,
            terminal,
            permit,
        } = self;
        // The read half is not used: the handler gets every message.
        let (_, write) = channel.split();
        let mut shutdown = server.shutdown.subscribe();
        // What puts this reader's terminal back, for a goodbye line.
        let leave = terminal.leave_seq();
        let end = match catch_unwind(AssertUnwindSafe(|| {
            server.content.open(size.0, size.1, terminal)
        })) {
            Err(_) => End::Panicked,
            Ok(mut session) => {
                let started = Instant::now();
                let max_end = started + server.limits.max_session;
                let idle = server.limits.idle_timeout;
                let mut last_input = started;
                let out = session.take_output();
                let stall = server.limits.write_stall;
                if send(&write, &conn, out, stall).await {
                    loop {
                        let step = tokio::select! {
                            biased;
                            _ = super::stopping(&mut shutdown) => Err(End::Shutdown),
                            msg = input.recv() => match msg {
                                None => Err(End::Gone),
                                Some(first) => {
                                    last_input = Instant::now();
                                    apply_batch(&mut session, first, &mut input)
                                }
                            },
                            _ = sleep(limits::ESC_DELAY), if session.input_pending() => {
                                guarded(|| session.flush_input())
                            }
                            _ = std::future::ready(()), if session.has_work() => {
                                let r = guarded(|| session.work());
                                // Let other readers' tasks run between slices.
                                tokio::task::yield_now().await;
                                r
                            }
                            _ = sleep_until(last_input + idle) => Err(End::Idle),
                            _ = sleep_until(max_end) => Err(End::TooLong),
                        };
                        if let Err(end) = step {
                            break end;
                        }
                        let out = session.take_output();
                        if !send(&write, &conn, out, stall).await {
                            break End::Stalled;
                        }
                        if session.wants_quit() {
                            break End::Quit;
                        }
                    }
                } else {
                    End::Stalled
                }
            }
        };
        let (why, line) = match end {
            End::Quit => ("quit", None),
            End::Gone => ("closed by the reader", None),
            End::Idle => (
                "idle timeout",
                Some(format!(
                    "versus serve: closed after {} idle.",
                    humantime::format_duration(server.limits.idle_timeout)
                )),
            ),
            End::TooLong => (
                "session length limit",
                Some(format!(
                    "versus serve: closed after {}, the longest session.",
                    humantime::format_duration(server.limits.max_session)
                )),
            ),
            End::Shutdown => (
                "server stopping",
                Some("versus serve: the server is stopping; goodbye.".to_string()),
            ),
            End::Stalled => (super::STALLED, None),
            End::Panicked => (
                "internal error (panic)",
                Some("versus serve: internal error; this session ended.".to_string()),
            ),
        };
        conn.record().end(why);
        conn.started
            .store(true, std::sync::atomic::Ordering::SeqCst);
        drop(permit);
        match end {
            End::Stalled | End::Gone => {}
            _ => {
                if let Some(line) = line {
                    // Put the reader's terminal back, then say why.
                    let bye = format!("{leave}{line}\r\n");
                    let _ = send(&write, &conn, bye.into_bytes(), Duration::from_secs(1)).await;
                }
                let _ = timeout(Duration::from_secs(1), close(&write)).await;
            }
        }
        conn.kill.notify_one();
    }
}

/// Feeds the input that came together as one batch (one frame for them all).
fn apply_batch(
    session: &mut Session,
    first: Input,
    rx: &mut mpsc::Receiver<Input>,
) -> Result<(), End> {
    let mut bytes = Vec::new();
    let mut next = Some(first);
    while let Some(msg) = next.take() {
        match msg {
            Input::Bytes(b) => bytes.extend_from_slice(&b),
            Input::Resize(w, h) => {
                if !bytes.is_empty() {
                    let b = std::mem::take(&mut bytes);
                    guarded(|| session.feed(&b))?;
                }
                guarded(|| session.resize(w, h))?;
            }
        }
        if bytes.len() < 64 * 1024 {
            next = rx.try_recv().ok();
        }
    }
    if !bytes.is_empty() {
        guarded(|| session.feed(&bytes))?;
    }
    Ok(())
}

/// Runs session code; a panic ends this session only.
fn guarded(f: impl FnOnce()) -> Result<(), End> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| End::Panicked)
}

/// Sends output, waiting for the reader's SSH window; false when the reader
/// has not taken it within `stall` ([`limits::WRITE_STALL`]) or the
/// channel is gone.
async fn send(write: &ChannelWriteHalf<Msg>, conn: &Conn, out: Vec<u8>, stall: Duration) -> bool {
    if out.is_empty() {
        return true;
    }
    let n = out.len() as u64;
    match timeout(stall, write.data_bytes(out)).await {
        Ok(Ok(())) => {
            conn.record().bytes_out += n;
            true
        }
        _ => false,
    }
}

async fn close(write: &ChannelWriteHalf<Msg>) {
    let _ = write.exit_status(0).await;
    let _ = write.eof().await;
    let _ = write.close().await;
}
