//! The pipeline's floors, as the compiler cannot see them: a module may use only the modules
//! below it, so no import runs back up (render never reaches into notify, serve never into
//! cmd) and no two modules depend on each other.
//!
//! Both tests read `src/` as tokens (`tokens.rs`) and resolve the paths each file names the
//! way the compiler would (`names.rs`), so comments and strings name nothing, and
//! `super::super::x`, use-trees, `use crate as root` and re-exports of the crate root all do.

mod files;
mod names;
mod tokens;

use names::{Crate, Module};
use std::path::Path;

/// Lowest first: each may use only the ones before it. `crate` is what `src/lib.rs` itself
/// defines (`Caches`, `check`, `render_site`): the pipeline put together, above every stage it
/// runs and below what runs it.
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
    "crate",
    "live",
    "deploy",
    "author",
    "import",
    "notify",
    "serve",
    "cmd",
    "cli",
];

fn floor(name: &str) -> Option<usize> {
    FLOORS.iter().position(|m| *m == name)
}

/// The floor of the file of `module`: its top module's, `crate` for `src/lib.rs`.
fn floor_of_file(module: &[String]) -> Option<usize> {
    floor(module.first().map_or("crate", String::as_str))
}

/// The floor of what the module path `path` names: its top module's; for an item of the
/// crate root, the floor of what it re-exports (`pub use diag::Diagnostic`), or `crate`.
fn floor_of(krate: &Crate, path: &[String], depth: usize) -> Option<usize> {
    let Some(first) = path.first() else { return floor("crate") };
    if let Some(at) = floor(first) {
        return Some(at);
    }
    let reexported = krate.resolve(&[], &path[..1]).filter(|target| target.as_slice() != &path[..1]);
    match reexported {
        Some(target) if depth < 8 => {
            let whole: Module = target.into_iter().chain(path[1..].iter().cloned()).collect();
            floor_of(krate, &whole, depth + 1)
        }
        _ => floor("crate"),
    }
}

/// Each path that runs up a floor, as `file: path (floor)`. Test code counts: a test of a low
/// stage has no business with a higher one either.
fn floor_problems(krate: &Crate) -> Vec<String> {
    let mut wrong = Vec::new();
    for file in &krate.files {
        let Some(at) = floor_of_file(&file.module) else { continue };
        for reference in &file.references {
            let used = if reference.macro_call {
                krate.targets(file, reference).into_iter().filter_map(|m| floor_of_file(&m)).max()
            } else {
                krate.resolve(&reference.scope, &reference.path).and_then(|path| floor_of(krate, &path, 0))
            };
            if let Some(used) = used.filter(|used| *used > at) {
                let written = reference.path.join("::");
                wrong.push(format!("{} uses {written} ({})", names::show(&file.module), FLOORS[used]));
            }
        }
    }
    for (owner, methods) in krate.method_uses() {
        let (Some(at), Some(used)) = (floor_of_file(&owner), floor_of_file(&methods)) else { continue };
        if used > at {
            let (owner, methods) = (names::show(&owner), names::show(&methods));
            wrong.push(format!("{owner} calls methods {methods} adds to its type ({})", FLOORS[used]));
        }
    }
    wrong.sort();
    wrong.dedup();
    wrong
}

#[test]
fn no_module_uses_one_above_it() {
    let krate = Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let floored = krate.files.iter().filter(|f| floor_of_file(&f.module).is_some()).count();
    assert!(floored > 50, "the walk found only {floored} files under src/ with a floor");
    let wrong = floor_problems(&krate);
    assert!(wrong.is_empty(), "imports that run up a floor:\n{}", wrong.join("\n"));
}

#[test]
fn every_module_of_the_crate_has_a_floor() {
    let krate = Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    let root = krate.file(&[]).expect("src/lib.rs");
    let declared = &root.scopes[&Vec::new()].children;
    assert!(declared.len() > 10, "src/lib.rs declares only {declared:?}");
    for name in declared.iter().filter(|name| !root.test_children.contains(&vec![name.to_string()])) {
        assert!(floor(name).is_some(), "src/lib.rs declares `{name}`, which has no place in FLOORS");
    }
    for file in &krate.files {
        assert!(floor_of_file(&file.module).is_some(), "{} has no floor", names::show(&file.module));
    }
}

#[track_caller]
fn assert_problems(snippets: &[(&str, &str)], expected: &[&str]) {
    assert_eq!(floor_problems(&Crate::of(snippets)), expected);
}

#[test]
fn a_use_that_runs_up_is_found() {
    assert_problems(
        &[("render", "use crate::notify::Plan;\nlet x = my_crate::notify::Plan;\n")],
        &["render uses crate::notify::Plan (notify)"],
    );
}

// Uses that run up, missed by the text-reading version of this test (attack review).

#[test]
fn a_use_tree_that_runs_up_is_found() {
    assert_problems(
        &[(
            "model",
            "#[allow(unused_imports)]\nuse crate::{cmd as _up_cmd, notify as _up_notify, diag::{self, Diagnostic}};",
        )],
        &["model uses crate::cmd (cmd)", "model uses crate::notify (notify)"],
    );
    assert_problems(&[("model", "use crate::{render::X as _};")], &["model uses crate::render::X (render)"]);
}

#[test]
fn super_super_that_runs_up_is_found() {
    assert_problems(
        &[("render::input", "#[allow(unused_imports)]\nuse super::super::notify as _up_notify;")],
        &["render::input uses super::super::notify (notify)"],
    );
}

#[test]
fn a_use_through_an_alias_of_the_crate_root_is_found() {
    assert_problems(
        &[("load::walk", "use crate as root;\nuse root::deploy as _up_deploy;\nfn f() { root::serve::go(); }")],
        &["load::walk uses root::deploy (deploy)", "load::walk uses root::serve::go (serve)"],
    );
    assert_problems(
        &[("load::walk", "extern crate self as sf;\nfn f() { sf::cmd::go(); }")],
        &["load::walk uses sf::cmd::go (cmd)"],
    );
}

#[test]
fn an_item_of_the_crate_root_sits_above_the_stages() {
    let root = (
        "crate",
        "mod diag;\nmod validate;\npub use diag::Diagnostic;\npub struct Caches { render: render::RenderCache }",
    );
    assert_problems(
        &[root, ("validate::times", "pub(crate) fn attack_up(_: &crate::Caches) {}")],
        &["validate::times uses crate::Caches (crate)"],
    );
    // What the root re-exports sits where it comes from; what runs the pipeline may use it.
    assert_problems(
        &[root, ("model", "fn f(_: crate::Diagnostic) {}"), ("serve", "fn f(_: crate::Caches) {}"), ("diag", "")],
        &[],
    );
}

#[test]
fn methods_a_higher_stage_adds_to_a_lower_type_are_a_use_of_it() {
    let snippets = [
        ("model", "pub struct Site;\nfn f(site: &Site) -> u8 { site.page_count() }"),
        (
            "render::count",
            "impl crate::model::Site {\n    pub(crate) fn page_count(&self) -> u8 {\n        1\n    }\n}",
        ),
    ];
    assert_problems(&snippets, &["model calls methods render::count adds to its type (render)"]);
}

#[test]
fn comments_strings_and_lookalikes_name_nothing() {
    assert_problems(
        &[(
            "model::status",
            "// attack19: Unlike crate::notify, nothing in model sends anything.\n\
             /* crate::serve /* nested */ crate::cmd */\n\
             #[allow(dead_code)]\nconst ATTACK_HELP: &str = \"statusforge's crate::cli parses the flags\";\n\
             const RAW: &[u8] = br#\"crate::deploy\"#;\n\
             pub(in crate::model) fn f() -> notify::Config { my_crate::cmd::x() }",
        )],
        &[],
    );
}
