//! Bytes of a whole-file input (`.txt`, `.html`, sniffed text) to a `String`.
//!
//! JSONL is not decoded here: JSON is UTF-8 by definition, so an invalid line
//! is an error for that record, not something to guess about.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How the bytes were decoded, when it was not plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoded {
    /// Valid UTF-8 (with or without a BOM): nothing to report.
    Utf8,
    /// A BOM or a declared charset named this encoding and it decoded cleanly.
    Declared(&'static str),
    /// Not UTF-8 and nothing declared; decoded with this guess.
    Guessed(&'static str),
    /// Undecodable bytes were replaced with U+FFFD.
    Lossy(&'static str),
}

/// Decode a whole file. `html` enables looking for a `<meta charset>` declaration.
pub(crate) fn decode_bytes(bytes: Vec<u8>, html: bool) -> (String, Decoded) {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let how = if had_errors {
            Decoded::Lossy(enc.name())
        } else if enc == UTF_8 {
            Decoded::Utf8
        } else {
            Decoded::Declared(enc.name())
        };
        return (text.into_owned(), how);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return (s, Decoded::Utf8),
        Err(e) => e.into_bytes(),
    };
    if html {
        if let Some(enc) = declared_charset(&bytes) {
            if enc != UTF_8 {
                let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
                let how = if had_errors { Decoded::Lossy(enc.name()) } else { Decoded::Declared(enc.name()) };
                return (text.into_owned(), how);
            }
        }
    }
    // Western text in a legacy code page has few high bytes; anything else is
    // more likely damaged UTF-8 or a CJK encoding we cannot guess without a
    // detector, where windows-1252 would only produce mojibake.
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high * 10 <= bytes.len() * 3 {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        return (text.into_owned(), Decoded::Guessed(WINDOWS_1252.name()));
    }
    (String::from_utf8_lossy(&bytes).into_owned(), Decoded::Lossy(UTF_8.name()))
}

/// The encoding named by `charset=` in the first KiB of an HTML page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let needle = b"charset=";
    let at = head.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))?;
    let rest = &head[at + needle.len()..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end =
        rest.iter().position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')).unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// Does the start of a file look binary: a NUL byte, or invalid UTF-8 (an
/// incomplete character cut by the end of the sample does not count). A BOM
/// means text, whatever follows.
pub(crate) fn looks_binary(sample: &[u8]) -> bool {
    if Encoding::for_bom(sample).is_some() {
        return false;
    }
    if sample.contains(&0) {
        return true;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => false,
        Err(e) => e.error_len().is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let (s, how) = decode_bytes("Señor Müller".as_bytes().to_vec(), false);
        assert_eq!(s, "Señor Müller");
        assert_eq!(how, Decoded::Utf8);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(b"Hello");
        assert_eq!(decode_bytes(b, false), ("Hello".to_string(), Decoded::Utf8));
    }

    #[test]
    fn utf16_bom_is_decoded() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Ankara".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let (s, how) = decode_bytes(b, false);
        assert_eq!(s, "Ankara");
        assert_eq!(how, Decoded::Declared("UTF-16LE"));
    }

    #[test]
    fn latin1_text_is_guessed_as_windows_1252() {
        // "café – ok" in windows-1252: é = E9, en dash = 96.
        let b = b"caf\xE9 \x96 ok".to_vec();
        let (s, how) = decode_bytes(b, false);
        assert_eq!(s, "café – ok");
        assert_eq!(how, Decoded::Guessed("windows-1252"));
    }

    #[test]
    fn html_charset_is_honoured() {
        let b = b"<html><head><meta charset=\"iso-8859-2\"></head><body>\xB3</body>".to_vec();
        let (s, how) = decode_bytes(b, true);
        assert!(s.contains('ł'), "{s}");
        assert_eq!(how, Decoded::Declared("ISO-8859-2"));
    }

    #[test]
    fn mostly_high_bytes_fall_back_to_lossy() {
        let b = vec![0xC3, 0x28, 0xFF, 0xFE, 0x80, 0x81, b'a'];
        let (s, how) = decode_bytes(b, false);
        assert!(s.contains('\u{FFFD}'));
        assert_eq!(how, Decoded::Lossy("UTF-8"));
    }

    #[test]
    fn binary_sniffing() {
        assert!(looks_binary(b"abc\0def"));
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\xff"));
        assert!(!looks_binary("plain text, ünïcode".as_bytes()));
        // A character cut at the end of the sample is not evidence of binary.
        assert!(!looks_binary(&"ab€".as_bytes()[..3]));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
    }
}
