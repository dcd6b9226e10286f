//! A small HTTP/1.1 server for the in-memory site, bound to one address (localhost by default).
//!
//! Connections are ours (std's `TcpListener`, a thread each) and requests are parsed by
//! `httparse`, so every limit a hostile or broken client could push on is set here: the size
//! of a request's head, the time to send it, the time a client may leave an answer unread, and
//! the number of connections held at once.

mod http;

use super::reload;
use super::state::Shared;
use crate::output::content_type;
use http::{Answer, Head, ReadError};
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Connections held at once. Each costs a thread; past this, new ones are closed unanswered
/// until one ends (an idle or stuck one ends within `IDLE` or `WRITE_LIMIT`).
const MAX_CONNECTIONS: usize = 1024;
/// How long a connection may stay silent between requests, or take to send a request's head.
const IDLE: Duration = Duration::from_secs(30);
/// The same, once half the connections are taken: idle ones then make room within seconds, so
/// clients that open connections and send nothing cannot keep a browser out for long.
const BUSY_IDLE: Duration = Duration::from_secs(2);
/// How long one answer may take to be written: a client that stops reading is dropped.
const WRITE_LIMIT: Duration = Duration::from_secs(30);

pub(super) struct Bound {
    listener: TcpListener,
}

pub(super) fn bind(address: &str, port: u16) -> Result<Bound, String> {
    let listener = TcpListener::bind((address, port)).map_err(|e| format!("cannot listen on {address}:{port}: {e}"))?;
    Ok(Bound { listener })
}

impl Bound {
    pub(super) fn address(&self) -> String {
        match self.listener.local_addr() {
            Ok(addr) => addr.to_string(),
            Err(_) => "127.0.0.1".into(),
        }
    }

    /// Answers each connection on a thread of its own: a client that asks for a large page and
    /// never reads it, or sends its request a byte at a time, holds only its own thread, and
    /// only until a time limit.
    pub(super) fn serve(&self, shared: &Shared) {
        let open = Arc::new(AtomicUsize::new(0));
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            if open.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
                drop(stream);
                continue;
            }
            open.fetch_add(1, Ordering::Relaxed);
            let (open, shared) = (open.clone(), shared.clone());
            let spawned = std::thread::Builder::new().stack_size(256 * 1024).spawn({
                let open = open.clone();
                move || {
                    converse(stream, &shared, &open);
                    open.fetch_sub(1, Ordering::Relaxed);
                }
            });
            if spawned.is_err() {
                open.fetch_sub(1, Ordering::Relaxed);
            }
        }
    }
}

/// Answers the requests of one connection in turn until the client closes it, asks to, sends
/// something this server will not read, or overstays a time limit.
fn converse(stream: TcpStream, shared: &Shared, open: &AtomicUsize) {
    if stream.set_write_timeout(Some(WRITE_LIMIT)).is_err() {
        return;
    }
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = http::Reader::new(stream, IDLE);
    loop {
        let busy = open.load(Ordering::Relaxed) > MAX_CONNECTIONS / 2;
        reader.set_idle(if busy { BUSY_IDLE } else { IDLE });
        let answer = match reader.next_head() {
            Ok(None) => return,
            Ok(Some(head)) => answer(&head, shared),
            Err(ReadError::Closed) => return,
            Err(ReadError::TooLarge) => Answer::text(431, "request header fields too large").closing(),
            Err(ReadError::Malformed) => Answer::text(400, "bad request").closing(),
        };
        if answer.write_to(&mut writer).is_err() || answer.closes() {
            let _ = writer.flush();
            return;
        }
    }
}

fn answer(head: &Head, shared: &Shared) -> Answer {
    let answer = match head.method.as_str() {
        "GET" | "HEAD" => answer_get(&head.path, shared),
        _ => Answer::text(405, "method not allowed").with_header("Allow", "GET, HEAD"),
    };
    let answer = if head.method == "HEAD" { answer.without_body() } else { answer };
    // A body is never read: the connection ends after the answer rather than misread it.
    if head.keep_alive && !head.has_body {
        answer
    } else {
        answer.closing()
    }
}

fn answer_get(target: &str, shared: &Shared) -> Answer {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let state = shared.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    match path {
        "/__statusforge/reload.js" => Answer::new(200, "text/javascript; charset=utf-8", reload::SCRIPT.as_bytes()),
        "/__statusforge/status" => {
            let body = serde_json::json!({ "version": state.version, "errors": state.errors }).to_string();
            Answer::new(200, "application/json", body.into_bytes())
        }
        _ => {
            let key = file_key(path);
            match state.files.get(&key) {
                Some(bytes) => {
                    let answer = Answer::new(200, content_type(&key), page_bytes(&key, bytes));
                    // As published (`_headers`): `embed.js` on a page of another origin reads
                    // `status.json`, so the banner can be tried against `serve`.
                    match crate::output::cache_policy::needs_cors(&key) {
                        true => answer.with_header("Access-Control-Allow-Origin", "*"),
                        false => answer,
                    }
                }
                // A page's folder named without its slash (`/incidents/x`): sent to the folder,
                // as static hosts do. Served in place, it would go out as `text/plain` and its
                // relative links would resolve one folder too high.
                None if state.files.contains_key(&format!("{key}/index.html")) => folder_redirect(target),
                // No good build yet (the site was broken from the start): a page that shows
                // the problems over it and reloads once they are fixed, at every address.
                None if state.files.is_empty() => {
                    Answer::new(503, "text/html; charset=utf-8", reload::inject(WAITING_PAGE.as_bytes()))
                }
                None => {
                    let page =
                        state.files.get("404.html").map(|b| reload::inject(b)).unwrap_or_else(|| b"not found".to_vec());
                    Answer::new(404, "text/html; charset=utf-8", page)
                }
            }
        }
    }
}

/// `/incidents/x?a=1` -> a permanent redirect to `/incidents/x/?a=1`. The location starts with
/// exactly one `/`: `//host/x` would send the browser to another host.
fn folder_redirect(target: &str) -> Answer {
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, format!("?{query}")),
        None => (target, String::new()),
    };
    let location = format!("/{}/{query}", path.trim_start_matches('/'));
    Answer::text(301, "moved permanently").with_header("Location", &location)
}

/// Served while the site has never built: the reload script draws the problems over it.
const WAITING_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>The site does not build yet</title></head><body><h1>The site does not build yet</h1>\
<p>Fix the problems listed below (and in the terminal); this page reloads once the site builds.</p>\
</body></html>\n";

/// A file as served: pages get the reload script (added here, per request, so a rebuild
/// keeps unchanged pages as they are).
fn page_bytes(key: &str, bytes: &[u8]) -> Vec<u8> {
    if key.ends_with(".html") {
        reload::inject(bytes)
    } else {
        bytes.to_vec()
    }
}

/// `/incidents/x/` -> `incidents/x/index.html`, with `%xx` escapes decoded.
fn file_key(path: &str) -> String {
    let decoded = percent_decode(path.trim_start_matches('/'));
    if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(high * 16 + low);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_without_its_slash_is_redirected_to_it_on_this_host() {
        for (target, location) in [
            ("/incidents/x", "/incidents/x/"),
            ("/incidents/x?a=1", "/incidents/x/?a=1"),
            ("//evil.example/x", "/evil.example/x/"),
        ] {
            let mut written = Vec::new();
            folder_redirect(target).write_to(&mut written).unwrap();
            let text = String::from_utf8(written).unwrap();
            assert!(text.starts_with("HTTP/1.1 301 "), "{text}");
            assert!(text.contains(&format!("\r\nLocation: {location}\r\n")), "{target}: {text}");
        }
    }

    #[test]
    fn paths_map_to_files() {
        assert_eq!(file_key("/"), "index.html");
        assert_eq!(file_key("/incidents/x/"), "incidents/x/index.html");
        assert_eq!(file_key("/feed.xml"), "feed.xml");
        assert_eq!(file_key("/a%20b.html"), "a b.html");
        assert_eq!(file_key("/bad%2"), "bad%2");
    }
}
