//! The gap report as JSON: the report structure serialised as it is, so the
//! field documentation in `analysis::report` is the format's documentation.

use crate::analysis::GapReport;
use crate::render::Rendered;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &GapReport) -> Rendered {
    crate::render::json(report)
}
