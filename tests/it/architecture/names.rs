//! What each file of `src/` names, read from its tokens (see `tokens.rs`), and which module
//! each name points at. Both architecture tests build on it: `files.rs` (no circle between
//! files) and the floors in `mod.rs` (no import runs up the pipeline).
//!
//! A file's references are its paths of two or more segments (`crate::x`, `super::super::x`,
//! `child::x`, `alias::x`, `$crate::x`), the leaves of its use-trees (`use super::*` and
//! `use crate::{a::B as _}` too), a bare `crate` or `super` handed to a macro (`up!(super)`),
//! and the macros of the crate it calls. A path is resolved from the module it is written in,
//! inline modules (`mod inner { … }`) included, through the file's children, its `use`
//! aliases (`use crate as root`) and its glob imports. Visibilities (`pub(in crate::x)`) name
//! nothing. Items under `#[cfg(test)]` are marked as test code, not left out: each test
//! decides whether test code counts.

use super::tokens::{tokenize, Token};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path: `["render", "html", "memo"]` for `src/render/html/memo.rs`; empty for the
/// crate root.
pub(super) type Module = Vec<String>;

/// The module `render::html` as a path; `crate` for the root.
pub(super) fn module(name: &str) -> Module {
    if name == "crate" {
        return Vec::new();
    }
    name.split("::").map(str::to_string).collect()
}

/// A module path as written in Rust: `crate`, `render::html`.
pub(super) fn show(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// One path a file names.
#[derive(Debug, Clone)]
pub(super) struct Reference {
    /// The module it is written in: the file's, or an inline module's in it.
    pub(super) scope: Module,
    /// As written, `$crate` as `crate`.
    pub(super) path: Vec<String>,
    /// Under `#[cfg(test)]`, or in a file declared under it.
    pub(super) in_test: bool,
    /// A macro called by this path (`path!(…)`).
    pub(super) macro_call: bool,
}

/// What a module declares that changes how paths written in it resolve.
#[derive(Debug, Default, Clone)]
pub(super) struct Scope {
    /// `mod x;` and `mod x { … }`.
    pub(super) children: BTreeSet<String>,
    /// `use path as name` and `use path` (named by its last segment): name to path as written.
    pub(super) aliases: BTreeMap<String, Vec<String>>,
    /// `use path::*`: each path as written.
    pub(super) globs: Vec<Vec<String>>,
}

/// `impl Type { fn m… }`, not of a trait: methods of a type that may live in another file.
#[derive(Debug, Clone)]
pub(super) struct InherentImpl {
    pub(super) scope: Module,
    pub(super) type_path: Vec<String>,
    pub(super) methods: BTreeSet<String>,
}

/// One file of `src/`, as its references.
#[derive(Debug, Clone)]
pub(super) struct SourceFile {
    pub(super) module: Module,
    /// The file's own module and each inline module in it.
    pub(super) scopes: BTreeMap<Module, Scope>,
    pub(super) references: Vec<Reference>,
    /// The `macro_rules!` it defines, test code left out.
    pub(super) macros: BTreeSet<String>,
    /// Its inherent impls, test code left out.
    pub(super) impls: Vec<InherentImpl>,
    /// What its code (test code left out) calls by name: `m` for `.m(…)`, `T::m` for a path
    /// ending in `T::m`.
    pub(super) calls: BTreeSet<String>,
    /// Modules declared under `#[cfg(test)]`: all their code is test code.
    pub(super) test_children: BTreeSet<Module>,
}

/// Reads one file: `module` is its module path, `text` its source.
pub(super) fn parse(module: Module, text: &str) -> SourceFile {
    let tokens = tokenize(text);
    let mut scanner = Scanner {
        tokens: &tokens,
        file: SourceFile {
            scopes: BTreeMap::from([(module.clone(), Scope::default())]),
            module: module.clone(),
            references: Vec::new(),
            macros: BTreeSet::new(),
            impls: Vec::new(),
            calls: BTreeSet::new(),
            test_children: BTreeSet::new(),
        },
        scopes: vec![(module, 0)],
        depth: 0,
        test_until: 0,
    };
    scanner.run();
    scanner.file
}

struct Scanner<'a> {
    tokens: &'a [Token],
    file: SourceFile,
    /// The modules open at this point, innermost last, each with the brace depth inside it.
    scopes: Vec<(Module, usize)>,
    depth: usize,
    /// Tokens before this index are test code.
    test_until: usize,
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<&Token> {
        self.tokens.get(i)
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.at(i) == Some(&Token::Punct(c))
    }

    fn scope(&self) -> Module {
        self.scopes.last().unwrap().0.clone()
    }

    fn scope_mut(&mut self) -> &mut Scope {
        let scope = self.scope();
        self.file.scopes.entry(scope).or_default()
    }

    fn in_test(&self, i: usize) -> bool {
        i < self.test_until
    }

    fn refer(&mut self, i: usize, path: Vec<String>, macro_call: bool) {
        let reference = Reference { scope: self.scope(), path, in_test: self.in_test(i), macro_call };
        self.file.references.push(reference);
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            i = self.step(i);
        }
    }

    /// Reads what starts at `i`; returns where to go on.
    fn step(&mut self, i: usize) -> usize {
        let token = &self.tokens[i];
        match token {
            Token::Punct('#') => self.attribute(i),
            Token::Punct('{') => {
                self.depth += 1;
                i + 1
            }
            Token::Punct('}') => {
                if self.scopes.len() > 1 && self.scopes.last().unwrap().1 == self.depth {
                    self.scopes.pop();
                }
                self.depth = self.depth.saturating_sub(1);
                i + 1
            }
            Token::Punct('.') => {
                if let Some(name) = self.at(i + 1).and_then(Token::word) {
                    if !self.in_test(i) && (self.is_punct(i + 2, '(') || self.at(i + 2) == Some(&Token::PathSep)) {
                        self.file.calls.insert(name.to_string());
                    }
                }
                i + 1
            }
            // A path's segments after the first are read with the first.
            Token::PathSep => i + 1,
            Token::Word(word) => match word.as_str() {
                // `pub(crate)`, `pub(in crate::x)`: a visibility names nothing.
                "pub" if self.is_punct(i + 1, '(') => self.close(i + 1).map_or(self.tokens.len(), |end| end + 1),
                "extern" if self.at(i + 1).is_some_and(|t| t.is("crate")) => self.extern_crate(i),
                "mod" => self.module(i),
                "use" => self.use_declaration(i),
                "macro_rules" if self.is_punct(i + 1, '!') => {
                    if let Some(name) = self.at(i + 2).and_then(Token::word) {
                        if !self.in_test(i) {
                            self.file.macros.insert(name.to_string());
                        }
                    }
                    i + 3
                }
                // An impl block, not `-> impl Trait` or `x: impl Trait`.
                "impl"
                    if i == 0
                        || matches!(self.tokens[i - 1], Token::Punct('}' | ';' | '{' | ']'))
                        || self.tokens[i - 1].is("unsafe") =>
                {
                    self.inherent_impl(i);
                    i + 1
                }
                _ => self.path(i),
            },
            _ => i + 1,
        }
    }

    /// The index of the bracket closing the one opening at `open`.
    fn close(&self, open: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (j, token) in self.tokens.iter().enumerate().skip(open) {
            match token {
                Token::Punct('(' | '[' | '{') => depth += 1,
                Token::Punct(')' | ']' | '}') => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(j);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// `#[…]` or `#![…]`: notes `cfg(test)`; the attribute's own tokens are read on as usual.
    fn attribute(&mut self, i: usize) -> usize {
        let inner = self.is_punct(i + 1, '!');
        let open = if inner { i + 2 } else { i + 1 };
        if !self.is_punct(open, '[') {
            return i + 1;
        }
        let Some(close) = self.close(open) else { return self.tokens.len() };
        let content = &self.tokens[open + 1..close];
        assert!(
            !(content.first().is_some_and(|t| t.is("path")) && content.get(1) == Some(&Token::Punct('='))),
            "a #[path] attribute: the architecture tests take each file's module from where it lies"
        );
        let is_test = content.len() == 4
            && content[0].is("cfg")
            && content[1] == Token::Punct('(')
            && content[2].is("test")
            && content[3] == Token::Punct(')');
        if is_test {
            let end = if inner { self.enclosing_end(close + 1) } else { self.item_end(close + 1) };
            self.test_until = self.test_until.max(end);
        }
        open + 1
    }

    /// Just past the item starting at `i`: its `;`, its closing `}`, or the `,` that ends it
    /// in a list; or the closing bracket of the list it is the last of.
    fn item_end(&self, mut i: usize) -> usize {
        let mut depth = 0usize;
        while i < self.tokens.len() {
            match self.tokens[i] {
                Token::Punct('(' | '[' | '{') => depth += 1,
                Token::Punct(')' | ']' | '}') => {
                    if depth == 0 {
                        return i;
                    }
                    depth -= 1;
                    if depth == 0 && self.tokens[i] == Token::Punct('}') {
                        return i + 1;
                    }
                }
                Token::Punct(';' | ',') if depth == 0 => return i + 1,
                _ => {}
            }
            i += 1;
        }
        self.tokens.len()
    }

    /// The closing bracket of the block `i` is in, or the end of the file.
    fn enclosing_end(&self, mut i: usize) -> usize {
        let mut depth = 0usize;
        while i < self.tokens.len() {
            match self.tokens[i] {
                Token::Punct('(' | '[' | '{') => depth += 1,
                Token::Punct(')' | ']' | '}') => match depth.checked_sub(1) {
                    Some(less) => depth = less,
                    None => return i,
                },
                _ => {}
            }
            i += 1;
        }
        self.tokens.len()
    }

    /// `extern crate self as name;` makes `name` the crate root.
    fn extern_crate(&mut self, i: usize) -> usize {
        let name = self.at(i + 2).and_then(Token::word).map(str::to_string);
        let alias =
            if self.at(i + 3).is_some_and(|t| t.is("as")) { self.at(i + 4).and_then(Token::word) } else { None };
        if let (Some("self"), Some(alias)) = (name.as_deref(), alias) {
            let alias = alias.to_string();
            self.scope_mut().aliases.insert(alias, vec!["crate".to_string()]);
        }
        i + 2
    }

    /// `mod x;` declares a child file, `mod x { … }` opens an inline module.
    fn module(&mut self, i: usize) -> usize {
        let Some(name) = self.at(i + 1).and_then(Token::word).map(str::to_string) else { return i + 1 };
        let mut child = self.scope();
        child.push(name.clone());
        self.scope_mut().children.insert(name);
        if self.in_test(i) {
            self.file.test_children.insert(child.clone());
        }
        if self.is_punct(i + 2, '{') {
            self.file.scopes.entry(child.clone()).or_default();
            self.depth += 1;
            self.scopes.push((child, self.depth));
        }
        i + 3
    }

    /// `use tree;`: each leaf is a reference and names an alias or a glob import.
    fn use_declaration(&mut self, i: usize) -> usize {
        let mut leaves = Vec::new();
        let end = self.use_tree(i + 1, &[], &mut leaves);
        for leaf in leaves {
            match leaf {
                UseLeaf::Glob(path) => {
                    self.refer(i, path.clone(), false);
                    self.scope_mut().globs.push(path);
                }
                UseLeaf::Name(mut path, alias) => {
                    if path.len() > 1 && path.last().is_some_and(|s| s == "self") {
                        path.pop();
                    }
                    let Some(last) = path.last().cloned() else { continue };
                    // `use crate as root`: only an alias, the paths through it are references.
                    if path.len() > 1 || !matches!(last.as_str(), "crate" | "super" | "self") {
                        self.refer(i, path.clone(), false);
                    }
                    let name = alias.unwrap_or(last);
                    if name != "_" {
                        self.scope_mut().aliases.insert(name, path);
                    }
                }
            }
        }
        end
    }

    /// Reads the use-tree at `i` under `prefix`; returns where it ends.
    fn use_tree(&self, mut i: usize, prefix: &[String], leaves: &mut Vec<UseLeaf>) -> usize {
        let mut path = prefix.to_vec();
        if self.at(i) == Some(&Token::PathSep) {
            // `use ::name`: another crate, whatever `name` is here.
            path.push("::".to_string());
            i += 1;
        }
        loop {
            match self.at(i) {
                Some(Token::Punct('$')) if self.at(i + 1).is_some_and(|t| t.is("crate")) => {
                    path.push("crate".to_string());
                    i += 2;
                }
                Some(Token::Word(w)) if w != "as" => {
                    path.push(w.clone());
                    i += 1;
                }
                Some(Token::Punct('{')) => {
                    i += 1;
                    loop {
                        match self.at(i) {
                            None => return i,
                            Some(Token::Punct('}')) => return i + 1,
                            Some(Token::Punct(',')) => i += 1,
                            Some(_) => {
                                let end = self.use_tree(i, &path, leaves);
                                // Something this does not understand: go on after it.
                                i = if end == i { i + 1 } else { end };
                            }
                        }
                    }
                }
                Some(Token::Punct('*')) => {
                    leaves.push(UseLeaf::Glob(path));
                    return i + 1;
                }
                _ => break,
            }
            if self.at(i) != Some(&Token::PathSep) {
                break;
            }
            i += 1;
        }
        let mut alias = None;
        if self.at(i).is_some_and(|t| t.is("as")) {
            alias = self.at(i + 1).and_then(Token::word).map(str::to_string);
            i += 2;
        }
        if path.len() > prefix.len() {
            leaves.push(UseLeaf::Name(path, alias));
        }
        i
    }

    /// `impl<…> path<…> {`, not `impl … for …`: notes the type and the methods.
    fn inherent_impl(&mut self, i: usize) {
        if self.in_test(i) {
            return;
        }
        let mut j = i + 1;
        if self.is_punct(j, '<') {
            j = self.angle_end(j);
        }
        let mut type_path = Vec::new();
        while let Some(word) = self.at(j).and_then(Token::word) {
            type_path.push(word.to_string());
            j += 1;
            if self.at(j) != Some(&Token::PathSep) {
                break;
            }
            j += 1;
        }
        if self.is_punct(j, '<') {
            j = self.angle_end(j);
        }
        if type_path.is_empty() || type_path == ["dyn"] {
            return;
        }
        while self.at(j).is_some_and(|t| !matches!(t, Token::Punct('{' | ';')) && !t.is("for")) {
            j += 1;
        }
        if !self.is_punct(j, '{') {
            return;
        }
        let body_end = self.close(j).unwrap_or(self.tokens.len());
        let mut methods = BTreeSet::new();
        let mut depth = 0;
        for k in j..body_end {
            match &self.tokens[k] {
                Token::Punct('{') => depth += 1,
                Token::Punct('}') => depth -= 1,
                token if depth == 1 && token.is("fn") => {
                    if let Some(name) = self.at(k + 1).and_then(Token::word) {
                        methods.insert(name.to_string());
                    }
                }
                _ => {}
            }
        }
        self.file.impls.push(InherentImpl { scope: self.scope(), type_path, methods });
    }

    /// Just past the `>` closing the `<` at `open`; `->` closes nothing.
    fn angle_end(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for j in open..self.tokens.len() {
            match self.tokens[j] {
                Token::Punct('<') => depth += 1,
                Token::Punct('>') if !self.is_punct(j.wrapping_sub(1), '-') => {
                    depth -= 1;
                    if depth == 0 {
                        return j + 1;
                    }
                }
                Token::Punct('{' | ';') => return j,
                _ => {}
            }
        }
        self.tokens.len()
    }

    /// The path starting with the word at `i`.
    fn path(&mut self, i: usize) -> usize {
        let after_dollar = i > 0 && self.is_punct(i - 1, '$');
        if after_dollar && !self.tokens[i].is("crate") {
            // `$name::x`: a macro's fragment, not a module.
            return i + 1;
        }
        if i > 0 && self.at(i - 1) == Some(&Token::PathSep) {
            // `::name::x` names another crate.
            let mut j = i;
            while self.at(j).and_then(Token::word).is_some() && self.at(j + 1) == Some(&Token::PathSep) {
                j += 2;
            }
            return j + 1;
        }
        let mut segments = Vec::new();
        let mut j = i;
        while let Some(word) = self.at(j).and_then(Token::word) {
            segments.push(word.to_string());
            j += 1;
            if self.at(j) != Some(&Token::PathSep) || self.at(j + 1).and_then(Token::word).is_none() {
                break;
            }
            j += 1;
        }
        let macro_call = self.is_punct(j, '!') && !self.is_punct(j + 1, '=');
        if segments.len() >= 2 {
            if !self.in_test(i) {
                let n = segments.len();
                self.file.calls.insert(format!("{}::{}", segments[n - 2], segments[n - 1]));
            }
            self.refer(i, segments, macro_call);
        } else if macro_call || matches!(segments[0].as_str(), "crate" | "super") {
            // `name!(…)`, or a bare `crate` or `super`, as handed to a macro: `up!(super)`.
            self.refer(i, segments, macro_call);
        }
        j
    }
}

enum UseLeaf {
    /// `path::*`
    Glob(Vec<String>),
    /// `path` or `path as alias`
    Name(Vec<String>, Option<String>),
}

/// Every file of a crate, and what it takes to resolve their paths.
pub(super) struct Crate {
    pub(super) files: Vec<SourceFile>,
    scopes: BTreeMap<Module, Scope>,
    /// The macros defined by `macro_rules!`, and the files that define them.
    macros: BTreeMap<String, BTreeSet<Module>>,
    test_files: BTreeSet<Module>,
    known: BTreeSet<Module>,
}

impl Crate {
    pub(super) fn new(files: Vec<SourceFile>) -> Crate {
        let mut scopes = BTreeMap::new();
        let mut macros: BTreeMap<String, BTreeSet<Module>> = BTreeMap::new();
        let mut test_files = BTreeSet::new();
        for file in &files {
            scopes.extend(file.scopes.clone());
            for name in &file.macros {
                macros.entry(name.clone()).or_default().insert(file.module.clone());
            }
            test_files.extend(file.test_children.iter().cloned());
        }
        let known = files.iter().map(|f| f.module.clone()).collect();
        Crate { files, scopes, macros, test_files, known }
    }

    /// The library's files under `src` (not `main.rs`, the binary's).
    pub(super) fn read(src: &Path) -> Crate {
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(src).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") || path == src.join("main.rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let mut module: Module = relative.iter().map(|part| part.to_str().unwrap().to_string()).collect();
            if module.last().is_some_and(|last| last == "mod" || last == "lib") {
                module.pop();
            }
            files.push(parse(module, &std::fs::read_to_string(path).unwrap()));
        }
        Crate::new(files)
    }

    /// A crate of snippets: `("render::html", "use super::Input;")`, `("crate", "mod render;")`.
    pub(super) fn of(snippets: &[(&str, &str)]) -> Crate {
        Crate::new(snippets.iter().map(|(name, text)| parse(module(name), text)).collect())
    }

    /// Whether `reference`, in `file`, is test code.
    pub(super) fn is_test(&self, file: &SourceFile, reference: &Reference) -> bool {
        reference.in_test || self.is_test_file(&file.module)
    }

    /// Whether all of the file of `module` is test code, declared under `#[cfg(test)]`.
    pub(super) fn is_test_file(&self, module: &[String]) -> bool {
        self.test_files.iter().any(|t| module.starts_with(t))
    }

    /// The file that holds `path`: its longest prefix that is a file.
    pub(super) fn file_of(&self, path: &[String]) -> Option<Module> {
        (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| self.known.contains(p))
    }

    /// The files `reference`, written in `file`, points at.
    pub(super) fn targets(&self, file: &SourceFile, reference: &Reference) -> BTreeSet<Module> {
        let last = reference.path.last().unwrap();
        if reference.macro_call {
            // A macro of the crate lives where `macro_rules!` defines it, whatever path names
            // it; one defined in this file shadows the others.
            if reference.path.len() == 1 && file.macros.contains(last) {
                return BTreeSet::new();
            }
            if let Some(definers) = self.macros.get(last) {
                return definers.iter().filter(|m| **m != file.module).cloned().collect();
            }
            if reference.path.len() == 1 {
                return BTreeSet::new();
            }
        }
        self.resolve(&reference.scope, &reference.path).and_then(|path| self.file_of(&path)).into_iter().collect()
    }

    /// The module path `path`, written in `scope`, names; `None` for another crate's, a
    /// local item's or a generic's.
    pub(super) fn resolve(&self, scope: &[String], path: &[String]) -> Option<Module> {
        self.resolve_within(scope, path, 0, true)
    }

    /// `globs`: whether glob imports are looked into (not when resolving one, to stay linear).
    fn resolve_within(&self, scope: &[String], path: &[String], depth: usize, globs: bool) -> Option<Module> {
        if depth > 16 {
            return None;
        }
        let (first, mut rest) = path.split_first()?;
        let mut base = scope.to_vec();
        match first.as_str() {
            "crate" => base.clear(),
            "self" => {}
            "super" => {
                base.pop()?;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            name => {
                let here = self.scopes.get(scope)?;
                if here.children.contains(name) {
                    base.push(name.to_string());
                } else if let Some(target) = here.aliases.get(name) {
                    let whole: Vec<String> = target.iter().chain(rest).cloned().collect();
                    return self.resolve_within(scope, &whole, depth + 1, globs);
                } else if globs {
                    // `use super::*` brings in the children and imports of `super`.
                    return here.globs.iter().find_map(|glob| {
                        let from = self.resolve_within(scope, glob, depth + 1, false)?;
                        let there = self.scopes.get(&from)?;
                        let found = there.children.contains(name) || there.aliases.contains_key(name);
                        found.then(|| self.resolve_within(&from, path, depth + 1, false)).flatten()
                    });
                } else {
                    return None;
                }
            }
        }
        Some(base.into_iter().chain(rest.iter().cloned()).collect())
    }

    /// The file of `module`.
    pub(super) fn file(&self, module: &[String]) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.module == module)
    }

    /// `(owner, methods)` for each file `methods` with an inherent impl on a type of another
    /// file `owner`, whose code calls one of those methods: `owner` reaches `methods`, though
    /// it names nothing of it. Calls are matched by name (`.m(`, `Type::m`, `Self::m`), and
    /// only in the file of the type.
    pub(super) fn method_uses(&self) -> BTreeSet<(Module, Module)> {
        let mut uses = BTreeSet::new();
        for file in self.files.iter().filter(|f| !self.is_test_file(&f.module)) {
            for methods in &file.impls {
                let owner = self.resolve(&methods.scope, &methods.type_path).and_then(|p| self.file_of(&p));
                let Some(owner) = owner.filter(|owner| *owner != file.module) else { continue };
                let calls = &self.file(&owner).unwrap().calls;
                let type_name = methods.type_path.last().unwrap();
                let called = methods.methods.iter().any(|m| {
                    calls.contains(m)
                        || calls.contains(&format!("{type_name}::{m}"))
                        || calls.contains(&format!("Self::{m}"))
                });
                if called {
                    uses.insert((owner, file.module.clone()));
                }
            }
        }
        uses
    }
}

#[test]
fn use_trees_aliases_and_visibilities() {
    let file = parse(
        module("model"),
        "use crate::{cmd as _, notify::{self, Plan}, render::*};\n\
         use crate as root;\n\
         pub(in crate::output) fn v() {}\n\
         pub(crate) struct S { pub(super) x: u8 }\n\
         fn f() { root::deploy::go(); self.x; }",
    );
    let paths: Vec<String> = file.references.iter().map(|r| r.path.join("::")).collect();
    assert_eq!(paths, ["crate::cmd", "crate::notify", "crate::notify::Plan", "crate::render", "root::deploy::go"]);
    let scope = &file.scopes[&module("model")];
    assert_eq!(scope.aliases["root"], ["crate"]);
    assert_eq!(scope.aliases["notify"], ["crate", "notify"]);
    assert!(!scope.aliases.contains_key("_"));
    assert_eq!(scope.globs, [vec!["crate".to_string(), "render".to_string()]]);
}

#[test]
fn test_code_is_marked_wherever_it_stands() {
    let file = parse(
        module("a"),
        "#[cfg(test)]\nmod tests { use crate::x::y; }\nfn f() { crate::z::w(); }\n\
         #[cfg(test)]\n#[allow(unused)]\nuse crate::t::u;\n#[cfg(test)]\nmod more;\nfn g() { crate::v::w(); }",
    );
    let found: Vec<(String, bool)> = file.references.iter().map(|r| (r.path.join("::"), r.in_test)).collect();
    assert_eq!(
        found,
        [
            ("crate::x::y".to_string(), true),
            ("crate::z::w".to_string(), false),
            ("crate::t::u".to_string(), true),
            ("crate::v::w".to_string(), false),
        ]
    );
    assert_eq!(file.test_children, [module("a::tests"), module("a::more")].into_iter().collect());
}

#[test]
fn inline_modules_are_scopes_of_their_own() {
    let krate = Crate::of(&[
        ("out", "mod inner { fn f() -> super::Local { super::super::x::y() } mod deeper { use super::super::Local; } }\nfn g() { super::z(); }"),
        ("x", ""),
    ]);
    let file = &krate.files[0];
    let resolved: Vec<(String, String)> = file
        .references
        .iter()
        .map(|r| (show(&r.scope), krate.resolve(&r.scope, &r.path).map_or("-".to_string(), |p| show(&p))))
        .collect();
    assert_eq!(
        resolved,
        [
            ("out::inner".to_string(), "out::Local".to_string()),
            ("out::inner".to_string(), "x::y".to_string()),
            ("out::inner::deeper".to_string(), "out::Local".to_string()),
            ("out".to_string(), "z".to_string()),
        ]
    );
}

#[test]
fn inherent_impls_and_their_methods() {
    let file = parse(
        module("render"),
        "impl<'a, F: Fn() -> u8> super::model::Site<'a, F> where F: Copy {\n    fn one(&self) { fn inner() {} }\n    pub(crate) fn two() {}\n}\n\
         impl std::fmt::Display for Local { fn fmt(&self) {} }\n\
         fn f(x: impl Tr) -> impl Tr { fn nested() {} }\n\
         unsafe impl Send for Local {}\n\
         #[cfg(test)]\nimpl Local { fn in_test() {} }",
    );
    let found: Vec<(String, Vec<String>)> =
        file.impls.iter().map(|i| (i.type_path.join("::"), i.methods.iter().cloned().collect())).collect();
    assert_eq!(found, [("super::model::Site".to_string(), vec!["one".to_string(), "two".to_string()])]);
}
