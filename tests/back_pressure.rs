//! Rendering waits for the disk: a sink slower than the renderer (a slow disk) must not make
//! rendered files pile up in memory. Its own test binary, because it counts every allocation
//! of the process with a global allocator, and nothing else may run beside it.

use statusforge::output::{OutputFile, Sink};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A disk that takes `delay` to store each file, and drops it once stored.
struct SlowDisk {
    delay: Duration,
    bytes: AtomicUsize,
}

impl Sink for SlowDisk {
    fn put(&self, file: OutputFile) {
        std::thread::sleep(self.delay);
        self.bytes.fetch_add(file.bytes.len(), Ordering::Relaxed);
    }
}

/// The most memory held at once while building into a disk of this speed, above what was
/// held before, and the bytes written.
fn peak_while_building(options: &statusforge::BuildOptions, delay: Duration) -> (usize, usize) {
    let disk = SlowDisk { delay, bytes: AtomicUsize::new(0) };
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    if let Err(statusforge::BuildError::Content { diagnostics, .. }) =
        statusforge::render_site_into(options, None, &disk)
    {
        panic!("the site does not build: {diagnostics:?}");
    }
    (PEAK.load(Ordering::Relaxed) - before, disk.bytes.load(Ordering::Relaxed))
}

fn site(incidents: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("incidents")).unwrap();
    std::fs::write(content.join("site.yaml"), "title: Acme\nbase_url: https://status.example.com/\n").unwrap();
    std::fs::write(content.join("components.yaml"), "components:\n  - id: api\n    name: API\n").unwrap();
    let body = "The API answered slowly for some customers while a database node recovered.\n\n".repeat(12);
    for i in 0..incidents {
        let (month, day, hour) = (1 + i % 12, 1 + i / 12 % 28, i / 336 % 24);
        let text = format!(
            "---\ntitle: Slow API {i}\nimpact: minor\ncomponents: [api]\n---\n\n\
             ## Resolved - 2025-{month:02}-{day:02} {hour:02}:30\n{body}\n\
             ## Investigating - 2025-{month:02}-{day:02} {hour:02}:00\n{body}"
        );
        std::fs::write(content.join(format!("incidents/2025-{month:02}-{day:02}-slow-{i}.md")), text).unwrap();
    }
    dir
}

#[test]
fn a_slow_disk_holds_the_renderer_back() {
    let dir = site(1500);
    let options = statusforge::BuildOptions {
        source: dir.path().to_path_buf(),
        output: dir.path().join("public"),
        now: "2026-11-25T12:00:00Z".parse().unwrap(),
        drafts: false,
        render: Default::default(),
    };
    let (fast, written) = peak_while_building(&options, Duration::ZERO);
    let (slow, _) = peak_while_building(&options, Duration::from_millis(1));
    // Were rendered files queued for the disk, the slow build would hold a large part of the
    // site at once; it may hold a few pages more than the fast one, no more.
    assert!(
        slow < fast + written / 10,
        "a slow disk raised peak memory from {fast} to {slow} bytes (site: {written} bytes written)"
    );
}
