//! `statusforge deploy` against a real S3-compatible server: moto's, started on 127.0.0.1 once
//! for the test process (each test has its own bucket) and stopped when the process ends.
//! Objects are read back with signed requests.

use crate::common;

use crate::common::{SiteTest, BIN};
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// Distinctive fake credentials: moto accepts any, and none of them may ever be printed.
const KEY_ID: &str = "AKIDFAKE7QWERTYZX";
const SECRET: &str = "fakeSecretKey/9PlumVoltAardvark";
const TOKEN: &str = "fakeSessionTokenZebraQuokka42";
const SIGNED_FOR: Duration = Duration::from_secs(600);

/// The moto server of this test process. Starting one takes a second of Python imports, so
/// the tests share it, each with its own bucket.
struct Moto {
    endpoint: String,
    /// The write end of the guard's stdin: when the test process ends it closes, and the guard
    /// (see `start`) stops moto. A static is never dropped, so `Drop` could not do it.
    _guard: Child,
}

fn on_path(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// The command line of moto's server.
fn moto_command() -> Vec<String> {
    if let Some(server) = on_path("moto_server") {
        return vec![server.display().to_string()];
    }
    let module = Command::new("python3").args(["-c", "import moto.server"]).output();
    if module.is_ok_and(|out| out.status.success()) {
        return vec!["python3".into(), "-m".into(), "moto.server".into()];
    }
    panic!(
        "the deploy tests need moto's S3 server, which is not installed: \
         run `python3 -m pip install 'moto[server]'` (or see .ci/run)"
    );
}

impl Moto {
    fn start() -> &'static Moto {
        static SERVER: std::sync::OnceLock<Moto> = std::sync::OnceLock::new();
        SERVER.get_or_init(Moto::spawn)
    }

    fn spawn() -> Moto {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        // The guard runs moto in the background and stops it once its stdin, held open by
        // this process, reaches its end: when the tests finish or are killed.
        let guard = "\"$@\" >/dev/null 2>&1 </dev/null & moto=$!; read -r _; kill $moto; wait $moto";
        let mut args = moto_command();
        args.extend(["-H".into(), "127.0.0.1".into(), "-p".into(), port.to_string()]);
        let child = Command::new("sh")
            .arg("-c")
            .arg(guard)
            .arg("moto-guard")
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        // Waiting for a child process to listen has no event to block on; poll the port, with a
        // generous bound so a loaded machine does not fail the test.
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Moto { endpoint: format!("http://127.0.0.1:{port}"), _guard: child }
    }

    /// A new, empty bucket on this server.
    fn bucket(&self, name: &'static str) -> Store {
        let bucket = Bucket::new(self.endpoint.parse().unwrap(), UrlStyle::Path, name, "us-east-1").unwrap();
        let store = Store { bucket, credentials: Credentials::new(KEY_ID, SECRET), endpoint: self.endpoint.clone() };
        let url = store.bucket.create_bucket(&store.credentials).sign(SIGNED_FOR);
        let response = agent().put(url.as_str()).send_empty().unwrap();
        assert!(response.status().is_success(), "create bucket: {}", response.status());
        store
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// A bucket, read back with signed requests.
struct Store {
    bucket: Bucket,
    credentials: Credentials,
    endpoint: String,
}

struct Head {
    status: u16,
    content_type: String,
    cache_control: String,
}

impl Store {
    fn keys(&self) -> BTreeSet<String> {
        let url = self.bucket.list_objects_v2(Some(&self.credentials)).sign(SIGNED_FOR);
        let body = agent().get(url.as_str()).call().unwrap().body_mut().read_to_string().unwrap();
        let page = rusty_s3::actions::ListObjectsV2::parse_response(&body).unwrap();
        assert!(page.next_continuation_token.is_none(), "test sites fit in one page");
        page.contents.into_iter().map(|o| o.key).collect()
    }

    fn head(&self, key: &str) -> Head {
        let url = self.bucket.head_object(Some(&self.credentials), key).sign(SIGNED_FOR);
        let response = agent().head(url.as_str()).call().unwrap();
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        Head {
            status: response.status().as_u16(),
            content_type: header("content-type"),
            cache_control: header("cache-control"),
        }
    }

    fn put(&self, key: &str, body: &str) {
        let url = self.bucket.put_object(Some(&self.credentials), key).sign(SIGNED_FOR);
        assert!(agent().put(url.as_str()).send(body).unwrap().status().is_success());
    }

    /// `statusforge deploy --to s3://<bucket>/<prefix> <extra>` in the site folder, with the
    /// fake credentials in the environment and nothing from the real one.
    fn deploy(&self, site: &SiteTest, prefix: &str, extra: &[&str]) -> common::Run {
        let to = format!("s3://{}/{prefix}", self.bucket.name());
        let mut args = vec!["deploy", "--to", &to, "--endpoint", &self.endpoint];
        args.extend(extra);
        deploy_command(site.root(), &args)
    }
}

fn deploy_command(dir: &Path, args: &[&str]) -> common::Run {
    let output = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("AWS_ACCESS_KEY_ID", KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .output()
        .expect("run statusforge");
    common::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The files a build wrote, as object keys under `prefix` (the marker is not one).
fn local_keys(site: &SiteTest, prefix: &str) -> BTreeSet<String> {
    let root = site.output();
    walkdir::WalkDir::new(&root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).unwrap().to_str().unwrap().replace('\\', "/"))
        .filter(|p| p != ".statusforge-output")
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// Keys of the `<action> <key>` lines a run printed, in order.
fn lines(text: &str, action: &str) -> Vec<String> {
    text.lines().filter_map(|l| l.strip_prefix(action)).map(|k| k.trim().to_string()).collect()
}

fn assert_ok(run: &common::Run) {
    assert_eq!(run.code, 0, "deploy failed:\n{}", run.all_output());
}

#[test]
fn every_file_is_published_under_the_prefix_with_its_headers() {
    let moto = Moto::start();
    let store = moto.bucket("headers");
    let site = SiteTest::example();
    site.build();
    let run = store.deploy(&site, "status", &[]);
    assert_ok(&run);

    let expected = local_keys(&site, "status/");
    assert!(expected.contains("status/index.html") && expected.contains("status/_headers"), "{expected:?}");
    assert_eq!(store.keys(), expected);
    assert!(!store.keys().iter().any(|k| k.contains(".statusforge-output")));

    let json = store.head("status/status.json");
    assert_eq!(json.content_type, "application/json");
    assert_eq!(json.cache_control, "public, max-age=60, stale-while-revalidate=30, stale-if-error=86400");
    let page = store.head("status/index.html");
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert!(page.cache_control.contains("max-age=60"), "{}", page.cache_control);
    let asset = expected.iter().find(|k| k.starts_with("status/assets/")).expect("an asset");
    let asset = store.head(asset);
    assert_eq!(asset.status, 200);
    assert_eq!(asset.cache_control, "public, max-age=31536000, immutable");
    let n = expected.len();
    assert!(run.stdout.contains(&format!("uploaded {n}, unchanged 0, deleted 0 in ")), "{}", run.stdout);
}

#[test]
fn a_second_deploy_of_the_same_build_uploads_nothing() {
    let moto = Moto::start();
    let store = moto.bucket("again");
    let site = SiteTest::example();
    site.build();
    assert_ok(&store.deploy(&site, "", &[]));
    let again = store.deploy(&site, "", &[]);
    assert_ok(&again);
    let n = local_keys(&site, "").len();
    assert!(again.stdout.contains(&format!("uploaded 0, unchanged {n}, deleted 0 in ")), "{}", again.all_output());
}

#[test]
fn removing_an_incident_deletes_exactly_its_objects_and_nothing_outside_the_prefix() {
    let moto = Moto::start();
    let store = moto.bucket("removal");
    store.put("elsewhere/index.html", "not ours");
    let site = SiteTest::example();
    site.build();
    assert_ok(&store.deploy(&site, "site", &[]));
    let before = local_keys(&site, "site/");

    let site = site.remove("content/incidents/2026-05-19-api-5xx-errors.md");
    site.build();
    let after = local_keys(&site, "site/");
    let run = store.deploy(&site, "site", &[]);
    assert_ok(&run);

    let gone: BTreeSet<String> = before.difference(&after).cloned().collect();
    assert!(!gone.is_empty(), "removing an incident removed no file");
    assert_eq!(lines(&run.stderr, "delete").into_iter().collect::<BTreeSet<_>>(), gone);
    let mut remaining = after.clone();
    remaining.insert("elsewhere/index.html".into());
    assert_eq!(store.keys(), remaining);
}

#[test]
fn assets_are_uploaded_first_and_the_front_page_last() {
    let moto = Moto::start();
    let store = moto.bucket("order");
    let site = SiteTest::example();
    site.build();
    let plan = store.deploy(&site, "", &["--dry-run"]);
    assert_ok(&plan);
    let run = store.deploy(&site, "", &[]);
    assert_ok(&run);

    let uploads = lines(&run.stderr, "upload");
    assert_eq!(uploads, lines(&plan.stdout, "upload"), "the dry run shows the real order");
    assert_eq!(uploads.last().map(String::as_str), Some("index.html"));
    let first_other = uploads.iter().position(|k| !k.starts_with("assets/")).unwrap();
    assert!(first_other > 0, "no asset uploaded first: {uploads:?}");
    assert!(uploads[first_other..].iter().all(|k| !k.starts_with("assets/")), "{uploads:?}");
    let first_page = uploads.iter().position(|k| k.ends_with(".html")).unwrap();
    assert!(uploads[first_page..].iter().all(|k| k.ends_with(".html")), "{uploads:?}");
}

#[test]
fn a_dry_run_prints_the_plan_and_sends_nothing() {
    let moto = Moto::start();
    let store = moto.bucket("dry");
    let site = SiteTest::example();
    site.build();
    let run = store.deploy(&site, "p", &["--dry-run"]);
    assert_ok(&run);
    assert!(store.keys().is_empty(), "a dry run uploaded {:?}", store.keys());
    assert_eq!(lines(&run.stdout, "upload").into_iter().collect::<BTreeSet<_>>(), local_keys(&site, "p/"));

    assert_ok(&store.deploy(&site, "p", &[]));
    store.put("p/stale.json", "{}");
    let run = store.deploy(&site, "p", &["--dry-run"]);
    assert_ok(&run);
    assert_eq!(lines(&run.stdout, "delete"), ["p/stale.json"]);
    assert!(lines(&run.stdout, "upload").is_empty(), "{}", run.stdout);
    assert_eq!(lines(&run.stdout, "skip").len(), local_keys(&site, "").len());
    assert!(store.keys().contains("p/stale.json"), "a dry run deleted");
}

#[test]
fn credentials_never_appear_in_the_output() {
    let moto = Moto::start();
    let store = moto.bucket("secret");
    let site = SiteTest::example();
    site.build();
    let ok = store.deploy(&site, "", &[]);
    assert_ok(&ok);
    let missing_bucket = deploy_command(site.root(), &["deploy", "--to", "s3://nope", "--endpoint", &moto.endpoint]);
    assert_eq!(missing_bucket.code, 2, "{}", missing_bucket.all_output());
    assert!(missing_bucket.stderr.contains("NoSuchBucket"), "{}", missing_bucket.stderr);
    for run in [&ok, &missing_bucket] {
        let text = run.all_output();
        for secret in [KEY_ID, SECRET, TOKEN, "X-Amz-Credential", "X-Amz-Signature"] {
            assert!(!text.contains(secret), "printed {secret}:\n{text}");
        }
    }
}

#[test]
fn a_folder_that_build_did_not_write_is_refused() {
    let dir = crate::common::temp_dir();
    std::fs::create_dir(dir.path().join("public")).unwrap();
    std::fs::write(dir.path().join("public/index.html"), "<p>not ours</p>").unwrap();
    let run = deploy_command(dir.path(), &["deploy", "--to", "s3://b/p", "--endpoint", "http://127.0.0.1:9"]);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("not a statusforge output folder"), "{}", run.stderr);
}

/// At a bucket's root other things may live: what the build does not have is kept (and the
/// dry run says so) unless `--prune` says to delete it.
#[test]
fn deploying_to_a_bucket_root_keeps_other_objects_unless_told_to_prune() {
    let moto = Moto::start();
    let store = moto.bucket("root");
    store.put("downloads/app.zip", "someone else's");
    let site = SiteTest::fixture("minimal");
    site.build();
    let dry = store.deploy(&site, "", &["--dry-run"]);
    assert_ok(&dry);
    assert_eq!(lines(&dry.stdout, "keep"), ["downloads/app.zip"]);
    assert!(lines(&dry.stdout, "delete").is_empty());
    let run = store.deploy(&site, "", &[]);
    assert_ok(&run);
    assert!(run.stderr.contains("kept 1 objects at the bucket's root"), "{}", run.stderr);
    assert!(store.keys().contains("downloads/app.zip"));
    let pruned = store.deploy(&site, "", &["--prune"]);
    assert_ok(&pruned);
    assert_eq!(lines(&pruned.stderr, "delete"), ["downloads/app.zip"]);
    assert_eq!(store.keys(), local_keys(&site, ""));
}
