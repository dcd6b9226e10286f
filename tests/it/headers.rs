//! The `_headers` file as a static host reads it: which rule applies to which built file.

use crate::common::SiteTest;
use std::collections::BTreeMap;

/// The rules of a `_headers` file: (pattern, header lines).
fn rules(headers: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in headers.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        if line.starts_with('/') {
            rules.push((line.to_string(), Vec::new()));
        } else if let (Some(last), Some((name, value))) = (rules.last_mut(), line.trim().split_once(':')) {
            last.1.push((name.to_string(), value.trim().to_string()));
        }
    }
    rules
}

/// Whether a pattern matches a path as Cloudflare Pages documents it: `*` matches any
/// characters (`/` too), `:name` one path segment (at least one character, no `/`).
fn matches(pattern: &str, path: &str) -> bool {
    if let Some(rest) = pattern.strip_prefix('*') {
        return (0..=path.len()).filter(|&i| path.is_char_boundary(i)).any(|i| matches(rest, &path[i..]));
    }
    if let Some(rest) = pattern.strip_prefix(':') {
        let name = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let segment = path.find('/').unwrap_or(path.len());
        return segment > 0 && matches(&rest[name..], &path[segment..]);
    }
    match (pattern.chars().next(), path.chars().next()) {
        (None, None) => true,
        (Some(p), Some(c)) if p == c => matches(&pattern[p.len_utf8()..], &path[c.len_utf8()..]),
        _ => false,
    }
}

/// The headers a host sends for `path`: every matching rule applies, and a header set by two
/// of them is sent once with both values joined by ", " (Cloudflare Pages and Netlify alike).
fn served(headers: &str, path: &str) -> BTreeMap<String, String> {
    let mut sent: BTreeMap<String, String> = BTreeMap::new();
    for (_, lines) in rules(headers).into_iter().filter(|(pattern, _)| matches(pattern, path)) {
        for (name, value) in lines {
            sent.entry(name).and_modify(|v| *v = format!("{v}, {value}")).or_insert(value);
        }
    }
    sent
}

/// The headers served for `path`, asserting no two matching rules set one header.
fn rule_for(headers: &str, path: &str) -> Vec<String> {
    let sent = served(headers, path);
    let lines: Vec<String> = sent.iter().map(|(name, value)| format!("{name}: {value}")).collect();
    let set: usize =
        rules(headers).iter().filter(|(pattern, _)| matches(pattern, path)).map(|(_, lines)| lines.len()).sum();
    assert_eq!(set, lines.len(), "{path}: a header set by two rules: {lines:?}");
    assert!(!lines.is_empty(), "{path} matches no rule");
    lines
}

#[test]
fn status_files_are_short_lived_assets_immutable_and_data_readable_cross_origin() {
    let test = SiteTest::fixture("minimal");
    let built = test.build();
    let headers = built.text("_headers");
    let short = "Cache-Control: public, max-age=60, stale-while-revalidate=30, stale-if-error=86400";
    for page in ["/index.html", "/incidents/2026-11-20-api-errors/index.html", "/history/index.html"] {
        let rule = rule_for(&headers, page);
        assert!(rule.contains(&short.to_string()), "{page}: {rule:?}");
    }
    for data in ["/status.json", "/feed.xml", "/api/v2/summary.json", "/components/api/badge.svg", "/maintenance.ics"] {
        let rule = rule_for(&headers, data);
        assert!(rule.contains(&short.to_string()), "{data}: {rule:?}");
        assert!(rule.contains(&"Access-Control-Allow-Origin: *".to_string()), "{data}: {rule:?}");
    }
    let css = built.files().into_iter().find(|f| f.starts_with("assets/") && f.ends_with(".css")).unwrap();
    let rule = rule_for(&headers, &format!("/{css}"));
    assert!(rule.contains(&"Cache-Control: public, max-age=31536000, immutable".to_string()), "{rule:?}");
}

#[test]
fn no_headers_leaves_the_file_out() {
    let test = SiteTest::fixture("minimal").arg("--no-headers");
    let built = test.build();
    assert!(!built.exists("_headers"));
    assert!(built.exists("index.html"));
}

/// Cloudflare Pages reads 100 rules and drops the rest silently; one rule set per component
/// lost framing protection past about 25 components. Every page of a large site, as a host
/// serves it: embeds may be framed, nothing else, and no header is set twice.
#[test]
fn only_embeds_may_be_framed_however_many_components() {
    let mut components = String::from("components:\n");
    for i in 0..120 {
        components.push_str(&format!("  - id: c{i}\n    name: Component {i}\n"));
    }
    for id in ["api", "web", "smpp"] {
        components.push_str(&format!("  - id: {id}\n    name: {id}\n"));
    }
    let test = SiteTest::fixture("minimal").file("content/components.yaml", &components);
    let built = test.build();
    let headers = built.text("_headers");
    let count = rules(&headers).len();
    assert!(count < 50, "{count} rules");
    let pages: Vec<String> = built.files().into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() > 360, "{} pages", pages.len());
    for page in &pages {
        let mut addresses = vec![format!("/{page}")];
        if let Some(folder) = page.strip_suffix("index.html") {
            addresses.push(format!("/{folder}"));
        }
        let embed = page.starts_with("embed/") || (page.starts_with("components/") && page.contains("/embed/"));
        for address in addresses {
            let sent = rule_for(&headers, &address);
            let has = |line: &str| sent.iter().any(|l| l == line);
            if embed {
                assert!(has("Content-Security-Policy: frame-ancestors *"), "{address}: {sent:?}");
                assert!(!sent.iter().any(|l| l.starts_with("X-Frame-Options")), "{address}: {sent:?}");
            } else {
                assert!(has("X-Frame-Options: DENY"), "{address}: {sent:?}");
                assert!(has("Content-Security-Policy: frame-ancestors 'none'"), "{address}: {sent:?}");
            }
        }
    }
    // Every file the host serves (not the output folder's marker, nor `_headers` itself).
    for file in built.files().into_iter().filter(|f| !f.starts_with('.') && f != "_headers") {
        rule_for(&headers, &format!("/{file}"));
    }
}
