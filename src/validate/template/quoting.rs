//! How the YAML value a placeholder sits in is quoted, so a value put there can be escaped to
//! stay inside it.

use crate::diag::Span;

/// How the YAML value a placeholder sits in is quoted; a value put there is escaped to match,
/// so `--var carrier='Vivo "SP"'` stays one title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Quoting {
    /// Body text, or a plain YAML value.
    Plain,
    /// Inside `"..."`.
    Double,
    /// Inside `'...'`.
    Single,
}

impl Quoting {
    pub(super) fn escape(self, value: &str) -> String {
        match self {
            Quoting::Plain => value.to_string(),
            Quoting::Double => value.replace('\\', "\\\\").replace('"', "\\\""),
            Quoting::Single => value.replace('\'', "''"),
        }
    }
}

/// The quoting of the `key: value` line a front-matter placeholder is on.
pub(super) fn quoting_at(text: &str, span: Span) -> Quoting {
    let line_start = line_start(text, span.start);
    let before = &text[line_start..span.start];
    let value = before.split_once(": ").map_or(before, |(_, v)| v).trim_start();
    let value = value.trim_start_matches("- ");
    match value.chars().next() {
        Some('"') => Quoting::Double,
        Some('\'') => Quoting::Single,
        _ => Quoting::Plain,
    }
}

/// The top-level key of the line a placeholder is on.
pub(super) fn line_key(text: &str, span: Span) -> Option<&str> {
    let line_start = line_start(text, span.start);
    text[line_start..span.start].split_once(':').map(|(key, _)| key).filter(|key| !key.starts_with(' '))
}

/// Where the line holding byte `at` starts.
pub(super) fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// A value put at `span` (a plain YAML value in the front matter) would be cut there: YAML
/// reads ` #` as the start of a comment, so `Vivo #2` after a space would lose `#2` without
/// a word, and a value starting with `#` would be no value at all.
pub(super) fn cut_as_plain(text: &str, span: Span, value: &str) -> bool {
    let after_blank = text[..span.start].ends_with([' ', '\t']);
    value.contains(" #") || value.contains("\t#") || (after_blank && value.starts_with('#'))
}

/// A value YAML would not read as the same text when written plain as a whole value: one that
/// starts with an indicator (`'quoted'` loses its quotes, `&anchor x` becomes `x`, `!!binary`
/// decodes, `[a]` a list, `{a: b}` a mapping, `*alias` a reference) or holds `: `.
pub(super) fn not_plain_text(value: &str) -> bool {
    let starts_with_indicator = value.starts_with(['\'', '"', '&', '*', '!', '|', '>', '%', '@', '`', '[', '{', '#']);
    let starts_with_entry = ["- ", "? ", ": "].iter().any(|p| value.starts_with(p)) || matches!(value, "-" | "?" | ":");
    starts_with_indicator || starts_with_entry || value.contains(": ") || value.ends_with(':') || value != value.trim()
}

/// The placeholder at `span` is the whole value of its line (`impact: {{impact}}`,
/// `- {{item}}`, a comment after it allowed), so quoting what fills it keeps its meaning.
pub(super) fn stands_alone(text: &str, span: Span) -> bool {
    let before = &text[line_start(text, span.start)..span.start];
    let head = before.trim_end_matches(' ');
    let alone_before =
        head.len() < before.len() && (head.ends_with(':') || head.trim_start() == "-" || head.ends_with(": -"));
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    let after = text[span.end..line_end].trim_end_matches('\r');
    alone_before && (after.trim().is_empty() || after.starts_with(" #"))
}
