//! Reading YAML nodes into typed values, reporting each mistake with its span. Every reader
//! records its own diagnostic and returns None, so callers keep going and report everything.

use crate::diag::{self, Diagnostic, Span};
use crate::load::yaml::{Node, Value};
use std::path::Path;

/// Collects the diagnostics of one file.
pub(crate) struct FileCheck<'a> {
    pub file: &'a Path,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

/// The entries of one YAML mapping, after unknown and repeated keys were reported.
pub(crate) struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node, Span)>,
    pub span: Span,
    /// Known keys that an unknown key was taken for (`titel` -> `title`): that key is then not
    /// also reported missing, since one typo is one mistake.
    misspelt: Vec<String>,
}

impl<'n> Fields<'n> {
    /// A present, non-null value.
    pub(crate) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, v, _)| *v).filter(|v| !v.is_null())
    }

    /// True when an unknown key was taken for `key`: its absence is then that one mistake.
    pub(crate) fn misspelt(&self, key: &str) -> bool {
        self.misspelt.iter().any(|k| k == key)
    }

    /// Where `key:` is written, when it is written at all (even with no value).
    pub(crate) fn key_span(&self, key: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, _, span)| *span)
    }
}

impl FileCheck<'_> {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn error(&mut self, kind: &'static str, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic::error(kind, self.file, message).at(span));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Opens a mapping, reporting keys outside `known` (with the nearest known key) and repeats.
    pub(crate) fn fields<'n>(&mut self, node: &'n Node, known: &[&str], what: &str) -> Option<Fields<'n>> {
        let Some(entries) = node.as_map() else {
            self.error(
                "wrong-type",
                node.span,
                format!("{what} must be a mapping of `key: value` lines, found {}", node.kind_name()),
            )
            .with_label("expected `key: value`");
            return None;
        };
        let mut fields = Fields { entries: Vec::new(), span: node.span, misspelt: Vec::new() };
        for (key, value) in entries {
            let Some(name) = key.as_str() else {
                self.error("wrong-type", key.span, "a key must be a plain word");
                continue;
            };
            if !known.contains(&name) {
                fields.misspelt.extend(diag::closest(name, known.iter().copied()).map(str::to_string));
                let help = diag::suggestion(name, known, "known keys");
                self.error("unknown-key", key.span, format!("unknown key `{name}` in {what}"))
                    .with_label("not a known key")
                    .help = Some(help);
                continue;
            }
            if fields.entries.iter().any(|(k, _, _)| *k == name) {
                self.error("duplicate-key", key.span, format!("key `{name}` is given twice in {what}"))
                    .with_label("repeated here");
                continue;
            }
            fields.entries.push((name, value, key.span));
        }
        Some(fields)
    }

    /// A single text value, trimmed; lists and mappings are refused.
    pub(crate) fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, .. } => Some(text.trim().to_string()),
            _ => {
                self.error(
                    "wrong-type",
                    node.span,
                    format!("{what} must be a single value, found {}", node.kind_name()),
                );
                None
            }
        }
    }

    /// A required, non-empty text field; missing ones point at the mapping.
    pub(crate) fn required_text(&mut self, fields: &Fields<'_>, key: &str, what: &str) -> Option<(String, Span)> {
        let Some(node) = fields.get(key) else {
            if fields.misspelt.iter().any(|k| k == key) {
                return None;
            }
            // `title:` with nothing after it is written but empty: point at the key.
            if let Some(key_span) = fields.key_span(key) {
                self.error("missing-field", key_span, format!("`{key}` is empty"))
                    .with_label(format!("give `{key}:` a value"));
                return None;
            }
            self.error(
                "missing-field",
                Span::new(fields.span.start, fields.span.start + 1),
                format!("{what} has no `{key}`"),
            )
            .with_label(format!("`{key}:` is required"));
            return None;
        };
        let text = self.text(node, &format!("`{key}`"))?;
        if text.is_empty() {
            self.error("missing-field", node.span, format!("`{key}` is empty")).with_label("give it a value");
            return None;
        }
        Some((text, node.span))
    }

    pub(crate) fn optional_text(&mut self, fields: &Fields<'_>, key: &str) -> Option<(String, Span)> {
        let node = fields.get(key)?;
        let text = self.text(node, &format!("`{key}`"))?;
        Some((text, node.span))
    }

    pub(crate) fn boolean(&mut self, fields: &Fields<'_>, key: &str) -> bool {
        let Some(node) = fields.get(key) else { return false };
        match node.as_str().map(|t| t.to_ascii_lowercase()) {
            Some(t) if matches!(t.as_str(), "true" | "yes" | "on") => true,
            Some(t) if matches!(t.as_str(), "false" | "no" | "off") => false,
            _ => {
                self.error("wrong-type", node.span, format!("`{key}` must be `true` or `false`"));
                false
            }
        }
    }

    pub(crate) fn integer(
        &mut self,
        fields: &Fields<'_>,
        key: &str,
        range: std::ops::RangeInclusive<u32>,
    ) -> Option<u32> {
        let node = fields.get(key)?;
        match node.as_str().and_then(|t| t.parse::<u32>().ok()) {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                self.error(
                    "invalid-number",
                    node.span,
                    format!("`{key}` must be a whole number from {} to {}", range.start(), range.end()),
                );
                None
            }
        }
    }

    /// An id or slug: what becomes a folder name in the output, so nothing else is allowed.
    pub(crate) fn id(&mut self, text: &str, span: Span, what: &str) -> Option<String> {
        match id_problem(text) {
            None => Some(text.to_string()),
            Some(problem) => {
                self.error("invalid-id", span, format!("{what} `{text}` {problem}"))
                    .with_label("only a-z, 0-9 and `-`")
                    .help = Some(format!("try `{}`", slugify(text)));
                None
            }
        }
    }
}

pub(crate) const MAX_ID_LEN: usize = 100;

/// Why `text` is not a valid id (`[a-z0-9][a-z0-9-]*`), or None.
pub(crate) fn id_problem(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if text.len() > MAX_ID_LEN {
        Some("is longer than 100 characters")
    } else if !text.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        Some("must start with a lowercase letter or a digit")
    } else if !text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        Some("may only hold lowercase letters, digits and `-`")
    } else {
        None
    }
}

/// A valid id made from any text: lowercase ASCII words joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "untitled".into()
    } else {
        slug
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        other => other,
    }
}

/// Refuses a file holding a control character other than tab, newline and carriage return
/// (NUL cuts YAML short, the others make every XML output malformed), pointing at the first.
/// True when the file is clean.
pub(crate) fn no_control_characters(text: &str, check: &mut FileCheck<'_>) -> bool {
    let mut found = text.char_indices().filter(|(_, c)| forbidden(*c));
    let Some((at, c)) = found.next() else { return true };
    let more = found.count();
    let others = if more > 0 { format!(" (and {more} more)") } else { String::new() };
    check
        .error(
            "control-character",
            Span::new(at, at + c.len_utf8()),
            format!("the file holds the {}{others}", describe(c)),
        )
        .with_label("invisible, and not allowed in a status page")
        .help = Some("delete it: only tabs and line breaks may appear among the text".into());
    false
}

/// `no_control_characters` for what YAML escapes decode to: `"\u0000"` or `"\e"` in a quoted
/// scalar is plain text in the file but a control character in the value. Reports the first
/// such value (at its span) and returns false.
pub(crate) fn no_control_characters_in_values(node: &Node, check: &mut FileCheck<'_>) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Scalar { text, .. } => {
                if let Some(c) = text.chars().find(|c| forbidden(*c)) {
                    check
                        .error(
                            "control-character",
                            node.span,
                            format!("this value holds the {}, written as an escape", describe(c)),
                        )
                        .with_label("decodes to an invisible character")
                        .help = Some("delete the escape: only tabs and line breaks may appear among the text".into());
                    return false;
                }
            }
            Value::Seq(items) => stack.extend(items.iter().rev()),
            Value::Map(entries) => stack.extend(entries.iter().rev().flat_map(|(key, value)| [value, key])),
            Value::Null => {}
        }
    }
    true
}

/// The first character no output may carry, and its byte offset.
pub(crate) fn first_forbidden_character(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|(_, c)| forbidden(*c))
}

/// "control character U+001B", "non-character U+FFFE": a forbidden character as messages name it.
pub(crate) fn describe(c: char) -> String {
    let kind = if matches!(c, '\u{FFFE}' | '\u{FFFF}') { "non-character" } else { "control character" };
    format!("{kind} U+{:04X}", c as u32)
}

/// A character no output may carry: C0 and C1 controls but tab and line breaks, which make
/// XML malformed or hide text, and U+FFFE and U+FFFF, which XML 1.0 forbids outright.
pub(crate) fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_allow_only_lowercase_digits_and_dashes() {
        assert_eq!(id_problem("smpp-dlr"), None);
        assert_eq!(id_problem("2026-x"), None);
        assert!(id_problem("../etc").is_some());
        assert!(id_problem("Smpp").is_some());
        assert!(id_problem("-x").is_some());
        assert!(id_problem("a/b").is_some());
        assert!(id_problem("").is_some());
    }

    #[test]
    fn slugify_makes_valid_ids() {
        assert_eq!(slugify("SMS delays through Carrier X!"), "sms-delays-through-carrier-x");
        assert_eq!(slugify("Atualização de segurança"), "atualizacao-de-seguranca");
        assert_eq!(slugify("../../"), "untitled");
        assert_eq!(id_problem(&slugify("Ünïcode — everywhere ✓")), None);
    }
}
