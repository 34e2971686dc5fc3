//! Consistency warnings: combinations of statuses that an auditor would
//! question. Each has a stable code; only warnings that can be defended
//! from the data are raised.

use super::report::{Warning, WarningCode};
use super::{Options, Scope, item_ref, overlap, reuse};
use crate::model::{Catalog, Node, Relationship};
use crate::status::resolve::Statuses;
use crate::status::{Assessment, Status};

/// The weight from which a counterpart in place makes an exclusion questionable:
/// at half or more, the counterpart does much of what the excluded item asks.
pub const SUBSTANTIAL: f64 = 0.5;

/// Every warning for the reported standards, in catalogue order.
pub(crate) fn check(
    catalog: &Catalog,
    assessment: &Assessment,
    statuses: &Statuses<'_>,
    scope: &Scope,
    options: &Options,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for &standard in &scope.report {
        let catalogue = &catalog.standards[standard];
        for leaf in catalogue.leaves() {
            let node = Node {
                standard,
                item: leaf,
            };
            let resolved = statuses.get(node);
            let status = resolved.status;
            let id = &catalogue.items[leaf].id;

            if status == Some(Status::NotApplicable) {
                // A counterpart that would satisfy at least half of the
                // excluded item if it were in place says the item's subject
                // is present in the organisation.
                for link in catalog.links(node) {
                    if link.weight < SUBSTANTIAL {
                        continue;
                    }
                    let other = catalog.other(link);
                    if other.standard == standard || !scope.assessed.contains(&other.standard) {
                        continue;
                    }
                    if let Some((_, other_status)) = reuse::end_level(statuses, other) {
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

            for link in catalog.links(node) {
                if link.relationship != Relationship::Equal {
                    continue;
                }
                // Report each equal edge once, at the first item of the
                // reported end (the source end when both are reported).
                let edge = catalog.edge(link);
                let mine = if scope.reports(edge.source.standard) {
                    &edge.source
                } else {
                    &edge.target
                };
                if mine.standard != standard || mine.leaves.first() != Some(&leaf) {
                    continue;
                }
                let other = catalog.other(link);
                if !scope.all.contains(&other.standard) {
                    continue;
                }
                let (mine_status, theirs) = (
                    overlap::end_status(statuses, mine),
                    overlap::end_status(statuses, other),
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
                            catalogue.key,
                            catalog.end_label(other),
                            catalog.standards[other.standard].key
                        ),
                        item: item_ref(catalog, node),
                    });
                }
            }

            if let (Some(assessed), Some(entry)) = (assessment.assessed, resolved.entry)
                && resolved.inherited_from.is_none()
                && let Some(due) = entry.due
                && due < assessed
                && !matches!(status, Some(Status::Implemented | Status::NotApplicable))
            {
                warnings.push(Warning {
                    code: WarningCode::Overdue,
                    message: format!(
                        "`{id}` of {} was due on {due} but is still {} at the assessment on {assessed}",
                        catalogue.key,
                        status.map_or("not assessed", Status::as_str)
                    ),
                    item: item_ref(catalog, node),
                });
            }
        }

        if let (Some(section), Some(limit), Some(as_of)) = (
            assessment.section(standard),
            options.max_evidence_age,
            options.as_of,
        ) {
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
                            item: item_ref(catalog, Node { standard, item }),
                        });
                    }
                }
            }
        }

        if let Some(section) = assessment.section(standard) {
            for &item in section.entries.keys() {
                if catalogue.items[item].is_leaf() {
                    continue;
                }
                let unused = catalogue.leaves_under(item).into_iter().all(|leaf| {
                    statuses
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
                        item: item_ref(catalog, Node { standard, item }),
                    });
                }
            }
        }
    }
    warnings
}

/// "`4.1` of iso9001", for messages.
fn named(catalog: &Catalog, node: Node) -> String {
    format!(
        "`{}` of {}",
        catalog.item(node).id,
        catalog.standards[node.standard].key
    )
}
