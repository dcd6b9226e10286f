//! `statusforge notify`: tell subscribers about what a new build publishes, exactly once.
//! Diff what the journal says subscribers know with the new build (`plan`, with the
//! maintenance moments due at its clock from `maintenance`), then send each notification to
//! each target that wants it, oldest first (`message`, `chat`, `parts` make what each kind of
//! target reads, `send` delivers it), skipping what already went out (`journal`).

pub(crate) mod chat;
pub(crate) mod journal;
pub(crate) mod maintenance;
pub(crate) mod message;
pub(crate) mod parts;
pub(crate) mod plan;
pub(crate) mod send;
pub(crate) mod source;

use crate::contract::published::Published;
use crate::i18n::Lang;
use crate::model::NotifyConfig;
use journal::Journal;
use plan::Notification;
use std::io::Write;
use std::time::Duration;

/// Waits between tries of one send: 3 tries in all.
pub(crate) const BACKOFF: &[Duration] = &[Duration::from_millis(200), Duration::from_millis(400)];

pub(crate) struct Options<'a> {
    /// The site's language: chat and email messages are written in it.
    pub lang: &'static Lang,
    pub dry_run: bool,
    pub backoff: &'a [Duration],
}

#[derive(Debug, Default)]
pub(crate) struct Report {
    pub sent: usize,
    /// Already in the journal.
    pub skipped: usize,
    /// Left for the next run because their target failed earlier in this one.
    pub deferred: usize,
    /// (target, notification id, error), errors already free of secrets.
    pub failed: Vec<(String, String, String)>,
}

/// Sends every notification to every target that wants it. A failing target is reported and
/// the others go on. A target that failed gets nothing more in this run: it is down or hangs
/// (each failure costs it three tries), and a later notification must not reach it before an
/// earlier one; the next run sends it all, in order.
pub(crate) fn deliver(
    config: &NotifyConfig,
    new: &Published,
    notifications: &[Notification],
    journal: &mut Journal,
    options: &Options<'_>,
    out: &mut dyn Write,
) -> Result<Report, String> {
    let mut report = Report::default();
    let mut failed_targets: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for notification in notifications {
        for target in config.targets.iter().filter(|t| plan::wanted(t, notification)) {
            if journal.was_sent(&target.name, &notification.id) {
                report.skipped += 1;
                continue;
            }
            if failed_targets.contains(target.name.as_str()) {
                report.deferred += 1;
                continue;
            }
            if options.dry_run {
                let _ = writeln!(out, "would send to {}: {}", target.name, notification.summary());
                continue;
            }
            let unsubscribe = config.unsubscribe_url.as_deref();
            match with_retries(options.backoff, || send::deliver(options.lang, target, new, unsubscribe, notification))
            {
                Ok(()) => {
                    journal.record(&target.name, &notification.id)?;
                    report.sent += 1;
                    let _ = writeln!(out, "sent to {}: {}", target.name, notification.summary());
                }
                Err(error) => {
                    let _ = writeln!(out, "FAILED to send to {}: {}: {error}", target.name, notification.summary());
                    report.failed.push((target.name.clone(), notification.id.clone(), error));
                    failed_targets.insert(&target.name);
                }
            }
        }
    }
    Ok(report)
}

/// Tries once, then once more after each wait in `backoff`; returns the last error.
fn with_retries(backoff: &[Duration], mut attempt: impl FnMut() -> Result<(), String>) -> Result<(), String> {
    let mut result = attempt();
    for wait in backoff {
        if result.is_ok() {
            break;
        }
        std::thread::sleep(*wait);
        result = attempt();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_stop_at_the_first_success_and_give_up_after_the_last_wait() {
        let mut calls = 0;
        let ok_third = with_retries(&[Duration::ZERO, Duration::ZERO], || {
            calls += 1;
            if calls < 3 {
                Err(format!("try {calls}"))
            } else {
                Ok(())
            }
        });
        assert_eq!((ok_third, calls), (Ok(()), 3));
        let mut calls = 0;
        let never = with_retries(&[Duration::ZERO], || {
            calls += 1;
            Err(format!("try {calls}"))
        });
        assert_eq!((never, calls), (Err("try 2".to_string()), 2));
    }

    #[test]
    fn signatures_are_hex_hmac_sha256() {
        // RFC 4231 test case 2.
        let sig = send::signature("Jefe", b"what do ya want for nothing?");
        assert_eq!(sig, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    /// The kinds are declared once (`model::notify::Kind`): each one in the table is a key of
    /// `notify:`, is read and checked from its example, and gets a message. (That each is
    /// sent is the compiler's: `send::deliver` matches every kind without a catch-all.)
    #[test]
    fn every_target_kind_parses_validates_and_gets_a_message() {
        use crate::load::{SourceFile, SourceSet};
        use crate::model::notify::Kind;
        let (new, notification) = message::tests::component_change();
        let mut seen = std::collections::BTreeSet::new();
        for &kind in Kind::ALL {
            assert!(seen.insert(kind.keyword()), "{kind:?}: two kinds share a key");
            let site = |list: &str| {
                let text =
                    format!("title: T\nbase_url: https://status.example.com/\nnotify:\n  {}: {list}\n", kind.keyword());
                let file = SourceFile { path: "content/site.yaml".into(), text: text.into() };
                crate::validate::site(&SourceSet { site: Some(file), ..SourceSet::default() }, None)
            };
            let (parsed, diagnostics) = site(&format!("[{}]", kind.example()));
            assert!(diagnostics.iter().all(|d| !d.is_error()), "{kind:?}: {diagnostics:?}");
            let targets = &parsed.config.notify.targets;
            assert_eq!(targets.iter().map(|t| t.kind.kind()).collect::<Vec<_>>(), [kind]);
            let (_, diagnostics) = site("{}");
            assert!(diagnostics.iter().any(|d| d.kind == "wrong-type"), "{kind:?}: a target list is checked");
            let (_, diagnostics) = site("[{colour: red}]");
            assert!(diagnostics.iter().any(|d| d.kind == "unknown-key"), "{kind:?}: its keys are checked");
            match message::body(crate::i18n::lang("en"), &targets[0].kind, &new, None, &notification) {
                message::Body::Json(body) => {
                    let text = body.to_string();
                    assert!(text.contains("Web") || text.contains("major_outage"), "{kind:?}: {text}");
                }
                message::Body::Mail(mail) => assert!(mail.subject.contains("Web"), "{kind:?}: {}", mail.subject),
            }
        }
    }

    #[test]
    fn redaction_hides_every_secret() {
        let secrets = vec!["s3cret".to_string(), "https://hooks.slack.com/T/abc".to_string()];
        let text = send::redact("POST https://hooks.slack.com/T/abc failed, key s3cret", &secrets);
        assert_eq!(text, "POST *** failed, key ***");
    }
}
