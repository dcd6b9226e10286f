//! `statusforge notify`: tell subscribers about what a new build publishes, exactly once.
//! Diff what the journal says subscribers know with the new build (`plan`, with the
//! maintenance moments due at its clock from `maintenance`), then send each notification to
//! each target that wants it, oldest first (`message`, `chat`, `parts` make what each kind of
//! target reads, `send` delivers it, `delivery` decides what a failure means and runs the
//! targets side by side), skipping what already went out (`journal`).

pub(crate) mod chat;
mod chat_markup;
pub(crate) mod delivery;
pub(crate) mod journal;
pub(crate) mod maintenance;
pub(crate) mod message;
pub(crate) mod parts;
pub(crate) mod plan;
pub(crate) mod send;
pub(crate) mod source;

pub(crate) use delivery::{deliver, Options, Outcome, BACKOFF, TIMEOUT};

#[cfg(test)]
mod tests {
    use super::*;

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
            match message::body(crate::i18n::lang("en"), "en", &targets[0].kind, &new, None, &notification) {
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
