//! The server's host key: an Ed25519 key made on first start, written with
//! mode 0600 from the moment the file exists, and read back afterwards.

use russh::keys::ssh_key::LineEnding;
use russh::keys::{Algorithm, HashAlg, PrivateKey};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the key lives when `--host-key` is not given:
/// `$XDG_DATA_HOME/versus/host_ed25519`, else
/// `~/.local/share/versus/host_ed25519`.
pub fn default_path(get: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let data = get("XDG_DATA_HOME")
        .filter(|d| Path::new(d).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            get("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".local/share"))
        })?;
    Some(data.join("versus").join("host_ed25519"))
}

/// Reads the key at `path`, or makes one there when there is no file.
/// Returns the key and whether it was made now.
pub fn load_or_create(path: &Path) -> Result<(PrivateKey, bool), String> {
    let shown = path.display();
    match std::fs::read(path) {
        Ok(bytes) => {
            let key = PrivateKey::from_openssh(&bytes)
                .map_err(|e| format!("{shown}: not an OpenSSH private key ({e})"))?;
            if key.is_encrypted() {
                return Err(format!(
                    "{shown}: the host key has a passphrase; give one without"
                ));
            }
            Ok((key, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
                .map_err(|e| format!("{shown}: cannot make a key ({e})"))?;
            let text = key
                .to_openssh(LineEnding::LF)
                .map_err(|e| format!("{shown}: cannot encode the key ({e})"))?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                create_dir_private(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            write_new_private(path, text.as_bytes()).map_err(|e| format!("{shown}: {e}"))?;
            Ok((key, true))
        }
        Err(e) => Err(format!("{shown}: {e}")),
    }
}

/// The key's fingerprint as OpenSSH prints it (`SHA256:...`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

#[cfg(unix)]
fn create_dir_private(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_dir_private(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates `path` (never over an existing file) readable by its owner only,
/// from the moment it exists.
fn write_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn made_once_with_mode_0600_then_reused() {
        let dir = std::env::temp_dir().join(format!("versus-hostkey-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("sub/host_ed25519");
        let (a, made) = load_or_create(&path).unwrap();
        assert!(made);
        assert_eq!(a.algorithm(), Algorithm::Ed25519);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (b, made) = load_or_create(&path).unwrap();
        assert!(!made);
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert!(fingerprint(&a).starts_with("SHA256:"));
        std::fs::write(&path, "not a key").unwrap();
        let e = load_or_create(&path).unwrap_err();
        assert!(e.contains("not an OpenSSH private key"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn default_path_follows_xdg_then_home() {
        let get = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        assert_eq!(
            default_path(get(&[("XDG_DATA_HOME", "/d"), ("HOME", "/h")])),
            Some(PathBuf::from("/d/versus/host_ed25519"))
        );
        assert_eq!(
            default_path(get(&[("XDG_DATA_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/share/versus/host_ed25519"))
        );
        assert_eq!(default_path(get(&[])), None);
    }
}
