//! The `_headers` file (Netlify and Cloudflare Pages convention): cache and CORS rules as data.
//! A status page must never be cached long: a CDN serving "All Systems Operational" minutes
//! into an outage is the worst failure a status page can have. Hashed assets never change, so
//! they are cached for a year.
//!
//! Both hosts join the values of a header set by two matching rules, so no two rules here that
//! match one file set the same header: top-level files are listed one by one, each top-level
//! folder gets one splat rule, and the pages under `components/` get their framing rules apart.
//!
//! Only the embeds (`embed/`, `components/<id>/embed/`) may be framed by other sites; every
//! other page says no (`X-Frame-Options` and `frame-ancestors`), so nobody can dress the status
//! page up inside theirs.

use crate::output::cache_policy::{cache_control, CachePolicy, ASSETS_DIR, DEFAULT_POLICY, IMMUTABLE};
use crate::output::{OutputFile, RelPath};
use std::collections::BTreeSet;

/// Files that browser widgets read cross-origin.
pub(crate) fn needs_cors(path: &str) -> bool {
    [".json", ".xml", ".svg", ".ics"].iter().any(|ext| path.ends_with(ext))
}

/// The `_headers` file for a site of these files.
/// With `noindex`, every rule also tells search engines not to index (`X-Robots-Tag`), so
/// feeds and JSON are covered too, not only pages.
pub(crate) fn render(files: &[RelPath], noindex: bool) -> OutputFile {
    OutputFile::new(RelPath::new("_headers").expect("static path"), headers_file(files, &DEFAULT_POLICY, noindex))
}

fn headers_file(files: &[RelPath], policy: &CachePolicy, noindex: bool) -> String {
    let mut top_files = BTreeSet::new();
    let mut folders = BTreeSet::new();
    for file in files {
        match file.as_str().split_once('/') {
            Some((folder, _)) => folders.insert(folder.to_string()),
            None => top_files.insert(file.as_str().to_string()),
        };
    }
    let mut out = String::from("# Written by statusforge: short cache lifetimes so an outage shows at once.\n");
    let mut rule = |pattern: &str, cache: &str, cors: bool, framing: Option<&str>| {
        out.push_str(&format!("/{pattern}\n  Cache-Control: {cache}\n  X-Content-Type-Options: nosniff\n"));
        if cors {
            out.push_str("  Access-Control-Allow-Origin: *\n");
        }
        if noindex {
            out.push_str("  X-Robots-Tag: noindex\n");
        }
        out.push_str(framing.unwrap_or(""));
    };
    rule("", &policy.cache_control(), false, Some(NO_FRAMING));
    for file in &top_files {
        let cors = needs_cors(file);
        let framing = file.ends_with(".html").then_some(NO_FRAMING);
        rule(file, &cache_control(file, policy), cors, framing);
    }
    let has_pages =
        |prefix: &str| files.iter().any(|f| f.as_str().starts_with(prefix) && f.as_str().ends_with(".html"));
    for folder in &folders {
        let cache = if folder == ASSETS_DIR { IMMUTABLE.to_string() } else { policy.cache_control() };
        // Folders of pages also hold feeds, badges or JSON (components/<id>/feed.xml, api/v2/).
        let cors = files.iter().any(|f| f.as_str().starts_with(&format!("{folder}/")) && needs_cors(f.as_str()));
        let framing = match folder.as_str() {
            EMBEDS => Some(FRAMING),
            COMPONENTS => None,
            _ => has_pages(&format!("{folder}/")).then_some(NO_FRAMING),
        };
        rule(&format!("{folder}/*"), &cache, cors, framing);
    }
    out.push_str(&component_framing(files));
    out
}

/// Pages other sites may not frame, and the embeds they may.
const NO_FRAMING: &str = "  X-Frame-Options: DENY\n  Content-Security-Policy: frame-ancestors 'none'\n";
const FRAMING: &str = "  Content-Security-Policy: frame-ancestors *\n";
const EMBEDS: &str = "embed";
const COMPONENTS: &str = "components";

/// Framing rules for the pages under `components/`, whose cache rule (`/components/*`) covers
/// embeds and other pages alike: each component's page and sub-folders of pages say no, its
/// embed says yes. They set only framing headers, which `/components/*` does not.
fn component_framing(files: &[RelPath]) -> String {
    let mut folders = BTreeSet::new();
    for file in files.iter().filter(|f| f.as_str().ends_with(".html")) {
        let mut parts = file.as_str().split('/');
        if let (Some(COMPONENTS), Some(id), Some(next), Some(_)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            folders.insert((id.to_string(), Some(next.to_string())));
        } else if let Some(id) =
            file.as_str().strip_prefix("components/").and_then(|rest| rest.strip_suffix("/index.html"))
        {
            folders.insert((id.to_string(), None));
        }
    }
    let mut out = String::new();
    for (id, folder) in folders {
        match folder.as_deref() {
            None => out.push_str(&format!("/components/{id}/\n{NO_FRAMING}/components/{id}/index.html\n{NO_FRAMING}")),
            Some(EMBEDS) => out.push_str(&format!("/components/{id}/{EMBEDS}/*\n{FRAMING}")),
            Some(folder) => out.push_str(&format!("/components/{id}/{folder}/*\n{NO_FRAMING}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> RelPath {
        RelPath::new(path).unwrap()
    }

    #[test]
    fn status_files_are_short_lived_and_assets_immutable() {
        let text = headers_file(
            &[file("index.html"), file("status.json"), file("assets/site.abc.css"), file("incidents/x/index.html")],
            &DEFAULT_POLICY,
            false,
        );
        assert!(
            text.contains(
                "/index.html\n  Cache-Control: public, max-age=60, stale-while-revalidate=30, stale-if-error=86400\n"
            ),
            "{text}"
        );
        assert!(text.contains("/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"), "{text}");
        assert!(text.contains("/status.json\n  Cache-Control: public, max-age=60, stale-while-revalidate=30, stale-if-error=86400\n  X-Content-Type-Options: nosniff\n  Access-Control-Allow-Origin: *\n"), "{text}");
        assert!(!text.contains("/index.html\n  Cache-Control: public, max-age=60, stale-while-revalidate=30, stale-if-error=86400\n  X-Content-Type-Options: nosniff\n  Access-Control"), "{text}");
    }

    /// Each rule as (pattern, header names).
    fn rules(text: &str) -> Vec<(String, Vec<String>)> {
        let mut rules: Vec<(String, Vec<String>)> = Vec::new();
        for line in text.lines() {
            if line.starts_with('/') {
                rules.push((line.to_string(), Vec::new()));
            } else if let (Some(rule), Some((name, _))) = (rules.last_mut(), line.trim().split_once(':')) {
                rule.1.push(name.to_string());
            }
        }
        rules
    }

    fn matches(pattern: &str, path: &str) -> bool {
        pattern == path || pattern.strip_suffix('*').is_some_and(|prefix| prefix.len() > 1 && path.starts_with(prefix))
    }

    #[test]
    fn no_two_rules_that_match_one_file_set_one_header() {
        let files = [
            file("index.html"),
            file("feed.xml"),
            file("api/v2/summary.json"),
            file("assets/a.css"),
            file("embed/index.html"),
            file("components/api/index.html"),
            file("components/api/feed.xml"),
            file("components/api/history/2/index.html"),
            file("components/api/embed/index.html"),
        ];
        let text = headers_file(&files, &DEFAULT_POLICY, false);
        let rules = rules(&text);
        for f in &files {
            let path = format!("/{f}");
            let matching: Vec<&(String, Vec<String>)> = rules.iter().filter(|(p, _)| matches(p, &path)).collect();
            assert!(!matching.is_empty(), "{path} in\n{text}");
            let mut names: Vec<&String> = matching.iter().flat_map(|(_, names)| names).collect();
            let all = names.len();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), all, "{path}: a header set twice in\n{text}");
        }
    }

    #[test]
    fn only_embeds_may_be_framed() {
        let files = [
            file("index.html"),
            file("incidents/x/index.html"),
            file("embed/index.html"),
            file("components/api/index.html"),
            file("components/api/history/2/index.html"),
            file("components/api/embed/index.html"),
        ];
        let text = headers_file(&files, &DEFAULT_POLICY, false);
        let framing = |path: &str| -> Vec<String> {
            let mut found = Vec::new();
            let mut pattern = "";
            for line in text.lines() {
                if line.starts_with('/') {
                    pattern = line;
                } else if matches(pattern, path)
                    && (line.contains("frame-ancestors") || line.contains("X-Frame-Options"))
                {
                    found.push(line.trim().to_string());
                }
            }
            found
        };
        for denied in [
            "/",
            "/index.html",
            "/incidents/x/index.html",
            "/components/api/",
            "/components/api/index.html",
            "/components/api/history/2/index.html",
        ] {
            assert_eq!(
                framing(denied),
                ["X-Frame-Options: DENY", "Content-Security-Policy: frame-ancestors 'none'"],
                "{denied}\n{text}"
            );
        }
        for allowed in ["/embed/index.html", "/embed/", "/components/api/embed/index.html", "/components/api/embed/"] {
            assert_eq!(framing(allowed), ["Content-Security-Policy: frame-ancestors *"], "{allowed}\n{text}");
        }
    }
}
