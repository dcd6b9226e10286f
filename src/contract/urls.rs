//! Where each page lives, as site-relative paths. Every link in the output is built here.

pub(crate) fn incident(slug: &str) -> String {
    format!("incidents/{slug}/")
}

/// The fragments of updates on their page, aligned with `times` (newest first, as files list
/// them): `update-20261120T170200Z` from the update's time in UTC, so adding an update, even
/// between two others, changes no other anchor. Updates at one instant take `-2`, `-3`, ...
/// from the oldest.
pub(crate) fn update_anchors(times: impl DoubleEndedIterator<Item = crate::model::Instant>) -> Vec<String> {
    let mut anchors: Vec<String> = Vec::new();
    let mut previous: Option<(crate::model::Instant, usize)> = None;
    for at in times.rev() {
        let repeat = match previous {
            Some((t, n)) if t == at => n + 1,
            _ => 1,
        };
        previous = Some((at, repeat));
        let base = format!("update-{}", at.format("%Y%m%dT%H%M%SZ"));
        anchors.push(if repeat == 1 { base } else { format!("{base}-{repeat}") });
    }
    anchors.reverse();
    anchors
}

pub(crate) fn maintenance(slug: &str) -> String {
    format!("maintenance/{slug}/")
}

pub(crate) fn notice(slug: &str) -> String {
    format!("notices/{slug}/")
}

/// Every way to follow the site: feeds, calendar, chat, e-mail.
pub(crate) fn subscribe() -> String {
    "subscribe/".to_string()
}

pub(crate) fn component(id: &str) -> String {
    format!("components/{id}/")
}

/// History page `page` (1-based) of all incidents.
pub(crate) fn history(page: usize) -> String {
    if page <= 1 {
        "history/".to_string()
    } else {
        format!("history/{page}/")
    }
}

/// History page `page` (1-based) of one component's incidents.
pub(crate) fn component_history(id: &str, page: usize) -> String {
    if page <= 1 {
        format!("components/{id}/history/")
    } else {
        format!("components/{id}/history/{page}/")
    }
}

/// `../../` for a page two folders deep, so links work under any base path and from disk.
pub(crate) fn root_from(depth: usize) -> String {
    "../".repeat(depth)
}
