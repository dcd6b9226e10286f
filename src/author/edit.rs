//! Edits of existing files that touch as few bytes as possible: a new update goes right below
//! the front matter, a component's status is replaced in place. Everything else stays as it was,
//! so a pull request shows exactly what the on-call engineer changed.

use crate::load::{front_matter, yaml};

/// Inserts `section` (from `update_section`) between the front matter and the first update.
pub fn insert_update(text: &str, section: &str) -> Result<String, String> {
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
    Ok(result)
}

/// Sets `components.<id>` to `status` in the front matter: replaces the value where it is
/// written, or adds a line after the last entry of the `components:` mapping.
pub fn set_component_status(text: &str, id: &str, status: &str) -> Result<String, String> {
    let split = front_matter::split(text).map_err(|_| "the file has no closed front matter".to_string())?;
    let root = yaml::parse(split.yaml, split.yaml_offset).map_err(|e| e.message)?;
    let entries = root.as_map().ok_or("the front matter is not a mapping")?;
    let Some((key, components)) = entries.iter().find(|(k, _)| k.as_str() == Some("components")) else {
        let at = split.body_offset - closing_line_len(text, split.body_offset);
        return Ok(format!("{}components:\n  {id}: {status}\n{}", &text[..at], &text[at..]));
    };
    let Some(map) = components.as_map() else {
        return Err(format!(
            "`components` (line {}) is a list; write it as `id: status` lines to set a status per component",
            text[..key.span.start].matches('\n').count() + 1
        ));
    };
    if let Some((_, value)) = map.iter().find(|(k, _)| k.as_str() == Some(id)) {
        return Ok(format!("{}{status}{}", &text[..value.span.start], &text[value.span.end..]));
    }
    let (last_key, last_value) = map.last().ok_or("`components` is empty")?;
    let line_end = text[last_value.span.end..].find('\n').map(|i| last_value.span.end + i + 1).unwrap_or(text.len());
    let indent = &text[line_start(text, last_key.span.start)..last_key.span.start];
    Ok(format!("{}{indent}{id}: {status}\n{}", &text[..line_end], &text[line_end..]))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0)
}

/// Length of the closing `---` line that ends right before `body_offset`.
fn closing_line_len(text: &str, body_offset: usize) -> usize {
    let before = &text[..body_offset];
    let trimmed = before.strip_suffix('\n').unwrap_or(before);
    let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
    body_offset - line_start(text, trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "---\ntitle: X\ncomponents:\n  api: degraded_performance\n---\n\n## Investigating - 2026-01-01 10:00\nLooking.\n";

    #[test]
    fn a_new_update_goes_on_top_and_nothing_else_changes() {
        let text = insert_update(FILE, "\n## Resolved - 2026-01-01 11:00\nFixed.\n").unwrap();
        assert_eq!(
            text,
            "---\ntitle: X\ncomponents:\n  api: degraded_performance\n---\n\n## Resolved - 2026-01-01 11:00\nFixed.\n\n## Investigating - 2026-01-01 10:00\nLooking.\n"
        );
        assert!(text.ends_with(&FILE[FILE.find("\n## Investigating").unwrap()..]));
    }

    #[test]
    fn a_component_status_is_replaced_in_place() {
        let text = set_component_status(FILE, "api", "major_outage").unwrap();
        assert_eq!(text, FILE.replace("api: degraded_performance", "api: major_outage"));
    }

    #[test]
    fn a_new_component_is_added_below_the_last_one() {
        let text = set_component_status(FILE, "web", "partial_outage").unwrap();
        assert!(text.contains("  api: degraded_performance\n  web: partial_outage\n---\n"), "{text}");
    }

    #[test]
    fn components_are_added_when_the_file_has_none() {
        let text = set_component_status("---\ntitle: X\n---\nbody\n", "web", "partial_outage").unwrap();
        assert_eq!(text, "---\ntitle: X\ncomponents:\n  web: partial_outage\n---\nbody\n");
    }

    #[test]
    fn list_form_components_are_refused_with_their_line() {
        let error = set_component_status("---\ntitle: X\ncomponents: [api]\n---\n", "api", "major_outage").unwrap_err();
        assert!(error.contains("line 3"), "{error}");
    }
}
