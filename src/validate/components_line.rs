//! The `Components: id=status, ...` line of incident updates: each entry checked like front
//! matter (declared id, known status, named once), then taken out of the update's text.

use super::document::{self, Context};
use super::fields::FileCheck;

use crate::load::components_line::{self, ComponentsLine};
use crate::load::updates::ParsedBody;
use crate::model::{AffectedComponent, ComponentStatus, IncidentStatus, Update};

/// One update's line after checking: the statuses it sets (None when it has a mistake, already
/// reported) and the text without the line.
pub(super) struct Checked {
    line: ComponentsLine,
    components: Option<Vec<AffectedComponent>>,
}

const FORM_HELP: &str = "write `Components: id=status, id=status` as the update's first line, e.g. \
                         `Components: smpp=operational, api=degraded_performance`";

/// Checks the line of every update that has one, in file order (aligned with `body.updates`).
/// Runs even when headings are wrong, so one run shows every mistake.
pub(super) fn check_all(body: &ParsedBody, context: &Context<'_>, check: &mut FileCheck<'_>) -> Vec<Option<Checked>> {
    let closed = closed_updates(body);
    body.updates
        .iter()
        .zip(closed)
        .map(|(raw, closed)| {
            let line = components_line::split(&raw.body, raw.body_start);
            let first_text_line = usize::from(line.is_some());
            if let Some(span) = components_line::lookalike(&raw.body, raw.body_start, first_text_line) {
                let help = if span.start == raw.body_start {
                    "to change statuses, write exactly `Components: id=status, ...` as the update's first line"
                } else {
                    "only the update's first line changes statuses: move it there, or it stays text"
                };
                ignored(check, span, help);
            }
            let line = line?;
            let mut components = entries(&line, context, check);
            if let Some(status) = closed {
                if !only_operational(&line, status, check) {
                    components = None;
                }
            }
            Some(Checked { line, components })
        })
        .collect()
}

/// For each update in file order, its status when it closes the incident (`Update` headings
/// carry the status below them); None for an open or unreadable one.
fn closed_updates(body: &ParsedBody) -> Vec<Option<IncidentStatus>> {
    let mut current = None;
    let mut closed: Vec<Option<IncidentStatus>> = body
        .updates
        .iter()
        .rev()
        .map(|raw| {
            if !raw.status.eq_ignore_ascii_case("update") {
                current = IncidentStatus::parse(&raw.status);
            }
            current.filter(|s| s.is_closed())
        })
        .collect();
    closed.reverse();
    closed
}

/// A resolving update returns every component to operational, so its line may only say so.
fn only_operational(line: &ComponentsLine, status: IncidentStatus, check: &mut FileCheck<'_>) -> bool {
    let mut ok = true;
    for entry in line
        .entries
        .iter()
        .filter(|e| ComponentStatus::parse(&e.status).is_some_and(|s| s != ComponentStatus::Operational))
    {
        ok = false;
        check
            .error(
                "status-after-resolution",
                entry.status_span,
                format!("`{}` cannot be {} once the incident is {status}", entry.id, entry.status),
            )
            .with_label("a closed incident leaves every component operational")
            .help = Some(
            "move this change to an update before the resolution, or reopen the incident with an \
             `Investigating` or `Identified` update"
                .into(),
        );
    }
    ok
}

/// Warns about `Components:`-like lines of a maintenance window, which has no timeline.
pub(super) fn check_maintenance(body: &ParsedBody, check: &mut FileCheck<'_>) {
    for raw in &body.updates {
        if let Some(span) = components_line::lookalike(&raw.body, raw.body_start, 0) {
            ignored(
                check,
                span,
                "a maintenance window puts its `components` under maintenance while it is in progress; \
                 its updates cannot change statuses",
            );
        }
    }
}

/// Warns about `Components:`-like lines in the free-form body of an incident written after the
/// fact (`started:` + `resolved:`), which reads as one resolving update.
pub(super) fn check_after_the_fact(body: &str, body_offset: usize, check: &mut FileCheck<'_>) {
    if let Some(span) = components_line::lookalike(body, body_offset, 0) {
        ignored(
            check,
            span,
            "an incident written after the fact has no timeline: give it `## Status - time` updates \
             instead of `resolved:` to change statuses over time",
        );
    }
}

fn ignored(check: &mut FileCheck<'_>, span: crate::diag::Span, help: &str) {
    let warning = crate::diag::Diagnostic::warning(
        "components-line-ignored",
        check.file,
        "this looks like a `Components:` line, but it changes nothing and is shown as text",
    )
    .at(span)
    .help(help);
    check.push(warning);
}

/// Mistakes reported per line: a line of thousands of bad entries is one mistake repeated, and
/// reporting each would print megabytes.
const MAX_REPORTED: usize = 20;

/// More entries than this cannot be a real update (a site has at most a few hundred components).
const MAX_ENTRIES: usize = 1000;

fn entries(line: &ComponentsLine, context: &Context<'_>, check: &mut FileCheck<'_>) -> Option<Vec<AffectedComponent>> {
    let count = line.entries.len() + line.malformed.len();
    if count > MAX_ENTRIES {
        check
            .error("malformed-components-line", line.span, format!("the `Components:` line has {count} entries"))
            .with_label("too many")
            .help = Some(format!("an update changes at most {MAX_ENTRIES} components"));
        return None;
    }
    let before = check.diagnostics.len();
    let result = entries_checked(line, context, check);
    let reported = check.diagnostics.len() - before;
    if reported > MAX_REPORTED {
        check.diagnostics.truncate(before + MAX_REPORTED);
        check
            .error(
                "malformed-components-line",
                line.span,
                format!("{} more mistakes in this line", reported - MAX_REPORTED),
            )
            .with_label("not all shown")
            .help = Some("fix the ones above, then run check again".into());
    }
    result
}

fn entries_checked(
    line: &ComponentsLine,
    context: &Context<'_>,
    check: &mut FileCheck<'_>,
) -> Option<Vec<AffectedComponent>> {
    let mut ok = true;
    for (span, text) in &line.malformed {
        ok = false;
        let (message, label) = match text.as_str() {
            "" => ("empty entry in the `Components:` line".to_string(), "nothing between the commas"),
            text => (format!("`{text}` is not `id=status`"), "expected `id=status`"),
        };
        let help = match text.split_once(':') {
            Some((id, status)) => format!("write `{}={}`: the line takes `=`", id.trim(), status.trim()),
            None => FORM_HELP.into(),
        };
        check.error("malformed-components-line", *span, message).with_label(label).help = Some(help);
    }
    let mut result: Vec<AffectedComponent> = Vec::new();
    let mut named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for entry in &line.entries {
        let repeated = !named.insert(entry.id.as_str());
        let id = document::component_id(&entry.id, entry.id_span, context, check);
        let status = ComponentStatus::parse(&entry.status);
        if status.is_none() {
            check
                .error(
                    "unknown-component-status",
                    entry.status_span,
                    format!("unknown component status `{}`", entry.status),
                )
                .with_label("not a component status")
                .help = Some(ComponentStatus::help(&entry.status));
        }
        match (id, status) {
            (Some(id), _) if repeated => {
                ok = false;
                check
                    .error(
                        "duplicate-component",
                        entry.id_span,
                        format!("component `{id}` is named twice in this line"),
                    )
                    .with_label("named again here")
                    .help = Some("give each component one status per update".into());
            }
            (Some(id), Some(status)) => result.push(AffectedComponent { id, status }),
            _ => ok = false,
        }
    }
    ok.then_some(result)
}

/// Moves each checked line into its update (newest first, like `checked`): the statuses into
/// `components`, the text without the line into `body`. False when a line had a mistake.
pub(super) fn apply(updates: &mut [Update<IncidentStatus>], checked: Vec<Option<Checked>>) -> bool {
    let mut ok = true;
    for (update, checked) in updates.iter_mut().zip(checked) {
        let Some(Checked { line, components }) = checked else { continue };
        let Some(components) = components else {
            ok = false;
            continue;
        };
        update.body = line.rest;
        update.components = components;
    }
    ok
}
