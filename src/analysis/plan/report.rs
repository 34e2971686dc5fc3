//! What `ims plan` reports: the packages in order, with what each closes,
//! reuses, waits for, costs and adds, the calendar they are scheduled on,
//! and the milestones of the certification project. Reasons are data: the
//! render layer words them.

use serde::Serialize;

use crate::analysis::effort::Effort;
use crate::analysis::{ItemRef, ReportHeader};
use crate::date::Date;
use crate::model::Phase;
use crate::status::{Priority, Status};

/// Version of the plan's JSON layout. 3: effort, phases, calendar and
/// milestones; typed reasons (`why`, `waits[].item` as `{standard, id}`).
pub const PLAN_SCHEMA_VERSION: u32 = 3;

/// The plan for one status file.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    /// Version of the JSON layout.
    pub schema_version: u32,
    /// The status file and who and what it assessed.
    #[serde(flatten)]
    pub header: ReportHeader,
    /// The standard the plan works towards, when `--target` is given.
    pub target: Option<String>,
    /// The factor applied to the catalogues' effort estimates.
    pub effort_scale: f64,
    /// Each standard planned for, where it stands now and what is left.
    pub standards: Vec<PlanStandard>,
    /// The calendar the steps are scheduled on; null without a start date.
    pub calendar: Option<Calendar>,
    /// The project's phases, in order, with the steps and effort of each.
    pub phases: Vec<PhaseSummary>,
    /// The milestones of the certification project, in date order; empty
    /// without a calendar.
    pub milestones: Vec<Milestone>,
    /// The work packages, in order.
    pub steps: Vec<PlanStep>,
}

/// Where one standard stands before the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanStandard {
    /// The standard's key.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Coverage now, percent; null when nothing is applicable.
    pub coverage: Option<f64>,
    /// Head start now, percent: coverage with every reuse taken at its weight.
    pub head_start: Option<f64>,
    /// Items not in place (missing, partial or not assessed).
    pub open: usize,
    /// Whether the organisation holds a certificate for it.
    pub certified: bool,
    /// Person-days left, after reuse of what is in place and without it,
    /// as the gap report gives them; null when the catalogue gives no
    /// estimates.
    pub effort: Option<Effort>,
    /// Person-days this plan takes for it: less than `effort` where work
    /// the plan does for another standard is reused.
    pub effort_in_plan: Option<f64>,
}

/// The calendar: when the project starts and who works on it.
#[derive(Debug, Clone, Serialize)]
pub struct Calendar {
    /// The first working day.
    pub start: Date,
    /// People working in parallel, in full-time equivalents.
    pub people: f64,
    /// Weeks the system runs before the first internal audit.
    pub operate_weeks: u32,
    /// Weeks between Stage 1 and Stage 2.
    pub stage_gap_weeks: u32,
    /// The last working day of the last step.
    pub end: Date,
    /// Settings or dates a certification body is likely to question.
    pub cautions: Vec<Caution>,
}

/// Something in the calendar a certification body is likely to question,
/// worded by the render layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Caution {
    /// Fewer weeks of operation than bodies commonly ask for before the
    /// internal audit (4).
    ShortOperation {
        /// The weeks given.
        weeks: u32,
    },
    /// Stage 2 on the day after Stage 1: nothing Stage 1 finds can be
    /// closed in between.
    NoStageGap,
    /// More weeks between the stages than bodies commonly allow (26)
    /// before Stage 1 has to be repeated.
    LongStageGap {
        /// The weeks given.
        weeks: u32,
    },
    /// Stage 1 is sooner after the start than bodies commonly book ahead.
    LateBooking {
        /// Weeks from the start to Stage 1.
        weeks: u32,
    },
}

/// One phase of the project.
#[derive(Debug, Clone, Serialize)]
pub struct PhaseSummary {
    /// The phase; `null` for the open items of a live certificate, which are
    /// closed first, outside the project's phases.
    pub phase: Option<Phase>,
    /// Ranks of its steps.
    pub steps: Vec<usize>,
    /// Person-days it takes.
    pub effort_days: f64,
    /// When its first step starts; null without a calendar.
    pub start: Option<Date>,
    /// When its last step ends; null without a calendar.
    pub end: Option<Date>,
}

/// What a milestone marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneKind {
    /// The next audit of a certificate the organisation holds.
    SurveillanceAudit,
    /// The last step of the plan phase is done: risks are assessed and their
    /// treatment decided, so the controls to put in place are known.
    PlanningDone,
    /// The last day to book the certification body for Stage 1, some weeks
    /// ahead as bodies commonly need.
    BookCertificationBody,
    /// Every clause and applicable control in place: records start to build up.
    SystemInOperation,
    /// The system has run for the operating period.
    OperatingPeriodComplete,
    /// The first internal audit is done.
    InternalAuditDone,
    /// The first management review is done.
    ManagementReviewDone,
    /// Ready for the Stage 1 audit.
    Stage1,
    /// Ready for the Stage 2 audit.
    Stage2,
}

/// A milestone of the certification project. Its name and reason are
/// worded by the render layer from these facts.
#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    /// What it marks.
    pub kind: MilestoneKind,
    /// Its date.
    pub date: Date,
    /// The standards it concerns.
    pub standards: Vec<String>,
    /// The rank of the step whose end sets it, if one does.
    pub after_step: Option<usize>,
    /// For a surveillance audit: the last day the plan closes an open item
    /// of that certificate, if it has any.
    pub closes_by: Option<Date>,
    /// For the operating period: its length in weeks; for Stage 2: the
    /// weeks after Stage 1; for booking the body: the weeks before Stage 1.
    pub weeks: Option<u32>,
}

/// What sort of work a package is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackageKind {
    /// A management-system element run once for every standard.
    Shared,
    /// Work that serves several standards at once.
    Joint,
    /// Work for one standard that reuse from another cuts by half or more.
    Extend,
    /// Work for one standard only.
    Single,
    /// Open items of a certificate the organisation holds.
    Maintain,
}

impl PackageKind {
    /// One word, for a narrow column.
    pub fn short(self) -> &'static str {
        match self {
            PackageKind::Shared => "shared",
            PackageKind::Joint => "joint",
            PackageKind::Extend => "extend",
            PackageKind::Single => "single",
            PackageKind::Maintain => "maintain",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            PackageKind::Shared => "shared element",
            PackageKind::Joint => "joint work",
            PackageKind::Extend => "extend what is in place",
            PackageKind::Single => "one standard",
            PackageKind::Maintain => "keep a certificate",
        }
    }
}

/// One work package, in its place in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanStep {
    /// Its place, from 1.
    pub rank: usize,
    /// A title in plain words: the document it writes, the element it
    /// sets up, or the work it does.
    pub title: String,
    /// What sort of work it is.
    pub kind: PackageKind,
    /// The project phase it belongs to; null for the open items of a live
    /// certificate.
    pub phase: Option<Phase>,
    /// The standards it serves, in catalogue order.
    pub standards: Vec<String>,
    /// The items it closes, with their status now.
    pub items: Vec<PlanItem>,
    /// What to reuse for them: in-place sources from the crosswalk.
    pub reuse: Vec<PlanReuse>,
    /// Person-days it takes, after reuse and without it; null when a
    /// catalogue gives no estimates.
    pub effort: Option<Effort>,
    /// The most urgent risk priority among its items.
    pub priority: Option<Priority>,
    /// Ranks of the packages it waits for.
    pub after: Vec<usize>,
    /// For each package it waits for, one item that waits, and why.
    pub waits: Vec<PlanWait>,
    /// What decided its place among the packages ready with it.
    pub why: Why,
    /// Its first working day; null without a calendar.
    pub start: Option<Date>,
    /// Its last working day; null without a calendar.
    pub end: Option<Date>,
    /// How many people share it; null without a calendar.
    pub people: Option<u32>,
    /// Head-start points it adds to each standard, done on its own from today.
    pub gain: Vec<Figure>,
    /// The sum of `gain`.
    pub total_gain: f64,
    /// The coverage of each standard once it and every package before it are done.
    pub coverage_after: Vec<Figure>,
    /// Owners named on its items in the status file.
    pub owners: Vec<String>,
    /// The earliest due date on its items.
    pub due: Option<Date>,
    /// Whether that date has passed (judged against `--as-of`).
    pub overdue: bool,
    /// Whether the calendar ends it after that date.
    pub late: bool,
}

/// An item a package closes.
#[derive(Debug, Clone, Serialize)]
pub struct PlanItem {
    /// The standard's key.
    pub standard: String,
    /// The item's id.
    pub id: String,
    /// Its official title.
    pub title: String,
    /// Its status now; null when not assessed.
    pub status: Option<Status>,
    /// Its owner, if the status file names one.
    pub owner: Option<String>,
    /// Its due date, if the status file gives one.
    pub due: Option<Date>,
    /// Its risk priority, own or from a heading above it.
    pub priority: Option<Priority>,
    /// Person-days it needs, after reuse and without it; null when its
    /// catalogue gives no estimate.
    pub effort: Option<Effort>,
    /// Whether the effort is the status file's own estimate.
    pub own_estimate: bool,
}

/// What can be reused for one item of a package.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReuse {
    /// The standard of the item.
    pub standard: String,
    /// The item.
    pub id: String,
    /// The in-place sources, strongest first.
    pub sources: Vec<PlanSource>,
    /// How much of the item they satisfy together, 0 to 1.
    pub weight: f64,
    /// What the item still needs beyond the strongest source.
    pub residual: Option<String>,
}

/// One in-place source of reuse.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSource {
    /// Its standard.
    pub standard: String,
    /// Its id, as the crosswalk names it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its status.
    pub status: Status,
    /// How much of the item it satisfies when fully in place.
    pub weight: f64,
}

/// Why a package waits for another.
#[derive(Debug, Clone, Serialize)]
pub struct PlanWait {
    /// The rank of the package waited for.
    pub rank: usize,
    /// An item of this package that waits.
    pub item: ItemRef,
    /// The item of the other package it waits for.
    pub waits_for: ItemRef,
    /// The catalogue's reason, if it gives one.
    pub reason: Option<String>,
    /// Whether the waiting item is an open item of a certificate held that
    /// the other item's work closes (the crosswalk's reuse), rather than a
    /// dependency the catalogue names.
    pub closes: bool,
}

/// What decided a package's place among those ready with it: the first
/// rule, in the plan's order of rules, on which it beat the next best.
#[derive(Debug, Clone, Serialize)]
pub struct Why {
    /// The rule.
    pub rule: Rule,
    /// How many other packages were ready at the same point.
    pub ready_with: usize,
    /// Person-days of the longest chain of work that waits for it,
    /// directly or through others (its own included); in packages when a
    /// catalogue gives no estimates.
    pub chain: f64,
    /// Whether `chain` counts packages rather than person-days.
    pub chain_in_steps: bool,
    /// Its head-start points, across the standards.
    pub gain: f64,
}

/// The rules that order packages ready at the same point, in the order
/// they are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Nothing else was ready.
    OnlyReady,
    /// Open items of a live certificate come first.
    LiveCertificate,
    /// Of the live certificate's work, it is due soonest.
    LiveCertificateDue,
    /// It belongs to an earlier phase than the other work ready.
    EarlierPhase,
    /// The risk treatment gives it a higher priority.
    Priority,
    /// A longer chain of later work waits for it.
    LongestChain,
    /// It adds the most head-start points.
    Gain,
    /// It is due sooner.
    Due,
    /// Equal on every rule: catalogue order.
    CatalogueOrder,
}

/// A figure for one standard.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The standard's key.
    pub standard: String,
    /// The figure: points or percent; null when nothing is applicable.
    pub value: Option<f64>,
}
