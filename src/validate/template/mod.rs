//! Incident and maintenance templates (`content/templates/<name>.md`): the front matter of a
//! file and its first update's text, with `{{placeholders}}`. Two extra keys say what the
//! template makes: `kind: incident|maintenance` (incident if left out) and, for an incident,
//! `status:` of the first update (investigating if left out). A maintenance template has no
//! `window`: `new maintenance --start --end` gives it.
//!
//! A template is checked as the file it would make: every placeholder replaced by a sample of
//! its own length (so each byte stays where it was), the first update's heading and, for a
//! maintenance, a window put in, and the whole checked as an incident or maintenance file.
//! Diagnostics are moved back over what was put in, so they point into the template.

mod make;
mod quoting;
mod read;

use crate::diag::{Diagnostic, Span};
use crate::load::{SourceFile, SourceSet};
use crate::model::{Incident, Instant, Maintenance, Site, Window};
use crate::validate::document::Context;
use crate::validate::fields::FileCheck;
use crate::validate::{incident, maintenance};
use chrono::Duration;
use make::make;
use quoting::Quoting;
use read::read;
pub(crate) use read::{Template, TemplateKind};
use std::collections::BTreeMap;

/// What a filled template made, ready for `new` to write.
#[derive(Debug, Clone)]
pub(crate) enum Filled {
    /// An incident and the status of its first update.
    Incident(Incident),
    /// A maintenance window.
    Maintenance(Maintenance),
}

impl Filled {
    fn update_count(&self) -> usize {
        match self {
            Filled::Incident(incident) => incident.updates.len(),
            Filled::Maintenance(maintenance) => maintenance.updates.len(),
        }
    }
}

/// Why a template could not be filled: a message, or the problems of the file it made (drawn
/// against `text`, that file).
#[derive(Debug)]
pub(crate) enum FillError {
    /// Missing or unknown variables, or the template cannot be read.
    Message(String),
    /// The filled file does not check.
    Invalid {
        /// The file as filled.
        text: String,
        /// Its problems.
        diagnostics: Vec<Diagnostic>,
    },
}

/// Every problem of every template, against the site's zone and components.
pub(super) fn check_all(templates: &[SourceFile], context: &Context<'_>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for file in templates {
        let mut check = FileCheck { file: &file.path, diagnostics: &mut diagnostics };
        if let Some(template) = read(file, &mut check) {
            check_one(file, &template, context, &mut diagnostics);
        }
    }
    diagnostics
}

/// The names a template needs, each once, in first-use order.
fn variables(template: &Template) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in &template.placeholders {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names
}

/// The file a template makes, for checking: named like a valid file of its own, since its
/// name comes from `new` (date and title), never from the template's (`Carrier Delay.md`).
fn as_made(template: &SourceFile, text: &str) -> SourceFile {
    SourceFile { path: template.path.with_file_name("made-from-template.md"), text: text.into() }
}

/// Checks a template as the file it makes, each placeholder filled with a sample of its own
/// length, so every problem can be drawn on the template's own line and column.
fn check_one(file: &SourceFile, template: &Template, context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let sample_time = Instant::from_timestamp(946_684_800, 0).unwrap_or_default();
    let window = Window { start: sample_time, end: sample_time + Duration::hours(1) };
    let sample = |span: Span| "x".repeat(span.end - span.start);
    let made = make(template, &sample, sample_time, window, context.zone);
    let text = as_made(file, &made.text);
    let mut diagnostics = Vec::new();
    let mut check = FileCheck { file: &file.path, diagnostics: &mut diagnostics };
    match template.kind {
        TemplateKind::Incident => drop(incident::check(&text, context, &mut check)),
        TemplateKind::Maintenance => drop(maintenance::check(&text, context, &mut check)),
    }
    // A problem drawn on a placeholder is the sample's, not the template's (`impact:
    // {{impact}}` is fine until `new` fills it): only the filled file can tell.
    let on_placeholder = |d: &Diagnostic| {
        d.span.is_some_and(|s| {
            template.placeholders.iter().any(|(_, p)| s.start < p.end && p.start < s.end.max(s.start + 1))
        })
    };
    out.extend(diagnostics.into_iter().map(|d| made.moved_back(d)).filter(|d| !on_placeholder(d)));
}

/// `new --template NAME`: `content/templates/NAME.md` filled with `values` (every placeholder's
/// name, and no other) into the file `new` writes, its first update at `at` and a maintenance's
/// window `window`, checked as that file against the site.
pub(crate) fn fill_named(
    sources: &SourceSet,
    site: &Site,
    name: &str,
    values: &BTreeMap<String, String>,
    at: Instant,
    window: Window,
) -> Result<Filled, FillError> {
    let path = format!("{}/{name}.md", crate::load::TEMPLATES_DIR);
    let Some(file) = sources.templates.iter().find(|f| f.path.as_os_str() == path.as_str()) else {
        let known: Vec<String> = sources
            .templates
            .iter()
            .filter_map(|f| f.path.strip_prefix(crate::load::TEMPLATES_DIR).ok())
            .map(|p| p.with_extension("").to_string_lossy().into_owned())
            .collect();
        let known =
            if known.is_empty() { "there are none yet".to_string() } else { format!("known: {}", known.join(", ")) };
        return Err(FillError::Message(format!("no template `{name}` ({path}); {known}")));
    };
    let context = Context {
        zone: site.config.timezone,
        components: &site.components,
        components_known: true,
        upstream: &site.upstream,
    };
    // `new` writes LF files: a template saved with CRLF would put `\r\n` inside the update's
    // text (mixed line endings in the file written) while the heading `new` adds has `\n`.
    // Read as LF, the template fills exactly as the same text with LF would.
    let lf = SourceFile { path: file.path.clone(), text: file.text.replace("\r\n", "\n").into() };
    let file = &lf;
    let mut diagnostics = Vec::new();
    let template = read(file, &mut FileCheck { file: &file.path, diagnostics: &mut diagnostics });
    // Warnings (an unquoted title) do not stop `new`: the filled file is checked below.
    let Some(template) = template.filter(|_| !diagnostics.iter().any(Diagnostic::is_error)) else {
        return Err(FillError::Invalid { text: file.text.to_string(), diagnostics });
    };
    fill(file, &template, values, at, window, &context)
}

fn fill(
    file: &SourceFile,
    template: &Template,
    values: &BTreeMap<String, String>,
    at: Instant,
    window: Window,
    context: &Context<'_>,
) -> Result<Filled, FillError> {
    let needed = variables(template);
    let missing: Vec<&str> = needed.iter().copied().filter(|n| !values.contains_key(*n)).collect();
    let unknown: Vec<&str> = values.keys().map(String::as_str).filter(|n| !needed.contains(n)).collect();
    let list = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let wants = if needed.is_empty() { "no variables".to_string() } else { list(&needed) };
    if !missing.is_empty() {
        return Err(FillError::Message(format!("the template needs --var for {}; it uses {wants}", list(&missing))));
    }
    if !unknown.is_empty() {
        return Err(FillError::Message(format!("the template has no {}; it uses {wants}", list(&unknown))));
    }
    if let Some((name, _)) = values.iter().find(|(_, v)| v.chars().any(char::is_control)) {
        return Err(FillError::Message(format!("--var {name}: a value is one line of text")));
    }
    let value_of = |span: Span| {
        let name = template.text[span.start + 2..span.end - 2].trim();
        (name, values.get(name).map(String::as_str).unwrap_or_default())
    };
    // A plain YAML value would be cut at a ` #` in what fills it: quoted when the placeholder
    // is the whole value, refused when it is part of one (quoting the rest is the author's).
    let cut = |span: Span, raw: &str| {
        span.end <= template.front_end
            && template.quoting(span) == Quoting::Plain
            && quoting::cut_as_plain(&template.text, span, raw)
    };
    for &(_, span) in &template.placeholders {
        let (name, raw) = value_of(span);
        if cut(span, raw) && !quoting::stands_alone(&template.text, span) {
            let line = template.text[..span.start].matches('\n').count() + 1;
            return Err(FillError::Message(format!(
                "--var {name}: `{raw}` holds a ` #`, which would end the unquoted YAML value on line {line} of the \
                 template and drop the rest as a comment; put that value in quotes in the template, e.g. \
                 `title: \"... {{{{{name}}}}} ...\"`"
            )));
        }
    }
    // Standing alone as a plain value, any value YAML would read as other than its text is
    // quoted: a value is written as text.
    let as_text = |span: Span, raw: &str| {
        cut(span, raw)
            || (span.end <= template.front_end
                && template.quoting(span) == Quoting::Plain
                && quoting::stands_alone(&template.text, span)
                && quoting::not_plain_text(raw))
    };
    let value = |span: Span| {
        let (_, raw) = value_of(span);
        if as_text(span, raw) {
            format!("\"{}\"", Quoting::Double.escape(raw))
        } else {
            template.quoting(span).escape(raw)
        }
    };
    let made = make(template, &value, at, window, context.zone);
    let text = as_made(file, &made.text);
    let mut diagnostics = Vec::new();
    let mut check = FileCheck { file: &file.path, diagnostics: &mut diagnostics };
    let filled = match template.kind {
        TemplateKind::Incident => incident::check(&text, context, &mut check).map(Filled::Incident),
        TemplateKind::Maintenance => maintenance::check(&text, context, &mut check).map(Filled::Maintenance),
    };
    // The file's own diagnostics are drawn against the filled text, so they name it as such.
    let filled_path = std::path::PathBuf::from(format!("{} (as filled)", file.path.display()));
    for d in &mut diagnostics {
        d.file = filled_path.clone();
    }
    match filled {
        // A value that starts a `## ` line would open a second update, with any status.
        Some(filled) if filled.update_count() != 1 => Err(FillError::Message(
            "a value may not start an update: a `## Status - time` line comes only from `new`".into(),
        )),
        Some(filled) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(filled),
        _ => Err(FillError::Invalid { text: made.text, diagnostics }),
    }
}
