//! Byte offsets to 1-based line and character column, computed one way for every file.

/// Line starts of one file, so every diagnostic agrees on where line N begins.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text[start..offset].chars().count() + 1;
        (line, column)
    }

    /// The text of a 1-based line without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.starts.get(line - 1).copied().unwrap_or(text.len());
        let end = self.starts.get(line).copied().unwrap_or(text.len());
        text[start.min(text.len())..end.min(text.len())].trim_end_matches(['\n', '\r'])
    }

    /// Byte offset of a 1-based line and 0-based character column, as YAML parsers report them.
    pub fn offset_of(&self, text: &str, line: usize, char_column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let rest = &text[start.min(text.len())..];
        let within = rest.char_indices().nth(char_column).map(|(i, _)| i).unwrap_or(rest.len());
        start + within
    }
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_one_based_lines_and_columns() {
        let text = "ab\ncd\n\nxé y\n";
        let index = LineIndex::new(text);
        for (offset, expected) in [(0, (1, 1)), (1, (1, 2)), (3, (2, 1)), (6, (3, 1)), (7, (4, 1)), (10, (4, 3))] {
            assert_eq!(index.line_col(text, offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn line_text_drops_the_line_ending() {
        let text = "one\r\ntwo";
        let index = LineIndex::new(text);
        assert_eq!(index.line_text(text, 1), "one");
        assert_eq!(index.line_text(text, 2), "two");
    }

    #[test]
    fn char_columns_become_byte_offsets() {
        let text = "é: x\nkey: ü";
        let index = LineIndex::new(text);
        assert_eq!(index.offset_of(text, 1, 3), 4);
        assert_eq!(index.offset_of(text, 2, 5), 11);
    }

    #[test]
    fn an_offset_inside_a_character_does_not_panic() {
        let text = "é";
        assert_eq!(LineIndex::new(text).line_col(text, 1), (1, 1));
    }
}
