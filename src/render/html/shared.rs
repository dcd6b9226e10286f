//! What every page job shares: the render context, the chrome around each page, and the job
//! itself.

use super::view::Ctx;
use crate::contract::urls;
use crate::i18n::Lang;
use crate::render::assets::Assets;
use serde::Serialize;

/// One page to render: where it goes, with which template, and its context.
pub(crate) struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// What every page shares: site name, language, links back to the root, assets.
#[derive(Serialize)]
pub(crate) struct Chrome<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// The site's language tag as `site.yaml` gives it (`de-DE`), though its words are `de`'s.
    pub lang: &'a str,
    /// `ltr` or `rtl`, for `<html dir>`: the theme lays pages out from it.
    pub dir: &'static str,
    /// `../../` back to the site root from this page ("" at the root).
    pub root: String,
    /// A link to the front page that is never empty.
    pub home: String,
    /// Absolute URL of this page, for `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// `<title>`: the page's own title, then the site's.
    pub page_title: String,
    /// This page's description for search results and link previews: the site's, unless the
    /// page has its own (an incident's latest update, a component's description).
    pub meta_description: String,
    /// `robots: noindex` in site.yaml.
    pub noindex: bool,
    pub css: String,
    pub favicon: String,
    /// Absolute address of the link-preview image (`static/og.png`), or "" without one.
    pub og_image: String,
    pub links: Vec<(&'a str, &'a str)>,
    /// The page's content security policy: its own files and the one inline script.
    pub csp: &'a str,
    /// That script (`scripts::LOCAL_TIME`), which rewrites times into the reader's zone.
    pub script: &'static str,
    /// "Uptime days are counted in America/Sao_Paulo time.": what stays in the site's zone.
    pub days_note: String,
    /// Open Graph `og:type`: `article` for a post (incident, maintenance, notice), else `website`.
    pub og_type: &'static str,
}

impl Chrome<'_> {
    /// This page's own description, when it has one worth showing (not empty).
    pub(crate) fn described(mut self, text: Option<String>) -> Self {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            self.meta_description = text;
        }
        self
    }

    /// A post with a date (an incident, a window, a notice), previewed as an article.
    pub(crate) fn article(mut self) -> Self {
        self.og_type = "article";
        self
    }
}

/// Pieces shared by all page builders.
pub(crate) struct Shared<'a> {
    pub ctx: Ctx<'a>,
    pub assets: &'a Assets,
    /// `scripts::content_security_policy()`, made once for every page.
    pub csp: String,
}

impl<'a> Shared<'a> {
    pub(crate) fn lang(&self) -> &'static Lang {
        self.ctx.lang
    }

    /// The chrome of a page at site-relative `dir` (`incidents/x/`, "" for the root).
    pub(crate) fn chrome(&self, dir: &str, heading: Option<&str>) -> Chrome<'_> {
        let depth = dir.matches('/').count();
        let root = urls::root_from(depth);
        self.chrome_at(root, Some(self.ctx.input.absolute(dir)), heading)
    }

    pub(crate) fn chrome_at(&self, root: String, canonical: Option<String>, heading: Option<&str>) -> Chrome<'_> {
        let input = self.ctx.input;
        let config = &input.snapshot.config;
        Chrome {
            title: &config.title,
            // An empty description would fail search engines' and Lighthouse's SEO checks.
            description: if config.description.is_empty() { &config.title } else { &config.description },
            lang: &config.language,
            dir: self.ctx.lang.dir.as_str(),
            home: if root.is_empty() { "./".to_string() } else { root.clone() },
            css: format!("{root}{}", self.assets.url("site.css")),
            favicon: format!("{root}{}", self.assets.url("favicon.svg")),
            // Link previews are fetched by other services: only an absolute address works.
            og_image: match self.assets.url("og.png") {
                "" => String::new(),
                path => input.absolute(path),
            },
            root,
            canonical,
            page_title: match heading {
                Some(h) => format!("{h} · {}", config.title),
                None => config.title.clone(),
            },
            links: config.links.iter().map(|l| (l.name.as_str(), l.url.as_str())).collect(),
            meta_description: if config.description.is_empty() { &config.title } else { &config.description }
                .to_string(),
            noindex: config.robots == crate::model::Robots::NoIndex,
            csp: &self.csp,
            script: super::scripts::LOCAL_TIME,
            days_note: self.ctx.lang.count("days_in_zone", self.ctx.zone.name()),
            og_type: "website",
        }
    }

    /// A page job: `page` under `page`, with `site` beside it (`t`, the words, is in the
    /// theme's global context).
    pub(crate) fn job(&self, path: String, template: &'static str, chrome: &Chrome<'_>, page: &impl Serialize) -> Job {
        let mut context = tera::Context::new();
        context.insert("site", chrome);
        context.insert("page", page);
        Job { path, template, context }
    }
}
