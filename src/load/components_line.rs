//! The `Components: id=status, id=status` line that may open an incident update, split into
//! its entries with their spans. The key is case-insensitive. Ids and statuses stay text here;
//! `validate` gives them meaning.

use crate::diag::Span;

/// An update body whose first line is a `Components:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ComponentsLine {
    /// The whole line, for messages about the line itself.
    pub span: Span,
    /// `id=status` entries in written order.
    pub entries: Vec<Entry>,
    /// Entries that are not `id=status`, with their text (empty for an empty entry).
    pub malformed: Vec<(Span, String)>,
    /// The body without the line, trimmed: the update's text.
    pub rest: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub id: String,
    pub id_span: Span,
    pub status: String,
    pub status_span: Span,
}

const KEY: &str = "components:";

/// Splits off the first line of `body` (trimmed, starting at file offset `body_start`) when it
/// is a `Components:` line; None for any other body.
pub(crate) fn split(body: &str, body_start: usize) -> Option<ComponentsLine> {
    let line_end = body.find('\n').unwrap_or(body.len());
    let line = body[..line_end].trim_end_matches('\r');
    let key = line.get(..KEY.len())?;
    if !key.eq_ignore_ascii_case(KEY) {
        return None;
    }
    let span = Span::new(body_start, body_start + line.trim_end().len());
    let mut parsed =
        ComponentsLine { span, entries: Vec::new(), malformed: Vec::new(), rest: body[line_end..].trim().to_string() };
    let list = &line[KEY.len()..];
    // Prose such as "Components: SMS API, Web dashboard" stays text, as it always was; an
    // attempt at the syntax has `=` (or `:` for `id: status`).
    if !list.contains(['=', ':']) {
        return None;
    }
    let mut offset = body_start + KEY.len();
    // One trailing comma is forgiven: `a=operational,` names one component.
    let list = list.trim_end().strip_suffix(',').unwrap_or(list);
    for piece in list.split(',') {
        let start = offset + (piece.len() - piece.trim_start().len());
        let text = piece.trim();
        let piece_span = Span::new(start, start + text.len());
        offset += piece.len() + 1;
        match text.split_once('=') {
            Some((id, status)) if !id.trim().is_empty() && !status.trim().is_empty() && !status.contains('=') => {
                let id_start = start + (id.len() - id.trim_start().len());
                let status_start = start + id.len() + 1 + (status.len() - status.trim_start().len());
                parsed.entries.push(Entry {
                    id: id.trim().to_string(),
                    id_span: Span::new(id_start, id_start + id.trim().len()),
                    status: status.trim().to_string(),
                    status_span: Span::new(status_start, status_start + status.trim().len()),
                });
            }
            _ => parsed
                .malformed
                .push((if text.is_empty() { Span::new(start, start + 1) } else { piece_span }, text.into())),
        }
    }
    Some(parsed)
}

/// The first line from line `from` (0-based) of `body` that looks like a `Components:` line
/// but will be shown as text: a misspelt or decorated key (`Component:`, `**Components:**`)
/// or one below the first line. Lines in fenced code blocks are left alone, since they may be
/// showing the syntax.
pub(crate) fn lookalike(body: &str, body_start: usize, from: usize) -> Option<Span> {
    let mut offset = 0;
    let mut fenced = false;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let text = line.trim_end();
        let bare = text.trim_start();
        if bare.starts_with("```") || bare.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if n < from || fenced || !looks_like_components(bare) {
            continue;
        }
        let lead = text.len() - bare.len();
        return Some(Span::new(body_start + start + lead, body_start + start + text.len()));
    }
    None
}

fn looks_like_components(line: &str) -> bool {
    let undecorated = line.trim_start_matches(['>', '-', '*', '_', ' ', '\t']).to_ascii_lowercase();
    let Some(rest) = undecorated.strip_prefix("component") else { return false };
    let rest = rest.strip_prefix('s').unwrap_or(rest).trim_start_matches(['*', '_', ' ']);
    rest.strip_prefix(':').is_some_and(|list| list.contains('='))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_their_spans_in_the_file() {
        let body = "Components: smpp=operational,  api = partial_outage\n\nAll good.";
        let line = split(body, 100).unwrap();
        assert_eq!(line.rest, "All good.");
        assert_eq!(line.entries.len(), 2);
        let api = &line.entries[1];
        assert_eq!((api.id.as_str(), api.status.as_str()), ("api", "partial_outage"));
        assert_eq!(&body[api.id_span.start - 100..api.id_span.end - 100], "api");
        assert_eq!(&body[api.status_span.start - 100..api.status_span.end - 100], "partial_outage");
    }

    #[test]
    fn the_key_is_case_insensitive_and_only_the_first_line_counts() {
        assert!(split("COMPONENTS: a=operational", 0).is_some());
        assert!(split("Text first.\nComponents: a=operational", 0).is_none());
        assert!(split("Components affected: all", 0).is_none());
    }

    #[test]
    fn lookalikes_are_found_outside_code_blocks() {
        let body = "Text.\n```\nComponents: a=b\n```\n> **Component:** web=major_outage\n";
        let span = lookalike(body, 10, 0).unwrap();
        assert_eq!(&body[span.start - 10..span.end - 10], "> **Component:** web=major_outage");
        assert!(lookalike("Components: a=b\nplain text", 0, 1).is_none());
        assert!(lookalike("Components of the API: none", 0, 0).is_none());
    }

    #[test]
    fn a_trailing_comma_is_forgiven() {
        let line = split("Components: api=operational,", 0).unwrap();
        assert!(line.malformed.is_empty());
        assert_eq!(line.entries.len(), 1);
    }

    #[test]
    fn entries_without_an_equals_sign_are_malformed() {
        let line = split("Components: smpp: operational, , api=", 0).unwrap();
        let texts: Vec<&str> = line.malformed.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["smpp: operational", "", "api="]);
        assert!(line.entries.is_empty());
        assert!(split("Components:", 0).is_none(), "prose, not the syntax");
        assert!(split("Components: SMS API, Web dashboard", 0).is_none());
    }
}
