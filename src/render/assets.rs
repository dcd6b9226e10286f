//! Theme static files under content-hashed names (`assets/site.<hash>.css`), so hosts can
//! cache them forever; pages find the hashed name through `Assets::url`.

use super::theme::Theme;
use crate::contract::ids::content_hash;
use crate::output::{OutputFile, RelPath};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub(crate) struct Assets {
    pub files: Vec<OutputFile>,
    /// Name under `static/` (`site.css`) -> site-relative output path (`assets/site.0a1b2c3d4e.css`).
    pub urls: BTreeMap<String, String>,
}

impl Assets {
    /// The site-relative path of a static file, or "" when the theme has none by that name.
    pub(crate) fn url(&self, name: &str) -> &str {
        self.urls.get(name).map(String::as_str).unwrap_or("")
    }
}

pub(crate) fn render(theme: &Theme) -> Assets {
    let mut assets = Assets::default();
    for (name, bytes) in &theme.statics {
        let hashed = hashed_name(name, &content_hash(bytes));
        // A name that could escape the output folder is skipped, as `RelPath` refuses it.
        if let Ok(path) = RelPath::new(&format!("assets/{hashed}")) {
            assets.urls.insert(name.clone(), path.as_str().to_string());
            assets.files.push(OutputFile::new(path, bytes.clone()));
        }
    }
    assets
}

/// `css/site.css` + `abc` -> `css/site.abc.css`; a name without extension gets `.abc` at the end.
fn hashed_name(name: &str, hash: &str) -> String {
    let (dir, file) = name.rsplit_once('/').map_or(("", name), |(d, f)| (d, f));
    let file = match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{file}.{hash}"),
    };
    if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_their_extension_and_folder() {
        assert_eq!(hashed_name("site.css", "abc"), "site.abc.css");
        assert_eq!(hashed_name("img/logo.svg", "abc"), "img/logo.abc.svg");
        assert_eq!(hashed_name("LICENSE", "abc"), "LICENSE.abc");
    }

    #[test]
    fn a_changed_file_gets_a_new_name() {
        let mut theme = Theme::default();
        theme.statics.insert("site.css".into(), b"a{}".to_vec());
        let first = render(&theme).urls["site.css"].clone();
        theme.statics.insert("site.css".into(), b"b{}".to_vec());
        assert_ne!(first, render(&theme).urls["site.css"]);
        assert!(first.starts_with("assets/site.") && first.ends_with(".css"), "{first}");
    }
}
