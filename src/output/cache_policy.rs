//! How long each published file may be cached: one policy for the `_headers` file that
//! `build` writes and for the objects `deploy` uploads. A status page must never be cached
//! long (a CDN serving "All Systems Operational" minutes into an outage is the worst failure
//! it can have); hashed assets never change, so they are cached for a year.

/// How long status files may be cached, and served stale while revalidating or on origin error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CachePolicy {
    pub max_age: u32,
    pub stale_while_revalidate: u32,
    pub stale_if_error: u32,
}

pub(crate) const DEFAULT_POLICY: CachePolicy =
    CachePolicy { max_age: 60, stale_while_revalidate: 30, stale_if_error: 86_400 };

/// The folder whose files carry a content hash in their names.
pub(crate) const ASSETS_DIR: &str = "assets";

pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";

impl CachePolicy {
    pub(crate) fn cache_control(&self) -> String {
        format!(
            "public, max-age={}, stale-while-revalidate={}, stale-if-error={}",
            self.max_age, self.stale_while_revalidate, self.stale_if_error
        )
    }
}

/// The Cache-Control a file gets, for `_headers` and for object stores alike.
pub(crate) fn cache_control(path: &str, policy: &CachePolicy) -> String {
    if path.starts_with("assets/") {
        IMMUTABLE.to_string()
    } else {
        policy.cache_control()
    }
}

/// Files that browser widgets read cross-origin (`embed.js` fetches `status.json` from the
/// customer's own page): sent with `Access-Control-Allow-Origin: *` by `_headers` and `serve`.
pub(crate) fn needs_cors(path: &str) -> bool {
    [".json", ".xml", ".svg", ".ics"].iter().any(|ext| path.ends_with(ext))
}
