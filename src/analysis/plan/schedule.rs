//! The calendar: the steps, in plan order, on working days (Monday to
//! Friday) for the people the organisation has, and the milestones of the
//! certification project.
//!
//! - A step starts when every step it waits for has ended and someone is
//!   free. Steps are placed in plan order, each as early as that allows.
//! - A step of more than [`SHARE_DAYS`] person-days may be shared: one
//!   person per [`SHARE_DAYS`] of its work at most, as many as finish it
//!   soonest.
//! - The audit and review phases wait for the operating period: once every
//!   other step has ended, the system runs for `operate_weeks` and builds up
//!   the records the internal audit samples.
//! - Stage 1 follows the last step (the first internal audit and management
//!   review among them) and the operating period; Stage 2 follows Stage 1
//!   after `stage_gap_weeks`.

use super::{Calendar, Caution, Milestone, MilestoneKind};
use crate::date::Date;
use crate::model::Phase;

/// Person-days of a step's work that one person takes on when a step is
/// shared: below twice this, a step is one person's.
pub const SHARE_DAYS: f64 = 5.0;

/// Working days in a week.
const WEEK: f64 = 5.0;

/// What the calendar is built from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CalendarOptions {
    /// The first working day (moved to the next Monday if it is a weekend day).
    pub start: Date,
    /// People working in parallel, in full-time equivalents: each whole one
    /// a person full time, a fraction one more person part time.
    pub people: f64,
    /// Weeks the system runs before the first internal audit.
    pub operate_weeks: u32,
    /// Weeks between Stage 1 and Stage 2.
    pub stage_gap_weeks: u32,
}

/// Where one step sits, in working days from the start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Slot {
    /// When it starts.
    pub start: f64,
    /// When it ends.
    pub end: f64,
    /// How many people share it (0 for a step with nothing left to do).
    pub crew: u32,
}

/// One step to place, in plan order.
pub(super) struct Step<'a> {
    /// The packages it waits for, by position in the plan.
    pub after: &'a [usize],
    /// Person-days of work.
    pub effort: f64,
    /// Its phase; `None` for a live certificate's work.
    pub phase: Option<Phase>,
}

/// The slots of the steps, and when the operating period starts and ends.
pub(super) struct Placed {
    /// By position in the plan.
    pub slots: Vec<Slot>,
    /// When every step before the audit and review phases has ended.
    pub operating: f64,
    /// When the operating period ends.
    pub operated: f64,
}

/// Whether a step waits for the operating period.
fn after_operation(phase: Option<Phase>) -> bool {
    matches!(phase, Some(Phase::Audit | Phase::Review))
}

/// The people of a team of `people` full-time equivalents, each with the
/// share of a working day they give: whole people full time, the rest one
/// person part time.
fn team(people: f64) -> Vec<f64> {
    let whole = people.floor().max(0.0) as usize;
    let mut speeds = vec![1.0; whole];
    let rest = people - whole as f64;
    if rest > 1e-9 || speeds.is_empty() {
        speeds.push(if speeds.is_empty() {
            people.max(0.1)
        } else {
            rest
        });
    }
    speeds
}

/// Places the steps, in plan order.
pub(super) fn place(steps: &[Step<'_>], people: f64, operate_weeks: u32) -> Placed {
    // When each person is next free, and the share of a day they give.
    let mut free: Vec<(f64, f64)> = team(people).into_iter().map(|speed| (0.0, speed)).collect();
    let mut slots: Vec<Slot> = Vec::with_capacity(steps.len());
    let operate = f64::from(operate_weeks) * WEEK;
    let mut period: Option<(f64, f64)> = None;
    for step in steps {
        let mut ready = step
            .after
            .iter()
            .map(|&before| slots[before].end)
            .fold(0.0, f64::max);
        if after_operation(step.phase) {
            let (_, operated) = *period.get_or_insert_with(|| {
                let operating = go_live(&slots);
                (operating, operating + operate)
            });
            ready = ready.max(operated);
        }
        if step.effort <= 0.0 {
            slots.push(Slot {
                start: ready,
                end: ready,
                crew: 0,
            });
            continue;
        }
        // Soonest free first; of two free together, the one giving more time.
        free.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
        let most = ((step.effort / SHARE_DAYS).floor() as usize).clamp(1, free.len());
        let (crew, start, end) = (1..=most)
            .map(|crew| {
                let start = ready.max(free[crew - 1].0);
                let speed: f64 = free[..crew].iter().map(|(_, speed)| speed).sum();
                (crew, start, start + step.effort / speed)
            })
            .min_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)))
            .unwrap_or((1, ready, ready + step.effort));
        for slot in free.iter_mut().take(crew) {
            slot.0 = end;
        }
        slots.push(Slot {
            start,
            end,
            crew: crew as u32,
        });
    }
    let (operating, operated) = period.unwrap_or_else(|| {
        let operating = go_live(&slots);
        (operating, operating + operate)
    });
    Placed {
        slots,
        operating,
        operated,
    }
}

/// The system goes into operation at the start of the working day after the
/// last step before the operating period ends, so that the period is whole
/// working days.
fn go_live(slots: &[Slot]) -> f64 {
    let end = slots.iter().map(|slot| slot.end).fold(0.0, f64::max);
    (end - EPSILON).ceil().max(0.0)
}

/// Turns working-day offsets into dates from a start date.
pub(super) struct Days {
    /// The first working day.
    first: Date,
}

/// The smallest part of a day that counts: offsets are rounded to it, so
/// that sums of fractions do not move a step to the next day.
const EPSILON: f64 = 1e-6;

impl Days {
    /// The calendar from `start`, moved to a working day.
    pub fn new(start: Date) -> Self {
        Self {
            first: start.working(),
        }
    }

    /// The first working day.
    pub fn first(&self) -> Date {
        self.first
    }

    /// The working day an offset falls in.
    pub fn day(&self, offset: f64) -> Option<Date> {
        let index = (offset + EPSILON).floor().max(0.0);
        self.first.plus_working_days(index as u64)
    }

    /// The last working day of a span ending at `end` that started at `start`.
    pub fn last(&self, start: f64, end: f64) -> Option<Date> {
        if end - start <= EPSILON {
            return self.day(start);
        }
        let index = ((end - EPSILON).ceil() - 1.0).max(0.0);
        self.first.plus_working_days(index as u64)
    }
}

/// Weeks before Stage 1 by which a certification body is commonly booked:
/// bodies plan their auditors' time about two months ahead.
pub const BOOKING_WEEKS: u32 = 8;

/// Fewest weeks of operation before the internal audit that certification
/// bodies commonly accept as enough records to sample (a month of
/// monitoring, changes and incidents); fewer is flagged, not refused.
pub const MIN_OPERATE_WEEKS: u32 = 4;

/// Most weeks between Stage 1 and Stage 2 before bodies commonly ask for
/// Stage 1 again (about six months); more is flagged, not refused.
pub const MAX_STAGE_GAP_WEEKS: u32 = 26;

/// What the milestones are computed from.
pub(super) struct Project<'a> {
    /// The calendar.
    pub options: CalendarOptions,
    /// Where the steps were placed.
    pub placed: &'a Placed,
    /// Each step's phase, in plan order.
    pub phases: &'a [Option<Phase>],
    /// The standards the certification audits are for: those planned for
    /// that the organisation is not yet certified to.
    pub certifying: Vec<String>,
    /// Each certificate held: its standard, its next audit, and the last
    /// offset at which the plan closes one of its open items.
    pub certificates: Vec<(String, Option<Date>, Option<f64>)>,
}

impl Project<'_> {
    /// The calendar summary and the milestones, in date order; `None` when a
    /// date falls past the year 9999.
    pub fn milestones(&self, days: &Days) -> Option<(Calendar, Vec<Milestone>)> {
        let placed = self.placed;
        let last = |phase: Phase| -> Option<usize> {
            (0..self.phases.len())
                .filter(|&i| self.phases[i] == Some(phase))
                .max_by(|&a, &b| placed.slots[a].end.total_cmp(&placed.slots[b].end))
        };
        let mut milestones = Vec::new();
        for (standard, next, closes) in &self.certificates {
            if let Some(date) = next {
                milestones.push(Milestone {
                    kind: MilestoneKind::SurveillanceAudit,
                    date: *date,
                    standards: vec![standard.clone()],
                    after_step: None,
                    closes_by: match closes {
                        Some(end) => Some(days.last(0.0, *end)?),
                        None => None,
                    },
                    weeks: None,
                });
            }
        }
        let ending = |index: Option<usize>| index.map(|i| i + 1);
        let operating_step = (0..placed.slots.len())
            .filter(|&i| !after_operation(self.phases[i]))
            .max_by(|&a, &b| placed.slots[a].end.total_cmp(&placed.slots[b].end));
        let certifying = &self.certifying;
        let mut push = |kind, date, after_step, weeks| {
            milestones.push(Milestone {
                kind,
                date,
                standards: certifying.clone(),
                after_step,
                closes_by: None,
                weeks,
            });
        };
        push(
            MilestoneKind::SystemInOperation,
            days.day(placed.operating)?,
            ending(operating_step),
            None,
        );
        if self.options.operate_weeks > 0 {
            push(
                MilestoneKind::OperatingPeriodComplete,
                days.last(placed.operating, placed.operated)?,
                None,
                Some(self.options.operate_weeks),
            );
        }
        if let Some(planned) = last(Phase::Plan) {
            let slot = placed.slots[planned];
            push(
                MilestoneKind::PlanningDone,
                days.last(slot.start, slot.end)?,
                Some(planned + 1),
                None,
            );
        }
        if let Some(audit) = last(Phase::Audit) {
            let slot = placed.slots[audit];
            push(
                MilestoneKind::InternalAuditDone,
                days.last(slot.start, slot.end)?,
                Some(audit + 1),
                None,
            );
        }
        if let Some(review) = last(Phase::Review) {
            let slot = placed.slots[review];
            push(
                MilestoneKind::ManagementReviewDone,
                days.last(slot.start, slot.end)?,
                Some(review + 1),
                None,
            );
        }
        let finished = placed
            .slots
            .iter()
            .map(|slot| slot.end)
            .fold(placed.operated, f64::max);
        let stage1 = days.day(finished.ceil())?;
        let stage2 = days.day(finished.ceil() + f64::from(self.options.stage_gap_weeks) * WEEK)?;
        let mut cautions = Vec::new();
        if !self.certifying.is_empty() {
            let ahead = stage1.plus_days(-7 * i64::from(BOOKING_WEEKS))?;
            let book = if ahead < days.first() {
                cautions.push(Caution::LateBooking {
                    weeks: ((stage1.days() - days.first().days()) / 7) as u32,
                });
                days.first()
            } else {
                ahead.working()
            };
            push(
                MilestoneKind::BookCertificationBody,
                book,
                None,
                Some(BOOKING_WEEKS),
            );
            push(MilestoneKind::Stage1, stage1, None, None);
            push(
                MilestoneKind::Stage2,
                stage2,
                None,
                Some(self.options.stage_gap_weeks),
            );
        }
        milestones.sort_by_key(|milestone| milestone.date);
        let operate = self.options.operate_weeks;
        if operate < MIN_OPERATE_WEEKS {
            cautions.push(Caution::ShortOperation { weeks: operate });
        }
        if !self.certifying.is_empty() {
            match self.options.stage_gap_weeks {
                0 => cautions.push(Caution::NoStageGap),
                weeks if weeks > MAX_STAGE_GAP_WEEKS => {
                    cautions.push(Caution::LongStageGap { weeks });
                }
                _ => {}
            }
        }
        cautions.sort_by_key(|caution| match caution {
            Caution::ShortOperation { .. } => 0,
            Caution::NoStageGap | Caution::LongStageGap { .. } => 1,
            Caution::LateBooking { .. } => 2,
        });
        let end = match placed.slots.iter().map(|slot| slot.end).reduce(f64::max) {
            Some(end) => days.last(0.0, end)?,
            None => days.first(),
        };
        Some((
            Calendar {
                start: days.first(),
                people: self.options.people,
                operate_weeks: self.options.operate_weeks,
                stage_gap_weeks: self.options.stage_gap_weeks,
                end,
                cautions,
            },
            milestones,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(after: &[usize], effort: f64, phase: Phase) -> Step<'_> {
        Step {
            after,
            effort,
            phase: Some(phase),
        }
    }

    #[test]
    fn a_step_waits_for_what_it_needs_and_for_someone_free() {
        let steps = [
            step(&[], 3.0, Phase::Establish),
            step(&[], 2.0, Phase::Establish),
            step(&[0], 1.0, Phase::Plan),
        ];
        let one = place(&steps, 1.0, 0);
        let starts: Vec<f64> = one.slots.iter().map(|s| s.start).collect();
        assert_eq!(
            starts,
            [0.0, 3.0, 5.0],
            "one person works the steps one after another"
        );
        let two = place(&steps, 2.0, 0);
        let starts: Vec<f64> = two.slots.iter().map(|s| s.start).collect();
        assert_eq!(
            starts,
            [0.0, 0.0, 3.0],
            "the third step waits for the first, not for the second"
        );
    }

    #[test]
    fn a_large_step_is_shared_and_a_small_one_is_not() {
        let steps = [
            step(&[], 20.0, Phase::Implement),
            step(&[], 4.0, Phase::Implement),
        ];
        let placed = place(&steps, 4.0, 0);
        assert_eq!(placed.slots[0].crew, 4);
        assert_eq!(placed.slots[0].end, 5.0);
        assert_eq!(placed.slots[1].crew, 1);
        assert_eq!(
            placed.slots[1].start, 5.0,
            "everyone is on the shared step until it ends"
        );
    }

    #[test]
    fn the_audit_waits_for_the_operating_period() {
        let steps = [
            step(&[], 10.0, Phase::Implement),
            step(&[], 2.0, Phase::Audit),
            step(&[1], 1.0, Phase::Review),
        ];
        let placed = place(&steps, 1.0, 4);
        assert_eq!(placed.operating, 10.0);
        assert_eq!(placed.operated, 30.0);
        assert_eq!(
            placed.slots[1].start, 30.0,
            "four weeks of records before the audit"
        );
        assert_eq!(placed.slots[2].start, 32.0);
    }

    #[test]
    fn a_part_time_person_works_at_their_share() {
        let steps = [
            step(&[], 3.0, Phase::Establish),
            step(&[], 3.0, Phase::Establish),
        ];
        let placed = place(&steps, 1.5, 0);
        assert_eq!(
            placed.slots[0].end, 3.0,
            "the full-time person takes the first"
        );
        assert_eq!(
            placed.slots[1].end, 6.0,
            "the half-time person takes twice as long"
        );
        assert_eq!(team(0.5), [0.5]);
        assert_eq!(team(2.0), [1.0, 1.0]);
    }

    #[test]
    fn working_days_skip_weekends() {
        // 2027-01-04 is a Monday.
        let days = Days::new(Date::parse("2027-01-02").unwrap());
        assert_eq!(days.first(), Date::parse("2027-01-04").unwrap());
        assert_eq!(days.day(4.5).unwrap(), Date::parse("2027-01-08").unwrap());
        assert_eq!(days.day(5.0).unwrap(), Date::parse("2027-01-11").unwrap());
        assert_eq!(
            days.last(0.0, 5.0).unwrap(),
            Date::parse("2027-01-08").unwrap()
        );
        assert_eq!(
            days.last(2.0, 2.0).unwrap(),
            Date::parse("2027-01-06").unwrap()
        );
        assert_eq!(
            days.last(0.0, 0.5).unwrap(),
            Date::parse("2027-01-04").unwrap()
        );
    }
}
