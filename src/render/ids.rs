//! Stable ids for feeds, the calendar and the Statuspage API: derived from slugs, so an entry
//! keeps its id across builds and edits, and never from the clock or file order.

use sha2::{Digest, Sha256};

/// A short lowercase alphanumeric id (12 characters, base 36), like Statuspage's.
pub(crate) fn stable(kind: &str, key: &str) -> String {
    let digest = Sha256::digest(format!("{kind}:{key}").as_bytes());
    let mut n = u128::from_be_bytes(digest[..16].try_into().expect("16 bytes"));
    let alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut id = String::with_capacity(12);
    for _ in 0..12 {
        id.push(alphabet[(n % 36) as usize] as char);
        n /= 36;
    }
    id
}

/// Hex digest prefix of some bytes, for content-hashed file names.
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..5].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_short_and_distinct() {
        assert_eq!(stable("incident", "a"), stable("incident", "a"));
        assert_ne!(stable("incident", "a"), stable("maintenance", "a"));
        let id = stable("incident", "2026-11-20-carrier");
        assert_eq!(id.len(), 12);
        assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
    }
}
