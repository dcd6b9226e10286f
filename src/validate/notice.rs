//! One notice file -> `Notice`: front matter (`title`, `from`, optional `until` and
//! `components`) and a free Markdown body. A notice has no status of its own, so its body is not
//! read as updates: a `## heading` in it is just a heading.

use super::document::{self, Context};
use super::fields::FileCheck;
use crate::diag::Span;
use crate::load::SourceFile;
use crate::model::Notice;

const KEYS: &[&str] = &["title", "components", "from", "until", "slug", "draft"];

pub(super) fn check(file: &SourceFile, context: &Context<'_>, check: &mut FileCheck<'_>) -> Option<Notice> {
    if !super::fields::no_control_characters(&file.text, check) {
        return None;
    }
    let doc = document::open(file, check)?;
    let fields = check.fields(&doc.yaml, KEYS, "notice front matter")?;
    let title = check.required_text(&fields, "title", "the notice");
    let slug = document::slug(&fields, file, check);
    let components = match fields.get("components") {
        Some(node) => document::component_ids(node, "a notice's", context, check),
        None => Some(Vec::new()),
    };
    let whole = Span::new(fields.span.start, fields.span.start + 1);
    let from = match fields.get("from") {
        Some(_) => document::time_field(&fields, "from", context.zone, check),
        None => {
            check.error("missing-field", whole, "the notice has no `from`").with_label("`from:` is required").help =
                Some("add `from: YYYY-MM-DD HH:MM`, when the notice starts being shown".into());
            None
        }
    };
    let until = document::time_field(&fields, "until", context.zone, check);
    let draft = check.boolean(&fields, "draft");
    let body = doc.body_text.trim();
    if body.is_empty() {
        check
            .error("empty-notice", whole, "the notice has no text")
            .with_label("nothing below the front matter")
            .help = Some("write below the front matter what readers should know, in Markdown".into());
        return None;
    }
    if crate::load::updates::nests_deeper_than(doc.body_text, document::MAX_MARKDOWN_DEPTH) {
        check.error("markdown-too-deep", whole, "the notice's quotes, lists or HTML tags nest too deep").help =
            Some("flatten the quotes, lists, emphasis or HTML tags".into());
        return None;
    }
    let (from, _) = from?;
    if let Some((until, span)) = until {
        if until <= from {
            check.error("until-before-from", span, "the notice ends before it starts").with_label("not after `from`");
            return None;
        }
    }
    Some(Notice {
        slug: slug?,
        title: title?.0,
        components: components?,
        from,
        until: until.map(|(t, _)| t),
        body: body.to_string(),
        draft,
        source: file.path.clone(),
    })
}
