//! `cargo bench --bench serve [-- --sessions 100,1000] [-- --quick]`
//!
//! Readers at once against one `versus serve` (a child process on
//! loopback), each opened with russh's client at 80x24 and scrolling at a
//! human pace (a key every second, jittered by up to half a second). Prints
//! the server's memory per reader, CPU per key, the slowest key's latency
//! (key sent to the first byte of its frame, as the client sees it: the
//! clients share the machine's two cores with the server), bytes per key,
//! and the bytes and the server's wake-ups (context switches) while every
//! reader is idle. Then, when `sshd` can be started here, the first frame
//! through the real OpenSSH client against `ssh host less` (see
//! `first_frame_vs_less`); otherwise says it was skipped.

use rand::RngExt;
use russh::ChannelMsg;
use russh::client;
use russh::keys::PublicKeyOrCertificate;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::time::timeout;

#[allow(dead_code)]
#[path = "../tests/support/pty.rs"]
mod pty;

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

struct Server {
    child: Child,
    port: u16,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_server(n: usize) -> Server {
    let dir = std::env::temp_dir().join(format!("versus-bench-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cap = (n + 16).to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_versus"))
        .args(["serve", "--listen", "127.0.0.1:0", "--max-sessions", &cap])
        .args(["--max-per-ip", "100000", "--attempts-per-minute", "1000000"])
        .arg("--host-key")
        .arg(dir.join("host_ed25519"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("versus serve");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // The log is read to the end (one line per reader).
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let port = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("server start");
        if let Some(rest) = line.split("listening on 127.0.0.1:").nth(1) {
            break rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };
    Server { child, port, dir }
}

fn rss_kib(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// User + system CPU time of the process, in clock ticks (1/100 s).
fn cpu_ticks(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = s.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat; `after` starts at field 3.
    f.get(11).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
        + f.get(12).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0)
}

/// Context switches of every thread of the process: its wake-ups.
fn wakeups(pid: u32) -> u64 {
    let mut total = 0;
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            let s = std::fs::read_to_string(t.path().join("status")).unwrap_or_default();
            for l in s.lines() {
                if l.starts_with("voluntary_ctxt_switches:")
                    || l.starts_with("nonvoluntary_ctxt_switches:")
                {
                    total += l
                        .split_whitespace()
                        .nth(1)
                        .and_then(|v| v.parse::<u64>().ok())
                        .unwrap_or(0);
                }
            }
        }
    }
    total
}

/// What one reader measured.
#[derive(Default)]
struct Seen {
    keys: u64,
    key_bytes: u64,
    slowest: Duration,
    latencies: Vec<Duration>,
    idle_bytes: u64,
}

/// One reader: connect, first frame, then `Go` starts the scrolling and
/// `Idle` the idle phase.
async fn reader(
    port: u16,
    connected: tokio::sync::mpsc::Sender<()>,
    mut phase: tokio::sync::watch::Receiver<u8>,
    scroll_until: Arc<std::sync::Mutex<Option<tokio::time::Instant>>>,
) -> Option<Seen> {
    let config = Arc::new(client::Config {
        nodelay: true,
        ..client::Config::default()
    });
    let mut h = client::connect(config, ("127.0.0.1", port), Client)
        .await
        .ok()?;
    if !h.authenticate_none("bench").await.ok()?.success() {
        return None;
    }
    let mut ch = h.channel_open_session().await.ok()?;
    ch.set_env(false, "LANG", "C.UTF-8").await.ok()?;
    ch.request_pty(false, "xterm-256color", 80, 24, 0, 0, &[])
        .await
        .ok()?;
    ch.request_shell(false).await.ok()?;
    // The first frame: data until a quiet pause.
    let mut got = 0;
    loop {
        match timeout(
            Duration::from_millis(if got == 0 { 20_000 } else { 300 }),
            ch.wait(),
        )
        .await
        {
            Ok(Some(ChannelMsg::Data { data })) => got += data.len(),
            Ok(Some(_)) => {}
            Ok(None) => return None,
            Err(_) => break,
        }
    }
    let _ = connected.send(()).await;
    phase.wait_for(|p| *p >= 1).await.ok()?;
    let until = scroll_until.lock().unwrap().unwrap();
    let mut seen = Seen::default();
    let mut n = 0u32;
    loop {
        let pause = Duration::from_millis(rand::rng().random_range(500..1500));
        let at = tokio::time::Instant::now() + pause;
        if at >= until {
            break;
        }
        // Read whatever comes until the key is due.
        while let Ok(m) = tokio::time::timeout_at(at, ch.wait()).await {
            match m {
                Some(ChannelMsg::Data { data }) => seen.key_bytes += data.len() as u64,
                Some(_) => {}
                None => return Some(seen),
            }
        }
        // Mostly down, now and then up: a reader reading.
        let key: &[u8] = if n % 7 == 6 { b"k" } else { b"j" };
        n += 1;
        let sent = Instant::now();
        ch.data(key).await.ok()?;
        seen.keys += 1;
        loop {
            match timeout(Duration::from_secs(30), ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    let l = sent.elapsed();
                    seen.latencies.push(l);
                    seen.slowest = seen.slowest.max(l);
                    seen.key_bytes += data.len() as u64;
                    break;
                }
                Ok(Some(_)) => {}
                _ => return Some(seen),
            }
        }
    }
    // The rest of the last frame, then idle.
    while let Ok(Some(m)) = timeout(Duration::from_millis(300), ch.wait()).await {
        if let ChannelMsg::Data { data } = m {
            seen.key_bytes += data.len() as u64;
        }
    }
    phase.wait_for(|p| *p >= 2).await.ok()?;
    loop {
        tokio::select! {
            m = ch.wait() => match m {
                Some(ChannelMsg::Data { data }) => seen.idle_bytes += data.len() as u64,
                Some(_) => {}
                None => break,
            },
            _ = phase.wait_for(|p| *p >= 3) => break,
        }
    }
    let _ = ch.data(&b"q"[..]).await;
    drop(ch);
    let _ = h.disconnect(russh::Disconnect::ByApplication, "", "").await;
    Some(seen)
}

fn run(n: usize, scroll: Duration, idle: Duration) {
    let server = start_server(n);
    let pid = server.child.id();
    std::thread::sleep(Duration::from_millis(300));
    let rss0 = rss_kib(pid);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (ctx, mut crx) = tokio::sync::mpsc::channel(n + 1);
        let (phase, prx) = tokio::sync::watch::channel(0u8);
        let until = Arc::new(std::sync::Mutex::new(None));
        let t0 = Instant::now();
        let mut tasks = Vec::new();
        for i in 0..n {
            tasks.push(tokio::spawn(reader(
                server.port,
                ctx.clone(),
                prx.clone(),
                until.clone(),
            )));
            // Arrivals spread a little, as readers come.
            if i % 50 == 49 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        drop(ctx);
        let mut connected = 0;
        while connected < n {
            match timeout(Duration::from_secs(60), crx.recv()).await {
                Ok(Some(())) => connected += 1,
                _ => break,
            }
        }
        let took = t0.elapsed();
        tokio::time::sleep(Duration::from_millis(500)).await;
        let rss_n = rss_kib(pid);
        println!(
            "serve: {connected}/{n} readers at 80x24 connected in {:.1} s; server RSS {} MiB -> {} MiB: {:.0} KiB per reader",
            took.as_secs_f64(),
            rss0 / 1024,
            rss_n / 1024,
            (rss_n.saturating_sub(rss0)) as f64 / connected.max(1) as f64
        );
        *until.lock().unwrap() = Some(tokio::time::Instant::now() + scroll);
        let cpu0 = cpu_ticks(pid);
        phase.send(1).unwrap();
        tokio::time::sleep(scroll + Duration::from_millis(800)).await;
        let cpu1 = cpu_ticks(pid);
        let w0 = wakeups(pid);
        phase.send(2).unwrap();
        tokio::time::sleep(idle).await;
        let w1 = wakeups(pid);
        let cpu2 = cpu_ticks(pid);
        phase.send(3).unwrap();
        let mut all = Seen::default();
        let mut finished = 0;
        for t in tasks {
            if let Ok(Ok(Some(s))) = timeout(Duration::from_secs(30), t).await {
                finished += 1;
                all.keys += s.keys;
                all.key_bytes += s.key_bytes;
                all.idle_bytes += s.idle_bytes;
                all.slowest = all.slowest.max(s.slowest);
                all.latencies.extend(s.latencies);
            }
        }
        all.latencies.sort();
        let pct = |p: f64| {
            all.latencies
                .get(((all.latencies.len() as f64 - 1.0) * p) as usize)
                .copied()
                .unwrap_or_default()
        };
        let keys = all.keys.max(1);
        println!(
            "serve: {n} readers, {} keys in {:.0} s: server CPU {:.2} ms per key; latency p50 {:.1} ms, p99 {:.1} ms, slowest {:.1} ms; {:.0} bytes per key",
            all.keys,
            scroll.as_secs_f64(),
            (cpu1 - cpu0) as f64 * 10.0 / keys as f64,
            pct(0.5).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3,
            all.slowest.as_secs_f64() * 1e3,
            all.key_bytes as f64 / keys as f64
        );
        println!(
            "serve: {finished} readers idle for {:.0} s: {} bytes sent, {} server wake-ups, {} ticks of server CPU",
            idle.as_secs_f64(),
            all.idle_bytes,
            w1 - w0,
            cpu2 - cpu1
        );
    });
}

/// A free loopback port (bound, then let go).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Spawns `ssh` in a pty at 80x24 and returns how long until a full first
/// frame is on its screen (12 non-blank rows), then quits with `q`.
fn time_first_frame(args: &[&str]) -> Option<Duration> {
    let t0 = Instant::now();
    let mut p = pty::Pty::spawn_cmd("ssh", args, 80, 24, &[("LANG", "C.UTF-8")]);
    let deadline = t0 + Duration::from_secs(10);
    let took = loop {
        p.pump(Duration::from_millis(2));
        let rows = p
            .parser
            .screen()
            .rows(0, 80)
            .filter(|r| !r.trim().is_empty())
            .count();
        if rows >= 12 {
            break t0.elapsed();
        }
        if Instant::now() > deadline {
            eprintln!("no first frame; screen:\n{}", p.screen());
            let _ = p.child.kill();
            let _ = p.child.wait();
            return None;
        }
    };
    // `less` drops keys typed before it is ready: let it settle, then quit,
    // and end it if it did not.
    p.pump(Duration::from_millis(150));
    p.send("q");
    let quit_by = Instant::now() + Duration::from_secs(3);
    while p.child.try_wait().ok().flatten().is_none() {
        if Instant::now() > quit_by {
            let _ = p.child.kill();
            let _ = p.child.wait();
            break;
        }
        p.pump(Duration::from_millis(20));
    }
    Some(took)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The first frame through the real OpenSSH client: `versus serve` against
/// a local `sshd` running `less` on the same article (the same client, key
/// type and size; sshd authenticates a key, versus serve takes "none").
fn first_frame_vs_less(runs: usize) {
    let sshd = std::path::Path::new("/usr/sbin/sshd");
    let have = |cmd: &str| {
        Command::new(cmd)
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    if !sshd.exists() || !have("ssh") || !have("less") {
        println!(
            "serve: first frame vs `ssh host less`: skipped (needs ssh, less and /usr/sbin/sshd; apt-get install openssh-server)"
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("versus-bench-sshd-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let d = |f: &str| dir.join(f).to_string_lossy().into_owned();
    for k in ["host", "user"] {
        let ok = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f", &d(k)])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            println!("serve: first frame vs `ssh host less`: skipped (ssh-keygen failed)");
            return;
        }
    }
    std::fs::copy(d("user.pub"), d("authorized_keys")).unwrap();
    std::fs::write(d("article.md"), versus::article::BUNDLED).unwrap();
    let user = Command::new("id")
        .arg("-un")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let sshd_port = free_port();
    std::fs::write(
        d("sshd_config"),
        format!(
            "Port {sshd_port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin yes\nPidFile none\nAcceptEnv LANG LC_*\nPrintMotd no\nPrintLastLog no\n",
            d("host"),
            d("authorized_keys")
        ),
    )
    .unwrap();
    let _ = std::fs::create_dir_all("/run/sshd");
    let mut daemon = match Command::new(sshd)
        .args(["-D", "-e", "-f", &d("sshd_config")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            println!("serve: first frame vs `ssh host less`: skipped (sshd: {e})");
            return;
        }
    };
    std::thread::sleep(Duration::from_millis(500));
    let server = start_server(4);
    let vport = server.port.to_string();
    let sport = sshd_port.to_string();
    let common = [
        "-tt",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "SetEnv=LANG=C.UTF-8",
        "-F",
        "/dev/null",
    ];
    let key = d("user");
    let article = d("article.md");
    let target = format!("{user}@127.0.0.1");
    let mut versus_runs = Vec::new();
    let mut less_runs = Vec::new();
    for _ in 0..runs {
        let mut a: Vec<&str> = vec!["-p", &vport];
        a.extend(common);
        a.push("anon@127.0.0.1");
        if let Some(t) = time_first_frame(&a) {
            versus_runs.push(t);
        }
        let mut b: Vec<&str> = vec!["-p", &sport, "-i", &key, "-o", "IdentitiesOnly=yes"];
        b.extend(common);
        b.extend([target.as_str(), "less", article.as_str()]);
        if let Some(t) = time_first_frame(&b) {
            less_runs.push(t);
        }
    }
    let _ = daemon.kill();
    let _ = daemon.wait();
    let _ = std::fs::remove_dir_all(&dir);
    if versus_runs.is_empty() || less_runs.is_empty() {
        println!(
            "serve: first frame vs `ssh host less`: skipped (versus {} runs, less {} runs succeeded)",
            versus_runs.len(),
            less_runs.len()
        );
        return;
    }
    let v = median(versus_runs);
    let l = median(less_runs);
    println!(
        "serve: first frame through OpenSSH at 80x24 (median of {runs}): versus serve {:.1} ms, sshd + less {:.1} ms: {:.2}x",
        v.as_secs_f64() * 1e3,
        l.as_secs_f64() * 1e3,
        v.as_secs_f64() / l.as_secs_f64()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let mut sessions: Vec<usize> = if quick {
        vec![50]
    } else {
        vec![100, 500, 1000]
    };
    if let Some(i) = args.iter().position(|a| a == "--sessions")
        && let Some(list) = args.get(i + 1)
    {
        // `--sessions none` runs only the comparison with `less`.
        sessions = list
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
    }
    let (scroll, idle) = if quick {
        (Duration::from_secs(5), Duration::from_secs(3))
    } else {
        (Duration::from_secs(20), Duration::from_secs(5))
    };
    for n in sessions {
        run(n, scroll, idle);
    }
    first_frame_vs_less(if quick { 3 } else { 11 });
}
