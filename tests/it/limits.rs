//! Hostile and broken input: each limit is refused with a clear message naming the file.

use crate::common::SiteTest;
use std::fs;

fn json_diagnostics(test: &SiteTest) -> Vec<serde_json::Value> {
    let run = test.run(&["check", "--format", "json", "--now", "2026-11-25T12:00:00Z"]);
    serde_json::from_str::<Vec<serde_json::Value>>(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.all_output()))
}

fn find<'a>(diagnostics: &'a [serde_json::Value], kind: &str) -> &'a serde_json::Value {
    diagnostics.iter().find(|d| d["kind"] == kind).unwrap_or_else(|| panic!("no {kind} in {diagnostics:#?}"))
}

#[test]
fn a_file_over_one_mebibyte_is_refused_by_name() {
    let big = format!("---\ntitle: Big\n---\n\n## Investigating - 2026-11-20 10:00\n{}\n", "a".repeat(1024 * 1024));
    let test = SiteTest::fixture("minimal").file("content/incidents/2026-11-20-big.md", &big);
    let diagnostics = json_diagnostics(&test);
    let d = find(&diagnostics, "file-too-large");
    assert_eq!(d["file"], "content/incidents/2026-11-20-big.md");
    assert!(d["message"].as_str().unwrap().contains("the limit is 1048576"), "{d}");
}

#[test]
fn yaml_alias_expansion_is_refused() {
    let laughs = "---\ntitle: &a lol\nimpact: *a\n---\n\n## Investigating - 2026-11-20 10:00\nx\n";
    let test = SiteTest::fixture("minimal").file("content/incidents/2026-11-20-laughs.md", laughs);
    let d = find(&json_diagnostics(&test), "invalid-yaml").clone();
    assert_eq!(d["file"], "content/incidents/2026-11-20-laughs.md");
    assert_eq!(d["line"], 3);
    assert!(d["message"].as_str().unwrap().contains("aliases"), "{d}");
}

#[test]
fn a_billion_laughs_document_is_refused_quickly() {
    let mut yaml = String::from("---\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        yaml.push_str(&format!(
            "l{i}: &l{i} [*l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}]\n",
            p = i - 1
        ));
    }
    yaml.push_str("title: x\n---\n\n## Investigating - 2026-11-20 10:00\nx\n");
    let test = SiteTest::fixture("minimal").file("content/incidents/2026-11-20-laughs.md", &yaml);
    let d = find(&json_diagnostics(&test), "invalid-yaml").clone();
    assert!(d["message"].as_str().unwrap().contains("aliases"), "{d}");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let nested = format!("---\ntitle: x\nimpact: {}{}\n---\n", "[".repeat(200), "]".repeat(200));
    let test = SiteTest::fixture("minimal").file("content/incidents/2026-11-20-deep.md", &nested);
    let d = find(&json_diagnostics(&test), "invalid-yaml").clone();
    assert!(d["message"].as_str().unwrap().contains("nested more than"), "{d}");
    assert_eq!(d["line"], 3);
}

#[test]
fn deeply_nested_markdown_is_refused() {
    let body = format!("---\ntitle: x\n---\n\n## Investigating - 2026-11-20 10:00\n{}deep\n", "> ".repeat(5000));
    let test = SiteTest::fixture("minimal").file("content/incidents/2026-11-20-deep.md", &body);
    let d = find(&json_diagnostics(&test), "markdown-too-deep").clone();
    assert_eq!(d["file"], "content/incidents/2026-11-20-deep.md");
    assert_eq!(d["line"], 6);
}

#[test]
fn thousands_of_components_are_refused() {
    let mut yaml = String::from("components:\n");
    for i in 0..3000 {
        yaml.push_str(&format!("  - id: c{i}\n    name: C{i}\n"));
    }
    let test = SiteTest::fixture("minimal").file("content/components.yaml", &yaml);
    let d = find(&json_diagnostics(&test), "too-many-components").clone();
    assert!(d["message"].as_str().unwrap().contains("3000 components; the limit is 500"), "{d}");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_site_is_not_followed() {
    let outside = crate::common::temp_dir();
    fs::write(outside.path().join("secret.md"), "---\ntitle: secret\n---\n").unwrap();
    let test = SiteTest::fixture("minimal");
    std::os::unix::fs::symlink(outside.path(), test.root().join("content/incidents/linked")).unwrap();
    let d = find(&json_diagnostics(&test), "link-outside-site").clone();
    assert_eq!(d["file"], "content/incidents/linked");
}

#[cfg(unix)]
#[test]
fn links_inside_the_site_are_followed_in_path_order() {
    let test = SiteTest::fixture("minimal");
    let archive = test.root().join("archive");
    fs::create_dir_all(&archive).unwrap();
    let incident =
        |title: &str| format!("---\ntitle: {title}\nimpact: minor\n---\n\n## Resolved - 2026-11-19 10:00\nFixed.\n");
    fs::write(archive.join("2026-11-19-archived.md"), incident("Archived")).unwrap();
    fs::write(test.root().join("linked-file.md"), incident("Linked file")).unwrap();
    std::os::unix::fs::symlink(&archive, test.root().join("content/incidents/a-archive")).unwrap();
    std::os::unix::fs::symlink(test.root().join("linked-file.md"), test.root().join("content/incidents/z-one.md"))
        .unwrap();
    let checked = statusforge::check(test.root(), "2026-11-25T12:00:00Z".parse().unwrap(), None);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let paths: Vec<String> = checked.sources.incidents.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "content/incidents/2026-11-20-api-errors.md",
            "content/incidents/a-archive/2026-11-19-archived.md",
            "content/incidents/z-one.md"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_reported_not_followed_forever() {
    let test = SiteTest::fixture("minimal");
    std::os::unix::fs::symlink(test.root().join("content/incidents"), test.root().join("content/incidents/loop"))
        .unwrap();
    let d = find(&json_diagnostics(&test), "unreadable-file").clone();
    assert!(d["message"].as_str().unwrap().contains("loop"), "{d}");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    let test = SiteTest::fixture("minimal");
    // A dangling link cannot be read even by root, unlike a file with mode 000.
    std::os::unix::fs::symlink(
        test.root().join("nowhere.md"),
        test.root().join("content/incidents/2026-11-21-gone.md"),
    )
    .unwrap();
    let diagnostics = json_diagnostics(&test);
    let d = diagnostics
        .iter()
        .find(|d| d["file"] == "content/incidents/2026-11-21-gone.md")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(d["kind"], "broken-link", "{d}");
    assert!(d["message"].as_str().unwrap().contains("leads nowhere"), "{d}");
}

#[test]
fn an_output_folder_inside_content_or_equal_to_the_source_is_refused() {
    let test = SiteTest::fixture("minimal");
    for output in ["content/public", "."] {
        let run = test.run(&["build", "--output", output, "--now", "2026-11-25T12:00:00Z"]);
        assert_eq!(run.code, 2, "{output}: {}", run.all_output());
        assert!(run.stderr.contains("choose"), "{}", run.stderr);
    }
    assert!(!test.root().join("content/public").exists());
}

#[test]
fn an_output_folder_statusforge_did_not_make_is_left_alone() {
    let test = SiteTest::fixture("minimal").file("public/notes.txt", "mine");
    let run = test.try_build();
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("was not made by statusforge"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(test.root().join("public/notes.txt")).unwrap(), "mine");
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let test = SiteTest::fixture("minimal");
    let built = test.build();
    let before: Vec<(String, Vec<u8>)> =
        built.files().into_iter().map(|f| (f.clone(), fs::read(built.root.join(&f)).unwrap())).collect();
    let test = test.file("content/incidents/2026-11-22-broken.md", "---\ntitle: x\nimpact: huge\n---\n");
    let run = test.try_build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    let after: Vec<(String, Vec<u8>)> =
        built.files().into_iter().map(|f| (f.clone(), fs::read(built.root.join(&f)).unwrap())).collect();
    assert_eq!(before, after);
}

/// A bind mount of a folder of the same file system is a mount point too: refused up front
/// with the reason, nothing left beside it. Needs root to mount; skipped (and says so) without.
#[cfg(target_os = "linux")]
#[test]
fn a_bind_mounted_output_folder_is_refused_and_nothing_is_left() {
    let test = SiteTest::fixture("minimal");
    let out = test.root().join("mounted/out");
    std::fs::create_dir_all(&out).unwrap();
    let mounted = std::process::Command::new("mount").args(["--bind"]).arg(&out).arg(&out).output();
    if !mounted.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot bind-mount here (needs root)");
        return;
    }
    let run = test.run(&["build", "--output", out.to_str().unwrap()]);
    let _ = std::process::Command::new("umount").arg(&out).status();
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("is a mount point"), "{}", run.stderr);
    let left: Vec<_> =
        std::fs::read_dir(test.root().join("mounted")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().contains("statusforge-new")), "{left:?}");
}

/// An --output that is a link to nothing is refused before anything is rendered, by name.
#[cfg(unix)]
#[test]
fn an_output_link_to_nothing_is_refused_up_front() {
    let test = SiteTest::fixture("minimal");
    std::os::unix::fs::symlink(test.root().join("missing/out"), test.root().join("outl")).unwrap();
    for output in ["outl", "outl/", "outl/.", "./outl/"] {
        let run = test.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "{output}: {}", run.all_output());
        assert!(run.stderr.contains("is a symbolic link to a folder that does not exist"), "{output}: {}", run.stderr);
        assert!(!test.root().join(".outl.statusforge-new").exists(), "{output}: rendered before refusing");
    }
}
