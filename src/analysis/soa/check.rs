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
}

codes! {
    CautionCode:
    NothingToShow = "nothing-to-show": "An implemented control with neither an implementation reference nor evidence.",
    StaleEvidence = "stale-evidence": "Dated evidence older than the maximum evidence age set for the run.",
    InheritedFromHeading = "inherited-from-heading": "Applicable controls whose status, reasons and justification all come from a heading's entry.",
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
    /// counts once).
    pub fn rejected_controls(&self) -> usize {
        let mut ids: Vec<(&Option<String>, &str)> = self
            .rejections
            .iter()
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
        code,
        id: Some(id.to_owned()),
        title: Some(title.to_owned()),
        evidence: None,
        date: None,
        age: None,
        count: 1,
        headings: Vec::new(),
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
            code: CautionCode::InheritedFromHeading,
            id: None,
            title: None,
            evidence: None,
            date: None,
            age: None,
            count: inherited,
            headings,
        });
    }
    out
}
