//! The theme: the default one embedded in the binary, overridden file by file by a site's
//! `themes/<name>/`. Templates are parsed here, once per build, so a broken user template is
//! reported (naming its file) before anything renders. Reads files; renders nothing.

use crate::diag::Diagnostic;
use crate::i18n::{self, Lang};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file of `themes/default/`, by path relative to it. `embedded_list_matches_the_folder`
/// fails when this list and the folder disagree.
const BUILT_IN: &[(&str, &[u8])] = &[
    ("static/favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    // The link-preview card (1,200 x 630), without words: it serves every language.
    ("static/og.png", include_bytes!("../../themes/default/static/og.png")),
    ("static/site.css", include_bytes!("../../themes/default/static/site.css")),
    ("templates/404.html", include_bytes!("../../themes/default/templates/404.html")),
    ("templates/base.html", include_bytes!("../../themes/default/templates/base.html")),
    ("templates/component.html", include_bytes!("../../themes/default/templates/component.html")),
    ("templates/embed.html", include_bytes!("../../themes/default/templates/embed.html")),
    ("templates/history.html", include_bytes!("../../themes/default/templates/history.html")),
    ("templates/incident.html", include_bytes!("../../themes/default/templates/incident.html")),
    ("templates/index.html", include_bytes!("../../themes/default/templates/index.html")),
    ("templates/maintenance.html", include_bytes!("../../themes/default/templates/maintenance.html")),
    ("templates/notice.html", include_bytes!("../../themes/default/templates/notice.html")),
    ("templates/partials/banner.html", include_bytes!("../../themes/default/templates/partials/banner.html")),
    ("templates/partials/calendar.html", include_bytes!("../../themes/default/templates/partials/calendar.html")),
    (
        "templates/partials/component_row.html",
        include_bytes!("../../themes/default/templates/partials/component_row.html"),
    ),
    ("templates/partials/footer.html", include_bytes!("../../themes/default/templates/partials/footer.html")),
    ("templates/partials/header.html", include_bytes!("../../themes/default/templates/partials/header.html")),
    (
        "templates/partials/incident_summary.html",
        include_bytes!("../../themes/default/templates/partials/incident_summary.html"),
    ),
    (
        "templates/partials/maintenance_summary.html",
        include_bytes!("../../themes/default/templates/partials/maintenance_summary.html"),
    ),
    (
        "templates/partials/notice_summary.html",
        include_bytes!("../../themes/default/templates/partials/notice_summary.html"),
    ),
    (
        "templates/partials/update_timeline.html",
        include_bytes!("../../themes/default/templates/partials/update_timeline.html"),
    ),
    ("templates/partials/upstream.html", include_bytes!("../../themes/default/templates/partials/upstream.html")),
    ("templates/partials/uptime_bars.html", include_bytes!("../../themes/default/templates/partials/uptime_bars.html")),
    ("templates/sitemap.xml", include_bytes!("../../themes/default/templates/sitemap.xml")),
    ("templates/sitemap_index.xml", include_bytes!("../../themes/default/templates/sitemap_index.xml")),
    ("templates/subscribe.html", include_bytes!("../../themes/default/templates/subscribe.html")),
];

/// A theme file's bytes and the path diagnostics show for it.
type ThemeFile = (Vec<u8>, PathBuf);

/// The merged theme: parsed templates plus static files, each remembering where it came from.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Every template, parsed, with the word table `t` of the site's language in its global
    /// context: pages carry only their own view.
    pub tera: tera::Tera,
    /// Template name (`partials/header.html`) -> file shown in diagnostics.
    pub origins: BTreeMap<String, PathBuf>,
    /// Static files by path under `static/`, e.g. `site.css`.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// A hash of every template and static file, so `serve` knows when the theme changed.
    pub fingerprint: u64,
}

impl Theme {
    /// The file a template came from, for diagnostics.
    pub fn origin(&self, template: &str) -> PathBuf {
        self.origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("themes/default/templates/{template}")))
    }
}

/// The built-in theme merged with `themes/<name>/` of the site, if `name` is given, with the
/// words of `language` written into its templates.
pub fn load(site_root: &Path, name: Option<&str>, language: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, ThemeFile> =
        BUILT_IN.iter().map(|(path, bytes)| (path.to_string(), (bytes.to_vec(), built_in_origin(path)))).collect();
    if let Some(name) = name {
        let folder = Path::new("themes").join(name);
        let full = site_root.join(&folder);
        if !full.is_dir() && name != "default" {
            let message = format!("site.yaml names theme `{name}` but there is no folder {}", folder.display());
            return Err(vec![Diagnostic::error("missing-theme", Path::new("content/site.yaml"), message).help(
                format!("create {}/templates/ with the files to override, or remove `theme:`", folder.display()),
            )]);
        }
        files.extend(read_overrides(site_root, &full, &folder)?);
    }
    build(files, i18n::lang(language))
}

fn built_in_origin(path: &str) -> PathBuf {
    PathBuf::from(format!("themes/default/{path} (built in)"))
}

/// Files under `templates/` and `static/` of a site theme, keyed like `BUILT_IN`.
fn read_overrides(site_root: &Path, full: &Path, shown: &Path) -> Result<Vec<(String, ThemeFile)>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let real_root = crate::load::real_root(site_root);
    for top in ["templates", "static"] {
        let folder = full.join(top);
        if !folder.exists() {
            continue;
        }
        // Links are followed, so that one to a file inside the site is used like the file;
        // each file's real path is then checked to be inside the site.
        let walker = walkdir::WalkDir::new(&folder).follow_links(true).sort_by_file_name();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let at =
                        error.path().and_then(|p| p.strip_prefix(full).ok()).map_or(shown.join(top), |p| shown.join(p));
                    let why = if error.loop_ancestor().is_some() { "a symbolic link loops" } else { "cannot be read" };
                    errors.push(Diagnostic::error("unreadable-theme-file", &at, format!("{why}: {error}")));
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            if !entry.file_type().is_file() {
                let origin = entry.path().strip_prefix(full).map_or_else(|_| shown.to_path_buf(), |p| shown.join(p));
                let message = "not a regular file (a FIFO, device or socket); it is not read";
                errors.push(Diagnostic::error("not-a-file", &origin, message));
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(full) else { continue };
            let key = relative.to_string_lossy().replace('\\', "/");
            let origin = shown.join(relative);
            // A theme folder linked out of the site would publish whatever it points at.
            if let Err((kind, message)) = crate::load::check_readable(&real_root, entry.path()) {
                errors.push(Diagnostic::error(kind, &origin, message));
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => found.push((key, (bytes, origin))),
                Err(e) => errors.push(Diagnostic::error("unreadable-theme-file", &origin, format!("cannot read: {e}"))),
            }
        }
    }
    if errors.is_empty() {
        Ok(found)
    } else {
        Err(errors)
    }
}

/// Parses every template into one `Tera`, so `extends` and `include` work across built-in and
/// user files alike.
fn build(files: BTreeMap<String, ThemeFile>, lang: &'static Lang) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme::default();
    let mut templates = Vec::new();
    let mut errors = Vec::new();
    for (key, (bytes, origin)) in files {
        if let Some(name) = key.strip_prefix("templates/") {
            match String::from_utf8(bytes) {
                Ok(text) => match crate::validate::first_forbidden_character(&text) {
                    // Every page, feed and sitemap would carry it: XML outputs would not parse.
                    Some((at, c)) => errors.push(
                        Diagnostic::error(
                            "control-character",
                            &origin,
                            format!("the template holds the {}", crate::validate::describe_character(c)),
                        )
                        .at(crate::diag::Span::new(at, at + c.len_utf8())),
                    ),
                    None => templates.push((name.to_string(), text)),
                },
                Err(_) => errors.push(Diagnostic::error("invalid-template", &origin, "template is not UTF-8 text")),
            }
            theme.origins.insert(name.to_string(), origin);
        } else if let Some(name) = key.strip_prefix("static/") {
            theme.statics.insert(name.to_string(), bytes);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    theme.fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (&templates, &theme.statics, lang.code).hash(&mut hasher);
        hasher.finish()
    };
    // Tera's default escaping (`& < > " '`, HTML and XML files only) is what HTML and XML need
    // (HTML §13.1.2.3, XML 1.0 §2.4), and leaves `/` in URLs alone.
    let mut tera = tera::Tera::new();
    // The language is fixed for a build: the words go in once, not into every page.
    tera.global_context().insert("t", &lang.table());
    if let Err(error) = tera.add_raw_templates(templates.iter().map(|(name, text)| (name, text))) {
        return Err(
            syntax_errors(&theme, &templates).unwrap_or_else(|| template_errors(&theme, &error, "invalid-template"))
        );
    }
    theme.tera = tera;
    Ok(theme)
}

/// Tera stops at the first template that does not parse: parse each alone, so every broken
/// file is reported in one run. `None` when each parses alone (the problem is between them).
fn syntax_errors(theme: &Theme, templates: &[(String, String)]) -> Option<Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> = templates
        .iter()
        .filter_map(|(name, text)| match tera::Tera::new().add_raw_template(name, text) {
            Err(error) if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) => {
                Some(template_error(theme, &error, "invalid-template"))
            }
            _ => None,
        })
        .collect();
    (!errors.is_empty()).then_some(errors)
}

/// Escapes text for HTML and XML content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A Tera error as a diagnostic on the template it points into, in one line with the line and
/// column: the same mistake met while rendering many pages then reads (and deduplicates) as
/// one problem.
pub fn template_error(theme: &Theme, error: &tera::Error, kind: &'static str) -> Diagnostic {
    template_errors(theme, error, kind).swap_remove(0)
}

/// Every problem in a Tera error: checks of template references (unknown filters, includes)
/// arrive as one message with a report per problem.
fn template_errors(theme: &Theme, error: &tera::Error, kind: &'static str) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    let on = |template: Option<&str>, message: String| {
        let file = match template.filter(|name| theme.origins.contains_key(*name)) {
            Some(name) => theme.origin(name),
            None => PathBuf::from("themes"),
        };
        Diagnostic::error(kind, &file, message)
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let what = if matches!(error.kind(), ErrorKind::SyntaxError(_)) { "syntax error" } else { "error" };
            let message = format!(
                "template {what} at line {}, column {}: {}",
                span.start_line,
                span.start_col + 1,
                one_line(report.message())
            );
            vec![on(Some(report.filename()), message)]
        }
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            vec![on(Some(tpl), format!("template error: {}", one_line(&error.to_string())))]
        }
        ErrorKind::MissingParent { current, .. } => {
            vec![on(Some(current), format!("template error: {}", one_line(&error.to_string())))]
        }
        _ => {
            let text = error.to_string();
            let reports: Vec<Diagnostic> = text
                .split("error: ")
                .filter_map(report_parts)
                .map(|(name, line, column, message)| {
                    on(Some(name), format!("template error at line {line}, column {column}: {message}"))
                })
                .collect();
            if reports.is_empty() {
                vec![on(None, format!("template error: {}", one_line(&text)))]
            } else {
                reports
            }
        }
    }
}

/// `Unknown filter `x`\n --> name.html:1:25\n  | ...` -> (name.html, 1, 25, the message).
fn report_parts(report: &str) -> Option<(&str, &str, &str, String)> {
    let (message, rest) = report.split_once('\n')?;
    let location = rest.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let (name, position) = location.trim().split_once(':')?;
    let (line, column) = position.split_once(':')?;
    Some((name, line, column, one_line(message)))
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_folder() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        on_disk.sort();
        let listed: Vec<String> = BUILT_IN.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(listed, on_disk);
    }

    #[test]
    fn the_built_in_theme_parses() {
        let theme = load(Path::new("/nonexistent"), None, "en").unwrap();
        assert!(theme.tera.get_template_names().any(|n| n == "index.html"));
        assert!(theme.statics.contains_key("site.css"));
    }

    #[test]
    fn a_syntax_error_names_its_file_line_and_column() {
        let mut files: BTreeMap<String, ThemeFile> = BTreeMap::new();
        let origin = PathBuf::from("themes/mine/templates/x.html");
        files.insert("templates/x.html".into(), (b"<p>\n{% if %}</p>\n".to_vec(), origin.clone()));
        let errors = build(files, i18n::lang("en")).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, origin);
        assert!(errors[0].message.starts_with("template syntax error at line 2, column "), "{}", errors[0].message);
    }

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(escape(r#"<a href="x" onclick='y'>&"#), "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;");
    }
}
