//! `ims diff` as JSON: the report structure serialised as it is, with its
//! `schema_version`.

use crate::analysis::diff::DiffReport;
use crate::render::Rendered;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &DiffReport) -> Rendered {
    crate::render::json(report)
}
