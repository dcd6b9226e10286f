//! The integration tests, as one binary: each module exercises one capability through the
//! real binary or the library, on sites built in temp folders. See `tests/README.md`.

mod common;
mod notify_support;

mod api;
mod architecture;
mod authoring;
mod badges;
mod bodies;
mod browser;
mod check;
mod crash_safety;
mod deploy;
mod feeds;
mod fuzz_regressions;
mod headers;
mod html;
mod i18n;
mod ics;
mod import;
mod incremental;
mod limits;
mod live;
mod next_change;
mod notices;
mod notify;
mod notify_delivery;
mod notify_maintenance;
mod notify_targets;
mod parsers_never_panic;
mod serve;
mod smoke;
mod states;
mod status_json;
mod subscribe;
mod subscribe_check;
mod templates;
mod timeline;
mod upstream;
mod uptime;
mod workflows;
mod xss;
mod zones;
