//! Runs the real binary in a pseudo-terminal and parses its screen with vt100.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

pub struct Pty {
    pub master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    /// While true, nothing is read from the terminal: the program's writes
    /// block once the pty's buffer is full (a stalled link).
    #[allow(dead_code)]
    pub paused: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

pub const TIMEOUT: Duration = Duration::from_secs(10);

impl Pty {
    /// Starts `versus` with `args` at `cols`x`rows`, TERM=xterm-256color and a UTF-8 locale,
    /// plus `env` on top.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Self::spawn_cmd(env!("CARGO_BIN_EXE_versus"), args, cols, rows, env)
    }

    pub fn spawn_cmd(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("LC_ALL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        let paused = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let pause = paused.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                while pause.load(std::sync::atomic::Ordering::Acquire) {
                    std::thread::sleep(Duration::from_millis(5));
                }
                let Ok(n) = reader.read(&mut buf) else {
                    break;
                };
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            master: pair.master,
            child,
            writer,
            rx,
            parser: vt100::Parser::new(
                std::num::NonZero::new(rows).unwrap(),
                std::num::NonZero::new(cols).unwrap(),
                0,
            ),
            raw: Vec::new(),
            paused,
        }
    }

    /// Stops or resumes reading what the program writes.
    #[allow(dead_code)]
    pub fn pause(&self, on: bool) {
        self.paused.store(on, std::sync::atomic::Ordering::Release);
    }

    /// Runs a shell command line in the pty (for pipelines).
    pub fn spawn_sh(cmdline: &str, cols: u16, rows: u16) -> Pty {
        Self::spawn_cmd("sh", &["-c", cmdline], cols, rows, &[])
    }

    /// Reads whatever arrives within `wait`.
    pub fn pump(&mut self, wait: Duration) {
        let deadline = Instant::now() + wait;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => break,
            }
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `text`; panics with the screen when it never does.
    pub fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if !self.screen().contains(text) {
                return;
            }
            self.pump(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {text:?} to go; screen:\n{}",
            self.screen()
        );
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser.screen_mut().set_size(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
        );
    }

    #[allow(unsafe_code)]
    pub fn signal(&mut self, sig: i32) {
        let pid = self.child.process_id().expect("pid") as i32;
        // SAFETY: kill takes two integers and touches no memory of ours.
        unsafe {
            libc::kill(pid, sig);
        }
    }

    /// Waits for the process to end, collecting the rest of its output; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.pump(Duration::from_millis(30));
            if let Some(status) = self.child.try_wait().unwrap() {
                self.pump(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "process did not exit; screen:\n{}",
                self.screen()
            );
        }
    }

    /// Asserts the terminal is back to normal: main screen, cursor shown,
    /// mouse reporting off, and the line discipline cooked again.
    #[allow(unsafe_code)]
    pub fn assert_restored(&self) {
        let s = self.parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture still on"
        );
        if let Some(fd) = self.master.as_raw_fd() {
            // SAFETY: termios is plain integers (all-zero is valid), and
            // tcgetattr writes only into the struct passed.
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
            assert!(
                t.c_lflag & libc::ICANON != 0,
                "raw mode still on (no ICANON)"
            );
            assert!(t.c_lflag & libc::ECHO != 0, "raw mode still on (no ECHO)");
        }
    }
}
