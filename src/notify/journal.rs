//! The delivery journal: the record of what subscribers were told. It holds the baseline (every
//! update and component status told, or deliberately not told, so far) and which (target,
//! notification) pairs already went out since. Written after every successful send,
//! atomically (temp file + rename), so a crash loses at most the send in flight and a rerun
//! resends only what had not gone out. The live site plays no part: a job that died after
//! deploying, or a send that failed, is caught up on the next run. It also keeps what was
//! given up on (`dropped`: never tried again) and which targets keep failing (`failing`: the
//! runs and the build clock since, for the cap after which their messages are dropped).

use super::maintenance;
use crate::contract::changes::{Change as ChangeEntry, Changes};
use crate::contract::published::{Published, PublishedUpdate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Version 2 added the baseline; a version 1 journal reads as one without.
const VERSION: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    version: u32,
    /// Target name -> notification ids sent to it since the baseline.
    sent: BTreeMap<String, BTreeSet<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baseline: Option<Baseline>,
    /// Target name -> notification id -> why it was given up on, since the baseline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    dropped: BTreeMap<String, BTreeMap<String, String>>,
    /// Target name -> its run of failed runs; gone at its first success.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    failing: BTreeMap<String, Failing>,
}

/// A target's unbroken run of runs in which a send to it failed and may pass later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Failing {
    /// How many runs failed in a row.
    pub runs: u32,
    /// The build clock (RFC 3339) of the first of them, when the build had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The latest error, free of secrets.
    pub error: String,
}

/// What subscribers already know: notifications are what a new build publishes beyond it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Baseline {
    /// `(incident_id, key)` of every update told (`plan::update_keys`).
    pub updates: BTreeSet<(String, String)>,
    /// Component id -> the status last told.
    pub components: BTreeMap<String, String>,
    /// Every component status change of the build told (`plan::change_key`), told or known
    /// at the first run. None for a build without a changes file; a status change is then
    /// told as one step from the status last told to the new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<BTreeSet<String>>,
    /// The maintenance moments told (`maintenance::Due::id`): reminders, and windows opened
    /// or closed by the clock. None in a journal written before they were told: what is due
    /// at the first run after is taken as told, not a month of past windows sent at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<BTreeSet<String>>,
}

impl Baseline {
    /// `self` (what was known) joined with `new` (a newer build): updates and changes told
    /// stay known, so a build that lacks one (an older commit rebuilt, an update deleted and
    /// restored) never makes it new again. That holds for incidents and windows gone from
    /// `new` too: a reverted file, or a rebuild at an older clock before they were published,
    /// brings them back already told. Only changes older than any changes file holds are
    /// forgotten; updates and moments cost a line each, and incidents are rarely deleted.
    fn merged_into(self, mut new: Baseline) -> Baseline {
        new.updates.extend(self.updates);
        if let (Some(known), Some(newer)) = (self.changes, new.changes.as_mut()) {
            // Keys start with their time: the oldest change the newer file holds is its horizon.
            let horizon = newer.iter().next().cloned();
            newer.extend(known.into_iter().filter(|key| horizon.as_ref().is_none_or(|h| key >= h)));
        }
        if let (Some(known), Some(newer)) = (self.maintenance, new.maintenance.as_mut()) {
            // A reminder stops being due when its window opens, and must still read as told if
            // the clock of a rebuild goes back.
            newer.extend(known);
        }
        new
    }

    /// Everything a build publishes, as if told; `remind_before` from site.yaml says which
    /// reminders are due at its clock.
    pub(crate) fn of(
        published: &Published,
        changes: Option<&Changes>,
        remind_before: Option<chrono::Duration>,
    ) -> Baseline {
        let due = maintenance::due(published, maintenance::clock(changes), remind_before);
        Baseline {
            updates: published
                .updates
                .iter()
                .zip(update_keys(&published.updates))
                .map(|(u, key)| (u.incident_id.clone(), key))
                .collect(),
            components: published.components.iter().map(|c| (c.id.clone(), c.status.clone())).collect(),
            changes: changes.map(|file| {
                let each = file.components.iter().flat_map(|c| c.changes.iter().map(|change| (&c.id, change)));
                each.map(|(id, change)| change_key(id, change)).collect()
            }),
            maintenance: Some(due.into_iter().map(|d| d.id).collect()),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Journal {
    path: PathBuf,
    file: File,
    /// Held while the journal is open: two runs on one journal would both send.
    _lock: std::fs::File,
}

impl Journal {
    /// Reads the journal, holding an exclusive lock on `.<journal>.lock` until dropped; fails
    /// at once when another run holds it. A missing file is an empty journal, a corrupt one an
    /// error (a silent reset would resend everything).
    pub(crate) fn open(path: &Path) -> Result<Journal, String> {
        let name = path.file_name().map_or_else(|| "journal".into(), |n| n.to_string_lossy().into_owned());
        // Refused before the lock file is made beside it: `--state /dev/zero` must not leave
        // `/dev/.zero.lock` behind.
        if let Ok(meta) = std::fs::metadata(path) {
            if !meta.is_file() {
                return Err(format!("cannot read the delivery journal {}: not a regular file", path.display()));
            }
        }
        let lock_path = path.with_file_name(format!(".{name}.lock"));
        // A link planted at the lock's name must not be followed.
        if std::fs::symlink_metadata(&lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!("{} is a symbolic link; remove it", lock_path.display()));
        }
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("cannot lock the delivery journal ({}): {e}", lock_path.display()))?;
        lock.try_lock().map_err(|_| {
            format!("another `statusforge notify` is using the delivery journal {}; nothing was sent", path.display())
        })?;
        let file: File = match super::source::read_file(path) {
            Ok(bytes) => {
                check_version(&bytes, path)?;
                serde_json::from_slice(&bytes)
                    .map_err(|e| format!("the delivery journal {} is not valid: {e}", path.display()))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => File { version: VERSION, ..File::default() },
            Err(e) => return Err(format!("cannot read the delivery journal {}: {e}", path.display())),
        };
        Ok(Journal { path: path.to_path_buf(), file, _lock: lock })
    }

    /// Fails unless the journal can be written: checked before anything is sent, since a
    /// send that cannot be recorded would be sent again by the next run.
    pub(crate) fn check_writable(&self) -> Result<(), String> {
        // The very write a send is recorded with (a new file, renamed over the journal): a
        // folder that takes new files can still refuse the rename (a sticky folder, an
        // immutable journal). Saving what was read changes nothing.
        self.save()
    }

    pub(crate) fn baseline(&self) -> Option<&Baseline> {
        self.file.baseline.as_ref()
    }

    /// Makes `baseline` what subscribers know and forgets the sends made up to it: they can
    /// never be planned again.
    pub(crate) fn advance(&mut self, baseline: Baseline) -> Result<(), String> {
        self.file.version = VERSION;
        let merged = match self.file.baseline.take() {
            Some(old) => old.merged_into(baseline),
            None => baseline,
        };
        self.file.baseline = Some(merged);
        self.file.sent.clear();
        self.file.dropped.clear();
        self.save()
    }

    pub(crate) fn was_sent(&self, target: &str, id: &str) -> bool {
        self.file.sent.get(target).is_some_and(|ids| ids.contains(id))
    }

    /// Given up on: never tried again, and no reason to hold the baseline back.
    pub(crate) fn was_dropped(&self, target: &str, id: &str) -> bool {
        self.file.dropped.get(target).is_some_and(|ids| ids.contains_key(id))
    }

    /// Records that `id` will never be sent to `target`, and why; saves at once.
    pub(crate) fn record_dropped(&mut self, target: &str, id: &str, reason: &str) -> Result<(), String> {
        self.file.dropped.entry(target.to_string()).or_default().insert(id.to_string(), reason.to_string());
        self.save()
    }

    /// Counts one more failed run for `target` (call once per run), `clock` being the
    /// build's; returns the run of failures so far and saves at once.
    pub(crate) fn record_failed_run(
        &mut self,
        target: &str,
        clock: Option<&str>,
        error: &str,
    ) -> Result<Failing, String> {
        let failing = self.file.failing.entry(target.to_string()).or_default();
        failing.runs += 1;
        if failing.since.is_none() {
            failing.since = clock.map(str::to_string);
        }
        failing.error = error.to_string();
        let failing = failing.clone();
        self.save()?;
        Ok(failing)
    }

    /// `target` answered: its run of failures is over.
    pub(crate) fn record_answered(&mut self, target: &str) -> Result<(), String> {
        if self.file.failing.remove(target).is_some() {
            self.save()?;
        }
        Ok(())
    }

    /// Records one delivery and saves at once.
    pub(crate) fn record(&mut self, target: &str, id: &str) -> Result<(), String> {
        self.file.sent.entry(target.to_string()).or_default().insert(id.to_string());
        self.save()
    }

    fn save(&self) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("cannot write the delivery journal {}: {e}", self.path.display());
        let mut bytes = serde_json::to_vec_pretty(&self.file).map_err(|e| e.to_string())?;
        bytes.push(b'\n');
        // In a shared folder another user could plant a link at the temporary name:
        // `replace_file` never writes through one.
        crate::output::replace_file(&self.path, &bytes).map_err(fail)
    }
}

/// What names each update to the journal, aligned with `updates`: its time and status, and
/// which of its incident's updates with that time and status it is. Unlike the API's ids,
/// which count from the oldest, an update inserted between two others renames none of them.
pub(crate) fn update_keys(updates: &[PublishedUpdate]) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, &str, &str), usize> = std::collections::HashMap::new();
    updates
        .iter()
        .map(|u| {
            let n = seen.entry((u.incident_id.as_str(), u.at.as_str(), u.status.as_str())).or_default();
            *n += 1;
            format!("{}/{}/{n}", u.at, u.status)
        })
        .collect()
}

/// The key of a status change in the journal; it starts with the time, so keys sort by it.
pub(crate) fn change_key(component: &str, change: &ChangeEntry) -> String {
    format!("{} {component} {}->{}", change.at, change.old_status, change.new_status)
}

/// A journal a newer statusforge wrote is refused before it is read: its format may differ, and
/// rewriting it would drop what it recorded (and send again what it sent).
fn check_version(bytes: &[u8], path: &Path) -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct Version {
        #[serde(default)]
        version: u32,
    }
    let Ok(Version { version }) = serde_json::from_slice::<Version>(bytes) else { return Ok(()) };
    if version > VERSION {
        return Err(format!(
            "the delivery journal {} was written by a newer statusforge (format {version}, this one reads up to \
             {VERSION}); run that version: nothing was sent",
            path.display()
        ));
    }
    Ok(())
}
