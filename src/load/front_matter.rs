//! Splits a Markdown file into its `---` front matter and body, keeping each part's byte offset
//! in the file so YAML errors are reported on the file's own lines (getzola/zola#1133).

use crate::diag::Span;

/// The two parts of a content file, borrowed from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    /// Everything after the closing `---` line.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not begin with a `---` line.
    Missing,
    /// The opening `---` at this span has no closing `---`.
    NotClosed(Span),
}

/// Splits a Markdown file into its front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(SplitError::Missing);
    }
    let yaml_offset = first_end;
    let mut line_start = yaml_offset;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map(|i| line_start + i + 1).unwrap_or(text.len());
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[yaml_offset..line_start],
                yaml_offset,
                body: &text[line_end..],
                body_offset: line_end,
            });
        }
        line_start = line_end;
    }
    Err(SplitError::NotClosed(Span::new(0, 3)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_offsets() {
        let text = "---\ntitle: x\n---\n\n## Resolved - 2026-01-01 10:00\n";
        let split = split(text).unwrap();
        assert_eq!(split.yaml, "title: x\n");
        assert_eq!(split.yaml_offset, 4);
        assert_eq!(&text[split.body_offset..], split.body);
        assert!(split.body.starts_with("\n## Resolved"));
    }

    #[test]
    fn accepts_windows_line_endings() {
        let split = split("---\r\ntitle: x\r\n---\r\nbody").unwrap();
        assert_eq!(split.yaml, "title: x\r\n");
        assert_eq!(split.body, "body");
    }

    #[test]
    fn a_file_without_front_matter_is_refused() {
        assert_eq!(split("title: x\n"), Err(SplitError::Missing));
    }

    #[test]
    fn unclosed_front_matter_points_at_the_opening_line() {
        assert_eq!(split("---\ntitle: x\n\n## Resolved"), Err(SplitError::NotClosed(Span::new(0, 3))));
    }
}
