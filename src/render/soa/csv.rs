//! The Statement of Applicability as CSV for a spreadsheet.

use super::{HEADER, lines};
use crate::analysis::soa::SoaReport;
use crate::render::Rendered;

/// RFC 4180, formula cells neutralised.
pub fn render(report: &SoaReport) -> Rendered {
    crate::render::csv::document(
        HEADER,
        lines(report)
            .into_iter()
            .map(|line| line.cells.to_vec())
            .collect(),
    )
}
