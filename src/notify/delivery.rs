//! The delivery policy: each target on its own thread, its notifications in order; what a
//! failure means (`send::Failure`) decides what happens next. Does not make messages
//! (`message`) or speak HTTP/SMTP (`send`).
//!
//! - A message the receiver refuses for good (a 4xx other than 408/429, an SMTP 5xx) is
//!   dropped: recorded in the journal as given up on, reported, and the target's later
//!   messages still go out. Resending the same bytes would be refused forever and hold back
//!   everything after it.
//! - One that may pass later (408, 429, 5xx, no connection) is tried again after each wait of
//!   `backoff` (or the receiver's `Retry-After` when that is at most `MAX_RETRY_AFTER`), then
//!   left, with the rest of its target's messages, for the next run: a later message must not
//!   reach a target before an earlier one. Once the target has failed in `GIVE_UP_RUNS` runs
//!   over at least `GIVE_UP_AGE` of build clock, what it still waits for is dropped: news a day
//!   late is noise, and a queue that never drains holds the journal's baseline back forever.
//! - A send that timed out after its body went out may have been received: it is not tried
//!   again in the same run (the receiver can drop the next run's resend by its
//!   `X-Statusforge-Delivery`), and a target slower than its time budget in a run leaves the
//!   rest for the next.
//! - A target whose environment variables are not set gets nothing: a configuration error.
//!
//! Targets run concurrently (one std thread each) so one slow receiver delays no other; the
//! journal is shared under a mutex and saved atomically after each record.

use super::journal::{Failing, Journal};
use super::plan::{self, Notification};
use super::send::{self, Failure};
use crate::contract::published::Published;
use crate::i18n::Lang;
use crate::model::notify::NotifyTarget;
use crate::model::{Instant, NotifyConfig};
use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Waits between tries of one send: 3 tries in all.
pub(crate) const BACKOFF: &[Duration] = &[Duration::from_millis(200), Duration::from_millis(400)];
/// The longest a request may take. Chat services answer in well under a second.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(10);
/// A target's time in one run is at most this many request timeouts; the rest waits.
pub(crate) const BUDGET_TIMEOUTS: u32 = 6;
/// The longest `Retry-After` waited for within a run; a longer one waits for the next run.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);
/// A failing target's messages are dropped after it failed in this many runs ...
pub(crate) const GIVE_UP_RUNS: u32 = 5;
/// ... over at least this long, by the builds' clocks (or runs alone for builds without one).
pub(crate) const GIVE_UP_HOURS: i64 = 24;

pub(crate) struct Options<'a> {
    /// The site's language: chat and email messages are written in it.
    pub lang: &'static Lang,
    /// site.yaml's `language` as written (`de-DE`): what mail says it is in.
    pub tag: &'a str,
    pub dry_run: bool,
    pub backoff: &'a [Duration],
    /// The most one request may take (`TIMEOUT`; shorter in tests).
    pub timeout: Duration,
    /// The build's clock, which dates a target's failures.
    pub clock: Option<Instant>,
}

/// What became of a failed notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Sent again by the next run.
    Retry,
    /// Given up on: the journal records it, it is never sent.
    Dropped,
    /// The target is misconfigured (an unset variable): nothing was sent to it.
    Config,
}

#[derive(Debug, Clone)]
pub(crate) struct Failed {
    pub target: String,
    /// What was not sent: one notification's summary, or how many.
    pub what: String,
    /// Free of secrets: an HTTP status and the start of the receiver's answer, or the like.
    pub error: String,
    pub outcome: Outcome,
}

#[derive(Debug, Default)]
pub(crate) struct Report {
    pub sent: usize,
    /// Already in the journal, sent or given up on.
    pub skipped: usize,
    /// Left for the next run because their target failed earlier in this one.
    pub deferred: usize,
    pub failed: Vec<Failed>,
}

impl Report {
    /// Something the next run must still send: the baseline cannot move yet.
    pub(crate) fn pending(&self) -> bool {
        self.deferred > 0 || self.failed.iter().any(|f| f.outcome != Outcome::Dropped)
    }

    fn add(&mut self, other: Report) {
        self.sent += other.sent;
        self.skipped += other.skipped;
        self.deferred += other.deferred;
        self.failed.extend(other.failed);
    }
}

/// What every target's thread shares.
struct Shared<'a, 'w> {
    new: &'a Published,
    unsubscribe: Option<&'a str>,
    options: &'a Options<'a>,
    journal: Mutex<&'a mut Journal>,
    out: Mutex<&'w mut (dyn Write + Send)>,
}

/// Sends every notification to every target that wants it, each target on its own thread.
pub(crate) fn deliver(
    config: &NotifyConfig,
    new: &Published,
    notifications: &[Notification],
    journal: &mut Journal,
    options: &Options<'_>,
    out: &mut (dyn Write + Send),
) -> Result<Report, String> {
    if options.dry_run {
        return Ok(dry_run(config, notifications, journal, out));
    }
    let unsubscribe = config.unsubscribe_url.as_deref();
    let shared = Shared { new, unsubscribe, options, journal: Mutex::new(journal), out: Mutex::new(out) };
    let results: Vec<Result<Report, String>> = std::thread::scope(|scope| {
        let threads: Vec<_> = config
            .targets
            .iter()
            .map(|target| {
                let wanted: Vec<&Notification> = notifications.iter().filter(|n| plan::wanted(target, n)).collect();
                let shared = &shared;
                scope.spawn(move || run_target(target, &wanted, shared))
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap_or_else(|_| Err("a notify thread panicked".into()))).collect()
    });
    let mut report = Report::default();
    for result in results {
        report.add(result?);
    }
    Ok(report)
}

/// What would go out, notification by notification.
fn dry_run(config: &NotifyConfig, notifications: &[Notification], journal: &Journal, out: &mut dyn Write) -> Report {
    let mut report = Report::default();
    for notification in notifications {
        for target in config.targets.iter().filter(|t| plan::wanted(t, notification)) {
            if journal.was_sent(&target.name, &notification.id) || journal.was_dropped(&target.name, &notification.id) {
                report.skipped += 1;
            } else {
                let _ = writeln!(out, "would send to {}: {}", target.name, notification.summary());
            }
        }
    }
    report
}

/// One target's notifications, in order, until one fails in a way that must wait.
fn run_target(target: &NotifyTarget, wanted: &[&Notification], shared: &Shared<'_, '_>) -> Result<Report, String> {
    let mut report = Report::default();
    let todo: Vec<&Notification> = {
        let journal = shared.journal.lock().map_err(|_| "the journal lock is poisoned")?;
        let done =
            |n: &&&Notification| journal.was_sent(&target.name, &n.id) || journal.was_dropped(&target.name, &n.id);
        let todo: Vec<&Notification> = wanted.iter().filter(|n| !done(n)).copied().collect();
        report.skipped = wanted.len() - todo.len();
        todo
    };
    if todo.is_empty() {
        return Ok(report);
    }
    let missing = send::missing_env(target);
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|(key, name)| format!("{name} (its `{key}`)")).collect();
        let error = format!("environment variable {} is not set; nothing was sent to it", names.join(" and "));
        report.failed.push(failed(target, format!("{} notifications", todo.len()), error, Outcome::Config));
        report.deferred += todo.len();
        return Ok(report);
    }
    let options = shared.options;
    let budget = options.timeout * BUDGET_TIMEOUTS;
    let started = std::time::Instant::now();
    for (n, notification) in todo.iter().enumerate() {
        if started.elapsed() >= budget {
            report.deferred += todo.len() - n;
            let what = format!("{} notifications", todo.len() - n);
            let error = format!("it took more than {} s in this run", budget.as_secs());
            report.failed.push(failed(target, what, error, Outcome::Retry));
            break;
        }
        let send = || {
            send::deliver(
                options.lang,
                options.tag,
                target,
                shared.new,
                shared.unsubscribe,
                notification,
                options.timeout,
            )
        };
        let result = with_retries(options.backoff, send);
        let mut journal = shared.journal.lock().map_err(|_| "the journal lock is poisoned")?;
        let summary = notification.summary();
        match result {
            Ok(()) => {
                journal.record(&target.name, &notification.id)?;
                journal.record_answered(&target.name)?;
                report.sent += 1;
                shared.line(&format!("sent to {}: {summary}", target.name));
            }
            Err(Failure::Permanent(error)) => {
                journal.record_dropped(&target.name, &notification.id, &error)?;
                journal.record_answered(&target.name)?;
                shared.line(&format!("DROPPED {}: {summary}: refused with {error}", target.name));
                report.failed.push(failed(target, summary, error, Outcome::Dropped));
            }
            Err(Failure::Config(error)) => {
                shared.line(&format!("FAILED to send to {}: {summary}: {error}", target.name));
                report.failed.push(failed(target, summary, error, Outcome::Config));
                report.deferred += todo.len() - n - 1;
                break;
            }
            Err(Failure::Transient { error, .. }) => {
                let clock = options.clock.map(crate::contract::time::rfc3339);
                let failing = journal.record_failed_run(&target.name, clock.as_deref(), &error)?;
                let rest = &todo[n..];
                if gives_up(&failing, options.clock) {
                    let why = format!("{error} (failing in {} runs since {})", failing.runs, since(&failing));
                    for dropped in rest {
                        journal.record_dropped(&target.name, &dropped.id, &why)?;
                        let summary = dropped.summary();
                        shared.line(&format!("DROPPED {}: {summary}: {why}", target.name));
                        report.failed.push(failed(target, summary, why.clone(), Outcome::Dropped));
                    }
                } else {
                    shared.line(&format!("FAILED to send to {}: {summary}: {error}", target.name));
                    report.failed.push(failed(target, summary, error, Outcome::Retry));
                    report.deferred += rest.len() - 1;
                }
                break;
            }
        }
    }
    Ok(report)
}

impl Shared<'_, '_> {
    /// One line of the report on standard output; lines of several targets never mix.
    fn line(&self, text: &str) {
        if let Ok(mut out) = self.out.lock() {
            let _ = writeln!(out, "{text}");
        }
    }
}

fn failed(target: &NotifyTarget, what: String, error: String, outcome: Outcome) -> Failed {
    Failed { target: target.name.clone(), what, error, outcome }
}

fn since(failing: &Failing) -> &str {
    failing.since.as_deref().unwrap_or("the first of them")
}

/// A target failing in `GIVE_UP_RUNS` runs over `GIVE_UP_HOURS` of build clock is given up
/// on. Both, so neither five quick reruns nor one run a day later drop anything.
fn gives_up(failing: &Failing, clock: Option<Instant>) -> bool {
    if failing.runs < GIVE_UP_RUNS {
        return false;
    }
    let since = failing.since.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
    match (since, clock) {
        (Some(since), Some(now)) => now - since.with_timezone(&chrono::Utc) >= chrono::Duration::hours(GIVE_UP_HOURS),
        // Builds without a clock: the runs alone, at a day's worth of half-hourly runs.
        _ => failing.runs >= GIVE_UP_RUNS.max(48),
    }
}

/// Tries once, then once more after each wait in `backoff` while the failure may pass and
/// the body surely did not arrive; returns the last result.
pub(crate) fn with_retries(
    backoff: &[Duration],
    mut attempt: impl FnMut() -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut result = attempt();
    for wait in backoff {
        let Err(Failure::Transient { retry_after, maybe_delivered: false, .. }) = &result else { break };
        let wait = match retry_after {
            Some(after) if *after > MAX_RETRY_AFTER => break,
            Some(after) => (*after).max(*wait),
            None => *wait,
        };
        std::thread::sleep(wait);
        result = attempt();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transient(n: u32, maybe_delivered: bool, retry_after: Option<u64>) -> Failure {
        let retry_after = retry_after.map(Duration::from_secs);
        Failure::Transient { error: format!("try {n}"), retry_after, maybe_delivered }
    }

    #[test]
    fn retries_stop_at_the_first_success_and_give_up_after_the_last_wait() {
        let mut calls = 0;
        let ok_third = with_retries(&[Duration::ZERO, Duration::ZERO], || {
            calls += 1;
            if calls < 3 {
                Err(transient(calls, false, None))
            } else {
                Ok(())
            }
        });
        assert_eq!((ok_third, calls), (Ok(()), 3));
        let mut calls = 0;
        let never = with_retries(&[Duration::ZERO], || {
            calls += 1;
            Err(transient(calls, false, None))
        });
        assert_eq!((never, calls), (Err(transient(2, false, None)), 2));
    }

    #[test]
    fn a_refusal_a_possible_delivery_or_a_long_retry_after_is_not_retried_in_the_run() {
        for failure in
            [Failure::Permanent("HTTP 404".into()), transient(1, true, None), transient(1, false, Some(3600))]
        {
            let mut calls = 0;
            let result = with_retries(&[Duration::ZERO, Duration::ZERO], || {
                calls += 1;
                Err(failure.clone())
            });
            assert_eq!((result, calls), (Err(failure.clone()), 1), "{failure:?}");
        }
    }

    #[test]
    fn a_target_is_given_up_on_after_five_runs_over_a_day() {
        let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&chrono::Utc);
        let failing = |runs| Failing { runs, since: Some("2026-12-01T10:00:00Z".into()), error: String::new() };
        assert!(!gives_up(&failing(4), Some(at("2026-12-03T10:00:00Z"))), "four runs");
        assert!(!gives_up(&failing(9), Some(at("2026-12-02T09:59:00Z"))), "under a day");
        assert!(gives_up(&failing(5), Some(at("2026-12-02T10:00:00Z"))));
        let unclocked = Failing { runs: 47, since: None, error: String::new() };
        assert!(!gives_up(&unclocked, None) && gives_up(&Failing { runs: 48, ..unclocked }, None));
    }

    #[test]
    fn statuses_are_refusals_for_good_or_for_now() {
        let permanent = |status| matches!(send::status_failure(status, None, ""), Failure::Permanent(_));
        for status in [400, 401, 403, 404, 410, 413, 422] {
            assert!(permanent(status), "{status}");
        }
        for status in [408, 429, 500, 502, 503] {
            assert!(!permanent(status), "{status}");
        }
        let failure = send::status_failure(429, Some("7"), "slow\n  down");
        let expected = Failure::Transient {
            error: "HTTP 429: slow down".into(),
            retry_after: Some(Duration::from_secs(7)),
            maybe_delivered: false,
        };
        assert_eq!(failure, expected);
        let Failure::Permanent(long) = send::status_failure(404, None, &"x".repeat(5000)) else { panic!("404") };
        assert!(long.chars().count() < 220, "{long}");
    }
}
