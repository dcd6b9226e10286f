//! The files `statusforge init` writes: a small site that builds at once, and the CI workflow
//! for its host that checks pull requests, publishes the main branch, tells subscribers and
//! rebuilds when the clock changes the page.

use super::{local_minute, yaml_string};
use crate::model::Instant;
use chrono::Duration;
use chrono_tz::Tz;

/// (relative path, text) of every file of a new site published to `host`.
pub(crate) fn files(title: &str, now: Instant, zone: Tz, host: Host) -> Vec<(&'static str, String)> {
    let incident_day = now - Duration::days(2);
    let window_start = now + Duration::days(7);
    let mut files = vec![
        ("content/site.yaml", site_yaml(title, zone)),
        ("content/components.yaml", COMPONENTS.to_string()),
        ("content/incidents/example-api-errors.md", incident(incident_day, zone)),
        ("content/maintenance/example-database-upgrade.md", maintenance(now, window_start, zone)),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/status.yml", workflow(host)),
    ];
    files.extend(host_config(host, title));
    files
}

const GITIGNORE: &str = "# statusforge's build output, and the state the workflow keeps in its cache
/public/
/.public.statusforge-lock
/.statusforge-notify.json
/.statusforge-next-change
/.statusforge-published-sha
";

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

/// Where the site is published; each gets its workflow, and its config file if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Host {
    /// GitHub Pages, deployed by the workflow (enable Pages with "GitHub Actions" as source)
    #[default]
    GithubPages,
    /// Cloudflare Pages, deployed with wrangler (secrets CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID)
    CloudflarePages,
    /// Netlify, deployed with netlify-cli (secrets NETLIFY_AUTH_TOKEN, NETLIFY_SITE_ID)
    Netlify,
    /// An S3 bucket (or R2, MinIO) behind a CDN, deployed with `statusforge deploy`
    S3,
}

impl Host {
    pub fn keyword(self) -> &'static str {
        match self {
            Host::GithubPages => "github-pages",
            Host::CloudflarePages => "cloudflare-pages",
            Host::Netlify => "netlify",
            Host::S3 => "s3",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Host::GithubPages => "GitHub Pages",
            Host::CloudflarePages => "Cloudflare Pages",
            Host::Netlify => "Netlify",
            Host::S3 => "S3",
        }
    }
}

const WORKFLOW: &str = include_str!("workflows/status.yml");

/// The workflow for `host`, installing this very version of statusforge.
pub(crate) fn workflow(host: Host) -> String {
    let (permissions, deploy) = match host {
        Host::GithubPages => (GITHUB_PAGES_PERMISSIONS, GITHUB_PAGES_DEPLOY),
        Host::CloudflarePages => (READ_ONLY, CLOUDFLARE_DEPLOY),
        Host::Netlify => (READ_ONLY, NETLIFY_DEPLOY),
        Host::S3 => (READ_ONLY, S3_DEPLOY),
    };
    WORKFLOW
        .replace("@PERMISSIONS@", permissions)
        .replace("@DEPLOY@", deploy)
        .replace("@HOST@", host.keyword())
        .replace("@HOST_NAME@", host.name())
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
}

/// The host's own config file, where it reads one.
fn host_config(host: Host, title: &str) -> Option<(&'static str, String)> {
    match host {
        Host::Netlify => Some(("netlify.toml", NETLIFY_TOML.to_string())),
        Host::CloudflarePages => Some((
            "wrangler.toml",
            format!(
                "# Cloudflare Pages project of the status page; the workflow deploys `public/` to it.\n\
                 name = \"{}\"\npages_build_output_dir = \"public\"\n",
                crate::validate::fields::slugify(title)
            ),
        )),
        Host::GithubPages | Host::S3 => None,
    }
}

const READ_ONLY: &str = "    permissions:\n      contents: read\n";

const GITHUB_PAGES_PERMISSIONS: &str = "    permissions:
      contents: read
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deploy.outputs.page_url }}
";

const GITHUB_PAGES_DEPLOY: &str =
    "      # Needs Pages enabled once, by hand: Settings > Pages > Source: GitHub Actions.
      - if: steps.due.outputs.publish == 'true'
        uses: actions/upload-pages-artifact@v4
        with:
          path: public
      - if: steps.due.outputs.publish == 'true'
        id: deploy
        uses: actions/deploy-pages@v5
";

const CLOUDFLARE_DEPLOY: &str = "      # Needs the secrets CLOUDFLARE_API_TOKEN (permission Cloudflare Pages: Edit) and
      # CLOUDFLARE_ACCOUNT_ID, and the Pages project named in wrangler.toml.
      - if: steps.due.outputs.publish == 'true'
        name: Deploy to Cloudflare Pages
        run: npx --yes wrangler@4 pages deploy public --branch main
        env:
          CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}
          CLOUDFLARE_ACCOUNT_ID: ${{ secrets.CLOUDFLARE_ACCOUNT_ID }}
";

const NETLIFY_DEPLOY: &str =
    "      # Needs the secrets NETLIFY_AUTH_TOKEN (a personal access token) and NETLIFY_SITE_ID.
      - if: steps.due.outputs.publish == 'true'
        name: Deploy to Netlify
        run: npx --yes netlify-cli@17 deploy --prod --dir public
        env:
          NETLIFY_AUTH_TOKEN: ${{ secrets.NETLIFY_AUTH_TOKEN }}
          NETLIFY_SITE_ID: ${{ secrets.NETLIFY_SITE_ID }}
";

const NETLIFY_TOML: &str = "# The status page is built and deployed by its GitHub workflow (statusforge runs in CI), so
# Netlify does not build this repository itself; it serves what the workflow uploads, with the
# cache rules of `public/_headers`.
[build]
  publish = \"public\"
  ignore = \"exit 0\"
";

const S3_DEPLOY: &str = "      # Needs the secrets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and the repository
      # variables STATUS_BUCKET (s3://bucket or s3://bucket/prefix) and AWS_REGION; for R2 or
      # MinIO also AWS_ENDPOINT_URL.
      - if: steps.due.outputs.publish == 'true'
        name: Deploy to S3
        run: statusforge deploy --to \"$STATUS_BUCKET\" --output public
        env:
          STATUS_BUCKET: ${{ vars.STATUS_BUCKET }}
          AWS_REGION: ${{ vars.AWS_REGION }}
          AWS_ENDPOINT_URL: ${{ vars.AWS_ENDPOINT_URL }}
          AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}
          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
";

#[cfg(test)]
mod tests {
    use super::*;

    /// A site that copies a target's example from the README needs only to set the secret:
    /// every variable the examples name reaches `notify` in the workflow.
    #[test]
    fn the_workflow_passes_notify_every_variable_a_target_example_names() {
        let text = workflow(Host::GithubPages);
        for &kind in crate::model::notify::Kind::ALL {
            let pairs = kind.example().split([',', '{', '}']).filter_map(|pair| pair.split_once(':'));
            for (_, name) in pairs.filter(|(key, _)| key.trim().ends_with("_env")) {
                let name = name.trim();
                assert!(text.contains(&format!("{name}: ${{{{ secrets.{name} }}}}")), "{kind:?}: {name}");
            }
        }
    }
}
