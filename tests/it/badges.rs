//! Badges: each SVG is well-formed XML with an accessible name, each text fits inside its half,
//! and the endpoint JSON beside it is shields.io's shape, coloured by status.

use crate::common::{Built, SiteTest};
use std::collections::BTreeMap;

/// One element of an SVG: its name, attributes and the text directly inside it.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

/// Attributes of a start tag's inside (`rect x="1" width="2"`); refuses unquoted values.
fn attributes(inside: &str) -> Result<(String, BTreeMap<String, String>), String> {
    let mut parts = inside.trim_end_matches('/').trim().splitn(2, char::is_whitespace);
    let name = parts.next().unwrap_or("").to_string();
    let mut rest = parts.next().unwrap_or("").trim();
    let mut attrs = BTreeMap::new();
    while !rest.is_empty() {
        let (key, after) = rest.split_once("=\"").ok_or(format!("unquoted attribute in <{inside}>"))?;
        let (value, after) = after.split_once('"').ok_or(format!("unterminated attribute in <{inside}>"))?;
        if value.contains('<') || attrs.insert(key.trim().to_string(), value.to_string()).is_some() {
            return Err(format!("bad or repeated attribute `{key}` in <{inside}>"));
        }
        rest = after.trim();
    }
    Ok((name, attrs))
}

/// A strict little XML reader, enough for our badges: balanced tags, quoted attributes, no
/// stray `<` or `&` in text, one root. Returns the elements in document order.
fn parse_xml(text: &str) -> Result<Vec<Element>, String> {
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut roots = 0;
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (before, after) = rest.split_once('<').ok_or("text after the root")?;
        if before.split('&').skip(1).any(|s| !s.contains(';')) {
            return Err(format!("bare & in text `{before}`"));
        }
        if let Some(&(_, i)) = open.last() {
            elements[i].text.push_str(before);
        }
        let (inside, after) = after.split_once('>').ok_or("unterminated tag")?;
        if let Some(name) = inside.strip_prefix('/') {
            let (expected, _) = open.pop().ok_or(format!("</{name}> closes nothing"))?;
            if expected != name {
                return Err(format!("</{name}> closes <{expected}>"));
            }
        } else {
            let (name, attrs) = attributes(inside)?;
            if open.is_empty() {
                roots += 1;
            }
            elements.push(Element { name: name.clone(), attrs, text: String::new() });
            if !inside.ends_with('/') {
                open.push((name, elements.len() - 1));
            }
        }
        rest = after;
    }
    match (open.is_empty(), roots) {
        (true, 1) => Ok(elements),
        _ => Err(format!("unclosed {open:?} or {roots} roots")),
    }
}

fn number(element: &Element, attr: &str) -> f64 {
    element.attrs.get(attr).map_or(0.0, |v| v.parse().unwrap_or_else(|_| panic!("{attr}={v} is not a number")))
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// Checks one badge and returns its (label, message, total width).
fn check_badge(built: &Built, path: &str) -> (String, String, f64) {
    let svg = built.text(path);
    let elements = parse_xml(&svg).unwrap_or_else(|e| panic!("{path} is not well-formed: {e}\n{svg}"));
    let root = &elements[0];
    assert_eq!(root.name, "svg");
    assert_eq!(root.attrs.get("role").map(String::as_str), Some("img"));
    let title = elements.iter().find(|e| e.name == "title").expect("a <title>");
    assert_eq!(root.attrs.get("aria-label"), Some(&title.text), "{path}");
    let rects: Vec<&Element> = elements.iter().filter(|e| e.name == "rect").collect();
    let texts: Vec<&Element> = elements.iter().filter(|e| e.name == "text").collect();
    assert_eq!((rects.len(), texts.len()), (2, 2), "{path}");
    let total = number(root, "width");
    assert!((number(rects[0], "width") + number(rects[1], "width") - total).abs() < 1e-9, "{path}");
    for (rect, text) in rects.iter().zip(&texts) {
        let (left, right) = (number(rect, "x"), number(rect, "x") + number(rect, "width"));
        let (centre, length) = (number(text, "x"), number(text, "textLength"));
        let chars = unescape(&text.text).chars().count() as f64;
        // No Verdana glyph of our text is narrower than `i` or `l` (about 3 px at 11 px).
        assert!(length >= 3.0 * chars, "{path}: {length} px is too short for {chars} characters");
        assert!(centre - length / 2.0 >= left + 4.0 && centre + length / 2.0 <= right - 4.0, "{path}: text overflows");
    }
    let (label, message) = (unescape(&texts[0].text), unescape(&texts[1].text));
    assert_eq!(unescape(&title.text), format!("{label}: {message}"));
    (label, message, total)
}

fn endpoint(built: &Built, path: &str) -> serde_json::Value {
    let json = built.json(path);
    let keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
    assert_eq!(keys, ["color", "label", "message", "schemaVersion"], "{path} has only shields.io's keys");
    assert_eq!(json["schemaVersion"], 1);
    json
}

#[test]
fn every_badge_of_the_example_is_well_formed_and_its_text_fits() {
    let site = SiteTest::example();
    let built = site.build();
    let badges: Vec<String> = built.files().into_iter().filter(|f| f.ends_with("badge.svg")).collect();
    assert_eq!(badges.len(), 11, "the page and its ten components: {badges:?}");
    for path in &badges {
        let (label, message, _) = check_badge(&built, path);
        let json = endpoint(&built, &path.replace(".svg", ".json"));
        assert_eq!((json["label"].as_str(), json["message"].as_str()), (Some(label.as_str()), Some(message.as_str())));
    }
    assert_eq!(check_badge(&built, "badge.svg").0, "status");
}

#[test]
fn wide_text_makes_a_wider_badge_than_narrow_text_of_the_same_length() {
    let site = SiteTest::fixture("states-basic").file(
        "content/components.yaml",
        "components:\n  - id: wide\n    name: WWWWWWWW\n  - id: narrow\n    name: iiiiiiii\n  - id: odd\n    name: Q&A <\"beta\"> ☃\n",
    );
    let built = site.build();
    let (_, _, wide) = check_badge(&built, "components/wide/badge.svg");
    let (_, _, narrow) = check_badge(&built, "components/narrow/badge.svg");
    assert!(wide > narrow + 50.0, "wide {wide} vs narrow {narrow}");
    let (label, _, _) = check_badge(&built, "components/odd/badge.svg");
    assert_eq!(label, "Q&A <\"beta\"> ☃");
}

#[test]
fn badges_are_coloured_and_worded_by_status() {
    let incident = "---\ntitle: Down\nimpact: major\ncomponents:\n  api: major_outage\n---\n\n## Investigating - 2026-11-20 10:00\nDown.\n";
    let site =
        SiteTest::fixture("states-basic").file("content/incidents/down.md", incident).now("2026-11-20T11:00:00Z");
    let built = site.build();
    let api = endpoint(&built, "components/api/badge.json");
    assert_eq!(
        (api["label"].as_str(), api["message"].as_str(), api["color"].as_str()),
        (Some("API"), Some("major outage"), Some("red"))
    );
    assert!(built.text("components/api/badge.svg").contains("fill=\"#e05d44\""));
    let web = endpoint(&built, "components/web/badge.json");
    assert_eq!((web["message"].as_str(), web["color"].as_str()), (Some("operational"), Some("brightgreen")));
    let page = endpoint(&built, "badge.json");
    assert_eq!(
        (page["label"].as_str(), page["message"].as_str(), page["color"].as_str()),
        (Some("status"), Some("partial outage"), Some("orange"))
    );
}

#[test]
fn the_xml_reader_refuses_broken_markup() {
    assert!(parse_xml("<svg><g></svg>").is_err());
    assert!(parse_xml("<svg a=1/>").is_err());
    assert!(parse_xml("<svg>a & b</svg>").is_err());
    assert!(parse_xml("<svg/><svg/>").is_err());
    assert!(parse_xml("<svg a=\"1\"><g>x &amp; y</g></svg>").is_ok());
}

/// Beside each status badge, an uptime badge over the site's uptime window, with the same
/// percentage the page shows and a shields.io endpoint of its own.
#[test]
fn uptime_badges_show_the_pages_percentage_for_the_page_and_each_component() {
    let site = SiteTest::example();
    let built = site.build();
    let badges: Vec<String> = built.files().into_iter().filter(|f| f.ends_with("uptime.svg")).collect();
    assert_eq!(badges.len(), 11, "the page and its ten components: {badges:?}");
    for path in &badges {
        let (label, message, _) = check_badge(&built, path);
        let json = endpoint(&built, &path.replace(".svg", ".json"));
        assert_eq!((json["label"].as_str(), json["message"].as_str()), (Some(label.as_str()), Some(message.as_str())));
        assert_eq!(label, "uptime 90d", "{path}");
        assert!(message.ends_with('%') || message == "no data", "{path}: {message}");
    }
    // The same figure as the component's row on the front page.
    let status = built.json("status.json");
    let carrier = status["components"].as_array().unwrap().iter().find(|c| c["id"] == "carrier").unwrap();
    let percent = carrier["uptime"]["percent"].as_f64().unwrap();
    let badge = endpoint(&built, "components/carrier/uptime.json");
    assert_eq!(badge["message"].as_str().unwrap(), format!("{:.2}%", (percent * 100.0).floor() / 100.0));
}

#[test]
fn uptime_badges_are_coloured_by_how_much_was_down() {
    // Down for 2 of 3 counted days: far below 90%.
    let incident = "---\ntitle: Down\nimpact: major\ncomponents:\n  api: major_outage\n---\n\n\
                    ## Resolved - 2026-11-22 00:00\nBack.\n\n## Investigating - 2026-11-20 00:00\nDown.\n";
    let site = SiteTest::fixture("states-basic")
        .file("content/incidents/down.md", incident)
        .file(
            "content/site.yaml",
            "title: States\nbase_url: https://status.example.com/\ntimezone: UTC\nuptime_days: 3\n",
        )
        .now("2026-11-22T23:59:00Z");
    let built = site.build();
    let api = endpoint(&built, "components/api/uptime.json");
    assert_eq!((api["label"].as_str(), api["color"].as_str()), (Some("uptime 3d"), Some("red")), "{api}");
    assert!(built.text("components/api/uptime.svg").contains("fill=\"#e05d44\""));
}

/// A badge's title (what a screen reader speaks) joins label and message with the language's
/// colon: French puts a no-break space before it.
#[test]
fn a_badges_title_uses_the_languages_colon() {
    let site = SiteTest::fixture("minimal")
        .file("content/site.yaml", "title: Statut\nbase_url: https://status.example.com/\nlanguage: fr\n");
    let built = site.build();
    for path in ["badge.svg", "components/api/badge.svg", "uptime.svg"] {
        let elements = parse_xml(&built.text(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let title = elements.iter().find(|e| e.name == "title").map(|e| unescape(&e.text)).expect("a <title>");
        let texts: Vec<String> = elements.iter().filter(|e| e.name == "text").map(|e| unescape(&e.text)).collect();
        assert_eq!(title, format!("{}\u{a0}: {}", texts[0], texts[1]), "{path}");
    }
}
