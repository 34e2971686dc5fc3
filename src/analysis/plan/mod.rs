//! `ims plan`: every item not in place, grouped into work packages (one
//! deliverable, one package; see [`grouping`]), put in the order a
//! certification project runs them (see [`order`]), with the effort each
//! takes after reuse, and, from a start date, a calendar for the people the
//! organisation has with the milestones up to the Stage 2 audit (see
//! [`schedule`]).

mod gains;
mod grouping;
mod order;
mod packages;
mod report;
mod schedule;
mod steps;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

pub use grouping::{MAX_PACKAGE_DAYS, SUBSTANTIAL};
pub use report::*;
pub use schedule::{CalendarOptions, SHARE_DAYS};

use super::effort::{ItemEffort, item_effort};
use super::{Options, Scope, Suggestion, analyse, effort_scale};
use crate::model::{Catalog, Node, StandardIndex};
use crate::status::resolve::Statuses;
use crate::status::{Assessment, Priority, Status};

/// Weeks the system runs before the first internal audit, unless told
/// otherwise: with the audit, the management review and Stage 1 after them,
/// the certification body finds about three months of records of the
/// system in operation at Stage 1, and more by Stage 2, which is what
/// certification bodies commonly expect (see the README).
pub const DEFAULT_OPERATE_WEEKS: u32 = 8;

/// Weeks between Stage 1 and Stage 2, unless told otherwise: time to close
/// what Stage 1 finds, as certification bodies commonly schedule it.
pub const DEFAULT_STAGE_GAP_WEEKS: u32 = 6;

/// Why a plan could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// The calendar runs past the last date ims can write.
    #[error("the calendar runs past the year 9999")]
    CalendarTooLong,
}

/// What is known of each open item, by its position in the list of open items.
struct Open<'a> {
    /// The items, in catalogue order.
    nodes: Vec<Node>,
    /// The open items each waits for.
    waits: Vec<Vec<usize>>,
    /// How much of each its strongest in-place source gives now.
    reuse: Vec<f64>,
    /// The effort each still needs; `None` without an estimate.
    effort: Vec<Option<ItemEffort>>,
    /// Whether that effort is the status file's own estimate.
    own_estimate: Vec<bool>,
    /// Each one's risk priority.
    priority: Vec<Option<Priority>>,
    /// Whether each is an open item of a live certificate, closed apart and first.
    live: Vec<bool>,
    /// Today's statuses.
    statuses: &'a Statuses<'a>,
}

/// Builds the plan for an assessment; with a calendar, the steps are dated.
pub fn plan(
    catalog: &Catalog,
    assessment: &Assessment,
    options: &Options,
    calendar: Option<CalendarOptions>,
) -> Result<PlanReport, PlanError> {
    let scope = Scope::new(assessment, options);
    let statuses = Statuses::resolve(catalog, assessment, &scope.all);
    let full = analyse(
        catalog,
        assessment,
        &Options {
            baseline: None,
            ..options.clone()
        },
    );
    let suggestions: HashMap<(&str, &str), &Suggestion> = full
        .suggestions
        .iter()
        .map(|s| ((s.target.standard.as_str(), s.target.id.as_str()), s))
        .collect();
    let certified: Vec<StandardIndex> =
        assessment.certificates.iter().map(|c| c.standard).collect();
    let open = open_items(
        catalog,
        assessment,
        &scope,
        &statuses,
        &certified,
        |node| {
            suggestions
                .get(&(
                    catalog.standards[node.standard].key.as_str(),
                    catalog.item(node).id.as_str(),
                ))
                .map_or(0.0, |s| s.weight)
        },
        effort_scale(assessment, options),
    );
    let sized = open.effort.iter().all(Option::is_some);
    let size: Vec<f64> = open
        .effort
        .iter()
        .map(|effort| effort.map_or(1.0, |e| e.full))
        .collect();
    let items = grouping::Items::new(
        catalog,
        &open.nodes,
        &open.waits,
        open.live.clone(),
        size,
        sized,
        |node| scope.reports(node.standard),
    );
    let packages = packages::Packages::new(catalog, &items, &open, &scope, &statuses);
    let order = order::order(&packages.prerequisites, &packages.keys);
    steps::Plan {
        catalog,
        assessment,
        options,
        scope: &scope,
        full: &full,
        suggestions: &suggestions,
        open: &open,
        packages: &packages,
        order: &order,
    }
    .report(calendar)
}

/// Every assessable item of the reported standards that is not in place
/// (missing, partial or not assessed), in catalogue order, with what the
/// plan needs to know of each.
fn open_items<'a>(
    catalog: &Catalog,
    assessment: &Assessment,
    scope: &Scope,
    statuses: &'a Statuses<'a>,
    certified: &[StandardIndex],
    reuse: impl Fn(Node) -> f64,
    scale: f64,
) -> Open<'a> {
    let mut nodes = Vec::new();
    for &standard in &scope.report {
        for leaf in catalog.standards[standard].leaves() {
            let node = Node {
                standard,
                item: leaf,
            };
            if !matches!(
                statuses.status(node),
                Some(Status::Implemented | Status::NotApplicable)
            ) {
                nodes.push(node);
            }
        }
    }
    let position: HashMap<Node, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let waits = nodes
        .iter()
        .map(|node| {
            catalog.standards[node.standard]
                .waits_for(node.item)
                .iter()
                .filter_map(|&item| {
                    position
                        .get(&Node {
                            standard: node.standard,
                            item,
                        })
                        .copied()
                })
                .collect()
        })
        .collect();
    let reuse: Vec<f64> = nodes.iter().map(|&node| reuse(node)).collect();
    let effort = nodes
        .iter()
        .zip(&reuse)
        .map(|(&node, &reuse)| item_effort(catalog, node, statuses.get(node), reuse, scale))
        .collect();
    let own_estimate = nodes
        .iter()
        .map(|&node| {
            let resolved = statuses.get(node);
            resolved.inherited_from.is_none() && resolved.entry.is_some_and(|e| e.effort.is_some())
        })
        .collect();
    let priority = nodes
        .iter()
        .map(|&node| priority(catalog, assessment, node))
        .collect();
    let live = nodes
        .iter()
        .map(|&node| {
            certified.contains(&node.standard)
                && !joint_with_new_work(catalog, node, &position, certified)
        })
        .collect();
    Open {
        nodes,
        waits,
        reuse,
        effort,
        own_estimate,
        priority,
        live,
        statuses,
    }
}

/// Whether an open item of a certified standard has a substantial edge to
/// an open item of a standard not yet certified: the new project closes it
/// as part of that work, rather than apart, first.
fn joint_with_new_work(
    catalog: &Catalog,
    node: Node,
    open: &HashMap<Node, usize>,
    certified: &[StandardIndex],
) -> bool {
    catalog.links(node).iter().any(|link| {
        let edge = catalog.edge(link);
        edge.weight.max(edge.reverse_weight) >= SUBSTANTIAL
            && catalog
                .other(link)
                .nodes()
                .any(|other| !certified.contains(&other.standard) && open.contains_key(&other))
    })
}

/// An item's risk priority: its own entry's, else the nearest heading's
/// above it that gives one.
fn priority(catalog: &Catalog, assessment: &Assessment, node: Node) -> Option<Priority> {
    let section = assessment.section(node.standard)?;
    let items = &catalog.standards[node.standard].items;
    let mut current = Some(node.item);
    while let Some(item) = current {
        if let Some(found) = section.entries.get(&item).and_then(|e| e.priority) {
            return Some(found);
        }
        current = items[item].parent;
    }
    None
}
