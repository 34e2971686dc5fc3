//! Consistency warnings: combinations of statuses that an auditor would
//! question. Each has a stable code; only warnings that can be defended
//! from the data are raised.

use super::report::{Warning, WarningCode};
use super::{Options, Scope, item_ref, overlap, reuse};
use crate::model::{Catalog, Node, Relationship, StandardIndex};
use crate::status::resolve::Statuses;
use crate::status::{Assessment, Status, status_label};

/// The weight from which a counterpart in place makes an exclusion questionable:
/// at half or more, the counterpart does much of what the excluded item asks.
pub const SUBSTANTIAL: f64 = 0.5;

/// Every warning for the reported standards, in catalogue order: for each
/// standard, its items' warnings item by item, then its stale evidence, then
/// its headings whose status applies to nothing.
pub(crate) fn check(
    catalog: &Catalog,
    assessment: &Assessment,
    statuses: &Statuses<'_>,
    scope: &Scope,
    options: &Options,
) -> Vec<Warning> {
    let check = Check {
        catalog,
        assessment,
        statuses,
        scope,
        options,
    };
    let mut warnings = Vec::new();
    for &standard in &scope.report {
        for node in catalog.leaf_nodes(standard) {
            check.excluded_but_counterpart_in_place(node, &mut warnings);
            check.equal_items_differ(node, &mut warnings);
            check.overdue(node, &mut warnings);
        }
        check.stale_evidence(standard, &mut warnings);
        check.parent_status_unused(standard, &mut warnings);
    }
    warnings
}

/// What every warning is judged from.
struct Check<'a> {
    catalog: &'a Catalog,
    assessment: &'a Assessment,
    statuses: &'a Statuses<'a>,
    scope: &'a Scope,
    options: &'a Options,
}

impl Check<'_> {
    /// `excluded-but-counterpart-in-place`: a counterpart that would satisfy
    /// at least half of the excluded item if it were in place says the
    /// item's subject is present in the organisation.
    fn excluded_but_counterpart_in_place(&self, node: Node, warnings: &mut Vec<Warning>) {
        let catalog = self.catalog;
        if self.statuses.status(node) != Some(Status::NotApplicable) {
            return;
        }
        for link in catalog.links(node) {
            if link.weight < SUBSTANTIAL {
                continue;
            }
            let other = catalog.other(link);
            if other.standard == node.standard || !self.scope.assessed.contains(&other.standard) {
                continue;
            }
            if let Some((_, other_status)) = reuse::end_level(self.statuses, other) {
                warnings.push(Warning {
                    code: WarningCode::ExcludedButCounterpartInPlace,
                    message: format!(
                        "{} is not-applicable, yet `{}` of {}, which would cover {:.0}% of it, is {other_status}; an auditor will ask why the exclusion holds",
                        named(catalog, node),
                        catalog.end_label(other),
                        catalog.standards[other.standard].key,
                        100.0 * link.weight
                    ),
                    item: item_ref(catalog, node),
                });
            }
        }
    }

    /// `equal-items-differ`: the two ends of an equal edge have different
    /// statuses. Each edge is reported once, at the first item of the
    /// reported end (the source end when both are reported).
    fn equal_items_differ(&self, node: Node, warnings: &mut Vec<Warning>) {
        let catalog = self.catalog;
        for link in catalog.links(node) {
            if link.relationship != Relationship::Equal {
                continue;
            }
            let edge = catalog.edge(link);
            let mine = if self.scope.reports(edge.source.standard) {
                &edge.source
            } else {
                &edge.target
            };
            if mine.standard != node.standard || mine.leaves.first() != Some(&node.item) {
                continue;
            }
            let other = catalog.other(link);
            if !self.scope.all.contains(&other.standard) {
                continue;
            }
            let (mine_status, theirs) = (
                overlap::end_status(self.statuses, mine),
                overlap::end_status(self.statuses, other),
            );
            if let (Some(mine_status), Some(theirs)) = (mine_status, theirs)
                && mine_status != theirs
                && mine_status != Status::NotApplicable
                && theirs != Status::NotApplicable
            {
                warnings.push(Warning {
                    code: WarningCode::EqualItemsDiffer,
                    message: format!(
                        "`{}` of {} is {mine_status} but `{}` of {}, which asks for the same thing, is {theirs}; one implementation should serve both",
                        catalog.end_label(mine),
                        catalog.standards[node.standard].key,
                        catalog.end_label(other),
                        catalog.standards[other.standard].key
                    ),
                    item: item_ref(catalog, node),
                });
            }
        }
    }

    /// `overdue`: an item's own entry was due before the assessment and
    /// the item is still not in place.
    fn overdue(&self, node: Node, warnings: &mut Vec<Warning>) {
        let resolved = self.statuses.get(node);
        let status = resolved.status;
        if let (Some(assessed), Some(entry)) = (self.assessment.assessed, resolved.entry)
            && resolved.inherited_from.is_none()
            && let Some(due) = entry.due
            && due < assessed
            && !matches!(status, Some(Status::Implemented | Status::NotApplicable))
        {
            warnings.push(Warning {
                code: WarningCode::Overdue,
                message: format!(
                    "`{}` of {} was due on {due} but is still {} at the assessment on {assessed}",
                    self.catalog.item(node).id,
                    self.catalog.standards[node.standard].key,
                    status_label(status)
                ),
                item: item_ref(self.catalog, node),
            });
        }
    }

    /// `stale-evidence`: evidence older than `--max-evidence-age` on the
    /// date evidence age is measured to.
    fn stale_evidence(&self, standard: StandardIndex, warnings: &mut Vec<Warning>) {
        let (Some(section), Some(limit), Some(as_of)) = (
            self.assessment.section(standard),
            self.options.max_evidence_age,
            self.options.as_of,
        ) else {
            return;
        };
        let catalogue = &self.catalog.standards[standard];
        for (&item, entry) in &section.entries {
            for evidence in &entry.evidence {
                let Some(date) = evidence.date else {
                    continue;
                };
                let age = as_of.days() - date.days();
                if age > i64::from(limit) {
                    warnings.push(Warning {
                        code: WarningCode::StaleEvidence,
                        message: format!(
                            "evidence `{}` of `{}` ({}) is dated {date}, {age} days before {as_of}; the limit is {limit} days",
                            evidence.reference, catalogue.items[item].id, catalogue.key
                        ),
                        item: item_ref(self.catalog, Node { standard, item }),
                    });
                }
            }
        }
    }

    /// `parent-status-unused`: a heading's status that no item beneath it
    /// takes, because each has its own entry or a nearer heading's.
    fn parent_status_unused(&self, standard: StandardIndex, warnings: &mut Vec<Warning>) {
        let Some(section) = self.assessment.section(standard) else {
            return;
        };
        let catalogue = &self.catalog.standards[standard];
        for &item in section.entries.keys() {
            if catalogue.items[item].is_leaf() {
                continue;
            }
            let unused = catalogue.leaves_under(item).into_iter().all(|leaf| {
                self.statuses
                    .get(Node {
                        standard,
                        item: leaf,
                    })
                    .inherited_from
                    != Some(item)
            });
            if unused {
                warnings.push(Warning {
                    code: WarningCode::ParentStatusUnused,
                    message: format!(
                        "the status of heading `{}` of {} applies to nothing: every item beneath it has an entry of its own or a nearer heading's",
                        catalogue.items[item].id, catalogue.key
                    ),
                    item: item_ref(self.catalog, Node { standard, item }),
                });
            }
        }
    }
}

/// "`4.1` of iso9001", for messages.
fn named(catalog: &Catalog, node: Node) -> String {
    format!(
        "`{}` of {}",
        catalog.item(node).id,
        catalog.standards[node.standard].key
    )
}
