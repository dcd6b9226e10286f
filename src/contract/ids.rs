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

// The Statuspage API's ids: clients store them, so they never change for one slug.

/// The API id of a group or component. Ids are unique across both (docs/DESIGN.md), so one kind.
pub(crate) fn component_id(model_id: &str) -> String {
    stable("component", model_id)
}

/// The API id of an incident.
pub(crate) fn incident_id(slug: &str) -> String {
    stable("incident", slug)
}

/// The API id of a maintenance (an incident object in the API).
pub(crate) fn maintenance_id(slug: &str) -> String {
    stable("maintenance", slug)
}

/// The id of update `number` (1 = the oldest) of an incident or maintenance.
pub(crate) fn update_id(slug: &str, number: usize) -> String {
    stable("incident_update", &format!("{slug}/{number}"))
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
