//! `statusforge serve` as a user runs it: a real process on a free port, real edits.

use crate::common::{SiteTest, BIN};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The server process, killed when the test ends (also on failure).
struct Served {
    child: Child,
    address: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(test: &SiteTest) -> Served {
    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0", "--now", "2026-11-25T12:00:00Z"])
        .current_dir(test.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Served { child, address }
}

fn get(served: &Served, path: &str) -> (u16, String) {
    let (status, _, body) = request(served, path);
    (status, body)
}

/// A GET's status, header fields (lowercase names) and body.
fn request(served: &Served, path: &str) -> (u16, Vec<(String, String)>, String) {
    let mut stream = TcpStream::connect(&served.address).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", served.address).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let fields = head
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    (status, fields, body.to_string())
}

/// A page's address without its final slash is redirected to it, as static hosts do: served
/// in place it went out as text/plain, and its relative links resolved one folder too high.
#[test]
fn a_page_without_its_trailing_slash_is_redirected_to_it() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    for (path, location) in [
        ("/incidents/2026-11-20-api-errors", "/incidents/2026-11-20-api-errors/"),
        ("/components/api?from=mail", "/components/api/?from=mail"),
        ("/history", "/history/"),
    ] {
        let (status, fields, _) = request(&served, path);
        assert_eq!(status, 301, "{path}: {fields:?}");
        let found = fields.iter().find(|(name, _)| name == "location").map(|(_, value)| value.as_str());
        assert_eq!(found, Some(location), "{path}");
    }
    let (status, fields, page) = request(&served, "/incidents/2026-11-20-api-errors/");
    assert_eq!(status, 200);
    assert!(fields.contains(&("content-type".to_string(), "text/html; charset=utf-8".to_string())), "{fields:?}");
    assert!(page.contains("<html"), "{page}");
    assert_eq!(get(&served, "/incidents/no-such-incident").0, 404);
}

/// The status files widgets read from other origins carry CORS as on the published site, so
/// `embed.js` on a page of another port can be tried against `serve`; pages do not.
#[test]
fn status_files_are_readable_from_other_origins_as_when_published() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let cors = |path: &str| {
        let (status, fields, _) = request(&served, path);
        assert_eq!(status, 200, "{path}");
        fields.iter().find(|(name, _)| name == "access-control-allow-origin").map(|(_, v)| v.clone())
    };
    assert_eq!(cors("/status.json").as_deref(), Some("*"));
    assert_eq!(cors("/api/v2/summary.json").as_deref(), Some("*"));
    assert_eq!(cors("/"), None);
}

/// Polls until `check` holds or a generous deadline passes; file watching is asynchronous.
fn eventually(served: &Served, path: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = get(served, path);
        if check(&body) || Instant::now() > deadline {
            return body;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

const INCIDENT: &str = "content/incidents/2026-11-20-api-errors.md";

/// A vendor snapshot kept elsewhere in the repository and linked into content/upstream/: its
/// target's edits reach the page at the next rebuild, as they do in a fresh build. (It was
/// taken from memory whenever the watcher had not named the link itself.)
#[test]
fn a_linked_vendor_snapshot_is_read_again_on_each_rebuild() {
    // Fetched before serve's clock (a snapshot from after it is not shown).
    let snapshot = std::fs::read_to_string(crate::common::fixtures().join("upstream-snapshot.json"))
        .unwrap()
        .replace("2026-12-03T08:00:00Z", "2026-11-25T08:00:00Z");
    let test = crate::upstream::minimal_with(crate::upstream::VENDOR).file("snaps/vendor.json", &snapshot);
    std::fs::create_dir_all(test.root().join("content/upstream")).unwrap();
    std::os::unix::fs::symlink("../../snaps/vendor.json", test.root().join("content/upstream/vendor.json")).unwrap();
    let served = serve(&test);
    assert!(eventually(&served, "/", |page| page.contains("st-partial_outage")).contains("st-partial_outage"));
    std::fs::write(test.root().join("snaps/vendor.json"), snapshot.replace("partial_outage", "major_outage")).unwrap();
    // Whatever starts the rebuild (here an incident's edit), the link's target is read again.
    let incident = std::fs::read_to_string(test.root().join(INCIDENT)).unwrap();
    std::fs::write(test.root().join(INCIDENT), incident.replacen("title: ", "title: Edited ", 1)).unwrap();
    let page = eventually(&served, "/", |page| page.contains("st-major_outage") && page.contains("Edited "));
    assert!(page.contains("Edited "), "no rebuild happened");
    assert!(page.contains("st-major_outage"), "the linked snapshot was served stale");
}

#[test]
fn an_edited_incident_is_served_after_the_rebuild() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let (status, page) = get(&served, "/incidents/2026-11-20-api-errors/");
    assert_eq!(status, 200);
    assert!(page.contains("API errors"), "{page}");
    assert!(page.contains("/__statusforge/reload.js"), "serve mode injects the reload script");
    let text = std::fs::read_to_string(test.root().join(INCIDENT)).unwrap();
    std::fs::write(test.root().join(INCIDENT), text.replace("title: API errors", "title: API errors on EU cluster"))
        .unwrap();
    let page = eventually(&served, "/incidents/2026-11-20-api-errors/", |b| b.contains("API errors on EU cluster"));
    assert!(page.contains("API errors on EU cluster"), "the change was not served:\n{page}");
}

#[test]
fn a_broken_file_keeps_the_last_good_build_and_reports_the_error() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let (_, before) = get(&served, "/incidents/2026-11-20-api-errors/");
    let text = std::fs::read_to_string(test.root().join(INCIDENT)).unwrap();
    std::fs::write(test.root().join(INCIDENT), text.replace("impact: major", "impact: huge")).unwrap();
    let status = eventually(&served, "/__statusforge/status", |b| b.contains("unknown-impact"));
    assert!(status.contains("unknown impact `huge`"), "{status}");
    assert!(status.contains("still serving the last good build"), "{status}");
    let (code, after) = get(&served, "/incidents/2026-11-20-api-errors/");
    assert_eq!(code, 200);
    assert_eq!(after, before, "the last good page is still served");
}

#[test]
fn incidents_added_in_a_new_folder_and_removed_are_served_after_the_rebuild() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let incident = std::fs::read_to_string(test.root().join(INCIDENT)).unwrap();
    // A folder made with a file in it at once: the watcher may see only the folder.
    let folder = test.root().join("content/incidents/archive");
    let staged = test.root().join("archive-staged");
    std::fs::create_dir(&staged).unwrap();
    std::fs::write(staged.join("2026-11-19-queue.md"), incident.replace("title: API errors", "title: Queue stalls"))
        .unwrap();
    std::fs::rename(&staged, &folder).unwrap();
    let page = eventually(&served, "/incidents/2026-11-19-queue/", |b| b.contains("Queue stalls"));
    assert!(page.contains("Queue stalls"), "the incident in the new folder was not served:\n{page}");
    std::fs::remove_file(test.root().join(INCIDENT)).unwrap();
    let history = eventually(&served, "/history/", |b| !b.contains("2026-11-20-api-errors"));
    assert!(!history.contains("2026-11-20-api-errors"), "the removed incident is still listed:\n{history}");
    assert!(history.contains("2026-11-19-queue"), "{history}");
}

/// Clients that ask for a large page and never read it must not stop the preview answering.
#[test]
fn stalled_clients_do_not_block_the_others() {
    let body: String = (0..9000).map(|i| format!("Line {i} of a long update about a long outage.\n\n")).collect();
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-21-long.md",
        &format!(
            "---\ntitle: Long\nimpact: minor\ncomponents: [api]\n---\n\n## Investigating - 2026-11-21 10:00\n{body}"
        ),
    );
    let served = serve(&test);
    // Pipelined requests for far more bytes than the socket buffers hold, never read.
    let stalled: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = TcpStream::connect(&served.address).unwrap();
            for _ in 0..40 {
                write!(stream, "GET /incidents/2026-11-21-long/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            }
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let (tx, rx) = std::sync::mpsc::channel();
    let address = served.address.clone();
    std::thread::spawn(move || {
        let probe = Served { child: Command::new("true").spawn().unwrap(), address };
        let _ = tx.send(get(&probe, "/status.json").0);
    });
    let status = rx.recv_timeout(Duration::from_secs(20));
    assert_eq!(status, Ok(200), "the preview stopped answering behind stalled clients");
    drop(stalled);
}

/// The resident memory of a process, in KiB, from /proc (Linux).
fn resident_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap_or("VmRSS: 0 kB");
    line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// A header line that never ends is cut off at the cap and answered 431; the server does not
/// grow with it, and others are still answered.
#[test]
fn an_endless_header_is_refused_without_growing_the_server() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let before = resident_kib(served.child.id());
    let mut stream = TcpStream::connect(&served.address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Endless: ");
        let chunk = vec![b'a'; 1 << 20];
        // 256 MiB offered; the server stops reading long before, so writing fails or stalls.
        for _ in 0..256 {
            if writer.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    drop(stream);
    let _ = sender.join();
    let after = resident_kib(served.child.id());
    assert!(after < before + 32 * 1024, "the server grew from {before} KiB to {after} KiB");
    assert_eq!(get(&served, "/status.json").0, 200);
}

/// Clients that open a connection and send half a request hold only their own connection.
#[test]
fn half_sent_requests_do_not_block_the_others() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let stuck: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut stream = TcpStream::connect(&served.address).unwrap();
            stream.write_all(b"GET /status.json HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
            stream
        })
        .collect();
    let (status, body) = get(&served, "/status.json");
    assert_eq!(status, 200);
    assert!(body.contains("\"status\""), "{body}");
    // Methods other than GET and HEAD get 405; HEAD gets the length and no body.
    let mut stream = TcpStream::connect(&served.address).unwrap();
    write!(
        stream,
        "DELETE / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /status.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut both = String::new();
    stream.read_to_string(&mut both).unwrap();
    assert!(both.starts_with("HTTP/1.1 405 "), "{both}");
    let head = &both[both.find("HTTP/1.1 200").expect("the pipelined HEAD is answered")..];
    assert!(head.ends_with("\r\n\r\n"), "HEAD carries no body: {head}");
    drop(stuck);
}

/// Clients that open hundreds of connections and send nothing: once half the connections are
/// taken, idle ones are dropped within seconds, so a browser gets in again soon.
#[test]
fn many_idle_connections_make_room_within_seconds() {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_default();
    let open_files: u64 = limits
        .lines()
        .find(|l| l.starts_with("Max open files"))
        .and_then(|l| l.split_whitespace().nth(3)?.parse().ok())
        .unwrap_or(0);
    if open_files < 2_500 {
        eprintln!("skipped: {open_files} open files allowed, too few to fill the preview's 1,024 connections");
        return;
    }
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let idle: Vec<TcpStream> = (0..1100).filter_map(|_| TcpStream::connect(&served.address).ok()).collect();
    assert!(idle.len() > 1024, "could open only {} connections", idle.len());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        let attempt = std::panic::catch_unwind(|| get(&served, "/status.json").0);
        match attempt {
            Ok(200) => break 200,
            _ if Instant::now() > deadline => break 0,
            _ => std::thread::sleep(Duration::from_millis(200)),
        }
    };
    assert_eq!(status, 200, "the preview stayed full of idle connections");
    drop(idle);
}

/// A site broken from the start: every address shows a page that draws the problems over it
/// (the reload script) and is replaced by the site once the file is fixed.
#[test]
fn a_site_broken_from_the_start_shows_its_problems_then_the_site_once_fixed() {
    let test = SiteTest::fixture("minimal");
    let path = test.root().join(INCIDENT);
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, good.replace("impact: major", "impact: huge")).unwrap();
    let served = serve(&test);
    let (status, page) = get(&served, "/incidents/2026-11-20-api-errors/");
    assert_eq!(status, 503, "{page}");
    assert!(page.contains("/__statusforge/reload.js"), "the waiting page reloads by itself: {page}");
    let (_, state) = get(&served, "/__statusforge/status");
    assert!(state.contains("unknown impact `huge`"), "{state}");
    // There is no earlier build to fall back on, and the overlay does not claim one.
    let errors: serde_json::Value = serde_json::from_str(&state).unwrap();
    let errors = errors["errors"].as_str().unwrap_or_default();
    assert!(!errors.contains("last good build"), "{errors}");
    assert!(errors.contains("no build to serve yet"), "{errors}");
    std::fs::write(&path, &good).unwrap();
    let page = eventually(&served, "/incidents/2026-11-20-api-errors/", |b| b.contains("API errors"));
    assert!(page.contains("Looking into errors on the API."), "the fixed site was not served:\n{page}");
}

/// A folder made beside the site and renamed into place at once: a watcher sees only its name.
fn move_in(test: &SiteTest, staged: &str, to: &str) {
    std::fs::rename(test.root().join(staged), test.root().join(to)).unwrap();
}

/// `themes/` made after `serve` started is watched from then on: the theme the site names
/// appears, and edits to it are served.
#[test]
fn a_themes_folder_made_while_serving_is_watched() {
    let site = std::fs::read_to_string(crate::common::fixtures().join("minimal/content/site.yaml")).unwrap();
    let test = SiteTest::fixture("minimal")
        .file("content/site.yaml", &format!("{site}theme: acme\n"))
        .file("themes.new/acme/templates/partials/footer.html", "<footer>Acme footer</footer>\n");
    let served = serve(&test);
    let (status, _) = get(&served, "/incidents/2026-11-20-api-errors/");
    assert_eq!(status, 503, "the theme the site names is missing");
    move_in(&test, "themes.new", "themes");
    let page = eventually(&served, "/incidents/2026-11-20-api-errors/", |b| b.contains("Acme footer"));
    assert!(page.contains("Acme footer"), "the new theme was not served:\n{page}");
    let footer = test.root().join("themes/acme/templates/partials/footer.html");
    std::fs::write(&footer, "<footer>Acme footer, edited</footer>\n").unwrap();
    let page = eventually(&served, "/incidents/2026-11-20-api-errors/", |b| b.contains("footer, edited"));
    assert!(page.contains("Acme footer, edited"), "an edit in the new themes/ was not served:\n{page}");
}

/// `content/` swapped for another folder (a `git checkout`, a sync tool): the new one is read
/// as a whole and watched from then on.
#[test]
fn a_content_folder_swapped_while_serving_is_served_and_watched() {
    let test = SiteTest::fixture("minimal");
    let served = serve(&test);
    let (_, page) = get(&served, "/");
    assert!(page.contains("Minimal Status"), "{page}");
    crate::common::copy_dir(&test.root().join("content"), &test.root().join("content.new"));
    let site = test.root().join("content.new/site.yaml");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replace("title: Minimal Status", "title: Swapped Status")).unwrap();
    move_in(&test, "content", "content.old");
    move_in(&test, "content.new", "content");
    let page = eventually(&served, "/", |b| b.contains("Swapped Status"));
    assert!(page.contains("Swapped Status"), "the swapped content/ was not served:\n{page}");
    let incident = std::fs::read_to_string(test.root().join(INCIDENT)).unwrap();
    std::fs::write(test.root().join(INCIDENT), incident.replace("title: API errors", "title: API errors again"))
        .unwrap();
    let page = eventually(&served, "/incidents/2026-11-20-api-errors/", |b| b.contains("API errors again"));
    assert!(page.contains("API errors again"), "an edit in the new content/ was not served:\n{page}");
}
