//! `SiteTest`: builds real sites in temp folders with the real binary and reads the output
//! back, in the manner of mdBook's `BookTest`.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_statusforge");

/// A site folder in a temp dir, made from a fixture or from files given inline. A clone is
/// the same folder (with its own clock and arguments).
#[derive(Clone)]
pub(crate) struct SiteTest {
    /// Shared with every `Built` made from it, so `SiteTest::fixture(..).build()` in one
    /// expression keeps its folder until the output is read.
    pub dir: std::sync::Arc<tempfile::TempDir>,
    now: String,
    extra_args: Vec<String>,
}

/// What a command printed and returned.
#[derive(Debug)]
pub(crate) struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub(crate) fn all_output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// A temp folder for one test. It is made in memory (`/dev/shm`) where the machine has one:
/// the tests check behaviour, not disks, and on a disk slow at creating files they ran a fifth
/// slower. `STATUSFORGE_TEST_TMPDIR` names another place, e.g. to run them on a real disk.
pub(crate) fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("statusforge-test-").tempdir_in(temp_root()).expect("a temp folder")
}

fn temp_root() -> PathBuf {
    // Decided once per test process: every test would otherwise probe the folder again.
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        if let Some(dir) = std::env::var_os("STATUSFORGE_TEST_TMPDIR") {
            return dir.into();
        }
        let shm = Path::new("/dev/shm");
        if tempfile::tempdir_in(shm).is_ok() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        }
    })
    .clone()
}

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl SiteTest {
    /// An empty site folder; add files with `file`.
    pub(crate) fn empty() -> SiteTest {
        SiteTest { dir: std::sync::Arc::new(temp_dir()), now: "2026-11-25T12:00:00Z".into(), extra_args: Vec::new() }
    }

    /// A copy of `tests/fixtures/<name>/`.
    pub(crate) fn fixture(name: &str) -> SiteTest {
        let test = SiteTest::empty();
        copy_dir(&fixtures().join(name), test.dir.path());
        test
    }

    /// A copy of the example site shipped in `content/`.
    pub(crate) fn example() -> SiteTest {
        let test = SiteTest::empty();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &test.dir.path().join("content"));
        test
    }

    /// Writes (or replaces) a file of the site, e.g. `content/incidents/x.md`.
    pub(crate) fn file(self, path: &str, text: &str) -> SiteTest {
        let full = self.dir.path().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
        self
    }

    pub(crate) fn remove(self, path: &str) -> SiteTest {
        fs::remove_file(self.dir.path().join(path)).unwrap();
        self
    }

    /// The build's clock, RFC 3339.
    pub(crate) fn now(mut self, now: &str) -> SiteTest {
        self.now = now.into();
        self
    }

    pub(crate) fn arg(mut self, arg: &str) -> SiteTest {
        self.extra_args.push(arg.into());
        self
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Runs `statusforge <args>` in the site folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("run statusforge");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `statusforge check` at the test's clock.
    pub(crate) fn check(&self) -> Run {
        let mut args = vec!["check", "--now", &self.now];
        args.extend(self.extra_args.iter().map(String::as_str));
        self.run(&args)
    }

    /// `statusforge build` at the test's clock into `public/`; panics with the output on failure.
    pub(crate) fn build(&self) -> Built {
        let run = self.try_build();
        assert_eq!(run.code, 0, "build failed:\n{}", run.all_output());
        Built { root: self.output(), _site: self.dir.clone() }
    }

    pub(crate) fn try_build(&self) -> Run {
        let mut args = vec!["build", "--now", &self.now];
        args.extend(self.extra_args.iter().map(String::as_str));
        self.run(&args)
    }
}

/// A built output folder.
pub(crate) struct Built {
    pub root: PathBuf,
    /// The site's folder stays while its output is read.
    _site: std::sync::Arc<tempfile::TempDir>,
}

impl Built {
    pub(crate) fn exists(&self, path: &str) -> bool {
        self.root.join(path).is_file()
    }

    pub(crate) fn text(&self, path: &str) -> String {
        fs::read_to_string(self.root.join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    pub(crate) fn json(&self, path: &str) -> serde_json::Value {
        serde_json::from_str(&self.text(path)).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"))
    }

    pub(crate) fn html(&self, path: &str) -> scraper::Html {
        scraper::Html::parse_document(&self.text(path))
    }

    /// Every file, relative, sorted.
    pub(crate) fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(&self.root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&self.root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        files.sort();
        files
    }
}

/// Texts of every element matching a CSS selector, whitespace collapsed.
pub(crate) fn select_texts(html: &scraper::Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    html.select(&selector)
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// A folder served over HTTP on 127.0.0.1 (a free port) until dropped: a release page, a
/// live site.
pub(crate) struct StaticServer {
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub url: String,
}

impl StaticServer {
    pub(crate) fn serve(root: PathBuf) -> StaticServer {
        StaticServer::serve_with(root, None)
    }

    /// `serve`, adding `header` (name, value) to every answer.
    pub(crate) fn serve_with(root: PathBuf, header: Option<(&'static str, &'static str)>) -> StaticServer {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let serving = server.clone();
        let header_added = header;
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                // As a static host serves it: a folder's index.html, with its content type.
                let target = request.url().split('?').next().unwrap_or("").trim_start_matches('/');
                let target = if target.is_empty() || target.ends_with('/') {
                    format!("{target}index.html")
                } else {
                    target.to_string()
                };
                let _ = match fs::read(root.join(&target)) {
                    Ok(bytes) => {
                        let kind = statusforge::output::content_type(&target);
                        let header = tiny_http::Header::from_bytes("Content-Type", kind).unwrap();
                        let mut response = tiny_http::Response::from_data(bytes).with_header(header);
                        if let Some((name, value)) = header_added {
                            response.add_header(tiny_http::Header::from_bytes(name, value).unwrap());
                        }
                        request.respond(response)
                    }
                    Err(_) => request.respond(tiny_http::Response::empty(404)),
                };
            }
        });
        StaticServer { server, thread: Some(thread), url }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The theme's own scripts in a page, each checked to be inline (no `src`) and allowed by the
/// page's content security policy through its SHA-256 hash, with no `'unsafe-inline'`: content
/// can add no script the browser would run. Returns how many there are.
pub(crate) fn scripts_allowed_by_hash(html: &scraper::Html, page: &str) -> usize {
    use base64::Engine;
    use sha2::Digest;
    let policy = scraper::Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    let policy = html.select(&policy).next().and_then(|m| m.value().attr("content")).unwrap_or_default();
    assert!(!policy.contains("unsafe-inline"), "{page}: {policy}");
    let scripts = scraper::Selector::parse("script").unwrap();
    let mut count = 0;
    for script in html.select(&scripts) {
        assert!(script.value().attr("src").is_none(), "{page}: a script loads {:?}", script.value().attr("src"));
        let text: String = script.text().collect();
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()));
        assert!(policy.contains(&format!("'sha256-{hash}'")), "{page}: a script its policy does not allow:\n{text}");
        count += 1;
    }
    count
}
