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
