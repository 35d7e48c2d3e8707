//! The layers and the file graph, checked on every test run: `app/` and `ui/` never
//! name the kube layer, `tui/` reaches the API server only through `src/kube`, the
//! pure layers never reach up, and no two source files import each other in a cycle.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test: a failed assumption fails it

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;

/// Every `.rs` file under `src/`, by its path relative to `src/`.
fn sources() -> BTreeMap<String, String> {
    fn walk(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .map(|entry| entry.expect("a directory entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, base, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a readable source file");
                let relative = path
                    .strip_prefix(base)
                    .expect("under src")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, text);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    walk(&src, &src, &mut out);
    assert!(out.len() > 50, "the source tree was not found under {}", src.display());
    out
}

/// The text without `//` comments (doc comments included), so prose never counts.
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each `(file, line, text)` in `layer` (a folder of `src/`) that matches `pattern`.
fn offenders(layer: &str, pattern: &Regex) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources() {
        if !path.starts_with(&format!("{layer}/")) {
            continue;
        }
        for (number, line) in code(&text).lines().enumerate() {
            if pattern.is_match(line) {
                found.push(format!("src/{path}:{}: {}", number + 1, line.trim()));
            }
        }
    }
    found
}

/// Any path through the kube layer or the kube crate: `crate::kube::`, `::kube::`, `kube::`.
fn kube_paths() -> Regex {
    Regex::new(r"(^|[^A-Za-z0-9_])(crate::|::)?kube::").expect("a valid pattern")
}

#[test]
fn the_state_machine_and_the_panes_never_name_the_kube_layer() {
    for layer in ["app", "ui"] {
        let found = offenders(layer, &kube_paths());
        assert!(
            found.is_empty(),
            "src/{layer} names the kube layer:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn the_runner_reaches_the_api_server_only_through_the_kube_layer() {
    // `crate::kube` is the way through; `::kube::…`, `use kube::…` and `kube::Api` are the crate itself.
    let direct = Regex::new(r"(^|[^A-Za-z0-9_])::kube::|^\s*(pub )?use kube::|(^|[^A-Za-z0-9_:])kube::Api\b")
        .expect("a valid pattern");
    let found = offenders("tui", &direct);
    assert!(
        found.is_empty(),
        "src/tui uses the kube crate itself:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_pure_layers_never_reach_up() {
    let rules = [
        ("model", r"crate::(app|ui|tui|kube|oci|config)::"),
        ("config", r"crate::(app|ui|tui|kube|oci)::"),
        ("ui", r"crate::tui::"),
        ("app", r"crate::(ui|tui)::"),
        ("catalog", r"crate::(app|ui|tui|kube)::"),
    ];
    for (layer, pattern) in rules {
        let found = offenders(layer, &Regex::new(pattern).expect("a valid pattern"));
        assert!(found.is_empty(), "src/{layer} reaches up:\n{}", found.join("\n"));
    }
}

/// The module path of a source file: `app/logs/mod.rs` → `[app, logs]`.
fn module_of(path: &str) -> Vec<String> {
    let trimmed = path.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(String::from).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The text before an inline `#[cfg(test)] mod … {` block: its `super::` means another module.
fn before_inline_tests(text: &str) -> &str {
    let inline =
        Regex::new(r"(?m)^#\[cfg\(test\)\]\s*\n\s*(pub(\([a-z]+\))? )?mod [a-z_]+ \{").expect("a valid pattern");
    inline.find(text).map_or(text, |found| &text[..found.start()])
}

/// Every path a file names, each as its segments: the leaves of `use` trees, and the
/// `crate::`/`super::`/`self::` paths written in code.
fn named_paths(text: &str) -> Vec<Vec<String>> {
    let text = code(before_inline_tests(text));
    let uses = Regex::new(r"(?s)\buse\s+([^;]+);").expect("a valid pattern");
    let mut paths = Vec::new();
    for found in uses.captures_iter(&text) {
        expand_tree(found[1].trim(), &mut Vec::new(), &mut paths);
    }
    let inline = Regex::new(r"\b(crate|super|self)((::[A-Za-z_][A-Za-z0-9_]*)+)").expect("a valid pattern");
    for found in inline.captures_iter(&uses.replace_all(&text, "")) {
        let mut path = vec![found[1].to_string()];
        path.extend(found[2].split("::").filter(|s| !s.is_empty()).map(String::from));
        paths.push(path);
    }
    paths
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand_tree(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim().trim_start_matches("::");
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let depth = prefix.len();
        prefix.extend(head);
        for part in split_top_level(inner) {
            expand_tree(part, prefix, out);
        }
        prefix.truncate(depth);
        return;
    }
    let leaf = tree.split(" as ").next().unwrap_or(tree).trim();
    if leaf.is_empty() {
        return;
    }
    let mut path = prefix.clone();
    for segment in leaf.split("::").map(str::trim) {
        if segment != "self" || path.is_empty() {
            path.push(segment.to_string());
        }
    }
    out.push(path);
}

/// The comma-separated parts of a brace group's inside, nested groups kept whole.
fn split_top_level(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (at, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// The file a path leads to from module `from`, when it is one of ours.
fn resolve(path: &[String], from: &[String], files: &BTreeMap<Vec<String>, String>) -> Option<String> {
    let (mut base, mut rest) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.to_vec(), &path[1..]),
        Some("super") => {
            let mut base = from.to_vec();
            let mut rest = path;
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
            (base, rest)
        }
        Some(first) => {
            let mut child = from.to_vec();
            child.push(first.to_string());
            if !files.contains_key(&child) {
                return None;
            }
            (from.to_vec(), path)
        }
        None => return None,
    };
    let mut target = files.get(&base).cloned();
    while let Some((segment, tail)) = rest.split_first() {
        base.push(segment.clone());
        match files.get(&base) {
            Some(file) => target = Some(file.clone()),
            None => break,
        }
        rest = tail;
    }
    target
}

/// Which files each file imports, leaving out its own module's ancestors (every file
/// may use what its parents define; a parent's use of its children counts, so a cycle
/// through a re-export is still seen).
fn import_graph() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let files: BTreeMap<Vec<String>, String> = sources.keys().map(|path| (module_of(path), path.clone())).collect();
    let mut graph = BTreeMap::new();
    for (path, text) in &sources {
        let from = module_of(path);
        let mut targets = BTreeSet::new();
        for named in named_paths(text) {
            let Some(target) = resolve(&named, &from, &files) else {
                continue;
            };
            let to = module_of(&target);
            if !from.starts_with(&to) {
                targets.insert(target);
            }
        }
        graph.insert(path.clone(), targets);
    }
    graph
}

/// The strongly connected groups of more than one file (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        groups: Vec<Vec<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            let number = self.index.len();
            self.index.insert(node, number);
            self.low.insert(node, number);
            self.stack.push(node);
            self.on_stack.insert(node);
            for next in self.graph.get(node).into_iter().flatten() {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut group = Vec::new();
                while let Some(member) = self.stack.pop() {
                    self.on_stack.remove(member);
                    group.push(member.to_string());
                    if member == node {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.groups.push(group);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for node in graph.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    walk.groups
}

#[test]
fn no_two_source_files_import_each_other_in_a_cycle() {
    let graph = import_graph();
    let found: Vec<String> = cycles(&graph).iter().map(|group| group.join(" ↔ ")).collect();
    assert!(found.is_empty(), "import cycles between files:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_check_sees_a_cycle_and_the_import_graph_sees_real_imports() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a.rs", vec!["b.rs"]),
        ("b.rs", vec!["c.rs"]),
        ("c.rs", vec!["a.rs"]),
        ("d.rs", vec!["a.rs"]),
    ]
    .into_iter()
    .map(|(from, to)| (from.to_string(), to.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycles(&graph), vec![vec!["a.rs", "b.rs", "c.rs"]]);

    let real = import_graph();
    assert!(
        real["tui/effects.rs"].iter().any(|to| to.starts_with("kube/")),
        "the runner's effects import the kube layer: {:?}",
        real["tui/effects.rs"]
    );
    let mut paths = Vec::new();
    expand_tree("super::{a::{B, c}, d as e, self}", &mut Vec::new(), &mut paths);
    let joined: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["super::a::B", "super::a::c", "super::d", "super"]);
}
