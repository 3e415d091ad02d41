//! russh's callbacks for one connection: who gets in, what is refused, and
//! the pty, environment and input of the one reader channel.

use super::reader::{self, Input};
use super::{Access, Conn, Server, limits};
use crate::session::Terminal;
use russh::server::{Auth, ChannelOpenHandle, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Pty};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::mpsc;

pub(super) struct Handler {
    server: Arc<Server>,
    conn: Arc<Conn>,
    /// The one session channel a connection may open, until its shell.
    channel: Option<(ChannelId, Option<Channel<Msg>>)>,
    pty: Option<(u16, u16)>,
    env: Vec<(String, String)>,
    /// Input and resizes to the reader's task, once it runs.
    input: Option<mpsc::Sender<Input>>,
    bucket: limits::Bucket,
}

/// Environment variables a reader may set: the terminal and the locale.
fn env_allowed(name: &str) -> bool {
    name == "TERM" || name == "LANG" || name.starts_with("LC_")
}

impl Handler {
    pub(super) fn new(server: Arc<Server>, conn: Arc<Conn>) -> Handler {
        Handler {
            server,
            conn,
            channel: None,
            pty: None,
            env: Vec::new(),
            input: None,
            bucket: limits::Bucket::new(limits::INPUT_BYTES_PER_SEC, Instant::now()),
        }
    }

    fn is_ours(&self, channel: ChannelId) -> bool {
        self.channel.as_ref().is_some_and(|(id, _)| *id == channel)
    }

    fn accept_user(&mut self, user: &str) -> Auth {
        let mut r = self.conn.record();
        r.user = user.chars().take(64).collect();
        Auth::Accept
    }

    fn reject() -> Auth {
        Auth::Reject {
            proceed_with_methods: None,
            partial_success: false,
        }
    }

    /// Writes a line to the reader and closes the channel.
    fn refuse_with(&mut self, channel: ChannelId, line: &str, session: &mut Session) {
        self.conn
            .started
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let bytes = format!("{line}\r\n").into_bytes();
        self.conn.record().bytes_out += bytes.len() as u64;
        let _ = session.data(channel, bytes);
        let _ = session.exit_status_request(channel, 1);
        let _ = session.eof(channel);
        let _ = session.close(channel);
        self.conn.kill.notify_one();
    }
}

impl russh::server::Handler for Handler {
    type Error = russh::Error;

    async fn auth_none(&mut self, user: &str) -> Result<Auth, Self::Error> {
        Ok(match self.server.access {
            Access::Anonymous => self.accept_user(user),
            Access::Keys(_) => Self::reject(),
        })
    }

    async fn auth_password(&mut self, user: &str, _password: &str) -> Result<Auth, Self::Error> {
        Ok(match self.server.access {
            Access::Anonymous => self.accept_user(user),
            Access::Keys(_) => Self::reject(),
        })
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        _response: Option<russh::server::Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        Ok(match self.server.access {
            Access::Anonymous => self.accept_user(user),
            Access::Keys(_) => Self::reject(),
        })
    }

    async fn auth_publickey_offered(
        &mut self,
        _user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.server.access.allows(offer.public_key) {
            Auth::Accept
        } else {
            Self::reject()
        })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(if self.server.access.allows(key.public_key) {
            self.accept_user(user)
        } else {
            Self::reject()
        })
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // One reader channel per connection; a second is refused (the
        // dropped handle says "administratively prohibited").
        if self.channel.is_some() {
            drop(reply);
            return Ok(());
        }
        self.channel = Some((channel.id(), Some(channel)));
        reply.accept().await;
        Ok(())
    }

    // Forwarding of any kind: refused (dropping the handle refuses).
    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from: &str,
        _from_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        drop(reply);
        Ok(())
    }

    async fn channel_open_direct_streamlocal(
        &mut self,
        _channel: Channel<Msg>,
        _path: &str,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        drop(reply);
        Ok(())
    }

    async fn channel_open_x11(
        &mut self,
        _channel: Channel<Msg>,
        _from: &str,
        _from_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        drop(reply);
        Ok(())
    }

    async fn channel_open_forwarded_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from: &str,
        _from_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        drop(reply);
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn streamlocal_forward(
        &mut self,
        _path: &str,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn agent_request(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _command: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.conn.record().end("refused: exec");
        session.channel_failure(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.conn.record().end("refused: subsystem");
        session.channel_failure(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_ours(channel)
            && self.input.is_none()
            && env_allowed(name)
            && value.len() <= limits::MAX_ENV_VALUE
            && self.env.len() < limits::MAX_ENV
        {
            self.env.retain(|(n, _)| n != name);
            self.env.push((name.to_string(), value.to_string()));
            session.channel_success(channel)
        } else {
            session.channel_failure(channel)
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        cols: u32,
        rows: u32,
        _pix_w: u32,
        _pix_h: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_ours(channel) || self.input.is_some() {
            return session.channel_failure(channel);
        }
        let size = limits::clamp_size(cols, rows);
        self.pty = Some(size);
        let term: String = term.chars().take(limits::MAX_ENV_VALUE).collect();
        {
            let mut r = self.conn.record();
            r.term = term.clone();
            r.size = size;
        }
        self.env.retain(|(n, _)| n != "TERM");
        self.env.push(("TERM".into(), term));
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some((_, slot)) = self.channel.as_mut().filter(|(id, _)| *id == channel) else {
            return session.channel_failure(channel);
        };
        let Some(ch) = slot.take() else {
            // A second shell on the same channel.
            return session.channel_failure(channel);
        };
        session.channel_success(channel)?;
        let Some((w, h)) = self.pty else {
            self.conn.record().end("refused: no pty");
            self.refuse_with(
                channel,
                "versus serve needs a terminal: ssh -t ...",
                session,
            );
            return Ok(());
        };
        let Ok(permit) = self.server.sessions.clone().try_acquire_owned() else {
            self.conn.record().end("refused: over the cap");
            let line = format!(
                "versus serve: all {} reader places are taken; try again in a few minutes.",
                self.server.limits.max_sessions
            );
            self.refuse_with(channel, &line, session);
            return Ok(());
        };
        let env = std::mem::take(&mut self.env);
        let terminal =
            Terminal::from_env(|k| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()));
        self.conn
            .started
            .store(true, std::sync::atomic::Ordering::SeqCst);
        let (tx, rx) = mpsc::channel(limits::INPUT_QUEUE);
        self.input = Some(tx);
        reader::spawn(reader::Reader {
            server: self.server.clone(),
            conn: self.conn.clone(),
            channel: ch,
            input: rx,
            size: (w, h),
            terminal,
            permit,
        });
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_w: u32,
        _pix_h: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_ours(channel) {
            return Ok(());
        }
        let size = limits::clamp_size(cols, rows);
        self.pty = Some(size);
        self.conn.record().size = size;
        if let Some(tx) = &self.input {
            // A resize lost to a full queue is made up by the next one.
            let _ = tx.try_send(Input::Resize(size.0, size.1));
        }
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if !self.is_ours(channel) {
            return Ok(());
        }
        self.conn.record().bytes_in += data.len() as u64;
        let Some(tx) = &self.input else {
            // Typed before the shell started: nothing reads it yet.
            return Ok(());
        };
        // Past the input rate, this connection is read more slowly: the
        // reader's SSH client holds what it could not send.
        let wait = self.bucket.take(data.len(), Instant::now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        // Never wait here for the reader's task: it may itself be waiting
        // for this connection to take a window adjustment. A full queue
        // means the reader is not reading their screen; their keys are lost.
        let _ = tx.try_send(Input::Bytes(data.to_vec()));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_ours(channel) {
            self.input = None;
        }
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.is_ours(channel) {
            self.input = None;
        }
        Ok(())
    }
}
