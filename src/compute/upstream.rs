//! Third-party components at `now`: each vendor's stored status, and whether its snapshot is
//! too old to be trusted. They never enter the team's own statuses or uptime.

use crate::model::{Instant, Upstream, UpstreamSnapshot};

/// A third-party component as a reader sees it at `now`.
#[derive(Debug, Clone)]
pub struct UpstreamState {
    /// As declared, with its snapshot if one was fetched.
    pub upstream: Upstream,
    /// True when the snapshot is older than `upstream: {max_age}`: shown as outdated.
    pub outdated: bool,
}

/// Each third-party component at `now`, in file order.
pub(super) fn states(upstream: Vec<Upstream>, now: Instant, max_age: chrono::Duration) -> Vec<UpstreamState> {
    upstream
        .into_iter()
        .map(|mut upstream| {
            // A build at a clock before the fetch shows the page as it stood then: not fetched.
            if upstream.snapshot.as_ref().is_some_and(|s| s.fetched_at > now) {
                upstream.snapshot = None;
            }
            let outdated = upstream.snapshot.as_ref().is_some_and(|s| now >= outdated_at(s, max_age));
            UpstreamState { upstream, outdated }
        })
        .collect()
}

/// When a snapshot turns outdated (`next_change` rebuilds then).
pub(crate) fn outdated_at(snapshot: &UpstreamSnapshot, max_age: chrono::Duration) -> Instant {
    snapshot.fetched_at + max_age
}
