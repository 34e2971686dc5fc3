//! Putting the packages in order, and saying why each sits where it does.
//!
//! The order is a topological order of the packages: a package comes after
//! every package it waits for. Among the packages ready at a point, the
//! rules of [`Rule`] decide, in this order:
//! 1. the open items of a live certificate, soonest due first;
//! 2. the earlier phase (establish, plan, implement, audit, review);
//! 3. the higher risk priority the status file gives;
//! 4. the longer chain of later work waiting for it (the foundations);
//! 5. the larger head-start gain;
//! 6. the earlier due date;
//! 7. catalogue order.
//!
//! The keys do not change as packages are done, so one heap orders all
//! packages in `O(n log n)`.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::{Rule, Why};
use crate::date::Date;
use crate::model::{Catalog, ItemIndex, Node, Phase};
use crate::status::Priority;

/// What orders one package against the others ready with it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Keys {
    /// Whether it closes open items of a live certificate.
    pub live: bool,
    /// Its phase.
    pub phase: Phase,
    /// The most urgent priority of its items.
    pub priority: Option<Priority>,
    /// The longest chain of work that waits for it, its own included.
    pub chain: f64,
    /// Head-start points it adds.
    pub gain: f64,
    /// Its earliest due date.
    pub due: Option<Date>,
    /// Its first item's place in the catalogue.
    pub first: usize,
}

/// Dates first, a missing date last.
fn sooner(a: Option<Date>, b: Option<Date>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Keys {
    /// Each rule's comparison of `self` with `other`, in the order the
    /// rules apply; `Less` means `self` goes first.
    fn rules(&self, other: &Keys) -> [(Rule, Ordering); 7] {
        let live_due = if self.live && other.live {
            sooner(self.due, other.due)
        } else {
            Ordering::Equal
        };
        [
            (Rule::LiveCertificate, other.live.cmp(&self.live)),
            (Rule::LiveCertificateDue, live_due),
            (Rule::EarlierPhase, self.phase.cmp(&other.phase)),
            (
                Rule::Priority,
                self.priority
                    .unwrap_or(Priority::Low)
                    .cmp(&other.priority.unwrap_or(Priority::Low))
                    .then(other.priority.is_some().cmp(&self.priority.is_some())),
            ),
            (Rule::LongestChain, other.chain.total_cmp(&self.chain)),
            (Rule::Gain, other.gain.total_cmp(&self.gain)),
            (Rule::Due, sooner(self.due, other.due)),
        ]
    }

    /// The order of two packages ready together, and the rule that decides it.
    fn compare(&self, other: &Keys) -> (Ordering, Rule) {
        self.rules(other)
            .into_iter()
            .find(|(_, ordering)| ordering.is_ne())
            .map(|(rule, ordering)| (ordering, rule))
            .unwrap_or((self.first.cmp(&other.first), Rule::CatalogueOrder))
    }
}

/// A package in the heap: the best first.
struct Ready<'a> {
    package: usize,
    keys: &'a Keys,
}

impl PartialEq for Ready<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ready<'_> {}

impl PartialOrd for Ready<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ready<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        // A max-heap: the package that goes first is the greatest.
        other.keys.compare(self.keys).0
    }
}

/// The packages in plan order, each with the rule that put it before the
/// next best package ready with it, and how many were ready.
pub(super) fn order(prerequisites: &[Vec<usize>], keys: &[Keys]) -> Vec<(usize, Rule, usize)> {
    let count = prerequisites.len();
    let mut waiting: Vec<usize> = prerequisites.iter().map(Vec::len).collect();
    let mut dependants: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (package, before) in prerequisites.iter().enumerate() {
        for &other in before {
            dependants[other].push(package);
        }
    }
    let mut heap: BinaryHeap<Ready<'_>> = (0..count)
        .filter(|&p| waiting[p] == 0)
        .map(|package| Ready {
            package,
            keys: &keys[package],
        })
        .collect();
    let mut order = Vec::with_capacity(count);
    while let Some(best) = heap.pop() {
        let ready_with = heap.len();
        let rule = match heap.peek() {
            Some(next) => best.keys.compare(next.keys).1,
            None => Rule::OnlyReady,
        };
        order.push((best.package, rule, ready_with));
        for &next in &dependants[best.package] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                heap.push(Ready {
                    package: next,
                    keys: &keys[next],
                });
            }
        }
    }
    order
}

/// For each package, the length of the longest chain of packages that
/// wait for it, directly or through others, counting `size` of each, its
/// own included: the critical path behind it.
pub(super) fn chains(prerequisites: &[Vec<usize>], size: &[f64]) -> Vec<f64> {
    let count = prerequisites.len();
    let mut dependants: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut left: Vec<usize> = vec![0; count];
    for (package, before) in prerequisites.iter().enumerate() {
        for &other in before {
            dependants[other].push(package);
            left[other] += 1;
        }
    }
    // Packages nothing waits for first, then back through what they wait for.
    let mut chain: Vec<f64> = size.to_vec();
    let mut stack: Vec<usize> = (0..count).filter(|&p| left[p] == 0).collect();
    while let Some(package) = stack.pop() {
        for &before in &prerequisites[package] {
            chain[before] = chain[before].max(size[before] + chain[package]);
            left[before] -= 1;
            if left[before] == 0 {
                stack.push(before);
            }
        }
    }
    chain
}

/// The typed reason for a package's place.
pub(super) fn why(rule: Rule, ready_with: usize, keys: &Keys, chain_in_steps: bool) -> Why {
    Why {
        rule,
        ready_with,
        chain: crate::analysis::round1(keys.chain),
        chain_in_steps,
        gain: keys.gain,
    }
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

/// The most urgent of some priorities.
pub(super) fn most_urgent(priorities: impl Iterator<Item = Option<Priority>>) -> Option<Priority> {
    priorities.flatten().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(first: usize) -> Keys {
        Keys {
            live: false,
            phase: Phase::Implement,
            priority: None,
            chain: 1.0,
            gain: 1.0,
            due: None,
            first,
        }
    }

    /// The plan order of two packages ready together, and the rule.
    fn decide(a: Keys, b: Keys) -> (Vec<usize>, Rule) {
        let order = order(&[vec![], vec![]], &[a, b]);
        (order.iter().map(|o| o.0).collect(), order[0].1)
    }

    #[test]
    fn each_rule_decides_when_the_rules_before_it_tie() {
        let date = |text| Date::parse(text);
        let cases: Vec<(Keys, Rule)> = vec![
            (
                Keys {
                    live: true,
                    ..keys(1)
                },
                Rule::LiveCertificate,
            ),
            (
                Keys {
                    phase: Phase::Plan,
                    ..keys(1)
                },
                Rule::EarlierPhase,
            ),
            (
                Keys {
                    priority: Some(Priority::Low),
                    ..keys(1)
                },
                Rule::Priority,
            ),
            (
                Keys {
                    chain: 2.0,
                    ..keys(1)
                },
                Rule::LongestChain,
            ),
            (
                Keys {
                    gain: 2.0,
                    ..keys(1)
                },
                Rule::Gain,
            ),
            (
                Keys {
                    due: date("2027-01-01"),
                    ..keys(1)
                },
                Rule::Due,
            ),
        ];
        for (better, rule) in cases {
            // The better package is second in the catalogue, so only its
            // rule can put it first.
            assert_eq!(decide(keys(0), better), (vec![1, 0], rule), "{rule:?}");
        }
        assert_eq!(decide(keys(0), keys(1)), (vec![0, 1], Rule::CatalogueOrder));
    }

    #[test]
    fn the_rules_apply_in_their_order() {
        // A high priority does not beat an earlier phase, nor a longer chain a priority.
        let establish = Keys {
            phase: Phase::Establish,
            ..keys(1)
        };
        let urgent = Keys {
            priority: Some(Priority::High),
            ..keys(0)
        };
        assert_eq!(decide(urgent, establish).0, vec![1, 0]);
        let long = Keys {
            chain: 50.0,
            ..keys(0)
        };
        let urgent = Keys {
            priority: Some(Priority::Medium),
            ..keys(1)
        };
        assert_eq!(decide(long, urgent).0, vec![1, 0]);
        // Live work comes first even from a later phase, the sooner due first.
        let live_late = Keys {
            live: true,
            due: Date::parse("2027-06-01"),
            ..keys(0)
        };
        let live_soon = Keys {
            live: true,
            due: Date::parse("2027-02-01"),
            ..keys(1)
        };
        assert_eq!(
            decide(live_late, live_soon),
            (vec![1, 0], Rule::LiveCertificateDue)
        );
    }

    #[test]
    fn nothing_comes_before_what_it_waits_for() {
        // Package 0 would win every rule, but it waits for 1.
        let best = Keys {
            live: true,
            phase: Phase::Establish,
            ..keys(0)
        };
        let order = order(&[vec![1], vec![]], &[best, keys(1)]);
        assert_eq!(order.iter().map(|o| o.0).collect::<Vec<_>>(), [1, 0]);
        assert_eq!(order[0].1, Rule::OnlyReady);
    }

    #[test]
    fn the_chain_counts_the_longest_path_of_work_behind_a_package() {
        // 0 <- 1 <- 3 and 0 <- 2: the chain behind 0 is 0, 1 and 3.
        let prerequisites = vec![vec![], vec![0], vec![0], vec![1]];
        let chains = chains(&prerequisites, &[1.0, 2.0, 5.0, 4.0]);
        assert_eq!(chains, [7.0, 6.0, 5.0, 4.0]);
    }
}
