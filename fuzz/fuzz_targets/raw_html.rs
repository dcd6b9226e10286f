//! Fuzzes update bodies made of raw HTML and bare URLs, the shapes that once rendered in
//! quadratic time: a body either is refused (nested deeper than the limit) or renders,
//! sanitized, within libFuzzer's per-input time limit (run with `-timeout=5`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use statusforge::load::updates;
use statusforge::render::markdown;

/// The depth the validator allows (`validate::document::MAX_MARKDOWN_DEPTH`).
const LIMIT: usize = 32;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Make the fuzzer's bytes into HTML-heavy text: each byte below 8 opens or closes a tag.
    let mut body = String::with_capacity(text.len() * 4);
    for c in text.chars() {
        match c {
            '\u{0}' => body.push_str("<div>"),
            '\u{1}' => body.push_str("</div>"),
            '\u{2}' => body.push_str("<span>"),
            '\u{3}' => body.push_str("https://example.com/x "),
            '\u{4}' => body.push_str("<script>alert(1)</script>"),
            '\u{5}' => body.push_str("<a href=\"javascript:x\">"),
            '\u{6}' => body.push_str("> "),
            '\u{7}' => body.push('\n'),
            c => body.push(c),
        }
    }
    if updates::nests_deeper_than(&body, LIMIT) {
        return;
    }
    let html = markdown::to_html(&body);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "a script survived");
    // A link or image whose URL has the `javascript:` scheme must not survive. As text (`&lt;a
    // href="javascript:x"` in code), or inside another URL's path, the word is harmless.
    let tags =
        lower.match_indices('<').map(|(at, _)| &lower[at..lower[at..].find('>').map_or(lower.len(), |end| at + end)]);
    for tag in tags {
        for (at, attribute) in ["href=\"", "src=\""].iter().flat_map(|a| tag.match_indices(*a)) {
            let value = &tag[at + attribute.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let decoded = value.replace("&#58;", ":").replace("&#x3a;", ":").replace("&colon;", ":");
            let scheme: String = decoded.chars().filter(|c| !c.is_whitespace() && !c.is_control()).take(11).collect();
            assert!(!scheme.starts_with("javascript:"), "a javascript: URL survived: {value}");
        }
    }
});
