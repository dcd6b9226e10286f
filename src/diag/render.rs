//! Turns diagnostics into text for a terminal, GitHub Actions annotations, or JSON for tools.

use super::diagnostic::{Diagnostic, Severity, Span};
use super::line_index::LineIndex;
use std::fmt::Write;
use std::path::Path;

/// Where a diagnostic points, in the numbers people and editors use.
struct Position {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn position(text: &str, span: Span) -> Position {
    let index = LineIndex::new(text);
    let (line, column) = index.line_col(text, span.start);
    let (end_line, end_column) = index.line_col(text, span.end);
    Position { line, column, end_line, end_column }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Compiler-style text: header, location, the source line with the bad part underlined, help.
pub fn render_text<'a>(diagnostic: &Diagnostic, source: impl Fn(&Path) -> Option<&'a str>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}[{}]: {}", severity_word(diagnostic.severity), diagnostic.kind, diagnostic.message);
    let text = source(&diagnostic.file);
    match (diagnostic.span, text) {
        (Some(span), Some(text)) => draw_snippet(&mut out, &diagnostic.file, text, span, &diagnostic.label),
        _ => {
            let _ = writeln!(out, "  --> {}", display(&diagnostic.file));
            if !diagnostic.label.is_empty() {
                let _ = writeln!(out, "   = {}", diagnostic.label);
            }
        }
    }
    for note in &diagnostic.notes {
        let _ = writeln!(out, "   = note: {}", note_text(note, &source));
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    out
}

/// "file:line:col: message", so a note names its place in every format.
fn note_text<'a>(note: &super::diagnostic::Note, source: &impl Fn(&Path) -> Option<&'a str>) -> String {
    let place = match (&note.file, note.span) {
        (Some(file), Some(span)) => match source(file) {
            Some(text) => {
                let p = position(text, span);
                format!("{}:{}:{}: ", display(file), p.line, p.column)
            }
            None => format!("{}: ", display(file)),
        },
        (Some(file), None) => format!("{}: ", display(file)),
        _ => String::new(),
    };
    format!("{place}{}", note.message)
}

fn draw_snippet(out: &mut String, file: &Path, text: &str, span: Span, label: &str) {
    let index = LineIndex::new(text);
    let p = position(text, span);
    let line_text = index.line_text(text, p.line);
    let gutter = p.line.to_string().len();
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {}:{}:{}", display(file), p.line, p.column);
    let _ = writeln!(out, "{pad} |");
    let line_chars = line_text.chars().count();
    let underline_end = if p.end_line == p.line { p.end_column } else { line_chars + 1 };
    // A long line is shown around the span only: one line of 1 MB must not print 1 MB per
    // mistake in it.
    let skip = p.column.saturating_sub(1 + SNIPPET_CONTEXT);
    let shown: String =
        line_text.chars().skip(skip).take(2 * SNIPPET_CONTEXT + underline_end.saturating_sub(p.column)).collect();
    let (before, after) =
        (if skip > 0 { "…" } else { "" }, if skip + shown.chars().count() < line_chars { "…" } else { "" });
    let _ = writeln!(out, "{} | {before}{}{after}", p.line, shown.replace('\t', " "));
    let width = underline_end.saturating_sub(p.column).clamp(1, 2 * SNIPPET_CONTEXT);
    let indent = p.column - 1 - skip + before.chars().count();
    let underline = format!("{}{} {label}", " ".repeat(indent), "^".repeat(width));
    let _ = writeln!(out, "{pad} | {}", underline.trim_end());
}

/// Characters of a source line shown on each side of a span.
const SNIPPET_CONTEXT: usize = 80;

fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// GitHub Actions workflow commands, so a pull request shows each mistake on its line.
pub fn render_github<'a>(diagnostic: &Diagnostic, source: impl Fn(&Path) -> Option<&'a str>) -> String {
    let mut properties = format!("file={}", escape_property(&display(&diagnostic.file)));
    if let (Some(span), Some(text)) = (diagnostic.span, source(&diagnostic.file)) {
        let p = position(text, span);
        let _ = write!(properties, ",line={},col={}", p.line, p.column);
        if p.end_line == p.line && p.end_column > p.column {
            let _ = write!(properties, ",endColumn={}", p.end_column);
        }
    }
    let _ = write!(properties, ",title={}", escape_property(diagnostic.kind));
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!("::{} {properties}::{}\n", severity_word(diagnostic.severity), escape_data(&message))
}

// The escapes GitHub's runner applies to workflow command data and properties.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One JSON object per diagnostic, in an array, for editors and bots.
pub fn render_json<'a>(diagnostics: &[Diagnostic], source: impl Fn(&Path) -> Option<&'a str>) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let p = match (d.span, source(&d.file)) {
                (Some(span), Some(text)) => Some(position(text, span)),
                _ => None,
            };
            serde_json::json!({
                "severity": severity_word(d.severity),
                "kind": d.kind,
                "file": display(&d.file),
                "line": p.as_ref().map(|p| p.line),
                "column": p.as_ref().map(|p| p.column),
                "end_line": p.as_ref().map(|p| p.end_line),
                "end_column": p.as_ref().map(|p| p.end_column),
                "message": d.message,
                "label": d.label,
                "help": d.help,
                "notes": d.notes.iter().map(|n| note_text(n, &source)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// "error: 3 problems in 2 files; nothing was written" and its variants.
pub fn summary_line(diagnostics: &[Diagnostic], consequence: &str) -> Option<String> {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut files: Vec<&Path> = diagnostics.iter().map(|d| d.file.as_path()).collect();
    files.sort();
    files.dedup();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (0, w) => Some(format!("warning: {} in {}", plural(w, "warning"), plural(files.len(), "file"))),
        (e, w) => {
            let also = if w > 0 { format!(" and {}", plural(w, "warning")) } else { String::new() };
            Some(format!("error: {}{also} in {}{consequence}", plural(e, "problem"), plural(files.len(), "file")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn sample() -> (Diagnostic, String) {
        let text = "---\ncomponents:\n  smpp-dlrs: degraded_performance\n---\n".to_string();
        let start = text.find("smpp-dlrs").unwrap();
        let d = Diagnostic::error(
            "unknown-component",
            Path::new("content/incidents/a.md"),
            "no component with id `smpp-dlrs`",
        )
        .at(Span::new(start, start + 9))
        .label("not declared in content/components.yaml")
        .help("did you mean `smpp-dlr`?");
        (d, text)
    }

    #[test]
    fn text_underlines_the_bad_part_on_its_line() {
        let (d, text) = sample();
        let out = render_text(&d, |_| Some(text.as_str()));
        assert!(out.contains("--> content/incidents/a.md:3:3"), "{out}");
        assert!(out.contains("3 |   smpp-dlrs: degraded_performance"), "{out}");
        assert!(out.contains("  |   ^^^^^^^^^ not declared"), "{out}");
        assert!(out.contains("= help: did you mean `smpp-dlr`?"), "{out}");
    }

    #[test]
    fn github_annotation_carries_file_line_and_column() {
        let (d, text) = sample();
        let out = render_github(&d, |_| Some(text.as_str()));
        assert!(
            out.starts_with("::error file=content/incidents/a.md,line=3,col=3,endColumn=12,title=unknown-component::"),
            "{out}"
        );
        assert!(out.contains("%0Ahelp: "), "{out}");
    }

    #[test]
    fn json_lists_positions() {
        let (d, text) = sample();
        let out = render_json(&[d], |_| Some(text.as_str()));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value[0]["line"], 3);
        assert_eq!(value[0]["column"], 3);
        assert_eq!(value[0]["file"], "content/incidents/a.md");
    }

    #[test]
    fn summary_counts_problems_and_files() {
        let (d, _) = sample();
        let mut other = d.clone();
        other.file = PathBuf::from("content/other.md");
        let line = summary_line(&[d.clone(), d, other], "; nothing was written").unwrap();
        assert_eq!(line, "error: 3 problems in 2 files; nothing was written");
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Compiler-style text with the source line underlined
    #[default]
    Text,
    /// GitHub Actions annotations (`::error file=...,line=...::`)
    Github,
    /// A JSON array, for editors and bots
    Json,
}

/// Diagnostics in the chosen format, drawn against the files `source` finds; text ends with
/// a summary line that names the `consequence` ("; nothing was written").
pub fn format<'a>(
    diagnostics: &[Diagnostic],
    source: impl Fn(&std::path::Path) -> Option<&'a str>,
    format: Format,
    consequence: &str,
) -> String {
    match format {
        Format::Json => render_json(diagnostics, source),
        Format::Github => diagnostics.iter().map(|d| render_github(d, &source)).collect(),
        Format::Text => {
            let mut out: String = diagnostics.iter().map(|d| render_text(d, &source) + "\n").collect();
            if let Some(line) = summary_line(diagnostics, consequence) {
                out.push_str(&line);
                out.push('\n');
            }
            out
        }
    }
}
