//! A minimal S3 client: list, put, delete, each retried with backoff. rusty-s3 signs the requests
//! (AWS Signature V4, as presigned URLs) and ureq sends them; no async runtime, no AWS SDK.
//! Error messages never carry a signed URL, since its query names the access key and token.

use super::credentials::Credentials;
use rusty_s3::{Bucket, S3Action, UrlStyle};
use std::collections::BTreeMap;
use std::time::Duration;

/// How long a signed URL is valid: long enough for a slow upload, short enough to be useless
/// if it ever leaked.
const SIGNED_FOR: Duration = Duration::from_secs(15 * 60);

/// Attempts per request, and the wait before the second; it doubles after each failure.
const ATTEMPTS: u32 = 4;
const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// Where the objects go.
#[derive(Debug, Clone)]
pub(crate) struct Location {
    pub bucket: String,
    pub region: String,
    /// A custom endpoint (R2, MinIO, a test server) is addressed path-style; AWS virtual-host style.
    pub endpoint: Option<String>,
}

pub(crate) struct Client {
    agent: ureq::Agent,
    bucket: Bucket,
    credentials: rusty_s3::Credentials,
    secrets: Vec<String>,
    /// The wait before the second attempt; tests shorten it.
    backoff: Duration,
}

/// A request that failed for good, with a message safe to print.
#[derive(Debug)]
pub(crate) struct Failure(pub String);

enum Attempt {
    Done(String),
    /// Worth another try: a network error, 5xx, 429 (RFC 6585) or 408.
    Retry(String),
    Fail(String),
}

impl Client {
    pub(crate) fn new(location: &Location, credentials: &Credentials) -> Result<Client, String> {
        let (endpoint, style) = match &location.endpoint {
            Some(endpoint) => (endpoint.clone(), UrlStyle::Path),
            None => (format!("https://s3.{}.amazonaws.com", location.region), UrlStyle::VirtualHost),
        };
        let url = endpoint.parse::<url::Url>().map_err(|e| format!("the endpoint `{endpoint}` is not a URL: {e}"))?;
        let bucket = Bucket::new(url, style, location.bucket.clone(), location.region.clone())
            .map_err(|e| format!("cannot address bucket `{}` at {endpoint}: {e}", location.bucket))?;
        let signing = match &credentials.session_token {
            Some(token) => {
                rusty_s3::Credentials::new_with_token(&credentials.access_key_id, &credentials.secret_access_key, token)
            }
            None => rusty_s3::Credentials::new(&credentials.access_key_id, &credentials.secret_access_key),
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let secrets = credentials.secrets().into_iter().map(str::to_string).collect();
        Ok(Client { agent, bucket, credentials: signing, secrets, backoff: FIRST_BACKOFF })
    }

    /// Every object under `prefix`, key -> ETag, following continuation tokens.
    pub(crate) fn list(&self, prefix: &str) -> Result<BTreeMap<String, String>, Failure> {
        let mut objects = BTreeMap::new();
        let mut token: Option<String> = None;
        loop {
            let mut action = self.bucket.list_objects_v2(Some(&self.credentials));
            action.with_prefix(prefix);
            if let Some(token) = &token {
                action.with_continuation_token(token.clone());
            }
            let url = action.sign(SIGNED_FOR);
            let body = self.retrying(|| self.agent.get(url.as_str()).call())?;
            let page = rusty_s3::actions::ListObjectsV2::parse_response(&body)
                .map_err(|e| Failure(format!("the object listing is not valid S3 XML: {e}")))?;
            for object in page.contents {
                objects.insert(object.key, object.etag.unwrap_or_default());
            }
            match page.next_continuation_token {
                Some(next) => token = Some(next),
                None => return Ok(objects),
            }
        }
    }

    pub(crate) fn put(&self, key: &str, bytes: &[u8], content_type: &str, cache_control: &str) -> Result<(), Failure> {
        let mut action = self.bucket.put_object(Some(&self.credentials), key);
        // Signed, so a proxy cannot change them; the request must then send exactly these values.
        action.headers_mut().insert("content-type", content_type.to_string());
        action.headers_mut().insert("cache-control", cache_control.to_string());
        let url = action.sign(SIGNED_FOR);
        self.retrying(|| {
            self.agent
                .put(url.as_str())
                .header("content-type", content_type)
                .header("cache-control", cache_control)
                .send(bytes)
        })
        .map(drop)
    }

    pub(crate) fn delete(&self, key: &str) -> Result<(), Failure> {
        let url = self.bucket.delete_object(Some(&self.credentials), key).sign(SIGNED_FOR);
        self.retrying(|| self.agent.delete(url.as_str()).call()).map(drop)
    }

    /// Runs `send` until it succeeds, fails for good, or runs out of attempts; returns the body.
    fn retrying(
        &self,
        send: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<String, Failure> {
        let mut wait = self.backoff;
        let mut last = String::new();
        for attempt in 1..=ATTEMPTS {
            match self.judge(send()) {
                Attempt::Done(body) => return Ok(body),
                Attempt::Fail(message) => return Err(Failure(message)),
                Attempt::Retry(message) => last = message,
            }
            if attempt < ATTEMPTS {
                std::thread::sleep(wait);
                wait *= 2;
            }
        }
        Err(Failure(format!("{last} (after {ATTEMPTS} attempts)")))
    }

    fn judge(&self, result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Attempt {
        let mut response = match result {
            Ok(response) => response,
            Err(error) => return Attempt::Retry(self.scrub(&error.to_string())),
        };
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        if (200..300).contains(&status) {
            return Attempt::Done(body);
        }
        let message = self.scrub(&format!("HTTP {status}{}", s3_error(&body)));
        if status >= 500 || status == 429 || status == 408 {
            Attempt::Retry(message)
        } else {
            Attempt::Fail(message)
        }
    }

    /// Drops URL queries (they hold the signature, key id and token) and any credential text.
    fn scrub(&self, text: &str) -> String {
        let mut out: String = text
            .split(' ')
            .map(|word| match word.split_once('?') {
                Some((before, _)) => format!("{before}?…"),
                None => word.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ");
        for secret in &self.secrets {
            out = out.replace(secret.as_str(), "<redacted>");
        }
        out
    }
}

/// `: <Code>: <Message>` from an S3 error body, or nothing.
fn s3_error(body: &str) -> String {
    let field = |name: &str| {
        let start = body.find(&format!("<{name}>"))? + name.len() + 2;
        let end = body[start..].find(&format!("</{name}>"))? + start;
        Some(body[start..end].trim().to_string())
    };
    match (field("Code"), field("Message")) {
        (Some(code), Some(message)) => format!(": {code}: {message}"),
        (Some(code), None) => format!(": {code}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s3_errors_give_code_and_message() {
        let body = "<?xml version=\"1.0\"?><Error><Code>NoSuchBucket</Code><Message>The bucket does not exist</Message></Error>";
        assert_eq!(s3_error(body), ": NoSuchBucket: The bucket does not exist");
        assert_eq!(s3_error("not xml"), "");
    }

    /// A server that answers each request with the next status of `statuses`, and counts them.
    fn server(statuses: &'static [u16]) -> (String, std::thread::JoinHandle<usize>) {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", server.server_addr().to_ip().unwrap());
        let handle = std::thread::spawn(move || {
            for status in statuses {
                let request = server.recv().unwrap();
                let body = "<Error><Code>Boom</Code><Message>try later</Message></Error>";
                request.respond(tiny_http::Response::from_string(body).with_status_code(*status)).unwrap();
            }
            statuses.len()
        });
        (endpoint, handle)
    }

    fn client(endpoint: String) -> Client {
        let location = Location { bucket: "b".into(), region: "us-east-1".into(), endpoint: Some(endpoint) };
        let credentials = Credentials { access_key_id: "K".into(), secret_access_key: "S".into(), session_token: None };
        let mut client = Client::new(&location, &credentials).unwrap();
        client.backoff = Duration::from_millis(1);
        client
    }

    #[test]
    fn server_errors_are_retried_until_one_succeeds() {
        let (endpoint, server) = server(&[503, 500, 200]);
        client(endpoint).put("k", b"x", "text/plain", "no-cache").unwrap();
        assert_eq!(server.join().unwrap(), 3);
    }

    #[test]
    fn a_refusal_is_not_retried_and_says_why() {
        let (endpoint, server) = server(&[403]);
        let failure = client(endpoint).delete("k").unwrap_err();
        assert_eq!(failure.0, "HTTP 403: Boom: try later");
        assert_eq!(server.join().unwrap(), 1);
    }

    #[test]
    fn retries_stop_after_a_few_attempts() {
        let (endpoint, server) = server(&[500, 502, 503, 504]);
        let failure = client(endpoint).delete("k").unwrap_err();
        assert!(failure.0.starts_with("HTTP 504: Boom") && failure.0.ends_with("(after 4 attempts)"), "{}", failure.0);
        assert_eq!(server.join().unwrap(), 4);
    }

    #[test]
    fn messages_lose_signed_queries_and_credentials() {
        let location =
            Location { bucket: "b".into(), region: "us-east-1".into(), endpoint: Some("http://127.0.0.1:1".into()) };
        let credentials = Credentials {
            access_key_id: "AKIDSECRETID".into(),
            secret_access_key: "SeCrEt".into(),
            session_token: None,
        };
        let client = Client::new(&location, &credentials).unwrap();
        let text = client.scrub("bad uri http://h/b/k?X-Amz-Credential=AKIDSECRETID%2F2026 key AKIDSECRETID SeCrEt");
        assert!(!text.contains("AKIDSECRETID") && !text.contains("SeCrEt") && !text.contains("X-Amz"), "{text}");
    }
}
