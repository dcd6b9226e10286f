//! Times each pipeline stage on a site, for finding where a build spends its time.
//! cargo run --release --example stages -- SITE_DIR

use statusforge::{compute, load, render, validate};
use std::time::Instant;

fn main() {
    let root = std::env::args().nth(1).expect("usage: stages SITE_DIR");
    let now = "2026-11-25T12:00:00Z".parse().expect("time");
    let t = Instant::now();
    let (sources, _) = load::site(root.as_ref(), None);
    eprintln!("load      {:>6} ms", t.elapsed().as_millis());
    let t = Instant::now();
    let (site, diagnostics) = validate::site(&sources, None);
    eprintln!("validate  {:>6} ms ({} diagnostics)", t.elapsed().as_millis(), diagnostics.len());
    let t = Instant::now();
    let theme = render::theme::load(root.as_ref(), None, &site.config.language).expect("theme");
    eprintln!("theme     {:>6} ms", t.elapsed().as_millis());
    let t = Instant::now();
    let snapshot = compute::snapshot(site, now, compute::ComputeOptions::default());
    eprintln!("compute   {:>6} ms", t.elapsed().as_millis());
    let options = render::RenderOptions::default();
    for (part, took, files) in render::profile(&snapshot, &theme, &options).expect("render") {
        eprintln!("{part:<9} {:>6} ms ({files} files)", took.as_millis());
    }
    let t = Instant::now();
    let collect = statusforge::output::Collect::default();
    render::site(&snapshot, &theme, &options, None, &collect).expect("render");
    let files = collect.into_files();
    eprintln!("render    {:>6} ms (all, again)", t.elapsed().as_millis());
    let t = Instant::now();
    let out = std::env::temp_dir().join("stages-public");
    statusforge::output::write_site(&files, &out).expect("write");
    eprintln!("write     {:>6} ms", t.elapsed().as_millis());
}
