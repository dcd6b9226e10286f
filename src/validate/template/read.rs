//! Reading a template: the keys only templates have (`kind`, `status`), blanked out so every
//! other byte stays where it is, and every `{{placeholder}}`.

use super::quoting::{line_key, line_start, quoting_at, Quoting};
use crate::diag::{Diagnostic, Span};
use crate::load::{front_matter, SourceFile};
use crate::model::IncidentStatus;
use crate::validate::fields::FileCheck;
use std::collections::BTreeMap;

/// Keys a template has that the file it makes does not.
const TEMPLATE_KEYS: &[&str] = &["kind", "status"];

/// What a template makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemplateKind {
    /// An incident file.
    Incident,
    /// A maintenance file.
    Maintenance,
}

/// A template read: its kind, its first status and every placeholder, with the text the
/// filled file starts from (template keys blanked out, same length).
#[derive(Debug, Clone)]
pub(crate) struct Template {
    /// What it makes.
    pub kind: TemplateKind,
    /// The first update's status (incidents).
    pub status: IncidentStatus,
    /// Each placeholder's name and where it is written, in file order.
    pub placeholders: Vec<(String, Span)>,
    pub(super) text: String,
    /// Where the closing `---` line starts and where the body starts.
    pub(super) front_end: usize,
    pub(super) body_start: usize,
}

/// Reads a template: its keys, its placeholders; problems go to `check`.
pub(super) fn read(file: &SourceFile, check: &mut FileCheck<'_>) -> Option<Template> {
    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(_) => {
            check
                .error(
                    "missing-front-matter",
                    Span::new(0, 1.min(file.text.len())),
                    "a template starts with front matter",
                )
                .help = Some("begin it with `---`, `title: ...`, then another `---`".into());
            return None;
        }
    };
    let (front_end, body_start) = (split.yaml_offset + split.yaml.len(), split.body_offset);
    let mut text = file.text.to_string();
    let mut keys = BTreeMap::new();
    let mut at_line = split.yaml_offset;
    for line in split.yaml.split_inclusive('\n') {
        if let Some((key, value)) = line.split_once(':').filter(|(k, _)| TEMPLATE_KEYS.contains(&k.trim_end())) {
            if key == key.trim_start() {
                let value_start = at_line + key.len() + 1;
                let raw = value.split(" #").next().unwrap_or("");
                let trimmed = raw.trim().trim_matches(|c| c == '"' || c == '\'');
                let at = value_start + raw.find(trimmed).unwrap_or(0);
                keys.insert(key.trim_end(), (trimmed.to_string(), Span::new(at, at + trimmed.len().max(1))));
                let blank = " ".repeat(line.trim_end_matches('\n').len());
                text.replace_range(at_line..at_line + blank.len(), &blank);
            }
        }
        at_line += line.len();
    }
    // `kind` and `status` say what the template makes, read before any value is filled: a
    // placeholder there would be checked as the word `{{name}}` and called a wrong status.
    keys.retain(|key, (value, span)| {
        if value.contains("{{") {
            check.error("invalid-placeholder", *span, format!("`{key}` cannot be a placeholder")).help =
                Some(format!("write the `{key}` itself; `new` takes --status to open an incident with another status"));
        }
        !value.contains("{{")
    });
    let kind = match keys.get("kind") {
        None => Some(TemplateKind::Incident),
        Some((value, _)) if value == "incident" => Some(TemplateKind::Incident),
        Some((value, _)) if value == "maintenance" => Some(TemplateKind::Maintenance),
        Some((_, span)) => {
            check.error("invalid-value", *span, "`kind` is `incident` or `maintenance`").with_label("not a kind");
            None
        }
    };
    // A wrong status is reported and the template still checked as an investigating one, so
    // its other mistakes show in the same run.
    let status = match (kind, keys.get("status")) {
        (_, None) => IncidentStatus::Investigating,
        (Some(TemplateKind::Maintenance), Some((_, span))) => {
            check.error("unknown-key", *span, "a maintenance template has no `status`").help =
                Some("its first update is `Scheduled`; remove `status:`".into());
            IncidentStatus::Investigating
        }
        (_, Some((value, span))) => match IncidentStatus::parse(value) {
            Some(status) if !status.is_closed() => status,
            _ => {
                check
                    .error("invalid-status", *span, format!("`{value}` is not the status an incident opens with"))
                    .help = Some("use `investigating`, `identified` or `monitoring`".into());
                IncidentStatus::Investigating
            }
        },
    };
    let placeholders = placeholders(&file.text, check);
    for (_, span) in placeholders.iter().filter(|(_, span)| span.start >= body_start) {
        if file.text[line_start(&file.text, span.start)..].starts_with("## ") {
            check.error("invalid-placeholder", *span, "a placeholder cannot be in an update heading").help =
                Some("`new` writes the first update's heading; put the value in the text below it".into());
        }
    }
    for (_, span) in placeholders.iter().filter(|(_, span)| span.end <= front_end) {
        if quoting_at(&file.text, *span) == Quoting::Plain && line_key(&file.text, *span) == Some("title") {
            let mut warning =
                Diagnostic::warning("unquoted-placeholder", check.file, "quote a title that has a placeholder")
                    .at(*span);
            warning.help = Some(
                "write `title: \"... {{name}} ...\"`: a value with `: ` or ` #` would otherwise end the title".into(),
            );
            check.push(warning);
        }
    }
    let mut lines = split.yaml.split_inclusive('\n').scan(0, |at, l| Some((std::mem::replace(at, *at + l.len()), l)));
    let window = lines.find(|(_, line)| line.split_once(':').is_some_and(|(key, _)| key == "window"));
    if let (Some(TemplateKind::Maintenance), Some((key_at, _))) = (kind, window) {
        let at = split.yaml_offset + key_at;
        check.error("unknown-key", Span::new(at, at + 6), "a maintenance template has no `window`").help =
            Some("`new maintenance --template NAME --start ... --end ...` gives each window; remove it here".into());
        return None;
    }
    Some(Template { kind: kind?, status, placeholders, text, front_end, body_start })
}

/// Every `{{name}}` (spaces inside allowed); an unclosed or empty one is an error, and is left
/// as text.
fn placeholders(text: &str, check: &mut FileCheck<'_>) -> Vec<(String, Span)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let line_end = text[open..].find('\n').map_or(text.len(), |i| open + i);
        match text[open..line_end].find("}}") {
            Some(close) => {
                let name = text[open + 2..open + close].trim();
                let span = Span::new(open, open + close + 2);
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                    check.error("invalid-placeholder", span, "a placeholder is a name in `{{ }}`, e.g. `{{carrier}}`");
                } else {
                    found.push((name.to_string(), span));
                }
                from = open + close + 2;
            }
            None => {
                check
                    .error("invalid-placeholder", Span::new(open, open + 2), "this `{{` is not closed on its line")
                    .help = Some("write `{{name}}`, or remove the braces".into());
                from = open + 2;
            }
        }
    }
    found
}

impl Template {
    /// The quoting of the value a placeholder at `span` sits in: none in the text.
    pub(super) fn quoting(&self, span: Span) -> Quoting {
        if span.end > self.front_end {
            Quoting::Plain
        } else {
            quoting_at(&self.text, span)
        }
    }
}
