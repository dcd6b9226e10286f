//! One maintenance file -> `Maintenance`.

use super::document::{self, Context};
use super::fields::FileCheck;
use crate::diag::Span;
use crate::load::yaml::Node;
use crate::load::SourceFile;
use crate::model::{Maintenance, MaintenanceStatus, Window};

const KEYS: &[&str] = &["title", "components", "window", "slug", "draft"];
const WINDOW_KEYS: &[&str] = &["start", "end"];

pub(super) fn check(file: &SourceFile, context: &Context<'_>, check: &mut FileCheck<'_>) -> Option<Maintenance> {
    if !super::fields::no_control_characters(&file.text, check) {
        return None;
    }
    let doc = document::open(file, check)?;
    let fields = check.fields(&doc.yaml, KEYS, "maintenance front matter")?;
    let title = check.required_text(&fields, "title", "the maintenance");
    let slug = document::slug(&fields, file, check);
    let components = match fields.get("components") {
        Some(node) => document::component_ids(node, "a maintenance's", context, check),
        None => Some(Vec::new()),
    };
    let window = match fields.get("window") {
        Some(node) => window(node, context, check),
        None => {
            check
                .error(
                    "missing-field",
                    Span::new(fields.span.start, fields.span.start + 1),
                    "the maintenance has no `window`",
                )
                .with_label("`window:` is required")
                .help =
                Some("add `window:` with `start: YYYY-MM-DD HH:MM` and `end: YYYY-MM-DD HH:MM` below it".into());
            None
        }
    };
    let draft = check.boolean(&fields, "draft");
    super::components_line::check_maintenance(&doc.body, check);
    let updates = document::updates(
        &doc.body,
        context.zone,
        MaintenanceStatus::Scheduled,
        MaintenanceStatus::parse,
        MaintenanceStatus::KEYWORDS,
        check,
    )?;
    if updates.is_empty() {
        check
            .error("no-updates", Span::new(fields.span.start, fields.span.start + 1), "the maintenance has no updates")
            .with_label("nothing below the front matter")
            .help = Some(
            "add `## Scheduled - YYYY-MM-DD HH:MM` (when you announce it) and what customers should expect".into(),
        );
        return None;
    }
    Some(Maintenance {
        slug: slug?,
        title: title?.0,
        components: components?,
        window: window?,
        updates,
        draft,
        source: file.path.clone(),
    })
}

fn window(node: &Node, context: &Context<'_>, check: &mut FileCheck<'_>) -> Option<Window> {
    let fields = check.fields(node, WINDOW_KEYS, "`window`")?;
    let start = match fields.get("start") {
        Some(_) => document::time_field(&fields, "start", context.zone, check),
        None => {
            check.error("missing-field", node.span, "`window` has no `start`");
            None
        }
    };
    let end = match fields.get("end") {
        Some(_) => document::time_field(&fields, "end", context.zone, check),
        None => {
            check.error("missing-field", node.span, "`window` has no `end`");
            None
        }
    };
    let ((start, _), (end, end_span)) = (start?, end?);
    if end <= start {
        check
            .error("window-ends-before-start", end_span, "the window ends before it starts")
            .with_label("not after `start`")
            .help = Some("check the date of `end`; a window past midnight ends on the next day".into());
        return None;
    }
    Some(Window { start, end })
}
