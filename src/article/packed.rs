//! Lengths packed into 7-bit ASCII bytes, so that text and the lengths that
//! cut it share one `str` allocation ([`super::model::Spans`],
//! [`super::model::Row`]): six bits a byte, low bits first, bit 6 set on
//! every byte but the last.

/// Appends `n`.
pub fn put_len(out: &mut String, mut n: usize) {
    loop {
        let low = (n & 63) as u8;
        n >>= 6;
        if n == 0 {
            out.push(char::from(low));
            return;
        }
        out.push(char::from(low | 64));
    }
}

/// Bytes [`put_len`] writes for `n`.
pub fn len_bytes(n: usize) -> usize {
    let bits = (usize::BITS - n.leading_zeros()) as usize;
    bits.div_ceil(6).max(1)
}

/// The length at the start of `b` and the bytes it took (0 when `b` is empty).
pub fn read_len(b: &[u8]) -> (usize, usize) {
    let mut n = 0;
    for (i, &x) in b.iter().enumerate() {
        n |= usize::from(x & 63) << (6 * i);
        if x & 64 == 0 {
            return (n, i + 1);
        }
    }
    (n, b.len())
}

/// How many lengths `b` holds.
pub fn count(b: &[u8]) -> usize {
    b.iter().filter(|&&x| x & 64 == 0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_round_trip_in_ascii() {
        for n in [0, 1, 63, 64, 4095, 4096, 1 << 27, usize::MAX >> 2] {
            let mut s = String::from("x");
            put_len(&mut s, n);
            assert!(s.is_ascii());
            assert_eq!(s.len() - 1, len_bytes(n), "{n}");
            assert_eq!(read_len(&s.as_bytes()[1..]), (n, len_bytes(n)), "{n}");
            assert_eq!(count(&s.as_bytes()[1..]), 1);
        }
    }
}
