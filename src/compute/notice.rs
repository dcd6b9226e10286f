//! Notices at `now`: which are published, which are shown. A notice never touches a status or
//! uptime, so nothing else in compute reads them.

use crate::model::{Instant, Notice};
use std::sync::Arc;

/// A published notice at `now`.
#[derive(Debug, Clone)]
pub struct NoticeState {
    /// The notice as written.
    pub notice: Arc<Notice>,
    /// Inside its `from`..`until`: shown on the pages it concerns and in `status.json`. Past
    /// ones stay in the feeds and on their own page.
    pub active: bool,
}

impl NoticeState {
    /// Whether it is about `component` (a notice naming no component is about the whole site).
    pub fn concerns(&self, component: &str) -> bool {
        self.notice.components.is_empty() || self.notice.components.iter().any(|c| c == component)
    }
}

/// The notices whose `from` has come, active ones first, each list newest first, then by slug.
pub(super) fn published(notices: Vec<Arc<Notice>>, now: Instant, drafts: bool) -> Vec<NoticeState> {
    let mut states: Vec<NoticeState> = notices
        .into_iter()
        .filter(|n| (drafts || !n.draft) && n.from <= now)
        .map(|notice| {
            let active = notice.until.is_none_or(|until| now < until);
            NoticeState { notice, active }
        })
        .collect();
    states.sort_by(|a, b| {
        b.active
            .cmp(&a.active)
            .then_with(|| b.notice.from.cmp(&a.notice.from))
            .then_with(|| a.notice.slug.cmp(&b.notice.slug))
    });
    states
}
