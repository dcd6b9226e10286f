//! Writes the theme's words into its templates once per build. Templates read words as
//! `{{ t.key }}`; the language is fixed for a build, so each of those tags becomes its text
//! before parsing and no page has to carry (or look up in) the whole table. Any other use of
//! `t` (`t["component.operational"]`, `t.key | upper`) is left alone, and then pages get the
//! table as before.

use super::i18n::Lang;
use super::theme::escape;

/// `template` with every plain `{{ t.key }}` of a known key replaced by its text, escaped when
/// Tera would escape it (`autoescape`).
pub fn inline(template: &str, lang: &'static Lang, autoescape: bool) -> String {
    // Text inside `{% raw %}` must stay as written; such templates are rare, so skip them whole.
    if template.contains("raw %}") || template.contains("raw -%}") {
        return template.to_string();
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open..].find("}}").map(|at| open + at + 2) else { break };
        out.push_str(&rest[..open]);
        let tag = &rest[open..close];
        match word_of(tag).and_then(|key| lang.find(key)).filter(|text| !has_markup(text)) {
            Some(text) if autoescape => out.push_str(&escape(text)),
            Some(text) => out.push_str(text),
            None => out.push_str(tag),
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// `key` of a tag that is exactly `{{ t.key }}` (no filters, no whitespace control).
fn word_of(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("{{")?.strip_suffix("}}")?;
    if inner.starts_with('-') || inner.ends_with('-') {
        return None;
    }
    let key = inner.trim().strip_prefix("t.")?;
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    plain.then_some(key)
}

/// Text that Tera would read as a tag if written into a template.
fn has_markup(text: &str) -> bool {
    text.contains("{{") || text.contains("{%") || text.contains("{#")
}

/// Whether a template still reads the table `t` anywhere in its tags.
pub fn reads_table(template: &str) -> bool {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let closer = match after.as_bytes().first() {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let end = after.find(closer).unwrap_or(after.len());
        if mentions_t(&after[1..end]) {
            return true;
        }
        rest = &after[end..];
    }
    false
}

/// An identifier `t` followed by `.` or `[`, in the text of one tag.
fn mentions_t(tag: &str) -> bool {
    let bytes = tag.as_bytes();
    (0..bytes.len()).any(|i| {
        let starts_word = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'_' | b'.'));
        let next = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
        bytes[i] == b't' && starts_word && matches!(next, Some(b'.' | b'['))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::i18n;

    #[test]
    fn plain_word_tags_become_their_escaped_text() {
        let en = i18n::lang("en");
        let out = inline("<a>{{ t.history }}</a>{{t.home}} {{ page.x }}", en, true);
        assert_eq!(out, "<a>Incident history</a>Current status {{ page.x }}");
        assert!(!reads_table(&out));
    }

    #[test]
    fn other_uses_of_the_table_stay_and_are_noticed() {
        let en = i18n::lang("en");
        for template in ["{{ t.history | upper }}", "{{ t[\"component.operational\"] }}", "{% if t.home %}x{% endif %}"]
        {
            let out = inline(template, en, true);
            assert_eq!(out, template);
            assert!(reads_table(&out), "{template}");
        }
        assert!(!reads_table("{{ at.x }} {{ page.t }} {% set a = 1 %}"));
    }

    #[test]
    fn unknown_keys_and_whitespace_control_are_left_for_tera() {
        let en = i18n::lang("en");
        assert_eq!(inline("{{ t.nope }}", en, true), "{{ t.nope }}");
        assert_eq!(inline("{{- t.home }}", en, true), "{{- t.home }}");
        assert_eq!(inline("{% raw %}{{ t.home }}{% endraw %}", en, true), "{% raw %}{{ t.home }}{% endraw %}");
    }
}
