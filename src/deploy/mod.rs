//! `deploy`: publishes a built output folder to an S3-compatible object store. It uploads only
//! what changed, in an order that never lets a page point at a missing file, then deletes what
//! the new build no longer has. It never builds and never touches keys outside the prefix.

pub(crate) mod credentials;
pub(crate) mod plan;
pub(crate) mod s3;

use crate::output::MARKER;
use plan::{Action, LocalFile, Plan};
use std::path::Path;

/// `s3://BUCKET/PREFIX`, split. The prefix is empty or ends with `/`, so `s3://b/site` never
/// reaches `site2/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub bucket: String,
    pub prefix: String,
}

impl Target {
    pub(crate) fn parse(text: &str) -> Result<Target, String> {
        let usage = || format!("`{text}` is not an S3 location; expected s3://BUCKET or s3://BUCKET/PREFIX");
        let rest = text.strip_prefix("s3://").ok_or_else(usage)?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(usage());
        }
        let parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
        if parts.iter().any(|p| *p == "." || *p == "..") {
            return Err(format!("the prefix in `{text}` may not contain `.` or `..`"));
        }
        let prefix = if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) };
        Ok(Target { bucket: bucket.to_string(), prefix })
    }
}

/// What `deploy` did, or would do with `--dry-run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Summary {
    pub uploaded: usize,
    pub unchanged: usize,
    pub deleted: usize,
    /// Objects not in the build left at a bucket's root (see `plan::make`).
    pub kept: usize,
}

/// Every file of the output folder except the marker, sorted by path. Refuses a folder that
/// `statusforge build` did not write, so a wrong `--output` cannot publish someone's home folder.
pub(crate) fn read_output(folder: &Path) -> Result<Vec<LocalFile>, String> {
    if !folder.join(MARKER).is_file() {
        return Err(format!(
            "{} is not a statusforge output folder (it has no {MARKER}); run `statusforge build` first \
             or point --output at the built site",
            folder.display()
        ));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", folder.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(folder).map_err(|e| e.to_string())?;
        let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
        let path = parts.ok_or_else(|| format!("{} is not a UTF-8 path", entry.path().display()))?.join("/");
        if path == MARKER {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
        files.push(LocalFile { path, bytes });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Carries out `plan` in its order; `progress` hears each finished step. Stops at the first
/// failure with the key, so nothing is deleted unless every upload succeeded.
pub(crate) fn apply(
    plan: &Plan,
    local: &[LocalFile],
    client: &s3::Client,
    progress: &mut dyn FnMut(&plan::Step),
) -> Result<Summary, String> {
    let mut summary = Summary::default();
    for step in &plan.steps {
        let result = match (step.action, step.local) {
            (Action::Skip, _) => {
                summary.unchanged += 1;
                continue;
            }
            (Action::Keep, _) => {
                summary.kept += 1;
                continue;
            }
            (Action::Upload, Some(index)) => {
                summary.uploaded += 1;
                client.put(&step.key, &local[index].bytes, step.content_type, &step.cache_control)
            }
            (Action::Delete, _) => {
                summary.deleted += 1;
                client.delete(&step.key)
            }
            (Action::Upload, None) => continue,
        };
        result.map_err(|failure| format!("{} {}: {}", step.action.keyword(), step.key, failure.0))?;
        progress(step);
    }
    Ok(summary)
}

/// The counts `plan` would give, for `--dry-run`.
pub(crate) fn preview(plan: &Plan) -> Summary {
    Summary {
        uploaded: plan.count(Action::Upload),
        unchanged: plan.count(Action::Skip),
        deleted: plan.count(Action::Delete),
        kept: plan.count(Action::Keep),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_bucket_and_a_slash_ended_prefix() {
        let target = |t: &str| Target::parse(t).map(|t| (t.bucket, t.prefix));
        assert_eq!(target("s3://status"), Ok(("status".into(), "".into())));
        assert_eq!(target("s3://status/"), Ok(("status".into(), "".into())));
        assert_eq!(target("s3://status/site"), Ok(("status".into(), "site/".into())));
        assert_eq!(target("s3://status//a//b/"), Ok(("status".into(), "a/b/".into())));
        assert!(target("status/site").is_err());
        assert!(target("s3:///site").is_err());
        assert!(target("s3://b/../x").is_err());
    }

    #[test]
    fn a_failed_upload_names_its_key_and_stops_before_any_delete() {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", server.server_addr().to_ip().unwrap());
        let answer = std::thread::spawn(move || {
            let request = server.recv().unwrap();
            let method = request.method().to_string();
            let body = "<Error><Code>AccessDenied</Code><Message>no</Message></Error>";
            request.respond(tiny_http::Response::from_string(body).with_status_code(403)).unwrap();
            method
        });
        let location = s3::Location { bucket: "b".into(), region: "us-east-1".into(), endpoint: Some(endpoint) };
        let keys =
            credentials::Credentials { access_key_id: "K".into(), secret_access_key: "S".into(), session_token: None };
        let client = s3::Client::new(&location, &keys).unwrap();
        let local = [LocalFile { path: "index.html".into(), bytes: b"x".to_vec() }];
        let remote = std::collections::BTreeMap::from([("p/old.html".to_string(), "\"e\"".to_string())]);
        let plan = plan::make(&local, &remote, "p/", false);
        let error = apply(&plan, &local, &client, &mut |_| {}).unwrap_err();
        assert_eq!(error, "upload p/index.html: HTTP 403: AccessDenied: no");
        assert_eq!(answer.join().unwrap(), "PUT", "the only request is the failed upload");
    }

    #[test]
    fn a_folder_without_the_marker_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        let error = read_output(dir.path()).unwrap_err();
        assert!(error.contains("not a statusforge output folder"), "{error}");
    }

    #[test]
    fn the_marker_is_never_read_as_a_file_to_publish() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MARKER), "x").unwrap();
        std::fs::create_dir(dir.path().join("assets")).unwrap();
        std::fs::write(dir.path().join("assets/a.css"), "a").unwrap();
        std::fs::write(dir.path().join("index.html"), "i").unwrap();
        let paths: Vec<String> = read_output(dir.path()).unwrap().into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["assets/a.css", "index.html"]);
    }
}
