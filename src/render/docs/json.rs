//! The register as JSON: the report structure serialised as it is, so the
//! field documentation in `analysis::docs` is the format's documentation.

use crate::analysis::docs::DocsReport;
use crate::render::Rendered;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &DocsReport) -> Rendered {
    crate::render::json(report)
}
