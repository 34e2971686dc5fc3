//! The gap report, one file per format: a terminal table, JSON, CSV,
//! Markdown and a self-contained HTML page. This module holds the words the
//! formats share.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod table;

use crate::analysis::{GapReport, OverlapPair, OverlapRow, OverlapState};

/// The report's title: "Gap analysis", towards the target if there is one,
/// and the organisation.
pub fn title(report: &GapReport, organisation: &str) -> String {
    match &report.target {
        Some(target) => format!("Gap analysis towards {target}: {organisation}"),
        None => format!("Gap analysis: {organisation}"),
    }
}

/// The standards with a side in the integrated management system, in the
/// order they first appear.
pub fn integrated_standards(report: &GapReport) -> Vec<&str> {
    let mut standards: Vec<&str> = Vec::new();
    for element in &report.integrated {
        for side in &element.sides {
            if !standards.contains(&side.standard.as_str()) {
                standards.push(&side.standard);
            }
        }
    }
    standards
}

/// What the integrated management system table shows, for `standards`
/// standards.
pub fn integrated_intro(standards: usize) -> String {
    let every = crate::render::every(standards);
    let some = if standards == 2 {
        "one standard only, extend it rather than build a second"
    } else {
        "some of them only, extend it rather than build it again"
    };
    format!(
        "The management-system clauses that {every} standards share. Where one implementation \
         serves {every}, it is run once; where it is in place for {some}."
    )
}

/// A state of the overlap between `pair`'s standards in words: a short label
/// and what it means.
pub fn overlap_words(pair: &OverlapPair, state: OverlapState) -> (String, String) {
    let (source, target) = (&pair.source, &pair.target);
    match state {
        OverlapState::BothInPlace => (
            "run once for both".to_owned(),
            format!("in place for {source} and {target}: one implementation serves both"),
        ),
        OverlapState::SourceOnly => (
            format!("reuse {source}"),
            format!("in place for {source} only: reuse it for {target}"),
        ),
        OverlapState::TargetOnly => (
            format!("reuse {target}"),
            format!("in place for {target} only: reuse it for {source}"),
        ),
        OverlapState::JointGap => (
            "joint gap".to_owned(),
            "in place for neither: one piece of work closes both".to_owned(),
        ),
        OverlapState::Excluded => (
            "excluded".to_owned(),
            "one side is not applicable".to_owned(),
        ),
    }
}

/// The state of one overlap row in words, naming the standard to reuse.
pub fn overlap_label(row: &OverlapRow) -> String {
    match row.state {
        OverlapState::BothInPlace => "run once for both".to_owned(),
        OverlapState::SourceOnly => format!("reuse {}", row.source.standard),
        OverlapState::TargetOnly => format!("reuse {}", row.target.standard),
        OverlapState::JointGap => "joint gap".to_owned(),
        OverlapState::Excluded => "excluded".to_owned(),
    }
}
