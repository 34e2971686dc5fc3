//! The layout of `src/`: modules depend on each other one way only. A
#![allow(clippy::unwrap_used)]
//! cycle between two sibling modules (say `analysis` and `snapshot`, or
//! `analysis::report` and `analysis::diff`) fails this test, naming both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of the crate by path (`analysis::report`), with its source
/// less its unit tests.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path.strip_prefix(&root).unwrap().to_string_lossy();
            let Some(stem) = relative.strip_suffix(".rs") else {
                continue;
            };
            if stem.ends_with("tests") || stem == "main" {
                continue;
            }
            let name = stem.replace('/', "::");
            let name = name.strip_suffix("::mod").unwrap_or(&name).to_owned();
            let name = if name == "lib" { String::new() } else { name };
            let text = std::fs::read_to_string(&path).unwrap();
            let text = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_owned(),
                None => text,
            };
            out.insert(name, text);
        }
    }
    out
}

/// The module a path such as `super::report::Counts` names, seen from `from`.
fn target(modules: &BTreeMap<String, String>, from: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if from.is_empty() {
        Vec::new()
    } else {
        from.split("::").collect()
    };
    match parts[0] {
        "crate" => base.clear(),
        "super" => {
            base.pop();
            while parts.get(1) == Some(&"super") {
                base.pop();
                parts.remove(0);
            }
        }
        "self" => {}
        _ => return None,
    }
    base.extend(&parts[1..]);
    (1..=base.len())
        .rev()
        .map(|n| base[..n].join("::"))
        .find(|name| modules.contains_key(name))
}

#[test]
fn no_two_sibling_modules_depend_on_each_other() {
    let modules = modules();
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for (from, text) in &modules {
        for (at, _) in text
            .match_indices("crate::")
            .chain(text.match_indices("super::"))
        {
            let path: String = text[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let Some(to) = target(&modules, from, path.trim_end_matches(':')) else {
                continue;
            };
            // Count the dependency between the two siblings under their
            // common parent.
            let a: Vec<&str> = from.split("::").collect();
            let b: Vec<&str> = to.split("::").collect();
            let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            if common < a.len() && common < b.len() {
                edges.insert((a[..=common].join("::"), b[..=common].join("::")));
            }
        }
    }
    assert!(
        edges.contains(&("render".to_owned(), "analysis".to_owned())),
        "the scan finds dependencies: {edges:?}"
    );
    let cycles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        cycles.is_empty(),
        "modules that depend on each other: {cycles:?}"
    );
}
