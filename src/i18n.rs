//! Every word the site shows (pages, feeds, notifications), in English (`en`) and Brazilian Portuguese (`pt-BR`), and the
//! language's way of writing dates, times, percentages and durations. No status is decided here.

use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// One language: its strings, month names and number style.
pub(crate) struct Lang {
    /// The BCP 47 tag for `<html lang>`.
    pub code: &'static str,
    strings: &'static [(&'static str, &'static str)],
    months: [&'static str; 12],
    months_short: [&'static str; 12],
    /// One letter per weekday, Sunday first, over the columns of the uptime calendars.
    pub weekday_initials: [&'static str; 7],
    decimal_comma: bool,
}

/// Every built-in language: the one list `check` accepts and names.
pub(crate) static LANGUAGES: [&Lang; 2] = [&EN, &PT_BR];

/// The built-in language with this tag (any case).
pub(crate) fn find(code: &str) -> Option<&'static Lang> {
    LANGUAGES.iter().copied().find(|lang| lang.code.eq_ignore_ascii_case(code))
}

/// The tags of the built-in languages, for help text.
pub(crate) fn codes() -> Vec<&'static str> {
    LANGUAGES.iter().map(|lang| lang.code).collect()
}

/// The language for `config.language`; validation only lets known ones through, so anything
/// else falls back to English.
pub(crate) fn lang(code: &str) -> &'static Lang {
    find(code).unwrap_or(&EN)
}

impl Lang {
    /// The flat table templates read as `t.key` (or `t["component.operational"]`).
    pub(crate) fn table(&self) -> BTreeMap<&'static str, &'static str> {
        let mut table: BTreeMap<_, _> = EN.strings.iter().copied().collect();
        table.extend(self.strings.iter().copied());
        table
    }

    /// A string by key; English when this language lacks it, "" as a last resort.
    pub(crate) fn get(&'static self, key: &str) -> &'static str {
        self.index().get(key).copied().unwrap_or("")
    }

    /// The merged table as a hash map, built once per language: pages look up words
    /// thousands of times per build.
    fn index(&'static self) -> &'static HashMap<&'static str, &'static str> {
        static EN_INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        static PT_BR_INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
        let cell = if std::ptr::eq(self, &PT_BR) { &PT_BR_INDEX } else { &EN_INDEX };
        cell.get_or_init(|| self.table().into_iter().collect())
    }

    /// A keyword of a closed set, e.g. `("component", "partial_outage")` -> "Partial outage".
    pub(crate) fn word(&'static self, family: &str, keyword: &str) -> &'static str {
        let found = self.get(&format!("{family}.{keyword}"));
        if found.is_empty() {
            "?"
        } else {
            found
        }
    }

    /// A string with `{n}` replaced.
    pub(crate) fn count(&'static self, key: &str, n: impl std::fmt::Display) -> String {
        self.get(key).replace("{n}", &n.to_string())
    }

    /// "Nov 20, 2026" / "20 nov. 2026".
    pub(crate) fn date(&self, date: NaiveDate) -> String {
        let month = self.months_short[date.month0() as usize];
        if self.decimal_comma {
            format!("{} {month} {}", date.day(), date.year())
        } else {
            format!("{month} {}, {}", date.day(), date.year())
        }
    }

    /// "Nov 20" / "20 nov.", for the tight space of an uptime bar.
    pub(crate) fn day(&self, date: NaiveDate) -> String {
        let month = self.months_short[date.month0() as usize];
        if self.decimal_comma {
            format!("{} {month}", date.day())
        } else {
            format!("{month} {}", date.day())
        }
    }

    /// "November 2026" / "novembro de 2026".
    pub(crate) fn month(&self, year: i32, month0: usize) -> String {
        let name = self.months[month0 % 12];
        if self.decimal_comma {
            format!("{name} de {year}")
        } else {
            format!("{name} {year}")
        }
    }

    /// "Nov 20, 2026, 14:02 -03": a moment on the site's wall clock with its zone
    /// abbreviation, so a reader abroad knows which clock it is. The hour and minute are
    /// written directly (what `%H:%M %Z` prints): strftime parses its pattern on every call,
    /// and pages print thousands of times.
    pub(crate) fn datetime(&self, local: &DateTime<Tz>) -> String {
        // A no-break space keeps the zone with its clock: on a phone the line may break after
        // the date, never leave `-03` alone on the next line.
        format!("{}, {:02}:{:02}\u{a0}{}", self.date(local.date_naive()), local.hour(), local.minute(), local.offset())
    }

    /// "99.98%" / "99,98%". Never rounds a day with downtime up to 100%.
    pub(crate) fn percent(&self, value: f64) -> String {
        let text = if value >= 100.0 { "100".to_string() } else { format!("{:.2}", (value * 100.0).floor() / 100.0) };
        let text = if self.decimal_comma { text.replace('.', ",") } else { text };
        format!("{text}%")
    }

    /// "2 h 38 min", "3 d 4 h", "12 min": rounded down to the minute.
    pub(crate) fn duration(&self, seconds: i64) -> String {
        let minutes = seconds.max(0) / 60;
        let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        match (d, h, m) {
            (0, 0, m) => format!("{m} min"),
            (0, h, 0) => format!("{h} h"),
            (0, h, m) => format!("{h} h {m} min"),
            (d, 0, _) => format!("{d} d"),
            (d, h, _) => format!("{d} d {h} h"),
        }
    }
}

pub(crate) static EN: Lang = Lang {
    code: "en",
    strings: &[
        ("skip", "Skip to content"),
        ("home", "Current status"),
        ("updated", "Updated"),
        ("last_posted", "Last update posted"),
        ("generated", "Page generated"),
        ("active_incidents", "Active incidents"),
        ("maintenance", "Scheduled maintenance"),
        ("components", "Components"),
        ("other_components", "Other components"),
        ("recent_incidents", "Recent incidents"),
        ("no_recent_incidents", "No incidents reported recently."),
        ("history", "Incident history"),
        ("view_history", "View the full incident history"),
        ("subscribe", "Subscribe to updates"),
        ("feed_rss", "RSS feed"),
        ("feed_atom", "Atom feed"),
        ("feed_json", "JSON Feed"),
        ("calendar", "Maintenance calendar (iCalendar)"),
        ("status_json", "Status in JSON"),
        ("api_summary", "Status API (Statuspage v2 format)"),
        ("days_ago", "{n} days ago"),
        ("today", "Today"),
        ("uptime", "{n} uptime"),
        ("uptime_of", "Daily uptime of {n}"),
        ("no_data", "no data"),
        ("no_uptime", "No uptime data yet"),
        ("affected", "Affected components"),
        ("impact", "Impact"),
        ("status", "Status"),
        ("duration", "Duration"),
        ("ongoing", "ongoing"),
        ("started", "Started"),
        ("resolved_at", "Resolved"),
        ("updates", "Updates"),
        ("latest_update", "Latest update"),
        ("window", "Window"),
        ("phase", "Phase"),
        ("uptime_history", "Uptime over the last 12 months"),
        ("incidents", "Incidents"),
        ("no_incidents", "No incidents affected this component."),
        ("maintenances", "Maintenance"),
        ("component_feeds", "Feeds for this component"),
        ("newer", "Newer incidents"),
        ("older", "Older incidents"),
        ("page_of", "Page {n}"),
        ("component_history", "Incident history of {n}"),
        ("all_incidents", "All {n} incidents"),
        ("no_history", "No incidents have been reported."),
        ("not_found", "Page not found"),
        (
            "not_found_text",
            "There is nothing at this address. The current status of every service is on the front page.",
        ),
        ("powered_by", "Built with statusforge"),
        ("pagination", "Pagination"),
        ("links", "Links"),
        ("days_in_zone", "Uptime days are counted in {n} time."),
        ("local_times", "Other times are shown in your time zone."),
        ("embed_view", "View status"),
        ("embed_dismiss", "Dismiss"),
        ("component.operational", "Operational"),
        ("component.under_maintenance", "Under maintenance"),
        ("component.degraded_performance", "Degraded performance"),
        ("component.partial_outage", "Partial outage"),
        ("component.major_outage", "Major outage"),
        ("incident.investigating", "Investigating"),
        ("incident.identified", "Identified"),
        ("incident.monitoring", "Monitoring"),
        ("incident.resolved", "Resolved"),
        ("incident.postmortem", "Postmortem"),
        ("incident.update", "Update"),
        ("maintenance.scheduled", "Scheduled"),
        ("maintenance.in_progress", "In progress"),
        ("maintenance.verifying", "Verifying"),
        ("maintenance.completed", "Completed"),
        ("maintenance.cancelled", "Cancelled"),
        ("maintenance.update", "Update"),
        ("phase.upcoming", "Upcoming"),
        ("phase.in_progress", "In progress"),
        ("phase.verifying", "Verifying"),
        ("phase.completed", "Completed"),
        ("phase.cancelled", "Cancelled"),
        ("impact.none", "No impact"),
        ("impact.minor", "Minor"),
        ("impact.major", "Major"),
        ("impact.critical", "Critical"),
        ("page.all_operational", "All Systems Operational"),
        ("page.minor_outage", "Minor Service Outage"),
        ("page.partially_degraded", "Partially Degraded Service"),
        ("page.partial_outage", "Partial System Outage"),
        ("page.major_outage", "Major System Outage"),
        ("page.under_maintenance", "Service Under Maintenance"),
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    months_short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    weekday_initials: ["S", "M", "T", "W", "T", "F", "S"],
    decimal_comma: false,
};

pub(crate) static PT_BR: Lang = Lang {
    code: "pt-BR",
    strings: &[
        ("skip", "Pular para o conteúdo"),
        ("home", "Status atual"),
        ("updated", "Atualizado em"),
        ("last_posted", "Última atualização publicada em"),
        ("generated", "Página gerada em"),
        ("active_incidents", "Incidentes em andamento"),
        ("maintenance", "Manutenções programadas"),
        ("components", "Componentes"),
        ("other_components", "Outros componentes"),
        ("recent_incidents", "Incidentes recentes"),
        ("no_recent_incidents", "Nenhum incidente relatado recentemente."),
        ("history", "Histórico de incidentes"),
        ("view_history", "Ver o histórico completo de incidentes"),
        ("subscribe", "Receba as atualizações"),
        ("feed_rss", "Feed RSS"),
        ("feed_atom", "Feed Atom"),
        ("feed_json", "JSON Feed"),
        ("calendar", "Calendário de manutenções (iCalendar)"),
        ("status_json", "Status em JSON"),
        ("api_summary", "API de status (formato Statuspage v2)"),
        ("days_ago", "há {n} dias"),
        ("today", "Hoje"),
        ("uptime", "{n} de disponibilidade"),
        ("uptime_of", "Disponibilidade diária de {n}"),
        ("no_data", "sem dados"),
        ("no_uptime", "Ainda sem dados de disponibilidade"),
        ("affected", "Componentes afetados"),
        ("impact", "Impacto"),
        ("status", "Situação"),
        ("duration", "Duração"),
        ("ongoing", "em andamento"),
        ("started", "Início"),
        ("resolved_at", "Resolvido"),
        ("updates", "Atualizações"),
        ("latest_update", "Última atualização"),
        ("window", "Janela"),
        ("phase", "Fase"),
        ("uptime_history", "Disponibilidade nos últimos 12 meses"),
        ("incidents", "Incidentes"),
        ("no_incidents", "Nenhum incidente afetou este componente."),
        ("maintenances", "Manutenções"),
        ("component_feeds", "Feeds deste componente"),
        ("newer", "Incidentes mais recentes"),
        ("older", "Incidentes mais antigos"),
        ("page_of", "Página {n}"),
        ("component_history", "Histórico de incidentes de {n}"),
        ("all_incidents", "Todos os {n} incidentes"),
        ("no_history", "Nenhum incidente foi relatado."),
        ("not_found", "Página não encontrada"),
        ("not_found_text", "Não há nada neste endereço. O status atual de cada serviço está na página inicial."),
        ("powered_by", "Feito com statusforge"),
        ("pagination", "Paginação"),
        ("links", "Links"),
        ("days_in_zone", "Os dias de disponibilidade seguem o fuso {n}."),
        ("local_times", "Os demais horários aparecem no seu fuso horário."),
        ("embed_view", "Ver status"),
        ("embed_dismiss", "Dispensar"),
        ("component.operational", "Operacional"),
        ("component.under_maintenance", "Em manutenção"),
        ("component.degraded_performance", "Desempenho degradado"),
        ("component.partial_outage", "Interrupção parcial"),
        ("component.major_outage", "Interrupção total"),
        ("incident.investigating", "Investigando"),
        ("incident.identified", "Identificado"),
        ("incident.monitoring", "Monitorando"),
        ("incident.resolved", "Resolvido"),
        ("incident.postmortem", "Análise pós-incidente"),
        ("incident.update", "Atualização"),
        ("maintenance.scheduled", "Programada"),
        ("maintenance.in_progress", "Em andamento"),
        ("maintenance.verifying", "Em verificação"),
        ("maintenance.completed", "Concluída"),
        ("maintenance.cancelled", "Cancelada"),
        ("maintenance.update", "Atualização"),
        ("phase.upcoming", "Programada"),
        ("phase.in_progress", "Em andamento"),
        ("phase.verifying", "Em verificação"),
        ("phase.completed", "Concluída"),
        ("phase.cancelled", "Cancelada"),
        ("impact.none", "Sem impacto"),
        ("impact.minor", "Baixo"),
        ("impact.major", "Alto"),
        ("impact.critical", "Crítico"),
        ("page.all_operational", "Todos os sistemas operacionais"),
        ("page.minor_outage", "Pequena interrupção de serviço"),
        ("page.partially_degraded", "Serviço parcialmente degradado"),
        ("page.partial_outage", "Interrupção parcial do sistema"),
        ("page.major_outage", "Interrupção grave do sistema"),
        ("page.under_maintenance", "Serviço em manutenção"),
    ],
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    months_short: ["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
    weekday_initials: ["D", "S", "T", "Q", "Q", "S", "S"],
    decimal_comma: true,
};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn both_languages_translate_every_key() {
        for (key, _) in EN.strings {
            assert!(PT_BR.strings.iter().any(|(k, _)| k == key), "pt-BR lacks {key}");
        }
        assert_eq!(EN.strings.len(), PT_BR.strings.len());
    }

    #[test]
    fn times_carry_the_zone_abbreviation_in_the_language_style() {
        let t = Utc.with_ymd_and_hms(2026, 11, 20, 17, 2, 0).unwrap();
        assert_eq!(EN.datetime(&t.with_timezone(&chrono_tz::America::Sao_Paulo)), "Nov 20, 2026, 14:02\u{a0}-03");
        assert_eq!(PT_BR.datetime(&t.with_timezone(&chrono_tz::Europe::Berlin)), "20 nov. 2026, 18:02\u{a0}CET");
    }

    #[test]
    fn percentages_never_round_up_to_a_perfect_day() {
        assert_eq!(EN.percent(99.999), "99.99%");
        assert_eq!(EN.percent(100.0), "100%");
        assert_eq!(PT_BR.percent(97.5), "97,50%");
    }

    #[test]
    fn durations_read_in_hours_and_minutes() {
        assert_eq!(EN.duration(2 * 3600 + 38 * 60 + 59), "2 h 38 min");
        assert_eq!(EN.duration(27 * 3600), "1 d 3 h");
        assert_eq!(EN.duration(30), "0 min");
    }

    #[test]
    fn unknown_languages_fall_back_to_english() {
        assert_eq!(lang("pt-br").code, "pt-BR");
        assert_eq!(lang("xx").code, "en");
        assert_eq!(EN.word("component", "major_outage"), "Major outage");
    }
}
