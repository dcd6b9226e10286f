//! A problem in a user's file: where it is, how bad, and what would fix it.

use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a build, warnings only fail `check --deny-warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file is wrong: the build stops (exit 1).
    Error,
    /// Worth a look; the build goes on.
    Warning,
}

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
}

impl Span {
    /// A span of bytes `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }
}

/// One problem found in the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case name, e.g. `unknown-component`; tests and tools match on it.
    pub kind: &'static str,
    /// Path relative to the site folder, e.g. `content/incidents/x.md`.
    pub file: PathBuf,
    /// Where in the file; `None` for a problem with the file as a whole.
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Short text drawn under the underlined source.
    pub label: String,
    /// What would fix it.
    pub help: Option<String>,
    /// Other places that matter, e.g. the first file that used a slug.
    pub notes: Vec<Note>,
}

/// A secondary location or remark attached to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The file the note points at, when another than the diagnostic's.
    pub file: Option<PathBuf>,
    /// Where in the file; `None` for a problem with the file as a whole.
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// An error of `kind` (a stable, kebab-case name) in `file`.
    pub fn error(kind: &'static str, file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            kind,
            file: file.to_path_buf(),
            span: None,
            message: message.into(),
            label: String::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    /// A warning of `kind` in `file`.
    pub fn warning(kind: &'static str, file: &Path, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(kind, file, message) }
    }

    /// Points it at `span`.
    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    /// The text drawn under the span.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    /// Adds what would fix it.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a note pointing elsewhere (the other file of a duplicate, say).
    pub fn note(mut self, file: &Path, span: Option<Span>, message: impl Into<String>) -> Diagnostic {
        self.notes.push(Note { file: Some(file.to_path_buf()), span, message: message.into() });
        self
    }

    /// `label` for a diagnostic already pushed (see `validate::fields::FileCheck::error`).
    pub fn with_label(&mut self, label: impl Into<String>) -> &mut Diagnostic {
        self.label = label.into();
        self
    }

    /// True for an error, false for a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics by file and position so output reads top to bottom, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.span.map(|s| s.start), a.severity, &a.message).cmp(&(
            &b.file,
            b.span.map(|s| s.start),
            b.severity,
            &b.message,
        ))
    });
    diagnostics.dedup();
}

/// The closest candidate to `wrong` if it is near enough to be a likely typo, else the
/// shortest one that `wrong` abbreviates (`degraded` -> `degraded_performance`).
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = wrong.to_ascii_lowercase();
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let typo = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&wrong, &c.to_ascii_lowercase()), *c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 3).max(2))
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c);
    typo.or_else(|| {
        candidates
            .iter()
            .filter(|c| wrong.chars().count() >= 4 && abbreviates(&wrong, &c.to_ascii_lowercase()))
            .min_by_key(|c| (c.len(), **c))
            .copied()
    })
}

/// `wrong` is one of the words of `candidate`, at its start (`partial` in `partial_outage`).
fn abbreviates(wrong: &str, candidate: &str) -> bool {
    candidate.strip_prefix(wrong).is_some_and(|rest| rest.starts_with(['_', '-', ' ', '/']))
}

/// "did you mean `x`?" followed by the valid values, for a help line.
pub fn suggestion(wrong: &str, candidates: &[&str], what: &str) -> String {
    let list = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    match closest(wrong, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? {what}: {list}"),
        None => format!("{what}: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_a_one_letter_typo() {
        assert_eq!(closest("smpp-dlrs", ["smpp", "smpp-dlr", "web"]), Some("smpp-dlr"));
    }

    #[test]
    fn closest_expands_a_first_word_to_the_keyword() {
        let statuses = ["operational", "degraded_performance", "partial_outage", "major_outage"];
        assert_eq!(closest("degraded", statuses), Some("degraded_performance"));
        assert_eq!(closest("partial", statuses), Some("partial_outage"));
        assert_eq!(closest("outage", statuses), None);
    }

    #[test]
    fn closest_refuses_a_far_guess() {
        assert_eq!(closest("banana", ["smpp", "web"]), None);
    }

    #[test]
    fn suggestion_lists_every_candidate() {
        let text = suggestion("degraded", &["degraded_performance", "major_outage"], "expected one of");
        assert!(text.contains("`major_outage`"), "{text}");
    }
}
