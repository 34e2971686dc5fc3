//! Our edges as CISO Assistant's mappings, one pair of items at a time.
//!
//! CISO Assistant maps one requirement node to one other, in its own words
//! of NIST IR 8477 (`equal`, `subset`, `superset`, `intersect`), read
//! "source REL target" as ours are, with a strength of 0 to 10. So:
//!
//! - each direction of an edge goes to the set of that direction, with its
//!   own weight: nothing of the directional weights is lost;
//! - an end standing for several items (a group `A + B`, or a heading,
//!   which stands for the items beneath it) becomes one mapping per item,
//!   since CISO Assistant keeps results on assessable items only. What
//!   holds for the whole need not hold for one member: a member of a
//!   source group is at most a `subset` of the target (an `equal` whole) or
//!   `intersect`s it, and a target group's member is covered as the whole
//!   is (`superset`) or partly (`intersect`);
//! - when several edges give the same pair, the edge that names exactly the
//!   two items wins (a member's own judgement); without one, the lowest
//!   weight, an upper bound for a member of a source group, is kept;
//! - the strength is the weight on 0 to 10, rounded half up; 10 only for a
//!   pair the relationship covers fully, 1 to 9 for a partial one.

use std::collections::BTreeMap;

use super::{Mapping, RATIONALE};
use crate::model::{Catalog, Crosswalk, Edge, End, ItemIndex, Relationship, StandardIndex};

/// One direction of an edge, read from its `from` end.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading<'a> {
    edge: &'a Edge,
    from: &'a End,
    to: &'a End,
    /// "from REL to".
    relationship: Relationship,
    /// How much of `to` the `from` end satisfies.
    weight: f64,
    /// What `to` still needs.
    residual: Option<&'a str>,
}

/// What one reading says of one pair of items.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate<'a> {
    reading: Reading<'a>,
    /// "from-item REL to-item": the reading's, weakened for members of groups.
    relationship: Relationship,
    /// Whether the reading's ends are exactly these two items.
    direct: bool,
}

/// The pairs of items each way: `[from the counterpart, to it]`, each by
/// (from item, to item) in catalogue order, with the reading kept for it.
pub(super) fn pairs(
    crosswalk: &Crosswalk,
    counterpart: StandardIndex,
) -> [BTreeMap<(ItemIndex, ItemIndex), Candidate<'_>>; 2] {
    let mut out = [BTreeMap::new(), BTreeMap::new()];
    for edge in &crosswalk.edges {
        let readings = [
            Reading {
                edge,
                from: &edge.source,
                to: &edge.target,
                relationship: edge.relationship,
                weight: edge.weight,
                residual: edge.residual.as_deref(),
            },
            Reading {
                edge,
                from: &edge.target,
                to: &edge.source,
                relationship: edge.relationship.inverse(),
                weight: edge.reverse_weight,
                residual: edge.reverse_residual.as_deref(),
            },
        ];
        for reading in readings {
            let set = usize::from(reading.from.standard != counterpart);
            let relationship = member_relationship(
                reading.relationship,
                reading.from.is_group(),
                reading.to.is_group(),
            );
            let direct = !reading.from.is_group() && !reading.to.is_group();
            for &a in &reading.from.leaves {
                for &b in &reading.to.leaves {
                    let new = Candidate {
                        reading,
                        relationship,
                        direct,
                    };
                    out[set]
                        .entry((a, b))
                        .and_modify(|kept: &mut Candidate<'_>| {
                            if !kept.direct
                                && (new.direct || new.reading.weight < kept.reading.weight)
                            {
                                *kept = new;
                            }
                        })
                        .or_insert(new);
                }
            }
        }
    }
    out
}

/// What a relationship between two ends says of one member of each: a
/// member of a source group asks for part of the group (`equal` and
/// `subset` become `subset`, `superset` becomes `intersect`); a target
/// group's member is covered as the group is (`equal` and `superset`
/// become `superset`, `subset` becomes `intersect`).
pub(super) fn member_relationship(
    relationship: Relationship,
    from_group: bool,
    to_group: bool,
) -> Relationship {
    use Relationship::{Equal, IntersectsWith, SubsetOf, SupersetOf};
    let relationship = match (from_group, relationship) {
        (true, Equal | SubsetOf) => SubsetOf,
        (true, SupersetOf | IntersectsWith) => IntersectsWith,
        (false, other) => other,
    };
    match (to_group, relationship) {
        (true, Equal | SupersetOf) => SupersetOf,
        (true, SubsetOf | IntersectsWith) => IntersectsWith,
        (false, other) => other,
    }
}

/// CISO Assistant's word for a relationship.
pub fn ciso_relationship(relationship: Relationship) -> &'static str {
    match relationship {
        Relationship::Equal => "equal",
        Relationship::SubsetOf => "subset",
        Relationship::SupersetOf => "superset",
        Relationship::IntersectsWith => "intersect",
    }
}

/// A weight on CISO Assistant's 0-10 scale: 10 for a pair the relationship
/// covers fully, else the weight times ten rounded half up, kept within 1
/// to 9 so that 10 always means covered.
pub fn strength(relationship: Relationship, weight: f64) -> u8 {
    if relationship.covers_fully() {
        return 10;
    }
    // Weights are multiples of 0.05: count the twentieths exactly, then halve rounding up.
    let twentieths = (weight * 20.0).round().clamp(0.0, 20.0) as u8;
    twentieths.div_ceil(2).clamp(1, 9)
}

pub(super) fn mappings(
    catalog: &Catalog,
    pairs: &BTreeMap<(ItemIndex, ItemIndex), Candidate<'_>>,
    from_urns: &[String],
    to_urns: &[String],
) -> Vec<Mapping> {
    pairs
        .iter()
        .map(|(&(a, b), candidate)| Mapping {
            source_urn: from_urns[a.get()].clone(),
            target_urn: to_urns[b.get()].clone(),
            relationship: ciso_relationship(candidate.relationship),
            strength: strength(candidate.relationship, candidate.reading.weight),
            rationale: RATIONALE,
            annotation: annotation(catalog, candidate),
        })
        .collect()
}

/// Our words on a pair: for a member of a group, the edge it comes from;
/// the rationale; what the target still needs; the exact weight.
fn annotation(catalog: &Catalog, candidate: &Candidate<'_>) -> String {
    let reading = candidate.reading;
    let edge = reading.edge;
    let mut text = String::new();
    if let Some(element) = &edge.element {
        text.push_str(&format!("Shared element: {element}. "));
    }
    if !candidate.direct {
        text.push_str(&format!(
            "From the ims edge {} {} {}, judged as a whole; this pair has no judgement of its own. ",
            catalog.end_label(reading.from),
            reading.relationship,
            catalog.end_label(reading.to),
        ));
    }
    text.push_str(&edge.rationale);
    if let Some(residual) = reading.residual {
        text.push_str(" Still needed: ");
        text.push_str(residual);
    }
    text.push_str(&format!(" (ims weight {})", weight(reading.weight)));
    text
}

/// A weight as written in crosswalks: `0.85`, `1`.
fn weight(value: f64) -> String {
    format!("{}", (value * 100.0).round() / 100.0)
}
