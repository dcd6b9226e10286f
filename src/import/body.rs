//! An imported update's Markdown made to sit in a statusforge file under its own
//! `## Status - time` heading and read back as that one update, with the same text where it
//! can. The hosted product shows each body alone, so a body may hold what a file cannot: a
//! level-2 heading (it would start another update), a first line `Components: a=b` (it would
//! change statuses), a code block or HTML comment left open (it would swallow the updates
//! below), control characters (`check` refuses them).

use crate::load::{components_line, updates};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// A body as it will be written, and what had to change in it (for the warnings).
pub(crate) struct Body {
    pub text: String,
    pub changes: Vec<&'static str>,
}

/// Closing lines tried, in order, for a block a body leaves open, after the fences it opens.
const CLOSERS: [&str; 8] = ["```", "~~~", "-->", "</pre>", "</script>", "</style>", "</textarea>", "]]>"];

/// `body` made safe to write; None when it leaves a block open that no closing line closes.
pub(crate) fn safe(body: &str) -> Option<Body> {
    let mut changes = Vec::new();
    let unified = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut text: String = unified.chars().filter(|&c| !crate::validate::fields::forbidden(c)).collect();
    if text.len() != unified.len() {
        changes.push("control characters were removed");
    }
    text = text.trim().to_string();
    // Each pass demotes the headings it finds; a setext heading turned into `###` cannot make
    // another, so one pass does it, and the bound only guards against the unforeseen.
    for _ in 0..4 {
        let Some(demoted) = demote_level_two_headings(&text) else { break };
        text = demoted;
        if !changes.contains(&HEADINGS) {
            changes.push(HEADINGS);
        }
    }
    if components_line::split(&text, 0).is_some() {
        // `\:` is an escaped colon in Markdown: shown as `:`, but no longer the line's key.
        text.insert(COMPONENTS_KEY_LEN - 1, '\\');
        changes.push("its first line was escaped so that it does not read as a `Components:` line");
    }
    if !stands_alone(&text) {
        text = close_open_block(&text)?;
        changes.push("a code block or HTML block it left open was closed at its end");
    }
    Some(Body { text, changes })
}

const HEADINGS: &str = "its level-2 headings became level-3 (in a statusforge file `##` starts an update)";

/// `Components:`, the key of the line.
const COMPONENTS_KEY_LEN: usize = "Components:".len();

/// `text` with each level-2 heading made level 3, or None when it has none. Found the way
/// `load::updates` finds update headings (pulldown-cmark), so a `##` in a code block stays.
fn demote_level_two_headings(text: &str) -> Option<String> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut start = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => start = Some(range.start),
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                let Some(start) = start.take() else { continue };
                let heading = text[start..range.end].trim_end();
                let lines: Vec<&str> = heading.lines().collect();
                let bare = |line: &str| line.trim_start_matches(['>', ' ', '\t']).trim().to_string();
                let underlined = lines.len() >= 2
                    && lines.last().is_some_and(|l| !bare(l).is_empty() && bare(l).chars().all(|c| c == '-'));
                if underlined {
                    // Setext: text lines, then a `---` line. Rewritten as one `###` line.
                    let words: Vec<String> = lines[..lines.len() - 1].iter().map(|l| bare(l)).collect();
                    edits.push((start..start + heading.len(), format!("### {}", words.join(" "))));
                } else if let Some(hashes) = heading.find('#') {
                    // ATX: the first `#` of the range opens the heading; one more makes it level 3.
                    edits.push((start + hashes..start + hashes, "#".into()));
                }
            }
            _ => {}
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut result = text.to_string();
    for (range, replacement) in edits.into_iter().rev() {
        result.replace_range(range, &replacement);
    }
    Some(result)
}

/// Whether `text`, written as an update's body, ends where the next update's heading begins.
fn stands_alone(text: &str) -> bool {
    let probe = format!("## Update - 2000-01-01 00:00\n{text}\n\n## Update - 2000-01-01 00:01\nend\n");
    let parsed = updates::parse(&probe, 0);
    parsed.updates.len() == 2 && parsed.updates[1].body == "end"
}

/// `text` and the first closing line that ends the block it leaves open: the fences it opens
/// (a fence closes with at least its own run of backticks or tildes), then the usual closers.
fn close_open_block(text: &str) -> Option<String> {
    let fences = text.lines().filter_map(|line| {
        let bare = line.trim_start();
        let run: String = bare.chars().take_while(|&c| c == '`' || c == '~').collect();
        (run.len() >= 3).then_some(run)
    });
    let mut candidates: Vec<String> = fences.collect();
    candidates.extend(CLOSERS.iter().map(|c| c.to_string()));
    candidates.into_iter().map(|closer| format!("{text}\n{closer}")).find(|closed| stands_alone(closed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(body: &str) -> (String, usize) {
        let safe = safe(body).unwrap();
        (safe.text, safe.changes.len())
    }

    #[test]
    fn a_plain_body_is_kept_as_it_is() {
        assert_eq!(
            written("  We are **investigating**.\r\n\r\n- one\n- two\n"),
            ("We are **investigating**.\n\n- one\n- two".into(), 0)
        );
    }

    #[test]
    fn level_two_headings_become_level_three() {
        assert_eq!(
            written("## Summary\nText\n\n```\n## kept in code\n```").0,
            "### Summary\nText\n\n```\n## kept in code\n```"
        );
        assert_eq!(written("Root cause\n---\nA disk.").0, "### Root cause\nA disk.");
        assert_eq!(written("> ## Quoted").0, "> ### Quoted");
    }

    #[test]
    fn a_first_line_that_would_change_statuses_is_escaped() {
        let (text, changes) = written("Components: api=major_outage\nDown.");
        assert_eq!(text, "Components\\: api=major_outage\nDown.");
        assert_eq!(changes, 1);
        assert!(components_line::split(&text, 0).is_none());
    }

    #[test]
    fn blocks_left_open_are_closed() {
        for open in ["```\ncode", "````\ncode\n```", "<!-- note", "~~~\nx", "<pre>\nx"] {
            let (text, changes) = written(open);
            assert!(stands_alone(&text), "{open:?} -> {text:?}");
            assert_eq!(changes, 1, "{open:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Whatever a body holds, what is written stands alone as one update's text: no
        /// heading that starts another, no `Components:` line, no block open at its end.
        #[test]
        fn any_body_written_reads_back_as_one_update(
            text in "(## |#|-|---|=|> |- |```|~~~|<!--|-->|<pre>|</pre>|Components: a=b|[a-z ]|:|\\n|\\r|\u{7}){0,40}"
        ) {
            if let Some(body) = safe(&text) {
                proptest::prop_assert!(stands_alone(&body.text), "{:?} -> {:?}", text, body.text);
                proptest::prop_assert!(components_line::split(&body.text, 0).is_none(), "{:?}", body.text);
                let parsed = updates::parse(&body.text, 0);
                proptest::prop_assert!(parsed.updates.is_empty() && parsed.bad_headings.is_empty(), "{:?}", body.text);
            }
        }
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(written("a\u{7}b\u{0}c\td"), ("abc\td".into(), 1));
    }
}
