//! The gap report as CSV for spreadsheets: one row per assessable item of
//! each standard, with its status, its contribution to coverage and its
//! best reuse. Summing `contribution` and dividing by the rows that have one
//! gives the coverage; summing `head_start` the same way gives the head start.

use crate::analysis::GapReport;
use crate::render::{Rendered, csv};
use crate::status::NOT_ASSESSED;

/// The header row, in column order.
pub const HEADER: &[&str] = &[
    "standard",
    "id",
    "title",
    "kind",
    "group",
    "status",
    "inherited_from",
    "contribution",
    "owner",
    "due",
    "evidence",
    "evidence_dates",
    "justification",
    "note",
    "reuse_source",
    "reuse_relationship",
    "reuse_coverage",
    "reuse_weight",
    "residual",
    "head_start",
];

/// RFC 4180 CSV with CRLF line ends, formula cells neutralised.
pub fn render(report: &GapReport) -> Rendered {
    csv::document(HEADER, rows(report))
}

/// The cells of every row, in `HEADER` order.
pub fn rows(report: &GapReport) -> Vec<Vec<String>> {
    report
        .items
        .iter()
        .map(|row| {
            let reuse = row.best_reuse.as_ref();
            vec![
                row.item.standard.clone(),
                row.item.id.clone(),
                row.title.clone(),
                row.kind.as_str().to_owned(),
                row.group.clone(),
                row.status.map_or(NOT_ASSESSED, |s| s.as_str()).to_owned(),
                row.inherited_from.clone().unwrap_or_default(),
                row.contribution.map(|c| c.to_string()).unwrap_or_default(),
                row.owner.clone().unwrap_or_default(),
                row.due.map(|d| d.to_string()).unwrap_or_default(),
                // One reference per line, its date on the same line of the
                // next column, so that the sheet reads back unchanged.
                row.evidence
                    .iter()
                    .map(|r| r.replace(['\r', '\n'], " "))
                    .collect::<Vec<_>>()
                    .join("\n"),
                if row.evidence_dates.iter().any(Option::is_some) {
                    row.evidence_dates
                        .iter()
                        .map(|d| d.map(|d| d.to_string()).unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    String::new()
                },
                row.justification.clone().unwrap_or_default(),
                row.note.clone().unwrap_or_default(),
                reuse
                    .map(|r| format!("{}:{}", r.source.standard, r.source.id))
                    .unwrap_or_default(),
                reuse
                    .map(|r| r.relationship.as_str().to_owned())
                    .unwrap_or_default(),
                reuse
                    .map(|r| r.coverage.as_str().to_owned())
                    .unwrap_or_default(),
                reuse.map(|r| r.weight.to_string()).unwrap_or_default(),
                reuse.and_then(|r| r.residual.clone()).unwrap_or_default(),
                row.head_start.map(|h| h.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}
