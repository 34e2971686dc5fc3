//! The gap report: everything the analysis found, as plain data. The JSON
//! output is this structure serialised, so every field is documented and
//! its name is part of the stable interface.

use serde::Serialize;

use crate::date::Date;
use crate::model::{Kind, Relationship};
use crate::status::{Assessment, Status, status_label};

pub use crate::snapshot::SCHEMA_VERSION;

/// The result of analysing one status file.
#[derive(Debug, Clone, Serialize)]
pub struct GapReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The status file and who and what it assessed.
    #[serde(flatten)]
    pub header: ReportHeader,
    /// The assessor, if stated.
    pub assessor: Option<String>,
    /// The standard the report is framed towards (`--target`), if any.
    pub target: Option<String>,
    /// One summary per standard in the report, in catalogue order.
    pub standards: Vec<StandardSummary>,
    /// One row per assessable item of each standard in the report.
    pub items: Vec<ItemRow>,
    /// The shared management-system elements: the integrated management system view.
    pub integrated: Vec<SharedElement>,
    /// One row per crosswalk edge between two standards of the report.
    pub overlap: Vec<OverlapRow>,
    /// The overlap rows counted by state, for each pair of standards.
    pub overlap_pairs: Vec<OverlapPair>,
    /// Applicable items that are planned or not implemented.
    pub missing: Vec<ItemStatus>,
    /// Applicable items that are partly implemented.
    pub partial: Vec<ItemStatus>,
    /// Items with no status in the file.
    pub unassessed: Vec<ItemStatus>,
    /// Reuse suggestions, most valuable first.
    pub suggestions: Vec<Suggestion>,
    /// Consistency warnings an auditor would raise.
    pub warnings: Vec<Warning>,
    /// The ratchet against `--baseline`; null when no baseline was given.
    pub baseline: Option<BaselineResult>,
    /// The CI gate and its verdict.
    pub gate: GateResult,
}

/// What every report of one status file opens with: the file, and who and
/// what it assessed. Flattened into each report, so its fields sit at the
/// top level of the JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportHeader {
    /// The status file, as named on the command line.
    pub file: String,
    /// The organisation assessed.
    pub organisation: String,
    /// The scope of the assessment, if stated.
    pub scope: Option<String>,
    /// The assessment date, if stated.
    pub assessed: Option<Date>,
}

impl ReportHeader {
    /// The header of a report on `assessment`.
    pub fn of(assessment: &Assessment) -> Self {
        Self {
            file: assessment.file.clone(),
            organisation: assessment.organisation.clone(),
            scope: assessment.scope.clone(),
            assessed: assessment.assessed,
        }
    }
}

/// Items that went backwards against a baseline.
#[derive(Debug, Clone, Serialize)]
pub struct BaselineResult {
    /// The baseline file, as named on the command line.
    pub file: String,
    /// Items that regressed or are no longer assessed, in the reported standards.
    pub regressions: Vec<Change>,
}

/// How one item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Further along: not-implemented < planned < partial < implemented.
    Improved,
    /// Further back, the ratchet's concern.
    Regressed,
    /// Had no status before, has one now.
    NewlyAssessed,
    /// Had a status before, has none now; the ratchet treats it as a regression.
    NoLongerAssessed,
    /// Declared not applicable.
    Excluded,
    /// Brought back into scope from not applicable.
    Included,
}

impl ChangeKind {
    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Improved => "improved",
            ChangeKind::Regressed => "regressed",
            ChangeKind::NewlyAssessed => "newly assessed",
            ChangeKind::NoLongerAssessed => "no longer assessed",
            ChangeKind::Excluded => "excluded",
            ChangeKind::Included => "included again",
        }
    }

    /// Whether the ratchet fails on it.
    pub fn is_regression(self) -> bool {
        matches!(self, ChangeKind::Regressed | ChangeKind::NoLongerAssessed)
    }
}

/// One item whose status changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The standard's key.
    pub standard: String,
    /// The item's id.
    pub id: String,
    /// Its title, when the catalogue knows the item.
    pub title: String,
    /// The status before; null when not assessed.
    pub old: Option<Status>,
    /// The status after; null when not assessed.
    pub new: Option<Status>,
    /// How it changed.
    pub kind: ChangeKind,
}

/// A reference to an item of a standard.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ItemRef {
    /// The standard's key.
    pub standard: String,
    /// The item's id as the catalogue writes it.
    pub id: String,
}

/// Item counts by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Assessable items in total.
    pub total: usize,
    /// Items that count towards coverage: total minus not applicable.
    pub applicable: usize,
    /// Items implemented.
    pub implemented: usize,
    /// Items partly implemented.
    pub partial: usize,
    /// Items planned.
    pub planned: usize,
    /// Items not implemented.
    pub not_implemented: usize,
    /// Items with no status in the file (counted as applicable, contributing nothing).
    pub not_assessed: usize,
    /// Items declared not applicable.
    pub not_applicable: usize,
}

impl Counts {
    /// Adds one item's status (`None` = not assessed).
    pub fn add(&mut self, status: Option<Status>) {
        self.total += 1;
        match status {
            None => self.not_assessed += 1,
            Some(Status::Implemented) => self.implemented += 1,
            Some(Status::Partial) => self.partial += 1,
            Some(Status::Planned) => self.planned += 1,
            Some(Status::NotImplemented) => self.not_implemented += 1,
            Some(Status::NotApplicable) => self.not_applicable += 1,
        }
        if status != Some(Status::NotApplicable) {
            self.applicable += 1;
        }
    }

    /// Coverage in percent, one decimal: implemented counts 1, partial 0.5.
    /// `None` when nothing is applicable.
    pub fn coverage(&self) -> Option<f64> {
        (self.applicable > 0).then(|| {
            let score = self.implemented as f64 + 0.5 * self.partial as f64;
            round1(100.0 * score / self.applicable as f64)
        })
    }
}

/// Rounds to one decimal place, so output is stable and readable.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Coverage of one standard.
#[derive(Debug, Clone, Serialize)]
pub struct StandardSummary {
    /// The standard's key.
    pub id: String,
    /// Display name with edition.
    pub name: String,
    /// Whether the status file has a section for it.
    pub assessed: bool,
    /// Counts over all assessable items.
    #[serde(flatten)]
    pub counts: Counts,
    /// Coverage in percent (implemented 1, partial 0.5); null when nothing is applicable.
    pub coverage: Option<f64>,
    /// Coverage if every full-coverage reuse suggestion were taken.
    pub projected_coverage: Option<f64>,
    /// Coverage if every reuse were taken at its weight, an item's own status
    /// counting where it is higher: how far the other standards already
    /// carry this one. In percent, like `coverage`; null when nothing is applicable.
    pub head_start: Option<f64>,
    /// Applicable items not implemented that a reuse would cover fully.
    pub fully_reusable: usize,
    /// Applicable items not implemented that a reuse would cover partly, and none fully.
    pub partly_reusable: usize,
    /// Applicable items not implemented and not fully covered by any reuse: new work.
    pub new_work: usize,
    /// Person-days still needed to put every applicable item in place,
    /// after reuse and without it; null when the catalogue gives no estimates.
    pub effort: Option<super::effort::Effort>,
    /// Coverage per reporting group (clause, theme).
    pub groups: Vec<GroupSummary>,
}

/// Coverage of one group of a standard.
#[derive(Debug, Clone, Serialize)]
pub struct GroupSummary {
    /// Id of the item heading the group.
    pub id: String,
    /// Title of the group.
    pub title: String,
    /// Counts over the group's assessable items.
    #[serde(flatten)]
    pub counts: Counts,
    /// Coverage in percent; null when nothing is applicable.
    pub coverage: Option<f64>,
    /// Head start in percent, as for the standard; null when nothing is applicable.
    pub head_start: Option<f64>,
}

/// One assessable item with its status and best reuse, for spreadsheets.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    /// The item.
    #[serde(flatten)]
    pub item: ItemRef,
    /// Official title.
    pub title: String,
    /// Kind of item.
    pub kind: Kind,
    /// Id of the reporting group.
    pub group: String,
    /// Effective status; null when not assessed.
    pub status: Option<Status>,
    /// Id of the heading whose status the item takes, when it has no entry of its own.
    pub inherited_from: Option<String>,
    /// Contribution to coverage: 1, 0.5 or 0; null when not applicable.
    pub contribution: Option<f64>,
    /// Owner, if recorded.
    pub owner: Option<String>,
    /// Due date, if recorded.
    pub due: Option<Date>,
    /// Evidence references, if recorded.
    pub evidence: Vec<String>,
    /// The date of each evidence reference, in the same order; null where
    /// none is given.
    pub evidence_dates: Vec<Option<Date>>,
    /// Justification, if recorded.
    pub justification: Option<String>,
    /// Note, if recorded.
    pub note: Option<String>,
    /// The strongest reuse for the item, if any.
    pub best_reuse: Option<Reuse>,
    /// The item's share of the head start: its own contribution or its
    /// reuse weight, whichever is higher; null when not applicable.
    pub head_start: Option<f64>,
}

/// The short form of a suggestion, attached to an item: its strongest source.
#[derive(Debug, Clone, Serialize)]
pub struct Reuse {
    /// The source to reuse: one item, a heading, or items joined by ` + `.
    pub source: ItemRef,
    /// "source REL this item".
    pub relationship: Relationship,
    /// Whether the reuse covers the item fully or partly.
    pub coverage: Coverage,
    /// How much of the item the reuse satisfies now, 0 to 1.
    pub weight: f64,
    /// What the item still needs beyond the source; null when covered fully.
    pub residual: Option<String>,
}

/// How much of an item a reuse covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// The source covers everything the item asks.
    Full,
    /// The source covers part of what the item asks.
    Partial,
}

impl Coverage {
    /// The output spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Full => "full",
            Coverage::Partial => "partial",
        }
    }
}

/// An item with its status and the details that help close it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemStatus {
    /// The standard's key.
    pub standard: String,
    /// The item's id.
    pub id: String,
    /// Official title.
    pub title: String,
    /// Effective status; null when not assessed.
    pub status: Option<Status>,
    /// Owner, if recorded.
    pub owner: Option<String>,
    /// Due date, if recorded.
    pub due: Option<Date>,
}

/// What a crosswalk edge means for this organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverlapState {
    /// Both sides in place (implemented or partial): run once, serving both.
    BothInPlace,
    /// Only the source is in place: reusable for the target.
    SourceOnly,
    /// Only the target is in place: reusable for the source.
    TargetOnly,
    /// Neither side in place: a joint gap, where one piece of work closes both.
    JointGap,
    /// One side is declared not applicable.
    Excluded,
}

impl OverlapState {
    /// The output spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapState::BothInPlace => "both-in-place",
            OverlapState::SourceOnly => "source-only",
            OverlapState::TargetOnly => "target-only",
            OverlapState::JointGap => "joint-gap",
            OverlapState::Excluded => "excluded",
        }
    }

    /// Every state, in the order reports list them.
    pub const ALL: [OverlapState; 5] = [
        OverlapState::BothInPlace,
        OverlapState::SourceOnly,
        OverlapState::TargetOnly,
        OverlapState::JointGap,
        OverlapState::Excluded,
    ];
}

/// The overlap between one pair of standards, counted by state.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapPair {
    /// The crosswalk's source standard.
    pub source: String,
    /// The crosswalk's target standard.
    pub target: String,
    /// Edges in each state, in the order of [`OverlapState::ALL`].
    pub counts: Vec<StateCount>,
    /// Edges in all.
    pub total: usize,
}

/// How many edges are in one state.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct StateCount {
    /// The state.
    pub state: OverlapState,
    /// How many edges are in it.
    pub count: usize,
}

/// One crosswalk edge and its state.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapRow {
    /// The source end: one item, a heading, or items joined by ` + `.
    pub source: ItemRef,
    /// The target end: one item, a heading, or items joined by ` + `.
    pub target: ItemRef,
    /// "source REL target".
    pub relationship: Relationship,
    /// How much of the target the source satisfies when fully in place.
    pub weight: f64,
    /// How much of the source the target satisfies when fully in place.
    pub reverse_weight: f64,
    /// What the edge means for this organisation.
    pub state: OverlapState,
    /// Effective status of the source (a group's weakest item's); null when not assessed.
    pub source_status: Option<Status>,
    /// Effective status of the target (a group's weakest item's); null when not assessed.
    pub target_status: Option<Status>,
    /// The shared management-system element, if the edge belongs to one.
    pub element: Option<String>,
}

/// How a shared element stands across the standards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SharedState {
    /// Fully in place for every standard: one implementation serves all.
    InPlaceForAll,
    /// Fully in place for some standards: extend it to the others.
    Extend,
    /// Partly in place for every standard, complete for none.
    PartlyInPlace,
    /// Partly in place for some standards, nothing yet for the others.
    Started,
    /// In place for none: one piece of work closes it for all.
    JointGap,
}

impl SharedState {
    /// Every state.
    pub const ALL: [SharedState; 5] = [
        SharedState::InPlaceForAll,
        SharedState::Extend,
        SharedState::PartlyInPlace,
        SharedState::Started,
        SharedState::JointGap,
    ];

    /// The output spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SharedState::InPlaceForAll => "in-place-for-all",
            SharedState::Extend => "extend",
            SharedState::PartlyInPlace => "partly-in-place",
            SharedState::Started => "started",
            SharedState::JointGap => "joint-gap",
        }
    }

    /// The state from the state of each side.
    pub fn of(sides: &[SideState]) -> SharedState {
        let all = |state| sides.iter().all(|side| *side == state);
        let any = |state| sides.contains(&state);
        if all(SideState::InPlace) {
            SharedState::InPlaceForAll
        } else if any(SideState::InPlace) {
            SharedState::Extend
        } else if all(SideState::Partly) {
            SharedState::PartlyInPlace
        } else if any(SideState::Partly) {
            SharedState::Started
        } else {
            SharedState::JointGap
        }
    }
}

/// How one standard's side of a shared element stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SideState {
    /// Every item implemented (or not applicable).
    InPlace,
    /// Something in place, not all of it.
    Partly,
    /// Nothing in place.
    Missing,
}

/// One shared management-system element (policy, internal audit, ...).
#[derive(Debug, Clone, Serialize)]
pub struct SharedElement {
    /// The element's name.
    pub name: String,
    /// How the element stands.
    pub state: SharedState,
    /// Whether one implementation serves every standard without extra work
    /// (every edge of the element is `equal`).
    pub one_serves_all: bool,
    /// The element's items in each standard.
    pub sides: Vec<ElementSide>,
}

/// The items of one standard that make up a shared element.
#[derive(Debug, Clone, Serialize)]
pub struct ElementSide {
    /// The standard's key.
    pub standard: String,
    /// How this side stands.
    pub state: SideState,
    /// The items with their effective statuses.
    pub items: Vec<ItemStatus>,
}

/// An item of one standard that other standards' work can cover, with every
/// source in place.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The item to close.
    pub target: ItemRef,
    /// Its title.
    pub target_title: String,
    /// Its effective status; null when not assessed.
    pub target_status: Option<Status>,
    /// Every source in place, strongest first.
    pub sources: Vec<ReuseSource>,
    /// How much of the item the sources satisfy together, 0 to 1: the
    /// strongest source counts, never a sum.
    pub weight: f64,
    /// Full when the sources cover the item entirely.
    pub coverage: Coverage,
    /// Coverage points of the item's standard that taking the reuse adds.
    pub gain: f64,
    /// Why the strongest source relates to the item.
    pub rationale: String,
    /// What the item still needs after the strongest source; null when covered fully.
    pub residual: Option<String>,
}

/// One source of reuse: an end of a crosswalk edge that is in place.
#[derive(Debug, Clone, Serialize)]
pub struct ReuseSource {
    /// The source's standard.
    pub standard: String,
    /// The source as the crosswalk names it: one id, a heading's id (its
    /// items together), or ids joined by ` + ` (taken together).
    pub id: String,
    /// Its title; a group's titles are joined by `; `.
    pub title: String,
    /// For a heading or group, each item with its status; empty otherwise.
    pub items: Vec<ItemState>,
    /// Its status: the weakest of its items, implemented or partial.
    pub status: Status,
    /// "source REL target".
    pub relationship: Relationship,
    /// How much of the target the source satisfies when fully in place.
    pub weight: f64,
    /// How much it satisfies now: the weight times its level (implemented 1,
    /// partial ½, a group the mean of its items).
    pub contribution: f64,
    /// Why the two relate.
    pub rationale: String,
    /// What the target still needs beyond this source; null when it covers fully.
    pub residual: Option<String>,
}

/// An item id with its effective status.
#[derive(Debug, Clone, Serialize)]
pub struct ItemState {
    /// The item's id.
    pub id: String,
    /// Its effective status; null when not assessed.
    pub status: Option<Status>,
}

/// A consistency problem in the assessment that an auditor would ask about.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    /// Stable code.
    pub code: WarningCode,
    /// What is inconsistent and why it matters.
    pub message: String,
    /// The item concerned.
    pub item: ItemRef,
}

macro_rules! warning_codes {
    ($($variant:ident = $code:literal: $doc:literal,)*) => {
        /// Stable code for each kind of consistency warning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum WarningCode {
            $(#[doc = $doc] $variant,)*
        }

        impl WarningCode {
            /// Every code.
            pub const ALL: &'static [WarningCode] = &[$(WarningCode::$variant,)*];

            /// The kebab-case code.
            pub fn as_str(self) -> &'static str {
                match self { $(WarningCode::$variant => $code,)* }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self { $(WarningCode::$variant => $doc,)* }
            }
        }
    };
}

warning_codes! {
    ExcludedButCounterpartInPlace = "excluded-but-counterpart-in-place": "An item is not-applicable while a mapped item of another standard is in place.",
    EqualItemsDiffer = "equal-items-differ": "Two items mapped as equal have different statuses.",
    Overdue = "overdue": "An item is not implemented and its due date is before the assessment date.",
    ParentStatusUnused = "parent-status-unused": "A heading has a status, but every item beneath it has its own entry, so it applies to nothing.",
    StaleEvidence = "stale-evidence": "Dated evidence is older than the maximum evidence age set for the run.",
}

impl Serialize for WarningCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What fails the CI gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    /// Never fail on findings (coverage minimums still apply).
    #[default]
    Never,
    /// Fail when an applicable item is planned or not implemented.
    Missing,
    /// Fail as for `missing`, and also when an item is partial.
    Partial,
    /// Fail as for `partial`, and also when an item is not assessed.
    Unassessed,
}

impl FailOn {
    /// What an item with this finding is, in words.
    pub fn finding(self) -> &'static str {
        match self {
            FailOn::Never => "in any state",
            FailOn::Missing => "missing (planned or not implemented)",
            FailOn::Partial => "only partly implemented",
            FailOn::Unassessed => "not assessed",
        }
    }

    /// The spelling in settings and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Never => "never",
            FailOn::Missing => "missing",
            FailOn::Partial => "partial",
            FailOn::Unassessed => "unassessed",
        }
    }
}

/// Why the gate failed, for one standard. [`GateFailure::reason`] words
/// it; the command line adds the flag that asked for the check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum GateFailure {
    /// Applicable items with a finding at or above the fail-on level.
    Findings {
        /// The standard's key.
        standard: String,
        /// The finding: missing, partial or unassessed.
        finding: FailOn,
        /// Every item with the finding, in catalogue order.
        items: Vec<String>,
    },
    /// Items whose dated evidence is older than the maximum age.
    StaleEvidence {
        /// The standard's key.
        standard: String,
        /// The maximum age in days.
        max_age_days: u32,
        /// Every item concerned, in catalogue order.
        items: Vec<String>,
    },
    /// Items that went backwards against the baseline.
    Regressed {
        /// The standard's key.
        standard: String,
        /// The baseline file, as named by the user.
        baseline: String,
        /// Every regression, in catalogue order.
        changes: Vec<Change>,
    },
    /// Coverage below the minimum.
    BelowMinimum {
        /// The standard's key.
        standard: String,
        /// The coverage, in percent.
        coverage: f64,
        /// The minimum, in percent.
        minimum: f64,
    },
    /// A minimum for a standard that the report does not cover.
    NotReported {
        /// The standard's key.
        standard: String,
        /// The minimum, in percent.
        minimum: f64,
    },
}

/// How many ids a reason names before it counts the rest.
const IDS_IN_REASON: usize = 5;

/// "N items WHAT: a, b, c, and K more".
fn listing<'a>(ids: impl ExactSizeIterator<Item = &'a str>, what: &str) -> String {
    let count = ids.len();
    let mut named: Vec<&str> = ids.take(IDS_IN_REASON).collect();
    let rest = count.saturating_sub(IDS_IN_REASON);
    let more = format!("and {rest} more");
    if rest > 0 {
        named.push(&more);
    }
    format!(
        "{count} item{} {what}: {}",
        if count == 1 { "" } else { "s" },
        named.join(", ")
    )
}

impl GateFailure {
    /// The standard the failure is about.
    pub fn standard(&self) -> &str {
        match self {
            GateFailure::Findings { standard, .. }
            | GateFailure::StaleEvidence { standard, .. }
            | GateFailure::Regressed { standard, .. }
            | GateFailure::BelowMinimum { standard, .. }
            | GateFailure::NotReported { standard, .. } => standard,
        }
    }

    /// The items concerned, by id; none for a coverage failure.
    pub fn items(&self) -> Vec<&str> {
        match self {
            GateFailure::Findings { items, .. } | GateFailure::StaleEvidence { items, .. } => {
                items.iter().map(String::as_str).collect()
            }
            GateFailure::Regressed { changes, .. } => {
                changes.iter().map(|change| change.id.as_str()).collect()
            }
            GateFailure::BelowMinimum { .. } | GateFailure::NotReported { .. } => Vec::new(),
        }
    }

    /// What went wrong for one item of the failure, in words.
    pub fn item_reason(&self, id: &str) -> String {
        let standard = self.standard();
        match self {
            GateFailure::Findings { finding, .. } => {
                format!("{standard} {id} is {}", finding.finding())
            }
            GateFailure::StaleEvidence { max_age_days, .. } => {
                format!("{standard} {id} has evidence older than {max_age_days} days")
            }
            GateFailure::Regressed {
                changes, baseline, ..
            } => match changes.iter().find(|change| change.id == id) {
                Some(change) => format!(
                    "{standard} {id} regressed since {baseline}: {} -> {}",
                    status_label(change.old),
                    status_label(change.new)
                ),
                None => self.reason(),
            },
            GateFailure::BelowMinimum { .. } | GateFailure::NotReported { .. } => self.reason(),
        }
    }

    /// The failure in one line, naming at most a few items.
    pub fn reason(&self) -> String {
        let standard = self.standard();
        match self {
            GateFailure::Findings { finding, items, .. } => format!(
                "{standard}: {}",
                listing(items.iter().map(String::as_str), finding.finding())
            ),
            GateFailure::StaleEvidence {
                max_age_days,
                items,
                ..
            } => format!(
                "{standard}: {}",
                listing(
                    items.iter().map(String::as_str),
                    &format!("have evidence older than {max_age_days} days")
                )
            ),
            GateFailure::Regressed { changes, .. } => {
                let moves: Vec<String> = changes
                    .iter()
                    .map(|change| {
                        format!(
                            "{} {} -> {}",
                            change.id,
                            status_label(change.old),
                            status_label(change.new)
                        )
                    })
                    .collect();
                format!(
                    "{standard}: {}",
                    listing(moves.iter().map(String::as_str), "regressed")
                )
            }
            GateFailure::BelowMinimum {
                coverage, minimum, ..
            } => format!("{standard}: coverage {coverage}% is below the minimum of {minimum}%"),
            GateFailure::NotReported { minimum, .. } => format!(
                "{standard}: not in the report, so its coverage cannot be checked against {minimum}%"
            ),
        }
    }
}

/// A minimum coverage, for one standard or for all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MinCoverage {
    /// The standard's key; null for every standard in the report.
    pub standard: Option<String>,
    /// The minimum coverage in percent.
    pub percent: f64,
}

/// The gate's settings and verdict.
#[derive(Debug, Clone, Serialize)]
pub struct GateResult {
    /// Whether the gate passed.
    pub passed: bool,
    /// One line per failure, in words; empty when passed.
    pub reasons: Vec<String>,
    /// The same failures, structured, each naming every item concerned.
    pub failures: Vec<GateFailure>,
    /// The `--fail-on` setting.
    pub fail_on: FailOn,
    /// The `--min-coverage` settings.
    pub min_coverage: Vec<MinCoverage>,
    /// Whether stale evidence fails the gate (`--fail-on stale-evidence`).
    pub fail_on_stale_evidence: bool,
    /// The `--max-evidence-age` in days, if set.
    pub max_evidence_age: Option<u32>,
}
