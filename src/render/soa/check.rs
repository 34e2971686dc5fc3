//! `ims soa --check` in words: one line per control an auditor would
//! reject, and the verdict.

use crate::analysis::soa::{Rejected, Rejection, SoaReport};

/// One line per rejected control: `std A.5.7 Threat intelligence:
/// applicable, with no reason or justification for including it`.
pub fn lines(report: &SoaReport, rejections: &[Rejection]) -> Vec<String> {
    rejections
        .iter()
        .map(|r| {
            let problem = match (r.why, &r.source) {
                (Rejected::Unjustified, None) => {
                    "applicable, with no reason or justification for including it"
                }
                (Rejected::Unjustified, Some(_)) => {
                    "applicable, with no justification for including it"
                }
                (Rejected::ExclusionUnjustified, _) => {
                    "excluded, with no justification for excluding it"
                }
                (Rejected::Undecided, _) => "not decided: neither included nor excluded",
            };
            match &r.source {
                None => format!("{} {} {}: {problem}", report.standard, r.id, r.title),
                Some(source) => {
                    format!(
                        "additional control {} {} ({source}): {problem}",
                        r.id, r.title
                    )
                }
            }
        })
        .collect()
}

/// The verdict over every control, standard's and additional.
pub fn verdict(report: &SoaReport, rejections: &[Rejection]) -> String {
    let controls = report.rows.len() + report.additional.len();
    if rejections.is_empty() {
        format!(
            "the Statement of Applicability would pass: all {controls} controls are decided, each with its reason or justification"
        )
    } else {
        format!(
            "{} of {controls} controls would be rejected by an auditor",
            rejections.len()
        )
    }
}
