//! Feeds: RSS 2.0 `feed.xml`, Atom 1.0 `atom.xml` and JSON Feed 1.1 `feed.json`, site-wide and
//! per component. One entry per published incident and maintenance window, its published
//! updates in the content. Builds entries once, then each format writes them; no status is
//! decided here and no clock is read (every date comes from the snapshot).

mod atom;
mod entry;
mod json_feed;
mod notice;
mod rss;

use super::input::Input;
use super::markdown;
use super::theme::escape;
use crate::compute::{IncidentState, MaintenanceState, NoticeState, Snapshot};
use crate::contract::urls;
use crate::i18n::{self, Direction, Lang};
use crate::model::{FeedEntries, IncidentStatus, Instant, MaintenanceStatus, Update};
use crate::output::{OutputFile, RelPath};
pub(crate) use entry::host_and_path;
use entry::{component_name, tag_uri, Entry, Feed};
use std::collections::{BTreeMap, BTreeSet};

/// Entries per feed. Feed readers poll often and re-download the whole file each time, so a
/// feed carries only the newest entries; the history pages hold every incident.
pub(crate) const FEED_LIMIT: usize = 50;

/// Feed documents of the previous `serve` rebuild, by path, with a hash of the feed they were
/// written from: a feed whose entries are unchanged is not written again.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    documents: foldhash::HashMap<String, (u64, OutputFile)>,
}

/// Every feed document. With a memo (`serve`), a document whose feed is unchanged is taken
/// from it instead of being written again.
pub(crate) fn render(input: &Input<'_>, mut cache: Option<&mut Cache>) -> Vec<OutputFile> {
    let previous = cache.as_deref_mut().map(|c| std::mem::take(&mut c.documents));
    let mut files = Vec::new();
    let mut push = |path: &str, feed: &Feed<'_>, write: Writer| {
        // The path names the format too.
        let key = crate::incremental::key((path, feed));
        let kept = previous.as_ref().and_then(|p| p.get(path)).filter(|(seen, _)| *seen == key);
        let file = match kept {
            Some((_, file)) => Some(file.clone()),
            // Component ids are validated, so this only refuses a path that could escape the output.
            None => RelPath::new(path).ok().map(|path| OutputFile::new(path, write(feed))),
        };
        if let (Some(cache), Some(file)) = (cache.as_deref_mut(), &file) {
            cache.documents.insert(path.to_string(), (key, file.clone()));
        }
        files.extend(file);
    };
    feeds(input, &mut push);
    files
}

/// Writes a feed in one format.
type Writer = fn(&Feed<'_>) -> Vec<u8>;

/// What one entry stands for: item `.0` (the incidents in snapshot order, then the
/// maintenance windows, then the notices; see `item`) as a whole, or its update `.1` (an index into its updates, newest
/// first) when the site writes one entry per update.
type Key = (usize, Option<usize>);

/// Item `index` of the numbering `Key` uses.
enum Of<'s> {
    Incident(usize, &'s IncidentState),
    Maintenance(usize, &'s MaintenanceState),
    Notice(usize, &'s NoticeState),
}

fn item(snapshot: &Snapshot, index: usize) -> Of<'_> {
    let maintenances_from = snapshot.incidents.len();
    let notices_from = maintenances_from + snapshot.maintenances.len();
    match index {
        i if i < maintenances_from => Of::Incident(i, &snapshot.incidents[i]),
        i if i < notices_from => Of::Maintenance(i - maintenances_from, &snapshot.maintenances[i - maintenances_from]),
        i => Of::Notice(i - notices_from, &snapshot.notices[i - notices_from]),
    }
}

fn item_count(snapshot: &Snapshot) -> usize {
    snapshot.incidents.len() + snapshot.maintenances.len() + snapshot.notices.len()
}

/// Every feed of the site, handed to `push` with its path and the writer of its format.
fn feeds(input: &Input<'_>, push: &mut dyn FnMut(&str, &Feed<'_>, Writer)) {
    let snapshot = input.snapshot;
    let lang = i18n::lang(&snapshot.config.language);
    let per_update = snapshot.config.feed_entries == FeedEntries::PerUpdate;
    let keys = |items: Vec<usize>| if per_update { newest_updates(input, items) } else { whole(items) };
    // Which entries each feed holds is decided on dates alone; only those are built.
    let site_entries = keys(newest(input, 0..item_count(snapshot)));
    let notices_from = snapshot.incidents.len() + snapshot.maintenances.len();
    let component_entries: Vec<Vec<Key>> = snapshot
        .components
        .iter()
        .map(|component| {
            let incidents = component.incidents.iter().copied();
            let windows = component.maintenances.iter().map(|&m| snapshot.incidents.len() + m);
            // Only notices that name the component: site-wide ones are in the site's feeds.
            let id = &component.component.id;
            let notices = (0..snapshot.notices.len()).filter(|&n| snapshot.notices[n].notice.components.contains(id));
            keys(newest(input, incidents.chain(windows).chain(notices.map(|n| notices_from + n))))
        })
        .collect();
    let needed: BTreeSet<Key> = site_entries.iter().chain(component_entries.iter().flatten()).copied().collect();
    let built: BTreeMap<Key, Entry> = needed.into_iter().map(|key| (key, entry(input, key))).collect();
    let pick = |keys: &[Key]| -> Vec<&Entry> { keys.iter().filter_map(|k| built.get(k)).collect() };
    let site_feed = |file: &str| Feed {
        title: snapshot.config.title.clone(),
        description: non_empty(&snapshot.config.description, &snapshot.config.title),
        language: snapshot.config.language.clone(),
        home_url: input.absolute(""),
        self_url: input.absolute(file),
        updated: snapshot.updated_at,
        author: snapshot.config.title.clone(),
        entries: pick(&site_entries),
    };
    push("feed.xml", &site_feed("feed.xml"), rss::document);
    push("atom.xml", &site_feed("atom.xml"), atom::document);
    push("feed.json", &site_feed("feed.json"), json_feed::document);
    for (component, own) in snapshot.components.iter().zip(&component_entries) {
        let own = pick(own);
        let page = urls::component(&component.component.id);
        let component_feed = |file: &str| Feed {
            title: format!("{} – {}", component.component.name, snapshot.config.title),
            description: component.component.description.clone().unwrap_or_else(|| {
                let values = [("component", component.component.name.as_str()), ("site", &snapshot.config.title)];
                lang.fill("feed.component_description", &values)
            }),
            language: snapshot.config.language.clone(),
            home_url: input.absolute(&page),
            self_url: input.absolute(&format!("{page}{file}")),
            // Changes only when this component's own entries do; an empty feed falls back to
            // the site's last update, still a date from the data.
            updated: own.first().map_or(snapshot.updated_at, |e| e.updated),
            author: snapshot.config.title.clone(),
            entries: own.clone(),
        };
        push(&format!("{page}feed.xml"), &component_feed("feed.xml"), rss::document);
        push(&format!("{page}atom.xml"), &component_feed("atom.xml"), atom::document);
        push(&format!("{page}feed.json"), &component_feed("feed.json"), json_feed::document);
    }
}

fn non_empty(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() { fallback } else { text }.to_string()
}

/// The `FEED_LIMIT` newest entries by last update, ties broken by kind and slug so the bytes
/// never depend on input order. Entries are numbered as in `entry`.
fn newest(input: &Input<'_>, entries: impl Iterator<Item = usize>) -> Vec<usize> {
    let snapshot = input.snapshot;
    let order = |i: usize| match item(snapshot, i) {
        Of::Incident(_, state) => (state.updated_at(), "incident/", state.incident.slug.as_str()),
        Of::Maintenance(_, state) => (state.updated_at(), "maintenance/", state.maintenance.slug.as_str()),
        Of::Notice(_, state) => (state.notice.from, "notice/", state.notice.slug.as_str()),
    };
    let mut entries: Vec<(Instant, &str, &str, usize)> = entries
        .filter(|&i| i < item_count(snapshot))
        .map(|i| {
            let (updated, kind, slug) = order(i);
            (updated, kind, slug, i)
        })
        .collect();
    // (kind, slug) is unique, so this order is total: the newest are found without sorting all.
    let newest_first = |a: &(Instant, &str, &str, usize), b: &(Instant, &str, &str, usize)| {
        b.0.cmp(&a.0).then_with(|| (a.1, a.2).cmp(&(b.1, b.2)))
    };
    if entries.len() > FEED_LIMIT {
        entries.select_nth_unstable_by(FEED_LIMIT, newest_first);
        entries.truncate(FEED_LIMIT);
    }
    entries.sort_unstable_by(newest_first);
    entries.into_iter().map(|(.., i)| i).collect()
}

fn whole(items: Vec<usize>) -> Vec<Key> {
    items.into_iter().map(|i| (i, None)).collect()
}

/// The `FEED_LIMIT` newest updates of `items` (the newest items first, as `newest` gives
/// them): every update newer than an item's last is in an item ranked above it, so the newest
/// updates of all items are among these.
fn newest_updates(input: &Input<'_>, items: Vec<usize>) -> Vec<Key> {
    let snapshot = input.snapshot;
    let mut keys: Vec<(Instant, usize, usize, usize)> = Vec::new();
    for (rank, item) in items.into_iter().enumerate() {
        let times: Vec<Instant> = match self::item(snapshot, item) {
            Of::Incident(_, state) => state.incident.updates.iter().map(|u| u.at).collect(),
            Of::Maintenance(_, state) => state.maintenance.updates.iter().map(|u| u.at).collect(),
            // A notice is one entry in either mode.
            Of::Notice(_, state) => vec![state.notice.from],
        };
        keys.extend(times.into_iter().enumerate().map(|(u, at)| (at, rank, u, item)));
    }
    // Newest first; at one instant in the items' order (a total one), the later update first.
    keys.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    keys.truncate(FEED_LIMIT);
    keys.into_iter().map(|(.., u, item)| (item, Some(u))).collect()
}

/// The entry for `key`, an item or one of its updates.
fn entry(input: &Input<'_>, (index, update): Key) -> Entry {
    let snapshot = input.snapshot;
    let zone = snapshot.config.timezone;
    let lang = i18n::lang(&snapshot.config.language);
    let incident_word = |u: &Update<IncidentStatus>| status_word(lang, "incident", u.is_note, u.status.keyword());
    let maintenance_word =
        |u: &Update<MaintenanceStatus>| status_word(lang, "maintenance", u.is_note, u.status.keyword());
    let time = |at: Instant| lang.datetime(&at.with_timezone(&zone));
    let entry = match item(snapshot, index) {
        Of::Incident(index, state) => {
            let html = input.incident_html.get(index).map_or(&[][..], |html| &html[..]);
            let changes = |u: usize| changes_html(input, state, u);
            let updates = &state.incident.updates;
            let content = |only: Option<usize>| updates_html(updates, html, &time, &incident_word, changes, only);
            let item = Item {
                lang,
                kind: "incident",
                slug: &state.incident.slug,
                title: &state.incident.title,
                created: state.created_at(),
                updated: state.updated_at(),
                tags: state.touched().iter().map(|c| component_name(input, &c.id)).collect(),
            };
            item.finish(input, update, updates, &incident_word, content)
        }
        Of::Maintenance(i, state) => {
            let html = input.maintenance_html.get(i).map_or(&[][..], Vec::as_slice);
            let updates = &state.maintenance.updates;
            let content = |only: Option<usize>| {
                window_html(lang, state, &time)
                    + &updates_html(updates, html, &time, &maintenance_word, |_| String::new(), only)
            };
            let item = Item {
                lang,
                kind: "maintenance",
                slug: &state.maintenance.slug,
                title: &state.maintenance.title,
                created: state.created_at(),
                updated: state.updated_at(),
                tags: state.maintenance.components.iter().map(|id| component_name(input, id)).collect(),
            };
            item.finish(input, update, updates, &maintenance_word, content)
        }
        Of::Notice(i, state) => notice::entry(input, lang, i, state, &time),
    };
    // Feed readers show the text away from the page and its `<html dir>`: a right-to-left
    // language says its direction in the text itself.
    match lang.dir {
        Direction::Rtl => Entry { content_html: format!("<div dir=\"rtl\">{}</div>", entry.content_html), ..entry },
        Direction::Ltr => entry,
    }
}

/// What an incident and a maintenance window give their entries.
struct Item<'a> {
    lang: &'static Lang,
    /// `incident` or `maintenance`: the path under the base URL.
    kind: &'static str,
    slug: &'a str,
    title: &'a str,
    created: Instant,
    updated: Instant,
    /// Names of the components it touched.
    tags: Vec<String>,
}

impl Item<'_> {
    /// The item's entry, or the entry of its update `update` (an index into `updates`, newest
    /// first); `content(only)` is the HTML of all updates or of that one.
    fn finish<S>(
        self,
        input: &Input<'_>,
        update: Option<usize>,
        updates: &[Update<S>],
        word: &dyn Fn(&Update<S>) -> &'static str,
        content: impl Fn(Option<usize>) -> String,
    ) -> Entry {
        match update {
            None => self.entry(input, content(None)),
            Some(u) => {
                let anchor = urls::update_anchors(updates.iter().map(|u| u.at)).swap_remove(u);
                self.update_entry(input, anchor, word(&updates[u]), updates[u].at, content(Some(u)))
            }
        }
    }

    fn page(&self, input: &Input<'_>) -> String {
        input.absolute(&match self.kind {
            "maintenance" => urls::maintenance(self.slug),
            _ => urls::incident(self.slug),
        })
    }

    fn entry(self, input: &Input<'_>, content_html: String) -> Entry {
        Entry {
            id: tag_uri(&input.base_url, self.created, &format!("{}/{}", self.kind, self.slug)),
            content_html: markdown::absolutize(&content_html, &self.page(input)),
            url: self.page(input),
            title: self.title.to_string(),
            published: self.created,
            updated: self.updated,
            tags: self.tags,
        }
    }

    /// One update as an entry of its own, named by its `anchor` on the page (`urls::
    /// update_anchors`): its id never changes as updates are added, and it links to the update.
    fn update_entry(self, input: &Input<'_>, anchor: String, word: &str, at: Instant, content_html: String) -> Entry {
        Entry {
            id: tag_uri(&input.base_url, self.created, &format!("{}/{}/{anchor}", self.kind, self.slug)),
            url: format!("{}#{anchor}", self.page(input)),
            title: format!("{word}{}{}", self.lang.colon(), self.title),
            published: at,
            updated: at,
            content_html: markdown::absolutize(&content_html, &self.page(input)),
            tags: self.tags,
        }
    }
}

/// "SMPP: Major outage → Operational", one line per change update `u` made.
fn changes_html(input: &Input<'_>, state: &IncidentState, u: usize) -> String {
    let lang = i18n::lang(&input.snapshot.config.language);
    let lines: Vec<String> = state
        .changes_at(u)
        .iter()
        .map(|c| {
            let (old, new) = (lang.word("component", c.old.keyword()), lang.word("component", c.new.keyword()));
            let (colon, arrow) = (lang.colon(), lang.get("arrow_forward"));
            format!("{}{colon}{old} {arrow} {new}", escape(&component_name(input, &c.id)))
        })
        .collect();
    if lines.is_empty() {
        return String::new();
    }
    format!("<p>{}</p>\n", lines.join("<br>"))
}

/// The published updates, newest first, as Statuspage's history feed shows them: the status
/// word and the time in the site zone above each sanitized body.
/// `changes(i)` is the HTML of what update `i` changed; `only` keeps one update.
fn updates_html<S: Copy>(
    updates: &[Update<S>],
    bodies: &[std::sync::Arc<str>],
    time: &dyn Fn(Instant) -> String,
    word: &dyn Fn(&Update<S>) -> &'static str,
    changes: impl Fn(usize) -> String,
    only: Option<usize>,
) -> String {
    let mut html = String::new();
    for (i, update) in updates.iter().enumerate().filter(|(i, _)| only.is_none_or(|o| o == *i)) {
        let body = bodies.get(i).map_or("", |b| &**b);
        html.push_str(&format!(
            "<p><strong>{}</strong> – <small>{}</small></p>\n{}{}\n",
            word(update),
            time(update.at),
            changes(i),
            body.trim_end()
        ));
    }
    html
}

/// The window in site time, first in a maintenance entry's content.
fn window_html(lang: &'static Lang, state: &MaintenanceState, time: &dyn Fn(Instant) -> String) -> String {
    let window = state.maintenance.window;
    let text = lang.fill("feed.window", &[("start", &time(window.start)), ("end", &time(window.end))]);
    format!("<p>{}</p>\n", escape(&text))
}

/// An update's status word in the site's language ("Investigating", "Update").
fn status_word(lang: &'static Lang, family: &str, is_note: bool, keyword: &str) -> &'static str {
    lang.word(family, if is_note { "update" } else { keyword })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_in_feed_text_point_at_the_site() {
        let page = "https://status.example.com/incidents/x/";
        let html =
            "<p><a href=\"../y/\">y</a> <a href=\"#update-1\">u</a> <a href=\"https://e.com/?a=1&amp;b=2\">e</a> \
                    <img src=\"/logo.png\" alt=\"l\"></p><pre><code>&lt;a href=\"/x\"&gt;</code></pre>";
        let out = markdown::absolutize(html, page);
        assert!(out.contains("href=\"https://status.example.com/incidents/y/\""), "{out}");
        assert!(out.contains("href=\"https://status.example.com/incidents/x/#update-1\""), "{out}");
        assert!(out.contains("href=\"https://e.com/?a=1&amp;b=2\""), "{out}");
        assert!(out.contains("src=\"https://status.example.com/logo.png\""), "{out}");
        assert!(out.contains("&lt;a href=\"/x\"&gt;"), "text in code stays as written: {out}");
    }
    use chrono::{TimeZone, Utc};

    #[test]
    fn tag_uris_use_the_host_the_base_path_and_the_first_year() {
        let first = Utc.with_ymd_and_hms(2026, 11, 20, 17, 2, 0).unwrap();
        assert_eq!(
            tag_uri("https://status.example.com/", first, "incident/x"),
            "tag:status.example.com,2026:incident/x"
        );
        assert_eq!(
            tag_uri("https://user@Acme.GitHub.io:8443/status/", first, "maintenance/y"),
            "tag:acme.github.io,2026:status/maintenance/y"
        );
    }
}
