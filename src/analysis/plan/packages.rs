//! The packages of a plan, with what each costs, adds, waits for and is
//! called, and the keys that order them.

use std::collections::HashSet;

use super::{Figure, Open, PackageKind, gains, grouping, order};
use crate::analysis::Scope;
use crate::analysis::effort::{Effort, ItemEffort};
use crate::analysis::reuse::round2;
use crate::date::Date;
use crate::model::Node;
use crate::model::{Catalog, Phase};
use crate::status::Status;
use crate::status::resolve::Statuses;

/// The packages, with what orders them.
pub(super) struct Packages {
    /// Members of each package, by position among the open items.
    pub members: Vec<Vec<usize>>,
    pub titles: Vec<String>,
    pub kinds: Vec<PackageKind>,
    /// `None` for a live certificate's work.
    pub phases: Vec<Option<Phase>>,
    pub prerequisites: Vec<Vec<usize>>,
    pub gains: Vec<Vec<Figure>>,
    pub keys: Vec<order::Keys>,
    pub chain_in_steps: bool,
}

impl Packages {
    pub fn new(
        catalog: &Catalog,
        items: &grouping::Items<'_>,
        open: &Open<'_>,
        scope: &Scope,
        statuses: &Statuses<'_>,
    ) -> Self {
        let members = grouping::group(catalog, items);
        let mut package_of = vec![0; open.nodes.len()];
        for (package, list) in members.iter().enumerate() {
            for &item in list {
                package_of[item] = package;
            }
        }
        let prerequisites: Vec<Vec<usize>> = members
            .iter()
            .enumerate()
            .map(|(package, list)| {
                let mut before: Vec<usize> = list
                    .iter()
                    .flat_map(|&i| open.waits[i].iter().map(|&j| package_of[j]))
                    .filter(|&other| other != package)
                    .collect();
                before.sort_unstable();
                before.dedup();
                before
            })
            .collect();
        let effort: Vec<Option<Effort>> = members
            .iter()
            .map(|list| {
                let mut total = Effort::default();
                for &i in list {
                    total.add(open.effort[i]?);
                }
                Some(total)
            })
            .collect();
        let naming = grouping::Naming::new(catalog, items, &members);
        let kinds: Vec<PackageKind> = members
            .iter()
            .zip(&effort)
            .map(|(list, effort)| {
                let figures = match effort {
                    Some(e) => (e.days, e.days_without_reuse),
                    None => unit_effort(list, open),
                };
                naming.kind(list, figures)
            })
            .collect();
        let phases: Vec<Option<Phase>> = members
            .iter()
            .map(|list| {
                (!open.live[list[0]]).then(|| {
                    list.iter()
                        .map(|&i| items.phase[i])
                        .max()
                        .unwrap_or(Phase::Implement)
                })
            })
            .collect();
        let measure = gains::Gains::new(catalog, statuses, scope);
        let gains: Vec<Vec<Figure>> = members
            .iter()
            .map(|list| measure.gain(&list.iter().map(|&i| open.nodes[i]).collect::<Vec<_>>()))
            .collect();
        let chain_in_steps = effort.iter().any(Option::is_none);
        let sizes: Vec<f64> = effort
            .iter()
            .map(|e| {
                if chain_in_steps {
                    1.0
                } else {
                    e.map_or(1.0, |e| e.days)
                }
            })
            .collect();
        let chains = order::chains(&prerequisites, &sizes);
        let keys = members
            .iter()
            .enumerate()
            .map(|(package, list)| order::Keys {
                live: open.live[list[0]],
                phase: phases[package].unwrap_or(Phase::Establish),
                priority: order::most_urgent(list.iter().map(|&i| open.priority[i])),
                chain: chains[package],
                gain: crate::analysis::round1(gains[package].iter().filter_map(|f| f.value).sum()),
                due: due(list, open),
                first: list.iter().copied().min().unwrap_or(0),
            })
            .collect();
        Self {
            titles: members
                .iter()
                .enumerate()
                .map(|(package, list)| naming.title(package, list))
                .collect(),
            members,
            kinds,
            phases,
            prerequisites,
            gains,
            keys,
            chain_in_steps,
        }
    }
}

/// Effort in items, where a catalogue gives none: each open item counts 1,
/// less what is in place, with reuse and without it.
fn unit_effort(list: &[usize], open: &Open<'_>) -> (f64, f64) {
    let mut figures = (0.0, 0.0);
    for &i in list {
        let level = open
            .statuses
            .status(open.nodes[i])
            .map_or(0.0, Status::weight);
        figures.0 += 1.0 - open.reuse[i].max(level);
        figures.1 += 1.0 - level;
    }
    figures
}

/// The earliest due date among a package's items.
fn due(list: &[usize], open: &Open<'_>) -> Option<Date> {
    list.iter()
        .filter_map(|&i| open.statuses.get(open.nodes[i]).entry.and_then(|e| e.due))
        .min()
}

/// The effort of each item and package in this plan: what is in place and
/// what the other standards have in place is reused, as in the gap report,
/// and so is what the plan has done before, in earlier packages or earlier
/// in the same package (its standards in catalogue order), for another
/// standard: work done once for both standards is not counted twice.
pub(super) struct Integrated {
    /// By open item; `None` without an estimate.
    pub items: Vec<Option<ItemEffort>>,
    /// By package; `None` when an item has no estimate.
    pub packages: Vec<Option<Effort>>,
}

/// The plan's effort, package by package in plan order.
pub(super) fn integrated(
    catalog: &Catalog,
    statuses: &Statuses<'_>,
    scope: &Scope,
    open: &Open<'_>,
    packages: &Packages,
    order: &[(usize, super::Rule, usize)],
) -> Integrated {
    let credit = gains::Gains::new(catalog, statuses, scope);
    let mut done: HashSet<Node> = HashSet::new();
    let mut items: Vec<Option<ItemEffort>> = open.effort.clone();
    let mut totals: Vec<Option<Effort>> = vec![None; packages.members.len()];
    for &(package, _, _) in order {
        let mut total = Some(Effort::default());
        for &i in &packages.members[package] {
            let node = open.nodes[i];
            if let Some(effort) = open.effort[i].filter(|_| !open.own_estimate[i]) {
                let level = statuses.status(node).map_or(0.0, Status::weight);
                let reused = credit.reuse(node, &done).max(open.reuse[i]).max(level);
                items[i] = Some(ItemEffort {
                    days: round2(effort.full * (1.0 - reused)).min(effort.days),
                    ..effort
                });
            }
            done.insert(node);
            match (total.as_mut(), items[i]) {
                (Some(sum), Some(effort)) => sum.add(effort),
                _ => total = None,
            }
        }
        totals[package] = total.map(Effort::rounded);
    }
    Integrated {
        items,
        packages: totals,
    }
}
