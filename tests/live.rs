//! `check --live URL --max-age D`: the live site's generation time, read from its status.json
//! over HTTP, against a maximum age.

mod common;

use common::SiteTest;
use std::path::PathBuf;

/// Serves a folder on 127.0.0.1 until dropped.
struct Static {
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    url: String,
}

impl Static {
    fn serve(root: PathBuf) -> Static {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}/", server.server_addr().to_ip().unwrap());
        let serving = server.clone();
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let path = root.join(request.url().trim_start_matches('/'));
                let _ = match std::fs::read(&path) {
                    Ok(bytes) => request.respond(tiny_http::Response::from_data(bytes)),
                    Err(_) => request.respond(tiny_http::Response::empty(404)),
                };
            }
        });
        Static { server, thread: Some(thread), url }
    }
}

impl Drop for Static {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn live_check(built_at: &str, now: &str, max_age: &str) -> common::Run {
    let test = SiteTest::fixture("minimal").now(built_at);
    let built = test.build();
    let site = Static::serve(built.root.clone());
    test.run(&["check", "--live", &site.url, "--max-age", max_age, "--now", now])
}

#[test]
fn a_site_generated_within_the_maximum_age_is_fresh() {
    let run = live_check("2026-11-25T12:00:00Z", "2026-11-25T12:20:00Z", "30m");
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(run.stdout.contains("fresh"), "{}", run.stdout);
}

#[test]
fn a_site_generated_longer_ago_is_stale_and_says_when() {
    let run = live_check("2026-11-25T12:00:00Z", "2026-11-25T13:00:00Z", "30m");
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(run.stdout.contains("stale") && run.stdout.contains("2026-11-25T12:00:00Z"), "{}", run.stdout);
    assert!(run.stdout.contains("60 minutes ago"), "{}", run.stdout);
}

#[test]
fn a_bad_duration_or_a_missing_site_is_a_usage_error() {
    let run = live_check("2026-11-25T12:00:00Z", "2026-11-25T12:10:00Z", "soon");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a duration"), "{}", run.stderr);
    let empty = Static::serve(tempfile::tempdir().unwrap().keep());
    let run = SiteTest::empty().run(&["check", "--live", &empty.url]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("status.json does not exist"), "{}", run.stderr);
}

#[test]
fn a_site_generated_in_the_future_means_a_wrong_clock() {
    let run = live_check("2026-11-25T14:00:00Z", "2026-11-25T12:00:00Z", "30m");
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(run.stdout.contains("wrong clock"), "{}", run.stdout);
}
