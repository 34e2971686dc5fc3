//! Putting the packages in order, and saying why each sits where it does.

use super::PlanWait;
use crate::date::Date;
use crate::model::{Catalog, ItemIndex, Node};

/// The packages in plan order: prerequisites first; among those ready, the
/// one most other work waits for, then the largest gain, then the earliest
/// due date, then the first in catalogue order.
pub(super) fn order(
    prerequisites: &[Vec<usize>],
    unlocks: &[usize],
    gain: &[f64],
    due: &[Option<Date>],
) -> Vec<usize> {
    let count = prerequisites.len();
    let mut done = vec![false; count];
    let mut order = Vec::with_capacity(count);
    while order.len() < count {
        let ready = (0..count).filter(|&p| !done[p] && prerequisites[p].iter().all(|&q| done[q]));
        let best = ready.min_by(|&a, &b| {
            unlocks[b]
                .cmp(&unlocks[a])
                .then_with(|| gain[b].total_cmp(&gain[a]))
                .then_with(|| match (due[a], due[b]) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then(a.cmp(&b))
        });
        // The item graph has no cycle and packages never wait for
        // themselves, so something is always ready.
        let Some(best) = best else { break };
        done[best] = true;
        order.push(best);
    }
    order
}

/// For each package, how many packages wait for it, directly or through
/// others.
pub(super) fn unlocks(prerequisites: &[Vec<usize>]) -> Vec<usize> {
    let count = prerequisites.len();
    let mut dependants: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (package, before) in prerequisites.iter().enumerate() {
        for &other in before {
            dependants[other].push(package);
        }
    }
    let mut seen = vec![usize::MAX; count];
    (0..count)
        .map(|package| {
            // `seen[p] == package` marks p reached in this walk; no reset needed.
            let mut reached = 0;
            let mut stack = vec![package];
            while let Some(current) = stack.pop() {
                for &next in &dependants[current] {
                    if seen[next] != package {
                        seen[next] = package;
                        reached += 1;
                        stack.push(next);
                    }
                }
            }
            reached
        })
        .collect()
}

/// The packages that were ready at the same point as the one at `position`
/// (its competitors when it was chosen), by index.
pub(super) fn ready_at(
    position: usize,
    order: &[usize],
    prerequisites: &[Vec<usize>],
) -> Vec<usize> {
    let mut done = vec![false; prerequisites.len()];
    for &package in &order[..position] {
        done[package] = true;
    }
    order[position..]
        .iter()
        .copied()
        .filter(|&p| prerequisites[p].iter().all(|&q| done[q]))
        .collect()
}

/// One item of `members` that waits for one of `other`, with the reason.
pub(super) fn wait(
    catalog: &Catalog,
    open: &[Node],
    waits: &[Vec<usize>],
    members: &[usize],
    other: &[usize],
    rank: usize,
) -> Option<PlanWait> {
    let (item, target) = members.iter().find_map(|&item| {
        waits[item]
            .iter()
            .find(|target| other.contains(target))
            .map(|&target| (item, target))
    })?;
    let node = open[item];
    let standard = &catalog.standards[node.standard];
    Some(PlanWait {
        rank,
        item: format!("{} {}", standard.key, standard.items[node.item].id),
        waits_for: format!("{} {}", standard.key, catalog.item(open[target]).id),
        reason: reason(catalog, node, open[target].item).unwrap_or_default(),
    })
}

/// The catalogue's reason for `node` waiting for `target`: given on the item
/// or on the heading above it that names the wait.
pub(super) fn reason(catalog: &Catalog, node: Node, target: ItemIndex) -> Option<String> {
    let standard = &catalog.standards[node.standard];
    let mut current = Some(node.item);
    while let Some(item) = current {
        let at = &standard.items[item];
        if at
            .after
            .iter()
            .any(|&named| standard.leaves_under(named).contains(&target))
        {
            return at.after_reason.clone();
        }
        current = at.parent;
    }
    None
}

/// What decided a package's place against the others ready with it.
pub(super) struct Standing<'a> {
    /// Ranks it waits for, and why the first does.
    pub(super) after: &'a [usize],
    pub(super) waits: &'a [PlanWait],
    /// The package and the others ready at the same point, itself first.
    pub(super) ready_with: &'a [usize],
    pub(super) unlocks: &'a [usize],
    pub(super) gains: &'a [f64],
    pub(super) dues: &'a [Option<Date>],
}

impl Standing<'_> {
    /// Why the package sits where it does, in words.
    pub(super) fn why(&self) -> String {
        let mut parts = Vec::new();
        if let Some(first) = self.waits.first() {
            let ranks: Vec<String> = self.after.iter().map(|r| format!("#{r}")).collect();
            let ranks = if ranks.len() > 6 {
                format!("{} packages", ranks.len())
            } else {
                ranks.join(", ")
            };
            parts.push(format!(
                "after {}: {} waits for {} ({})",
                ranks,
                first.item,
                first.waits_for,
                first.reason.trim_end_matches('.')
            ));
        }
        let Some((&me, others)) = self.ready_with.split_first() else {
            return parts.join("; ");
        };
        let gain = self.gains[me];
        let unlocks = self.unlocks[me];
        let waiting = match unlocks {
            0 => String::new(),
            1 => "1 later package waits for it".to_owned(),
            n => format!("{n} later packages wait for it"),
        };
        let points = format!("adds {gain:.1} head-start points");
        let most_unlocked = others.iter().map(|&p| self.unlocks[p]).max();
        let same_unlocks: Vec<usize> = others
            .iter()
            .copied()
            .filter(|&p| self.unlocks[p] == unlocks)
            .collect();
        let value = if others.is_empty() {
            let mut text = "the only work ready at this point".to_owned();
            if !waiting.is_empty() {
                text.push_str(&format!("; {waiting}"));
            }
            format!("{text}; {points}")
        } else if most_unlocked.is_some_and(|most| unlocks > most) {
            format!("{waiting}, more than for any other work ready then; {points}")
        } else if same_unlocks.iter().all(|&p| self.gains[p] < gain) {
            let lead = if waiting.is_empty() {
                String::new()
            } else {
                format!("{waiting}; ")
            };
            format!(
                "{lead}{points}, the most of the {} packages ready at this point that unlock as much",
                same_unlocks.len() + 1
            )
        } else {
            match self.dues[me] {
                Some(date) if same_unlocks.iter().any(|&p| self.dues[p] != Some(date)) => {
                    format!(
                        "{points}, as much as other work ready then, and is due sooner ({date})"
                    )
                }
                _ => {
                    format!("{points}, as much as other work ready then; first in catalogue order")
                }
            }
        };
        parts.push(value);
        parts.join("; ")
    }
}
