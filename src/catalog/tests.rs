//! Tests of catalogue loading: the embedded data, and every lint rule on
//! small made-up standards.

use super::*;
use crate::model::{Kind, Node, Relationship, StandardIndex};

fn builtin() -> Catalog {
    match load(&builtin_sources()) {
        Ok(catalog) => catalog,
        Err(err) => panic!("{}", crate::render::problems::problems(&err.0, 100, false)),
    }
}

fn standard<'a>(catalog: &'a Catalog, key: &str) -> &'a crate::model::Standard {
    &catalog.standards[catalog.standard_index(key).unwrap()]
}

#[test]
fn embedded_catalogues_are_lint_clean() {
    let catalog = builtin();
    assert_eq!(catalog.standards.len(), 2);
    assert_eq!(catalog.crosswalks.len(), 1);
}

#[test]
fn annex_a_has_93_controls_in_four_themes() {
    let catalog = builtin();
    let iso = standard(&catalog, "iso27001");
    let controls: Vec<_> = iso
        .items
        .iter()
        .filter(|item| item.kind == Kind::Control)
        .collect();
    assert_eq!(controls.len(), 93);
    for (theme, count) in [("A.5", 37), ("A.6", 8), ("A.7", 14), ("A.8", 34)] {
        let theme_index = iso.find(theme).unwrap();
        let children = &iso.items[theme_index].children;
        assert_eq!(children.len(), count, "{theme}");
        for (n, child) in children.iter().enumerate() {
            let item = &iso.items[*child];
            assert_eq!(item.id, format!("{theme}.{}", n + 1));
            assert_eq!(item.kind, Kind::Control);
            assert!(item.excludable, "{} must be excludable", item.id);
        }
    }
}

#[test]
fn iso27001_clauses_reach_the_third_level_and_are_mandatory() {
    let catalog = builtin();
    let iso = standard(&catalog, "iso27001");
    let clause_ids = [
        "4", "4.1", "4.2", "4.3", "4.4", "5", "5.1", "5.2", "5.3", "6", "6.1", "6.1.1", "6.1.2",
        "6.1.3", "6.2", "6.3", "7", "7.1", "7.2", "7.3", "7.4", "7.5", "7.5.1", "7.5.2", "7.5.3",
        "8", "8.1", "8.2", "8.3", "9", "9.1", "9.2", "9.2.1", "9.2.2", "9.3", "9.3.1", "9.3.2",
        "9.3.3", "10", "10.1", "10.2",
    ];
    let clauses: Vec<&str> = iso
        .items
        .iter()
        .filter(|item| item.kind == Kind::Clause)
        .map(|item| item.id.as_str())
        .collect();
    assert_eq!(clauses, clause_ids);
    assert!(
        iso.items
            .iter()
            .filter(|item| item.kind == Kind::Clause)
            .all(|item| !item.excludable)
    );
    assert_eq!(iso.leaves().count(), 30 + 93);
}

#[test]
fn iso20000_has_every_clause_8_subclause_and_nothing_is_excludable() {
    let catalog = builtin();
    let iso = standard(&catalog, "iso20000");
    let clause_8 = [
        "8", "8.1", "8.2", "8.2.1", "8.2.2", "8.2.3", "8.2.4", "8.2.5", "8.2.6", "8.3", "8.3.1",
        "8.3.2", "8.3.3", "8.3.4", "8.3.4.1", "8.3.4.2", "8.4", "8.4.1", "8.4.2", "8.4.3", "8.5",
        "8.5.1", "8.5.1.1", "8.5.1.2", "8.5.1.3", "8.5.2", "8.5.2.1", "8.5.2.2", "8.5.2.3",
        "8.5.3", "8.6", "8.6.1", "8.6.2", "8.6.3", "8.7", "8.7.1", "8.7.2", "8.7.3", "8.7.3.1",
        "8.7.3.2", "8.7.3.3",
    ];
    let found: Vec<&str> = iso
        .ids()
        .filter(|id| *id == "8" || id.starts_with("8."))
        .collect();
    assert_eq!(found, clause_8);
    for other in [
        "5.2.1", "5.2.2", "6.2.1", "6.2.2", "6.3", "7.5.4", "7.6", "9.4", "10.1", "10.2",
    ] {
        assert!(iso.find(other).is_some(), "{other}");
    }
    assert!(iso.items.iter().all(|item| !item.excludable));
    assert_eq!(iso.leaves().count(), 57);
}

#[test]
fn official_titles_are_spelt_exactly() {
    let catalog = builtin();
    let checks = [
        (
            "iso27001",
            "A.5.21",
            "Managing information security in the information and communication technology (ICT) supply chain",
        ),
        (
            "iso27001",
            "A.5.34",
            "Privacy and protection of personal identifiable information (PII)",
        ),
        (
            "iso27001",
            "A.8.34",
            "Protection of information systems during audit testing",
        ),
        (
            "iso27001",
            "A.7.14",
            "Secure disposal or re-use of equipment",
        ),
        (
            "iso27001",
            "6.2",
            "Information security objectives and planning to achieve them",
        ),
        ("iso27001", "10.2", "Nonconformity and corrective action"),
        (
            "iso20000",
            "8.3.4.2",
            "Management of internal suppliers and customers acting as a supplier",
        ),
        (
            "iso20000",
            "8.2.3",
            "Control of parties involved in the service lifecycle",
        ),
        ("iso20000", "8.4.1", "Budgeting and accounting for services"),
        (
            "iso20000",
            "7.5.4",
            "Service management system documented information",
        ),
        ("iso20000", "10.1", "Nonconformity and corrective action"),
    ];
    for (key, id, title) in checks {
        let iso = standard(&catalog, key);
        assert_eq!(iso.items[iso.find(id).unwrap()].title, title, "{key} {id}");
    }
}

#[test]
fn every_leaf_of_both_standards_is_decided_and_every_partial_edge_has_residuals() {
    let catalog = builtin();
    let crosswalk = &catalog.crosswalks[0];
    for index in catalog.indexes() {
        let standard = &catalog.standards[index];
        for item in standard.leaves() {
            let node = Node {
                standard: index,
                item,
            };
            let mapped = !catalog.links(node).is_empty();
            let explained = catalog.no_counterpart(node).next().is_some();
            assert!(
                mapped ^ explained,
                "{} {} must be on an edge or explained, not both",
                standard.key,
                standard.items[item].id
            );
        }
    }
    for edge in &crosswalk.edges {
        assert_eq!(edge.residual.is_some(), !edge.relationship.covers_fully());
        assert_eq!(
            edge.reverse_residual.is_some(),
            !edge.relationship.inverse().covers_fully()
        );
        for (weight, full) in [
            (edge.weight, edge.relationship.covers_fully()),
            (
                edge.reverse_weight,
                edge.relationship.inverse().covers_fully(),
            ),
        ] {
            if full {
                assert_eq!(weight, 1.0);
            } else {
                assert!(weight > 0.0 && weight < 1.0, "{weight}");
            }
        }
    }
}

#[test]
fn the_reviewed_edges_are_as_decided() {
    let catalog = builtin();
    let crosswalk = &catalog.crosswalks[0];
    let find = |source: &str, target: &str| {
        crosswalk
            .edges
            .iter()
            .find(|edge| {
                catalog.end_label(&edge.source) == source
                    && catalog.end_label(&edge.target) == target
            })
            .unwrap_or_else(|| panic!("no edge {source} -> {target}"))
    };
    // A.5.1 only intersects 8.7.3.1: the policy must also reflect service obligations.
    assert_eq!(
        find("A.5.1", "8.7.3.1").relationship,
        Relationship::IntersectsWith
    );
    // The four incident controls together cover most of 8.7.3.3, which also
    // wants security incidents run through the SMS incident management.
    let incidents = find("A.5.24 + A.5.25 + A.5.26 + A.5.27", "8.7.3.3");
    assert_eq!(incidents.relationship, Relationship::IntersectsWith);
    assert_eq!(incidents.weight, 0.8);
    // ISO 20000 change management as a whole covers most of A.8.32.
    assert_eq!(find("A.8.32", "8.5.1").reverse_weight, 0.8);
    // Continual improvement asks each system for improvements of its own.
    assert_eq!(
        find("10.1", "10.2").relationship,
        Relationship::IntersectsWith
    );
    // Only procedures that take whatever either system feeds them are equal.
    let equal: Vec<String> = crosswalk
        .edges
        .iter()
        .filter(|edge| edge.relationship == Relationship::Equal)
        .map(|edge| catalog.end_label(&edge.source))
        .collect();
    assert_eq!(equal, ["7.5.2", "7.5.3", "10.2"]);
    // A.8.21 belongs with supplier management, not service levels.
    find("A.8.21", "8.3.4.1");
    assert!(
        crosswalk
            .edges
            .iter()
            .all(|edge| catalog.end_label(&edge.target) != "8.3.3")
    );
    // Added edges.
    for (source, target) in [
        ("A.5.16", "8.6.2"),
        ("A.8.8", "8.5.1.3"),
        ("8.1", "8.2.3"),
        ("6.1.2", "8.7.1"),
        ("A.5.36", "9.2"),
        ("A.5.37", "7.5.4"),
        ("A.7.13", "8.2.5"),
        ("A.8.16", "8.6.1"),
        ("6.1.2 + 6.1.3 + 8.2 + 8.3 + 9.1", "8.7.3.2"),
        ("A.5.20", "8.3.4.1 + 8.7.3.2"),
    ] {
        find(source, target);
    }
}

#[test]
fn the_auditors_review_is_in_the_data() {
    let catalog = builtin();
    let crosswalk = &catalog.crosswalks[0];
    let edge = |source: &str, target: &str| {
        crosswalk.edges.iter().find(|edge| {
            catalog.end_label(&edge.source) == source && catalog.end_label(&edge.target) == target
        })
    };
    let weights = |source: &str, target: &str| {
        let found = edge(source, target).unwrap_or_else(|| panic!("no edge {source} -> {target}"));
        (found.weight, found.reverse_weight)
    };
    // ISO 20000 8.7.3.2 names no particular control: no Annex A control
    // gets credit from it alone, as none of A.8.1, A.8.15, A.8.22 does.
    for control in [
        "A.5.15", "A.5.16", "A.5.17", "A.5.18", "A.8.2", "A.8.3", "A.8.5", "A.8.7", "A.8.8",
        "A.8.20", "A.8.24",
    ] {
        assert!(edge(control, "8.7.3.2").is_none(), "{control}");
    }
    // Moved weights (source -> target, then back).
    for (source, target, expected) in [
        ("A.5.22", "8.3.4.2", (0.1, 0.1)),
        ("A.8.8", "8.5.1.3", (0.1, 0.1)),
        ("A.7.13", "8.2.5", (0.2, 0.1)),
        ("A.7.14", "8.2.5", (0.1, 0.1)),
        ("A.5.11", "8.2.5", (0.1, 0.1)),
        ("5.2", "5.2.1", (0.5, 0.4)),
        ("5.2", "5.2.2", (0.7, 0.2)),
        ("A.5.24", "8.7.3.3", (0.3, 0.5)),
        ("A.5.22", "8.3.4.1", (0.3, 0.5)),
        ("A.5.19", "8.2.3", (0.2, 0.2)),
        ("A.5.29 + A.5.30 + A.8.13", "8.7.2", (0.6, 0.2)),
        // Kept: together the four controls give incident management its
        // whole method, more than any one of them (the rationale says so).
        ("A.5.24 + A.5.25 + A.5.26 + A.6.8", "8.6.1", (0.4, 0.3)),
    ] {
        assert_eq!(weights(source, target), expected, "{source} -> {target}");
    }
    // Edges an implementer draws.
    for (source, target, expected) in [
        ("A.5.24", "8.6.1 + 8.7.3.3", (0.3, 0.6)),
        ("A.5.25", "8.6.1 + 8.7.3.3", (0.2, 0.5)),
        ("A.5.26", "8.6.1 + 8.7.3.3", (0.3, 0.6)),
        ("A.5.9", "8.2.5 + 8.2.6", (0.3, 0.6)),
        ("9.1", "9.4", (0.2, 0.2)),
        ("6.1.2", "6.1 + 8.7.3.2", (0.3, 0.5)),
        ("A.5.19", "8.3.4.1 + 8.7.3.2", (0.1, 0.4)),
        ("A.8.9", "8.2.6 + 8.5.1", (0.1, 0.4)),
        ("A.8.6", "8.4.2", (0.1, 0.1)),
    ] {
        assert_eq!(weights(source, target), expected, "{source} -> {target}");
    }
    // What a client reads carries no review history.
    for edge in &crosswalk.edges {
        for text in [
            Some(&edge.rationale),
            edge.residual.as_ref(),
            edge.reverse_residual.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(!text.contains("suggested"), "{text}");
            assert!(!text.contains("status file"), "{text}");
        }
    }
    // A client reads these: they speak of the organisation's own risk
    // work, not of the tool's input file.
    for entry in &crosswalk.no_counterpart {
        assert!(!entry.reason.contains("suggested"), "{}", entry.reason);
        assert!(!entry.reason.contains("status file"), "{}", entry.reason);
    }
}

#[test]
fn change_management_control_is_tied_to_iso20000_change_management() {
    let catalog = builtin();
    let iso = catalog.standard_index("iso27001").unwrap();
    let node = Node {
        standard: iso,
        item: catalog.standards[iso].find("A.8.32").unwrap(),
    };
    let targets: Vec<String> = catalog
        .links(node)
        .iter()
        .map(|link| catalog.end_label(catalog.other(link)))
        .collect();
    assert_eq!(targets, ["8.5.1.1", "8.5.1.2", "8.5.1.3", "8.5.1"]);
}

#[test]
fn shared_clause_edges_name_their_element() {
    let catalog = builtin();
    let crosswalk = &catalog.crosswalks[0];
    let elements: std::collections::BTreeSet<&str> = crosswalk
        .edges
        .iter()
        .filter_map(|edge| edge.element.as_deref())
        .collect();
    for element in [
        "Policy",
        "Objectives",
        "Roles and responsibilities",
        "Competence and awareness",
        "Documented information",
        "Internal audit",
        "Management review",
        "Nonconformity and corrective action",
        "Continual improvement",
        "Risks and opportunities",
    ] {
        assert!(elements.contains(element), "missing element {element}");
    }
    for edge in crosswalk.edges.iter().filter(|edge| edge.element.is_some()) {
        for node in edge.source.nodes().chain(edge.target.nodes()) {
            assert_eq!(catalog.item(node).kind, Kind::Clause);
        }
    }
}

// ------------------------------------------------------------- fixtures

const ALPHA: &str = "\
standard: {key: alpha, name: Alpha 1, title: Alpha standard, edition: '1'}
items:
  - {id: 5, kind: clause, title: Five, summary: Heading five.}
  - {id: 5.1, parent: 5, kind: clause, title: Five one, summary: The first.}
  - {id: 5.10, parent: 5, kind: clause, title: Five ten, summary: The tenth.}
  - {id: X.1, kind: theme, title: Annex, summary: Controls.}
  - {id: X.1.1, parent: X.1, kind: control, excludable: true, title: Control one, summary: A control.}
  - {id: X.1.2, parent: X.1, kind: control, excludable: true, title: Control two, summary: Another.}
";

const BETA: &str = "\
standard: {key: beta, name: Beta 2, title: Beta standard, edition: '2'}
items:
  - {id: 1, kind: clause, title: One, summary: Heading.}
  - {id: 1.1, parent: 1, kind: process, title: One one, summary: A process.}
  - {id: 1.2, parent: 1, kind: process, title: One two, summary: Another process.}
";

fn crosswalk(edges: &str, extra: &str) -> String {
    format!(
        "crosswalk: {{source: alpha, target: beta, source-edition: '1', target-edition: '2', method: judgement, date: 2026-01-02}}\n\
         edges:\n{edges}{extra}"
    )
}

fn fixture(crosswalk_text: &str) -> Result<Catalog, InvalidInput> {
    load(&[
        Source::user("alpha.yaml", ALPHA),
        Source::user("beta.yaml", BETA),
        Source::user("cw.yaml", crosswalk_text),
    ])
}

const GOOD_EDGES: &str = "  - {source: X.1.1, target: 1.1, relationship: subset-of, weight: 0.4, rationale: R., residual: Needs more.}
  - {source: 5.10, target: 1.2, relationship: equal, rationale: Same.}
no-counterpart:
  - {standard: alpha, id: X.1.2, reason: Nothing like it.}
";

fn codes(result: Result<Catalog, InvalidInput>) -> Vec<ProblemCode> {
    match result {
        Ok(_) => Vec::new(),
        Err(err) => err.0.into_iter().map(|problem| problem.code).collect(),
    }
}

#[test]
fn made_up_standards_load_through_the_same_code() {
    let catalog = fixture(&crosswalk(GOOD_EDGES, "")).unwrap();
    let alpha = &catalog.standards[0];
    assert_eq!(alpha.key, "alpha");
    let (five_one, five_ten) = (alpha.find("5.1").unwrap(), alpha.find("5.10").unwrap());
    assert_ne!(
        five_one, five_ten,
        "5.10 must not be read as the number 5.1"
    );
    assert_eq!(alpha.items[five_ten].id, "5.10");
    let node = Node {
        standard: StandardIndex::new(0),
        item: alpha.find("X.1.1").unwrap(),
    };
    let link = catalog.links(node)[0];
    assert_eq!(
        link.relationship,
        Relationship::SupersetOf,
        "beta 1.1 superset-of alpha X.1.1"
    );
    assert_eq!(link.weight, 1.0, "the full direction weighs 1.0");
    let beta_node = catalog.other(&link).nodes().next().unwrap();
    let back = catalog.links(beta_node)[0];
    assert_eq!(back.relationship, Relationship::SubsetOf);
    assert_eq!(back.weight, 0.4);
    assert_eq!(catalog.residual(&back), Some("Needs more."));
}

#[test]
fn unknown_ids_on_edges_are_reported_with_suggestions() {
    let edges = "  - {source: X.1.9, target: 1.1, relationship: equal, rationale: R.}
  - {source: 1.2, target: 1.1, relationship: equal, rationale: R.}
";
    let err = fixture(&crosswalk(edges, "")).unwrap_err();
    let codes: Vec<_> = err.0.iter().map(|p| p.code).collect();
    assert!(codes.contains(&ProblemCode::UnknownItem), "{codes:?}");
    assert!(codes.contains(&ProblemCode::MisplacedItem), "{codes:?}");
    assert!(err.0.iter().all(|p| p.line > 0 && p.file == "cw.yaml"));
}

#[test]
fn duplicate_and_contradictory_edges_are_reported() {
    let edges = "  - {source: X.1.1, target: 1.1, relationship: subset-of, weight: 0.5, rationale: R., residual: More.}
  - {source: X.1.1, target: 1.1, relationship: subset-of, weight: 0.5, rationale: R., residual: More.}
  - {source: X.1.1, target: 1.1, relationship: superset-of, reverse-weight: 0.5, rationale: R., reverse-residual: More.}
  - {source: X.1.1 + X.1.2, target: 1, relationship: equal, rationale: R.}
  - {source: X.1, target: 1.1 + 1.2, relationship: equal, rationale: The same ends written otherwise.}
";
    let codes = codes(fixture(&crosswalk(edges, "")));
    assert!(codes.contains(&ProblemCode::DuplicateEdge), "{codes:?}");
    assert!(codes.contains(&ProblemCode::ContradictoryEdge), "{codes:?}");
}

#[test]
fn partial_edges_need_residuals_and_full_edges_refuse_them() {
    let edges = "  - {source: X.1.1, target: 1.1, relationship: intersects-with, weight: 0.5, reverse-weight: 0.5, rationale: R., residual: More.}
  - {source: X.1.2, target: 1.2, relationship: equal, rationale: R., residual: Pointless.}
";
    let codes = codes(fixture(&crosswalk(edges, "")));
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == ProblemCode::MissingResidual)
            .count(),
        1,
        "{codes:?}"
    );
    assert!(
        codes.contains(&ProblemCode::UnexpectedResidual),
        "{codes:?}"
    );
}

/// The codes of the problems in an edge list, with their messages.
fn problems(edges: &str) -> Vec<(ProblemCode, String)> {
    match fixture(&crosswalk(edges, "")) {
        Ok(_) => Vec::new(),
        Err(err) => err.0.into_iter().map(|p| (p.code, p.message)).collect(),
    }
}

#[test]
fn every_partial_direction_needs_a_weight() {
    let found = problems(
        "  - {source: X.1.1, target: 1.1, relationship: intersects-with, weight: 0.5, rationale: R., residual: More., reverse-residual: More.}
  - {source: X.1.2, target: 1.2, relationship: subset-of, rationale: R., residual: More.}
",
    );
    let missing: Vec<_> = found
        .iter()
        .filter(|(code, _)| *code == ProblemCode::MissingWeight)
        .map(|(_, message)| message.as_str())
        .collect();
    assert_eq!(
        missing,
        [
            "an `intersects-with` edge needs a `reverse-weight`",
            "a `subset-of` edge needs a `weight`"
        ],
        "{found:?}"
    );
}

#[test]
fn a_full_direction_weighs_one_and_a_partial_one_less() {
    let found = problems(
        "  - {source: X.1.1, target: 1.1, relationship: superset-of, weight: 0.8, reverse-weight: 0.5, rationale: R., reverse-residual: More.}
  - {source: X.1.2, target: 1.2, relationship: intersects-with, weight: 1.0, reverse-weight: 0.5, rationale: R., residual: More., reverse-residual: More.}
",
    );
    let found: Vec<_> = found
        .into_iter()
        .filter(|(code, _)| *code != ProblemCode::Undecided)
        .collect();
    let codes: Vec<_> = found.iter().map(|(code, _)| *code).collect();
    assert_eq!(
        codes,
        [
            ProblemCode::WeightContradictsRelationship,
            ProblemCode::WeightContradictsRelationship
        ],
        "{found:?}"
    );
    assert!(found[0].1.contains("its `weight` is 1.0, not 0.8"));
    assert!(found[1].1.contains("claims full coverage"));
    // Written out, a full direction's 1.0 is accepted.
    assert!(
        problems("  - {source: X.1.1, target: 1.1, relationship: equal, weight: 1.0, reverse-weight: 1, rationale: R.}\n")
            .iter()
            .all(|(code, _)| *code == ProblemCode::Undecided)
    );
}

#[test]
fn weights_stay_on_the_scale() {
    for weight in ["0", "-0.5", "0.33", "0.999", ".nan"] {
        let found = problems(&format!(
            "  - {{source: X.1.1, target: 1.1, relationship: subset-of, weight: {weight}, rationale: R., residual: More.}}\n"
        ));
        assert!(
            found
                .iter()
                .any(|(code, _)| *code == ProblemCode::InvalidWeight),
            "{weight}: {found:?}"
        );
    }
    let found = problems(
        "  - {source: X.1.1, target: 1.1, relationship: subset-of, weight: 0.35, rationale: R., residual: More.}\n",
    );
    assert!(
        found
            .iter()
            .all(|(code, _)| *code == ProblemCode::Undecided),
        "{found:?}"
    );
    let found = problems(
        "  - {source: X.1.1, target: 1.1, relationship: subset-of, weight: high, rationale: R., residual: More.}\n",
    );
    assert!(
        matches!(found[0].0, ProblemCode::WrongType | ProblemCode::YamlSyntax),
        "{found:?}"
    );
}

#[test]
fn an_end_may_be_a_heading_or_a_group_taken_together() {
    let catalog = fixture(&crosswalk(
        "  - {source: X.1.1 + X.1.2, target: 1, relationship: intersects-with, weight: 0.6, reverse-weight: 0.3, rationale: R., residual: More., reverse-residual: More.}\n",
        "",
    ))
    .unwrap();
    let edge = &catalog.crosswalks[0].edges[0];
    assert_eq!(catalog.end_label(&edge.source), "X.1.1 + X.1.2");
    assert_eq!(edge.source.leaves.len(), 2);
    assert_eq!(catalog.end_label(&edge.target), "1");
    assert_eq!(
        edge.target.leaves.len(),
        2,
        "the heading stands for 1.1 and 1.2"
    );
    // Each beta item gets the weight; each alpha item the reverse weight.
    let beta_one_two = Node {
        standard: StandardIndex::new(1),
        item: catalog.standards[StandardIndex::new(1)]
            .find("1.2")
            .unwrap(),
    };
    assert_eq!(catalog.links(beta_one_two)[0].weight, 0.6);
    let alpha_two = Node {
        standard: StandardIndex::new(0),
        item: catalog.standards[StandardIndex::new(0)]
            .find("X.1.2")
            .unwrap(),
    };
    assert_eq!(catalog.links(alpha_two)[0].weight, 0.3);
}

#[test]
fn a_group_gives_no_member_more_than_its_own_edge() {
    // The group X.1.1 + X.1.2 gets 0.4 from 1.1, but X.1.1's own edge with
    // 1.1 gives it 0.3; the heading 1 (1.1 and 1.2) gets 0.6 from X.1.2,
    // but 1.2's own edge with X.1.2 gives it 0.5. Both directions are read.
    let edges = "  - {source: X.1.1, target: 1.1, relationship: intersects-with, weight: 0.5, reverse-weight: 0.3, rationale: R., residual: More., reverse-residual: More.}
  - {source: X.1.1 + X.1.2, target: 1.1, relationship: intersects-with, weight: 0.6, reverse-weight: 0.4, rationale: R., residual: More., reverse-residual: More.}
  - {source: X.1.2, target: 1.2, relationship: intersects-with, weight: 0.5, reverse-weight: 0.5, rationale: R., residual: More., reverse-residual: More.}
  - {source: X.1.2, target: 1, relationship: intersects-with, weight: 0.6, reverse-weight: 0.2, rationale: R., residual: More., reverse-residual: More.}
";
    let err = fixture(&crosswalk(edges, "")).unwrap_err();
    let found: Vec<(ProblemCode, u32, &str)> = err
        .0
        .iter()
        .filter(|p| p.code != ProblemCode::Undecided)
        .map(|p| (p.code, p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                ProblemCode::GroupWeightExceedsMember,
                4,
                "edge `X.1.1 + X.1.2 -> 1.1` gives `X.1.1` 0.4 from `1.1`, more than the 0.3 its own edge `X.1.1 -> 1.1` at line 3 gives it"
            ),
            (
                ProblemCode::GroupWeightExceedsMember,
                6,
                "edge `X.1.2 -> 1` gives `1.2` 0.6 from `X.1.2`, more than the 0.5 its own edge `X.1.2 -> 1.2` at line 5 gives it"
            ),
        ],
        "{err:?}"
    );
    // At the least any member gets, both pass; a member may get more
    // through its own edge.
    let fixed = edges
        .replace(
            "weight: 0.6, reverse-weight: 0.4",
            "weight: 0.6, reverse-weight: 0.3",
        )
        .replace(
            "weight: 0.6, reverse-weight: 0.2",
            "weight: 0.5, reverse-weight: 0.2",
        );
    let found = codes(fixture(&crosswalk(&fixed, "")));
    assert!(
        found.iter().all(|c| *c == ProblemCode::Undecided),
        "{found:?}"
    );
}

#[test]
fn rationales_residuals_and_reasons_are_plain_text() {
    let edges = "  - {source: X.1.1, target: 1.1, relationship: intersects-with, weight: 0.5, reverse-weight: 0.3, rationale: \"Both keep `one` register.\", residual: \"Add the *service* part.\", reverse-residual: \"See [the guide](https://example.org).\"}
  - {source: 5.10, target: 1.2, relationship: equal, rationale: \"One <b>procedure</b>.\"}
no-counterpart:
  - {standard: alpha, id: X.1.2, reason: \"Nothing _like_ it.\"}
";
    let err = fixture(&crosswalk(edges, "")).unwrap_err();
    let found: Vec<(ProblemCode, u32, &str)> = err
        .0
        .iter()
        .map(|p| (p.code, p.line, p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                ProblemCode::MarkupInText,
                3,
                "the rationale of edge `X.1.1` -> `1.1` holds a backtick (Markdown code)"
            ),
            (
                ProblemCode::MarkupInText,
                3,
                "the residual of edge `X.1.1` -> `1.1` holds an asterisk (Markdown emphasis)"
            ),
            (
                ProblemCode::MarkupInText,
                3,
                "the reverse-residual of edge `X.1.1` -> `1.1` holds `](` (a Markdown link)"
            ),
            (
                ProblemCode::MarkupInText,
                4,
                "the rationale of edge `5.10` -> `1.2` holds `<` opening an HTML tag or an autolink"
            ),
            (
                ProblemCode::MarkupInText,
                6,
                "the reason for `X.1.2` holds an underscore at the edge of a word (Markdown emphasis)"
            ),
        ],
        "{err:?}"
    );
}

#[test]
fn a_group_names_each_item_once() {
    let found = problems(
        "  - {source: X.1 + X.1.2, target: 1.1, relationship: equal, rationale: R.}
  - {source: X.1.1 +, target: 1.2, relationship: equal, rationale: R.}
",
    );
    let messages: Vec<_> = found
        .iter()
        .filter(|(code, _)| *code == ProblemCode::InvalidValue)
        .map(|(_, message)| message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`X.1.2` is named twice in `X.1 + X.1.2`",
            "`X.1.1 +` has an empty id"
        ]
    );
}

#[test]
fn a_heading_on_the_no_counterpart_list_covers_every_item_beneath_it() {
    let catalog = fixture(&crosswalk(
        "  - {source: 5.10, target: 1, relationship: intersects-with, weight: 0.2, reverse-weight: 0.2, rationale: R., residual: R., reverse-residual: R.}
  - {source: 5.1, target: 1.1, relationship: intersects-with, weight: 0.2, reverse-weight: 0.2, rationale: R., residual: R., reverse-residual: R.}
no-counterpart:
  - {standard: alpha, id: X.1, reason: No controls.}
",
        "",
    ))
    .unwrap();
    assert_eq!(catalog.crosswalks[0].no_counterpart.len(), 2);
}

#[test]
fn undecided_controls_are_reported() {
    let edges = "  - {source: X.1.1, target: 1.1, relationship: subset-of, weight: 0.5, rationale: R., residual: More.}\n";
    let err = fixture(&crosswalk(edges, "")).unwrap_err();
    assert_eq!(err.0.len(), 1, "{:?}", err.0);
    assert_eq!(err.0[0].code, ProblemCode::Undecided);
    assert!(err.0[0].message.contains("`X.1.2`"));
}

#[test]
fn duplicate_item_ids_and_unknown_parents_and_kinds_are_reported() {
    let alpha = "\
standard: {key: alpha, name: A, title: A, edition: '1'}
items:
  - {id: 1, kind: clause, title: One, summary: S.}
  - {id: 1, kind: clause, title: Again, summary: S.}
  - {id: 1.1, parent: 2, kind: clause, title: Orphan, summary: S.}
  - {id: 1.2, parent: 1, kind: clauze, title: Typo, summary: S.}
";
    let codes = codes(load(&[Source::user("a.yaml", alpha)]));
    assert_eq!(
        codes,
        [
            ProblemCode::DuplicateItem,
            ProblemCode::UnknownParent,
            ProblemCode::UnknownKind
        ]
    );
}

#[test]
fn a_mapped_item_cannot_also_have_no_counterpart() {
    let extra = "  - {standard: alpha, id: X.1.1, reason: Contradiction.}\n";
    let codes = codes(fixture(&crosswalk(GOOD_EDGES, extra)));
    assert_eq!(codes, [ProblemCode::MappedAndUnmapped]);
}

#[test]
fn user_catalogue_replaces_builtin_with_same_key_and_drops_its_crosswalks() {
    let mut sources = builtin_sources();
    let replacement = ALPHA.replace("key: alpha", "key: iso27001");
    sources.push(Source::user("mine.yaml", replacement));
    let catalog = load(&sources).unwrap();
    assert_eq!(catalog.standards.len(), 2);
    assert_eq!(standard(&catalog, "iso27001").file, "mine.yaml");
    assert!(catalog.crosswalks.is_empty());
}

#[test]
fn two_user_catalogues_with_one_key_are_refused() {
    let codes = codes(load(&[
        Source::user("a.yaml", ALPHA),
        Source::user("b.yaml", ALPHA),
    ]));
    assert_eq!(codes, [ProblemCode::DuplicateStandard]);
}

#[test]
fn files_that_are_neither_kind_or_empty_are_refused() {
    let codes = codes(load(&[
        Source::user("empty.yaml", "# nothing\n"),
        Source::user("odd.yaml", "edges: []\nitems: []\n"),
    ]));
    assert_eq!(codes, [ProblemCode::EmptyFile, ProblemCode::FileKind]);
}

#[test]
fn builtin_catalogues_load_on_the_fast_path() {
    let result = load_with(&builtin_sources(), fast);
    if let Err(err) = result {
        panic!("{}", crate::render::problems::problems(&err.0, 10, false));
    }
}

#[test]
fn the_fast_reader_reads_the_builtin_files_as_the_full_parser_does() {
    for source in builtin_sources() {
        let fast = crate::yaml::parse_fast::<raw::RawFile>(&source.text)
            .unwrap_or_else(|| panic!("the fast reader gave up on {}", source.name));
        let full: raw::RawFile =
            crate::yaml::parse(&source.text, crate::yaml::Duplicates::Refuse).unwrap();
        // Debug shows every value with its line and column.
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{}", source.name);
    }
}

const GAMMA: &str = "\
standard: {key: gamma, name: Gamma 1, title: Gamma standard, edition: '1'}
items:
  - {id: 1, kind: clause, title: Set up, summary: Heading.}
  - {id: 1.1, parent: 1, kind: clause, title: Scope, summary: Draw the boundary., documented: 'the scope, written down'}
  - {id: 1.2, parent: 1, kind: clause, title: Risk, summary: Assess risk., after: [1.1], after-reason: Risk is assessed within the scope.}
  - {id: 2, kind: theme, title: Controls, summary: Heading., after: [1.2], after-reason: Controls follow from the risk assessment.}
  - {id: 2.1, parent: 2, kind: control, title: Backups, summary: Keep copies.}
  - {id: 2.2, parent: 2, kind: control, title: Restore, summary: Test restores., after: [2.1], after-reason: A restore needs a backup.}
";

fn gamma(extra: &str) -> Result<Catalog, InvalidInput> {
    load(&[Source::user("gamma.yaml", format!("{GAMMA}{extra}"))])
}

#[test]
fn waits_for_expands_headings_and_inherits_from_them() {
    let catalog = gamma("").unwrap();
    let gamma = &catalog.standards[0];
    let ids = |leaf: &str| -> Vec<&str> {
        gamma
            .waits_for(gamma.find(leaf).unwrap())
            .iter()
            .map(|&item| gamma.items[item].id.as_str())
            .collect()
    };
    assert_eq!(ids("1.1"), Vec::<&str>::new());
    assert_eq!(ids("1.2"), ["1.1"]);
    // 2.1 inherits its heading's wait; 2.2 adds its own.
    assert_eq!(ids("2.1"), ["1.2"]);
    assert_eq!(ids("2.2"), ["1.2", "2.1"]);
    let item = &gamma.items[gamma.find("1.2").unwrap()];
    assert_eq!(
        item.after_reason.as_deref(),
        Some("Risk is assessed within the scope.")
    );
    assert_eq!(
        gamma.items[gamma.find("1.1").unwrap()]
            .documented
            .as_deref(),
        Some("the scope, written down")
    );
}

#[test]
fn dependency_rules_are_enforced() {
    let cycle = GAMMA.replace(
        "title: Scope, summary: Draw the boundary.,",
        "title: Scope, summary: Draw the boundary., after: [2.2], after-reason: Made up.,",
    );
    let err = load(&[Source::user("c.yaml", cycle)]).unwrap_err();
    assert_eq!(err.0.len(), 1, "{:?}", err.0);
    assert_eq!(err.0[0].code, ProblemCode::DependencyCycle);
    assert!(
        err.0[0].message.contains("1.1 -> 2.2 -> 1.2 -> 1.1"),
        "{}",
        err.0[0].message
    );

    let own = codes(gamma(
        "  - {id: 3, kind: clause, title: T, summary: S., after: [3], after-reason: R.}\n",
    ));
    assert_eq!(own, [ProblemCode::DependencyCycle]);
    let beneath = codes(gamma(
        "  - {id: 2.3, parent: 2, kind: control, title: T, summary: S., after: [2], after-reason: R.}\n",
    ));
    assert_eq!(beneath, [ProblemCode::DependencyCycle]);
    let unknown = codes(gamma(
        "  - {id: 3, kind: clause, title: T, summary: S., after: [9.9], after-reason: R.}\n",
    ));
    assert_eq!(unknown, [ProblemCode::UnknownItem]);
    let no_reason = codes(gamma(
        "  - {id: 3, kind: clause, title: T, summary: S., after: [1.1]}\n",
    ));
    assert_eq!(no_reason, [ProblemCode::MissingKey]);
    let lone_reason = codes(gamma(
        "  - {id: 3, kind: clause, title: T, summary: S., after-reason: R.}\n",
    ));
    assert_eq!(lone_reason, [ProblemCode::UnknownKey]);
}

const GAMMA_DOCS: &str = "\
documents:
  - id: SCOPE
    title: Scope statement
    kind: policy
    purpose: Says what is covered.
    serves: {gamma: [1.1]}
    sections:
      - {title: Boundaries, serves: [gamma], prompt: Say where it ends.}
";

#[test]
fn a_document_set_is_checked_against_the_standards() {
    let catalog = load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("docs.yaml", GAMMA_DOCS),
    ])
    .unwrap();
    assert_eq!(catalog.documents.len(), 1);
    assert_eq!(
        catalog.documents[0].kind,
        crate::model::DocumentKind::Policy
    );
    assert!(undocumented(&catalog).is_empty());

    let bad = GAMMA_DOCS
        .replace("[1.1]", "[1.1, 7.7]")
        .replace("kind: policy", "kind: memo")
        .replace("serves: [gamma]", "serves: [gamma, delta]");
    let codes = codes(load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("docs.yaml", bad),
    ]));
    assert_eq!(
        codes,
        [
            ProblemCode::InvalidValue,
            ProblemCode::UnknownItem,
            ProblemCode::UnknownStandard
        ]
    );
}

#[test]
fn the_document_set_holds_what_stage_2_samples() {
    use crate::model::{DocumentKind, ItemIndex};
    let catalog = builtin();
    let document = |id: &str| catalog.documents.iter().find(|d| d.id == id).unwrap();
    let listed = |list: &[(StandardIndex, Vec<ItemIndex>)], key: &str, item: &str| {
        let standard = catalog.standard_index(key).unwrap();
        let item = catalog.standards[standard].find(item).unwrap();
        list.iter()
            .any(|(s, items)| *s == standard && items.contains(&item))
    };
    let serves = |id: &str, key: &str, item: &str| listed(&document(id).serves, key, item);
    let supports = |id: &str, key: &str, item: &str| listed(&document(id).supports, key, item);
    // The records that show controls operate.
    let records = document("CONTROL-RECORDS");
    assert_eq!(records.kind, DocumentKind::Record);
    for control in [
        "A.5.18", "A.8.2", "A.8.8", "A.8.15", "A.8.16", "A.6.1", "A.6.6", "A.5.19", "A.5.21",
    ] {
        assert!(serves("CONTROL-RECORDS", "iso27001", control), "{control}");
    }
    // Tagging: acceptance of residual risk serves both, the register serves
    // the service security controls, incident escalation serves both.
    let section = |id: &str, title: &str| {
        document(id)
            .sections
            .iter()
            .find(|s| s.title.starts_with(title))
            .unwrap_or_else(|| panic!("{id}: {title}"))
            .serves
            .len()
    };
    assert_eq!(section("IMS-RTP", "Acceptance of residual risk"), 2);
    // The service security controls and risk treatment are decided in the
    // treatment plan and the SoA; the documents that hold rules, risks or
    // records of those controls only support them.
    for decided in ["IMS-RTP", "IMS-SOA"] {
        assert!(serves(decided, "iso20000", "8.7.3.2"), "{decided}");
        assert!(serves(decided, "iso27001", "6.1.3"), "{decided}");
    }
    for evidence in [
        "IMS-RISK-REGISTER",
        "IS-POLICY-SET",
        "ACCESS-POLICY",
        "CONTROL-RECORDS",
    ] {
        assert!(supports(evidence, "iso20000", "8.7.3.2"), "{evidence}");
    }
    assert!(supports("IMS-RISK-METHOD", "iso27001", "6.1.3"));
    // Operational planning and control is written up in the manual; the
    // procedures and records that run or show it only support it.
    for key in ["iso27001", "iso20000"] {
        assert!(serves("IMS-PLAN", key, "8.1"), "{key}");
        assert!(supports("OPS-PROCEDURES", key, "8.1"), "{key}");
        assert!(supports("SVC-RECORDS", key, "8.1"), "{key}");
    }
    assert!(supports("SUP-PROCEDURE", "iso27001", "8.1"));
    assert!(supports("CHG-PROCEDURE", "iso27001", "8.1"));
    // Knowledge is set with competence; the knowledge base and known errors
    // are kept under document control and problem management.
    assert!(serves("IMS-COMPETENCE", "iso20000", "7.6"));
    assert!(supports("IMS-DOC-CONTROL", "iso20000", "7.6"));
    assert!(supports("PRB-PROCEDURE", "iso20000", "7.6"));
    // The technical security controls of operation and the classification
    // scheme are documents of their own, which a small organisation writes
    // back into the operating procedures and the one policy.
    for (id, controls, into) in [
        (
            "SEC-MONITORING",
            &["A.5.7", "A.8.15", "A.8.16", "A.8.17"][..],
            "OPS-PROCEDURES",
        ),
        ("VULN-MGMT", &["A.8.7", "A.8.8"][..], "OPS-PROCEDURES"),
        (
            "NET-SECURITY",
            &["A.8.20", "A.8.21", "A.8.22", "A.8.23"][..],
            "OPS-PROCEDURES",
        ),
        (
            "INFO-CLASSIFICATION",
            &["A.5.12", "A.5.13", "A.8.12"][..],
            "IMS-POLICY",
        ),
    ] {
        for control in controls {
            assert!(serves(id, "iso27001", control), "{id} {control}");
            assert!(!serves("OPS-PROCEDURES", "iso27001", control), "{control}");
            assert!(!serves("IS-POLICY-SET", "iso27001", control), "{control}");
        }
        assert_eq!(
            document(id).merge.as_ref().map(|m| m.into.as_str()),
            Some(into),
            "{id}"
        );
    }
    assert_eq!(section("INC-PROCEDURE", "Escalation"), 2);
    // The SoA is one table, not four lists.
    let soa: Vec<&str> = document("IMS-SOA")
        .sections
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert!(
        soa.contains(&"The statement, one row per control"),
        "{soa:?}"
    );
    for gone in ["Reasons for inclusion", "Justification of exclusions"] {
        assert!(!soa.contains(&gone), "{soa:?}");
    }
    // Each document has its own kind.
    assert_eq!(document("IMS-SCOPE").kind, DocumentKind::Statement);
    assert_eq!(document("IMS-ROLES").kind, DocumentKind::Matrix);
    // A small organisation merges two fifths of the set, each with a reason.
    let merged = catalog
        .documents
        .iter()
        .filter(|d| d.merge.is_some())
        .count();
    assert_eq!((catalog.documents.len(), merged), (50, 20));
}

#[test]
fn a_merge_for_a_small_organisation_names_where_the_text_ends_up() {
    let doc = |id: &str, merge: &str| {
        format!(
            "  - id: {id}\n    title: T {id}\n    kind: statement\n    purpose: P.\n{merge}    serves: {{gamma: [1.1]}}\n    sections:\n      - {{title: S, serves: [gamma], prompt: Q.}}\n"
        )
    };
    let merge = |into: &str| {
        format!("    small-organisation: {{merge-into: {into}, reason: Few people.}}\n")
    };
    let set = |docs: &[String]| format!("documents:\n{}", docs.concat());
    let good = set(&[doc("MANUAL", ""), doc("SCOPE", &merge("MANUAL"))]);
    let catalog = load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("docs.yaml", good),
    ])
    .unwrap();
    let merged = catalog.documents[1].merge.as_ref().unwrap();
    assert_eq!(
        (merged.into.as_str(), merged.reason.as_str()),
        ("MANUAL", "Few people.")
    );
    assert_eq!(
        catalog.documents[0].kind,
        crate::model::DocumentKind::Statement
    );

    let bad = set(&[
        doc("MANUAL", &merge("MANUL")),
        doc("SCOPE", &merge("SCOPE")),
        doc("ROLES", &merge("SCOPE")),
        doc(
            "PLAN",
            "    small-organisation: {merge-into: MANUAL, reason: ''}\n",
        ),
    ]);
    let err = load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("docs.yaml", bad),
    ])
    .unwrap_err();
    let found: Vec<(ProblemCode, u32, String)> = err
        .0
        .iter()
        .map(|p| (p.code, p.line, p.message.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                ProblemCode::EmptyValue,
                30,
                "the reason `PLAN` is merged is empty".to_owned()
            ),
            (
                ProblemCode::UnknownDocument,
                6,
                "`MANUAL` merges into `MANUL`, which is not a document of the set".to_owned()
            ),
            (
                ProblemCode::InvalidValue,
                14,
                "`SCOPE` merges into itself".to_owned()
            ),
            (
                ProblemCode::InvalidValue,
                22,
                "`ROLES` merges into `SCOPE`, which is itself merged into `SCOPE`".to_owned()
            ),
        ],
        "{err:?}"
    );
    assert_eq!(err.0[1].help.as_deref(), Some("did you mean `MANUAL`?"));
}

#[test]
fn every_documented_item_must_be_served() {
    let none_for_scope = GAMMA_DOCS.replace("[1.1]", "[1.2]");
    let catalog = load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("docs.yaml", none_for_scope),
    ])
    .unwrap();
    let problems = undocumented(&catalog);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, ProblemCode::Undocumented);
    assert!(problems[0].message.contains("`1.1` of gamma"));
    // A heading serves every item beneath it.
    let heading = GAMMA_DOCS.replace("[1.1]", "[1]");
    let catalog = load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("docs.yaml", heading),
    ])
    .unwrap();
    assert!(undocumented(&catalog).is_empty());
}

#[test]
fn the_builtin_document_set_serves_every_documented_item() {
    let catalog = builtin();
    assert!(catalog.documents.len() >= 40);
    let problems = undocumented(&catalog);
    assert!(problems.is_empty(), "{problems:?}");
    // The items the issue names for ISO 27001 expect documented information.
    let iso = standard(&catalog, "iso27001");
    for id in [
        "4.3", "5.2", "6.1.2", "6.1.3", "6.2", "7.2", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2",
        "8.3", "9.1", "9.2.2", "9.3.3", "10.2",
    ] {
        assert!(
            iso.items[iso.find(id).unwrap()].documented.is_some(),
            "{id}"
        );
    }
    // Every section serves a standard that its document serves or
    // supports, and the set keeps security and service parts apart as well
    // as shared ones.
    let mut shared = 0;
    let mut single = 0;
    for document in &catalog.documents {
        for section in &document.sections {
            assert!(
                section
                    .serves
                    .iter()
                    .all(|s| document.items().iter().any(|(d, _)| d == s))
            );
            if section.serves.len() > 1 {
                shared += 1;
            } else {
                single += 1;
            }
        }
    }
    assert!(
        shared > 50 && single > 100,
        "{shared} shared, {single} single"
    );
}

#[test]
fn a_user_document_replaces_the_builtin_one_with_its_id() {
    let mut sources = builtin_sources();
    sources.push(Source::user(
        "mine.yaml",
        "documents:\n  - id: IMS-SCOPE\n    title: Our scope\n    kind: policy\n    purpose: Ours.\n    serves: {iso27001: [4.3]}\n    sections:\n      - {title: All, serves: [iso27001], prompt: Write it.}\n",
    ));
    let catalog = load(&sources).unwrap();
    let scope: Vec<_> = catalog
        .documents
        .iter()
        .filter(|document| document.id == "IMS-SCOPE")
        .collect();
    assert_eq!(scope.len(), 1);
    assert_eq!(scope[0].title, "Our scope");
    let twice = codes(load(&[
        Source::user("gamma.yaml", GAMMA),
        Source::user("a.yaml", GAMMA_DOCS),
        Source::user("b.yaml", GAMMA_DOCS),
    ]));
    assert_eq!(twice, [ProblemCode::DuplicateDocument]);
}

/// The problems of one catalogue file on its own.
fn alone(text: &str) -> Vec<crate::diag::Problem> {
    super::load(&[Source::user("c.yaml", text)])
        .map(|_| Vec::new())
        .unwrap_or_else(|error| error.0)
}

#[test]
fn effort_is_given_for_every_assessable_item_or_none_and_says_for_whom() {
    let partly = "standard: {key: alpha, name: A, title: A, edition: '1'}
items:
  - {id: '1', kind: clause, title: T, summary: S.}
  - {id: '1.1', parent: '1', kind: clause, title: T, summary: S., effort: 2}
  - {id: '1.2', parent: '1', kind: clause, title: T, summary: S.}
";
    let problems = alone(partly);
    assert!(
        problems
            .iter()
            .any(|p| p.code == ProblemCode::MissingEffort && p.message.contains("`1.2`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.code == ProblemCode::MissingKey && p.message.contains("estimates effort")),
        "{problems:?}"
    );
    let bad = "standard: {key: alpha, name: A, title: A, edition: '1', effort-reference: R}
items:
  - {id: '1', kind: clause, title: T, summary: S., effort: 4}
  - {id: '1.1', parent: '1', kind: clause, title: T, summary: S., effort: 0.1}
  - {id: '1.2', parent: '1', kind: clause, title: T, summary: S., effort: 300}
";
    let problems = alone(bad);
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("`1` is a heading")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("effort of `1.1` is 0.1")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("effort of `1.2` is 300")),
        "{problems:?}"
    );
    let none = "standard: {key: alpha, name: A, title: A, edition: '1'}
items:
  - {id: '1', kind: clause, title: T, summary: S.}
";
    assert!(alone(none).is_empty());
}

#[test]
fn a_phase_is_known_and_no_item_waits_for_a_later_one() {
    let text = "standard: {key: alpha, name: A, title: A, edition: '1'}
items:
  - {id: '1', kind: clause, title: T, summary: S., phase: establish}
  - {id: '1.1', parent: '1', kind: clause, title: T, summary: S., after: ['2.1'], after-reason: R.}
  - {id: '2', kind: clause, title: T, summary: S., phase: plann}
  - {id: '2.1', parent: '2', kind: clause, title: T, summary: S., phase: plan}
";
    let problems = alone(text);
    let unknown = problems
        .iter()
        .find(|p| p.message.contains("unknown phase `plann`"))
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!(unknown.help.as_deref(), Some("did you mean `plan`?"));
    let order = problems
        .iter()
        .find(|p| p.code == ProblemCode::PhaseOrder)
        .unwrap_or_else(|| panic!("{problems:?}"));
    assert!(
        order
            .message
            .contains("`1.1` of alpha (establish phase) waits for `2.1` (plan phase)"),
        "{}",
        order.message
    );
    assert_eq!(order.line, 4, "placed at the item that waits");
    // Headings pass their phase down; an item of no phase is implement.
    let fine = "standard: {key: alpha, name: A, title: A, edition: '1'}
items:
  - {id: '1', kind: clause, title: T, summary: S., phase: establish}
  - {id: '1.1', parent: '1', kind: clause, title: T, summary: S.}
  - {id: '2', kind: clause, title: T, summary: S.}
  - {id: '2.1', parent: '2', kind: clause, title: T, summary: S., after: ['1.1'], after-reason: R.}
";
    let catalog = super::load(&[Source::user("c.yaml", fine)]).unwrap();
    let standard = &catalog.standards[0];
    assert_eq!(standard.items[1].phase, crate::model::Phase::Establish);
    assert_eq!(standard.items[3].phase, crate::model::Phase::Implement);
}

#[test]
fn the_built_in_catalogues_estimate_every_item_and_place_it_in_a_phase() {
    let catalog = builtin();
    for standard in &catalog.standards {
        assert!(standard.effort_reference.is_some(), "{}", standard.key);
        for leaf in standard.leaves() {
            assert!(
                standard.items[leaf].effort.is_some(),
                "{} {}",
                standard.key,
                standard.items[leaf].id
            );
        }
    }
    let iso27001 = standard(&catalog, "iso27001");
    let phase = |id: &str| iso27001.items[iso27001.find(id).unwrap()].phase;
    use crate::model::Phase::*;
    for (id, expected) in [
        ("5.1", Establish),
        ("7.5.3", Establish),
        ("10.2", Establish),
        ("A.5.9", Plan),
        ("6.1.2", Plan),
        ("A.8.8", Implement),
        ("9.1", Implement),
        ("9.2.1", Audit),
        ("9.3.1", Review),
    ] {
        assert_eq!(phase(id), expected, "{id}");
    }
}

#[test]
fn a_document_serves_or_supports_an_item_never_both() {
    let catalog_text = "standard: {key: alpha, name: A, title: A, edition: '1'}
items:
  - {id: '1', kind: clause, title: T, summary: S.}
  - {id: '1.1', parent: '1', kind: clause, title: T, summary: S.}
  - {id: '1.2', parent: '1', kind: clause, title: T, summary: S.}
";
    let documents = |body: &str| {
        format!(
            "documents:\n  - id: D\n    title: T\n    kind: record\n    purpose: P.\n{body}    sections: [{{title: T, serves: [alpha], prompt: P.}}]\n"
        )
    };
    let good = documents("    serves: {alpha: ['1.1']}\n    supports: {alpha: ['1.2']}\n");
    let catalog = super::load(&[
        Source::user("a.yaml", catalog_text),
        Source::user("d.yaml", good),
    ])
    .unwrap();
    let document = &catalog.documents[0];
    assert_eq!(document.serves[0].1.len(), 1);
    assert_eq!(document.supports[0].1.len(), 1);
    assert_eq!(document.items()[0].1.len(), 2);
    let both = documents("    serves: {alpha: ['1.1']}\n    supports: {alpha: ['1.1', '1.9']}\n");
    let problems = super::load(&[
        Source::user("a.yaml", catalog_text),
        Source::user("d.yaml", both),
    ])
    .unwrap_err()
    .0;
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("both serves and supports `1.1`")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p
            .message
            .contains("supports `1.9`, which alpha does not define")),
        "{problems:?}"
    );
}

#[test]
fn a_document_id_that_reads_as_a_path_is_an_error_with_its_code() {
    for id in [
        "../../../../x",
        "/etc/passwd",
        "a/b",
        ".hidden",
        "x..y",
        "C:\\\\x",
    ] {
        let text = GAMMA_DOCS.replace("id: SCOPE", &format!("id: \"{id}\""));
        let found = codes(load(&[
            Source::user("gamma.yaml", GAMMA),
            Source::user("docs.yaml", &text),
        ]));
        assert_eq!(found, [ProblemCode::DocumentId], "{id}");
    }
    for id in ["IMS-SCOPE", "SVC_2", "ISO-27001.A5"] {
        let text = GAMMA_DOCS.replace("id: SCOPE", &format!("id: {id}"));
        assert!(
            load(&[
                Source::user("gamma.yaml", GAMMA),
                Source::user("docs.yaml", &text)
            ])
            .is_ok(),
            "{id}"
        );
    }
}
