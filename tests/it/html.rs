//! The HTML pages of the default theme, read back as a visitor and a browser would: every page
//! type exists, links resolve (from disk and under a sub-path over HTTP), content is escaped,
//! output is deterministic, translated, and themes can override it piece by piece.

use crate::common;
use crate::common::{select_texts, SiteTest};
use scraper::{Html, Selector};
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;

const NOW: &str = "2026-11-25T12:00:00Z";

/// Files other renderers (feeds, calendar, JSON, API) write; on a branch where they are still
/// stubs, links to them are the only ones allowed to dangle.
fn html_pages(built: &common::Built) -> Vec<String> {
    built.files().into_iter().filter(|f| f.ends_with(".html")).collect()
}

/// Every `href` and `src` of a page.
fn links(html: &Html) -> Vec<String> {
    let selector = Selector::parse("[href], [src]").unwrap();
    html.select(&selector)
        .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
        .flatten()
        .map(str::to_string)
        .collect()
}

fn is_internal(link: &str) -> bool {
    !(link.contains("://") || link.starts_with("mailto:") || link.starts_with('#') || link.starts_with('/'))
}

/// `incidents/x/` seen from `history/2/index.html` -> the output file it names.
pub(crate) fn resolve(page: &str, link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." => {}
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() || joined.ends_with('/') {
        format!("{joined}index.html")
    } else {
        joined
    }
}

#[test]
fn the_example_site_builds_every_page_type() {
    let site = SiteTest::example().now(NOW);
    let built = site.build();
    for path in [
        "index.html",
        "incidents/2026-11-21-api-latency/index.html",
        "maintenance/2026-12-08-whatsapp-queue-migration/index.html",
        "components/smpp/index.html",
        "history/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(built.exists(path), "{path} missing");
    }
    let files = built.files();
    assert_eq!(files.iter().filter(|f| f.starts_with("incidents/")).count(), 18);
    let component_pages = files.iter().filter(|f| f.starts_with("components/") && f.matches('/').count() == 2);
    assert_eq!(component_pages.filter(|f| f.ends_with("/index.html")).count(), 10);
    assert!(built.exists("components/smpp/history/index.html"));
    assert!(files.iter().any(|f| f.starts_with("assets/site.") && f.ends_with(".css")), "{files:?}");
    let index = built.html("index.html");
    assert_eq!(select_texts(&index, ".banner h1"), ["All Systems Operational"]);
    assert_eq!(index.select(&Selector::parse(".bars").unwrap()).count(), 10);
    assert_eq!(index.select(&Selector::parse(".bars > li").unwrap()).count(), 900);
    let bars = select_texts(&index, ".bars > li.d");
    let latency = "Nov 21: 100%, Degraded performance Slow responses from the Web service API";
    assert!(bars.iter().any(|b| b == latency), "{bars:?}");
    let component = built.html("components/smpp/index.html");
    assert_eq!(component.select(&Selector::parse(".month").unwrap()).count(), 12);
}

#[test]
fn no_internal_link_is_broken() {
    let site = SiteTest::example().now(NOW);
    let built = site.build();
    let mut checked = 0;
    for page in html_pages(&built).into_iter().filter(|p| p != "404.html") {
        for link in links(&built.html(&page)).into_iter().filter(|l| is_internal(l)) {
            let target = resolve(&page, &link);
            checked += 1;
            assert!(built.exists(&target), "{page}: `{link}` -> {target} is missing");
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn the_404_page_links_from_the_base_path_because_it_is_served_at_any_address() {
    let site = SiteTest::example().now(NOW).arg("--base-url").arg("https://example.github.io/status/");
    let built = site.build();
    let page = built.html("404.html");
    let found = links(&page);
    assert!(!found.is_empty());
    for link in found.iter().filter(|l| !l.contains("://") && !l.starts_with('#')) {
        assert!(link.starts_with("/status/"), "{link}");
        let target = resolve("index.html", &link["/status/".len()..]);
        assert!(built.exists(&target), "{link} -> {target}");
    }
}

#[test]
fn index_and_its_css_weigh_under_60_kb() {
    let site = SiteTest::example().now(NOW);
    let built = site.build();
    let css = built.files().into_iter().find(|f| f.starts_with("assets/site.") && f.ends_with(".css")).unwrap();
    let total = built.text("index.html").len() + built.text(&css).len();
    assert!(total < 60_000, "index.html + {css} = {total} bytes");
}

#[test]
fn two_builds_at_one_clock_are_byte_identical() {
    let site = SiteTest::example().now(NOW);
    let first = site.build();
    let snapshot: Vec<(String, Vec<u8>)> =
        first.files().into_iter().map(|f| (f.clone(), fs::read(first.root.join(&f)).unwrap())).collect();
    let second = site.build();
    let again: Vec<(String, Vec<u8>)> =
        second.files().into_iter().map(|f| (f.clone(), fs::read(second.root.join(&f)).unwrap())).collect();
    assert!(snapshot.len() > 40, "{} files", snapshot.len());
    assert_eq!(snapshot.len(), again.len());
    for ((path, a), (_, b)) in snapshot.iter().zip(&again) {
        assert!(a == b, "{path} differs between builds");
    }
}

#[test]
fn every_time_shows_the_site_zone_abbreviation_and_a_machine_readable_datetime() {
    let site = SiteTest::example().now(NOW);
    let built = site.build();
    let selector = Selector::parse("time").unwrap();
    for page in ["index.html", "incidents/2026-11-21-api-latency/index.html"] {
        let html = built.html(page);
        let times: Vec<_> = html.select(&selector).collect();
        assert!(!times.is_empty(), "{page} shows no time");
        for time in times {
            let datetime = time.value().attr("datetime").unwrap();
            assert!(chrono::DateTime::parse_from_rfc3339(datetime).is_ok(), "{datetime}");
            assert!(datetime.ends_with("-03:00"), "{datetime}");
            let text: String = time.text().collect();
            assert!(text.ends_with("\u{a0}-03"), "{page}: `{text}` lacks the zone (after a no-break space)");
        }
    }
}

#[test]
fn a_pt_br_site_speaks_portuguese() {
    let site = SiteTest::example().now(NOW);
    let yaml =
        fs::read_to_string(site.root().join("content/site.yaml")).unwrap().replace("language: en", "language: pt-BR");
    let site = site.file("content/site.yaml", &yaml);
    let built = site.build();
    let index = built.html("index.html");
    assert_eq!(select_texts(&index, ".banner h1"), ["Todos os sistemas operacionais"]);
    assert_eq!(index.root_element().value().attr("lang"), Some("pt-BR"));
    let text = built.text("index.html");
    assert!(text.contains("Manutenções programadas") && text.contains("Operacional"), "not translated");
    assert!(text.contains("de disponibilidade"), "uptime not translated");
    assert!(built.text("history/index.html").contains("novembro de 2026"));
}

const XSS: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

fn xss_site() -> SiteTest {
    SiteTest::fixture("minimal")
        .now(NOW)
        .file(
            "content/components.yaml",
            &format!(
                "groups:\n  - id: apis\n    name: \"{XSS}\"\ncomponents:\n  - id: api\n    name: \"{XSS}\"\n    group: apis\n    description: \"{XSS}\"\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n"
            ),
        )
        .file(
            "content/incidents/2026-11-24-xss.md",
            &format!("---\ntitle: \"{XSS}\"\nimpact: minor\ncomponents: [api]\n---\n\n## Investigating - 2026-11-24 10:00\n{XSS} <a href=\"javascript:alert(3)\" onclick=\"x()\">link</a>\n"),
        )
}

#[test]
fn markup_in_titles_names_and_bodies_comes_out_inert() {
    let site = xss_site();
    let built = site.build();
    let everything = Selector::parse("*").unwrap();
    for page in html_pages(&built) {
        let html = built.html(&page);
        // Embeds are framed in other sites and carry no script at all.
        let theirs = if page.contains("embed/") { 0 } else { 1 };
        assert_eq!(crate::common::scripts_allowed_by_hash(&html, &page), theirs, "{page}: only the theme's script");
        for element in html.select(&everything) {
            for (name, value) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{page}: {name}={value}");
                assert!(!value.trim_start().starts_with("javascript:"), "{page}: {name}={value}");
            }
        }
    }
    let incident = built.html("incidents/2026-11-24-xss/index.html");
    assert_eq!(select_texts(&incident, "h1.title"), [XSS]);
    assert!(select_texts(&built.html("index.html"), ".row .head a").contains(&XSS.to_string()));
}

#[test]
fn a_site_theme_overrides_one_partial_and_keeps_the_rest() {
    let site = themed(SiteTest::fixture("minimal")).file(
        "themes/mine/templates/partials/footer.html",
        "<footer class=\"mine\">{{ t.powered_by }} (custom)</footer>\n",
    );
    let built = site.build();
    let index = built.html("index.html");
    assert_eq!(select_texts(&index, "footer.mine"), ["Built with statusforge (custom)"]);
    assert_eq!(select_texts(&index, ".banner h1").len(), 1, "the rest of the built-in theme is gone");
}

fn themed(site: SiteTest) -> SiteTest {
    site.now(NOW).file(
        "content/site.yaml",
        "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\ntheme: mine\n",
    )
}

#[test]
fn a_broken_user_template_is_reported_with_its_file_line_and_exit_1() {
    let site = themed(SiteTest::fixture("minimal"))
        .file("themes/mine/templates/partials/header.html", "<header>\n{% if site.title %}unclosed</header>\n");
    let run = site.try_build();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let output = run.all_output();
    assert!(output.contains("themes/mine/templates/partials/header.html"), "{output}");
    assert!(output.contains("template syntax error at line 3, column 1: Unexpected end of input"), "{output}");
    assert!(!site.output().join("index.html").exists());
}

#[test]
fn every_broken_user_template_is_reported_in_one_run() {
    let site = themed(SiteTest::fixture("minimal"))
        .file("themes/mine/templates/partials/header.html", "<header>{% if %}</header>\n")
        .file("themes/mine/templates/partials/footer.html", "<footer>\n  {% for %}</footer>\n");
    let run = site.try_build();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let output = run.all_output();
    assert!(output.contains("2 problems in 2 files"), "{output}");
    let header = output.find("themes/mine/templates/partials/header.html").expect("header named");
    let footer = output.find("themes/mine/templates/partials/footer.html").expect("footer named");
    assert!(footer < header, "sorted by file: {output}");
    assert!(output.contains("template syntax error at line 1, column 15"), "{output}");
    assert!(output.contains("template syntax error at line 2, column 10"), "{output}");
}

#[test]
fn an_unknown_filter_or_include_is_reported_where_it_is_written() {
    let site = themed(SiteTest::fixture("minimal")).file(
        "themes/mine/templates/partials/footer.html",
        "<footer>{{ site.title | shout }}\n{% include \"nope.html\" %}</footer>\n",
    );
    let run = site.try_build();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let output = run.all_output();
    assert!(output.contains("template error at line 1, column 25: Unknown filter `shout`"), "{output}");
    assert!(output.contains("template error at line 2, column 12: Unknown template `nope.html`"), "{output}");
    assert_eq!(output.matches("themes/mine/templates/partials/footer.html").count(), 2, "{output}");
}

#[test]
fn an_unknown_variable_in_a_user_template_names_that_template_and_line() {
    let site = themed(SiteTest::fixture("minimal"))
        .file("themes/mine/templates/partials/footer.html", "<footer>\n{{ no_such_thing.at_all }}</footer>\n");
    let run = site.try_build();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let output = run.all_output();
    assert!(output.contains("themes/mine/templates/partials/footer.html"), "{output}");
    assert!(output.contains("template error at line 2, column 4: Variable `no_such_thing` is not defined"), "{output}");
    assert_eq!(output.matches("no_such_thing").count(), 1, "one problem, not one per page: {output}");
}

#[test]
fn a_theme_can_read_any_word_from_the_table() {
    let site = themed(SiteTest::fixture("minimal")).file(
        "themes/mine/templates/partials/footer.html",
        "<footer class=\"mine\">{{ t[\"component.major_outage\"] | upper }}</footer>\n",
    );
    let index = site.build().html("index.html");
    assert_eq!(select_texts(&index, "footer.mine"), ["MAJOR OUTAGE"]);
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = SiteTest::example().now(NOW);
    let built = site.build();
    let before: Vec<(String, Vec<u8>)> =
        built.files().into_iter().map(|f| (f.clone(), fs::read(built.root.join(&f)).unwrap())).collect();
    let site = site.file(
        "content/incidents/2026-11-24-broken.md",
        "---\ntitle: Broken\ncomponents: [nope]\n---\n\n## Investigating - 2026-11-24 10:00\nx\n",
    );
    let run = site.try_build();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let after: Vec<(String, Vec<u8>)> =
        built.files().into_iter().map(|f| (f.clone(), fs::read(built.root.join(&f)).unwrap())).collect();
    assert!(before == after, "the previous output changed");
}

#[test]
fn a_template_failing_after_pages_were_written_leaves_the_previous_output_and_no_leftovers() {
    let site = themed(SiteTest::fixture("minimal"))
        .file("themes/mine/templates/partials/footer.html", "<footer>ok</footer>\n");
    let built = site.build();
    let read_all = || -> Vec<(String, Vec<u8>)> {
        built.files().into_iter().map(|f| (f.clone(), fs::read(built.root.join(&f)).unwrap())).collect()
    };
    let before = read_all();
    // Only incident pages fail: the front page, components and history are written to the
    // staging folder first, as pages stream out.
    let site = site.file("themes/mine/templates/incident.html", "<p>{{ no_such_thing }}</p>\n");
    let run = site.try_build();
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(run.all_output().contains("themes/mine/templates/incident.html"), "{}", run.all_output());
    assert!(before == read_all(), "the previous output changed");
    let parent = built.root.parent().unwrap();
    let leftovers: Vec<String> =
        fs::read_dir(parent).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(
        !leftovers.iter().any(|name| name.contains("statusforge-new") || name.contains("statusforge-old")),
        "{leftovers:?}"
    );
}

/// A tiny static server for `root`, mounted at `/status/`, on 127.0.0.1 port 0. It answers
/// one request per connection and stops when the test drops the returned guard.
struct Server {
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (root, flag) = (root.to_path_buf(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(std::sync::atomic::Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                // Read the whole request head, so closing never resets unread bytes.
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                let (status, body) = match serve(&root, &path) {
                    Some(body) => ("200 OK", body),
                    None => ("404 Not Found", Vec::new()),
                };
                let head = format!("HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        Server { port, stop, thread: Some(thread) }
    }

    /// Status code and body of `GET path`.
    fn get(&self, path: &str) -> (u16, Vec<u8>) {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&response[..split]).to_string();
        let code = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (code, response[split + 4..].to_vec())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The file for a URL path under `/status/`, `x/` meaning `x/index.html`, refusing `..`.
fn serve(root: &Path, url: &str) -> Option<Vec<u8>> {
    let rest = url.strip_prefix("/status/")?;
    if rest.split('/').any(|s| s == "..") {
        return None;
    }
    let file = if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.to_string() };
    fs::read(root.join(file)).ok()
}

/// `href` resolved against a page URL path, as a browser does for relative links.
fn url_join(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            "." => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn under_a_sub_path_every_link_of_the_index_and_an_incident_loads_over_http() {
    let site = SiteTest::example().now(NOW).arg("--base-url").arg("https://example.github.io/status/");
    let built = site.build();
    let server = Server::start(&built.root);
    let mut fetched = BTreeSet::new();
    for page in ["/status/", "/status/incidents/2026-11-21-api-latency/"] {
        let (code, body) = server.get(page);
        assert_eq!(code, 200, "{page}");
        let html = Html::parse_document(&String::from_utf8(body).unwrap());
        let canonical = Selector::parse("link[rel=canonical]").unwrap();
        let canonical = html.select(&canonical).next().unwrap().value().attr("href").unwrap();
        assert_eq!(canonical, format!("https://example.github.io{page}"));
        for link in links(&html).into_iter().filter(|l| is_internal(l)) {
            let url = url_join(page, link.split('#').next().unwrap());
            if fetched.insert(url.clone()) {
                let (code, _) = server.get(&url);
                assert_eq!(code, 200, "{page}: {link} -> {url}");
            }
        }
    }
    assert!(fetched.iter().any(|u| u.ends_with(".css")), "{fetched:?}");
    assert!(fetched.len() > 20, "{fetched:?}");
}

#[test]
fn sitemap_lists_absolute_urls_of_every_page() {
    let site = SiteTest::example().now(NOW).arg("--base-url").arg("https://example.github.io/status/");
    let built = site.build();
    let sitemap = built.text("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.github.io/status/</loc>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://example.github.io/status/incidents/2026-11-21-api-latency/</loc>"));
    // Front page, incidents, maintenance, notices, components, the subscribe page, history, and
    // each component's history.
    assert_eq!(sitemap.matches("<loc>").count(), 1 + 18 + 5 + 2 + 10 + 1 + 1 + 10);
    assert!(sitemap.contains("<loc>https://example.github.io/status/components/smpp/history/</loc>"));
}

#[test]
fn a_site_of_more_than_a_thousand_pages_gets_a_sitemap_index_of_parts() {
    let mut site = SiteTest::fixture("minimal").now(NOW);
    for i in 0..1_050 {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Duration::days(i / 3);
        site = site.file(
            &format!("content/incidents/{date}-n{i}.md"),
            &format!("---\ntitle: Incident {i}\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - {date} 1{}:00\nFixed.\n", i % 3),
        );
    }
    let built = site.build();
    let index = built.text("sitemap.xml");
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), "{index}");
    let base = "https://status.example.com/";
    let parts: Vec<&str> = index.split("<loc>").skip(1).map(|rest| rest.split("</loc>").next().unwrap()).collect();
    assert_eq!(parts, [format!("{base}sitemaps/1.xml"), format!("{base}sitemaps/2.xml")]);
    // Every page once across the parts, none over the limit; the 404 page is not one.
    let mut pages = Vec::new();
    for part in &parts {
        let text = built.text(part.strip_prefix(base).unwrap());
        assert!(text.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), "{text}");
        let locs: Vec<String> =
            text.split("<loc>").skip(1).map(|r| r.split("</loc>").next().unwrap().to_string()).collect();
        assert!(locs.len() <= 1_000, "{part} has {} URLs", locs.len());
        pages.extend(locs);
    }
    let html: Vec<String> = built
        .files()
        .into_iter()
        .filter(|f| f.ends_with("index.html") && !f.contains("embed/"))
        .map(|f| format!("{base}{}", f.trim_end_matches("index.html")))
        .collect();
    let mut sorted = pages.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), pages.len(), "a page is listed twice");
    let mut expected = html;
    expected.sort();
    assert_eq!(sorted, expected);
    // The index gives each part the latest change among its pages.
    for (n, part) in parts.iter().enumerate() {
        let text = built.text(part.strip_prefix(base).unwrap());
        let latest = text.split("<lastmod>").skip(1).map(|r| r.split("</lastmod>").next().unwrap()).max().unwrap();
        let entry = index.split("<sitemap>").nth(n + 1).unwrap();
        assert!(entry.contains(&format!("<lastmod>{latest}</lastmod>")), "{entry} should say {latest}");
    }
}

#[test]
fn history_is_paginated_by_fifty_with_links_both_ways() {
    let mut site = SiteTest::fixture("minimal").now(NOW);
    for day in 0..55 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day * 5);
        site = site.file(
            &format!("content/incidents/{date}-x.md"),
            &format!("---\ntitle: Incident of {date}\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - {date} 12:00\nDone.\n\n## Investigating - {date} 10:00\nLooking.\n"),
        );
    }
    let built = site.build();
    let first = built.html("history/index.html");
    let second = built.html("history/2/index.html");
    assert_eq!(select_texts(&first, "article h3").len(), 50);
    assert_eq!(select_texts(&second, "article h3").len(), 56 - 50);
    let link = |html: &Html, rel: &str| {
        let selector = Selector::parse(&format!("a[rel={rel}]")).unwrap();
        html.select(&selector).next().and_then(|a| a.value().attr("href")).map(str::to_string)
    };
    assert_eq!(link(&first, "next").as_deref(), Some("../history/2/"));
    assert_eq!(link(&first, "prev"), None);
    assert_eq!(link(&second, "prev").as_deref(), Some("../../history/"));
    let months = select_texts(&first, ".month-list h2");
    assert_eq!(months.first().map(String::as_str), Some("November 2026"), "{months:?}");
    assert!(!built.exists("history/3/index.html"));
}

#[test]
fn a_component_page_lists_its_newest_incidents_and_links_to_all_of_them() {
    let mut site = SiteTest::fixture("minimal").now(NOW);
    for day in 0..120 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(day * 2);
        // Every third incident is on `web`, the others on `api`.
        let component = if day % 3 == 0 { "web" } else { "api" };
        site = site.file(
            &format!("content/incidents/{date}-x.md"),
            &format!("---\ntitle: Incident of {date} on {component}\nimpact: minor\ncomponents: [{component}]\n---\n\n## Resolved - {date} 12:00\nDone.\n"),
        );
    }
    let built = site.build();
    // `api`: 80 of these and the fixture's own incident.
    let page = built.html("components/api/index.html");
    let listed = select_texts(&page, "section[aria-labelledby=incidents] article h3");
    assert_eq!(listed.len(), 10, "{listed:?}");
    assert_eq!(listed[1], "Incident of 2026-08-27 on api", "newest first: {listed:?}");
    let more = Selector::parse("section[aria-labelledby=incidents] .more a").unwrap();
    let link = page.select(&more).next().expect("a link to all incidents");
    assert_eq!(link.text().collect::<String>(), "All 81 incidents →");
    assert_eq!(link.value().attr("href"), Some("../../components/api/history/"));

    let first = built.html("components/api/history/index.html");
    let second = built.html("components/api/history/2/index.html");
    assert_eq!(select_texts(&first, "h1.title"), ["Incident history of API"]);
    assert_eq!(select_texts(&first, ".crumbs a"), ["Current status", "API"]);
    let mut all = select_texts(&first, "article h3");
    assert_eq!(all.len(), 50);
    all.extend(select_texts(&second, "article h3"));
    assert_eq!(all.len(), 81);
    assert!(all.iter().all(|t| !t.ends_with("on web")), "only its own incidents: {all:?}");
    assert!(!built.exists("components/api/history/3/index.html"));
    // A component with few incidents lists them all and needs no link.
    let web = built.html("components/web/index.html");
    assert_eq!(select_texts(&web, "section[aria-labelledby=incidents] article h3").len(), 10);
    assert_eq!(select_texts(&built.html("components/web/history/index.html"), "article h3").len(), 40);
    let smpp = built.html("components/smpp/index.html");
    assert!(select_texts(&smpp, "section[aria-labelledby=incidents] .more").is_empty());
}

/// The timeline's dot marks each update (a direct child of the timeline), never the items of
/// a list inside an update's text, which keep their own bullets: one marker per item.
#[test]
fn the_timeline_dot_marks_updates_not_list_items_inside_them() {
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/site.css")).unwrap();
    let rules: Vec<&str> =
        css.split('}').filter(|rule| rule.contains(".timeline") && rule.contains("::before")).collect();
    assert!(!rules.is_empty(), "no timeline dot rule found");
    for rule in rules {
        let selectors = rule.split('{').next().unwrap_or("");
        for selector in selectors.split(',') {
            let selector = selector.trim();
            if selector.starts_with(".timeline") {
                assert!(selector.starts_with(".timeline>"), "`{selector}` also marks list items inside updates");
            }
        }
    }
    // And a list in an update is rendered as a list, inside the update's item.
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-21-list.md",
        "---\ntitle: List\nimpact: minor\ncomponents: [api]\n---\n\n## Investigating - 2026-11-21 10:00\nAffected:\n\n- SMS\n- WhatsApp\n",
    );
    let built = test.build();
    let page = built.html("incidents/2026-11-21-list/index.html");
    let nested = crate::common::select_texts(&page, "ol.timeline > li ul > li");
    assert_eq!(nested, ["SMS", "WhatsApp"]);
}

fn meta(page: &Html, selector: &str) -> Option<String> {
    page.select(&Selector::parse(selector).unwrap()).next().and_then(|e| e.value().attr("content")).map(str::to_string)
}

/// A link to an incident pasted into chat previews with the incident's own title and latest
/// update, not the site's description.
#[test]
fn an_incident_page_carries_its_own_description_and_link_preview_tags() {
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-21-sms.md",
        "---\ntitle: SMS delays\nimpact: minor\ncomponents: [api]\n---\n\n## Identified - 2026-11-21 10:30\n\
         A **carrier** in Brazil queues [messages](https://example.com/x); we reroute them.\n\n\
         ## Investigating - 2026-11-21 10:00\nLooking.\n",
    );
    let built = test.build();
    let page = built.html("incidents/2026-11-21-sms/index.html");
    let summary = "A carrier in Brazil queues messages; we reroute them.";
    assert_eq!(meta(&page, "meta[name=description]").as_deref(), Some(summary));
    assert_eq!(meta(&page, "meta[property='og:description']").as_deref(), Some(summary));
    assert_eq!(meta(&page, "meta[property='og:title']").as_deref(), Some("SMS delays · Minimal Status"));
    assert_eq!(meta(&page, "meta[property='og:type']").as_deref(), Some("article"), "a dated post");
    assert_eq!(meta(&built.html("index.html"), "meta[property='og:type']").as_deref(), Some("website"));
    assert_eq!(
        meta(&page, "meta[property='og:url']").as_deref(),
        Some("https://status.example.com/incidents/2026-11-21-sms/")
    );
    assert_eq!(meta(&page, "meta[name='twitter:card']").as_deref(), Some("summary_large_image"));
    // The preview image is absolute (previews are fetched by other services), published, and
    // a PNG of the size link previews use.
    let image = meta(&page, "meta[property='og:image']").expect("og:image");
    let path = image.strip_prefix("https://status.example.com/").expect("an absolute address on the site");
    let png = std::fs::read(test.output().join(path)).expect("the image is published");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let size =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!(size, (1200, 630));
    assert_eq!(meta(&page, "meta[property='og:image:width']").as_deref(), Some("1200"));
    assert_eq!(meta(&page, "meta[name=robots]"), None, "indexed unless site.yaml says otherwise");
    assert!(!built.text("_headers").contains("X-Robots-Tag"));
    // An update written as raw HTML is described by its text, as the page shows it.
    let raw = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-22-raw.md",
        "---\ntitle: Raw\nimpact: minor\ncomponents: [api]\n---\n\n## Investigating - 2026-11-22 10:00\n\
         <p>We are investigating errors on the API &amp; the web app.</p>\n",
    );
    let raw_built = raw.build();
    let raw_page = raw_built.html("incidents/2026-11-22-raw/index.html");
    assert_eq!(
        meta(&raw_page, "meta[name=description]").as_deref(),
        Some("We are investigating errors on the API & the web app.")
    );
    // The front page keeps the site's description.
    let index = built.html("index.html");
    assert_ne!(meta(&index, "meta[name=description]").as_deref(), Some(summary));
}

/// `robots: noindex` keeps a staging build out of search engines: a meta tag on every page
/// and `X-Robots-Tag` on every rule of `_headers` (feeds and JSON too). Crawling stays allowed
/// (a crawler must fetch a page to see its `noindex`), but no sitemap invites it.
#[test]
fn robots_noindex_marks_every_page_and_every_header_rule() {
    let test = SiteTest::fixture("minimal").file(
        "content/site.yaml",
        "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nrobots: noindex\n",
    );
    let built = test.build();
    for path in built.files().iter().filter(|p| p.ends_with(".html")) {
        assert_eq!(meta(&built.html(path), "meta[name=robots]").as_deref(), Some("noindex"), "{path}");
    }
    let headers = built.text("_headers");
    // Every rule with cache headers; the framing rules under components/ add only framing
    // headers to paths `/components/*` already covers.
    let rules = headers.matches("Cache-Control:").count();
    assert!(rules > 3);
    assert_eq!(headers.matches("X-Robots-Tag: noindex").count(), rules, "{headers}");
    let robots = built.text("robots.txt");
    let lines: Vec<&str> = robots.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert_eq!(lines, ["User-agent: *", "Allow: /"], "{robots}");
    assert!(!built.files().iter().any(|f| f.contains("sitemap")), "{:?}", built.files());
    // An indexed site names its sitemap.
    let indexed = SiteTest::fixture("minimal").build();
    assert!(indexed.text("robots.txt").contains("\nSitemap: https://status.example.com/sitemap.xml\n"));
    assert!(indexed.exists("sitemap.xml"));
}

/// Component names on the front page look like the links they are, and a time never breaks
/// between its clock and its zone on a narrow screen (a no-break space joins them; the line
/// may still break after the date, so narrow columns do not overflow).
#[test]
fn component_links_look_like_links_and_times_do_not_wrap() {
    let css =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/site.css")).unwrap();
    let rule = |selector: &str| -> String {
        let start = css.find(&format!("\n{selector}{{")).unwrap_or_else(|| panic!("no `{selector}` rule"));
        css[start..].split('}').next().unwrap_or("").to_string()
    };
    let link = rule(".row .head a");
    assert!(!link.contains("text-decoration:none"), "{link}");
    assert!(link.contains("color:var(--link)"), "{link}");
    assert!(!css.contains("\ntime{white-space:nowrap}"), "whole times overflow narrow columns");
    let site = SiteTest::fixture("minimal");
    let built = site.build();
    let page = built.html("incidents/2026-11-20-api-errors/index.html");
    let selector = Selector::parse("time").unwrap();
    let times: Vec<String> = page.select(&selector).map(|t| t.text().collect()).collect();
    assert!(!times.is_empty());
    for time in times {
        let (clock, zone) = time.rsplit_once('\u{a0}').unwrap_or_else(|| panic!("`{time}` has no no-break space"));
        assert!(clock.ends_with(|c: char| c.is_ascii_digit()) && !zone.contains(' '), "`{time}`");
    }
}

/// Each month of a component's uptime calendar names its columns, in the site's language.
#[test]
fn calendar_months_label_their_weekday_columns() {
    let site = SiteTest::fixture("minimal");
    let built = site.build();
    let page = built.html("components/api/index.html");
    let months = page.select(&Selector::parse(".month").unwrap()).count();
    assert!(months >= 12, "{months} months");
    let labels = select_texts(&page, ".month ol.wk li");
    assert_eq!(labels.len(), 7 * months);
    assert_eq!(labels[..7], ["S", "M", "T", "W", "T", "F", "S"]);
    let pt = SiteTest::fixture("minimal").file(
        "content/site.yaml",
        "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nlanguage: pt-BR\n",
    );
    let pt_built = pt.build();
    let labels = select_texts(&pt_built.html("components/api/index.html"), ".month ol.wk li");
    assert_eq!(labels[..7], ["D", "S", "T", "Q", "Q", "S", "S"]);
}
