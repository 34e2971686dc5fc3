//! `ims soa --check`: what an auditor would reject in a Statement of
//! Applicability, and what an auditor would question. It reads what each
//! row says, not only whether something is written: a justification that
//! says nothing, a risk treatment that names no risk, or an exclusion made
//! once for a whole theme is rejected; implemented controls with nothing to
//! show, old evidence, and rows that only inherit from a heading are
//! warned about.

use serde::Serialize;

use super::{Applicable, SoaReport, SoaRow};
use crate::date::Date;
use crate::status::{Hollow, Reason, Status, says_nothing};

macro_rules! codes {
    ($name:ident: $($variant:ident = $code:literal: $doc:literal,)*) => {
        #[doc = concat!("Stable codes of `ims soa --check`: ", stringify!($name), ".")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(#[doc = $doc] $variant,)*
        }

        impl $name {
            /// Every code.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The kebab-case code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// One line saying what the code means.
            pub fn description(self) -> &'static str {
                match self { $($name::$variant => $doc,)* }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

codes! {
    Rejected:
    Unjustified = "unjustified": "An applicable control with neither a reason nor a justification for including it.",
    ExclusionUnjustified = "exclusion-unjustified": "An excluded control with no justification.",
    Undecided = "undecided": "A control neither included nor excluded.",
    HollowJustification = "hollow-justification": "A justification that says nothing: invisible characters only, or a placeholder such as N/A, -, . or TBD.",
    RiskTreatmentWithoutRisk = "risk-treatment-without-risk": "A control included as risk treatment that names no risk it treats.",
    ExcludedByHeading = "excluded-by-heading": "A control excluded only by its heading's entry, which excludes a whole theme at once, with no justification of its own.",
    ApprovedBeforeRiskAssessment = "approved-before-risk-assessment": "A statement approved before the date of the risk assessment it rests on.",
}

codes! {
    CautionCode:
    NothingToShow = "nothing-to-show": "An implemented control with neither an implementation reference nor evidence.",
    StatusNotAssessed = "status-not-assessed": "An included control whose implementation status is not assessed yet.",
    StaleEvidence = "stale-evidence": "Dated evidence older than the maximum evidence age set for the run.",
    InheritedFromHeading = "inherited-from-heading": "Applicable controls whose status, reasons and justification all come from a heading's entry.",
    SoaIncomplete = "soa-incomplete": "A soa block without the statement's version, its approval, the date of its risk assessment or the version of its risk treatment plan.",
    VersionNotLatest = "version-not-latest": "A statement whose version is not the newest one in its change history.",
    ChangedAfterApproval = "changed-after-approval": "A change in the statement's history dated after its approval.",
    AssessedAfterApproval = "assessed-after-approval": "Statuses assessed after the statement was approved, still under the approved version.",
    StockExclusion = "stock-exclusion": "An exclusion justified by a stock phrase such as Out of scope or Not required, which says nothing about why.",
    CopiedExclusion = "copied-exclusion": "One exclusion justification copied onto five or more controls.",
}

/// How many controls may share one exclusion text before it reads as
/// copied rather than reasoned.
pub const COPIED_EXCLUSIONS: usize = 5;

/// Stock exclusion phrases, compared as [`stock_phrase`] does: they name
/// the decision and give no ground for it.
const STOCK_PHRASES: &[&str] = &[
    "outofscope",
    "notinscope",
    "notrequired",
    "notneeded",
    "notused",
    "notrelevantforus",
];

/// Whether `text` is a stock exclusion phrase: lower case, letters and
/// digits only (`Out of scope.` and `out-of-scope` are both `outofscope`).
fn stock_phrase(text: &str) -> bool {
    let word: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    STOCK_PHRASES.contains(&word.as_str())
}

impl Rejected {
    /// Whether the rejection is of the statement as a whole (its approval),
    /// not of one control.
    pub fn of_statement(self) -> bool {
        self == Rejected::ApprovedBeforeRiskAssessment
    }
}

/// A control an auditor would reject, and why; a control with two
/// problems is listed once for each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The control's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// For an additional control, where it comes from; `None` for the
    /// standard's own.
    pub source: Option<String>,
    /// Why.
    pub why: Rejected,
    /// The justification, for a hollow one; the heading, for an exclusion
    /// made on a heading.
    pub detail: Option<String>,
    /// For a hollow justification, why it says nothing.
    #[serde(skip)]
    pub hollow: Option<Hollow>,
}

/// Something an auditor would question, which does not fail the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Caution {
    /// What kind.
    pub code: CautionCode,
    /// The control concerned, or the heading whose entry holds the evidence;
    /// `None` for a count over the statement.
    pub id: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// The evidence reference, for stale evidence.
    pub evidence: Option<String>,
    /// The evidence's date, for stale evidence.
    pub date: Option<Date>,
    /// Days between that date and the day the age is measured to.
    pub age: Option<i64>,
    /// For the count over the statement: the rows concerned, and the
    /// headings they inherit from.
    pub count: usize,
    /// The headings, for the count.
    pub headings: Vec<String>,
    /// The keys missing from the `soa` block; the controls sharing a
    /// copied exclusion.
    pub items: Vec<String>,
    /// The text of a stock or copied exclusion; the newest version in the
    /// history; the version of a change made after the approval.
    pub detail: Option<String>,
}

/// How old evidence may be: `--max-evidence-age` and the day it is
/// measured to (`--as-of`, or today).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// The most days evidence may be old.
    pub max_age: u32,
    /// The day the age is measured to.
    pub as_of: Date,
}

/// What the check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Check {
    /// What an auditor would reject, in the order of the statement.
    pub rejections: Vec<Rejection>,
    /// What an auditor would question, in the order of the statement, the
    /// count of inherited rows last.
    pub cautions: Vec<Caution>,
    /// The most days evidence may be old, when the run sets it.
    pub max_evidence_age: Option<u32>,
    /// The day evidence age is measured to, when the run sets a limit.
    pub as_of: Option<Date>,
}

impl Check {
    /// How many controls would be rejected (a control with two problems
    /// counts once); a rejection of the statement's approval is none.
    pub fn rejected_controls(&self) -> usize {
        let mut ids: Vec<(&Option<String>, &str)> = self
            .rejections
            .iter()
            .filter(|r| !r.why.of_statement())
            .map(|r| (&r.source, r.id.as_str()))
            .collect();
        ids.dedup();
        ids.len()
    }
}

/// What an auditor would reject and question in a Statement of
/// Applicability: the standard's controls first, then the additional ones.
pub fn check(report: &SoaReport, freshness: Option<Freshness>) -> Check {
    let mut out = Check::default();
    if let Some(soa) = &report.approval
        && let (Some(approved), Some(assessed)) = (soa.approved_on, soa.risk_assessment)
        && approved < assessed
    {
        out.rejections.push(Rejection {
            id: "soa".to_owned(),
            title: "Statement of Applicability".to_owned(),
            source: None,
            why: Rejected::ApprovedBeforeRiskAssessment,
            detail: None,
            hollow: None,
        });
    }
    for row in &report.rows {
        for (why, detail, hollow) in row_problems(row) {
            out.rejections.push(Rejection {
                id: row.id.clone(),
                title: row.title.clone(),
                source: None,
                why,
                detail,
                hollow,
            });
        }
    }
    for control in &report.additional {
        let hollow = control.justification.as_deref().and_then(says_nothing);
        let why = match (control.status, &control.justification, hollow) {
            (None, _, _) => Rejected::Undecided,
            (Some(_), Some(_), Some(_)) => Rejected::HollowJustification,
            (Some(Status::NotApplicable), None, _) => Rejected::ExclusionUnjustified,
            (Some(_), None, _) => Rejected::Unjustified,
            (Some(_), Some(_), None) => continue,
        };
        out.rejections.push(Rejection {
            id: control.id.clone(),
            title: control.title.clone(),
            source: Some(control.source.clone()),
            why,
            detail: hollow.and(control.justification.clone()),
            hollow,
        });
    }
    out.cautions = cautions(report, freshness);
    out.cautions.extend(exclusion_cautions(report));
    out.cautions.extend(approval_cautions(report));
    out.max_evidence_age = freshness.map(|f| f.max_age);
    out.as_of = freshness.map(|f| f.as_of);
    out
}

type Problem = (Rejected, Option<String>, Option<Hollow>);

/// Every reason to reject one of the standard's controls.
fn row_problems(row: &SoaRow) -> Vec<Problem> {
    let hollow = row.justification.as_deref().and_then(says_nothing);
    let hollow_line = || {
        (
            Rejected::HollowJustification,
            row.justification.clone(),
            hollow,
        )
    };
    match row.applicable {
        Applicable::Undecided => vec![(Rejected::Undecided, None, None)],
        // The heading's entry excludes a whole theme; whatever its
        // justification, it is not one per control.
        Applicable::No if row.inherited_from.is_some() => vec![(
            Rejected::ExcludedByHeading,
            row.inherited_from.clone(),
            None,
        )],
        Applicable::No if row.justification.is_none() => {
            vec![(Rejected::ExclusionUnjustified, None, None)]
        }
        Applicable::No if hollow.is_some() => vec![hollow_line()],
        Applicable::No => Vec::new(),
        Applicable::Yes => {
            let mut found = Vec::new();
            if hollow.is_some() {
                found.push(hollow_line());
            } else if row.reasons.is_empty() && row.justification.is_none() {
                found.push((Rejected::Unjustified, None, None));
            }
            if row.reasons.contains(&Reason::RiskTreatment) && row.risks.is_empty() {
                found.push((Rejected::RiskTreatmentWithoutRisk, None, None));
            }
            found
        }
    }
}

/// What an auditor would question: implemented controls with nothing to
/// show, evidence older than the limit (each piece once, at the entry that
/// holds it), and the count of rows that only inherit from a heading.
fn cautions(report: &SoaReport, freshness: Option<Freshness>) -> Vec<Caution> {
    let mut out = Vec::new();
    let mut seen_evidence: Vec<(&str, &str)> = Vec::new();
    let mut inherited = 0;
    let mut headings: Vec<String> = Vec::new();
    let caution = |code, id: &str, title: &str| Caution {
        id: Some(id.to_owned()),
        title: Some(title.to_owned()),
        ..blank_caution(code)
    };
    for row in &report.rows {
        if row.applicable != Applicable::Yes {
            continue;
        }
        if let Some(heading) = &row.inherited_from {
            inherited += 1;
            if !headings.contains(heading) {
                headings.push(heading.clone());
            }
        }
        if row.status.is_none() {
            out.push(caution(CautionCode::StatusNotAssessed, &row.id, &row.title));
        }
        if row.status == Some(Status::Implemented)
            && row.implementation.is_none()
            && row.evidence.is_empty()
        {
            out.push(caution(CautionCode::NothingToShow, &row.id, &row.title));
        }
        let Some(limit) = freshness else {
            continue;
        };
        // Evidence on a heading's entry is listed once, at the heading.
        let holder = row.inherited_from.as_deref().unwrap_or(&row.id);
        for evidence in &row.evidence {
            let Some(date) = evidence.date else {
                continue;
            };
            let age = limit.as_of.days() - date.days();
            if age <= i64::from(limit.max_age)
                || seen_evidence.contains(&(holder, evidence.reference.as_str()))
            {
                continue;
            }
            seen_evidence.push((holder, &evidence.reference));
            let title = if row.inherited_from.is_some() {
                "(the heading's entry)"
            } else {
                &row.title
            };
            out.push(Caution {
                evidence: Some(evidence.reference.clone()),
                date: Some(date),
                age: Some(age),
                ..caution(CautionCode::StaleEvidence, holder, title)
            });
        }
    }
    if inherited > 0 {
        out.push(Caution {
            count: inherited,
            headings,
            ..blank_caution(CautionCode::InheritedFromHeading)
        });
    }
    out
}

/// A caution of `code` with nothing filled in: about the statement as a
/// whole, until a control or a detail is given.
fn blank_caution(code: CautionCode) -> Caution {
    Caution {
        code,
        id: None,
        title: None,
        evidence: None,
        date: None,
        age: None,
        count: 1,
        headings: Vec::new(),
        items: Vec::new(),
        detail: None,
    }
}

/// Exclusions that justify nothing: a stock phrase on one control, and one
/// text copied onto many (each text once, with its controls).
fn exclusion_cautions(report: &SoaReport) -> Vec<Caution> {
    let mut out = Vec::new();
    let mut texts: Vec<(String, Vec<String>)> = Vec::new();
    let own_exclusions = report
        .rows
        .iter()
        .filter(|row| row.applicable == Applicable::No && row.inherited_from.is_none());
    for row in own_exclusions {
        let Some(text) = row.justification.as_deref().map(str::trim) else {
            continue;
        };
        if stock_phrase(text) {
            out.push(Caution {
                id: Some(row.id.clone()),
                title: Some(row.title.clone()),
                detail: Some(text.to_owned()),
                ..blank_caution(CautionCode::StockExclusion)
            });
        }
        match texts.iter_mut().find(|(t, _)| t == text) {
            Some((_, ids)) => ids.push(row.id.clone()),
            None => texts.push((text.to_owned(), vec![row.id.clone()])),
        }
    }
    for (text, ids) in texts {
        if ids.len() >= COPIED_EXCLUSIONS {
            out.push(Caution {
                count: ids.len(),
                items: ids,
                detail: Some(text),
                ..blank_caution(CautionCode::CopiedExclusion)
            });
        }
    }
    out
}

/// What an auditor would question about the statement's approval: parts
/// of the `soa` block missing, a version that is not the newest in the
/// history, changes dated after the approval, and statuses assessed after
/// it.
fn approval_cautions(report: &SoaReport) -> Vec<Caution> {
    let mut out = Vec::new();
    let soa = report.approval.clone().unwrap_or_default();
    let missing: Vec<String> = [
        ("version", soa.version.is_none()),
        ("approved_by", soa.approved_by.is_none()),
        ("approved_on", soa.approved_on.is_none()),
        ("risk_assessment", soa.risk_assessment.is_none()),
        ("risk_treatment_plan", soa.risk_treatment_plan.is_none()),
    ]
    .into_iter()
    .filter(|(_, missing)| *missing)
    .map(|(key, _)| key.to_owned())
    .collect();
    if !missing.is_empty() {
        out.push(Caution {
            count: missing.len(),
            items: missing,
            ..blank_caution(CautionCode::SoaIncomplete)
        });
    }
    // The newest change is the latest dated; of two on one day, the one
    // written last.
    let newest = soa
        .history
        .iter()
        .enumerate()
        .max_by_key(|(at, change)| (change.date, *at))
        .map(|(_, change)| change);
    if let (Some(version), Some(newest)) = (&soa.version, newest)
        && newest.version != *version
    {
        out.push(Caution {
            detail: Some(newest.version.clone()),
            date: Some(newest.date),
            ..blank_caution(CautionCode::VersionNotLatest)
        });
    }
    let Some(approved) = soa.approved_on else {
        return out;
    };
    for change in soa.history.iter().filter(|c| c.date > approved) {
        out.push(Caution {
            detail: Some(change.version.clone()),
            date: Some(change.date),
            ..blank_caution(CautionCode::ChangedAfterApproval)
        });
    }
    if let Some(assessed) = report.header.assessed
        && assessed > approved
    {
        out.push(Caution {
            date: Some(assessed),
            ..blank_caution(CautionCode::AssessedAfterApproval)
        });
    }
    out
}
