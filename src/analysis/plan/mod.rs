//! `ims plan`: every item not in place, grouped into work packages that one
//! piece of work closes, and put in order: what a package waits for first,
//! then the value it adds, then urgency.
//!
//! Grouping, in this order, each step keeping a package to at most
//! [`MAX_PACKAGE`] items and never putting in one package two items of which
//! one waits for the other, directly or through other packages:
//! 1. **Shared elements.** The items on crosswalk edges tagged with one
//!    management-system element (policy, internal audit, ...) form one
//!    package serving every standard; an element whose items wait for each
//!    other (risk assessment, then treatment) becomes several.
//! 2. **Joint work.** Items of different standards joined by an edge of
//!    substantial weight (at least [`SUBSTANTIAL`] in either direction) are
//!    merged, strongest edges first, so that a process and the controls it
//!    runs are one package. Connected components are never taken whole: the
//!    size cap and the strongest-first order keep unrelated work apart.
//! 3. **Single-standard work.** What is left goes with the other open items
//!    written up in the same document of the set (documents taken greedily,
//!    the one serving most of what is left first; one package per document,
//!    named after it); items no document serves are grouped by their
//!    reporting group, in catalogue order.
//!
//! Ordering is a topological order of the packages: among the packages
//! whose prerequisites are all done, the one that most later packages wait
//! for (directly or through others) comes next, so that the foundations
//! every other piece of work builds on are laid first; then the largest
//! gain (head-start points across every standard, reuse counted at its
//! weight, as the gap report does); equal gains go to the earlier due date,
//! then to catalogue order.

use std::collections::{BTreeMap, HashMap};

use super::{Options, Scope, Suggestion, analyse};
use crate::date::Date;
use crate::model::{Catalog, Node, StandardIndex};
use crate::snapshot::SCHEMA_VERSION;
use crate::status::resolve::Statuses;
use crate::status::{Assessment, Entry, Section, Status};

/// Most items one package holds.
pub const MAX_PACKAGE: usize = 12;

/// The weight from which an edge joins two items into one package: two
/// fifths of one item or more is the same work as the other. In the built-in
/// crosswalk this is the weight of the security incident controls taken
/// together against incident management, the weakest link that is still
/// treated as one piece of work.
pub const SUBSTANTIAL: f64 = 0.4;

/// Most items a package of work for one standard holds: a run of related
/// items in catalogue order, short enough to stay on one topic.
pub const SINGLE_PACKAGE: usize = 6;

mod grouping;
mod order;
mod report;

pub use report::*;

use grouping::{Partition, extensions, joint_work, shared_elements, single_work};
use order::{Standing, order, ready_at, unlocks, wait};

/// Builds the plan for an assessment.
pub fn plan(catalog: &Catalog, assessment: &Assessment, options: &Options) -> PlanReport {
    let scope = Scope::new(assessment, options);
    let statuses = Statuses::resolve(catalog, assessment, &scope.all);
    let open = open_items(catalog, &scope, &statuses);
    let waits = waits(catalog, &open);
    let mut partition = Partition::new(open.len());
    shared_elements(catalog, &scope, &statuses, &open, &waits, &mut partition);
    joint_work(catalog, &scope, &open, &waits, &mut partition);
    extensions(catalog, &scope, &statuses, &open, &waits, &mut partition);
    single_work(catalog, &open, &waits, &mut partition);
    let packages = partition.packages();

    let summary = Options {
        summary_only: true,
        baseline: None,
        ..options.clone()
    };
    let now = analyse(catalog, assessment, &summary);
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

    // The gain of each package done on its own, from today.
    let gains: Vec<Vec<Figure>> = packages
        .iter()
        .map(|members| {
            let done = with_implemented(assessment, members.iter().map(|&i| open[i]));
            let after = analyse(catalog, &done, &summary);
            now.standards
                .iter()
                .zip(&after.standards)
                .map(|(before, after)| Figure {
                    standard: before.id.clone(),
                    value: match (before.head_start, after.head_start) {
                        (Some(b), Some(a)) => Some(round1(a - b)),
                        _ => None,
                    },
                })
                .collect()
        })
        .collect();
    let total =
        |index: usize| -> f64 { round1(gains[index].iter().filter_map(|f| f.value).sum::<f64>()) };

    let prerequisites: Vec<Vec<usize>> = packages
        .iter()
        .enumerate()
        .map(|(package, members)| {
            let mut before: Vec<usize> = members
                .iter()
                .flat_map(|&i| {
                    waits[i]
                        .iter()
                        .map(|&j| partition.package_of(partition.of[j]))
                })
                .filter(|&other| other != package)
                .collect();
            before.sort_unstable();
            before.dedup();
            before
        })
        .collect();
    let due: Vec<Option<Date>> = packages
        .iter()
        .map(|members| {
            members
                .iter()
                .filter_map(|&i| statuses.get(open[i]).entry.and_then(|e| e.due))
                .min()
        })
        .collect();

    let totals: Vec<f64> = (0..packages.len()).map(total).collect();
    let unlocks = unlocks(&prerequisites);
    let order = order(&prerequisites, &unlocks, &totals, &due);
    let mut rank_of = vec![0; packages.len()];
    for (rank, &package) in order.iter().enumerate() {
        rank_of[package] = rank + 1;
    }

    let mut done_so_far: Vec<Node> = Vec::new();
    let mut steps = Vec::with_capacity(order.len());
    for (position, &package) in order.iter().enumerate() {
        let members = &packages[package];
        done_so_far.extend(members.iter().map(|&i| open[i]));
        let after_done = analyse(
            catalog,
            &with_implemented(assessment, done_so_far.iter().copied()),
            &summary,
        );
        let items: Vec<PlanItem> = members
            .iter()
            .map(|&i| {
                let node = open[i];
                let entry = statuses.get(node).entry;
                PlanItem {
                    standard: catalog.standards[node.standard].key.clone(),
                    id: catalog.item(node).id.clone(),
                    title: catalog.item(node).title.clone(),
                    status: statuses.status(node),
                    owner: entry.and_then(|e| e.owner.clone()),
                    due: entry.and_then(|e| e.due),
                }
            })
            .collect();
        let reuse = items
            .iter()
            .filter_map(|item| {
                let suggestion = suggestions.get(&(item.standard.as_str(), item.id.as_str()))?;
                Some(PlanReuse {
                    standard: item.standard.clone(),
                    id: item.id.clone(),
                    sources: suggestion
                        .sources
                        .iter()
                        .map(|source| PlanSource {
                            standard: source.standard.clone(),
                            id: source.id.clone(),
                            title: source.title.clone(),
                            status: source.status,
                            weight: source.weight,
                        })
                        .collect(),
                    weight: suggestion.weight,
                    residual: suggestion.residual.clone(),
                })
            })
            .collect();
        let mut standards: Vec<StandardIndex> = members.iter().map(|&i| open[i].standard).collect();
        standards.sort_unstable();
        standards.dedup();
        let waits_on: Vec<PlanWait> = prerequisites[package]
            .iter()
            .filter_map(|&other| {
                wait(
                    catalog,
                    &open,
                    &waits,
                    members,
                    &packages[other],
                    rank_of[other],
                )
            })
            .collect();
        let mut after: Vec<usize> = prerequisites[package].iter().map(|&p| rank_of[p]).collect();
        after.sort_unstable();
        let mut owners: Vec<String> = items.iter().filter_map(|i| i.owner.clone()).collect();
        owners.sort();
        owners.dedup();
        let ready_with: Vec<usize> = ready_at(position, &order, &prerequisites);
        steps.push(PlanStep {
            rank: position + 1,
            title: partition.title(catalog, &open, package),
            kind: partition.kind(package, &open),
            standards: standards
                .iter()
                .map(|&s| catalog.standards[s].key.clone())
                .collect(),
            reuse,
            why: Standing {
                after: &after,
                waits: &waits_on,
                ready_with: &ready_with,
                unlocks: &unlocks,
                gains: &totals,
                dues: &due,
            }
            .why(),
            after,
            waits: waits_on,
            gain: gains[package].clone(),
            total_gain: total(package),
            coverage_after: after_done
                .standards
                .iter()
                .map(|s| Figure {
                    standard: s.id.clone(),
                    value: s.coverage,
                })
                .collect(),
            owners,
            due: due[package],
            overdue: match (due[package], options.as_of) {
                (Some(due), Some(today)) => due < today,
                _ => false,
            },
            items,
        });
    }

    PlanReport {
        schema_version: SCHEMA_VERSION,
        file: assessment.file.clone(),
        organisation: assessment.organisation.clone(),
        scope: assessment.scope.clone(),
        assessed: assessment.assessed,
        target: options.target.map(|t| catalog.standards[t].key.clone()),
        standards: now
            .standards
            .iter()
            .map(|s| PlanStandard {
                id: s.id.clone(),
                name: s.name.clone(),
                coverage: s.coverage,
                head_start: s.head_start,
                open: open
                    .iter()
                    .filter(|n| catalog.standards[n.standard].key == s.id)
                    .count(),
            })
            .collect(),
        steps,
    }
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Every assessable item of the reported standards that is not in place:
/// missing, partial or not assessed; in catalogue order.
fn open_items(catalog: &Catalog, scope: &Scope, statuses: &Statuses<'_>) -> Vec<Node> {
    let mut open = Vec::new();
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
                open.push(node);
            }
        }
    }
    open
}

/// For each open item, the open items it waits for (by position in `open`).
fn waits(catalog: &Catalog, open: &[Node]) -> Vec<Vec<usize>> {
    let position: HashMap<Node, usize> = open.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    open.iter()
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
        .collect()
}

/// The assessment with every item of `nodes` implemented, as a plan step
/// would leave it; the rest of each entry is kept.
fn with_implemented(assessment: &Assessment, nodes: impl Iterator<Item = Node>) -> Assessment {
    let mut done = assessment.clone();
    for node in nodes {
        let section = match done
            .sections
            .iter()
            .position(|s| s.standard == node.standard)
        {
            Some(position) => &mut done.sections[position],
            None => {
                done.sections.push(Section {
                    standard: node.standard,
                    entries: BTreeMap::new(),
                    pos: crate::diag::Pos::default(),
                });
                done.sections.sort_by_key(|s| s.standard);
                let position = done
                    .sections
                    .iter()
                    .position(|s| s.standard == node.standard)
                    .unwrap_or(0);
                &mut done.sections[position]
            }
        };
        let entry = section
            .entries
            .entry(node.item)
            .or_insert_with(|| Entry::new(crate::diag::Pos::default()));
        entry.status = Some(Status::Implemented);
    }
    done
}
