//! The pages in a real browser (headless Chromium): the script that rewrites times into the
//! reader's zone, and the page as it reads when no script may run. Chromium is found on PATH
//! (`chromium`, `chromium-browser`, `google-chrome`); `.ci/run` installs Debian's.

use crate::common::{SiteTest, StaticServer};
use scraper::{Html, Selector};
use std::path::PathBuf;
use std::process::Command;

pub(crate) fn chromium() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        if let Some(found) = std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file()) {
            return found;
        }
    }
    panic!("the browser tests need Chromium: install Debian's `chromium` package (or see .ci/run)");
}

/// The DOM of `url` once its scripts ran, in a browser whose clock is in `zone`.
pub(crate) fn dom(url: &str, zone: &str) -> Html {
    let profile = crate::common::temp_dir();
    let mut command = Command::new(chromium());
    command
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--lang=en-US"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        // Lets the page's fetches and timers finish before the DOM is printed.
        .arg("--virtual-time-budget=5000")
        .env("TZ", zone);
    let output = command.arg("--dump-dom").arg(url).output().expect("run chromium");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    Html::parse_document(&String::from_utf8_lossy(&output.stdout))
}

fn text_of(html: &Html, selector: &str) -> Vec<String> {
    crate::common::select_texts(html, selector)
}

fn site() -> SiteTest {
    SiteTest::empty()
        .file("content/site.yaml", "title: Acme\nbase_url: https://status.acme.test/\ntimezone: America/Sao_Paulo\n")
        .file("content/components.yaml", "components:\n  - id: api\n    name: API\n")
        .file(
            "content/incidents/2026-11-20-api-errors.md",
            "---\ntitle: API errors\nimpact: minor\ncomponents: [api]\n---\n\n## Investigating - 2026-11-20 14:02\nWe are looking.\n",
        )
}

#[test]
fn times_are_rewritten_into_the_readers_zone_and_read_as_before_without_javascript() {
    let site = site();
    let built = site.build();
    let page = "incidents/2026-11-20-api-errors/index.html";
    let server = StaticServer::serve(site.output());
    let url = format!("{}/{page}", server.url);
    let served = built.html(page);
    let started = "dl time";
    // On the server: the site's wall clock, its zone, and the update's time.
    let site_text = text_of(&served, started);
    assert_eq!(site_text, ["Nov 20, 2026, 14:02 -03"]);

    let tokyo = dom(&url, "Asia/Tokyo");
    // 14:02 in São Paulo (UTC-3) is 02:02 the next day in Tokyo (UTC+9).
    let local = text_of(&tokyo, started);
    assert_eq!(local.len(), 1);
    assert!(local[0].contains("Nov 21, 2026") && local[0].contains("2:02") && local[0].contains("GMT+9"), "{local:?}");
    let title = Selector::parse("dl time").unwrap();
    let tooltip = tokyo.select(&title).next().and_then(|t| t.value().attr("title")).map(str::to_string);
    assert_eq!(tooltip.as_deref(), Some("Nov 20, 2026, 14:02\u{a0}-03"), "the site's time stays as the tooltip");
    let note = Selector::parse("#local-time").unwrap();
    let note = tokyo.select(&note).next().expect("the note");
    assert!(note.value().attr("hidden").is_none(), "the note is shown");
    assert!(note.text().collect::<String>().contains("(Asia/Tokyo)"));
    // Uptime days stay in the site's zone, and the page says which.
    assert!(
        text_of(&tokyo, ".foot .fine").iter().any(|t| t.contains("America/Sao_Paulo")),
        "{:?}",
        text_of(&tokyo, ".foot .fine")
    );

    // Chromium prints no DOM with JavaScript switched off, so the page's script is blocked
    // instead, by a policy from the server that lets no script run: the same for the page.
    let blocking = StaticServer::serve_with(site.output(), Some(("Content-Security-Policy", "script-src 'none'")));
    let off = dom(&format!("{}/{page}", blocking.url), "Asia/Tokyo");
    assert_eq!(text_of(&off, started), site_text, "without JavaScript the page reads as served");
    assert_eq!(text_of(&off, "time"), text_of(&served, "time"));
    let note = Selector::parse("#local-time").unwrap();
    assert!(off.select(&note).next().expect("the note").value().attr("hidden").is_some());
}

/// A customer's own page with the status site under `/status/`, its banner script included.
fn host(site: &SiteTest) -> (tempfile::TempDir, StaticServer) {
    let root = crate::common::temp_dir();
    crate::common::copy_dir(&site.output(), &root.path().join("status"));
    let page = "<!DOCTYPE html><html lang=\"en\"><head><title>Dashboard</title>\
                <script src=\"/status/embed.js\" async></script></head>\
                <body><h1>Acme dashboard</h1></body></html>";
    std::fs::write(root.path().join("index.html"), page).unwrap();
    let server = StaticServer::serve(root.path().to_path_buf());
    (root, server)
}

#[test]
fn embed_js_shows_a_banner_while_an_incident_is_open_and_nothing_when_all_is_clear() {
    let hostile = "Carrier <img src=x onerror=alert(1)> delays";
    let open = site().file(
        "content/incidents/2026-11-24-carrier.md",
        &format!("---\ntitle: \"{hostile}\"\nimpact: major\ncomponents: [api]\n---\n\n## Identified - 2026-11-24 09:00\nA carrier drops messages.\n"),
    );
    open.build();
    let (_root, server) = host(&open);
    let page = dom(&format!("{}/", server.url), "UTC");
    let banner = Selector::parse("#statusforge-banner").unwrap();
    let banner = page.select(&banner).next().expect("a banner while incidents are open");
    let text: String = banner.text().collect();
    assert!(text.contains("Identified: ") && text.contains(hostile), "{text}");
    assert!(text.contains("Investigating: API errors"), "{text}");
    assert!(text.contains("View status"), "{text}");
    let img = Selector::parse("#statusforge-banner img").unwrap();
    assert_eq!(page.select(&img).count(), 0, "a title is text, never markup");
    let links: Vec<String> = page
        .select(&Selector::parse("#statusforge-banner a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(links.contains(&"https://status.acme.test/incidents/2026-11-24-carrier/".to_string()), "{links:?}");

    let clear = site().file(
        "content/incidents/2026-11-20-api-errors.md",
        "---\ntitle: API errors\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 2026-11-20 15:00\nFixed.\n\n## Investigating - 2026-11-20 14:02\nWe are looking.\n",
    );
    clear.build();
    let (_root, server) = host(&clear);
    let page = dom(&format!("{}/", server.url), "UTC");
    assert!(page.select(&Selector::parse("h1").unwrap()).next().is_some(), "the host page loaded");
    assert!(
        page.select(&Selector::parse("#statusforge-banner").unwrap()).next().is_none(),
        "no banner when all is clear"
    );
}

#[test]
fn the_embeds_show_the_status_without_page_chrome() {
    let site = site();
    let built = site.build();
    for (path, status) in
        [("embed/index.html", "Minor Service Outage"), ("components/api/embed/index.html", "Degraded performance")]
    {
        let html = built.html(path);
        assert_eq!(text_of(&html, ".banner"), [status], "{path}");
        assert_eq!(text_of(&html, "h1"), [status], "{path}: the status is the frame's one heading");
        assert_eq!(text_of(&html, ".now a"), ["API errors"], "{path}");
        assert!(text_of(&html, "header, footer").is_empty(), "{path}: no page chrome");
        assert_eq!(crate::common::scripts_allowed_by_hash(&html, path), 0, "{path}: no script");
        let robots = Selector::parse("meta[name=robots]").unwrap();
        assert_eq!(html.select(&robots).next().and_then(|m| m.value().attr("content")), Some("noindex"), "{path}");
        let targets = Selector::parse("a[target=_blank][rel=noopener]").unwrap();
        assert!(html.select(&targets).count() >= 2, "{path}: links leave the frame");
    }
    let headers = built.text("_headers");
    assert!(headers.contains("/embed/*\n"), "{headers}");
    assert!(headers.contains("/components/:id/embed/*\n  Content-Security-Policy: frame-ancestors *\n"), "{headers}");
    assert!(headers.contains("/components/:id/\n  X-Frame-Options: DENY\n"), "{headers}");
    assert!(!built.text("sitemap.xml").contains("embed"), "embeds are not pages to find");
}

/// The banner speaks the site's language on someone else's page: a window being verified says
/// so (not "in progress"), status and title are joined by the language's colon, and the banner
/// carries `lang` and `dir`, so Arabic runs right to left on an English page.
#[test]
fn embed_js_words_each_windows_phase_in_the_sites_language_and_direction() {
    let window = "---\ntitle: Gateway upgrade\ncomponents: [api]\nwindow:\n  start: 2026-11-25 08:00\n  end: 2026-11-25 10:00\n---\n\n## Verifying - 2026-11-25 08:50\nDone; checking.\n\n## Scheduled - 2026-11-20 10:00\nPlanned.\n";
    for (language, verifying, colon, dir) in
        [("fr", "Vérification en cours", "\u{a0}: ", "ltr"), ("ar", "قيد التحقق", ": ", "rtl")]
    {
        let site = site()
            .file(
                "content/site.yaml",
                &format!("title: Acme\nbase_url: https://status.acme.test/\ntimezone: America/Sao_Paulo\nlanguage: {language}\n"),
            )
            .file("content/maintenance/2026-11-25-gateway.md", window);
        site.build();
        let (_root, server) = host(&site);
        let page = dom(&format!("{}/", server.url), "UTC");
        let banner = Selector::parse("#statusforge-banner").unwrap();
        let banner = page.select(&banner).next().expect("a banner while a window is under way");
        let text: String = banner.text().collect();
        assert!(text.contains(&format!("{verifying}{colon}Gateway upgrade")), "{language}: {text}");
        assert_eq!((banner.value().attr("lang"), banner.value().attr("dir")), (Some(language), Some(dir)));
    }
}
