//! The files `statusforge init` writes: a small site that builds at once, and the CI workflow
//! that checks pull requests, publishes the main branch and rebuilds on a schedule.

use super::{local_minute, yaml_string};
use crate::model::Instant;
use chrono::Duration;
use chrono_tz::Tz;

/// (relative path, text) of every file of a new site.
pub fn files(title: &str, now: Instant, zone: Tz) -> Vec<(&'static str, String)> {
    let incident_day = now - Duration::days(2);
    let window_start = now + Duration::days(7);
    vec![
        ("content/site.yaml", site_yaml(title, zone)),
        ("content/components.yaml", COMPONENTS.to_string()),
        ("content/incidents/example-api-errors.md", incident(incident_day, zone)),
        ("content/maintenance/example-database-upgrade.md", maintenance(now, window_start, zone)),
        (".gitignore", "# statusforge build output, and the previous build notify diffs against\n/public/\n/previous/\n/.statusforge-notify.json\n".to_string()),
        (".github/workflows/status.yml", WORKFLOW.to_string()),
    ]
}

fn site_yaml(title: &str, zone: Tz) -> String {
    format!(
        concat!(
            "# Site settings; every key is described in statusforge's README.\n",
            "title: {}\nbase_url: https://status.example.com/\ndescription: Live status of our services\n",
            "language: en\ntimezone: {}\nuptime_days: 90\nlinks:\n  support: https://example.com/support\n"
        ),
        yaml_string(title),
        zone.name()
    )
}

const COMPONENTS: &str = r#"# Groups and components, in the order the page shows them.
# Ids are lowercase letters, digits and dashes; incidents refer to components by id.
groups:
  - id: core
    name: Core services
components:
  - id: api
    name: API
    group: core
    description: The public HTTP API.
  - id: web
    name: Web app
    group: core
    description: The dashboard customers sign in to.
"#;

fn incident(day: Instant, zone: Tz) -> String {
    let at = |minutes: i64| local_minute(day + Duration::minutes(minutes), zone);
    format!(
        concat!(
            "---\ntitle: Elevated API error rates\nimpact: minor\ncomponents:\n  api: degraded_performance\n---\n\n",
            "## Resolved - {}\nError rates are back to normal. Requests that failed can be retried.\n\n",
            "## Monitoring - {}\nA fix is deployed and error rates are falling.\n\n",
            "## Investigating - {}\nSome API requests fail with HTTP 503. We are investigating.\n"
        ),
        at(55),
        at(30),
        at(0)
    )
}

fn maintenance(now: Instant, start: Instant, zone: Tz) -> String {
    format!(
        concat!(
            "---\ntitle: Database upgrade\ncomponents: [api, web]\nwindow:\n  start: {}\n  end: {}\n---\n\n",
            "## Scheduled - {}\nWe will upgrade our primary database. The API and the web app may be slow for a few minutes.\n"
        ),
        local_minute(start, zone),
        local_minute(start + Duration::hours(1), zone),
        local_minute(now, zone)
    )
}

/// GitHub Actions: check on pull requests (annotations on the changed lines), build and publish
/// to GitHub Pages on main, then `notify` subscribers of what is new, and rebuild every 10 minutes so maintenance windows open and close
/// on time without a commit.
const WORKFLOW: &str = r#"name: status page

on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "*/10 * * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: status-page
  cancel-in-progress: false

jobs:
  check:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/statusforge
          key: statusforge-${{ runner.os }}
      - run: command -v statusforge || cargo install --locked statusforge
      - run: statusforge check --format github

  publish:
    if: github.event_name != 'pull_request'
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deploy.outputs.page_url }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/statusforge
          key: statusforge-${{ runner.os }}
      - run: command -v statusforge || cargo install --locked statusforge
      - run: statusforge check --format github
      # What the live site published before this run, for `notify` to diff against; none on
      # a first publish (notify then sends nothing).
      - name: Fetch the live site's published updates
        run: |
          base=$(sed -n 's/^base_url:[[:space:]]*//p' content/site.yaml | tr -d "\"'")
          mkdir -p previous/api/statusforge
          curl -fsSL "${base%/}/api/statusforge/published.json" -o previous/api/statusforge/published.json || rm -rf previous
      - run: statusforge build --output public
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - id: deploy
        uses: actions/deploy-pages@v4
      # The delivery journal: what already went out, so a rerun never sends twice.
      - uses: actions/cache@v4
        with:
          path: .statusforge-notify.json
          key: statusforge-notify-${{ github.run_id }}
          restore-keys: statusforge-notify-
      - name: Notify subscribers
        run: statusforge notify --previous previous --current public
        env:
          # Name these in site.yaml under `notify:`; set them as repository secrets.
          STATUS_WEBHOOK_SECRET: ${{ secrets.STATUS_WEBHOOK_SECRET }}
          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}
          SMTP_USER: ${{ secrets.SMTP_USER }}
          SMTP_PASSWORD: ${{ secrets.SMTP_PASSWORD }}
"#;
