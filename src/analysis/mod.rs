//! The analysis: pure functions from the catalogue and an assessment to a
//! [`GapReport`]. No I/O, no clock, no environment; every list is sorted so
//! the same input always gives the same report.

pub mod ciso_assistant;
pub mod diff;
pub mod docs;
pub mod effort;
mod gate;
mod overlap;
pub mod plan;
pub mod portfolio;
pub mod report;
mod reuse;
pub mod soa;
mod warnings;

use std::collections::{BTreeSet, HashMap};

use crate::date::Date;
use crate::model::{Catalog, Node, StandardIndex};
use crate::snapshot::Snapshot;
pub use crate::status::resolve::{Resolved, Statuses};
use crate::status::{Assessment, Status};
pub use report::*;

/// What to analyse and how to judge it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Standards to report and gate on (catalogue indexes); empty means every
    /// standard in the status file.
    pub focus: Vec<StandardIndex>,
    /// The one standard to report and gate on (`--target`), with every other
    /// standard in the file as a source of reuse; it overrides `focus`.
    pub target: Option<StandardIndex>,
    /// What findings fail the gate.
    pub fail_on: FailOn,
    /// Minimum coverages.
    pub min_coverage: Vec<MinCoverage>,
    /// Evidence older than this many days raises a `stale-evidence` warning.
    pub max_evidence_age: Option<u32>,
    /// The date evidence age is measured to; the command line passes today.
    pub as_of: Option<Date>,
    /// Whether stale evidence fails the gate.
    pub fail_on_stale_evidence: bool,
    /// An earlier snapshot; items that regressed against it fail the gate.
    pub baseline: Option<Snapshot>,
    /// Multiplies the catalogues' effort estimates, over the status file's
    /// `effort-scale`; `None` keeps the file's (or 1).
    pub effort_scale: Option<f64>,
    /// Compute only what a portfolio summary needs: coverage, counts,
    /// missing items, warnings and the gate; leave the item rows, overlap,
    /// integrated view and suggestion texts empty.
    pub summary_only: bool,
}

/// The standards a report covers and the ones whose statuses are known.
pub(crate) struct Scope {
    /// Standards reported on, in catalogue order.
    pub report: Vec<StandardIndex>,
    /// Standards with a section in the file, in catalogue order.
    pub assessed: Vec<StandardIndex>,
    /// Every standard whose items appear anywhere in the report.
    pub all: Vec<StandardIndex>,
}

impl Scope {
    fn new(assessment: &Assessment, options: &Options) -> Self {
        let assessed: Vec<StandardIndex> = assessment.sections.iter().map(|s| s.standard).collect();
        let report: BTreeSet<StandardIndex> = match options.target {
            Some(target) => BTreeSet::from([target]),
            None if options.focus.is_empty() => assessed.iter().copied().collect(),
            None => options.focus.iter().copied().collect(),
        };
        let all: BTreeSet<StandardIndex> = report.iter().chain(&assessed).copied().collect();
        Self {
            report: report.into_iter().collect(),
            assessed,
            all: all.into_iter().collect(),
        }
    }

    /// Whether a standard is reported on.
    pub fn reports(&self, standard: StandardIndex) -> bool {
        self.report.contains(&standard)
    }
}

/// Analyses an assessment against the catalogue.
pub fn analyse(catalog: &Catalog, assessment: &Assessment, options: &Options) -> GapReport {
    let scope = Scope::new(assessment, options);
    let statuses = Statuses::resolve(catalog, assessment, &scope.all);

    let mut counts_by_standard = HashMap::new();
    let mut all_counts = Vec::new();
    for &standard in &scope.report {
        let mut counts = Counts::default();
        for node in catalog.leaf_nodes(standard) {
            counts.add(statuses.status(node));
        }
        counts_by_standard.insert(standard, counts.applicable);
        all_counts.push(counts);
    }
    let reuse = reuse::suggestions(catalog, &statuses, &scope, &counts_by_standard);
    let by_target: reuse::ByTarget<'_> =
        reuse.iter().map(|ranked| (ranked.target, ranked)).collect();

    let mut standards = Vec::new();
    let mut items = Vec::new();
    let (mut missing, mut partial, mut unassessed) = (Vec::new(), Vec::new(), Vec::new());
    for (&standard, counts) in scope.report.iter().zip(all_counts) {
        let catalogue = &catalog.standards[standard];
        for node in catalog.leaf_nodes(standard) {
            let resolved = statuses.get(node);
            let row = item_status(catalog, node, resolved);
            match resolved.status {
                None => unassessed.push(row),
                Some(Status::Partial) => partial.push(row),
                Some(Status::Planned | Status::NotImplemented) => missing.push(row),
                Some(Status::Implemented | Status::NotApplicable) => {}
            }
            if !options.summary_only {
                items.push(item_row(
                    catalog,
                    node,
                    resolved,
                    by_target.get(&node).copied(),
                ));
            }
        }
        let projection = reuse::projection(catalog, standard, &statuses, &by_target);
        let effort = remaining_effort(
            catalog,
            standard,
            &statuses,
            &by_target,
            effort_scale(assessment, options),
        );
        standards.push(StandardSummary {
            id: catalogue.key.clone(),
            name: catalogue.name.clone(),
            assessed: scope.assessed.contains(&standard),
            counts,
            coverage: counts.coverage(),
            projected_coverage: projection.coverage,
            head_start: projection.head_start,
            fully_reusable: projection.fully_reusable,
            partly_reusable: projection.partly_reusable,
            new_work: projection.new_work,
            effort,
            groups: groups(catalog, standard, &statuses, &by_target),
        });
    }

    let overlap_rows = if options.summary_only {
        Vec::new()
    } else {
        overlap::rows(catalog, &statuses, &scope)
    };
    let warnings = warnings::check(catalog, assessment, &statuses, &scope, options);
    let baseline = options.baseline.as_ref().map(|baseline| {
        let current = Snapshot::from_assessment(catalog, assessment);
        let changes = diff::diff(catalog, baseline, &current).changes;
        BaselineResult {
            file: baseline.file.clone(),
            regressions: changes
                .into_iter()
                .filter(|change| change.kind.is_regression())
                .filter(|change| {
                    catalog
                        .standard_index(&change.standard)
                        .is_some_and(|standard| scope.reports(standard))
                })
                .collect(),
        }
    });
    let findings = gate::Findings {
        missing: &missing,
        partial: &partial,
        unassessed: &unassessed,
        warnings: &warnings,
        baseline: baseline.as_ref(),
    };
    let gate = gate::judge(&standards, &findings, options);
    GapReport {
        schema_version: SCHEMA_VERSION,
        header: ReportHeader::of(assessment),
        assessor: assessment.assessor.clone(),
        target: options.target.map(|t| catalog.standards[t].key.clone()),
        standards,
        items,
        integrated: if options.summary_only {
            Vec::new()
        } else {
            overlap::integrated(catalog, &statuses, &scope)
        },
        overlap_pairs: overlap::pairs(&overlap_rows),
        overlap: overlap_rows,
        missing,
        partial,
        unassessed,
        suggestions: if options.summary_only {
            Vec::new()
        } else {
            reuse
                .iter()
                .map(|ranked| ranked.suggestion(catalog, &statuses))
                .collect()
        },
        warnings,
        baseline,
        gate,
    }
}

/// The factor on the catalogues' effort: the command line's, else the
/// status file's, else 1.
pub(crate) fn effort_scale(assessment: &Assessment, options: &Options) -> f64 {
    options
        .effort_scale
        .or(assessment.plan.effort_scale)
        .unwrap_or(1.0)
}

/// The effort a standard still needs, when its catalogue estimates effort.
fn remaining_effort(
    catalog: &Catalog,
    standard: StandardIndex,
    statuses: &Statuses<'_>,
    reuse: &reuse::ByTarget<'_>,
    scale: f64,
) -> Option<effort::Effort> {
    catalog.standards[standard].effort_reference.as_ref()?;
    let mut total = effort::Effort::default();
    for node in catalog.leaf_nodes(standard) {
        let found = effort::item_effort(
            catalog,
            node,
            statuses.get(node),
            reuse.get(&node).map_or(0.0, |ranked| ranked.weight),
            scale,
        )?;
        total.add(found);
    }
    Some(total.rounded())
}

/// A reference to the item behind a node.
pub(crate) fn item_ref(catalog: &Catalog, node: Node) -> ItemRef {
    ItemRef {
        standard: catalog.standards[node.standard].key.clone(),
        id: catalog.item(node).id.clone(),
    }
}

pub(crate) fn item_status(catalog: &Catalog, node: Node, resolved: Resolved<'_>) -> ItemStatus {
    let entry = resolved.entry;
    ItemStatus {
        standard: catalog.standards[node.standard].key.clone(),
        id: catalog.item(node).id.clone(),
        title: catalog.item(node).title.clone(),
        status: resolved.status,
        owner: entry.and_then(|e| e.owner.clone()),
        due: entry.and_then(|e| e.due),
    }
}

fn item_row(
    catalog: &Catalog,
    node: Node,
    resolved: Resolved<'_>,
    reuse: Option<&reuse::Ranked>,
) -> ItemRow {
    let item = catalog.item(node);
    let catalogue = &catalog.standards[node.standard];
    let entry = resolved.entry;
    let best = reuse.map(|ranked| {
        let best = ranked.best();
        Reuse {
            source: overlap::end_ref(catalog, catalog.other(&best.link)),
            relationship: best.link.relationship,
            coverage: ranked.coverage,
            weight: ranked.weight,
            residual: match ranked.coverage {
                Coverage::Full => None,
                Coverage::Partial => catalog.residual(&best.link).map(str::to_owned),
            },
        }
    });
    ItemRow {
        item: item_ref(catalog, node),
        title: item.title.clone(),
        kind: item.kind,
        group: catalogue.items[item.group].id.clone(),
        status: resolved.status,
        inherited_from: resolved
            .inherited_from
            .map(|heading| catalogue.items[heading].id.clone()),
        contribution: match resolved.status {
            Some(Status::NotApplicable) => None,
            other => Some(other.map_or(0.0, Status::weight)),
        },
        owner: entry.and_then(|e| e.owner.clone()),
        due: entry.and_then(|e| e.due),
        evidence: entry
            .map(|e| e.evidence.iter().map(|ev| ev.reference.clone()).collect())
            .unwrap_or_default(),
        evidence_dates: entry
            .map(|e| e.evidence.iter().map(|ev| ev.date).collect())
            .unwrap_or_default(),
        justification: entry.and_then(|e| e.justification.clone()),
        note: entry.and_then(|e| e.note.clone()),
        best_reuse: best,
        head_start: reuse::head_start_of(resolved.status, reuse),
    }
}

fn groups(
    catalog: &Catalog,
    standard: StandardIndex,
    statuses: &Statuses<'_>,
    reuse: &reuse::ByTarget<'_>,
) -> Vec<GroupSummary> {
    let catalogue = &catalog.standards[standard];
    let mut counts = vec![Counts::default(); catalogue.items.len()];
    let mut head_start = vec![reuse::Share::default(); catalogue.items.len()];
    for node in catalog.leaf_nodes(standard) {
        let status = statuses.status(node);
        let group = catalogue.items[node.item].group;
        counts[group.get()].add(status);
        head_start[group.get()].add(reuse::head_start_of(status, reuse.get(&node).copied()));
    }
    catalogue
        .groups()
        .into_iter()
        .filter(|&group| counts[group.get()].total > 0)
        .map(|group| GroupSummary {
            id: catalogue.items[group].id.clone(),
            title: catalogue.items[group].title.clone(),
            counts: counts[group.get()],
            coverage: counts[group.get()].coverage(),
            head_start: head_start[group.get()].percent(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
