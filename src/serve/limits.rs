//! The limits that keep one reader, or a crowd, from hurting the others:
//! each a named constant (README's "Serve" section lists them), the ones an
//! operator may change gathered in [`Limits`].

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Readers at once (`--max-sessions`).
pub const MAX_SESSIONS: usize = 200;
/// Connections still shaking hands or authenticating, beyond the readers.
pub const MAX_HANDSHAKES: usize = 64;
/// Connections open at once from one address (`--max-per-ip`).
pub const PER_IP_CONNECTIONS: usize = 10;
/// New connections per minute from one address (`--attempts-per-minute`).
pub const PER_IP_ATTEMPTS_PER_MINUTE: usize = 30;
/// A reader who sends nothing for this long is closed (`--idle-timeout`).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// No session lasts longer (`--max-session`).
pub const MAX_SESSION: Duration = Duration::from_secs(8 * 3600);
/// The largest pty honoured: a bigger request is clamped (a 65535x65535
/// request would otherwise allocate gigabytes of screen buffers).
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 300;
/// Input bytes a reader may send per second (a burst of twice that); past
/// it the connection is read more slowly (SSH's flow control holds the rest
/// on the reader's side).
pub const INPUT_BYTES_PER_SEC: usize = 32 * 1024;
/// Input messages waiting for a session that is busy sending to a reader
/// who does not read; past it input is dropped.
pub const INPUT_QUEUE: usize = 32;
/// A reader whose terminal accepts no output for this long (a frame waits
/// for their window) is dropped: a reader who stops reading holds at most
/// one frame, SSH's channel window and the socket's buffers.
pub const WRITE_STALL: Duration = Duration::from_secs(20);
/// A lone ESC is the Esc key after this much silence.
pub const ESC_DELAY: Duration = Duration::from_millis(50);
/// On SIGTERM/SIGINT, readers are told and the server exits within this.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(3);
/// Authentication attempts per connection (russh's own limit).
pub const MAX_AUTH_ATTEMPTS: usize = 6;
/// A connection that has not finished the handshake and authentication in
/// this long is closed.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);
/// Environment variables kept per channel, and their value's length.
pub const MAX_ENV: usize = 16;
pub const MAX_ENV_VALUE: usize = 128;

/// The limits an operator may set on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    pub max_sessions: usize,
    pub per_ip_connections: usize,
    pub per_ip_attempts_per_minute: usize,
    pub idle_timeout: Duration,
    pub max_session: Duration,
    /// [`WRITE_STALL`] (shorter in tests).
    pub write_stall: Duration,
    /// [`HANDSHAKE_TIMEOUT`] (shorter in tests).
    pub handshake_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_sessions: MAX_SESSIONS,
            per_ip_connections: PER_IP_CONNECTIONS,
            per_ip_attempts_per_minute: PER_IP_ATTEMPTS_PER_MINUTE,
            idle_timeout: IDLE_TIMEOUT,
            max_session: MAX_SESSION,
            write_stall: WRITE_STALL,
            handshake_timeout: HANDSHAKE_TIMEOUT,
        }
    }
}

/// A pty size as the session will use it: at least 1x1, at most
/// [`MAX_COLS`] x [`MAX_ROWS`]; zero (a client that does not know) is 80x24.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let c = if cols == 0 {
        80
    } else {
        cols.min(u32::from(MAX_COLS))
    };
    let r = if rows == 0 {
        24
    } else {
        rows.min(u32::from(MAX_ROWS))
    };
    // Both are at most 500 here.
    (c as u16, r as u16)
}

/// Connections per address: how many are open and when the recent ones came.
#[derive(Default)]
pub struct PerIp {
    table: Mutex<HashMap<IpAddr, IpState>>,
}

#[derive(Default)]
struct IpState {
    open: usize,
    recent: VecDeque<Instant>,
}

/// Why a connection was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    TooManyOpen,
    TooManyAttempts,
}

impl PerIp {
    /// Counts a new connection from `ip`, or says why it is refused. A
    /// taken connection must be given back with [`PerIp::release`].
    pub fn admit(&self, ip: IpAddr, limits: &Limits, now: Instant) -> Result<(), Refused> {
        let mut t = self.table.lock().unwrap_or_else(|e| e.into_inner());
        let s = t.entry(ip).or_default();
        while s
            .recent
            .front()
            .is_some_and(|&at| now.duration_since(at) >= Duration::from_secs(60))
        {
            s.recent.pop_front();
        }
        if s.recent.len() >= limits.per_ip_attempts_per_minute {
            return Err(Refused::TooManyAttempts);
        }
        s.recent.push_back(now);
        if s.open >= limits.per_ip_connections {
            return Err(Refused::TooManyOpen);
        }
        s.open += 1;
        Ok(())
    }

    pub fn release(&self, ip: IpAddr) {
        let mut t = self.table.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = t.get_mut(&ip) {
            s.open = s.open.saturating_sub(1);
            if s.open == 0 && s.recent.is_empty() {
                t.remove(&ip);
            }
        }
        // Addresses that only have old attempts are forgotten now and then,
        // so the table holds only addresses seen in the last minute.
        if t.len() > 4096 {
            let now = Instant::now();
            t.retain(|_, s| {
                s.open > 0
                    || s.recent
                        .back()
                        .is_some_and(|&at| now.duration_since(at) < Duration::from_secs(60))
            });
        }
    }
}

/// A token bucket for input bytes.
pub struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    at: Instant,
}

impl Bucket {
    pub fn new(rate: usize, now: Instant) -> Bucket {
        Bucket {
            tokens: (2 * rate) as f64,
            rate: rate as f64,
            burst: (2 * rate) as f64,
            at: now,
        }
    }

    /// Takes `n` bytes; the wait before they may be read (zero while under
    /// the rate).
    pub fn take(&mut self, n: usize, now: Instant) -> Duration {
        let dt = now.saturating_duration_since(self.at).as_secs_f64();
        self.at = now;
        self.tokens = (self.tokens + dt * self.rate).min(self.burst) - n as f64;
        if self.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-self.tokens / self.rate)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_and_zero_sizes_are_clamped() {
        assert_eq!(clamp_size(65535, 65535), (MAX_COLS, MAX_ROWS));
        assert_eq!(clamp_size(u32::MAX, 10), (MAX_COLS, 10));
        assert_eq!(clamp_size(0, 0), (80, 24));
        assert_eq!(clamp_size(120, 40), (120, 40));
    }

    #[test]
    fn per_ip_counts_open_connections_and_attempts() {
        let limits = Limits {
            per_ip_connections: 2,
            per_ip_attempts_per_minute: 3,
            ..Limits::default()
        };
        let p = PerIp::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let other: IpAddr = "::1".parse().unwrap();
        let t0 = Instant::now();
        assert_eq!(p.admit(ip, &limits, t0), Ok(()));
        assert_eq!(p.admit(ip, &limits, t0), Ok(()));
        assert_eq!(p.admit(ip, &limits, t0), Err(Refused::TooManyOpen));
        assert_eq!(p.admit(other, &limits, t0), Ok(()));
        p.release(ip);
        assert_eq!(p.admit(ip, &limits, t0), Err(Refused::TooManyAttempts));
        // A minute later the attempts are forgotten.
        let t1 = t0 + Duration::from_secs(61);
        assert_eq!(p.admit(ip, &limits, t1), Ok(()));
    }

    #[test]
    fn bucket_allows_a_burst_then_the_rate() {
        let t0 = Instant::now();
        let mut b = Bucket::new(1000, t0);
        assert_eq!(b.take(2000, t0), Duration::ZERO);
        let wait = b.take(500, t0);
        assert!(wait >= Duration::from_millis(499) && wait <= Duration::from_millis(501));
        // A second later a second's worth is back.
        let t1 = t0 + Duration::from_secs(2);
        assert_eq!(b.take(400, t1), Duration::ZERO);
    }
}
