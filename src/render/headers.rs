//! The `_headers` file (Netlify and Cloudflare Pages convention): cache, CORS and framing rules
//! as data. A status page must never be cached long: a CDN serving "All Systems Operational"
//! minutes into an outage is the worst failure a status page can have. Hashed assets never
//! change, so they are cached for a year.
//!
//! Both hosts apply every rule whose pattern matches a path and join the values of a header
//! that two of them set with ", ", so no two rules here that match one file set the same
//! header: a `Cache-Control` joined with another, or `frame-ancestors 'none'` joined with
//! `frame-ancestors *`, would be a different rule than either (two CSPs: both enforced).
//! Top-level files are listed one by one, each top-level folder gets one splat rule, and
//! framing is said apart from caching where a folder holds embeds and other pages alike.
//!
//! Cloudflare Pages reads at most 100 rules, and drops the rest silently: framing protection
//! would be what goes. So the number of rules must not grow with the site. The pages under
//! `components/` are matched with a placeholder (`/components/:id/`: one path segment, on both
//! hosts) rather than one rule per component, which kept a site of 30 components within the
//! limit and lost framing protection past it.
//!
//! Only the embeds (`embed/`, `components/<id>/embed/`) may be framed by other sites; every
//! other page says no (`X-Frame-Options` and `frame-ancestors`), so nobody can dress the status
//! page up inside theirs. Frame denial cannot go in a page's own `<meta>` policy: browsers
//! ignore `frame-ancestors` there.

use crate::diag::Diagnostic;
use crate::output::cache_policy::needs_cors;
use crate::output::cache_policy::{cache_control, CachePolicy, ASSETS_DIR, DEFAULT_POLICY, IMMUTABLE};
use crate::output::{OutputFile, RelPath};
use std::collections::BTreeSet;
use std::path::Path;

/// The most rules Cloudflare Pages reads from `_headers`; it ignores the rest.
pub(crate) const MAX_RULES: usize = 100;

/// The `_headers` file for a site of these files, and a warning when it has more rules than
/// Cloudflare Pages reads. With `noindex`, every rule that sets caching also tells search
/// engines not to index (`X-Robots-Tag`), so feeds and JSON are covered too, not only pages.
pub(crate) fn render(files: &[RelPath], noindex: bool) -> (OutputFile, Option<Diagnostic>) {
    let rules = rules(files, &DEFAULT_POLICY);
    let warning = (rules.len() > MAX_RULES).then(|| {
        Diagnostic::warning(
            "too-many-header-rules",
            Path::new("_headers"),
            format!(
                "the `_headers` file has {} rules; Cloudflare Pages reads only the first {MAX_RULES}, so caching and \
                 framing rules past them would not apply there",
                rules.len()
            ),
        )
        .help("build with --no-headers and set the headers in the host's settings, or use a host without the limit")
    });
    let text = rules.iter().fold(String::from(HEAD), |mut out, rule| {
        rule.write(&mut out, noindex);
        out
    });
    (OutputFile::new(RelPath::new("_headers").expect("static path"), text), warning)
}

const HEAD: &str = "# Written by statusforge: short cache lifetimes so an outage shows at once.\n";

/// One block of the file: a path pattern and the headers it sets.
struct Rule {
    pattern: String,
    /// `Cache-Control` (with `nosniff`, CORS and `X-Robots-Tag`); None for a rule that only
    /// says who may frame, beside a splat rule that set these already.
    cache: Option<(String, bool)>,
    framing: Option<&'static str>,
}

impl Rule {
    fn write(&self, out: &mut String, noindex: bool) {
        out.push_str(&format!("/{}\n", self.pattern));
        if let Some((cache, cors)) = &self.cache {
            out.push_str(&format!("  Cache-Control: {cache}\n  X-Content-Type-Options: nosniff\n"));
            if *cors {
                out.push_str("  Access-Control-Allow-Origin: *\n");
            }
            if noindex {
                out.push_str("  X-Robots-Tag: noindex\n");
            }
        }
        out.push_str(self.framing.unwrap_or(""));
    }
}

fn rules(files: &[RelPath], policy: &CachePolicy) -> Vec<Rule> {
    let mut top_files = BTreeSet::new();
    let mut folders = BTreeSet::new();
    for file in files {
        match file.as_str().split_once('/') {
            Some((folder, _)) => folders.insert(folder.to_string()),
            None => top_files.insert(file.as_str().to_string()),
        };
    }
    let mut rules =
        vec![Rule { pattern: String::new(), cache: Some((policy.cache_control(), false)), framing: Some(NO_FRAMING) }];
    for file in &top_files {
        let framing = file.ends_with(".html").then_some(NO_FRAMING);
        rules.push(Rule {
            pattern: file.clone(),
            cache: Some((cache_control(file, policy), needs_cors(file))),
            framing,
        });
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
        rules.push(Rule { pattern: format!("{folder}/*"), cache: Some((cache, cors)), framing });
    }
    rules.extend(component_framing(files));
    rules
}

/// Pages other sites may not frame, and the embeds they may.
const NO_FRAMING: &str = "  X-Frame-Options: DENY\n  Content-Security-Policy: frame-ancestors 'none'\n";
const FRAMING: &str = "  Content-Security-Policy: frame-ancestors *\n";
const EMBEDS: &str = "embed";
const COMPONENTS: &str = "components";

/// Framing rules for the pages under `components/`, whose cache rule (`/components/*`) covers
/// embeds and other pages alike. They set only framing headers, which `/components/*` does not,
/// and name the component by a placeholder, so a site of any size has the same few: each
/// component's page and folders of pages (`history/`) say no, its `embed/` says yes.
fn component_framing(files: &[RelPath]) -> Vec<Rule> {
    let mut patterns: BTreeSet<(String, &'static str)> = BTreeSet::new();
    for file in files.iter().filter(|f| f.as_str().ends_with(".html")) {
        let Some(rest) = file.as_str().strip_prefix("components/") else { continue };
        let segments: Vec<&str> = rest.split('/').collect();
        let mut page = |folder: &str, name: &str| {
            // A folder's index is also served at the folder's own address.
            if name == "index.html" {
                patterns.insert((folder.to_string(), NO_FRAMING));
            }
            patterns.insert((format!("{folder}{name}"), NO_FRAMING));
        };
        match segments.as_slice() {
            [name] => page("components/", name),
            [_, name] => page("components/:id/", name),
            [_, EMBEDS, ..] => {
                patterns.insert((format!("components/:id/{EMBEDS}/*"), FRAMING));
            }
            [_, folder, ..] => {
                patterns.insert((format!("components/:id/{folder}/*"), NO_FRAMING));
            }
            [] => {}
        }
    }
    patterns.into_iter().map(|(pattern, framing)| Rule { pattern, cache: None, framing: Some(framing) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(files: &[&str]) -> String {
        let files: Vec<RelPath> = files.iter().map(|f| RelPath::new(f).unwrap()).collect();
        String::from_utf8(render(&files, false).0.bytes.to_vec()).unwrap()
    }

    #[test]
    fn status_files_are_short_lived_and_assets_immutable() {
        let text = text(&["index.html", "status.json", "assets/site.abc.css", "incidents/x/index.html"]);
        let short = "Cache-Control: public, max-age=60, stale-while-revalidate=30, stale-if-error=86400";
        assert!(text.contains(&format!("/index.html\n  {short}\n")), "{text}");
        assert!(text.contains("/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"), "{text}");
        assert!(
            text.contains(&format!(
                "/status.json\n  {short}\n  X-Content-Type-Options: nosniff\n  Access-Control-Allow-Origin: *\n"
            )),
            "{text}"
        );
        assert!(
            !text.contains(&format!("/index.html\n  {short}\n  X-Content-Type-Options: nosniff\n  Access")),
            "{text}"
        );
    }

    /// The number of rules depends on the theme's folders, not on the number of components:
    /// Cloudflare Pages ignores rules past the 100th.
    #[test]
    fn a_thousand_components_need_no_more_rules_than_one() {
        let site = |components: usize| {
            let mut files = vec!["index.html".to_string(), "embed/index.html".to_string(), "feed.xml".to_string()];
            for i in 0..components {
                for file in ["index.html", "feed.xml", "badge.svg", "history/2/index.html", "embed/index.html"] {
                    files.push(format!("components/c{i}/{file}"));
                }
            }
            let files: Vec<RelPath> = files.iter().map(|f| RelPath::new(f).unwrap()).collect();
            render(&files, true)
        };
        let (one, _) = site(1);
        let (many, warning) = site(1000);
        assert_eq!(many.bytes, one.bytes);
        assert!(warning.is_none());
        let rules = String::from_utf8(many.bytes.to_vec()).unwrap().lines().filter(|l| l.starts_with('/')).count();
        assert!(rules < 20, "{rules} rules");
    }

    #[test]
    fn more_rules_than_cloudflare_reads_are_warned_about() {
        let files: Vec<RelPath> = (0..MAX_RULES).map(|i| RelPath::new(&format!("f{i}.json")).unwrap()).collect();
        let (_, warning) = render(&files, false);
        let warning = warning.expect("a warning");
        assert_eq!(warning.kind, "too-many-header-rules");
        assert!(warning.message.contains("101 rules"), "{}", warning.message);
    }
}
