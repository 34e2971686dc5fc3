//! `ims catalog export --format ciso-assistant`: the library CISO Assistant
//! loads, read back and checked against the format's rules and against the
//! catalogue and crosswalk it comes from, whatever their weights are.
//!
//! The rules are those of CISO Assistant's loader (intuitem/ciso-assistant-community,
//! `backend/library/utils.py` and `backend/core/models.py`): URNs of the form
//! `urn:<packager>:risk:<object>:<ref>`, lower case; the relationships
//! `equal`, `subset`, `superset`, `intersect`, `not_related`; a strength of 0
//! to 10; a rationale `syntactic`, `semantic` or `functional`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::common;

const SMALL: &str = "tests/fixtures/ciso-assistant/small";
const OURS: &str = "urn:ims:risk:";
const THEIR_NODES: &str = "urn:intuitem:risk:req_node:iso27001-2022:";

fn stdout_of(args: &[&str]) -> String {
    let output = common::ims().args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn export(extra: &[&str]) -> String {
    let mut args = vec!["catalog", "export", "--format", "ciso-assistant"];
    args.extend(extra);
    stdout_of(&args)
}

fn parse(text: &str) -> Value {
    serde_saphyr::from_str(text).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {value}"))
}

fn list<'a>(value: &'a Value, key: &str) -> &'a Vec<Value> {
    value[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not a list"))
}

/// CISO Assistant's URN rule (`URN_REGEX` in backend/core/models.py):
/// `urn:` then three segments of letters, digits, `_` and `-`, then the
/// rest in letters, digits and `[]()-._:`; and lower case, as it stores them.
fn well_formed(urn: &str) -> bool {
    let parts: Vec<&str> = urn.split(':').collect();
    let segment = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let rest = parts
        .get(4..)
        .map(|rest| rest.join(":"))
        .unwrap_or_default();
    parts[0] == "urn"
        && parts.len() >= 5
        && parts[1..4].iter().all(|s| segment(s))
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "[]()-._:".contains(c))
        && urn == urn.to_lowercase()
}

/// The URNs CISO Assistant's ISO 27001:2022 library defines (test data, with its source).
fn their_urns() -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ciso-assistant/iso27001-2022-urns.txt");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// For one standard of `catalog list`: each id's assessable items (itself
/// for a leaf, every leaf beneath for a heading), and the items in order.
fn leaves(key: &str) -> (BTreeMap<String, Vec<String>>, Vec<Value>) {
    let items = json(&["catalog", "list", "--standard", key, "--format", "json"]);
    let items = items.as_array().unwrap().clone();
    let mut children: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in &items {
        if let Some(parent) = item["parent"].as_str() {
            children
                .entry(parent.to_owned())
                .or_default()
                .push(str_of(item, "id").to_owned());
        }
    }
    fn under(id: &str, children: &BTreeMap<String, Vec<String>>, out: &mut Vec<String>) {
        match children.get(id) {
            Some(below) => below.iter().for_each(|c| under(c, children, out)),
            None => out.push(id.to_owned()),
        }
    }
    let mut map = BTreeMap::new();
    for item in &items {
        let id = str_of(item, "id");
        let mut out = Vec::new();
        under(id, &children, &mut out);
        map.insert(id.to_owned(), out);
    }
    (map, items)
}

/// The strength a direction of a direct edge must have: 10 when covered,
/// else the weight times ten rounded half up, within 1 to 9.
fn expected_strength(relationship: &str, weight: f64) -> u64 {
    if matches!(relationship, "equal" | "superset") {
        10
    } else {
        let twentieths = (weight * 20.0).round() as u64;
        twentieths.div_ceil(2).clamp(1, 9)
    }
}

fn ciso_word(ours: &str, reversed: bool) -> &'static str {
    match (ours, reversed) {
        ("equal", _) => "equal",
        ("subset-of", false) | ("superset-of", true) => "subset",
        ("superset-of", false) | ("subset-of", true) => "superset",
        ("intersects-with", _) => "intersect",
        other => panic!("unknown relationship {other:?}"),
    }
}

#[test]
fn every_urn_is_well_formed_ours_or_one_ciso_assistant_defines() {
    let library = parse(&export(&[]));
    let theirs = their_urns();
    assert!(theirs.len() > 100, "the fixture holds the ISO 27001 nodes");
    let framework = &library["objects"]["framework"];
    let mut ours = vec![str_of(&library, "urn"), str_of(framework, "urn")];
    let mut referenced: Vec<&str> = list(&library, "dependencies")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for node in list(framework, "requirement_nodes") {
        ours.push(str_of(node, "urn"));
    }
    for set in list(&library["objects"], "requirement_mapping_sets") {
        ours.push(str_of(set, "urn"));
        for key in ["source_framework_urn", "target_framework_urn"] {
            let urn = str_of(set, key);
            if !urn.starts_with(OURS) {
                referenced.push(urn);
            }
        }
        for mapping in list(set, "requirement_mappings") {
            for key in ["source_requirement_urn", "target_requirement_urn"] {
                let urn = str_of(mapping, key);
                assert!(well_formed(urn), "{urn}");
                if urn.starts_with(THEIR_NODES) {
                    assert!(theirs.contains(urn), "CISO Assistant defines no {urn}");
                } else {
                    assert!(urn.starts_with("urn:ims:risk:req_node:"), "{urn}");
                }
            }
        }
    }
    for urn in ours {
        assert!(well_formed(urn), "{urn}");
        assert!(urn.starts_with(OURS), "{urn} is not in our namespace");
    }
    assert_eq!(
        referenced,
        [
            "urn:intuitem:risk:library:iso27001-2022",
            "urn:intuitem:risk:framework:iso27001-2022",
            "urn:intuitem:risk:framework:iso27001-2022"
        ]
    );
}

#[test]
fn every_item_of_iso20000_is_a_node_under_a_parent_defined_before_it() {
    let library = parse(&export(&[]));
    let (_, items) = leaves("iso20000");
    let nodes = list(&library["objects"]["framework"], "requirement_nodes");
    assert_eq!(nodes.len(), items.len());
    let mut depth_of: BTreeMap<&str, u64> = BTreeMap::new();
    for (node, item) in nodes.iter().zip(&items) {
        assert_eq!(
            node["ref_id"], item["id"],
            "ids are strings, in catalogue order"
        );
        assert_eq!(node["name"], item["title"]);
        assert_eq!(node["description"], item["summary"]);
        assert_eq!(node["assessable"], item["assessable"]);
        let depth = node["depth"].as_u64().unwrap();
        match node["parent_urn"].as_str() {
            Some(parent) => {
                let above = depth_of.get(parent).unwrap_or_else(|| {
                    panic!("{}: parent {parent} is not defined before it", node["urn"])
                });
                assert_eq!(depth, above + 1);
            }
            None => {
                assert_eq!(depth, 1);
                assert!(item["parent"].is_null());
            }
        }
        depth_of.insert(str_of(node, "urn"), depth);
    }
}

#[test]
fn relationships_strengths_and_rationales_are_in_range() {
    let library = parse(&export(&[]));
    let sets = list(&library["objects"], "requirement_mapping_sets");
    assert_eq!(sets.len(), 2, "one set each way");
    for set in sets {
        assert!(!list(set, "requirement_mappings").is_empty());
        for mapping in list(set, "requirement_mappings") {
            let relationship = str_of(mapping, "relationship");
            assert!(
                ["equal", "subset", "superset", "intersect", "not_related"].contains(&relationship),
                "{mapping}"
            );
            let strength = mapping["strength_of_relationship"].as_u64().unwrap();
            assert!(strength <= 10, "{mapping}");
            assert_eq!(
                strength == 10,
                matches!(relationship, "equal" | "superset"),
                "10 means covered: {mapping}"
            );
            assert!(
                ["syntactic", "semantic", "functional"].contains(&str_of(mapping, "rationale"))
            );
            assert!(!str_of(mapping, "annotation").is_empty());
        }
    }
}

#[test]
fn every_edge_appears_in_both_directions_and_a_direct_edge_at_its_own_weights() {
    let library = parse(&export(&[]));
    let sets = list(&library["objects"], "requirement_mapping_sets");
    let (from_27001, to_27001) = (&sets[0], &sets[1]);
    assert_eq!(
        str_of(from_27001, "source_framework_urn"),
        "urn:intuitem:risk:framework:iso27001-2022"
    );
    assert_eq!(
        str_of(to_27001, "target_framework_urn"),
        "urn:intuitem:risk:framework:iso27001-2022"
    );
    let ours = str_of(&library["objects"]["framework"], "urn").replace(":framework:", ":req_node:");
    let urn_27001 = |id: &str| format!("{THEIR_NODES}{}", id.to_lowercase());
    let urn_20000 = |id: &str| format!("{ours}:{id}");
    let index = |set: &Value| -> BTreeMap<(String, String), (String, u64)> {
        list(set, "requirement_mappings")
            .iter()
            .map(|m| {
                (
                    (
                        str_of(m, "source_requirement_urn").to_owned(),
                        str_of(m, "target_requirement_urn").to_owned(),
                    ),
                    (
                        str_of(m, "relationship").to_owned(),
                        m["strength_of_relationship"].as_u64().unwrap(),
                    ),
                )
            })
            .collect()
    };
    let (forward, backward) = (index(from_27001), index(to_27001));
    let (leaves_27001, _) = leaves("iso27001");
    let (leaves_20000, _) = leaves("iso20000");
    let members = |end: &str, leaves: &BTreeMap<String, Vec<String>>| -> Vec<String> {
        end.split(" + ").flat_map(|id| leaves[id].clone()).collect()
    };
    let edges = json(&["catalog", "mappings", "--format", "json"]);
    let edges = edges.as_array().unwrap();
    assert!(edges.len() > 100);
    let mut direct = 0;
    for edge in edges {
        assert_eq!(
            edge["source"]["standard"], "iso27001",
            "the crosswalk reads from ISO 27001"
        );
        let sources = members(str_of(&edge["source"], "id"), &leaves_27001);
        let targets = members(str_of(&edge["target"], "id"), &leaves_20000);
        let pairs = |from: &[String],
                     to: &[String],
                     a: &dyn Fn(&str) -> String,
                     b: &dyn Fn(&str) -> String| {
            from.iter()
                .flat_map(|x| to.iter().map(move |y| (a(x), b(y))))
                .collect::<Vec<_>>()
        };
        let there = pairs(&sources, &targets, &urn_27001, &urn_20000);
        let back = pairs(&targets, &sources, &urn_20000, &urn_27001);
        assert!(
            there.iter().any(|p| forward.contains_key(p)),
            "{edge} is missing from 27001 to 20000"
        );
        assert!(
            back.iter().any(|p| backward.contains_key(p)),
            "{edge} is missing from 20000 to 27001"
        );
        if let ([one], [other]) = (&there[..], &back[..]) {
            direct += 1;
            let relationship = str_of(edge, "relationship");
            let weight = edge["weight"].as_f64().unwrap();
            let reverse = edge["reverse_weight"].as_f64().unwrap();
            let word = ciso_word(relationship, false);
            assert_eq!(
                forward[one],
                (word.to_owned(), expected_strength(word, weight)),
                "{edge}"
            );
            let word = ciso_word(relationship, true);
            assert_eq!(
                backward[other],
                (word.to_owned(), expected_strength(word, reverse)),
                "{edge}"
            );
        }
    }
    assert!(direct > 80, "most edges join two single items: {direct}");
}

#[test]
fn plain_scalars_are_read_alike_by_every_yaml_reader() {
    // CISO Assistant reads libraries with PyYAML (YAML 1.1), where a plain
    // `4.1` is a number and a plain `on` is true: every plain value must
    // start with a letter and be none of those words, but for the numbers,
    // booleans and the date the format wants.
    let text = export(&[]);
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let body = line.trim_start().trim_start_matches("- ");
        let Some((key, value)) = body.split_once(": ") else {
            continue;
        };
        if value.starts_with('"') {
            assert!(value.ends_with('"'), "{line}");
            continue;
        }
        match key {
            "version" | "depth" | "strength_of_relationship" => {
                assert!(value.chars().all(|c| c.is_ascii_digit()), "{line}");
            }
            "assessable" => assert!(value == "true" || value == "false", "{line}"),
            "publication_date" => assert_eq!(value.len(), 10, "{line}"),
            _ => {
                assert!(value.starts_with(|c: char| c.is_alphabetic()), "{line}");
                assert!(!value.contains(": ") && !value.contains(" #"), "{line}");
                let word = value.to_lowercase();
                assert!(
                    !["yes", "no", "on", "off", "y", "n", "true", "false", "null"]
                        .contains(&word.as_str()),
                    "{line}"
                );
            }
        }
    }
}

#[test]
fn a_small_crosswalk_with_every_relationship_reads_as_expected() {
    let text = export(&["--catalog", SMALL]);
    assert_snapshot!("ciso-assistant-small", text);
    let library = parse(&text);
    let sets = list(&library["objects"], "requirement_mapping_sets");
    let words: BTreeSet<&str> = sets
        .iter()
        .flat_map(|set| list(set, "requirement_mappings"))
        .map(|m| str_of(m, "relationship"))
        .collect();
    assert_eq!(
        words,
        BTreeSet::from(["equal", "intersect", "subset", "superset"])
    );
    assert!(
        str_of(&library, "copyright").contains("belong to their authors"),
        "data loaded with --catalog is not ours to license"
    );
}

#[test]
fn the_output_is_the_same_every_time_and_o_writes_it_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ims-iso20000.yaml");
    let first = export(&[]);
    assert_eq!(first, export(&[]));
    let output = common::ims()
        .args(["catalog", "export", "--format", "ciso-assistant", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
}

/// Runs the export with `--catalog dir` and `extra`: exit code, stdout, stderr.
fn export_from(dir: &std::path::Path, extra: &[&std::path::Path]) -> (Option<i32>, String, String) {
    let output = common::ims()
        .args([
            "catalog",
            "export",
            "--format",
            "ciso-assistant",
            "--catalog",
        ])
        .arg(dir)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn what_cannot_become_the_library_stops_with_exit_2_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL);
    let copy = |name: &str| std::fs::copy(small.join(name), dir.path().join(name)).unwrap();
    // Replacing ISO 20000 drops the built-in crosswalk, and none is given.
    copy("iso20000.yaml");
    let (code, stdout, stderr) = export_from(dir.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("no crosswalk joins `iso27001` and `iso20000`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("must bring a crosswalk joining the two"),
        "{stderr}"
    );
    assert!(stdout.is_empty());

    // An ISO 27001 catalogue of another edition than CISO Assistant's.
    copy("crosswalk.yaml");
    let older = std::fs::read_to_string(small.join("iso27001.yaml"))
        .unwrap()
        .replace("name: ISO/IEC 27001:2022", "name: ISO/IEC 27001:2013");
    std::fs::write(dir.path().join("iso27001.yaml"), older).unwrap();
    let (code, _, stderr) = export_from(dir.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "is ISO/IEC 27001:2013, but CISO Assistant's framework is ISO/IEC 27001:2022"
        ),
        "{stderr}"
    );

    // -o never writes over a catalogue it read.
    copy("iso27001.yaml");
    let target = dir.path().join("crosswalk.yaml");
    let before = std::fs::read_to_string(&target).unwrap();
    let (code, _, stderr) = export_from(dir.path(), &["-o".as_ref(), &target]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("refusing to write over the input file"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), before);
}

#[test]
fn the_manual_shows_the_real_output() {
    let manual = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/catalogues.md"),
    )
    .unwrap();
    let section = &manual[manual.find("## Into CISO Assistant").unwrap()..];
    let block = section
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    let text = export(&[]);
    let mut rest = text.as_str();
    for line in block.lines().filter(|line| !line.starts_with('#')) {
        let at = rest
            .find(&format!("{line}\n"))
            .unwrap_or_else(|| panic!("the export has no line {line:?} after the one before"));
        rest = &rest[at + line.len()..];
    }
    let library = parse(&text);
    let nodes = list(&library["objects"]["framework"], "requirement_nodes");
    let assessable = nodes.iter().filter(|n| n["assessable"] == true).count();
    for figure in [
        format!("framework of {} requirement nodes", nodes.len()),
        format!("the {assessable} items with nothing beneath them"),
        format!("(`{}`)", library["version"]),
    ] {
        assert!(
            section.contains(&figure),
            "docs/catalogues.md lacks {figure:?}"
        );
    }
}
