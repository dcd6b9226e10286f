//! `api/statusforge/changes.json`: each component's status changes over the last
//! `DETAIL_DAYS` (the worst status of every incident and window in force, as the page shows it)
//! and the clock they were read at. `notify` tells subscribers the changes made since the build
//! it last told them about, each with its own old and new status, however many happened
//! between two runs.

use super::input::Input;
use crate::contract::changes::{Change, Changes, ComponentChanges, PATH};
use crate::contract::time;
use crate::output::{OutputFile, RelPath};

pub(crate) fn render(input: &Input<'_>) -> Vec<OutputFile> {
    let snapshot = input.snapshot;
    let changes = Changes {
        version: 1,
        generated_at: time::rfc3339(snapshot.now),
        components: snapshot
            .components
            .iter()
            .filter(|c| !c.changes.is_empty())
            .map(|c| ComponentChanges {
                id: c.component.id.clone(),
                changes: c
                    .changes
                    .iter()
                    .map(|change| Change {
                        at: time::rfc3339(change.at),
                        old_status: change.old.keyword().to_string(),
                        new_status: change.new.keyword().to_string(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec(&changes).unwrap_or_default();
    bytes.push(b'\n');
    RelPath::new(PATH).ok().map(|path| OutputFile::new(path, bytes)).into_iter().collect()
}
