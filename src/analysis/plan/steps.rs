//! The plan's report: the packages as steps in order, with their items,
//! reuse, waits, reasons and figures, dated on the calendar when there is
//! one, and the phases and milestones of the project.

use std::collections::HashMap;

use super::gains::Progress;
use super::packages::{Integrated, Packages};
use super::schedule::{self, CalendarOptions, Days, Placed};
use super::{
    Calendar, Milestone, Open, PLAN_SCHEMA_VERSION, PhaseSummary, PlanError, PlanItem, PlanReport,
    PlanReuse, PlanSource, PlanStandard, PlanStep, PlanWait, Rule, order,
};
use crate::analysis::effort::Effort;
use crate::analysis::{
    GapReport, Options, ReportHeader, Scope, Suggestion, effort_scale, item_ref, round1,
};
use crate::model::{Catalog, Phase};
use crate::status::Assessment;

/// Everything the report is built from.
pub(super) struct Plan<'a> {
    pub catalog: &'a Catalog,
    pub assessment: &'a Assessment,
    pub options: &'a Options,
    pub scope: &'a Scope,
    /// Today's gap report.
    pub full: &'a GapReport,
    /// Its reuse suggestions by (standard, id).
    pub suggestions: &'a HashMap<(&'a str, &'a str), &'a Suggestion>,
    pub open: &'a Open<'a>,
    pub packages: &'a Packages,
    /// The packages in plan order, each with the rule that placed it and
    /// how many others were ready.
    pub order: &'a [(usize, Rule, usize)],
    /// The effort of each item and package, with the plan's own reuse.
    pub integrated: &'a Integrated,
}

impl Plan<'_> {
    /// The report, dated when a calendar is given.
    pub fn report(&self, calendar: Option<CalendarOptions>) -> Result<PlanReport, PlanError> {
        let rank_of = self.ranks();
        let after: Vec<Vec<usize>> = self
            .order
            .iter()
            .map(|&(package, _, _)| {
                let mut ranks: Vec<usize> = self.packages.prerequisites[package]
                    .iter()
                    .map(|&p| rank_of[p])
                    .collect();
                ranks.sort_unstable();
                ranks
            })
            .collect();
        let phases: Vec<Option<Phase>> = self
            .order
            .iter()
            .map(|&(package, _, _)| self.packages.phases[package])
            .collect();
        let dated = match calendar {
            Some(options) => Some(self.calendar(options, &after, &phases)?),
            None => None,
        };
        let steps = self.steps(
            &rank_of,
            &after,
            dated.as_ref().map(|(placed, days, _, _)| (placed, days)),
        );
        let (calendar, milestones) = match dated {
            Some((_, _, calendar, milestones)) => (Some(calendar), milestones),
            None => (None, Vec::new()),
        };
        Ok(PlanReport {
            schema_version: PLAN_SCHEMA_VERSION,
            header: ReportHeader::of(self.assessment),
            target: self
                .options
                .target
                .map(|t| self.catalog.standards[t].key.clone()),
            effort_scale: effort_scale(self.assessment, self.options),
            standards: self.standards(),
            calendar,
            phases: phase_summaries(&steps),
            milestones,
            steps,
        })
    }

    /// Each package's rank, from 1.
    fn ranks(&self) -> Vec<usize> {
        let mut rank_of = vec![0; self.packages.members.len()];
        for (rank, &(package, _, _)) in self.order.iter().enumerate() {
            rank_of[package] = rank + 1;
        }
        rank_of
    }

    /// Where each standard stands now.
    fn standards(&self) -> Vec<PlanStandard> {
        self.full
            .standards
            .iter()
            .map(|s| PlanStandard {
                id: s.id.clone(),
                name: s.name.clone(),
                coverage: s.coverage,
                head_start: s.head_start,
                open: self
                    .open
                    .nodes
                    .iter()
                    .filter(|n| self.catalog.standards[n.standard].key == s.id)
                    .count(),
                certified: self
                    .assessment
                    .certificates
                    .iter()
                    .any(|c| self.catalog.standards[c.standard].key == s.id),
                effort: s.effort,
                effort_in_plan: self.in_plan(&s.id),
            })
            .collect()
    }

    /// The person-days the plan takes for a standard; `None` without estimates.
    fn in_plan(&self, key: &str) -> Option<f64> {
        let mut total = 0.0;
        for (i, node) in self.open.nodes.iter().enumerate() {
            if self.catalog.standards[node.standard].key == key {
                total += self.integrated.items[i]?.days;
            }
        }
        Some(round1(total))
    }

    /// The steps placed on the calendar, and the milestones.
    fn calendar(
        &self,
        options: CalendarOptions,
        after: &[Vec<usize>],
        phases: &[Option<Phase>],
    ) -> Result<(Placed, Days, Calendar, Vec<Milestone>), PlanError> {
        // Ranks are positions in the plan from 1; the calendar counts from 0.
        let positions: Vec<Vec<usize>> = after
            .iter()
            .map(|ranks| ranks.iter().map(|r| r - 1).collect())
            .collect();
        let steps: Vec<schedule::Step<'_>> = self
            .order
            .iter()
            .zip(&positions)
            .zip(phases)
            .map(|((&(package, _, _), after), &phase)| schedule::Step {
                after,
                effort: self.integrated.packages[package].map_or(0.0, |e| e.days),
                phase,
            })
            .collect();
        let placed = schedule::place(&steps, options.people, options.operate_weeks);
        let days = Days::new(options.start);
        let certified: Vec<usize> = self
            .assessment
            .certificates
            .iter()
            .map(|c| c.standard.get())
            .collect();
        let certifying: Vec<String> = self
            .scope
            .report
            .iter()
            .filter(|s| !certified.contains(&s.get()))
            .map(|&s| self.catalog.standards[s].key.clone())
            .collect();
        let certificates = self
            .assessment
            .certificates
            .iter()
            .map(|certificate| {
                let closes = self
                    .order
                    .iter()
                    .enumerate()
                    // Every open item of the certificate, those the new
                    // standard's work closes among them.
                    .filter(|&(_, &(package, _, _))| {
                        self.packages.members[package]
                            .iter()
                            .any(|&i| self.open.nodes[i].standard == certificate.standard)
                    })
                    .map(|(position, _)| placed.slots[position].end)
                    .reduce(f64::max);
                (
                    self.catalog.standards[certificate.standard].key.clone(),
                    certificate.next_audit,
                    closes,
                )
            })
            .collect();
        let project = schedule::Project {
            options,
            placed: &placed,
            phases,
            certifying,
            certificates,
        };
        let (calendar, milestones) = project
            .milestones(&days)
            .ok_or(PlanError::CalendarTooLong)?;
        // Every step's dates must be writable too.
        for slot in &placed.slots {
            days.last(slot.start, slot.end)
                .ok_or(PlanError::CalendarTooLong)?;
        }
        Ok((placed, days, calendar, milestones))
    }

    /// The steps, in order.
    fn steps(
        &self,
        rank_of: &[usize],
        after: &[Vec<usize>],
        dated: Option<(&Placed, &Days)>,
    ) -> Vec<PlanStep> {
        let mut progress = Progress::new(self.catalog, self.open.statuses, &self.scope.report);
        self.order
            .iter()
            .enumerate()
            .map(|(position, &(package, rule, ready_with))| {
                let members = &self.packages.members[package];
                for &i in members {
                    let node = self.open.nodes[i];
                    progress.close(node, self.open.statuses.status(node));
                }
                let items: Vec<PlanItem> = members.iter().map(|&i| self.item(i)).collect();
                let due = self.packages.keys[package].due;
                let slot = dated.map(|(placed, days)| (placed.slots[position], days));
                let end = slot.and_then(|(slot, days)| days.last(slot.start, slot.end));
                let mut owners: Vec<String> = items.iter().filter_map(|i| i.owner.clone()).collect();
                owners.sort();
                owners.dedup();
                let mut standards: Vec<_> = members.iter().map(|&i| self.open.nodes[i].standard).collect();
                standards.sort_unstable();
                standards.dedup();
                PlanStep {
                    rank: position + 1,
                    title: self.packages.titles[package].clone(),
                    kind: self.packages.kinds[package],
                    phase: self.packages.phases[package],
                    standards: standards
                        .iter()
                        .map(|&s| self.catalog.standards[s].key.clone())
                        .collect(),
                    reuse: items.iter().filter_map(|item| self.reuse(item)).collect(),
                    items,
                    effort: self.integrated.packages[package],
                    priority: self.packages.keys[package].priority,
                    after: after[position].clone(),
                    waits: self.waits(package, rank_of),
                    why: order::why(
                        rule,
                        ready_with,
                        &self.packages.keys[package],
                        self.packages.chain_in_steps,
                    ),
                    start: slot.and_then(|(slot, days)| days.day(slot.start)),
                    end,
                    people: slot.map(|(slot, _)| slot.crew),
                    gain: self.packages.gains[package].clone(),
                    total_gain: self.packages.keys[package].gain,
                    coverage_after: progress.figures(),
                    owners,
                    due,
                    overdue: matches!((due, self.options.as_of), (Some(due), Some(today)) if due < today),
                    late: matches!((due, end), (Some(due), Some(end)) if end > due),
                }
            })
            .collect()
    }

    /// One item of a package.
    fn item(&self, i: usize) -> PlanItem {
        let node = self.open.nodes[i];
        let entry = self.open.statuses.get(node).entry;
        let item = self.catalog.item(node);
        PlanItem {
            standard: self.catalog.standards[node.standard].key.clone(),
            id: item.id.clone(),
            title: item.title.clone(),
            status: self.open.statuses.status(node),
            owner: entry.and_then(|e| e.owner.clone()),
            due: entry.and_then(|e| e.due),
            priority: self.open.priority[i],
            effort: self.integrated.items[i].map(|e| {
                let mut effort = Effort::default();
                effort.add(e);
                effort.rounded()
            }),
            own_estimate: self.open.own_estimate[i],
        }
    }

    /// What to reuse for an item, from the gap report's suggestion.
    fn reuse(&self, item: &PlanItem) -> Option<PlanReuse> {
        let suggestion = self
            .suggestions
            .get(&(item.standard.as_str(), item.id.as_str()))?;
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
    }

    /// For each package this one waits for, one item that waits, and why.
    fn waits(&self, package: usize, rank_of: &[usize]) -> Vec<PlanWait> {
        let members = &self.packages.members[package];
        let mut waits: Vec<PlanWait> = self.packages.prerequisites[package]
            .iter()
            .filter_map(|&other| {
                let others = &self.packages.members[other];
                let (item, target) = members.iter().find_map(|&item| {
                    self.open.waits[item]
                        .iter()
                        .find(|target| others.contains(target))
                        .map(|&target| (item, target))
                })?;
                let closes = self.open.closed_by[item].contains(&target);
                let node = self.open.nodes[item];
                let target = self.open.nodes[target];
                Some(PlanWait {
                    rank: rank_of[other],
                    item: item_ref(self.catalog, node),
                    waits_for: item_ref(self.catalog, target),
                    reason: if closes {
                        None
                    } else {
                        order::reason(self.catalog, node, target.item)
                    },
                    closes,
                })
            })
            .collect();
        waits.sort_by_key(|wait| wait.rank);
        waits
    }
}

/// The phases, in project order, each with its steps, effort and span.
fn phase_summaries(steps: &[PlanStep]) -> Vec<PhaseSummary> {
    let mut phases: Vec<PhaseSummary> = Vec::new();
    let order = |phase: Option<Phase>| phase.map_or(0, |p| p as usize + 1);
    for step in steps {
        let at = match phases.iter().position(|p| p.phase == step.phase) {
            Some(at) => at,
            None => {
                phases.push(PhaseSummary {
                    phase: step.phase,
                    steps: Vec::new(),
                    effort_days: 0.0,
                    start: None,
                    end: None,
                });
                phases.len() - 1
            }
        };
        let phase = &mut phases[at];
        phase.steps.push(step.rank);
        phase.effort_days += step.effort.map_or(0.0, |e| e.days);
        phase.start = match (phase.start, step.start) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        phase.end = phase.end.max(step.end);
    }
    for phase in &mut phases {
        phase.effort_days = round1(phase.effort_days);
    }
    phases.sort_by_key(|p| order(p.phase));
    phases
}
