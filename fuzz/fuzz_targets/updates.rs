//! Fuzzes the update-heading parser and the time parser: no input may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statusforge::load::updates;
use statusforge::validate::times;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = updates::parse(text, 0);
    for update in &parsed.updates {
        assert!(update.time_span.end <= text.len() && update.status_span.end <= text.len());
        let _ = times::parse_instant(&update.time, chrono_tz::Tz::Europe__Berlin);
    }
    let _ = times::parse_instant(text, chrono_tz::Tz::America__Sao_Paulo);
    let _ = times::parse_date(text);
    let _ = updates::nesting_depth(text);
});
