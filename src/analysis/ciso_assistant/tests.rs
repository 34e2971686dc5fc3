//! Tests of the CISO Assistant export on two small made-up standards: what
//! each relationship becomes each way, members of groups and headings, the
//! choice between edges giving one pair, and the strengths.

use super::*;
use crate::catalog::{Source, load};
use crate::model::Relationship;

/// The counterpart, as if CISO Assistant shipped a framework for `there`.
const THERE: Counterpart<'static> = Counterpart {
    key: "there",
    edition: "There:2026",
    name: "There:2026",
    slug: "there-2026",
    library_urn: "urn:vendor:risk:library:there-2026",
    framework_urn: "urn:vendor:risk:framework:there-2026",
    node_prefix: "urn:vendor:risk:req_node:there-2026",
};

const HERE: &str = "standard:
  key: here
  name: Here:2026
  title: A made-up standard exported as a framework
  edition: '2026'
items:
  - {id: 1, kind: clause, title: One, summary: The first heading.}
  - {id: 1.1, parent: 1, kind: clause, title: One one, summary: 'A leaf: quoted.'}
  - {id: 1.2, parent: 1, kind: clause, title: One two, summary: A leaf.}
  - {id: 2, kind: clause, title: Two, summary: The second heading.}
  - {id: 2.1, parent: 2, kind: clause, title: Two one, summary: A leaf.}
  - {id: 2.2, parent: 2, kind: clause, title: Two two, summary: A leaf.}
";

const THERE_TEXT: &str = "standard:
  key: there
  name: There:2026
  title: The counterpart
  edition: '2026'
items:
  - {id: 1, kind: clause, title: One, summary: A heading.}
  - {id: 1.1, parent: 1, kind: clause, title: One one, summary: A leaf.}
  - {id: 1.2, parent: 1, kind: clause, title: One two, summary: A leaf.}
  - {id: A.2, kind: clause, title: Two, summary: A heading.}
  - {id: A.2.1, parent: A.2, kind: clause, title: Two one, summary: A leaf.}
  - {id: A.2.2, parent: A.2, kind: clause, title: Two two, summary: A leaf.}
  - {id: A.2.3, parent: A.2, kind: clause, title: Two three, summary: A leaf.}
";

const CROSSWALK: &str = "crosswalk:
  source: there
  target: here
  source-edition: There:2026
  target-edition: Here:2026
  method: expert judgement
  date: 2026-11-29
  authors: Test authors
decide: []
edges:
  - {source: 1.1, target: 1.1, relationship: equal, element: Policy, rationale: The same.}
  - {source: 1.2, target: 1.2, relationship: subset-of, weight: 0.35, residual: More., rationale: Part.}
  - {source: A.2.1, target: 2.1, relationship: superset-of, reverse-weight: 0.95, reverse-residual: Rest., rationale: All.}
  - {source: A.2.2, target: 2.2, relationship: intersects-with, weight: 0.4, reverse-weight: 0.5, residual: R., reverse-residual: RR., rationale: Some.}
  - {source: A.2.1 + A.2.2, target: 2.2, relationship: intersects-with, weight: 0.8, reverse-weight: 0.3, residual: R., reverse-residual: RR., rationale: Together.}
  - {source: A.2.1 + A.2.3, target: 2.1, relationship: superset-of, reverse-weight: 0.9, reverse-residual: RR., rationale: Both make it.}
  - {source: 1.2, target: 2, relationship: intersects-with, weight: 0.15, reverse-weight: 0.05, residual: R., reverse-residual: RR., rationale: A little.}
  - {source: 1.1 + 1.2, target: 1.2, relationship: intersects-with, weight: 0.6, reverse-weight: 0.3, residual: R., reverse-residual: RR., rationale: First group.}
  - {source: 1.1 + A.2.3, target: 1.2, relationship: intersects-with, weight: 0.3, reverse-weight: 0.2, residual: R., reverse-residual: RR., rationale: Second group.}
";

fn catalog(files: &[(&str, &str)]) -> Catalog {
    let sources: Vec<Source> = files
        .iter()
        .map(|(name, text)| Source::user(*name, *text))
        .collect();
    match load(&sources) {
        Ok(catalog) => catalog,
        Err(err) => panic!("{}", crate::render::problems::problems(&err.0, 100, false)),
    }
}

fn toy() -> Catalog {
    catalog(&[
        ("here.yaml", HERE),
        ("there.yaml", THERE_TEXT),
        ("crosswalk.yaml", CROSSWALK),
    ])
}

fn export(catalog: &Catalog, user_files: &[String]) -> Result<Library, ExportError> {
    library(
        catalog,
        &Request {
            standard: "here",
            counterpart: THERE,
            user_files,
        },
    )
}

/// The mappings of one set as (source id, target id, relationship, strength).
fn pairs_of(set: &MappingSet) -> Vec<(String, String, &'static str, u8)> {
    let id = |urn: &str| urn.rsplit(':').next().unwrap_or_default().to_owned();
    set.mappings
        .iter()
        .map(|m| {
            (
                id(&m.source_urn),
                id(&m.target_urn),
                m.relationship,
                m.strength,
            )
        })
        .collect()
}

fn row(
    a: &str,
    b: &str,
    relationship: &'static str,
    strength: u8,
) -> (String, String, &'static str, u8) {
    (a.to_owned(), b.to_owned(), relationship, strength)
}

#[test]
fn each_direction_gets_its_own_set_with_its_own_relationship_and_weight() {
    let library = export(&toy(), &[]).unwrap();
    let [from_there, to_there] = &library.mapping_sets[..] else {
        panic!("two sets expected");
    };
    assert_eq!(from_there.source_framework_urn, THERE.framework_urn);
    assert_eq!(
        from_there.target_framework_urn,
        "urn:ims:risk:framework:here-2026"
    );
    assert_eq!(
        to_there.source_framework_urn,
        "urn:ims:risk:framework:here-2026"
    );
    assert_eq!(to_there.target_framework_urn, THERE.framework_urn);
    assert_eq!(
        pairs_of(from_there),
        [
            row("1.1", "1.1", "equal", 10),
            // Two groups give this pair and neither names it: the lower weight (0.3) holds.
            row("1.1", "1.2", "intersect", 3),
            // The pair's own edge (subset-of, 0.35, rounded half up) wins over the group (0.6).
            row("1.2", "1.2", "subset", 4),
            // A heading target: each item beneath it, at the edge's weight (0.15).
            row("1.2", "2.1", "intersect", 2),
            row("1.2", "2.2", "intersect", 2),
            // The pair's own superset-of wins over the group's.
            row("a.2.1", "2.1", "superset", 10),
            // A member of a source group: the group's weight, as an upper bound.
            row("a.2.1", "2.2", "intersect", 8),
            row("a.2.2", "2.2", "intersect", 4),
            // A member of a superset-of source group, alone, neither holds
            // all of the target nor only what the target asks.
            row("a.2.3", "1.2", "intersect", 3),
            row("a.2.3", "2.1", "intersect", 9),
        ]
    );
    assert_eq!(
        pairs_of(to_there),
        [
            row("1.1", "1.1", "equal", 10),
            row("1.2", "1.1", "intersect", 2),
            // Inverse of subset-of, a full direction.
            row("1.2", "1.2", "superset", 10),
            row("1.2", "a.2.3", "intersect", 2),
            // A heading source: each item beneath it, at the edge's weight (0.05).
            row("2.1", "1.2", "intersect", 1),
            // Inverse of superset-of at 0.95: partial, so 9 rather than 10.
            row("2.1", "a.2.1", "subset", 9),
            // A member of the target group, at the group's weight back (0.9).
            row("2.1", "a.2.3", "intersect", 9),
            row("2.2", "1.2", "intersect", 1),
            row("2.2", "a.2.1", "intersect", 3),
            row("2.2", "a.2.2", "intersect", 5),
        ]
    );
}

#[test]
fn annotations_carry_our_rationale_what_is_still_needed_and_the_exact_weight() {
    let library = export(&toy(), &[]).unwrap();
    let find = |set: usize, source: &str, target: &str| {
        library.mapping_sets[set]
            .mappings
            .iter()
            .find(|m| m.source_urn.ends_with(source) && m.target_urn.ends_with(target))
            .map(|m| m.annotation.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        find(0, "there-2026:1.1", "here-2026:1.1"),
        "Shared element: Policy. The same. (ims weight 1)"
    );
    assert_eq!(
        find(0, ":1.2", "here-2026:1.2"),
        "Part. Still needed: More. (ims weight 0.35)"
    );
    assert_eq!(
        find(0, ":a.2.1", "here-2026:2.2"),
        "From the ims edge A.2.1 + A.2.2 intersects-with 2.2, judged as a whole; this pair has no judgement of its own. Together. Still needed: R. (ims weight 0.8)"
    );
    assert_eq!(
        find(1, "here-2026:2.1", ":a.2.1"),
        "All. Still needed: Rest. (ims weight 0.95)"
    );
    assert!(
        library
            .mapping_sets
            .iter()
            .flat_map(|s| &s.mappings)
            .all(|m| m.rationale == "functional")
    );
}

#[test]
fn the_framework_has_every_item_with_depth_parent_and_assessable_leaves() {
    let library = export(&toy(), &[]).unwrap();
    let framework = &library.framework;
    assert_eq!(framework.urn, "urn:ims:risk:framework:here-2026");
    assert_eq!(framework.ref_id, "Here:2026");
    let rows: Vec<(&str, usize, Option<&str>, bool)> = framework
        .nodes
        .iter()
        .map(|n| {
            (
                n.ref_id.as_str(),
                n.depth,
                n.parent_urn.as_deref(),
                n.assessable,
            )
        })
        .collect();
    let parent = |id: &str| format!("urn:ims:risk:req_node:here-2026:{id}");
    let (one, two) = (parent("1"), parent("2"));
    assert_eq!(
        rows,
        [
            ("1", 1, None, false),
            ("1.1", 2, Some(one.as_str()), true),
            ("1.2", 2, Some(one.as_str()), true),
            ("2", 1, None, false),
            ("2.1", 2, Some(two.as_str()), true),
            ("2.2", 2, Some(two.as_str()), true),
        ]
    );
    assert_eq!(framework.nodes[1].name, "One one");
    assert_eq!(framework.nodes[1].description, "A leaf: quoted.");
}

#[test]
fn the_header_names_us_the_dependency_and_a_version_from_the_review_date() {
    let library = export(&toy(), &[]).unwrap();
    assert_eq!(library.urn, "urn:ims:risk:library:here-2026");
    assert_eq!(library.version, 20_261_129);
    assert_eq!(library.publication_date, "2026-11-29");
    assert_eq!(library.dependencies, [THERE.library_urn]);
    assert_eq!(library.provider, "Here:2026");
    assert_eq!(library.packager, "ims");
    assert!(
        library.copyright.contains("licensed MIT OR Apache-2.0"),
        "{}",
        library.copyright
    );
    assert!(
        library.copyright.contains("by Test authors, licensed"),
        "{}",
        library.copyright
    );
}

#[test]
fn a_users_data_is_credited_to_its_authors_not_licensed_as_ours() {
    let library = export(&toy(), &["crosswalk.yaml".to_owned()]).unwrap();
    assert!(!library.copyright.contains("MIT"), "{}", library.copyright);
    assert!(
        library
            .copyright
            .contains("(from crosswalk.yaml by Test authors) belong to their authors"),
        "{}",
        library.copyright
    );
}

#[test]
fn strengths_are_rounded_half_up_and_ten_means_covered() {
    use Relationship::{Equal, IntersectsWith, SubsetOf, SupersetOf};
    assert_eq!(strength(Equal, 1.0), 10);
    assert_eq!(strength(SupersetOf, 1.0), 10);
    assert_eq!(strength(IntersectsWith, 0.05), 1);
    assert_eq!(strength(IntersectsWith, 0.15), 2);
    assert_eq!(strength(IntersectsWith, 0.2), 2);
    assert_eq!(strength(IntersectsWith, 0.25), 3);
    assert_eq!(strength(IntersectsWith, 0.85), 9);
    assert_eq!(strength(SubsetOf, 0.95), 9);
    assert_eq!(strength(SubsetOf, 1.0), 9);
    assert_eq!(strength(IntersectsWith, 0.6), 6);
}

#[test]
fn member_relationships_hold_for_one_member_alone() {
    use Relationship::{Equal, IntersectsWith, SubsetOf, SupersetOf};
    for relationship in Relationship::ALL {
        assert_eq!(
            member_relationship(relationship, false, false),
            relationship
        );
    }
    assert_eq!(member_relationship(Equal, true, false), SubsetOf);
    assert_eq!(member_relationship(SubsetOf, true, false), SubsetOf);
    assert_eq!(member_relationship(SupersetOf, true, false), IntersectsWith);
    assert_eq!(member_relationship(Equal, false, true), SupersetOf);
    assert_eq!(member_relationship(SupersetOf, false, true), SupersetOf);
    assert_eq!(member_relationship(SubsetOf, false, true), IntersectsWith);
    for relationship in Relationship::ALL {
        assert_eq!(
            member_relationship(relationship, true, true),
            IntersectsWith
        );
    }
}

#[test]
fn what_cannot_be_exported_is_refused_with_the_reason() {
    let only_here = catalog(&[("here.yaml", HERE), ("there.yaml", THERE_TEXT)]);
    assert_eq!(
        export(&only_here, &[]),
        Err(ExportError::NoCrosswalk(
            "there".to_owned(),
            "here".to_owned()
        ))
    );
    let no_there = catalog(&[("here.yaml", HERE)]);
    assert_eq!(
        export(&no_there, &[]),
        Err(ExportError::MissingStandard("there".to_owned()))
    );
    let older = THERE_TEXT.replace("name: There:2026", "name: There:2019");
    let old = catalog(&[
        ("here.yaml", HERE),
        ("there.yaml", &older),
        ("crosswalk.yaml", CROSSWALK),
    ]);
    assert!(matches!(
        export(&old, &[]),
        Err(ExportError::WrongEdition { .. })
    ));
    for (id, why) in [
        ("x/1", "it holds `/`"),
        ("1.A", "it is `1.a` once lower-cased"),
    ] {
        let text = format!(
            "{HERE}  - {{id: 1.a, kind: clause, title: T, summary: S.}}\n  - {{id: '{id}', kind: clause, title: T, summary: S.}}\n"
        );
        let bad = catalog(&[
            ("here.yaml", &text),
            ("there.yaml", THERE_TEXT),
            ("crosswalk.yaml", CROSSWALK),
        ]);
        match export(&bad, &[]) {
            Err(ExportError::BadId {
                id: got, why: said, ..
            }) => {
                assert_eq!((got.as_str(), said.as_str()), (id, why));
            }
            other => panic!("{id}: {other:?}"),
        }
    }
}

#[test]
fn a_name_without_letters_or_digits_gives_the_key_to_the_urns() {
    let here = HERE.replace("name: Here:2026", "name: \"Ω\"");
    let catalog = catalog(&[
        ("here.yaml", &here),
        ("there.yaml", THERE_TEXT),
        ("crosswalk.yaml", CROSSWALK),
    ]);
    let library = export(&catalog, &[]).unwrap();
    assert_eq!(library.framework.urn, "urn:ims:risk:framework:here");
    assert_eq!(
        library.framework.nodes[0].urn,
        "urn:ims:risk:req_node:here:1"
    );
}
