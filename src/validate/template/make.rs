//! The file a template makes: placeholders filled (escaped for the YAML quoting they sit in),
//! a maintenance's window and the first update's heading put in, and the way back from a
//! place in that file to the same place in the template.

use super::read::{Template, TemplateKind};
use crate::diag::{Diagnostic, Span};
use crate::model::{Instant, MaintenanceStatus, Window};
use chrono_tz::Tz;

/// A file made from a template, and where its inserted parts went, to move a problem's place
/// back onto the template.
pub(super) struct Made {
    pub(super) text: String,
    /// (where in `text`, length, where in the template) of the window and the heading.
    inserted: [(usize, usize, usize); 2],
    /// Blank lines dropped between the heading and the text.
    dropped: usize,
}

impl Made {
    pub(super) fn moved_back(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        let at = |offset: usize| {
            let mut back = 0;
            for &(start, len, origin) in &self.inserted {
                if offset >= start + len {
                    back += len;
                } else if offset >= start {
                    return origin;
                }
            }
            // Past the heading: the text starts after the blank lines the heading replaced.
            let after_heading = self.inserted[1].0 + self.inserted[1].1;
            let offset = if offset >= after_heading { offset + self.dropped } else { offset };
            offset - back
        };
        let span = |s: Span| Span::new(at(s.start), at(s.end.max(s.start)));
        diagnostic.span = diagnostic.span.map(span);
        for note in &mut diagnostic.notes {
            note.span = note.span.map(span);
        }
        diagnostic
    }
}

/// The file a template makes: its front matter with placeholders filled by `value` (given
/// each placeholder's span), a window for a maintenance, the closing `---`, the first update's
/// heading at `at`, then its text.
pub(super) fn make(template: &Template, value: &dyn Fn(Span) -> String, at: Instant, window: Window, zone: Tz) -> Made {
    let filled = |from: usize, to: usize| {
        let mut out = String::new();
        let mut at = from;
        for &(_, span) in template.placeholders.iter().filter(|(_, s)| s.start >= from && s.end <= to) {
            out.push_str(&template.text[at..span.start]);
            out.push_str(&value(span));
            at = span.end;
        }
        out.push_str(&template.text[at..to]);
        out
    };
    let local = |t: Instant| crate::validate::times::local_minute(t, zone);
    let window_text = match template.kind {
        TemplateKind::Maintenance => {
            format!("window:\n  start: {}\n  end: {}\n", local(window.start), local(window.end))
        }
        TemplateKind::Incident => String::new(),
    };
    let word = match template.kind {
        TemplateKind::Incident => template.status.heading(),
        TemplateKind::Maintenance => MaintenanceStatus::Scheduled.heading(),
    };
    let heading = format!("\n## {word} - {}\n", local(at));
    let body = filled(template.body_start, template.text.len());
    let text_part = body.trim_start_matches(['\n', '\r']);
    let dropped = body.len() - text_part.len();
    let mut text = filled(0, template.front_end);
    let window_at = text.len();
    text.push_str(&window_text);
    text.push_str(&template.text[template.front_end..template.body_start]);
    let heading_at = text.len();
    text.push_str(&heading);
    text.push_str(text_part);
    Made {
        text,
        inserted: [
            (window_at, window_text.len(), template.front_end),
            (heading_at, heading.len(), template.body_start),
        ],
        dropped,
    }
}
