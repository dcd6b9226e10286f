//! What incident and maintenance files share: front matter, slug, update headings and times.

use super::fields::{Fields, FileCheck};
use super::times;
use crate::diag::{self, Span};
use crate::load::{front_matter, updates, yaml, SourceFile};
use crate::model::{Component, Instant, Update};
use chrono_tz::Tz;

/// Deeper Markdown nesting than this is refused (see `load::updates::nesting_depth`).
pub(super) const MAX_MARKDOWN_DEPTH: usize = 32;

/// What a file is checked against: the site's zone and declared components.
pub(super) struct Context<'a> {
    pub zone: Tz,
    pub components: &'a [Component],
    /// False when components.yaml is missing or unreadable: its own error is enough, and
    /// every reference would otherwise be reported as unknown.
    pub components_known: bool,
    /// Third-party components: named by mistake, they get their own message.
    pub upstream: &'a [crate::model::Upstream],
}

/// A content file split into its YAML and its parsed body.
pub(super) struct Document<'t> {
    pub yaml: yaml::Node,
    pub body: updates::ParsedBody,
    pub body_text: &'t str,
    /// Where `body_text` starts in the file.
    pub body_offset: usize,
}

pub(super) fn open<'t>(file: &'t SourceFile, check: &mut FileCheck<'_>) -> Option<Document<'t>> {
    let split = match front_matter::split(&file.text) {
        Ok(split) => split,
        Err(front_matter::SplitError::Missing) => {
            check
                .error(
                    "missing-front-matter",
                    Span::new(0, first_line_len(&file.text)),
                    "file does not start with front matter",
                )
                .with_label("expected a `---` line here")
                .help = Some("begin the file with `---`, then `title: ...`, then another `---`".into());
            return None;
        }
        Err(front_matter::SplitError::NotClosed(span)) => {
            check.error("unclosed-front-matter", span, "front matter is not closed").with_label("opened here").help =
                Some("add a line with only `---` after the last front matter key".into());
            return None;
        }
    };
    let yaml = match yaml::parse(split.yaml, split.yaml_offset) {
        Ok(node) => node,
        Err(error) => {
            check.error("invalid-yaml", error.span, error.message).with_label("here");
            return None;
        }
    };
    if !super::fields::no_control_characters_in_values(&yaml, check) {
        return None;
    }
    Some(Document {
        yaml,
        body: updates::parse(split.body, split.body_offset),
        body_text: split.body,
        body_offset: split.body_offset,
    })
}

/// The first line's length, at least one character to underline, never past the end of the
/// text (fuzzing found an empty in-memory file pointing one byte beyond itself).
fn first_line_len(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len()).max(1).min(text.len())
}

/// The slug from front matter, else from the file name.
pub(super) fn slug(fields: &Fields<'_>, file: &SourceFile, check: &mut FileCheck<'_>) -> Option<String> {
    if let Some((text, span)) = check.optional_text(fields, "slug") {
        return check.id(&text, span, "slug");
    }
    let stem = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    match super::fields::id_problem(&stem) {
        None => Some(stem),
        Some(problem) => {
            check
                .error(
                    "invalid-slug",
                    Span::new(0, 3),
                    format!("the file name `{stem}` {problem}, so it cannot be the page's slug"),
                )
                .with_label("this file")
                .help = Some(format!(
                "rename the file to `{}.md` or add `slug: {}` to the front matter",
                super::fields::slugify(&stem),
                super::fields::slugify(&stem)
            ));
            None
        }
    }
}

/// A time field of the front matter.
pub(super) fn time_field(
    fields: &Fields<'_>,
    key: &str,
    zone: Tz,
    check: &mut FileCheck<'_>,
) -> Option<(Instant, Span)> {
    let (text, span) = check.optional_text(fields, key)?;
    time(&text, span, zone, check).map(|t| (t, span))
}

pub(super) fn time(text: &str, span: Span, zone: Tz, check: &mut FileCheck<'_>) -> Option<Instant> {
    match times::parse_instant(text, zone) {
        Ok(instant) => Some(instant),
        Err(message) => {
            let (kind, label, help) = if message.contains("does not exist") {
                let help = format!(
                    "use a time after the clocks moved forward, or give the offset you meant, e.g. `{} +01:00`",
                    text.trim()
                );
                ("nonexistent-time", "skipped by the daylight saving change", help)
            } else {
                ("invalid-time", "not a valid date and time", times::TIME_FORMAT_HELP.to_string())
            };
            check.error(kind, span, message).with_label(label).help = Some(help);
            None
        }
    }
}

/// A `components:` list of declared ids (`[smpp, smpp-dlr]`), each once, in written order.
pub(super) fn component_ids(
    node: &yaml::Node,
    whose: &str,
    context: &Context<'_>,
    check: &mut FileCheck<'_>,
) -> Option<Vec<String>> {
    let Some(items) = node.as_seq() else {
        check.error("wrong-type", node.span, format!("{whose} `components` is a list of ids, e.g. `[smpp, smpp-dlr]`"));
        return None;
    };
    let ids: Vec<Option<String>> =
        items.iter().map(|item| item.as_str().and_then(|id| component_id(id, item.span, context, check))).collect();
    let mut result: Vec<String> = Vec::new();
    for id in ids {
        let id = id?;
        if !result.contains(&id) {
            result.push(id);
        }
    }
    Some(result)
}

/// A component id that must be declared; suggests the nearest and lists the known ones.
pub(super) fn component_id(text: &str, span: Span, context: &Context<'_>, check: &mut FileCheck<'_>) -> Option<String> {
    if !context.components_known || context.components.iter().any(|c| c.id == text) {
        return Some(text.to_string());
    }
    if context.upstream.iter().any(|u| u.id == text) {
        check
            .error("upstream-component-named", span, format!("`{text}` is a third-party component"))
            .with_label("its status comes from the vendor's page")
            .help = Some(
            "incidents and maintenance set the team's own components; name the component of yours that the vendor's \
             problem affects"
                .into(),
        );
        return None;
    }
    let known: Vec<&str> = context.components.iter().map(|c| c.id.as_str()).collect();
    let help = if known.is_empty() {
        "no components are declared: add them to content/components.yaml".to_string()
    } else {
        diag::suggestion(text, &known, "known")
    };
    check
        .error("unknown-component", span, format!("no component with id `{text}`"))
        .with_label("not declared in content/components.yaml")
        .help = Some(help);
    None
}

/// Parses update headings with a status reader, resolving `Update` to the previous status.
/// Reports bad headings, unknown statuses, bad times and out-of-order updates.
pub(super) fn updates<S: Copy>(
    body: &updates::ParsedBody,
    zone: Tz,
    first_status: S,
    parse_status: impl Fn(&str) -> Option<S>,
    keywords: &[&str],
    check: &mut FileCheck<'_>,
) -> Option<Vec<Update<S>>> {
    let mut ok = true;
    for bad in &body.bad_headings {
        ok = false;
        check
            .error("bad-update-heading", bad.span, format!("`{}` is not an update heading", bad.text))
            .with_label("expected `## <Status> - YYYY-MM-DD HH:MM`")
            .help = Some(format!(
            "level-2 headings start updates, e.g. `## {} - 2026-11-20 14:02`; use `###` for headings inside an update",
            capitalized(keywords[0])
        ));
    }
    if let (Some((span, _)), false) = (&body.preamble, body.updates.is_empty()) {
        ok = false;
        check
            .error("text-before-updates", *span, "text before the first update belongs to no update")
            .with_label("move this under an update heading")
            .help = Some("every paragraph belongs to the `## Status - time` heading above it".into());
    }
    // Parsed oldest first, since `Update` carries the status before it.
    let mut parsed: Vec<Option<(Option<S>, Instant)>> = Vec::new();
    for raw in body.updates.iter().rev() {
        let status = if raw.status.eq_ignore_ascii_case("update") {
            Some(None)
        } else {
            match parse_status(&raw.status) {
                Some(s) => Some(Some(s)),
                None => {
                    let mut all: Vec<&str> = keywords.to_vec();
                    all.push("update");
                    check
                        .error("unknown-status", raw.status_span, format!("unknown status `{}`", raw.status))
                        .with_label("not a status")
                        .help = Some(diag::suggestion(
                        &raw.status.to_ascii_lowercase().replace(' ', "_"),
                        &all,
                        "expected one of",
                    ));
                    None
                }
            }
        };
        let at = time(&raw.time, raw.time_span, zone, check);
        match (status, at) {
            (Some(status), Some(at)) => parsed.push(Some((status, at))),
            _ => parsed.push(None),
        }
    }
    for raw in &body.updates {
        if updates::nests_deeper_than(&raw.body, MAX_MARKDOWN_DEPTH) {
            ok = false;
            check
                .error(
                    "markdown-too-deep",
                    Span::new(raw.body_start, raw.body_start + 1),
                    format!(
                        "quotes, lists, emphasis, links or HTML tags nest more than {MAX_MARKDOWN_DEPTH} levels deep"
                    ),
                )
                .with_label("too deep")
                .help =
                Some("flatten the quotes, lists, emphasis or HTML tags; no status update needs this depth".into());
        }
    }
    // Order is checked even when another part of the file is wrong: every problem, one run.
    if parsed.iter().any(Option::is_none) {
        return None;
    }
    let mut result = Vec::new();
    let mut current = first_status;
    for (i, (status, at)) in parsed.into_iter().flatten().enumerate() {
        let raw = &body.updates[body.updates.len() - 1 - i];
        if let Some(previous) = result.last().map(|u: &Update<S>| u.at) {
            if at < previous {
                check
                    .error("updates-out-of-order", raw.time_span, "this update is older than the update below it")
                    .with_label("updates are listed newest first")
                    .help = Some("check the date, or move the section below the older one".into());
                return None;
            }
        }
        if let Some(s) = status {
            current = s;
        }
        result.push(Update {
            status: current,
            is_note: status.is_none(),
            at,
            body: raw.body.clone(),
            components: Vec::new(),
        });
    }
    result.reverse();
    ok.then_some(result)
}

fn capitalized(keyword: &str) -> String {
    let mut chars = keyword.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.map(|c| if c == '_' { ' ' } else { c })).collect(),
        None => String::new(),
    }
}
