//! `embed.js`: one script tag puts a banner on a customer's own site while something is wrong
//! (an open incident, a window in progress) and nothing otherwise. It reads `status.json` from
//! beside itself, so it follows the page live without a rebuild of the customer's site; the
//! words come in the site's language, written in at build time, and the banner says which
//! (`lang`, `dir`), so an Arabic banner runs right to left on an English page and a screen
//! reader speaks it in its own language. Text is set with `textContent` only: nothing from the
//! status document can become markup on the host page.

use super::input::Input;
use crate::compute::MaintenancePhase;
use crate::i18n::Lang;
use crate::model::IncidentStatus;
use crate::output::{OutputFile, RelPath};
use serde::Serialize;
use std::collections::BTreeMap;

/// Where the script is published: the site's root, at a stable address to paste.
pub(crate) const PATH: &str = "embed.js";

#[derive(Serialize)]
struct Words<'a> {
    /// The site's language tag and direction, for the banner's `lang` and `dir`.
    lang: &'a str,
    dir: &'static str,
    /// What joins a status to its title: ": ", or "\u{a0}: " in French.
    colon: &'a str,
    /// Incident status keyword -> its word.
    incident: BTreeMap<&'static str, &'a str>,
    /// Maintenance phase keyword (status.json's `status` of an active window) -> its word:
    /// a window being verified is not "in progress".
    maintenance: BTreeMap<&'static str, &'a str>,
    view: &'a str,
    dismiss: &'a str,
}

const SCRIPT: &str = r##"(function () {
  "use strict";
  var words = __WORDS__;
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URL) return;
  var source = new URL("status.json", script.src).href;
  function show(status) {
    var items = [];
    (status.incidents || []).forEach(function (i) {
      items.push({ id: i.id, at: i.updated_at, title: i.title, word: words.incident[i.status] || i.status, url: i.url, kind: "incident" });
    });
    ((status.maintenance || {}).active || []).forEach(function (m) {
      items.push({ id: m.id, at: m.updated_at, title: m.title, word: words.maintenance[m.status] || m.status, url: m.url, kind: "maintenance" });
    });
    if (!items.length) return;
    var key = "statusforge-dismissed:" + source;
    var seen = items.map(function (i) { return i.id + "@" + i.at; }).join(" ");
    try { if (window.localStorage.getItem(key) === seen) return; } catch (e) { /* storage off */ }
    var bar = document.createElement("div");
    bar.id = "statusforge-banner";
    bar.setAttribute("role", "status");
    bar.lang = words.lang;
    bar.dir = words.dir;
    var maintenanceOnly = items.every(function (i) { return i.kind === "maintenance"; });
    var s = bar.style;
    s.cssText = "position:relative;z-index:2147483647;display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;" +
      "padding:.6em 1em;font:15px/1.4 system-ui,sans-serif;color:#fff;";
    s.background = maintenanceOnly ? "#1d5bb8" : "#8a5c00";
    items.forEach(function (i) {
      var line = document.createElement("span");
      var word = document.createElement("strong");
      word.textContent = i.word + words.colon;
      var link = document.createElement("a");
      link.textContent = i.title;
      link.href = i.url;
      link.style.color = "#fff";
      line.appendChild(word);
      line.appendChild(link);
      bar.appendChild(line);
    });
    var page = document.createElement("a");
    page.textContent = words.view;
    page.href = (status.page || {}).url || new URL("./", script.src).href;
    page.style.color = "#fff";
    bar.appendChild(page);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", words.dismiss);
    close.style.cssText = "margin-inline-start:auto;background:none;border:0;color:#fff;font-size:1.4em;cursor:pointer";
    close.addEventListener("click", function () {
      bar.remove();
      try { window.localStorage.setItem(key, seen); } catch (e) { /* storage off */ }
    });
    bar.appendChild(close);
    document.body.insertBefore(bar, document.body.firstChild);
  }
  function load() {
    fetch(source, { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) { if (status) show(status); })
      .catch(function () { /* the status page is unreachable: say nothing */ });
  }
  if (document.body) load(); else document.addEventListener("DOMContentLoaded", load);
})();
"##;

/// `embed.js` in the site's language.
pub(crate) fn render(input: &Input<'_>) -> Vec<OutputFile> {
    let tag = &input.snapshot.config.language;
    let script = SCRIPT.replace("__WORDS__", &words_json(crate::i18n::lang(tag), tag));
    vec![OutputFile::new(RelPath::new(PATH).expect("static path"), script)]
}

fn words_json(lang: &'static Lang, tag: &str) -> String {
    let active = [MaintenancePhase::InProgress, MaintenancePhase::Verifying];
    let words = Words {
        lang: tag,
        dir: lang.dir.as_str(),
        colon: lang.colon(),
        incident: IncidentStatus::ALL.iter().map(|s| (s.keyword(), lang.word("incident", s.keyword()))).collect(),
        maintenance: active.iter().map(|p| (p.keyword(), lang.word("phase", p.keyword()))).collect(),
        view: lang.get("embed_view"),
        dismiss: lang.get("embed_dismiss"),
    };
    // Inside a script, `</script>` or `<!--` in a word would end it early when pasted inline.
    serde_json::to_string(&words).expect("words serialize").replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_are_the_sites_and_cannot_close_a_script() {
        let json = words_json(crate::i18n::lang("pt-BR"), "pt-BR");
        assert!(json.contains("\"investigating\":\"Investigando\""), "{json}");
        assert!(!json.contains('<'));
    }
}
