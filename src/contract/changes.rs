//! `api/statusforge/changes.json`, as `notify` reads it: each component's status changes over
//! the last days and the clock they were read at. `render::changes_json` writes it.

use serde::{Deserialize, Serialize};

/// Where the file is written, relative to the site root.
pub const PATH: &str = "api/statusforge/changes.json";

/// The whole file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Changes {
    /// The format version (1).
    pub version: u32,
    /// The build's clock, RFC 3339 UTC: changes before it are in the file, none after.
    pub generated_at: String,
    /// Components with changes, in display order.
    pub components: Vec<ComponentChanges>,
}

/// One component's changes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ComponentChanges {
    /// The components.yaml id.
    pub id: String,
    /// Oldest first.
    pub changes: Vec<Change>,
}

/// One status change of one component.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Change {
    /// RFC 3339 UTC.
    pub at: String,
    /// The status keyword before.
    pub old_status: String,
    /// The status keyword after.
    pub new_status: String,
}

/// Parses the file.
pub fn read(bytes: &[u8]) -> Result<Changes, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}
