//! The `_headers` file as a static host reads it: which rule applies to which built file.

use crate::common::SiteTest;

/// The header lines of the one rule whose pattern matches `path` (Netlify/Cloudflare syntax).
fn rule_for(headers: &str, path: &str) -> Vec<String> {
    let mut rules: Vec<(String, Vec<String>)> = Vec::new();
    for line in headers.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        if line.starts_with('/') {
            rules.push((line.to_string(), Vec::new()));
        } else if let Some(last) = rules.last_mut() {
            last.1.push(line.trim().to_string());
        }
    }
    let matching: Vec<_> = rules
        .into_iter()
        .filter(|(pattern, _)| match pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => pattern == path,
        })
        .collect();
    assert_eq!(matching.len(), 1, "{path} matches {} rules", matching.len());
    matching.into_iter().next().unwrap().1
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
