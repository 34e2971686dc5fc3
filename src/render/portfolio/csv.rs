//! The portfolio as CSV for spreadsheets: one row per file, or, with
//! `--each`, one row per item of every file, led by the file and the
//! organisation.

use crate::analysis::GapReport;
use crate::analysis::portfolio::Portfolio;
use crate::render::{Rendered, csv, gap};

/// One row per file: outcome, then coverage, projected coverage, head start,
/// missing items and effort left per standard, then the totals and the
/// gate's reasons.
pub fn render(portfolio: &Portfolio) -> Rendered {
    let mut header: Vec<String> = vec!["file".into(), "organisation".into(), "outcome".into()];
    for key in &portfolio.standards {
        header.push(format!("{key}_coverage"));
        header.push(format!("{key}_projected_coverage"));
        header.push(format!("{key}_head_start"));
        header.push(format!("{key}_missing"));
        header.push(format!("{key}_effort_days"));
    }
    header.extend(["missing", "partial", "unassessed", "warnings", "reasons"].map(str::to_owned));
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let rows = portfolio
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.file.clone(),
                row.organisation.clone(),
                row.outcome.label().to_owned(),
            ];
            for key in &portfolio.standards {
                let figures = row.standard(key);
                cells.push(figures.map(|s| number(s.coverage)).unwrap_or_default());
                cells.push(
                    figures
                        .map(|s| number(s.projected_coverage))
                        .unwrap_or_default(),
                );
                cells.push(figures.map(|s| number(s.head_start)).unwrap_or_default());
                cells.push(figures.map(|s| s.missing.to_string()).unwrap_or_default());
                cells.push(figures.map(|s| number(s.effort_days)).unwrap_or_default());
            }
            cells.push(row.missing.to_string());
            cells.push(row.partial.to_string());
            cells.push(row.unassessed.to_string());
            cells.push(row.warnings.to_string());
            cells.push(row.reasons.join("; "));
            cells
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    csv::document(&header, rows)
}

/// The header of the every-item CSV: the gap CSV's, led by file and
/// organisation.
pub fn each_header() -> Rendered {
    let mut header = vec!["file", "organisation"];
    header.extend(gap::csv::HEADER);
    csv::document(&header, Vec::new())
}

/// One file's rows of the every-item CSV, without a header.
pub fn each_rows(report: &GapReport) -> Rendered {
    csv::records(gap::csv::rows(report).into_iter().map(|row| {
        let mut cells = vec![
            report.header.file.clone(),
            report.header.organisation.clone(),
        ];
        cells.extend(row);
        cells
    }))
}
