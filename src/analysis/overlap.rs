//! The overlap between standards: the state of each crosswalk edge for this
//! organisation, and the shared management-system elements that make up the
//! integrated management system view.

use std::collections::BTreeMap;

use super::report::{
    ElementSide, ItemRef, OverlapPair, OverlapRow, OverlapState, SharedElement, SharedState,
    SideState, StateCount,
};
use super::{Scope, item_status};
use crate::model::{Catalog, Edge, End, ItemIndex, Node, Relationship, StandardIndex};
use crate::status::Status;
use crate::status::resolve::Statuses;

/// Whether an edge belongs in the report: both ends known, one end reported.
fn relevant(edge: &Edge, scope: &Scope) -> bool {
    let all = &scope.all;
    all.contains(&edge.source.standard)
        && all.contains(&edge.target.standard)
        && (scope.reports(edge.source.standard) || scope.reports(edge.target.standard))
}

/// The effective status of an end: its weakest item's, counting not
/// assessed below every status and not-applicable only when all items are.
pub(crate) fn end_status(statuses: &Statuses<'_>, end: &End) -> Option<Status> {
    let all: Vec<Option<Status>> = end.nodes().map(|node| statuses.status(node)).collect();
    if all.iter().all(|s| *s == Some(Status::NotApplicable)) {
        return Some(Status::NotApplicable);
    }
    let rank = |s: &Option<Status>| match s {
        Some(Status::NotApplicable) => 0,
        Some(Status::Implemented) => 1,
        Some(Status::Partial) => 2,
        Some(Status::Planned) => 3,
        Some(Status::NotImplemented) => 4,
        None => 5,
    };
    all.into_iter().max_by_key(rank).flatten()
}

/// One row per relevant edge, in crosswalk order.
pub(crate) fn rows(catalog: &Catalog, statuses: &Statuses<'_>, scope: &Scope) -> Vec<OverlapRow> {
    catalog
        .crosswalks
        .iter()
        .flat_map(|crosswalk| crosswalk.edges.iter())
        .filter(|edge| relevant(edge, scope))
        .map(|edge| {
            let source_status = end_status(statuses, &edge.source);
            let target_status = end_status(statuses, &edge.target);
            OverlapRow {
                source: end_ref(catalog, &edge.source),
                target: end_ref(catalog, &edge.target),
                relationship: edge.relationship,
                weight: edge.weight,
                reverse_weight: edge.reverse_weight,
                state: state(source_status, target_status),
                source_status,
                target_status,
                element: edge.element.clone(),
            }
        })
        .collect()
}

/// The rows counted by state for each pair of standards, in row order.
pub(crate) fn pairs(rows: &[OverlapRow]) -> Vec<OverlapPair> {
    let mut pairs: Vec<OverlapPair> = Vec::new();
    for row in rows {
        let found = pairs
            .iter()
            .position(|p| p.source == row.source.standard && p.target == row.target.standard);
        let index = found.unwrap_or_else(|| {
            pairs.push(OverlapPair {
                source: row.source.standard.clone(),
                target: row.target.standard.clone(),
                counts: OverlapState::ALL
                    .map(|state| StateCount { state, count: 0 })
                    .to_vec(),
                total: 0,
            });
            pairs.len() - 1
        });
        let pair = &mut pairs[index];
        pair.total += 1;
        for count in &mut pair.counts {
            if count.state == row.state {
                count.count += 1;
            }
        }
    }
    pairs
}

/// An end as a reference: its standard and its label as written.
pub(crate) fn end_ref(catalog: &Catalog, end: &End) -> ItemRef {
    ItemRef {
        standard: catalog.standards[end.standard].key.clone(),
        id: catalog.end_label(end),
    }
}

fn state(source: Option<Status>, target: Option<Status>) -> OverlapState {
    let excluded = Some(Status::NotApplicable);
    if source == excluded || target == excluded {
        return OverlapState::Excluded;
    }
    let in_place = |status: Option<Status>| status.is_some_and(Status::in_place);
    match (in_place(source), in_place(target)) {
        (true, true) => OverlapState::BothInPlace,
        (true, false) => OverlapState::SourceOnly,
        (false, true) => OverlapState::TargetOnly,
        (false, false) => OverlapState::JointGap,
    }
}

/// The shared elements, in the order they first appear in the crosswalks.
pub(crate) fn integrated(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    scope: &Scope,
) -> Vec<SharedElement> {
    let mut order: Vec<&str> = Vec::new();
    let mut edges: BTreeMap<&str, Vec<&Edge>> = BTreeMap::new();
    for edge in catalog.crosswalks.iter().flat_map(|c| c.edges.iter()) {
        let Some(name) = edge.element.as_deref() else {
            continue;
        };
        if !relevant(edge, scope) {
            continue;
        }
        if !order.contains(&name) {
            order.push(name);
        }
        edges.entry(name).or_default().push(edge);
    }
    order
        .into_iter()
        .map(|name| element(catalog, statuses, name, &edges[name]))
        .collect()
}

fn element(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    name: &str,
    edges: &[&Edge],
) -> SharedElement {
    let mut by_standard: BTreeMap<StandardIndex, Vec<ItemIndex>> = BTreeMap::new();
    for end in edges.iter().flat_map(|edge| [&edge.source, &edge.target]) {
        let items = by_standard.entry(end.standard).or_default();
        for leaf in &end.leaves {
            if !items.contains(leaf) {
                items.push(*leaf);
            }
        }
    }
    let sides: Vec<ElementSide> = by_standard
        .into_iter()
        .map(|(standard, mut items)| {
            items.sort_unstable();
            let nodes: Vec<Node> = items
                .into_iter()
                .map(|item| Node { standard, item })
                .collect();
            let side_statuses: Vec<Option<Status>> =
                nodes.iter().map(|node| statuses.status(*node)).collect();
            let full = side_statuses
                .iter()
                .all(|s| matches!(s, Some(Status::Implemented | Status::NotApplicable)));
            let any = side_statuses
                .iter()
                .any(|s| s.is_some_and(Status::in_place));
            ElementSide {
                standard: catalog.standards[standard].key.clone(),
                state: if full {
                    SideState::InPlace
                } else if any {
                    SideState::Partly
                } else {
                    SideState::Missing
                },
                items: nodes
                    .iter()
                    .map(|node| item_status(catalog, *node, statuses.get(*node)))
                    .collect(),
            }
        })
        .collect();
    let states: Vec<SideState> = sides.iter().map(|side| side.state).collect();
    SharedElement {
        name: name.to_owned(),
        state: SharedState::of(&states),
        one_serves_all: edges
            .iter()
            .all(|edge| edge.relationship == Relationship::Equal),
        sides,
    }
}
