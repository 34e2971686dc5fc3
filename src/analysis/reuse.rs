//! Reuse: for each item not fully in place, every end of a crosswalk edge
//! that is in place in another standard, combined into one figure; the
//! suggestions ranked by the coverage they gain; and the coverage each
//! standard would reach by taking the reuse (the head start).
//!
//! The combination rule:
//! - a source counts at its edge's weight times its level: implemented 1,
//!   partial ½;
//! - a group of sources (a heading, or items joined by `+`) counts only when
//!   every member is in place, at the mean of its members' levels;
//! - several sources of one target are never added up: the strongest counts.
//!   Sources that complement each other are declared as a group with a
//!   weight of its own, so every figure rests on one judgement in the
//!   crosswalk, with its rationale and residual.

use std::collections::HashMap;

use super::report::{Counts, Coverage, ReuseSource, Suggestion, round1};
use super::{Scope, item_ref};
use crate::model::{Catalog, End, Link, Node, Reading, StandardIndex};
use crate::status::Status;
use crate::status::resolve::Statuses;

/// One in-place source of reuse for an item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    /// The link from the item to the source end.
    pub link: Link,
    /// The weakest status among the source's items.
    pub status: Status,
    /// How much of the item the source gives now: weight times level.
    pub contribution: f64,
}

/// Every in-place source of one item, strongest first, and what they give.
#[derive(Debug, Clone)]
pub(crate) struct Ranked {
    /// The item to close.
    pub target: Node,
    /// Its effective status.
    pub target_status: Option<Status>,
    /// The sources, strongest first; never empty.
    pub candidates: Vec<Candidate>,
    /// What the sources give together: the strongest one's contribution.
    pub weight: f64,
    /// Full when the strongest source covers the item entirely.
    pub coverage: Coverage,
    /// Coverage points of the item's standard that the reuse adds.
    pub gain: f64,
}

impl Ranked {
    /// The strongest source.
    pub fn best(&self) -> &Candidate {
        &self.candidates[0]
    }

    /// The suggestion with its titles, sources, rationale and residual.
    pub fn suggestion(&self, catalog: &Catalog, statuses: &Statuses<'_>) -> Suggestion {
        let sources: Vec<ReuseSource> = self
            .candidates
            .iter()
            .map(|candidate| source(catalog, statuses, self.target, candidate))
            .collect();
        let best = &sources[0];
        Suggestion {
            target: item_ref(catalog, self.target),
            target_title: catalog.item(self.target).title.clone(),
            target_status: self.target_status,
            weight: self.weight,
            coverage: self.coverage,
            gain: self.gain,
            rationale: best.rationale.clone(),
            residual: best.residual.clone(),
            sources,
        }
    }
}

/// A source spelled out for the report.
fn source(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    target: Node,
    candidate: &Candidate,
) -> ReuseSource {
    let end = catalog.other(&candidate.link);
    let standard = &catalog.standards[end.standard];
    let full = candidate.contribution >= 1.0;
    let residual = match catalog.residual(&candidate.link) {
        _ if full => None,
        Some(text) => Some(text.to_owned()),
        // A full relationship whose source is itself only partly in place.
        None => Some(format!(
            "{} of {} is itself only partly in place; complete it to cover {} fully.",
            catalog.end_label(end),
            standard.key,
            catalog.item(target).id
        )),
    };
    ReuseSource {
        standard: standard.key.clone(),
        id: catalog.end_label(end),
        title: catalog.end_title(end),
        items: if end.is_group() {
            end.nodes()
                .map(|node| super::report::ItemState {
                    id: catalog.item(node).id.clone(),
                    status: statuses.status(node),
                })
                .collect()
        } else {
            Vec::new()
        },
        status: candidate.status,
        relationship: candidate.link.relationship,
        weight: candidate.link.weight,
        contribution: candidate.contribution,
        rationale: catalog.edge(&candidate.link).rationale.clone(),
        residual,
    }
}

/// How far an end is in place: the mean level of its items (implemented 1,
/// partial ½) when every one of them is in place, with the weakest status;
/// `None` when any item is not in place.
pub(crate) fn end_level(statuses: &Statuses<'_>, end: &End) -> Option<(f64, Status)> {
    let mut total = 0.0;
    let mut weakest = Status::Implemented;
    for node in end.nodes() {
        let status = statuses.status(node).filter(|s| s.in_place())?;
        total += status.weight();
        weakest = weakest.max(status);
    }
    Some((total / end.leaves.len() as f64, weakest))
}

/// Rounds a weight to two decimals, so figures read the same in every format.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// What a source gives now: its weight times its level, in whole hundredths,
/// halves rounded up (a 0.85 source that is partial gives 0.43). Computed
/// from the weight's hundredths so that the result never depends on how
/// 0.85 is stored in binary.
pub(crate) fn contribution(weight: f64, level: f64) -> f64 {
    let hundredths = (weight * 100.0).round() * level;
    (hundredths + 0.5).floor() / 100.0
}

/// How specific an edge is, seen from an item: the number of items at the
/// other end, then at the item's own end (the item alone, or as a member of
/// a group). Fewer is more specific.
fn specificity(catalog: &Catalog, link: &Link) -> (usize, usize) {
    let edge = catalog.edge(link);
    let (other, own) = match link.reading {
        Reading::Forward => (&edge.source, &edge.target),
        Reading::Reverse => (&edge.target, &edge.source),
    };
    (other.leaves.len(), own.leaves.len())
}

/// How much of the source end the item gives back: the edge's weight in
/// the other direction. Of two sources that give an item as much, the one
/// the item gives more back to is the closer counterpart.
fn back_weight(catalog: &Catalog, link: &Link) -> f64 {
    let edge = catalog.edge(link);
    match link.reading {
        Reading::Forward => edge.reverse_weight,
        Reading::Reverse => edge.weight,
    }
}

/// Every in-place source of `target` in the standards of `sources`,
/// strongest first. Of sources that give as much, the one named first is
/// on the more specific edge (see [`specificity`]: one item before a group
/// or heading), then the closer counterpart (the higher weight back, see
/// [`back_weight`]), then the first in catalogue order, never the order of
/// the edges in the file.
pub(crate) fn candidates(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    target: Node,
    sources: &[StandardIndex],
) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = catalog
        .links(target)
        .iter()
        .filter_map(|link| {
            let end = catalog.other(link);
            if !sources.contains(&end.standard) {
                return None;
            }
            let (level, status) = end_level(statuses, end)?;
            Some(Candidate {
                link: *link,
                status,
                contribution: contribution(link.weight, level),
            })
        })
        .collect();
    found.sort_by(|a, b| {
        b.contribution
            .total_cmp(&a.contribution)
            .then(
                a.link
                    .relationship
                    .strength_rank()
                    .cmp(&b.link.relationship.strength_rank()),
            )
            .then(a.status.cmp(&b.status))
            .then_with(|| {
                let (ea, eb) = (catalog.other(&a.link), catalog.other(&b.link));
                specificity(catalog, &a.link)
                    .cmp(&specificity(catalog, &b.link))
                    .then(back_weight(catalog, &b.link).total_cmp(&back_weight(catalog, &a.link)))
                    .then_with(|| (ea.standard, &ea.leaves).cmp(&(eb.standard, &eb.leaves)))
            })
    });
    // The same source may reach an item through two edges (alone, and as a
    // member of a group on the other side); list it once, at its strongest.
    let mut seen: Vec<&End> = Vec::new();
    found.retain(|candidate| {
        let end = catalog.other(&candidate.link);
        let fresh = !seen.contains(&end);
        seen.push(end);
        fresh
    });
    found
}

/// The reuse for every item of the reported standards that is not fully in
/// place, most valuable first.
///
/// Ranking: the coverage points gained; then the combined weight; then full
/// coverage before partial; then catalogue order, so ties are broken the
/// same way every time.
pub(crate) fn suggestions(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    scope: &Scope,
    applicable: &HashMap<StandardIndex, usize>,
) -> Vec<Ranked> {
    let mut ranked = Vec::new();
    for &standard in &scope.report {
        let sources: Vec<StandardIndex> = scope
            .assessed
            .iter()
            .copied()
            .filter(|&other| other != standard)
            .collect();
        let items = applicable.get(&standard).copied().unwrap_or(0).max(1) as f64;
        for target in catalog.leaf_nodes(standard) {
            let target_status = statuses.status(target);
            if matches!(
                target_status,
                Some(Status::Implemented | Status::NotApplicable)
            ) {
                continue;
            }
            let candidates = candidates(catalog, statuses, target, &sources);
            let Some(best) = candidates.first() else {
                continue;
            };
            let weight = best.contribution;
            let own = target_status.map_or(0.0, Status::weight);
            ranked.push(Ranked {
                target,
                target_status,
                weight,
                coverage: if weight >= 1.0 {
                    Coverage::Full
                } else {
                    Coverage::Partial
                },
                gain: round2(100.0 * (weight - own).max(0.0) / items),
                candidates,
            });
        }
    }
    ranked.sort_by(|a, b| {
        b.gain
            .total_cmp(&a.gain)
            .then(b.weight.total_cmp(&a.weight))
            .then(a.coverage.cmp(&b.coverage))
            .then(a.target.cmp(&b.target))
    });
    ranked
}

/// What a standard would reach with the reuse.
pub(crate) struct Projection {
    /// Coverage if every full reuse were taken; `None` when nothing is applicable.
    pub coverage: Option<f64>,
    /// Coverage if every reuse were taken at its weight, an item's own
    /// status counting where it is higher; `None` when nothing is applicable.
    pub head_start: Option<f64>,
    /// Items a reuse covers fully.
    pub fully_reusable: usize,
    /// Items a reuse covers partly, and none fully.
    pub partly_reusable: usize,
    /// Items not implemented and not fully covered by any reuse.
    pub new_work: usize,
}

/// The reuse found for each item, by node.
pub(crate) type ByTarget<'r> = HashMap<Node, &'r Ranked>;

/// The projection of one standard.
pub(crate) fn projection(
    catalog: &Catalog,
    standard: StandardIndex,
    statuses: &Statuses<'_>,
    reuse: &ByTarget<'_>,
) -> Projection {
    let mut counts = Counts::default();
    let (mut fully, mut partly, mut new_work) = (0, 0, 0);
    let mut head_start = Share::default();
    for node in catalog.leaf_nodes(standard) {
        let status = statuses.status(node);
        let reuse = reuse.get(&node).copied();
        head_start.add(head_start_of(status, reuse));
        if matches!(status, Some(Status::Implemented | Status::NotApplicable)) {
            counts.add(status);
            continue;
        }
        match reuse {
            Some(ranked) if ranked.coverage == Coverage::Full => {
                fully += 1;
                counts.add(Some(Status::Implemented));
            }
            Some(_) => {
                partly += 1;
                new_work += 1;
                counts.add(status);
            }
            None => {
                new_work += 1;
                counts.add(status);
            }
        }
    }
    Projection {
        coverage: counts.coverage(),
        head_start: head_start.percent(),
        fully_reusable: fully,
        partly_reusable: partly,
        new_work,
    }
}

/// A sum of per-item shares (0 to 1, two decimals) over the applicable
/// items, kept in hundredths so that the total does not depend on the order
/// of the items and matches a spreadsheet's sum of the same column.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Share {
    hundredths: u64,
    items: u64,
}

impl Share {
    /// Adds one item's share; `None` (not applicable) adds nothing.
    pub fn add(&mut self, share: Option<f64>) {
        if let Some(share) = share {
            self.hundredths += (share * 100.0).round() as u64;
            self.items += 1;
        }
    }

    /// The same sum with `hundredths` more (or fewer), over the same items.
    pub fn moved(self, hundredths: i64) -> Share {
        Share {
            hundredths: self.hundredths.saturating_add_signed(hundredths),
            items: self.items,
        }
    }

    /// The mean share in percent, one decimal; `None` when nothing is applicable.
    pub fn percent(self) -> Option<f64> {
        (self.items > 0).then(|| round1(self.hundredths as f64 / self.items as f64))
    }
}

/// An item's share of the head start: its own status or its reuse,
/// whichever is higher; `None` when not applicable.
pub(crate) fn head_start_of(status: Option<Status>, reuse: Option<&Ranked>) -> Option<f64> {
    if status == Some(Status::NotApplicable) {
        return None;
    }
    let own = status.map_or(0.0, Status::weight);
    Some(reuse.map_or(own, |ranked| ranked.weight.max(own)))
}
