//! A small HTTP server for the in-memory site, bound to one address (localhost by default).

use super::{reload, Shared};
use crate::output::content_type;
use std::io::Cursor;
use tiny_http::{Header, Request, Response, Server};

/// Answers being sent at once on one connection; a browser reads them, so only a client that
/// stalls reaches this.
const MAX_IN_FLIGHT: usize = 8;

pub struct Bound {
    server: Server,
}

pub fn bind(address: &str, port: u16) -> Result<Bound, String> {
    let server = Server::http((address, port)).map_err(|e| format!("cannot listen on {address}:{port}: {e}"))?;
    Ok(Bound { server })
}

impl Bound {
    pub fn address(&self) -> String {
        match self.server.server_addr().to_ip() {
            Some(addr) => addr.to_string(),
            None => "127.0.0.1".into(),
        }
    }

    /// Answers each request on a thread of its own: a client that asks for a large page and
    /// never reads it holds only its threads, never the server. A connection with
    /// `MAX_IN_FLIGHT` answers still unsent gets no more: answering would only queue behind
    /// the ones it does not read.
    pub fn serve(&self, shared: &Shared) {
        use std::collections::HashMap;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let mut connections: HashMap<Option<std::net::SocketAddr>, Arc<AtomicUsize>> = HashMap::new();
        for request in self.server.incoming_requests() {
            connections.retain(|_, count| count.load(Ordering::Relaxed) > 0 || Arc::strong_count(count) > 1);
            let count = connections.entry(request.remote_addr().copied()).or_default().clone();
            if count.load(Ordering::Relaxed) >= MAX_IN_FLIGHT {
                // Responding, even with an error, would wait behind the unread answers.
                std::mem::forget(request);
                continue;
            }
            let response = respond(&request, shared);
            count.fetch_add(1, Ordering::Relaxed);
            std::thread::spawn(move || {
                let _ = request.respond(response);
                count.fetch_sub(1, Ordering::Relaxed);
            });
        }
    }
}

fn respond(request: &Request, shared: &Shared) -> Response<Cursor<Vec<u8>>> {
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    let state = shared.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    match path.as_str() {
        "/__statusforge/reload.js" => {
            with_type(Response::from_data(reload::SCRIPT.as_bytes().to_vec()), "text/javascript; charset=utf-8")
        }
        "/__statusforge/status" => {
            let body = serde_json::json!({ "version": state.version, "errors": state.errors }).to_string();
            with_type(Response::from_data(body.into_bytes()), "application/json")
        }
        _ => {
            let key = file_key(&path);
            let found = state.files.get(&key).or_else(|| state.files.get(&format!("{key}/index.html")));
            match found {
                Some(bytes) => with_type(Response::from_data(page_bytes(&key, bytes)), content_type(&key)),
                None => {
                    let page =
                        state.files.get("404.html").map(|b| reload::inject(b)).unwrap_or_else(|| b"not found".to_vec());
                    with_type(Response::from_data(page).with_status_code(404), "text/html; charset=utf-8")
                }
            }
        }
    }
}

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

fn with_type(response: Response<Cursor<Vec<u8>>>, content_type: &str) -> Response<Cursor<Vec<u8>>> {
    let header = Header::from_bytes("Content-Type", content_type).expect("static header");
    let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("static header");
    response.with_header(header).with_header(no_cache)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_files() {
        assert_eq!(file_key("/"), "index.html");
        assert_eq!(file_key("/incidents/x/"), "incidents/x/index.html");
        assert_eq!(file_key("/feed.xml"), "feed.xml");
        assert_eq!(file_key("/a%20b.html"), "a b.html");
        assert_eq!(file_key("/bad%2"), "bad%2");
    }
}
