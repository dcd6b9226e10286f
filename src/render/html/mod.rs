//! HTML pages (and the sitemap) from the theme's Tera templates. Each page gets a small view
//! struct, the shared `site` chrome and the `t` translation table; templates are parsed once
//! (in `theme::load`) and pages rendered in parallel.

mod component;
mod history;
pub(crate) mod memo;
mod pages;
pub(crate) mod sitemap;
pub(crate) mod view;

pub(crate) use memo::PageCache;

use super::assets::Assets;
use super::{theme, Input, Theme};
use crate::contract::urls;
use crate::diag::Diagnostic;
use crate::i18n::{self, Lang};
use crate::model::Incident;
use crate::output::{Collect, OutputFile, RelPath, Sink};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;
use view::Ctx;

/// One page to render: where it goes, with which template, and its context.
pub(crate) struct Job {
    pub path: String,
    pub template: &'static str,
    pub context: tera::Context,
}

/// A page made (or kept): its file, its memo key if it has one, and its incident if it is
/// an incident's page (the page cache finds those by the incident's allocation).
type Made<'a> = (OutputFile, Option<u64>, Option<&'a Arc<Incident>>);

/// What is left of a page once it went to the sink: its path, and its file and key for the
/// page cache when there is one.
type Done = (RelPath, Option<(u64, OutputFile)>, Option<Arc<Incident>>);

/// What every page shares: site name, language, links back to the root, assets.
#[derive(Serialize)]
pub(crate) struct Chrome<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub lang: &'static str,
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
    pub links: Vec<(&'a str, &'a str)>,
}

impl Chrome<'_> {
    /// This page's own description, when it has one worth showing (not empty).
    pub(crate) fn described(mut self, text: Option<String>) -> Self {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            self.meta_description = text;
        }
        self
    }
}

/// Pieces shared by all page builders.
pub(crate) struct Shared<'a> {
    pub ctx: Ctx<'a>,
    pub assets: &'a Assets,
}

impl<'a> Shared<'a> {
    pub(crate) fn lang(&self) -> &'static Lang {
        self.ctx.lang
    }

    /// The chrome of a page at site-relative `dir` (`incidents/x/`, "" for the root).
    pub(crate) fn chrome(&self, dir: &str, heading: Option<&str>) -> Chrome<'a> {
        let depth = dir.matches('/').count();
        let root = urls::root_from(depth);
        self.chrome_at(root, Some(self.ctx.input.absolute(dir)), heading)
    }

    pub(crate) fn chrome_at(&self, root: String, canonical: Option<String>, heading: Option<&str>) -> Chrome<'a> {
        let input = self.ctx.input;
        let config = &input.snapshot.config;
        Chrome {
            title: &config.title,
            // An empty description would fail search engines' and Lighthouse's SEO checks.
            description: if config.description.is_empty() { &config.title } else { &config.description },
            lang: self.ctx.lang.code,
            dir: self.ctx.lang.dir.as_str(),
            home: if root.is_empty() { "./".to_string() } else { root.clone() },
            css: format!("{root}{}", self.assets.url("site.css")),
            favicon: format!("{root}{}", self.assets.url("favicon.svg")),
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

/// Every page, in memory, sorted by path.
pub(crate) fn render(input: &Input<'_>, theme: &Theme, assets: &Assets) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = Collect::default();
    render_cached(input, theme, assets, None, &files)?;
    Ok(files.into_files())
}

/// Renders every page into `sink` as it is made, taking pages whose inputs are unchanged from
/// `cache` (see `memo`) and leaving this run's pages in it. Returns the paths written.
pub(crate) fn render_cached(
    input: &Input<'_>,
    theme: &Theme,
    assets: &Assets,
    cache: Option<&mut PageCache>,
    sink: &dyn Sink,
) -> Result<Vec<RelPath>, Vec<Diagnostic>> {
    let lang = i18n::lang(&input.snapshot.config.language);
    let ctx = Ctx { input, lang, zone: input.snapshot.config.timezone };
    let shared = Shared { ctx, assets };
    // Each page's context is built and rendered in one parallel pass, so contexts never pile
    // up in memory and building them is spread over the cores too.
    let snapshot = input.snapshot;
    let singles = [pages::index as fn(&Shared<'_>) -> Job, pages::not_found];
    let all: Vec<usize> = (0..snapshot.incidents.len()).collect();
    let mut listings =
        vec![history::Listing { incidents: &all, heading: shared.lang().get("history").to_string(), component: None }];
    listings.extend(snapshot.components.iter().map(|c| history::Listing {
        incidents: &c.incidents,
        heading: shared.lang().count("component_history", &c.component.name),
        component: Some(&c.component.id),
    }));
    let history: Vec<_> = listings.iter().flat_map(|l| history::jobs(&shared, l)).collect();
    let previous = cache.as_deref();
    let keys = previous.is_some().then(|| memo::Keys::new(&shared, theme.fingerprint, previous));
    let render = |job: Job| render_one(theme, &job).map(|file| (file, None, None));
    let (generation, kept_pages) = previous.map_or((0, 0), |p| (p.generation(), p.len()));
    let stale = memo::Stale::default();
    // A page kept from the previous rebuild, checked against a fresh render where `memo::verify`
    // says so: a key that misses an input shows as a page that differs, rendered again.
    let kept = |file: &OutputFile, build: &dyn Fn() -> Job| -> Result<OutputFile, Box<Diagnostic>> {
        if !memo::verify(file.path.as_str(), generation, kept_pages) {
            return Ok(file.clone());
        }
        let fresh = render_one(theme, &build())?;
        if fresh.bytes == file.bytes {
            return Ok(file.clone());
        }
        stale.note(file.path.as_str());
        Ok(fresh)
    };
    // A page with a key: reused when the previous rebuild rendered it from the same inputs.
    let memoized = |path: String, key: Option<u64>, build: &dyn Fn() -> Job| {
        let Some(key) = key else { return render(build()) };
        match previous.and_then(|p| p.page(&path)).filter(|(seen, _)| *seen == key) {
            Some((_, file)) => kept(file, build).map(|file| (file, Some(key), None)),
            None => render_one(theme, &build()).map(|file| (file, Some(key), None)),
        }
    };
    // One parallel pass over every page, so the few large ones (front page, sitemap, component
    // pages) are rendered beside the many small ones instead of one kind after another.
    let singles = singles.par_iter().map(|page| render(page(&shared)));
    let places = sitemap::places(&shared);
    let sitemap = sitemap::files(&places).into_par_iter().map(|file| {
        let key = keys.as_ref().map(|k| k.sitemap(&file));
        memoized(file.path(), key, &|| file.job(&shared))
    });
    let incidents = (0..snapshot.incidents.len()).into_par_iter().map(|i| -> Result<Made<'_>, _> {
        let incident = &snapshot.incidents[i].incident;
        let key = keys.as_ref().map(|k| k.incident(i));
        let seen = previous.and_then(|p| p.incident_page(incident)).filter(|(seen, _)| Some(*seen) == key);
        let file = match seen {
            Some((_, file)) => kept(file, &|| pages::incident(&shared, i))?,
            None => render_one(theme, &pages::incident(&shared, i))?,
        };
        Ok((file, key, Some(incident)))
    });
    let maintenances = (0..snapshot.maintenances.len()).into_par_iter().map(|i| {
        let key = keys.as_ref().map(|k| k.maintenance(&shared, i));
        memoized(pages::maintenance_path(&shared, i), key, &|| pages::maintenance(&shared, i))
    });
    let components = (0..snapshot.components.len()).into_par_iter().map(|i| {
        let key = keys.as_ref().map(|k| k.component(&shared, i));
        memoized(format!("{}index.html", urls::component(&snapshot.components[i].component.id)), key, &|| {
            component::page(&shared, i)
        })
    });
    let history = history.into_par_iter().map(|page| {
        let key = keys.as_ref().map(|k| page.key(k));
        memoized(page.path(), key, &|| page.build())
    });
    // Each page goes to the sink as soon as it is rendered; only its path (and, for `serve`,
    // its cache entry) is kept.
    let caching = cache.is_some();
    let results: Vec<Result<Done, Box<Diagnostic>>> = singles
        .chain(sitemap)
        .chain(components)
        .chain(incidents)
        .chain(maintenances)
        .chain(history)
        .map(|made| {
            let (file, key, incident) = made?;
            let path = file.path.clone();
            let entry = key.filter(|_| caching).map(|key| (key, file.clone()));
            sink.put(file);
            Ok((path, entry, incident.filter(|_| caching).cloned()))
        })
        .collect();
    let (done, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    if !errors.is_empty() {
        let mut errors: Vec<Diagnostic> = errors.into_iter().filter_map(Result::err).map(|e| *e).collect();
        crate::diag::sort(&mut errors);
        return Err(errors);
    }
    let done: Vec<Done> = done.into_iter().filter_map(Result::ok).collect();
    let mut paths: Vec<RelPath> = done.iter().map(|(path, _, _)| path.clone()).collect();
    if let (Some(cache), Some(keys)) = (cache, keys) {
        let (incident_pages, pages): (Vec<Done>, Vec<Done>) =
            done.into_iter().partition(|(_, _, incident)| incident.is_some());
        let pages = pages.into_iter().filter_map(|(path, entry, _)| Some((path.as_str().to_string(), entry?)));
        let incident_pages = incident_pages.into_iter().filter_map(|(_, entry, incident)| Some((incident?, entry?)));
        cache.replace(pages, incident_pages, keys);
        cache.note_stale(stale.take());
    }
    if let Some(file) = robots(input) {
        paths.push(file.path.clone());
        sink.put(file);
    }
    Ok(paths)
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute URL (sitemaps.org: the
/// `Sitemap:` line takes a full URL).
fn robots(input: &Input<'_>) -> Option<OutputFile> {
    let text = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", input.absolute("sitemap.xml"));
    RelPath::new("robots.txt").ok().map(|path| OutputFile::new(path, text))
}

fn render_one(theme: &Theme, job: &Job) -> Result<OutputFile, Box<Diagnostic>> {
    let text = theme
        .tera
        .render(job.template, &job.context)
        .map_err(|e| Box::new(theme::template_error(theme, &e, "template-error")))?;
    let path = RelPath::new(&job.path).map_err(|e| {
        Box::new(Diagnostic::error(
            "invalid-output-path",
            &theme.origin(job.template),
            format!("cannot write a page: {e}"),
        ))
    })?;
    Ok(OutputFile::new(path, text))
}
