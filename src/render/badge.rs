//! Status badges: `badge.svg` for the page and `components/<id>/badge.svg` for each component,
//! flat shields.io-style SVGs, each with a shields.io endpoint JSON (`badge.json`) beside it;
//! and uptime badges (`uptime.svg`, `uptime.json`) beside them, over the site's uptime window.
//! Text is measured with a per-character width table so each half is wide enough for its text.
//! The words are in the site's language; the endpoint JSON says the same as the SVG.

use super::api_v2::json_file;
use super::input::Input;
use crate::i18n::{self, Lang};
use crate::model::{ComponentStatus, Indicator};
use crate::output::{OutputFile, RelPath};
use serde::Serialize;

/// Advance widths of ASCII 32..=126 in Verdana, in font units (2048 per em). Badges are drawn
/// in Verdana 11px with DejaVu Sans as fallback, as shields.io's are; characters outside the
/// table count as a full em, so unknown text is overestimated, never cut.
const VERDANA: [u16; 95] = [
    720, 824, 1064, 1774, 1366, 2402, 1564, 614, 1040, 1040, 1366, 1774, 746, 1040, 746, 1040, // ' '..'/'
    1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, 1366, // '0'..'9'
    1040, 1040, 1774, 1774, 1774, 1188, 2048, // ':'..'@'
    1401, 1405, 1432, 1577, 1294, 1178, 1587, 1540, 862, 1018, 1432, 1174, 1712, // 'A'..'M'
    1530, 1614, 1225, 1614, 1425, 1403, 1263, 1513, 1401, 2025, 1403, 1257, 1403, // 'N'..'Z'
    1040, 1040, 1040, 1774, 1366, 1366, // '['..'`'
    1229, 1264, 1098, 1264, 1215, 721, 1264, 1288, 562, 680, 1186, 562, 1980, // 'a'..'m'
    1288, 1237, 1264, 1264, 876, 1059, 801, 1288, 1186, 1649, 1186, 1186, 1055, // 'n'..'z'
    1356, 1040, 1356, 1774, // '{'..'~'
];

/// Accented letters of the built-in languages, by the letter whose advance they share: in
/// Verdana an accent leaves a letter's width as it was.
const ACCENTED: [(&str, char); 24] = [
    ("ÀÁÂÃÄÅĄ", 'A'),
    ("àáâãäåą", 'a'),
    ("ÇĆ", 'C'),
    ("çć", 'c'),
    ("ÈÉÊËĘ", 'E'),
    ("èéêëę", 'e'),
    ("Ğ", 'G'),
    ("ğ", 'g'),
    ("ÌÍÎÏİ", 'I'),
    ("ìíîïı", 'i'),
    ("Ł", 'L'),
    ("ł", 'l'),
    ("ÑŃ", 'N'),
    ("ñń", 'n'),
    ("ÒÓÔÕÖØ", 'O'),
    ("òóôõöø", 'o'),
    ("ŚŞ", 'S'),
    ("śş", 's'),
    ("ÙÚÛÜ", 'U'),
    ("ùúûü", 'u'),
    ("ÝŸ", 'Y'),
    ("ýÿ", 'y'),
    ("ŹŻ", 'Z'),
    ("źż", 'z'),
];

/// A generous average advance of Arabic letters (DejaVu Sans draws them; Verdana has none).
const CURSIVE: u32 = 1434;

const FONT_SIZE: f64 = 11.0;
/// Space on each side of a text, as shields.io's flat style leaves.
const PADDING: f64 = 5.0;

/// The advance of `c` in Verdana, when the table knows it (an accented letter as its letter).
fn advance(c: char) -> Option<u32> {
    let base = match c {
        ' '..='~' => c,
        // No-break spaces (French puts a narrow one before `%`) as a space: a little wide.
        '\u{a0}' | '\u{202f}' => ' ',
        '’' => '\'',
        _ => ACCENTED.iter().find(|(letters, _)| letters.contains(c)).map(|&(_, base)| base)?,
    };
    Some(u32::from(VERDANA[(base as u32 - 32) as usize]))
}

/// Arabic script: its letters join, so spacing them out to a measured length breaks them.
fn is_cursive(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06ff}' | '\u{0750}'..='\u{077f}' | '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

/// Width in pixels of `text` set in Verdana 11px.
pub(crate) fn text_width(text: &str) -> f64 {
    let units: u32 = text.chars().map(|c| advance(c).unwrap_or(if is_cursive(c) { CURSIVE } else { 2048 })).sum();
    f64::from(units) * FONT_SIZE / 2048.0
}

/// ` textLength="…"`, which makes a viewer set the text to the measured width whatever font
/// it has; left out for Arabic, which is drawn at its own width inside a generous half.
fn text_length(text: &str, width: f64) -> String {
    if text.chars().any(is_cursive) {
        String::new()
    } else {
        format!(" textLength=\"{width:.1}\"")
    }
}

/// A badge's content: left label, right message, and its colour as a shields.io name.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Badge {
    pub schema_version: u8,
    pub label: String,
    pub message: String,
    pub color: &'static str,
}

/// shields.io's named colours, by the hex value they stand for.
fn hex(color: &str) -> &'static str {
    match color {
        "brightgreen" => "#4c1",
        "green" => "#97ca00",
        "yellowgreen" => "#a4a61d",
        "yellow" => "#dfb317",
        "orange" => "#fe7d37",
        "red" => "#e05d44",
        "blue" => "#007ec6",
        _ => "#9f9f9f",
    }
}

fn status_color(status: ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::Operational => "brightgreen",
        ComponentStatus::UnderMaintenance => "blue",
        ComponentStatus::DegradedPerformance => "yellow",
        ComponentStatus::PartialOutage => "orange",
        ComponentStatus::MajorOutage => "red",
    }
}

/// Uptime colours as shields.io's uptime badges step them.
fn uptime_color(percent: Option<f64>) -> &'static str {
    match percent {
        None => "lightgrey",
        Some(p) if p >= 99.9 => "brightgreen",
        Some(p) if p >= 99.0 => "green",
        Some(p) if p >= 97.0 => "yellowgreen",
        Some(p) if p >= 95.0 => "yellow",
        Some(p) if p >= 90.0 => "orange",
        Some(_) => "red",
    }
}

/// "uptime 90d: 99.93%": the percentage as the page writes it (never rounded up to 100%).
fn uptime_badge(lang: &'static Lang, percent: Option<f64>, window_days: u32) -> Badge {
    Badge {
        schema_version: 1,
        label: lang.plural("badge.uptime", u64::from(window_days)),
        message: percent.map_or_else(|| lang.get("badge.no_data").to_string(), |p| lang.percent(p)),
        color: uptime_color(percent),
    }
}

fn indicator_color(indicator: Indicator) -> &'static str {
    match indicator {
        Indicator::None => "brightgreen",
        Indicator::Maintenance => "blue",
        Indicator::Minor => "yellow",
        Indicator::Major => "orange",
        Indicator::Critical => "red",
    }
}

/// The page badge says what the page banner says, in the badge's short style: the key of
/// its words under `badge.` in the tables.
fn page_message(description_key: &str) -> &'static str {
    match description_key {
        "minor_outage" => "minor_outage",
        "partially_degraded" => "degraded_performance",
        "partial_outage" => "partial_outage",
        "major_outage" => "major_outage",
        "under_maintenance" => "under_maintenance",
        _ => "operational",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A flat badge: two rectangles, each text centred in its half and given its measured length.
/// `role="img"` with `<title>` and `aria-label` gives screen readers the whole text, label and
/// message joined by the language's `colon` (": ", "\u{a0}: " in French).
pub(crate) fn svg(badge: &Badge, colon: &str) -> String {
    let label_text = text_width(&badge.label);
    let message_text = text_width(&badge.message);
    let left = (label_text + 2.0 * PADDING).ceil();
    let right = (message_text + 2.0 * PADDING).ceil();
    let total = left + right;
    let title = escape(&format!("{}{colon}{}", badge.label, badge.message));
    let (label, message) = (escape(&badge.label), escape(&badge.message));
    format!(
        concat!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label="{title}">"##,
            r##"<title>{title}</title>"##,
            r##"<rect width="{left}" height="20" fill="#555"/>"##,
            r##"<rect x="{left}" width="{right}" height="20" fill="{color}"/>"##,
            r##"<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">"##,
            r##"<text x="{label_x}" y="14"{label_len}>{label}</text>"##,
            r##"<text x="{message_x}" y="14"{message_len}>{message}</text>"##,
            "</g></svg>\n"
        ),
        total = total,
        title = title,
        left = left,
        right = right,
        color = hex(badge.color),
        label_x = left / 2.0,
        label_len = text_length(&badge.label, label_text),
        label = label,
        message_x = left + right / 2.0,
        message_len = text_length(&badge.message, message_text),
        message = message,
    )
}

/// `<folder><name>.svg` and its shields.io endpoint `<folder><name>.json`.
fn files(lang: &'static Lang, folder: &str, name: &str, badge: &Badge) -> Vec<OutputFile> {
    let mut out: Vec<OutputFile> = RelPath::new(&format!("{folder}{name}.svg"))
        .ok()
        .map(|path| OutputFile::new(path, svg(badge, lang.colon())))
        .into_iter()
        .collect();
    out.extend(json_file(&format!("{folder}{name}.json"), badge, false));
    out
}

pub(crate) fn render(input: &Input<'_>) -> Vec<OutputFile> {
    let snapshot = input.snapshot;
    let lang = i18n::lang(&snapshot.config.language);
    let page = Badge {
        schema_version: 1,
        label: lang.get("badge.status").into(),
        message: lang.word("badge", page_message(snapshot.page.description_key)).into(),
        color: indicator_color(snapshot.page.indicator),
    };
    let mut out = files(lang, "", "badge", &page);
    let window = snapshot.config.uptime_days;
    // The page's uptime is the mean of its components' (those with days counted).
    let counted: Vec<f64> = snapshot.components.iter().filter_map(|c| c.uptime.percent).collect();
    let mean = (!counted.is_empty()).then(|| counted.iter().sum::<f64>() / counted.len() as f64);
    out.extend(files(lang, "", "uptime", &uptime_badge(lang, mean, window)));
    for state in &snapshot.components {
        let badge = Badge {
            schema_version: 1,
            label: state.component.name.clone(),
            message: lang.word("badge", state.status.keyword()).into(),
            color: status_color(state.status),
        };
        let folder = crate::contract::urls::component(&state.component.id);
        out.extend(files(lang, &folder, "badge", &badge));
        let uptime = uptime_badge(lang, state.uptime.percent, state.uptime.window_days);
        out.extend(files(lang, &folder, "uptime", &uptime));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_letters_are_as_wide_as_their_letters() {
        assert_eq!(text_width("opérationnel"), text_width("operationnel"));
        assert_eq!(text_width("Çalışıyor ŁÓDŹ"), text_width("Calisiyor LODZ"));
        assert_eq!(text_width("90\u{a0}j"), text_width("90 j"));
        assert_eq!(text_width("99,99\u{202f}%"), text_width("99,99 %"));
    }

    #[test]
    fn arabic_text_is_not_spaced_out_to_a_measured_length() {
        let badge =
            Badge { schema_version: 1, label: "الحالة".into(), message: "operational".into(), color: "green" };
        let svg = svg(&badge, ": ");
        assert_eq!(svg.matches("textLength").count(), 1, "{svg}");
        assert!(text_width("قيد الصيانة") > 40.0 && text_width("قيد الصيانة") < 11.0 * 11.0);
    }
}
