//! YAML to a tree of nodes that remember where they stand in the file. This is the only place
//! that parses YAML. We use yaml-rust2's event parser rather than serde_yaml because every value
//! needs its own span (an unknown component id must be underlined where it is written), and
//! because mapping to typed data by hand lets one file report all of its mistakes at once.

use crate::diag::{LineIndex, Span};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deeper nesting than this is refused: no site file needs it, and a hostile one could
/// exhaust the stack.
pub const MAX_DEPTH: usize = 32;

/// A YAML value and where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the node starts (and, for scalars, ends) in the file.
    pub span: Span,
}

/// The YAML values statusforge reads: scalars stay text, typed by the validator.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty value or `null`/`~`.
    Null,
    /// The scalar's text; `quoted` says it was written in quotes (so `"true"` stays text).
    Scalar {
        /// The scalar as text.
        text: String,
        /// True when it was quoted, so never a null or a number.
        quoted: bool,
    },
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Node, Node)>),
}

/// A YAML problem with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where the problem is.
    pub span: Span,
    /// What the YAML parser said.
    pub message: String,
}

impl Node {
    /// Plain scalar text, or None for maps, lists and null.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, if this is a list.
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// True for an empty value, `null` or `~`.
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// A word for error messages: "a list", "a mapping", ...
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Scalar { .. } => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// Parses one YAML document whose text starts at byte `offset` of its file. An empty
/// document is an empty mapping.
pub fn parse(text: &str, offset: usize) -> Result<Node, YamlError> {
    let mut builder =
        Builder { stack: Vec::new(), root: None, error: None, text, base: offset, index: LineIndex::new(text) };
    let mut parser = Parser::new_from_str(text);
    if let Err(error) = parser.load(&mut builder, false) {
        let at = builder.file_offset(*error.marker());
        return Err(YamlError {
            span: builder.error_span(at),
            message: format!("invalid YAML: {}", describe_scan_error(error.info())),
        });
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.root.unwrap_or(Node { value: Value::Map(Vec::new()), span: Span::new(offset, offset) }))
}

fn describe_scan_error(info: &str) -> String {
    match info {
        "mapping values are not allowed in this context" => {
            "a `:` where no key can start (is a value missing quotes, or a line mis-indented?)".into()
        }
        "simple key expect ':'" | "simple key expected" => {
            "expected `key: value` here (is a `:` missing, or a line mis-indented?)".into()
        }
        other => other.to_string(),
    }
}

enum Open {
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(Node, Node)>, Option<Node>),
}

struct Builder<'t> {
    stack: Vec<Open>,
    root: Option<Node>,
    error: Option<YamlError>,
    text: &'t str,
    /// Byte offset of `text` in its file.
    base: usize,
    index: LineIndex,
}

impl Builder<'_> {
    /// yaml-rust2 marks count lines from 1 and columns (in characters) from 0.
    fn file_offset(&self, mark: Marker) -> usize {
        self.base + self.index.offset_of(self.text, mark.line(), mark.col())
    }

    /// One character at `at` for a syntax error. The parser reports errors at the end of the
    /// text as one byte past it: point at the last written character instead, inside the file.
    fn error_span(&self, at: usize) -> Span {
        let local = at.saturating_sub(self.base).min(self.text.len());
        let local = if local < self.text.trim_end().len() {
            local
        } else {
            self.text.trim_end().char_indices().last().map(|(i, _)| i).unwrap_or(0)
        };
        let width = self.text[local..].chars().next().map(char::len_utf8).unwrap_or(0);
        Span::new(self.base + local, self.base + local + width)
    }

    fn fail(&mut self, span: Span, message: &str) {
        if self.error.is_none() {
            self.error = Some(YamlError { span, message: message.to_string() });
        }
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }

    fn open(&mut self, container: Open, span: Span) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail(span, &format!("YAML nested more than {MAX_DEPTH} levels deep"));
            return;
        }
        self.stack.push(container);
    }

    fn scalar(&self, text: String, style: TScalarStyle, start: usize) -> Node {
        let quoted = !matches!(style, TScalarStyle::Plain);
        let source_len = match style {
            TScalarStyle::Plain => text.len(),
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => text.len() + 2,
            _ => 1,
        };
        let local = start.saturating_sub(self.base).min(self.text.len());
        let rest = &self.text[local..];
        let line_end = start + rest.find(['\n', '\r']).unwrap_or(rest.len());
        let span = Span::new(start, (start + source_len).min(line_end).max(start + 1).min(self.base + self.text.len()));
        let null = !quoted && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
        let value = if null { Value::Null } else { Value::Scalar { text, quoted } };
        Node { value, span }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let at = self.file_offset(mark);
        let here = Span::new(at, at + 1);
        match event {
            Event::Scalar(text, style, _, _) => {
                let node = self.scalar(text, style, at);
                self.push_node(node);
            }
            Event::SequenceStart(..) => self.open(Open::Seq(here, Vec::new()), here),
            Event::MappingStart(..) => self.open(Open::Map(here, Vec::new(), None), here),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(span, items)) => Node { value: Value::Seq(items), span },
                    // yaml-rust2 marks a block mapping where its first `:` is; a mapping
                    // starts where its first key does, which is what "missing key" errors show.
                    Some(Open::Map(span, entries, _)) => {
                        let start = entries.first().map(|(k, _)| k.span.start).unwrap_or(span.start).min(span.start);
                        Node { value: Value::Map(entries), span: Span::new(start, start + 1) }
                    }
                    None => return,
                };
                self.push_node(node);
            }
            // Aliases are refused outright: nothing in a site needs them, and expanding them is
            // how "billion laughs" documents exhaust memory.
            Event::Alias(_) => self.fail(here, "YAML aliases (`*name`) are not supported; write the value out"),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar_at<'a>(node: &'a Node, key: &str) -> &'a Node {
        node.as_map().unwrap().iter().find(|(k, _)| k.as_str() == Some(key)).map(|(_, v)| v).unwrap()
    }

    #[test]
    fn spans_point_into_the_whole_file() {
        let file = "---\ntitle: Héllo\ncomponents:\n  smpp: degraded_performance\n---\n";
        let yaml = &file[4..file.len() - 4];
        let root = parse(yaml, 4).unwrap();
        let title = scalar_at(&root, "title");
        assert_eq!(&file[title.span.start..title.span.end], "Héllo");
        let components = scalar_at(&root, "components");
        let (key, value) = &components.as_map().unwrap()[0];
        assert_eq!(&file[key.span.start..key.span.end], "smpp");
        assert_eq!(&file[value.span.start..value.span.end], "degraded_performance");
    }

    #[test]
    fn quoted_scalars_are_marked_and_underlined_with_quotes() {
        let root = parse("a: \"x y\"\n", 0).unwrap();
        let value = scalar_at(&root, "a");
        assert_eq!(value.value, Value::Scalar { text: "x y".into(), quoted: true });
        assert_eq!(value.span, Span::new(3, 8));
    }

    #[test]
    fn syntax_errors_carry_their_position() {
        let text = "title: x\ncomponents:\n  smpp: [unclosed\n";
        let error = parse(text, 100).unwrap_err();
        assert!(error.message.starts_with("invalid YAML"), "{}", error.message);
        assert!(error.span.start >= 100, "{:?}", error.span);
    }

    #[test]
    fn an_error_at_the_end_of_the_text_points_inside_it() {
        let text = "title: x\nbroken";
        let error = parse(text, 10).unwrap_err();
        assert!(error.span.end <= 10 + text.len(), "{:?}", error.span);
        assert!(error.message.contains("expected `key: value`"), "{}", error.message);
    }

    #[test]
    fn a_block_mapping_starts_at_its_first_key() {
        let root = parse("title: x\n", 4).unwrap();
        assert_eq!(root.span.start, 4);
    }

    #[test]
    fn aliases_are_refused() {
        let error = parse("a: &x [1, 2]\nb: *x\n", 0).unwrap_err();
        assert!(error.message.contains("aliases"), "{}", error.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(100), "]".repeat(100));
        let error = parse(&text, 0).unwrap_err();
        assert!(error.message.contains("nested"), "{}", error.message);
    }

    #[test]
    fn an_empty_document_is_an_empty_mapping() {
        assert_eq!(parse("", 0).unwrap().as_map().map(|m| m.len()), Some(0));
    }

    #[test]
    fn null_words_are_null_unless_quoted() {
        let root = parse("a: ~\nb: 'null'\nc:\n", 0).unwrap();
        assert!(scalar_at(&root, "a").is_null());
        assert!(!scalar_at(&root, "b").is_null());
        assert!(scalar_at(&root, "c").is_null());
    }
}
