//! Times what `serve` does after one edit: a cached rebuild of a site after a new update is
//! added on top of one of its incidents (the usual edit during an outage), told the changed
//! path as serve's file watcher tells it, and checks it equals a full build.
//! cargo run --release --example rebuild -- SITE_DIR

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use statusforge::load::Changes;
use statusforge::render::RenderOptions;
use statusforge::{render_site, BuildOptions, Caches};
use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: rebuild SITE_DIR"));
    let options = BuildOptions {
        source: root.clone(),
        output: root.join("public"),
        now: "2026-11-25T12:00:00Z".parse().expect("time"),
        drafts: false,
        render: RenderOptions { base_url: Some("http://127.0.0.1:4000/".into()), live_reload: true, no_headers: true },
    };
    let mut caches = Caches::default();
    let t = Instant::now();
    render_site(&options, Some(&mut caches)).expect("first build");
    eprintln!("first build        {:>6} ms", t.elapsed().as_millis());

    let dir = root.join("content/incidents");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("incidents").filter_map(|e| Some(e.ok()?.path())).collect();
    files.sort();
    let path = files.last().expect("an incident");
    let original = std::fs::read_to_string(path).expect("read");
    let mut times = Vec::new();
    for round in 1..=5 {
        // A new update on top, as `statusforge update` writes it: after the front matter.
        let at = original.find("\n## ").expect("an update heading");
        let note = format!("\n## Update - 2026-11-25 08:{round:02}\nStill watching, round {round}.\n");
        std::fs::write(path, format!("{}{note}{}", &original[..at], &original[at..])).expect("write");
        let relative = path.strip_prefix(&root).expect("inside the site").to_path_buf();
        let t = Instant::now();
        caches.note_changes(Changes::Paths([relative].into()));
        let rendered = render_site(&options, Some(&mut caches)).expect("rebuild");
        times.push(t.elapsed().as_millis());
        if round == 1 {
            let full = render_site(&options, None).expect("full build");
            let same = full.files.len() == rendered.files.len()
                && full.files.iter().zip(&rendered.files).all(|(a, b)| a.path == b.path && a.bytes == b.bytes);
            assert!(same, "a cached rebuild must equal a full build");
        }
    }
    std::fs::write(path, original).expect("restore");
    times.sort_unstable();
    eprintln!("rebuild after edit {:>6} ms (median of 5; {} to {} ms)", times[2], times[0], times[4]);
    eprintln!("edited {}", path.display());
}
