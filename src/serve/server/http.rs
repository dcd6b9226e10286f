//! Just enough HTTP/1.1 for the preview: request heads read under a size cap and a deadline,
//! parsed by `httparse`, and answers written whole with their length.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most a request line and its headers may take together. Browsers send a few KiB; the
/// cap keeps a client that never ends its head from growing the server.
pub(super) const MAX_HEAD: usize = 16 * 1024;
/// The most header fields one request may carry.
const MAX_HEADERS: usize = 64;

/// What the server needs of one request.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Head {
    pub method: String,
    pub path: String,
    /// The client will send another request on this connection.
    pub keep_alive: bool,
    /// The request announced a body (which this server never reads).
    pub has_body: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum ReadError {
    /// The client went away, or was silent past the time limit, in the middle of a head.
    Closed,
    /// The head passed `MAX_HEAD` bytes or `MAX_HEADERS` fields.
    TooLarge,
    Malformed,
}

/// Reads request heads off one connection, keeping bytes that arrived past the last one
/// (pipelined requests).
pub(super) struct Reader<S> {
    stream: S,
    pending: Vec<u8>,
    idle: Duration,
}

/// A stream whose reads can be given a deadline.
pub(super) trait Timed: Read {
    fn set_timeout(&mut self, timeout: Duration) -> io::Result<()>;
}

impl Timed for TcpStream {
    fn set_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.set_read_timeout(Some(timeout.max(Duration::from_millis(1))))
    }
}

impl<S: Timed> Reader<S> {
    pub(super) fn new(stream: S, idle: Duration) -> Reader<S> {
        Reader { stream, pending: Vec::new(), idle }
    }

    /// Changes how long the next head may take to arrive (see `next_head`).
    pub(super) fn set_idle(&mut self, idle: Duration) {
        self.idle = idle;
    }

    /// The next request's head; `None` when the client closed the connection, or stayed
    /// silent for the idle time, between requests. A head must arrive whole within the idle
    /// time of its first byte, so a client that trickles bytes is dropped too.
    pub(super) fn next_head(&mut self) -> Result<Option<Head>, ReadError> {
        let mut deadline = (!self.pending.is_empty()).then(|| Instant::now() + self.idle);
        loop {
            if !self.pending.is_empty() {
                if let Some(head) = self.parse()? {
                    return Ok(Some(head));
                }
            }
            let wait = match deadline {
                Some(at) => at.checked_duration_since(Instant::now()).ok_or(ReadError::Closed)?,
                None => self.idle,
            };
            self.stream.set_timeout(wait).map_err(|_| ReadError::Closed)?;
            let mut chunk = [0u8; 4096];
            let room = (MAX_HEAD + 1 - self.pending.len()).min(chunk.len());
            match self.stream.read(&mut chunk[..room]) {
                Ok(0) if self.pending.is_empty() => return Ok(None),
                Ok(0) => return Err(ReadError::Closed),
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) if self.pending.is_empty() => return Ok(None),
                Err(_) => return Err(ReadError::Closed),
            }
            deadline.get_or_insert_with(|| Instant::now() + self.idle);
        }
    }

    /// A head from the bytes received so far, removed from them; `None` if more are needed.
    fn parse(&mut self) -> Result<Option<Head>, ReadError> {
        let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut fields);
        let length = match request.parse(&self.pending) {
            Ok(httparse::Status::Complete(length)) => length,
            Ok(httparse::Status::Partial) if self.pending.len() > MAX_HEAD => return Err(ReadError::TooLarge),
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(httparse::Error::TooManyHeaders) => return Err(ReadError::TooLarge),
            Err(_) => return Err(ReadError::Malformed),
        };
        let field = |name: &str| {
            request
                .headers
                .iter()
                .filter(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
                .collect::<Vec<_>>()
        };
        let connection = field("connection").join(",");
        let says = |token: &str| connection.split(',').any(|t| t.trim() == token);
        let keep_alive = match request.version {
            Some(1) => !says("close"),
            _ => says("keep-alive"),
        };
        let has_body =
            field("content-length").iter().any(|v| v.trim() != "0") || !field("transfer-encoding").is_empty();
        let head = Head {
            method: request.method.unwrap_or_default().to_string(),
            path: request.path.unwrap_or("/").to_string(),
            keep_alive,
            has_body,
        };
        self.pending.drain(..length);
        Ok(Some(head))
    }
}

/// One answer, written whole with its length so the connection can carry the next.
#[derive(Debug)]
pub(super) struct Answer {
    status: u16,
    fields: Vec<(&'static str, String)>,
    body: Vec<u8>,
    send_body: bool,
    close: bool,
}

impl Answer {
    pub(super) fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            fields: vec![("Content-Type", content_type.to_string()), ("Cache-Control", "no-store".to_string())],
            body: body.into(),
            send_body: true,
            close: false,
        }
    }

    pub(super) fn text(status: u16, text: &str) -> Answer {
        Answer::new(status, "text/plain; charset=utf-8", text.as_bytes())
    }

    pub(super) fn with_header(mut self, name: &'static str, value: &str) -> Answer {
        self.fields.push((name, value.to_string()));
        self
    }

    /// The answer to HEAD: the same fields, no body.
    pub(super) fn without_body(mut self) -> Answer {
        self.send_body = false;
        self
    }

    /// Ends the connection after this answer.
    pub(super) fn closing(mut self) -> Answer {
        self.close = true;
        self
    }

    pub(super) fn closes(&self) -> bool {
        self.close
    }

    pub(super) fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.fields {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        let connection = if self.close { "close" } else { "keep-alive" };
        head.push_str(&format!("Content-Length: {}\r\nConnection: {connection}\r\n\r\n", self.body.len()));
        out.write_all(head.as_bytes())?;
        if self.send_body {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// A stream fed from memory; an empty read once the bytes run out, as a closed socket.
    struct Bytes(Cursor<Vec<u8>>);

    impl Read for Bytes {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.0.read(buf)
        }
    }

    impl Timed for Bytes {
        fn set_timeout(&mut self, _: Duration) -> io::Result<()> {
            Ok(())
        }
    }

    fn reader(bytes: &[u8]) -> Reader<Bytes> {
        Reader::new(Bytes(Cursor::new(bytes.to_vec())), Duration::from_secs(1))
    }

    #[test]
    fn pipelined_requests_are_read_one_by_one() {
        let mut r = reader(b"GET /a HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nConnection: close\r\n\r\n");
        let first = r.next_head().unwrap().unwrap();
        assert_eq!((first.method.as_str(), first.path.as_str(), first.keep_alive), ("GET", "/a", true));
        let second = r.next_head().unwrap().unwrap();
        assert_eq!((second.method.as_str(), second.path.as_str(), second.keep_alive), ("HEAD", "/b", false));
        assert_eq!(r.next_head(), Ok(None));
    }

    #[test]
    fn http_1_0_closes_unless_asked_and_a_body_is_noticed() {
        let head = reader(b"GET / HTTP/1.0\r\n\r\n").next_head().unwrap().unwrap();
        assert!(!head.keep_alive);
        let head = reader(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc").next_head().unwrap().unwrap();
        assert!(head.has_body);
    }

    #[test]
    fn an_endless_header_line_stops_at_the_cap() {
        let mut long = b"GET / HTTP/1.1\r\nX-Long: ".to_vec();
        long.extend(std::iter::repeat_n(b'a', 10 * MAX_HEAD));
        let mut r = reader(&long);
        assert_eq!(r.next_head(), Err(ReadError::TooLarge));
        assert!(r.pending.len() <= MAX_HEAD + 1, "read {} bytes past the cap", r.pending.len());
    }

    #[test]
    fn too_many_fields_and_garbage_are_refused() {
        let many: String = (0..100).map(|i| format!("X-{i}: y\r\n")).collect();
        let request = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(reader(request.as_bytes()).next_head(), Err(ReadError::TooLarge));
        assert_eq!(reader(b"\x00\x01 nonsense\r\n\r\n").next_head(), Err(ReadError::Malformed));
        assert_eq!(reader(b"GET / HTTP/1.1\r\nHost").next_head(), Err(ReadError::Closed));
    }

    #[test]
    fn answers_carry_their_length_and_head_has_no_body() {
        let mut out = Vec::new();
        Answer::text(200, "hello").without_body().write_to(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Length: 5\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n"), "HEAD carries no body: {text}");
    }
}
