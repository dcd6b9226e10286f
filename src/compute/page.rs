//! The page-wide indicator and its description, following the hosted product's public API.

use super::incident::IncidentState;
use super::maintenance::MaintenanceState;
use super::state::ComponentState;
use super::state::PageStatus;
use crate::model::{ComponentStatus, Impact, Indicator};

/// The more alarming of two signals, as Statuspage does:
/// - unresolved incidents by their worst impact: minor -> "Minor Service Outage",
///   major -> "Partial System Outage", critical -> "Major System Outage";
/// - components by their worst status: degraded -> "Partially Degraded Service", partial or
///   some major outages -> "Partial System Outage", every component in major outage ->
///   "Major System Outage", under maintenance -> "Service Under Maintenance".
///
/// On a tie the incident's wording wins, since it names what the team declared.
pub(super) fn status(
    components: &[ComponentState],
    incidents: &[IncidentState],
    maintenances: &[MaintenanceState],
) -> PageStatus {
    let from_incidents =
        incidents.iter().filter(|i| i.is_active()).map(IncidentState::impact).max().map(|impact| match impact {
            Impact::None => NONE,
            Impact::Minor => MINOR_OUTAGE,
            Impact::Major => PARTIAL_OUTAGE,
            Impact::Critical => MAJOR_OUTAGE,
        });
    let worst = components.iter().map(|c| c.status).max().unwrap_or(ComponentStatus::Operational);
    let all_down = !components.is_empty() && components.iter().all(|c| c.status == ComponentStatus::MajorOutage);
    let from_components = match worst {
        ComponentStatus::MajorOutage if all_down => MAJOR_OUTAGE,
        ComponentStatus::MajorOutage | ComponentStatus::PartialOutage => PARTIAL_OUTAGE,
        ComponentStatus::DegradedPerformance => DEGRADED,
        ComponentStatus::UnderMaintenance => MAINTENANCE,
        ComponentStatus::Operational if maintenances.iter().any(|m| m.phase.is_active()) => MAINTENANCE,
        ComponentStatus::Operational => NONE,
    };
    match from_incidents {
        Some(incident) if incident.indicator >= from_components.indicator => incident,
        _ => from_components,
    }
}

const NONE: PageStatus = PageStatus {
    indicator: Indicator::None,
    description: "All Systems Operational",
    description_key: "all_operational",
};
const MINOR_OUTAGE: PageStatus =
    PageStatus { indicator: Indicator::Minor, description: "Minor Service Outage", description_key: "minor_outage" };
const DEGRADED: PageStatus = PageStatus {
    indicator: Indicator::Minor,
    description: "Partially Degraded Service",
    description_key: "partially_degraded",
};
const PARTIAL_OUTAGE: PageStatus =
    PageStatus { indicator: Indicator::Major, description: "Partial System Outage", description_key: "partial_outage" };
const MAJOR_OUTAGE: PageStatus =
    PageStatus { indicator: Indicator::Critical, description: "Major System Outage", description_key: "major_outage" };
const MAINTENANCE: PageStatus = PageStatus {
    indicator: Indicator::Maintenance,
    description: "Service Under Maintenance",
    description_key: "under_maintenance",
};
