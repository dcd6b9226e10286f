//! Edits of existing files that touch as few bytes as possible: a new update goes right below
//! the front matter and everything else stays as it was, so a pull request shows exactly what
//! the on-call engineer changed.

use crate::load::{front_matter, updates};

/// Inserts `section` (from `update_section`) between the front matter and the first update.
pub(crate) fn insert_update(text: &str, section: &str) -> Result<String, String> {
    // A byte-order mark stays where it is; `check` reads such files too.
    if let Some(rest) = text.strip_prefix('\u{feff}') {
        return insert_update(rest, section).map(|edited| format!("\u{feff}{edited}"));
    }
    let split = front_matter::split(text).map_err(|_| "the file has no closed front matter".to_string())?;
    // Keep the file's own line endings, so the diff shows only the new lines.
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut result = String::with_capacity(text.len() + section.len() * 2);
    result.push_str(&text[..split.body_offset]);
    result.push_str(&section.replace('\n', newline));
    let rest = &text[split.body_offset..];
    if !rest.is_empty() && !rest.starts_with(newline) {
        result.push_str(newline);
    }
    result.push_str(rest);
    // The section must add exactly one update and leave every older one as it was: a code
    // fence, HTML block or comment left open in the message would swallow the updates below.
    let before = updates::parse(rest, 0).updates.len();
    let after = updates::parse(&result[split.body_offset..], 0).updates.len();
    if after != before + 1 {
        return Err("the message leaves a code block (```), HTML block or comment (<!--) open, which would \
                    swallow the updates below it; close it in the message"
            .into());
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\ntitle: X\ncomponents:\n  api: degraded_performance\n---\n\n## Investigating - 2026-01-01 10:00\nLooking.\n";

    #[test]
    fn a_byte_order_mark_is_kept_and_does_not_hide_the_front_matter() {
        let with_bom = format!("\u{feff}{FILE}");
        let text = insert_update(&with_bom, "\n## Resolved - 2026-01-01 11:00\nFixed.\n").unwrap();
        assert!(text.starts_with("\u{feff}---\ntitle: X\n"), "{text:?}");
        assert!(text.contains("## Resolved - 2026-01-01 11:00\nFixed.\n\n## Investigating"), "{text:?}");
    }

    #[test]
    fn a_section_that_leaves_a_block_open_is_refused() {
        for open in ["```", "<!--", "<pre>", "~~~"] {
            let section = format!("\n## Monitoring - 2026-01-01 11:00\nFix deployed.\n{open}\n");
            let refused = insert_update(FILE, &section).unwrap_err();
            assert!(refused.contains("swallow the updates below"), "{open}: {refused}");
        }
        let closed = "\n## Monitoring - 2026-01-01 11:00\n```\n## not a heading\n```\n";
        assert!(insert_update(FILE, closed).is_ok());
    }

    #[test]
    fn a_new_update_goes_on_top_and_nothing_else_changes() {
        let text = insert_update(FILE, "\n## Resolved - 2026-01-01 11:00\nFixed.\n").unwrap();
        assert_eq!(
            text,
            "---\ntitle: X\ncomponents:\n  api: degraded_performance\n---\n\n## Resolved - 2026-01-01 11:00\nFixed.\n\n## Investigating - 2026-01-01 10:00\nLooking.\n"
        );
        assert!(text.ends_with(&FILE[FILE.find("\n## Investigating").unwrap()..]));
    }
}
