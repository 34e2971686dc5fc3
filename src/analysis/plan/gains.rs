//! The head-start points a package adds, done on its own from today, and
//! the coverage each standard reaches as the steps are done, worked out
//! item by item: only the package's items and the items their edges reach
//! change, so each package costs the edges around it, not a new analysis.
//! The figures are the gap report's: each item's share is its own level or
//! its strongest reuse, whichever is higher, in whole hundredths.

use std::collections::{HashMap, HashSet};

use super::Figure;
use crate::analysis::reuse::{Share, contribution};
use crate::analysis::{Counts, Scope};
use crate::model::{Catalog, Node, StandardIndex};
use crate::status::Status;
use crate::status::resolve::Statuses;

/// What gains are measured against: today's statuses.
pub(super) struct Gains<'a> {
    catalog: &'a Catalog,
    statuses: &'a Statuses<'a>,
    /// The standards reported on.
    report: &'a [StandardIndex],
    /// The standards that can be reused from: those in the file.
    assessed: &'a [StandardIndex],
    /// Each reported standard's head start now, as a sum of hundredths and
    /// the number of applicable items.
    now: Vec<(StandardIndex, Share)>,
}

impl<'a> Gains<'a> {
    /// Today's head start of every reported standard.
    pub fn new(catalog: &'a Catalog, statuses: &'a Statuses<'a>, scope: &'a Scope) -> Self {
        let mut gains = Self {
            catalog,
            statuses,
            report: &scope.report,
            assessed: &scope.assessed,
            now: Vec::new(),
        };
        let done = HashSet::new();
        gains.now = scope
            .report
            .iter()
            .map(|&standard| {
                let mut share = Share::default();
                for node in catalog.leaf_nodes(standard) {
                    share.add(gains.share(node, &done));
                }
                (standard, share)
            })
            .collect();
        gains
    }

    /// An item's level with the items of `done` implemented: `None` when
    /// not in place.
    fn level(&self, node: Node, done: &HashSet<Node>) -> Option<f64> {
        if done.contains(&node) {
            return Some(1.0);
        }
        self.statuses
            .status(node)
            .filter(|status| status.in_place())
            .map(Status::weight)
    }

    /// How much of an item its strongest source gives with the items of
    /// `done` implemented: the sources in the standards of the file, and
    /// those the plan has done.
    pub fn reuse(&self, node: Node, done: &HashSet<Node>) -> f64 {
        self.catalog
            .links(node)
            .iter()
            .filter_map(|link| {
                let end = self.catalog.other(link);
                let source =
                    self.assessed.contains(&end.standard) || end.nodes().any(|n| done.contains(&n));
                if !source || end.standard == node.standard {
                    return None;
                }
                let mut total = 0.0;
                for member in end.nodes() {
                    total += self.level(member, done)?;
                }
                Some(contribution(link.weight, total / end.leaves.len() as f64))
            })
            .fold(0.0, f64::max)
    }

    /// An item's share of the head start with the items of `done`
    /// implemented; `None` when it is not applicable.
    fn share(&self, node: Node, done: &HashSet<Node>) -> Option<f64> {
        let status = self.statuses.status(node);
        if status == Some(Status::NotApplicable) {
            return None;
        }
        let own = if done.contains(&node) {
            1.0
        } else {
            status.map_or(0.0, Status::weight)
        };
        Some(self.reuse(node, done).max(own))
    }

    /// The head-start points `members` add to each reported standard, done
    /// on their own from today.
    pub fn gain(&self, members: &[Node]) -> Vec<Figure> {
        let done: HashSet<Node> = members.iter().copied().collect();
        let mut touched: Vec<Node> = members.to_vec();
        for &member in members {
            for link in self.catalog.links(member) {
                touched.extend(self.catalog.other(link).nodes());
            }
        }
        touched.sort_unstable();
        touched.dedup();
        let none = HashSet::new();
        let mut change: HashMap<StandardIndex, i64> = HashMap::new();
        for node in touched {
            if !self.report.contains(&node.standard) {
                continue;
            }
            let hundredths = |share: Option<f64>| share.map_or(0, |s| (s * 100.0).round() as i64);
            let delta = hundredths(self.share(node, &done)) - hundredths(self.share(node, &none));
            *change.entry(node.standard).or_default() += delta;
        }
        self.now
            .iter()
            .map(|(standard, share)| Figure {
                standard: self.catalog.standards[*standard].key.clone(),
                value: share.percent().map(|before| {
                    let after = share.moved(change.get(standard).copied().unwrap_or(0));
                    crate::analysis::round1(after.percent().unwrap_or(before) - before)
                }),
            })
            .collect()
    }
}

/// Each reported standard's coverage as steps are done, one after another.
pub(super) struct Progress {
    counts: Vec<(String, Counts)>,
    index: HashMap<StandardIndex, usize>,
}

impl Progress {
    /// Coverage now.
    pub fn new(catalog: &Catalog, statuses: &Statuses<'_>, report: &[StandardIndex]) -> Self {
        let mut counts = Vec::new();
        let mut index = HashMap::new();
        for &standard in report {
            let mut standard_counts = Counts::default();
            for node in catalog.leaf_nodes(standard) {
                standard_counts.add(statuses.status(node));
            }
            index.insert(standard, counts.len());
            counts.push((catalog.standards[standard].key.clone(), standard_counts));
        }
        Self { counts, index }
    }

    /// Marks an item implemented that had `status`.
    pub fn close(&mut self, node: Node, status: Option<Status>) {
        let Some(&at) = self.index.get(&node.standard) else {
            return;
        };
        let counts = &mut self.counts[at].1;
        match status {
            None => counts.not_assessed -= 1,
            Some(Status::Partial) => counts.partial -= 1,
            Some(Status::Planned) => counts.planned -= 1,
            Some(Status::NotImplemented) => counts.not_implemented -= 1,
            Some(Status::Implemented | Status::NotApplicable) => return,
        }
        counts.implemented += 1;
    }

    /// Each standard's coverage now.
    pub fn figures(&self) -> Vec<Figure> {
        self.counts
            .iter()
            .map(|(key, counts)| Figure {
                standard: key.clone(),
                value: counts.coverage(),
            })
            .collect()
    }
}
