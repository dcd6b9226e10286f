//! `serve` rebuilds through caches (files, checks, Markdown, pages). These tests edit a site the
//! ways authors do and check, after each edit, that the cached rebuild writes exactly the files a
//! full build from scratch writes, and that pages the edit did not touch were reused.

use crate::common::SiteTest;
use statusforge::load::Changes;
use statusforge::render::RenderOptions;
use statusforge::{render_site, BuildOptions, Caches};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

type Files = BTreeMap<String, Arc<Vec<u8>>>;

fn options(root: &Path, now: &str) -> BuildOptions {
    BuildOptions {
        source: root.to_path_buf(),
        output: root.join("public"),
        now: now.parse().unwrap(),
        drafts: false,
        render: RenderOptions { base_url: Some("http://127.0.0.1:4000/".into()), live_reload: true, no_headers: true },
    }
}

fn files(rendered: statusforge::Rendered) -> Files {
    rendered.files.into_iter().map(|f| (f.path.as_str().to_string(), f.bytes)).collect()
}

/// Rebuilds through `caches`, checks the result against a fresh full build, returns it.
fn rebuild_and_compare(root: &Path, now: &str, caches: &mut Caches, edit: &str) -> Files {
    let options = options(root, now);
    let incremental = files(render_site(&options, Some(caches)).unwrap_or_else(|e| panic!("{edit}: {e:?}")));
    let full = files(render_site(&options, None).unwrap());
    let paths = |f: &Files| f.keys().cloned().collect::<Vec<_>>();
    assert_eq!(paths(&incremental), paths(&full), "{edit}: the same files");
    for (path, bytes) in &full {
        assert!(incremental[path] == *bytes, "{edit}: {path} differs from a full build");
    }
    // Tests run debug builds, where every kept page is also rendered again and compared.
    assert!(caches.stale_pages().is_empty(), "{edit}: kept pages were stale: {:?}", caches.stale_pages());
    incremental
}

/// Pages of `after` that are the very bytes (not a copy, not a re-render) of `before`.
fn reused(before: &Files, after: &Files, path: &str) -> bool {
    Arc::ptr_eq(&before[path], &after[path])
}

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    fs::create_dir_all(full.parent().unwrap()).unwrap();
    fs::write(full, text).unwrap();
}

/// How a rebuild learns what changed: `serve` is told by its file watcher; without that, every
/// file is checked on disk.
#[derive(Clone, Copy, PartialEq)]
enum Told {
    Watcher,
    Nothing,
}

/// Notes the paths an edit changed, as the watcher reports them (site-relative).
fn tell(caches: &mut Caches, told: Told, paths: &[&str]) {
    if told == Told::Watcher {
        caches.note_changes(Changes::Paths(paths.iter().map(std::path::PathBuf::from).collect()));
    }
}

const NOW: &str = "2026-11-25T12:00:00Z";
const LATENCY: &str = "incidents/2026-11-21-api-latency/index.html";
const UNTOUCHED: &str = "incidents/2025-06-18-smpp-bind-failures/index.html";

#[test]
fn a_cached_rebuild_after_each_kind_of_edit_equals_a_full_build() {
    each_kind_of_edit(Told::Nothing);
}

#[test]
fn a_rebuild_told_what_changed_after_each_kind_of_edit_equals_a_full_build() {
    each_kind_of_edit(Told::Watcher);
}

fn each_kind_of_edit(told: Told) {
    let site = SiteTest::example()
        .file(
            "content/site.yaml",
            &fs::read_to_string("content/site.yaml").unwrap().replace("language: en", "language: en\ntheme: acme"),
        )
        .file(
            "themes/acme/templates/partials/header.html",
            "<header class=\"top\"><a href=\"{{ site.home }}\">{{ site.title }}</a> {{ t.history }}</header>\n",
        );
    let root = site.dir.path();
    let mut caches = Caches::default();
    let first = rebuild_and_compare(root, NOW, &mut caches, "first build");

    // Nothing changed: every page is reused.
    tell(&mut caches, told, &[]);
    let same = rebuild_and_compare(root, NOW, &mut caches, "no edit");
    assert!(reused(&first, &same, LATENCY) && reused(&first, &same, UNTOUCHED));
    assert!(reused(&first, &same, "history/index.html"));

    // Change an incident: a new update on top.
    let path = root.join("content/incidents/2026-11-21-api-latency.md");
    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "## Resolved - 2026-11-21 15:10",
        "## Update - 2026-11-21 16:00\nPostmortem to follow.\n\n## Resolved - 2026-11-21 15:10",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&path, edited).unwrap();
    tell(&mut caches, told, &["content/incidents/2026-11-21-api-latency.md"]);
    let changed = rebuild_and_compare(root, NOW, &mut caches, "change an incident");
    assert!(!reused(&same, &changed, LATENCY), "the edited incident's page is rendered again");
    assert!(String::from_utf8_lossy(&changed[LATENCY]).contains("Postmortem to follow."));
    assert!(reused(&same, &changed, UNTOUCHED), "an unrelated incident's page is kept");

    // Add an incident: it is the newest, so every history page shifts.
    write(root, "content/incidents/2026-11-24-new.md", "---\ntitle: Brand new trouble\nimpact: major\ncomponents: [http-api]\n---\n\n## Investigating - 2026-11-24 09:00\nWe are looking.\n");
    tell(&mut caches, told, &["content/incidents/2026-11-24-new.md"]);
    let added = rebuild_and_compare(root, NOW, &mut caches, "add an incident");
    assert!(added.contains_key("incidents/2026-11-24-new/index.html"));
    assert!(reused(&changed, &added, UNTOUCHED));

    // Delete an incident.
    fs::remove_file(root.join("content/incidents/2025-07-09-norcel-sms-delays.md")).unwrap();
    tell(&mut caches, told, &["content/incidents/2025-07-09-norcel-sms-delays.md"]);
    let deleted = rebuild_and_compare(root, NOW, &mut caches, "delete an incident");
    assert!(!deleted.contains_key("incidents/2025-07-09-norcel-sms-delays/index.html"));

    // Change a component: its new name shows on the pages of incidents that affect it.
    let components = fs::read_to_string(root.join("content/components.yaml")).unwrap();
    fs::write(root.join("content/components.yaml"), components.replacen("name: Web service API", "name: REST API", 1))
        .unwrap();
    tell(&mut caches, told, &["content/components.yaml"]);
    let renamed = rebuild_and_compare(root, NOW, &mut caches, "change a component");
    assert!(String::from_utf8_lossy(&renamed[LATENCY]).contains("REST API"));

    // Change a maintenance window: its title shows on the pages of the components it touches.
    let window = root.join("content/maintenance/2026-12-08-whatsapp-queue-migration.md");
    let text = fs::read_to_string(&window).unwrap();
    fs::write(&window, text.replacen("title: ", "title: Moved ", 1)).unwrap();
    tell(&mut caches, told, &["content/maintenance/2026-12-08-whatsapp-queue-migration.md"]);
    let rescheduled = rebuild_and_compare(root, NOW, &mut caches, "change a maintenance window");
    assert!(reused(&renamed, &rescheduled, UNTOUCHED));

    // Add a maintenance window: the pages of the components it touches list it.
    let added_window = "content/maintenance/2026-12-20-web-upgrade.md";
    write(root, added_window, "---\ntitle: Web interface upgrade\ncomponents: [web]\nwindow:\n  start: 2026-12-20 01:00\n  end: 2026-12-20 02:00\n---\n\n## Scheduled - 2026-11-24 10:00\nThe web interface will be read-only.\n");
    tell(&mut caches, told, &[added_window]);
    let windowed = rebuild_and_compare(root, NOW, &mut caches, "add a maintenance window");
    assert!(String::from_utf8_lossy(&windowed["components/web/index.html"]).contains("Web interface upgrade"));
    assert!(reused(&rescheduled, &windowed, UNTOUCHED));

    // Remove a maintenance window: it leaves those pages again.
    fs::remove_file(root.join(added_window)).unwrap();
    tell(&mut caches, told, &[added_window]);
    let unwindowed = rebuild_and_compare(root, NOW, &mut caches, "remove a maintenance window");
    assert!(!String::from_utf8_lossy(&unwindowed["components/web/index.html"]).contains("Web interface upgrade"));
    assert!(!unwindowed.contains_key("maintenance/2026-12-20-web-upgrade/index.html"));

    // Change a notice: the pages of the components it names show it as it now reads.
    let notice = "content/notices/2026-11-24-brazil-sender-id-rules.md";
    let text = fs::read_to_string(root.join(notice)).unwrap();
    fs::write(root.join(notice), text.replacen("title: New sender", "title: Revised sender", 1)).unwrap();
    tell(&mut caches, told, &[notice]);
    let noticed = rebuild_and_compare(root, NOW, &mut caches, "change a notice");
    assert!(String::from_utf8_lossy(&noticed["components/smpp/index.html"]).contains("Revised sender ID rules"));
    assert!(reused(&rescheduled, &noticed, UNTOUCHED));

    // Change a template.
    write(
        root,
        "themes/acme/templates/partials/header.html",
        "<header class=\"top\"><a href=\"{{ site.home }}\">{{ site.title }}</a> (edited)</header>\n",
    );
    tell(&mut caches, told, &["themes/acme/templates/partials/header.html"]);
    let themed = rebuild_and_compare(root, NOW, &mut caches, "change a template");
    assert!(String::from_utf8_lossy(&themed[UNTOUCHED]).contains("(edited)"));

    // The clock moves while an incident is open: its duration and the uptime of today change.
    tell(&mut caches, told, &[]);
    rebuild_and_compare(root, "2026-11-25T15:30:00Z", &mut caches, "the clock moves");
}

#[test]
fn a_cached_rebuild_reports_a_broken_edit_and_recovers_equal_to_a_full_build() {
    broken_edit_then_fixed(Told::Nothing);
}

#[test]
fn a_rebuild_told_of_a_broken_edit_reports_it_and_recovers_equal_to_a_full_build() {
    broken_edit_then_fixed(Told::Watcher);
}

fn broken_edit_then_fixed(told: Told) {
    let site = SiteTest::example();
    let root = site.dir.path();
    let mut caches = Caches::default();
    rebuild_and_compare(root, NOW, &mut caches, "first build");
    let edited = "content/incidents/2026-11-21-api-latency.md";
    let path = root.join(edited);
    let good = fs::read_to_string(&path).unwrap();
    fs::write(&path, good.replacen("impact:", "impakt:", 1)).unwrap();
    tell(&mut caches, told, &[edited]);
    let broken = render_site(&options(root, NOW), Some(&mut caches));
    assert!(broken.is_err(), "a broken incident fails the rebuild");
    fs::write(&path, good).unwrap();
    tell(&mut caches, told, &[edited]);
    rebuild_and_compare(root, NOW, &mut caches, "after fixing it");
}

#[test]
fn a_rebuild_told_of_folders_created_moved_and_removed_finds_every_file() {
    let site = SiteTest::example();
    let root = site.dir.path();
    let mut caches = Caches::default();
    rebuild_and_compare(root, NOW, &mut caches, "first build");
    let new = "---\ntitle: Filed in a folder\nimpact: minor\ncomponents: [http-api]\n---\n\n## Investigating - 2026-11-24 09:00\nLooking.\n";

    // A folder made with a file already in it: a watcher may report only the folder.
    write(root, "content/incidents/2026/2026-11-24-foldered.md", new);
    tell(&mut caches, Told::Watcher, &["content/incidents/2026"]);
    let made = rebuild_and_compare(root, NOW, &mut caches, "a folder created");
    assert!(made.contains_key("incidents/2026-11-24-foldered/index.html"));

    // The folder renamed: reported as its old and new paths.
    fs::rename(root.join("content/incidents/2026"), root.join("content/incidents/this-year")).unwrap();
    tell(&mut caches, Told::Watcher, &["content/incidents/2026", "content/incidents/this-year"]);
    let moved = rebuild_and_compare(root, NOW, &mut caches, "a folder renamed");
    assert!(moved.contains_key("incidents/2026-11-24-foldered/index.html"));

    // The folder removed with its file.
    fs::remove_dir_all(root.join("content/incidents/this-year")).unwrap();
    tell(&mut caches, Told::Watcher, &["content/incidents/this-year"]);
    let removed = rebuild_and_compare(root, NOW, &mut caches, "a folder removed");
    assert!(!removed.contains_key("incidents/2026-11-24-foldered/index.html"));

    // Files that are not incidents (notes, editor backups) change nothing.
    write(root, "content/incidents/notes.txt", "not an incident");
    write(root, "content/incidents/.2026-11-21-api-latency.md.swp", "half a save");
    tell(
        &mut caches,
        Told::Watcher,
        &["content/incidents/notes.txt", "content/incidents/.2026-11-21-api-latency.md.swp"],
    );
    let ignored = rebuild_and_compare(root, NOW, &mut caches, "other files");
    assert!(reused(&removed, &ignored, LATENCY));

    // The whole incidents folder replaced (as a `git checkout` of an old tree might).
    let all = root.join("content/incidents");
    let kept = root.join("kept-incidents");
    fs::rename(&all, &kept).unwrap();
    fs::create_dir(&all).unwrap();
    fs::copy(kept.join("2026-11-21-api-latency.md"), all.join("2026-11-21-api-latency.md")).unwrap();
    tell(&mut caches, Told::Watcher, &["content/incidents"]);
    let replaced = rebuild_and_compare(root, NOW, &mut caches, "the folder replaced");
    assert!(replaced.contains_key(LATENCY) && !replaced.contains_key(UNTOUCHED));
}

#[test]
fn a_rebuild_after_a_problem_reading_a_file_looks_at_every_file_again() {
    let site = SiteTest::example();
    let root = site.dir.path();
    let mut caches = Caches::default();
    rebuild_and_compare(root, NOW, &mut caches, "first build");
    // An unreadable or empty file is a problem of the load itself: after it nothing is
    // trusted, and every file is looked at until a clean load.
    write(root, "content/incidents/2026-11-24-empty.md", "");
    tell(&mut caches, Told::Watcher, &["content/incidents/2026-11-24-empty.md"]);
    assert!(render_site(&options(root, NOW), Some(&mut caches)).is_err(), "an empty file is an error");
    fs::remove_file(root.join("content/incidents/2026-11-24-empty.md")).unwrap();
    // Told nothing, yet the empty file's removal is seen.
    tell(&mut caches, Told::Watcher, &[]);
    rebuild_and_compare(root, NOW, &mut caches, "after removing it");
}

#[test]
fn files_the_watcher_did_not_name_are_not_looked_at_again() {
    let site = SiteTest::example();
    let root = site.dir.path();
    let mut caches = Caches::default();
    let first = rebuild_and_compare(root, NOW, &mut caches, "first build");
    let path = root.join("content/incidents/2026-11-21-api-latency.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("title:", "title: Unseen", 1)).unwrap();
    // Told of another file only: the edited one is taken from memory, unread.
    tell(&mut caches, Told::Watcher, &["content/incidents/2026-11-20-carrier-delays.md"]);
    let trusted = files(render_site(&options(root, NOW), Some(&mut caches)).unwrap());
    assert!(reused(&first, &trusted, LATENCY), "a file not named is not read");
    // Told nothing at all (no watcher): every file is checked on disk, and the edit is seen.
    let looked = rebuild_and_compare(root, NOW, &mut caches, "told nothing");
    assert!(String::from_utf8_lossy(&looked[LATENCY]).contains("Unseen"));
}

/// Replaces the first `from` in a site file with `to`.
fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let full = root.join(path);
    let text = fs::read_to_string(&full).unwrap();
    assert!(text.contains(from), "{path} lacks {from:?}");
    fs::write(&full, text.replacen(from, to, 1)).unwrap();
}

/// Puts a copy of the site folder `folder`, edited by `change`, in its place the way a
/// `git checkout` or `mv new old` does: the new folder is made beside and renamed over, so a
/// watcher names the folder only, and its files have the paths the memo saw before.
fn swap_folder(root: &Path, folder: &str, change: impl FnOnce(&Path)) {
    let fresh = root.join("swapped.new");
    crate::common::copy_dir(&root.join(folder), &fresh);
    change(&fresh);
    fs::rename(root.join(folder), root.join("swapped.old")).unwrap();
    fs::rename(&fresh, root.join(folder)).unwrap();
    fs::remove_dir_all(root.join("swapped.old")).unwrap();
}

#[test]
fn a_folder_swapped_for_one_of_the_same_name_is_read_again() {
    let site = SiteTest::example();
    let root = site.dir.path();
    let mut caches = Caches::default();
    rebuild_and_compare(root, NOW, &mut caches, "first build");
    swap_folder(root, "content/incidents", |new| {
        edit(new, "2026-11-21-api-latency.md", "title: ", "title: Swapped ");
    });
    tell(&mut caches, Told::Watcher, &["content/incidents"]);
    let swapped = rebuild_and_compare(root, NOW, &mut caches, "the incidents folder swapped");
    assert!(String::from_utf8_lossy(&swapped[LATENCY]).contains("Swapped"));
}

#[test]
fn the_content_folder_or_the_site_folder_swapped_is_read_again() {
    let site = SiteTest::example();
    let root = site.dir.path();
    let mut caches = Caches::default();
    rebuild_and_compare(root, NOW, &mut caches, "first build");
    // site.yaml and components.yaml are read by their paths, not found by a walk.
    swap_folder(root, "content", |new| {
        edit(new, "site.yaml", "title: Acme", "title: Swapped Acme");
        edit(new, "components.yaml", "name: Web service API", "name: Swapped API");
    });
    tell(&mut caches, Told::Watcher, &["content"]);
    let swapped = rebuild_and_compare(root, NOW, &mut caches, "content/ swapped");
    assert!(String::from_utf8_lossy(&swapped[LATENCY]).contains("Swapped API"));
    // The site folder itself named (an empty relative path): every file may have changed.
    swap_folder(root, "content", |new| edit(new, "site.yaml", "title: Swapped Acme", "title: Acme again"));
    tell(&mut caches, Told::Watcher, &[""]);
    let again = rebuild_and_compare(root, NOW, &mut caches, "the site folder named");
    assert!(String::from_utf8_lossy(&again["index.html"]).contains("Acme again"));
}

/// Moves a site file to `target` and leaves a relative link to it in its place.
fn link_to(root: &Path, file: &str, target: &str) {
    fs::rename(root.join(file), root.join(target)).unwrap();
    let up = "../".repeat(file.matches('/').count());
    std::os::unix::fs::symlink(format!("{up}{target}"), root.join(file)).unwrap();
}

/// A content file may be a link to a file elsewhere in the site, where no watch sees its
/// edits: each rebuild looks at it again, whatever the watcher names.
#[test]
fn content_files_that_are_links_are_read_again_when_their_target_changes() {
    let site = SiteTest::example();
    let root = site.dir.path();
    fs::create_dir(root.join("shared")).unwrap();
    link_to(root, "content/site.yaml", "shared/site.yaml");
    link_to(root, "content/components.yaml", "shared/components.yaml");
    let mut caches = Caches::default();
    rebuild_and_compare(root, NOW, &mut caches, "first build");
    edit(root, "shared/site.yaml", "title: Acme", "title: Linked Acme");
    edit(root, "shared/components.yaml", "name: Web service API", "name: Linked API");
    // The watcher sees only an unrelated edit under content/.
    let other = "content/incidents/2025-06-18-smpp-bind-failures.md";
    edit(root, other, "title: ", "title: Edited ");
    tell(&mut caches, Told::Watcher, &[other]);
    let edited = rebuild_and_compare(root, NOW, &mut caches, "link targets edited");
    let page = String::from_utf8_lossy(&edited[LATENCY]);
    assert!(page.contains("Linked Acme") && page.contains("Linked API"), "{page}");

    // An incident made a link, then edited at its target.
    let latency = "content/incidents/2026-11-21-api-latency.md";
    link_to(root, latency, "shared/latency.md");
    tell(&mut caches, Told::Watcher, &[latency]);
    rebuild_and_compare(root, NOW, &mut caches, "an incident made a link");
    edit(root, "shared/latency.md", "title: ", "title: Linked ");
    edit(root, other, "title: Edited ", "title: Edited again ");
    tell(&mut caches, Told::Watcher, &[other]);
    let edited = rebuild_and_compare(root, NOW, &mut caches, "a linked incident edited");
    assert!(String::from_utf8_lossy(&edited[LATENCY]).contains("Linked Slow"));
}

/// One memo handed the builds of two site folders: each build shows its own site.
#[test]
fn a_memo_used_for_another_site_folder_renders_that_site() {
    let a = SiteTest::example();
    let b = SiteTest::example();
    edit(b.root(), "content/incidents/2026-11-21-api-latency.md", "title: ", "title: Site B ");
    edit(b.root(), "content/site.yaml", "title: Acme", "title: B Acme");
    for told in [Told::Nothing, Told::Watcher] {
        let mut caches = Caches::default();
        rebuild_and_compare(a.root(), NOW, &mut caches, "site A");
        tell(&mut caches, told, &[]);
        let other = rebuild_and_compare(b.root(), NOW, &mut caches, "site B with the memo of site A");
        assert!(String::from_utf8_lossy(&other[LATENCY]).contains("Site B"));
        tell(&mut caches, told, &[]);
        rebuild_and_compare(a.root(), NOW, &mut caches, "site A again");
    }
}
