//! Reading a terminal's byte stream the way a terminal does, to find a
//! sequence it would not understand.

use versus::render::caps::Caps;

/// The first sequence (or byte) in `bytes` that a terminal with `caps` does
/// not understand, read the way a terminal reads it.
pub fn forbidden(bytes: &[u8], caps: &Caps) -> Option<String> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x80 && caps.ascii {
            return Some(format!("non-ASCII byte {b:#x} at {i}"));
        }
        if b < 0x20 && !matches!(b, b'\r' | b'\n' | 0x08 | 0x1b) {
            return Some(format!("control byte {b:#x} at {i}"));
        }
        if b != 0x1b {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'[') => {
                let start = i + 2;
                let mut j = start;
                while j < bytes.len() && (0x20..0x40).contains(&bytes[j]) {
                    j += 1;
                }
                let Some(&fin) = bytes.get(j) else {
                    return Some("unfinished CSI".into());
                };
                let params = std::str::from_utf8(&bytes[start..j]).unwrap();
                let seq = format!("CSI {params}{}", fin as char);
                let private = |allowed: &[&str]| allowed.contains(&params);
                let ok = match fin {
                    b'H' | b'A' | b'B' | b'C' | b'D' | b'J' | b'K' => {
                        params.bytes().all(|c| c.is_ascii_digit() || c == b';')
                    }
                    b'G' => caps.cha,
                    b'X' => caps.ech,
                    b'L' | b'M' => caps.scroll,
                    b'h' | b'l' => {
                        (caps.alt_screen && private(&["?1049"]))
                            || (caps.cursor_hide && private(&["?25"]))
                            || (caps.mouse && private(&["?1000", "?1006"]))
                    }
                    b'm' => params.split(';').all(|p| {
                        let n: u16 = if p.is_empty() {
                            0
                        } else {
                            p.parse().unwrap_or(999)
                        };
                        matches!(n, 0 | 1 | 4 | 5 | 7)
                            || (caps.sgr_ext && matches!(n, 2 | 3 | 9 | 22..=29))
                            || (caps.color
                                && matches!(n, 30..=37 | 39..=47 | 49 | 90..=97 | 100..=107))
                    }),
                    _ => false,
                };
                if !ok {
                    return Some(seq);
                }
                i = j + 1;
            }
            Some(b']') => {
                let end = bytes[i..]
                    .iter()
                    .position(|&c| c == 0x07)
                    .map(|p| i + p)
                    .or_else(|| {
                        bytes[i..]
                            .windows(2)
                            .position(|w| w == b"\x1b\\")
                            .map(|p| i + p + 1)
                    })?;
                let body = String::from_utf8_lossy(&bytes[i + 2..end]).to_string();
                let ok = (body.starts_with("52;") && caps.osc52)
                    || (body.starts_with("8;") && caps.osc8);
                if !ok {
                    return Some(format!("OSC {body}"));
                }
                i = end + 1;
            }
            other => return Some(format!("ESC {other:?}")),
        }
    }
    None
}
