//! The Statement of Applicability: one row per control of a standard's
//! control set, saying whether it applies, why, how far it is implemented,
//! what implements it (including the other standards' processes reused, from
//! the crosswalk), and the evidence, owner and last review.

use serde::Serialize;

mod check;

pub use check::{Caution, CautionCode, Check, Freshness, Rejected, Rejection, check};

use super::report::{Coverage, ReportHeader, SCHEMA_VERSION};
use super::reuse;
use crate::date::Date;
use crate::model::{Catalog, Kind, Node, Relationship, StandardIndex};
use crate::status::resolve::Statuses;
use crate::status::{
    AdditionalControl, Assessment, Entry, Evidence, Reason, SoaApproval, Status, is_dash,
};

/// Whether a control applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicable {
    /// Included in the management system.
    Yes,
    /// Excluded, with a justification.
    No,
    /// Not assessed yet: the decision is still open.
    Undecided,
}

impl Applicable {
    /// Words for people and spreadsheets.
    pub fn label(self) -> &'static str {
        match self {
            Applicable::Yes => "yes",
            Applicable::No => "no",
            Applicable::Undecided => "not decided",
        }
    }
}

/// Items of another standard that implement a control, or part of it.
#[derive(Debug, Clone, Serialize)]
pub struct Reused {
    /// The other standard's key.
    pub standard: String,
    /// The source as the crosswalk names it: one id, a heading, or ids joined by ` + `.
    pub id: String,
    /// Its title; a group's titles are joined by `; `.
    pub title: String,
    /// Its status, the weakest of its items: implemented or partial.
    pub status: Status,
    /// "source REL control".
    pub relationship: Relationship,
    /// How much of the control it satisfies now, 0 to 1.
    pub weight: f64,
    /// Whether it covers the control fully.
    pub coverage: Coverage,
}

/// One control.
#[derive(Debug, Clone, Serialize)]
pub struct SoaRow {
    /// The control's id.
    pub id: String,
    /// Its official title.
    pub title: String,
    /// Id of its theme (reporting group).
    pub theme: String,
    /// Title of its theme.
    pub theme_title: String,
    /// Whether it applies.
    pub applicable: Applicable,
    /// Why it is included or excluded, as the status file says.
    pub justification: Option<String>,
    /// The reasons for including it: its own, else those of the nearest
    /// heading above it that gives any.
    pub reasons: Vec<Reason>,
    /// The risks it treats.
    pub risks: Vec<String>,
    /// Its effective status; null when not assessed.
    pub status: Option<Status>,
    /// The heading whose status it takes, when it has no entry of its own.
    pub inherited_from: Option<String>,
    /// Where its implementation is described (the entry's `implementation`).
    pub implementation: Option<String>,
    /// The entry's note.
    pub note: Option<String>,
    /// Items of other standards in place that implement it, strongest first.
    pub reused: Vec<Reused>,
    /// Evidence references, with dates where given.
    pub evidence: Vec<Evidence>,
    /// Who is responsible.
    pub owner: Option<String>,
    /// When it was last reviewed.
    pub last_review: Option<Date>,
    /// When it is due, if not yet in place.
    pub due: Option<Date>,
}

/// Counts over the controls.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct SoaSummary {
    /// Controls in the set.
    pub controls: usize,
    /// Controls that apply.
    pub applicable: usize,
    /// Controls excluded.
    pub excluded: usize,
    /// Controls not decided (not assessed).
    pub undecided: usize,
    /// Applicable controls implemented.
    pub implemented: usize,
    /// Applicable controls with neither a reason nor a justification for
    /// inclusion.
    pub without_justification: usize,
    /// Additional controls from other sources, counted in no coverage.
    pub additional: usize,
}

/// The Statement of Applicability of one standard.
#[derive(Debug, Clone, Serialize)]
pub struct SoaReport {
    /// Version of this layout.
    pub schema_version: u32,
    /// The status file and who and what it assessed.
    #[serde(flatten)]
    pub header: ReportHeader,
    /// The standard's key.
    pub standard: String,
    /// The standard's display name.
    pub standard_name: String,
    /// One row per control, in catalogue order.
    pub rows: Vec<SoaRow>,
    /// Controls from other sources, after the standard's own, in file order.
    pub additional: Vec<AdditionalControl>,
    /// The SoA's version and approval, if the status file gives them.
    pub approval: Option<SoaApproval>,
    /// Counts over the rows.
    pub summary: SoaSummary,
    /// Set when `ims soa --check` would reject the statement: it is a
    /// draft, not yet a Statement of Applicability.
    pub draft: Option<Draft>,
}

/// Why a statement is still a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Draft {
    /// Rows neither included nor excluded (additional controls too).
    pub undecided: usize,
    /// Rows `ims soa --check` would reject, the undecided among them.
    pub rejected: usize,
    /// Whether its approval would be rejected (dated before the risk
    /// assessment).
    pub approval_rejected: bool,
}

/// The standards that have controls, in catalogue order.
pub fn standards_with_controls(catalog: &Catalog) -> Vec<StandardIndex> {
    catalog
        .indexes()
        .filter(|&s| {
            catalog.standards[s]
                .items
                .iter()
                .any(|item| item.kind == Kind::Control)
        })
        .collect()
}

/// Builds the Statement of Applicability of the standard at `standard`.
pub fn soa(catalog: &Catalog, assessment: &Assessment, standard: StandardIndex) -> SoaReport {
    let assessed: Vec<StandardIndex> = assessment.sections.iter().map(|s| s.standard).collect();
    let mut all = assessed.clone();
    if !all.contains(&standard) {
        all.push(standard);
    }
    let statuses = Statuses::resolve(catalog, assessment, &all);
    let sources: Vec<StandardIndex> = assessed
        .iter()
        .copied()
        .filter(|&s| s != standard)
        .collect();
    let catalogue = &catalog.standards[standard];
    let mut rows = Vec::new();
    let mut summary = SoaSummary::default();
    for node in catalog
        .leaf_nodes(standard)
        .filter(|&node| catalog.item(node).kind == Kind::Control)
    {
        let item = catalog.item(node);
        let resolved = statuses.get(node);
        let entry = resolved.entry;
        let mut applicable = match resolved.status {
            // `applicable: yes` records the inclusion before the status.
            None if entry.and_then(|e| e.applicable) == Some(true) => Applicable::Yes,
            None => Applicable::Undecided,
            Some(Status::NotApplicable) => Applicable::No,
            Some(_) => Applicable::Yes,
        };
        // Reasons for inclusion say nothing about an excluded control; the
        // risks it would treat are only its own.
        let (reasons, risks) = if applicable == Applicable::No {
            (
                Vec::new(),
                entry.map(|e| e.risks.clone()).unwrap_or_default(),
            )
        } else {
            (
                nearest(assessment, catalog, node, |e| &e.reasons),
                nearest(assessment, catalog, node, |e| &e.risks),
            )
        };
        // A dash next to the reasons of an included control is a blank
        // spreadsheet cell, not a justification that says nothing.
        let justification = entry
            .and_then(|e| e.justification.clone())
            .filter(|text| applicable != Applicable::Yes || reasons.is_empty() || !is_dash(text));
        // Marked not implemented with nothing said for including it, a
        // control has only been looked at: nothing is decided yet, unless
        // the entry says it is included.
        if resolved.status == Some(Status::NotImplemented)
            && entry.and_then(|e| e.applicable) != Some(true)
            && reasons.is_empty()
            && justification.is_none()
        {
            applicable = Applicable::Undecided;
        }
        summary.controls += 1;
        match applicable {
            Applicable::Yes => {
                summary.applicable += 1;
                if justification.is_none() && reasons.is_empty() {
                    summary.without_justification += 1;
                }
                if resolved.status == Some(Status::Implemented) {
                    summary.implemented += 1;
                }
            }
            Applicable::No => summary.excluded += 1,
            Applicable::Undecided => summary.undecided += 1,
        }
        // An excluded control needs no implementation, so nothing is offered for it.
        let reused: Vec<Reused> = if applicable == Applicable::No {
            Vec::new()
        } else {
            reuse::candidates(catalog, &statuses, node, &sources)
                .iter()
                .map(|candidate| {
                    let end = catalog.other(&candidate.link);
                    Reused {
                        standard: catalog.standards[end.standard].key.clone(),
                        id: catalog.end_label(end),
                        title: catalog.end_title(end),
                        status: candidate.status,
                        relationship: candidate.link.relationship,
                        weight: candidate.contribution,
                        coverage: if candidate.contribution >= 1.0 {
                            Coverage::Full
                        } else {
                            Coverage::Partial
                        },
                    }
                })
                .collect()
        };
        rows.push(SoaRow {
            id: item.id.clone(),
            title: item.title.clone(),
            theme: catalogue.items[item.group].id.clone(),
            theme_title: catalogue.items[item.group].title.clone(),
            applicable,
            justification,
            reasons,
            risks,
            status: resolved.status,
            inherited_from: resolved
                .inherited_from
                .map(|h| catalogue.items[h].id.clone()),
            implementation: entry.and_then(|e| e.implementation.clone()),
            note: entry.and_then(|e| e.note.clone()),
            reused,
            evidence: entry.map(|e| e.evidence.clone()).unwrap_or_default(),
            owner: entry.and_then(|e| e.owner.clone()),
            last_review: entry.and_then(|e| e.reviewed),
            due: entry.and_then(|e| e.due),
        });
    }
    let mut report = SoaReport {
        schema_version: SCHEMA_VERSION,
        header: ReportHeader::of(assessment),
        standard: catalogue.key.clone(),
        standard_name: catalogue.name.clone(),
        rows,
        summary: SoaSummary {
            additional: assessment.additional_controls.len(),
            ..summary
        },
        additional: assessment.additional_controls.clone(),
        approval: assessment.soa.clone(),
        draft: None,
    };
    report.draft = draft(&report);
    report
}

/// What keeps a statement a draft, when `ims soa --check` would reject it.
fn draft(report: &SoaReport) -> Option<Draft> {
    let check = check(report, None);
    if check.rejections.is_empty() {
        return None;
    }
    let undecided = report
        .rows
        .iter()
        .filter(|r| r.applicable == Applicable::Undecided)
        .count()
        + report
            .additional
            .iter()
            .filter(|c| c.status.is_none())
            .count();
    Some(Draft {
        undecided,
        rejected: check.rejected_controls(),
        approval_rejected: check.rejections.iter().any(|r| r.why.of_statement()),
    })
}

/// A list of a control's entry (its reasons for inclusion, the risks it
/// treats): its own, else that of the nearest heading above it whose entry
/// gives any.
fn nearest<T: Clone>(
    assessment: &Assessment,
    catalog: &Catalog,
    node: Node,
    list: impl Fn(&Entry) -> &Vec<T>,
) -> Vec<T> {
    let Some(section) = assessment.section(node.standard) else {
        return Vec::new();
    };
    let items = &catalog.standards[node.standard].items;
    let mut current = Some(node.item);
    while let Some(item) = current {
        if let Some(entry) = section.entries.get(&item)
            && !list(entry).is_empty()
        {
            return list(entry).clone();
        }
        current = items[item].parent;
    }
    Vec::new()
}

#[cfg(test)]
mod tests;
