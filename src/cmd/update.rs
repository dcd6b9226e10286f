//! `statusforge update SLUG --status S --message TEXT [--component ID:STATUS]` and
//! `statusforge resolve SLUG`: add an update on top of an incident or maintenance, changing no
//! other byte of the file. Component changes go in the new update's `Components:` line, so
//! the front matter keeps the statuses the incident started with.

use super::site_context;
use crate::author::update;
use std::path::Path;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The incident's or maintenance's slug (its file name without date folder and `.md`)
    pub slug: String,
    /// The new status: investigating, identified, monitoring, resolved, postmortem, update;
    /// for maintenance: in_progress, verifying, completed, cancelled, update
    #[arg(long)]
    pub status: String,
    /// What changed, for customers
    #[arg(long)]
    pub message: String,
    /// Change a component's status from this update on: ID:STATUS (repeat for several); it is
    /// written as the update's `Components:` line
    #[arg(long = "component", value_name = "ID:STATUS")]
    pub components: Vec<String>,
    #[command(flatten)]
    pub common: super::new::Common,
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The incident's or maintenance's slug (its file name without date folder and `.md`)
    pub slug: String,
    /// What customers should know now
    #[arg(long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub common: super::new::Common,
}

pub(crate) fn run(args: Args) -> super::Exit {
    add_update(&args.common, &args.slug, Some(&args.status), args.message.as_str().into(), &args.components)
}

pub(crate) fn resolve(args: ResolveArgs) -> super::Exit {
    add_update(&args.common, &args.slug, None, args.message.as_deref(), &[])
}

/// Loads the site once, makes the edit in memory, checks it with the whole site, and only then
/// writes the file. `status` None is `resolve`: the kind's closing status and default message.
fn add_update(
    common: &super::new::Common,
    slug: &str,
    status: Option<&str>,
    message: Option<&str>,
    components: &[String],
) -> super::Exit {
    let now = crate::clock::from_env(common.now.as_deref())?;
    let (site, sources, _) = site_context::load(&common.source)?;
    let (kind, relative) = update::find(&site, slug)?;
    let (closing, default_message) = update::resolution(kind);
    let word = update::heading(kind, status.unwrap_or(closing))?;
    let message = message.unwrap_or(default_message);
    let components = update::component_changes(kind, &site, components)?;
    update::check_message(message, !components.is_empty())?;
    let new = update::NewUpdate { word: &word, at: now, message, components: &components };
    let mut text = update::edited_text(&site, &sources, &relative, &new)?;
    let path = common.source.join(&relative);
    // Updates to one file take turns (a lock held until the new text is in place); the second
    // then finds the file changed since it read it and refuses, so no update is lost.
    let _turn = lock_for(&path)?;
    let on_disk = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if on_disk.strip_prefix('\u{feff}').unwrap_or(&on_disk) != sources.text(&relative).unwrap_or_default() {
        return Err(format!("{} changed while the update was being made; run the command again", relative.display()));
    }
    // The loader drops a byte-order mark; the file keeps its own.
    if on_disk.starts_with('\u{feff}') {
        text.insert(0, '\u{feff}');
    }
    crate::output::replace_file(&path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("{}", path.display());
    eprintln!("added `{word}` to {}", relative.display());
    Ok(0)
}

/// An exclusive lock for edits of `path`, held until dropped. The lock file lives in the
/// system's temporary folder, named by a hash of the file's real path, so the site folder gets
/// no extra file and every process on the machine agrees on it.
fn lock_for(path: &Path) -> Result<std::fs::File, String> {
    use sha2::{Digest, Sha256};
    let real = path.canonicalize().map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let digest = Sha256::digest(real.to_string_lossy().as_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    let lock_path = std::env::temp_dir().join(format!("statusforge-edit-{name}.lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("cannot create the edit lock {}: {e}", lock_path.display()))?;
    lock.lock().map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
    Ok(lock)
}
