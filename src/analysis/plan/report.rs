//! What `ims plan` reports: the packages in order, with what each closes,
//! reuses, waits for and adds.

use serde::Serialize;

use crate::date::Date;
use crate::status::Status;

/// The plan for one status file.
#[derive(Debug, Clone, Serialize)]
pub struct PlanReport {
    /// Version of the JSON layout.
    pub schema_version: u32,
    /// The status file, as the user named it.
    pub file: String,
    /// The organisation.
    pub organisation: String,
    /// The scope of the assessment, if stated.
    pub scope: Option<String>,
    /// When the assessment was made, if stated.
    pub assessed: Option<Date>,
    /// The standard the plan works towards, when `--target` is given.
    pub target: Option<String>,
    /// Each standard planned for, where it stands now.
    pub standards: Vec<PlanStandard>,
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
}

/// What sort of work a package is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PackageKind {
    /// A management-system element run once for every standard.
    Shared,
    /// A process or control family with the items of other standards it serves.
    Joint,
    /// Items of one standard that extend work already in place for another.
    Extend,
    /// Work for one standard only.
    Single,
}

impl PackageKind {
    /// One word, for a narrow column.
    pub fn short(self) -> &'static str {
        match self {
            PackageKind::Shared => "shared",
            PackageKind::Joint => "joint",
            PackageKind::Extend => "extend",
            PackageKind::Single => "single",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            PackageKind::Shared => "shared element",
            PackageKind::Joint => "joint work",
            PackageKind::Extend => "extend what is in place",
            PackageKind::Single => "one standard",
        }
    }
}

/// One work package, in its place in the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlanStep {
    /// Its place, from 1.
    pub rank: usize,
    /// A title in plain words.
    pub title: String,
    /// What sort of work it is.
    pub kind: PackageKind,
    /// The standards it serves, in catalogue order.
    pub standards: Vec<String>,
    /// The items it closes, with their status now.
    pub items: Vec<PlanItem>,
    /// What to reuse for them: in-place sources from the crosswalk.
    pub reuse: Vec<PlanReuse>,
    /// Ranks of the packages it waits for.
    pub after: Vec<usize>,
    /// For each package it waits for, one item that waits, and why.
    pub waits: Vec<PlanWait>,
    /// Why it sits where it does.
    pub why: String,
    /// Head-start points it adds to each standard, done on its own from today.
    pub gain: Vec<Figure>,
    /// The sum of `gain`, which orders packages that are ready together.
    pub total_gain: f64,
    /// The coverage of each standard once it and every package before it are done.
    pub coverage_after: Vec<Figure>,
    /// Owners named on its items in the status file.
    pub owners: Vec<String>,
    /// The earliest due date on its items.
    pub due: Option<Date>,
    /// Whether that date has passed.
    pub overdue: bool,
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
    pub item: String,
    /// The item of the other package it waits for.
    pub waits_for: String,
    /// The catalogue's reason.
    pub reason: String,
}

/// A figure for one standard.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The standard's key.
    pub standard: String,
    /// The figure: points or percent; null when nothing is applicable.
    pub value: Option<f64>,
}
