//! Reading the HTML that pulldown-cmark and the sanitizer write: where a tag ends, and
//! character references decoded back to text. Shared by the summary (text between tags) and
//! URL resolution (attribute values). Both serializers escape `<` in text, so a `<` always
//! opens a tag.

/// The entities the HTML serializers write in text and attributes (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, `&nbsp;`), and numeric ones. Anything else stays as written.
pub(super) fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            code => code
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| code.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of the tag that `html` opens with, up to its `>`: a `>` inside a quoted
/// attribute value (`alt="a > b"`, which serializers leave unescaped) does not end it. None
/// when it never ends.
pub(super) fn tag_end(html: &str) -> Option<usize> {
    let mut quote = None;
    for (at, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), c) if c == open => quote = None,
            (None, '>') => return Some(at + 1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_and_numeric_references_decode_and_others_stay() {
        assert_eq!(decode("&#x41;&#66;&lt;&bogus;&"), "AB<&bogus;&");
        assert_eq!(decode("a&quot;b&amp;quot;&nbsp;"), "a\"b&quot;\u{a0}");
    }

    #[test]
    fn a_tag_ends_at_its_own_bracket() {
        let tag = "<img alt=\"a > b\" src='c>d'>";
        assert_eq!(tag_end(&format!("{tag}rest")), Some(tag.len()));
        assert_eq!(tag_end("<p>x"), Some(3));
        assert_eq!(tag_end("<p unclosed"), None);
    }
}
