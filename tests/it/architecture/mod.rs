//! The pipeline's floors, as the compiler cannot see them: a module may use only the modules
//! below it, so no import runs back up (render never reaches into notify, serve never into
//! cmd) and no two modules depend on each other.

mod files;
mod names;
mod tokens;

use std::path::Path;

/// Lowest first: each may use only the ones before it.
const FLOORS: &[&str] = &[
    "diag",
    "incremental",
    "model",
    "i18n",
    "clock",
    "load",
    "validate",
    "compute",
    "contract",
    "output",
    "render",
    "live",
    "deploy",
    "author",
    "notify",
    "serve",
    "cmd",
    "cli",
];

/// The crate modules a source file names (`crate::x`).
fn used_modules(text: &str) -> Vec<String> {
    let mut used = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let preceded_by_word = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        if preceded_by_word {
            continue;
        }
        let name: String = text[at + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        used.push(name);
    }
    used
}

fn module_of(file: &Path, src: &Path) -> Option<String> {
    let first = file.strip_prefix(src).ok()?.components().next()?.as_os_str().to_str()?.to_string();
    Some(first.trim_end_matches(".rs").to_string())
}

#[test]
fn no_module_uses_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = Vec::new();
    let mut seen_modules = 0;
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let Some(module) = module_of(path, &src) else { continue };
        let Some(floor) = FLOORS.iter().position(|m| *m == module) else { continue };
        seen_modules += 1;
        let text = std::fs::read_to_string(path).unwrap();
        for used in used_modules(&text) {
            if let Some(used_floor) = FLOORS.iter().position(|m| *m == used) {
                if used_floor > floor {
                    wrong.push(format!("{} uses crate::{used}", path.strip_prefix(&src).unwrap().display()));
                }
            }
        }
    }
    assert!(seen_modules > 50, "the walk found only {seen_modules} files under src/");
    wrong.sort();
    wrong.dedup();
    assert!(wrong.is_empty(), "imports that run up a floor:\n{}", wrong.join("\n"));
}

#[test]
fn every_module_of_the_crate_has_a_floor() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        let Some(rest) = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("pub(crate) mod ")) else {
            continue;
        };
        let name = rest.trim_end_matches(';');
        assert!(FLOORS.contains(&name), "src/lib.rs declares `{name}`, which has no place in FLOORS");
    }
}

#[test]
fn a_use_that_runs_up_is_found() {
    assert_eq!(used_modules("use crate::render::Input;\nlet x = my_crate::notify;"), vec!["render"]);
}
