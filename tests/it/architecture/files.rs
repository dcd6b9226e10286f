//! No circle between the files of `src/`: if `a.rs` names something of `b.rs`, nothing `b.rs`
//! reaches names `a.rs` again. A parent `mod.rs` that calls its children while they use its
//! types is such a circle; the shared types go in a file of their own that both use.
//!
//! The graph is read from the source text: every path that starts with `crate::`, `super::`,
//! `self::` or a child module's name, use-trees included, points at the longest prefix that is
//! a file. Comments, strings and `#[cfg(test)] mod tests` are left out: a unit test using the
//! code it tests is no circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path: `["render", "html", "memo"]` for `src/render/html/memo.rs`.
type Module = Vec<String>;

struct SourceFile {
    module: Module,
    code: String,
}

fn source_files(src: &Path) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap().with_extension("");
        let mut module: Module = relative.iter().map(|part| part.to_str().unwrap().to_string()).collect();
        if module.last().is_some_and(|last| last == "mod" || last == "lib") {
            module.pop();
        }
        let text = std::fs::read_to_string(path).unwrap();
        files.push(SourceFile { module, code: without_tests(&code_only(&text)) });
    }
    files
}

/// The text with comments, string and character literals blanked out.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.starts_with(&['/', '/']) {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if rest.starts_with(&['/', '*']) {
            let end = (i + 2..chars.len().saturating_sub(1)).find(|&j| chars[j] == '*' && chars[j + 1] == '/');
            i = end.map_or(chars.len(), |j| j + 2);
        } else if chars[i] == 'r' && matches!(rest.get(1), Some('"' | '#')) && !is_word(chars.get(i.wrapping_sub(1))) {
            let hashes = rest[1..].iter().take_while(|&&c| c == '#').count();
            if rest.get(1 + hashes) != Some(&'"') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let start = i + 2 + hashes;
            let end = (start..chars.len()).find(|&j| chars[j..].starts_with(&close));
            i = end.map_or(chars.len(), |j| j + close.len());
            out.push_str("\"\"");
        } else if chars[i] == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if chars[i] == '\'' && rest.get(1) == Some(&'\\') {
            let end = (i + 2..chars.len()).find(|&j| chars[j] == '\'');
            i = end.map_or(chars.len(), |j| j + 1);
        } else if chars[i] == '\'' && rest.get(2) == Some(&'\'') {
            i += 3;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn is_word(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// The code before a trailing `#[cfg(test)] mod tests`.
fn without_tests(code: &str) -> String {
    let mut search = 0;
    while let Some(at) = code[search..].find("#[cfg(test)]") {
        let at = search + at;
        let after = code[at + 12..].trim_start();
        if after.starts_with("mod tests") {
            return code[..at].to_string();
        }
        search = at + 12;
    }
    code.to_string()
}

/// The module paths a file's code names, relative paths resolved from `module`.
fn named_paths(module: &Module, code: &str) -> Vec<Module> {
    let children: BTreeSet<String> = code
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("pub(crate) ").or_else(|| line.strip_prefix("pub ")).unwrap_or(line);
            line.strip_prefix("mod ")?.strip_suffix(';').map(str::to_string)
        })
        .collect();
    let chars: Vec<char> = code.chars().collect();
    let mut paths = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_word(Some(&chars[i])) && !is_word(i.checked_sub(1).and_then(|j| chars.get(j))) {
            let (found, end) = path_at(&chars, i);
            for path in found {
                if let Some(resolved) = resolve(module, &children, &path) {
                    paths.push(resolved);
                }
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    paths
}

/// The paths written at `i` (several for a use-tree `a::{b, c::d}`), and where they end.
fn path_at(chars: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let start = i;
        while i < chars.len() && is_word(Some(&chars[i])) {
            i += 1;
        }
        if i > start {
            prefix.push(chars[start..i].iter().collect::<String>());
        }
        if !chars[i..].starts_with(&[':', ':']) {
            return (vec![prefix], i);
        }
        i += 2;
        if chars.get(i) == Some(&'{') {
            let mut paths = Vec::new();
            i += 1;
            loop {
                while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    i += 1;
                }
                if i >= chars.len() || chars[i] == '}' {
                    return (paths, i + 1);
                }
                let (inner, end) = path_at(chars, i);
                paths.extend(inner.into_iter().map(|tail| prefix.iter().cloned().chain(tail).collect()));
                // Skip an `as name` and anything else up to the next item.
                i = end;
                while i < chars.len() && chars[i] != ',' && chars[i] != '}' {
                    i += 1;
                }
            }
        }
    }
}

fn resolve(module: &Module, children: &BTreeSet<String>, path: &[String]) -> Option<Module> {
    // `pub(crate)`, `self.x`: a path names a module only with a `::` in it.
    let (first, rest) = path.split_first().filter(|(_, rest)| !rest.is_empty())?;
    let mut base = module.clone();
    let mut rest = rest;
    match first.as_str() {
        "crate" => base.clear(),
        "self" => {}
        "super" => {
            base.pop();
            while rest.first().is_some_and(|s| s == "super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        child if children.contains(child) => base.push(child.to_string()),
        _ => return None,
    }
    Some(base.into_iter().chain(rest.iter().cloned()).collect())
}

/// Which file each file names: the longest prefix of each named path that is a file.
fn graph(files: &[SourceFile]) -> BTreeMap<Module, BTreeSet<Module>> {
    let known: BTreeSet<&Module> = files.iter().map(|f| &f.module).collect();
    let mut edges = BTreeMap::new();
    for file in files {
        let targets: BTreeSet<Module> = named_paths(&file.module, &file.code)
            .into_iter()
            .filter_map(|path| (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| known.contains(p)))
            .filter(|target| *target != file.module)
            .collect();
        edges.insert(file.module.clone(), targets);
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
    let name = |m: &Module| if m.is_empty() { "crate".to_string() } else { m.join("::") };
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
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = source_files(&src);
    assert!(files.len() > 50, "the walk found only {} files under src/", files.len());
    let edges = graph(&files);
    let found = circles(&edges);
    let shown: Vec<String> = found.iter().map(|group| show(group, &edges)).collect();
    assert!(found.is_empty(), "files that reach each other:\n{}", shown.join("\n\n"));
}

#[test]
fn a_parent_and_child_that_use_each_other_are_a_circle() {
    let module = |m: &str| m.split("::").map(str::to_string).collect::<Module>();
    let files = vec![
        SourceFile { module: module("render"), code: code_only("mod html;\nfn f() { html::page(); }\n") },
        SourceFile {
            module: module("render::html"),
            code: without_tests(&code_only("use super::{Input, theme::escape as e};\n// crate::notify\nlet s = \"crate::cmd\";\n#[cfg(test)]\nmod tests { use crate::cli; }")),
        },
        SourceFile { module: module("render::theme"), code: String::new() },
        SourceFile { module: module("notify"), code: String::new() },
        SourceFile { module: module("cli"), code: String::new() },
    ];
    let edges = graph(&files);
    assert_eq!(edges[&module("render::html")], [module("render"), module("render::theme")].into_iter().collect());
    assert_eq!(circles(&edges), vec![vec![module("render"), module("render::html")]]);
}
