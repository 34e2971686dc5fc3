//! What changed between two snapshots of an organisation's statuses: items
//! that improved, regressed, were newly assessed or dropped, were excluded
//! or brought back into scope, and the change in coverage per standard.

use serde::Serialize;

pub use super::report::{Change, ChangeKind};
use super::report::{Counts, SCHEMA_VERSION, round1};
use crate::date::Date;
use crate::model::Catalog;
use crate::snapshot::Snapshot;
use crate::status::Status;

/// Coverage of one standard before and after.
#[derive(Debug, Clone, Serialize)]
pub struct CoverageChange {
    /// The standard's key.
    pub id: String,
    /// Coverage before, percent; null when not in the old snapshot or nothing applicable.
    pub old_coverage: Option<f64>,
    /// Coverage after, percent; null when not in the new snapshot or nothing applicable.
    pub new_coverage: Option<f64>,
    /// Percentage points gained (negative when lost); null when either side is null.
    pub change: Option<f64>,
    /// Items per kind of change.
    pub improved: usize,
    /// Items that regressed.
    pub regressed: usize,
    /// Items newly assessed.
    pub newly_assessed: usize,
    /// Items no longer assessed.
    pub no_longer_assessed: usize,
}

/// One side of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// The file, as the user named it.
    pub file: String,
    /// The organisation.
    pub organisation: String,
    /// The assessment date, if known.
    pub assessed: Option<Date>,
}

/// Everything that changed between two snapshots.
#[derive(Debug, Clone, Serialize)]
pub struct DiffReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The earlier snapshot.
    pub old: Side,
    /// The later snapshot.
    pub new: Side,
    /// Coverage change per standard in either snapshot.
    pub standards: Vec<CoverageChange>,
    /// Every item whose status changed, by standard then catalogue order.
    pub changes: Vec<Change>,
}

/// The position of a status on the way to implemented; `None` for not applicable.
fn progress(status: Status) -> Option<u8> {
    match status {
        Status::NotImplemented => Some(0),
        Status::Planned => Some(1),
        Status::Partial => Some(2),
        Status::Implemented => Some(3),
        Status::NotApplicable => None,
    }
}

fn kind(old: Option<Status>, new: Option<Status>) -> Option<ChangeKind> {
    let (old, new) = match (old, new) {
        (None, None) => return None,
        (None, Some(_)) => return Some(ChangeKind::NewlyAssessed),
        (Some(_), None) => return Some(ChangeKind::NoLongerAssessed),
        (Some(old), Some(new)) => (old, new),
    };
    match (progress(old), progress(new)) {
        (None, None) => None,
        (Some(_), None) => Some(ChangeKind::Excluded),
        (None, Some(_)) => Some(ChangeKind::Included),
        (Some(before), Some(after)) if after > before => Some(ChangeKind::Improved),
        (Some(before), Some(after)) if after < before => Some(ChangeKind::Regressed),
        _ => None,
    }
}

/// Compares two snapshots. Items are ordered by standard, then as the
/// catalogue orders them (ids the catalogue does not know come last).
pub fn diff(catalog: &Catalog, old: &Snapshot, new: &Snapshot) -> DiffReport {
    let mut standards: Vec<String> = new.standards.clone();
    for key in &old.standards {
        if !standards.contains(key) {
            standards.push(key.clone());
        }
    }
    standards.sort_by_key(|key| catalog.standard_index(key).map_or(usize::MAX, |s| s.get()));

    let mut changes = Vec::new();
    let mut coverage = Vec::new();
    for key in &standards {
        let catalogue = catalog
            .standard_index(key)
            .map(|index| &catalog.standards[index]);
        let mut ids: Vec<&String> = old
            .items
            .keys()
            .chain(new.items.keys())
            .filter(|(standard, _)| standard == key)
            .map(|(_, id)| id)
            .collect();
        ids.sort_by_key(|id| {
            (
                catalogue
                    .and_then(|c| c.find(id))
                    .map_or(usize::MAX, |item| item.get()),
                (*id).clone(),
            )
        });
        ids.dedup();

        let (mut old_counts, mut new_counts) = (Counts::default(), Counts::default());
        let mut summary = CoverageChange {
            id: key.clone(),
            old_coverage: None,
            new_coverage: None,
            change: None,
            improved: 0,
            regressed: 0,
            newly_assessed: 0,
            no_longer_assessed: 0,
        };
        for id in ids {
            let item_key = (key.clone(), id.clone());
            let before = old.items.get(&item_key).copied().flatten();
            let after = new.items.get(&item_key).copied().flatten();
            if old.items.contains_key(&item_key) {
                old_counts.add(before);
            }
            if new.items.contains_key(&item_key) {
                new_counts.add(after);
            }
            let Some(kind) = kind(before, after) else {
                continue;
            };
            match kind {
                ChangeKind::Improved => summary.improved += 1,
                ChangeKind::Regressed => summary.regressed += 1,
                ChangeKind::NewlyAssessed => summary.newly_assessed += 1,
                ChangeKind::NoLongerAssessed => summary.no_longer_assessed += 1,
                ChangeKind::Excluded | ChangeKind::Included => {}
            }
            let title = catalogue
                .and_then(|c| c.find(id).map(|item| c.items[item].title.clone()))
                .unwrap_or_default();
            changes.push(Change {
                standard: key.clone(),
                id: id.clone(),
                title,
                old: before,
                new: after,
                kind,
            });
        }
        summary.old_coverage = old
            .standards
            .contains(key)
            .then(|| old_counts.coverage())
            .flatten();
        summary.new_coverage = new
            .standards
            .contains(key)
            .then(|| new_counts.coverage())
            .flatten();
        summary.change = match (summary.old_coverage, summary.new_coverage) {
            (Some(before), Some(after)) => Some(round1(after - before)),
            _ => None,
        };
        coverage.push(summary);
    }
    DiffReport {
        schema_version: SCHEMA_VERSION,
        old: side(old),
        new: side(new),
        standards: coverage,
        changes,
    }
}

fn side(snapshot: &Snapshot) -> Side {
    Side {
        file: snapshot.file.clone(),
        organisation: snapshot.organisation.clone(),
        assessed: snapshot.assessed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_orders_statuses_and_not_applicable_is_a_scope_change() {
        use Status::*;
        assert_eq!(
            kind(Some(Planned), Some(Partial)),
            Some(ChangeKind::Improved)
        );
        assert_eq!(
            kind(Some(Implemented), Some(Partial)),
            Some(ChangeKind::Regressed)
        );
        assert_eq!(
            kind(Some(Implemented), Some(NotImplemented)),
            Some(ChangeKind::Regressed)
        );
        assert_eq!(
            kind(None, Some(NotImplemented)),
            Some(ChangeKind::NewlyAssessed)
        );
        assert_eq!(
            kind(Some(Partial), None),
            Some(ChangeKind::NoLongerAssessed)
        );
        assert_eq!(
            kind(Some(Implemented), Some(NotApplicable)),
            Some(ChangeKind::Excluded)
        );
        assert_eq!(
            kind(Some(NotApplicable), Some(Planned)),
            Some(ChangeKind::Included)
        );
        assert_eq!(kind(Some(Partial), Some(Partial)), None);
        assert_eq!(kind(None, None), None);
        assert!(ChangeKind::NoLongerAssessed.is_regression());
        assert!(!ChangeKind::Excluded.is_regression());
    }
}
