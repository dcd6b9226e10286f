//! A build killed at any moment leaves the previous output whole, and the next build succeeds.

use crate::common;
use crate::common::{SiteTest, BIN};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn large_site(incidents: usize) -> SiteTest {
    let mut test = SiteTest::fixture("minimal");
    for i in 0..incidents {
        let day = 1 + i % 28;
        let text = format!(
            "---\ntitle: Incident number {i}\ncomponents:\n  api: partial_outage\n---\n\n## Resolved - 2026-10-{day:02} 12:{m:02}\nFixed.\n\n## Investigating - 2026-10-{day:02} 11:{m:02}\nLooking into **it**.\n",
            m = i % 60
        );
        test = test.file(&format!("content/incidents/gen-{i:05}.md"), &text);
    }
    test
}

fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let test = large_site(1500);
    let old = snapshot(&test.build().root);
    // Change the content so a finished build would differ from the old output.
    let test = test
        .file("content/incidents/gen-00000.md", "---\ntitle: Changed\n---\n\n## Investigating - 2026-10-01 11:00\nx\n");
    for delay_ms in [20u64, 80, 200, 400] {
        let mut child = Command::new(BIN)
            .args(["build", "--quiet", "--now", "2026-11-25T12:00:00Z"])
            .current_dir(test.root())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&test.output());
        assert!(!now.is_empty(), "the output folder was missing after a kill at {delay_ms} ms");
        if now != old {
            // The kill came after the swap: then the output must be the whole new build.
            let rebuilt = test.build();
            assert_eq!(
                now,
                snapshot(&rebuilt.root),
                "output after a kill at {delay_ms} ms is neither the old nor the new build"
            );
            return;
        }
    }
    // Every kill came before the swap; the next build must still succeed over the leftovers.
    let rebuilt = test.build();
    assert_ne!(snapshot(&rebuilt.root), old);
    let leftovers: Vec<_> =
        fs::read_dir(test.root()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!leftovers.iter().any(|n| n.contains("statusforge-new") || n.contains("statusforge-old")), "{leftovers:?}");
}

/// A build that finds another build writing into the same output waits for it, instead of
/// sharing its staging folder; the lock is the OS's, so a killed build leaves none behind.
#[cfg(unix)]
#[test]
fn a_second_build_into_one_output_waits_for_the_first() {
    let test = SiteTest::fixture("minimal");
    let lock_path = test.root().join(".public.statusforge-lock");
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).unwrap();
    lock.lock().unwrap();
    let mut child = std::process::Command::new(common::BIN)
        .args(["build", "--now", "2026-11-25T12:00:00Z"])
        .current_dir(test.root())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the build did not wait for the lock");
    assert!(!test.root().join("public").exists(), "it wrote while another build held the folder");
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("waiting for another build"));
    assert!(test.root().join("public/index.html").is_file());
}
