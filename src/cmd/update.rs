//! `statusforge update SLUG --status S --message TEXT [--component ID:STATUS]` and
//! `statusforge resolve SLUG`: add an update on top of an incident or maintenance, changing no
//! other byte of the file. Component changes go in the new update's `Components:` line, so
//! the front matter keeps the statuses the incident started with.

use super::site_context;
use crate::author::update;

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
    // Two updates at once take turns on the file (an advisory lock held until the write is
    // done); the second then finds the file changed since it read it and refuses, so no
    // update is lost. The loader drops a byte-order mark; the file keeps its own.
    // Read and written through the locked handle itself: on Windows a lock also bars other
    // handles of this very process.
    use std::io::{Read, Seek, Write};
    let mut held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    held.lock().map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
    let mut on_disk = String::new();
    held.read_to_string(&mut on_disk).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let bom = on_disk.starts_with('\u{feff}');
    if on_disk.strip_prefix('\u{feff}').unwrap_or(&on_disk) != sources.text(&relative).unwrap_or_default() {
        return Err(format!("{} changed while the update was being made; run the command again", relative.display()));
    }
    if bom {
        text.insert(0, '\u{feff}');
    }
    let write = |held: &mut std::fs::File| -> std::io::Result<()> {
        held.rewind()?;
        held.set_len(0)?;
        held.write_all(text.as_bytes())?;
        held.flush()
    };
    write(&mut held).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    drop(held);
    println!("{}", path.display());
    eprintln!("added `{word}` to {}", relative.display());
    Ok(0)
}
