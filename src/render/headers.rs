//! The `_headers` file (Netlify and Cloudflare Pages convention): cache and CORS rules as data.
//! A status page must never be cached long: a CDN serving "All Systems Operational" minutes
//! into an outage is the worst failure a status page can have. Hashed assets never change, so
//! they are cached for a year.
//!
//! Both hosts join the values of a header set by two matching rules, so the rules here never
//! overlap: top-level files are listed one by one, each top-level folder gets one splat rule.

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
    let mut rule = |pattern: &str, cache: &str, cors: bool| {
        out.push_str(&format!("/{pattern}\n  Cache-Control: {cache}\n  X-Content-Type-Options: nosniff\n"));
        if cors {
            out.push_str("  Access-Control-Allow-Origin: *\n");
        }
        if noindex {
            out.push_str("  X-Robots-Tag: noindex\n");
        }
    };
    rule("", &policy.cache_control(), false);
    for file in &top_files {
        let cors = needs_cors(file);
        rule(file, &cache_control(file, policy), cors);
    }
    for folder in &folders {
        let cache = if folder == ASSETS_DIR { IMMUTABLE.to_string() } else { policy.cache_control() };
        // Folders of pages also hold feeds, badges or JSON (components/<id>/feed.xml, api/v2/).
        let cors = files.iter().any(|f| f.as_str().starts_with(&format!("{folder}/")) && needs_cors(f.as_str()));
        rule(&format!("{folder}/*"), &cache, cors);
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

    #[test]
    fn no_two_rules_match_one_file() {
        let files = [file("index.html"), file("feed.xml"), file("api/v2/summary.json"), file("assets/a.css")];
        let text = headers_file(&files, &DEFAULT_POLICY, false);
        let patterns: Vec<&str> = text.lines().filter(|l| l.starts_with('/')).collect();
        for f in &files {
            let path = format!("/{f}");
            let matching = patterns
                .iter()
                .filter(|p| {
                    **p == path
                        || p.strip_suffix('*').is_some_and(|prefix| prefix.len() > 1 && path.starts_with(prefix))
                })
                .count();
            assert_eq!(matching, 1, "{path} in\n{text}");
        }
    }
}
