//! The `Components: id=status, ...` line of incident updates: each entry checked like front
//! matter (declared id, known status, named once), then taken out of the update's text.

use super::document::{self, Context};
use super::fields::FileCheck;
use crate::diag;
use crate::load::components_line::{self, ComponentsLine};
use crate::load::updates::ParsedBody;
use crate::model::{AffectedComponent, ComponentStatus, IncidentStatus, Update};

/// One update's line after checking: the statuses it sets (None when it has a mistake, already
/// reported) and the text without the line.
pub struct Checked {
    line: ComponentsLine,
    components: Option<Vec<AffectedComponent>>,
}

const FORM_HELP: &str = "write `Components: id=status, id=status` as the update's first line, e.g. \
                         `Components: smpp=operational, api=degraded_performance`";

/// Checks the line of every update that has one, in file order (aligned with `body.updates`).
/// Runs even when headings are wrong, so one run shows every mistake.
pub fn check_all(body: &ParsedBody, context: &Context, check: &mut FileCheck) -> Vec<Option<Checked>> {
    body.updates
        .iter()
        .map(|raw| {
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
            let components = entries(&line, context, check);
            Some(Checked { line, components })
        })
        .collect()
}

/// Warns about `Components:`-like lines of a maintenance window, which has no timeline.
pub fn check_maintenance(body: &ParsedBody, check: &mut FileCheck) {
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

fn ignored(check: &mut FileCheck, span: crate::diag::Span, help: &str) {
    let warning = crate::diag::Diagnostic::warning(
        "components-line-ignored",
        check.file,
        "this looks like a `Components:` line, but it changes nothing and is shown as text",
    )
    .at(span)
    .help(help);
    check.push(warning);
}

fn entries(line: &ComponentsLine, context: &Context, check: &mut FileCheck) -> Option<Vec<AffectedComponent>> {
    let mut ok = true;
    for (span, text) in &line.malformed {
        ok = false;
        let (message, label) = match text.as_str() {
            "" if *span == line.span => {
                ("the `Components:` line names no component".to_string(), "nothing after `Components:`")
            }
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
    for entry in &line.entries {
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
                .help = Some(diag::suggestion(&entry.status, ComponentStatus::KEYWORDS, "expected one of"));
        }
        match (id, status) {
            (Some(id), _) if result.iter().any(|c| c.id == id) || line_repeats(line, entry) => {
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

/// True when an earlier entry of the line names the same id (even one whose status was wrong).
fn line_repeats(line: &ComponentsLine, entry: &components_line::Entry) -> bool {
    line.entries.iter().take_while(|e| e.id_span != entry.id_span).any(|e| e.id == entry.id)
}

/// Moves each checked line into its update (newest first, like `checked`): the statuses into
/// `components`, the text without the line into `body`. A resolving update returns every
/// component to operational, so its line may only say `operational`.
pub fn apply(
    updates: &mut [Update<IncidentStatus>],
    checked: Vec<Option<Checked>>,
    check: &mut FileCheck,
) -> Option<()> {
    let mut ok = true;
    for (update, checked) in updates.iter_mut().zip(checked) {
        let Some(Checked { line, components }) = checked else { continue };
        let Some(components) = components else {
            ok = false;
            continue;
        };
        if update.status.is_closed() {
            for entry in
                line.entries.iter().filter(|e| ComponentStatus::parse(&e.status) != Some(ComponentStatus::Operational))
            {
                ok = false;
                check
                    .error(
                        "status-after-resolution",
                        entry.status_span,
                        format!("`{}` cannot be {} once the incident is {}", entry.id, entry.status, update.status),
                    )
                    .with_label("a closed incident leaves every component operational")
                    .help = Some(
                    "move this change to an update before the resolution, or reopen the incident with an \
                     `Investigating` or `Identified` update"
                        .into(),
                );
            }
        }
        update.body = line.rest;
        update.components = components;
    }
    ok.then_some(())
}
