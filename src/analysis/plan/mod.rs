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
pub use schedule::{
    BOOKING_WEEKS, CalendarOptions, MAX_STAGE_GAP_WEEKS, MIN_OPERATE_WEEKS, SHARE_DAYS,
};

use super::effort::{ItemEffort, item_effort};
use super::{Options, Scope, Suggestion, analyse, effort_scale};
use crate::date::Date;
use crate::model::{Catalog, Node, StandardIndex};
use crate::status::resolve::Statuses;
use crate::status::{Assessment, Priority, Status};

/// Weeks the system runs before the first internal audit, unless told
/// otherwise: with the audit, the management review and Stage 1 after them,
/// the certification body finds about three months of records of the
/// system in operation at Stage 1, and more by Stage 2, which is what
/// certification bodies commonly expect (see docs/guide.md).
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
    /// For an item of a live certificate, the open items of the new
    /// standard whose work closes it, which it waits for.
    closed_by: Vec<Vec<usize>>,
    /// Today's statuses.
    statuses: &'a Statuses<'a>,
}

/// How a live certificate's open item is coupled to the new standard's
/// work that closes it.
#[derive(Debug, Clone, Default)]
struct Coupling {
    /// Items that must be closed by a date: by work whose every item the
    /// last plan ended by then (its dates, by item), else on their own.
    by: HashMap<Node, Date>,
    /// When each item ended in the last plan.
    ends: HashMap<Node, Date>,
}

/// Builds the plan for an assessment; with a calendar, the steps are dated.
///
/// An open item of a live certificate that the new standard's work closes
/// waits for that work (see [`couple`]); when the calendar ends that work
/// after the item is due or after the certificate's next audit, the plan is
/// made again with the item waiting for the strongest work that the first
/// plan ends in time, or else on its own, first, so that the audit finds it
/// closed.
pub fn plan(
    catalog: &Catalog,
    assessment: &Assessment,
    options: &Options,
    calendar: Option<CalendarOptions>,
) -> Result<PlanReport, PlanError> {
    let mut coupling = Coupling::default();
    let report = plan_with(catalog, assessment, options, calendar, &coupling)?;
    let late = late_couplings(catalog, assessment, &report);
    if late.is_empty() {
        return Ok(report);
    }
    coupling.by = late.into_iter().collect();
    coupling.ends = ends(catalog, &report);
    let report = plan_with(catalog, assessment, options, calendar, &coupling)?;
    // What the new dates still end late is closed on its own.
    let still: Vec<(Node, Date)> = late_couplings(catalog, assessment, &report);
    if still.is_empty() {
        return Ok(report);
    }
    for (node, _) in still {
        coupling.by.insert(node, Date::MIN);
    }
    plan_with(catalog, assessment, options, calendar, &coupling)
}

/// When each planned item ends.
fn ends(catalog: &Catalog, report: &PlanReport) -> HashMap<Node, Date> {
    let mut out = HashMap::new();
    for step in &report.steps {
        let Some(end) = step.end else { continue };
        for item in &step.items {
            let Some(standard) = catalog.standard_index(&item.standard) else {
                continue;
            };
            if let Some(index) = catalog.standards[standard].find(&item.id) {
                out.insert(
                    Node {
                        standard,
                        item: index,
                    },
                    end,
                );
            }
        }
    }
    out
}

/// The open items of live certificates that the plan closes with the new
/// standard's work only after they are due or after the certificate's next
/// audit, with that deadline.
fn late_couplings(
    catalog: &Catalog,
    assessment: &Assessment,
    report: &PlanReport,
) -> Vec<(Node, Date)> {
    let mut late = Vec::new();
    for step in &report.steps {
        let Some(end) = step.end else { continue };
        for item in &step.items {
            let Some(standard) = catalog.standard_index(&item.standard) else {
                continue;
            };
            let Some(certificate) = assessment
                .certificates
                .iter()
                .find(|c| c.standard == standard)
            else {
                continue;
            };
            let deadline = [item.due, certificate.next_audit]
                .into_iter()
                .flatten()
                .min();
            let closed_by_new_work = step.waits.iter().any(|w| w.closes);
            if let Some(deadline) = deadline.filter(|&d| closed_by_new_work && end > d)
                && let Some(index) = catalog.standards[standard].find(&item.id)
            {
                late.push((
                    Node {
                        standard,
                        item: index,
                    },
                    deadline,
                ));
            }
        }
    }
    late
}

/// The plan, with the live certificates' items coupled as `coupling` says.
fn plan_with(
    catalog: &Catalog,
    assessment: &Assessment,
    options: &Options,
    calendar: Option<CalendarOptions>,
    coupling: &Coupling,
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
    let mut open = open_items(
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
    couple(catalog, &statuses, &mut open, coupling);
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
    let integrated = packages::integrated(catalog, &statuses, &scope, &open, &packages, &order);
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
        integrated: &integrated,
    }
    .report(calendar)
}

/// The weight from which the new standard's work counts as closing an open
/// item of a live certificate: three tenths of the item or more is a real
/// start on it (see the crosswalk's weight scale), so that the item's own
/// remaining work is done right after, reusing it.
pub const CLOSES: f64 = 0.3;

/// Couples each open item of a live certificate to the new standard's
/// work that closes it: the sources of its strongest crosswalk edge of
/// weight [`CLOSES`] or more whose every source is open in this plan (or
/// in place); for an item that must be closed by a date, the strongest
/// whose sources the last plan ended by then, else none. The item then
/// waits for that work, and its effort counts what that work gives it.
fn couple(catalog: &Catalog, statuses: &Statuses<'_>, open: &mut Open<'_>, coupling: &Coupling) {
    let position: HashMap<Node, usize> = open
        .nodes
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    for item in 0..open.nodes.len() {
        let node = open.nodes[item];
        if !open.live[item] {
            continue;
        }
        let mut closers: Vec<(f64, Vec<usize>)> = catalog
            .links(node)
            .iter()
            .filter(|link| link.weight >= CLOSES)
            .filter_map(|link| {
                let end = catalog.other(link);
                let mut sources = Vec::new();
                for other in end.nodes() {
                    match position.get(&other) {
                        Some(&at) if !open.live[at] => sources.push(at),
                        Some(_) => return None,
                        None if statuses.status(other).is_some_and(|s| s.in_place()) => {}
                        None => return None,
                    }
                }
                (!sources.is_empty()).then_some((link.weight, sources))
            })
            .collect();
        // Strongest first; of two as strong, the one with fewer items.
        closers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.len().cmp(&b.1.len())));
        let in_time = |sources: &Vec<usize>| match coupling.by.get(&node) {
            None => true,
            Some(deadline) => sources.iter().all(|&at| {
                coupling
                    .ends
                    .get(&open.nodes[at])
                    .is_some_and(|end| end <= deadline)
            }),
        };
        if let Some((_, sources)) = closers.into_iter().find(|(_, sources)| in_time(sources)) {
            for source in sources {
                if !open.waits[item].contains(&source) {
                    open.waits[item].push(source);
                    open.closed_by[item].push(source);
                }
            }
        }
    }
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
        for node in catalog.leaf_nodes(standard) {
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
        .map(|&node| certified.contains(&node.standard))
        .collect();
    let count = nodes.len();
    Open {
        nodes,
        waits,
        reuse,
        effort,
        own_estimate,
        priority,
        live,
        closed_by: vec![Vec::new(); count],
        statuses,
    }
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
