//! What a deploy does, decided before any request is sent: which local files to upload, which to
//! skip as unchanged, which remote objects to delete, and in what order. Pure data, no I/O.

use crate::output::cache_policy::{cache_control, ASSETS_DIR, DEFAULT_POLICY};
use crate::output::content_type;
use md5::{Digest, Md5};
use std::collections::{BTreeMap, BTreeSet};

/// One file of the built site, relative to the output folder (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LocalFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl LocalFile {
    /// The hex MD5 that S3 reports as the ETag of an object uploaded in one piece.
    pub(crate) fn md5_hex(&self) -> String {
        Md5::digest(&self.bytes).iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Upload,
    Skip,
    Delete,
    /// Not in the build but left alone: at a bucket's root, other objects may not be ours.
    Keep,
}

impl Action {
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Action::Upload => "upload",
            Action::Skip => "skip",
            Action::Delete => "delete",
            Action::Keep => "keep",
        }
    }
}

/// One step: an object key under the prefix and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub key: String,
    pub action: Action,
    /// The local file, for uploads and skips; `None` for deletes.
    pub local: Option<usize>,
    pub content_type: &'static str,
    pub cache_control: String,
}

/// The ordered steps: every upload and skip first, in publishing order, then the deletes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    pub steps: Vec<Step>,
}

impl Plan {
    pub(crate) fn count(&self, action: Action) -> usize {
        self.steps.iter().filter(|s| s.action == action).count()
    }
}

/// Publishing order, so no page ever links to something not yet there: hashed assets, then other
/// non-HTML files (feeds, JSON, badges, `_headers`), then HTML pages, then the front page.
fn phase(path: &str) -> u8 {
    if path.starts_with(&format!("{ASSETS_DIR}/")) {
        0
    } else if !path.ends_with(".html") {
        1
    } else if path != "index.html" {
        2
    } else {
        3
    }
}

/// Whether the object's ETag proves it holds these bytes. A multipart upload's ETag
/// (`"<md5 of md5s>-<parts>"`) is not an MD5 of the content, so it counts as changed,
/// as in `aws s3 sync`.
fn unchanged(etag: &str, md5_hex: &str) -> bool {
    let etag = etag.trim().trim_matches('"');
    !etag.contains('-') && etag.eq_ignore_ascii_case(md5_hex)
}

/// `remote` maps each object key under `prefix` to its ETag, as listed. Objects the build no
/// longer has are deleted under a prefix (the folder is the site's); at a bucket's root, where
/// other things may live, only with `prune`, else kept.
pub(crate) fn make(local: &[LocalFile], remote: &BTreeMap<String, String>, prefix: &str, prune: bool) -> Plan {
    let mut order: Vec<usize> = (0..local.len()).collect();
    order.sort_by(|&a, &b| (phase(&local[a].path), &local[a].path).cmp(&(phase(&local[b].path), &local[b].path)));
    let mut steps = Vec::with_capacity(local.len());
    let mut keep = BTreeSet::new();
    for index in order {
        let file = &local[index];
        let key = format!("{prefix}{}", file.path);
        let same = remote.get(&key).is_some_and(|etag| unchanged(etag, &file.md5_hex()));
        steps.push(Step {
            action: if same { Action::Skip } else { Action::Upload },
            local: Some(index),
            content_type: content_type(&file.path),
            cache_control: cache_control(&file.path, &DEFAULT_POLICY),
            key: key.clone(),
        });
        keep.insert(key);
    }
    // Only keys the listing returned under the prefix are ever deleted; the check is repeated
    // here so a server that ignores `prefix` cannot make us delete outside it.
    for key in remote.keys().filter(|k| k.starts_with(prefix) && !keep.contains(*k)) {
        steps.push(Step {
            key: key.clone(),
            action: if prefix.is_empty() && !prune { Action::Keep } else { Action::Delete },
            local: None,
            content_type: "",
            cache_control: String::new(),
        });
    }
    Plan { steps }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> LocalFile {
        LocalFile { path: path.into(), bytes: body.as_bytes().to_vec() }
    }

    fn keys(plan: &Plan, action: Action) -> Vec<&str> {
        plan.steps.iter().filter(|s| s.action == action).map(|s| s.key.as_str()).collect()
    }

    #[test]
    fn assets_go_first_and_the_front_page_last() {
        let local = [
            file("index.html", "a"),
            file("incidents/x/index.html", "b"),
            file("status.json", "c"),
            file("assets/site.1.css", "d"),
            file("404.html", "e"),
            file("_headers", "f"),
        ];
        let plan = make(&local, &BTreeMap::new(), "p/", false);
        assert_eq!(
            keys(&plan, Action::Upload),
            [
                "p/assets/site.1.css",
                "p/_headers",
                "p/status.json",
                "p/404.html",
                "p/incidents/x/index.html",
                "p/index.html"
            ]
        );
    }

    #[test]
    fn matching_etags_are_skipped_and_multipart_etags_uploaded() {
        let local = [file("a.json", "same"), file("b.json", "changed"), file("c.json", "big")];
        let md5 = |text: &str| file("x", text).md5_hex();
        let remote = BTreeMap::from([
            ("a.json".to_string(), format!("\"{}\"", md5("same").to_uppercase())),
            ("b.json".to_string(), format!("\"{}\"", md5("before"))),
            ("c.json".to_string(), format!("\"{}-2\"", md5("big"))),
        ]);
        let plan = make(&local, &remote, "", false);
        assert_eq!(keys(&plan, Action::Skip), ["a.json"]);
        assert_eq!(keys(&plan, Action::Upload), ["b.json", "c.json"]);
    }

    #[test]
    fn stale_objects_under_the_prefix_are_deleted_after_all_uploads() {
        let local = [file("index.html", "a")];
        let remote = BTreeMap::from([
            ("site/old.html".to_string(), "\"x\"".to_string()),
            ("other/keep.html".to_string(), "\"x\"".to_string()),
        ]);
        let plan = make(&local, &remote, "site/", false);
        assert_eq!(keys(&plan, Action::Delete), ["site/old.html"]);
        assert_eq!(plan.steps.last().map(|s| s.action), Some(Action::Delete));
    }

    #[test]
    fn at_a_buckets_root_stale_objects_are_kept_unless_pruned() {
        let local = [file("index.html", "a")];
        let remote = BTreeMap::from([("downloads/app.zip".to_string(), "\"x\"".to_string())]);
        assert_eq!(keys(&make(&local, &remote, "", false), Action::Keep), ["downloads/app.zip"]);
        assert_eq!(keys(&make(&local, &remote, "", true), Action::Delete), ["downloads/app.zip"]);
    }

    #[test]
    fn objects_get_the_headers_rules() {
        let plan = make(&[file("assets/a.1.css", ""), file("feed.xml", "")], &BTreeMap::new(), "", false);
        assert_eq!(plan.steps[0].cache_control, "public, max-age=31536000, immutable");
        assert_eq!(plan.steps[0].content_type, "text/css; charset=utf-8");
        assert!(plan.steps[1].cache_control.contains("max-age=60"), "{:?}", plan.steps[1]);
        assert!(plan.steps[1].cache_control.contains("stale-if-error"), "{:?}", plan.steps[1]);
    }

    #[test]
    fn md5_matches_the_rfc_1321_test_vector() {
        assert_eq!(file("x", "abc").md5_hex(), "900150983cd24fb0d6963f7d28e17f72");
    }
}
