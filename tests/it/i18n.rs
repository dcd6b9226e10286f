//! A site in another language, read back as its readers get it: the pages, the feeds, the
//! badges and the e-mail, for Arabic (right to left) and French.

use crate::common::{select_texts, SiteTest, BIN};
use crate::notify_support::smtp_sink;
use std::process::Command;

const NOW: &str = "2026-11-25T12:00:00Z";

/// The example site with `language: <code>`.
fn example_in(code: &str) -> SiteTest {
    let site = SiteTest::example().now(NOW);
    let yaml = std::fs::read_to_string(site.root().join("content/site.yaml")).unwrap();
    assert!(yaml.contains("language: en\n"), "the example's site.yaml changed:\n{yaml}");
    let yaml = yaml.replace("language: en\n", &format!("language: {code}\n"));
    site.file("content/site.yaml", &yaml)
}

fn feed(built: &crate::common::Built, path: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(built.text(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn content(entry: &feed_rs::model::Entry) -> String {
    entry.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default()
}

#[test]
fn an_arabic_site_is_written_right_to_left_in_its_pages_feeds_and_badges() {
    let site = example_in("ar");
    let built = site.build();
    let index = built.html("index.html");
    let html = index.root_element().value();
    assert_eq!((html.attr("lang"), html.attr("dir")), (Some("ar"), Some("rtl")));
    assert_eq!(select_texts(&index, ".banner h1"), ["جميع الأنظمة تعمل بشكل طبيعي"]);
    assert_eq!(select_texts(&index, "#components"), ["المكونات"]);
    let axis = select_texts(&index, ".axis");
    assert!(axis[0].starts_with("قبل 89 يومًا") && axis[0].ends_with("اليوم"), "{axis:?}");
    // Times keep their zone one left-to-right run after a left-to-right mark.
    let text = built.text("index.html");
    assert!(text.contains("نوفمبر 2026، ") && text.contains("\u{a0}\u{200e}-03</time>"), "dates not in Arabic style");
    // The embeds are framed inside other sites' pages and say their own direction too.
    for embed in ["embed/index.html", "components/smpp/embed/index.html"] {
        let root = built.html(embed).root_element().value().clone();
        assert_eq!((root.attr("lang"), root.attr("dir")), (Some("ar"), Some("rtl")), "{embed}");
    }
    let page = built.html("incidents/2026-08-18-platform-network-outage/index.html");
    assert_eq!(page.root_element().value().attr("dir"), Some("rtl"));
    assert!(select_texts(&page, ".facts dd").contains(&"ساعتان و59 دقيقة".to_string()), "duration not in Arabic");
    // The team's own words (English here) keep their own direction inside the mirrored page.
    let bodies: Vec<_> = page.select(&scraper::Selector::parse(".timeline .body").unwrap()).collect();
    assert!(!bodies.is_empty() && bodies.iter().all(|b| b.value().attr("dir") == Some("auto")));
    let title = page.select(&scraper::Selector::parse("h1.title").unwrap()).next().unwrap();
    assert_eq!(title.value().attr("dir"), Some("auto"));

    let atom = feed(&built, "atom.xml");
    assert_eq!(atom.language.as_deref(), Some("ar"));
    let outage = atom.entries.iter().find(|e| e.id.ends_with("incident/2026-08-18-platform-network-outage"));
    let body = content(outage.expect("the outage is in the feed"));
    assert!(body.starts_with("<div dir=\"rtl\">") && body.ends_with("</div>"), "{body}");
    assert!(body.contains("<strong>تم الحل</strong>") && body.contains("<strong>قيد المراقبة</strong>"), "{body}");
    let window = atom.entries.iter().find(|e| e.id.contains(":maintenance/")).map(content).unwrap_or_default();
    assert!(window.contains("فترة الصيانة المجدولة: من "), "{window}");

    let badge = built.json("badge.json");
    assert_eq!((badge["label"].as_str(), badge["message"].as_str()), (Some("الحالة"), Some("يعمل")));
    assert_eq!(built.json("uptime.json")["label"], "التوفر خلال 90 يومًا");
}

/// An smpp incident (investigating 10:00, resolved 11:00) and a web outage at 11:30 on a
/// French site with one entry per update and an e-mail list; built at 10:10 and at 12:00.
fn french_site(smtp_port: u16) -> SiteTest {
    SiteTest::fixture("minimal")
        .file(
            "content/site.yaml",
            &format!(
                "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: Europe/Paris\n\
                 language: fr-FR\nfeeds:\n  entries: per_update\nnotify:\n  email:\n    - host: 127.0.0.1\n      \
                 port: {smtp_port}\n      security: none\n      from: status@example.com\n      \
                 to: abonnes@example.com\n"
            ),
        )
        .file(
            "content/incidents/2026-11-30-smpp.md",
            "---\ntitle: SMPP binds failing\nimpact: major\ncomponents:\n  smpp: partial_outage\n---\n\n\
             ## Resolved - 2026-11-30 11:00\nAll binds are back.\n\n\
             ## Investigating - 2026-11-30 10:00\nSome SMPP binds fail.\n",
        )
        .file(
            "content/incidents/2026-11-30-web.md",
            "---\ntitle: Web app down\nimpact: critical\ncomponents:\n  web: major_outage\n---\n\n\
             ## Investigating - 2026-11-30 11:30\nThe web app does not load.\n",
        )
}

#[test]
fn a_french_site_speaks_french_in_its_pages_feed_titles_and_emails() {
    let sink = smtp_sink();
    let site = french_site(sink.port);
    let (old, new) = (site.root().join("old"), site.root().join("public"));
    for (now, out) in [("2026-11-30T09:10:00Z", &old), ("2026-11-30T11:00:00Z", &new)] {
        let run = site.run(&["build", "--now", now, "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.all_output());
    }

    let index = scraper::Html::parse_document(&std::fs::read_to_string(new.join("index.html")).unwrap());
    // A regional tag: French words, the tag as written wherever a language is named.
    assert_eq!(index.root_element().value().attr("lang"), Some("fr-FR"));
    assert_eq!(index.root_element().value().attr("dir"), Some("ltr"));
    assert_eq!(select_texts(&index, ".banner h1"), ["Panne majeure du système"]);
    assert_eq!(select_texts(&index, "#active"), ["Incidents en cours"]);
    // Read raw: the words are joined by French no-break spaces, which text collapsing drops.
    let text = std::fs::read_to_string(new.join("index.html")).unwrap();
    assert!(text.contains("<span>Impact\u{a0}: Critique</span>"), "no French label");
    assert!(text.contains("<span>Durée\u{a0}: 30\u{a0}min (en cours)</span>"), "no French duration");
    assert!(text.contains(">1er déc. 2026 à 02:00\u{a0}CET</time>"), "no French date");

    let atom = feed_rs::parser::parse(std::fs::read(new.join("atom.xml")).unwrap().as_slice()).unwrap();
    let titles: Vec<String> = atom.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
    // The fixture's own incident and maintenance window follow, in French too.
    assert!(titles.contains(&"Planifiée\u{a0}: Database upgrade".to_string()), "{titles:?}");
    assert_eq!(
        titles[..3],
        [
            "Analyse en cours\u{a0}: Web app down",
            "Résolu\u{a0}: SMPP binds failing",
            "Analyse en cours\u{a0}: SMPP binds failing"
        ]
    );
    assert!(
        content(&atom.entries[0]).contains("<small>30 nov. 2026 à 11:30\u{a0}CET</small>"),
        "{:?}",
        atom.entries[0]
    );

    let out = Command::new(BIN)
        .current_dir(site.root())
        .args(["notify", "--previous", old.to_str().unwrap(), "--current", "public"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mails = sink.seen();
    let subjects: Vec<String> = mails.iter().map(|m| decoded_header(&m.data, "Subject")).collect();
    assert_eq!(
        subjects,
        [
            "[Minimal Status] Résolu\u{a0}: SMPP binds failing",
            "[Minimal Status] Opérationnel\u{a0}: SMPP",
            "[Minimal Status] Analyse en cours\u{a0}: Web app down",
            "[Minimal Status] Panne majeure\u{a0}: Web",
        ]
    );
    assert_eq!(decoded_header(&mails[0].data, "Content-Language"), "fr-FR");
    let html_lang = ["lang=\"fr-FR\"", "lang=3D\"fr-FR\""];
    assert!(html_lang.iter().any(|l| mails[0].data.contains(l)), "the HTML part names the tag:\n{}", mails[0].data);
}

/// A header's value, unfolded (RFC 5322 §2.2.3), with RFC 2047 encoded words decoded.
fn decoded_header(data: &str, name: &str) -> String {
    let mut value: Option<String> = None;
    for line in data.lines() {
        match (&mut value, line.strip_prefix(&format!("{name}: "))) {
            (None, Some(first)) => value = Some(first.to_string()),
            (Some(v), _) if line.starts_with([' ', '\t']) => v.push_str(line),
            (Some(_), _) => break,
            _ => {}
        }
    }
    let value = value.unwrap_or_else(|| panic!("no {name} header in:\n{data}"));
    // Encoded words side by side are one text: the space between them is not part of it.
    let (mut out, mut bytes, mut encoded) = (String::new(), Vec::new(), false);
    for word in value.split_whitespace() {
        let parts = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")).and_then(|w| w.split_once('?'));
        match parts.and_then(|(_charset, rest)| rest.split_once('?')) {
            Some((encoding, text)) => {
                if !encoded && !out.is_empty() {
                    out.push(' ');
                }
                bytes.extend(if encoding.eq_ignore_ascii_case("b") { base64(text) } else { quoted(text) });
                encoded = true;
            }
            None => {
                out.push_str(&String::from_utf8(std::mem::take(&mut bytes)).unwrap());
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
                encoded = false;
            }
        }
    }
    out.push_str(&String::from_utf8(bytes).unwrap());
    out
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> =
        text.bytes().filter(|&b| b != b'=').map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u32).collect();
    let mut out = Vec::new();
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().enumerate().fold(0, |n, (i, s)| n | s << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    out
}

/// RFC 2047 "Q": `_` is a space, `=XX` a byte.
fn quoted(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

#[test]
fn the_header_decoder_reads_both_encodings() {
    let data = "Subject: [A] =?utf-8?b?w6l0YXQ=?=\r\n =?utf-8?q?_=C3=A0_jour?=\r\nTo: x\r\n";
    assert_eq!(decoded_header(data, "Subject"), "[A] état à jour");
}
