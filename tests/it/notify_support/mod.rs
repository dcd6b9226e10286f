//! Test servers for the `notify*` tests, on 127.0.0.1 ports the OS picks, stopped on drop: an
//! HTTP receiver that records POSTs (and can fail the first few, or serve a folder on GET),
//! receivers that answer as a chat service does (`services`), and an SMTP sink that records
//! messages.
#![allow(dead_code)]

pub(crate) mod services;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub method: String,
    pub path: String,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The status this server answered.
    pub answered: u16,
    /// Why a service receiver refused the request, as the real service would.
    pub refused: Option<String>,
}

impl Request {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// One server thread; `Drop` stops it.
pub(crate) struct Server<T> {
    pub port: u16,
    pub seen: Arc<Mutex<Vec<T>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl<T> Server<T> {
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    pub(crate) fn seen(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.seen.lock().unwrap().clone()
    }
}

impl<T> Drop for Server<T> {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept so the thread sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve<T: Send + 'static>(handle: impl Fn(TcpStream, &Mutex<Vec<T>>) + Send + 'static) -> Server<T> {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let (seen2, stop2) = (seen.clone(), stop.clone());
    let thread = std::thread::spawn(move || {
        for stream in listener.incoming() {
            if stop2.load(Ordering::SeqCst) {
                break;
            }
            if let Ok(stream) = stream {
                handle(stream, &seen2);
            }
        }
    });
    Server { port, seen, stop, thread: Some(thread) }
}

/// Answers 500 to the first `fail_first` POSTs, then 200; GETs are served from `files`.
pub(crate) fn http_receiver(fail_first: usize, files: Option<PathBuf>) -> Server<Request> {
    serve(move |stream, seen: &Mutex<Vec<Request>>| {
        let Some(mut request) = read_request(&stream) else { return };
        let mut stream = stream;
        let (status, body) = if request.method == "GET" {
            let path = files.as_ref().map(|root| root.join(request.path.trim_start_matches('/')));
            match path.and_then(|p| std::fs::read(p).ok()) {
                Some(bytes) => (200, bytes),
                None => (404, b"not found".to_vec()),
            }
        } else {
            let posts = seen.lock().unwrap().iter().filter(|r| r.method == "POST").count();
            if posts < fail_first {
                (500, b"try again".to_vec())
            } else {
                (200, b"ok".to_vec())
            }
        };
        request.answered = status;
        seen.lock().unwrap().push(request);
        let head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
    })
}

/// Answers each POST as a service would: `check` gives the success status, or the status and
/// reason the service would refuse the request with, recorded in `Request::refused`.
pub(crate) fn service_receiver(check: fn(&Request) -> Result<u16, (u16, String)>) -> Server<Request> {
    serve(move |stream, seen: &Mutex<Vec<Request>>| {
        let Some(mut request) = read_request(&stream) else { return };
        let mut stream = stream;
        let (status, body) = match check(&request) {
            Ok(status) => (status, "ok".to_string()),
            Err((status, problem)) => {
                request.refused = Some(problem.clone());
                (status, problem)
            }
        };
        request.answered = status;
        seen.lock().unwrap().push(request);
        let head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body.as_bytes());
    })
}

/// Answers each POST with what `answer` gives for it and the number of POSTs before it:
/// (status, body, how long to wait first). The request is recorded before the wait, so a
/// client that gives up still counts as having sent it.
pub(crate) fn scripted_receiver(
    answer: impl Fn(&Request, usize) -> (u16, String, std::time::Duration) + Send + 'static,
) -> Server<Request> {
    serve(move |stream, seen: &Mutex<Vec<Request>>| {
        let Some(request) = read_request(&stream) else { return };
        let before = seen.lock().unwrap().len();
        let (status, body, wait) = answer(&request, before);
        seen.lock().unwrap().push(Request { answered: status, ..request });
        std::thread::sleep(wait);
        let mut stream = stream;
        let head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body.as_bytes());
    })
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, path, headers, body, answered: 0, refused: None })
}

/// A received mail: envelope and the raw DATA.
#[derive(Debug, Clone)]
pub(crate) struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

/// The SMTP commands lettre sends without TLS or AUTH (RFC 5321 §3.3): EHLO, MAIL, RCPT,
/// DATA, QUIT.
pub(crate) fn smtp_sink() -> Server<Mail> {
    serve(|stream, seen: &Mutex<Vec<Mail>>| {
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        let mut reply = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes()).is_ok();
        if !reply("220 sink ESMTP") {
            return;
        }
        let mut mail = Mail { from: String::new(), to: Vec::new(), data: String::new() };
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let command = line.trim_end().to_string();
            let verb = command.get(..4).unwrap_or("").to_ascii_uppercase();
            let ok = match verb.as_str() {
                "EHLO" | "HELO" => reply("250-sink\r\n250 8BITMIME"),
                "MAIL" => {
                    mail.from = command[10..].to_string();
                    reply("250 OK")
                }
                "RCPT" => {
                    mail.to.push(command[8..].to_string());
                    reply("250 OK")
                }
                "DATA" => {
                    reply("354 end with .");
                    let mut data = String::new();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == ".\r\n" {
                            break;
                        }
                        data.push_str(&line);
                    }
                    mail.data = data;
                    seen.lock().unwrap().push(mail.clone());
                    reply("250 queued")
                }
                "QUIT" => {
                    reply("221 bye");
                    return;
                }
                _ => reply("250 OK"),
            };
            if !ok {
                return;
            }
        }
    })
}
