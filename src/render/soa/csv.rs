//! The Statement of Applicability as CSV for a spreadsheet.

use super::{HEADER, cells};
use crate::analysis::soa::SoaReport;
use crate::render::Rendered;

/// RFC 4180, formula cells neutralised.
pub fn render(report: &SoaReport) -> Rendered {
    crate::render::csv::document(
        HEADER,
        report.rows.iter().map(|row| cells(row).to_vec()).collect(),
    )
}
