//! Reuse suggestions: for each item not fully in place, the items of other
//! standards mapped to it that are in place, ranked by value; and the
//! coverage each standard would reach by taking every full reuse.

use super::report::{Counts, Coverage, Suggestion};
use super::resolve::Statuses;
use super::{Scope, item_ref};
use crate::model::{Catalog, Link, Node};
use crate::status::Status;

/// A suggestion as nodes and a link, cheap to rank; [`Ranked::suggestion`]
/// spells it out for the report.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ranked {
    /// The item to close.
    pub target: Node,
    /// Its effective status.
    pub target_status: Option<Status>,
    /// The link from the item to close to the item in place.
    pub link: Link,
    /// The source's status: implemented or partial.
    pub source_status: Status,
    /// Whether the reuse covers the target fully.
    pub coverage: Coverage,
}

impl Ranked {
    /// The suggestion with its titles, rationale and residual.
    pub fn suggestion(&self, catalog: &Catalog) -> Suggestion {
        let source = self.link.other;
        let residual = match (self.coverage, catalog.residual_for(self.target, &self.link)) {
            (Coverage::Full, _) => None,
            (Coverage::Partial, Some(text)) => Some(text.to_owned()),
            (Coverage::Partial, None) => Some(format!(
                "`{}` of {} is itself only partly in place; complete it to cover this item fully.",
                catalog.item(source).id,
                catalog.standards[source.standard].key
            )),
        };
        Suggestion {
            target: item_ref(catalog, self.target),
            target_title: catalog.item(self.target).title.clone(),
            target_status: self.target_status,
            source: item_ref(catalog, source),
            source_title: catalog.item(source).title.clone(),
            source_status: self.source_status,
            relationship: self.link.relationship,
            coverage: self.coverage,
            rationale: catalog.edge(&self.link).rationale.clone(),
            residual,
        }
    }
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
                let coverage =
                    if link.relationship.covers_fully() && source_status == Status::Implemented {
                        Coverage::Full
                    } else {
                        Coverage::Partial
                    };
                let key = (
                    coverage,
                    source_status != Status::Implemented,
                    link.relationship.strength_rank(),
                    target_rank(target_status),
                    target,
                    source,
                );
                ranked.push((
                    key,
                    Ranked {
                        target,
                        target_status,
                        link: *link,
                        source_status,
                        coverage,
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
        let best = mine.next().map(|ranked| ranked.coverage);
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
