//! HTML pages (and the sitemap) from the theme's Tera templates. Each page gets a small view
//! struct, the shared `site` chrome and the `t` translation table; templates are parsed once
//! (in `theme::load`) and pages rendered in parallel.

mod component;
mod embed;
mod history;
pub(crate) mod memo;
mod notice;
mod pages;
mod scripts;
mod shared;
pub(crate) mod sitemap;
mod subscribe;
mod upstream;
pub(crate) mod view;

pub(crate) use memo::PageCache;

use super::assets::Assets;
use super::input::Input;
use super::theme;
use super::theme::Theme;
use crate::contract::urls;
use crate::diag::Diagnostic;
use crate::i18n;
use crate::incremental::check;
use crate::model::Incident;
use crate::output::{OutputFile, RelPath, Sink};
use rayon::prelude::*;
use shared::{Job, Shared};
use std::sync::Arc;
use view::Ctx;

/// A page made (or kept): its file, its memo key if it has one, and its incident if it is
/// an incident's page (the page cache finds those by the incident's allocation).
type Made<'a> = (OutputFile, Option<u64>, Option<&'a Arc<Incident>>);

/// What is left of a page once it went to the sink: its path, and its file and key for the
/// page cache when there is one.
type Done = (RelPath, Option<(u64, OutputFile)>, Option<Arc<Incident>>);

/// Renders every page into `sink` as it is made. With a memo (`serve`), pages whose inputs are
/// unchanged are taken from it (see `memo`) and it is left holding this run's pages. Returns
/// the paths written.
pub(crate) fn render(
    input: &Input<'_>,
    theme: &Theme,
    assets: &Assets,
    cache: Option<&mut PageCache>,
    sink: &dyn Sink,
) -> Result<Vec<RelPath>, Vec<Diagnostic>> {
    let lang = i18n::lang(&input.snapshot.config.language);
    let ctx = Ctx { input, lang, zone: input.snapshot.config.timezone };
    let shared = Shared { ctx, assets, csp: scripts::content_security_policy() };
    // Each page's context is built and rendered in one parallel pass, so contexts never pile
    // up in memory and building them is spread over the cores too.
    let snapshot = input.snapshot;
    let singles = [pages::index as fn(&Shared<'_>) -> Job, pages::not_found, embed::page];
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
    let stale = check::Stale::default();
    // A page kept from the previous rebuild, checked against a fresh render where `memo::verify`
    // says so: a key that misses an input shows as a page that differs, rendered again.
    let kept = |file: &OutputFile, build: &dyn Fn() -> Job| -> Result<OutputFile, Box<Diagnostic>> {
        if !check::verify(file.path.as_str(), generation, kept_pages) {
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
    let noindex = snapshot.config.robots == crate::model::Robots::NoIndex;
    // A site kept out of search engines has no sitemap: its URLs would invite crawlers to
    // pages that ask not to be indexed (search consoles report each one as an error).
    let places = if noindex { Vec::new() } else { sitemap::places(&shared) };
    let sitemap = sitemap::files(&places).into_par_iter().map(|file| {
        let key = keys.as_ref().map(|k| file.key(k));
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
    // It reads the components and groups (names, order) and `subscribe:` alone.
    let subscribe = rayon::iter::once(subscribe::PATH).map(|path| {
        let key = keys.as_ref().map(|k| k.subscribe(&shared));
        memoized(path.to_string(), key, &|| subscribe::page(&shared))
    });
    // Small, and they read what is wrong anywhere: always rendered, like the front page.
    let embeds = (0..snapshot.components.len()).into_par_iter().map(|i| render(embed::component(&shared, i)));
    // Few, and short: always rendered.
    let notices = (0..snapshot.notices.len()).into_par_iter().map(|i| render(notice::page(&shared, i)));
    // Each page goes to the sink as soon as it is rendered; only its path (and, for `serve`,
    // its cache entry) is kept.
    let caching = cache.is_some();
    let results: Vec<Result<Done, Box<Diagnostic>>> = singles
        .chain(sitemap)
        .chain(components)
        .chain(incidents)
        .chain(maintenances)
        .chain(history)
        .chain(subscribe)
        .chain(embeds)
        .chain(notices)
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
    if let Some(file) = robots(input, noindex) {
        paths.push(file.path.clone());
        sink.put(file);
    }
    Ok(paths)
}

/// `robots.txt`: everything may be crawled; the sitemap's absolute URL (sitemaps.org: the
/// `Sitemap:` line takes a full URL). With `noindex` crawling stays allowed, since a crawler
/// that may not fetch a page never sees its `noindex` and may list its bare address from
/// links elsewhere; there is no sitemap to name.
fn robots(input: &Input<'_>, noindex: bool) -> Option<OutputFile> {
    let text = if noindex {
        "# robots: noindex: every page says so itself, so crawlers may fetch it; no sitemap.\n\
         User-agent: *\nAllow: /\n"
            .to_string()
    } else {
        format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", input.absolute("sitemap.xml"))
    };
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
