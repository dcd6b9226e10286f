//! The closed sets of the status vocabulary, their keywords, and their one severity order.

use std::fmt;

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident ($what:literal) { $($(#[$vmeta:meta])* $variant:ident => $keyword:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* #[doc = concat!("\n\nKeyword: `", $keyword, "`.")] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The keyword of each value, in declaration order.
            pub const KEYWORDS: &'static [&'static str] = &[$($keyword),+];

            /// The snake_case keyword used in files and in the Statuspage API.
            pub fn keyword(self) -> &'static str {
                match self { $($name::$variant => $keyword),+ }
            }

            /// The keyword as an update heading writes it: `in_progress` -> `In progress`.
            pub fn heading(self) -> String {
                heading_word(self.keyword())
            }

            /// What a value is called in messages ("component status").
            pub const NAME: &'static str = $what;

            /// Reads a keyword case-insensitively; spaces and dashes count as underscores.
            pub fn parse(text: &str) -> Option<$name> {
                let normal = normalize_keyword(text);
                Self::ALL.iter().copied().find(|v| v.keyword() == normal)
            }

            /// The help for a word that is not a keyword: the closest keyword, and all of them.
            pub fn help(wrong: &str) -> String {
                crate::diag::suggestion(wrong, Self::KEYWORDS, "expected one of")
            }

            /// Reads a keyword, or says what is wrong and what would be right, for the command line.
            pub fn parse_or_error(text: &str) -> Result<$name, String> {
                Self::parse(text).ok_or_else(|| format!("unknown {} `{text}`; {}", Self::NAME, Self::help(text)))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.keyword())
            }
        }
    };
}

/// A status keyword as a heading word: `in_progress` -> `In progress`.
pub fn heading_word(keyword: &str) -> String {
    let spaced = keyword.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn normalize_keyword(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

keyword_enum! {
    /// A component's status, declared least to most severe so `Ord` is severity
    /// (docs/DESIGN.md: major_outage > partial_outage > degraded_performance > under_maintenance > operational).
    ComponentStatus ("component status") {
        Operational => "operational",
        UnderMaintenance => "under_maintenance",
        DegradedPerformance => "degraded_performance",
        PartialOutage => "partial_outage",
        MajorOutage => "major_outage",
    }
}

keyword_enum! {
    /// What one feed entry stands for. Many feed readers show an entry once and never again
    /// when it changes, so `per_update` makes every update (a resolution too) a new entry.
    #[derive(Default)]
    FeedEntries ("feed entries") {
        #[default]
        PerIncident => "per_incident",
        PerUpdate => "per_update",
    }
}

keyword_enum! {
    /// Whether search engines may index the site: `noindex` keeps a staging or internal build
    /// out of them (a `robots` meta tag on every page and `X-Robots-Tag` in `_headers`).
    #[derive(Default)]
    Robots ("robots setting") {
        #[default]
        Index => "index",
        NoIndex => "noindex",
    }
}

keyword_enum! {
    /// How bad an incident is, least to most severe.
    Impact ("impact") {
        None => "none",
        Minor => "minor",
        Major => "major",
        Critical => "critical",
    }
}

keyword_enum! {
    /// Where an incident stands.
    IncidentStatus ("incident status") {
        Investigating => "investigating",
        Identified => "identified",
        Monitoring => "monitoring",
        Resolved => "resolved",
        Postmortem => "postmortem",
    }
}

keyword_enum! {
    /// Where a maintenance window stands as its authors wrote it. `Cancelled` is ours:
    /// Statuspage has no such value, so the API reports a cancelled window as `completed`.
    MaintenanceStatus ("maintenance status") {
        Scheduled => "scheduled",
        InProgress => "in_progress",
        Verifying => "verifying",
        Completed => "completed",
        Cancelled => "cancelled",
    }
}

keyword_enum! {
    /// The page-wide status indicator of the Statuspage API, ordered by how alarming it is.
    Indicator ("status indicator") {
        None => "none",
        Maintenance => "maintenance",
        Minor => "minor",
        Major => "major",
        Critical => "critical",
    }
}

impl ComponentStatus {
    /// Share of time in this status that counts as downtime (Statuspage: major 100%, partial 30%).
    pub fn downtime_weight(self) -> f64 {
        match self {
            ComponentStatus::MajorOutage => 1.0,
            ComponentStatus::PartialOutage => 0.3,
            _ => 0.0,
        }
    }

    /// The impact Statuspage derives from a component status.
    pub fn implied_impact(self) -> Impact {
        match self {
            ComponentStatus::MajorOutage => Impact::Critical,
            ComponentStatus::PartialOutage => Impact::Major,
            ComponentStatus::DegradedPerformance => Impact::Minor,
            ComponentStatus::UnderMaintenance | ComponentStatus::Operational => Impact::None,
        }
    }
}

impl Impact {
    /// The component status an impact stands for, when components are listed without one.
    pub fn implied_status(self) -> ComponentStatus {
        match self {
            Impact::Critical => ComponentStatus::MajorOutage,
            Impact::Major => ComponentStatus::PartialOutage,
            Impact::Minor => ComponentStatus::DegradedPerformance,
            Impact::None => ComponentStatus::Operational,
        }
    }
}

impl IncidentStatus {
    /// Resolved and postmortem both mean the impact has ended.
    pub fn is_closed(self) -> bool {
        matches!(self, IncidentStatus::Resolved | IncidentStatus::Postmortem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_follows_the_design() {
        use ComponentStatus::*;
        assert!(MajorOutage > PartialOutage);
        assert!(PartialOutage > DegradedPerformance);
        assert!(DegradedPerformance > UnderMaintenance);
        assert!(UnderMaintenance > Operational);
    }

    #[test]
    fn keywords_read_case_insensitively_with_spaces() {
        assert_eq!(MaintenanceStatus::parse("In Progress"), Some(MaintenanceStatus::InProgress));
        assert_eq!(IncidentStatus::parse("RESOLVED"), Some(IncidentStatus::Resolved));
        assert_eq!(ComponentStatus::parse("partial-outage"), Some(ComponentStatus::PartialOutage));
        assert_eq!(Impact::parse("huge"), None);
    }

    #[test]
    fn every_keyword_round_trips() {
        for status in ComponentStatus::ALL {
            assert_eq!(ComponentStatus::parse(status.keyword()), Some(*status));
        }
        for status in MaintenanceStatus::ALL {
            assert_eq!(MaintenanceStatus::parse(status.keyword()), Some(*status));
        }
    }
}
