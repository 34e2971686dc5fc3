//! The overlap between standards: the state of each crosswalk edge for this
//! organisation, and the shared management-system elements that make up the
//! integrated management system view.

use std::collections::BTreeMap;

use super::report::{ElementSide, OverlapRow, OverlapState, SharedElement, SharedState};
use super::resolve::Statuses;
use super::{Scope, item_ref, item_status};
use crate::model::{Catalog, Edge, Node, Relationship};
use crate::status::Status;

/// Whether an edge belongs in the report: both ends known, one end reported.
fn relevant(edge: &Edge, scope: &Scope) -> bool {
    let all = &scope.all;
    all.contains(&edge.source.standard)
        && all.contains(&edge.target.standard)
        && (scope.reports(edge.source.standard) || scope.reports(edge.target.standard))
}

/// One row per relevant edge, in crosswalk order.
pub(crate) fn rows(catalog: &Catalog, statuses: &Statuses<'_>, scope: &Scope) -> Vec<OverlapRow> {
    catalog
        .crosswalks
        .iter()
        .flat_map(|crosswalk| crosswalk.edges.iter())
        .filter(|edge| relevant(edge, scope))
        .map(|edge| {
            let source_status = statuses.status(edge.source);
            let target_status = statuses.status(edge.target);
            OverlapRow {
                source: item_ref(catalog, edge.source),
                target: item_ref(catalog, edge.target),
                relationship: edge.relationship,
                state: state(source_status, target_status),
                source_status,
                target_status,
                element: edge.element.clone(),
            }
        })
        .collect()
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
    let mut by_standard: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for node in edges.iter().flat_map(|edge| [edge.source, edge.target]) {
        let items = by_standard.entry(node.standard).or_default();
        if !items.contains(&node.item) {
            items.push(node.item);
        }
    }
    let mut full_everywhere = true;
    let mut something_everywhere = true;
    let mut something_somewhere = false;
    let sides = by_standard
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
            full_everywhere &= full;
            something_everywhere &= any || full;
            something_somewhere |= any;
            ElementSide {
                standard: catalog.standards[standard].key.clone(),
                items: nodes
                    .iter()
                    .map(|node| item_status(catalog, *node, statuses.get(*node)))
                    .collect(),
            }
        })
        .collect();
    let state = if full_everywhere {
        SharedState::InPlaceForAll
    } else if something_everywhere {
        SharedState::PartlyInPlace
    } else if something_somewhere {
        SharedState::Extend
    } else {
        SharedState::JointGap
    };
    SharedElement {
        name: name.to_owned(),
        state,
        one_serves_all: edges
            .iter()
            .all(|edge| edge.relationship == Relationship::Equal),
        sides,
    }
}
