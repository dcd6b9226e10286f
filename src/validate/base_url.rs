//! `base_url` as the one address every absolute URL of the site is built from: parsed with the
//! `url` crate (WHATWG rules) and written in one normal form, so two spellings of one address
//! give the same feeds, ids and links. What cannot be a base is refused with its reason.

use url::Url;

/// Why a `base_url` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Not an absolute `http://` or `https://` URL with a host.
    NotHttp,
    /// A `?query` or `#fragment`: page addresses are made by appending paths to the base,
    /// which would land after it (`…?a=1incidents/x/`).
    QueryOrFragment,
    /// A user name or password, which every page, feed and API object would publish.
    Credentials,
}

impl Problem {
    /// What is wrong, for a diagnostic or a command-line error about `url`.
    pub(crate) fn message(self, url: &str) -> String {
        match self {
            Problem::NotHttp => format!("`{url}` is not an absolute http(s) URL"),
            Problem::QueryOrFragment => format!("`{url}` has a query or fragment, which a base URL cannot carry"),
            Problem::Credentials => format!("`{url}` carries a user name or password, which every page would publish"),
        }
    }
}

/// The normal form of a base URL: scheme and host in lowercase (an international host in its
/// ASCII form), no default port, `.`, `..` and their `%2e` spellings resolved, empty segments
/// (`//`) dropped, and a final `/`. `HTTPS://Status.Example.com//a/../status` is
/// `https://status.example.com/status/`.
pub(crate) fn normalize(url: &str) -> Result<String, Problem> {
    let url = url.trim();
    // The url crate would quietly turn these into something else (`\` into `/`, `https:x`
    // into `https://x/`, spaces into `%20`): a base that needs guessing is refused instead.
    let scheme_end = url.find("://").ok_or(Problem::NotHttp)?;
    let written_scheme = &url[..scheme_end];
    let after_scheme = &url[scheme_end + 3..];
    if !(written_scheme.eq_ignore_ascii_case("http") || written_scheme.eq_ignore_ascii_case("https"))
        || after_scheme.starts_with('/')
        || url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
    {
        return Err(Problem::NotHttp);
    }
    if url.contains(['?', '#']) {
        return Err(Problem::QueryOrFragment);
    }
    let mut parsed = Url::parse(url).map_err(|_| Problem::NotHttp)?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(Problem::NotHttp);
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Problem::Credentials);
    }
    let segments: Vec<&str> = parsed.path().split('/').filter(|s| !s.is_empty()).collect();
    let path = if segments.is_empty() { "/".to_string() } else { format!("/{}/", segments.join("/")) };
    parsed.set_path(&path);
    Ok(parsed.into())
}

/// `normalize` for callers that need only whether an address will do.
pub(crate) fn normalize_base_url(url: &str) -> Option<String> {
    normalize(url).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_written_in_one_normal_form() {
        for (written, normal) in [
            ("https://status.example.com", "https://status.example.com/"),
            ("https://acme.github.io/status/", "https://acme.github.io/status/"),
            ("http://localhost:8080", "http://localhost:8080/"),
            ("HTTPS://Status.Example.COM/Status", "https://status.example.com/Status/"),
            ("https://status.example.com:443//a//b", "https://status.example.com/a/b/"),
            ("https://status.example.com/a/../status/./", "https://status.example.com/status/"),
            ("https://status.example.com/a/%2e%2E/status/%2e/", "https://status.example.com/status/"),
            ("https://status.example.com/../..", "https://status.example.com/"),
            ("https://bücher.example/", "https://xn--bcher-kva.example/"),
            ("  https://status.example.com/  ", "https://status.example.com/"),
        ] {
            assert_eq!(normalize(written).as_deref(), Ok(normal), "{written}");
        }
    }

    #[test]
    fn what_cannot_be_a_base_is_refused_with_its_reason() {
        for bad in [
            "status.example.com",
            "/status/",
            "ftp://x.com/",
            "https://",
            "https:///x",
            "https:status.example.com",
            "javascript:alert(1)",
            "https://a b.com/",
            "https://status.example.com\\status",
        ] {
            assert_eq!(normalize(bad), Err(Problem::NotHttp), "{bad}");
        }
        for bad in ["https://status.example.com/?a=1", "https://status.example.com/#top", "https://x.com/?"] {
            assert_eq!(normalize(bad), Err(Problem::QueryOrFragment), "{bad}");
        }
        assert_eq!(normalize("https://user:secret@status.example.com/"), Err(Problem::Credentials));
    }
}
