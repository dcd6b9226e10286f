//! The subscribe page, read back as a reader and a browser would: every feed it offers exists,
//! every page but the embeds links to it, the list provider's form posts what the provider
//! expects and is the only thing any page may post, hostile values stay text. Its mistakes in
//! site.yaml are in `subscribe_check.rs`.

use crate::common::{select_texts, Built, SiteTest};
use scraper::{ElementRef, Html, Selector};

const PAGE: &str = "subscribe/index.html";

/// The minimal site (group `apis`: API and Web; SMPP outside any group) with these lines
/// under `subscribe: form:` in site.yaml.
pub(crate) fn with_form(form: &str) -> SiteTest {
    let yaml = format!(
        "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nsubscribe:\n  form:\n{form}"
    );
    SiteTest::fixture("minimal").file("content/site.yaml", &yaml)
}

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(selector).unwrap()).collect()
}

fn attr(element: &ElementRef<'_>, name: &str) -> String {
    element.value().attr(name).unwrap_or_else(|| panic!("no `{name}` on {}", element.html())).to_string()
}

/// The page's content security policy, from its `<meta>`.
fn policy(built: &Built, page: &str) -> String {
    let html = built.html(page);
    let meta = select(&html, "meta[http-equiv=\"Content-Security-Policy\"]");
    assert_eq!(meta.len(), 1, "{page}: one policy");
    attr(&meta[0], "content")
}

#[test]
fn the_page_offers_every_feed_by_group_and_each_link_is_a_file_of_the_site() {
    let built = SiteTest::fixture("minimal").build();
    let html = built.html(PAGE);
    let mut internal = 0;
    for link in select(&html, "a[href]").iter().map(|a| attr(a, "href")) {
        if link.contains("://") || link.starts_with('#') {
            continue;
        }
        let file = crate::html::resolve(PAGE, &link);
        assert!(built.exists(&file), "{link} -> {file} is not in the output");
        internal += 1;
    }
    assert!(internal > 20, "{internal} links");
    let hrefs: Vec<String> = select(&html, "main a[href]").iter().map(|a| attr(a, "href")).collect();
    for id in ["api", "web", "smpp"] {
        for feed in ["feed.xml", "atom.xml", "feed.json"] {
            let link = format!("../components/{id}/{feed}");
            assert!(hrefs.contains(&link), "{link} missing from {hrefs:?}");
        }
    }
    for site_wide in ["../feed.xml", "../atom.xml", "../feed.json", "../maintenance.ics", "../status.json"] {
        assert!(hrefs.iter().any(|h| h == site_wide), "{site_wide} missing");
    }
    // Components by group in display order, then those outside any group.
    assert_eq!(select_texts(&html, "#per-component ~ .group h3"), ["APIs", "Other components"]);
    let first_group: Vec<String> = select(&html, ".group")
        .first()
        .map(|g| g.select(&Selector::parse(".row > a").unwrap()).map(|a| a.text().collect()).collect())
        .unwrap();
    assert_eq!(first_group, ["API", "Web"]);
    // Addresses to copy are absolute; the calendar opens as a subscription too.
    let codes = select_texts(&html, ".addresses code");
    assert!(codes.contains(&"https://status.example.com/feed.xml".to_string()), "{codes:?}");
    assert!(hrefs.contains(&"webcal://status.example.com/maintenance.ics".to_string()), "{hrefs:?}");
    assert_eq!(select_texts(&html, ".cmd"), ["/feed subscribe https://status.example.com/feed.xml"]);
    assert!(select(&html, "form").is_empty(), "no provider, no form");
    assert!(built.text("sitemap.xml").contains("<loc>https://status.example.com/subscribe/</loc>"));
}

#[test]
fn every_page_links_to_the_subscribe_page_and_embeds_do_not() {
    let built = SiteTest::fixture("minimal").build();
    let pages: Vec<String> = built.files().into_iter().filter(|f| f.ends_with(".html")).collect();
    let mut seen = Vec::new();
    for page in &pages {
        let html = built.html(page);
        let hrefs: Vec<String> = select(&html, "a[href]").iter().map(|a| attr(a, "href")).collect();
        let embed = page.starts_with("embed/") || page.contains("/embed/");
        if embed {
            assert!(!hrefs.iter().any(|h| h.contains("subscribe")), "{page} is framed: no chrome, no link");
            continue;
        }
        // The 404 page is served at any address, so its links start from the base path.
        let header: Vec<String> = select(&html, "header a[href]").iter().map(|a| attr(a, "href")).collect();
        let to_subscribe =
            |h: &String| h == "/subscribe/" || (!h.starts_with('/') && crate::html::resolve(page, h) == PAGE);
        assert!(header.iter().any(to_subscribe), "{page}: header links {header:?}");
        assert!(hrefs.iter().filter(|h| to_subscribe(h)).count() >= 2, "{page}: header and footer");
        seen.push(page.as_str());
    }
    for kind in ["index.html", "404.html", "incidents/", "components/api/index.html", "history/", "maintenance/", PAGE]
    {
        assert!(seen.iter().any(|p| p.starts_with(kind)), "no {kind} page checked: {seen:?}");
    }
}

#[test]
fn the_form_posts_to_the_provider_what_it_expects() {
    let built = with_form(
        "    action: https://lists.example.com/subscription/form\n    name_field: name\n    fields:\n      \
         nonce:\n      source: status page\n    lists:\n      field: l\n      options:\n        - group: apis\n          \
         value: 6f1c-apis\n          checked: true\n        - name: Every component\n          value: 9ab2-all\n",
    )
    .build();
    let html = built.html(PAGE);
    let forms = select(&html, "form");
    assert_eq!(forms.len(), 1);
    assert_eq!(attr(&forms[0], "action"), "https://lists.example.com/subscription/form");
    assert_eq!(attr(&forms[0], "method"), "post");
    let email = &select(&html, "form input[type=email]")[0];
    assert_eq!(attr(email, "name"), "email");
    assert_eq!(attr(email, "autocomplete"), "email");
    assert!(email.value().attr("required").is_some());
    let label = &select(&html, &format!("label[for=\"{}\"]", attr(email, "id")))[0];
    assert_eq!(label.text().collect::<String>(), "E-mail address");
    let name = &select(&html, "form input[type=text]")[0];
    assert_eq!((attr(name, "name"), attr(name, "autocomplete")), ("name".into(), "name".into()));
    assert!(name.value().attr("required").is_none(), "a name is optional");
    let hidden: Vec<(String, String)> =
        select(&html, "form input[type=hidden]").iter().map(|i| (attr(i, "name"), attr(i, "value"))).collect();
    assert_eq!(hidden, [("nonce".into(), String::new()), ("source".into(), "status page".into())]);
    let boxes = select(&html, "form input[type=checkbox]");
    let posted: Vec<(String, String, bool)> =
        boxes.iter().map(|b| (attr(b, "name"), attr(b, "value"), b.value().attr("checked").is_some())).collect();
    assert_eq!(posted, [("l".into(), "6f1c-apis".into(), true), ("l".into(), "9ab2-all".into(), false)]);
    let labels: Vec<String> =
        boxes.iter().map(|b| select(&html, &format!("label[for=\"{}\"]", attr(b, "id")))[0].text().collect()).collect();
    assert_eq!(labels, ["APIs (API, Web)", "Every component"]);
    assert_eq!(select_texts(&html, "form legend"), ["What to receive"]);
    assert_eq!(attr(&select(&html, "form button")[0], "type"), "submit");
    let privacy = select_texts(&html, "form .fine");
    assert_eq!(privacy, ["Your address is sent to lists.example.com, which sends our e-mail updates."]);
    // No script besides the one every page carries, which the policy names by its hash.
    assert_eq!(select(&html, "script").len(), 1);
    assert_eq!(crate::common::scripts_allowed_by_hash(&html, PAGE), 1);
}

/// Mailchimp's form: the list and account in the address's query, `EMAIL`, one checkbox name
/// per interest group.
#[test]
fn a_form_address_keeps_its_query_and_options_may_name_their_own_field() {
    let action = "https://acme.us21.list-manage.com/subscribe/post?u=a1b2&id=c3d4";
    let built = with_form(&format!(
        "    action: {action}\n    email_field: EMAIL\n    fields: {{b_a1b2_c3d4: \"\"}}\n    lists:\n      options:\n        \
         - {{group: apis, field: \"group[21][1]\", value: \"1\"}}\n        - {{name: SMPP, field: \"group[21][2]\", value: \"2\"}}\n"
    ))
    .build();
    let html = built.html(PAGE);
    assert_eq!(attr(&select(&html, "form")[0], "action"), action);
    assert_eq!(attr(&select(&html, "input[type=email]")[0], "name"), "EMAIL");
    let names: Vec<String> = select(&html, "input[type=checkbox]").iter().map(|b| attr(b, "name")).collect();
    assert_eq!(names, ["group[21][1]", "group[21][2]"]);
    assert!(policy(&built, PAGE).ends_with("; form-action https://acme.us21.list-manage.com"));
}

#[test]
fn only_the_subscribe_page_may_post_and_only_to_the_providers_origin() {
    let built = with_form("    action: https://Lists.Example.com:8443/subscription/form?x=1\n").build();
    let own = policy(&built, PAGE);
    assert!(own.ends_with("; form-action https://lists.example.com:8443"), "{own}");
    assert_eq!(own.matches("form-action").count(), 1, "{own}");
    let mut others = 0;
    for page in built.files().into_iter().filter(|f| f.ends_with(".html") && f != PAGE) {
        let theirs = policy(&built, &page);
        assert!(theirs.ends_with("; form-action 'none'"), "{page}: {theirs}");
        assert_eq!(
            theirs.replace("'none'", "https://lists.example.com:8443"),
            own.replace("'none'", "https://lists.example.com:8443")
        );
        others += 1;
    }
    assert!(others > 10);
    // `_headers` says only who may frame, never which forms may post: no second rule to meet.
    assert!(!built.text("_headers").contains("form-action"));
}

#[test]
fn without_a_provider_no_page_may_post() {
    let built = SiteTest::fixture("minimal").build();
    for page in built.files().into_iter().filter(|f| f.ends_with(".html")) {
        assert!(policy(&built, &page).ends_with("; form-action 'none'"), "{page}");
        assert!(select(&built.html(&page), "form").is_empty(), "{page}");
    }
}

/// A list provider's server on this computer may take the form over http, to try it out.
#[test]
fn a_form_may_post_over_http_to_this_computer_only() {
    let built = with_form("    action: http://localhost:9000/subscription/form\n").build();
    assert!(policy(&built, PAGE).ends_with("; form-action http://localhost:9000"));
}

#[test]
fn hostile_labels_and_values_stay_text() {
    let evil = "\"><script>alert(1)</script>";
    let built = with_form(&format!(
        "    action: https://lists.example.com/form\n    fields:\n      token: '{evil}'\n    lists:\n      field: l\n      \
         options:\n        - name: '{evil}'\n          value: '{evil}'\n"
    ))
    .build();
    let html = built.html(PAGE);
    assert_eq!(select(&html, "script").len(), 1, "only the page's own script");
    assert_eq!(attr(&select(&html, "input[type=hidden]")[0], "value"), evil);
    assert_eq!(attr(&select(&html, "input[type=checkbox]")[0], "value"), evil);
    assert_eq!(select_texts(&html, "fieldset label"), [evil]);
    assert!(!built.text(PAGE).contains("<script>alert"), "escaped in the bytes too");
}

#[test]
fn the_page_speaks_the_sites_language() {
    let yaml = "title: Statut\nbase_url: https://status.example.com/\ntimezone: UTC\nlanguage: fr\nsubscribe:\n  \
                form:\n    action: https://lists.example.com/form\n";
    let built = SiteTest::fixture("minimal").file("content/site.yaml", yaml).build();
    let html = built.html(PAGE);
    assert_eq!(select_texts(&html, "h1"), ["S’abonner aux mises à jour"]);
    assert_eq!(select_texts(&html, "form button"), ["S’abonner"]);
    assert_eq!(select_texts(&built.html("index.html"), "header nav a"), ["Historique des incidents", "S’abonner"]);
}
