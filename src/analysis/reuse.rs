//! Reuse suggestions: for each item not fully in place, the items of other
//! standards mapped to it that are in place, ranked by value; and the
//! coverage each standard would reach by taking every full reuse.

use super::report::{Counts, Coverage, Suggestion};
use super::resolve::Statuses;
use super::{Scope, item_ref};
use crate::model::{Catalog, Node};
use crate::status::Status;

/// A suggestion with the nodes it joins, in ranked order.
pub(crate) struct Ranked {
    /// The item to close.
    pub target: Node,
    /// The suggestion as reported.
    pub suggestion: Suggestion,
}

/// Every reuse suggestion for the reported standards, most valuable first.
///
/// Ranking: full coverage before partial; an implemented source before a
/// partial one; stronger relationships first (equal, superset-of, subset-of,
/// intersects-with); items with nothing in place before partial ones; then
/// catalogue order, so ties are broken the same way every time.
pub(crate) fn suggestions(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    scope: &Scope,
) -> Vec<Ranked> {
    let mut ranked = Vec::new();
    for &standard in &scope.report {
        for leaf in catalog.standards[standard].leaves() {
            let target = Node {
                standard,
                item: leaf,
            };
            let target_status = statuses.status(target);
            if matches!(
                target_status,
                Some(Status::Implemented | Status::NotApplicable)
            ) {
                continue;
            }
            for link in catalog.links(target) {
                let source = link.other;
                if !scope.assessed.contains(&source.standard) {
                    continue;
                }
                let Some(source_status) = statuses.status(source).filter(|s| s.in_place()) else {
                    continue;
                };
                let relationship = link.relationship;
                let coverage =
                    if relationship.covers_fully() && source_status == Status::Implemented {
                        Coverage::Full
                    } else {
                        Coverage::Partial
                    };
                let residual = match (coverage, catalog.residual_for(target, link)) {
                    (Coverage::Full, _) => None,
                    (Coverage::Partial, Some(text)) => Some(text.to_owned()),
                    (Coverage::Partial, None) => Some(format!(
                        "`{}` of {} is itself only partly in place; complete it to cover this item fully.",
                        catalog.item(source).id,
                        catalog.standards[source.standard].key
                    )),
                };
                let key = (
                    coverage,
                    source_status != Status::Implemented,
                    relationship.strength_rank(),
                    target_rank(target_status),
                    target,
                    source,
                );
                ranked.push((
                    key,
                    Ranked {
                        target,
                        suggestion: Suggestion {
                            target: item_ref(catalog, target),
                            target_title: catalog.item(target).title.clone(),
                            target_status,
                            source: item_ref(catalog, source),
                            source_title: catalog.item(source).title.clone(),
                            source_status,
                            relationship,
                            coverage,
                            rationale: catalog.edge(link).rationale.clone(),
                            residual,
                        },
                    },
                ));
            }
        }
    }
    ranked.sort_by_key(|entry| entry.0);
    ranked.into_iter().map(|(_, ranked)| ranked).collect()
}

/// Items with nothing in place gain most from a reuse, so they rank first.
fn target_rank(status: Option<Status>) -> u8 {
    match status {
        Some(Status::NotImplemented | Status::Planned) => 0,
        None => 1,
        _ => 2,
    }
}

/// The coverage a standard would reach by taking every full reuse.
pub(crate) struct Projection {
    /// Projected coverage in percent; `None` when nothing is applicable.
    pub coverage: Option<f64>,
    /// Items a reuse covers fully.
    pub fully_reusable: usize,
    /// Items a reuse covers partly, and none fully.
    pub partly_reusable: usize,
    /// Items not implemented and not fully covered by any reuse.
    pub new_work: usize,
}

pub(crate) fn projection(
    catalog: &Catalog,
    standard: usize,
    statuses: &Statuses<'_>,
    suggestions: &[Ranked],
) -> Projection {
    let mut counts = Counts::default();
    let (mut fully, mut partly, mut new_work) = (0, 0, 0);
    for leaf in catalog.standards[standard].leaves() {
        let node = Node {
            standard,
            item: leaf,
        };
        let status = statuses.status(node);
        if matches!(status, Some(Status::Implemented | Status::NotApplicable)) {
            counts.add(status);
            continue;
        }
        let mut mine = suggestions.iter().filter(|ranked| ranked.target == node);
        let best = mine.next().map(|ranked| ranked.suggestion.coverage);
        match best {
            Some(Coverage::Full) => {
                fully += 1;
                counts.add(Some(Status::Implemented));
            }
            Some(Coverage::Partial) => {
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
        fully_reusable: fully,
        partly_reusable: partly,
        new_work,
    }
}
