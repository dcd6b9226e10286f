//! The chat and push targets (Teams, Google Chat, Mattermost, ntfy) end to end, each against a
//! local receiver that answers as the real service does (`notify_support::services`), and
//! `check` on their mistakes; mail with relative links in the update. The five notifications
//! are those of `notify::site`: two smpp updates, smpp's recovery, the web outage and web's
//! status change.

use crate::check::{assert_at, assert_help_contains, assert_message, only_error};
use crate::common::SiteTest;
use crate::notify::{builds, notify, quoted_printable, site};
use crate::notify_support::services::{self, NTFY_TOKEN};
use crate::notify_support::{service_receiver, smtp_sink, Request, Server};

/// Runs notify from the 10:10 build to the 12:00 one with `target` (a `notify:` entry) and
/// `env`; every request must have been accepted. Returns the run's output.
fn run(test: &SiteTest, receiver: &Server<Request>, env: &[(&str, &str)]) -> String {
    let (old, _) = builds(test);
    let run = notify(test, old.to_str().unwrap(), &[], env);
    let refused: Vec<String> = receiver.seen().iter().filter_map(|r| r.refused.clone()).collect();
    assert!(refused.is_empty(), "the service refused: {refused:?}\n{}", run.output);
    assert_eq!(run.code, 0, "{}", run.output);
    assert_eq!(receiver.seen().len(), 5, "{}", run.output);
    run.output
}

#[test]
fn teams_gets_an_adaptive_card_per_notification_with_a_button_to_the_page() {
    let receiver = service_receiver(services::teams);
    let test = site("  teams:\n    - url_env: TEAMS_URL\n");
    let url = format!("{}workflows/SECRETSIG", receiver.url());
    let output = run(&test, &receiver, &[("TEAMS_URL", &url)]);
    assert!(!output.contains("SECRETSIG"), "the secret URL was printed:\n{output}");
    let first = receiver.seen()[0].json();
    assert_eq!(receiver.seen()[0].answered, 202);
    let card = &first["attachments"][0]["content"];
    assert_eq!(card["version"], "1.4");
    let texts: Vec<String> = card["body"].as_array().unwrap().iter().map(|b| services::card_text(b).unwrap()).collect();
    assert_eq!(texts, ["Identified: SMPP binds failing", "A certificate expired."]);
    assert_eq!(card["body"][0]["inlines"][0]["weight"], "Bolder");
    assert_eq!(card["actions"][0]["url"], "https://status.example.com/incidents/2026-11-30-smpp/");
    assert_eq!(card["actions"][0]["title"], "Details");
    let change = receiver.seen()[2].json();
    let texts = &change["attachments"][0]["content"]["body"];
    assert_eq!(services::card_text(&texts[0]).unwrap(), "Operational: SMPP");
    assert_eq!(services::card_text(&texts[1]).unwrap(), "SMPP changed from partial outage to operational.");
}

#[test]
fn google_chat_gets_text_in_its_own_markup() {
    let receiver = service_receiver(services::google_chat);
    let test = site(&format!("  google_chat:\n    - url: {}v1/spaces/AAA/messages\n", receiver.url()));
    run(&test, &receiver, &[]);
    let texts: Vec<String> = receiver.seen().iter().map(|r| r.json()["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(
        texts[0],
        "*Identified*: SMPP binds failing\nA certificate expired.\n\
         <https://status.example.com/incidents/2026-11-30-smpp/|Details>"
    );
    assert!(texts[3].starts_with("*Investigating*: Web app down\nThe web app does not load.\n"), "{}", texts[3]);
}

/// A chat message is read away from the page: an update's relative links arrive absolute, as
/// in the feeds and e-mail (they reached Mattermost and Teams as broken links).
#[test]
fn relative_links_in_an_update_arrive_absolute_in_chat() {
    let receiver = service_receiver(services::mattermost);
    let test = site("  mattermost:\n    - url_env: MATTERMOST_URL\n").file(
        "content/incidents/2026-11-30-smpp.md",
        "---\ntitle: SMPP binds failing\nimpact: major\ncomponents:\n  smpp: partial_outage\n---\n\n\
         ## Resolved - 2026-11-30 11:00\nAll binds are back.\n\n\
         ## Identified - 2026-11-30 10:30\nSee the [runbook](../../history/) and [the API](/components/api/).\n\n\
         ## Investigating - 2026-11-30 10:00\nSome SMPP binds fail.\n",
    );
    let url = format!("{}hooks/xyz", receiver.url());
    run(&test, &receiver, &[("MATTERMOST_URL", &url)]);
    let first = receiver.seen()[0].json();
    let text = first["text"].as_str().unwrap();
    assert!(text.contains("[runbook](https://status.example.com/history/)"), "{text}");
    assert!(text.contains("[the API](https://status.example.com/components/api/)"), "{text}");
}

#[test]
fn mattermost_gets_markdown_and_the_username_site_yaml_gives() {
    let receiver = service_receiver(services::mattermost);
    let test = site("  mattermost:\n    - url_env: MATTERMOST_URL\n      username: Acme Status\n");
    let url = format!("{}hooks/xyz", receiver.url());
    run(&test, &receiver, &[("MATTERMOST_URL", &url)]);
    let first = receiver.seen()[0].json();
    assert_eq!(first["username"], "Acme Status");
    assert_eq!(
        first["text"],
        "**Identified**: SMPP binds failing\nA certificate expired.\n\
         [Details](https://status.example.com/incidents/2026-11-30-smpp/)"
    );
}

#[test]
fn ntfy_gets_a_json_publish_at_the_server_root_with_its_topic_token_and_priority() {
    let receiver = service_receiver(services::ntfy);
    let test = site("  ntfy:\n    - url_env: NTFY_URL\n      token_env: NTFY_TOKEN\n");
    let url = format!("{}acme-status-7f3k", receiver.url());
    let output = run(&test, &receiver, &[("NTFY_URL", &url), ("NTFY_TOKEN", NTFY_TOKEN)]);
    assert!(!output.contains(NTFY_TOKEN) && !output.contains("acme-status-7f3k"), "{output}");
    let bodies: Vec<serde_json::Value> = receiver.seen().iter().map(Request::json).collect();
    assert!(bodies.iter().all(|b| b["topic"] == "acme-status-7f3k"));
    assert_eq!(bodies[0]["title"], "Identified: SMPP binds failing");
    assert_eq!(bodies[0]["message"], "A certificate expired.");
    assert_eq!(bodies[0]["click"], "https://status.example.com/incidents/2026-11-30-smpp/");
    // Something wrong is high priority; what is over is the default.
    let tones: Vec<(u64, &str)> =
        bodies.iter().map(|b| (b["priority"].as_u64().unwrap(), b["tags"][0].as_str().unwrap())).collect();
    assert_eq!(
        tones,
        [(4, "warning"), (3, "white_check_mark"), (3, "white_check_mark"), (4, "warning"), (4, "warning")]
    );
}

#[test]
fn a_priority_in_site_yaml_is_every_ntfy_messages_and_a_missing_token_is_a_configuration_error() {
    let receiver = service_receiver(services::ntfy);
    let test = site(&format!(
        "  ntfy:\n    - url: {}acme\n      token_env: NTFY_TOKEN\n      priority: max\n",
        receiver.url()
    ));
    run(&test, &receiver, &[("NTFY_TOKEN", NTFY_TOKEN)]);
    assert!(receiver.seen().iter().all(|r| r.json()["priority"] == 5));
    // A token the environment does not hold: a configuration error naming the variable.
    std::fs::remove_file(test.root().join(".statusforge-notify.json")).unwrap();
    let failed = notify(&test, test.root().join("old").to_str().unwrap(), &[], &[]);
    assert_eq!(failed.code, 2, "{}", failed.output);
    assert!(
        failed.output.contains("environment variable NTFY_TOKEN (its `token_env`) is not set"),
        "{}",
        failed.output
    );
    assert_eq!(receiver.seen().len(), 5, "nothing more was sent");
}

/// A title written to ping a whole space or channel pings nobody.
#[test]
fn a_title_that_mentions_everyone_pings_nobody_in_google_chat_or_mattermost() {
    let chat = service_receiver(services::google_chat);
    let most = service_receiver(services::mattermost);
    let test = crate::notify::empty_site_notifying("google_chat", format!("{}chat", chat.url())).file(
        "content/incidents/a.md",
        "---\ntitle: \"<users/all> @channel down\"\ncomponents: {api: major_outage}\n---\n\n\
         ## Investigating - 2026-11-30 10:00\n@all <users/all> look.\n",
    );
    let yaml = std::fs::read_to_string(test.root().join("content/site.yaml")).unwrap();
    let yaml = format!("{yaml}  mattermost:\n    - url: {}most\n", most.url());
    std::fs::write(test.root().join("content/site.yaml"), yaml).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T09:00:00Z", "--output", "old"]).code, 0);
    assert_eq!(test.run(&["build", "--now", "2026-11-30T10:05:00Z", "--output", "public"]).code, 0);
    let out = notify(&test, "old", &[], &[]);
    assert_eq!(out.code, 0, "{}", out.output);
    let chat_text = chat.seen()[0].json()["text"].as_str().unwrap().to_string();
    assert!(!chat_text.contains("<users/all>"), "{chat_text}");
    assert!(chat_text.contains("<\u{200b}users/all>"), "{chat_text}");
    let most_text = most.seen()[0].json()["text"].as_str().unwrap().to_string();
    assert!(!most_text.contains("@channel") && !most_text.contains("@all"), "{most_text}");
}

/// Mail is read away from the site: links in the update resolve as on its page (under the
/// base URL's path), images as the site's, in both parts.
#[test]
fn an_email_makes_the_updates_relative_links_absolute() {
    let sink = smtp_sink();
    let test = crate::notify::empty_site_notifying("webhooks", "http://127.0.0.1:9/").file(
        "content/site.yaml",
        &format!(
            "title: Acme\nbase_url: https://acme.example.com/status/\ntimezone: UTC\nnotify:\n  email:\n    \
             - {{host: 127.0.0.1, port: {}, security: none, from: status@example.com, to: list@example.com}}\n",
            sink.port
        ),
    );
    let incident =
        "---\ntitle: API down\ncomponents: {api: major_outage}\n---\n\n## Investigating - 2026-11-30 10:00\n\
                    See [the history](../../history/), [the runbook][rb] and ![graph](images/g.png).\n\n\
                    [rb]: /docs/runbook.html\n";
    std::fs::write(test.root().join("content/incidents/api.md"), incident).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T09:00:00Z", "--output", "old"]).code, 0);
    assert_eq!(test.run(&["build", "--now", "2026-11-30T10:05:00Z", "--output", "public"]).code, 0);
    let out = notify(&test, "old", &[], &[]);
    assert_eq!(out.code, 0, "{}", out.output);
    let data = quoted_printable(&sink.seen()[0].data);
    let (text, html) = data.split_once("Content-Type: text/html").unwrap();
    assert!(html.contains("href=\"https://acme.example.com/status/history/\""), "{html}");
    assert!(html.contains("href=\"https://acme.example.com/docs/runbook.html\""), "{html}");
    assert!(html.contains("src=\"https://acme.example.com/status/images/g.png\""), "{html}");
    assert!(text.contains("[the history](https://acme.example.com/status/history/)"), "{text}");
    assert!(text.contains("[rb]: https://acme.example.com/docs/runbook.html"), "{text}");
    assert!(text.contains("![graph](https://acme.example.com/status/images/g.png)"), "{text}");
}

// `check` on mistakes in the new targets: kind, message, file, line and column.

/// The minimal site with `notify:` holding `entries` (lines from the 5th on).
fn notify_yaml(entries: &str) -> SiteTest {
    SiteTest::fixture("minimal").file(
        "content/site.yaml",
        &format!("title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nnotify:\n{entries}"),
    )
}

const SITE_YAML: &str = "content/site.yaml";

#[test]
fn a_teams_url_that_is_not_http_is_refused_at_its_value() {
    let d = only_error(notify_yaml("  teams:\n    - url: ftp://example.com/hook\n"), "invalid-url");
    assert_message(&d, "`ftp://example.com/hook` is not an absolute http(s) URL");
    assert_at(&d, SITE_YAML, 6, 12);
}

#[test]
fn a_misspelt_target_kind_suggests_the_kind() {
    let d = only_error(notify_yaml("  google-chat:\n    - url_env: CHAT_URL\n"), "unknown-key");
    assert_message(&d, "unknown key `google-chat` in `notify`");
    assert_at(&d, SITE_YAML, 5, 3);
    assert_help_contains(&d, "did you mean `google_chat`?");
    assert_help_contains(&d, "`mattermost`, `ntfy`");
}

#[test]
fn an_unknown_key_in_a_mattermost_target_names_the_nearest() {
    let d = only_error(notify_yaml("  mattermost:\n    - url_env: MM_URL\n      usename: Status\n"), "unknown-key");
    assert_message(&d, "unknown key `usename` in a `notify.mattermost` target");
    assert_at(&d, SITE_YAML, 7, 7);
    assert_help_contains(&d, "did you mean `username`?");
}

#[test]
fn a_target_list_written_as_one_mapping_says_how_to_write_it() {
    let d = only_error(notify_yaml("  ntfy:\n    url_env: NTFY_URL\n"), "wrong-type");
    assert_message(&d, "`notify.ntfy` must be a list of targets");
    assert_at(&d, SITE_YAML, 6, 5);
    assert_help_contains(&d, "ntfy: [{url_env: NTFY_TOPIC_URL, token_env: NTFY_TOKEN}]");
}

#[test]
fn an_ntfy_url_without_a_topic_is_refused() {
    let d = only_error(notify_yaml("  ntfy:\n    - url: https://ntfy.sh/\n"), "invalid-url");
    assert_message(&d, "an ntfy URL ends with its topic: 1 to 64 letters, digits, `-` or `_`");
    assert_at(&d, SITE_YAML, 6, 12);
}

#[test]
fn an_ntfy_url_with_a_query_is_refused_for_it_at_its_value() {
    for url in ["https://ntfy.sh/acme?priority=high", "https://ntfy.sh/?topic=acme"] {
        let d = only_error(notify_yaml(&format!("  ntfy:\n    - url: {url}\n")), "invalid-url");
        assert_message(
            &d,
            "an ntfy URL has no `?query` or `#fragment`: it ends with its topic, and ntfy's options are keys of the \
             target (`priority`, `token_env`)",
        );
        assert_at(&d, SITE_YAML, 6, 12);
    }
}

#[test]
fn a_target_over_plain_http_is_warned_of_at_its_url_unless_it_is_this_machine() {
    let site = notify_yaml(
        "  webhooks:\n    - url: http://hooks.example.com/status\n    - url: http://127.0.0.1:8080/x\n  \
                            slack:\n    - url: http://[::1]/s\n    - url: http://localhost/s\n",
    );
    let (run, all) = crate::check::check_json(site);
    assert_eq!(run.code, 0, "a warning is no error:\n{}", run.all_output());
    let warnings: Vec<&serde_json::Value> = all.iter().filter(|d| d["kind"] == "insecure-url").collect();
    assert_eq!(warnings.len(), 1, "{all:?}");
    assert_eq!(warnings[0]["severity"], "warning");
    assert_message(warnings[0], "`http://hooks.example.com/status` is not encrypted (http, not https)");
    assert_at(warnings[0], SITE_YAML, 6, 12);
}

#[test]
fn a_duration_giving_a_unit_twice_is_refused_with_the_forms_it_takes() {
    let d = only_error(notify_yaml("  remind_before: 1d1d\n"), "invalid-duration");
    assert_message(&d, "`1d1d` gives `d` twice: write each unit once, largest first, as in 1d12h or 1h30m");
    assert_at(&d, SITE_YAML, 5, 18);
}

#[test]
fn an_ntfy_priority_that_is_no_priority_is_refused_with_the_words() {
    let d =
        only_error(notify_yaml("  ntfy:\n    - url: https://ntfy.sh/acme\n      priority: urgent\n"), "invalid-value");
    assert_message(&d, "`urgent` is not an ntfy priority");
    assert_at(&d, SITE_YAML, 7, 17);
    assert_help_contains(&d, "min, low, default, high, max");
}

#[test]
fn a_token_written_in_place_of_its_variable_is_refused() {
    let d = only_error(
        notify_yaml("  ntfy:\n    - url: https://ntfy.sh/acme\n      token_env: tk_abc123\n"),
        "invalid-env-name",
    );
    assert_message(&d, "`token_env` must name an environment variable, not hold a value");
    assert_at(&d, SITE_YAML, 7, 18);
}

#[test]
fn a_chat_target_without_a_url_says_to_keep_it_in_the_environment() {
    let d = only_error(notify_yaml("  google_chat:\n    - name: ops\n"), "missing-field");
    assert_message(&d, "this target has no `url`");
    assert_at(&d, SITE_YAML, 6, 7);
    assert_help_contains(&d, "url_env: GOOGLE_CHAT_WEBHOOK_URL");
}

#[test]
fn remind_before_that_is_not_a_duration_is_refused_at_its_value() {
    let d = only_error(notify_yaml("  remind_before: tomorrow\n"), "invalid-duration");
    assert_message(&d, "`tomorrow` is not a duration such as 30m, 2h, 1h30m or 1d");
    assert_at(&d, SITE_YAML, 5, 18);
}

#[test]
fn a_mattermost_username_that_is_a_list_is_the_wrong_type() {
    let d = only_error(notify_yaml("  mattermost:\n    - url_env: MM_URL\n      username: [a, b]\n"), "wrong-type");
    assert_message(&d, "`username` must be a single value, found a list");
    assert_at(&d, SITE_YAML, 7, 17);
}

/// The receivers are the services' stand-ins only if they refuse what the services refuse:
/// another service's message, a publish without its token, a message at a topic's own URL.
#[test]
fn each_service_receiver_refuses_what_its_service_would() {
    let post = |server: &Server<Request>, path: &str, body: &str, token: Option<&str>| {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let mut request = agent.post(&format!("{}{path}", server.url())).header("Content-Type", "application/json");
        if let Some(token) = token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        request.send(body.as_bytes()).unwrap().status().as_u16()
    };
    let teams = service_receiver(services::teams);
    assert_eq!(post(&teams, "w", r#"{"text":"Slack-shaped"}"#, None), 400);
    let card = r#"{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
        "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.6",
        "body":[{"type":"TextBlock","text":"x"}]}}]}"#;
    assert_eq!(post(&teams, "w", card, None), 400, "a card version Teams does not render");
    assert_eq!(post(&teams, "w", &card.replace("1.6", "1.4"), None), 202);
    let chat = service_receiver(services::google_chat);
    assert_eq!(post(&chat, "c", r#"{"content":"Discord-shaped"}"#, None), 400);
    assert_eq!(post(&chat, "c", r#"{"text":"hi","username":"x"}"#, None), 400, "an unknown field");
    let most = service_receiver(services::mattermost);
    assert_eq!(post(&most, "m", r#"{"username":"no text"}"#, None), 400);
    let ntfy = service_receiver(services::ntfy);
    let publish = r#"{"topic":"acme","message":"m","priority":4}"#;
    assert_eq!(post(&ntfy, "", publish, None), 403);
    assert_eq!(post(&ntfy, "", publish, Some("tk_wrong")), 401);
    assert_eq!(post(&ntfy, "acme", publish, Some(NTFY_TOKEN)), 404, "JSON goes to the root");
    assert_eq!(post(&ntfy, "", &publish.replace('4', "9"), Some(NTFY_TOKEN)), 400);
    assert_eq!(post(&ntfy, "", publish, Some(NTFY_TOKEN)), 200);
}

/// A site telling Slack (at `/slack`) and each of `kinds` (at `/<kind>`; ntfy publishes at `/`)
/// of `incident`, notified once from before it to after it; the receiver that heard them all.
fn told_by_each(kinds: &[&str], incident: &str) -> Server<Request> {
    let receiver = crate::notify_support::http_receiver(0, None);
    let url = receiver.url();
    let test =
        crate::notify::empty_site_notifying("slack", format!("{url}slack")).file("content/incidents/a.md", incident);
    let yaml = std::fs::read_to_string(test.root().join("content/site.yaml")).unwrap();
    let targets: String = kinds.iter().map(|k| format!("  {k}:\n    - url: {url}{k}\n")).collect();
    std::fs::write(test.root().join("content/site.yaml"), format!("{yaml}{targets}")).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T09:00:00Z", "--output", "old"]).code, 0);
    assert_eq!(test.run(&["build", "--now", "2026-11-30T10:05:00Z", "--output", "public"]).code, 0);
    let out = notify(&test, "old", &[], &[]);
    assert_eq!(out.code, 0, "{}", out.output);
    receiver
}

/// The first body `receiver` was sent at `path`.
fn first_to(receiver: &Server<Request>, path: &str) -> serde_json::Value {
    receiver.seen().into_iter().find(|r| r.path == path).unwrap_or_else(|| panic!("nothing at {path}")).json()
}

/// A title is plain text in every service's markup: no link, no image, no emphasis, no mention.
#[test]
fn markup_in_a_title_reaches_no_chat_service_as_markup() {
    let receiver = told_by_each(
        &["discord", "teams", "google_chat", "mattermost"],
        "---\ntitle: \"[click](https://evil.example) ![x](https://evil.example/a.png) *bold* _it_ ~st~ <@here> \
         @channel\"\ncomponents: {api: major_outage}\n---\n\n## Investigating - 2026-11-30 10:00\nLooking.\n",
    );
    let first = |path: &str| first_to(&receiver, path);
    let text = |path: &str, key: &str| first(path)[key].as_str().unwrap().to_string();

    let slack = text("/slack", "text");
    assert!(slack.contains("&lt;@here&gt;") && !slack.contains("<@here>"), "{slack}");
    for (path, key) in [("/discord", "content"), ("/mattermost", "text")] {
        let shown = text(path, key);
        assert!(shown.contains(r"\[click\]\(https://evil\.example\)"), "{path}: {shown}");
        assert!(shown.contains(r"\!\[x\]\(https://evil\.example/a\.png\)"), "{path}: {shown}");
        assert!(shown.contains(r"\*bold\* \_it\_ \~st\~"), "{path}: {shown}");
        assert!(!shown.contains("](https://evil") && !shown.contains("*bold*"), "{path}: {shown}");
    }
    assert!(!text("/mattermost", "text").contains("@channel"));
    let chat = text("/google_chat", "text");
    for marked in ["*bold*", "_it_", "~st~", "<@here>"] {
        assert!(!chat.contains(marked), "{marked}: {chat}");
    }
    assert!(chat.contains("\u{200b}*\u{200b}bold\u{200b}*\u{200b}"), "{chat}");
    let card = &first("/teams")["attachments"][0]["content"];
    let heading = &card["body"][0];
    assert_eq!(heading["type"], "RichTextBlock", "a TextRun reads no Markdown: {heading}");
    assert!(services::card_text(heading).unwrap().contains("[click](https://evil.example)"), "shown as written");
    let markdown = card["body"].as_array().unwrap().iter().filter(|b| b["type"] == "TextBlock");
    assert!(markdown.into_iter().all(|b| !b["text"].as_str().unwrap().contains("evil")), "{card}");
}

#[test]
fn a_webhook_url_may_carry_a_query_but_not_a_fragment() {
    let ok = crate::check::check_json(notify_yaml("  webhooks:\n    - url: https://hooks.example.com/in?token=abc\n"));
    assert_eq!(ok.0.code, 0, "{}", ok.0.all_output());
    let d = only_error(notify_yaml("  webhooks:\n    - url: https://hooks.example.com/in#top\n"), "invalid-url");
    assert_message(&d, "`https://hooks.example.com/in#top` has a #fragment, which is never sent to the server");
    assert_at(&d, SITE_YAML, 6, 12);
}

/// An update's Markdown reaches Slack and Google Chat in their own markup (they showed
/// `**HTTP 500**` and `[runbook](...)` as written), Discord and Mattermost as Markdown, and
/// ntfy marked as Markdown.
#[test]
fn an_updates_markdown_takes_each_services_markup() {
    let receiver = told_by_each(
        &["google_chat", "mattermost", "ntfy"],
        "---\ntitle: API errors\ncomponents: {api: major_outage}\n---\n\n## Investigating - 2026-11-30 10:00\n\
         Requests fail with **HTTP 500**; see the [runbook](https://example.com/runbook).\n",
    );
    let first = |path: &str| first_to(&receiver, path);
    let converted = "Requests fail with *HTTP 500*; see the <https://example.com/runbook|runbook>.";
    assert!(first("/slack")["text"].as_str().unwrap().contains(converted), "{}", first("/slack"));
    assert!(first("/google_chat")["text"].as_str().unwrap().contains(converted), "{}", first("/google_chat"));
    let markdown = "Requests fail with **HTTP 500**; see the [runbook](https://example.com/runbook).";
    assert!(first("/mattermost")["text"].as_str().unwrap().contains(markdown), "{}", first("/mattermost"));
    let ntfy = first("/");
    assert_eq!(ntfy["markdown"], true, "{ntfy}");
}
