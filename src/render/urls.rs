//! Where each page lives, as site-relative paths. Every link in the output is built here.

pub fn incident(slug: &str) -> String {
    format!("incidents/{slug}/")
}

/// The fragment of update `number` (1 = the oldest) on its incident page: stable while
/// updates are added on top.
pub fn update_anchor(number: usize) -> String {
    format!("update-{number}")
}

pub fn maintenance(slug: &str) -> String {
    format!("maintenance/{slug}/")
}

pub fn component(id: &str) -> String {
    format!("components/{id}/")
}

/// History page `page` (1-based) of all incidents.
pub fn history(page: usize) -> String {
    if page <= 1 {
        "history/".to_string()
    } else {
        format!("history/{page}/")
    }
}

/// History page `page` (1-based) of one component's incidents.
pub fn component_history(id: &str, page: usize) -> String {
    if page <= 1 {
        format!("components/{id}/history/")
    } else {
        format!("components/{id}/history/{page}/")
    }
}

/// `../../` for a page two folders deep, so links work under any base path and from disk.
pub fn root_from(depth: usize) -> String {
    "../".repeat(depth)
}
