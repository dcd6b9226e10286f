//! Diagnostics as data: what went wrong in a user's file, where, and what would fix it.
//! Text is made only in `render`; nothing here prints.

mod line_index;
mod render;

pub use line_index::LineIndex;
pub use render::{format, render_github, render_json, render_text, summary_line, Format};
mod diagnostic;
pub use diagnostic::{closest, sort, suggestion, Diagnostic, Note, Severity, Span};
