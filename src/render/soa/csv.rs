//! The Statement of Applicability as CSV for a spreadsheet.

use super::{Columns, lines};
use crate::analysis::soa::SoaReport;
use crate::render::Rendered;

/// RFC 4180, formula cells neutralised. One table, so the context and the
/// change history, which the workbook and Markdown carry, have no room here.
pub fn render(report: &SoaReport, columns: Columns) -> Rendered {
    crate::render::csv::document(
        &columns.header(),
        lines(report, columns)
            .into_iter()
            .map(|line| line.cells)
            .collect(),
    )
}
