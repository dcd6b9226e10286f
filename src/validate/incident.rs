//! One incident file -> `Incident`.

use super::components_line;
use super::document::{self, Context};
use super::fields::{Fields, FileCheck};
use crate::diag::Span;
use crate::load::yaml::Node;
use crate::load::SourceFile;
use crate::model::{AffectedComponent, ComponentStatus, Impact, Incident, IncidentStatus, Update};

const KEYS: &[&str] = &["title", "impact", "components", "slug", "started", "resolved", "draft", "pinned"];

pub(super) fn check(file: &SourceFile, context: &Context<'_>, check: &mut FileCheck<'_>) -> Option<Incident> {
    if !super::fields::no_control_characters(&file.text, check) {
        return None;
    }
    let doc = document::open(file, check)?;
    let fields = check.fields(&doc.yaml, KEYS, "incident front matter")?;
    let title = check.required_text(&fields, "title", "the incident");
    let slug = document::slug(&fields, file, check);
    let impact = impact(&fields, check);
    let components = fields.get("components").map(|node| components(node, impact, context, check));
    let started = document::time_field(&fields, "started", context.zone, check);
    let resolved = document::time_field(&fields, "resolved", context.zone, check);
    let draft = check.boolean(&fields, "draft");
    let pinned = check.boolean(&fields, "pinned");
    let mut lines_ok = true;
    let updates = match fields.get("resolved") {
        Some(_) => {
            components_line::check_after_the_fact(doc.body_text, doc.body_offset, check);
            written_after_the_fact(&doc, started, resolved?, check)?
        }
        None => {
            let lines = components_line::check_all(&doc.body, context, check);
            let mut updates = document::updates(
                &doc.body,
                context.zone,
                IncidentStatus::Investigating,
                IncidentStatus::parse,
                IncidentStatus::KEYWORDS,
                check,
            )?;
            if updates.is_empty() {
                no_updates(&fields, check);
                return None;
            }
            lines_ok = components_line::apply(&mut updates, lines);
            updates
        }
    };
    if let (Some((started, span)), Some(first)) = (started, updates.last()) {
        if started > first.at {
            check
                .error("started-after-first-update", span, "`started` is later than the first update")
                .with_label("impact cannot begin after it was reported")
                .help = Some(
                "`started` is for impact that began before the first update; remove it or correct the time".into(),
            );
            return None;
        }
    }
    let components = components.unwrap_or(Some(Vec::new()))?;
    if !lines_ok {
        return None;
    }
    let (impact, impact_written) = match impact? {
        Some(impact) => (impact, true),
        None => (derived_impact(&components), false),
    };
    Some(Incident {
        slug: slug?,
        title: title?.0,
        impact,
        impact_written,
        components,
        started: started.map(|(t, _)| t),
        updates,
        draft,
        pinned,
        source: file.path.clone(),
    })
}

/// Statuspage derives impact from the worst affected component when none is given.
fn derived_impact(components: &[AffectedComponent]) -> Impact {
    components.iter().map(|c| c.status.implied_impact()).max().unwrap_or(Impact::None)
}

/// Some(None) when absent, None when wrong (already reported).
fn impact(fields: &Fields<'_>, check: &mut FileCheck<'_>) -> Option<Option<Impact>> {
    let Some((text, span)) = check.optional_text(fields, "impact") else {
        return Some(None);
    };
    match Impact::parse(&text) {
        Some(impact) => Some(Some(impact)),
        None => {
            check.error("unknown-impact", span, format!("unknown impact `{text}`")).with_label("not an impact").help =
                Some(Impact::help(&text));
            None
        }
    }
}

/// `components:` as `id: status` lines, or as a list of ids that take the status `impact` implies.
/// `impact` is None when it was written but wrong (already reported), Some(None) when absent.
fn components(
    node: &Node,
    impact: Option<Option<Impact>>,
    context: &Context<'_>,
    check: &mut FileCheck<'_>,
) -> Option<Vec<AffectedComponent>> {
    let mut ok = true;
    let mut result: Vec<AffectedComponent> = Vec::new();
    let mut push =
        |id: Option<String>, status: Option<ComponentStatus>, span: Span, check: &mut FileCheck<'_>| match (id, status)
        {
            (Some(id), Some(status)) => {
                if result.iter().any(|c| c.id == id) {
                    check.error("duplicate-component", span, format!("component `{id}` is listed twice"));
                    ok = false;
                } else {
                    result.push(AffectedComponent { id, status });
                }
            }
            _ => ok = false,
        };
    if let Some(entries) = node.as_map() {
        for (key, value) in entries {
            let id = key.as_str().and_then(|id| document::component_id(id, key.span, context, check));
            let status = component_status(value, check);
            push(id, status, key.span, check);
        }
    } else if let Some(items) = node.as_seq() {
        if impact == Some(None) {
            check
                .error("missing-impact", node.span, "components are listed without statuses and there is no `impact`")
                .with_label("which status do these components have?")
                .help = Some(
                "add `impact: minor|major|critical`, or write `id: status` lines such as `smpp: partial_outage`".into(),
            );
        }
        // Ids are checked even without an impact, so a misspelt one shows up in the same run.
        for item in items {
            let id = item.as_str().and_then(|id| document::component_id(id, item.span, context, check));
            push(id, impact.flatten().map(Impact::implied_status), item.span, check);
        }
    } else {
        check.error("wrong-type", node.span, "`components` must be `id: status` lines or a list of ids");
        return None;
    }
    ok.then_some(result)
}

fn component_status(node: &Node, check: &mut FileCheck<'_>) -> Option<ComponentStatus> {
    let Some(text) = node.as_str() else {
        check.error("wrong-type", node.span, "a component's status must be a single keyword, e.g. `partial_outage`");
        return None;
    };
    ComponentStatus::parse(text).or_else(|| {
        check
            .error("unknown-component-status", node.span, format!("unknown component status `{text}`"))
            .with_label("not a component status")
            .help = Some(ComponentStatus::help(text));
        None
    })
}

/// `started:` + `resolved:` with a free-form body: one resolved update holding the body.
fn written_after_the_fact(
    doc: &document::Document<'_>,
    started: Option<(crate::model::Instant, Span)>,
    (resolved, resolved_span): (crate::model::Instant, Span),
    check: &mut FileCheck<'_>,
) -> Option<Vec<Update<IncidentStatus>>> {
    if let Some(first) = doc.body.updates.first() {
        check
            .error(
                "resolved-with-updates",
                first.status_span,
                "an incident with `resolved:` in front matter cannot also have update headings",
            )
            .help =
            Some("keep either `started:`/`resolved:` with a plain body, or the `## Status - time` updates".into());
        return None;
    }
    let Some((started, _)) = started else {
        check
            .error("missing-started", resolved_span, "`resolved:` needs `started:` too")
            .with_label("resolved, but when did it start?")
            .help = Some("add `started: YYYY-MM-DD HH:MM`, when the impact began".into());
        return None;
    };
    if crate::load::updates::nests_deeper_than(doc.body_text, document::MAX_MARKDOWN_DEPTH) {
        check.error("markdown-too-deep", resolved_span, "the body's quotes, lists or HTML tags nest too deep").help =
            Some("flatten the quotes, lists, emphasis or HTML tags; no status update needs this depth".into());
        return None;
    }
    if resolved < started {
        check
            .error("resolved-before-started", resolved_span, "`resolved` is earlier than `started`")
            .with_label("before `started`");
        return None;
    }
    Some(vec![Update {
        status: IncidentStatus::Resolved,
        is_note: false,
        at: resolved,
        body: doc.body_text.trim().to_string(),
        components: Vec::new(),
    }])
}

fn no_updates(fields: &Fields<'_>, check: &mut FileCheck<'_>) {
    check
        .error("no-updates", Span::new(fields.span.start, fields.span.start + 1), "the incident has no updates")
        .with_label("nothing below the front matter")
        .help = Some(
        "add an update below the front matter: `## Investigating - YYYY-MM-DD HH:MM`, then what customers see".into(),
    );
}
