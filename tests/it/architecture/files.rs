//! No circle between the files of `src/`: if `a.rs` names something of `b.rs`, nothing `b.rs`
//! reaches names `a.rs` again. A parent `mod.rs` that calls its children while they use its
//! types is such a circle; the shared types go in a file of their own that both use.
//!
//! The graph is read from the source's tokens (`names.rs`): every path a file names points at
//! the longest prefix of it that is a file; a macro of the crate at the file that defines it;
//! and a file that calls methods another file adds to its type (`impl super::T { fn m… }`)
//! reaches that file. Test code is left out: a unit test using the code it tests is no circle.

use super::names::{self, module, Crate, Module};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which files each file reaches.
fn graph(krate: &Crate) -> BTreeMap<Module, BTreeSet<Module>> {
    let mut edges: BTreeMap<Module, BTreeSet<Module>> =
        krate.files.iter().map(|f| (f.module.clone(), BTreeSet::new())).collect();
    for file in &krate.files {
        for reference in file.references.iter().filter(|r| !krate.is_test(file, r)) {
            let targets = krate.targets(file, reference);
            edges.get_mut(&file.module).unwrap().extend(targets.into_iter().filter(|t| *t != file.module));
        }
    }
    for (owner, methods) in krate.method_uses() {
        edges.get_mut(&owner).unwrap().insert(methods);
    }
    edges
}

/// Groups of files that reach each other (Tarjan's strongly connected components of two or more).
fn circles(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, (usize, usize)>,
        stack: Vec<&'a Module>,
        found: Vec<Vec<Module>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, v: &'a Module) {
            let n = self.index.len();
            self.index.insert(v, (n, n));
            self.stack.push(v);
            for w in &self.edges[v] {
                let Some(w) = self.edges.get_key_value(w).map(|(k, _)| k) else { continue };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[w].1.min(self.index[v].1);
                    self.index.get_mut(v).unwrap().1 = low;
                } else if self.stack.contains(&w) {
                    let low = self.index[w].0.min(self.index[v].1);
                    self.index.get_mut(v).unwrap().1 = low;
                }
            }
            let (number, low) = self.index[v];
            if number == low {
                let at = self.stack.iter().position(|m| *m == v).unwrap();
                let group: Vec<Module> = self.stack.drain(at..).cloned().collect();
                if group.len() > 1 {
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk { edges, index: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for v in edges.keys() {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

fn show(group: &[Module], edges: &BTreeMap<Module, BTreeSet<Module>>) -> String {
    let name = |m: &Module| names::show(m);
    let members: BTreeSet<&Module> = group.iter().collect();
    let mut lines = Vec::new();
    for m in &members {
        let inside: Vec<String> = edges[*m].iter().filter(|t| members.contains(t)).map(name).collect();
        lines.push(format!("  {} -> {}", name(m), inside.join(", ")));
    }
    lines.join("\n")
}

#[test]
fn no_two_files_reach_each_other() {
    let krate = Crate::read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(krate.files.len() > 50, "the walk found only {} files under src/", krate.files.len());
    let edges = graph(&krate);
    let found = circles(&edges);
    let shown: Vec<String> = found.iter().map(|group| show(group, &edges)).collect();
    assert!(found.is_empty(), "files that reach each other:\n{}", shown.join("\n\n"));
}

/// The circles in a crate of snippets, each as its sorted module names.
fn circles_in(snippets: &[(&str, &str)]) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = circles(&graph(&Crate::of(snippets)))
        .into_iter()
        .map(|group| {
            let mut names: Vec<String> = group.iter().map(|m| names::show(m)).collect();
            names.sort();
            names
        })
        .collect();
    found.sort();
    found
}

#[track_caller]
fn assert_circle(snippets: &[(&str, &str)], members: &[&str]) {
    assert_eq!(circles_in(snippets), [members.iter().map(|m| m.to_string()).collect::<Vec<_>>()]);
}

#[test]
fn a_parent_and_child_that_use_each_other_are_a_circle() {
    let krate = Crate::of(&[
        ("render", "mod html;\nmod theme;\nfn f() { html::page(); }\n"),
        (
            "render::html",
            "use super::{Input, theme::escape as e};\n// crate::notify\nlet s = \"crate::cmd\";\n#[cfg(test)]\nmod tests { use crate::cli; }",
        ),
        ("render::theme", ""),
        ("notify", ""),
        ("cli", ""),
    ]);
    let edges = graph(&krate);
    assert_eq!(edges[&module("render::html")], [module("render"), module("render::theme")].into_iter().collect());
    assert_eq!(circles(&edges), vec![vec![module("render"), module("render::html")]]);
}

// Circles the text-reading version of this test missed (attack review, probes in src/diag/).

#[test]
fn a_glob_import_of_the_parent_is_a_use_of_it() {
    assert_circle(
        &[
            ("diag", "mod fn_glob;\npub struct Diagnostic;\nfn f(d: &Diagnostic) -> bool { fn_glob::g(d) }"),
            ("diag::fn_glob", "use super::*;\npub(crate) fn g(d: &Diagnostic) -> bool {\n    d.is_error()\n}"),
        ],
        &["diag", "diag::fn_glob"],
    );
}

#[test]
fn a_glob_import_brings_in_the_siblings() {
    assert_circle(
        &[
            ("a", "mod b;\nmod c;\n"),
            ("a::b", "use super::*;\npub fn f() { c::g() }"),
            ("a::c", "pub fn g() { super::b::f() }"),
        ],
        &["a::b", "a::c"],
    );
}

#[test]
fn a_child_declared_with_a_trailing_comment_is_a_child() {
    assert_circle(
        &[
            ("diag", "mod fn_comment; // a child\nfn f() { fn_comment::h(); }"),
            ("diag::fn_comment", "pub(crate) fn h() -> Option<super::Diagnostic> {\n    None\n}"),
        ],
        &["diag", "diag::fn_comment"],
    );
}

#[test]
fn a_raw_byte_string_ending_in_a_backslash_hides_nothing() {
    assert_circle(
        &[
            ("diag", "mod fn_raw;\nfn f() { fn_raw::r(); }"),
            (
                "diag::fn_raw",
                "const SEP: &[u8] = br\"\\\";\npub(crate) fn r() -> Option<super::Diagnostic> {\n    None\n}\nconst END: &str = \"\";",
            ),
        ],
        &["diag", "diag::fn_raw"],
    );
}

#[test]
fn super_in_an_inline_module_is_the_file() {
    assert_circle(
        &[
            ("diag", "mod fn_inline;\nmod fn_sibling;\n"),
            (
                "diag::fn_inline",
                "mod inner {\n    pub(crate) fn i() -> u8 {\n        super::super::fn_sibling::s()\n    }\n}\n\
                 pub(crate) fn from_inline() -> u8 {\n    inner::i()\n}",
            ),
            (
                "diag::fn_sibling",
                "pub(crate) fn s() -> u8 { 0 }\npub(crate) fn back() -> u8 { super::fn_inline::from_inline() }",
            ),
        ],
        &["diag::fn_inline", "diag::fn_sibling"],
    );
}

#[test]
fn code_after_a_test_module_counts() {
    assert_circle(
        &[
            ("diag", "mod fn_midtest;\nfn f() { fn_midtest::m(); }"),
            (
                "diag::fn_midtest",
                "#[cfg(test)]\nmod tests {}\n\npub(crate) fn m() -> Option<super::Diagnostic> {\n    None\n}",
            ),
        ],
        &["diag", "diag::fn_midtest"],
    );
}

#[test]
fn a_path_put_together_by_a_macro_counts() {
    assert_circle(
        &[
            ("diag", "mod fn_macro;\nfn f(d: &Diagnostic) -> bool { fn_macro::mm(d) }"),
            (
                "diag::fn_macro",
                "macro_rules! up {\n    ($($p:tt)*) => { $($p)*::Diagnostic };\n}\npub(crate) fn mm(d: &up!(super)) -> bool {\n    d.is_error()\n}",
            ),
        ],
        &["diag", "diag::fn_macro"],
    );
}

#[test]
fn paths_in_and_to_macros_count() {
    // In a macro's arguments.
    assert_circle(
        &[("a", "fn f() { println!(\"{}\", crate::b::g()); }"), ("b", "pub fn g() { crate::a::f() }")],
        &["a", "b"],
    );
    // In a `macro_rules!` body, `$crate` too.
    assert_circle(
        &[
            ("a", "macro_rules! go { () => { $crate::b::g() }; }\npub fn f() {}"),
            ("b", "pub fn g() { crate::a::f(); }"),
        ],
        &["a", "b"],
    );
    // A macro by its path: it lives where it is defined.
    assert_circle(
        &[
            ("a", "pub fn f() { crate::b::m!(); }"),
            ("b", "macro_rules! m { () => {} }\npub(crate) use m;\nfn g() { crate::a::f(); }"),
        ],
        &["a", "b"],
    );
    // An exported macro called by its name or from the crate root.
    for call in ["helper!()", "crate::helper!()"] {
        assert_circle(
            &[
                ("crate", "mod m;\nmod n;\n"),
                ("m", "#[macro_export]\nmacro_rules! helper { () => { 1 } }\npub fn f() -> u8 { crate::n::g() }"),
                ("n", &format!("pub fn g() -> u8 {{ {call} }}")),
            ],
            &["m", "n"],
        );
    }
}

#[test]
fn methods_a_child_adds_to_a_parent_type_are_a_use_of_the_child() {
    assert_circle(
        &[
            ("diag", "mod fn_impl;\npub(crate) struct Holder;\nfn f() -> u8 { Holder.helper() }"),
            ("diag::fn_impl", "impl super::Holder {\n    pub(crate) fn helper(&self) -> u8 {\n        1\n    }\n}"),
        ],
        &["diag", "diag::fn_impl"],
    );
    // Methods the parent never calls: no circle.
    assert!(circles_in(&[
        ("diag", "mod fn_impl;\npub(crate) struct Holder;\nfn f() -> u8 { Holder.other() }"),
        ("diag::fn_impl", "impl super::Holder { pub(crate) fn helper(&self) -> u8 { 1 } }"),
    ])
    .is_empty());
}

// No circle, yet the text-reading version of this test reported one (probes in src/output/).

#[test]
fn what_is_no_use_makes_no_circle() {
    for (name, text) in [
        (
            "nested block comments",
            "/* Block comments nest in Rust: /* an inner one */ so this still is a comment:\n   unlike super::OutputFile, ... */\n\
             pub(crate) fn c() -> u8 {\n    0\n}",
        ),
        (
            "super in an inline module",
            "pub(crate) struct Local;\nmod inner {\n    // `super` here is this file's module, not output/mod.rs.\n    \
             pub(super) fn make() -> super::Local {\n        super::Local\n    }\n}\npub(crate) fn c() -> u8 {\n    let _ = inner::make();\n    0\n}",
        ),
        ("a visibility", "pub(in crate::output) fn c() -> u8 {\n    0\n}"),
        ("a raw byte string", "const DOC: &[u8] = br#\"see \"crate::output\" here\"#;\npub(crate) fn c() -> usize {\n    DOC.len()\n}"),
        ("a test module", "pub(crate) fn c() {}\n#[cfg(test)]\nmod tests {\n    use super::super::OutputFile;\n}"),
        ("a string", "pub(crate) fn c() -> &'static str { \"super::OutputFile\" }"),
        ("a character", "pub(crate) fn c() -> char { '\"' }\nfn d() -> &'static str { \"super::OutputFile\" }"),
    ] {
        let found = circles_in(&[("output", "mod child;\npub struct OutputFile;\nfn f() { child::c(); }"), ("output::child", text)]);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
}
