//! Splits an incident or maintenance body into its updates: each level-2 heading
//! `## <Status> - <time>` and the Markdown below it. Statuses and times stay text here;
//! `validate` gives them meaning. Headings are found with pulldown-cmark, so a `##` inside a
//! code block is body text, not a heading.

use crate::diag::Span;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One update as written, with spans relative to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUpdate {
    /// The status word as written.
    pub status: String,
    /// Where the status word is.
    pub status_span: Span,
    /// The time as written.
    pub time: String,
    /// Where the time is.
    pub time_span: Span,
    /// Markdown under the heading, trimmed.
    pub body: String,
    /// File offset where the trimmed body starts.
    pub body_start: usize,
}

/// A level-2 heading that is not `Status - time`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadHeading {
    /// Where the heading is.
    pub span: Span,
    /// The heading's text.
    pub text: String,
}

/// A body split into its updates.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedBody {
    /// In file order (newest first, by convention).
    pub updates: Vec<RawUpdate>,
    /// Level-2 headings that do not read as an update heading.
    pub bad_headings: Vec<BadHeading>,
    /// Non-blank text before the first update heading, and where it starts.
    pub preamble: Option<(Span, String)>,
}

/// Separators accepted between status and time, with the spaces around them.
const SEPARATORS: [&str; 5] = [" - ", " — ", " – ", " | ", " at "];

/// Parses a body whose text starts at byte `offset` of its file.
pub fn parse(body: &str, offset: usize) -> ParsedBody {
    let headings = level_two_headings(body);
    let mut parsed = ParsedBody::default();
    let preamble_end = headings.first().map(|h| h.start).unwrap_or(body.len());
    let preamble = body[..preamble_end].trim();
    if !preamble.is_empty() {
        let start = body[..preamble_end].find(|c: char| !c.is_whitespace()).unwrap_or(0);
        parsed.preamble =
            Some((Span::new(offset + start, offset + start + first_line_len(&body[start..])), preamble.to_string()));
    }
    for (i, heading) in headings.iter().enumerate() {
        let body_end = headings.get(i + 1).map(|h| h.start).unwrap_or(body.len());
        let text = body[heading.start..heading.end].trim_end();
        let raw_body = &body[heading.end..body_end];
        let body_start = offset + heading.end + (raw_body.len() - raw_body.trim_start().len());
        match split_heading(text) {
            Some(parts) => parsed.updates.push(RawUpdate {
                status: parts.status.to_string(),
                status_span: Span::new(
                    offset + heading.start + parts.status_at,
                    offset + heading.start + parts.status_at + parts.status.len(),
                ),
                time: parts.time.to_string(),
                time_span: Span::new(
                    offset + heading.start + parts.time_at,
                    offset + heading.start + parts.time_at + parts.time.len(),
                ),
                body: raw_body.trim().to_string(),
                body_start,
            }),
            None => parsed.bad_headings.push(BadHeading {
                span: Span::new(offset + heading.start, offset + heading.start + text.len()),
                text: text.to_string(),
            }),
        }
    }
    parsed
}

/// Whether quotes, lists, emphasis and links, or raw HTML tags, nest more than `limit` deep. Parsing is skipped when no line
/// starts with enough marker characters to get there: each level needs at least one
/// character of a line's prefix (`>`, a list marker, or indentation, where a tab can hold two
/// list levels: four), so a prefix of n characters nests at most 4n deep. Footnote
/// definitions have labels, so their text is always parsed.
pub fn nests_deeper_than(markdown: &str, limit: usize) -> bool {
    let prefix = |line: &str| line.bytes().take_while(|b| b" \t>-*+0123456789.)".contains(b)).count();
    let bound = markdown.lines().map(prefix).max().unwrap_or(0) * 4;
    // Emphasis, strikethrough and links nest too (`*` x 500,000 makes 250,000 levels): each
    // level needs a delimiter on both sides, so fewer than `2 * limit` of them cannot go deep.
    let delimiters = markdown.bytes().filter(|b| matches!(b, b'*' | b'_' | b'~' | b'[')).count();
    let deep = bound > limit || markdown.contains("[^") || delimiters > 2 * limit;
    let blocks = deep && nesting_depth(markdown) > limit;
    blocks || (markdown.contains('<') && html_nests_deeper_than(markdown, limit))
}

/// True when raw HTML tags nest deeper than `limit`, counted over the text in one pass as an
/// HTML parser would build them, but never lower: tags in code count too, void elements do
/// not (and `<div/>` opens a div, as HTML reads it), a `<p>` or `<li>` right after another closes it, and a closing
/// tag closes what it matches and everything opened after it. `<https://...>` and
/// `<name@host>` are autolinks, not tags. The sanitizer's HTML parser slows down with depth,
/// so a hostile depth is refused before it gets there; the open tags kept never exceed
/// `limit + 1`, so the pass stays linear.
pub fn html_nests_deeper_than(text: &str, limit: usize) -> bool {
    const VOID: [&str; 14] =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
    // Elements whose end tag may be left out: the next one of the same kind closes them.
    const SELF_ENDING: [&str; 16] = [
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt", "rp",
        "colgroup", "caption",
    ];
    let bytes = text.as_bytes();
    let mut open: Vec<String> = Vec::new();
    for at in memchr_all(bytes, b'<') {
        let closing = bytes.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(closing);
        if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let end = bytes[start..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| start + n);
        // A tag name ends at a space, `/` or `>`: `<https:` and `<ops@` are autolinks.
        if bytes.get(end).is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>')) {
            continue;
        }
        let name = text[start..end].to_ascii_lowercase();
        if closing {
            if let Some(found) = open.iter().rposition(|n| *n == name) {
                open.truncate(found);
            }
            continue;
        }
        // `<div/>` opens a div: HTML ignores the slash on all but void elements.
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if SELF_ENDING.contains(&name.as_str()) && open.last() == Some(&name) {
            open.pop();
        }
        open.push(name);
        if open.len() > limit {
            return true;
        }
    }
    false
}

fn memchr_all(bytes: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(move |(_, &b)| b == needle).map(|(i, _)| i)
}

/// The Markdown extensions update bodies are rendered with (GitHub's tables, strikethrough
/// and alerts), so the depth counted here is the depth rendered.
pub const MARKDOWN_OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH).union(Options::ENABLE_GFM);

/// How deeply containers nest in some Markdown: quotes, lists (a list and its items count
/// once), footnotes, and inline emphasis, strikethrough and links. Rendering and
/// sanitizing walk that nesting, so a hostile depth is refused before it gets there.
pub fn nesting_depth(markdown: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for event in Parser::new_ext(markdown, MARKDOWN_OPTIONS) {
        match event {
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::FootnoteDefinition(_)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. },
            ) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link,
            ) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    deepest
}

fn first_line_len(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len()).max(1)
}

/// Byte ranges (start of the heading line, end of that line) of every level-2 heading.
struct HeadingRange {
    start: usize,
    end: usize,
}

fn level_two_headings(body: &str) -> Vec<HeadingRange> {
    let mut ranges = Vec::new();
    let mut inside: Option<usize> = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => inside = Some(range.start),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some(start) = inside.take() {
                    // Setext headings span two lines; only the first holds the text we read.
                    let end = body[start..range.end].find('\n').map(|i| start + i + 1).unwrap_or(range.end);
                    ranges.push(HeadingRange { start, end });
                }
            }
            _ => {}
        }
    }
    ranges
}

struct HeadingParts<'a> {
    status: &'a str,
    status_at: usize,
    time: &'a str,
    time_at: usize,
}

/// `## Resolved - 2026-11-20 16:40` -> ("Resolved", "2026-11-20 16:40"), with offsets in the line.
fn split_heading(line: &str) -> Option<HeadingParts<'_>> {
    let hashes = line.strip_prefix("##")?;
    let lead = 2 + hashes.len() - hashes.trim_start().len();
    let content = hashes.trim().trim_end_matches('#').trim_end();
    let (sep_at, sep) =
        SEPARATORS.iter().filter_map(|sep| content.find(sep).map(|at| (at, *sep))).min_by_key(|(at, _)| *at)?;
    let status = content[..sep_at].trim();
    let time_raw = &content[sep_at + sep.len()..];
    let time = time_raw.trim();
    if status.is_empty() || time.is_empty() {
        return None;
    }
    let time_at = lead + sep_at + sep.len() + (time_raw.len() - time_raw.trim_start().len());
    Some(HeadingParts { status, status_at: lead, time, time_at })
}

#[cfg(test)]
mod tests {

    #[test]
    fn raw_html_depth_counts_open_tags_but_not_void_or_self_closing_ones() {
        let two = "<div><p>a<br>b<img src=x/><br/></p></div><div>c</div>";
        assert!(html_nests_deeper_than(two, 1) && !html_nests_deeper_than(two, 2));
        assert!(html_nests_deeper_than(&"<div>".repeat(100_000), 32));
        assert!(nests_deeper_than(&"<div>".repeat(40), 32));
        assert!(!nests_deeper_than("a < b and 2<3", 32));
    }

    #[test]
    fn emphasis_nests_too_but_ordinary_text_is_not_parsed_twice() {
        let deep = format!("{}x{}", "*".repeat(200), "*".repeat(200));
        assert!(nests_deeper_than(&deep, 32));
        assert!(!nests_deeper_than("**bold** and *em* and ~~gone~~ and [a link](https://e.com)", 32));
        let many_but_flat = "*a* ".repeat(100);
        assert!(!nests_deeper_than(&many_but_flat, 32));
    }

    #[test]
    fn autolinks_and_tags_that_close_themselves_do_not_nest() {
        let autolinks: Vec<String> = (0..40).map(|i| format!("<https://e.com/{i}> <ops{i}@example.com>")).collect();
        assert!(!html_nests_deeper_than(&autolinks.join("\n\n"), 32));
        assert!(!html_nests_deeper_than(&"<p>x".repeat(40), 32));
        assert!(!html_nests_deeper_than(&"<li>x".repeat(40), 32));
        // `<div/>` is an open div to an HTML parser: the slash is ignored.
        assert!(html_nests_deeper_than(&"<div/>".repeat(40), 32));
        assert!(html_nests_deeper_than(&"<ul/>x".repeat(40), 32));
        // A stray closing tag does not hide the divs still open.
        assert!(html_nests_deeper_than(&"<div></span></p>".repeat(40), 32));
        // Closing a tag closes what was opened inside it too.
        assert!(!html_nests_deeper_than(&"<div><b><i>x</div>".repeat(40), 32));
    }

    use super::*;

    #[test]
    fn headings_split_into_status_and_time_with_every_separator() {
        for (line, status, time) in [
            ("## Resolved - 2026-11-20 16:40", "Resolved", "2026-11-20 16:40"),
            ("## Monitoring — 2026-11-20 15:10", "Monitoring", "2026-11-20 15:10"),
            ("## In progress | 2026-12-01T01:00:00Z", "In progress", "2026-12-01T01:00:00Z"),
            ("## Identified at 2026-11-20 14:30 +01:00", "Identified", "2026-11-20 14:30 +01:00"),
            ("##   Update -   2026-11-20 14:30  ", "Update", "2026-11-20 14:30"),
        ] {
            let parts = split_heading(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((parts.status, parts.time), (status, time), "{line}");
            assert_eq!(&line[parts.status_at..parts.status_at + status.len()], status);
            assert_eq!(&line[parts.time_at..parts.time_at + time.len()], time);
        }
    }

    #[test]
    fn a_heading_without_separator_does_not_split() {
        assert!(split_heading("## Resolved 2026-11-20").is_none());
        assert!(split_heading("## Details").is_none());
    }

    #[test]
    fn bodies_run_to_the_next_update_and_keep_deeper_headings() {
        let body = "\n## Resolved - 2026-01-02 10:00\nFixed.\n\n### Root cause\nA disk.\n\n## Investigating - 2026-01-02 09:00\nLooking.\n";
        let parsed = parse(body, 100);
        assert_eq!(parsed.updates.len(), 2);
        assert_eq!(parsed.updates[0].body, "Fixed.\n\n### Root cause\nA disk.");
        assert_eq!(parsed.updates[1].status, "Investigating");
        assert_eq!(parsed.updates[1].time_span.start, 100 + body.find("2026-01-02 09:00").unwrap());
        assert!(parsed.bad_headings.is_empty());
    }

    #[test]
    fn hashes_inside_code_blocks_are_not_headings() {
        let body = "## Update - 2026-01-02 10:00\n```\n## not a heading\n```\n";
        let parsed = parse(body, 0);
        assert_eq!(parsed.updates.len(), 1);
        assert!(parsed.bad_headings.is_empty());
    }

    #[test]
    fn a_level_two_heading_that_is_not_an_update_is_reported_with_its_place() {
        let body = "## Resolved - 2026-01-02 10:00\nok\n## Details\nmore\n";
        let parsed = parse(body, 10);
        assert_eq!(parsed.bad_headings.len(), 1);
        assert_eq!(parsed.bad_headings[0].text, "## Details");
        assert_eq!(parsed.bad_headings[0].span.start, 10 + body.find("## Details").unwrap());
    }

    #[test]
    fn nesting_depth_counts_quotes_and_lists() {
        assert_eq!(nesting_depth("plain"), 0);
        assert_eq!(nesting_depth("> > quoted"), 2);
        assert_eq!(nesting_depth("- a\n  - b\n"), 2);
    }

    #[test]
    fn the_quick_bound_never_hides_deep_nesting() {
        let deep_quote = format!("{} deep", ">".repeat(40));
        let deep_list: String = (0..20).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
        let tabbed: String = (0..12).map(|i| format!("{}- item\n", "\t".repeat(i))).collect();
        let one_line_lists = format!("{}x", "- ".repeat(20));
        for text in [deep_quote.as_str(), &deep_list, &tabbed, &one_line_lists, "[^a]: > > x", "plain", "> > two"] {
            assert_eq!(nests_deeper_than(text, 8), nesting_depth(text) > 8, "{text:?}");
        }
        let deeper_list: String = (0..40).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
        assert!(nests_deeper_than(&deeper_list, 32));
        let allowed_list: String = (0..32).map(|i| format!("{}- item\n", "  ".repeat(i))).collect();
        assert!(!nests_deeper_than(&allowed_list, 32), "32 levels of list are allowed, as the README says");
    }

    #[test]
    fn text_before_the_first_update_is_kept_as_preamble() {
        let parsed = parse("Hello\n## Resolved - 2026-01-02 10:00\n", 0);
        assert_eq!(parsed.preamble.map(|(_, t)| t), Some("Hello".to_string()));
    }
}
