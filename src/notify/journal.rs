//! The delivery journal: which (target, notification) pairs already went out. Written after
//! every successful send, atomically (temp file + rename), so a crash loses at most the send
//! in flight and a rerun resends only what had not gone out.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    /// Target name -> notification ids sent to it.
    sent: BTreeMap<String, BTreeSet<String>>,
}

#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    /// Reads the journal; a missing file is an empty journal, a corrupt one an error (a
    /// silent reset would resend everything).
    pub fn open(path: &Path) -> Result<Journal, String> {
        let file = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("the delivery journal {} is not valid: {e}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => File { version: 1, sent: BTreeMap::new() },
            Err(e) => return Err(format!("cannot read the delivery journal {}: {e}", path.display())),
        };
        Ok(Journal { path: path.to_path_buf(), file })
    }

    pub fn was_sent(&self, target: &str, id: &str) -> bool {
        self.file.sent.get(target).is_some_and(|ids| ids.contains(id))
    }

    /// Records one delivery and saves at once.
    pub fn record(&mut self, target: &str, id: &str) -> Result<(), String> {
        self.file.sent.entry(target.to_string()).or_default().insert(id.to_string());
        self.save()
    }

    fn save(&self) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot write the delivery journal {}: {e}", self.path.display());
        let mut bytes = serde_json::to_vec_pretty(&self.file).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        let name = self.path.file_name().map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
        // Same folder as the journal, so the rename stays on one file system (atomic, POSIX rename(2)).
        let temp = self.path.with_file_name(format!(".{name}.tmp"));
        std::fs::write(&temp, bytes).map_err(fail)?;
        std::fs::rename(&temp, &self.path).map_err(fail)
    }
}
