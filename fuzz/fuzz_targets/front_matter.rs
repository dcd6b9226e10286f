//! Fuzzes front matter splitting and the span-keeping YAML parser: no input may panic, and
//! every span must lie inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statusforge::load::{front_matter, yaml};

fn check_spans(node: &yaml::Node, len: usize) {
    assert!(node.span.start <= node.span.end && node.span.end <= len, "span {:?} outside {len}", node.span);
    match &node.value {
        yaml::Value::Seq(items) => items.iter().for_each(|n| check_spans(n, len)),
        yaml::Value::Map(entries) => entries.iter().for_each(|(k, v)| {
            check_spans(k, len);
            check_spans(v, len);
        }),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(split) = front_matter::split(text) {
        match yaml::parse(split.yaml, split.yaml_offset) {
            Ok(node) => check_spans(&node, text.len()),
            Err(error) => assert!(error.span.end <= text.len() + 1),
        }
    }
    let _ = yaml::parse(text, 0);
});
